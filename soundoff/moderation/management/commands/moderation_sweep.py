import time

from django.core.management.base import BaseCommand

from soundoff.moderation import digest, services


class Command(BaseCommand):
    help = (
        "Resume screening interrupted by an outage and send the moderators' digest when "
        "items wait too long (run once, or --every N seconds; `soundoff worker` runs it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="repeat every N seconds until stopped"
        )

    def handle(self, *args, every: float = 0, **options):
        while True:
            try:
                result = services.stale_sweep()
                result["digests"] = digest.digest_send()
                if any(result.values()) or not every:
                    self.stdout.write(f"moderation sweep: {result}")
            except Exception as exc:  # keep looping through a database outage
                self.stderr.write(f"moderation sweep failed: {exc}")
            if not every:
                return
            time.sleep(every)
