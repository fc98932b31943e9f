"""Comment services: the state machine, edits, likes, reports, notifications, fail-safe."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from soundoff.comments import services
from soundoff.comments.models import Comment, CommentStatus, Like
from soundoff.core.errors import InvalidTransition
from soundoff.moderation.models import AuditEntry, Case, CaseStatus, Policy
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
ALEX = services.Poster(ip="198.51.100.7", reader_key="reader-alex")
SAM = services.Poster(ip="198.51.100.8", reader_key="reader-sam")


def create(article, body="A fair point about the bridge.", poster=ALEX, **kw):
    kw.setdefault("author_name", "Alex")
    return services.comment_create(article=article, body=body, poster=poster, **kw)


def test_every_comment_is_saved_pending_before_screening(article):
    seen = []

    def spy(case, subject):
        seen.append(Comment.objects.get(pk=int(subject.key.split(":")[1])).status)
        raise RuntimeError("moderation is down")

    with mock.patch("soundoff.moderation.services.case_run", side_effect=spy):
        comment = create(article)
    assert seen == [CommentStatus.PENDING]
    # Moderation failed: the comment waits (never published unscreened) and the gap is audited.
    assert comment.status == CommentStatus.PENDING
    gap = AuditEntry.objects.get(action="moderation.gap")
    assert gap.subject_key == f"comment:{comment.pk}"


def test_a_comment_is_kept_when_its_case_cannot_be_opened(article):
    with mock.patch(
        "soundoff.moderation.services.case_start", side_effect=RuntimeError("database hiccup")
    ):
        comment = create(article)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING  # saved, not published, not lost
    assert not Case.objects.exists()
    gap = AuditEntry.objects.get(action="moderation.gap")
    assert gap.subject_key == f"comment:{comment.pk}"


def test_screening_error_inside_pipeline_holds_for_review(article):
    with mock.patch("soundoff.moderation.pipeline.screen", side_effect=RuntimeError("boom")):
        comment = create(article)
    assert comment.status == CommentStatus.HELD
    case = Case.objects.get()
    assert case.status == CaseStatus.AWAITING_REVIEW
    assert case.reasons[0]["code"] == "system.screening_failed"


@pytest.mark.parametrize(
    ("start", "target", "ok"),
    [
        (CommentStatus.PENDING, CommentStatus.PUBLISHED, True),
        (CommentStatus.HELD, CommentStatus.REJECTED, True),
        (CommentStatus.REMOVED, CommentStatus.PENDING, False),
        (CommentStatus.REMOVED, CommentStatus.REJECTED, False),
        (CommentStatus.REJECTED, CommentStatus.PUBLISHED, True),
    ],
)
def test_state_machine_guards_transitions(start, target, ok):
    comment = CommentFactory(status=start)
    if ok:
        comment.check_transition(target)
    else:
        with pytest.raises(InvalidTransition):
            comment.check_transition(target)


def test_exact_duplicate_on_same_article_is_rejected_as_spam(article):
    create(article, body="Same words")
    dup = create(article, body="Same words", poster=SAM, author_name="Sam")
    assert dup.status == CommentStatus.REJECTED
    assert dup.reject_reason == "spam"


def test_a_duplicate_is_found_by_its_text_whichever_way_the_earlier_comment_was_stored(article):
    # Stored without screening (the factory's save(), as imports do) and then edited: the
    # digest follows the text, so the check finds the edited words and not the old ones.
    earlier = CommentFactory(article=article, body="Old words")
    earlier.body = "Edited words"
    earlier.save()
    assert create(article, body="Old words").status == CommentStatus.PUBLISHED
    dup = create(article, body="Edited words", poster=SAM, author_name="Sam")
    assert dup.status == CommentStatus.REJECTED and dup.reject_reason == "spam"


def test_the_same_text_on_another_article_or_differing_in_case_is_no_duplicate(article):
    create(article, body="Same words")
    assert create(ArticleFactory(), body="Same words", poster=SAM).status == (
        CommentStatus.PUBLISHED
    )
    assert create(article, body="same words", poster=SAM).status == CommentStatus.PUBLISHED


def test_first_time_commenter_held_until_one_approved(article):
    Policy.objects.create(scope="site", mode="new", approvals_needed=1)
    first = create(article, body="First time here", author_email="alex@example.org")
    assert first.status == CommentStatus.HELD
    assert "new commenters" in first.status_message
    services.comment_apply_verdict(comment_id=first.pk, verdict="publish")
    second = create(article, body="Back again", author_email="alex@example.org")
    assert second.status == CommentStatus.PUBLISHED


def test_approval_counts_for_the_same_email_in_any_case_from_another_browser(article):
    Policy.objects.create(scope="site", mode="new", approvals_needed=1)
    first = create(article, body="First time here", author_email="Alex@Example.org")
    services.comment_apply_verdict(comment_id=first.pk, verdict="publish")
    # Another device (another reader cookie and address), the address typed in lower case.
    again = create(article, body="Back again", author_email="alex@example.org", poster=SAM)
    assert again.status == CommentStatus.PUBLISHED
    assert again.published_at is not None and again.published_at.tzinfo is not None


def test_section_policy_is_stricter(article):
    from tests.factories import SectionFactory

    war = SectionFactory(slug="war", name="War")
    war_story = ArticleFactory(sections=[war])
    Policy.objects.create(scope="section:war", max_links=1)
    body = "Source: https://news.example/report"
    assert create(article, body=body).status == CommentStatus.PUBLISHED
    assert create(war_story, body=body, poster=SAM).status == CommentStatus.HELD


def test_edit_within_window_is_screened_again(article):
    Policy.objects.create(scope="site", moderation_words="idiot")
    comment = create(article)
    token = services.edit_token_make(comment)
    edited = services.comment_edit(comment_id=comment.pk, token=token, body="What an idiot")
    assert edited.status == CommentStatus.HELD
    assert edited.edited_at is not None
    assert Case.objects.count() == 2


def test_edit_after_window_or_with_bad_token_is_refused(article):
    comment = create(article)
    token = services.edit_token_make(comment)
    with pytest.raises(PermissionDenied, match="not valid"):
        services.comment_edit(comment_id=comment.pk, token=token + "x", body="changed")
    from django.core import signing

    later = signing.time.time() + 16 * 60
    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        pytest.raises(PermissionDenied, match="15 minutes"),
    ):
        services.comment_edit(comment_id=comment.pk, token=token, body="changed")
    other = create(article, body="another", poster=SAM)
    with pytest.raises(PermissionDenied):
        services.comment_edit(comment_id=other.pk, token=token, body="hijack")


def test_delete_with_token(article):
    comment = create(article)
    services.comment_delete(comment_id=comment.pk, token=services.edit_token_make(comment))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED


def test_like_once_per_reader_and_toggle(article):
    comment = create(article)
    assert services.comment_like(comment_id=comment.pk, reader_key="r1") == (True, 1)
    assert services.comment_like(comment_id=comment.pk, reader_key="r2") == (True, 2)
    assert services.comment_like(comment_id=comment.pk, reader_key="r1") == (False, 1)
    assert Like.objects.count() == 1


def test_reports_hold_a_comment_at_the_threshold(article):
    Policy.objects.create(scope="site", reports_to_hold=2)
    comment = create(article)
    services.comment_report(comment_id=comment.pk, reader_key="r1", reason="abuse")
    services.comment_report(comment_id=comment.pk, reader_key="r1", reason="abuse")  # same reader
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (CommentStatus.PUBLISHED, 1)
    services.comment_report(comment_id=comment.pk, reader_key="r2", reason="spam")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert AuditEntry.objects.filter(action="moderation.reports").count() == 1


def test_reply_notification_email_with_unsubscribe(
    article, client, django_capture_on_commit_callbacks
):
    parent = create(article, author_email="alex@example.org", notify_replies=True)
    with django_capture_on_commit_callbacks(execute=True):
        create(
            article,
            body="I disagree, politely.",
            poster=SAM,
            author_name="Sam",
            parent_id=parent.pk,
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex@example.org"]
    assert "Sam replied to your comment" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.split("127.0.0.1:8000", 1)[-1]
    assert client.get(path).status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies  # GET alone changes nothing
    assert client.post(path).status_code == 200
    parent.refresh_from_db()
    assert not parent.notify_replies


def test_no_notification_for_held_reply_or_without_opt_in(
    article, django_capture_on_commit_callbacks
):
    quiet = create(article, author_email="alex@example.org", notify_replies=False)
    keen = create(
        article,
        body="Tell me",
        author_email="kim@example.org",
        notify_replies=True,
        poster=services.Poster(ip="192.0.2.1", reader_key="kim"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        create(article, body="reply", poster=SAM, author_name="Sam", parent_id=quiet.pk)
        held = create(
            article,
            body="links http://a.example http://b.example",
            poster=SAM,
            author_name="Sam",
            parent_id=keen.pk,
        )
    assert held.status == CommentStatus.HELD
    assert mail.outbox == []


def test_reply_to_removed_comment_is_refused(article):
    parent = CommentFactory(article=article, status=CommentStatus.REMOVED)
    with pytest.raises(ValidationError, match="no longer available"):
        create(article, parent_id=parent.pk)


def test_scheduled_article_takes_no_comments_until_live():
    from django.utils import timezone

    future = ArticleFactory(status="scheduled", published_at=timezone.now() + timedelta(hours=2))
    with pytest.raises(ValidationError, match="closed"):
        create(future)


def test_edit_page_flow(client, article, comment_data):
    client.post(reverse("comments:post", args=[article.pk]), comment_data())
    comment = Comment.objects.get()
    page = client.get(article.get_absolute_url())
    assert "Edit or delete" in page.text
    response = client.post(
        reverse("comments:edit", args=[comment.pk]), {"body": "Edited text", "action": "save"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Edited text" and comment.status == CommentStatus.PUBLISHED
    from django.test import Client

    stranger = Client().post(
        reverse("comments:edit", args=[comment.pk]), {"body": "Hijacked", "action": "save"}
    )
    assert stranger.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_case_is_committed_before_screening_and_screening_holds_no_transaction(article):
    """On SQLite a write transaction locks the whole database: screening (queries and the
    model) must run outside one, after the open case is committed (so concurrent comments
    by the same author count each other)."""
    from django.db import connection

    from soundoff.moderation import pipeline

    real_screen = pipeline.screen
    seen = []

    def spy(subject, *args, **kwargs):
        seen.append(
            (
                connection.in_atomic_block,
                Case.objects.filter(subject_key=subject.key, status=CaseStatus.OPEN).exists(),
            )
        )
        return real_screen(subject, *args, **kwargs)

    with mock.patch("soundoff.moderation.pipeline.screen", side_effect=spy):
        comment = create(article)
    assert seen == [(False, True)]
    assert comment.status == CommentStatus.PUBLISHED
    case = Case.objects.get()
    assert (case.status, case.verdict) == (CaseStatus.CLOSED, "publish")
    assert AuditEntry.objects.filter(case=case, action="moderation.auto").count() == 1
