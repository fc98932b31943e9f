"""Anonymous readers are recognised by a random first-party cookie, stored only hashed."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings

COOKIE = "so_reader"
MAX_AGE = 60 * 60 * 24 * 365
EDIT_TOKENS_SESSION_KEY = "comment_edit_tokens"


def reader_key(request) -> str:
    raw = request.COOKIES.get(COOKIE, "")
    if not raw:
        raw = getattr(request, "_new_reader_cookie", "")
    if not raw:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{raw}".encode()).hexdigest()[:40]


def ensure_reader(request) -> str:
    """The reader's key, minting a cookie value if the reader has none yet."""
    if not request.COOKIES.get(COOKIE) and not getattr(request, "_new_reader_cookie", ""):
        request._new_reader_cookie = secrets.token_urlsafe(24)
    return reader_key(request)


def set_reader_cookie(request, response):
    new = getattr(request, "_new_reader_cookie", "")
    if new:
        response.set_cookie(
            COOKIE,
            new,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def remember_edit_token(request, comment_id: int, token: str) -> None:
    tokens = dict(request.session.get(EDIT_TOKENS_SESSION_KEY, {}))
    tokens[str(comment_id)] = token
    # Keep the newest few; older ones have expired anyway.
    request.session[EDIT_TOKENS_SESSION_KEY] = dict(list(tokens.items())[-20:])


def edit_tokens(request) -> dict[str, str]:
    if not hasattr(request, "session"):
        return {}
    return request.session.get(EDIT_TOKENS_SESSION_KEY, {})
