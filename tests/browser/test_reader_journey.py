"""A reader's journey through the site in a real (headless) browser.

Home page → article → post a comment (inline, htmx) → reply inline → a comment the rules
hold is shown to its author only → the same post without JavaScript. Every request the
pages make must go to the site itself: the product promises no third-party requests.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from soundoff.comments.adapters import comment_key
from soundoff.comments.models import Comment, CommentStatus
from soundoff.moderation.models import Case
from soundoff.newsroom.demo.loader import demo_load
from soundoff.newsroom.models import Article
from tests.browser.watch import Watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 10_000
FIRST = "Thanks for the clear write-up; the timeline at the end really helped."
REPLY = "Agreed, and the quotes from both sides were fair."
HELD = (
    "Background reading: https://one.example/a and https://two.example/b "
    "and https://three.example/c"
)
NO_JS = "Posting this one with JavaScript switched off."


@pytest.fixture
def site(live_server, settings):
    """The demo newsroom (without the 1,000-comment thread) behind the live server."""
    settings.SOUNDOFF = {
        **settings.SOUNDOFF,
        "COMMENT_MIN_SECONDS_ON_PAGE": 0,
        "COMMENT_RATE_LIMIT": "100/60",
    }
    demo_load(only_if_empty=False, big_thread_size=0)
    return live_server.url


def _new_page(browser, base_url: str, watch: Watch, **context_options):
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1100, "height": 900}, **context_options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch.attach_page(page)
    return context, page


def _shot(page, path, *, full_page: bool = False) -> None:
    # caret="initial": Playwright's default caret hiding leaves the page raising CSP
    # "inline style" errors afterwards, which would be mistaken for the site's own.
    page.screenshot(path=path, full_page=full_page, caret="initial")


def _comment_id(text: str) -> int:
    return Comment.objects.get(body=text).pk


def test_reader_journey_with_javascript(browser, site, artifacts):
    from playwright.sync_api import expect

    watch = Watch()
    context, page = _new_page(browser, site, watch)

    # Home page: the newsroom's front page with its lead story.
    watch.step = "home"
    page.goto("/")
    lead = page.locator("section.lead h1 a")
    expect(lead).to_be_visible()
    _shot(page, artifacts / "home.png", full_page=True)

    # The article: headline, byline, and the invitation to comment.
    watch.step = "article"
    lead.click()
    page.wait_for_url(re.compile(r"/story/[^/]+/$"))
    slug = urlsplit(page.url).path.strip("/").split("/")[-1]
    article = Article.objects.select_related("author").get(slug=slug)
    expect(page.locator("article.article h1")).to_have_text(article.headline)
    byline = page.locator("p.byline")
    expect(byline).to_contain_text(f"by {article.author.name}")
    expect(byline.locator("a[rel=author]")).to_have_attribute(
        "href", article.author.get_absolute_url()
    )
    expect(page.locator("#comments-h")).to_have_text("Join the conversation!")
    _shot(page, artifacts / "article.png", full_page=True)

    # A marker on window survives only as long as the page is not reloaded.
    page.evaluate("window.__journeyMarker = 'still here'")

    # Post a comment: published at once, shown inline by htmx.
    watch.step = "comment"
    form = page.locator("#comment-form-slot form.comment-form")
    form.locator("textarea[name=body]").fill(FIRST)
    form.locator("input[name=author_name]").fill("Robin")
    form.get_by_role("button", name="Post comment").click()
    posted = page.locator("#comment-form-slot .posted").first
    expect(posted.locator(".msg.success")).to_have_text("Thanks! Your comment is published.")
    first_id = _comment_id(FIRST)
    first = page.locator(f"#c{first_id}")
    expect(first.locator(".comment-body")).to_contain_text(FIRST)
    expect(first.locator(".author")).to_have_text("Robin")
    assert page.evaluate("window.__journeyMarker") == "still here", "the page reloaded"
    assert Comment.objects.get(pk=first_id).status == CommentStatus.PUBLISHED
    first.scroll_into_view_if_needed()
    _shot(page, artifacts / "comment-posted.png")

    # Reply to it through the inline reply form.
    watch.step = "reply"
    first.locator("a.reply-link").first.click()
    reply_form = page.locator(f"#reply-slot-{first_id} form.reply-form")
    expect(reply_form.locator(".replying")).to_contain_text("Replying to Robin")
    reply_form.locator("textarea[name=body]").fill(REPLY)
    reply_form.locator("input[name=author_name]").fill("Sam")
    reply_form.get_by_role("button", name="Post reply").click()
    slot = page.locator(f"#reply-slot-{first_id}")
    expect(slot.locator(".msg.success")).to_have_text("Thanks! Your comment is published.")
    reply_id = _comment_id(REPLY)
    expect(slot.locator(f"#c{reply_id} .comment-body")).to_contain_text(REPLY)
    reply = Comment.objects.get(pk=reply_id)
    assert (reply.parent_id, reply.status) == (first_id, CommentStatus.PUBLISHED)
    assert page.evaluate("window.__journeyMarker") == "still here", "the page reloaded"
    slot.scroll_into_view_if_needed()
    _shot(page, artifacts / "reply.png")

    # Three links: the rules hold it, and its author sees it as awaiting moderation.
    watch.step = "held"
    fresh = page.locator("#comment-form-slot form.comment-form:not(.reply-form)").last
    fresh.locator("textarea[name=body]").fill(HELD)
    fresh.locator("input[name=author_name]").fill("Robin")
    fresh.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comment-form-slot .msg.info").last).to_contain_text("awaiting moderation")
    held_id = _comment_id(HELD)
    assert Comment.objects.get(pk=held_id).status == CommentStatus.HELD
    case = Case.objects.filter(subject_key=comment_key(held_id)).latest("pk")
    assert "rules.too_many_links" in {reason["code"] for reason in case.reasons}
    expect(page.locator(f"#c{held_id} .badge.awaiting")).to_have_text("awaiting moderation")

    # After a reload the author still sees it in the thread, marked as awaiting moderation.
    watch.step = "reload"
    page.reload()
    held = page.locator(f"#thread #c{held_id}")
    expect(held).to_have_class(re.compile(r"\bpending\b"))
    expect(held.locator(".badge.awaiting")).to_have_text("awaiting moderation")
    expect(page.locator(f"#thread #c{first_id} #c{reply_id}")).to_be_visible()
    held.scroll_into_view_if_needed()
    _shot(page, artifacts / "held.png")

    # Another reader (a separate browser context, so no shared cookies) doesn't see it.
    other_watch = Watch()
    other_context, other = _new_page(browser, site, other_watch)
    other_watch.step = "other reader"
    other.goto(article.get_absolute_url())
    expect(other.locator(f"#c{first_id} .comment-body").first).to_contain_text(FIRST)
    expect(other.locator(f"#c{reply_id}")).to_be_visible()
    expect(other.locator(f"#c{held_id}")).to_have_count(0)
    expect(other.get_by_text("three.example")).to_have_count(0)
    expect(other.locator(".badge.awaiting")).to_have_count(0)
    other_context.close()
    context.close()

    for w in (watch, other_watch):
        assert w.urls, "no requests were recorded"
        assert w.foreign(site) == [], "requests left the site"
        assert w.errors == [], "\n".join(w.errors)


def test_posting_without_javascript(browser, site, artifacts):
    from playwright.sync_api import expect

    watch = Watch()
    context, page = _new_page(browser, site, watch, java_script_enabled=False)
    article = Article.objects.exclude(slug__startswith="opinion").order_by("-published_at")[0]
    page.goto(article.get_absolute_url())
    expect(page.locator("#comments-h")).to_have_text("Join the conversation!")

    form = page.locator("#comment-form-slot form.comment-form")
    form.locator("textarea[name=body]").fill(NO_JS)
    form.locator("input[name=author_name]").fill("Kit")
    with page.expect_navigation():
        form.get_by_role("button", name="Post comment").click()

    comment = Comment.objects.get(body=NO_JS)
    assert comment.status == CommentStatus.PUBLISHED
    # Post → redirect → the article again, at the new comment, with a message.
    assert urlsplit(page.url).path == article.get_absolute_url()
    assert urlsplit(page.url).fragment == f"c{comment.pk}"
    expect(page.locator("ul.messages .msg")).to_have_text("Thanks! Your comment is published.")
    expect(page.locator(f"#c{comment.pk} .comment-body")).to_contain_text(NO_JS)
    _shot(page, artifacts / "no-js-posted.png")
    context.close()

    assert watch.foreign(site) == [], "requests left the site"


def test_form_errors_are_shown_inline_with_javascript(browser, site, artifacts):
    from playwright.sync_api import expect

    watch = Watch()
    context, page = _new_page(browser, site, watch)
    context.set_default_timeout(3_000)
    article = Article.objects.exclude(slug__startswith="opinion").order_by("-published_at")[0]
    page.goto(article.get_absolute_url())
    form = page.locator("#comment-form-slot form.comment-form")
    form.locator("textarea[name=body]").fill("A comment without a display name.")
    with page.expect_response(lambda r: "/comments/post/" in r.url) as posted:
        form.get_by_role("button", name="Post comment").click()
    assert posted.value.status == 400
    try:
        expect(page.locator("#comment-form-slot .has-error .error")).to_have_text(
            "This field is required."
        )
        expect(page.locator("#comment-form-slot textarea[name=body]")).to_have_value(
            "A comment without a display name."
        )
    finally:
        _shot(page, artifacts / "form-error.png")
        context.close()
    assert not Comment.objects.filter(body="A comment without a display name.").exists()
