import time

from django.core.management.base import BaseCommand

from soundoff.moderation import services


class Command(BaseCommand):
    help = "Resume screening interrupted by an outage (run once, or --every N seconds)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="repeat every N seconds until stopped"
        )

    def handle(self, *args, every: float = 0, **options):
        while True:
            try:
                result = services.stale_sweep()
                if any(result.values()) or not every:
                    self.stdout.write(f"moderation sweep: {result}")
            except Exception as exc:  # keep looping through a database outage
                self.stderr.write(f"moderation sweep failed: {exc}")
            if not every:
                return
            time.sleep(every)
