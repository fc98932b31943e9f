"""Shared helpers for the moderation queue, audit and dashboard tests (no tests here)."""

from __future__ import annotations

from soundoff.comments import services as cs
from soundoff.moderation.models import Case
from soundoff.moderation.roles import staff_create

LINKS = "See https://a.example/x and https://b.example/y for the figures."


def poster(n: int = 1) -> cs.Poster:
    return cs.Poster(ip=f"198.51.100.{n}", reader_key=f"reader-{n}")


def comment(article, body: str, *, n: int = 1, name: str = "Alex", **kw):
    return cs.comment_create(article=article, body=body, author_name=name, poster=poster(n), **kw)


def case_of(comment_obj) -> Case:
    return Case.objects.filter(subject_key=f"comment:{comment_obj.pk}").latest("pk")


def moderator(username: str = "mod", **kw):
    return staff_create(
        username=username,
        email=f"{username}@example.org",
        password="pw-Strong-123",
        role="moderator",
        **kw,
    )


def relax_rate_limit(settings) -> None:
    """Tests post many comments quickly; the per-reader rate limit is not under test."""
    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_RATE_LIMIT": "1000/60"}
