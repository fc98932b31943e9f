"""How moderation sees comments, and how its verdicts land on them."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q

from soundoff.comments.models import Comment, CommentStatus
from soundoff.core.privacy import hash_email
from soundoff.moderation.subjects import AuthorHistory, Outcome, Subject, SubjectView

DUPLICATE_WINDOW = timedelta(days=30)


def comment_key(comment_id: int) -> str:
    return f"comment:{comment_id}"


def _comment_id(key: str) -> int:
    kind, _, raw = key.partition(":")
    if kind != "comment":
        raise ValueError(f"not a comment key: {key!r}")
    return int(raw)


def _author_filter(subject: Subject) -> Q:
    q = Q(pk__in=[])
    if subject.user_id:
        q |= Q(user_id=subject.user_id)
    if subject.context.get("author_email"):
        q |= Q(author_email__iexact=subject.context["author_email"])
    if subject.reader_key:
        q |= Q(reader_key=subject.reader_key)
    return q


def comment_subject(comment: Comment) -> Subject:
    """How moderation sees a comment, from an instance in hand (its article and user
    loaded or cached; the article's section slugs are one query)."""
    section_slugs = comment.article.sections.values_list("slug", flat=True)
    user = comment.user if comment.user_id else None
    return Subject(
        key=comment_key(comment.pk),
        text=comment.body,
        author_name=comment.author_name,
        author_email_hash=hash_email(comment.author_email),
        author_url=comment.author_url,
        user_id=comment.user_id,
        ip_hash=comment.ip_hash,
        reader_key=comment.reader_key,
        scope_keys=("site", *(f"section:{slug}" for slug in section_slugs)),
        thread_key=f"article:{comment.article_id}",
        created_at=comment.created_at,
        is_edit=comment.edited_at is not None,
        author_is_staff=bool(user and user.is_staff),
        report_count=comment.report_count,
        context={
            "article_id": comment.article_id,
            "parent_id": comment.parent_id,
            "author_email": comment.author_email,
        },
    )


class CommentAdapter:
    def snapshot(self, key: str) -> Subject:
        c = Comment.objects.select_related("article", "user").get(pk=_comment_id(key))
        return comment_subject(c)

    def describe(self, keys: list[str]) -> dict[str, SubjectView]:
        ids = [_comment_id(k) for k in keys]
        comments = (
            Comment.objects.filter(pk__in=ids)
            .select_related("article", "parent")
            .prefetch_related("article__sections")
        )
        out = {}
        for c in comments:
            out[comment_key(c.pk)] = SubjectView(
                key=comment_key(c.pk),
                status=c.status,
                body=c.body,
                body_html=c.body_html,
                author_name=c.author_name,
                author_url=c.author_url,
                created_at=c.created_at,
                context_title=c.article.headline,
                context_url=c.article.get_absolute_url(),
                parent_excerpt=c.parent.body[:280] if c.parent else "",
                parent_author=c.parent.author_name if c.parent else "",
                section_names=tuple(s.name for s in c.article.sections.all()),
                public_url=c.get_absolute_url(),
            )
        return out

    def apply(self, key: str, outcome: Outcome) -> None:
        from soundoff.comments import services

        services.comment_apply_verdict(
            comment_id=_comment_id(key),
            verdict=outcome.verdict,
            reject_kind=outcome.reject_kind,
            message=outcome.public_message,
        )

    def author_history(self, subject: Subject) -> AuthorHistory:
        counts = (
            Comment.objects.filter(_author_filter(subject))
            .exclude(pk=_comment_id(subject.key))
            .aggregate(
                approved=Count("pk", filter=Q(status=CommentStatus.PUBLISHED)),
                rejected=Count("pk", filter=Q(status=CommentStatus.REJECTED)),
                held=Count("pk", filter=Q(status=CommentStatus.HELD)),
            )
        )
        return AuthorHistory(**counts)

    def has_exact_duplicate(self, subject: Subject) -> bool:
        since = subject.created_at - DUPLICATE_WINDOW
        same_text = (
            Comment.objects.filter(
                article_id=subject.context["article_id"],
                body=subject.text,
                created_at__gte=since,
            )
            .exclude(pk=_comment_id(subject.key))
            .exclude(status=CommentStatus.REMOVED)
        )
        return same_text.exists()

    def stale_pending(self, before) -> list[str]:
        """Comments still pending since before `before` (screening was interrupted)."""
        ids = Comment.objects.filter(status=CommentStatus.PENDING, created_at__lt=before)
        return [comment_key(pk) for pk in ids.values_list("pk", flat=True)[:500]]
