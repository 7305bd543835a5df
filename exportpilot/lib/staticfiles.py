"""Static files: Plotly from its package, hashed names and a year-long cache.

The plotly wheel ships ``plotly.min.js`` (the full bundle; it has no partial
one); serving it from there keeps the charts offline and its version in step
with the Python package, without copying 4.8 MB into the repository. Only the
pages that draw charts load it. Every collected file gets a content hash in its
name and is served compressed with ``Cache-Control: max-age=31536000, public,
immutable``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

PLOTLY_PATH = "vendor/plotly.min.js"
#: How a hashed name looks: ``name.0123456789ab.ext``.
HASHED = re.compile(r"\.[0-9a-f]{12}\.[^/]+$")
UNHASH = re.compile(r"\.[0-9a-f]{12}(\.[^./]+)$")


def _plotly_dir() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if path != PLOTLY_PATH:
            return []  # (None would read as a match in Django's ``find``)
        found = str(_plotly_dir() / "plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        storage = FileSystemStorage(location=str(_plotly_dir()))
        storage.prefix = "vendor"  # type: ignore[attr-defined]
        yield "plotly.min.js", storage


class HashedNameFinder(BaseFinder):
    """Finds ``name.0123456789ab.ext`` as ``name.ext`` among the sources.

    Pages name files by their hash once ``collectstatic`` has written the
    manifest; servers that serve from the sources (``runserver``, the tests'
    live server) then still find them. Production serves the collected files
    and never asks a finder. Collects nothing itself.
    """

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        from django.contrib.staticfiles import finders

        plain = UNHASH.sub(r"\1", path)
        if plain == path:
            return []
        found: list[str] = []
        for finder in finders.get_finders():
            if isinstance(finder, HashedNameFinder):
                continue
            result = finder.find(plain, find_all=find_all)  # type: ignore[call-overload]
            if result and not find_all:
                return result
            found.extend(result or [])
        return found

    def list(self, ignore_patterns: Any) -> Any:
        return iter(())


class ManifestStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """Hashed, compressed static files (``app.3f2a9c1b0d4e.js``), cached for a year.

    A file that was never collected (tests and ``manage.py`` commands that run
    without ``collectstatic``) keeps its plain name instead of raising, so a
    page renders anywhere; ``collectstatic`` writes the manifest that production
    serves from.
    """

    manifest_strict = False

    def compress_files(self, paths: Any) -> Any:
        # A hashed name is its content: compressed copies made by an earlier
        # collectstatic are still right, so a warm run does not redo Plotly.
        fresh = [path for path in paths if not self._compressed_already(path)]
        yield from super().compress_files(fresh)

    def _compressed_already(self, name: str) -> bool:
        if not HASHED.search(name):
            return False
        return any(self.exists(f"{name}{suffix}") for suffix in (".gz", ".br"))

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:
            return name


class StaticFilesMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]
    """WhiteNoise, with hashed files cached for a year (``immutable``) rather than
    its default ten: a year is what browsers and proxies honour anyway."""

    FOREVER = 365 * 24 * 60 * 60
