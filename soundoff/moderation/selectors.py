from __future__ import annotations

from soundoff.moderation.models import Policy
from soundoff.moderation.policies import PolicyConfig, category_rules
from soundoff.moderation.rules import parse_lines

_FIELDS = ("mode", "approvals_needed", "max_links", "reject_duplicates")


def policy_for(scope_keys: tuple[str, ...] | list[str]) -> PolicyConfig:
    """The effective policy: the site policy, then each section policy on top of it.

    Where several sections apply, the strictest value of each setting wins; word and
    domain lists are combined.
    """
    policies = {p.scope: p for p in Policy.objects.filter(scope__in=["site", *scope_keys])}
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
        wave_threads=min((p.wave_threads for p in layers if p.wave_threads), default=0),
        seo_names=any(p.seo_names for p in layers),
    )


def _strictest_rules(layers: list[Policy]):
    """Each layer's category rules on top of the defaults; a section can only tighten."""
    merged = category_rules(layers[0].category_rules or {})
    for layer in layers[1:]:
        theirs = category_rules(
            {**(layers[0].category_rules or {}), **(layer.category_rules or {})}
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
