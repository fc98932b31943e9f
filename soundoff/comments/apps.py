from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "soundoff.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from soundoff.comments.adapters import CommentAdapter
        from soundoff.moderation import subjects

        subjects.register("comment", CommentAdapter())
