"""CSV export of confirmed subscribers, for staff (admin action and /newsletter/export.csv)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from soundoff.newsroom.models import Subscriber

FIELDS = ("email", "status", "created_at", "confirmed_at")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    # A spreadsheet would run "=..." as a formula; email addresses may start with = + or -.
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def subscribers_csv_response(subscribers: Iterable[Subscriber]) -> HttpResponse:
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(FIELDS)
    for subscriber in subscribers:
        writer.writerow([_cell(getattr(subscriber, name)) for name in FIELDS])
    return response
