from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from soundoff.core.models import TimeStampedModel


class Author(TimeStampedModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Defence correspondent")
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})


class Section(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    show_on_home = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:section", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Promo(TimeStampedModel):
    """An editor-managed promotional block shown beside articles."""

    title = models.CharField(max_length=160)
    body = models.TextField(help_text="Plain text; shown under the title.")
    link_url = models.CharField(max_length=300, help_text="A path on this site, e.g. /newsletter/")
    link_text = models.CharField(max_length=80, default="Find out more")
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "-created_at"]

    def __str__(self) -> str:
        return self.title


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None) -> ArticleQuerySet:
        """Published, or scheduled with a publish time in the past."""
        now = now or timezone.now()
        return self.filter(
            status__in=(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED), published_at__lte=now
        )


class Article(TimeStampedModel):
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="One or two sentences under the headline.")
    body = models.TextField(
        help_text=(
            "Markdown. Link to another story with [[story:its-slug]]; it is shown with "
            "that story's headline."
        )
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    sections = models.ManyToManyField(Section, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    status = models.CharField(
        max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    comments_open = models.BooleanField(default=True)
    promo = models.ForeignKey(
        Promo,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Leave empty to show the current active promo.",
    )
    related = models.ManyToManyField(
        "self", through="RelatedArticle", symmetrical=False, related_name="+", blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        return (
            self.status in {ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED}
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class RelatedArticle(models.Model):
    """Computed in the background (newsroom.tasks.article_relate)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="uniq_related_pair")
        ]


class SitePage(TimeStampedModel):
    """Staff-editable pages such as the commenting policy."""

    COMMENTING_POLICY = "commenting-policy"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=160)
    body = models.TextField(help_text="Markdown.")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:page", kwargs={"slug": self.slug})


class FreeReport(TimeStampedModel):
    """The free report a confirmed newsletter subscriber receives."""

    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Shown in the signup box.")
    body = models.TextField(help_text="Markdown; sent by email and readable through the link.")
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.title


def _token() -> str:
    return secrets.token_urlsafe(24)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Awaiting confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class Subscriber(TimeStampedModel):
    """A newsletter subscriber. Only the email address is collected."""

    email = models.EmailField(unique=True)
    status = models.CharField(
        max_length=14, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=_token)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.email
