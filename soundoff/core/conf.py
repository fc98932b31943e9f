"""Soundoff's own settings: one defaults dict, overridden by `settings.SOUNDOFF`."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "SITE_NAME": "The Soundoff Gazette",
    "SITE_TAGLINE": "Independent news, and a conversation worth joining",
    "DATASETS_DIR": "../shared/datasets",
    "IP_HASH_SALT": "",
    # Comments
    "COMMENT_MAX_LENGTH": 5000,
    "COMMENT_MIN_LENGTH": 2,
    "COMMENT_NAME_MAX_LENGTH": 50,
    "COMMENT_EDIT_WINDOW_SECONDS": 15 * 60,
    "COMMENT_MIN_SECONDS_ON_PAGE": 3,
    "COMMENT_RATE_LIMIT": "5/60",  # posts / seconds, per reader
    "COMMENT_RATE_LIMIT_PER_IP": "30/60",  # per network address (may be shared)
    "COMMENT_PAGE_SIZE": 50,  # top-level comments per page
    "COMMENT_MAX_VISUAL_DEPTH": 3,
    # Moderation
    "MODERATION_INLINE": True,  # screen in the request; False: all screening in the worker
    "MODERATION_DIGEST_AFTER_MINUTES": 60,  # email moderators when items wait longer
    # Feeds
    "FEED_ARTICLE_COUNT": 30,
    "FEED_COMMENT_COUNT": 50,
    # Newsletter
    "NEWSLETTER_SIGNUP_RATE_LIMIT": "5/3600",  # signups / seconds, per IP address
    "NEWSLETTER_EMAIL_COOLDOWN_SECONDS": 10 * 60,  # at most one email per address per window
}


def get(name: str) -> Any:
    overrides = getattr(settings, "SOUNDOFF", {})
    if name in overrides:
        return overrides[name]
    return DEFAULTS[name]
