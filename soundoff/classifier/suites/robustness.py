"""Adversarial spelling perturbations for the robustness suite.

Each perturbation is a pure function ``(text, rng) -> text`` that a human still
reads as the original: leetspeak digits, Cyrillic/Greek look-alike letters,
zero-width characters inside words, spaced-out letters and stretched letters.
They are applied deterministically: the random generator is seeded from the
perturbation name, the suite seed and the text itself, so the suite is stable
across runs, platforms and item order.

    from soundoff.classifier.suites import robustness
    cases = robustness.build_cases()   # perturbed copies of the hateful functional items
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable

SEED = 20260101

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "g": "9", "b": "8"}

# Latin letter -> visually identical (or nearly) Cyrillic / Greek code point.
HOMOGLYPHS = {
    "a": ["\u0430"],  # Cyrillic a
    "c": ["\u0441"],  # Cyrillic es
    "e": ["\u0435"],  # Cyrillic ie
    "i": ["\u0456"],  # Cyrillic Byelorussian-Ukrainian i
    "j": ["\u0458"],  # Cyrillic je
    "o": ["\u043e", "\u03bf"],  # Cyrillic o, Greek omicron
    "p": ["\u0440", "\u03c1"],  # Cyrillic er, Greek rho
    "s": ["\u0455"],  # Cyrillic dze
    "x": ["\u0445", "\u03c7"],  # Cyrillic ha, Greek chi
    "y": ["\u0443"],  # Cyrillic u
    "A": ["\u0410", "\u0391"],
    "B": ["\u0412", "\u0392"],
    "C": ["\u0421"],
    "E": ["\u0415", "\u0395"],
    "H": ["\u041d", "\u0397"],
    "I": ["\u0406", "\u0399"],
    "K": ["\u041a", "\u039a"],
    "M": ["\u041c", "\u039c"],
    "N": ["\u039d"],
    "O": ["\u041e", "\u039f"],
    "P": ["\u0420", "\u03a1"],
    "T": ["\u0422", "\u03a4"],
    "X": ["\u0425", "\u03a7"],
    "Y": ["\u03a5"],
}

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]

_WORD = re.compile(r"[A-Za-z]{4,}")

# Short function words are left alone by the word-level perturbations: people
# obfuscate the words that a filter would catch, not "the" and "with".
_STOP = {
    "this",
    "that",
    "with",
    "they",
    "them",
    "their",
    "there",
    "have",
    "from",
    "just",
    "every",
    "what",
    "when",
    "your",
    "will",
    "were",
    "into",
    "than",
    "then",
    "been",
    "only",
}


def _rng(name: str, text: str, seed: int) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{name}:{text}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _content_words(text: str) -> list[re.Match[str]]:
    return [m for m in _WORD.finditer(text) if m.group().lower() not in _STOP]


def _pick_words(text: str, rng: random.Random, share: float = 0.5) -> list[re.Match[str]]:
    words = _content_words(text)
    if not words:
        return []
    k = max(1, round(len(words) * share))
    picked = rng.sample(words, min(k, len(words)))
    return sorted(picked, key=lambda m: m.start())


def _rewrite_words(text: str, matches: list[re.Match[str]], fn: Callable[[str], str]) -> str:
    out, last = [], 0
    for m in matches:
        out.append(text[last : m.start()])
        out.append(fn(m.group()))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def leetspeak(text: str, rng: random.Random) -> str:
    """Swap letters for digits in about half of the content words ("h4t3")."""

    def word(w: str) -> str:
        chars = list(w)
        slots = [i for i, c in enumerate(chars) if c.lower() in LEET]
        if not slots:
            return w
        for i in rng.sample(slots, max(1, (len(slots) + 1) // 2)):
            chars[i] = LEET[chars[i].lower()]
        return "".join(chars)

    return _rewrite_words(text, _pick_words(text, rng), word)


def homoglyphs(text: str, rng: random.Random) -> str:
    """Replace about half of the letters that have a look-alike with Cyrillic/Greek ones."""
    chars = list(text)
    for i, c in enumerate(chars):
        if c in HOMOGLYPHS and rng.random() < 0.5:
            chars[i] = rng.choice(HOMOGLYPHS[c])
    return "".join(chars)


def zero_width(text: str, rng: random.Random) -> str:
    """Insert invisible characters inside every content word."""

    def word(w: str) -> str:
        pos = rng.randrange(1, len(w))
        return w[:pos] + rng.choice(ZERO_WIDTH) + w[pos:]

    return _rewrite_words(text, _content_words(text), word)


def spaced(text: str, rng: random.Random) -> str:
    """Space out the letters of one or two content words ("h a t e")."""
    words = _content_words(text)
    if not words:
        return text
    picked = sorted(rng.sample(words, min(2, len(words))), key=lambda m: m.start())
    return _rewrite_words(text, picked, lambda w: " ".join(w))


def repeated(text: str, rng: random.Random) -> str:
    """Stretch one letter of about half of the content words ("haaaate")."""

    def word(w: str) -> str:
        i = rng.randrange(len(w))
        return w[: i + 1] + w[i] * rng.randint(2, 4) + w[i + 1 :]

    return _rewrite_words(text, _pick_words(text, rng), word)


def punctuation(text: str, rng: random.Random) -> str:
    """Put dots or asterisks between the letters of one content word ("v.e.r.m.i.n")."""
    words = _content_words(text)
    if not words:
        return text
    target = rng.choice(words)
    sep = rng.choice([".", "*", "-"])
    return _rewrite_words(text, [target], lambda w: sep.join(w))


PERTURBATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "leetspeak": leetspeak,
    "homoglyph": homoglyphs,
    "zero_width": zero_width,
    "spaced": spaced,
    "repeated": repeated,
    "punctuation": punctuation,
}


def perturb(text: str, name: str, seed: int = SEED) -> str:
    """Apply perturbation ``name`` to ``text``; the same input always gives the same output."""
    return PERTURBATIONS[name](text, _rng(name, text, seed))


def build_cases(items: list[dict] | None = None, seed: int = SEED) -> list[dict]:
    """Perturbed copies of the hateful (``flag == 1``) functional items.

    Each case keeps the original fields and adds ``perturbation`` and ``original``.
    """
    if items is None:
        from soundoff.classifier.suites import load_suite

        items = load_suite("functional")
    cases = []
    for item in items:
        if item["flag"] != 1:
            continue
        for name in PERTURBATIONS:
            new = dict(item)
            new["expected"] = dict(item["expected"])
            new["original"] = item["text"]
            new["text"] = perturb(item["text"], name, seed)
            new["perturbation"] = name
            new["id"] = f"{item.get('id', 'item')}-{name}"
            cases.append(new)
    return cases
