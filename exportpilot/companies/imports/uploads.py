"""Receive an uploaded import file straight into the upload directory.

``ImportUploadHandler`` writes the upload's chunks to a file with a generated
name while hashing them, and stops reading (``StopUpload``) as soon as the
request has sent more than ``MAX_UPLOAD_BYTES``: nothing bigger is ever stored.
The view installs it before the request body is read, which is why that view
is ``csrf_exempt`` on the outside and ``csrf_protect`` inside (Django's
documented pattern for changing upload handlers).
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopFutureHandlers,
    StopUpload,
)
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from exportpilot.companies.imports.files import (
    EXTENSIONS,
    limit,
    megabytes,
    remove_quietly,
    safe_file_name,
)
from exportpilot.companies.imports.services import upload_root

__all__ = ["ImportUploadForm", "ImportUploadHandler", "StoredUpload"]


class StoredUpload(UploadedFile):  # type: ignore[type-arg]
    """An upload already written to its place, with its size and SHA-256."""

    def __init__(
        self, path: Path, name: str, size: int, sha256: str, content_type: str
    ) -> None:
        super().__init__(
            file=path.open("rb"), name=name, content_type=content_type, size=size
        )
        self.path = path
        self.sha256 = sha256

    def temporary_file_path(self) -> str:
        return str(self.path)


class ImportUploadHandler(FileUploadHandler):
    """Stream the upload to disk, hashing it, and refuse it past the size limit.

    By default the file gets a generated name in the company-import folder.
    With ``directory``, each file goes into a new folder of its own there and
    keeps its (made safe) name: trade files are recognised by their names
    (``BACI_HS22_Y2023_V202501.csv``).
    """

    def __init__(
        self, request: HttpRequest | None = None, *, directory: Path | None = None
    ) -> None:
        super().__init__(request)
        self.directory = directory
        self.received = 0
        self.too_large = False
        self.paths: list[Path] = []
        self.handle: Any = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.directory is not None:
            folder = self.directory / uuid.uuid4().hex
            folder.mkdir(parents=True)
            self.path = folder / safe_file_name(self.file_name or "upload")
        else:
            directory = upload_root()
            directory.mkdir(parents=True, exist_ok=True)
            suffix = Path(safe_file_name(self.file_name or "")).suffix.lower()
            suffix = suffix if suffix in EXTENSIONS else ".upload"
            self.path = directory / f"{uuid.uuid4().hex}{suffix}"
        self.paths.append(self.path)
        self.handle = self.path.open("xb")
        self.digest = hashlib.sha256()
        self.size = 0
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        self.size += len(raw_data)
        if self.received > limit("MAX_UPLOAD_BYTES"):
            self.too_large = True
            self.cleanup()
            raise StopUpload(connection_reset=False)
        self.handle.write(raw_data)
        self.digest.update(raw_data)
        return None

    def file_complete(self, file_size: int) -> StoredUpload:
        self.handle.close()
        self.handle = None
        return StoredUpload(
            self.path,
            name=self.file_name or "upload",
            size=self.size,
            sha256=self.digest.hexdigest(),
            content_type=self.content_type or "application/octet-stream",
        )

    def upload_interrupted(self) -> None:
        self.cleanup()

    def cleanup(self, keep: Path | None = None) -> None:
        """Remove every file this request wrote, except the one kept."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        for path in self.paths:
            if path != keep:
                remove_quietly(path)
                if self.directory is not None:  # its own folder goes too
                    with contextlib.suppress(OSError):
                        path.parent.rmdir()


def too_large_message() -> str:
    return str(
        _("The file is larger than %(max)s, the largest accepted.")
        % {"max": megabytes(limit("MAX_UPLOAD_BYTES"))}
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # an empty file gets the import's own report
        help_text=_("CVR JSON (.json, .ndjson), CSV (.csv) or Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.ndjson,.jsonl,.csv,.txt,.xlsx"}
        ),
    )
