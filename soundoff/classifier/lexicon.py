"""Small curated lexicons: swear words (weak profanity labels) and spam signals."""

from __future__ import annotations

import functools
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


# Slurs: words whose only current sense is a slur for people of a protected group (race,
# ethnicity, nationality, religion, sexual orientation, gender identity, disability). Matched
# on NORMALISED text, where the innocent senses that some of them share ("a chink in the
# armour", "a fag break", "Maine Coon", "flame retardant", "spastic colon") already read as
# neutral stand-ins (senses.py). Left out on purpose: words reclaimed by the people they name
# or common in everyday speech in another sense ("queer", "dyke", "crip", "bitch", "homo",
# "poof", "jap", "honky", "sambo", "gypsy"); for those the models' scores decide alone.
SLUR_WORDS = (
    # race and ethnicity, nationality, religion
    "nigger", "niggers", "sand nigger", "sand niggers", "coon", "coons", "jigaboo",
    "jigaboos", "porch monkey", "porch monkeys", "wog", "wogs", "chink", "chinks", "chinky",
    "gook", "gooks", "zipperhead", "zipperheads", "slant eye", "slant eyes", "slanteye",
    "slanteyes", "paki", "pakis", "pajeet", "pajeets", "towelhead", "towelheads", "raghead",
    "ragheads", "camel jockey", "camel jockeys", "spic", "spics", "spick", "spicks",
    "wetback", "wetbacks", "beaner", "beaners", "kike", "kikes", "yid", "yids", "gyppo",
    "gyppos", "gypo", "gypos", "pikey", "pikeys", "kaffir", "kaffirs", "dago", "dagos",
    "muzzie", "muzzies",
    # sexual orientation, gender identity
    "faggot", "faggots", "fag", "fags", "tranny", "trannies", "shemale", "shemales",
    "poofter", "poofters", "lesbo", "lesbos",
    # disability
    "retard", "retards", "spastic", "spastics", "spaz", "spazz", "mong", "mongs",
)  # fmt: skip

_SLUR_ALTERNATIVES = sorted(SLUR_WORDS, key=len, reverse=True)
# "camel jockey", "camel-jockey" and "cameljockey" alike.
_SLUR_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", "[ -]?") for w in _SLUR_ALTERNATIVES) + r")\b"
)


# A slur named as a word rather than used of anyone: "the word 'paki'", "the slur tranny",
# "'spic' is a racist slur". Left to the models (talking about a slur is not an attack;
# quoting it to attack someone is for the models to read).
_MENTION_BEFORE = re.compile(
    r"\b(?:the|that|this|a|an) (?:\w+ )?(?:word|term|slur|epithet)s? ?[:\"'“‘]? ?$"
)
_MENTION_AFTER = re.compile(
    r"^ ?[\"'”’]? ?(?:is|was|are|were) (?:\w+ ){0,2}(?:word|term|slur|epithet|insult)s?\b"
)


def slur_matches(normalized: str) -> list[tuple[int, int]]:
    """Spans of :data:`SLUR_WORDS` used in normalised text (innocent senses already stood in;
    a slur only named as a word is left out)."""
    out = []
    for m in _SLUR_RE.finditer(normalized):
        start, end = m.span()
        before = normalized[max(0, start - 40) : start]
        if _MENTION_BEFORE.search(before) or _MENTION_AFTER.match(normalized[end : end + 40]):
            continue
        out.append((start, end))
    return out


# Public figures the training sets talk about most (counted in the train splits: "trump"
# 2,639 rows, "obama" 616, "hillary" 349, ...). Most come from toxic_spans_civil, which
# holds only toxic posts, so of the rows naming Trump that carry an insult label 79 % are
# insults, against 20 % overall: a model learns the name, not the attack, and then holds
# "Maybe Trump is playing the partisan card." The shipped encoder was fine-tuned with these
# names taken out of its training rows (``without_public_names``; `tools/finetune_semantic.py
# train`, on by default since 2026-11-29); `soundoff train --drop-public-names` does the
# same for the fast tier (an experiment, off for the shipped model: docs/classifier.md). At
# scoring time nothing is removed, and a name the model never saw carries no weight.
# Distinctive names only: no word with an everyday sense ("Ford", "May", "Sessions") and no
# surname shared by a community ("Singh", "Khan").
# fmt: off
PUBLIC_FIGURES = (
    "donald trump", "trump", "trumps", "drumpf", "barack obama", "obama", "obamas",
    "hillary clinton", "hillary", "clinton", "clintons", "justin trudeau", "trudeau",
    "stephen harper", "harper", "george bush", "bush", "vladimir putin", "putin", "joe biden",
    "biden", "bernie sanders", "bernie", "sanders", "nancy pelosi", "pelosi", "mcconnell",
    "notley", "wynne", "kenney", "mulcair", "scheer", "chretien", "mulroney", "pence",
    "cruz", "rubio", "romney", "mccain", "palin", "schumer", "comey", "mueller",
    "kavanaugh", "bannon", "netanyahu", "erdogan", "duterte", "macron", "merkel", "farage",
    "corbyn", "boris johnson",
)
# fmt: on


@functools.cache
def _public_figures_re() -> re.Pattern[str]:
    # Compiled on first use: only training calls it, never the scoring path.
    names = sorted(PUBLIC_FIGURES, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"\b(?:{alternatives})(?:'s|’s|s')?\b", re.IGNORECASE)


def without_public_names(text: str) -> str:
    """``text`` with the names in ``PUBLIC_FIGURES`` (and their possessives) taken out."""
    out = _public_figures_re().sub("", text)
    return re.sub(r"[ \t]{2,}", " ", out).strip() if out != text else text
