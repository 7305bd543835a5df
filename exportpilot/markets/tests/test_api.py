"""The market API: same permissions as the pages, fixed query counts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BASE = "/api/v1/markets"


def test_a_viewer_reads_datasets_runs_summaries_and_opportunities(
    analysed, maker, vera, api_client_for
):
    client = api_client_for(vera)
    datasets = client.get(f"{BASE}/datasets")
    assert datasets.status_code == 200
    assert [d["year"] for d in datasets.json()["items"]] == [2023, 2022]
    assert all(d["synthetic"] for d in datasets.json()["items"])
    runs = client.get(f"{BASE}/runs").json()
    assert runs["count"] == 1
    assert runs["items"][0]["status"] == "succeeded"
    assert client.get(f"{BASE}/runs/{analysed.pk}").json()["base_year"] == 2023
    summaries = client.get(f"{BASE}/summaries?limit=5").json()
    assert summaries["items"][0]["is_focus"]
    assert len(summaries["items"]) <= 5
    china = client.get(f"{BASE}/summaries/chn")
    assert china.status_code == 200
    assert china.json()["summary"]["market"] == "CHN"
    opportunities = client.get(f"{BASE}/companies/{maker.pk}/opportunities").json()
    assert opportunities["items"]
    assert opportunities["items"][0]["is_focus"]
    ranking = client.get(f"{BASE}/ranking?market=DEU").json()
    assert ranking["markets"] == ["DEU"]
    assert ranking["items"][0]["reasons"]
    search = client.get(f"{BASE}/products?q=8481")
    assert search.status_code == 200
    assert search.json()[0]["code"].startswith("8481")


def test_a_viewer_cannot_start_an_analysis_or_an_import(analysed, vera, api_client_for):
    from exportpilot.markets.models import AnalysisRun

    client = api_client_for(vera)
    assert (
        client.post(f"{BASE}/runs", {}, content_type="application/json").status_code
        == 403
    )
    response = client.post(
        f"{BASE}/imports", {"path": "x.csv"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert AnalysisRun.objects.count() == 1


def test_an_adviser_starts_an_analysis(analysed, adam, api_client_for):
    response = api_client_for(adam).post(
        f"{BASE}/runs", {"base_year": 2023}, content_type="application/json"
    )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"


def test_oscar_gets_404_on_sonderborg_s_objects(analysed, maker, oscar, api_client_for):
    client = api_client_for(oscar)
    assert client.get(f"{BASE}/runs/{analysed.pk}").status_code == 404
    assert client.get(f"{BASE}/companies/{maker.pk}/opportunities").status_code == 404
    assert client.get(f"{BASE}/summaries").status_code == 404  # no analysis of his own
    assert client.get(f"{BASE}/runs").json()["count"] == 0


def test_charlie_has_no_token_access(analysed, charlie, client):
    assert client.get(f"{BASE}/runs").status_code == 401


def test_bad_query_values_are_422(analysed, vera, api_client_for):
    client = api_client_for(vera)
    assert client.get(f"{BASE}/ranking?industry=abc").status_code == 422
    assert client.get(f"{BASE}/summaries?limit=100000").status_code == 422
    assert client.get(f"{BASE}/summaries/c1n").status_code == 422


@pytest.mark.parametrize("limit", [1, 50])
def test_summaries_take_a_fixed_number_of_queries(
    analysed, vera, api_client_for, django_assert_max_num_queries, limit
):
    client = api_client_for(vera)
    with django_assert_max_num_queries(6):
        assert client.get(f"{BASE}/summaries?limit={limit}").status_code == 200
