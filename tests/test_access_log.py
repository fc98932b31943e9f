"""The web server's access log keeps no reader's address, agent, referrer or token."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from soundoff.config.access_log import ACCESS_LOG_FORMAT, mask_path

APP = """
def app(environ, start_response):
    body = b"ok"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [body]
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/newsletter/confirm/AbC-123_xyz/", "/newsletter/confirm/***/"),
        ("/newsletter/report/AbC-123_xyz/", "/newsletter/report/***/"),
        ("/newsletter/unsubscribe/AbC-123_xyz/", "/newsletter/unsubscribe/***/"),
        ("/comments/unsubscribe/1:abc:def/", "/comments/unsubscribe/***/"),
        ("/story/council-votes/", "/story/council-votes/"),
        ("/comments/post/12/", "/comments/post/12/"),
    ],
)
def test_mask_path(path, logged):
    assert mask_path(path) == logged


def test_gunicorn_access_lines_leave_out_who_asked(tmp_path: Path):
    """A real gunicorn with the logger `soundoff serve` uses: the line has the method,
    the path (token masked), the status and the duration, and none of the address, user
    agent, referrer, query string or cookie."""
    (tmp_path / "tinyapp.py").write_text(APP)
    port = _free_port()
    log = tmp_path / "access.log"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tinyapp:app",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
            "--logger-class",
            "soundoff.config.access_log.PrivateAccessLogger",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/newsletter/confirm/S3CRETtoken/?utm=mailing-42"
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": "ReaderBrowser/9.9",
                "Referer": "http://elsewhere.example/page",
                "Cookie": "soundoff_reader=reader-cookie-value",
            },
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (http to loopback)
                    assert response.read() == b"ok"
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        deadline = time.monotonic() + 10
        while not (log.exists() and log.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    line = log.read_text().strip().splitlines()[-1]
    assert '"GET /newsletter/confirm/***/" 200 2 ' in line, (line, err)
    assert line.endswith("ms")
    for secret in (
        "127.0.0.1",
        "S3CRETtoken",
        "ReaderBrowser",
        "elsewhere.example",
        "utm",
        "reader-cookie-value",
    ):
        assert secret not in line


def test_serve_runs_gunicorn_with_the_private_access_log(monkeypatch):
    from soundoff import cli

    started: list[list[str]] = []
    monkeypatch.setattr(cli, "_run_all", lambda argvs, banner="": started.extend(argvs) or 0)
    monkeypatch.setattr(cli, "_setup_django", lambda: None)
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--port", "8123", "--no-worker"])
    assert exited.value.code == 0
    (web,) = started
    assert web[web.index("--logger-class") + 1] == (
        "soundoff.config.access_log.PrivateAccessLogger"
    )
    assert web[web.index("--access-logformat") + 1] == ACCESS_LOG_FORMAT
    assert "%(h)s" not in ACCESS_LOG_FORMAT
