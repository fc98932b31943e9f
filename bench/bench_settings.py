"""Settings for benchmarks: the dev settings, with the per-reader limits raised.

The benchmark posts hundreds of comments a second from one address, which the
production rate limit (and the minimum time on the page) would rightly refuse.
BENCH_RATE_LIMIT and BENCH_MIN_SECONDS override them (defaults: 1000000/60 and 0).
BENCH_MODERATION_INLINE=0 measures the other screening mode: the POST only saves the
comment and queues its screening for the worker (SOUNDOFF["MODERATION_INLINE"] = False).
"""

import os

from soundoff.config.settings.dev import *  # noqa: F403
from soundoff.config.settings.dev import SOUNDOFF

SOUNDOFF = {
    **SOUNDOFF,
    "COMMENT_RATE_LIMIT": os.environ.get("BENCH_RATE_LIMIT", "1000000/60"),
    "COMMENT_MIN_SECONDS_ON_PAGE": int(os.environ.get("BENCH_MIN_SECONDS", "0")),
    "COMMENT_RATE_LIMIT_PER_IP": os.environ.get("BENCH_RATE_LIMIT", "1000000/60"),
    "MODERATION_INLINE": os.environ.get("BENCH_MODERATION_INLINE", "1") != "0",
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
