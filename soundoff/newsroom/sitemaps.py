"""sitemap.xml (django.contrib.sitemaps). Only what the public can read is listed: live
stories, and the sections, authors and pages they link to. URLs use settings.SITE_URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from soundoff.newsroom.models import Article, Author, Section, SitePage


class SiteURLSitemap(Sitemap):
    """Locations on the configured SITE_URL rather than the request's Host header."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or super().get_protocol(protocol)

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)


class ArticleSitemap(SiteURLSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.live().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, item: Article):
        return item.updated_at


class SectionSitemap(SiteURLSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.only("slug").order_by("position", "name")


class AuthorSitemap(SiteURLSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        has_live = Article.objects.live().filter(author=OuterRef("pk"))
        return Author.objects.filter(Exists(has_live)).only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: Author):
        return item.updated_at


class SitePageSitemap(SiteURLSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return SitePage.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: SitePage):
        return item.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "pages": SitePageSitemap,
}
