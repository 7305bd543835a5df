"""403, 404, 400 and 500 are pages of the product: its layout, the user's language, a way back."""

from __future__ import annotations

import logging

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.pages.error_urls"


def _is_product_page(body: str, status: int) -> None:
    assert 'class="topbar"' in body  # the product's layout
    assert f'data-status="{status}"' in body
    assert 'href="/"' in body  # the way back to the overview
    assert "css/exportpilot." in body


def test_a_missing_page_is_a_danish_404_in_the_layout(client_for, adam):
    client = client_for(adam)
    client.cookies["django_language"] = "da"
    response = client.get("/companies/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    _is_product_page(body, 404)
    assert "Siden findes ikke" in body
    assert 'lang="da"' in body
    assert "Companies" not in body
    assert "Virksomheder" in body


def test_a_missing_page_is_an_english_404_for_an_english_user(client):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _is_product_page(response.content.decode(), 404)
    assert "Page not found" in response.content.decode()


def test_a_viewer_writing_gets_a_403_page_in_danish(client_for, vera):
    client = client_for(vera)
    client.cookies["django_language"] = "da"
    response = client.post("/companies/new/", {"name": "X"})
    assert response.status_code == 403
    body = response.content.decode()
    _is_product_page(body, 403)
    assert "Ikke tilladt" in body


def test_an_expected_403_is_logged_without_a_traceback(client_for, vera, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(vera).post("/companies/new/", {"name": "X"})
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records, "the 403 is still logged, as one line"
    assert all(r.exc_info is None for r in records)
    assert "Traceback" not in caplog.text
    assert "Forbidden" in caplog.text


def test_a_server_error_keeps_its_traceback_in_the_log(failing_urls, client, caplog):
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/test-boom/")
    assert response.status_code == 500
    assert any(r.exc_info for r in caplog.records if r.name == "django.request")


def test_a_server_error_is_a_page_in_the_users_language(failing_urls, client):
    client.raise_request_exception = False
    client.cookies["django_language"] = "da"
    response = client.get("/test-boom/")
    assert response.status_code == 500
    body = response.content.decode()
    _is_product_page(body, 500)
    assert "Noget gik galt" in body
    assert "a bug" not in body  # nothing of the error itself


def test_the_500_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/anything/")
    with translation.override("da"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    _is_product_page(response.content.decode(), 500)


def test_a_bad_request_is_a_400_page(failing_urls, client):
    client.cookies["django_language"] = "da"
    response = client.get("/test-bad/")
    assert response.status_code == 400
    body = response.content.decode()
    _is_product_page(body, 400)
    assert "Ugyldig forespørgsel" in body
