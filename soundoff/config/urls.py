from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_control

from soundoff.newsroom import views as newsroom_views
from soundoff.newsroom.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comments/", include("soundoff.comments.urls")),
    path("accounts/", include(("soundoff.comments.accounts", "accounts"))),
    path("moderation/", include("soundoff.moderation.urls")),
    path("robots.txt", newsroom_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cache_control(max_age=3600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("soundoff.newsroom.urls")),
]
