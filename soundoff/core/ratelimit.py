"""Fixed-window rate limits in the shared cache (Redis when several app servers run)."""

from __future__ import annotations

import time

from django.core.cache import cache

from soundoff.core import conf
from soundoff.core.errors import RateLimited


def parse_rate(setting: str) -> tuple[int, int]:
    """A "N/SECONDS" setting from soundoff.core.conf, e.g. "5/60"."""
    limit, _, window = str(conf.get(setting)).partition("/")
    return int(limit), int(window)


def rate_hit(*, key: str, setting: str, message: str) -> None:
    """Count one event for `key`; raise RateLimited (with retry_after) past the limit.

    `message` may use {limit}, {window} and {retry}."""
    limit, window = parse_rate(setting)
    now = int(time.time())
    bucket = f"rl:{key}:{now // window}"
    cache.add(bucket, 0, timeout=window * 2)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=window * 2)
        count = 1
    if count > limit:
        retry = window - (now % window)
        raise RateLimited(
            message.format(limit=limit, window=window, retry=retry), retry_after=retry
        )
