"""Semantic tier: a small sentence encoder (all-MiniLM-L6-v2, int8 ONNX).

Run time needs only numpy, onnxruntime and tokenizers -- never torch. The graph in
``artifacts/semantic/encoder.onnx`` already contains attention-masked mean pooling
and L2 normalisation, so :meth:`SentenceEncoder.encode` returns unit vectors.
The artifact is rebuilt by ``tools/export_encoder.py`` (see docs/semantic.md).

    from soundoff.classifier.semantic import load_encoder
    enc = load_encoder()
    vectors = enc.encode(["first comment", "second comment"])  # (2, 384) float32
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "DEFAULT_ARTIFACT_DIR",
    "EncoderUnavailable",
    "HeadScores",
    "SemanticHead",
    "SentenceEncoder",
    "load_encoder",
    "load_semantic_head",
]

DEFAULT_ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts" / "semantic"
ENV_ARTIFACT_DIR = "SOUNDOFF_SEMANTIC_DIR"
DIM = 384


class EncoderUnavailable(RuntimeError):
    """The semantic encoder cannot be used (artifact or runtime dependency missing)."""


class SentenceEncoder:
    """Tokenise, run the ONNX graph, return L2-normalised sentence embeddings."""

    def __init__(
        self,
        artifact_dir: str | os.PathLike[str] = DEFAULT_ARTIFACT_DIR,
        *,
        max_length: int | None = None,
        batch_size: int = 1,
        intra_op_threads: int | None = None,
    ) -> None:
        directory = Path(artifact_dir)
        model_path = directory / "encoder.onnx"
        tokenizer_path = directory / "tokenizer.json"
        manifest_path = directory / "manifest.json"
        missing = [p.name for p in (model_path, tokenizer_path) if not p.is_file()]
        if missing:
            raise EncoderUnavailable(
                f"semantic encoder artifact incomplete in {directory}: "
                f"missing {', '.join(missing)}. Rebuild it with tools/export_encoder.py "
                "(see docs/semantic.md)."
            )
        try:
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise EncoderUnavailable(
                "the semantic encoder needs the 'onnxruntime' package: pip install onnxruntime"
            ) from exc
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise EncoderUnavailable(
                "the semantic encoder needs the 'tokenizers' package: pip install tokenizers"
            ) from exc

        self.manifest: dict = {}
        if manifest_path.is_file():
            self.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        self.max_length = int(max_length or self.manifest.get("max_seq_len", 128))
        self.batch_size = max(1, int(batch_size))
        self.dim = int(self.manifest.get("dim", DIM))

        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=self.max_length)
        self._tokenizer.no_padding()

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One intra-op thread is the default: on a small shared box (2 cores, web
        # workers beside it) it measured faster than 2 threads; 0 = onnxruntime's choice.
        threads = intra_op_threads
        if threads is None:
            threads = int(os.environ.get("SOUNDOFF_SEMANTIC_THREADS", "1") or 0)
        if threads > 0:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EncoderUnavailable(f"could not load {model_path}: {exc}") from exc
        self._input_names = {i.name for i in self._session.get_inputs()}
        self._output_name = self._session.get_outputs()[0].name
        files = self.manifest.get("files", {}).get("encoder.onnx", {})
        digest = str(files.get("sha256", ""))[:12] or "unknown"
        self.version = f"minilm-l6-v2-int8-onnx@{digest}"

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        out = self._session.run([self._output_name], feeds)[0].astype(np.float32, copy=False)
        # The graph normalises already; renormalise to absorb int8 rounding.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return an ``(n, 384)`` float32 array of L2-normalised embeddings."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of strings, not a single string")
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Dynamic int8 quantisation picks activation scales per call from the whole
        # batch, so a text's vector would depend on its batch mates (and padding).
        # batch_size=1 (default) keeps every embedding reproducible; on one thread it
        # measured as fast per text as batches of 32. With larger batches, sort by
        # length so each batch pads little; restore the order afterwards.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            result[idx] = self._run([texts[i] for i in idx])
        return result

    def __repr__(self) -> str:
        return f"SentenceEncoder(version={self.version!r}, max_length={self.max_length})"


_CACHE: dict[str, SentenceEncoder] = {}
_LOCK = threading.Lock()


def load_encoder(artifact_dir: str | os.PathLike[str] | None = None) -> SentenceEncoder:
    """Return a cached :class:`SentenceEncoder`.

    The artifact folder is ``artifact_dir``, else ``$SOUNDOFF_SEMANTIC_DIR``, else the
    one shipped in the package. Raises :class:`EncoderUnavailable` when it cannot load.
    """
    directory = Path(artifact_dir or os.environ.get(ENV_ARTIFACT_DIR) or DEFAULT_ARTIFACT_DIR)
    key = str(directory.resolve())
    with _LOCK:
        encoder = _CACHE.get(key)
        if encoder is None:
            encoder = SentenceEncoder(directory)
            _CACHE[key] = encoder
        return encoder


# ------------------------------------------------------------------ heads --
@dataclass(frozen=True)
class HeadScores:
    """Per-category probabilities for one text (same shape as the fast tier's ``Scored``)."""

    scores: dict[str, float]


class SemanticHead:
    """Logistic-regression heads on top of :class:`SentenceEncoder` embeddings.

    ``heads.npz`` holds ``categories`` (k,), ``weights`` (k, 384), ``biases`` (k,) and
    per-category decision ``thresholds`` (k,); ``heads.json`` records how they were
    trained (``tools/export_encoder.py train-heads``).
    """

    def __init__(self, encoder: SentenceEncoder, heads_path: str | os.PathLike[str]) -> None:
        path = Path(heads_path)
        if not path.is_file():
            raise EncoderUnavailable(
                f"semantic heads not found at {path}; train them with "
                "'python tools/export_encoder.py train-heads' (see docs/semantic.md)"
            )
        with np.load(path, allow_pickle=False) as data:
            self.categories = tuple(str(c) for c in data["categories"])
            self.weights = data["weights"].astype(np.float32)
            self.biases = data["biases"].astype(np.float32)
            self.thresholds = dict(
                zip(self.categories, (float(t) for t in data["thresholds"]), strict=True)
            )
        if self.weights.shape != (len(self.categories), encoder.dim):
            raise EncoderUnavailable(f"{path}: weights shape {self.weights.shape} mismatch")
        self.encoder = encoder
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        self.version = f"{encoder.version}+heads@{digest}"

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        logits = self.encoder.encode(texts) @ self.weights.T + self.biases
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))

    def score_batch(self, texts: list[str]) -> list[HeadScores]:
        probs = self.predict_proba(list(texts))
        return [
            HeadScores({c: float(p) for c, p in zip(self.categories, row, strict=True)})
            for row in probs
        ]

    def verdict(self, scores: dict[str, float]) -> str:
        """ "hold" when any category reaches its threshold, else "publish"."""
        hit = any(scores.get(c, 0.0) >= t for c, t in self.thresholds.items())
        return "hold" if hit else "publish"


_HEAD_CACHE: dict[str, SemanticHead] = {}


def load_semantic_head(artifact_dir: str | os.PathLike[str] | None = None) -> SemanticHead:
    """Cached :class:`SemanticHead` from ``heads.npz`` beside the encoder artifact."""
    directory = Path(artifact_dir or os.environ.get(ENV_ARTIFACT_DIR) or DEFAULT_ARTIFACT_DIR)
    encoder = load_encoder(directory)
    key = str(directory.resolve())
    with _LOCK:
        head = _HEAD_CACHE.get(key)
        if head is None:
            head = SemanticHead(encoder, directory / "heads.npz")
            _HEAD_CACHE[key] = head
        return head
