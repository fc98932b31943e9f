"""Slurs: a listed slur lifts identity_attack to the floor and is marked in the original text."""

from __future__ import annotations

import pytest

from soundoff.classifier import lexicon
from soundoff.classifier.fast import Span
from soundoff.classifier.model import SLUR_FLOOR, Scored, default_verdict, with_slurs
from soundoff.classifier.normalize import normalize


def _found(text: str) -> list[str]:
    n = normalize(text)
    spans = [n.to_original_span(a, b) for a, b in lexicon.slur_matches(n.text)]
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Another chink on the front page.", "chink"),
        ("My new neighbours are sp1cs.", "sp1cs"),
        ("Get these camel-jockeys out", "camel-jockeys"),
        ("shut up you k\u200bike", "k\u200bike"),
        ("typical r e t a r d", "r e t a r d"),
        ("Of course the PAJEET got the job", "PAJEET"),
    ],
)
def test_slurs_are_found_through_obfuscation_and_mapped_back(text, word):
    assert _found(text) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "There is a chink in his armour.",
        "Our Maine Coon sleeps all day",
        "The sofa foam is flame-retardant",
        "I popped outside the pub for a fag and missed the goal.",
        "The spastic colon clinic has new funding",
        # Reclaimed or everyday words are left to the models.
        "Proud dyke, proud wife, proud to march at Pride again this year.",
        "Our queer book club meets on Thursdays",
        # Words that merely contain a slur.
        "Spicy food, a mongoose and Scunthorpe",
        # A slur named as a word, not used of anyone.
        'The word "paki" is a racist slur and shouldn\'t be used.',
        "Nobody should use the slur kike, ever.",
        "'Spic' was a common insult back then, the article says.",
    ],
)
def test_innocent_senses_and_reclaimed_words_are_not_slurs(text):
    assert _found(text) == []


def test_with_slurs_lifts_identity_attack_and_adds_the_span_once():
    span = Span(8, 13, "identity_attack", SLUR_FLOOR, "chink")
    low = Scored({"identity_attack": 0.02, "toxicity": 0.1}, [], "v", "fast")
    out = with_slurs(low, [span])
    assert out.scores == {"identity_attack": SLUR_FLOOR, "toxicity": 0.1}
    assert out.spans == [span]
    assert with_slurs(out, [span]).spans == [span]  # not twice
    high = Scored({"identity_attack": 0.97}, [span], "v", "fast")
    assert with_slurs(high, [span]).scores["identity_attack"] == 0.97  # a floor, not a cap
    assert with_slurs(low, []) is low
    assert with_slurs(low, [span], explain=False).spans == []


def test_the_default_policy_holds_a_slur_for_review_and_does_not_reject_it():
    assert default_verdict({"identity_attack": SLUR_FLOOR}) == "hold"


@pytest.mark.parametrize(
    "text",
    ["Another chink on the front page. Great.", "My new neighbours are spics. Time to move."],
)
def test_the_shipped_model_holds_a_slur_in_a_bland_sentence(shipped_model, text):
    scored = shipped_model.score(text)
    assert scored.scores["identity_attack"] >= SLUR_FLOOR
    assert default_verdict(scored.scores) == "hold"
    marked = [s for s in scored.spans if s.category == "identity_attack"]
    assert any(text[s.start : s.end] == s.text and s.text in text for s in marked)
