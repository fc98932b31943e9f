"""Read-side queries for the newsletter."""

from __future__ import annotations

from django.db.models import QuerySet

from soundoff.newsroom.markup import render_body, story_slugs
from soundoff.newsroom.models import Article, FreeReport, Subscriber, SubscriberStatus


def active_report() -> FreeReport | None:
    return FreeReport.objects.filter(is_active=True).order_by("-updated_at", "-id").first()


def report_html(report: FreeReport) -> str:
    """The report body rendered like an article's: sanitised Markdown, [[story:slug]] links."""
    slugs = story_slugs(report.body)
    headlines = dict(Article.objects.live().filter(slug__in=slugs).values_list("slug", "headline"))
    return render_body(report.body, headlines)


def subscriber_by_token(token: str) -> Subscriber | None:
    return Subscriber.objects.filter(token=token).first() if token else None


def confirmed_subscribers() -> QuerySet[Subscriber]:
    confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
    return confirmed.order_by("confirmed_at", "id")
