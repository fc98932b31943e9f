"""Background work for comments. Tasks take ids and call one service."""

from __future__ import annotations

from django.tasks import task

from soundoff.comments import notifications


@task(queue_name="email")
def reply_notify(comment_id: int) -> int:
    return notifications.reply_notification_send(comment_id=comment_id)
