"""The queue in a real (headless) browser: keyboard shortcuts, htmx swaps, undo, CSP.

Uses Debian's Chromium through Playwright; skips when it is missing."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from soundoff.comments.models import Comment, CommentStatus
from tests.test_moderation_queue_support import LINKS, case_of, comment, moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture
def page(live_server, settings):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_RATE_LIMIT": "1000/60"}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(viewport={"width": 1360, "height": 900})
            yield context.new_page()
        finally:
            browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _status(c) -> str:
    return Comment.objects.get(pk=c.pk).status


def test_keyboard_moderation(page, live_server, article):
    moderator("kay")
    insult = comment(article, "You moron, read the report again.", n=1)
    links = comment(article, LINKS, n=2)
    third = comment(article, "What a moron.", n=3)
    errors, urls = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: urls.append(r.url))
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{live_server.url}/moderation/")
    page.fill("#id_username", "kay")
    page.fill("#id_password", "pw-Strong-123")
    page.click("button[type=submit]")
    page.wait_for_selector("li.item.is-selected")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "moderation-queue.png"), full_page=True)

    first_id = f"#case-{case_of(insult).pk}"
    assert page.get_attribute("li.item.is-selected", "id") == first_id[1:]
    page.keyboard.press("a")  # approve the first: it is replaced by its decided state
    page.wait_for_selector(f"{first_id}.decided")
    assert _status(insult) == CommentStatus.PUBLISHED
    page.keyboard.press("u")  # undo: the item is back
    page.wait_for_selector(f"{first_id}:not(.decided)")
    assert _status(insult) == CommentStatus.HELD

    page.click(first_id + " .item-head")
    page.keyboard.press("r")
    page.wait_for_selector(f"{first_id} details.reject-menu[open]")
    page.keyboard.press("3")  # reject: personal attack
    page.wait_for_selector(f"{first_id}.decided")
    assert _status(insult) == CommentStatus.REJECTED
    # Selection moved on to the next waiting item; x selects it for bulk.
    page.keyboard.press("x")
    assert page.text_content("[data-selected-count]") == "1"
    page.keyboard.press("?")
    assert page.is_visible("dialog#help")
    page.keyboard.press("Escape")
    page.screenshot(path=str(ARTIFACTS / "moderation-queue-after.png"), full_page=True)

    assert _status(third) == CommentStatus.HELD and _status(links) == CommentStatus.HELD
    assert errors == []
    own = urlsplit(live_server.url).netloc
    assert [u for u in urls if urlsplit(u).netloc not in (own, "")] == []

    page.goto(f"{live_server.url}/moderation/dashboard/")
    page.screenshot(path=str(ARTIFACTS / "moderation-dashboard.png"), full_page=True)
    assert errors == []
