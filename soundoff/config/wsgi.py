import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "soundoff.config.settings.dev")
application = get_wsgi_application()


def _warm_up() -> None:
    # Load the moderation models in the background so the first comment isn't slow.
    from soundoff.moderation import scoring

    scoring.warm_up()


threading.Thread(target=_warm_up, name="soundoff-warm-up", daemon=True).start()
