"""How moderation sees comments, and how its verdicts land on them."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from soundoff.comments.models import Comment, CommentStatus, text_digest
from soundoff.core import sql
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
    section_slugs = sql.related_values(comment.article, "sections", "slug")
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
        """The author's other comments by outcome (one query; see soundoff.core.sql)."""
        match, params = [], []
        if subject.user_id:
            match.append(f"{sql.col(Comment, 'user')} = %s")
            params.append(subject.user_id)
        if subject.context.get("author_email"):
            match.append(f"LOWER({sql.col(Comment, 'author_email')}) = LOWER(%s)")
            params.append(subject.context["author_email"])
        if subject.reader_key:
            match.append(f"{sql.col(Comment, 'reader_key')} = %s")
            params.append(subject.reader_key)
        if not match:
            return AuthorHistory(approved=0, rejected=0, held=0)
        status = sql.col(Comment, "status")
        approved, rejected, held = sql.fetch_one(
            f"SELECT COUNT(CASE WHEN {status} = %s THEN 1 END),"  # noqa: S608
            f" COUNT(CASE WHEN {status} = %s THEN 1 END),"
            f" COUNT(CASE WHEN {status} = %s THEN 1 END) FROM {sql.table(Comment)}"
            f" WHERE ({' OR '.join(match)}) AND {sql.col(Comment, 'id')} <> %s",
            [
                CommentStatus.PUBLISHED.value,
                CommentStatus.REJECTED.value,
                CommentStatus.HELD.value,
                *params,
                _comment_id(subject.key),
            ],
        )
        return AuthorHistory(approved=approved, rejected=rejected, held=held)

    def has_exact_duplicate(self, subject: Subject) -> bool:
        since = subject.created_at - DUPLICATE_WINDOW
        c = {
            f: sql.col(Comment, f)
            for f in ("id", "article", "body_digest", "body", "created_at", "status")
        }
        # The digest finds the candidates through an index; the text comparison makes it exact.
        row = sql.fetch_one(
            f"SELECT 1 FROM {sql.table(Comment)} WHERE {c['article']} = %s"  # noqa: S608
            f" AND {c['body_digest']} = %s AND {c['body']} = %s AND {c['created_at']} >= %s"
            f" AND {c['id']} <> %s AND {c['status']} <> %s LIMIT 1",
            [
                subject.context["article_id"],
                text_digest(subject.text),
                subject.text,
                sql.when(since),
                _comment_id(subject.key),
                CommentStatus.REMOVED.value,
            ],
        )
        return row is not None

    def stale_pending(self, before) -> list[str]:
        """Comments still pending since before `before` (screening was interrupted)."""
        ids = Comment.objects.filter(status=CommentStatus.PENDING, created_at__lt=before)
        return [comment_key(pk) for pk in ids.values_list("pk", flat=True)[:500]]
