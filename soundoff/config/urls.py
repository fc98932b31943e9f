from django.contrib import admin
from django.urls import include, path

from soundoff.newsroom import views as newsroom_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comments/", include("soundoff.comments.urls")),
    path("robots.txt", newsroom_views.robots_txt, name="robots_txt"),
    path("", include("soundoff.newsroom.urls")),
]
