"""Bad input gets a clear message on the page and in the API; nothing stored is lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exportpilot.audit.actors import Actor
from exportpilot.jobs.models import Job, JobStatus
from exportpilot.markets import services
from exportpilot.markets.analysis import AnalysisInputError
from exportpilot.markets.models import (
    AnalysisRun,
    MarketSummary,
    RunStatus,
    TradeDataset,
)

pytestmark = pytest.mark.django_db


def test_a_file_that_is_not_trade_data_is_refused_on_the_page(
    imported, operator, client_for
):
    before = list(TradeDataset.objects.values_list("year", "rows"))
    upload = SimpleUploadedFile("companies.csv", b"name,cvr\nAcme,12345678\n")
    response = client_for(operator).post(
        reverse("markets:dataset_import"), {"file": upload}
    )
    assert response.status_code == 422
    assert "this is not trade data" in response.content.decode()
    assert not Job.objects.filter(kind="markets.import").exists()
    assert list(TradeDataset.objects.values_list("year", "rows")) == before


def test_a_file_that_is_not_trade_data_is_refused_in_the_api(
    imported, operator, api_client_for
):
    (imported / "incoming" / "notes.csv").write_text("hello,world\n1,2\n")
    response = api_client_for(operator).post(
        "/api/v1/markets/imports",
        {"path": "notes.csv"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "not trade data" in str(response.json()["detail"])


def test_a_path_outside_the_data_directory_is_refused(
    imported, operator, api_client_for
):
    response = api_client_for(operator).post(
        "/api/v1/markets/imports",
        {"path": "../../etc/passwd"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_a_broken_baci_file_fails_its_job_with_the_engine_s_message_and_keeps_the_store(
    imported, operator, tiny_raw, django_capture_on_commit_callbacks
):
    from exportpilot.jobs.tasks import run_job

    bad = imported / "incoming" / "BACI_HS22_Y2023_V000000-synthetic.csv"
    bad.write_text("t,i,j,k,v,q\n2023,208,156,ABCDEF,abc,1\n")
    before = list(TradeDataset.objects.values_list("year", "rows", "sha256"))
    membership = operator.memberships.get()
    job = services.start_trade_import(Actor.of(membership), paths=[bad.name])
    with pytest.raises(Exception, match="BACI"):
        run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "line" in job.error
    assert list(TradeDataset.objects.values_list("year", "rows", "sha256")) == before


def test_a_gap_in_years_is_named_and_refuses_the_analysis(
    data_dir, tiny_raw, workspace, maker, tmp_path
):
    from exportpilot.audit.services import Actor
    from exportpilot.engine.trade import write_baci

    gap = tmp_path / "gap"
    write_baci(gap, countries=6, products=20, years=[2019, 2021], seed=3)
    result = services.import_trade_data(
        Actor.system_caller("test").in_workspace(workspace.pk), paths=[gap]
    )
    assert result["gaps"] == [2020]
    run = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    with pytest.raises(AnalysisInputError, match="2020 is missing"):
        services.run_analysis(
            Actor.system_caller("test", workspace_id=run.workspace_id), run=run
        )
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "2020 is missing" in run.error


def test_a_failed_run_keeps_the_results_already_stored(
    analysed, workspace, monkeypatch
):
    from exportpilot.markets import services as svc

    def broken(*args, **kwargs):
        raise AnalysisInputError("DNK exports nothing")

    monkeypatch.setattr(svc, "analyse", broken)
    second = services.create_run(Actor.system_caller("test", workspace_id=workspace.pk))
    with pytest.raises(AnalysisInputError):
        services.run_analysis(
            Actor.system_caller("test", workspace_id=second.workspace_id), run=second
        )
    assert MarketSummary.objects.filter(run=analysed).exists()
    assert AnalysisRun.objects.get(pk=second.pk).status == RunStatus.FAILED


def test_the_gap_is_shown_on_the_datasets_page(
    data_dir, workspace, vera, client_for, tmp_path
):
    from exportpilot.audit.services import Actor
    from exportpilot.engine.trade import write_baci

    write_baci(tmp_path / "g", countries=5, products=10, years=[2019, 2021], seed=3)
    services.import_trade_data(
        Actor.system_caller("test").in_workspace(workspace.pk), paths=[tmp_path / "g"]
    )
    html = client_for(vera).get(reverse("markets:dataset_list")).content.decode()
    assert 'id="year-gaps"' in html
    assert "2020" in html


def test_no_data_means_a_clear_message_when_starting(
    data_dir, alice, client_for, api_client_for
):
    response = client_for(alice).post(reverse("markets:run_start"), {}, follow=True)
    assert "No trade data is imported yet" in response.content.decode()
    api = api_client_for(alice).post(
        "/api/v1/markets/runs", {}, content_type="application/json"
    )
    assert api.status_code == 422
    assert "No trade data" in str(api.json()["detail"])
    assert not AnalysisRun.objects.exists()


def test_a_company_without_products_says_so(
    analysed, make_company, workspace, vera, client_for
):
    company = make_company(workspace, name="Tom ApS")
    html = (
        client_for(vera)
        .get(reverse("markets:company_opportunities", args=[company.pk]))
        .content.decode()
    )
    assert "has no HS products" in html


def test_a_code_the_data_does_not_hold_is_named(
    analysed, maker, vera, client_for, api_client_for, product_codes
):
    from exportpilot.companies.models import Product

    missing = next(c for c in ("010121", "970110", "999999") if c not in product_codes)
    Product.objects.create(company=maker, hs_code=missing)
    html = (
        client_for(vera)
        .get(reverse("markets:company_opportunities", args=[maker.pk]))
        .content.decode()
    )
    assert f"HS22 trade data of the last analysis: {missing}" in html
    body = (
        api_client_for(vera)
        .get(f"/api/v1/markets/companies/{maker.pk}/opportunities")
        .json()
    )
    assert body["unknown_codes"] == [missing]
    assert body["items"]  # the other products still have their rows
