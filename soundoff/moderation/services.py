"""Moderation actions. The pipeline, the moderator's click and the API all end in
`decision_record`, so every decision is applied and audited the same way."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from soundoff.core import conf, sql
from soundoff.core.errors import ServiceError
from soundoff.moderation import pipeline, scoring
from soundoff.moderation.models import (
    Appeal,
    AppealStatus,
    AuditEntry,
    Ban,
    BanKind,
    Case,
    CaseStatus,
    LabelledExample,
    Verdict,
)
from soundoff.moderation.policies import HOLD, PUBLISH, REJECT, Decision, Reason
from soundoff.moderation.selectors import policy_for
from soundoff.moderation.subjects import Outcome, Subject, adapter_for

logger = logging.getLogger(__name__)

RULES_VERSION = "rules-v2"
STALE_AFTER = timedelta(minutes=2)
IP_BAN_MAX = timedelta(days=7)
SCREENING_FAILED = Reason("system.screening_failed", HOLD, "Automatic screening failed; review it")


def _priority(scores: dict | None, reasons: list[dict]) -> float:
    top = max((scores or {}).values(), default=0.0)
    severe = sum(1 for r in reasons if r.get("verdict") == REJECT)
    return round(float(top) + 0.1 * len(reasons) + 0.3 * severe, 4)


def _actor_label(model_version: str) -> str:
    return f"auto: {RULES_VERSION}" + (f" + {model_version}" if model_version else "")


def case_open(*, subject_key: str, subject: Subject | None = None, fresh: bool = False) -> Case:
    """Screen a freshly saved (or edited) subject and apply the verdict.

    The subject is already stored as pending. If screening fails the subject is held for a
    moderator and the failure is audited: never a silent pass. A verdict that rests on
    doubtful scores is left pending for the semantic tier, which runs as a task.

    `subject`: the caller's snapshot of what it just saved (spares reading it back).
    `fresh`: the subject was just created, so no earlier screening can be open.

    The case is committed (open) before screening, so that concurrent subjects by the same
    author count each other; screening only reads, and the verdict, the fingerprints and
    the audit entry are written together in one short transaction at the end (on SQLite a
    write transaction locks the database: it must not span the screening). A caller that
    saves the subject in a transaction of its own can open the case in it with
    `case_start` and screen after the commit with `case_run` (one commit fewer).
    """
    if subject is None:
        subject = adapter_for(subject_key).snapshot(subject_key)
    with transaction.atomic():
        case = case_start(subject_key=subject_key, subject=subject, fresh=fresh)
    return case_run(case, subject)


def case_start(*, subject_key: str, subject: Subject, fresh: bool = False) -> Case:
    """Open the case for a subject, inside the caller's transaction. Nothing is screened
    yet: call `case_run` once the transaction has committed. With MODERATION_INLINE off,
    the screening is queued for the worker (on commit) instead."""
    if not fresh:
        # An edit starts a new screening; earlier unfinished ones are superseded.
        Case.objects.filter(
            subject_key=subject_key, status__in=[CaseStatus.OPEN, CaseStatus.AWAITING_REVIEW]
        ).update(status=CaseStatus.CLOSED, decided_at=timezone.now())
    case = sql.create(
        Case,
        subject_key=subject_key,
        scope_keys=list(subject.scope_keys),
        author_key=pipeline.author_key(subject),
        origin_key=f"i:{subject.ip_hash}" if subject.ip_hash else "",
        thread_key=subject.thread_key,
    )
    if not conf.get("MODERATION_INLINE"):
        _defer(case, "Screening runs in the background (MODERATION_INLINE is off)")
    return case


def case_run(case: Case, subject: Subject) -> Case:
    """Screen a case `case_start` opened (after its transaction committed)."""
    if not conf.get("MODERATION_INLINE"):
        return case  # queued for the worker by case_start
    return _screen_case(case, deep=False, subject=subject)


def _defer(case: Case, note: str) -> None:
    from soundoff.moderation import tasks

    AuditEntry.objects.create(
        case=case,
        subject_key=case.subject_key,
        action="moderation.deferred",
        actor_label="system",
        note=note,
    )

    def enqueue():
        try:
            tasks.case_screen.enqueue(case.pk)
        except Exception:
            logger.exception("Could not enqueue screening of %s", case.subject_key)
            gap_record(subject_key=case.subject_key, reason="task queue unavailable")

    transaction.on_commit(enqueue)


def _screen_case(case: Case, *, deep: bool, subject: Subject | None = None) -> Case:
    adapter = adapter_for(case.subject_key)
    fingerprints: tuple[str, ...] = ()
    try:
        first = subject is not None  # the first screening of this subject version
        if subject is None:
            subject = adapter.snapshot(case.subject_key)
        policy = policy_for(subject.scope_keys)
        # Reads only (no transaction is held while the checks and the model run).
        screening = pipeline.screen(subject, policy, adapter, author=case.author_key, first=first)
        fingerprints = screening.fingerprints
        # The semantic tier gets the last word on every verdict that rests on the fast
        # model alone and is not clearly clean: a rejection too ("I would never say X are
        # vermin" scores like the insult it quotes). Rules and signals are never second-guessed.
        doubtful = (
            screening.score is not None
            and _model_decides(screening)
            and (
                scoring.fast_unsure(screening.score.scores)
                or pipeline.is_doubtful(policy, screening.score.scores)
            )
        )
        if not deep and doubtful and scoring.deep_available():
            # Close to a threshold: leave it pending and let the semantic tier decide.
            case.scores = screening.score.scores
            case.spans = screening.score.spans
            case.model_version = screening.score.model_version
            case.cluster_key = screening.cluster_key
            with transaction.atomic():
                pipeline.fingerprints_store(
                    subject_key=case.subject_key, thread_key=case.thread_key, bands=fingerprints
                )
                _case_store(case)
                _defer(case, "Close to a threshold: the semantic model decides")
            return case
        if deep and screening.score is not None:
            screening = _deepen(screening, policy, subject.text, doubtful=doubtful)
        decision = screening.decision
        score = screening.score
        case.cluster_key = screening.cluster_key
    except Exception:
        logger.exception("Screening failed for %s; holding it for review", case.subject_key)
        decision = Decision(
            HOLD,
            (SCREENING_FAILED,),
        )
        score = None
        fingerprints = ()
    reasons = [r.as_dict() for r in decision.reasons]
    if score is not None:
        case.spans = score.spans
        case.model_version = score.model_version
    case.priority = _priority(score.scores if score else None, reasons)
    with transaction.atomic():
        pipeline.fingerprints_store(
            subject_key=case.subject_key, thread_key=case.thread_key, bands=fingerprints
        )
        _decision_apply(
            case=case,
            verdict=decision.verdict,
            reasons=reasons,
            actor=None,
            actor_label=_actor_label(score.model_version if score else ""),
            action="moderation.auto",
            reject_kind=decision.reject_kind,
            public_message=decision.public_message,
            scores=score.scores if score else {},
        )
    return case


def _model_decides(screening: pipeline.Screening) -> bool:
    """True when the verdict rests on the model alone (no rule or signal forces it)."""
    decision = screening.decision
    if decision.verdict == REJECT and any(r.verdict == REJECT for r in decision.reasons):
        return all(r.code.startswith("model.") for r in decision.reasons if r.verdict == REJECT)
    return all(r.code.startswith("model.") for r in decision.reasons)


def _deepen(
    screening: pipeline.Screening, policy, text: str, *, doubtful: bool
) -> pipeline.Screening:
    """Background screening: the semantic tier's scores when it is available. Without
    it, a doubtful case is held rather than guessed; a clear one keeps the fast verdict."""
    try:
        return pipeline.rescore(screening, policy, scoring.score_deep(text))
    except scoring.ScoringUnavailable:
        if not doubtful:
            return screening
        reason = Reason(
            "system.deep_unavailable", HOLD, "The semantic model is unavailable; review it"
        )
        return pipeline.Screening(
            Decision(HOLD, (reason,)), screening.facts, screening.score, screening.cluster_key
        )


def case_screen(*, case_id: int) -> str:
    """Background screening (the task): fast checks plus the semantic tier."""
    case = Case.objects.get(pk=case_id)
    if case.status != CaseStatus.OPEN:
        return case.status
    _screen_case(case, deep=True)
    return Case.objects.get(pk=case_id).verdict


# What screening and a decision change on a case (the rest is fixed when it is opened;
# `digest_sent_at` belongs to the digest).
_CASE_DECISION_FIELDS = (
    "status",
    "verdict",
    "reasons",
    "scores",
    "spans",
    "model_version",
    "priority",
    "cluster_key",
    "decided_at",
    "updated_at",
)


def _case_store(case: Case) -> None:
    """Write what screening or a decision changed on `case` (one plain UPDATE)."""
    case.updated_at = timezone.now()
    sql.update_fields(Case, case.pk, {f: getattr(case, f) for f in _CASE_DECISION_FIELDS})


@transaction.atomic
def decision_record(
    *,
    case: Case,
    verdict: str,
    reasons: list[dict],
    actor,
    actor_label: str,
    action: str,
    reject_kind: str = "",
    public_message: str = "",
    scores: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Apply a verdict to the case's subject and write the audit entry."""
    if verdict not in Verdict.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    adapter_for(case.subject_key).apply(
        case.subject_key,
        Outcome(
            verdict=verdict,
            reject_kind=reject_kind or ("policy" if verdict == REJECT else ""),
            public_message=public_message,
        ),
    )
    case.verdict = verdict
    case.reasons = reasons
    if scores is not None:
        case.scores = scores
    is_human = actor is not None
    if verdict == HOLD and not is_human:
        case.status = CaseStatus.AWAITING_REVIEW
    else:
        case.status = CaseStatus.CLOSED
        case.decided_at = timezone.now()
    _case_store(case)
    return sql.create(
        AuditEntry,
        case=case,
        subject_key=case.subject_key,
        action=action,
        actor=actor,
        actor_label=actor_label,
        verdict=verdict,
        reasons=reasons,
        scores=case.scores or {},
        note=note,
    )


# The same, inside a transaction the caller already holds (no nested savepoint).
_decision_apply = decision_record.__wrapped__


def gap_record(*, subject_key: str, reason: str) -> None:
    """Audit that a subject could not be screened (it stays pending until swept)."""
    try:
        AuditEntry.objects.create(
            subject_key=subject_key,
            action="moderation.gap",
            actor_label="system",
            reasons=[{"code": "system.unavailable", "message": reason}],
        )
    except Exception:  # the database itself may be what is down
        logger.exception("Could not record moderation gap for %s", subject_key)


@transaction.atomic
def subject_reported(*, subject_key: str, report_count: int) -> Case | None:
    """Reader reports: once enough arrive, a published subject goes back to review."""
    adapter = adapter_for(subject_key)
    subject = adapter.snapshot(subject_key)
    policy = policy_for(subject.scope_keys)
    if not policy.reports_to_hold or report_count < policy.reports_to_hold:
        return None
    if Case.objects.filter(subject_key=subject_key, status=CaseStatus.AWAITING_REVIEW).exists():
        return None
    case = Case.objects.create(
        subject_key=subject_key,
        scope_keys=list(subject.scope_keys),
        author_key=pipeline.author_key(subject),
        thread_key=subject.thread_key,
        priority=1.0,
    )
    reason = Reason(
        "reports.threshold",
        HOLD,
        f"Reported by {report_count} readers (hold at {policy.reports_to_hold})",
    )
    decision_record(
        case=case,
        verdict=HOLD,
        reasons=[reason.as_dict()],
        actor=None,
        actor_label="auto: reader reports",
        action="moderation.reports",
        public_message="This comment is being reviewed after reports from readers.",
    )
    return case


# --- Moderators -------------------------------------------------------------------------

REJECT_REASON_CODES = {
    "spam": ("spam", "Spam or advertising"),
    "hate": ("policy", "Racism or religious hatred"),
    "attack": ("policy", "Personal attack or disparagement"),
    "threat": ("policy", "Threat of harm"),
    "incivility": ("policy", "Uncivil or off-topic"),
    "other": ("policy", "Breaks the commenting policy"),
}
_LABELS_FOR_REASON = {
    "spam": {"spam": 1},
    "hate": {"identity_attack": 1, "toxicity": 1},
    "attack": {"insult": 1, "toxicity": 1},
    "threat": {"threat": 1, "toxicity": 1},
    "incivility": {"toxicity": 1},
}


def _label_store(case: Case, verdict: str, reason_code: str, actor) -> None:
    view = adapter_for(case.subject_key).describe([case.subject_key]).get(case.subject_key)
    if view is None:
        return
    if verdict == PUBLISH:
        labels = {c: 0 for c in ("spam", "identity_attack", "insult", "threat", "toxicity")}
    else:
        labels = dict(_LABELS_FOR_REASON.get(reason_code, {}))
    LabelledExample.objects.create(
        subject_key=case.subject_key,
        text=view.body,
        verdict=verdict,
        labels=labels,
        reason_code=reason_code,
        created_by=actor,
    )


@transaction.atomic
def moderator_decide(
    *, case_id: int, verdict: str, actor, reason_code: str = "", note: str = ""
) -> AuditEntry:
    """A moderator approves (publish) or rejects (upholds, for an appeal) a waiting case;
    the decision is kept as a labelled example for training."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if case.status != CaseStatus.AWAITING_REVIEW:
        raise ServiceError("This comment was already decided by someone else.", code="decided")
    if verdict not in (PUBLISH, REJECT):
        raise ServiceError("Moderators approve or reject.", code="bad_verdict")
    reject_kind, label = REJECT_REASON_CODES.get(
        reason_code or "other", REJECT_REASON_CODES["other"]
    )
    public = ""
    reasons = [
        {
            "code": f"moderator.{'approve' if verdict == PUBLISH else reason_code or 'other'}",
            "verdict": verdict,
            "message": "Approved by a moderator"
            if verdict == PUBLISH
            else f"Rejected by a moderator: {label}",
            "public": "",
            "reject_kind": "",
        }
    ]
    if verdict == REJECT:
        public = f"Your comment was not published: {label.lower()}."
        reasons[0]["reject_kind"] = reject_kind
    entry = decision_record(
        case=case,
        verdict=verdict,
        reasons=reasons + list(case.reasons or []),
        actor=actor,
        actor_label=actor.get_username(),
        action="moderation.approve" if verdict == PUBLISH else "moderation.reject",
        reject_kind=reject_kind if verdict == REJECT else "",
        public_message=public,
        note=note,
    )
    Appeal.objects.filter(subject_key=case.subject_key, status=AppealStatus.OPEN).update(
        status=AppealStatus.OVERTURNED if verdict == PUBLISH else AppealStatus.UPHELD,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    _label_store(case, verdict, reason_code, actor)
    return entry


@transaction.atomic
def decision_undo(*, audit_id: int, actor) -> AuditEntry:
    """Take back a moderator's decision: the subject returns to the queue as it was."""
    entry = AuditEntry.objects.select_related("case").get(pk=audit_id)
    if entry.case is None or entry.action not in {"moderation.approve", "moderation.reject"}:
        raise ServiceError("Only a moderator's approve or reject can be undone.", code="no_undo")
    case = entry.case
    # Anything after it, an earlier undo included, makes the undo stale.
    later = AuditEntry.objects.filter(case=case, pk__gt=entry.pk).exists()
    if later:
        raise ServiceError(
            "Something else happened to this comment since; undo is not possible.",
            code="stale_undo",
        )
    adapter_for(case.subject_key).apply(case.subject_key, Outcome(verdict=HOLD))
    case.status = CaseStatus.AWAITING_REVIEW
    case.verdict = HOLD
    case.decided_at = None
    case.save()
    Appeal.objects.filter(subject_key=case.subject_key, decided_by=actor).exclude(
        status=AppealStatus.OPEN
    ).update(status=AppealStatus.OPEN, decided_at=None, decided_by=None)
    latest_label = (
        LabelledExample.objects.filter(subject_key=case.subject_key)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest_label is not None:
        latest_label.delete()
    return AuditEntry.objects.create(
        case=case,
        subject_key=case.subject_key,
        action="moderation.undo",
        actor=actor,
        actor_label=actor.get_username(),
        verdict=HOLD,
        note=f"Undid {entry.action} (audit #{entry.pk})",
    )


def bulk_decide(*, case_ids: list[int], verdict: str, actor, reason_code: str = "") -> int:
    """Decide each of these cases that is still waiting; returns how many were decided."""
    done = 0
    for case_id in case_ids:
        if not Case.objects.filter(pk=case_id, status=CaseStatus.AWAITING_REVIEW).exists():
            continue
        moderator_decide(case_id=case_id, verdict=verdict, actor=actor, reason_code=reason_code)
        done += 1
    return done


def cluster_case_ids(*, cluster_key: str) -> list[int]:
    if not cluster_key:
        return []
    return list(
        Case.objects.filter(cluster_key=cluster_key, status=CaseStatus.AWAITING_REVIEW).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def author_ban(*, case_id: int, actor, days: int | None = None, reason: str = "") -> list[Ban]:
    """Ban (or, with `days`, suspend) the author of a case by every identity we hold,
    and reject their comments still waiting in the queue."""
    case = Case.objects.get(pk=case_id)
    subject = adapter_for(case.subject_key).snapshot(case.subject_key)
    expires = timezone.now() + timedelta(days=days) if days else None
    values = [
        (BanKind.ACCOUNT, str(subject.user_id) if subject.user_id else ""),
        (BanKind.EMAIL, subject.author_email_hash),
        (BanKind.IP, subject.ip_hash),
        (BanKind.READER, subject.reader_key),
    ]
    # A network address may be shared by many innocent readers (and change hands), so an
    # IP ban never lasts longer than IP_BAN_MAX, even when the author's ban is permanent.
    ip_expires = (
        min(expires, timezone.now() + IP_BAN_MAX) if expires else (timezone.now() + IP_BAN_MAX)
    )
    bans = [
        Ban.objects.create(
            kind=k,
            value=v,
            reason=reason[:300],
            expires_at=ip_expires if k == BanKind.IP else expires,
            created_by=actor,
        )
        for k, v in values
        if v
    ]
    AuditEntry.objects.create(
        case=case,
        subject_key=case.subject_key,
        action="moderation.suspend" if days else "moderation.ban",
        actor=actor,
        actor_label=actor.get_username(),
        note=(f"{f'Suspended for {days} days' if days else 'Banned'}: {reason}").strip(": "),
    )
    waiting = (
        Case.objects.filter(author_key=case.author_key, status=CaseStatus.AWAITING_REVIEW)
        if case.author_key
        else Case.objects.filter(pk=case.pk, status=CaseStatus.AWAITING_REVIEW)
    )
    for other in waiting:
        moderator_decide(
            case_id=other.pk,
            verdict=REJECT,
            actor=actor,
            reason_code="spam" if "spam" in reason.lower() else "other",
            note="author banned",
        )
    return bans


@transaction.atomic
def ban_lift(*, ban_id: int, actor) -> Ban:
    ban = Ban.objects.get(pk=ban_id)
    ban.lifted_at = timezone.now()
    ban.save(update_fields=["lifted_at"])
    AuditEntry.objects.create(
        subject_key=f"ban:{ban.pk}",
        action="moderation.unban",
        actor=actor,
        actor_label=actor.get_username(),
    )
    return ban


@transaction.atomic
def appeal_create(*, subject_key: str, note: str) -> Appeal:
    """A commenter appeals a rejection, once, with a short note; it goes to the queue."""
    note = note.strip()
    if not note:
        raise ServiceError("Please say briefly why the decision was wrong.", code="empty")
    if len(note) > 500:
        raise ServiceError("Please keep the note under 500 characters.", code="too_long")
    if Appeal.objects.filter(subject_key=subject_key).exists():
        raise ServiceError("You have already appealed this decision.", code="already")
    case = Case.objects.filter(subject_key=subject_key).order_by("-created_at").first()
    if case is None or case.verdict != REJECT:
        raise ServiceError("Only a rejected comment can be appealed.", code="not_rejected")
    appeal = Appeal.objects.create(subject_key=subject_key, note=note)
    case.status = CaseStatus.AWAITING_REVIEW
    case.priority = case.priority + 0.5
    case.save(update_fields=["status", "priority", "updated_at"])
    AuditEntry.objects.create(
        case=case,
        subject_key=subject_key,
        action="moderation.appeal",
        actor_label="author",
        note=note,
    )
    return appeal


def _hold_for_review(case_id: int) -> None:
    case = Case.objects.get(pk=case_id)
    try:
        decision_record(
            case=case,
            verdict=HOLD,
            reasons=[SCREENING_FAILED.as_dict()],
            actor=None,
            actor_label="system",
            action="moderation.auto",
        )
    except Exception:
        logger.exception("Could not hold %s either; it stays pending", case.subject_key)
        gap_record(subject_key=case.subject_key, reason="screening keeps failing")


def stale_sweep(*, older_than: timedelta = STALE_AFTER) -> dict[str, int]:
    """Resume screening that a worker outage interrupted: open cases left too long, and
    pending subjects that never got a case. Safe to run repeatedly and concurrently."""
    cutoff = timezone.now() - older_than
    resumed = 0
    for case_id in Case.objects.filter(status=CaseStatus.OPEN, created_at__lt=cutoff).values_list(
        "pk", flat=True
    )[:500]:
        try:
            case_screen(case_id=case_id)
        except Exception:
            # Screening this one keeps failing: hand it to a person rather than retry forever.
            logger.exception("Screening %s failed again; sending it to the queue", case_id)
            _hold_for_review(case_id)
        resumed += 1
    from soundoff.moderation.subjects import registered_adapters

    opened = 0
    for adapter in registered_adapters():
        for key in adapter.stale_pending(cutoff):
            if not Case.objects.filter(subject_key=key, status__in=[CaseStatus.OPEN]).exists():
                case_open(subject_key=key)
                opened += 1
    return {"resumed": resumed, "opened": opened}


def draft_check(*, text: str, scope_keys: tuple[str, ...] = ("site",)) -> list[dict]:
    """Pre-submit nudge: which parts of the policy a draft may break (nothing is stored).

    Returns [{"code", "message"}] in plain words for the commenter; empty when the draft
    looks fine or cannot be scored (the normal pipeline still decides after posting).
    """
    from soundoff.moderation.policies import CATEGORY_TEXT, hold_level
    from soundoff.moderation.rules import find_listed

    text = text.strip()
    if len(text) < 8:
        return []
    policy = policy_for(scope_keys)
    out = []
    try:
        result = scoring.score_fast(text)
    except scoring.ScoringUnavailable:
        result = None
    if result is not None:
        for category, rule in policy.rules.items():
            threshold = hold_level(category, rule, result.scores)
            if threshold is None:
                threshold = rule.reject
            if category == "spam" or threshold is None:
                continue
            if result.scores.get(category, 0.0) >= threshold:
                out.append(
                    {
                        "code": f"model.{category}",
                        "message": f"Our policy check thinks {CATEGORY_TEXT[category][1]}.",
                    }
                )
    normal = scoring.normalized(text)
    words = find_listed(text, policy.disallowed_words) + find_listed(
        normal, policy.disallowed_words
    )
    if words:
        out.append(
            {
                "code": "rules.disallowed_word",
                "message": "It contains language our commenting policy does not allow.",
            }
        )
    return out


# --- Staff two-factor authentication (optional per user, TOTP via django-otp) -------------


def totp_enrol_start(*, user):
    """An unconfirmed TOTP device for the user (reused until confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_uri(device) -> str:
    """The otpauth:// URI an authenticator app scans (issuer: the site name)."""
    from base64 import b32encode
    from urllib.parse import quote, urlencode

    issuer = str(conf.get("SITE_NAME")).replace(":", "")
    label = quote(f"{issuer}:{device.user.get_username()}")
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{params}"


@transaction.atomic
def totp_enrol_confirm(*, user, token: str):
    """Confirm enrolment with a first code: from now on this user needs a code to moderate."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise ServiceError("Start the set-up again.", code="no_device")
    if not device.verify_token(token):
        raise ServiceError("That code did not match. Check your phone's clock.", code="bad_token")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    AuditEntry.objects.create(
        subject_key=f"user:{user.pk}",
        action="staff.2fa_enabled",
        actor=user,
        actor_label=user.get_username(),
    )
    return device


def totp_check(*, user, token: str):
    """The user's confirmed device if the code matches (throttled by django-otp), else None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def totp_disable(*, user) -> int:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        AuditEntry.objects.create(
            subject_key=f"user:{user.pk}",
            action="staff.2fa_disabled",
            actor=user,
            actor_label=user.get_username(),
        )
    return deleted
