"""System checks with stable ids (soundoff.E00x / W00x)."""

from django.conf import settings
from django.core import checks

from soundoff.core import conf


@checks.register(checks.Tags.security, deploy=True)
def check_ip_salt(app_configs, **kwargs):
    salt = conf.get("IP_HASH_SALT")
    if not salt or salt == settings.SECRET_KEY:
        return [
            checks.Warning(
                "IP_HASH_SALT is not set; IP hashes are salted with the secret key.",
                hint="Set IP_HASH_SALT to a long random value and keep it stable.",
                id="soundoff.W001",
            )
        ]
    return []


@checks.register()
def check_tasks_backend(app_configs, **kwargs):
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if (
        backend.endswith("ImmediateBackend")
        and not settings.DEBUG
        and "test" not in (settings.SETTINGS_MODULE or "")
    ):
        return [
            checks.Warning(
                "Tasks run inside the web request (ImmediateBackend).",
                hint="Use TASKS_BACKEND=database (default) or rq and run `soundoff worker`.",
                id="soundoff.W002",
            )
        ]
    return []
