"""Anonymous readers are recognised by a random first-party cookie, stored only hashed."""

from __future__ import annotations

import hashlib
import json
import secrets

from django.conf import settings

COOKIE = "so_reader"
MAX_AGE = 60 * 60 * 24 * 365
EDIT_COOKIE = "so_edit"
EDIT_COOKIE_MAX_AGE = 20 * 60  # a little longer than the 15-minute edit window
MAX_EDIT_TOKENS = 6


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
    """Write the reader cookie (if newly minted) and the edit tokens (if changed)."""
    new = getattr(request, "_new_reader_cookie", "")
    secure = request.is_secure()
    if new:
        response.set_cookie(
            COOKIE, new, max_age=MAX_AGE, httponly=True, samesite="Lax", secure=secure
        )
    if hasattr(request, "_edit_tokens"):
        response.set_signed_cookie(
            EDIT_COOKIE,
            json.dumps(request._edit_tokens, separators=(",", ":")),
            salt=EDIT_COOKIE,
            max_age=EDIT_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=secure,
        )
    return response


def remember_edit_token(request, comment_id: int, token: str) -> None:
    """Keep the author's edit token in a signed cookie (no server-side session needed)."""
    tokens = dict(edit_tokens(request))
    tokens[str(comment_id)] = token
    request._edit_tokens = dict(list(tokens.items())[-MAX_EDIT_TOKENS:])


def edit_tokens(request) -> dict[str, str]:
    if hasattr(request, "_edit_tokens"):
        return request._edit_tokens
    raw = request.get_signed_cookie(
        EDIT_COOKIE, default="", salt=EDIT_COOKIE, max_age=EDIT_COOKIE_MAX_AGE
    )
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}
