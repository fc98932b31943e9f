from soundoff.core import conf


def site(request):
    return {"site_name": conf.get("SITE_NAME"), "site_tagline": conf.get("SITE_TAGLINE")}
