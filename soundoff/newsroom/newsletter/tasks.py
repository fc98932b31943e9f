"""Background work for the newsletter: emails. Tasks take ids and call one function."""

from __future__ import annotations

from django.tasks import task

from soundoff.newsroom.newsletter import emails


@task(queue_name="email")
def confirmation_send(subscriber_id: int) -> int:
    return emails.confirmation_email_send(subscriber_id=subscriber_id)


@task(queue_name="email")
def report_send(subscriber_id: int) -> int:
    return emails.report_email_send(subscriber_id=subscriber_id)
