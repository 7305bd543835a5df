"""Log filters: expected refusals are one line, not a traceback."""

from __future__ import annotations

import logging

__all__ = ["ForbiddenWithoutTraceback"]


class ForbiddenWithoutTraceback(logging.Filter):
    """Drop the traceback of ``django.request``'s 403 records.

    Django logs every ``PermissionDenied`` with its traceback at WARNING. A
    viewer pressing a button they may not use is expected, not a fault: the
    line ("Forbidden (Permission denied): /path") stays, the traceback goes.
    Server errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
