"""Fail safe: with the task worker stopped, comments wait (pending, unpublished); when it
comes back, they are screened and nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from soundoff.comments.models import Comment, CommentStatus
from soundoff.comments.selectors import thread_page
from soundoff.config.env import TASK_QUEUES
from soundoff.moderation.models import AuditEntry, CaseStatus
from tests.factories import ArticleFactory, CommentFactory, posted_by_readers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BODIES = [
    "Thanks for covering the ferry plan, it matters to the north shore.",
    "I disagree with the council, but the reporting here is fair.",
    "Buy cheap watches at http://cheap-watches.example/deal now!!!",
    "Anyone know when the public meeting starts on Wednesday?",
]


def worker(*extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "django",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.2",
        "--no-startup-delay",
        *extra,
    ]


def worker_env() -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "soundoff.config.settings.dev",
            "TASKS_BACKEND": "database",
            "SOUNDOFF_DATA_DIR": str(django_settings.DATA_DIR),
        }
    )
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


def test_comments_wait_while_the_worker_is_down_and_are_processed_after(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}
    }
    settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_INLINE": False}
    article = ArticleFactory()

    running = subprocess.Popen(
        worker(), env=worker_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(1.0)
    running.terminate()  # the worker goes down
    running.wait(timeout=30)

    posted = posted_by_readers(article, BODIES)
    assert [c.status for c in posted] == [CommentStatus.PENDING] * len(BODIES)
    assert thread_page(article=article).total_published == 0
    assert thread_page(article=article).nodes == []
    assert thread_page(article=article, reader_key="r0").nodes[0].awaiting_moderation
    assert DBTaskResult.objects.filter(status="READY").count() == len(BODIES)
    assert AuditEntry.objects.filter(action="moderation.deferred").count() == len(BODIES)

    # It comes back as `soundoff worker` runs it: the models loaded before the first task.
    done = subprocess.run(
        [sys.executable, "-m", "django", "task_worker", "--burst", "--interval", "0.2"],
        env=worker_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Moderation models loaded" in done.stdout

    assert Comment.objects.count() == len(BODIES)  # nothing lost
    statuses = dict(Comment.objects.values_list("body", "status"))
    assert CommentStatus.PENDING not in statuses.values()
    assert statuses[BODIES[2]] != CommentStatus.PUBLISHED  # the spam never went out
    for comment in posted:
        case = comment_case(comment)
        assert case.status in {CaseStatus.CLOSED, CaseStatus.AWAITING_REVIEW}
        assert AuditEntry.objects.filter(case=case, action="moderation.auto").exists()


def comment_case(comment):
    from soundoff.moderation.models import Case

    return Case.objects.get(subject_key=f"comment:{comment.pk}")


def test_the_task_worker_sweeps_up_a_comment_whose_screening_was_lost(article):
    """A comment left pending with no case (its process died between the save and the
    screening) is screened by the sweep that runs in a thread of `soundoff worker`."""
    lost = CommentFactory(
        article=article,
        body="Thanks for covering the ferry plan, it matters to the north shore.",
        status=CommentStatus.PENDING,
        published_at=None,
    )
    Comment.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    running = subprocess.Popen(
        [sys.executable, "-m", "django", "task_worker", "--sweep-every", "0.5"],
        env=worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            lost.refresh_from_db()
            if lost.status != CommentStatus.PENDING:
                break
            time.sleep(0.5)
    finally:
        running.terminate()
        output = running.communicate(timeout=30)[0]
    assert lost.status == CommentStatus.PUBLISHED, output[-3000:]
    assert "'opened': 1" in output
    assert comment_case(lost).status == CaseStatus.CLOSED
