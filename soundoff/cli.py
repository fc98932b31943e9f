"""The `soundoff` command: one entry point for operators."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

SETTINGS_BY_ENV = {
    "dev": "soundoff.config.settings.dev",
    "production": "soundoff.config.settings.production",
    "test": "soundoff.config.settings.test",
}


def _setup_django() -> None:
    env = os.environ.get("SOUNDOFF_ENV", "dev")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_BY_ENV.get(env, env))
    import django

    django.setup()


def _manage(*args: str, **options) -> None:
    from django.core.management import call_command

    call_command(*args, **options)


def cmd_setup(ns: argparse.Namespace) -> int:
    _setup_django()
    _manage("migrate", "--noinput", verbosity=0)
    _manage("collectstatic", "--noinput", verbosity=0)
    if not ns.no_demo:
        from soundoff.newsroom.demo.loader import demo_load

        result = demo_load(only_if_empty=True)
        print(result)
    print("Set-up complete.")
    return 0


def cmd_demo(ns: argparse.Namespace) -> int:
    _setup_django()
    from soundoff.newsroom.demo.loader import demo_load

    print(demo_load(only_if_empty=not ns.force, big_thread_size=ns.big_thread))
    return 0


def _worker_argv(ns: argparse.Namespace) -> list[str]:
    from django.conf import settings

    from soundoff.moderation.management.commands.task_worker import backend_worker

    if backend_worker() is None:
        backend = settings.TASKS["default"]["BACKEND"]
        raise SystemExit(f"The task backend {backend} needs no worker.")
    # The worker for the configured backend, with the moderation models loaded first.
    return [
        sys.executable,
        "-m",
        "django",
        "task_worker",
        "--interval",
        str(ns.interval),
    ]


def _run_all(argvs: list[list[str]], banner: str = "") -> int:
    """Run processes together; stop all when one stops or on Ctrl-C / SIGTERM."""
    env = os.environ.copy()
    procs = [subprocess.Popen(argv, env=env) for argv in argvs]
    if banner:
        print(banner, flush=True)

    def stop(*_):
        for p in procs:
            if p.poll() is None:
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    return max((p.returncode or 0) for p in procs)


def cmd_worker(ns: argparse.Namespace) -> int:
    """The task worker, with the sweeper that resumes screening after an outage."""
    _setup_django()
    return _run_all([_worker_argv(ns)])


def cmd_serve(ns: argparse.Namespace) -> int:
    _setup_django()
    from soundoff.config.access_log import ACCESS_LOG_FORMAT

    host = ns.host or os.environ.get("HOST", "127.0.0.1")
    port = str(ns.port or os.environ.get("PORT", "8000"))
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "soundoff.config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(ns.workers),
        *(["--worker-class", "gthread", "--threads", str(ns.threads)] if ns.threads > 1 else []),
        # Access lines without the reader's address or anything else that identifies them.
        "--access-logfile",
        "-",
        "--logger-class",
        "soundoff.config.access_log.PrivateAccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    argvs = [web]
    if not ns.no_worker:
        argvs.append(_worker_argv(ns))
    return _run_all(argvs, f"Soundoff is serving http://{host}:{port}/ (Ctrl-C to stop)")


def cmd_createstaff(ns: argparse.Namespace) -> int:
    _setup_django()
    from soundoff.moderation.roles import staff_create

    password = ns.password or os.environ.get("SOUNDOFF_STAFF_PASSWORD")
    if not password:
        import getpass

        password = getpass.getpass("Password: ")
    user = staff_create(username=ns.username, email=ns.email or "", password=password, role=ns.role)
    print(f"Created {ns.role} {user.username!r}.")
    return 0


def cmd_export_labels(ns: argparse.Namespace) -> int:
    _setup_django()
    args = ["export_labels"] + (["--output", ns.output] if ns.output else [])
    _manage(*args)
    return 0


def cmd_check(ns: argparse.Namespace) -> int:
    _setup_django()
    args = ["check"] + (["--deploy"] if ns.deploy else [])
    _manage(*args)
    return 0


def cmd_manage(ns: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["soundoff manage", *ns.args])
    return 0


CLASSIFIER_COMMANDS = {
    "score": "score comments (JSON lines) with the local models",
    "train": "rebuild the shipped models from the data sets",
    "train-semantic": "recalibrate the semantic heads and the stacker on the fast tier",
    "evaluate": "print the models' quality table",
}


def _classifier(name: str):
    def run(ns: argparse.Namespace) -> int:
        from soundoff.classifier import cli as ccli

        return getattr(ccli, f"{name.replace('-', '_')}_main")(ns.args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="soundoff", description="Soundoff: news site and comments with local moderation."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("setup", help="migrate, collect static files, load demo content if empty")
    p.add_argument("--no-demo", action="store_true")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("serve", help="serve the site (gunicorn) together with the task worker")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, default=2, help="web worker processes (default 2)")
    p.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("WEB_THREADS", "1")),
        help="threads per web worker (default 1: gunicorn's sync workers; or $WEB_THREADS). "
        "More threads (gthread) let a request run while another waits on the database; "
        "they help most on a machine shared with other busy processes",
    )
    p.add_argument("--no-worker", action="store_true", help="don't start the task worker")
    p.add_argument("--interval", type=float, default=0.5, help="worker poll interval (s)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run the background task worker")
    p.add_argument("--interval", type=float, default=0.5, help="poll interval (s), DB backend")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("demo", help="load the demo newsroom (articles, authors, comments)")
    p.add_argument("--force", action="store_true", help="load even if articles exist")
    p.add_argument("--big-thread", type=int, default=1200, help="comments in the big thread")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("createstaff", help="create a moderator, editor or admin account")
    p.add_argument("username")
    p.add_argument("--email")
    p.add_argument("--role", choices=["moderator", "editor", "admin"], default="moderator")
    p.add_argument("--password", help="or set SOUNDOFF_STAFF_PASSWORD; prompts otherwise")
    p.set_defaults(func=cmd_createstaff)

    p = sub.add_parser("check", help="check the configuration (add --deploy for production)")
    p.add_argument("--deploy", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("export-labels", help="write moderator decisions as JSON lines")
    p.add_argument("--output", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export_labels)

    p = sub.add_parser("manage", help="run a Django management command")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)

    for name, text in CLASSIFIER_COMMANDS.items():
        p = sub.add_parser(name, help=text, add_help=False)
        p.add_argument("args", nargs=argparse.REMAINDER)
        p.set_defaults(func=_classifier(name))
    return parser


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLASSIFIER_COMMANDS:
        # The classifier's own argparse reads the rest (argparse.REMAINDER would refuse
        # options that come first, e.g. `soundoff evaluate --no-ood`).
        sys.exit(_classifier(argv[0])(argparse.Namespace(args=argv[1:])))
    parser = build_parser()
    ns = parser.parse_args(argv)
    sys.exit(ns.func(ns))
