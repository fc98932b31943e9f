"""Public scoring API: models that return :class:`Scored` results, and the default policy."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from . import lexicon, senses
from .artifacts import ArtifactError, load_fast, read_manifest
from .categories import CATEGORIES
from .fast import FastClassifier, Span
from .normalize import Normalized, normalize

__all__ = [
    "DEFAULT_ARTIFACTS",
    "POLICY",
    "CascadeModel",
    "FastModel",
    "Model",
    "Scored",
    "default_policy",
    "default_verdict",
    "load_cascade",
    "load_default",
]

DEFAULT_ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MAX_CHARS = 5000  # longer comments are scored on their first MAX_CHARS characters
# The cascade embeds a comment when any stacked category's fast score reaches this fraction
# of its threshold; below it the fast tier alone decides (clearly clean comments).
STACK_ESCALATE = 0.3
# A slur for a protected group (lexicon.SLUR_WORDS, in the sense that names people) makes
# identity_attack at least this likely: above the default hold level, below rejection, so a
# moderator sees it with the word marked, whatever the models make of the sentence.
SLUR_FLOOR = 0.6


@dataclass(frozen=True, slots=True)
class Scored:
    scores: dict[str, float]
    spans: list[Span] = field(default_factory=list)
    model_version: str = ""
    tier: str = "fast"

    def as_dict(self) -> dict:
        return {
            "scores": {k: round(float(v), 4) for k, v in self.scores.items()},
            "spans": [s.as_dict() for s in self.spans],
            "model_version": self.model_version,
            "tier": self.tier,
        }


class Model(Protocol):
    model_version: str
    thresholds: dict[str, float]

    def score(self, text: str) -> Scored: ...

    def score_batch(self, texts: Sequence[str]) -> list[Scored]: ...


class FastModel:
    """The fast tier behind the public API."""

    tier = "fast"

    def __init__(self, clf: FastClassifier, manifest: Mapping | None = None) -> None:
        self.clf = clf
        self.manifest = dict(manifest or {})
        self.model_version = str(self.manifest.get("model_version", "fast-unversioned"))
        self.thresholds: dict[str, float] = {
            c: float((self.manifest.get("thresholds") or {}).get(c, 0.5)) for c in clf.categories
        }

    def probabilities(self, texts: Sequence[str]):
        """(probabilities (n, k), normalised texts, block norms) for ``texts``."""
        texts = [t[:MAX_CHARS] for t in texts]
        norms = [normalize(t) for t in texts]
        Z, bn = self.clf.logits(texts, norms)
        cal = self.clf.calib_
        P = 1.0 / (1.0 + np.exp(-np.clip(Z * cal[:, 0] + cal[:, 1], -35, 35)))
        return P, norms, bn

    def score_batch(self, texts: Sequence[str], explain: bool = True) -> list[Scored]:
        return self.score_with_slurs(texts, explain)[0]

    def score_with_slurs(
        self, texts: Sequence[str], explain: bool = True
    ) -> tuple[list[Scored], list[list[Span]]]:
        """Scores, and the slurs found in each text (see :data:`SLUR_FLOOR`)."""
        texts = list(texts)
        if not texts:
            return [], []
        for t in texts:
            if not isinstance(t, str):
                raise TypeError("texts must be str")
        P, norms, (nw, nc) = self.probabilities(texts)
        cats = list(self.clf.categories)
        slurs = [slur_spans(n) for n in norms]
        if "identity_attack" in cats:
            j = cats.index("identity_attack")
            for i, found in enumerate(slurs):
                if found:
                    P[i, j] = max(P[i, j], SLUR_FLOOR)
        thr = np.array([self.thresholds[c] for c in cats])
        hot = [[c for c, h in zip(cats, row, strict=True) if h] for row in (thr <= P)]
        if explain:
            spans = self.clf.explain_batch(
                norms, hot, [(float(a), float(b)) for a, b in zip(nw, nc, strict=True)]
            )
        else:
            spans = [[] for _ in texts]
        scored = [
            Scored(
                {c: float(P[i, j]) for j, c in enumerate(cats)},
                spans[i],
                self.model_version,
                self.tier,
            )
            for i in range(len(texts))
        ]
        return [with_slurs(s, f, explain) for s, f in zip(scored, slurs, strict=True)], slurs

    def score(self, text: str) -> Scored:
        return self.score_batch([text])[0]

    def explain(self, texts: Sequence[str], hot: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Spans (original offsets) for the given categories of each text."""
        if not texts:
            return []
        _, norms, (nw, nc) = self.probabilities(list(texts))
        return self.clf.explain_batch(
            norms,
            [list(h) for h in hot],
            [(float(a), float(b)) for a, b in zip(nw, nc, strict=True)],
        )


class CascadeModel:
    """Fast tier first; when it is not clearly clean, ask the semantic tier.

    ``encoder`` is anything with ``encode(list[str]) -> np.ndarray (n, d)``; ``heads`` maps a
    category to a callable taking the embedding matrix and returning probabilities.

    With a :class:`~soundoff.classifier.stack.Stacker` (``stack``) and ``head_logits`` (a
    callable returning the heads' logits, columns ``stack.head_inputs``), every comment
    whose fast score reaches ``band[0]`` x the fast threshold in any stacked category is
    embedded, and the stacked categories get the stacker's probability (its decision points
    are ``stack.targets``, the policy's hold levels, which become this model's thresholds);
    the other comments get the stacker's probability with ``stack.head_default`` standing in
    for the semantic tier; profanity stays the fast tier's. Without a stacker, a category's
    final score is the mean of both tiers where the fast score lies in ``band`` (relative to
    its threshold).
    The encoder reads innocent senses of slur words as neutral stand-ins (:mod:`.senses`),
    as the fast tier does through normalisation.
    Without an encoder this is exactly the fast model.
    """

    tier = "cascade"

    def __init__(
        self,
        fast: FastModel,
        encoder=None,
        heads: Mapping[str, Callable[[np.ndarray], np.ndarray]] | None = None,
        band: tuple[float, float] = (0.4, 2.5),
        semantic_weight: float = 0.5,
        version: str = "semantic",
        stack=None,
        head_logits: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> None:
        self.fast = fast
        self.encoder = encoder
        self.heads = dict(heads or {})
        self.stack = stack if head_logits is not None else None
        self.head_logits = head_logits
        if self.stack is not None:
            band = (band[0], float("inf"))
            self.heads = self.heads or {c: None for c in self.stack.categories}
        self.band = band
        self.semantic_weight = semantic_weight
        self.thresholds = dict(fast.thresholds)
        if self.stack is not None and self.stack.targets:
            # The cascade's scores are shifted so its decision points are the policy's hold
            # levels; those are its thresholds.
            self.thresholds.update(zip(self.stack.categories, self.stack.targets, strict=True))
        self.model_version = fast.model_version + (f"+{version}" if encoder is not None else "")

    def _unsure(self, cat: str, p: float) -> bool:
        """Is the FAST tier's score ``p`` in the band where the semantic tier is asked?"""
        t = self.fast.thresholds.get(cat, 0.5)
        return self.band[0] * t <= p <= min(1.0, self.band[1] * t)

    def _merge(self, scores: Mapping[str, float], stacked: np.ndarray) -> dict[str, float]:
        out = dict(scores)
        out.update({c: float(stacked[j]) for j, c in enumerate(self.stack.categories)})
        return out

    def score_batch(self, texts: Sequence[str], explain: bool = True) -> list[Scored]:
        texts = list(texts)
        if hasattr(self.fast, "score_with_slurs"):
            fast, slurs = self.fast.score_with_slurs(texts, explain=explain)
        else:  # a fast tier that does not look for slurs
            fast, slurs = self.fast.score_batch(texts, explain=explain), [[] for _ in texts]
        if self.encoder is None or not self.heads:
            return fast
        return [
            with_slurs(s, found, explain)
            for s, found in zip(self._rescore(texts, fast, explain), slurs, strict=True)
        ]

    def _rescore(self, texts: list[str], fast: list[Scored], explain: bool) -> list[Scored]:
        """The fast tier's results with the semantic tier's view merged in."""
        todo = [
            i for i, s in enumerate(fast) if any(self._unsure(c, s.scores[c]) for c in self.heads)
        ]
        out = list(fast)
        if self.stack is not None and self.stack.head_default:
            # Comments the semantic tier does not read still get the stacker's scale.
            asked = set(todo)
            rest = [i for i in range(len(texts)) if i not in asked]
            if rest:
                F = np.array([[fast[i].scores[c] for c in self.stack.fast_inputs] for i in rest])
                P = self.stack.combine_fast_only(F)
                for row, i in enumerate(rest):
                    scores = self._merge(fast[i].scores, P[row])
                    out[i] = Scored(scores, fast[i].spans, fast[i].model_version, fast[i].tier)
        if not todo:
            return out
        # Innocent senses of slur words read as their stand-ins (see senses.py), as the fast
        # tier reads them through normalisation.
        emb = self.encoder.encode([senses.rewrite(texts[i]) for i in todo])
        if self.stack is not None:
            F = np.array([[fast[i].scores[c] for c in self.stack.fast_inputs] for i in todo])
            P = self.stack.combine(F, self.head_logits(emb))
            rescored = [self._merge(fast[i].scores, P[row]) for row, i in enumerate(todo)]
            spans = [fast[i].spans for i in todo]
            if explain:
                # Explain what the cascade flags now (a category it cleared loses its spans).
                hot = [
                    [c for c, p in sc.items() if p >= self.thresholds.get(c, 0.5)]
                    for sc in rescored
                ]
                changed = [
                    k
                    for k, i in enumerate(todo)
                    if set(hot[k]) != {sp.category for sp in fast[i].spans}
                ]
                if changed and hasattr(self.fast, "explain"):
                    fresh = self.fast.explain(
                        [texts[todo[k]] for k in changed], [hot[k] for k in changed]
                    )
                    for k, sp in zip(changed, fresh, strict=True):
                        spans[k] = sp
                # A category only the semantic tier raised: find the words it reacts to.
                fthr = self.fast.thresholds
                for k, i in enumerate(todo):
                    own = [
                        c
                        for c in hot[k]
                        if c in self.stack.categories and fast[i].scores[c] < fthr.get(c, 0.5)
                    ]
                    if own:
                        spans[k] = [sp for sp in spans[k] if sp.category not in own]
                        spans[k] += self.occlusion_spans(texts[i], own, rescored[k])
            for row, i in enumerate(todo):
                out[i] = Scored(rescored[row], spans[row], self.model_version, self.tier)
            return out
        head_p = {c: np.asarray(h(emb), dtype=float).ravel() for c, h in self.heads.items()}
        w = self.semantic_weight
        for row, i in enumerate(todo):
            scores = dict(fast[i].scores)
            for c, p in head_p.items():
                if self._unsure(c, scores[c]):
                    scores[c] = (1 - w) * scores[c] + w * float(p[row])
            out[i] = Scored(scores, fast[i].spans, self.model_version, self.tier)
        return out

    def score(self, text: str) -> Scored:
        return self.score_batch([text])[0]

    def occlusion_spans(
        self, text: str, categories: Sequence[str], scores: Mapping[str, float], top: int = 3
    ) -> list[Span]:
        """Words whose removal lowers the cascade's score the most, for ``categories``.

        One encoder call per word (at most ``OCCLUSION_WORDS`` words), so it only runs for
        categories that the semantic tier alone flagged.
        """
        words = list(_WORD_SPAN.finditer(text[:MAX_CHARS]))[:OCCLUSION_WORDS]
        if len(words) < 2 or self.stack is None:
            return []
        variants = [text[: m.start()] + text[m.end() :] for m in words]
        fast = self.fast.score_batch(variants, explain=False)
        F = np.array([[f.scores[c] for c in self.stack.fast_inputs] for f in fast])
        P = self.stack.combine(F, self.head_logits(self.encoder.encode(variants)))
        out: list[Span] = []
        for cat in categories:
            j = self.stack.categories.index(cat)
            drops = float(scores[cat]) - P[:, j]
            for w in np.argsort(-drops)[:top]:
                if drops[w] > 0.01:
                    m = words[int(w)]
                    out.append(Span(m.start(), m.end(), cat, float(drops[w]), m.group()))
        return out


OCCLUSION_WORDS = 40
_WORD_SPAN = re.compile(r"[^\W_][\w'’-]*")


def slur_spans(norm: Normalized) -> list[Span]:
    """The slurs (:data:`lexicon.SLUR_WORDS`) in a normalised text, as identity-attack spans
    of the original text."""
    out = []
    for start, end in lexicon.slur_matches(norm.text):
        a, b = norm.to_original_span(start, end)
        out.append(Span(a, b, "identity_attack", SLUR_FLOOR, norm.original[a:b]))
    return out


def with_slurs(scored: Scored, slurs: Sequence[Span], explain: bool = True) -> Scored:
    """``scored`` with identity_attack at least :data:`SLUR_FLOOR` when ``slurs`` were found,
    and (with ``explain``) their spans among its spans."""
    if not slurs or "identity_attack" not in scored.scores:
        return scored
    scores = dict(scored.scores)
    scores["identity_attack"] = max(scores["identity_attack"], SLUR_FLOOR)
    spans = list(scored.spans)
    if explain:
        have = {(sp.start, sp.end, sp.category) for sp in spans}
        spans += [sp for sp in slurs if (sp.start, sp.end, sp.category) not in have]
    return Scored(scores, spans, scored.model_version, scored.tier)


_LOCK = threading.Lock()
_CACHE: dict[str, Model] = {}


def _artifacts_root(artifacts_dir: Path | str | None) -> Path:
    return Path(
        artifacts_dir or os.environ.get("SOUNDOFF_CLASSIFIER_ARTIFACTS") or DEFAULT_ARTIFACTS
    )


def load_default(artifacts_dir: Path | str | None = None) -> FastModel:
    """Load (once, cached) the committed fast-tier artifacts.  ArtifactError on mismatch.

    ``$SOUNDOFF_CLASSIFIER_ARTIFACTS`` may point at another artifacts root (with ``fast/``).
    """
    root = _artifacts_root(artifacts_dir)
    key = "fast:" + str(root.resolve())
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]  # type: ignore[return-value]
        fast_dir = root / "fast"
        if not fast_dir.is_dir():
            raise ArtifactError(f"no fast-tier artifacts under {root}")
        clf, manifest = load_fast(fast_dir)
        model = FastModel(clf, manifest)
        _CACHE[key] = model
        return model


def load_cascade(artifacts_dir: Path | str | None = None) -> CascadeModel:
    """Fast tier + semantic heads (sentence encoder) for the comments the fast tier is unsure
    about.  Raises ArtifactError when the semantic tier (``semantic.py``, its encoder and
    ``heads.npz``) is not available, so callers can fall back to :func:`load_default`.
    """
    fast = load_default(artifacts_dir)
    root = _artifacts_root(artifacts_dir)
    key = "cascade:" + str(root.resolve())
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]  # type: ignore[return-value]
    try:
        from . import semantic  # the semantic engineer's module
    except ImportError as exc:
        raise ArtifactError(f"semantic tier not available: {exc}") from exc
    sem_dir = root / "semantic"
    try:
        head = semantic.load_semantic_head(sem_dir if sem_dir.is_dir() else None)
    except Exception as exc:  # EncoderUnavailable, onnxruntime errors, missing heads
        raise ArtifactError(f"semantic tier not available: {exc}") from exc
    W = np.asarray(head.weights, dtype=np.float32)
    b = np.asarray(head.biases, dtype=np.float32)
    head_thr = dict(getattr(head, "thresholds", {}) or {})

    def _logit(p: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return float(np.log(p / (1 - p)))

    def make(j: int, cat: str) -> Callable[[np.ndarray], np.ndarray]:
        # The heads have their own calibration and thresholds: shift each head's logit so
        # that its threshold lands on the fast tier's threshold before the two are averaged.
        shift = 0.0
        if cat in head_thr:
            shift = _logit(fast.thresholds.get(cat, 0.5)) - _logit(head_thr[cat])
        return lambda E: 1.0 / (1.0 + np.exp(-np.clip(E @ W[j] + b[j] + shift, -30, 30)))

    from .stack import Stacker

    with np.load(sem_dir / "heads.npz", allow_pickle=False) as data:
        stack = Stacker.from_arrays(data)
    if stack is not None:
        if stack.fast_version != fast.model_version:
            raise ArtifactError(
                f"semantic stacker was fitted on fast tier {stack.fast_version!r}, but "
                f"{fast.model_version!r} is installed: run 'soundoff train' (or "
                "'python -m soundoff.classifier train-semantic') again"
            )
        if stack.head_inputs != head.categories or any(
            c not in CATEGORIES for c in stack.categories
        ):
            raise ArtifactError("semantic stacker does not match its heads")

        def head_logits(E: np.ndarray) -> np.ndarray:
            return E @ W.T + b

        model = CascadeModel(
            fast,
            head.encoder,
            version=head.version,
            stack=stack,
            head_logits=head_logits,
            band=(STACK_ESCALATE, float("inf")),
        )
    else:
        heads = {c: make(j, c) for j, c in enumerate(head.categories) if c in CATEGORIES}
        model = CascadeModel(fast, head.encoder, heads, version=head.version)
    with _LOCK:
        _CACHE[key] = model
    return model


# ------------------------------------------------------------------ default site policy

# Fallback policy when the shipped manifest cannot be read.
POLICY: dict[str, dict[str, float]] = {
    # category: {"reject": p, "hold": p}; a missing key means "never" for that action.
    "identity_attack": {"reject": 0.85, "hold": 0.35},
    "threat": {"reject": 0.85, "hold": 0.25},
    "spam": {"reject": 0.9, "hold": 0.5},
    "insult": {"hold": 0.5},
    "toxicity": {"hold": 0.7},
    # profanity alone never holds or rejects
}
REJECT_AT = {"identity_attack": 0.85, "threat": 0.85, "spam": 0.9}
# Hold at the shipped (dev-chosen) threshold, but never below these floors: general
# incivility is only held when the model is fairly sure.
HOLD_FLOOR = {"identity_attack": 0.4, "threat": 0.0, "spam": 0.0, "insult": 0.4, "toxicity": 0.7}

PROFANE_TOXICITY_HOLD = 0.95

_POLICY_CACHE: dict[str, dict[str, dict[str, float]]] = {}


def default_policy(artifacts_dir: Path | str | None = None) -> dict[str, dict[str, float]]:
    """The default site policy: hold at the shipped per-category thresholds (chosen on dev,
    with floors from ``HOLD_FLOOR``), reject at ``REJECT_AT``; profanity never counts."""
    root = _artifacts_root(artifacts_dir)
    key = str(root)
    if key in _POLICY_CACHE:
        return _POLICY_CACHE[key]
    try:
        thr = read_manifest(root / "fast").get("thresholds") or {}
    except ArtifactError:
        thr = {}
    policy: dict[str, dict[str, float]] = {}
    for cat, floor in HOLD_FLOOR.items():
        entry: dict[str, float] = {}
        if cat in thr:
            entry["hold"] = max(float(thr[cat]), floor)
        else:
            entry["hold"] = POLICY[cat]["hold"]
        if cat in REJECT_AT:
            entry["reject"] = max(REJECT_AT[cat], entry["hold"])
        policy[cat] = entry
    _POLICY_CACHE[key] = policy
    return policy


def default_verdict(scores: Mapping[str, float], policy: Mapping | None = None) -> str:
    """``"publish"``, ``"hold"`` (for a human) or ``"reject"`` under the default site policy.

    Identity attacks, threats and spam with high scores are rejected; anything in doubt
    (at or above the shipped threshold of identity_attack, threat, spam or insult, or a
    confident toxicity score) is held; profanity alone never counts.
    """
    pol = policy or default_policy()
    verdict = "publish"
    swearing = float(scores.get("profanity", 0.0) or 0.0) >= 0.5
    for cat, lim in pol.items():
        p = float(scores.get(cat, 0.0) or 0.0)
        if "reject" in lim and p >= lim["reject"]:
            return "reject"
        hold = lim.get("hold")
        if hold is None:
            continue
        if cat == "toxicity" and swearing:
            # General "toxicity" learned from data where swearing = toxic: when the comment
            # swears, only a near-certain toxicity score holds it on its own.
            hold = max(hold, PROFANE_TOXICITY_HOLD)
        if p >= hold:
            verdict = "hold"
    return verdict
