"""Uploads that are never confirmed do not keep their file (and its personal data)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from exportpilot.cli import app
from exportpilot.companies.imports.services import expire_stale_uploads
from exportpilot.companies.models import CompanyImport
from exportpilot.companies.tests.import_samples import DATA, run_checks, stored_files

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("upload_dir"),
]

START = "/companies/import/"


def upload(client, name="companies_danish_semicolon_bom.csv"):
    file = io.BytesIO((DATA / name).read_bytes())
    file.name = name
    response = client.post(START, {"file": file})
    assert response.status_code == 302
    run_checks()
    return CompanyImport.objects.order_by("-pk").first()


def age(company_import, hours):
    CompanyImport.objects.filter(pk=company_import.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours)
    )


def test_a_day_old_unconfirmed_upload_loses_its_file_and_says_why(
    client_for, adam, upload_dir
):
    client = client_for(adam)
    old, recent = upload(client), upload(client)
    age(old, 25)
    age(recent, 23)
    assert len(stored_files(upload_dir)) == 2

    assert expire_stale_uploads() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.stored_path) == ("failed", "")
    assert "not confirmed within 24 hours" in old.report["problems"][0]["reason"]
    assert recent.status == "validated"
    assert stored_files(upload_dir) == [recent.stored_path.rsplit("/", 1)[-1]]
    page = client.get(reverse("companies:import_preview", args=[old.pk]))
    assert "not confirmed within 24 hours" in page.content.decode()
    assert 'id="import-confirm"' not in page.content.decode()
    confirm = reverse("companies:import_confirm", args=[old.pk])
    assert client.post(confirm).status_code == 409
    old.refresh_from_db()
    assert old.status == "failed"


def test_a_new_upload_clears_stale_ones(client_for, adam, upload_dir):
    client = client_for(adam)
    old = upload(client)
    age(old, 48)
    upload(client)
    old.refresh_from_db()
    assert old.stored_path == ""
    assert len(stored_files(upload_dir)) == 1


def test_a_confirmed_import_is_left_alone(client_for, adam, upload_dir):
    client = client_for(adam)
    confirmed = upload(client)
    client.post(reverse("companies:import_confirm", args=[confirmed.pk]))
    age(confirmed, 48)
    assert expire_stale_uploads() == 0
    confirmed.refresh_from_db()
    assert confirmed.status in ("queued", "running", "done")


def test_the_command_deletes_stale_uploads(client_for, adam, upload_dir):
    old = upload(client_for(adam))
    age(old, 3)
    result = CliRunner().invoke(app, ["import", "cleanup", "--older-than-hours", "2"])
    assert result.exit_code == 0, result.output
    assert "1 stale upload(s) deleted" in result.output
    assert stored_files(upload_dir) == []
