"""Personal data handling: readers' IP addresses are only ever stored as salted hashes."""

from __future__ import annotations

import hashlib
import hmac

from soundoff.core import conf


def hash_ip(ip: str | None) -> str:
    """Keyed hash of an IP address; the same address gives the same hash on this site only."""
    if not ip:
        return ""
    salt = str(conf.get("IP_HASH_SALT")).encode()
    return hmac.new(salt, ip.strip().encode(), hashlib.sha256).hexdigest()[:32]


def hash_email(email: str | None) -> str:
    if not email:
        return ""
    salt = str(conf.get("IP_HASH_SALT")).encode()
    return hmac.new(salt, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def client_ip(request) -> str:
    """The client address. Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's
    --forwarded-allow-ips); we never trust a client-supplied X-Forwarded-For here."""
    return request.META.get("REMOTE_ADDR", "")
