"""Normalisation: obfuscation is undone and every character maps back to the original."""

import random
import string

import pytest

from soundoff.classifier.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("You 1d10t!!", "you idiot!!"),
        ("i d i o t", "idiot"),
        ("f.u.c.k you", "fuck you"),
        ("stuuuuupid", "stupid"),
        ("Ιdіοt", "idiot"),  # Greek Iota, Cyrillic i and Greek omicron
        ("ｙｏｕ ａｒｅ", "you are"),  # fullwidth
        ("𝐢𝐝𝐢𝐨𝐭", "idiot"),  # mathematical bold
        ("sh\u200bit", "shit"),  # zero-width space
        ("i\u202ed\u202ciot", "idiot"),  # bidi controls
        ("$h1t", "shit"),
        ("k1ll yourself", "kill yourself"),
        ("b!tch", "bitch"),
        ("Cáfé   OK\n\nyes", "cafe ok yes"),
        ("  padded  ", "padded"),
    ],
)
def test_deobfuscation(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "I was born in the 1990s at 5pm on the 2nd",
        "@user thanks for the reply",
        "mail me at someone@example.com",
        "Prices rose 5% to $300",
        "I am a Muslim woman",
    ],
)
def test_leaves_ordinary_text_alone(raw):
    assert normalize(raw).text == raw.lower()


def _random_strings(n, seed=0):
    rng = random.Random(seed)
    alphabet = (
        string.ascii_letters + string.digits + " .!@$*-_\n\t"
        + "аеосрхіΙοαｙｏｕ𝐢𝐝\u200b\u200d\u202e\ufe0fÉéﬁß🙂İ"
    )  # fmt: skip
    for _ in range(n):
        k = rng.randint(0, 60)
        yield "".join(rng.choice(alphabet) for _ in range(k))


def test_offsets_property_on_many_strings():
    for raw in _random_strings(2000):
        norm = normalize(raw)
        assert len(norm.offsets) == len(norm.text)
        # monotone, in range
        assert all(0 <= o < len(raw) for o in norm.offsets)
        assert all(a <= b for a, b in zip(norm.offsets, norm.offsets[1:], strict=False))
        # every kept ASCII letter/digit comes from an original char that normalises to it
        for ch, o in zip(norm.text, norm.offsets, strict=True):
            if ch.isascii() and ch.isalpha() and raw[o].isascii() and raw[o].isalpha():
                assert raw[o].lower() == ch
        # spans map back inside the original
        for s in range(0, len(norm.text), 7):
            e = min(len(norm.text), s + 5)
            os_, oe = norm.to_original_span(s, e)
            assert 0 <= os_ <= oe <= len(raw)


def test_to_original_span_recovers_obfuscated_word():
    raw = "you are a   ｉ d ｉ o t!!"
    norm = normalize(raw)
    i = norm.text.index("idiot")
    s, e = norm.to_original_span(i, i + len("idiot"))
    assert raw[s:e] == "ｉ d ｉ o t"


def test_empty_and_type():
    assert normalize("").text == ""
    assert normalize("").to_original_span(0, 0) == (0, 0)
    with pytest.raises(TypeError):
        normalize(None)  # type: ignore[arg-type]


def test_negation_marking_helper():
    from soundoff.classifier.fast import mark_negation

    assert mark_negation("i don't hate them, they are fine", 3) == (
        "i don't not_hate not_them, they are fine"
    )
    assert mark_negation("plain text", 3) == "plain text"
