"""Every market page: members read, viewers cannot write, outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _pages(company_pk: int) -> list[str]:
    return [
        reverse("markets:overview"),
        reverse("markets:markets_export_xlsx"),
        reverse("markets:dataset_list"),
        reverse("markets:run_list"),
        reverse("markets:market_detail", args=["CHN"]),
        reverse("markets:market_export_xlsx", args=["CHN"]),
        reverse("markets:company_opportunities", args=[company_pk]),
        reverse("markets:company_opportunities_xlsx", args=[company_pk]),
        reverse("markets:ranking"),
        reverse("markets:ranking_export", args=["csv"]),
        reverse("markets:ranking_export", args=["xlsx"]),
        reverse("markets:product_space"),
        reverse("markets:product_space_xlsx"),
        reverse("markets:product_search") + "?q=valves",
    ]


def test_it_shows_every_page_to_a_viewer(analysed, maker, vera, client_for):
    client = client_for(vera)
    for url in [*_pages(maker.pk), reverse("markets:run_detail", args=[analysed.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_dashboard_holds_its_charts_and_the_synthetic_label(
    analysed, vera, client_for
):
    response = client_for(vera).get(reverse("markets:market_detail", args=["CHN"]))
    html = response.content.decode()
    assert response.status_code == 200
    for figure in ("figure-treemap", "figure-bars", "figure-scatter"):
        assert f'id="{figure}"' in html
    assert "vendor/plotly.min." in html
    assert "synthetic data" in html


def test_the_pdf_has_the_key_figures(analysed, vera, client_for):
    response = client_for(vera).get(reverse("markets:market_pdf", args=["DEU"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_unknown_market_is_404(analysed, vera, client_for):
    client = client_for(vera)
    assert client.get(reverse("markets:market_detail", args=["ZZZ"])).status_code == 404
    assert (
        client.get(reverse("markets:market_detail", args=["toolong"])).status_code
        == 404
    )


@pytest.mark.parametrize("outsider", ["oscar", "charlie"])
def test_outsiders_get_404_on_workspace_objects(
    request, analysed, maker, outsider, client_for
):
    client = client_for(request.getfixturevalue(outsider))
    for url in (
        reverse("markets:run_detail", args=[analysed.pk]),
        reverse("markets:company_opportunities", args=[maker.pk]),
        reverse("markets:company_opportunities_xlsx", args=[maker.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_oscar_sees_none_of_the_workspace_s_results(analysed, oscar, client_for):
    client = client_for(oscar)
    assert client.get(reverse("markets:market_detail", args=["CHN"])).status_code == 200
    html = client.get(reverse("markets:overview")).content.decode()
    assert "No market analysis yet" in html
    assert client.get(reverse("markets:markets_export_xlsx")).status_code == 404


def test_charlie_gets_404_everywhere(analysed, maker, charlie, client_for):
    client = client_for(charlie)
    for url in _pages(maker.pk):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("name", ["markets:run_start", "markets:dataset_import"])
def test_a_viewer_cannot_start_work(name, analysed, vera, client_for):
    from exportpilot.jobs.models import Job

    before = Job.objects.count()
    assert client_for(vera).post(reverse(name), {}).status_code == 403
    assert Job.objects.count() == before
