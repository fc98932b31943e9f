"""The one place that reads the environment.

Every setting that an operator may change is read here, typed and validated, so
that settings modules stay declarative and `soundoff check` can report on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url

TASK_QUEUES = ["default", "moderation", "newsroom", "email"]
INSECURE_SECRET_PREFIX = "insecure-dev-key-"  # noqa: S105 (a marker, not a secret)


class ConfigError(RuntimeError):
    """Raised when the environment describes a configuration that cannot work."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"expected a boolean, got {value!r}")


def _list(value: str | None, default: list[str]) -> list[str]:
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass(frozen=True)
class Env:
    """Typed view of the process environment (see README, "Configuration")."""

    data_dir: Path
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    redis_url: str
    cache_url: str
    tasks_backend: str
    email_url: str
    default_from_email: str
    site_url: str
    datasets_dir: Path
    ip_hash_salt: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def database(self) -> dict:
        config = dj_database_url.parse(self.database_url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            if config["NAME"] != ":memory:":
                Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            # SQLite in WAL mode lets the web server read while the worker writes.
            config["OPTIONS"] = {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
            # Keep the connection: opening the file and setting the pragmas per request
            # costs more than the request's own queries.
            config["CONN_MAX_AGE"] = 600
            config["CONN_HEALTH_CHECKS"] = False
        return config

    @property
    def caches(self) -> dict:
        url = self.cache_url
        if not url or url.startswith("locmem"):
            return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        if url.startswith(("redis://", "rediss://")):
            return {
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": url,
                    "KEY_PREFIX": "soundoff",
                }
            }
        if url.startswith("db"):
            return {
                "default": {
                    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                    "LOCATION": "soundoff_cache",
                }
            }
        raise ConfigError(f"CACHE_URL must be locmem://, db:// or redis://, got {url!r}")

    @property
    def tasks(self) -> dict:
        backend = self.tasks_backend
        if backend == "database":
            return {
                "default": {
                    "BACKEND": "django_tasks_db.DatabaseBackend",
                    "QUEUES": TASK_QUEUES,
                }
            }
        if backend == "rq":
            return {
                "default": {
                    "BACKEND": "django_tasks_rq.RQBackend",
                    "QUEUES": TASK_QUEUES,
                }
            }
        if backend == "immediate":
            return {
                "default": {
                    "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
                    "QUEUES": TASK_QUEUES,
                }
            }
        if backend == "dummy":
            return {
                "default": {
                    "BACKEND": "django.tasks.backends.dummy.DummyBackend",
                    "QUEUES": TASK_QUEUES,
                }
            }
        raise ConfigError(
            f"TASKS_BACKEND must be database, rq, immediate or dummy, got {backend!r}"
        )

    @property
    def rq_queues(self) -> dict:
        url = self.redis_url or "redis://127.0.0.1:6379/0"
        return {name: {"URL": url, "DEFAULT_TIMEOUT": 600} for name in TASK_QUEUES}

    @property
    def mailers(self) -> dict:
        """Django's MAILERS setting from EMAIL_URL (console by default)."""
        url = self.email_url
        if not url or url.startswith("console"):
            return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
        if url.startswith("locmem"):
            return {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"}:
            raise ConfigError(f"EMAIL_URL must be console://, smtp:// or smtps://, got {url!r}")
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": parts.hostname or "localhost",
                    "port": parts.port or (465 if parts.scheme == "smtps" else 587),
                    "username": unquote(parts.username or ""),
                    "password": unquote(parts.password or ""),
                    "use_ssl": parts.scheme == "smtps",
                    "use_tls": parts.scheme == "smtp",
                    "timeout": 20,
                },
            }
        }


def read_env(environ: dict[str, str] | None = None) -> Env:
    e = os.environ if environ is None else environ
    data_dir = Path(e.get("SOUNDOFF_DATA_DIR") or Path.cwd() / "var").resolve()
    debug = _bool(e.get("DEBUG"), False)
    redis_url = e.get("REDIS_URL", "")
    tasks_backend = e.get("TASKS_BACKEND") or ("rq" if redis_url else "database")
    cache_url = e.get("CACHE_URL") or (redis_url if redis_url else "locmem://")
    datasets_default = Path(__file__).resolve().parents[3] / "shared" / "datasets"
    return Env(
        data_dir=data_dir,
        debug=debug,
        secret_key=e.get("SECRET_KEY") or INSECURE_SECRET_PREFIX + "change-me",
        allowed_hosts=_list(e.get("ALLOWED_HOSTS"), ["127.0.0.1", "localhost", "[::1]"]),
        csrf_trusted_origins=_list(e.get("CSRF_TRUSTED_ORIGINS"), []),
        database_url=e.get("DATABASE_URL") or f"sqlite:///{data_dir / 'soundoff.sqlite3'}",
        redis_url=redis_url,
        cache_url=cache_url,
        tasks_backend=tasks_backend,
        email_url=e.get("EMAIL_URL", "console://"),
        default_from_email=e.get("DEFAULT_FROM_EMAIL", "Soundoff <noreply@localhost>"),
        site_url=e.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
        datasets_dir=Path(e.get("SOUNDOFF_DATASETS") or datasets_default),
        ip_hash_salt=e.get("IP_HASH_SALT", ""),
    )
