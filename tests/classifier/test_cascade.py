"""The cascade seam with a stand-in encoder (no ONNX needed)."""

import numpy as np

from soundoff.classifier.model import CascadeModel, Scored, default_policy, default_verdict
from tests.classifier.standins import RecordingEncoder


class _Fast:
    model_version = "fast-test"
    thresholds = {"insult": 0.5, "threat": 0.5}

    def score_batch(self, texts, explain=True):
        out = []
        for t in texts:
            p = 0.45 if "unsure" in t else 0.01
            out.append(Scored({"insult": p, "threat": 0.01}, [], self.model_version, "fast"))
        return out


def test_cascade_only_asks_encoder_when_unsure():
    enc = RecordingEncoder(lambda t: [1.0, 1.0, 1.0, 1.0])
    heads = {"insult": lambda E: np.full(len(E), 0.95)}
    model = CascadeModel(_Fast(), enc, heads, version="sem-test")
    res = model.score_batch(["clear comment", "unsure comment"])
    assert enc.calls == [["unsure comment"]]
    assert res[0].scores["insult"] == 0.01 and res[0].tier == "fast"
    assert abs(res[1].scores["insult"] - (0.45 + 0.95) / 2) < 1e-9
    assert res[1].tier == "cascade" and res[1].model_version == "fast-test+sem-test"
    assert model.score("clear").scores["threat"] == 0.01


def test_cascade_without_encoder_is_the_fast_model():
    model = CascadeModel(_Fast(), None, None)
    assert model.score("unsure").scores["insult"] == 0.45


def test_default_policy_shape():
    pol = default_policy()
    assert "profanity" not in pol
    for cat in ("identity_attack", "threat", "spam"):
        assert pol[cat]["reject"] >= pol[cat]["hold"]
    assert default_verdict({"profanity": 1.0}) == "publish"
