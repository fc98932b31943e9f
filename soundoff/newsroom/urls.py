from django.urls import path

from soundoff.newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("page/<slug:slug>/", views.page, name="page"),
    path("story/<slug:slug>/", views.article, name="article"),
]
