from __future__ import annotations

from django.conf import settings
from django.db import models

from soundoff.core.models import TimeStampedModel


class Verdict(models.TextChoices):
    PUBLISH = "publish", "Publish"
    HOLD = "hold", "Hold for review"
    REJECT = "reject", "Reject"


class Mode(models.TextChoices):
    POST = "post", "Post-moderation: publish what passes screening"
    PRE = "pre", "Pre-moderation: hold everything for a moderator"
    NEW_COMMENTERS = "new", "Hold new commenters until they have N approved comments"


class Policy(TimeStampedModel):
    """Moderation settings for the whole site (scope "site") or one section ("section:war").

    A section policy overrides the site policy field by field where it is set.
    """

    scope = models.CharField(max_length=100, unique=True, default="site")
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.POST)
    approvals_needed = models.PositiveSmallIntegerField(
        default=1,
        help_text="With the 'new commenters' mode: approved comments before auto-publish.",
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a comment with this many links or more (0 disables)."
    )
    moderation_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one is held."
    )
    disallowed_words = models.TextField(
        blank=True, help_text="One word or phrase a line: a comment containing one is rejected."
    )
    blocked_domains = models.TextField(
        blank=True, help_text="One domain a line: a comment linking to one is rejected as spam."
    )
    reject_duplicates = models.BooleanField(default=True)
    category_rules = models.JSONField(
        default=dict,
        blank=True,
        help_text='Per category: {"threat": {"hold": 0.5, "reject": 0.9}}. Empty uses defaults.',
    )
    reports_to_hold = models.PositiveSmallIntegerField(default=3)
    velocity_limit = models.PositiveSmallIntegerField(
        default=5, help_text="Hold once one author posts this many comments in 10 minutes."
    )
    wave_threads = models.PositiveSmallIntegerField(
        default=3, help_text="Near-duplicates in this many threads count as a spam wave."
    )
    seo_names = models.BooleanField(
        default=True, help_text="Hold comments whose name or website looks like SEO spam."
    )

    class Meta:
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return f"Policy ({self.scope})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.policies_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.policies_changed()
        return result

    @staticmethod
    def policies_changed() -> None:
        from django.core.cache import cache

        cache.delete_many(["moderation:policies", "moderation:policies:version"])


class CaseStatus(models.TextChoices):
    OPEN = "open", "Screening"
    AWAITING_REVIEW = "review", "Awaiting a moderator"
    CLOSED = "closed", "Decided"


class Case(TimeStampedModel):
    """One screening of one subject (a comment, or an edit of it)."""

    subject_key = models.CharField(max_length=64, db_index=True, help_text="e.g. comment:123")
    author_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="Hashed identity of the author (account, email or browser) for velocity/history.",
    )
    origin_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="Hashed network origin (IP), for velocity when a bot drops its cookies.",
    )
    thread_key = models.CharField(max_length=64, blank=True, db_index=True)
    cluster_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Shared by near-duplicate subjects (a spam wave); empty if none.",
    )
    scope_keys = models.JSONField(default=list, help_text="Policy scopes that apply.")
    status = models.CharField(max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    verdict = models.CharField(max_length=8, choices=Verdict.choices, blank=True)
    reasons = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    spans = models.JSONField(default=list)
    model_version = models.CharField(max_length=200, blank=True)
    priority = models.FloatField(default=0.0, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    digest_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When moderators were last emailed about this case."
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "-priority", "created_at"]),
            # Velocity counts one author's (or one address's) cases of the last minutes: a
            # range within the key, not every case the key ever had. Also serve key lookups.
            models.Index(fields=["author_key", "created_at"]),
            models.Index(fields=["origin_key", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.subject_key}, {self.status})"


class AuditEntry(models.Model):
    """Every automatic and human decision, append-only."""

    case = models.ForeignKey(Case, null=True, on_delete=models.SET_NULL, related_name="audit")
    subject_key = models.CharField(max_length=64, db_index=True)
    action = models.CharField(max_length=64, db_index=True, help_text="e.g. moderation.approve")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(
        max_length=240, help_text="Username, or 'auto: rules-v2 + <model version>'."
    )
    verdict = models.CharField(max_length=8, choices=Verdict.choices, blank=True)
    reasons = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.subject_key} by {self.actor_label}"


class BanKind(models.TextChoices):
    ACCOUNT = "account", "Account"
    EMAIL = "email", "Email address (hashed)"
    IP = "ip", "IP address (hashed)"
    READER = "reader", "Browser (hashed cookie)"


class BanQuerySet(models.QuerySet):
    def active(self, now=None) -> BanQuerySet:
        from django.db.models import Q
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Ban(models.Model):
    """A ban or timed suspension. Values are hashes (emails, IPs) or account ids, never raw."""

    kind = models.CharField(max_length=8, choices=BanKind.choices)
    value = models.CharField(max_length=64, db_index=True)
    reason = models.CharField(max_length=300, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: permanent.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        until = f" until {self.expires_at:%Y-%m-%d %H:%M}" if self.expires_at else ""
        return f"{self.get_kind_display()} ban{until}"


class AppealStatus(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Decision upheld"
    OVERTURNED = "overturned", "Decision overturned"


class Appeal(models.Model):
    """A commenter may appeal a rejection once, with a short note."""

    subject_key = models.CharField(max_length=64, unique=True)
    note = models.CharField(max_length=500)
    status = models.CharField(
        max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"Appeal on {self.subject_key} ({self.status})"


class LabelledExample(models.Model):
    """A moderator's decision kept as training data (`soundoff export-labels`)."""

    subject_key = models.CharField(max_length=64, db_index=True)
    text = models.TextField()
    verdict = models.CharField(max_length=8, choices=Verdict.choices)
    labels = models.JSONField(default=dict, help_text='e.g. {"spam": 1, "insult": 0}')
    reason_code = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.subject_key}: {self.verdict}"


class Fingerprint(models.Model):
    """MinHash LSH band hashes of recent subjects, to find near-duplicates across threads."""

    band = models.CharField(max_length=24, db_index=True)
    subject_key = models.CharField(max_length=64)
    thread_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.band} {self.subject_key}"
