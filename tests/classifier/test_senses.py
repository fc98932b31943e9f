"""Innocent senses of slur words: the text-level part (no model)."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from soundoff.classifier import senses, train
from soundoff.classifier.normalize import normalize, without_innocent_senses


@pytest.mark.parametrize(
    ("text", "stand_in"),
    [
        ("There is a chink in his armour.", "gap"),
        ("Homo sapiens left Africa", "human"),
        ("The sofa foam is flame-retardant", "resistant"),
        ("Faggots and peas for tea again", "meatballs"),
        ("I'm having faggots for dinner tonight", "meatballs"),
        ("Nipped out for a fag break", "cigarette"),
        ("I popped outside the pub for a fag and missed the goal", "cigarette"),
        ("He went out the back for a crafty fag", "cigarette"),
        ("The tranny in my truck is slipping", "transmission"),
        ("I had a queer feeling we were watched", "odd"),
        ("Our Maine Coon sleeps all day", "cat"),
        ("Add two kaffir lime leaves", "makrut"),
        ("The kitchen was spick and span", "spotless"),
        ("A niggardly pay rise", "stingy"),
        ("The sea dyke was breached overnight", "embankment"),
        ("Our bitch just had a litter of six puppies", "dog"),
        ("The bitch whelped last night", "dog"),
        ("A bundle of faggots for the fire", "kindling"),
        ("He has a niggly hamstring injury", "nagging"),
        ("I'd kill for a decent bus service in this town", "pay"),
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
        ("they went out looking for a fag to beat up", "fag"),
        # Found in the training sets: the insult followed by a verb a dog could take.
        ("this bitch has brain damage", "bitch"),
        ("that bitch had like 4 teeth i swear", "bitch"),
        ("that bitch is pregnant again", "bitch"),
        ("i don't tell bitches i show bitches", "bitches"),
        ("russia is the biggest pile of faggots", "faggots"),
        ("what a load of faggots", "faggots"),
        ("ghetto niggly puff", "niggly"),
        ("i'd kill for a chance to hit him", "kill"),
        ("i would kill him for that", "kill"),
    ],
)
def test_the_same_words_aimed_at_people_are_left_alone(text, word):
    assert word in normalize(text).text.replace(".", " ").replace(",", " ").split()
    assert senses.rewrite(text) == text
    assert not senses.find(text.lower())


@pytest.mark.parametrize(
    ("text", "stand_in", "word", "after"),
    [
        ("Tea: Faggots and peas!", "meatballs", "Faggots", "peas"),
        # A stand-in shorter than the (obfuscated) word still covers all of it.
        ("This p0licy is sooo stup1d, honestly.", "bad", "stup1d", "honestly"),
    ],
)
def test_stand_in_spans_map_back_to_the_words_they_replace(text, stand_in, word, after):
    n = normalize(text)
    start = n.text.index(stand_in)
    a, b = n.to_original_span(start, start + len(stand_in))
    assert text[a:b] == word
    # Characters after the stand-in still map to their own original positions.
    i = n.text.index(after)
    a, b = n.to_original_span(i, i + len(after))
    assert text[a:b] == after


def test_without_innocent_senses_reads_the_words_as_written():
    text = "Faggots and peas for tea"
    with without_innocent_senses():
        assert normalize(text).text.startswith("faggots and peas")
    assert normalize(text).text.startswith("meatballs and peas")


def test_without_innocent_senses_is_local_to_its_thread():
    seen = []
    inside, done = threading.Event(), threading.Event()

    def other():
        inside.wait(5)
        seen.append(normalize("Faggots and peas").text)
        done.set()

    t = threading.Thread(target=other)
    t.start()
    with without_innocent_senses():
        inside.set()
        done.wait(5)
    t.join(5)
    assert seen == ["meatballs and peas"]


def test_the_fast_tier_is_trained_without_the_rewrite(monkeypatch):
    seen = []

    def fake_train(root, extra, params, log, **_):
        seen.append(normalize("Faggots and peas").text)
        return None, {}

    monkeypatch.setattr(train, "_train_fast", fake_train)
    _, info = train.train_fast(Path("unused"))
    assert info["innocent_senses"] is False
    _, info = train.train_fast(Path("unused"), innocent_senses=True)
    assert info["innocent_senses"] is True
    assert seen == ["faggots and peas", "meatballs and peas"]


@pytest.mark.parametrize(
    ("text", "stand_in"),
    [
        ("This policy is stupid and will cost us billions.", "bad"),
        ("I hate this stupid weather.", "bad"),
        ("The new parking rules are idiotic.", "bad"),
        ("That referee's decision was stupid.", "bad"),
        ("I think the plan is crazy.", "bad"),
        ("What a moronic law.", "bad"),
        ("That is the dumbest plan I have ever read.", "worst"),
        ("The council website is so pathetic.", "bad"),
        ("The bus service is a disgrace.", "bad"),
        ("This policy is total garbage.", "bad"),
    ],
)
def test_insulting_words_aimed_at_things_read_as_plain_criticism(text, stand_in):
    assert stand_in in re.findall(r"\w+", senses.rewrite(text))
    assert stand_in in re.findall(r"\w+", normalize(text).text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister is stupid.",
        "You are so stupid.",
        "What a stupid man.",
        "Your stupid idea proves you can't read.",  # aimed at the reader
        "Your plan is stupid.",
        "What a pathetic excuse for a journalist.",
        "What a stupid comment.",  # someone's words: aimed at the one who wrote them
        "the people running the system are useless",  # the subject is the people
        "the majority of teachers in the public school system are useless",
        "Islam is a stupid religion.",
        "Their culture is pathetic.",
        "You are a disgrace.",
        "The minister is a disgrace.",
        "Your argument is garbage.",
        "This bus service is a bloody disgrace.",  # the swear word stays for the profanity score
    ],
)
def test_the_same_words_aimed_at_people_or_identities_are_left_alone(text):
    assert senses.rewrite(text) == text


def test_without_thing_senses_leaves_them_and_keeps_the_slur_senses():
    text = "This policy is stupid, like a chink in the armour."
    with senses.without_thing_senses():
        rewritten = senses.rewrite(text)
    assert "stupid" in rewritten and "gap" in rewritten
    assert "bad" in senses.rewrite(text)


def test_every_insulting_word_contains_a_stem_of_the_quick_check():
    words = [*senses._ADJ.split("|"), *senses._NOUN_WORDS.split("|"), "stupidest", "dumbest"]
    assert all(any(stem in w for stem in senses._THING_STEMS) for w in words)
