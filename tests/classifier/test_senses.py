"""Innocent senses of slur words: the text-level part (no model)."""

from __future__ import annotations

import pytest

from soundoff.classifier import senses
from soundoff.classifier.normalize import normalize


@pytest.mark.parametrize(
    ("text", "stand_in"),
    [
        ("There is a chink in his armour.", "gap"),
        ("Homo sapiens left Africa", "human"),
        ("The sofa foam is flame-retardant", "resistant"),
        ("Faggots and peas for tea again", "meatballs"),
        ("Nipped out for a fag break", "cigarette"),
        ("The tranny in my truck is slipping", "transmission"),
        ("I had a queer feeling we were watched", "odd"),
        ("Our Maine Coon sleeps all day", "cat"),
        ("Add two kaffir lime leaves", "makrut"),
        ("The kitchen was spick and span", "spotless"),
        ("A niggardly pay rise", "stingy"),
        ("The sea dyke was breached overnight", "embankment"),
    ],
)
def test_innocent_senses_get_a_neutral_stand_in(text, stand_in):
    assert stand_in in normalize(text).text
    assert stand_in in senses.rewrite(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("You stupid faggot.", "faggot"),
        ("Get out of here, you dyke", "dyke"),
        ("What a bitch she is", "bitch"),
        ("queer people are welcome here", "queer"),
        ("Go back to your country, chink", "chink"),
        ("shut up, retard", "retard"),
    ],
)
def test_the_same_words_aimed_at_people_are_left_alone(text, word):
    assert word in normalize(text).text.replace(".", " ").replace(",", " ").split()
    assert senses.rewrite(text) == text
    assert not senses.find(text.lower())


def test_stand_in_spans_map_back_to_the_words_they_replace():
    text = "Tea: Faggots and peas!"
    n = normalize(text)
    start = n.text.index("meatballs")
    a, b = n.to_original_span(start, start + len("meatballs"))
    assert text[a:b] == "Faggots"
    # Characters after the stand-in still map to their own original positions.
    peas = n.text.index("peas")
    a, b = n.to_original_span(peas, peas + 4)
    assert text[a:b] == "peas"
