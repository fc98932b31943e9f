"""The bootstrap behind the quality table's "within noise" column."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from soundoff.classifier.stats import paired_auc_difference, weighted_auc


def _data(n=400, seed=1):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.2
    good = y * 1.0 + rng.normal(0, 0.6, n)
    weak = y * 0.2 + rng.normal(0, 0.6, n)
    return y, good, weak


def test_unit_weights_give_sklearns_auc_including_ties():
    y, good, _ = _data()
    tied = np.round(good, 1)  # many equal scores across the classes
    for p in (good, tied):
        assert weighted_auc(y, p, np.ones((1, len(y))))[0] == pytest.approx(roc_auc_score(y, p))


def test_integer_weights_equal_repeating_the_items():
    y, good, _ = _data(n=60)
    w = np.random.default_rng(3).integers(0, 4, size=len(y))
    rep = np.repeat(np.arange(len(y)), w)
    expected = roc_auc_score(y[rep], np.round(good, 1)[rep])
    assert weighted_auc(y, np.round(good, 1), w[None, :])[0] == pytest.approx(expected)


def test_a_clearly_better_scorer_is_higher_and_the_same_one_is_within_noise():
    y, good, weak = _data()
    better = paired_auc_difference(y, good, weak, replicates=300)
    assert better.difference == pytest.approx(roc_auc_score(y, good) - roc_auc_score(y, weak))
    assert 0 < better.low <= better.difference <= better.high
    assert better.verdict == "higher"
    assert paired_auc_difference(y, weak, good, replicates=300).verdict == "lower"
    same = paired_auc_difference(y, good, good, replicates=300)
    assert (same.difference, same.low, same.high, same.verdict) == (0, 0, 0, "within noise")


def test_tiny_gap_on_few_positives_is_within_noise_and_seeded():
    rng = np.random.default_rng(7)
    y = np.zeros(500, bool)
    y[:12] = True
    a = y * 1.5 + rng.normal(0, 1, 500)
    b = a + rng.normal(0, 0.05, 500)  # a near copy: a gap of a few thousandths at most
    first = paired_auc_difference(y, a, b, seed=5)
    assert first.verdict == "within noise"
    assert first == paired_auc_difference(y, a, b, seed=5)


def test_one_class_only_is_an_error():
    with pytest.raises(ValueError, match="both classes"):
        paired_auc_difference(np.zeros(5), np.arange(5.0), np.arange(5.0))
