from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from soundoff.comments.models import Comment, CommentStatus
from soundoff.core.mail import one_click_message


def reply_notification_send(*, comment_id: int) -> int:
    """Email the parent's author about a published reply, if they asked for it."""
    reply = Comment.objects.select_related("parent", "article").get(pk=comment_id)
    parent = reply.parent
    if (
        reply.status != CommentStatus.PUBLISHED
        or parent is None
        or not parent.notify_replies
        or not parent.author_email
        or parent.author_email.lower() == reply.author_email.lower()
    ):
        return 0
    from soundoff.comments.services import unsubscribe_token_make

    unsubscribe_url = settings.SITE_URL + reverse(
        "comments:unsubscribe", kwargs={"token": unsubscribe_token_make(parent.author_email)}
    )
    context = {
        "reply": reply,
        "parent": parent,
        "article": reply.article,
        "reply_url": settings.SITE_URL + reply.get_absolute_url(),
        "unsubscribe_url": unsubscribe_url,
    }
    message = one_click_message(
        subject=f"New reply to your comment on “{reply.article.headline}”",
        body=render_to_string("comments/email/reply.txt", context),
        to=[parent.author_email],
        unsubscribe_url=unsubscribe_url,
    )
    return message.send()
