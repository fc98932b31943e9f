"""Calibrate the fine-tuned semantic heads and fit the tier-combining stacker (no torch).

The encoder and its raw linear heads come from ``tools/finetune_semantic.py`` (offline,
torch): ``semantic/encoder.onnx`` and ``semantic/heads_raw.npz``. This step only needs
onnxruntime and scikit-learn, and only the ``dev`` split:

1. Platt-scale each head's logit on dev and fold the scaling into the head weights; the
   head's own threshold is its best F1 on dev.
2. Fit :class:`~soundoff.classifier.stack.Stacker` on dev (both tiers' logits).

It writes ``semantic/heads.npz`` and ``semantic/heads.json`` (provenance and metrics on dev
and on the unseen test split).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import senses
from .artifacts import file_sha256, load_fast
from .categories import CATEGORIES
from .stack import fit_stacker

__all__ = ["HEAD_CATEGORIES", "train_semantic_heads"]

HEAD_CATEGORIES = ("spam", "identity_attack", "insult", "threat", "toxicity")
DEV_CAP = 1_000  # per-source cap on the dev split, as DATASET_CAP on train


# Categories whose policy floor keeps its meaning for the cascade: general incivility is
# held only when the model is fairly sure, so the cascade's best-F1 point for toxicity lands
# on the fast tier's threshold and the floor (0.7) stays above it. For the harms the
# commenting policy names (identity attacks, personal attacks, threats, spam) the cascade's
# best-F1 point on dev lands on the hold level itself.
KEEP_FLOOR = ("toxicity",)


def hold_levels(fast_thresholds: dict[str, float]) -> dict[str, float]:
    """Where each stacked category's best-F1 point is shifted to: the default policy's hold
    level (the fast threshold or ``model.HOLD_FLOOR``, whichever is higher), except for
    ``KEEP_FLOOR`` categories (the fast threshold)."""
    from .model import HOLD_FLOOR

    out = {}
    for c in HEAD_CATEGORIES:
        t = float(fast_thresholds.get(c, 0.5))
        out[c] = t if c in KEEP_FLOOR else max(t, HOLD_FLOOR.get(c, 0.0))
    return out


def _platt(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=100.0, max_iter=1000)
    clf.fit(z.reshape(-1, 1), y, sample_weight=w)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def train_semantic_heads(
    root: Path,
    artifacts_root: Path,
    log: Callable[[str], None] = print,
) -> dict:
    from .model import FastModel
    from .semantic import SentenceEncoder
    from .train import (
        best_f1_threshold,
        collect_training_rows,
        dataset_digests,
        evaluate_rows,
        label_matrix,
    )
    from .train import sample_weights as weights_for

    t0 = time.time()
    sem_dir = artifacts_root / "semantic"
    raw_path = sem_dir / "heads_raw.npz"
    if not raw_path.is_file():
        raise FileNotFoundError(
            f"{raw_path} not found: fine-tune the encoder first (tools/finetune_semantic.py)"
        )
    with np.load(raw_path, allow_pickle=False) as data:
        cats = tuple(str(c) for c in data["categories"])
        coef = data["coef"].astype(np.float64)
        intercept = data["intercept"].astype(np.float64)
    if cats != HEAD_CATEGORIES:
        raise ValueError(f"heads_raw.npz categories {cats} != {HEAD_CATEGORIES}")
    clf, manifest = load_fast(artifacts_root / "fast")
    fast = FastModel(clf, manifest)
    encoder = SentenceEncoder(sem_dir)

    rows = collect_training_rows(root)
    dev = [r for r in rows if r.split == "dev"]
    test = [r for r in rows if r.split == "test" and not r.dataset.startswith("augment")]
    log(f"semantic heads: {len(dev)} dev / {len(test)} test rows")
    t1 = time.time()
    E_dev = encoder.encode([r.text for r in dev])
    E_test = encoder.encode([r.text for r in test])
    log(f"embedded {len(dev) + len(test)} rows in {time.time() - t1:.0f}s")

    cols = [list(CATEGORIES).index(c) for c in HEAD_CATEGORIES]
    Y_dev = label_matrix(dev)
    W_dev = weights_for(dev, cap=DEV_CAP)
    Yh, Wh = Y_dev[:, cols], W_dev[:, cols]

    # 1. Platt scaling of each raw head on dev, folded into the weights.
    Z_dev = E_dev @ coef.T + intercept
    cal_coef, cal_int, head_thr = np.zeros_like(coef), np.zeros_like(intercept), {}
    for j, cat in enumerate(HEAD_CATEGORIES):
        m = ~np.isnan(Yh[:, j])
        a, b = _platt(Z_dev[m, j], Yh[m, j].astype(int), Wh[m, j])
        cal_coef[j], cal_int[j] = a * coef[j], a * intercept[j] + b
        p = 1 / (1 + np.exp(-(Z_dev[m, j] * a + b)))
        head_thr[cat] = round(best_f1_threshold(Yh[m, j].astype(int), p), 4)
    H_dev = E_dev @ cal_coef.T + cal_int
    H_test = E_test @ cal_coef.T + cal_int

    # 2. The stacker over both tiers, on dev.
    # As when the shipped stacker was fitted: without the stand-ins for insulting words aimed
    # at things (added later, a scoring-time step; see senses.py).
    with senses.without_thing_senses():
        F_dev = fast.probabilities([r.text for r in dev])[0]
        F_test = fast.probabilities([r.text for r in test])[0]
    from .model import STACK_ESCALATE

    fthr = np.array([fast.thresholds[c] for c in HEAD_CATEGORIES])

    def escalated(F: np.ndarray) -> np.ndarray:
        return (F[:, cols] >= STACK_ESCALATE * fthr).any(axis=1)

    # What the semantic tier typically says about a comment the cascade does not embed.
    quiet = ~escalated(F_dev)
    head_default = H_dev[quiet].mean(axis=0) if quiet.any() else H_dev.mean(axis=0)
    stacker, stack_thr = fit_stacker(
        F_dev,
        H_dev,
        Yh,
        Wh,
        categories=HEAD_CATEGORIES,
        fast_inputs=tuple(CATEGORIES),
        head_inputs=HEAD_CATEGORIES,
        target_thresholds=hold_levels(fast.thresholds),
        fast_version=fast.model_version,
        head_default=head_default,
    )

    def full(F: np.ndarray, H: np.ndarray) -> np.ndarray:
        """As the cascade scores: stacked where it embeds, head_default elsewhere."""
        P = F.copy()
        esc = escalated(F)
        P[:, cols] = np.where(esc[:, None], stacker.combine(F, H), stacker.combine_fast_only(F))
        return P

    def head_only(H: np.ndarray, F: np.ndarray) -> np.ndarray:
        P = F.copy()
        P[:, cols] = 1 / (1 + np.exp(-H))
        return P

    thr_fast = fast.thresholds
    thr_stack = dict(thr_fast)
    thr_stack.update(hold_levels(fast.thresholds))
    thr_head = dict(thr_fast)
    thr_head.update(head_thr)
    metrics = {
        "dev": {
            "stacked": evaluate_rows(dev, full(F_dev, H_dev), thr_stack),
            "head": evaluate_rows(dev, head_only(H_dev, F_dev), thr_head),
        },
        "test": {
            "stacked": evaluate_rows(test, full(F_test, H_test), thr_stack),
            "head": evaluate_rows(test, head_only(H_test, F_test), thr_head),
            "fast": evaluate_rows(test, F_test, thr_fast),
        },
    }
    out_npz = sem_dir / "heads.npz"
    np.savez(
        out_npz,
        categories=np.array(HEAD_CATEGORIES),
        coef=cal_coef.astype(np.float32),
        intercept=cal_int.astype(np.float32),
        thresholds=np.array([head_thr[c] for c in HEAD_CATEGORIES]),
        **stacker.to_arrays(),
    )
    finetune = {}
    if (sem_dir / "finetune.json").is_file():
        finetune = json.loads((sem_dir / "finetune.json").read_text(encoding="utf-8"))
    info = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "what": "fine-tuned MiniLM-L6 heads, Platt-scaled on dev; stacker over fast + head "
        "logits fitted on dev (see soundoff/classifier/stack.py)",
        "encoder": finetune,
        "encoder_sha256": file_sha256(sem_dir / "encoder.onnx"),
        "heads_raw_sha256": file_sha256(raw_path),
        "heads_sha256": file_sha256(out_npz),
        "fast_model_version": fast.model_version,
        "datasets": dataset_digests(
            root,
            hard_cases=True,
            quote_stance=bool(finetune.get("training", {}).get("quote_stance")),
            war_news=bool(finetune.get("training", {}).get("war_news")),
        ),
        "head_thresholds": head_thr,
        "stack_own_thresholds": {k: round(v, 4) for k, v in stack_thr.items()},
        "stack_coef": {
            c: dict(
                zip(
                    [f"fast:{x}" for x in CATEGORIES] + [f"head:{x}" for x in HEAD_CATEGORIES],
                    (round(float(v), 4) for v in stacker.coef[j]),
                    strict=True,
                )
            )
            for j, c in enumerate(HEAD_CATEGORIES)
        },
        "rows": {"dev": len(dev), "test": len(test)},
        "escalated_share": {
            "dev": round(float(escalated(F_dev).mean()), 4),
            "test": round(float(escalated(F_test).mean()), 4),
        },
        "metrics": metrics,
        "seconds": round(time.time() - t0, 1),
    }
    (sem_dir / "heads.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    log(f"semantic heads and stacker written to {sem_dir} in {info['seconds']:.0f}s")
    return info
