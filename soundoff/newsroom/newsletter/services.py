"""Newsletter actions: signup (double opt-in), confirm, unsubscribe.

Nothing here tells a caller whether an address was already on the list: signup returns
nothing, and what it emails depends only on the address's state, which only the
mailbox's owner gets to see.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from soundoff.core import conf
from soundoff.core.errors import InvalidTransition
from soundoff.core.privacy import hash_email, hash_ip
from soundoff.core.ratelimit import rate_hit
from soundoff.newsroom.models import Subscriber, SubscriberStatus


def email_normalise(email: str) -> str:
    return email.strip().lower()


def signup_rate_check(*, ip: str) -> None:
    """Count a signup attempt from this address; RateLimited past the limit."""
    ip_key = hash_ip(ip)
    if ip_key:
        rate_hit(
            key=f"newsletter:{ip_key}",
            setting="NEWSLETTER_SIGNUP_RATE_LIMIT",
            message="Too many signups from your connection. Please try again later.",
        )


def _email_cooldown_start(email: str) -> bool:
    """True if this address may be emailed now (and starts its cooldown): someone typing
    another person's address over and over must not flood their inbox."""
    seconds = int(conf.get("NEWSLETTER_EMAIL_COOLDOWN_SECONDS"))
    if seconds <= 0:
        return True
    return cache.add(f"newsletter:mailed:{hash_email(email)}", 1, timeout=seconds)


def subscriber_signup(*, email: str) -> None:
    """Add an address as pending (or re-activate an unsubscribed one) and email a
    confirmation link. A confirmed subscriber is sent the free report again instead.
    Raises ValidationError for an invalid address."""
    from soundoff.newsroom.newsletter import tasks

    email = email_normalise(email)
    validate_email(email)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.token = secrets.token_urlsafe(24)  # links in old emails stop working
            subscriber.confirmed_at = None
            subscriber.unsubscribed_at = None
            subscriber.save(
                update_fields=["status", "token", "confirmed_at", "unsubscribed_at", "updated_at"]
            )
        if not _email_cooldown_start(email):
            return
        subscriber_id = subscriber.pk
        if subscriber.status == SubscriberStatus.CONFIRMED:
            transaction.on_commit(lambda: tasks.report_send.enqueue(subscriber_id))
        else:
            transaction.on_commit(lambda: tasks.confirmation_send.enqueue(subscriber_id))


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm a pending subscriber and send the free report. Confirming twice is a no-op.
    Raises Subscriber.DoesNotExist for an unknown token, InvalidTransition once unsubscribed."""
    from soundoff.newsroom.newsletter import tasks

    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(token=token)
        if subscriber.status == SubscriberStatus.CONFIRMED:
            return subscriber
        if subscriber.status != SubscriberStatus.PENDING:
            raise InvalidTransition(
                "This link is no longer valid because the address was unsubscribed. "
                "Sign up again to get a new one."
            )
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
        subscriber_id = subscriber.pk
        transaction.on_commit(lambda: tasks.report_send.enqueue(subscriber_id))
    return subscriber


def subscriber_unsubscribe(*, token: str) -> Subscriber:
    """Stop all newsletter email to this subscriber (pending or confirmed). Idempotent.
    Raises Subscriber.DoesNotExist for an unknown token."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(token=token)
        if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    return subscriber
