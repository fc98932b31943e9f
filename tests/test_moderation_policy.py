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


CLEAN = {"spam": 0.0, "identity_attack": 0.0, "insult": 0.0, "threat": 0.0, "profanity": 0.0}


@pytest.mark.parametrize(
    ("toxicity", "profanity", "verdict"),
    [
        (0.8, 0.0, HOLD),  # uncivil, no swearing: the toxicity rule holds it
        (0.8, 0.9, PUBLISH),  # swearing lifts the toxicity hold to 0.95
        (0.96, 0.9, HOLD),  # near-certain toxicity holds even a swearing comment
        (0.6, 0.9, PUBLISH),
    ],
)
def test_toxicity_from_swearing_alone_needs_near_certainty(toxicity, profanity, verdict):
    facts = Facts(scores={**CLEAN, "toxicity": toxicity, "profanity": profanity})
    decision = decide(WP, facts)
    assert decision.verdict == verdict
    if verdict == HOLD:
        assert [r.code for r in decision.reasons] == ["model.toxicity"]


def test_swearing_does_not_excuse_an_insult():
    facts = Facts(scores={**CLEAN, "insult": 0.9, "toxicity": 0.8, "profanity": 1.0})
    assert [r.code for r in decide(WP, facts).reasons] == ["model.insult"]


def test_site_policy_and_default_verdict_agree():
    """What `soundoff score` and the suites report as the verdict is what the site does with
    the same scores under the shipped model's default rules."""
    import itertools

    from soundoff.classifier.model import default_policy, default_verdict
    from soundoff.moderation.policies import category_rules

    shipped = default_policy()
    policy = PolicyConfig(rules=category_rules(base=shipped))
    levels = (0.0, 0.3, 0.45, 0.75, 0.9, 0.97)
    cats = ("spam", "identity_attack", "insult", "threat", "toxicity", "profanity")
    checked = 0
    for values in itertools.product(levels, repeat=len(cats)):
        scores = dict(zip(cats, values, strict=True))
        assert decide(policy, Facts(scores=scores)).verdict == default_verdict(scores, shipped), (
            scores
        )
        checked += 1
    assert checked == len(levels) ** len(cats)


def test_a_slur_is_named_in_the_moderators_reason():
    facts = Facts(scores={**CLEAN, "identity_attack": 0.6}, slurs_found=("chink",))
    decision = decide(WP, facts)
    assert decision.verdict == HOLD
    (reason,) = decision.reasons
    assert reason.code == "model.identity_attack"
    assert "uses a slur (chink)" in reason.message
    assert "chink" not in reason.public  # the reader is not quoted back the word


def test_the_slurs_named_are_the_classifiers_list_after_normalisation():
    from soundoff.moderation import scoring

    assert scoring.slurs_in(scoring.normalized("Another CH1NK on the front page")) == ("chink",)
    assert scoring.slurs_in(scoring.normalized("a chink in the armour")) == ()
    assert scoring.slurs_in(scoring.normalized('the word "paki" is a slur')) == ()
