"""The tier-combining stacker and the cascade that uses it (stand-ins, no ONNX needed)."""

import numpy as np
import pytest

from soundoff.classifier import datasets as D
from soundoff.classifier.model import CascadeModel, Scored
from soundoff.classifier.stack import Stacker, fit_stacker, logit
from tests.classifier.standins import RecordingEncoder


def _synthetic(n=2000, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    head = (y * 2.0 - 1.0) * 2.0 + rng.normal(0, 1.0, n)  # informative
    fast = rng.uniform(0.01, 0.99, n)  # noise
    return y, fast, head


def test_stacker_learns_which_tier_to_trust_and_lands_on_the_fast_threshold():
    y, fast, head = _synthetic()
    stacker, own = fit_stacker(
        fast[:, None],
        head[:, None],
        y[:, None].astype(float),
        np.ones((len(y), 1)),
        categories=("insult",),
        fast_inputs=("insult",),
        head_inputs=("insult",),
        target_thresholds={"insult": 0.3},
        fast_version="fast-x",
    )
    w_fast, w_head = stacker.coef[0]
    assert abs(w_head) > 5 * abs(w_fast)
    # Decisions at the stacker's own threshold equal decisions at the fast threshold after
    # the shift: the two tiers share one policy.
    raw = 1 / (1 + np.exp(-stacker.raw(fast[:, None], head[:, None])[:, 0]))
    shifted = stacker.combine(fast[:, None], head[:, None])[:, 0]
    assert np.array_equal(raw >= own["insult"], shifted >= 0.3 - 1e-9)
    again = Stacker.from_arrays(stacker.to_arrays())
    assert again.fast_version == "fast-x"
    np.testing.assert_allclose(again.combine(fast[:, None], head[:, None])[:, 0], shifted)


def test_stacker_rejects_bad_shapes():
    with pytest.raises(ValueError):
        Stacker(("a",), ("a", "b"), ("a",), np.zeros((1, 2)), np.zeros(1), np.zeros(1))


def test_logit_is_clipped():
    assert np.isfinite(logit(np.array([0.0, 1.0]))).all()


class _Fast:
    model_version = "fast-test"
    thresholds = {"insult": 0.5, "profanity": 0.5}

    def score_batch(self, texts, explain=True):
        out = []
        for t in texts:
            p = 0.9 if "rude" in t else (0.2 if "meh" in t else 0.01)
            out.append(Scored({"insult": p, "profanity": 0.7}, [], self.model_version, "fast"))
        return out


def _not_encoder():
    return RecordingEncoder(lambda t: [-3.0] if "not" in t else [3.0])


def _stacked():
    # p = sigmoid(0 * logit(fast) + 1 * head logit): the head alone decides.
    return Stacker(
        ("insult",),
        ("insult",),
        ("insult",),
        np.array([[0.0, 1.0]]),
        np.zeros(1),
        np.zeros(1),
        "fast-test",
    )


def test_cascade_with_stacker_escalates_all_but_clearly_clean_comments():
    enc = _not_encoder()
    model = CascadeModel(
        _Fast(),
        enc,
        version="sem",
        stack=_stacked(),
        head_logits=lambda E: E,
        band=(0.3, float("inf")),
    )
    res = model.score_batch(["hello", "meh", "rude", "not rude at all"])
    # "hello" (0.01 < 0.3 x 0.5) is clearly clean: never embedded.
    assert enc.calls == [["meh", "rude", "not rude at all"]]
    assert res[0].tier == "fast" and res[0].scores["insult"] == 0.01
    assert res[2].scores["insult"] > 0.9 and res[2].tier == "cascade"
    # Even a confident fast score is overruled when the semantic tier reads it differently.
    assert res[3].scores["insult"] < 0.1
    # Categories the stacker does not cover keep the fast tier's score.
    assert res[3].scores["profanity"] == 0.7


def test_hard_cases_expand_over_groups_and_stay_out_of_the_bias_check():
    rows = D.load_hard_cases()
    assert len(rows) > 1000
    assert all(r.split == "train" and r.dataset == "augment" for r in rows)
    assert not any("{" in r.text for r in rows)
    kinds = {tuple(sorted(k for k, v in r.labels.items() if v == 1)) for r in rows}
    assert ("identity_attack", "toxicity") in kinds and () in kinds
    trained = {r.text for r in rows}
    assert not trained & set(D.load_bias_eval())


def test_quoting_comments_take_their_labels_from_the_writers_stance(tmp_path):
    import json

    spec = {
        "sections": [
            {
                "stance": "reject",
                "style": "explicit condemnation",
                "templates": ['"{P} are vermin" is vile.'],
            },
            {
                "stance": "reject",
                "style": "mocking the speaker",
                "templates": ['Ah yes, "{p} are vermin", said the genius.'],
            },
            {
                "stance": "endorse",
                "style": "plain agreement",
                "templates": ["'{P} are vermin.' Exactly."],
            },
            {
                "stance": "endorse",
                "style": "abuse of a person endorsed",
                "templates": ['"{n} is an idiot", yes.'],
            },
            {
                "stance": "endorse",
                "style": "threat in quote endorsed",
                "templates": ['"Burn his house", agreed.'],
            },
        ]
    }
    path = tmp_path / "quotes.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    rows = D.load_quote_stance(path)
    by_text = {r.text: r for r in rows}
    assert len(rows) == 3 * D.QUOTE_GROUPS_PER_TEMPLATE + 2
    assert all(r.split == "train" and "{" not in r.text for r in rows)
    rejected = [r for r in rows if r.text.endswith("is vile.")]
    assert len({r.text for r in rejected}) == D.QUOTE_GROUPS_PER_TEMPLATE  # different groups
    assert all(
        r.labels["identity_attack"] == 0 and r.labels["insult"] == 0 and r.labels["threat"] == 0
        for r in rejected
    )
    # Counter-speech is not incivility; mocking the speaker is left open for toxicity.
    assert all(r.labels["toxicity"] == 0 for r in rejected)
    mocking = [r for r in rows if r.text.endswith("said the genius.")]
    assert mocking and all(
        r.labels["toxicity"] is None and r.labels["identity_attack"] == 0 for r in mocking
    )
    adopted = [r for r in rows if r.text.endswith("Exactly.")]
    assert all(r.labels["identity_attack"] == 1 and r.labels["toxicity"] == 1 for r in adopted)
    abuse = next(r for t, r in by_text.items() if t.endswith("yes."))
    assert abuse.labels["insult"] == 1 and abuse.labels["identity_attack"] is None
    threat = by_text['"Burn his house", agreed.']
    assert threat.labels["threat"] == 1 and threat.labels["toxicity"] == 1


def test_quoting_comments_train_only_when_asked(monkeypatch, tmp_path):
    from soundoff.classifier import train as T

    monkeypatch.setattr(D, "load_many", lambda names, root: [])
    quoting = {ex.text for ex in D.load_quote_stance()}
    hard = {ex.text for ex in D.load_hard_cases()}
    default = {ex.text for ex in T.collect_training_rows(tmp_path, hard_cases=True)}
    assert hard <= default and not quoting & default
    asked = {
        ex.text for ex in T.collect_training_rows(tmp_path, hard_cases=True, quote_stance=True)
    }
    assert quoting <= asked


def test_war_news_rows_train_only_when_asked(monkeypatch, tmp_path):
    from soundoff.classifier import train as T

    monkeypatch.setattr(D, "load_many", lambda names, root: [])
    war = D.load_war_news()
    texts = {ex.text for ex in war}
    default = {ex.text for ex in T.collect_training_rows(tmp_path, hard_cases=True)}
    assert not texts & default
    asked = T.collect_training_rows(tmp_path, hard_cases=True, war_news=True)
    assert texts <= {ex.text for ex in asked}
    # Neutral reports are clean on every category; the hateful ones attack a people.
    neutral = [ex for ex in war if ex.labels["identity_attack"] == 0]
    hateful = [ex for ex in war if ex.labels["identity_attack"] == 1]
    assert len(neutral) >= 50 and len(hateful) >= 10
    assert all(ex.labels["toxicity"] == 0 and ex.labels["threat"] == 0 for ex in neutral)
    assert all(ex.labels["toxicity"] == 1 for ex in hateful)
    assert all(ex.split == "train" for ex in war)
    monkeypatch.setattr(D, "TRAIN_SETS", ())
    names = {d["name"]: d["files"] for d in T.dataset_digests(tmp_path, war_news=True)}
    assert "soundoff/classifier/data/war_news.json" in names["augment"]


def test_the_shipped_quoting_comments_stay_out_of_the_bias_check():
    rows = D.load_quote_stance()
    assert len(rows) > 1000
    assert {r.labels["identity_attack"] for r in rows} >= {0, 1}
    assert not {r.text for r in rows} & set(D.load_bias_eval())


def _artifacts_with_stack(tmp_path, fast_version):
    import shutil

    from soundoff.classifier.model import DEFAULT_ARTIFACTS

    if not (DEFAULT_ARTIFACTS / "semantic" / "encoder.onnx").is_file():
        pytest.skip("semantic artifacts not installed")
    root = tmp_path / "artifacts"
    shutil.copytree(DEFAULT_ARTIFACTS / "fast", root / "fast")
    (root / "semantic").mkdir()
    for f in ("encoder.onnx", "tokenizer.json", "manifest.json"):
        (root / "semantic" / f).symlink_to(DEFAULT_ARTIFACTS / "semantic" / f)
    with np.load(DEFAULT_ARTIFACTS / "semantic" / "heads.npz") as data:
        arrays = {k: data[k] for k in ("categories", "coef", "intercept", "thresholds")}
    cats = tuple(str(c) for c in arrays["categories"])
    stack = Stacker(
        cats,
        ("spam", "identity_attack", "insult", "threat", "toxicity", "profanity"),
        cats,
        np.zeros((len(cats), 6 + len(cats))),
        np.zeros(len(cats)),
        np.zeros(len(cats)),
        fast_version,
    )
    np.savez(root / "semantic" / "heads.npz", **arrays, **stack.to_arrays())
    return root


def test_load_cascade_refuses_a_stacker_fitted_on_another_fast_tier(tmp_path):
    from soundoff.classifier.artifacts import ArtifactError
    from soundoff.classifier.model import load_cascade, load_default

    root = _artifacts_with_stack(tmp_path, "fast-some-other-version")
    with pytest.raises(ArtifactError, match="stacker was fitted"):
        load_cascade(root)
    good = _artifacts_with_stack(tmp_path / "ok", load_default().model_version)
    model = load_cascade(good)
    assert model.stack is not None and model.band[1] == float("inf")


def test_comments_the_cascade_does_not_embed_get_the_stackers_scale():
    enc = _not_encoder()
    base = _stacked()
    stack = Stacker(*[getattr(base, f) for f in ("categories", "fast_inputs", "head_inputs",
                      "coef", "intercept", "shift", "fast_version")], (0.5,), (-3.0,))  # fmt: skip
    model = CascadeModel(
        _Fast(), enc, version="sem", stack=stack, head_logits=lambda E: E, band=(0.3, float("inf"))
    )
    quiet, _ = model.score_batch(["hello", "rude"])
    assert enc.calls == [["rude"]]  # still only the doubtful one is embedded
    assert quiet.tier == "fast" and abs(quiet.scores["insult"] - 1 / (1 + np.exp(3.0))) < 1e-9
    assert quiet.scores["profanity"] == 0.7
    assert model.thresholds["insult"] == 0.5  # the stacker's target is the cascade's threshold


def test_what_only_the_semantic_tier_flags_is_explained_by_occlusion():
    model = CascadeModel(
        _Fast(),
        RecordingEncoder(lambda t: [3.0] if "vermin" in t else [-3.0]),
        version="sem",
        stack=_stacked(),
        head_logits=lambda E: E,
        band=(0.3, float("inf")),
    )
    text = "meh, they are vermin"
    scored = model.score(text)
    assert scored.scores["insult"] > 0.9  # the fast tier said 0.2: below its threshold
    spans = [s for s in scored.spans if s.category == "insult"]
    assert spans[0].text == "vermin" and text[spans[0].start : spans[0].end] == "vermin"
    assert spans[0].weight > 0.8
    assert all(s.text != "meh" for s in spans)  # removing it changes nothing
