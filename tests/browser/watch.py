"""What a browser test watches: every request URL (to prove no request leaves the site) and
every console error (CSP violations included)."""

from __future__ import annotations

from urllib.parse import urlsplit


class Watch:
    def __init__(self):
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.step = "start"  # named in error reports, to say when it happened

    def attach_page(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        self._errors_of(page)

    def attach_context(self, context) -> None:
        """Every page the context opens, now or later."""
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("page", self._errors_of)

    def _errors_of(self, page) -> None:
        page.on("console", lambda msg: self._error(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self._error(str(exc)))

    def _error(self, text: str) -> None:
        self.errors.append(f"[{self.step}] {text}")

    def foreign(self, origin: str) -> list[str]:
        """Requests to anywhere but `origin` (data:, blob: and about: URLs aside)."""
        own = urlsplit(origin).netloc
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != own
        ]
