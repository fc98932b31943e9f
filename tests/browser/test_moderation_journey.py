"""The moderation journey end to end, in a real (headless) browser.

Readers post on three stories: a clean comment is published, a religious-hatred comment is
rejected (its author sees why and appeals once), a link-spam text posted in three threads is
caught as a spam wave on the third, and an insult is held. Readers report one of the
spammer's published comments until it goes back to review. A moderator then clears the
queue with the keyboard only (j/k, a, r+number, b), banning the spammer, and the audit log
shows every step. Every request must go to the site itself (no third parties).

Scores come from the deterministic stand-in in tests/fakes.py (autouse fixture in
tests/conftest.py); the live server runs in this process, so it applies there too.
"""

from __future__ import annotations

import re

import pytest

from soundoff.comments.adapters import comment_key
from soundoff.comments.models import Comment, CommentStatus, RejectReason
from soundoff.moderation.models import (
    Appeal,
    AppealStatus,
    AuditEntry,
    Ban,
    BanKind,
    Case,
    CaseStatus,
)
from soundoff.moderation.roles import staff_create
from tests.browser.watch import Watch
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 10_000
MOD_USER, MOD_PASSWORD = "morgan", "pw-Strong-123"

CLEAN = "A clear account of the council vote; thanks for covering the details."
HATRED = "Muslims are vermin and should be driven out of this town."
SPAM = "Earn money from home with this simple trick, join now: http://quick-cash.example/join"
INSULT = "Only a moron would believe the council on this one."
APPEAL_NOTE = "I was quoting a leaflet I saw, not saying it myself."

PUBLISHED_NOTE = "Thanks! Your comment is published."
HATRED_NOTE = (
    "Your comment was not published because it may attack people for who they are, "
    "such as their race or religion."
)
WAVE_NOTE = "Your comment was not published: the same text was posted in many places."


@pytest.fixture
def site(live_server, settings):
    settings.SOUNDOFF = {
        **settings.SOUNDOFF,
        "COMMENT_MIN_SECONDS_ON_PAGE": 0,
        "COMMENT_RATE_LIMIT": "100/60",
    }
    return live_server.url


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def open_page(browser, site, watch):
    """Opens a page in a fresh browser context (its own cookies: one person each)."""
    contexts = []

    def make():
        context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        watch.attach_context(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _shot(page, path, *, full_page: bool = False) -> None:
    # caret="initial": Playwright's caret hiding injects a style the CSP refuses.
    page.screenshot(path=str(path), full_page=full_page, caret="initial")


def _post(page, body: str, name: str):
    """Post a top-level comment with the newest form on the page; returns its note."""
    from playwright.sync_api import expect

    slot = page.locator("#comment-form-slot")
    notes_before = slot.locator(".posted > .msg").count()
    form = slot.locator("form.comment-form:not(.reply-form)").last
    form.locator("textarea[name=body]").fill(body)
    form.locator("input[name=author_name]").fill(name)
    form.get_by_role("button", name="Post comment").click()
    notes = slot.locator(".posted > .msg")
    expect(notes).to_have_count(notes_before + 1)
    return notes.last


def _report(page, article, comment_id: int) -> None:
    from playwright.sync_api import expect

    page.goto(article.get_absolute_url())
    item = page.locator(f"#c{comment_id}")
    item.locator("details.report summary").click()
    item.locator("details.report select[name=reason]").select_option("spam")
    item.get_by_role("button", name="Send report").click()
    expect(item.locator(".reported")).to_have_text("Thanks, a moderator will take a look.")


def _latest_case(comment: Comment) -> Case:
    return Case.objects.filter(subject_key=comment_key(comment.pk)).latest("pk")


def _codes(case: Case) -> set[str]:
    return {r.get("code") for r in case.reasons or []}


def _keyboard_select(page, case_id: int) -> None:
    """Move the queue's selection to this case with j/k only."""
    from playwright.sync_api import expect

    target = page.locator(f"#case-{case_id}")
    for _ in range(20):
        ids = page.eval_on_selector_all("ol.items > li.item", "els => els.map(e => e.id)")
        current = page.evaluate(
            "() => (document.querySelector('li.item.is-selected') || {}).id || null"
        )
        if current == f"case-{case_id}":
            break
        at = ids.index(current) if current in ids else -1
        page.keyboard.press("j" if at < ids.index(f"case-{case_id}") else "k")
    expect(target).to_have_class(re.compile(r"\bis-selected\b"))


def test_moderation_journey(browser, site, open_page, watch, artifacts):
    from playwright.sync_api import expect

    articles = ArticleFactory.create_batch(3)
    first = articles[0]

    # --- A reader posts a clean comment, then a religious-hatred one. -------------------
    watch.step = "reader"
    reader = open_page()
    reader.goto(first.get_absolute_url())
    expect(reader.locator("#comments-h")).to_have_text("Join the conversation!")
    expect(_post(reader, CLEAN, "Robin")).to_have_text(PUBLISHED_NOTE)
    clean = Comment.objects.get(body=CLEAN)
    assert clean.status == CommentStatus.PUBLISHED
    expect(reader.locator(f"#c{clean.pk} .comment-body")).to_contain_text(CLEAN)

    note = _post(reader, HATRED, "Robin")
    expect(note).to_have_class(re.compile(r"\berror\b"))
    expect(note).to_have_text(HATRED_NOTE)
    hatred = Comment.objects.get(body=HATRED)
    assert hatred.status == CommentStatus.REJECTED
    hatred_case = _latest_case(hatred)
    assert hatred_case.verdict == "reject" and "model.identity_attack" in _codes(hatred_case)

    # After a reload its author (only) still sees it: marked "not published", with the reason.
    reader.reload()
    mine = reader.locator(f"#thread #c{hatred.pk}")
    expect(mine).to_have_class(re.compile(r"\brejected\b"))
    expect(mine.locator(".badge.rejected")).to_have_text("not published")
    expect(mine.locator(".status-note")).to_have_text(HATRED_NOTE)
    mine.scroll_into_view_if_needed()
    _shot(reader, artifacts / "mod-reader-rejected.png")

    # The author appeals, once.
    watch.step = "appeal"
    mine.locator("details.appeal summary").click()
    mine.locator("textarea[name=note]").fill(APPEAL_NOTE)
    mine.get_by_role("button", name="Send appeal").click()
    expect(mine.locator(".msg.info")).to_have_text(
        "Thanks. A moderator will look at your comment again."
    )
    assert Appeal.objects.get(subject_key=comment_key(hatred.pk)).status == AppealStatus.OPEN

    # --- A spammer posts the same link spam on all three stories: the third is a wave. ---
    watch.step = "spammer"
    spammer = open_page()
    for n, article in enumerate(articles, start=1):
        spammer.goto(article.get_absolute_url())
        note = _post(spammer, SPAM, "Dale")
        if n < 3:
            expect(note).to_have_text(PUBLISHED_NOTE)
    expect(note).to_have_class(re.compile(r"\berror\b"))
    expect(note).to_have_text(WAVE_NOTE)
    _shot(spammer, artifacts / "mod-wave.png")
    spam = list(Comment.objects.filter(body=SPAM).order_by("pk"))
    assert [c.article_id for c in spam] == [a.pk for a in articles]
    assert [c.status for c in spam] == [
        CommentStatus.PUBLISHED,
        CommentStatus.PUBLISHED,
        CommentStatus.REJECTED,
    ]
    wave_case = _latest_case(spam[2])
    assert wave_case.verdict == "reject"
    assert "signals.spam_wave" in _codes(wave_case)
    assert spam[2].reject_reason == RejectReason.SPAM
    assert len({c.reader_key for c in spam}) == 1 and spam[0].reader_key != hatred.reader_key

    # --- A third reader insults someone: held for a moderator. --------------------------
    watch.step = "insult"
    heckler = open_page()
    heckler.goto(first.get_absolute_url())
    expect(_post(heckler, INSULT, "Pat")).to_contain_text("awaiting moderation")
    insult = Comment.objects.get(body=INSULT)
    assert insult.status == CommentStatus.HELD
    assert "model.insult" in _codes(_latest_case(insult))

    # --- Three readers report the spammer's first (published) comment. ------------------
    watch.step = "reports"
    _report(reader, first, spam[0].pk)
    _report(heckler, first, spam[0].pk)
    _report(open_page(), first, spam[0].pk)
    reported = Comment.objects.get(pk=spam[0].pk)
    assert (reported.report_count, reported.status) == (3, CommentStatus.HELD)
    report_case = _latest_case(reported)
    assert report_case.status == CaseStatus.AWAITING_REVIEW
    assert "reports.threshold" in _codes(report_case)

    # --- The moderator signs in and sees the queue. -------------------------------------
    watch.step = "moderator"
    staff_create(
        username=MOD_USER, email="morgan@example.org", password=MOD_PASSWORD, role="moderator"
    )
    mod = open_page()
    dialogs: list[str] = []

    def accept(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    mod.on("dialog", accept)
    mod.goto("/moderation/login/")
    mod.fill("#id_username", MOD_USER)
    mod.fill("#id_password", MOD_PASSWORD)
    mod.get_by_role("button", name="Sign in").click()
    mod.wait_for_url(re.compile(r"/moderation/$"))

    insult_case = _latest_case(insult)
    hatred_case.refresh_from_db()
    waiting = {hatred_case.pk, insult_case.pk, report_case.pk}
    items = mod.locator("ol.items > li.item")
    expect(items).to_have_count(3)
    assert {int(i) for i in items.evaluate_all("els => els.map(e => e.dataset.case)")} == waiting
    expect(mod.locator(".filters h2 .count")).to_have_text("3")
    expect(mod.locator("li.item.is-selected")).to_have_count(1)

    appealed = mod.locator(f"#case-{hatred_case.pk}")
    expect(appealed).to_have_class(re.compile(r"\bis-appeal\b"))
    expect(appealed.locator(".badge.appeal")).to_have_text("Appeal")
    expect(appealed.locator(".reasons code")).to_contain_text(["model.identity_attack"])
    expect(appealed.locator(".body mark")).to_have_text("vermin")
    expect(appealed.locator(".body mark")).to_have_class(re.compile(r"\bspan-identity_attack\b"))
    expect(appealed.locator(".appeal-note")).to_contain_text(APPEAL_NOTE)
    held = mod.locator(f"#case-{insult_case.pk}")
    expect(held.locator(".reasons code")).to_contain_text(["model.insult"])
    expect(held.locator(".body mark")).to_have_text("moron")
    flagged = mod.locator(f"#case-{report_case.pk}")
    expect(flagged.locator(".reasons code")).to_contain_text(["reports.threshold"])
    expect(flagged.locator(".body")).to_contain_text("quick-cash.example")
    _shot(mod, artifacts / "mod-queue.png", full_page=True)

    # --- Clear the queue with the keyboard only. ----------------------------------------
    # Uphold the rejection of the appealed comment: r, then 2 (racism or religious hatred).
    watch.step = "reject"
    _keyboard_select(mod, hatred_case.pk)
    mod.keyboard.press("r")
    expect(appealed.locator("details.reject-menu")).to_have_attribute("open", "")
    mod.keyboard.press("2")
    expect(appealed).to_have_class(re.compile(r"\bdecided\b"))
    expect(appealed.locator(".outcome")).to_have_text("Rejected")

    # Approve the insult (a: a robust opinion, not an attack on a person).
    watch.step = "approve"
    _keyboard_select(mod, insult_case.pk)
    mod.keyboard.press("a")
    expect(held).to_have_class(re.compile(r"\bdecided\b"))
    expect(held.locator(".outcome")).to_have_text("Approved")

    # Ban the spammer from their reported comment (b, then confirm).
    watch.step = "ban"
    _keyboard_select(mod, report_case.pk)
    mod.keyboard.press("b")
    expect(flagged).to_have_class(re.compile(r"\bdecided\b"))
    expect(flagged.locator(".outcome")).to_have_text("Rejected")
    expect(flagged.locator(".item-note")).to_contain_text("Banned")
    assert dialogs == ["Ban this author and reject everything they have waiting?"]

    expect(mod.locator("ol.items > li.item:not(.decided)")).to_have_count(0)
    mod.reload()
    expect(mod.locator(".queue p.empty")).to_contain_text("Nothing waiting")
    expect(mod.locator("ol.items > li.item")).to_have_count(0)
    expect(mod.locator(".filters h2 .count")).to_have_text("0")
    _shot(mod, artifacts / "mod-queue-cleared.png", full_page=True)

    # --- The audit log lists every step. ------------------------------------------------
    watch.step = "audit"
    mod.goto("/moderation/audit/")
    rows = mod.locator("table.audit tbody tr")
    expect(rows.first).to_be_visible()
    table = [
        (row[0], row[1])
        for row in rows.evaluate_all(
            "rows => rows.map(r => [r.cells[1].innerText.trim(), r.cells[2].innerText.trim()])"
        )
    ]
    _shot(mod, artifacts / "mod-audit.png", full_page=True)

    def keys(*comments: Comment) -> set[str]:
        return {comment_key(c.pk) for c in comments}

    auto = {subject for action, subject in table if action == "moderation.auto"}
    assert auto == keys(clean, hatred, *spam, insult)
    by_action = {(action, subject) for action, subject in table}
    assert ("moderation.appeal", comment_key(hatred.pk)) in by_action
    assert ("moderation.reports", comment_key(spam[0].pk)) in by_action
    assert ("moderation.reject", comment_key(hatred.pk)) in by_action
    assert ("moderation.approve", comment_key(insult.pk)) in by_action
    assert ("moderation.ban", comment_key(spam[0].pk)) in by_action
    assert ("moderation.reject", comment_key(spam[0].pk)) in by_action  # rejected by the ban
    assert len(table) == AuditEntry.objects.count()

    # --- The database agrees. -----------------------------------------------------------
    status = dict(Comment.objects.values_list("pk", "status"))
    assert status == {
        clean.pk: CommentStatus.PUBLISHED,
        hatred.pk: CommentStatus.REJECTED,
        spam[0].pk: CommentStatus.REJECTED,
        spam[1].pk: CommentStatus.PUBLISHED,  # a ban rejects what waits, not what is out
        spam[2].pk: CommentStatus.REJECTED,
        insult.pk: CommentStatus.PUBLISHED,
    }
    assert not Case.objects.filter(status=CaseStatus.AWAITING_REVIEW).exists()
    assert Appeal.objects.get(subject_key=comment_key(hatred.pk)).status == AppealStatus.UPHELD
    bans = set(Ban.objects.active().values_list("kind", "value"))
    assert (BanKind.READER, spam[0].reader_key) in bans
    assert (BanKind.IP, spam[0].ip_hash) in bans
    assert AuditEntry.objects.filter(
        action="moderation.ban", actor__username=MOD_USER, subject_key=comment_key(spam[0].pk)
    ).exists()

    # --- Only the site itself was ever asked for anything. ------------------------------
    assert watch.urls, "no requests were recorded"
    assert watch.foreign(site) == [], "requests left the site"
    assert watch.errors == [], "\n".join(watch.errors)
