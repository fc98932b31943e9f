"""Test settings: fast hashing, in-memory email, immediate tasks unless a test opts out."""

import os

os.environ.setdefault("SOUNDOFF_DATA_DIR", "/tmp/soundoff-test")

from soundoff.config.settings.base import *  # noqa: E402, F403
from soundoff.config.settings.base import ENV, SOUNDOFF  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("TASKS_BACKEND"):
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SOUNDOFF = {**SOUNDOFF, "IP_HASH_SALT": "test-salt"}
assert ENV is not None
