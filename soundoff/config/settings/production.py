"""Production: refuses to start with insecure defaults."""

from django.core.exceptions import ImproperlyConfigured

from soundoff.config.env import INSECURE_SECRET_PREFIX
from soundoff.config.settings.base import *  # noqa: F403
from soundoff.config.settings.base import ENV

DEBUG = False


def _refuse_insecure() -> None:
    problems = []
    if ENV.debug:
        problems.append("DEBUG must be off")
    if ENV.secret_key.startswith(INSECURE_SECRET_PREFIX) or len(ENV.secret_key) < 40:
        problems.append("SECRET_KEY must be set to a random value of at least 40 characters")
    if not ENV.allowed_hosts or "*" in ENV.allowed_hosts:
        problems.append("ALLOWED_HOSTS must list the site's host names (no '*')")
    if not ENV.ip_hash_salt or len(ENV.ip_hash_salt) < 16:
        problems.append("IP_HASH_SALT must be set to a random value of at least 16 characters")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))


_refuse_insecure()

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = ENV.site_url.startswith("https://")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30 if SECURE_SSL_REDIRECT else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
