"""RSS and Atom feeds (django.contrib.syndication).

Every absolute URL in a feed is built from settings.SITE_URL, never from the request's
Host header: feeds are cached and re-served by aggregators, so they carry the site's
configured address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import Truncator

from soundoff.comments.models import Comment, CommentStatus
from soundoff.core import conf
from soundoff.newsroom import selectors
from soundoff.newsroom.models import Article, Section


def absolute(path: str) -> str:
    return settings.SITE_URL + path


class ArticleFeed(Feed):
    """The latest live stories on the whole site (RSS 2.0)."""

    feed_type = Rss201rev2Feed
    url_name = "newsroom:feed_rss"

    def title(self) -> str:
        return conf.get("SITE_NAME")

    def description(self) -> str:
        return conf.get("SITE_TAGLINE")

    def link(self) -> str:
        return absolute(reverse("newsroom:home"))

    def feed_url(self) -> str:
        return absolute(reverse(self.url_name))

    def items(self):
        return selectors.live_articles()[: conf.get("FEED_ARTICLE_COUNT")]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.standfirst or Truncator(item.body).words(50)

    def item_link(self, item: Article) -> str:
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author.name

    def item_author_link(self, item: Article) -> str:
        return absolute(item.author.get_absolute_url())

    def item_categories(self, item: Article) -> list[str]:
        return [s.name for s in item.sections.all()]

    def item_comments(self, item: Article) -> str:
        return absolute(item.get_absolute_url()) + "#comments"


class ArticleAtomFeed(ArticleFeed):
    """The same stories as Atom 1.0."""

    feed_type = Atom1Feed
    url_name = "newsroom:feed_atom"

    def subtitle(self) -> str:  # Atom's name for the description
        return self.description()


class SectionFeed(ArticleFeed):
    """The latest live stories in one section (RSS 2.0)."""

    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{obj.name} · {conf.get('SITE_NAME')}"

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} stories"

    def link(self, obj: Section) -> str:
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Section) -> str:
        return absolute(reverse("newsroom:feed_section", kwargs={"slug": obj.slug}))

    def items(self, obj: Section):
        return selectors.live_articles().filter(sections=obj)[: conf.get("FEED_ARTICLE_COUNT")]


class ArticleCommentsFeed(Feed):
    """The newest published comments on one live story (RSS 2.0). Only the commenter's
    display name and the rendered comment are shown; nothing else about them."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug: str) -> Article:
        return get_object_or_404(Article.objects.live(), slug=slug)

    def title(self, obj: Article) -> str:
        return f"Comments on “{obj.headline}” · {conf.get('SITE_NAME')}"

    def description(self, obj: Article) -> str:
        return f"The latest comments on “{obj.headline}”"

    def link(self, obj: Article) -> str:
        return absolute(obj.get_absolute_url()) + "#comments"

    def feed_url(self, obj: Article) -> str:
        return absolute(reverse("newsroom:feed_comments", kwargs={"slug": obj.slug}))

    def items(self, obj: Article):
        comments = list(
            Comment.objects.filter(article=obj, status=CommentStatus.PUBLISHED)
            .only("id", "author_name", "body_html", "created_at", "published_at", "article_id")
            .order_by("-created_at", "-id")[: conf.get("FEED_COMMENT_COUNT")]
        )
        url = obj.get_absolute_url()
        for comment in comments:  # saves a query per comment for its article's URL
            comment.article_url = url
            comment.article_headline = obj.headline
        return comments

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.article_headline}”"

    def item_description(self, item: Comment) -> str:
        return item.body_html  # rendered and sanitised when the comment was saved

    def item_link(self, item: Comment) -> str:
        return absolute(f"{item.article_url}#c{item.pk}")

    def item_guid(self, item: Comment) -> str:
        return absolute(f"{item.article_url}#c{item.pk}")

    def item_pubdate(self, item: Comment):
        return item.published_at or item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.author_name
