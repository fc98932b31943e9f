#!/usr/bin/env python
"""Soundoff site benchmark: the big-thread article page and comment posting, next to Isso.

Prints markdown tables (no pass/fail: the targets are shown beside the numbers).

1. Server time for the article page that carries the 1,000+ comment demo thread (first
   page of comments): in-process with django.test.Client, and over HTTP against
   `soundoff serve`.
2. Comment POST throughput and latency with concurrent posters (distinct reader cookies
   and distinct source addresses 127.0.0.x) against `soundoff serve --workers 2`, on
   SQLite and on PostgreSQL.
3. The same two measures for Isso 0.14.0 (own venv under .bench/isso-venv, gunicorn with
   the same number of workers, thread seeded with 1,000 comments through its API).

Everything listens on 127.0.0.1 and every process the script starts is stopped by it.
See bench/README.md. Run: `make bench` or `.venv/bin/python bench/site_bench.py`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

SCRIPT = str(Path(__file__).resolve())
ROOT = Path(__file__).resolve().parents[1]
BENCH_HOME = ROOT / ".bench"
OUT_DIR = ROOT / "bench" / "out"
ISSO_VERSION = "0.14.0"
ISSO_VENV = BENCH_HOME / "isso-venv"
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_soundoff"
PG_DB = "bench_soundoff"
HOST = "127.0.0.1"
PAGE_TARGET_MS = 100.0
SETTINGS_MODULE = "bench.bench_settings"
BODY_WORDS = (
    "council budget plan vote housing rents ferry bridge harbour reform tax schools hospital "
    "nurses transport buses funding debate coalition minister policy"
)

WORDS = BODY_WORDS.split(" ")
_started: list[subprocess.Popen] = []


# --------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(samples: list[float], p: int) -> float:
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def summary(samples_ms: list[float]) -> dict:
    return {
        "n": len(samples_ms),
        "p50": pct(samples_ms, 50),
        "p95": pct(samples_ms, 95),
        "p99": pct(samples_ms, 99),
        "mean": statistics.fmean(samples_ms) if samples_ms else float("nan"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def source_ip(i: int, j: int = 0) -> str:
    """A distinct loopback source address per poster `i` and post `j` (Linux routes all of
    127/8 to lo)."""
    return f"127.{1 + i % 250}.{1 + j // 250 % 250}.{1 + j % 250}"


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants
    that are alive (a server's web workers and task worker), read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state ppid ... utime(12th) stime(13th) from the state field.
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, _) in stats.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(stats[p][1] for p in tree if p in stats)


def with_server_cpu(pid: int, run) -> dict:
    """Run a posting measurement and add the server's CPU time per accepted post."""
    before = tree_cpu_seconds(pid)
    result = run()
    used = tree_cpu_seconds(pid) - before
    result["server_cpu_s"] = used
    result["server_cpu_ms_per_post"] = used * 1000 / result["ok"] if result["ok"] else None
    return result


def can_bind(ip: str) -> bool:
    try:
        with socket.socket() as s:
            s.bind((ip, 0))
        return True
    except OSError:
        return False


def start(argv: list[str], *, env: dict, log_path: Path, cwd: Path | None = None):
    """Start a process in its own process group (so its children stop with it)."""
    out = open(log_path, "ab")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    proc._bench_log = out  # type: ignore[attr-defined]
    _started.append(proc)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    with contextlib.suppress(Exception):
        proc._bench_log.close()  # type: ignore[attr-defined]
    if proc in _started:
        _started.remove(proc)


@atexit.register
def _stop_all() -> None:
    for proc in list(_started):
        stop(proc)


def wait_http(port: int, path: str, proc: subprocess.Popen, log_path: Path, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}); see {log_path}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not answer within {timeout:.0f}s")


class HttpClient:
    """One reader: its own cookies and its own source address; a new connection per
    request (gunicorn's sync workers close the connection after each response)."""

    def __init__(self, port: int, src: str | None = None, *, keep_cookies: bool = True):
        self.port = port
        self.src = src
        self.keep_cookies = keep_cookies
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(
            HOST, self.port, timeout=60, source_address=(self.src, 0) if self.src else None
        )
        try:
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            elapsed_ms = (time.perf_counter() - t0) * 1000
        finally:
            conn.close()
        set_cookies = resp.headers.get_all("Set-Cookie") or []
        for raw in set_cookies if self.keep_cookies else []:
            jar = SimpleCookie()
            jar.load(raw)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return resp.status, data, elapsed_ms


def comment_text(tag: str, rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
    return f"Comment {tag}: I have been thinking about the {words}. Fair points all round."


# ------------------------------------------------------------------- django helper


def helper_main(argv: list[str]) -> int:
    """Runs inside Django (a subprocess with the bench's environment); prints JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["prepare", "inprocess", "drain"])
    parser.add_argument("--slug")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    ns = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()
    if ns.mode == "prepare":
        print(json.dumps(_prepare()))
    elif ns.mode == "drain":
        print(json.dumps(_drain()))
    else:
        print(json.dumps(_inprocess(ns.slug, ns.requests, ns.warmup)))
    return 0


def _prepare() -> dict:
    """Find (or make) the big thread, and pick an article for the posting test."""
    from django.db.models import Count, Q

    from soundoff.comments.models import Comment, CommentStatus
    from soundoff.newsroom.models import Article

    published = Q(comments__status=CommentStatus.PUBLISHED)
    articles = Article.objects.annotate(n=Count("comments", filter=published))
    try:
        from soundoff.newsroom.demo.big_thread import BIG_THREAD_ARTICLE

        big = articles.get(slug=BIG_THREAD_ARTICLE)
        made = "demo (soundoff setup)"
    except (ImportError, Article.DoesNotExist):
        big = articles.filter(comments_open=True).order_by("-published_at").first()
        made = "bench (ORM)"
    if big.n < 1000:
        _make_thread(big, 1200 - big.n)
        made = "bench (ORM)"
        big = articles.get(pk=big.pk)
    target = articles.filter(comments_open=True).exclude(pk=big.pk).order_by("n").first()
    roots = Comment.objects.filter(
        article=big, status=CommentStatus.PUBLISHED, parent__isnull=True
    ).count()
    return {
        "big_slug": big.slug,
        "big_path": big.get_absolute_url(),
        "big_published": big.n,
        "big_roots": roots,
        "big_made_by": made,
        "post_slug": target.slug,
        "post_path": target.get_absolute_url(),
    }


def _drain(timeout: float = 120.0) -> dict:
    """Wait until the task worker has run the tasks queued so far (set-up's included),
    so that it doesn't compete with the measurements."""
    from django.conf import settings

    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return {"waited_s": 0.0, "left": 0}
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    t0 = time.monotonic()
    busy = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    left = DBTaskResult.objects.filter(status__in=busy).count()
    while left and time.monotonic() - t0 < timeout:
        time.sleep(0.5)
        left = DBTaskResult.objects.filter(status__in=busy).count()
    return {"waited_s": time.monotonic() - t0, "left": left}


def _make_thread(article, count: int) -> None:
    """Fallback when the demo has no big thread: bulk-insert published comments."""
    from datetime import timedelta

    from django.db.models import F
    from django.utils import timezone

    from soundoff.comments import markup
    from soundoff.comments.models import Comment, CommentStatus

    rng = random.Random(7)
    made: list[Comment] = []
    base = article.published_at or timezone.now()
    for i in range(count):
        parent = rng.choice(made) if made and rng.random() < 0.35 else None
        if parent is not None and parent.depth >= 4:
            parent = None
        body = comment_text(f"seed {i}", rng)
        c = Comment(
            article=article,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_name=f"Reader {i % 97}",
            body=body,
            body_html=markup.render(body),
            status=CommentStatus.PUBLISHED,
            published_at=base + timedelta(minutes=i),
            reader_key=f"seed-{i % 97}",
        )
        c.save()
        made.append(c)
    Comment.objects.filter(article=article).update(created_at=F("published_at"))


def _inprocess(slug: str, n: int, warmup: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    path = f"/story/{slug}/"
    for _ in range(warmup):
        assert client.get(path).status_code == 200
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    html = response.content.decode()
    return {
        "samples": samples,
        "queries": len(queries),
        "bytes": len(response.content),
        "comments_shown": len(re.findall(r'<li class="comment[ "]', html)),
    }


# ---------------------------------------------------------------- soundoff side


@dataclass
class SoundoffSite:
    label: str
    env: dict
    workdir: Path
    info: dict = field(default_factory=dict)
    port: int = 0
    proc: subprocess.Popen | None = None

    def run(self, *args: str, timeout: float = 600) -> str:
        res = subprocess.run(
            [sys.executable, *args],
            env=self.env,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if res.returncode != 0:
            raise RuntimeError(f"{args} failed:\n{res.stdout[-2000:]}\n{res.stderr[-4000:]}")
        return res.stdout

    def setup(self) -> None:
        t0 = time.monotonic()
        self.run("-m", "soundoff", "setup")
        out = self.run(SCRIPT, "--helper", "prepare")
        self.info = json.loads(out.strip().splitlines()[-1])
        log(f"{self.label}: set up in {time.monotonic() - t0:.1f}s: {self.info}")

    def serve(self, workers: int, threads: int) -> None:
        self.port = free_port()
        log_path = self.workdir / "serve.log"
        self.proc = start(
            [
                sys.executable,
                "-m",
                "soundoff",
                "serve",
                "--host",
                HOST,
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            env=self.env,
            log_path=log_path,
            cwd=self.workdir,
        )
        wait_http(self.port, "/", self.proc, log_path)
        drained = json.loads(self.run(SCRIPT, "--helper", "drain").strip().splitlines()[-1])
        log(f"{self.label}: task queue drained in {drained['waited_s']:.1f}s ({drained})")

    def shutdown(self) -> None:
        if self.proc is not None:
            stop(self.proc)
            self.proc = None


def soundoff_env(data_dir: Path, database_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    for key in ("REDIS_URL", "CACHE_URL", "TASKS_BACKEND", "DATABASE_URL"):
        env.pop(key, None)
    env.update(
        SOUNDOFF_ENV=SETTINGS_MODULE,
        SOUNDOFF_DATA_DIR=str(data_dir),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        SECRET_KEY="bench-" + "x" * 50,
        DEBUG="0",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def measure_http_get(port: int, path: str, n: int, warmup: int) -> dict:
    client = HttpClient(port)
    status = 0
    for _ in range(warmup):
        status, _, _ = client.request("GET", path)
    samples, sizes = [], []
    for _ in range(n):
        status, data, ms = client.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        samples.append(ms)
        sizes.append(len(data))
    return {"samples": samples, "bytes": sizes[-1] if sizes else 0}


FORM_FIELD = r'name="{}"[^>]*?value="([^"]*)"'


def soundoff_posters(
    port: int, page_path: str, posters: int, posts: int, *, same_reader: bool
) -> dict:
    """Each poster (one connection at a time): GET the article (CSRF cookie and token, the
    signed timestamp), then POST `posts` comments as htmx would, each as a new reader (a
    fresh reader cookie and source address) unless `same_reader`. All start together."""
    use_src = can_bind(source_ip(posters, posts))
    barrier = threading.Barrier(posters + 1)
    results: list[dict] = [{} for _ in range(posters)]

    def poster(i: int) -> None:
        rng = random.Random(1000 + i)
        client = HttpClient(port, source_ip(i) if use_src else None)
        latencies, statuses = [], {}
        published = held = 0
        csrf_cookie = ""
        try:
            status, data, _ = client.request("GET", page_path)
            html = data.decode()
            csrf = re.search(FORM_FIELD.format("csrfmiddlewaretoken"), html).group(1)
            rendered = re.search(FORM_FIELD.format("rendered"), html).group(1)
            action = re.search(r'hx-post="(/comments/post/\d+/)"', html).group(1)
            csrf_cookie = client.cookies["csrftoken"]
        except Exception as exc:
            results[i] = {"error": f"form not found: {exc!r}"}
            barrier.abort()
            return
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "X-CSRFToken": csrf,
            "Referer": f"http://{HOST}:{port}{page_path}",
        }
        barrier.wait()
        for j in range(posts):
            if not same_reader:
                # A new reader: no reader cookie or session yet, another address.
                client.cookies = {"csrftoken": csrf_cookie}
                client.src = source_ip(i, j) if use_src else None
            form = {
                "csrfmiddlewaretoken": csrf,
                "rendered": rendered,
                "parent_id": "",
                "nickname": "",
                "author_name": f"Reader {i}" if same_reader else f"Reader {i}-{j}",
                "author_email": "",
                "author_url": "",
                "body": comment_text(f"{i}-{j}", rng),
            }
            body = urllib.parse.urlencode(form).encode()
            try:
                status, data, ms = client.request("POST", action, body, headers)
            except (OSError, http.client.HTTPException) as exc:
                key = type(exc).__name__
                statuses[key] = statuses.get(key, 0) + 1
                continue
            latencies.append(ms)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                text = data.decode(errors="replace")
                if "is published" in text:
                    published += 1
                elif "awaiting moderation" in text:
                    held += 1
        results[i] = {
            "latencies": latencies,
            "statuses": statuses,
            "published": published,
            "held": held,
        }

    threads = [threading.Thread(target=poster, args=(i,), daemon=True) for i in range(posters)]
    for t in threads:
        t.start()
    try:
        barrier.wait(timeout=120)
    except threading.BrokenBarrierError:
        errors = [r.get("error") for r in results if r.get("error")]
        raise RuntimeError(f"posters could not start: {errors}") from None
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=600)
    wall = time.perf_counter() - t0
    return _post_summary(results, wall, posters, posts, use_src)


def _post_summary(results, wall, posters, posts, use_src) -> dict:
    latencies = [ms for r in results for ms in r.get("latencies", [])]
    statuses: dict[str, int] = {}
    for r in results:
        for k, v in r.get("statuses", {}).items():
            statuses[str(k)] = statuses.get(str(k), 0) + v
    ok = sum(v for k, v in statuses.items() if k.startswith("2"))
    return {
        "posters": posters,
        "posts_each": posts,
        "attempted": posters * posts,
        "ok": ok,
        "statuses": statuses,
        "published": sum(r.get("published", 0) for r in results),
        "held": sum(r.get("held", 0) for r in results),
        "wall_s": wall,
        "throughput": ok / wall if wall else float("nan"),
        "latency": summary(latencies),
        "distinct_ips": use_src,
    }


def bench_soundoff(label: str, database_url: str | None, args, tmp: Path) -> dict:
    workdir = tmp / f"soundoff-{label}"
    workdir.mkdir()
    site = SoundoffSite(label, soundoff_env(workdir / "data", database_url), workdir)
    result: dict = {"label": label}
    try:
        site.setup()
        result["info"] = site.info
        log(f"{label}: in-process page timing ({args.requests} requests)")
        out = site.run(
            SCRIPT,
            "--helper",
            "inprocess",
            "--slug",
            site.info["big_slug"],
            "--requests",
            str(args.requests),
        )
        inproc = json.loads(out.strip().splitlines()[-1])
        result["page_inprocess"] = {**summary(inproc.pop("samples")), **inproc}
        site.serve(args.workers, args.threads)
        log(f"{label}: HTTP page timing on port {site.port}")
        got = measure_http_get(site.port, site.info["big_path"], args.requests, warmup=5)
        result["page_http"] = {**summary(got["samples"]), "bytes": got["bytes"]}
        log(f"{label}: {args.posters} posters x {args.posts} posts")
        result["post"] = with_server_cpu(
            site.proc.pid,
            lambda: soundoff_posters(
                site.port,
                site.info["big_path" if args.post_into == "big" else "post_path"],
                args.posters,
                args.posts,
                same_reader=args.same_reader,
            ),
        )
    finally:
        site.shutdown()
    return result


PSQL = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]


def pg_admin(sql: str) -> None:
    subprocess.run(
        [*PSQL, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )


def bench_soundoff_postgres(args, tmp: Path) -> dict:
    if shutil.which("psql") is None:
        return {"label": "postgres", "unavailable": "psql not found"}
    try:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {PG_DB}")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        reason = getattr(exc, "stderr", "") or str(exc)
        return {"label": "postgres", "unavailable": f"PostgreSQL: {reason.strip()[:200]}"}
    try:
        return bench_soundoff("postgres", PG_URL, args, tmp)
    finally:
        with contextlib.suppress(Exception):
            pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


# -------------------------------------------------------------------- isso side


def isso_python() -> tuple[Path | None, str]:
    """The Isso venv's python, creating the venv if needed; (None, reason) on failure."""
    py = ISSO_VENV / "bin" / "python"
    check = [str(py), "-c", "import isso, gunicorn; from importlib.metadata import version; "]
    check[-1] += "print(version('isso'))"
    if py.exists():
        res = subprocess.run(check, capture_output=True, text=True, check=False)
        if res.returncode == 0 and res.stdout.strip() == ISSO_VERSION:
            return py, ""
    log(f"creating {ISSO_VENV} and installing isso=={ISSO_VERSION} (from PyPI)")
    BENCH_HOME.mkdir(exist_ok=True)
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(ISSO_VENV)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        res = subprocess.run(
            [str(py), "-m", "pip", "install", "-q", f"isso=={ISSO_VERSION}", "gunicorn"],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        return None, f"venv/pip failed: {exc}"
    if res.returncode != 0:
        lines = [ln for ln in (res.stderr or res.stdout).splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()] or lines
        return None, "pip install failed: " + " / ".join(errors[-3:])[:300]
    res = subprocess.run(check, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        return None, "isso does not import: " + res.stderr.strip().splitlines()[-1][:300]
    return py, ""


ISSO_CFG = """\
[general]
dbpath = {db}
host = http://{host}:{port}/
notify = stdout
gravatar = false
latest-enabled = false

[moderation]
enabled = false

[server]
listen = http://{host}:{port}/

[guard]
# Off, as Soundoff's rate limit is raised for the benchmark: both accept every post.
enabled = false
"""


def isso_post(client: HttpClient, uri: str, payload: dict):
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    path = "/new?" + urllib.parse.urlencode({"uri": uri})
    return client.request("POST", path, body, headers)


def isso_seed(port: int, uri: str, count: int) -> dict:
    """Seed a thread through Isso's API: about a third are replies, like the demo."""
    rng = random.Random(11)
    # Isso sets a cookie per comment (its edit signature); one client sending back a
    # thousand of them would only measure header parsing, so Isso's clients keep none.
    client = HttpClient(port, keep_cookies=False)
    ids: list[int] = []
    t0 = time.perf_counter()
    for i in range(count):
        payload = {"text": comment_text(f"seed {i}", rng), "author": f"Reader {i % 97}"}
        if i == 0:
            payload["title"] = "Bench thread"
        if ids and rng.random() < 0.35:
            payload["parent"] = rng.choice(ids)
        status, data, _ = isso_post(client, uri, payload)
        if status != 201:
            raise RuntimeError(f"Isso seeding: POST /new answered {status}: {data[:200]!r}")
        ids.append(json.loads(data)["id"])
    return {"seeded": len(ids), "seconds": time.perf_counter() - t0}


def isso_posters(port: int, uri: str, posters: int, posts: int, *, same_reader: bool) -> dict:
    use_src = can_bind(source_ip(posters, posts))
    # Create the thread first (Isso makes it on the first post, under a lock).
    status, data, _ = isso_post(
        HttpClient(port, keep_cookies=False),
        uri,
        {"text": "First!", "author": "Host", "title": "Posting thread"},
    )
    if status != 201:
        raise RuntimeError(f"Isso: creating the posting thread answered {status}: {data!r}")
    barrier = threading.Barrier(posters + 1)
    results: list[dict] = [{} for _ in range(posters)]

    def poster(i: int) -> None:
        rng = random.Random(1000 + i)
        client = HttpClient(port, source_ip(i) if use_src else None, keep_cookies=False)
        latencies, statuses = [], {}
        published = 0
        barrier.wait()
        for j in range(posts):
            if not same_reader:
                client.src = source_ip(i, j) if use_src else None
            author = f"Reader {i}" if same_reader else f"Reader {i}-{j}"
            payload = {"text": comment_text(f"{i}-{j}", rng), "author": author}
            try:
                status, _, ms = isso_post(client, uri, payload)
            except (OSError, http.client.HTTPException) as exc:
                key = type(exc).__name__
                statuses[key] = statuses.get(key, 0) + 1
                continue
            latencies.append(ms)
            statuses[status] = statuses.get(status, 0) + 1
            published += status == 201
        results[i] = {"latencies": latencies, "statuses": statuses, "published": published}

    threads = [threading.Thread(target=poster, args=(i,), daemon=True) for i in range(posters)]
    for t in threads:
        t.start()
    barrier.wait(timeout=60)
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=600)
    return _post_summary(results, time.perf_counter() - t0, posters, posts, use_src)


def bench_isso(args, tmp: Path) -> dict:
    py, reason = isso_python()
    if py is None:
        return {"unavailable": reason}
    workdir = tmp / "isso"
    workdir.mkdir()
    port = free_port()
    cfg = workdir / "isso.cfg"
    cfg.write_text(ISSO_CFG.format(db=workdir / "comments.db", host=HOST, port=port))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "SOUNDOFF"))}
    env["ISSO_SETTINGS"] = str(cfg)
    log_path = workdir / "isso.log"
    gunicorn = [str(py), "-m", "gunicorn", "isso.run", "--bind", f"{HOST}:{port}"]
    # The same processes and threads as Soundoff (gunicorn runs gthread when threads > 1).
    proc = start(
        [*gunicorn, "--workers", str(args.workers), "--threads", str(args.threads)],
        env=env,
        log_path=log_path,
        cwd=workdir,
    )
    result: dict = {"version": ISSO_VERSION}
    try:
        wait_http(port, "/config", proc, log_path)
        log(f"Isso: seeding {args.seed} comments on port {port}")
        result["seed"] = isso_seed(port, "/bench", args.seed)
        # The first two return every top-level comment (about a second each with 1,000
        # comments), so they get fewer requests.
        heavy = min(args.requests, 20)
        for key, query, n, warmup in (
            ("get_default", "uri=/bench", heavy, 2),
            ("get_embed_default", "uri=/bench&nested_limit=5", heavy, 2),
            ("get_limit50", "uri=/bench&limit=50&nested_limit=5", args.requests, 5),
        ):
            got = measure_http_get(port, "/?" + query, n, warmup=warmup)
            result[key] = {**summary(got["samples"]), "bytes": got["bytes"], "query": query}
        log(f"Isso: {args.posters} posters x {args.posts} posts")
        result["post"] = with_server_cpu(
            proc.pid,
            lambda: isso_posters(
                port, "/bench-post", args.posters, args.posts, same_reader=args.same_reader
            ),
        )
    except Exception as exc:
        result["unavailable"] = f"run failed: {exc}"[:300]
    finally:
        stop(proc)
    return result


# ------------------------------------------------------------------------ report


def fmt(x: float | None, digits: int = 1) -> str:
    if x is None or x != x:  # NaN
        return "n/a"
    return f"{x:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b or a != a or b != b:
        return "n/a"
    return f"{a / b:.2f}×"


def report(results: dict, args) -> str:
    lines: list[str] = []
    add = lines.append
    runs = [r for r in (results.get("sqlite"), results.get("postgres")) if r]
    add("## Environment\n")
    add(f"- {results['env']}")
    kind = "sync workers" if args.threads == 1 else f"gthread, {args.threads} threads each"
    add(f"- {args.workers} gunicorn workers for each server ({kind}), all on {HOST}")
    add(f"- {args.requests} timed GETs after 5 warm-up requests; one request at a time")
    who = (
        "each poster is one reader (own cookies and address) for all its posts"
        if args.same_reader
        else "every post is a new reader (fresh reader cookie, own 127.x.y.z address)"
    )
    into = (
        "into the big thread's article"
        if args.post_into == "big"
        else "into the article with the fewest comments"
    )
    add(f"- {args.posters} concurrent posters × {args.posts} posts each, {into}; {who}")
    add("")
    add("## 1. Article page with the big thread (first page of comments)\n")
    add(
        "| Database | Measured | p50 ms | p95 ms | p99 ms | SQL queries | HTML KiB | "
        "comments rendered | target p95 ≤ 100 ms |"
    )
    add("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in runs:
        if "unavailable" in r:
            add(f"| {r['label']} | unavailable: {r['unavailable']} |||||||")
            continue
        if "error" in r:
            add(f"| {r['label']} | failed: {r['error']} |||||||")
            continue
        ip, hp = r["page_inprocess"], r["page_http"]
        add(
            f"| {r['label']} | in-process (django.test.Client) | {fmt(ip['p50'])} | "
            f"{fmt(ip['p95'])} | {fmt(ip['p99'])} | {ip['queries']} | "
            f"{fmt(ip['bytes'] / 1024)} | {ip['comments_shown']} | "
            f"{'met' if ip['p95'] <= PAGE_TARGET_MS else 'MISSED'} |"
        )
        add(
            f"| {r['label']} | HTTP (`soundoff serve`) | {fmt(hp['p50'])} | {fmt(hp['p95'])} | "
            f"{fmt(hp['p99'])} | | {fmt(hp['bytes'] / 1024)} | | "
            f"{'met' if hp['p95'] <= PAGE_TARGET_MS else 'MISSED'} |"
        )
    if runs and "info" in runs[0]:
        info = runs[0]["info"]
        add(
            f"\nThread: `{info['big_path']}`, {info['big_published']} published comments "
            f"({info['big_roots']} top-level), made by {info['big_made_by']}."
        )
    add("\n## 2. Comment posting (concurrent)\n")
    add(
        "| Server | Database | posts OK | published | held | throughput posts/s | "
        "p50 ms | p99 ms | server CPU ms/post | statuses |"
    )
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in runs:
        if "post" not in r:
            continue
        p = r["post"]
        add(
            f"| Soundoff | {r['label']} | {p['ok']}/{p['attempted']} | {p['published']} | "
            f"{p['held']} | {fmt(p['throughput'])} | {fmt(p['latency']['p50'])} | "
            f"{fmt(p['latency']['p99'])} | {fmt(p.get('server_cpu_ms_per_post'), 2)} | "
            f"{p['statuses']} |"
        )
    isso = results.get("isso") or {}
    if "post" in isso:
        p = isso["post"]
        add(
            f"| Isso {isso['version']} | sqlite | {p['ok']}/{p['attempted']} | "
            f"{p['published']} | 0 | {fmt(p['throughput'])} | {fmt(p['latency']['p50'])} | "
            f"{fmt(p['latency']['p99'])} | {fmt(p.get('server_cpu_ms_per_post'), 2)} | "
            f"{p['statuses']} |"
        )
    add("\n## 3. Soundoff next to Isso\n")
    if "unavailable" in isso:
        add(f"Isso {ISSO_VERSION}: **unavailable** ({isso['unavailable']}).\n")
    if "get_default" in isso:
        add(
            f"Isso thread: {isso['seed']['seeded']} comments seeded through `POST /new` in "
            f"{fmt(isso['seed']['seconds'])} s.\n"
        )
        add("| Isso read | n | p50 ms | p95 ms | p99 ms | JSON KiB |")
        add("|---|---:|---:|---:|---:|---:|")
        for key, text in (
            ("get_default", "`GET /?uri=` (server default: no limit, every comment)"),
            ("get_embed_default", "`GET /?uri=&nested_limit=5` (embed.js default)"),
            ("get_limit50", "`GET /?uri=&limit=50&nested_limit=5` (50 top-level)"),
        ):
            g = isso[key]
            add(
                f"| {text} | {g['n']} | {fmt(g['p50'])} | {fmt(g['p95'])} | {fmt(g['p99'])} | "
                f"{fmt(g['bytes'] / 1024)} |"
            )
        add("")
    sq = results.get("sqlite") or {}
    add("| Measure (SQLite, HTTP) | Soundoff | Isso | Soundoff / Isso | Target | Met |")
    add("|---|---:|---:|---:|---|---|")
    if "page_http" in sq:
        s_get = sq["page_http"]
        i_get = isso.get("get_default")
        for p in ("p50", "p95", "p99"):
            add(
                f"| First page {p} ms (Soundoff: full HTML article page; Isso: comments "
                f"JSON) | {fmt(s_get[p])} | {fmt(i_get[p]) if i_get else 'n/a'} | "
                f"{ratio(s_get[p], i_get[p]) if i_get else 'n/a'} | ≤ 100 ms server time | "
                f"{'yes' if s_get[p] <= PAGE_TARGET_MS else 'no'} |"
            )
    if "post" in sq:
        s_post, i_post = sq["post"], isso.get("post")
        met = (
            "n/a"
            if not i_post
            else ("yes" if s_post["throughput"] >= i_post["throughput"] else "no")
        )
        add(
            f"| POST throughput posts/s | {fmt(s_post['throughput'])} | "
            f"{fmt(i_post['throughput']) if i_post else 'n/a'} | "
            f"{ratio(s_post['throughput'], i_post['throughput']) if i_post else 'n/a'} | "
            f"≥ Isso | {met} |"
        )
        for p in ("p50", "p99"):
            add(
                f"| POST latency {p} ms | {fmt(s_post['latency'][p])} | "
                f"{fmt(i_post['latency'][p]) if i_post else 'n/a'} | "
                f"{ratio(s_post['latency'][p], i_post['latency'][p]) if i_post else 'n/a'} "
                "| | |"
            )
    pg = results.get("postgres") or {}
    if "post" in pg and isso.get("post"):
        add(
            f"| POST throughput posts/s, Soundoff on PostgreSQL | "
            f"{fmt(pg['post']['throughput'])} | {fmt(isso['post']['throughput'])} | "
            f"{ratio(pg['post']['throughput'], isso['post']['throughput'])} | ≥ Isso | "
            f"{'yes' if pg['post']['throughput'] >= isso['post']['throughput'] else 'no'} |"
        )
    add(
        "\nSoundoff screens every comment inline (rules: links, listed words, duplicates) "
        "and renders the comment and a fresh form (htmx fragment); Isso stores the comment "
        "and returns it as JSON, with its guard (rate limit) off. Soundoff's rate limit and "
        "minimum time on page are raised by bench/bench_settings.py. Both servers run with "
        f"the same gunicorn processes and threads: {args.workers} workers × {args.threads} "
        "thread(s) each (1 thread = sync workers)."
    )
    return "\n".join(lines)


def environment() -> str:
    import platform

    cpus = os.cpu_count()
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {cpus} CPUs "
        f"(load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} at start)"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--helper"]:
        return helper_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed GETs (default 50)")
    parser.add_argument("--posters", type=int, default=8, help="concurrent posters (8)")
    parser.add_argument("--posts", type=int, default=50, help="posts per poster (50)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker, the same for both servers (default 1: sync "
        "workers, as `soundoff serve` runs by default; more = gthread)",
    )
    parser.add_argument("--seed", type=int, default=1000, help="Isso thread size (1000)")
    parser.add_argument(
        "--same-reader",
        action="store_true",
        help="each poster posts all its comments as one reader (the velocity rule will "
        "hold most of them); default: every post is a new reader",
    )
    parser.add_argument(
        "--post-into",
        choices=("small", "big"),
        default="small",
        help="post into the article with the fewest comments (default) or into the big "
        "thread's article, where every check that looks at the thread has the most to read",
    )
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-isso", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs)")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    BENCH_HOME.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-bench-", dir=BENCH_HOME))
    results: dict = {"env": environment(), "args": vars(args)}
    started = time.monotonic()
    try:
        for name, fn in (
            ("sqlite", lambda: bench_soundoff("sqlite", None, args, tmp)),
            (
                "postgres",
                None if args.skip_postgres else lambda: bench_soundoff_postgres(args, tmp),
            ),
            ("isso", None if args.skip_isso else lambda: bench_isso(args, tmp)),
        ):
            if fn is None:
                continue
            try:
                results[name] = fn()
            except Exception as exc:
                log(f"{name} failed: {exc}")
                results[name] = {"label": name, "error": str(exc)[:300]}
    finally:
        _stop_all()
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(report(results, args))
    log(f"done in {time.monotonic() - started:.0f}s; raw numbers in {OUT_DIR / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
