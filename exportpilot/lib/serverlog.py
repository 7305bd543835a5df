"""gunicorn's logger, with link tokens redacted (``lib.redact``).

``exportpilot serve`` and the benchmarks run gunicorn with
``--logger-class exportpilot.lib.serverlog.RedactingLogger``: every atom of the
access log (request line, path, query, referer, headers) and every line of
gunicorn's error log passes through ``redact``, whatever
``--access-logformat`` says.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from exportpilot.lib.redact import RedactFilter, redact


class RedactingLogger(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactFilter) for f in log.filters):
                log.addFilter(RedactFilter())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }
