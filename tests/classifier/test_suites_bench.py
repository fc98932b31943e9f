"""bench/classifier_suites.py with stub scorers (no trained model needed)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "classifier_suites.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("classifier_suites_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BAD = re.compile(r"hate|vermin|shot|kill|idiot|https?://", re.I)


class StubModel:
    """Contract of the fast tier: score_batch -> objects with a .scores dict."""

    version = "stub-0"

    def score_batch(self, texts):
        out = []
        for t in texts:
            bad = 0.9 if BAD.search(t) else 0.05
            spam = 0.9 if "http" in t else 0.01
            out.append(
                SimpleNamespace(
                    scores={
                        "identity_attack": bad,
                        "threat": 0.0,
                        "insult": 0.0,
                        "toxicity": bad,
                        "spam": spam,
                    }
                )
            )
        return out


def stub_verdict(scores):
    top = max(scores.values())
    return "reject" if top >= 0.95 else "hold" if top >= 0.5 else "publish"


def test_run_all_with_stub_model(bench):
    scorer = bench.ModelScorer(StubModel(), verdict=stub_verdict)
    report = bench.run_all(scorer)
    f = report["functional"]
    assert 0.0 <= f["overall"] <= 1.0
    assert set(f["cases"]) >= {"derog_neg_emote", "negate_neg", "slur"}
    # "I hate X." is caught by the stub; "I don't hate X." is a false positive.
    assert f["cases"]["negate_neg"]["accuracy"] < 1.0
    r = report["robustness"]
    assert set(r["perturbations"]) == {
        "leetspeak",
        "homoglyph",
        "zero_width",
        "spaced",
        "repeated",
        "punctuation",
    }
    assert r["perturbations"]["zero_width"]["detection"] < r["clean_detection"]
    b = report["bias"]
    assert b["overall_flag_rate"] == 0.0 and b["pass"]
    s = report["blog_spam"]
    assert s["flag_decision"]["recall"] > 0.5
    text = bench.render(report, show_errors=3)
    assert "## Functional" in text and "## Robustness" in text and "## Bias" in text
    assert "| precision |" not in text or "Blog comment spam" in text
    assert re.search(r"functional (PASS|FAIL)", text)


def test_threshold_decision_and_callable_scorer(bench):
    scorer = bench.CallableScorer(
        lambda texts: [{"toxicity": 1.0 if "vermin" in t else 0.0} for t in texts],
        threshold=0.5,
        categories=("toxicity",),
    )
    report = bench.run_all(scorer, suites=("functional",))
    assert report["functional"]["cases"]["derog_dehum"]["accuracy"] > 0
    assert report["functional"]["cases"]["ident_pos"]["accuracy"] == 1.0


def test_main_always_exits_zero_even_without_default_model(bench, capsys, tmp_path):
    out = tmp_path / "r.md"
    rc = bench.main(["--scorer", "not_a_module_xyz:nothing", "--out", str(out)])
    assert rc == 0
    assert "SKIPPED" in capsys.readouterr().out


def test_baseline_runs_when_installed(bench, capsys):
    pytest.importorskip("profanity_check")
    rc = bench.main(["--scorer", "baseline", "--suites", "functional,bias"])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "alt-profanity-check" in printed and "## Bias" in printed


def test_semantic_head_scorer_runs_when_shipped(bench):
    from soundoff.classifier import semantic

    if not (semantic.DEFAULT_ARTIFACT_DIR / "heads.npz").is_file():
        pytest.skip("no semantic heads shipped")
    pytest.importorskip("onnxruntime")
    scorer = bench.load_named_scorer("semantic-head", "verdict", 0.5, bench.CATEGORIES)
    report = bench.run_all(scorer, suites=("bias",))
    assert report["bias"]["n"] == 768
    assert scorer.thresholds  # per-category thresholds from heads.npz
