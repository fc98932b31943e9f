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
import re
import threading
import unicodedata
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
    "normalize_text",
]

DEFAULT_ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts" / "semantic"
ENV_ARTIFACT_DIR = "SOUNDOFF_SEMANTIC_DIR"
DIM = 384
_MAX_CHARS = 4000


# ------------------------------------------------------------ normalising --
# Obfuscation that people use to slip words past filters, undone before tokenising:
# invisible format characters, Cyrillic/Greek look-alikes inside Latin words,
# digits for letters ("h4t3"), letters stretched ("haaaate"), spaced or dotted out
# ("h a t e", "h.a.t.e"). Only mixed-script or mixed letter/digit words are folded,
# so ordinary Greek or Cyrillic text and numbers like "covid19" are left alone.
_CONFUSABLES = str.maketrans(
    {
        "\u0430": "a", "\u0441": "c", "\u0435": "e", "\u0456": "i", "\u0458": "j",
        "\u043e": "o", "\u03bf": "o", "\u0440": "p", "\u03c1": "p", "\u0455": "s",
        "\u0445": "x", "\u03c7": "x", "\u0443": "y", "\u0410": "A", "\u0391": "A",
        "\u0412": "B", "\u0392": "B", "\u0421": "C", "\u0415": "E", "\u0395": "E",
        "\u041d": "H", "\u0397": "H", "\u0406": "I", "\u0399": "I", "\u041a": "K",
        "\u039a": "K", "\u041c": "M", "\u039c": "M", "\u039d": "N", "\u041e": "O",
        "\u039f": "O", "\u0420": "P", "\u03a1": "P", "\u0422": "T", "\u03a4": "T",
        "\u0425": "X", "\u03a7": "X", "\u03a5": "Y", "\u0432": "b", "\u043d": "h",
        "\u0442": "t", "\u043c": "m", "\u03b1": "a", "\u03b9": "i", "\u03ba": "k",
        "\u03bd": "v", "\u03c5": "u", "\u0501": "d", "\u04bb": "h", "\u04cf": "l",
        "\u051b": "q", "\u051d": "w", "\u0261": "g", "\u0131": "i", "\u0269": "i",
        "\u01c0": "l", "\u0475": "v", "\u0405": "S", "\u0408": "J", "\u03b2": "b",
        "\u03c4": "t", "\u0454": "e", "\u0457": "i",
    }
)  # fmt: skip
_LEET_CHARS = "43105798@$"
_LEET = str.maketrans(
    {
        "4": "a",
        "3": "e",
        "1": "i",
        "0": "o",
        "5": "s",
        "7": "t",
        "9": "g",
        "8": "b",
        "@": "a",
        "$": "s",
    }
)
_PROTECTED = re.compile(r"(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+)", re.IGNORECASE)
_WORDISH = re.compile(r"[^\W_]+(?:[@$][^\W_]+)*[@$]?", re.UNICODE)
_LEET_INSIDE = re.compile(r"[^\W\d_][43105798@$]+[^\W\d_]")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|s)$", re.IGNORECASE)
_SPACED = re.compile(r"(?<![\w'’])(?:[A-Za-z] ){2,}[A-Za-z]\b")
_DOTTED = re.compile(r"\b(?:[A-Za-z][.*\-_]){2,}[A-Za-z]\b")
_STRETCH = re.compile(r"([A-Za-z])\1{2,}")
_WORD = re.compile(r"[A-Za-z]+")


_SHORT_WORDS = frozenset(
    [
        "a",
        "i",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def _wordpieces(word: str, vocab: set[str]) -> int:
    """Rough WordPiece count (greedy longest match; '@' and '$' split words as in BERT)."""
    total = 0
    for part in re.split(r"([@$])", word):
        i, n = 0, len(part)
        while i < n:
            for j in range(min(n, i + 24), i, -1):
                if (part[i:j] if i == 0 else "##" + part[i:j]) in vocab:
                    break
            else:
                j = i + 1
            total += 1
            i = j
    return total


_SUFFIXES = frozenset(["ing", "ion", "ions", "ed", "er", "ers", "es", "ly", "ness", "ment", "tion"])


def _segment(letters: str, vocab: set[str]) -> str:
    """Re-split spaced-out letters into words ("ihatemuslims" -> "i hate muslims").

    Only splits into known whole words (at most 4, fewest first, one- and two-letter
    words only from a short list); otherwise the run stays one word and WordPiece
    handles it ("infestation", "sluts").
    """
    low = letters.lower()
    if low in vocab:
        return low
    n = len(low)

    def known(word: str) -> bool:
        if word in _SUFFIXES:
            return False
        return word in vocab and (len(word) > 2 or word in _SHORT_WORDS)

    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            prev = best[start]
            if prev is not None and known(low[start:end]):
                cand = (prev[0] + 1, start)
                if best[end] is None or cand[0] < best[end][0]:
                    best[end] = cand
    if best[n] is None or best[n][0] > 4:
        return low
    words, end = [], n
    while end > 0:
        start = best[end][1]
        words.append(low[start:end])
        end = start
    return " ".join(reversed(words))


def _unstretch(word: str, vocab: set[str] | None) -> str:
    """ "haaaate" -> "hate", "gooood" -> "good": prefer a double letter when it is a word."""
    one = _STRETCH.sub(r"\1", word)
    if vocab is None:
        return one
    two = _STRETCH.sub(r"\1\1", word)
    return two if two.lower() in vocab else one


def _fold_word(word: str, vocab: set[str] | None, latin_text: bool) -> str:
    if not word.isascii():
        mixed = any("a" <= c.lower() <= "z" for c in word)
        if mixed or (latin_text and word.translate(_CONFUSABLES).isascii()):
            word = word.translate(_CONFUSABLES)
    if (
        any(c in _LEET_CHARS for c in word)
        and sum(c.isalpha() for c in word) >= 2
        and not _ORDINAL.match(word)
    ):
        folded = word.translate(_LEET)
        if folded.isalpha():
            if vocab is None:
                ok = bool(_LEET_INSIDE.search(word))
            else:
                low = folded.lower()
                code_like = sum(c.isupper() for c in word) >= 2  # "W45WQ", "MP3"
                ok = low in vocab or (
                    not code_like and _wordpieces(low, vocab) < _wordpieces(word.lower(), vocab)
                )
            if ok:
                word = folded
    return word


def _mostly_latin(text: str) -> bool:
    latin = sum(1 for c in text if "a" <= c.lower() <= "z")
    other = sum(1 for c in text if c.isalpha() and not c.isascii())
    return latin > other


def _normalize_plain(text: str, vocab: set[str] | None) -> str:
    latin_text = _mostly_latin(text)
    text = _WORDISH.sub(lambda m: _fold_word(m.group(), vocab, latin_text), text)
    text = _DOTTED.sub(lambda m: re.sub(r"[.*\-_]", "", m.group()), text)
    if vocab is None:
        text = _SPACED.sub(lambda m: m.group().replace(" ", ""), text)
    else:
        text = _SPACED.sub(lambda m: _segment(m.group().replace(" ", ""), vocab), text)
    return _WORD.sub(
        lambda m: _unstretch(m.group(), vocab) if _STRETCH.search(m.group()) else m.group(),
        text,
    )


def normalize_text(text: str, vocab: set[str] | None = None) -> str:
    """Undo common filter-evasion spellings (see the comment above).

    With ``vocab`` (lower-case whole words, e.g. the tokenizer's), spaced-out letters
    are re-segmented into words and leet / stretched forms are folded only when the
    result is a known word. URLs and e-mail addresses are left untouched.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    parts = _PROTECTED.split(text)
    return "".join(p if i % 2 else _normalize_plain(p, vocab) for i, p in enumerate(parts))


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
        self._vocab = frozenset(self._tokenizer.get_vocab())
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
        self._model_path = model_path
        self._options = options
        # The ONNX session (about 75 MB) is created on the first encode: a web process
        # that only asks whether a comment needs the semantic tier never pays for it.
        self._session = None
        self._session_lock = threading.Lock()
        files = self.manifest.get("files", {}).get("encoder.onnx", {})
        digest = str(files.get("sha256", ""))[:12] or "unknown"
        self.version = f"minilm-l6-v2-int8-onnx@{digest}"

    def _ensure_session(self):
        if self._session is None:
            import onnxruntime as ort

            with self._session_lock:
                if self._session is None:
                    try:
                        session = ort.InferenceSession(
                            str(self._model_path),
                            sess_options=self._options,
                            providers=["CPUExecutionProvider"],
                        )
                    except Exception as exc:  # onnxruntime raises its own exception types
                        raise EncoderUnavailable(
                            f"could not load {self._model_path}: {exc}"
                        ) from exc
                    self._input_names = {i.name for i in session.get_inputs()}
                    self._output_name = session.get_outputs()[0].name
                    self._session = session
        return self._session

    def _run(self, texts: list[str]) -> np.ndarray:
        session = self._ensure_session()
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
        out = session.run([self._output_name], feeds)[0].astype(np.float32, copy=False)
        # The graph normalises already; renormalise to absorb int8 rounding.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def normalize(self, text: str) -> str:
        """The text as the encoder sees it (:func:`normalize_text` with this vocabulary)."""
        return normalize_text(text, self._vocab)

    def encode(self, texts: list[str], *, normalize: bool = True) -> np.ndarray:
        """Return an ``(n, 384)`` float32 array of L2-normalised embeddings.

        ``normalize`` (default) first undoes filter-evasion spellings, see
        :func:`normalize_text`.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of strings, not a single string")
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if normalize:
            # 128 tokens never need more than a few thousand characters.
            texts = [self.normalize(t[:_MAX_CHARS]) for t in texts]
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

    ``heads.npz`` holds ``categories`` (k,), ``coef`` (k, 384), ``intercept`` (k,) and
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
            self.weights = data["coef"].astype(np.float32)
            self.biases = data["intercept"].astype(np.float32)
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
