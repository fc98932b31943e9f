"""Artifacts: manifest round-trip, no pickle, refusal of mismatched versions."""

import json

import numpy as np
import pytest
import sklearn

from soundoff.classifier import artifacts as A
from soundoff.classifier.categories import CATEGORIES
from soundoff.classifier.fast import FastClassifier
from soundoff.classifier.model import FastModel, load_default

TEXTS = [
    "you are a stupid idiot",
    "what a lovely day",
    "I will kill you",
    "thanks for the article",
    "check out my channel http://spam.example",
    "great reporting as always",
    "idiot moron loser",
    "see you at the meeting",
] * 3


def _tiny_model():
    Y = np.full((len(TEXTS), len(CATEGORIES)), np.nan)
    for i, t in enumerate(TEXTS):
        Y[i, CATEGORIES.index("insult")] = int("idiot" in t or "moron" in t)
        Y[i, CATEGORIES.index("spam")] = int("http" in t)
    clf = FastClassifier(word_features=2**10, char_features=2**11, max_iter=50)
    return clf.fit(TEXTS, Y)


def test_round_trip(tmp_path):
    clf = _tiny_model()
    thr = dict.fromkeys(CATEGORIES, 0.5)
    manifest = A.save_fast(clf, tmp_path / "fast", thresholds=thr, metrics={"x": 1},
                           datasets=[{"name": "fixture", "files": {}}])  # fmt: skip
    on_disk = json.loads((tmp_path / "fast" / "manifest.json").read_text())
    assert on_disk == manifest
    for key in ("format_version", "model_version", "created_at", "code_revision", "libraries",
                "datasets", "metrics", "thresholds", "files"):  # fmt: skip
        assert key in on_disk
    assert on_disk["libraries"]["scikit-learn"] == sklearn.__version__
    loaded, _ = A.load_fast(tmp_path / "fast")
    p0 = clf.predict_proba(TEXTS)
    p1 = loaded.predict_proba(TEXTS)
    assert np.allclose(p0, p1, atol=2e-3)  # float16 storage
    # npz holds only plain arrays
    with np.load(tmp_path / "fast" / "fast.npz", allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)
    model = load_default(tmp_path)
    assert model.score("idiot moron").scores["insult"] > model.score("lovely day").scores["insult"]


def _edit_manifest(path, **changes):
    m = json.loads(path.read_text())
    for k, v in changes.items():
        if k == "sklearn":
            m["libraries"]["scikit-learn"] = v
        else:
            m[k] = v
    path.write_text(json.dumps(m))


def test_refuses_other_format_version(tmp_path):
    A.save_fast(_tiny_model(), tmp_path, thresholds={})
    _edit_manifest(tmp_path / "manifest.json", format_version=A.FORMAT_VERSION + 1)
    with pytest.raises(A.ArtifactError, match="format version"):
        A.load_fast(tmp_path)


def test_refuses_other_sklearn_minor(tmp_path):
    A.save_fast(_tiny_model(), tmp_path, thresholds={})
    major, minor = sklearn.__version__.split(".")[:2]
    _edit_manifest(tmp_path / "manifest.json", sklearn=f"{major}.{int(minor) + 1}.0")
    with pytest.raises(A.ArtifactError, match="scikit-learn"):
        A.load_fast(tmp_path)


def test_refuses_tampered_arrays_and_missing_manifest(tmp_path):
    A.save_fast(_tiny_model(), tmp_path, thresholds={})
    with open(tmp_path / "fast.npz", "ab") as fh:
        fh.write(b"junk")
    with pytest.raises(A.ArtifactError, match="sha256"):
        A.load_fast(tmp_path)
    with pytest.raises(A.ArtifactError, match="manifest"):
        A.load_fast(tmp_path / "nowhere")


def test_fast_model_uses_manifest_thresholds(tmp_path):
    clf = _tiny_model()
    fm = FastModel(clf, {"thresholds": {"insult": 0.01}, "model_version": "v-test"})
    s = fm.score("you stupid idiot")
    assert s.model_version == "v-test" and s.tier == "fast"
    assert set(s.scores) == set(CATEGORIES)
    assert any(sp.category == "insult" for sp in s.spans)
