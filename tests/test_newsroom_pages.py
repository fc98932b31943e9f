"""The public newsroom pages: front page, section, author, search and the article page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from soundoff.comments.models import CommentStatus
from soundoff.newsroom import services
from soundoff.newsroom.models import ArticleStatus, RelatedArticle
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    SectionFactory,
    TagFactory,
)
from tests.newsroom_factories import (
    FreeReportFactory,
    PromoFactory,
    SitePageFactory,
    StaffUserFactory,
)

SITE = settings.SITE_URL

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def later(**kwargs):
    return timezone.now() + timedelta(**kwargs)


def section_block(html: str, name: str) -> str:
    """The front page's block for one section."""
    match = re.search(
        rf'<section class="home-section">\s*<h2><a href="[^"]+">{name}</a></h2>(.*?)</section>',
        html,
        re.S,
    )
    assert match, f"no section {name} on the page"
    return match.group(1)


# Front page, section, author, search ---------------------------------------------------


def test_home_lists_latest_per_section_with_comment_counts(client):
    news = SectionFactory(name="News", slug="news", position=1)
    sport = SectionFactory(name="Sport", slug="sport", position=2)
    SectionFactory(name="Hidden", slug="hidden", show_on_home=False)
    talked = ArticleFactory(headline="Bridge reopens", sections=[news], published_at=ago(hours=2))
    CommentFactory.create_batch(2, article=talked)
    CommentFactory(article=talked, status=CommentStatus.HELD)  # not counted
    for i in range(5):
        ArticleFactory(headline=f"Match report {i}", sections=[sport], published_at=ago(days=i + 1))
    ArticleFactory(headline="Draft in news", sections=[news], status=ArticleStatus.DRAFT)
    ArticleFactory(
        headline="Tomorrow's story",
        sections=[news],
        status=ArticleStatus.SCHEDULED,
        published_at=later(hours=3),
    )

    html = client.get("/").text
    assert '<section class="lead">' in html
    news_block = section_block(html, "News")
    assert "Bridge reopens" in news_block
    assert '<a href="/story/' in news_block and '#comments">2 comments</a>' in news_block
    sport_block = section_block(html, "Sport")
    assert [f"Match report {i}" in sport_block for i in range(5)] == [True] * 4 + [False]
    assert "0 comments" in sport_block
    assert html.index('<a href="/section/news/">News</a></h2>') < html.index(
        '<a href="/section/sport/">Sport</a></h2>'
    )
    assert '<a href="/section/hidden/">Hidden</a></h2>' not in html
    assert "Draft in news" not in html
    assert "Tomorrow's story" not in html


def test_home_without_stories(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "No stories published yet." in response.text


def test_section_front_lists_only_its_live_stories(client):
    news = SectionFactory(name="News", slug="news", description="What happened today.")
    ArticleFactory(headline="In the news", sections=[news])
    ArticleFactory(headline="Somewhere else")
    ArticleFactory(headline="News draft", sections=[news], status=ArticleStatus.DRAFT)
    response = client.get("/section/news/")
    assert response.status_code == 200
    assert "<h1>News</h1>" in response.text
    assert "What happened today." in response.text
    assert "In the news" in response.text
    assert "Somewhere else" not in response.text
    assert "News draft" not in response.text
    assert client.get("/section/nope/").status_code == 404


def test_section_front_is_paged(client):
    news = SectionFactory(slug="news")
    ArticleFactory.create_batch(13, sections=[news])
    first = client.get("/section/news/").text
    assert "Page 1 of 2" in first
    assert first.count('<article class="card">') == 12
    assert client.get("/section/news/?page=2").text.count('<article class="card">') == 1


def test_author_page(client):
    author = AuthorFactory(name="Dana Reed", slug="dana-reed", role="Courts", bio="Covers courts.")
    ArticleFactory(headline="Verdict in", author=author)
    ArticleFactory(headline="Unfinished", author=author, status=ArticleStatus.DRAFT)
    ArticleFactory(headline="By someone else")
    response = client.get("/author/dana-reed/")
    assert response.status_code == 200
    assert "<h1>Dana Reed</h1>" in response.text
    assert "Courts" in response.text and "Covers courts." in response.text
    assert "Verdict in" in response.text
    assert "Unfinished" not in response.text
    assert "By someone else" not in response.text


def test_tag_page(client):
    flood = TagFactory(name="Flooding", slug="flooding")
    ArticleFactory(headline="River rises", tags=[flood])
    ArticleFactory(headline="Dry summer")
    text = client.get("/tag/flooding/").text
    assert "River rises" in text and "Dry summer" not in text


def test_search_finds_headline_and_body_words_but_not_drafts(client):
    ArticleFactory(headline="Harbour dredging approved", body="Boats will get in again.")
    ArticleFactory(headline="Unrelated", body="The lighthouse keeper retires.")
    ArticleFactory(
        headline="Harbour secret", body="lighthouse", status=ArticleStatus.DRAFT, published_at=None
    )
    ArticleFactory(
        headline="Harbour embargo",
        body="lighthouse",
        status=ArticleStatus.SCHEDULED,
        published_at=later(days=1),
    )

    by_headline = client.get("/search/", {"q": "harbour"}).text
    assert "Harbour dredging approved" in by_headline
    assert "1 story for" in by_headline
    assert "Harbour secret" not in by_headline and "Harbour embargo" not in by_headline

    by_body = client.get("/search/", {"q": "Lighthouse keeper"}).text
    assert "Unrelated" in by_body
    assert "Harbour" not in strip_tags(by_body.split("<h1>Search</h1>")[1])

    nothing = client.get("/search/", {"q": "zebra"}).text
    assert "No stories match" in nothing
    assert client.get("/search/").status_code == 200


# Article page -------------------------------------------------------------------------------


@pytest.fixture
def story():
    author = AuthorFactory(name="Sam Patel", slug="sam-patel")
    politics = SectionFactory(name="Politics", slug="politics", position=1)
    money = SectionFactory(name="Money", slug="money", position=2)
    article = ArticleFactory(
        headline="Council <approves> budget & more",
        slug="council-budget",
        standfirst="Spending on schools goes up.",
        author=author,
        sections=[politics, money],
        published_at=timezone.now().replace(year=2026, month=3, day=4, hour=9, minute=30),
    )
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=CommentStatus.PENDING)
    return article


@pytest.fixture
def story_page(client, story):
    SitePageFactory(slug="commenting-policy", title="Commenting policy")
    FreeReportFactory()
    PromoFactory(title="Support local journalism", body="Become a member.", link_url="/page/about/")
    response = client.get("/story/council-budget/")
    assert response.status_code == 200
    return response.text


def test_byline(story_page):
    byline = re.search(r'<p class="byline">(.*?)</p>', story_page, re.S).group(1)
    assert strip_tags(byline) == "by Sam Patel | 4 March 2026, 09:30 | Politics, Money | 3 comments"
    assert '<a href="/author/sam-patel/" rel="author">Sam Patel</a>' in byline
    assert '<a href="#comments" class="comment-count">3 comments</a>' in byline
    assert 'id="comments"' in story_page


def test_comment_section_promises(story_page):
    assert "Join the conversation!" in story_page
    assert "your personal information will never be sold or shared" in story_page
    assert '<a href="/page/commenting-policy/">Read our commenting policy</a>' in story_page


def test_sidebar_promo_newsletter_and_related_boxes(story_page):
    assert '<section class="promo"' in story_page
    assert "Support local journalism" in story_page
    assert '<a class="button" href="/page/about/">Find out more</a>' in story_page
    assert '<section class="newsletter"' in story_page
    assert '<form method="post" action="/newsletter/">' in story_page
    assert "Free report: Where the money goes" in story_page
    assert '<h2 id="related-h">Related Articles</h2>' in story_page


def test_head_has_canonical_og_tags_and_escaped_headline(story_page):
    assert f'<link rel="canonical" href="{SITE}/story/council-budget/">' in story_page
    assert '<meta property="og:type" content="article">' in story_page
    assert (
        '<meta property="og:title" content="Council &lt;approves&gt; budget &amp; more">'
        in story_page
    )
    assert f'<meta property="og:url" content="{SITE}/story/council-budget/">' in (story_page)
    assert '<meta property="og:description" content="Spending on schools goes up.">' in (story_page)
    assert "<approves>" not in story_page


def test_news_article_json_ld(story_page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', story_page, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0]  # cannot break out of the script element
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Council <approves> budget & more"
    assert data["author"][0]["name"] == "Sam Patel"
    assert data["author"][0]["url"] == SITE + "/author/sam-patel/"
    assert data["mainEntityOfPage"] == SITE + "/story/council-budget/"
    assert data["articleSection"] == ["Politics", "Money"]
    assert data["commentCount"] == 3
    assert data["datePublished"].startswith("2026-03-04T09:30")


def test_story_links_render_as_the_linked_headline(client):
    ArticleFactory(headline="Mayor resigns", slug="mayor-resigns")
    ArticleFactory(headline="Secret plan", slug="secret-plan", status=ArticleStatus.DRAFT)
    ArticleFactory(
        headline="Future plan",
        slug="future-plan",
        status=ArticleStatus.SCHEDULED,
        published_at=later(days=1),
    )
    ArticleFactory(
        slug="linker",
        body=(
            "Background: [[story:mayor-resigns]].\n\n"
            "Not yet: [[story:secret-plan]] [[story:future-plan]] [[story:missing]]."
        ),
    )
    html = client.get("/story/linker/").text
    assert '<a href="/story/mayor-resigns/">Mayor resigns</a>' in html
    assert "[[story:" not in html
    for hidden in ("secret-plan", "Secret plan", "future-plan", "Future plan"):
        assert hidden not in html


def test_article_body_is_sanitised(client):
    ArticleFactory(slug="xss", body="Hi <script>alert(1)</script> [x](javascript:alert(1))")
    html = client.get("/story/xss/").text
    body = re.search(r'<div class="body">(.*?)</div>', html, re.S).group(1)
    assert "<script" not in body
    assert 'href="javascript:' not in body


def test_drafts_are_404(client):
    ArticleFactory(slug="draft", status=ArticleStatus.DRAFT, published_at=None)
    assert client.get("/story/draft/").status_code == 404
    assert client.get("/story/no-such-story/").status_code == 404


def test_scheduled_story_is_404_to_the_public_and_a_preview_for_staff(client):
    ArticleFactory(
        headline="Embargoed budget",
        slug="embargoed",
        status=ArticleStatus.SCHEDULED,
        published_at=later(hours=2),
    )
    assert client.get("/story/embargoed/").status_code == 404

    client.force_login(StaffUserFactory())  # staff without the permission
    assert client.get("/story/embargoed/").status_code == 404

    client.force_login(StaffUserFactory(permissions=["newsroom.change_article"]))
    response = client.get("/story/embargoed/")
    assert response.status_code == 200
    assert "Embargoed budget" in response.text
    assert "Preview: this story is not published yet." in response.text


def test_scheduled_story_goes_live_at_its_time(client):
    ArticleFactory(
        slug="was-scheduled", status=ArticleStatus.SCHEDULED, published_at=ago(minutes=1)
    )
    response = client.get("/story/was-scheduled/")
    assert response.status_code == 200
    assert "Preview:" not in response.text


def test_related_articles_are_computed_by_the_task_and_shown(
    client, django_capture_on_commit_callbacks
):
    harbour, roads, arts = (
        SectionFactory(slug="harbour"),
        SectionFactory(slug="roads"),
        SectionFactory(slug="arts"),
    )
    target = ArticleFactory(
        headline="Harbour dredging approved",
        slug="dredging",
        sections=[harbour],
        body="The harbour dredging contract for the silted harbour channel was approved.",
    )
    similar = ArticleFactory(
        headline="Harbour channel silted again",
        slug="silted",
        sections=[roads],
        body="Silt in the harbour channel means dredging is needed; the harbour is closed.",
    )
    ArticleFactory(
        headline="Gallery opens",
        slug="gallery",
        sections=[arts],
        standfirst="Local artists show their work.",
        body="Paintings and sculpture.",
    )
    ArticleFactory(
        headline="Harbour draft",
        slug="harbour-draft",
        sections=[harbour],
        body="harbour dredging silted harbour channel",
        status=ArticleStatus.DRAFT,
        published_at=None,
    )

    # Before the job runs there is nothing precomputed (and no story shares the section).
    html = client.get("/story/dredging/").text
    assert "No related stories yet." in html

    with django_capture_on_commit_callbacks(execute=True):
        services.article_changed(article_id=target.pk)

    related = list(RelatedArticle.objects.filter(article=target).values_list("related", flat=True))
    assert related[0] == similar.pk
    html = client.get("/story/dredging/").text
    box = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert '<a href="/story/silted/">Harbour channel silted again</a>' in box
    assert "Gallery opens" not in box
    assert "Harbour draft" not in box


def test_related_falls_back_to_the_latest_in_a_shared_section(client):
    news = SectionFactory(slug="news")
    ArticleFactory(slug="main", sections=[news])
    ArticleFactory(headline="Neighbour story", slug="neighbour", sections=[news])
    ArticleFactory(headline="Elsewhere story")
    box = re.search(
        r'<section class="related".*?</section>', client.get("/story/main/").text, re.S
    ).group(0)
    assert "Neighbour story" in box
    assert "Elsewhere story" not in box


def test_search_and_related_show_true_comment_counts(client):
    """Filters on tags/sections after the comment-count annotation must not multiply it."""
    news, money = SectionFactory(slug="news"), SectionFactory(slug="money")
    tags = [TagFactory(), TagFactory(), TagFactory()]
    talked = ArticleFactory(
        headline="Harbour news", slug="talked", sections=[news, money], tags=tags
    )
    CommentFactory(article=talked)
    ArticleFactory(slug="other", sections=[news, money])
    assert "1 comment<" in client.get("/search/", {"q": "harbour"}).text
    related = client.get("/story/other/").text
    assert re.search(
        r'href="/story/talked/">Harbour news</a> <span class="meta">[^<]*· 1 comment<', related
    )


def test_site_page(client):
    SitePageFactory(slug="commenting-policy", title="Commenting policy", body="Be **kind**.")
    html = client.get("/page/commenting-policy/").text
    assert "<h1>Commenting policy</h1>" in html
    assert "<strong>kind</strong>" in html


def test_pages_load_nothing_from_other_sites(client, story_page):
    assert "Content-Security-Policy" in client.get("/").headers
    for attr in re.findall(r'(?:src|href)="(https?://[^"]+)"', story_page):
        assert attr.startswith(SITE + "/"), attr
