"""The web server's access log, without what the privacy promise says is never kept.

Gunicorn's default access line starts with the client's IP address and can carry its user
agent, referrer, query string, cookies and any header. Soundoff stores a reader's address
only as a salted hash, so ``soundoff serve`` logs through :class:`PrivateAccessLogger`:
time, method, path, status, bytes and duration, and nothing about who asked. Paths that
carry a secret (newsletter confirmation and unsubscribe links, reply-unsubscribe links)
are logged with the token masked, so a log file cannot be used to act for a subscriber.

Used as ``gunicorn --logger-class soundoff.config.access_log.PrivateAccessLogger``; the
format is ``ACCESS_LOG_FORMAT``. Only the atoms built here exist, so a custom
``--access-logformat`` cannot bring the address back (unknown atoms print ``-``).
"""

from __future__ import annotations

import os
import re

from gunicorn.glogging import Logger

ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# URL patterns whose last segment is a bearer token (see soundoff/*/urls.py).
_TOKEN_PATH = re.compile(
    r"^(/comments/unsubscribe/|/newsletter/(?:confirm|report|unsubscribe)/)[^/]+"
)


def mask_path(path: str) -> str:
    """``/newsletter/confirm/abc123/`` -> ``/newsletter/confirm/***/``; other paths as they are."""
    return _TOKEN_PATH.sub(r"\1***", path)


class PrivateAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time) -> dict:
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        sent = getattr(resp, "sent", None)
        return {
            "t": self.now(),
            "m": environ.get("REQUEST_METHOD"),
            "U": mask_path(environ.get("PATH_INFO") or ""),
            "H": environ.get("SERVER_PROTOCOL"),
            "s": status,
            "b": str(sent) if sent is not None else "-",
            "B": sent,
            "T": request_time.seconds,
            "D": request_time.seconds * 1_000_000 + request_time.microseconds,
            "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
            "L": f"{request_time.seconds}.{request_time.microseconds:06d}",
            "p": f"<{os.getpid()}>",
        }
