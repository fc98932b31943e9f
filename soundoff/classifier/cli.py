"""Command-line entry points: ``python -m soundoff.classifier {train,evaluate,score}``.

Each ``*_main(argv) -> int`` is an argparse program the ``soundoff`` command can wire in.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import numpy as np

from .artifacts import ArtifactError

__all__ = ["evaluate_main", "main", "score_main", "train_main", "train_semantic_main"]


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ train


def train_main(argv: Sequence[str] | None = None) -> int:
    from . import datasets as D
    from .artifacts import file_sha256, save_fast
    from .model import DEFAULT_ARTIFACTS
    from .train import dataset_digests, load_extra_labels, train_fast

    ap = argparse.ArgumentParser(
        prog="soundoff-classifier train",
        description="Rebuild the shipped classifier artifacts from the labelled data sets.",
    )
    ap.add_argument("--datasets", type=Path, default=None, help="data sets folder "
                    "(default: $SOUNDOFF_DATASETS or ../shared/datasets)")  # fmt: skip
    ap.add_argument("--out", type=Path, default=DEFAULT_ARTIFACTS,
                    help="artifacts root (the fast tier goes to OUT/fast)")  # fmt: skip
    ap.add_argument(
        "--extra-labels",
        type=Path,
        default=None,
        help='moderator decisions, JSON lines {"text": ..., "labels": {category: 0/1}}',
    )
    ap.add_argument("--no-ood", action="store_true", help="skip out-of-domain evaluation")
    ap.add_argument(
        "--drop-public-names",
        action="store_true",
        help="take politicians' names (lexicon.PUBLIC_FIGURES) out of the fast tier's "
        "training rows (an experiment, off for the shipped fast tier; the shipped "
        "encoder was fine-tuned without them)",
    )
    ap.add_argument(
        "--finetune-python",
        type=Path,
        default=None,
        help="a Python with torch (tools/requirements-train.txt): fine-tune and export the "
        "semantic encoder too (source checkout only; `make train` sets this up)",
    )
    ap.add_argument(
        "--no-semantic",
        action="store_true",
        help="do not recalibrate the semantic heads and stacker afterwards",
    )
    args = ap.parse_args(argv)

    root = args.datasets or D.default_datasets_dir()
    if not root.is_dir():
        _log(f"error: data sets folder {root} not found")
        return 2
    extra = []
    if args.extra_labels:
        try:
            extra = load_extra_labels(args.extra_labels)
        except (OSError, ValueError) as exc:
            _log(f"error: {exc}")
            return 2
        _log(f"{len(extra)} extra labelled rows from {args.extra_labels}")
    model, info = train_fast(root, extra=extra, log=_log, drop_public_names=args.drop_public_names)
    from .model import FastModel

    fm = FastModel(model, {"thresholds": info["thresholds"]})
    metrics = {"test": info["metrics"]["test"], "dev": info["metrics"]["dev"]}
    metrics["bias_eval"] = bias_check(fm)
    if not args.no_ood:
        metrics["out_of_domain"] = ood_eval(fm, root)
    used = dataset_digests(root)
    if args.extra_labels:
        used.append({"name": "extra", "files": {str(args.extra_labels):
                                                 file_sha256(args.extra_labels)}})  # fmt: skip
    manifest = save_fast(
        model,
        args.out / "fast",
        thresholds=info["thresholds"],
        metrics=metrics,
        datasets=used,
        extra={
            "rows": info["rows"],
            "train_seconds": info["train_seconds"],
            "training": {
                "innocent_senses": info["innocent_senses"],
                "drop_public_names": info["drop_public_names"],
            },
        },
    )
    _log(f"saved {args.out / 'fast'} ({manifest['model_version']}) "
         f"in {info['train_seconds']:.0f}s")  # fmt: skip
    print(format_table(metrics["test"], "Test split (train sets)"))
    if "out_of_domain" in metrics:
        print(format_table(metrics["out_of_domain"], "Out-of-domain (eval-only sets)"))
    if args.finetune_python and not args.no_semantic:
        rc = _finetune(args.finetune_python, root, args.out / "semantic")
        if rc:
            return rc
    if not args.no_semantic:
        if (args.out / "semantic" / "heads_raw.npz").is_file():
            rc = _train_semantic(root, args.out)
            if rc:
                return rc
        else:
            _log("no fine-tuned semantic heads (semantic/heads_raw.npz): semantic tier skipped")
    b = metrics["bias_eval"]
    print(f"\nNeutral identity sentences: {b['n']}, identity_attack flagged "
          f"{b['identity_attack_flag_rate']:.1%}, toxicity flagged {b['toxicity_flag_rate']:.1%},"
          f" not published {b['not_published_rate']:.1%}")  # fmt: skip
    return 0


def _finetune(python: Path, root: Path, sem_dir: Path) -> int:
    """Run tools/finetune_semantic.py (train, then export into ``sem_dir``) with ``python``."""
    import os
    import subprocess

    tool = Path(__file__).resolve().parents[2] / "tools" / "finetune_semantic.py"
    if not tool.is_file():
        _log(f"error: {tool} not found (fine-tuning needs a source checkout)")
        return 2
    work = tool.parents[1] / ".bench" / "finetune"
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    steps = (
        ["train", "--datasets", str(root), "--out", str(work)],
        ["export", "--ckpt", str(work / "model.pt"), "--out", str(sem_dir)],
    )
    for step in steps:
        _log(f"fine-tuning: {tool.name} {step[0]}")
        if subprocess.run([str(python), str(tool), *step], env=env, check=False).returncode:
            _log(f"error: {tool.name} {step[0]} failed")
            return 2
    return 0


def _train_semantic(root: Path, out: Path) -> int:
    from .semantic_train import train_semantic_heads

    try:
        info = train_semantic_heads(root, out, log=_log)
    except (FileNotFoundError, ValueError, ArtifactError) as exc:
        _log(f"error: {exc}")
        return 2
    print(format_table(info["metrics"]["test"]["stacked"], "Test split, cascade (stacked)"))
    return 0


def train_semantic_main(argv: Sequence[str] | None = None) -> int:
    from . import datasets as D
    from .model import DEFAULT_ARTIFACTS

    ap = argparse.ArgumentParser(
        prog="soundoff-classifier train-semantic",
        description="Calibrate the fine-tuned semantic heads on dev and fit the stacker that "
        "combines them with the installed fast tier (no torch needed).",
    )
    ap.add_argument("--datasets", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=DEFAULT_ARTIFACTS, help="artifacts root")
    args = ap.parse_args(argv)
    root = args.datasets or D.default_datasets_dir()
    if not root.is_dir():
        _log(f"error: data sets folder {root} not found")
        return 2
    return _train_semantic(root, args.out)


def load_for_tier(tier: str, artifacts: Path | None):
    """``fast``, ``cascade`` or ``auto`` (the cascade when its artifacts load, else fast)."""
    from .model import load_cascade, load_default

    if tier == "fast":
        return load_default(artifacts)
    try:
        return load_cascade(artifacts)
    except ArtifactError as exc:
        if tier == "cascade":
            raise
        _log(f"semantic tier unavailable ({exc}); using the fast tier")
        return load_default(artifacts)


def bias_check(model) -> dict:
    from .datasets import load_bias_eval
    from .model import default_verdict

    texts = load_bias_eval()
    scored = model.score_batch(texts, explain=False)
    t = model.thresholds
    ia = [s.scores["identity_attack"] >= t["identity_attack"] for s in scored]
    tox = [s.scores["toxicity"] >= t["toxicity"] for s in scored]
    verdicts = [default_verdict(s.scores) for s in scored]
    return {
        "n": len(texts),
        "identity_attack_flag_rate": float(np.mean(ia)),
        "toxicity_flag_rate": float(np.mean(tox)),
        "not_published_rate": float(np.mean([v != "publish" for v in verdicts])),
        "mean_identity_attack": float(np.mean([s.scores["identity_attack"] for s in scored])),
    }


OOD_SETS = (
    "kaggle_insults",
    "olid",
    "dynahate_partial",
    "hateval_tweeteval",
    "stormfront_hate",
    "ucc_unhealthy",
    "gab_hate_corpus",
)


def ood_eval(model, root: Path, sets: Sequence[str] = OOD_SETS) -> list[dict]:
    """All rows of the evaluation-only sets (never trained on) at the shipped thresholds."""
    from . import datasets as D
    from .train import evaluate_rows

    out = []
    for name in sets:
        try:
            rows = D.load(name, root)
        except FileNotFoundError:
            continue
        probs = predict_matrix(model, [r.text for r in rows])
        out.extend(evaluate_rows(rows, probs, model.thresholds))
    return out


def predict_matrix(model, texts: Sequence[str], batch: int = 2048) -> np.ndarray:
    from .categories import CATEGORIES

    if hasattr(model, "probabilities"):
        parts = [model.probabilities(texts[i : i + batch])[0] for i in range(0, len(texts), batch)]
        return np.vstack(parts) if parts else np.zeros((0, len(CATEGORIES)))
    scored = []
    for i in range(0, len(texts), batch):
        scored.extend(model.score_batch(list(texts[i : i + batch]), explain=False))
    return np.array([[s.scores[c] for c in CATEGORIES] for s in scored])


def format_table(rows: Sequence[dict], title: str) -> str:
    lines = [f"\n### {title}\n", "| dataset | category | n | pos | ROC-AUC | P | R | F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in rows:
        lines.append(
            f"| {r['dataset']} | {r['category']} | {r['n']} | {r['pos']} | {r['auc']:.3f} | "
            f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------ evaluate


def evaluate_main(argv: Sequence[str] | None = None) -> int:
    from . import datasets as D
    from .train import apply_profanity_lexicon, evaluate_rows

    ap = argparse.ArgumentParser(
        prog="soundoff-classifier evaluate",
        description="Quality table of the shipped model on the TEST splits (and eval-only sets).",
    )
    ap.add_argument("--datasets", type=Path, default=None)
    ap.add_argument("--artifacts", type=Path, default=None, help="artifacts root (with fast/)")
    ap.add_argument("--no-ood", action="store_true", help="skip the eval-only sets")
    ap.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    ap.add_argument("--tier", choices=("auto", "fast", "cascade"), default="auto",
                    help="model to evaluate (auto: the cascade when available)")  # fmt: skip
    args = ap.parse_args(argv)
    root = args.datasets or D.default_datasets_dir()
    if not root.is_dir():
        _log(f"error: data sets folder {root} not found")
        return 2
    try:
        model = load_for_tier(args.tier, args.artifacts)
    except ArtifactError as exc:
        _log(f"error: {exc}")
        return 2
    rows = [r for r in D.load_many(D.TRAIN_SETS, root) if r.split == "test"]
    apply_profanity_lexicon(rows)
    probs = predict_matrix(model, [r.text for r in rows])
    result = {"test": evaluate_rows(rows, probs, model.thresholds)}
    if not args.no_ood:
        result["out_of_domain"] = ood_eval(model, root)
    result["bias_eval"] = bias_check(model)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"model {model.model_version}; thresholds {model.thresholds}")
    print(format_table(result["test"], "Test split (train sets)"))
    if "out_of_domain" in result:
        print(format_table(result["out_of_domain"], "Out-of-domain (eval-only sets, all rows)"))
    b = result["bias_eval"]
    print(f"\nNeutral identity sentences (held out): {b['n']}; identity_attack flagged "
          f"{b['identity_attack_flag_rate']:.1%}; toxicity flagged {b['toxicity_flag_rate']:.1%};"
          f" not published under default policy {b['not_published_rate']:.1%}")  # fmt: skip
    return 0


# ------------------------------------------------------------------ score


def _iter_lines(stream: TextIO):
    for line in stream:
        if line.strip():
            yield line


def score_main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
               stdout: TextIO | None = None) -> int:  # fmt: skip
    from .model import default_verdict

    ap = argparse.ArgumentParser(
        prog="soundoff-classifier score",
        description='Score JSON lines {"text": ...} from stdin or --input; one JSON line out each.',
    )
    ap.add_argument("--input", type=Path, default=None)
    ap.add_argument("--artifacts", type=Path, default=None)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument(
        "--tier",
        choices=("auto", "fast", "cascade"),
        default="auto",
        help="auto (default): the cascade when its artifacts load, else fast",
    )
    args = ap.parse_args(argv)
    out = stdout or sys.stdout
    try:
        model = load_for_tier(args.tier, args.artifacts)
    except ArtifactError as exc:
        _log(f"error: {exc}")
        return 2
    src = open(args.input, encoding="utf-8") if args.input else (stdin or sys.stdin)  # noqa: SIM115
    try:
        pending: list[tuple[int, str]] = []
        results: dict[int, dict] = {}
        order = 0

        def flush() -> None:
            nonlocal results
            if pending:
                scored = model.score_batch([t for _, t in pending])
                for (k, _), s in zip(pending, scored, strict=True):
                    results[k] = {
                        "scores": {c: round(v, 4) for c, v in s.scores.items()},
                        "spans": [x.as_dict() for x in s.spans],
                        "verdict": default_verdict(s.scores),
                        "model_version": s.model_version,
                        "tier": s.tier,
                    }
                pending.clear()
            for k in sorted(results):
                out.write(json.dumps(results[k], ensure_ascii=False) + "\n")
            results = {}
            out.flush()

        for line in _iter_lines(src):
            try:
                rec = json.loads(line)
                text = rec.get("text") if isinstance(rec, dict) else None
                if not isinstance(text, str):
                    raise ValueError('expected an object with a string "text"')
            except (ValueError, AttributeError) as exc:
                flush()
                out.write(json.dumps({"error": f"bad input line {order + 1}: {exc}"}) + "\n")
                order += 1
                continue
            pending.append((order, text))
            order += 1
            if len(pending) >= args.batch:
                flush()
        flush()
    finally:
        if args.input:
            src.close()
    return 0


# ------------------------------------------------------------------ dispatcher


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "train": train_main,
        "train-semantic": train_semantic_main,
        "evaluate": evaluate_main,
        "score": score_main,
    }
    if not argv or argv[0] not in commands:
        names = ",".join(commands)
        print(f"usage: python -m soundoff.classifier {{{names}}} [options]", file=sys.stderr)
        return 2
    t0 = time.time()
    rc = commands[argv[0]](argv[1:])
    if argv[0] != "score":
        _log(f"done in {time.time() - t0:.1f}s")
    return rc
