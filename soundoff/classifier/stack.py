"""Combining the two tiers: a per-category logistic regression over both tiers' logits.

The fast tier (sparse n-grams) and the fine-tuned semantic tier (MiniLM) make different
mistakes: n-grams see slurs and obfuscated swear words, the encoder reads negation, quotes
and implicit derogation. :class:`Stacker` learns, per category, how much to trust each,
from the ``dev`` split only (the test split stays unseen), then shifts its output so that its
own best-F1 threshold lands on the fast tier's threshold: both tiers then share one site
policy (``default_policy``), and a moderator's per-category thresholds mean the same thing
whichever tier decided.

Stored in ``semantic/heads.npz`` next to the semantic heads; no pickle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Stacker", "fit_stacker", "logit"]

_EPS = 1e-5


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


@dataclass(frozen=True)
class Stacker:
    """``p[c] = sigmoid(coef[c] . [logit(fast probs), head logits] + intercept[c] + shift[c])``.

    ``fast_inputs`` name the columns of the fast probability matrix, ``head_inputs`` the
    columns of the semantic head logits; ``categories`` are the outputs.
    """

    categories: tuple[str, ...]
    fast_inputs: tuple[str, ...]
    head_inputs: tuple[str, ...]
    coef: np.ndarray  # (k, len(fast_inputs) + len(head_inputs))
    intercept: np.ndarray  # (k,)
    shift: np.ndarray  # (k,)
    fast_version: str = ""
    targets: tuple[float, ...] = ()  # where the shift puts each category's decision point
    # Head logits of a typical comment the cascade does not embed (mean over such dev rows):
    # stands in for the semantic tier there, so every score is on the stacker's scale.
    head_default: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        width = len(self.fast_inputs) + len(self.head_inputs)
        if self.coef.shape != (len(self.categories), width):
            raise ValueError(
                f"stacker coef shape {self.coef.shape} != {(len(self.categories), width)}"
            )
        if (
            self.intercept.shape != (len(self.categories),)
            or self.shift.shape != self.intercept.shape
        ):
            raise ValueError("stacker intercept/shift shape mismatch")

    def features(self, fast_p: np.ndarray, head_logits: np.ndarray) -> np.ndarray:
        return np.hstack([logit(fast_p), np.asarray(head_logits, dtype=np.float64)])

    def raw(self, fast_p: np.ndarray, head_logits: np.ndarray) -> np.ndarray:
        """Unshifted logits (n, k): what the fit's own thresholds apply to."""
        return self.features(fast_p, head_logits) @ self.coef.T + self.intercept

    def combine(self, fast_p: np.ndarray, head_logits: np.ndarray) -> np.ndarray:
        """Probabilities (n, k), shifted so each category's decision point is ``targets``."""
        return _sigmoid(self.raw(fast_p, head_logits) + self.shift)

    def combine_fast_only(self, fast_p: np.ndarray) -> np.ndarray:
        """Probabilities (n, k) for comments that were not embedded (``head_default``)."""
        fast_p = np.asarray(fast_p, dtype=np.float64)
        H = np.repeat(np.asarray(self.head_default, dtype=np.float64)[None, :], len(fast_p), 0)
        return self.combine(fast_p, H)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            "stack_categories": np.array(self.categories),
            "stack_fast_inputs": np.array(self.fast_inputs),
            "stack_head_inputs": np.array(self.head_inputs),
            "stack_coef": self.coef.astype(np.float64),
            "stack_intercept": self.intercept.astype(np.float64),
            "stack_shift": self.shift.astype(np.float64),
            "stack_fast_version": np.array(self.fast_version),
            "stack_targets": np.array(self.targets, dtype=np.float64),
            "stack_head_default": np.array(self.head_default, dtype=np.float64),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> Stacker | None:
        if "stack_coef" not in data:
            return None
        return cls(
            categories=tuple(str(c) for c in data["stack_categories"]),
            fast_inputs=tuple(str(c) for c in data["stack_fast_inputs"]),
            head_inputs=tuple(str(c) for c in data["stack_head_inputs"]),
            coef=np.asarray(data["stack_coef"], dtype=np.float64),
            intercept=np.asarray(data["stack_intercept"], dtype=np.float64),
            shift=np.asarray(data["stack_shift"], dtype=np.float64),
            fast_version=str(data["stack_fast_version"]),
            targets=tuple(float(t) for t in data.get("stack_targets", ())),
            head_default=tuple(float(t) for t in data.get("stack_head_default", ())),
        )


def fit_stacker(
    fast_p: np.ndarray,
    head_logits: np.ndarray,
    Y: np.ndarray,
    W: np.ndarray,
    *,
    categories: Sequence[str],
    fast_inputs: Sequence[str],
    head_inputs: Sequence[str],
    target_thresholds: Mapping[str, float],
    fast_version: str = "",
    head_default: Sequence[float] = (),
    C: float = 1.0,
) -> tuple[Stacker, dict[str, float]]:
    """Fit on dev rows. ``Y`` (n, k) holds 0/1/NaN per output category, ``W`` (n, k) weights.

    Returns the stacker and its own (unshifted) best-F1 thresholds per category; the shift
    moves each of them onto ``target_thresholds[category]``.
    """
    from sklearn.linear_model import LogisticRegression

    from .train import best_f1_threshold

    X = np.hstack([logit(fast_p), np.asarray(head_logits, dtype=np.float64)])
    coef = np.zeros((len(categories), X.shape[1]))
    intercept = np.zeros(len(categories))
    shift = np.zeros(len(categories))
    own_thr: dict[str, float] = {}
    for j, cat in enumerate(categories):
        m = ~np.isnan(Y[:, j])
        y = Y[m, j].astype(int)
        clf = LogisticRegression(C=C, max_iter=2000)
        clf.fit(X[m], y, sample_weight=W[m, j])
        coef[j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
        p = _sigmoid(X[m] @ coef[j] + intercept[j])
        t = best_f1_threshold(y, p)
        own_thr[cat] = t
        target = target_thresholds.get(cat, 0.5)
        shift[j] = float(logit(np.array([target]))[0] - logit(np.array([t]))[0])
    stacker = Stacker(
        tuple(categories),
        tuple(fast_inputs),
        tuple(head_inputs),
        coef,
        intercept,
        shift,
        fast_version,
        tuple(float(target_thresholds.get(c, 0.5)) for c in categories),
        tuple(float(h) for h in head_default),
    )
    return stacker, own_thr
