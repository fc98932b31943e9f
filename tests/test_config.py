"""Settings come from one environment reader; production refuses insecure defaults."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from soundoff.config.env import ConfigError, read_env


def test_defaults_are_the_embedded_setup(tmp_path):
    env = read_env({"SOUNDOFF_DATA_DIR": str(tmp_path)})
    assert env.database["ENGINE"] == "django.db.backends.sqlite3"
    assert env.database["NAME"] == str(tmp_path / "soundoff.sqlite3")
    assert env.caches["default"]["BACKEND"].endswith("LocMemCache")
    assert env.tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert env.mailers["default"]["BACKEND"].endswith("console.EmailBackend")


def test_scale_out_configuration(tmp_path):
    env = read_env(
        {
            "SOUNDOFF_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u:p@db.internal:5432/news",
            "REDIS_URL": "redis://cache.internal:6379/1",
            "EMAIL_URL": "smtps://mailer:s%40cret@smtp.example.org",
        }
    )
    assert env.database["ENGINE"] == "django.db.backends.postgresql"
    assert env.database["HOST"] == "db.internal"
    assert env.caches["default"]["BACKEND"].endswith("RedisCache")
    assert env.tasks["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert env.rq_queues["moderation"]["URL"] == "redis://cache.internal:6379/1"
    smtp = env.mailers["default"]["OPTIONS"]
    assert (smtp["host"], smtp["port"], smtp["password"], smtp["use_ssl"]) == (
        "smtp.example.org",
        465,
        "s@cret",
        True,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TASKS_BACKEND", "celery"),
        ("CACHE_URL", "memcached://x"),
        ("EMAIL_URL", "ftp://x"),
        ("DEBUG", "maybe"),
    ],
)
def test_bad_values_fail_clearly(tmp_path, name, value):
    with pytest.raises(ConfigError):
        env = read_env({"SOUNDOFF_DATA_DIR": str(tmp_path), name: value})
        _ = env.tasks, env.caches, env.mailers


def _production(extra: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        {
            "SOUNDOFF_ENV": "production",
            "SOUNDOFF_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "soundoff.config.settings.production",
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "soundoff", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_insecure_defaults(tmp_path):
    result = _production({}, tmp_path)
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert "SECRET_KEY" in result.stderr and "IP_HASH_SALT" in result.stderr


def test_production_starts_when_configured(tmp_path):
    result = _production(
        {"SECRET_KEY": "k" * 50, "IP_HASH_SALT": "s" * 32, "ALLOWED_HOSTS": "news.example.org"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_cli_lists_its_commands():
    result = subprocess.run(
        [sys.executable, "-m", "soundoff", "--help"], capture_output=True, text=True, timeout=60
    )
    for command in ("serve", "worker", "demo", "createstaff", "check", "setup", "score"):
        assert command in result.stdout


def test_serve_threads_option(monkeypatch):
    from soundoff.cli import build_parser

    monkeypatch.delenv("WEB_THREADS", raising=False)
    assert build_parser().parse_args(["serve"]).threads == 1  # sync workers
    assert build_parser().parse_args(["serve", "--threads", "4"]).threads == 4


def test_classifier_commands_take_their_options_first(monkeypatch):
    from soundoff import cli
    from soundoff.classifier import cli as ccli

    seen = {}
    monkeypatch.setattr(ccli, "evaluate_main", lambda args: seen.setdefault("evaluate", args) and 0)
    monkeypatch.setattr(ccli, "train_semantic_main", lambda args: seen.setdefault("ts", args) and 0)
    for argv in (["evaluate", "--no-ood", "--tier", "fast"], ["train-semantic", "--out", "x"]):
        with pytest.raises(SystemExit):
            cli.main(argv)
    assert seen == {"evaluate": ["--no-ood", "--tier", "fast"], "ts": ["--out", "x"]}
