"""Small curated lexicons: swear words (weak profanity labels) and spam signals."""

from __future__ import annotations

import re

from .normalize import normalize

# Swearing / obscenity.  Matched on NORMALISED text as whole words (with common suffixes).
# Deliberately excludes slurs (those are identity attacks, not mere profanity).
PROFANITY_STEMS = (
    "fuck", "fucking", "fucked", "fucker", "motherfucker", "fck", "fuk", "fucks", "fuckin",
    "shit", "shitty", "bullshit", "shits", "shithead", "horseshit", "bitch", "bitches",
    "bitchy", "cunt", "cunts", "asshole", "assholes", "arsehole", "ass", "arse", "dick",
    "dickhead", "dicks", "cock", "cocks", "cocksucker", "pussy", "pussies", "bastard",
    "bastards", "damn", "goddamn", "dammit", "crap", "crappy", "piss", "pissed", "pissing",
    "bollocks", "wanker", "wankers", "twat", "twats", "prick", "pricks", "douche",
    "douchebag", "slut", "sluts", "whore", "whores", "hoe", "hoes", "jackass", "dumbass",
    "smartass", "badass", "tits", "titties", "boobs", "bloody", "bugger", "wtf", "stfu",
    "fml", "af", "sob", "effing", "frigging", "freaking",
)  # fmt: skip

_PROFANITY_RE = re.compile(r"\b(?:" + "|".join(sorted(PROFANITY_STEMS, key=len, reverse=True))
                           + r")\b")  # fmt: skip


def has_profanity(text: str, normalized: str | None = None) -> bool:
    s = normalized if normalized is not None else normalize(text).text
    return _PROFANITY_RE.search(s) is not None


def profanity_matches(normalized: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROFANITY_RE.finditer(normalized)]
