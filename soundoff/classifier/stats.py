"""Uncertainty of evaluation numbers: how far an ROC-AUC difference between two scorers on
the same rows could move by chance.

A test split with a dozen positives moves its AUC by several hundredths when one comment
changes side, so a gap of 0.001 between two models says nothing by itself. The paired,
stratified bootstrap here resamples the positives and the negatives separately (each
replicate keeps the split's class counts), scores both models on the same replicate and
reports the percentile interval of the difference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["AucDifference", "paired_auc_difference", "weighted_auc"]


def weighted_auc(y: np.ndarray, p: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """ROC-AUC of scores ``p`` for labels ``y`` under each row of ``weights`` (shape
    ``(replicates, n)``: how often each item is counted). Ties count one half, as in
    ``sklearn.metrics.roc_auc_score``; all-ones weights give exactly its value."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=np.float64)
    w = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    order = np.argsort(p, kind="mergesort")
    ps = p[order]
    starts = np.flatnonzero(np.r_[True, ps[1:] != ps[:-1]])  # first item of each distinct score
    ys = y[order]
    ws = w[:, order]
    pos = np.add.reduceat(np.where(ys, ws, 0.0), starts, axis=1)
    neg = np.add.reduceat(np.where(ys, 0.0, ws), starts, axis=1)
    neg_below = np.cumsum(neg, axis=1) - neg
    wins = (pos * (neg_below + 0.5 * neg)).sum(axis=1)
    total = pos.sum(axis=1) * neg.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, wins / total, np.nan)


@dataclass(frozen=True)
class AucDifference:
    difference: float  # AUC(a) - AUC(b) on the rows as given
    low: float  # percentile interval of the bootstrap differences
    high: float
    replicates: int

    @property
    def verdict(self) -> str:
        """'higher' / 'lower' when the interval excludes 0, else 'within noise'."""
        if self.low > 0:
            return "higher"
        if self.high < 0:
            return "lower"
        return "within noise"


def paired_auc_difference(
    y: np.ndarray,
    p_a: np.ndarray,
    p_b: np.ndarray,
    *,
    replicates: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> AucDifference:
    """AUC(a) - AUC(b) with a paired, class-stratified bootstrap interval (seeded)."""
    y = np.asarray(y).astype(bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("both classes are needed for an AUC")
    rng = np.random.default_rng(seed)
    weights = np.zeros((replicates, len(y)))
    weights[:, y] = rng.multinomial(n_pos, np.full(n_pos, 1 / n_pos), size=replicates)
    weights[:, ~y] = rng.multinomial(n_neg, np.full(n_neg, 1 / n_neg), size=replicates)
    ones = np.ones((1, len(y)))
    point = float(weighted_auc(y, p_a, ones)[0] - weighted_auc(y, p_b, ones)[0])
    diffs = weighted_auc(y, p_a, weights) - weighted_auc(y, p_b, weights)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    return AucDifference(point, float(low), float(high), replicates)
