"""Innocent senses of slur words, and quoted speech: the text-level parts (no model)."""

from __future__ import annotations

import pytest

from soundoff.classifier import quotes, senses
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
    "text",
    [
        "You stupid faggot.",
        "Get out of here, you dyke",
        "What a bitch she is",
        "queer people are welcome here",
        "Go back to your country, chink",
        "shut up, retard",
    ],
)
def test_the_same_words_aimed_at_people_are_left_alone(text):
    assert normalize(text).text == normalize(text).text.lower()
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


def test_quoted_spans_need_two_words_and_skip_apostrophes():
    text = "He said \"they are vermin\" and 'don't care' but it's 'odd'."
    spans = quotes.quoted_spans(text)
    assert [text[a:b] for a, b in spans] == ['"they are vermin"', "'don't care'"]
    curly = "“They are all criminals” was the headline."
    assert quotes.without_quotes(curly) == "that was the headline."


@pytest.mark.parametrize(
    ("outside", "expected"),
    [
        ("Statements like that are deeply hurtful.", "reject"),
        ("How can you say that?", "reject"),
        ("that is a disgusting thing to say", "reject"),
        ("Stop saying that. Block and report.", "reject"),
        ("that - so true.", "endorse"),
        ("I agree, that.", "endorse"),
        # Endorsement wins over the rejection cues around it.
        ("Finally someone said it: that. Stop calling it hate speech.", "endorse"),
        ("that, as my grandad used to say.", ""),
    ],
)
def test_stance_towards_a_quote(outside, expected):
    assert quotes.stance(outside) == expected
