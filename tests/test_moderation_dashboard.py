"""The dashboard's numbers and server-drawn SVG charts, and the moderators' digest email."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from soundoff.moderation import dashboard, services
from soundoff.moderation.digest import digest_send
from soundoff.moderation.models import AuditEntry, Case
from tests.test_moderation_queue_support import (
    LINKS,
    case_of,
    comment,
    moderator,
    relax_rate_limit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _relaxed(settings):
    relax_rate_limit(settings)


@pytest.fixture
def dataset(article):
    mod = moderator()
    calm_old = comment(article, "A calm remark.", n=1)
    comment(article, "Another calm remark.", n=2)
    insult = comment(article, "You moron.", n=3)
    links = comment(article, LINKS, n=4)
    vermin = comment(article, "They are vermin.", n=5)
    comment(article, "More figures: https://c.example/1 https://d.example/2", n=6)  # waits
    AuditEntry.objects.filter(subject_key=f"comment:{calm_old.pk}").update(
        created_at=timezone.now() - timedelta(days=1)
    )
    services.moderator_decide(
        case_id=case_of(insult).pk, verdict="reject", actor=mod, reason_code="attack"
    )
    services.moderator_decide(case_id=case_of(links).pk, verdict="publish", actor=mod)
    services.appeal_create(subject_key=f"comment:{vermin.pk}", note="Context!")
    services.moderator_decide(
        case_id=case_of(vermin).pk, verdict="reject", actor=mod, reason_code="hate"
    )
    for c, minutes in ((insult, 10), (links, 30), (vermin, 50)):
        case = case_of(c)
        Case.objects.filter(pk=case.pk).update(
            created_at=case.decided_at - timedelta(minutes=minutes)
        )
    return mod


def test_dashboard_numbers(dataset):
    stats = dashboard.dashboard_stats()
    today = timezone.localdate()
    assert stats.per_day[today] == {"publish": 1, "hold": 3, "reject": 1}
    assert stats.per_day[today - timedelta(days=1)] == {"publish": 1, "hold": 0, "reject": 0}
    assert stats.totals == {"publish": 2, "hold": 3, "reject": 1}
    assert stats.hold_reasons == [("rules.too_many_links", 2), ("model.insult", 1)]
    assert stats.queue_size == 1
    assert stats.decisions == 3
    assert stats.median_decision == timedelta(minutes=30)
    assert stats.p90_decision == timedelta(minutes=46)
    rows = {r.code: (r.flagged, r.decided, r.agreed) for r in stats.agreement}
    assert rows == {
        "model.insult": (1, 1, 1),
        "model.identity_attack": (1, 1, 1),
        "rules.too_many_links": (2, 1, 0),
    }


def test_undone_decisions_do_not_count_as_agreement(dataset, article):
    held = comment(article, "What a moron.", n=9)
    entry = services.moderator_decide(
        case_id=case_of(held).pk, verdict="reject", actor=dataset, reason_code="attack"
    )
    services.decision_undo(audit_id=entry.pk, actor=dataset)
    rows = {r.code: (r.flagged, r.decided, r.agreed) for r in dashboard.dashboard_stats().agreement}
    assert rows["model.insult"] == (2, 1, 1)


def test_dashboard_page_renders_svg(client, dataset):
    client.force_login(dataset)
    response = client.get("/moderation/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    today = timezone.localdate().isoformat()
    assert html.count('<svg class="chart') == 3
    assert f"<title>{today}: 1 published, 3 held, 1 rejected</title>" in html
    assert "<title>rules.too_many_links: 2</title>" in html
    assert "<title>rules.too_many_links: 0% of 1</title>" in html
    assert "<title>model.insult: 100% of 1</title>" in html
    assert 'data-stat="queue">1<' in html
    assert 'data-stat="median">30 min<' in html and 'data-stat="p90">46 min<' in html
    assert "<script" not in html.split("</main>")[0] and " style=" not in html


def test_quantile():
    assert dashboard.quantile([], 0.5) is None
    assert dashboard.quantile([5.0], 0.9) == 5.0
    assert dashboard.quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5


# --- Digest -------------------------------------------------------------------------------


@pytest.fixture
def people():
    User = get_user_model()
    mod = moderator("mia")
    boss = User.objects.create_superuser("boss", "boss@example.org", "x")
    User.objects.create_user("ed", "ed@example.org", "x", is_staff=True)  # not a moderator
    moderator("nomail").__class__.objects.filter(username="nomail").update(email="")
    return mod, boss


def _age(c, minutes: int) -> None:
    Case.objects.filter(pk=case_of(c).pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_digest_is_sent_once_for_the_same_items(settings, article, people):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "MODERATION_DIGEST_AFTER_MINUTES": 60}
    fresh = comment(article, "You moron.", n=1)
    old = comment(article, LINKS, n=2, name="Old Timer")
    _age(old, 90)
    assert digest_send() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["boss@example.org", "mia@example.org"]
    assert "1 comment waiting" in message.subject
    assert f"/moderation/case/{case_of(old).pk}/" in message.body
    assert (
        "Old Timer" in message.body and f"/moderation/case/{case_of(fresh).pk}/" not in message.body
    )

    assert digest_send() == 0  # nothing new within the period
    assert len(mail.outbox) == 1

    _age(fresh, 70)  # a second item becomes overdue: one more email, listing both
    assert digest_send() == 1
    assert "2 comments waiting" in mail.outbox[1].subject

    later = timezone.now() + timedelta(minutes=61)
    assert digest_send(now=later) == 1  # still waiting after a whole period: remind again
    assert digest_send(now=later) == 0


def test_no_digest_when_nothing_is_overdue(settings, article, people):
    comment(article, "You moron.")
    assert digest_send() == 0
    assert mail.outbox == []


def test_digest_command_and_task(settings, article, people):
    from soundoff.moderation import tasks

    _age(comment(article, "You moron."), 120)
    out = io.StringIO()
    call_command("moderation_digest", stdout=out)
    assert "Digest sent." in out.getvalue() and len(mail.outbox) == 1
    assert tasks.digest_send.enqueue().return_value == 0  # already sent for that item
