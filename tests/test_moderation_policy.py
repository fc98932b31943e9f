"""Table tests of the pure policy: facts in, verdict and reasons out."""

from __future__ import annotations

import pytest

from soundoff.moderation.policies import HOLD, PUBLISH, REJECT, Facts, PolicyConfig, decide

WP = PolicyConfig()  # WordPress-like defaults: hold at 2 links, reject duplicates


@pytest.mark.parametrize(
    ("policy", "facts", "verdict", "codes"),
    [
        (WP, Facts(), PUBLISH, []),
        (WP, Facts(link_count=1), PUBLISH, []),
        (WP, Facts(link_count=2), HOLD, ["rules.too_many_links"]),
        (PolicyConfig(max_links=0), Facts(link_count=9), PUBLISH, []),
        (WP, Facts(moderation_words_found=("idiot",)), HOLD, ["rules.moderation_word"]),
        (WP, Facts(disallowed_words_found=("grifter",)), REJECT, ["rules.disallowed_word"]),
        (WP, Facts(is_exact_duplicate=True), REJECT, ["rules.duplicate"]),
        (PolicyConfig(reject_duplicates=False), Facts(is_exact_duplicate=True), PUBLISH, []),
        (WP, Facts(blocked_domains_found=("spam.example",)), REJECT, ["rules.blocked_domain"]),
        (PolicyConfig(mode="pre"), Facts(), HOLD, ["mode.pre_moderation"]),
        (PolicyConfig(mode="pre"), Facts(author_is_staff=True), PUBLISH, []),
        (PolicyConfig(mode="new"), Facts(author_approved=0), HOLD, ["mode.new_commenter"]),
        (PolicyConfig(mode="new"), Facts(author_approved=1), PUBLISH, []),
        (
            PolicyConfig(mode="new", approvals_needed=3),
            Facts(author_approved=2),
            HOLD,
            ["mode.new_commenter"],
        ),
        # The strictest reason wins, and it is listed first.
        (
            WP,
            Facts(link_count=3, disallowed_words_found=("x",)),
            REJECT,
            ["rules.disallowed_word", "rules.too_many_links"],
        ),
    ],
)
def test_decide(policy, facts, verdict, codes):
    decision = decide(policy, facts)
    assert decision.verdict == verdict
    assert [r.code for r in decision.reasons] == codes


def test_reject_kind_and_public_messages():
    spam = decide(WP, Facts(is_exact_duplicate=True))
    assert spam.reject_kind == "spam"
    assert "already said that" in spam.public_message
    held = decide(WP, Facts(link_count=5))
    assert held.public_message.startswith("Your comment is awaiting moderation")
    assert held.reasons[0].message == "Contains 5 links (hold at 2)"
    assert decide(WP, Facts()).public_message == ""
