"""Newsletter emails. Each checks the subscriber's state when it is sent (it runs in the
background, maybe later) and carries RFC 8058 one-click unsubscribe headers."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from soundoff.core import conf
from soundoff.core.mail import one_click_message
from soundoff.newsroom.models import Subscriber, SubscriberStatus
from soundoff.newsroom.newsletter import selectors
from soundoff.newsroom.newsletter.text import html_to_text


def _url(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(f"newsroom:{name}", kwargs={"token": token})


def _send(subscriber: Subscriber, *, subject: str, template: str, context: dict) -> int:
    unsubscribe_url = _url("newsletter_unsubscribe", subscriber.token)
    context = {
        **context,
        "site_name": conf.get("SITE_NAME"),
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
    }
    message = one_click_message(
        subject=subject,
        body=render_to_string(template, context),
        to=[subscriber.email],
        unsubscribe_url=unsubscribe_url,
    )
    return message.send()


def confirmation_email_send(*, subscriber_id: int) -> int:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != SubscriberStatus.PENDING:
        return 0
    report = selectors.active_report()
    return _send(
        subscriber,
        subject=f"Please confirm your subscription to {conf.get('SITE_NAME')}",
        template="newsroom/email/confirm.txt",
        context={"report": report, "confirm_url": _url("newsletter_confirm", subscriber.token)},
    )


def report_email_send(*, subscriber_id: int) -> int:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    report = selectors.active_report()
    if subscriber is None or subscriber.status != SubscriberStatus.CONFIRMED or report is None:
        return 0
    return _send(
        subscriber,
        subject=f"Your free report: {report.title}",
        template="newsroom/email/report.txt",
        context={
            "report": report,
            "report_text": html_to_text(selectors.report_html(report), base_url=settings.SITE_URL),
            "report_url": _url("newsletter_report", subscriber.token),
        },
    )
