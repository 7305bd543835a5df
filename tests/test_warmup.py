"""The web process warms up before its first request, without the database."""

from __future__ import annotations

import gc

from django.conf import settings

from exportpilot.reference import countries, hs, nace
from exportpilot.warmup import warm_up


def test_it_loads_the_reference_data_and_touches_no_database():
    # No ``db`` fixture: pytest-django fails any query made here.
    hs._hs_index.cache_clear()
    nace._nace_titles.cache_clear()
    countries._country_name.cache_clear()
    try:
        warm_up()
        assert gc.get_freeze_count() > 10_000  # Django and the apps, at least
    finally:
        gc.unfreeze()  # the test process goes on allocating and freeing
    assert hs._hs_index.cache_info().currsize == 1
    assert nace._nace_titles.cache_info().currsize == 1
    count = len(countries.country_choices("en"))
    assert countries._country_name.cache_info().currsize >= count * len(
        settings.LANGUAGES
    )
    assert countries.country_name("DEU", "de") == "Deutschland"


def test_the_wsgi_module_warms_up_on_import(monkeypatch):
    import importlib
    import sys

    import exportpilot.warmup as warmup

    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(True))
    monkeypatch.delitem(sys.modules, "exportpilot.wsgi", raising=False)
    importlib.import_module("exportpilot.wsgi")
    assert calls == [True]
