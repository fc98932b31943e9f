"""`python -m soundoff.classifier score` output format."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.usefixtures("shipped_model")
def test_score_cli_jsonl(tmp_path):
    lines = [
        json.dumps({"text": "Thanks for the thoughtful article."}),
        "this is not json",
        json.dumps({"nope": 1}),
        json.dumps({"text": "I will kill you, you worthless idiot."}),
        "",
        json.dumps(["a list"]),
    ]
    res = subprocess.run(
        [sys.executable, "-m", "soundoff.classifier", "score"],
        input="\n".join(lines) + "\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(out) == 5  # blank line skipped, one output per other line, in order
    assert "error" in out[1] and "error" in out[2] and "error" in out[4]
    for rec in (out[0], out[3]):
        assert set(rec) >= {"scores", "spans", "verdict", "model_version"}
        assert set(rec["scores"]) == {
            "spam", "identity_attack", "insult", "threat", "toxicity", "profanity"
        }  # fmt: skip
        assert all(0.0 <= v <= 1.0 for v in rec["scores"].values())
        assert rec["verdict"] in ("publish", "hold", "reject")
        for sp in rec["spans"]:
            assert {"start", "end", "category", "text"} <= set(sp)
    assert out[0]["verdict"] == "publish"
    assert out[3]["verdict"] in ("hold", "reject")
    text = "I will kill you, you worthless idiot."
    for sp in out[3]["spans"]:
        assert text[sp["start"] : sp["end"]] == sp["text"]


@pytest.mark.usefixtures("shipped_model")
def test_score_cli_input_file(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": "hello"}) + "\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "soundoff.classifier", "score", "--input", str(f)],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 1


def test_unknown_command():
    from soundoff.classifier.cli import main

    assert main(["frobnicate"]) == 2
