"""Presentation helpers for the moderators' pages."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import pairwise

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_CATEGORY = re.compile(r"[^a-z0-9_]")


def _clean_spans(text: str, spans) -> list[tuple[int, int, str]]:
    """Valid (start, end, category) spans; offsets that no longer match are re-found."""
    out = []
    for span in spans or []:
        if not isinstance(span, dict):
            continue
        try:
            start, end = int(span.get("start")), int(span.get("end"))
        except (TypeError, ValueError):
            continue
        category = _CATEGORY.sub("", str(span.get("category", "")).lower())[:32] or "other"
        expected = span.get("text")
        if isinstance(expected, str) and expected and text[start:end] != expected:
            at = text.find(expected)
            if at < 0:
                continue
            start, end = at, at + len(expected)
        start, end = max(0, start), min(len(text), end)
        if start < end:
            out.append((start, end, category))
    return out


def highlight(text: str, spans) -> SafeString:
    """The text, escaped, with <mark class="span-{category}"> around each span.

    Overlapping spans are split at every boundary, so marks never nest or cross: each
    piece is marked with the categories that cover it (the first listed span leads)."""
    text = text or ""
    clean = _clean_spans(text, spans)
    if not clean:
        return mark_safe(escape(text))
    cuts = sorted({0, len(text), *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    parts = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        covering = []
        for s, e, category in clean:
            if s <= a and b <= e and category not in covering:
                covering.append(category)
        if covering:
            classes = " ".join(f"span-{c}" for c in covering[:1])
            if len(covering) > 1:
                classes += " span-multi"
            label = ", ".join(c.replace("_", " ") for c in covering)
            parts.append(f'<mark class="{classes}" title="{escape(label)}">{piece}</mark>')
        else:
            parts.append(str(piece))
    return mark_safe("".join(parts))


@register.simple_tag
def highlighted(text, spans):
    return highlight(text, spans)


@register.simple_tag
def score_bar(score, *, width: int = 120):
    """A small horizontal bar (inline SVG: no style attributes under the CSP)."""
    try:
        value = max(0.0, min(1.0, float(score)))
    except (TypeError, ValueError):
        value = 0.0
    level = "high" if value >= 0.85 else "mid" if value >= 0.5 else "low"
    return format_html(
        '<svg class="bar bar-{}" viewBox="0 0 {} 8" width="{}" height="8" role="img" '
        'aria-label="{}"><rect class="track" width="{}" height="8" rx="2"/>'
        '<rect class="fill" width="{}" height="8" rx="2"/></svg>',
        level,
        width,
        width,
        f"{value:.2f}",
        width,
        f"{value * width:.1f}",
    )


@register.filter
def duration(value) -> str:
    """timedelta or seconds → '3 min', '2 h 5 min', '4 d 3 h'."""
    if value is None or value == "":
        return "—"
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


@register.filter
def label(code: str) -> str:
    """'identity_attack' → 'identity attack'."""
    return str(code).replace("_", " ")


@register.filter
def percent(value) -> str:
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return "—"
