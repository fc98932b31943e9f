"""Evaluation suites: loaders, schema, determinism and perturbation sanity."""

from __future__ import annotations

import collections
import json
import random
import unicodedata

import pytest

from soundoff.classifier.suites import (
    CATEGORIES,
    REQUIRED_FIELDS,
    SUITES,
    bias,
    blog_spam_gen,
    functional_gen,
    load_suite,
    robustness,
)

HATEFUL_TYPES = {
    "derog_neg_emote",
    "derog_neg_attrib",
    "derog_dehum",
    "derog_impl",
    "threat_dir",
    "threat_norm",
    "slur",
    "negate_pos",
    "phrase_question",
    "phrase_opinion",
    "derog_news",
}
BENIGN_TYPES = {
    "negate_neg",
    "counter_quote",
    "counter_ref",
    "ident_neutral",
    "ident_pos",
    "report_neutral",
    "target_obj",
    "profanity_nh",
    "slur_reclaimed",
    "slur_homonym",
    "civil_critique",
    "policy_opinion",
}


@pytest.mark.parametrize("name", SUITES)
def test_every_item_has_required_fields(name):
    items = load_suite(name)
    assert items
    for item in items:
        for field in REQUIRED_FIELDS:
            assert field in item, (name, item)
        assert isinstance(item["text"], str) and item["text"].strip()
        assert item["flag"] in (0, 1)
        assert set(item["expected"]) == set(CATEGORIES)
        assert all(v in (0, 1) for v in item["expected"].values())


def test_unknown_suite_raises():
    with pytest.raises(KeyError):
        load_suite("nope")


def test_load_suite_returns_copies():
    first = load_suite("functional")
    first[0]["text"] = "changed"
    assert load_suite("functional")[0]["text"] != "changed"


def test_functional_covers_case_types_and_groups():
    items = load_suite("functional")
    assert len(items) >= 300
    cases = collections.Counter(i["case_type"] for i in items)
    assert HATEFUL_TYPES | BENIGN_TYPES | {"insult_indiv", "threat_indiv"} <= set(cases)
    groups = {i["target_group"] for i in items} - {"none", "multiple"}
    assert len(groups) >= 15
    for item in items:
        if item["case_type"] in HATEFUL_TYPES:
            assert item["flag"] == 1 and item["expected"]["identity_attack"] == 1
        if item["case_type"] in BENIGN_TYPES:
            assert item["flag"] == 0 and not any(item["expected"].values())
        if item["case_type"].startswith("threat"):
            assert item["expected"]["threat"] == 1
    assert len({i["text"] for i in items}) == len(items), "duplicate texts"
    assert len({i["id"] for i in items}) == len(items)


def test_flag_is_consistent_with_expected_labels():
    for name in ("functional", "blog_spam"):
        for item in load_suite(name):
            assert item["flag"] == int(any(item["expected"].values())), item


def test_committed_jsonl_matches_generators():
    assert load_suite("functional") == json.loads(json.dumps(functional_gen.build()))
    assert load_suite("blog_spam") == json.loads(json.dumps(blog_spam_gen.build()))


def test_blog_spam_is_balanced_and_large_enough():
    items = load_suite("blog_spam")
    assert len(items) >= 150
    spam = sum(i["flag"] for i in items)
    assert 0.4 <= spam / len(items) <= 0.6
    assert all(i["expected"]["spam"] == i["flag"] for i in items)
    assert any("http" in i["text"] for i in items if i["flag"] == 0), "ham with a source link"
    assert all("author" in i for i in items)


def test_bias_templates_count_and_neutrality():
    cases = load_suite("bias")
    assert len(bias.TEMPLATES) >= 20 and len(bias.GROUPS) >= 25
    assert len(cases) == len(bias.TEMPLATES) * len(bias.GROUPS)
    assert all(c["flag"] == 0 for c in cases)
    per_group = collections.Counter(c["target_group"] for c in cases)
    assert set(per_group.values()) == {len(bias.TEMPLATES)}
    assert "I am a Muslim person." in {c["text"] for c in cases}
    assert "I am an Arab person." in {c["text"] for c in cases}
    assert not any("{" in c["text"] for c in cases)


def test_news_topic_sentences_are_neutral_unique_and_complete():
    from soundoff.classifier.suites import news_topics

    cases = load_suite("news_topics")
    per_topic = collections.Counter(c["target_group"] for c in cases)
    assert per_topic == {
        topic: len(templates) * len(fillers)
        for topic, (templates, fillers) in news_topics.TOPICS.items()
    }
    assert all(c["flag"] == 0 and not any(c["expected"].values()) for c in cases)
    assert len({c["text"] for c in cases}) == len(cases)
    assert "Aid convoys still cannot reach Gaza." in {c["text"] for c in cases}
    assert not any("{" in c["text"] for c in cases)


# ------------------------------------------------------------ robustness --
def _fold(text: str) -> str:
    """Undo what a perturbation does, as a careful human reader would."""
    inverse = {v: k for k, vs in robustness.HOMOGLYPHS.items() for v in vs}
    text = "".join(inverse.get(c, c) for c in text)
    text = "".join(c for c in text if c not in robustness.ZERO_WIDTH)
    return unicodedata.normalize("NFKC", text)


SAMPLES = [
    "I hate Muslims.",
    "Refugees are vermin and should be shot.",
    "Watch your backs, trans people. We're coming for you.",
]


@pytest.mark.parametrize("name", list(robustness.PERTURBATIONS))
def test_perturbations_are_deterministic_and_change_text(name):
    for text in SAMPLES:
        a = robustness.perturb(text, name)
        b = robustness.perturb(text, name)
        assert a == b
        assert a != text
        assert robustness.perturb(text, name, seed=1) == robustness.perturb(text, name, seed=1)


def test_perturbations_keep_text_recognisable():
    for text in SAMPLES:
        assert _fold(robustness.perturb(text, "homoglyph")) == text
        assert _fold(robustness.perturb(text, "zero_width")) == text
        spaced = robustness.perturb(text, "spaced")
        assert "".join(spaced.split()) == "".join(text.split())
        punct = robustness.perturb(text, "punctuation")
        assert "".join(c for c in punct if c.isalnum()) == "".join(c for c in text if c.isalnum())
        leet = robustness.perturb(text, "leetspeak")
        assert len(leet) == len(text)
        back = "".join({v: k for k, v in robustness.LEET.items()}.get(c, c) for c in leet)
        assert back.lower() == text.lower()
        rep = robustness.perturb(text, "repeated")
        collapse = lambda s: "".join(  # noqa: E731
            c for i, c in enumerate(s) if i == 0 or c != s[i - 1]
        )
        assert collapse(rep) == collapse(text)


def test_perturbation_order_independent_of_rng_state():
    random.seed(0)
    a = robustness.build_cases(load_suite("functional")[:40])
    random.seed(999)
    b = robustness.build_cases(load_suite("functional")[:40])
    assert a == b


def test_robustness_suite_covers_all_hateful_items():
    functional = load_suite("functional")
    hateful = [i for i in functional if i["flag"] == 1]
    cases = load_suite("robustness")
    assert len(cases) == len(hateful) * len(robustness.PERTURBATIONS)
    assert all(c["flag"] == 1 and c["original"] != c["text"] for c in cases)
