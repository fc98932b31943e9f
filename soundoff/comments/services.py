"""Comment actions: create, edit, delete, like, report, and applying moderation verdicts."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from soundoff.comments import markup
from soundoff.comments.adapters import comment_key, comment_subject
from soundoff.comments.models import (
    TRANSITIONS,
    Comment,
    CommentStatus,
    Like,
    RejectReason,
    Report,
)
from soundoff.core import conf, sql
from soundoff.core.errors import InvalidTransition
from soundoff.core.privacy import hash_ip
from soundoff.core.ratelimit import rate_hit
from soundoff.moderation import services as moderation

logger = logging.getLogger(__name__)

EDIT_SALT = "soundoff.comments.edit"
UNSUBSCRIBE_SALT = "soundoff.comments.unsubscribe"


@dataclass(frozen=True)
class Poster:
    """Who is posting: the facts the web layer knows about the request."""

    ip: str = ""
    reader_key: str = ""
    user: object | None = None


RATE_MESSAGE = (
    "You're commenting faster than we allow ({limit} comments every {window} seconds). "
    "Please wait {retry} seconds and send it again; your text has been kept."
)


def _check_rate(poster: Poster) -> None:
    """Per reader, and (more loosely, since many readers can share one) per IP address."""
    if poster.reader_key:
        rate_hit(
            key=f"comment:r:{poster.reader_key}", setting="COMMENT_RATE_LIMIT", message=RATE_MESSAGE
        )
    if poster.ip:
        rate_hit(
            key=f"comment:i:{hash_ip(poster.ip)}",
            setting="COMMENT_RATE_LIMIT_PER_IP",
            message=RATE_MESSAGE,
        )


def _validate_body(body: str) -> str:
    body = body.strip()
    max_len = conf.get("COMMENT_MAX_LENGTH")
    if len(body) < conf.get("COMMENT_MIN_LENGTH"):
        raise ValidationError({"body": ["Please write a comment."]}, code="too_short")
    if len(body) > max_len:
        raise ValidationError(
            {"body": [f"Comments can be at most {max_len} characters (this one has {len(body)})."]},
            code="too_long",
        )
    return body


def _screen(comment: Comment, *, fresh: bool = False) -> None:
    """Hand the saved comment to moderation. If moderation itself breaks, the comment
    stays pending (never published unscreened) and the sweeper screens it later."""
    try:
        moderation.case_open(
            subject_key=comment_key(comment.pk), subject=comment_subject(comment), fresh=fresh
        )
    except Exception:
        logger.exception("Moderation unavailable for comment %s; it stays pending", comment.pk)
        moderation.gap_record(subject_key=comment_key(comment.pk), reason="case_open failed")


def comment_create(
    *,
    article,
    body: str,
    author_name: str,
    poster: Poster,
    author_email: str = "",
    author_url: str = "",
    parent_id: int | None = None,
    notify_replies: bool = False,
) -> Comment:
    """Validate, save as pending (nothing is lost), then screen."""
    if not article.comments_open or not article.is_live:
        raise ValidationError("Comments are closed on this article.", code="closed")
    body = _validate_body(body)
    author_name = author_name.strip()
    if not author_name:
        raise ValidationError({"author_name": ["Please give a display name."]}, code="required")
    parent = None
    if parent_id:
        parent = (
            Comment.objects.filter(pk=parent_id, article=article)
            .exclude(status__in=[CommentStatus.REJECTED, CommentStatus.REMOVED])
            .first()
        )
        if parent is None:
            raise ValidationError(
                "The comment you replied to is no longer available.", code="bad_parent"
            )
    _check_rate(poster)
    user = poster.user if getattr(poster.user, "is_authenticated", False) else None
    case = None
    with transaction.atomic():
        comment = sql.create(
            Comment,
            article=article,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            user=user,
            author_name=author_name,
            author_email=author_email.strip(),
            author_url=author_url.strip(),
            notify_replies=bool(notify_replies and author_email),
            ip_hash=hash_ip(poster.ip),
            reader_key=poster.reader_key,
            body=body,
            body_html=markup.render(body),
            status=CommentStatus.PENDING,
        )
        # The case is opened in the same commit; if that fails, the comment is kept
        # (the savepoint rolls back only the case) and waits for the sweeper.
        try:
            with transaction.atomic():
                subject = comment_subject(comment)
                case = moderation.case_start(subject_key=subject.key, subject=subject, fresh=True)
        except Exception:
            logger.exception("Moderation unavailable for comment %s; it stays pending", comment.pk)
            moderation.gap_record(subject_key=comment_key(comment.pk), reason="case_start failed")
    if case is not None:
        try:
            moderation.case_run(case, subject)
        except Exception:
            logger.exception("Moderation unavailable for comment %s; it stays pending", comment.pk)
            moderation.gap_record(subject_key=comment_key(comment.pk), reason="case_run failed")
    _refresh_verdict(comment)
    return comment


# What screening may change on a comment (read back after it).
_VERDICT_FIELDS = ["status", "status_message", "reject_reason", "published_at"]


def _refresh_verdict(comment: Comment) -> None:
    for name, value in sql.fetch_fields(Comment, comment.pk, _VERDICT_FIELDS).items():
        setattr(comment, name, value)


def edit_token_make(comment: Comment) -> str:
    return signing.dumps({"c": comment.pk, "n": comment.edit_nonce}, salt=EDIT_SALT)


def _comment_for_token(comment_id: int, token: str) -> Comment:
    try:
        data = signing.loads(token, salt=EDIT_SALT, max_age=conf.get("COMMENT_EDIT_WINDOW_SECONDS"))
    except signing.SignatureExpired:
        raise PermissionDenied(
            "The 15 minutes to edit or delete this comment have passed."
        ) from None
    except signing.BadSignature:
        raise PermissionDenied("This edit link is not valid.") from None
    comment = Comment.objects.select_related("article").get(pk=comment_id)
    if data.get("c") != comment.pk or data.get("n") != comment.edit_nonce:
        raise PermissionDenied("This edit link is not valid.")
    if comment.status == CommentStatus.REMOVED:
        raise PermissionDenied("This comment has been removed.")
    return comment


def comment_edit(*, comment_id: int, token: str, body: str) -> Comment:
    """Change the text within the edit window; the edit is screened again."""
    comment = _comment_for_token(comment_id, token)
    body = _validate_body(body)
    with transaction.atomic():
        comment.check_transition(CommentStatus.PENDING)
        comment.body = body
        comment.body_html = markup.render(body)
        comment.status = CommentStatus.PENDING
        comment.status_message = ""
        comment.edited_at = timezone.now()
        comment.save()
    _screen(comment)
    _refresh_verdict(comment)
    return comment


def comment_delete(*, comment_id: int, token: str) -> Comment:
    comment = _comment_for_token(comment_id, token)
    comment.check_transition(CommentStatus.REMOVED)
    comment.status = CommentStatus.REMOVED
    comment.status_message = "Deleted by its author."
    comment.save(update_fields=["status", "status_message"])
    return comment


_VERDICT_STATUS = {
    "publish": CommentStatus.PUBLISHED,
    "hold": CommentStatus.HELD,
    "reject": CommentStatus.REJECTED,
    "remove": CommentStatus.REMOVED,
}


def comment_apply_verdict(
    *, comment_id: int, verdict: str, reject_kind: str = "", message: str = ""
) -> None:
    """Move a comment to the state a moderation verdict asks for (guarded transition).

    It runs for every posted comment, so it reads the three fields it needs and writes the
    four it changes in two plain statements (see soundoff.core.sql) instead of a model load
    and save."""
    from soundoff.comments import tasks

    new_status = _VERDICT_STATUS[verdict]
    # No savepoint when moderation calls this inside its own transaction: a failure here
    # fails the whole decision.
    with transaction.atomic(savepoint=False):
        current = sql.fetch_fields(
            Comment, comment_id, ["status", "published_at", "parent"], for_update=True
        )
        status = current["status"]
        # The same state again (e.g. an upheld rejection) only refreshes message and reason.
        if new_status != status and new_status not in TRANSITIONS[status]:
            raise InvalidTransition(
                f"A {CommentStatus(status).label.lower()} comment cannot become {new_status}."
            )
        published_at = current["published_at"]
        newly_published = new_status == CommentStatus.PUBLISHED and published_at is None
        if newly_published:
            published_at = timezone.now()
            if current["parent_id"]:
                transaction.on_commit(lambda: tasks.reply_notify.enqueue(comment_id))
        sql.update_fields(
            Comment,
            comment_id,
            {
                "status": new_status.value,
                "status_message": message,
                "reject_reason": (
                    reject_kind if new_status == CommentStatus.REJECTED else RejectReason.NONE
                ),
                "published_at": published_at,
            },
        )


def comment_like(*, comment_id: int, reader_key: str) -> tuple[bool, int]:
    """Like a published comment once per reader; liking again takes the like back."""
    if not reader_key:
        raise PermissionDenied("Enable cookies to like comments.")
    comment = Comment.objects.get(pk=comment_id, status=CommentStatus.PUBLISHED)
    with transaction.atomic():
        deleted, _ = Like.objects.filter(comment=comment, reader_key=reader_key).delete()
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
            liked = False
        else:
            try:
                with transaction.atomic():
                    Like.objects.create(comment=comment, reader_key=reader_key)
            except IntegrityError:
                pass  # a concurrent double click; the like stands
            else:
                Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
            liked = True
    comment.refresh_from_db(fields=["like_count"])
    return liked, comment.like_count


def comment_report(*, comment_id: int, reader_key: str, reason: str, note: str = "") -> Comment:
    """A reader flags a comment; enough reports send it back to a moderator."""
    if not reader_key:
        raise PermissionDenied("Enable cookies to report comments.")
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": ["Choose a reason."]}, code="invalid")
    comment = Comment.objects.get(pk=comment_id, status=CommentStatus.PUBLISHED)
    try:
        with transaction.atomic():
            Report.objects.create(
                comment=comment, reader_key=reader_key, reason=reason, note=note[:300]
            )
    except IntegrityError:
        return comment  # already reported by this reader
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db()
    moderation.subject_reported(
        subject_key=comment_key(comment.pk), report_count=comment.report_count
    )
    comment.refresh_from_db()
    return comment


def unsubscribe_token_make(email: str) -> str:
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def replies_unsubscribe(*, token: str) -> int:
    """Stop all reply notifications to the email address in the token."""
    try:
        email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise PermissionDenied("This unsubscribe link is not valid.") from None
    return Comment.objects.filter(author_email__iexact=email, notify_replies=True).update(
        notify_replies=False
    )
