from __future__ import annotations

import uuid

from soundoff.moderation import scoring
from soundoff.moderation.models import Policy
from soundoff.moderation.policies import PolicyConfig, category_rules
from soundoff.moderation.rules import parse_lines

_FIELDS = ("mode", "approvals_needed", "max_links", "reject_duplicates")


def policy_for(scope_keys: tuple[str, ...] | list[str]) -> PolicyConfig:
    """The effective policy: the site policy, then each section policy on top of it.

    Where several sections apply, the strictest value of each setting wins; word and
    domain lists are combined. Each process keeps the result per set of scopes for as long
    as the shared cache's policy version stays the same (saving a policy changes it).
    """
    from django.core.cache import cache

    global _MEMO
    key = tuple(scope_keys)
    version = cache.get(POLICY_VERSION_KEY)
    memo_version, configs = _MEMO  # one read: another thread may replace it meanwhile
    if version is not None and memo_version == version:
        config = configs.get(key)
        if config is not None:
            return config
    rows, version = _policies_versioned()
    config = _policy_from(rows, key)
    if memo_version != version:
        configs = {}
    configs[key] = config
    _MEMO = (version, configs)
    return config


def _policy_from(rows: list[Policy], scope_keys: tuple[str, ...]) -> PolicyConfig:
    policies = {p.scope: p for p in rows if p.scope in {"site", *scope_keys}}
    site = policies.get("site") or Policy(scope="site")
    layers = [site] + [policies[k] for k in scope_keys if k in policies and k != "site"]
    mode_rank = {"post": 0, "new": 1, "pre": 2}
    mode = max((p.mode for p in layers), key=mode_rank.__getitem__)
    max_links_values = [p.max_links for p in layers if p.max_links]
    return PolicyConfig(
        mode=mode,
        approvals_needed=max(p.approvals_needed for p in layers),
        max_links=min(max_links_values) if max_links_values else 0,
        moderation_words=tuple(w for p in layers for w in parse_lines(p.moderation_words)),
        disallowed_words=tuple(w for p in layers for w in parse_lines(p.disallowed_words)),
        blocked_domains=tuple(d for p in layers for d in parse_lines(p.blocked_domains)),
        reject_duplicates=any(p.reject_duplicates for p in layers),
        reports_to_hold=min(p.reports_to_hold for p in layers),
        rules=_strictest_rules(layers),
        velocity_limit=min((p.velocity_limit for p in layers if p.velocity_limit), default=0),
        origin_velocity_limit=4
        * min((p.velocity_limit for p in layers if p.velocity_limit), default=0),
        wave_threads=min((p.wave_threads for p in layers if p.wave_threads), default=0),
        seo_names=any(p.seo_names for p in layers),
    )


POLICY_CACHE_KEY = "moderation:policies"
POLICY_VERSION_KEY = "moderation:policies:version"
# (policy version, {scopes: config}) this process built; replaced whole, never cleared
_MEMO: tuple[str | None, dict[tuple[str, ...], PolicyConfig]] = (None, {})


def _policies_versioned() -> tuple[list[Policy], str]:
    """All policy rows and their version, cached until one is saved (Policy.save clears
    both keys; the next reader loads the rows and names a new version)."""
    from django.core.cache import cache

    cached = cache.get_many([POLICY_CACHE_KEY, POLICY_VERSION_KEY])
    rows, version = cached.get(POLICY_CACHE_KEY), cached.get(POLICY_VERSION_KEY)
    if rows is None or version is None:
        rows = list(Policy.objects.all())
        version = uuid.uuid4().hex
        cache.set_many({POLICY_CACHE_KEY: rows, POLICY_VERSION_KEY: version}, timeout=300)
    return rows, version


def _strictest_rules(layers: list[Policy]):
    """Each layer's category rules on top of the defaults; a section can only tighten."""
    base = scoring.model_default_rules()
    merged = category_rules(layers[0].category_rules or {}, base=base)
    for layer in layers[1:]:
        theirs = category_rules(
            {**(layers[0].category_rules or {}), **(layer.category_rules or {})}, base=base
        )
        for category, rule in theirs.items():
            mine = merged[category]
            merged[category] = type(rule)(
                hold=_min_or_none(mine.hold, rule.hold),
                reject=_min_or_none(mine.reject, rule.reject),
            )
    return merged


def _min_or_none(a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None


# --- The moderators' queue ----------------------------------------------------------------

QUEUE_SCAN_LIMIT = 5000  # waiting cases considered for filters and facets, by priority


def queue_cases(limit: int = QUEUE_SCAN_LIMIT):
    """Cases waiting for a moderator, riskiest first, then oldest first."""
    from soundoff.moderation.models import Case, CaseStatus

    return Case.objects.filter(status=CaseStatus.AWAITING_REVIEW).order_by(
        "-priority", "created_at", "pk"
    )[:limit]


def open_appeals(subject_keys: list[str]) -> dict[str, str]:
    """{subject_key: note} for open appeals on these subjects."""
    from soundoff.moderation.models import Appeal, AppealStatus

    return dict(
        Appeal.objects.filter(subject_key__in=subject_keys, status=AppealStatus.OPEN).values_list(
            "subject_key", "note"
        )
    )


def author_histories(author_keys: list[str]) -> dict[str, dict[str, int]]:
    """Per author key: subjects published, rejected and waiting, each subject counted once by
    its latest case (an approved comment that was edited and now waits counts as waiting)."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from soundoff.moderation.models import Case, CaseStatus, Verdict

    keys = [k for k in set(author_keys) if k]
    latest = Case.objects.filter(subject_key=OuterRef("subject_key")).order_by("-pk").values("pk")
    rows = (
        Case.objects.filter(author_key__in=keys, pk=Subquery(latest[:1]))
        .values("author_key")
        .annotate(
            approved=Count("pk", filter=Q(status=CaseStatus.CLOSED, verdict=Verdict.PUBLISH)),
            rejected=Count("pk", filter=Q(status=CaseStatus.CLOSED, verdict=Verdict.REJECT)),
            waiting=Count("pk", filter=Q(status=CaseStatus.AWAITING_REVIEW)),
        )
        .order_by()
    )
    return {r["author_key"]: {k: r[k] for k in ("approved", "rejected", "waiting")} for r in rows}


def cluster_sizes(cluster_keys: list[str]) -> dict[str, int]:
    """Waiting cases per cluster key (near-duplicates the moderator can act on at once)."""
    from django.db.models import Count

    from soundoff.moderation.models import Case, CaseStatus

    keys = [k for k in set(cluster_keys) if k]
    rows = (
        Case.objects.filter(cluster_key__in=keys, status=CaseStatus.AWAITING_REVIEW)
        .values("cluster_key")
        .annotate(n=Count("pk"))
    )
    return {r["cluster_key"]: r["n"] for r in rows}


def recent_decisions(actor, limit: int = 5) -> list:
    """The actor's latest approve/reject entries that can still be undone (nothing has
    happened to the case since, an undo included)."""
    from django.db.models import Max

    from soundoff.moderation.models import AuditEntry

    entries = list(
        AuditEntry.objects.filter(
            actor=actor, action__in=["moderation.approve", "moderation.reject"]
        ).select_related("case")[: limit * 3]
    )
    latest = dict(
        AuditEntry.objects.filter(case_id__in=[e.case_id for e in entries if e.case_id])
        .values("case_id")
        .annotate(last=Max("pk"))
        .values_list("case_id", "last")
    )
    return [e for e in entries if e.case_id and latest.get(e.case_id) == e.pk][:limit]


def undo_allowed(audit_id: int) -> bool:
    """An approve/reject can be undone once, and only while it is the case's latest entry."""
    from soundoff.moderation.models import AuditEntry

    entry = AuditEntry.objects.filter(pk=audit_id).first()
    if entry is None or entry.case_id is None:
        return False
    if entry.action not in {"moderation.approve", "moderation.reject"}:
        return False
    return not AuditEntry.objects.filter(case_id=entry.case_id, pk__gt=entry.pk).exists()


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    verdict: str = "",
    date_from=None,
    date_to=None,
    subject_key: str = "",
):
    """The audit log, newest first, narrowed by the given filters."""
    from soundoff.moderation.models import AuditEntry

    qs = AuditEntry.objects.select_related("actor", "case")
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    if subject_key:
        qs = (
            qs.filter(subject_key=subject_key)
            if ":" in subject_key
            else qs.filter(subject_key__startswith=subject_key)
        )
    return qs.order_by("-created_at", "-pk")


def audit_actions() -> list[str]:
    from soundoff.moderation.models import AuditEntry

    return sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))


def describe_subjects(keys: list[str]) -> dict:
    """SubjectViews for these keys, asking each kind's adapter once."""
    from soundoff.moderation.subjects import adapter_for

    by_kind: dict[str, list[str]] = {}
    for key in keys:
        by_kind.setdefault(key.split(":", 1)[0], []).append(key)
    views = {}
    for kind_keys in by_kind.values():
        try:
            views.update(adapter_for(kind_keys[0]).describe(kind_keys))
        except LookupError:
            continue
    return views


def _case_reason_codes(case, appeals: dict[str, str]) -> list[str]:
    codes = [r.get("code", "") for r in case.reasons or [] if r.get("code")]
    if case.subject_key in appeals:
        codes.append("appeal")
    return codes


def queue_select(*, reason: str = "", section: str = "", article: str = "") -> dict:
    """The waiting cases after filters, with facet counts for the filter menus.

    Returns {"cases": [...], "views": {...}, "appeals": {...}, "facets": {...}}. Reasons,
    sections and articles are matched in Python over the described subjects, so this
    works the same on every database; the queue is bounded by QUEUE_SCAN_LIMIT.
    """
    from collections import Counter

    cases = list(queue_cases())
    keys = [c.subject_key for c in cases]
    views = describe_subjects(keys)
    appeals = open_appeals(keys)
    facets = {"reason": Counter(), "section": Counter(), "article": Counter()}
    selected = []
    for case in cases:
        view = views.get(case.subject_key)
        codes = set(_case_reason_codes(case, appeals))
        sections = set(view.section_names) if view else set()
        title = view.context_title if view else ""
        facets["reason"].update(codes)
        facets["section"].update(sections)
        if title:
            facets["article"][title] += 1
        if reason and reason not in codes:
            continue
        if section and section not in sections:
            continue
        if article and article != title:
            continue
        selected.append(case)
    return {
        "cases": selected,
        "views": views,
        "appeals": appeals,
        "facets": {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in facets.items()},
    }


def queue_items(cases: list, *, views: dict | None = None, appeals: dict | None = None) -> list:
    """What the queue shows for each case: the subject in context, reasons, scores,
    spans, the author's history, an open appeal and the size of its look-alike cluster."""
    keys = [c.subject_key for c in cases]
    views = views if views is not None else describe_subjects(keys)
    appeals = appeals if appeals is not None else open_appeals(keys)
    histories = author_histories([c.author_key for c in cases])
    clusters = cluster_sizes([c.cluster_key for c in cases])
    items = []
    for case in cases:
        scores = sorted(
            ((k, float(v)) for k, v in (case.scores or {}).items() if isinstance(v, int | float)),
            key=lambda kv: -kv[1],
        )
        items.append(
            {
                "case": case,
                "view": views.get(case.subject_key),
                "reasons": [r for r in case.reasons or [] if isinstance(r, dict)],
                "scores": scores,
                "history": histories.get(case.author_key, {}) if case.author_key else {},
                "appeal": appeals.get(case.subject_key, ""),
                "cluster_size": clusters.get(case.cluster_key, 0) if case.cluster_key else 0,
            }
        )
    return items


def totp_device(user):
    """The user's confirmed TOTP device, or None when two-factor is off for them."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def waiting_case_ids(case_ids: list[int]) -> list[int]:
    """Those of these cases still waiting for a moderator, in queue order."""
    from soundoff.moderation.models import Case, CaseStatus

    return list(
        Case.objects.filter(pk__in=case_ids, status=CaseStatus.AWAITING_REVIEW)
        .order_by("-priority", "created_at", "pk")
        .values_list("pk", flat=True)
    )


def author_waiting_case_ids(case) -> list[int]:
    """The waiting cases a ban of this case's author would reject (see services.author_ban)."""
    from soundoff.moderation.models import Case, CaseStatus

    qs = Case.objects.filter(status=CaseStatus.AWAITING_REVIEW)
    qs = qs.filter(author_key=case.author_key) if case.author_key else qs.filter(pk=case.pk)
    return list(qs.values_list("pk", flat=True))
