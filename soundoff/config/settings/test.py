"""Test settings: fast hashing, in-memory email, immediate tasks unless a test opts out."""

import os

os.environ.setdefault("SOUNDOFF_DATA_DIR", "/tmp/soundoff-test")  # noqa: S108

from soundoff.config.env import TASK_QUEUES
from soundoff.config.settings.base import *  # noqa: F403
from soundoff.config.settings.base import DATA_DIR, DATABASES, ENV, SOUNDOFF

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if not os.environ.get("TASKS_BACKEND"):
    TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": TASK_QUEUES,
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SOUNDOFF = {**SOUNDOFF, "IP_HASH_SALT": "test-salt"}
assert ENV is not None

(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Worker processes in integration tests need the test database on disk.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
