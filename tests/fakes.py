"""A stand-in for the classifier in tests about comment mechanics and policy plumbing.

Tests of the real models live in tests/classifier and tests marked `real_model`.
"""

from __future__ import annotations

from soundoff.moderation.scoring import ScoreResult

LEXICON = {
    "vermin": ("identity_attack", 0.97),
    "kill you": ("threat", 0.95),
    "moron": ("insult", 0.8),
    "buy cheap": ("spam", 0.96),
    "borderline": ("insult", 0.42),  # just under the default hold threshold of 0.5
}


def fake_score(text: str) -> ScoreResult:
    scores = dict.fromkeys(
        ("spam", "identity_attack", "insult", "threat", "toxicity", "profanity"), 0.01
    )
    spans = []
    lowered = text.lower()
    for phrase, (category, score) in LEXICON.items():
        at = lowered.find(phrase)
        if at >= 0:
            scores[category] = max(scores[category], score)
            spans.append(
                {
                    "start": at,
                    "end": at + len(phrase),
                    "category": category,
                    "text": text[at : at + len(phrase)],
                    "weight": 1.0,
                }
            )
    return ScoreResult(scores=scores, spans=spans, model_version="fake-1", tier="fast")
