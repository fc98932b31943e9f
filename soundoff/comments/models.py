from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from soundoff.core.errors import InvalidTransition


def text_digest(text: str) -> str:
    """Short digest of a comment's text, for exact-duplicate lookups through an index."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class DigestField(models.CharField):
    """The digest of another text field of the same row, set on every save (``save()``,
    ``bulk_create`` and ``core.sql.create`` all call ``pre_save``), so it can never drift
    from the text it stands for; never edited by hand."""

    def __init__(self, *args, source: str = "body", **kwargs) -> None:
        self.source = source
        kwargs["max_length"] = 32
        kwargs["editable"] = False
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key in ("max_length", "editable"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = text_digest(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    PUBLISHED = "published", "Published"
    HELD = "held", "Held for review"
    REJECTED = "rejected", "Rejected"
    REMOVED = "removed", "Removed"


# Allowed transitions of the comment state machine. `pending` is where every new or
# edited comment starts; moderation moves it on. An edit sends a comment back to pending.
TRANSITIONS: dict[str, set[str]] = {
    CommentStatus.PENDING: {
        CommentStatus.PUBLISHED,
        CommentStatus.HELD,
        CommentStatus.REJECTED,
        CommentStatus.REMOVED,
        CommentStatus.PENDING,
    },
    CommentStatus.HELD: {
        CommentStatus.PUBLISHED,
        CommentStatus.REJECTED,
        CommentStatus.REMOVED,
        CommentStatus.PENDING,
    },
    CommentStatus.PUBLISHED: {
        CommentStatus.HELD,
        CommentStatus.REJECTED,
        CommentStatus.REMOVED,
        CommentStatus.PENDING,
    },
    CommentStatus.REJECTED: {
        CommentStatus.PUBLISHED,
        CommentStatus.HELD,
        CommentStatus.REMOVED,
        CommentStatus.PENDING,
    },
    CommentStatus.REMOVED: {CommentStatus.PUBLISHED, CommentStatus.HELD},
}


class RejectReason(models.TextChoices):
    NONE = "", "—"
    SPAM = "spam", "Spam"
    POLICY = "policy", "Breaks the commenting policy"


def _nonce() -> str:
    return secrets.token_urlsafe(12)


class Comment(models.Model):
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread",
        help_text="Top-level ancestor; empty for top-level comments.",
    )
    depth = models.PositiveSmallIntegerField(default=0)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(max_length=50)
    author_email = models.EmailField(blank=True, help_text="Never shown; reply notifications.")
    author_url = models.URLField(blank=True, max_length=300)
    notify_replies = models.BooleanField(default=False)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    reader_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Hashed browser key that lets an author see their own pending comment.",
    )

    body = models.TextField(help_text="What the commenter typed (Markdown subset).")
    body_html = models.TextField(help_text="Rendered and sanitised.")
    body_digest = DigestField(source="body")

    status = models.CharField(
        max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    reject_reason = models.CharField(
        max_length=10, choices=RejectReason.choices, default=RejectReason.NONE, blank=True
    )
    status_message = models.CharField(
        max_length=300, blank=True, help_text="Plain message shown to the author."
    )

    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    edit_nonce = models.CharField(max_length=32, default=_nonce)

    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "parent", "created_at"]),
            models.Index(fields=["article", "status", "parent", "like_count"]),
            models.Index(fields=["root", "status"]),
            models.Index(fields=["status", "created_at"]),
            # Exact duplicates in a thread: one index probe, however long the thread.
            models.Index(fields=["article", "body_digest"]),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.PUBLISHED

    def check_transition(self, new_status: str) -> None:
        if new_status not in TRANSITIONS[self.status]:
            raise InvalidTransition(
                f"A {self.get_status_display().lower()} comment cannot become {new_status}.",
            )

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#c{self.pk}"


class Like(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    reader_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader_key"], name="one_like_per_reader")
        ]


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive, hateful or a personal attack"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader_key = models.CharField(max_length=64)
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.OTHER)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader_key"], name="one_report_per_reader")
        ]
