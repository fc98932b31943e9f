"""Experiment (not shipped): can the writer's stance towards a quote be read reliably?

'Statements like "X are vermin" have no place here' carries the words of an identity
attack. Scoring such a comment on its own words (the quote replaced by a stand-in) is only
safe when the writer rejects the quote rather than endorses it. This script compares two
stance readers on held-out hand-written quoting comments: lexical cues (regular
expressions for "is disgusting", "stop saying", "how can you say", "so true", "agree"...)
and a learned model. The learned one is fitted on the hand-written quoting comments of
``soundoff/classifier/data/quote_stance.json`` (plus the quoting counter-speech templates of
``augment_hard.json``): logistic regression over the words outside the quotes (hashed
unigrams and bigrams), their embedding by the shipped encoder, and the two lexical cues.
Splits are by template (every fifth held out). It prints, per threshold, the share of
held-out rejections recognised and of endorsements taken for rejections.

    .venv/bin/python tools/quote_stance_experiment.py

Result on 2026-11-28 (docs/classifier.md): the lexical cues recognise 5 % of the held-out
rejections and take 10 % of the endorsements for rejections (endorsements say "stop
pretending", "shame", "disgusting" too). The learned model reaches ROC-AUC 0.87; at 10 %
of endorsements taken for rejections it recognises 67 % of rejections. Wired into the
cascade, neither changed the functional suite's quoted counter-speech (53 %), and the
learned one lowered ROC-AUC on real data that quotes (Davidson toxicity 0.983 → 0.973,
Wikipedia talk 0.805 → 0.779). Neither ships; the data are kept for the next encoder
fine-tune.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import soundoff.classifier
from soundoff.classifier.datasets import AUGMENT_HARD_PATH, AUGMENT_PATH, _fill
from soundoff.classifier.model import DEFAULT_ARTIFACTS
from soundoff.classifier.semantic import SentenceEncoder

DATA = Path(soundoff.classifier.__file__).resolve().parent / "data" / "quote_stance.json"
GROUPS_PER_TEMPLATE = 2
DEV_EVERY = 5

STAND_IN = "that"
MIN_WORDS = 2

# Paired quotation marks; an apostrophe inside a word (don't, it's) is not a closing mark.
_QUOTED = re.compile(
    r'"[^"\n]{3,400}"'
    r"|“[^”\n]{3,400}”"
    r"|„[^“”\n]{3,400}[“”]"
    r"|«[^»\n]{3,400}»"
    r"|‘(?:[^’\n]|’(?=\w)){3,400}’(?!\w)"
    r"|(?<![\w'])'(?:[^'\n]|(?<=\w)'(?=\w)){3,400}'(?![\w'])"
)
_WORD = re.compile(r"[^\W_]+")

_REJECT = re.compile(
    r"\b(?:is|are|was|were|it's|its|that's|thats|sounds?|seems?|looks?|feels?|remains?|being)"
    r" (?:such |a |an |such a |such an )?"
    r"(?:so |really |just |deeply |utterly |completely |totally |absolutely |pretty |quite "
    r"|truly |plain |simply |frankly |still |also |both |very |incredibly |seriously )?"
    r"(?:wrong|disgusting|vile|hateful|hurtful|racist|bigoted|sexist|homophobic|transphobic"
    r"|xenophobic|antisemitic|islamophobic|despicable|appalling|abhorrent|shameful|sickening"
    r"|gross|offensive|unacceptable|outrageous|ignorant|false|untrue|nonsense|rubbish"
    r"|garbage|a lie|lies|hate speech|dangerous|dehumani[sz]ing|cruel|awful|horrible"
    r"|terrible|evil|ugly|repugnant|revolting|reprehensible|inexcusable|indefensible"
    r"|disgraceful|harmful|toxic|poisonous|deplorable|bigotry|racism|hatred|unfair|unjust"
    r"|not (?:ok|okay|acceptable|true|fine|alright|right|funny|cool|on|normal|free speech))\b"
    r"|\bnot (?:ok|okay|acceptable|alright|funny|cool|on)\b"
    r"|\b(?:stop|quit|stopped|cease) (?:saying|calling|posting|spreading|repeating|writing"
    r"|claiming|shouting|chanting|telling|using|spewing|pushing|tweeting|sharing)\b"
    r"|\bhow (?:can|could|dare|do) (?:you|they|he|she|anyone|people|someone|somebody|we|u)\b"
    r"|\b(?:can't|cant|cannot|can not|couldn't) (?:believe|stand|accept|tolerate)\b"
    r"|\bno (?:place|room|excuse|justification|one deserves|one should)\b"
    r"|\b(?:condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|reject(?:s|ed|ing)?|call(?:s|ed|ing)?"
    r" (?:it |this |that |them |him |her )?out|report(?:ed|ing)? (?:it|this|that|them|him|her)"
    r"|stand(?:s|ing)? against|push(?:ed|ing)? back|speak(?:s|ing)? out|spoke out)\b"
    r"|\b(?:never|don't|dont|do not|shouldn't|should not|mustn't|must not|won't|will not"
    r"|wouldn't|we can't|you can't) (?:ever )?(?:say|said|tolerate|accept|repeat|stand for"
    r"|put up with|let)\b"
    r"|\b(?:shame on|disgusted|appalled|horrified|sickened|ashamed|saddened|heartbroken"
    r"|outraged|furious|upset|hurt|offended|shocked) (?:by|at|that|to|when|with|on|you)\b"
    r"|\bwhat (?:a|an) (?:disgusting|vile|awful|horrible|terrible|hateful|ugly|shameful"
    r"|ignorant|stupid|cruel|nasty|sick|pathetic|bigoted|racist) (?:thing|things|comment"
    r"|remark|statement|attitude|view|idea|lie|sentiment)\b"
    r"|\b(?:such|this|that|these|those|the same old|more|spreading) (?:hate|hatred|bigotry"
    r"|racism|sexism|garbage|rubbish|filth|nonsense|poison|vitriol|ignorance|lies|drivel"
    r"|venom|prejudice|propaganda|dog whistle|dog-whistle)\b"
    r"|\b(?:hate speech|dog whistle|dog-whistle|bigot|bigots|racists?|hatemongers?"
    r"|fearmonger(?:s|ing)?|scapegoat(?:s|ing)?|stereotypes?|stereotyping|prejudiced?"
    r"|misinformation|disinformation|conspiracy theor(?:y|ies)|myths?)\b"
    r"|\b(?:people|folks|some|they|those who|anyone who|whoever|men who|trolls) (?:who )?"
    r"(?:say|said|says|post|posted|write|wrote|shout|shouted|spread|claim|claimed|chant|yell"
    r"|tweet|tweeted) (?:things like|stuff like|that|this|such)\b"
    r"|\b(?:is|was|are) (?:the kind|the sort|an example|exactly the kind|exactly the sort)"
    r" of (?:hate|hatred|bigotry|racism|thing|language|rhetoric|talk|comment)\b"
    r"|\bwhy (?:would|do|did|does|should|must|can't|cant|on earth would|the hell would)"
    r" (?:you|they|people|anyone|someone|somebody|he|she|u|we)"
    r" (?:ever )?(?:say|write|post|think|believe|keep|repeat|spread|tweet|shout|chant)\b"
    r"|\b(?:shows?|showed|shown|proves?|proved|reveals?|revealed|demonstrates?|exposes?)"
    r" (?:just |exactly )?(?:how|what|that you are|that you're|you are|you're|your|their|his"
    r"|her) (?:\w+ )?(?:misguided|ignorant|hateful|bigoted|racist|small-minded"
    r"|narrow-minded|prejudiced|backward|deluded|uneducated|ill-informed|misinformed|twisted"
    r"|wrong|sexist|homophobic|cruel|nasty|ugly|sad|pathetic|closed-minded)\b"
    r"|\b(?:misguided|small-minded|narrow-minded|closed-minded|ill-informed|misinformed"
    r"|uncalled for|out of order|out of line|beyond the pale|over the line|crossed a line"
    r"|inappropriate|unbelievable|disgrace|disgraceful|embarrassing|tropes?|a slur|slurs"
    r"|dehumani[sz]ing|have no place|has no place|not welcome here|not who we are)\b"
    r"|\blost (?:all |any |every bit of )?(?:my |our )?respect\b"
    r"|\b(?:ashamed|embarrassed) (?:of|for) (?:yourself|yourselves|you|saying|writing"
    r"|posting|that|this|them|him|her|it|people|anyone|those)\b"
    r"|\bshould be (?:ashamed|embarrassed)\b"
    r"|\b(?:disappointed|saddened|sad|sickened|sick|tired|fed up|weary) (?:to see|to hear"
    r"|to read|in you|by|that|of hearing|of seeing|of reading|of people|with people|of this"
    r"|of that|of comments|with comments|when)\b"
    r"|\b(?:makes|made|make) me (?:sick|angry|sad|furious|ashamed|cringe|want to cry)\b"
    r"|\b(?:i|we) (?:hate|hated|despise|detest|can't stand) (?:it|that|this|hearing|when"
    r"|seeing|how|the way|reading)\b"
    r"|\b(?:please|pls|plz) (?:don't|dont|do not|stop|never)\b"
    r"|\b(?:don't|dont|do not|never|stop) (?:call|calling|write|post|use|using|spread|repeat"
    r"|shout|talk about|speak about|refer to|describe)\b"
    r"|\b(?:nobody|no one|noone|no-one) (?:should|deserves|has the right|needs to hear"
    r"|wants to hear|has to put up with)\b"
    r"|\bwho (?:even |actually |really |the hell |on earth |in their right mind )?"
    r"(?:says|would say|thinks|would think|writes|would write|believes|talks like|posts)"
    r" (?:things|stuff|something|anything|crap|rubbish|garbage|that|this|such)\b"
    r"|\b(?:things|stuff|words|comments|remarks|language|talk) like (?:that|this) (?:are|is"
    r"|have|has|do|does|make|makes|hurt|cause|lead|feed|fuel|should|shouldn't)\b"
    r"|\byou (?:really )?need (?:help|therapy|to educate|to read|to learn|to grow up"
    r"|to get out more|to look in a mirror)\b"
    r"|\b(?:i'm|im|i am|we're|we are) (?:so |really |deeply |truly |very )?(?:sorry you"
    r"|sorry that|sorry to|disgusted|appalled|horrified|offended|shocked|outraged|sickened)\b"
)
_ENDORSE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )\b(?:i |we |totally |fully |completely |so |100% )?"
    r"(?:agree|agreed|exactly|so true|spot on|well said|hear,? hear|facts|truth|right on"
    r"|preach|finally someone|about time someone|nailed it|couldn't agree|could not agree"
    r"|couldn't have said it better|bang on|dead right|too right|damn right|so right"
    r"|(?:he|she|they|you|he's|she's|they're|you're|u r) (?:is |are )?(?:right|correct)"
    r"|it's true|it is true|that's true|that is true|true that|amen|true"
    r"|the truth|the real truth|people need to hear|someone had to say it|needed to be said"
    r"|say it louder|based)\b"
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quoted passage of at least two words, marks included."""
    return [m.span() for m in _QUOTED.finditer(text) if len(_WORD.findall(m.group())) >= MIN_WORDS]


def without_quotes(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """``text`` with each quoted passage replaced by a neutral stand-in."""
    spans = quoted_spans(text) if spans is None else spans
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], STAND_IN]
        last = end
    return "".join(out) + text[last:]


def stance(outside: str) -> str:
    """``"reject"``, ``"endorse"`` or ``""`` for the words around a quote (quotes removed).

    Endorsement wins over rejection ('"X are vermin" - so true, and calling it hateful is
    nonsense' endorses the quote)."""
    lowered = outside.lower().replace("’", "'")
    if _ENDORSE.search(lowered):
        return "endorse"
    if _REJECT.search(lowered):
        return "reject"
    return ""


@dataclass(frozen=True)
class Row:
    text: str
    rejects: int  # 1: the writer rejects the quote; 0: endorses it
    dev: bool


def load_rows() -> list[Row]:
    base = json.loads(AUGMENT_PATH.read_text(encoding="utf-8"))
    groups, names = base["groups"], base["names"]
    templates = [
        (t, int(section["stance"] == "reject"))
        for section in json.loads(DATA.read_text(encoding="utf-8"))["sections"]
        for t in section["templates"]
    ]
    hard = json.loads(AUGMENT_HARD_PATH.read_text(encoding="utf-8"))
    templates += [
        (t, 1) for s in hard["sections"] if s["kind"].startswith("counter_") for t in s["templates"]
    ]
    rows, k = [], 0
    for tid, (tpl, rejects) in enumerate(templates):
        grouped = any(f"{{{ph}}}" in tpl for ph in ("p", "P", "s", "a"))
        for _ in range(GROUPS_PER_TEMPLATE if grouped else 1):
            text = _fill(tpl, groups[k % len(groups)] if grouped else None, names[k % len(names)])
            k += 1
            if quoted_spans(text):
                rows.append(Row(text, rejects, tid % DEV_EVERY == DEV_EVERY - 1))
    return rows


def cues(outsides: list[str]) -> np.ndarray:
    return np.array(
        [[stance(o) == "reject", stance(o) == "endorse"] for o in outsides],
        dtype=np.float32,
    )


def main() -> int:
    rows = load_rows()
    outsides = [without_quotes(r.text) for r in rows]
    y = np.array([r.rejects for r in rows])
    dev = np.array([r.dev for r in rows])
    encoder = SentenceEncoder(DEFAULT_ARTIFACTS / "semantic")
    words = HashingVectorizer(
        ngram_range=(1, 2), n_features=2**14, alternate_sign=False, binary=True, norm="l2"
    ).transform(outsides)
    dense = np.hstack([encoder.encode(outsides), 0.25 * cues(outsides)])
    X = sp.hstack([words, sp.csr_matrix(dense)], format="csr")
    clf = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
    clf.fit(X[~dev], y[~dev])
    p, yd = clf.predict_proba(X[dev])[:, 1], y[dev]
    print(f"rows: {len(rows)} ({int(dev.sum())} held out), ROC-AUC {roc_auc_score(yd, p):.3f}")
    lexical = cues([o for o, d in zip(outsides, dev, strict=True) if d])
    lex = (lexical[:, 0] == 1) & (lexical[:, 1] == 0)
    print(
        f"lexical cues: rejections recognised {lex[yd == 1].mean():.1%}, "
        f"endorsements taken for rejections {lex[yd == 0].mean():.1%}"
    )
    print("| threshold | rejections recognised | endorsements taken for rejections |")
    print("|---:|---:|---:|")
    for t in (0.5, 0.6, 0.7, 0.75, 0.8):
        print(f"| {t:.2f} | {(p[yd == 1] >= t).mean():.1%} | {(p[yd == 0] >= t).mean():.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
