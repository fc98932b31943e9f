"""Training helpers that need no data sets."""

import json
from pathlib import Path

import numpy as np
import pytest

from soundoff.classifier import datasets as D
from soundoff.classifier.categories import CATEGORIES
from soundoff.classifier.cli import score_main
from soundoff.classifier.train import (
    best_f1_threshold,
    label_matrix,
    load_extra_labels,
    prf_at,
    sample_weights,
)


def test_extra_labels(tmp_path):
    f = tmp_path / "extra.jsonl"
    f.write_text(
        json.dumps({"text": "you fool", "labels": {"insult": 1, "spam": 0, "bogus": 1}})
        + "\n\n"
        + json.dumps({"text": "buy now", "labels": {"spam": 1}})
        + "\n",
        encoding="utf-8",
    )
    rows = load_extra_labels(f)
    assert [r.text for r in rows] == ["you fool", "buy now"]
    assert rows[0].labels["insult"] == 1 and rows[0].labels["threat"] is None
    assert all(r.split == "train" and r.dataset == "extra" for r in rows)
    Y = label_matrix(rows)
    assert Y.shape == (2, len(CATEGORIES)) and np.isnan(Y[1, CATEGORIES.index("insult")])
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"labels": {}}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_extra_labels(bad)


def test_thresholds_and_prf():
    y = np.array([0, 0, 1, 1, 1, 0])
    p = np.array([0.1, 0.2, 0.8, 0.7, 0.9, 0.75])
    t = best_f1_threshold(y, p)
    assert 0.2 < t <= 0.8
    assert prf_at(y, p, 0.5) == (0.75, 1.0, pytest.approx(6 / 7))


def test_sample_weights_cap_and_spam_background():
    rows = [D.Example(f"w{i}", {}, "wiki_context_toxicity", "train") for i in range(4)]
    rows.append(D.Example("x", {"spam": 1}, "youtube_spam", "train"))
    W = sample_weights(rows, cap=2)
    j = CATEGORIES.index("spam")
    assert W.shape == (5, len(CATEGORIES))
    assert W[0, 0 if j else 1] == pytest.approx(0.5)  # capped to 2 effective rows
    assert W[0, j] < W[0, CATEGORIES.index("toxicity")]  # spam background down-weighted
    assert W[4, j] == pytest.approx(2.0)


def test_score_cli_missing_artifacts(tmp_path, capsys):
    assert score_main(["--artifacts", str(tmp_path)]) == 2


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("Maybe Trump is playing the partisan card.", "Maybe is playing the partisan card."),
        ("Donald Trump's tweets again", "tweets again"),
        ("HILLARY and Obama", "and"),
        ("Justin  Trudeau resigned", "resigned"),
        ("a trumpet player and a bushel of apples", "a trumpet player and a bushel of apples"),
        ("The minister resigned.", "The minister resigned."),
    ],
)
def test_public_figures_names_are_taken_out(text, without):
    from soundoff.classifier.lexicon import without_public_names

    assert without_public_names(text) == without


def test_the_fast_tier_can_learn_without_public_figures_names(monkeypatch):
    """With the option, only the training rows lose the names; dev (calibration,
    thresholds) and test rows are scored as written, and so is every comment at run time."""
    from soundoff.classifier import train

    rows = [
        D.Example("Trump is a clown", {"insult": 1}, "x", split="train"),
        D.Example("the mayor is a clown", {"insult": 1}, "x", split="train"),
        D.Example("Trump visited the plant", {"insult": 0}, "x", split="dev"),
        D.Example("Obama spoke today", {"insult": 0}, "x", split="test"),
    ]
    seen: dict[str, list[str]] = {}

    class Recorder:
        def __init__(self, **_):
            pass

        def fit(self, texts, Y, sample_weight=None):
            seen["fit"] = list(texts)
            return self

        def calibrate(self, texts, Y):
            seen["calibrate"] = list(texts)

        def predict_proba(self, texts):
            seen.setdefault("predict", []).extend(texts)
            return np.full((len(texts), len(CATEGORIES)), 0.5)

    monkeypatch.setattr(train, "collect_training_rows", lambda root: list(rows))
    monkeypatch.setattr(train, "FastClassifier", Recorder)
    monkeypatch.setattr(train, "evaluate_rows", lambda *a, **k: [])
    _, info = train.train_fast(Path("unused"), log=lambda *_: None, drop_public_names=True)
    assert info["drop_public_names"] is True
    assert seen["fit"] == ["is a clown", "the mayor is a clown"]
    assert seen["calibrate"] == ["Trump visited the plant"]
    assert "Obama spoke today" in seen["predict"]
    # The shipped recipe trains on the rows as written.
    _, info = train.train_fast(Path("unused"), log=lambda *_: None)
    assert info["drop_public_names"] is False
    assert seen["fit"] == ["Trump is a clown", "the mayor is a clown"]
