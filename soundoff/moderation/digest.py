"""The moderators' digest: one email when comments have waited too long for a moderator."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from soundoff.core import conf
from soundoff.moderation.models import Case, CaseStatus
from soundoff.moderation.roles import GROUP_NAMES
from soundoff.moderation.selectors import describe_subjects

DIGEST_ITEMS = 10


def digest_recipients() -> list[str]:
    """Email addresses of active staff in the Moderators group, and of superusers."""
    User = get_user_model()
    users = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(is_staff=True, groups__name=GROUP_NAMES["moderator"])
    )
    return sorted({u.email for u in users.distinct() if u.email})


def overdue_cases(*, now=None):
    after = timedelta(minutes=int(conf.get("MODERATION_DIGEST_AFTER_MINUTES")))
    now = now or timezone.now()
    return Case.objects.filter(
        status=CaseStatus.AWAITING_REVIEW, created_at__lte=now - after
    ).order_by("created_at", "pk")


def digest_send(*, now=None) -> int:
    """Email moderators about cases waiting longer than MODERATION_DIGEST_AFTER_MINUTES.

    Sends nothing when every overdue case was already in a digest within that period, so
    a frequent schedule does not repeat itself. Returns the number of emails sent (0/1).
    """
    now = now or timezone.now()
    period = timedelta(minutes=int(conf.get("MODERATION_DIGEST_AFTER_MINUTES")))
    overdue = overdue_cases(now=now)
    fresh = overdue.filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - period))
    if not fresh.exists():
        return 0
    recipients = digest_recipients()
    if not recipients:
        return 0
    total = overdue.count()
    oldest = list(overdue[:DIGEST_ITEMS])
    views = describe_subjects([c.subject_key for c in oldest])
    site = settings.SITE_URL.rstrip("/")
    items = [
        {
            "case": case,
            "view": views.get(case.subject_key),
            "waiting": now - case.created_at,
            "url": site + reverse("moderation:case", args=[case.pk]),
        }
        for case in oldest
    ]
    context = {
        "total": total,
        "items": items,
        "after_minutes": int(period.total_seconds() // 60),
        "queue_url": site + reverse("moderation:queue"),
        "site_name": conf.get("SITE_NAME"),
    }
    with transaction.atomic():
        ids = list(fresh.values_list("pk", flat=True))
        # Mark what this digest covers before sending: a failed send is retried next period
        # rather than repeated every minute.
        Case.objects.filter(pk__in=[*ids, *(c.pk for c in oldest)]).update(digest_sent_at=now)
    message = EmailMessage(
        subject=f"[{conf.get('SITE_NAME')}] {total} comment{'s' if total != 1 else ''} "
        "waiting for a moderator",
        body=render_to_string("moderation/email/digest.txt", context),
        to=recipients,
    )
    return message.send()
