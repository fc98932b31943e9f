from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "soundoff.core"
    label = "core"
    verbose_name = "Soundoff core"

    def ready(self) -> None:
        from soundoff.core import checks  # noqa: F401  (registers system checks)
