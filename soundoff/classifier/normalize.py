"""Obfuscation-defeating text normalisation that keeps character offsets.

``normalize(text)`` returns a :class:`Normalized` whose ``offsets[i]`` is the index in the
ORIGINAL string of normalised character ``i``.  Steps, in order:

1. per character: NFKC (fullwidth / mathematical letters become ASCII), accents stripped
   (NFKD, combining marks dropped), invisible characters removed (zero-width, bidi controls,
   soft hyphen, variation selectors, other ``Cf``), control characters become spaces,
   confusable look-alikes (Cyrillic / Greek / a few symbols, after Unicode TS #39) mapped to
   Latin, lowercase;
2. leetspeak inside words that contain letters (``1d10t`` → ``idiot``, ``$h1t`` → ``shit``);
3. spaced-out letters joined (``i d i o t`` / ``f.u.c.k`` → ``idiot`` / ``fuck``);
4. runs of 3+ identical letters collapsed to one (``stuuuupid`` → ``stupid``), runs of 3+
   identical other characters collapsed to two;
5. whitespace runs collapsed to one space, leading/trailing whitespace dropped;
6. innocent senses of slur words replaced by neutral stand-ins ("a chink in the armour" →
   "a gap in the armour"), and insulting words aimed at things by plain criticism ("this
   policy is stupid" → "this policy is bad"; see :mod:`soundoff.classifier.senses`), each stand-in's
   characters mapped onto the words it replaces. Step 6 is a scoring-time step: inside
   :func:`without_innocent_senses` it is skipped, which is how the fast tier is trained
   (``train.train_fast``: it learns from the training sets as written).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import senses
from .senses import without_innocent_senses

__all__ = ["CONFUSABLES", "Normalized", "normalize", "without_innocent_senses"]

# Curated subset of the Unicode TS #39 confusables table (confusables.txt): characters from
# Cyrillic, Greek, Armenian, Cherokee-free Latin extensions and symbols that render like Latin
# letters.  Fullwidth and mathematical alphanumerics are handled by NFKC before this table.
CONFUSABLES: dict[str, str] = {
    # Cyrillic lowercase
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "и": "u", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ɡ": "g", "ӏ": "l",
    "ь": "b", "ы": "bi", "ꙇ": "i",
    # Cyrillic uppercase
    "А": "a", "В": "b", "Е": "e", "Ё": "e", "З": "3", "І": "i", "Ї": "i", "Ј": "j", "К": "k",
    "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t", "У": "y", "Х": "x", "Ѕ": "s",
    "Ԁ": "d", "Ԛ": "q", "Ԝ": "w", "Ү": "y", "Һ": "h", "Ӏ": "l", "П": "n", "И": "u",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u",
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x", "Ϲ": "c", "ϲ": "c", "Ϳ": "j", "ϳ": "j",
    # Armenian
    "օ": "o", "ս": "u", "ց": "g", "հ": "h", "ո": "n", "ռ": "n", "ա": "w", "զ": "q",
    # Latin look-alikes / IPA / symbols
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʟ": "l", "ɪ": "i", "ʏ": "y", "ᴀ": "a", "ʙ": "b",
    "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ᴊ": "j", "ᴋ": "k", "ᴍ": "m", "ɴ": "n",
    "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ħ": "h", "ŧ": "t", "ß": "ss",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "€": "e", "£": "l", "¡": "i", "©": "c",
    "®": "r", "∪": "u", "∩": "n", "⋃": "u",
}  # fmt: skip

# Leetspeak substitutions applied only inside a token that also contains letters.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "+": "t",
}  # fmt: skip

_KEEP_CONTROLS = {"\n": " ", "\t": " ", "\r": " "}
_LEET_CHARS = re.compile(r"[0134578@$!|+9]")
# A whole whitespace-delimited token that contains one of _LEET_CHARS.
_LEET_TOKEN_RE = re.compile(r"[^\s]*[0134578@$!|+9][^\s]*")
_ORDINAL_RE = re.compile(
    r"^[\W_]*\d+(st|nd|rd|th|s|am|pm|k|m|b|x|yo|mm|cm|km|kg|lb|lbs|min|h|hr|hrs|d|gb|mb)?[\W_]*$"
)
_SPACED_RE = re.compile(r"(?<![\w])([a-z])(?:([ .\-_*])[a-z](?:\2[a-z]){1,})(?![\w])")
_REPEAT_RE = re.compile(r"(.)\1{2,}")
# The whitespace runs _ws_step changes: leading, trailing, two or more characters, or one
# character that is not a plain space (a single space between words is left alone).
_WS_FIX_RE = re.compile(r"\A\s+|\s+\Z|\s{2,}|[^\S ]")
_CTRL_RE = re.compile(r"[\x00-\x1f\x7f]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_OTHER_WS_RE = re.compile(r"[^\S ]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus a map from each normalised character to the original string."""

    text: str
    offsets: list[int]
    original: str = ""

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open normalised span ``[start, end)`` to one in the original text."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if not self.offsets:
            return (0, 0)
        if start == end:
            pos = self.offsets[start] if start < n else len(self.original or "")
            return (pos, pos)
        ostart = self.offsets[start]
        oend = self.offsets[end - 1] + 1
        return (ostart, max(ostart, oend))


@lru_cache(maxsize=4096)
def _map_char(c: str) -> str:
    """Unicode-level normalisation of one non-ASCII character (result may be '' or 2+ chars)."""
    if c in _KEEP_CONTROLS:
        return " "
    cat = unicodedata.category(c)
    if cat == "Cf" or cat == "Mn" or cat == "Me":
        return ""
    if cat == "Cc":
        return " "
    if 0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF:
        return ""
    if c in CONFUSABLES:
        return CONFUSABLES[c]
    out = []
    for k in unicodedata.normalize("NFKC", c):
        if k in CONFUSABLES:
            out.append(CONFUSABLES[k])
            continue
        for d in unicodedata.normalize("NFKD", k):
            if unicodedata.category(d) in ("Mn", "Me", "Cf"):
                continue
            out.append(CONFUSABLES.get(d, d))
    s = "".join(out).lower()
    if s.isspace():
        return " "
    return s


def _unicode_step(text: str) -> tuple[str, list[int]]:
    if text.isascii():
        s = text.lower()
        if _CTRL_RE.search(s):
            s = _CTRL_RE.sub(" ", s)
        return s, list(range(len(text)))
    # ASCII runs are copied as slices (lower case, controls to spaces); each other
    # character is mapped on its own and all of its output points back to it.
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _NON_ASCII_RE.finditer(text):
        i = m.start()
        if i > pos:
            chars.append(_CTRL_RE.sub(" ", text[pos:i].lower()))
            offs.extend(range(pos, i))
        mapped = _map_char(m.group())
        chars.append(mapped)
        offs.extend([i] * len(mapped))
        pos = i + 1
    if pos < len(text):
        chars.append(_CTRL_RE.sub(" ", text[pos:].lower()))
        offs.extend(range(pos, len(text)))
    return "".join(chars), offs


def _leet_step(s: str, offs: list[int]) -> str:
    if not _LEET_CHARS.search(s):
        return s
    out = list(s)
    changed = False
    for m in _LEET_TOKEN_RE.finditer(s):  # the tokens that hold a look-alike character
        tok = m.group()
        letters = sum(ch.isalpha() for ch in tok)
        if letters < 1 or _ORDINAL_RE.match(tok):
            continue
        # Work on the word core: trailing/leading punctuation like "!" at the end stays.
        core_start = 0
        core_end = len(tok)
        while core_end > 0 and not (tok[core_end - 1].isalnum() or tok[core_end - 1] in "$@"):
            core_end -= 1
        while core_start < core_end and not (tok[core_start].isalnum() or tok[core_start] in "$"):
            core_start += 1
        core = tok[core_start:core_end]
        if not core or "/" in core or ("." in core and "@" in core[1:]) or "www" in core:
            continue  # looks like a URL or e-mail address
        if sum(ch.isalpha() for ch in core) < 1:
            continue
        digits = sum(ch.isdigit() for ch in core)
        if digits > 0 and digits >= len(core) - 1 and len(core) > 2:
            continue  # mostly a number ("1990s", "2x4")
        for j, ch in enumerate(core):
            if ch not in LEET:
                continue
            if ch == "@" and j == 0:
                continue  # @mention
            if ch in "!|+" and not (0 < j < len(core) - 1):
                continue  # only between letters
            out[m.start() + core_start + j] = LEET[ch]
            changed = True
    return "".join(out) if changed else s


def _delete(s: str, offs: list[int], drop: list[int]) -> tuple[str, list[int]]:
    if not drop:
        return s, offs
    # Copy the runs between dropped positions as slices (not character by character).
    parts: list[str] = []
    new_offs: list[int] = []
    last = 0
    for d in sorted(set(drop)):
        parts.append(s[last:d])
        new_offs.extend(offs[last:d])
        last = d + 1
    parts.append(s[last:])
    new_offs.extend(offs[last:])
    return "".join(parts), new_offs


def _spaced_step(s: str, offs: list[int]) -> tuple[str, list[int]]:
    if " " not in s and "." not in s and "-" not in s and "_" not in s and "*" not in s:
        return s, offs
    drop: list[int] = []
    for m in _SPACED_RE.finditer(s):
        seg = m.group()
        sep = m.group(2)
        letters = seg.replace(sep, "")
        if len(letters) < 3:
            continue
        if sep == " " and len(letters) < 4 and letters in {"iam", "ima"}:
            continue
        for j, ch in enumerate(seg):
            if ch == sep:
                drop.append(m.start() + j)
    return _delete(s, offs, drop)


def _repeat_step(s: str, offs: list[int]) -> tuple[str, list[int]]:
    drop: list[int] = []
    for m in _REPEAT_RE.finditer(s):
        ch = m.group(1)
        keep = 1 if ch.isalpha() else 2
        if ch.isdigit():
            continue
        drop.extend(range(m.start() + keep, m.end()))
    return _delete(s, offs, drop)


def _ws_step(s: str, offs: list[int]) -> tuple[str, list[int]]:
    if "  " not in s and s[:1] != " " and s[-1:] != " " and not _OTHER_WS_RE.search(s):
        return s, offs
    drop: list[int] = []
    for m in _WS_FIX_RE.finditer(s):
        if m.start() == 0 or m.end() == len(s):
            drop.extend(range(m.start(), m.end()))
        elif m.end() - m.start() > 1 or m.group() != " ":
            drop.extend(range(m.start() + 1, m.end()))
    s2, offs2 = _delete(s, offs, drop)
    if "\u00a0" in s2 or "\u3000" in s2:
        s2 = s2.replace("\u00a0", " ").replace("\u3000", " ")
    return s2, offs2


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for classification; see the module docstring for the steps."""
    if not isinstance(text, str):
        raise TypeError("normalize() expects a str")
    s, offs = _unicode_step(text)
    s = _leet_step(s, offs)
    s, offs = _spaced_step(s, offs)
    s, offs = _repeat_step(s, offs)
    s, offs = _ws_step(s, offs)
    s, offs = _senses_step(s, offs)
    return Normalized(text=s, offsets=offs, original=text)


def _senses_step(s: str, offs: list[int]) -> tuple[str, list[int]]:
    found = senses.find(s)
    if not found:
        return s, offs
    parts: list[str] = []
    new_offs: list[int] = []
    last = 0
    for start, end, stand_in in found:
        parts.append(s[last:start])
        new_offs.extend(offs[last:start])
        parts.append(stand_in)
        # Each stand-in character maps onto the replaced word's, and its last onto the
        # word's last: a span over the stand-in covers the whole word, whatever the lengths.
        width, last = end - start, len(stand_in) - 1
        new_offs.extend(
            offs[start + (width - 1 if k == last else min(k, width - 1))]
            for k in range(len(stand_in))
        )
        last = end
    parts.append(s[last:])
    new_offs.extend(offs[last:])
    return "".join(parts), new_offs
