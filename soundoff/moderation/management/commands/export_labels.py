"""Write moderators' decisions (LabelledExample) as JSON lines, for retraining."""

from __future__ import annotations

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from soundoff.moderation.models import LabelledExample


def _row(example: LabelledExample) -> dict:
    return {
        "text": example.text,
        "labels": example.labels,
        "verdict": example.verdict,
        "reason_code": example.reason_code,
        "created_at": example.created_at.isoformat(),
    }


class Command(BaseCommand):
    help = "Export moderators' labelled decisions as JSON lines (stdout or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")
        parser.add_argument("--since", help="Only examples from this date or time (ISO 8601).")

    def handle(self, *args, output=None, since=None, **options):
        examples = LabelledExample.objects.order_by("created_at", "pk")
        if since:
            when = parse_datetime(since) or parse_date(since)
            if when is None:
                raise CommandError(f"--since: not an ISO date or time: {since!r}")
            if not isinstance(when, datetime):
                when = datetime.combine(when, datetime.min.time())
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
            examples = examples.filter(created_at__gte=when)
        count = 0
        if output and output != "-":
            with open(output, "w", encoding="utf-8") as fh:
                for example in examples.iterator():
                    fh.write(json.dumps(_row(example), ensure_ascii=False) + "\n")
                    count += 1
            self.stderr.write(f"Wrote {count} examples to {output}")
        else:
            for example in examples.iterator():
                self.stdout.write(json.dumps(_row(example), ensure_ascii=False))
                count += 1
