"""The one place that calls the classifier library.

Everything else in moderation sees plain dicts of calibrated scores, spans with
offsets into the original text, and a model version. If the library or its artifacts
cannot be loaded, callers get `ScoringUnavailable` and hold the comment for review.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

logger = logging.getLogger(__name__)


class ScoringUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class ScoreResult:
    scores: dict[str, float]
    spans: list[dict] = field(default_factory=list)
    model_version: str = ""
    tier: str = "fast"


RETRY_LOAD_AFTER_S = 60.0
_failed_load: dict[str, tuple[float, str]] = {}


def _fast_model():
    """The loaded fast model. A failed load is remembered for a minute (each comment is
    held meanwhile), then tried again, so a repaired install recovers by itself."""
    failed = _failed_load.get("fast")
    if failed and time.monotonic() - failed[0] < RETRY_LOAD_AFTER_S:
        raise ScoringUnavailable(failed[1])
    try:
        return _load_fast()
    except Exception as exc:
        logger.exception("Moderation model could not be loaded")
        _failed_load["fast"] = (time.monotonic(), str(exc))
        raise ScoringUnavailable(str(exc)) from exc


@lru_cache(maxsize=1)
def _load_fast():
    from soundoff.classifier import load_default

    return load_default()


def warm_up(*, encoder: bool = False) -> bool:
    """Load the models ahead of the first comment (called when a process starts).

    `encoder`: also open the semantic tier's ONNX session by encoding one short text. The
    task worker does (it runs the semantic tier); a web process doesn't need to."""
    try:
        _fast_model()
        deep = _deep_model()
    except ScoringUnavailable:
        return False
    if encoder and deep is not None and getattr(deep, "encoder", None) is not None:
        try:
            deep.encoder.encode(["Warming up the semantic tier."])
        except Exception:
            logger.exception("Semantic tier could not be warmed up")
            return False
    return True


@lru_cache(maxsize=1)
def _deep_model():
    try:
        from soundoff import classifier

        loader = getattr(classifier, "load_cascade", None)
        return loader() if loader else None
    except Exception:
        logger.exception("Semantic tier could not be loaded; using the fast tier only")
        return None


def _result(scored, tier: str) -> ScoreResult:
    spans = [
        {
            "start": s.start,
            "end": s.end,
            "category": s.category,
            "text": s.text,
            "weight": round(float(getattr(s, "weight", 0.0)), 3),
        }
        for s in scored.spans
    ]
    return ScoreResult(
        scores={k: round(float(v), 4) for k, v in scored.scores.items()},
        spans=spans,
        model_version=scored.model_version,
        tier=getattr(scored, "tier", tier) or tier,
    )


def score_fast(text: str) -> ScoreResult:
    model = _fast_model()
    try:
        return _result(model.score(text), "fast")
    except Exception as exc:
        logger.exception("Fast model failed to score")
        raise ScoringUnavailable(str(exc)) from exc


def deep_available() -> bool:
    return _deep_model() is not None


def score_deep(text: str) -> ScoreResult:
    model = _deep_model()
    if model is None:
        raise ScoringUnavailable("semantic tier not available")
    try:
        return _result(model.score(text), "cascade")
    except Exception as exc:
        logger.exception("Semantic tier failed to score")
        raise ScoringUnavailable(str(exc)) from exc


def model_default_rules() -> dict[str, dict[str, float]]:
    """The shipped model's default hold/reject thresholds per category (calibrated on dev
    data when the model was trained); {} when no model is installed."""
    try:
        from soundoff.classifier.model import default_policy

        return {c: dict(rule) for c, rule in default_policy().items()}
    except Exception:
        return {}


def fast_unsure(scores: dict[str, float]) -> bool:
    """True when the fast tier's scores sit in the band where the semantic tier helps."""
    model = _deep_model()
    if model is None:
        return False
    unsure = getattr(model, "_unsure", None)
    heads = getattr(model, "heads", {}) or {}
    if unsure is None:
        return False
    return any(unsure(c, scores.get(c, 0.0)) for c in heads)


def slurs_in(normal: str) -> tuple[str, ...]:
    """The listed slurs (``classifier.lexicon.SLUR_WORDS``) used in a normalised text, as
    written there; the classifier lifts identity_attack for them, this names them."""
    try:
        from soundoff.classifier.lexicon import slur_matches
    except Exception:  # no classifier: nothing to name
        return ()
    return tuple(sorted({normal[a:b] for a, b in slur_matches(normal)}))


def normalized(text: str) -> str:
    """Text after the classifier's obfuscation-defeating normalisation (for word lists)."""
    try:
        from soundoff.classifier.normalize import normalize

        return normalize(text).text
    except Exception:  # fall back to the rules' own folding
        from soundoff.moderation.rules import fold

        return fold(text)
