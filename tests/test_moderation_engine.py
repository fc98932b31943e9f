"""The full screening pipeline through the comment service: signals, scores, explanations."""

from __future__ import annotations

from unittest import mock

import pytest
from django.utils import timezone

from soundoff.comments import services as cs
from soundoff.comments.models import Comment, CommentStatus
from soundoff.core.errors import ServiceError
from soundoff.moderation import scoring, services
from soundoff.moderation.models import (
    Appeal,
    AppealStatus,
    AuditEntry,
    Ban,
    Case,
    CaseStatus,
    LabelledExample,
    Policy,
)
from tests.factories import ArticleFactory
from tests.fakes import fake_score

pytestmark = pytest.mark.django_db


def poster(n: int = 1) -> cs.Poster:
    return cs.Poster(ip=f"192.0.2.{n}", reader_key=f"reader-{n}")


def post(article, body, n=1, **kw):
    kw.setdefault("author_name", f"Reader {n}")
    return cs.comment_create(article=article, body=body, poster=poster(n), **kw)


@pytest.fixture
def moderator(django_user_model):
    from soundoff.moderation.roles import staff_create

    return staff_create(
        username="mo", email="mo@example.org", password="pw-12345-long", role="moderator"
    )


def case_of(comment) -> Case:
    return Case.objects.filter(subject_key=f"comment:{comment.pk}").latest("created_at")


def test_religious_hatred_is_rejected_with_reason_spans_and_model_version(article):
    body = "Those people are vermin and should leave."
    comment = post(article, body)
    assert comment.status == CommentStatus.REJECTED
    assert "attack people for who they are" in comment.status_message
    case = case_of(comment)
    assert case.reasons[0]["code"] == "model.identity_attack"
    assert "fake-1" in case.reasons[0]["message"]
    assert case.model_version == "fake-1"
    span = case.spans[0]
    assert body[span["start"] : span["end"]] == "vermin"
    audit = AuditEntry.objects.get(case=case)
    assert audit.scores["identity_attack"] == pytest.approx(0.97)
    assert audit.actor_label == "auto: rules-v2 + fake-1"


def test_personal_attack_is_held_not_guessed(article):
    comment = post(article, "You are a moron if you believe this.")
    assert comment.status == CommentStatus.HELD
    assert case_of(comment).status == CaseStatus.AWAITING_REVIEW


def test_model_down_means_held_for_review(article):
    def broken(text):
        raise scoring.ScoringUnavailable("artifacts missing")

    with mock.patch.object(scoring, "score_fast", broken):
        comment = post(article, "A perfectly fine comment.")
    assert comment.status == CommentStatus.HELD
    assert case_of(comment).reasons[0]["code"] == "system.model_unavailable"


def test_link_spam_wave_across_three_articles_is_caught(article):
    spam = (
        "Great article, I learned so much from it! My cousin earns from home with this "
        "simple trick, see http://quick-cash.example/join today"
    )
    others = [ArticleFactory(), ArticleFactory()]
    first = post(article, spam, n=1)
    second = post(others[0], spam, n=2)
    third = post(others[1], spam.replace("today", "now"), n=3)
    assert first.status == CommentStatus.PUBLISHED
    assert second.status == CommentStatus.PUBLISHED  # two threads: not a wave yet
    assert third.status == CommentStatus.REJECTED
    assert third.reject_reason == "spam"
    case = case_of(third)
    assert case.reasons[0]["code"] == "signals.spam_wave"
    assert case.cluster_key == f"dup:comment:{first.pk}"


def test_near_duplicates_in_one_thread_are_not_a_wave(article):
    text = "I agree with the council on the bridge repairs and the ferry plan for the town"
    for n in range(3):
        assert post(article, text + "!" * n, n=n + 1).status == CommentStatus.PUBLISHED


def test_posting_velocity_holds(article):
    Policy.objects.create(scope="site", velocity_limit=3)
    statuses = [post(article, f"Point number {i} about the budget.").status for i in range(4)]
    assert statuses == [CommentStatus.PUBLISHED] * 3 + [CommentStatus.HELD]
    assert case_of(Comment.objects.last()).reasons[0]["code"] == "signals.velocity"


@pytest.mark.parametrize(
    ("name", "url", "held"),
    [
        ("Cheap Loans Online", "", True),
        ("best-casino.com", "", True),
        ("Maria", "https://maria.example/blog", False),
        ("Priya Shah", "", False),
    ],
)
def test_seo_spam_names(article, name, url, held):
    comment = post(article, "Interesting piece, thanks.", author_name=name, author_url=url)
    assert (comment.status == CommentStatus.HELD) is held


def test_ban_and_timed_suspension(article, moderator):
    bad = post(article, "You are a moron.", n=5, author_email="troll@example.org")
    bans = services.author_ban(case_id=case_of(bad).pk, actor=moderator, reason="abuse")
    assert {b.kind for b in bans} == {"email", "ip", "reader"}
    assert not any(b.value == "troll@example.org" for b in bans)  # hashes only
    bad.refresh_from_db()
    assert bad.status == CommentStatus.REJECTED  # waiting comments of the author rejected
    again = post(article, "Nice weather today, isn't it?", n=5)
    assert again.status == CommentStatus.REJECTED
    assert case_of(again).reasons[0]["code"] == "signals.banned"
    Ban.objects.update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert post(article, "Back after my suspension.", n=5).status == CommentStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="moderation.ban").count() == 1


def test_appeal_once_then_moderator_overturns(article, moderator):
    rejected = post(article, "Those people are vermin.")
    key = f"comment:{rejected.pk}"
    services.appeal_create(subject_key=key, note="I was quoting someone to criticise them.")
    assert case_of(rejected).status == CaseStatus.AWAITING_REVIEW
    with pytest.raises(ServiceError, match="already appealed"):
        services.appeal_create(subject_key=key, note="again")
    services.moderator_decide(case_id=case_of(rejected).pk, verdict="publish", actor=moderator)
    rejected.refresh_from_db()
    assert rejected.status == CommentStatus.PUBLISHED
    assert Appeal.objects.get().status == AppealStatus.OVERTURNED
    example = LabelledExample.objects.get()
    assert example.verdict == "publish" and example.labels["identity_attack"] == 0


def test_appeal_only_for_rejected(article):
    ok = post(article, "A fine comment.")
    with pytest.raises(ServiceError, match="Only a rejected comment"):
        services.appeal_create(subject_key=f"comment:{ok.pk}", note="why")


def test_moderator_reject_then_undo(article, moderator):
    held = post(article, "You are a moron.")
    case = case_of(held)
    entry = services.moderator_decide(
        case_id=case.pk, verdict="reject", actor=moderator, reason_code="attack"
    )
    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    assert LabelledExample.objects.get().labels == {"insult": 1, "toxicity": 1}
    services.decision_undo(audit_id=entry.pk, actor=moderator)
    held.refresh_from_db()
    case.refresh_from_db()
    assert held.status == CommentStatus.HELD
    assert case.status == CaseStatus.AWAITING_REVIEW
    assert not LabelledExample.objects.exists()
    assert list(
        AuditEntry.objects.filter(case=case).order_by("pk").values_list("action", flat=True)
    ) == ["moderation.auto", "moderation.reject", "moderation.undo"]


def test_doubtful_publish_waits_for_the_semantic_tier(
    article, monkeypatch, django_capture_on_commit_callbacks
):
    def deep(text):
        result = fake_score(text)
        return scoring.ScoreResult({**result.scores, "insult": 0.7}, [], "fake-deep", "cascade")

    monkeypatch.setattr(scoring, "deep_available", lambda: True)
    monkeypatch.setattr(scoring, "score_deep", deep)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = post(article, "That is a borderline remark.")
    assert comment.status == CommentStatus.PENDING  # not published before the deep check
    case = case_of(comment)
    assert case.status == CaseStatus.OPEN
    for callback in callbacks:
        callback()  # the task runs (ImmediateBackend in tests)
    comment.refresh_from_db()
    case.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert case.model_version == "fake-deep"


def test_a_model_only_rejection_waits_for_the_semantic_tier(
    article, monkeypatch, django_capture_on_commit_callbacks
):
    def deep(text):
        # The semantic tier reads the sentence as counter-speech.
        return scoring.ScoreResult(
            dict.fromkeys(fake_score(text).scores, 0.01), [], "fake-deep", "cascade"
        )

    monkeypatch.setattr(scoring, "deep_available", lambda: True)
    monkeypatch.setattr(scoring, "fast_unsure", lambda scores: True)
    monkeypatch.setattr(scoring, "score_deep", deep)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = post(article, "Nobody should ever say they are vermin.")
    assert comment.status == CommentStatus.PENDING  # the fast tier alone does not reject
    for callback in callbacks:
        callback()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert case_of(comment).model_version == "fake-deep"


def test_clear_cases_skip_the_semantic_tier(article, monkeypatch):
    monkeypatch.setattr(scoring, "deep_available", lambda: True)
    monkeypatch.setattr(scoring, "score_deep", mock.Mock(side_effect=AssertionError))
    assert post(article, "Thanks for the reporting.").status == CommentStatus.PUBLISHED


def test_draft_check_nudges_without_storing(article):
    issues = services.draft_check(text="Honestly those people are vermin")
    assert [i["code"] for i in issues] == ["model.identity_attack"]
    assert services.draft_check(text="A calm and thoughtful reply") == []
    assert not Case.objects.exists() and not Comment.objects.exists()


def test_nudge_endpoint(client, article):
    response = client.post(f"/comments/check/{article.pk}/", {"body": "you moron, honestly"})
    assert response.status_code == 200
    assert "personal attack" in response.text
    assert client.post(f"/comments/check/{article.pk}/", {"body": "fine"}).text.strip() == ""


def test_appeal_view_only_for_the_author(client, article, comment_data):
    client.post(f"/comments/post/{article.pk}/", comment_data(body="They are vermin."))
    comment = Comment.objects.get()
    page = client.get(article.get_absolute_url())
    assert "not published" in page.text and "Appeal once" in page.text
    from django.test import Client

    assert Client().post(f"/comments/{comment.pk}/appeal/", {"note": "x"}).status_code == 403
    response = client.post(f"/comments/{comment.pk}/appeal/", {"note": "It was a quote."})
    assert response.status_code == 302
    assert Appeal.objects.filter(subject_key=f"comment:{comment.pk}").exists()


def test_an_edit_supersedes_the_waiting_case(article):
    held = post(article, "You are a moron.")
    first = case_of(held)
    cs.comment_edit(
        comment_id=held.pk,
        token=cs.edit_token_make(held),
        body="I see it differently, for what it's worth.",
    )
    first.refresh_from_db()
    assert first.status == CaseStatus.CLOSED
    assert (
        Case.objects.filter(
            subject_key=f"comment:{held.pk}", status=CaseStatus.AWAITING_REVIEW
        ).count()
        == 0
    )
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED


def test_upholding_an_appeal_keeps_the_rejection(article, moderator):
    rejected = post(article, "Those people are vermin.")
    services.appeal_create(subject_key=f"comment:{rejected.pk}", note="It was satire.")
    entry = services.moderator_decide(
        case_id=case_of(rejected).pk, verdict="reject", actor=moderator, reason_code="hate"
    )
    rejected.refresh_from_db()
    assert rejected.status == CommentStatus.REJECTED
    assert "racism or religious hatred" in rejected.status_message
    assert Appeal.objects.get().status == AppealStatus.UPHELD
    services.decision_undo(audit_id=entry.pk, actor=moderator)
    assert Appeal.objects.get().status == AppealStatus.OPEN  # back in the queue with its note
    with pytest.raises(ServiceError, match="undo is not possible"):
        services.decision_undo(audit_id=entry.pk, actor=moderator)


def test_ban_with_an_appeal_waiting(article, moderator):
    rejected = post(article, "Those people are vermin.", n=7)
    services.appeal_create(subject_key=f"comment:{rejected.pk}", note="please")
    services.author_ban(case_id=case_of(rejected).pk, actor=moderator, reason="hate")
    assert Case.objects.filter(status=CaseStatus.AWAITING_REVIEW).count() == 0


def test_velocity_counts_a_bot_that_drops_its_cookies(article):
    Policy.objects.create(scope="site", velocity_limit=2)  # origin limit: 4 x 2 = 8
    statuses = [
        cs.comment_create(
            article=article,
            body=f"Point {i} on the budget vote.",
            author_name=f"Name {i}",
            poster=cs.Poster(ip="198.51.100.77", reader_key=f"fresh-{i}"),
        ).status
        for i in range(9)
    ]
    assert statuses[:8] == [CommentStatus.PUBLISHED] * 8  # a shared network is not an author
    assert statuses[8] == CommentStatus.HELD
    assert case_of(Comment.objects.last()).reasons[0]["code"] == "signals.origin_velocity"


def test_ip_bans_expire_even_when_the_ban_is_permanent(article, moderator):
    bad = post(article, "You are a moron.", n=9)
    bans = {b.kind: b for b in services.author_ban(case_id=case_of(bad).pk, actor=moderator)}
    assert bans["reader"].expires_at is None
    assert bans["ip"].expires_at is not None


def test_bans_are_lifted_from_the_admin(article, client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    bad = post(article, "You are a moron.", n=11)
    bans = services.author_ban(case_id=case_of(bad).pk, actor=admin_user, reason="abuse")
    client.force_login(admin_user)
    response = client.post(
        "/admin/moderation/ban/",
        {
            "action": "lift",
            "_selected_action": [b.pk for b in bans],
        },
    )
    assert response.status_code == 302
    assert not Ban.objects.active().exists()
    assert AuditEntry.objects.filter(action="moderation.unban").count() == len(bans)
    assert (
        post(article, "Glad to be back, and I'll keep it civil.", n=11).status
        == CommentStatus.PUBLISHED
    )
