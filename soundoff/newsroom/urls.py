from django.urls import path

from soundoff.newsroom import feeds, views
from soundoff.newsroom.newsletter import views as newsletter

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("page/<slug:slug>/", views.page, name="page"),
    path("story/<slug:slug>/", views.article, name="article"),
    # Feeds
    path("feeds/rss/", feeds.ArticleFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("feeds/section/<slug:slug>/", feeds.SectionFeed(), name="feed_section"),
    path("feeds/comments/<slug:slug>/", feeds.ArticleCommentsFeed(), name="feed_comments"),
    # Newsletter (tokens are URL-safe base64, which the slug converter matches)
    path("newsletter/", newsletter.signup, name="newsletter"),
    path("newsletter/sent/", newsletter.sent, name="newsletter_sent"),
    path("newsletter/export.csv", newsletter.export_csv, name="newsletter_export"),
    path("newsletter/confirm/<slug:token>/", newsletter.confirm, name="newsletter_confirm"),
    path("newsletter/report/<slug:token>/", newsletter.report, name="newsletter_report"),
    path(
        "newsletter/unsubscribe/<slug:token>/",
        newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
