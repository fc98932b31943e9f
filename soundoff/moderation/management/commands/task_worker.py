"""`soundoff worker`: the task worker for the configured backend, with the moderation models
loaded first and the moderation sweep in a thread."""

import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from soundoff.moderation import scoring
from soundoff.moderation.sweep import sweep_forever

# RQ's default worker forks a process for every job: without the warm-up each job would
# load the moderation models again (over a second of CPU), and with it each fork still
# cost about 0.14 s a job here. The simple worker runs every job in the process that
# loaded the models; if a job kills it, `soundoff worker` exits and the service manager
# restarts it.
RQ_WORKER_CLASS = "rq.worker.SimpleWorker"


def backend_worker(*, interval: float = 0.5, burst: bool = False) -> list[str] | None:
    """The management command (and its arguments) that works the configured backend's
    queues; None for a backend that runs tasks without a worker (immediate, dummy)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_rq"):
        return [
            "rqworker",
            "--worker-class",
            RQ_WORKER_CLASS,
            "--job-class",
            "django_tasks_rq.Job",
            *(["--burst"] if burst else []),
            *settings.TASKS["default"]["QUEUES"],
        ]
    if backend.startswith("django_tasks_db"):
        return [
            "db_worker",
            "--queue-name",
            "*",
            "--interval",
            str(interval),
            # The reloader would run this command twice, each loading the models.
            "--no-reload",
            *(["--batch"] if burst else []),
        ]
    return None


class Command(BaseCommand):
    help = (
        "Run the background task worker for the configured backend (database or RQ), with "
        "the moderation models loaded before the first task and the moderation sweep in a "
        "thread (`soundoff worker` runs it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=0.5, help="poll interval (s), database backend"
        )
        parser.add_argument(
            "--burst", action="store_true", help="run the tasks queued now, then stop"
        )
        parser.add_argument(
            "--sweep-every",
            type=float,
            default=60.0,
            help="also run the moderation sweep (screening an outage interrupted, the "
            "moderators' digest) every N seconds in a thread of this process; 0: don't",
        )
        parser.add_argument(
            "--no-warm-up",
            action="store_true",
            help="load the models on the first task that needs them instead of at start",
        )

    def handle(
        self,
        *args,
        interval: float,
        burst: bool,
        sweep_every: float,
        no_warm_up: bool,
        **options,
    ):
        argv = backend_worker(interval=interval, burst=burst)
        if argv is None:
            backend = settings.TASKS["default"]["BACKEND"]
            raise CommandError(f"The task backend {backend} needs no worker.")
        if not no_warm_up:
            t0 = time.monotonic()
            ready = scoring.warm_up(encoder=True)
            took = time.monotonic() - t0
            if ready:
                self.stdout.write(f"Moderation models loaded in {took:.1f}s.")
            else:
                # Not fatal: each task retries the load, and a comment that cannot be
                # screened waits for a moderator.
                self.stderr.write("Moderation models could not be loaded; tasks will retry.")
        if sweep_every > 0 and not burst:
            # In this process rather than one of its own: a sweep that has to screen uses
            # the models loaded here instead of loading a second copy (about 200 MB).
            threading.Thread(
                target=sweep_forever,
                args=(sweep_every, self.stdout.write, self.stderr.write),
                name="moderation-sweep",
                daemon=True,
            ).start()
        call_command(*argv)
