"""Issue 17.4, trade data: the upload is streamed to disk with the size limit and
queued; the request reads no more than the first line, the job does the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exportpilot.jobs.models import Job
from exportpilot.jobs.tasks import run_job
from exportpilot.markets import services

pytestmark = pytest.mark.django_db

NAME = "BACI_HS22_Y2023_V202501.csv"


def _uploads(data_dir: Path) -> list[Path]:
    root = data_dir / "uploads" / "trade"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_upload_over_the_limit_is_refused_while_streaming(
    imported: Path, operator: Any, client_for: Any, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile(
        NAME, b"t,i,j,k,v,q\n" + b"2023,208,156,850440,1,1\n" * 200
    )

    response = client_for(operator).post(
        reverse("markets:dataset_import"), {"file": upload}
    )

    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert _uploads(imported) == []
    assert not Job.objects.filter(kind="markets.import").exists()


def test_the_request_only_stores_the_file_and_the_job_imports_it(
    imported: Path, operator: Any, client_for: Any, monkeypatch: Any, tiny_raw: Path
) -> None:
    calls: list[list[Path]] = []
    real = services.import_trade_data

    def spy(actor: Any, *, paths: Any, **kwargs: Any) -> Any:
        calls.append(list(paths))
        return real(actor, paths=paths, **kwargs)

    monkeypatch.setattr(services, "import_trade_data", spy)
    content = next(tiny_raw.glob("BACI_HS22_Y2023_*.csv")).read_bytes()

    response = client_for(operator).post(
        reverse("markets:dataset_import"),
        {"file": SimpleUploadedFile(NAME, content)},
    )

    job = Job.objects.get(kind="markets.import")
    assert response.status_code == 302
    assert calls == []  # nothing converted while the request waited
    [stored] = _uploads(imported)
    assert stored.name == NAME  # the name says revision and year
    assert stored.read_bytes() == content
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert calls == [[stored]]
    assert _uploads(imported) == []  # the store holds it now
