"""Read-side queries for comment threads. Pages over top-level comments so a thread of
10,000 comments costs the same as a thread of 100: one count, one page of roots, and
one query for the replies under those roots."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from soundoff.comments.models import Comment, CommentStatus
from soundoff.core import conf

SORTS = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "liked": ("-like_count", "created_at", "id"),
}
# The columns a thread page renders (the raw body and email are not needed).
THREAD_FIELDS = (
    "id",
    "author_name",
    "author_url",
    "body_html",
    "status",
    "status_message",
    "like_count",
    "created_at",
    "edited_at",
    "depth",
    "reader_key",
    "parent_id",
    "root_id",
    "article_id",
    "user_id",
)
OWN_VISIBLE = (CommentStatus.PENDING, CommentStatus.HELD, CommentStatus.REJECTED)
AWAITING = (CommentStatus.PENDING, CommentStatus.HELD)


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)
    in_reply_to: Comment | None = None  # set when flattened past the visual depth cap
    is_own: bool = False

    @property
    def awaiting_moderation(self) -> bool:
        return self.comment.status in AWAITING

    @property
    def not_published(self) -> bool:
        return self.comment.status == CommentStatus.REJECTED


@dataclass
class ThreadPage:
    nodes: list[Node]
    sort: str
    page_number: int
    num_pages: int
    total_published: int

    @property
    def has_next(self) -> bool:
        return self.page_number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page_number > 1


def visible_q(reader_key: str = "") -> Q:
    q = Q(status=CommentStatus.PUBLISHED)
    if reader_key:
        q |= Q(reader_key=reader_key, status__in=OWN_VISIBLE)
    return q


def published_count(article) -> int:
    return Comment.objects.filter(article=article, status=CommentStatus.PUBLISHED).count()


def with_comment_counts(articles: QuerySet) -> QuerySet:
    """Annotate `comment_count` (published comments) on an article queryset.

    A correlated subquery, not a JOIN + COUNT, so later filters on sections or tags
    cannot multiply the count."""
    counts = (
        Comment.objects.filter(article=OuterRef("pk"), status=CommentStatus.PUBLISHED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return articles.annotate(
        comment_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    )


def thread_page(
    *, article, sort: str = "oldest", page: int | str = 1, reader_key: str = ""
) -> ThreadPage:
    sort = sort if sort in SORTS else "oldest"
    visible = visible_q(reader_key)
    roots_qs = (
        Comment.objects.filter(visible, article=article, parent__isnull=True)
        .order_by(*SORTS[sort])
        .only(*THREAD_FIELDS)
    )
    paginator = Paginator(roots_qs, conf.get("COMMENT_PAGE_SIZE"))
    page_obj = paginator.get_page(page)
    roots = list(page_obj.object_list)
    replies = (
        Comment.objects.filter(visible, root_id__in=[r.pk for r in roots])
        .order_by("created_at", "id")
        .only(*THREAD_FIELDS)
    )
    nodes = build_tree(roots, list(replies), reader_key=reader_key)
    return ThreadPage(
        nodes=nodes,
        sort=sort,
        page_number=page_obj.number,
        num_pages=paginator.num_pages,
        total_published=published_count(article),
    )


def build_tree(
    roots: list[Comment],
    replies: list[Comment],
    *,
    reader_key: str = "",
    max_depth: int | None = None,
) -> list[Node]:
    """Nest replies under their parents; past `max_depth`, flatten with "in reply to"."""
    max_depth = conf.get("COMMENT_MAX_VISUAL_DEPTH") if max_depth is None else max_depth
    by_id: dict[int, Node] = {}
    holder_of: dict[int, Node | None] = {}  # the node each node is displayed under
    shown_depth: dict[int, int] = {}
    out = []
    for root in roots:
        node = Node(root, is_own=bool(reader_key) and root.reader_key == reader_key)
        by_id[root.pk] = node
        holder_of[root.pk] = None
        shown_depth[root.pk] = 0
        out.append(node)
    comments = {c.pk: c for c in [*roots, *replies]}
    for reply in replies:  # ordered by time, so parents come first
        node = Node(reply, is_own=bool(reader_key) and reply.reader_key == reader_key)
        holder = by_id.get(reply.parent_id)
        if holder is None:
            # Parent not visible to this reader: hang it under the root and say whom it answers.
            holder = by_id.get(reply.root_id)
            if holder is None:
                continue
            node.in_reply_to = comments.get(reply.parent_id)
        if shown_depth[holder.comment.pk] >= max_depth:
            # Deeper than we indent: show it beside its parent, "in reply to" the parent.
            node.in_reply_to = holder.comment
            holder = holder_of[holder.comment.pk] or holder
        shown_depth[reply.pk] = shown_depth[holder.comment.pk] + 1
        holder_of[reply.pk] = holder
        by_id[reply.pk] = node
        holder.children.append(node)
    return out
