"""Scale-out path: django.tasks on RQ, executed by a real RQ worker process on Redis."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from soundoff.newsroom import services, tasks
from soundoff.newsroom.models import RelatedArticle
from tests.factories import ArticleFactory, SectionFactory, posted_by_readers

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _worker_env() -> dict[str, str]:
    env = os.environ.copy()
    env["DJANGO_SETTINGS_MODULE"] = "soundoff.config.settings.dev"
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{connection.settings_dict['NAME']}"
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
        )
    return env


def test_rq_worker_runs_enqueued_task_through_django_tasks():
    import django_rq

    django_rq.get_queue("newsroom").empty()
    war = SectionFactory(slug="war", name="War")
    a = ArticleFactory(
        headline="Ceasefire talks resume in the valley",
        sections=[war],
        body="Ceasefire talks between the two sides resumed in the valley.",
    )
    b = ArticleFactory(
        headline="Valley ceasefire holds for a second week",
        sections=[war],
        body="The ceasefire in the valley held for a second week of talks.",
    )
    result = tasks.article_relate.enqueue(a.pk)
    assert result.status == "READY"
    assert not RelatedArticle.objects.filter(article=a).exists()

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "rqworker",
            "--burst",
            "--job-class",
            "django_tasks_rq.Job",
            "newsroom",
        ],
        env=_worker_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == [b.pk]
    assert list(RelatedArticle.objects.filter(article=a).values_list("related_id", flat=True)) == [
        b.pk
    ]
    # The same service path enqueues on commit.
    services.article_changed(article_id=b.pk)
    assert django_rq.get_queue("newsroom").count == 1


def test_rq_task_worker_screens_deferred_comments_with_the_models_loaded_at_start(settings):
    """`soundoff worker` on RQ: the models are loaded once, before the first job, and the
    deferred comments are screened."""
    import django_rq

    from soundoff.comments.models import Comment, CommentStatus
    from soundoff.moderation.models import AuditEntry

    for name in settings.TASKS["default"]["QUEUES"]:
        django_rq.get_queue(name).empty()
    settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_INLINE": False}
    article = ArticleFactory()
    bodies = [
        "Thanks for covering the ferry plan, it matters to the north shore.",
        "Buy cheap watches at http://cheap-watches.example/deal now!!!",
        "Anyone know when the public meeting starts on Wednesday?",
    ]
    posted = posted_by_readers(article, bodies)
    assert {c.status for c in posted} == {CommentStatus.PENDING}

    done = subprocess.run(
        [sys.executable, "-m", "django", "task_worker", "--burst"],
        env=_worker_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("Moderation models loaded") == 1
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses[bodies[0]] == CommentStatus.PUBLISHED
    assert statuses[bodies[2]] == CommentStatus.PUBLISHED
    assert statuses[bodies[1]] != CommentStatus.PUBLISHED  # the spam never went out
    assert AuditEntry.objects.filter(action="moderation.auto").count() == len(bodies)
