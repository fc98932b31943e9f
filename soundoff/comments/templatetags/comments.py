from datetime import timedelta

from django import template
from django.utils import timezone

from soundoff.comments.models import Report
from soundoff.core import conf

register = template.Library()


@register.filter
def sort_options(spec: str) -> list[tuple[str, str]]:
    return [tuple(part.split(":", 1)) for part in spec.split(",")]


@register.simple_tag
def can_edit(comment, edit_tokens) -> str:
    """The edit token if this reader may still edit the comment, else ""."""
    window = timedelta(seconds=conf.get("COMMENT_EDIT_WINDOW_SECONDS"))
    if comment.created_at < timezone.now() - window:
        return ""
    return (edit_tokens or {}).get(str(comment.pk), "")


@register.simple_tag
def report_reason_choices():
    return Report.Reason.choices


@register.filter
def as_own_node(comment):
    from soundoff.comments.selectors import Node

    return Node(comment, is_own=True)
