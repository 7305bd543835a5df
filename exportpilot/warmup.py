"""Load at start-up what the first requests would otherwise load one by one.

Django imports the URLconf (and through it every view module, openpyxl and the
API's schemas) on the first request, and the register's reference tables (HS
codes, NACE titles, country names, translation catalogues) load on first use.
Together that made the first request of each web worker take 1-2 s. The WSGI
module calls ``warm_up()``; under ``gunicorn --preload`` (how ``exportpilot
serve`` runs it) that happens once, before the workers fork, and they share it.

It ends by freezing the garbage collector's view of what is loaded by then
(``gc.freeze``): the 200,000-odd objects of Django, the apps and the reference
tables live as long as the process, yet every full collection walked them, some
80 ms that landed on whichever request triggered it.

Nothing here touches the database: a connection opened before the fork would be
shared by every worker.
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation

from exportpilot.reference import countries, hs, nace

__all__ = ["warm_up"]


def warm_up() -> None:
    """Import every view, load the reference data and translations, freeze them."""
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and its views)
    hs.hs_description("01")
    nace.nace_title("011100")
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Companies")
            for code, _country in countries.country_choices(language):
                countries.country_name(code, language)
    gc.collect()
    gc.freeze()
