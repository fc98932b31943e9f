"""Email moderators when comments have waited too long (run it from cron, e.g. every 10 min)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from soundoff.moderation.digest import digest_send


class Command(BaseCommand):
    help = "Email staff moderators about comments waiting longer than the digest threshold."

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write("Digest sent." if sent else "Nothing new to report.")
