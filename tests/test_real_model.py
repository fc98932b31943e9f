"""The shipped models, end to end through the comment service and the `soundoff` command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from soundoff.comments import services as cs
from soundoff.comments.models import CommentStatus
from soundoff.moderation.models import Case, Policy

pytestmark = [pytest.mark.django_db, pytest.mark.real_model]


def post(article, body, n=1, **kw):
    kw.setdefault("author_name", f"Reader {n}")
    return cs.comment_create(
        article=article,
        body=body,
        author_email="",
        **kw,
        poster=cs.Poster(ip=f"192.0.2.{n}", reader_key=f"real-{n}"),
    )


def screened(article, body, n, capture):
    with capture(execute=True):  # the semantic tier runs as an on-commit task
        comment = post(article, body, n)
    comment.refresh_from_db()
    return comment, Case.objects.filter(subject_key=f"comment:{comment.pk}").latest("pk")


def test_clean_comment_is_published(article, django_capture_on_commit_callbacks):
    comment, case = screened(
        article,
        "Thanks for the clear reporting on the ferry timetable.",
        1,
        django_capture_on_commit_callbacks,
    )
    assert comment.status == CommentStatus.PUBLISHED
    assert case.model_version.startswith("fast-")


def test_religious_hatred_is_not_published_and_explained(
    article, django_capture_on_commit_callbacks
):
    body = "Muslims are vermin and should be driven out of this country."
    comment, case = screened(article, body, 2, django_capture_on_commit_callbacks)
    assert comment.status == CommentStatus.REJECTED
    assert "model.identity_attack" in [r["code"] for r in case.reasons]
    assert any(body[s["start"] : s["end"]].lower() == "vermin" for s in case.spans)


@pytest.mark.parametrize(
    "body",
    [
        "I know where you live and I will kill you and your family.",
        "Great post!!! Make $500 a day from home, visit http://quick-cash.example/join now",
    ],
)
def test_threats_and_spam_are_not_published(article, body, django_capture_on_commit_callbacks):
    comment, _ = screened(article, body, 3, django_capture_on_commit_callbacks)
    assert comment.status != CommentStatus.PUBLISHED


@pytest.mark.parametrize(
    "body",
    [
        "What a gr1ft3r that man is",
        "What a gr\u200bifter that man is",
        "What a griiiifter that man is",
    ],
)
def test_word_lists_see_through_obfuscation(article, body, django_capture_on_commit_callbacks):
    Policy.objects.create(scope="site", disallowed_words="grifter")
    comment, case = screened(article, body, 4, django_capture_on_commit_callbacks)
    assert comment.status == CommentStatus.REJECTED
    assert case.reasons[0]["code"] == "rules.disallowed_word"


def test_soundoff_score_command():
    lines = (
        "\n".join(
            json.dumps({"text": t})
            for t in ["Lovely piece, thank you.", "I will kill you", "not json"]
        )
        + "\n"
    )
    lines = lines.replace('{"text": "not json"}', "not json")
    out = subprocess.run(
        [sys.executable, "-m", "soundoff", "score"],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows[0]["verdict"] == "publish"
    assert rows[1]["verdict"] in {"hold", "reject"} and rows[1]["scores"]["threat"] > 0.5
    assert "error" in rows[2]


# The semantic tier reads what a bag of words cannot. Each sentence below was written for this
# test (not taken from a data set or an evaluation suite); the fast tier alone gets each one
# wrong, and the site, through the cascade, gets it right.
@pytest.mark.parametrize(
    ("body", "published"),
    [
        # counter-speech that repeats the slander it rejects
        (
            "Nobody in this thread is saying Muslims are terrorists, so stop pretending they are.",
            True,
        ),
        # implicit derogation without a single hostile word
        ("Women just are not cut out for leadership, it is biology.", False),
    ],
)
def test_the_semantic_tier_corrects_the_fast_tier(
    article, body, published, django_capture_on_commit_callbacks
):
    from soundoff.classifier import default_verdict, load_default

    fast_says_publish = default_verdict(load_default().score(body).scores) == "publish"
    assert fast_says_publish != published  # the fast tier alone would get this wrong
    comment, case = screened(article, body, 5, django_capture_on_commit_callbacks)
    assert (comment.status == CommentStatus.PUBLISHED) == published
    assert "+minilm" in case.model_version  # decided by the cascade


@pytest.mark.parametrize(
    "body",
    [
        "As a gay dad of two, I found this piece really moving.",
        "That fucking ferry is late again, third time this week.",
    ],
)
def test_identity_mentions_and_swearing_alone_are_published(
    article, body, django_capture_on_commit_callbacks
):
    comment, _ = screened(article, body, 6, django_capture_on_commit_callbacks)
    assert comment.status == CommentStatus.PUBLISHED
