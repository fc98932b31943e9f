from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "soundoff.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"
