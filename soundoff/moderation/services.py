"""Moderation actions. The pipeline, the moderator's click and the API all end in
`decision_record`, so every decision is applied and audited the same way."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from soundoff.moderation import pipeline
from soundoff.moderation.models import AuditEntry, Case, CaseStatus, Verdict
from soundoff.moderation.policies import HOLD, REJECT, Decision, Reason
from soundoff.moderation.selectors import policy_for
from soundoff.moderation.subjects import Outcome, adapter_for

logger = logging.getLogger(__name__)

RULES_VERSION = "rules-v1"


@transaction.atomic
def case_open(*, subject_key: str) -> Case:
    """Screen a freshly saved (or edited) subject and apply the verdict.

    The subject is already stored as pending. If screening fails for any reason the
    subject is held for a moderator and the failure is audited: never a silent pass.
    """
    adapter = adapter_for(subject_key)
    subject = adapter.snapshot(subject_key)
    case = Case.objects.create(subject_key=subject_key, scope_keys=list(subject.scope_keys))
    try:
        with transaction.atomic():
            policy = policy_for(subject.scope_keys)
            decision = pipeline.screen(subject, policy, adapter)
    except Exception:
        logger.exception("Screening failed for %s; holding it for review", subject_key)
        decision = Decision(
            HOLD,
            (Reason("system.screening_failed", HOLD, "Automatic screening failed; review it"),),
        )
    decision_record(
        case=case,
        verdict=decision.verdict,
        reasons=[r.as_dict() for r in decision.reasons],
        actor=None,
        actor_label=f"auto: {RULES_VERSION}",
        action="moderation.auto",
        reject_kind=decision.reject_kind,
        public_message=decision.public_message,
    )
    return case


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
    case.save()
    return AuditEntry.objects.create(
        case=case,
        subject_key=case.subject_key,
        action=action,
        actor=actor,
        actor_label=actor_label,
        verdict=verdict,
        reasons=reasons,
        scores=scores or {},
        note=note,
    )


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
    case = Case.objects.create(subject_key=subject_key, scope_keys=list(subject.scope_keys))
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
