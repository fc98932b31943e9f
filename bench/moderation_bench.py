"""Moderation benchmarks: end-to-end latency of a comment POST with the fast tier inline,
and the time to drain a backlog of pending comments with one and with two workers.

    .venv/bin/python bench/moderation_bench.py [--posts 300] [--backlog 10000] [--postgres]

Prints markdown tables. Runs only against this machine (a temporary SQLite file, or a
temporary PostgreSQL database on 127.0.0.1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "Thanks for this report, the ferry timetable finally makes sense to me.",
    "I disagree with the council here; the bridge survey was deferred twice.",
    "Great article!!! Make $500/day from home, see http://quick-cash.example/join",
    "People like you are the reason this town is going downhill, you absolute moron.",
    "Has anyone heard when the public meeting on the budget starts?",
    "Those immigrants are vermin and should be sent back where they came from.",
    "My grandmother was a refugee from the valley; thank you for telling these stories.",
    "If the mayor shows his face at the harbour again someone should put a bullet in him.",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def setup_env(tmp: Path, postgres: bool) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        {
            "SOUNDOFF_DATA_DIR": str(tmp),
            "DJANGO_SETTINGS_MODULE": "soundoff.config.settings.dev",
            "TASKS_BACKEND": "database",
            "SOUNDOFF_BENCH": "1",
        }
    )
    if postgres:
        name = "bench_moderation"
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
            check=True,
        )
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
            check=True,
        )
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        env.pop("DATABASE_URL", None)
    return env


def child(mode: str, env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-4000:])
    return out.stdout.strip().splitlines()[-1]


def run_child(mode: str, args: list[str]) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SOUNDOFF = {
        **settings.SOUNDOFF,
        "COMMENT_RATE_LIMIT": "1000000/60",
        "COMMENT_MIN_SECONDS_ON_PAGE": 0,
    }
    from django.core.management import call_command

    from soundoff.newsroom.models import Article, Author, Section

    if mode == "seed":
        call_command("migrate", verbosity=0)
        author = Author.objects.create(name="Bench", slug="bench")
        section = Section.objects.create(name="News", slug="news")
        for i in range(3):
            a = Article.objects.create(
                headline=f"Bench story {i}",
                slug=f"bench-{i}",
                body="Body",
                author=author,
                status="published",
                published_at="2026-01-01T00:00:00Z",
            )
            a.sections.add(section)
        print("ok")
    elif mode == "latency":
        from django.test import Client

        from soundoff.comments.forms import form_timestamp
        from soundoff.moderation import scoring

        n = int(args[0])
        article = Article.objects.get(slug="bench-0")
        t0 = time.perf_counter()
        try:
            scoring.score_fast("warm up")
            model = "loaded"
        except scoring.ScoringUnavailable:
            model = "UNAVAILABLE (comments held)"
        load_s = time.perf_counter() - t0
        times = []
        for i in range(n):
            c = Client(REMOTE_ADDR=f"10.{i // 250}.{i % 250}.1")
            data = {
                "author_name": f"Reader {i}",
                "body": f"{TEXTS[i % len(TEXTS)]} ({i})",
                "rendered": form_timestamp(),
                "nickname": "",
            }
            t = time.perf_counter()
            r = c.post(f"/comments/post/{article.pk}/", data)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 302, r.status_code
        from django.db.models import Count

        from soundoff.comments.models import Comment

        outcome = dict(Comment.objects.values_list("status").annotate(n=Count("pk")))
        print(
            f"{statistics.median(times):.1f}|{pct(times, 99):.1f}|{max(times):.1f}|"
            f"{load_s:.2f}|{model}|{outcome}"
        )
    elif mode == "backlog":
        from django.db import transaction

        from soundoff.comments import services as cs

        settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_INLINE": False}
        n = int(args[0])
        articles = list(Article.objects.all())
        t = time.perf_counter()
        for start in range(0, n, 500):
            with transaction.atomic():
                for i in range(start, min(n, start + 500)):
                    cs.comment_create(
                        article=articles[i % 3],
                        body=f"{TEXTS[i % len(TEXTS)]} #{i}",
                        author_name=f"Reader {i % 997}",
                        poster=cs.Poster(
                            ip=f"10.{i // 60000}.{(i // 250) % 240}.{i % 250}",
                            reader_key=f"bench-{i}",
                        ),
                    )
        print(f"{time.perf_counter() - t:.1f}")
    elif mode == "count":
        from soundoff.comments.models import Comment

        print(Comment.objects.filter(status="pending").count())


def drain(env: dict[str, str], workers: int, n: int) -> tuple[float, int]:
    cmd = [
        sys.executable,
        "-m",
        "django",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.1",
        "--no-startup-delay",
        "--batch",
    ]
    t = time.perf_counter()
    procs = [
        subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(workers)
    ]
    for p in procs:
        p.wait(timeout=3600)
    elapsed = time.perf_counter() - t
    left = int(child("count", env))
    return elapsed, left


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--child", nargs="+")
    ns = parser.parse_args()
    if ns.child:
        run_child(ns.child[0], ns.child[1:])
        return
    db = "PostgreSQL" if ns.postgres else "SQLite"
    print(f"## Moderation benchmarks ({db}, {os.cpu_count()} cores)\n")
    with tempfile.TemporaryDirectory() as tmp:
        env = setup_env(Path(tmp), ns.postgres)
        child("seed", env)
        p50, p99, worst, load_s, model, outcome = child("latency", env, str(ns.posts)).split("|")
        print("| measure | value |\n|---|---|")
        print(f"| comment POST, fast tier inline, p50 | {p50} ms |")
        print(f"| comment POST, fast tier inline, p99 | {p99} ms |")
        print(f"| slowest of {ns.posts} | {worst} ms |")
        print(f"| model load (once per process) | {load_s} s ({model}) |")
        print(f"| outcomes | {outcome} |\n")
    print(
        f"| backlog of {ns.backlog} pending comments | seed time | drain time | "
        "comments/s | left pending |\n|---|---|---|---|---|"
    )
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            env = setup_env(Path(tmp), ns.postgres)
            child("seed", env)
            seeded = child("backlog", env, str(ns.backlog))
            elapsed, left = drain(env, workers, ns.backlog)
            rate = ns.backlog / elapsed if elapsed else 0
            print(
                f"| {workers} worker{'s' if workers > 1 else ''} | {seeded} s | "
                f"{elapsed:.1f} s | {rate:.0f} | {left} |"
            )


if __name__ == "__main__":
    main()
