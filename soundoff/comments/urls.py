from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from soundoff.comments import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.comment_post, name="post"),
    path("thread/<int:article_id>/", views.thread_fragment, name="thread"),
    path("<int:comment_id>/reply/", views.reply_form, name="reply_form"),
    path("<int:comment_id>/edit/", views.comment_edit, name="edit"),
    path("<int:comment_id>/like/", views.comment_like, name="like"),
    path("<int:comment_id>/report/", views.comment_report, name="report"),
    path("<int:comment_id>/appeal/", views.comment_appeal, name="appeal"),
    path("check/<int:article_id>/", views.draft_check, name="check"),
    # One-click unsubscribe (RFC 8058) posts from mail clients without a CSRF token;
    # the signed token in the URL is the authorisation.
    path("unsubscribe/<str:token>/", csrf_exempt(views.replies_unsubscribe), name="unsubscribe"),
]
