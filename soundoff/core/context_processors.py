from django.conf import settings

from soundoff.core import conf


def site(request):
    return {
        "site_name": conf.get("SITE_NAME"),
        "site_tagline": conf.get("SITE_TAGLINE"),
        # Canonical links use the configured SITE_URL, never the request's Host header.
        "site_url": settings.SITE_URL,
    }
