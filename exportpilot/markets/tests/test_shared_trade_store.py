"""The shared trade store (issue 17.2): only a platform operator changes it, every
workspace sees each change with who and when, and a run keeps its data version.

Alice administers Sønderborg and is a platform operator; Adam advises in
Sønderborg; Oscar administers Aabenraa. The store is shared by both workspaces.
"""

from __future__ import annotations

import shutil
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from exportpilot.audit.models import Channel
from exportpilot.audit.services import Actor
from exportpilot.engine.trade import describe_store
from exportpilot.jobs.models import Job
from exportpilot.markets import services
from exportpilot.markets.models import TradeDataChange, TradeDataset

pytestmark = pytest.mark.django_db

GOOD = "t,i,j,k,v,q\n2023,208,156,850440,1.5,NA\n"


def _refuses(response: Any) -> None:
    assert response.status_code == 403
    assert "Only a platform operator can change the trade data" in (
        response.content.decode()
    )


def test_an_adviser_cannot_replace_the_shared_data_on_the_page(
    imported, adam, client_for
):
    before = list(TradeDataset.objects.values_list("year", "version"))
    upload = SimpleUploadedFile("BACI_HS22_Y2023_V1.csv", GOOD.encode())

    response = client_for(adam).post(
        reverse("markets:dataset_import"), {"file": upload}
    )

    _refuses(response)
    assert not Job.objects.filter(kind="markets.import").exists()
    assert list(TradeDataset.objects.values_list("year", "version")) == before
    assert not (imported / "uploads" / "trade").exists()  # the file was not kept


def test_an_admin_of_another_workspace_cannot_either(imported, oscar, client_for):
    (imported / "incoming" / "BACI_HS22_Y2023_V1.csv").write_text(GOOD)
    response = client_for(oscar).post(
        reverse("markets:dataset_import"), {"incoming": "BACI_HS22_Y2023_V1.csv"}
    )
    _refuses(response)


def test_an_adviser_cannot_replace_it_through_the_api(imported, adam, api_client_for):
    (imported / "incoming" / "BACI_HS22_Y2023_V1.csv").write_text(GOOD)
    response = api_client_for(adam).post(
        "/api/v1/markets/imports",
        {"path": "BACI_HS22_Y2023_V1.csv"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "platform operator" in response.json()["detail"]
    assert not Job.objects.filter(kind="markets.import").exists()


def test_the_command_names_an_operator_and_refuses_others(imported, adam):
    (imported / "incoming" / "BACI_HS22_Y2023_V1.csv").write_text(GOOD)
    path = str(imported / "incoming" / "BACI_HS22_Y2023_V1.csv")
    before = [p.version for p in describe_store(imported / "trade")]

    with pytest.raises(CommandError, match="adam: Only a platform operator"):
        call_command("markets_import", path, "--user", "adam")

    assert [p.version for p in describe_store(imported / "trade")] == before


def test_an_operator_s_import_is_logged_for_every_workspace(
    imported, operator, oscar, client_for
):
    (imported / "incoming" / "BACI_HS22_Y2023_V1.csv").write_text(GOOD)
    call_command(
        "markets_import",
        str(imported / "incoming" / "BACI_HS22_Y2023_V1.csv"),
        "--user",
        "alice",
        stdout=StringIO(),
    )

    change = TradeDataChange.objects.filter(user=operator, action="replaced").get()
    assert (change.action, change.year, change.user_name) == ("replaced", 2023, "alice")
    assert change.previous_version
    assert change.version == TradeDataset.objects.get(year=2023).version
    for url in (reverse("markets:dataset_list"), reverse("markets:overview")):
        html = client_for(oscar).get(url).content.decode()  # another workspace
        assert 'id="data-changes"' in html
        assert '<td class="who">alice</td>' in html
        assert change.version in html


def test_an_earlier_run_keeps_the_data_it_was_computed_on(
    analysed, tiny_raw, operator, tmp_path
):
    first = dict(analysed.data_versions)
    assert set(first) == {"2022", "2023"}
    stored = [(p.year, p.version) for p in describe_store(services.trade_store())]
    assert stored == [(2022, first["2022"]), (2023, first["2023"])]
    # The operator imports a changed 2023: a new version; the old one stays.
    changed = tmp_path / "changed"
    shutil.copytree(tiny_raw, changed)
    path = next(changed.glob("BACI_HS22_Y2023_*.csv"))
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[: len(lines) // 2]) + "\n")
    services.import_trade_data(
        Actor.system_caller("cli", user=operator, channel=Channel.CLI), paths=[changed]
    )

    current = TradeDataset.objects.get(year=2023).version
    assert current != first["2023"]
    kept = {
        (p.year, p.version)
        for p in describe_store(services.trade_store(), all_versions=True)
    }
    assert (2023, first["2023"]) in kept
    # A run on the recorded versions computes what the earlier run did; a run
    # on the current data does not.
    on_current = services.create_run(
        Actor.system_caller("test", workspace_id=analysed.workspace.pk)
    )
    assert on_current.data_versions["2023"] == current
    services.run_analysis(
        Actor.system_caller("test", workspace_id=on_current.workspace_id),
        run=on_current,
    )
    on_recorded = services.create_run(
        Actor.system_caller("test", workspace_id=analysed.workspace.pk)
    )
    on_recorded.data_versions = first
    on_recorded.save()
    services.run_analysis(
        Actor.system_caller("test", workspace_id=on_recorded.workspace_id),
        run=on_recorded,
    )
    on_current.refresh_from_db()
    on_recorded.refresh_from_db()
    assert on_recorded.summary == analysed.summary
    assert on_current.summary != analysed.summary


def test_old_versions_go_when_no_run_needs_them(imported, operator, tiny_raw, tmp_path):
    before = {p.version for p in describe_store(services.trade_store())}
    changed = tmp_path / "changed"
    shutil.copytree(tiny_raw, changed)
    for path in changed.glob("BACI_HS22_Y*.csv"):
        lines = path.read_text().splitlines()
        path.write_text("\n".join(lines[: len(lines) // 2]) + "\n")

    services.import_trade_data(
        Actor.system_caller("cli", user=operator, channel=Channel.CLI), paths=[changed]
    )  # no run refers to the first versions

    left = {
        p.version for p in describe_store(services.trade_store(), all_versions=True)
    }
    assert not left & before
    pruned = TradeDataChange.objects.filter(action="pruned")
    assert {c.version for c in pruned} == before
