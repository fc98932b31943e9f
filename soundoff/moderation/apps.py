from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "soundoff.moderation"
    label = "moderation"
    verbose_name = "Moderation"
