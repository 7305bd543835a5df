"""Static files have hashed names and a year's cache; only chart pages load Plotly
(issue 9, point 17)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

YEAR = "max-age=31536000"


@pytest.fixture
def collected(settings: Any, tmp_path: Path) -> Path:
    """collectstatic into a fresh folder: the project's own files and a small
    stand-in for Plotly's 4.8 MB (compressing the real bundle, or the apps'
    API-docs bundles, takes minutes)."""
    vendor = tmp_path / "vendor-src" / "vendor"
    vendor.mkdir(parents=True)
    (vendor / "plotly.min.js").write_text("window.Plotly = {};\n" * 200)
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path / "vendor-src"]
    settings.STATICFILES_FINDERS = [
        "django.contrib.staticfiles.finders.FileSystemFinder"
    ]
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


@pytest.mark.django_db
def test_pages_name_static_files_by_hash_and_they_are_cached_for_a_year(
    collected, client_for, vera, workspace
):
    html = client_for(vera).get("/markets/market/CHN/").content.decode()
    found = re.search(r'src="(/static/vendor/plotly\.min\.[0-9a-f]{12}\.js)"', html)
    assert found, "the chart page loads the hashed Plotly"
    css = re.search(r'href="(/static/css/exportpilot\.[0-9a-f]{12}\.css)"', html)
    assert css
    anonymous = Client()
    for url in (found.group(1), css.group(1)):
        response = anonymous.get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert YEAR in control, control
        assert "immutable" in control, control
        assert response.get("Content-Encoding") == "gzip", url
        response.close()


@pytest.mark.django_db
def test_the_plain_names_are_not_kept(collected):
    assert not (collected / "vendor" / "plotly.min.js").exists()
    assert list((collected / "vendor").glob("plotly.min.*.js"))


@pytest.mark.django_db
def test_without_collectstatic_a_page_still_renders(
    settings, tmp_path, client_for, vera
):
    settings.STATIC_ROOT = tmp_path / "never-collected"
    response = client_for(vera).get("/markets/ranking/")
    assert response.status_code == 200
    assert "/static/css/exportpilot.css" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/companies/",
        "/markets/",
        "/markets/ranking/",
        "/markets/runs/",
        "/markets/datasets/",
        "/markets/products/?q=pumps",
        "/assessments/",
    ],
)
def test_pages_without_charts_do_not_load_plotly(client_for, vera, url):
    response = client_for(vera).get(url)
    assert response.status_code == 200
    assert "plotly" not in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/markets/market/CHN/", "/markets/product-space/"])
def test_chart_pages_load_it(client_for, vera, url):
    response = client_for(vera).get(url)
    assert response.status_code == 200
    assert "vendor/plotly.min" in response.content.decode()


def test_servers_that_serve_sources_find_hashed_names():
    from django.contrib.staticfiles import finders

    found = finders.find("css/exportpilot.0123456789ab.css")
    assert str(found).endswith("exportpilot/static/css/exportpilot.css")
    assert finders.find("css/nothing.0123456789ab.css") is None
    assert finders.find("vendor/plotly.min.0123456789ab.js").endswith("plotly.min.js")
