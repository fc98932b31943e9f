"""The moderators' queue: access, ordering, filters, highlighted spans, and actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from soundoff.comments.models import Comment, CommentStatus
from soundoff.moderation import services
from soundoff.moderation.models import (
    Appeal,
    AppealStatus,
    AuditEntry,
    Ban,
    Case,
    CaseStatus,
    LabelledExample,
)
from soundoff.moderation.templatetags.moderation_tags import highlight
from tests.factories import ArticleFactory, SectionFactory
from tests.test_moderation_queue_support import (
    LINKS,
    case_of,
    comment,
    moderator,
    relax_rate_limit,
)

pytestmark = pytest.mark.django_db
QUEUE = "/moderation/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _relaxed(settings):
    relax_rate_limit(settings)


@pytest.fixture
def mod(client):
    user = moderator()
    client.force_login(user)
    return user


def _status(c) -> str:
    return Comment.objects.get(pk=c.pk).status


# --- Access ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_staff_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith("/moderation/login/?next=/moderation/")
    assert client.get("/moderation/login/").status_code == 200


@pytest.mark.parametrize("path", [QUEUE, "/moderation/audit/", "/moderation/dashboard/"])
def test_non_staff_and_staff_without_permission_get_403(client, path):
    User = get_user_model()
    reader = User.objects.create_user("reader", password="x")
    client.force_login(reader)
    assert client.get(path).status_code == 403
    staff = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(path).status_code == 403


def test_staff_without_change_permission_cannot_act(client, article):
    held = comment(article, "You moron.")
    User = get_user_model()
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(viewer)
    url = reverse("moderation:decide", args=[case_of(held).pk])
    assert client.post(url, {"verdict": "publish"}).status_code == 403
    assert _status(held) == CommentStatus.HELD


def test_login_page_signs_staff_in(client):
    moderator("sam")
    response = client.post(
        "/moderation/login/", {"username": "sam", "password": "pw-Strong-123", "next": QUEUE}
    )
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200
    assert client.post("/moderation/logout/").status_code == 302
    assert client.get(QUEUE).status_code == 302


def test_actions_need_post_and_csrf(article):
    from django.test import Client

    held = comment(article, "You moron.")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(moderator())
    url = reverse("moderation:decide", args=[case_of(held).pk])
    assert csrf_client.get(url).status_code == 405
    assert csrf_client.post(url, {"verdict": "publish"}).status_code == 403
    assert _status(held) == CommentStatus.HELD


# --- What the queue shows -------------------------------------------------------------------


def test_queue_orders_by_risk_then_age_and_shows_context(client, mod, article):
    links = comment(article, LINKS, n=1)
    older_insult = comment(article, "You moron, read it again.", n=2)
    newer_insult = comment(article, "What a moron.", n=3)
    comment(article, "A perfectly calm remark.", n=4)  # published, not in the queue
    Case.objects.filter(pk=case_of(older_insult).pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    html = client.get(QUEUE).content.decode()
    order = [html.index(f'id="case-{case_of(c).pk}"') for c in (older_insult, newer_insult, links)]
    assert order == sorted(order)
    assert "A perfectly calm remark" not in html
    assert article.headline in html
    assert "Likely personal attack: score 0.80" in html  # the reason's message
    assert 'aria-label="0.80"' in html  # the score bar
    assert "fake-1" in html  # model version
    assert "Contains 2 links (hold at 2)" in html


def test_highlighted_spans_in_the_comment_body(client, mod, article):
    comment(article, "<b>Honestly</b>, you moron & worse.")
    html = client.get(QUEUE).content.decode()
    assert (
        '&lt;b&gt;Honestly&lt;/b&gt;, you <mark class="span-insult" title="insult">moron</mark>'
        " &amp; worse." in html
    )


def test_highlight_handles_overlaps_bad_offsets_and_escaping():
    text = "kill you vermin <x>"
    spans = [
        {"start": 0, "end": 8, "category": "threat", "text": "kill you"},
        {"start": 5, "end": 15, "category": "identity_attack"},
        {"start": 40, "end": 50, "category": "insult"},  # out of range: ignored
        {"start": 3, "end": 1, "category": "spam"},  # empty: ignored
        {"start": 0, "end": 4, "category": 'in"sult<'},  # category is sanitised
    ]
    html = str(highlight(text, spans))
    assert html == (
        '<mark class="span-threat span-multi" title="threat, insult">kill</mark>'
        '<mark class="span-threat" title="threat"> </mark>'
        '<mark class="span-threat span-multi" title="threat, identity attack">you</mark>'
        '<mark class="span-identity_attack" title="identity attack"> vermin</mark>'
        " &lt;x&gt;"
    )
    # Offsets that no longer match the text are found again by the span's text.
    moved = str(highlight("Well, you moron.", [{"start": 0, "end": 5, "text": "moron"}]))
    assert moved == 'Well, you <mark class="span-other" title="other">moron</mark>.'
    assert str(highlight("<i>", [])) == "&lt;i&gt;"


def test_author_history_parent_excerpt_and_appeal(client, mod, article):
    parent = comment(article, "The bridge plan is sound.", n=7, name="Pat")
    assert _status(comment(article, "They are vermin.", n=8, name="Robin")) == "rejected"
    comment(article, "You moron.", n=8, name="Robin", parent_id=parent.pk)
    rejected = comment(article, "Those people are vermin.", n=10, name="Ash")
    services.appeal_create(subject_key=f"comment:{rejected.pk}", note="I meant the rats!")
    html = client.get(QUEUE).content.decode()
    assert "I meant the rats!" in html
    assert "In reply to Pat:" in html and "The bridge plan is sound." in html
    assert "0 approved · 1 rejected" in html  # Robin's earlier comment
    only_appeals = client.get(QUEUE, {"reason": "appeal"}).content.decode()
    assert f'id="case-{case_of(rejected).pk}"' in only_appeals
    assert only_appeals.count('<li class="item') == 1


def test_author_history_counts_each_comment_once_by_its_latest_case():
    from soundoff.moderation.models import Case, CaseStatus, Verdict
    from soundoff.moderation.selectors import author_histories

    def case(subject, status, verdict=""):
        return Case.objects.create(
            subject_key=subject, author_key="reader:a", status=status, verdict=verdict
        )

    case("comment:1", CaseStatus.CLOSED, Verdict.PUBLISH)
    case("comment:1", CaseStatus.AWAITING_REVIEW)  # edited after approval, back in review
    case("comment:2", CaseStatus.CLOSED, Verdict.REJECT)
    case("comment:3", CaseStatus.CLOSED, Verdict.PUBLISH)
    assert author_histories(["reader:a", ""]) == {
        "reader:a": {"approved": 1, "rejected": 1, "waiting": 1}
    }


def test_filters_by_reason_section_and_article(client, mod):
    war, sport = SectionFactory(name="War"), SectionFactory(name="Sport")
    a1 = ArticleFactory(headline="Front line report", sections=[war])
    a2 = ArticleFactory(headline="Cup final", sections=[sport])
    insult = comment(a1, "You moron.", n=1)
    links = comment(a2, LINKS, n=2)

    def shown(**params):
        html = client.get(QUEUE, params).content.decode()
        return {c.pk for c in (insult, links) if f'id="case-{case_of(c).pk}"' in html}

    assert shown() == {insult.pk, links.pk}
    assert shown(reason="model.insult") == {insult.pk}
    assert shown(reason="rules.too_many_links") == {links.pk}
    assert shown(section="Sport") == {links.pk}
    assert shown(article="Front line report") == {insult.pk}
    assert shown(section="War", reason="rules.too_many_links") == set()
    facets = client.get(QUEUE).content.decode()
    assert "model.insult (1)" in facets and "War (1)" in facets


def test_queue_paginates_by_25(client, mod, article):
    for n in range(27):
        comment(article, f"Comment {n}: you moron.", n=100 + n, name=f"P{n}")
    first = client.get(QUEUE).content.decode()
    assert first.count('<li class="item') == 25
    second = client.get(QUEUE, {"page": 2}).content.decode()
    assert second.count('<li class="item') == 2


# --- Acting on one item ---------------------------------------------------------------------


def test_approve_without_js_redirects_back_with_a_message(client, mod, article):
    held = comment(article, "You moron.")
    case = case_of(held)
    response = client.post(
        reverse("moderation:decide", args=[case.pk]),
        {"verdict": "publish", "next": "/moderation/?reason=model.insult"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/moderation/?reason=model.insult"
    assert f"Approved comment:{held.pk}" in response.content.decode()
    assert _status(held) == CommentStatus.PUBLISHED
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.decided_at is not None
    entry = AuditEntry.objects.get(action="moderation.approve")
    assert entry.actor == mod and entry.subject_key == f"comment:{held.pk}"
    assert LabelledExample.objects.get().verdict == "publish"


def test_reject_and_undo_with_htmx(client, mod, article):
    held = comment(article, "You moron.")
    case = case_of(held)
    response = client.post(
        reverse("moderation:decide", args=[case.pk]),
        {"verdict": "reject", "reason_code": "attack"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="item decided v-reject"' in html and f'id="case-{case.pk}"' in html
    entry = AuditEntry.objects.get(action="moderation.reject")
    assert reverse("moderation:undo", args=[entry.pk]) in html and "Undo" in html
    assert _status(held) == CommentStatus.REJECTED
    assert entry.reasons[0]["code"] == "moderator.attack"
    assert LabelledExample.objects.get().labels == {"insult": 1, "toxicity": 1}

    undone = client.post(reverse("moderation:undo", args=[entry.pk]), **HTMX)
    assert undone.status_code == 200
    assert 'class="item"' in undone.content.decode()  # the full item is back
    assert _status(held) == CommentStatus.HELD
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_REVIEW
    assert AuditEntry.objects.filter(action="moderation.undo").count() == 1
    assert not LabelledExample.objects.exists()
    # An undo cannot be repeated.
    again = client.post(reverse("moderation:undo", args=[entry.pk]), follow=True)
    assert "can no longer be undone" in again.content.decode()
    assert AuditEntry.objects.filter(action="moderation.undo").count() == 1


def test_recent_decisions_offer_undo_without_js(client, mod, article):
    held = comment(article, "You moron.")
    client.post(reverse("moderation:decide", args=[case_of(held).pk]), {"verdict": "publish"})
    entry = AuditEntry.objects.get(action="moderation.approve")
    html = client.get(QUEUE).content.decode()
    assert "Your last decisions" in html
    assert reverse("moderation:undo", args=[entry.pk]) in html
    client.post(reverse("moderation:undo", args=[entry.pk]))
    assert _status(held) == CommentStatus.HELD
    assert reverse("moderation:undo", args=[entry.pk]) not in client.get(QUEUE).content.decode()


def test_deciding_twice_is_refused(client, mod, article):
    held = comment(article, "You moron.")
    url = reverse("moderation:decide", args=[case_of(held).pk])
    client.post(url, {"verdict": "publish"})
    response = client.post(url, {"verdict": "reject", "reason_code": "spam"}, follow=True)
    assert "already decided" in response.content.decode()
    assert _status(held) == CommentStatus.PUBLISHED
    assert not AuditEntry.objects.filter(action="moderation.reject").exists()


def test_ban_author_rejects_their_waiting_comments(client, mod, article):
    first = comment(article, "You moron.", n=5)
    second = comment(article, LINKS, n=5)
    other = comment(article, "Another moron remark.", n=6, name="Kim")
    response = client.post(
        reverse("moderation:ban", args=[case_of(first).pk]), {"days": "", "reason": "abuse"}, **HTMX
    )
    html = response.content.decode()
    assert f'id="case-{case_of(second).pk}"' in html and 'hx-swap-oob="true"' in html
    assert "Banned" in html
    assert _status(first) == _status(second) == CommentStatus.REJECTED
    assert _status(other) == CommentStatus.HELD
    bans = Ban.objects.all()
    assert bans and all(b.expires_at is None for b in bans if b.kind != "ip")  # IP bans expire
    assert AuditEntry.objects.filter(action="moderation.ban", actor=mod).count() == 1


def test_suspend_for_seven_days_without_js(client, mod, article):
    held = comment(article, "You moron.", n=9)
    response = client.post(
        reverse("moderation:ban", args=[case_of(held).pk]), {"days": "7", "reason": "spam"}
    )
    assert response.status_code == 302
    ban = Ban.objects.first()
    assert timedelta(days=6, hours=23) < ban.expires_at - timezone.now() <= timedelta(days=7)
    assert AuditEntry.objects.filter(action="moderation.suspend").exists()
    assert _status(held) == CommentStatus.REJECTED


def test_case_page(client, mod, article):
    held = comment(article, "You moron.")
    case = case_of(held)
    html = client.get(reverse("moderation:case", args=[case.pk])).content.decode()
    assert "moderation.auto" in html and f'id="case-{case.pk}"' in html


# --- Bulk and cluster -----------------------------------------------------------------------


def test_bulk_approve_selected(client, mod, article):
    held = [comment(article, f"Moron number {n}.", n=20 + n, name=f"N{n}") for n in range(3)]
    ids = [case_of(c).pk for c in held[:2]]
    response = client.post(
        reverse("moderation:bulk"), {"action": "approve", "case_ids": ids}, follow=True
    )
    assert "Approved 2 comments." in response.content.decode()
    assert [_status(c) for c in held] == [
        CommentStatus.PUBLISHED,
        CommentStatus.PUBLISHED,
        CommentStatus.HELD,
    ]
    assert AuditEntry.objects.filter(action="moderation.approve").count() == 2


def test_bulk_needs_a_selection(client, mod):
    response = client.post(reverse("moderation:bulk"), {"action": "approve"}, follow=True)
    assert "Select at least one comment." in response.content.decode()


def test_act_on_a_whole_cluster(client, mod, article):
    members = [
        comment(article, f"Great deals {n} moron.", n=30 + n, name=f"S{n}") for n in range(3)
    ]
    loner = comment(article, "Just a moron.", n=40, name="L")
    Case.objects.filter(pk__in=[case_of(c).pk for c in members]).update(cluster_key="dup:x")
    html = client.get(QUEUE).content.decode()
    assert "3 look-alikes" in html
    response = client.post(
        reverse("moderation:bulk"), {"action": "reject:spam", "cluster_key": "dup:x"}, **HTMX
    )
    assert response.status_code == 204 and response["HX-Redirect"] == QUEUE
    assert all(_status(c) == CommentStatus.REJECTED for c in members)
    assert _status(loner) == CommentStatus.HELD
    assert {
        e.reasons[0]["code"] for e in AuditEntry.objects.filter(action="moderation.reject")
    } == {"moderator.spam"}


def test_appeal_decided_from_the_queue_closes_the_appeal(client, mod, article):
    rejected = comment(article, "They are vermin.")
    key = f"comment:{rejected.pk}"
    services.appeal_create(subject_key=key, note="Satire.")
    client.post(reverse("moderation:decide", args=[case_of(rejected).pk]), {"verdict": "publish"})
    assert Appeal.objects.get(subject_key=key).status == AppealStatus.OVERTURNED
    assert _status(rejected) == CommentStatus.PUBLISHED


def test_static_assets_exist_and_no_inline_script_or_style(client, mod, article):
    from django.contrib.staticfiles import finders

    comment(article, "You moron.")
    html = client.get(QUEUE).content.decode()
    assert finders.find("soundoff/moderation.js") and finders.find("soundoff/moderation.css")
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "http://" not in html.replace("http://testserver", "")


def test_upholding_an_appeal_from_the_queue(client, mod, article):
    rejected = comment(article, "They are vermin.")
    key = f"comment:{rejected.pk}"
    services.appeal_create(subject_key=key, note="Satire.")
    case = case_of(rejected)
    response = client.post(
        reverse("moderation:decide", args=[case.pk]),
        {"verdict": "reject", "reason_code": "hate"},
        **HTMX,
    )
    assert 'class="item decided v-reject"' in response.content.decode()
    assert Appeal.objects.get(subject_key=key).status == AppealStatus.UPHELD
    assert _status(rejected) == CommentStatus.REJECTED
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert AuditEntry.objects.filter(action="moderation.reject", case=case).count() == 1


def test_htmx_decision_on_a_decided_case_explains_in_place(client, mod, article):
    held = comment(article, "You moron.")
    url = reverse("moderation:decide", args=[case_of(held).pk])
    client.post(url, {"verdict": "publish"})
    response = client.post(url, {"verdict": "reject", "reason_code": "spam"}, **HTMX)
    assert response.status_code == 200
    assert "already decided by someone else" in response.content.decode()
    assert _status(held) == CommentStatus.PUBLISHED
