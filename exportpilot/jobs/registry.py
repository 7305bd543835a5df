"""Which function runs each kind of job.

Apps register a handler with ``@job_handler("companies.import")``; the handler
receives the ``Job`` and a ``Progress`` and returns a JSON-ready result. Handlers
are imported from each app's ``jobs.py`` when the app registry is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exportpilot.jobs.models import Job
from exportpilot.jobs.progress import Progress

Handler = Callable[[Job, Progress], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


class UnknownJobKind(LookupError):
    pass


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


def get_handler(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise UnknownJobKind(f"no handler for job kind {kind!r}") from None
