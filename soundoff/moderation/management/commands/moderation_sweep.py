from django.core.management.base import BaseCommand

from soundoff.moderation.sweep import sweep_forever, sweep_once


class Command(BaseCommand):
    help = (
        "Resume screening interrupted by an outage and send the moderators' digest when "
        "items wait too long (run once, or --every N seconds; `soundoff worker` runs it in "
        "a thread of the task worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="repeat every N seconds until stopped"
        )

    def handle(self, *args, every: float = 0, **options):
        if every:
            sweep_forever(every, self.stdout.write, self.stderr.write)
            return
        try:
            self.stdout.write(f"moderation sweep: {sweep_once()}")
        except Exception as exc:
            self.stderr.write(f"moderation sweep failed: {exc}")
