"""Keep link tokens out of every log line.

Assessment links (``/a/<token>/``), set-password links
(``/welcome/<uid>/<token>/``), password-reset links and any other URL that
carries a secret would let whoever reads the logs open them. ``redact`` replaces
each such secret with a short hash (``[token:1a2b3c4d]``), so that log lines of
one link can still be told apart and counted without revealing it:

- everything after ``/a/``, ``/welcome/`` and ``/reset/`` (and
  ``/password_reset/`` or ``/password-reset/`` ``confirm/``) up to the query;
- any other path segment of 22 or more URL-safe characters with letters and
  digits (the shape of ``secrets.token_urlsafe`` and of Django's tokens), so a
  future link token is covered without a new pattern;
- the values of query parameters named like secrets (``token``, ``key``,
  ``code``, ``signature``, ``uid``...), and API tokens (``ep_...``).

``RedactFilter`` applies it to Django's log records (``settings.LOGGING``);
``lib.serverlog.RedactingLogger`` to gunicorn's access and error logs.

>>> redact("GET /a/Zx9qLm3TbK2wYv8RcN4pQs7uEa1dFh6jGi0oUkWl5nA/ HTTP/1.1")  # doctest: +ELLIPSIS
'GET /a/[token:...]/ HTTP/1.1'
>>> redact("Not Found: /companies/12/")
'Not Found: /companies/12/'
"""

from __future__ import annotations

import hashlib
import logging
import re

__all__ = ["RedactFilter", "redact"]

# Link paths and how many segments after them are secret (uid and token).
_LINK_PATHS = re.compile(
    r"(?P<prefix>/a/)(?P<secret>[^/?#\s\"']+)"
    r"|(?P<prefix2>/(?:welcome|reset|password[_-]reset/confirm)/)"
    r"(?P<secret2>[^/?#\s\"']+(?:/[^/?#\s\"']+)?)"
)
_LONG_SEGMENT = re.compile(
    r"(?<=/)(?=[A-Za-z_\-]*\d)(?=[\d_\-]*[A-Za-z])[A-Za-z0-9_\-]{22,}"
)
_SECRET_PARAMS = re.compile(
    r"(?P<prefix>(?<![\w-])(?:token|key|secret|signature|sig|code|uid|uidb64|password)=)"
    r"(?P<secret>[^&;#\s\"']+)",
    re.IGNORECASE,
)
_API_TOKEN = re.compile(r"\bep_[A-Za-z0-9_\-]{20,}")


def _mark(secret: str) -> str:
    if secret.startswith("[token:"):
        return secret
    return "[token:" + hashlib.sha256(secret.encode()).hexdigest()[:8] + "]"


def _link(match: re.Match[str]) -> str:
    if match["prefix"]:
        return match["prefix"] + _mark(match["secret"])
    # Django's reset view redirects to /reset/<uid>/set-password/: a word.
    parts = match["secret2"].split("/")
    kept = [p if p in {"set-password", "done"} else _mark(p) for p in parts]
    return match["prefix2"] + "/".join(kept)


def redact(text: str) -> str:
    """``text`` with every link token replaced by a short hash of it."""
    if "/" not in text and "=" not in text and "ep_" not in text:  # the usual line
        return text
    text = _LINK_PATHS.sub(_link, text)
    text = _LONG_SEGMENT.sub(lambda m: _mark(m[0]), text)
    text = _SECRET_PARAMS.sub(lambda m: m["prefix"] + _mark(m["secret"]), text)
    return _API_TOKEN.sub(lambda m: _mark(m[0]), text)


class RedactFilter(logging.Filter):
    """Redacts a record's message and traceback before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken record is the formatter's to report
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
