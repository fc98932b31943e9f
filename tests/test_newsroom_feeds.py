"""RSS/Atom feeds, sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from soundoff.comments.models import CommentStatus
from soundoff.newsroom.models import ArticleStatus
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, SectionFactory
from tests.newsroom_factories import SitePageFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def rss_items(response) -> list[ET.Element]:
    root = parse(response)
    assert root.tag == "rss"
    assert response["Content-Type"].startswith("application/rss+xml")
    return root.findall("./channel/item")


@pytest.fixture
def stories():
    now = timezone.now()
    politics = SectionFactory(name="Politics", slug="politics")
    sport = SectionFactory(name="Sport", slug="sport")
    return {
        "old": ArticleFactory(
            headline="Old news", slug="old-news", sections=[politics],
            published_at=now - timedelta(days=2),
        ),
        "new": ArticleFactory(
            headline="Budget passes", slug="budget-passes", sections=[politics, sport],
            published_at=now - timedelta(hours=1),
        ),
        "cup": ArticleFactory(
            headline="Cup final", slug="cup-final", sections=[sport],
            published_at=now - timedelta(hours=3),
        ),
        "draft": ArticleFactory(
            headline="Secret draft", slug="secret-draft", sections=[politics],
            status=ArticleStatus.DRAFT, published_at=None,
        ),
        "future": ArticleFactory(
            headline="Embargoed story", slug="embargoed", sections=[politics],
            status=ArticleStatus.SCHEDULED, published_at=now + timedelta(days=1),
        ),
        "politics": politics,
        "sport": sport,
    }  # fmt: skip


def test_site_rss_lists_live_articles_newest_first(client, stories):
    items = rss_items(client.get("/feeds/rss/"))
    assert [i.findtext("title") for i in items] == ["Budget passes", "Cup final", "Old news"]
    first = items[0]
    assert first.findtext("link") == f"{SITE}/story/budget-passes/"
    assert first.findtext("guid") == f"{SITE}/story/budget-passes/"
    assert first.findtext("comments") == f"{SITE}/story/budget-passes/#comments"
    assert first.findtext("description") == "A short summary of the story."
    assert sorted(c.text for c in first.findall("category")) == ["Politics", "Sport"]
    assert first.findtext("pubDate")


def test_site_rss_channel(client, stories):
    root = parse(client.get("/feeds/rss/"))
    channel = root.find("channel")
    assert channel.findtext("title") == "The Soundoff Gazette"
    assert channel.findtext("link") == f"{SITE}/"


def test_site_rss_is_limited_to_30(client):
    ArticleFactory.create_batch(32)
    assert len(rss_items(client.get("/feeds/rss/"))) == 30


def test_atom_feed(client, stories):
    response = client.get("/feeds/atom/")
    root = parse(response)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Budget passes",
        "Cup final",
        "Old news",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0] == f"{SITE}/story/budget-passes/"
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name")
    assert root.findtext(f"{ATOM}subtitle")


def test_section_feed(client, stories):
    items = rss_items(client.get("/feeds/section/politics/"))
    assert [i.findtext("title") for i in items] == ["Budget passes", "Old news"]
    channel = parse(client.get("/feeds/section/politics/")).find("channel")
    assert channel.findtext("title").startswith("Politics")
    assert channel.findtext("link") == f"{SITE}/section/politics/"


def test_section_feed_unknown_section_is_404(client):
    assert client.get("/feeds/section/nope/").status_code == 404


def test_comments_feed_lists_only_published_newest_first(client):
    article = ArticleFactory(headline="Budget passes", slug="budget-passes")
    first = CommentFactory(article=article, author_name="Ann", body="First!")
    second = CommentFactory(article=article, author_name="Bob", body="Second thoughts")
    CommentFactory(article=article, author_name="Held", status=CommentStatus.HELD)
    CommentFactory(article=article, author_name="Pending", status=CommentStatus.PENDING)
    CommentFactory(article=article, author_name="Gone", status=CommentStatus.REMOVED)
    CommentFactory(author_name="Elsewhere")  # another article
    response = client.get("/feeds/comments/budget-passes/")
    items = rss_items(response)
    assert [i.findtext("title") for i in items] == [
        "Bob on “Budget passes”",
        "Ann on “Budget passes”",
    ]
    assert items[0].findtext("link") == f"{SITE}/story/budget-passes/#c{second.pk}"
    assert items[1].findtext("link") == f"{SITE}/story/budget-passes/#c{first.pk}"
    assert "Second thoughts" in items[0].findtext("description")
    for name in ("Held", "Pending", "Gone", "Elsewhere"):
        assert name not in response.text


def test_comments_feed_keeps_the_newest_50(client):
    article = ArticleFactory(slug="busy")
    CommentFactory.create_batch(53, article=article)
    assert len(rss_items(client.get("/feeds/comments/busy/"))) == 50


def test_comments_feed_of_an_unpublished_story_is_404(client, stories):
    CommentFactory(article=stories["future"])
    assert client.get("/feeds/comments/embargoed/").status_code == 404
    assert client.get("/feeds/comments/secret-draft/").status_code == 404
    assert client.get("/feeds/comments/no-such-story/").status_code == 404


def test_pages_link_to_their_feeds(client, stories):
    home = client.get("/").text
    assert 'href="/feeds/rss/"' in home
    assert 'href="/feeds/atom/"' in home
    assert 'href="/feeds/section/politics/"' in client.get("/section/politics/").text
    assert 'href="/feeds/comments/budget-passes/"' in client.get("/story/budget-passes/").text


def sitemap_locs(client) -> list[str]:
    response = client.get("/sitemap.xml")
    root = parse(response)
    assert root.tag == f"{SITEMAP_NS}urlset"
    return [u.findtext(f"{SITEMAP_NS}loc") for u in root.findall(f"{SITEMAP_NS}url")]


def test_sitemap_lists_live_articles_only(client, stories):
    locs = sitemap_locs(client)
    for slug in ("budget-passes", "cup-final", "old-news"):
        assert f"{SITE}/story/{slug}/" in locs
    assert f"{SITE}/story/secret-draft/" not in locs
    assert f"{SITE}/story/embargoed/" not in locs


def test_sitemap_article_lastmod_is_updated_at(client, stories):
    root = parse(client.get("/sitemap.xml"))
    for url in root.findall(f"{SITEMAP_NS}url"):
        if url.findtext(f"{SITEMAP_NS}loc") == f"{SITE}/story/budget-passes/":
            lastmod = stories["new"].updated_at.date().isoformat()
            assert url.findtext(f"{SITEMAP_NS}lastmod") == lastmod
            break
    else:
        pytest.fail("article missing from sitemap")


def test_sitemap_lists_sections_authors_and_pages(client, stories):
    SitePageFactory(slug="commenting-policy", title="Commenting policy")
    idle = AuthorFactory(name="No stories yet", slug="idle-author")
    ArticleFactory(author=idle, status=ArticleStatus.DRAFT, published_at=None)
    locs = sitemap_locs(client)
    assert f"{SITE}/section/politics/" in locs
    assert f"{SITE}/section/sport/" in locs
    assert f"{SITE}{stories['new'].author.get_absolute_url()}" in locs
    assert f"{SITE}/author/idle-author/" not in locs  # only authors with live stories
    assert f"{SITE}/page/commenting-policy/" in locs


def test_robots_txt(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /newsletter/confirm/" in lines
    assert "Disallow: /newsletter/unsubscribe/" in lines
    assert "Disallow: /newsletter/report/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
