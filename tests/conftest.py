from __future__ import annotations

import pytest
from django.core.cache import cache

from soundoff.comments.forms import CommentForm
from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fake_model(request, monkeypatch):
    """Unless a test asks for the real models, score with a small deterministic stand-in."""
    if request.node.get_closest_marker("real_model"):
        return
    from soundoff.moderation import scoring
    from tests.fakes import fake_score

    def no_deep(text):
        raise scoring.ScoringUnavailable("no semantic tier in this test")

    monkeypatch.setattr(scoring, "score_fast", fake_score)
    monkeypatch.setattr(scoring, "deep_available", lambda: False)
    monkeypatch.setattr(scoring, "score_deep", no_deep)
    monkeypatch.setattr(scoring, "fast_unsure", lambda scores: False)
    monkeypatch.setattr(scoring, "model_default_rules", lambda: {})


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def old_timestamp():
    """A form timestamp old enough to pass the minimum-time-on-page check."""
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    past = timezone.now() - timedelta(seconds=30)
    with mock.patch("time.time", return_value=past.timestamp()):
        return CommentForm().initial["rendered"]


@pytest.fixture
def comment_data(old_timestamp):
    def make(**overrides):
        data = {
            "author_name": "Alex",
            "author_email": "",
            "author_url": "",
            "body": "I think the council made the right call here.",
            "rendered": old_timestamp,
            "nickname": "",
        }
        data.update(overrides)
        return data

    return make


def pytest_collection_modifyitems(config, items):
    import os

    if os.environ.get("TASKS_BACKEND") == "rq":
        return
    skip = pytest.mark.skip(reason="needs TASKS_BACKEND=rq and REDIS_URL (make test-redis)")
    for item in items:
        if "redis" in item.keywords:
            item.add_marker(skip)
