"""The sweeper resumes screening that an outage interrupted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from soundoff.comments.models import CommentStatus
from soundoff.moderation import services
from soundoff.moderation.models import Case, CaseStatus
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_pending_comment_without_a_case_is_screened(article):
    lost = CommentFactory(article=article, status=CommentStatus.PENDING, published_at=None)
    type(lost).objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert services.stale_sweep() == {"resumed": 0, "opened": 1}
    lost.refresh_from_db()
    assert lost.status == CommentStatus.PUBLISHED
    assert Case.objects.get().status == CaseStatus.CLOSED


def test_open_case_left_behind_is_resumed(article, settings, capsys):
    from soundoff.comments import services as cs

    settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_INLINE": False}
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "moderation", "newsroom", "email"],
        }
    }
    comment = cs.comment_create(
        article=article,
        body="A fine comment about the ferry.",
        author_name="Kim",
        poster=cs.Poster(ip="192.0.2.9", reader_key="kim"),
    )
    assert comment.status == CommentStatus.PENDING  # its task never ran (worker down)
    Case.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    call_command("moderation_sweep")
    assert "'resumed': 1" in capsys.readouterr().out
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_fresh_work_is_left_to_the_worker(article):
    CommentFactory(article=article, status=CommentStatus.PENDING, published_at=None)
    assert services.stale_sweep() == {"resumed": 0, "opened": 0}


def test_a_case_that_keeps_failing_goes_to_a_person(article, settings, monkeypatch):
    from soundoff.comments import services as cs

    settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_INLINE": False}
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "moderation", "newsroom", "email"],
        }
    }
    comment = cs.comment_create(
        article=article,
        body="Another fine comment.",
        author_name="Jo",
        poster=cs.Poster(ip="192.0.2.10", reader_key="jo"),
    )
    Case.objects.update(created_at=timezone.now() - timedelta(minutes=5))

    def broken(*, case_id):
        raise RuntimeError("database said no")

    monkeypatch.setattr(services, "case_screen", broken)
    assert services.stale_sweep()["resumed"] == 1
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert Case.objects.get().status == CaseStatus.AWAITING_REVIEW
