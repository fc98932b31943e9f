"""Pure policy: turn facts about a subject into a verdict with reasons.

Nothing here touches the ORM, settings or the classifier, so every rule is a table test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLISH = "publish"
HOLD = "hold"
REJECT = "reject"
_SEVERITY = {PUBLISH: 0, HOLD: 1, REJECT: 2}


@dataclass(frozen=True)
class Reason:
    code: str  # stable, e.g. "rules.too_many_links"
    verdict: str  # what this reason alone asks for
    message: str  # for moderators
    public: str = ""  # for the commenter; empty means a generic message
    reject_kind: str = "policy"  # "spam" or "policy"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "verdict": self.verdict,
            "message": self.message,
            "public": self.public,
            "reject_kind": self.reject_kind,
        }


CATEGORIES = ("spam", "identity_attack", "insult", "threat", "toxicity", "profanity")
CATEGORY_TEXT = {
    "spam": ("Likely spam", "it looks like advertising or spam"),
    "identity_attack": (
        "Likely attack on people for who they are (race, religion, ...)",
        "it may attack people for who they are, such as their race or religion",
    ),
    "insult": ("Likely personal attack", "it may be a personal attack on someone"),
    "threat": ("Likely threat of harm", "it may contain a threat of violence or harm"),
    "toxicity": ("Likely uncivil", "it may be uncivil in a way that drives people away"),
    "profanity": ("Contains profanity", "it contains strong language"),
}
# Default actions per category: hold from the first threshold, reject from the second.
# None disables that action. Racism, religious hatred and disparagement of people are not
# published; spam is rejected; doubtful cases are held, not guessed.
DEFAULT_CATEGORY_RULES: dict[str, dict[str, float | None]] = {
    "spam": {"hold": 0.5, "reject": 0.9},
    "identity_attack": {"hold": 0.4, "reject": 0.85},
    "threat": {"hold": 0.4, "reject": 0.85},
    "insult": {"hold": 0.5, "reject": None},
    "toxicity": {"hold": 0.7, "reject": None},
    "profanity": {"hold": None, "reject": None},
}
# Swearing is not a violation by itself, but "toxicity" was learned from data where swearing
# counts as toxic. When a comment swears (profanity score at SWEARING_AT or more), toxicity
# alone holds it only from SWEARING_TOXICITY_HOLD (or the rule's own hold, if higher); the
# other categories (an insult, a threat) still hold it as usual. The same rule as
# `soundoff.classifier.model.default_verdict`, which the suites and `soundoff score` report.
SWEARING_AT = 0.5
SWEARING_TOXICITY_HOLD = 0.95


@dataclass(frozen=True)
class CategoryRule:
    hold: float | None
    reject: float | None


def category_rules(
    overrides: dict | None = None, base: dict | None = None
) -> dict[str, CategoryRule]:
    """Category rules: the defaults, then `base` (the shipped model's calibrated
    thresholds), then the site's or section's `overrides`."""
    merged = {c: dict(DEFAULT_CATEGORY_RULES[c]) for c in CATEGORIES}
    for category, rule in (base or {}).items():
        if category in merged and isinstance(rule, dict):
            merged[category].update({k: rule[k] for k in ("hold", "reject") if k in rule})
    for category, rule in (overrides or {}).items():
        if category in merged and isinstance(rule, dict):
            merged[category].update({k: rule[k] for k in ("hold", "reject") if k in rule})
    return {c: CategoryRule(r.get("hold"), r.get("reject")) for c, r in merged.items()}


@dataclass(frozen=True)
class PolicyConfig:
    mode: str = "post"  # post / pre / new
    approvals_needed: int = 1
    max_links: int = 2
    moderation_words: tuple[str, ...] = ()
    disallowed_words: tuple[str, ...] = ()
    blocked_domains: tuple[str, ...] = ()
    reject_duplicates: bool = True
    reports_to_hold: int = 3
    rules: dict[str, CategoryRule] = field(default_factory=category_rules)
    velocity_limit: int = 5  # comments per 10 minutes by one author before holding
    # A network origin (hashed IP) may be shared by many readers (offices, mobile carriers):
    # it gets a much higher limit, for bots that drop their cookies.
    origin_velocity_limit: int = 20
    wave_threads: int = 3  # near-duplicates in this many threads is a spam wave
    seo_names: bool = True  # hold keyword-stuffed names and commercial author URLs


@dataclass(frozen=True)
class Facts:
    link_count: int = 0
    blocked_domains_found: tuple[str, ...] = ()
    moderation_words_found: tuple[str, ...] = ()
    disallowed_words_found: tuple[str, ...] = ()
    is_exact_duplicate: bool = False
    author_approved: int = 0
    author_is_staff: bool = False
    author_rejected: int = 0
    banned: str = ""  # description of the active ban, if any
    recent_by_author: int = 0  # comments by the same author in the last 10 minutes
    recent_from_origin: int = 0  # comments from the same network origin in 10 minutes
    wave_threads: int = 0  # threads holding a near-duplicate of this text (incl. this one)
    seo_name: str = ""  # why the name/URL looks like SEO spam, if it does
    slurs_found: tuple[str, ...] = ()  # listed slurs used in the text (the classifier's list)
    scores: dict[str, float] | None = field(default_factory=dict)  # None: model unavailable
    model_version: str = ""
    extra_reasons: tuple[Reason, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Decision:
    verdict: str
    reasons: tuple[Reason, ...]

    @property
    def reject_kind(self) -> str:
        for reason in self.reasons:
            if reason.verdict == REJECT:
                return reason.reject_kind
        return ""

    @property
    def public_message(self) -> str:
        for reason in self.reasons:
            if reason.verdict == self.verdict and reason.public:
                return reason.public
        if self.verdict == HOLD:
            return "Your comment is awaiting moderation. A moderator will review it shortly."
        if self.verdict == REJECT:
            return "Your comment was not published because it breaks our commenting policy."
        return ""


def _words(found: tuple[str, ...]) -> str:
    return ", ".join(f"“{w}”" for w in found)


def rule_reasons(policy: PolicyConfig, facts: Facts) -> list[Reason]:
    """The reasons the configured rules give for this subject (may be empty)."""
    reasons: list[Reason] = []
    if facts.disallowed_words_found:
        reasons.append(
            Reason(
                "rules.disallowed_word",
                REJECT,
                f"Contains disallowed words: {_words(facts.disallowed_words_found)}",
                "Your comment was not published because it contains language our "
                "commenting policy does not allow.",
            )
        )
    if facts.blocked_domains_found:
        reasons.append(
            Reason(
                "rules.blocked_domain",
                REJECT,
                f"Links to blocked domains: {', '.join(facts.blocked_domains_found)}",
                "Your comment was not published because it links to a blocked site.",
                reject_kind="spam",
            )
        )
    if policy.reject_duplicates and facts.is_exact_duplicate:
        reasons.append(
            Reason(
                "rules.duplicate",
                REJECT,
                "Exact duplicate of an earlier comment",
                "Duplicate comment detected; it looks as though you've already said that.",
                reject_kind="spam",
            )
        )
    if policy.max_links and facts.link_count >= policy.max_links:
        reasons.append(
            Reason(
                "rules.too_many_links",
                HOLD,
                f"Contains {facts.link_count} links (hold at {policy.max_links})",
            )
        )
    if facts.moderation_words_found:
        reasons.append(
            Reason(
                "rules.moderation_word",
                HOLD,
                f"Contains words set for moderation: {_words(facts.moderation_words_found)}",
            )
        )
    if facts.banned:
        reasons.append(
            Reason(
                "signals.banned",
                REJECT,
                f"Author is banned: {facts.banned}",
                "You can't comment here at the moment.",
                reject_kind="policy",
            )
        )
    if policy.wave_threads and facts.wave_threads >= policy.wave_threads:
        spammy = facts.link_count > 0 or (facts.scores or {}).get("spam", 0.0) >= 0.5
        reasons.append(
            Reason(
                "signals.spam_wave",
                REJECT if spammy else HOLD,
                f"Near-duplicate posted in {facts.wave_threads} threads (a spam wave)",
                "Your comment was not published: the same text was posted in many places.",
                reject_kind="spam",
            )
        )
    if policy.velocity_limit and facts.recent_by_author >= policy.velocity_limit:
        reasons.append(
            Reason(
                "signals.velocity",
                HOLD,
                f"{facts.recent_by_author} comments from this author in 10 minutes",
            )
        )
    elif policy.origin_velocity_limit and facts.recent_from_origin >= policy.origin_velocity_limit:
        reasons.append(
            Reason(
                "signals.origin_velocity",
                HOLD,
                f"{facts.recent_from_origin} comments from this network address in 10 minutes",
            )
        )
    if policy.seo_names and facts.seo_name:
        reasons.append(
            Reason(
                "signals.seo_name", HOLD, f"Name or website looks like SEO spam: {facts.seo_name}"
            )
        )
    if facts.author_rejected >= 3 and facts.author_rejected > facts.author_approved:
        reasons.append(
            Reason(
                "signals.history",
                HOLD,
                f"Author history: {facts.author_rejected} rejected, "
                f"{facts.author_approved} approved",
            )
        )
    reasons.extend(model_reasons(policy, facts))
    if not facts.author_is_staff:
        if policy.mode == "pre":
            reasons.append(Reason("mode.pre_moderation", HOLD, "Pre-moderation: every comment"))
        elif policy.mode == "new" and facts.author_approved < policy.approvals_needed:
            reasons.append(
                Reason(
                    "mode.new_commenter",
                    HOLD,
                    f"New commenter: {facts.author_approved} of {policy.approvals_needed} "
                    "approved comments needed",
                    "Thanks for joining the conversation! Comments from new commenters are "
                    "checked by a moderator first.",
                )
            )
    return reasons


def model_reasons(policy: PolicyConfig, facts: Facts) -> list[Reason]:
    """Reasons from the classifier's calibrated scores, per the category rules."""
    if facts.scores is None:
        return [
            Reason(
                "system.model_unavailable",
                HOLD,
                "The moderation model could not score this comment; review it",
            )
        ]
    out = []
    for category, rule in policy.rules.items():
        score = facts.scores.get(category)
        if score is None:
            continue
        label, public = CATEGORY_TEXT[category]
        if category == "identity_attack" and facts.slurs_found:
            label += f"; uses a slur ({', '.join(facts.slurs_found)})"
        kind = "spam" if category == "spam" else "policy"
        version = f" [{facts.model_version}]" if facts.model_version else ""
        if rule.reject is not None and score >= rule.reject:
            out.append(
                Reason(
                    f"model.{category}",
                    REJECT,
                    f"{label}: score {score:.2f} ≥ reject {rule.reject:.2f}{version}",
                    f"Your comment was not published because {public}.",
                    reject_kind=kind,
                )
            )
        elif (hold := hold_level(category, rule, facts.scores)) is not None and score >= hold:
            out.append(
                Reason(
                    f"model.{category}",
                    HOLD,
                    f"{label}: score {score:.2f} ≥ hold {hold:.2f}{version}",
                    f"Your comment is awaiting moderation: {public}. A moderator "
                    "will review it shortly.",
                )
            )
    return out


def hold_level(category: str, rule: CategoryRule, scores: dict[str, float]) -> float | None:
    """The rule's hold threshold, raised for toxicity when the comment swears."""
    if (
        category == "toxicity"
        and rule.hold is not None
        and (scores.get("profanity") or 0.0) >= SWEARING_AT
    ):
        return max(rule.hold, SWEARING_TOXICITY_HOLD)
    return rule.hold


def decide(policy: PolicyConfig, facts: Facts) -> Decision:
    """The strictest verdict any reason asks for; publish when there is none."""
    reasons = rule_reasons(policy, facts) + list(facts.extra_reasons)
    if not reasons:
        return Decision(PUBLISH, ())
    verdict = max((r.verdict for r in reasons), key=_SEVERITY.__getitem__)
    ordered = sorted(reasons, key=lambda r: -_SEVERITY[r.verdict])
    return Decision(verdict, tuple(ordered))
