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


@dataclass(frozen=True)
class Facts:
    link_count: int = 0
    blocked_domains_found: tuple[str, ...] = ()
    moderation_words_found: tuple[str, ...] = ()
    disallowed_words_found: tuple[str, ...] = ()
    is_exact_duplicate: bool = False
    author_approved: int = 0
    author_is_staff: bool = False
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


def decide(policy: PolicyConfig, facts: Facts) -> Decision:
    """The strictest verdict any reason asks for; publish when there is none."""
    reasons = rule_reasons(policy, facts) + list(facts.extra_reasons)
    if not reasons:
        return Decision(PUBLISH, ())
    verdict = max((r.verdict for r in reasons), key=_SEVERITY.__getitem__)
    ordered = sorted(reasons, key=lambda r: -_SEVERITY[r.verdict])
    return Decision(verdict, tuple(ordered))
