"""Fast tier: hashed word + character n-grams over normalised text, one calibrated linear
model per category, plus a few rule-derived features (links, money, phone numbers, swear
words).  Scores a comment in well under a millisecond and explains itself with word spans
mapped back to the original text.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# sklearn's own hashing loop (what HashingVectorizer calls), for many n-grams at once; the
# equality test with HashingVectorizer guards this private import across sklearn versions.
from sklearn.feature_extraction._hashing_fast import transform as _hash_transform
from sklearn.linear_model import LogisticRegression

from .categories import CATEGORIES
from .lexicon import _PROFANITY_RE, PROFANITY_STEMS
from .normalize import Normalized, normalize

__all__ = ["RULE_FEATURES", "FastClassifier", "Span", "rule_features"]

TOKEN_PATTERN = r"(?u)\b\w+\b"  # noqa: S105
_CONTRIB_CACHE_LIMIT = 100_000  # words whose explanation weights are kept (see explain)
_CONTRIB_LOCK = threading.Lock()
_WORD_RE = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True, slots=True)
class Span:
    """A part of the ORIGINAL text that pushed ``category`` up by ``weight``."""

    start: int
    end: int
    category: str
    weight: float
    text: str

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "weight": round(float(self.weight), 4),
            "text": self.text,
        }


# ------------------------------------------------------------------ hashed n-grams


class NgramHasher:
    """The counts ``HashingVectorizer(analyzer=..., alternate_sign=False, norm=None,
    lowercase=False)`` computes (same columns, same values), several times faster.

    sklearn builds every n-gram of every comment as a Python string, then hashes them one
    by one. Here a word's character n-grams are hashed once and their columns kept in a
    bounded cache (words repeat across comments, so a comment costs a dictionary lookup per
    word); word n-grams, mostly unique pairs, are hashed for the whole batch in one call
    to sklearn's own hashing loop. ``tests/classifier/test_behaviour.py`` checks the result
    equals sklearn's on varied text.
    """

    CACHE_LIMIT = 100_000  # words whose character n-gram columns are kept; then cleared

    def __init__(self, analyzer: str, ngram_range: tuple[int, int], n_features: int) -> None:
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported analyzer {analyzer!r}")
        self.analyzer = analyzer
        self.min_n, self.max_n = (int(n) for n in ngram_range)
        if self.min_n < 1 or self.max_n < self.min_n:
            raise ValueError(f"bad ngram_range {ngram_range!r}")
        self.n_features = int(n_features)
        # word -> the int32 columns of its character n-grams, as bytes (compact, and a
        # comment's columns are then one bytes join)
        self._cache: dict[str, bytes] = {}

    def _char_grams(self, word: str) -> list[str]:
        # sklearn's _char_wb_ngrams for one word: padded with spaces, a word shorter than
        # n counted once for that n and no longer n-grams taken.
        w = f" {word} "
        size = len(w)
        out = []
        for n in range(self.min_n, self.max_n + 1):
            if size <= n:
                out.append(w)
                break
            out.extend(w[i : i + n] for i in range(size - n + 1))
        return out

    def _word_grams(self, text: str) -> list[str]:
        tokens = _WORD_RE.findall(text)
        grams = list(tokens) if self.min_n == 1 else []
        for n in range(max(self.min_n, 2), min(self.max_n, len(tokens)) + 1):
            grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def _hash(self, docs: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Columns (int32) and row pointers of every n-gram of ``docs``, in order."""
        idx, ptr, _ = _hash_transform(
            [[(g, 1) for g in grams] for grams in docs], self.n_features, np.float32, False, 0
        )
        return np.asarray(idx, dtype=np.int32), np.asarray(ptr, dtype=np.int64)

    def _char_columns(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        words = [t.split() for t in texts]
        cache = self._cache
        missing = list(dict.fromkeys(w for ws in words for w in ws if w not in cache))
        if len(cache) + len(missing) > self.CACHE_LIMIT:
            # Full: start again (the common words come back at once).
            self._cache = cache = {}
            missing = list(dict.fromkeys(w for ws in words for w in ws))
        if missing:
            idx, ptr = self._hash([self._char_grams(w) for w in missing])
            raw = idx.tobytes()
            for i, w in enumerate(missing):
                cache[w] = raw[4 * ptr[i] : 4 * ptr[i + 1]]
        parts: list[bytes] = []
        ptr = [0]
        size = 0  # bytes so far; four per column
        for ws in words:
            for w in ws:
                part = cache[w]
                parts.append(part)
                size += len(part)
            ptr.append(size // 4)
        cols = np.frombuffer(b"".join(parts), dtype=np.int32).copy()
        return cols, np.asarray(ptr, dtype=np.int64)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        if self.analyzer == "char_wb":
            cols, ptr = self._char_columns(texts)
        else:
            cols, ptr = self._hash([self._word_grams(t) for t in texts])
        X = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), cols, ptr.astype(np.int32)),
            shape=(len(texts), self.n_features),
        )
        X.sum_duplicates()  # sums repeated n-grams and sorts the columns, as sklearn does
        return X


# ------------------------------------------------------------------ rule features

_URL_RE = re.compile(
    r"(?i)(https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|info|biz|xyz|ru|io|co|ly|me|tk|us|uk|"
    r"online|site|club|shop|top|example)\b)"
)
_EMAIL_RE = re.compile(r"(?i)\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PHONE_RE = re.compile(r"(?:\+?\d[\d\s().-]{7,}\d)")
_MONEY_RE = re.compile(
    # Lookahead: the first characters the alternatives can start with (as for _PROMO_RE).
    r"(?i)(?=[$£€\dcpefw])([$£€]\s?\d|\d+\s?(?:usd|dollars|pounds|euros|bucks)\b|"
    r"\b(?:cash|prize|earn|free|win|won)\b)"
)
_PROMO_RE = re.compile(
    # The lookahead holds every alternative's first letter: a word starting with another
    # letter is passed over after one test instead of fourteen.
    r"(?i)\b(?=[bcflmopstvw])(check (?:out )?my|"
    r"my (?:channel|website|site|blog|page|video)|subscribe|"
    r"click (?:here|the link)|visit (?:my|our|www)|follow me|sign up|order now|buy now|"
    r"limited offer|work(?:ing)? from home|per (?:hour|day|week)|txt|text \w+ to)\b"
)
RULE_FEATURES = (
    "has_url",
    "n_urls",
    "has_email",
    "has_phone",
    "money_words",
    "promo_phrases",
    "caps_ratio",
    "exclamations",
    "log_length",
    "profanity_words",
    "second_person",
)
# "you're" is counted as "you" (its apostrophe ends the word).
_SECOND_PERSON = frozenset({"you", "your", "youre", "u", "ur", "yourself"})
PROFANITY_WORDS = frozenset(PROFANITY_STEMS)
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + bytes(range(ord("a"), ord("z") + 1))


def rule_features(original: str, norm: str) -> list[float]:
    n_urls = len(_URL_RE.findall(original))
    if original.isascii():  # count by deleting bytes (ASCII letters are [A-Za-z])
        raw = original.encode("ascii")
        n_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        n_upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    else:
        n_letters = sum(map(str.isalpha, original))
        n_upper = sum(map(str.isupper, original))
    caps = n_upper / n_letters if n_letters >= 8 else 0.0
    # Both word lists are whole words of letters, so counting the normalised text's tokens
    # that are in them counts what `\b(?:word|...)\b` would match.
    profane = second = 0
    for token in _WORD_RE.findall(norm):
        if token in PROFANITY_WORDS:
            profane += 1
        elif token in _SECOND_PERSON:
            second += 1
    return [
        1.0 if n_urls else 0.0,
        min(n_urls, 3) / 3.0,
        1.0 if _EMAIL_RE.search(original) else 0.0,
        1.0 if _PHONE_RE.search(original) else 0.0,
        min(len(_MONEY_RE.findall(original)), 3) / 3.0,
        min(len(_PROMO_RE.findall(original)), 3) / 3.0,
        caps,
        min(original.count("!"), 5) / 5.0,
        min(math.log1p(len(original)) / 8.0, 1.0),
        min(profane, 3) / 3.0,
        min(second, 3) / 3.0,
    ]


# ------------------------------------------------------------------ negation marking

_NEGATORS = (
    r"not|no|never|nobody|nothing|none|neither|nor|cannot|"
    r"(?:do|does|did|is|are|was|were|ca|wo|should|would|could|have|has|had)n'?t"
)
_NEG_RE = re.compile(r"\b(?:" + _NEGATORS + r")\b")
_CLAUSE_END = re.compile(r"[.,;:!?\n]|\bbut\b")


def mark_negation(text: str, scope: int = 3) -> str:
    """Prefix the ``scope`` words after a negator with ``not_`` (word features only), so that
    "i don't hate them" and "i hate them" share fewer word features."""
    if not _NEG_RE.search(text):
        return text
    out: list[str] = []
    pos = 0
    for m in _NEG_RE.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.end()])
        end_m = _CLAUSE_END.search(text, m.end())
        limit = end_m.start() if end_m else len(text)
        seg = text[m.end() : limit]
        n = 0

        def mark(w: re.Match) -> str:
            nonlocal n
            n += 1
            return "not_" + w.group() if n <= scope else w.group()

        out.append(_WORD_RE.sub(mark, seg))
        pos = limit
    out.append(text[pos:])
    return "".join(out)


# ------------------------------------------------------------------ the estimator


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


class FastClassifier:
    """Multi-label linear classifier over hashed n-grams of normalised text.

    ``fit(texts, Y)`` takes ``Y`` of shape (n, len(categories)) with ``nan`` where a row says
    nothing about a category (masked).  ``calibrate(texts, Y)`` fits Platt scaling per category
    on held-out (dev) data.  Fitted attributes end in ``_``.
    """

    def __init__(
        self,
        categories: Sequence[str] = CATEGORIES,
        word_features: int = 2**17,
        char_features: int = 2**18,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 5),
        C: float | dict[str, float] = 2.0,
        class_weight: str | None = "balanced",
        max_iter: int = 200,
        random_state: int = 0,
        negation_scope: int = 0,
    ) -> None:
        self.categories = categories
        self.word_features = word_features
        self.char_features = char_features
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state
        self.negation_scope = negation_scope

    # -- features -----------------------------------------------------------------

    def _hashers(self) -> tuple[NgramHasher, NgramHasher]:
        hw = getattr(self, "_hw", None)
        if hw is None:
            hw = NgramHasher("word", tuple(self.word_ngram_range), self.word_features)
            hc = NgramHasher("char_wb", tuple(self.char_ngram_range), self.char_features)
            self._hw, self._hc = hw, hc
        return self._hw, self._hc

    def _raw_counts(self, norm_texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        vw, vc = self._hashers()
        words = norm_texts
        if self.negation_scope:
            words = [mark_negation(t, self.negation_scope) for t in norm_texts]
        return vw.transform(words), vc.transform(norm_texts)

    @staticmethod
    def _tfidf_block(X: sp.csr_matrix, idf: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
        X = X.tocsr(copy=True)
        X.data = np.log1p(X.data)
        X.data *= idf[X.indices]
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        X = sp.csr_matrix(X.multiply(1.0 / norms[:, None]))
        return X, norms

    def _features(self, texts: Sequence[str], norms: list[Normalized] | None = None):
        if norms is None:
            norms = [normalize(t) for t in texts]
        ntexts = [n.text for n in norms]
        Xw, Xc = self._raw_counts(ntexts)
        Xw, nw = self._tfidf_block(Xw, self.idf_[: self.word_features])
        Xc, nc = self._tfidf_block(Xc, self.idf_[self.word_features :])
        R = np.array(
            [rule_features(t, n) for t, n in zip(texts, ntexts, strict=True)], dtype=np.float32
        ).reshape(len(ntexts), len(RULE_FEATURES))
        X = sp.hstack([Xw, Xc, sp.csr_matrix(R)], format="csr", dtype=np.float32)
        return X, norms, (nw, nc)

    # -- fitting ------------------------------------------------------------------

    def _C_for(self, cat: str) -> float:
        if isinstance(self.C, dict):
            return float(self.C.get(cat, 1.0))
        return float(self.C)

    def fit(self, texts: Sequence[str], Y: np.ndarray, sample_weight: np.ndarray | None = None):
        Y = np.asarray(Y, dtype=np.float64)
        n = len(texts)
        if Y.shape != (n, len(self.categories)):
            raise ValueError("Y must have shape (n_texts, n_categories)")
        norms = [normalize(t) for t in texts]
        Xw, Xc = self._raw_counts([x.text for x in norms])
        # smoothed idf over the hashed buckets
        df = np.concatenate(
            [np.bincount(Xw.indices, minlength=self.word_features),
             np.bincount(Xc.indices, minlength=self.char_features)]
        ).astype(np.float64)  # fmt: skip
        self.idf_ = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        X, _, _ = self._features(texts, norms)
        k = len(self.categories)
        sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if sw.ndim == 1:
            sw = np.repeat(sw[:, None], k, axis=1)
        if sw.shape != (n, k):
            raise ValueError("sample_weight must have shape (n,) or (n, n_categories)")
        self.coef_ = np.zeros((k, X.shape[1]), dtype=np.float32)
        self.intercept_ = np.zeros(k, dtype=np.float32)
        self.n_train_ = np.zeros(k, dtype=np.int64)
        for j, cat in enumerate(self.categories):
            mask = ~np.isnan(Y[:, j])
            y = Y[mask, j].astype(int)
            if mask.sum() == 0 or len(np.unique(y)) < 2:
                self.intercept_[j] = -5.0
                continue
            clf = LogisticRegression(
                C=self._C_for(cat),
                solver="liblinear",
                class_weight=self.class_weight,
                max_iter=self.max_iter,
                random_state=self.random_state,
            )
            clf.fit(X[mask], y, sample_weight=sw[mask, j])
            self.coef_[j] = clf.coef_[0]
            self.intercept_[j] = clf.intercept_[0]
            self.n_train_[j] = int(mask.sum())
        self.calib_ = np.tile(np.array([1.0, 0.0], dtype=np.float64), (k, 1))
        return self

    def coef_T(self) -> np.ndarray:
        """``coef_.T`` as a C-contiguous (n_features, k) array, cached: sparse @ dense with a
        transposed view would copy the whole weight matrix on every call."""
        cache = getattr(self, "_coef_T_cache", None)
        if cache is None or cache[0] is not self.coef_:
            cache = (self.coef_, np.ascontiguousarray(self.coef_.T))
            self._coef_T_cache = cache
        return cache[1]

    def _coef_blocks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``coef_.T`` split into its word, char and rule rows (views of ``coef_T()``)."""
        cT = self.coef_T()
        wf, cf = self.word_features, self.char_features
        return cT[:wf], cT[wf : wf + cf], cT[wf + cf :]

    @staticmethod
    def _block_logits(
        X: sp.csr_matrix, idf: np.ndarray, W: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(tfidf(X) / row norm) @ W`` and the row norms, as ``_tfidf_block`` then a
        product would give, without building the intermediate sparse matrices."""
        n = X.shape[0]
        data = np.log1p(X.data) * idf[X.indices]
        counts = np.diff(X.indptr)
        rows = np.repeat(np.arange(n), counts)
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
        norms[norms == 0] = 1.0
        if n == 1:
            Z = (data @ W[X.indices])[None, :] / norms[0]
        else:
            scaled = data / norms[rows]
            Z = np.asarray(sp.csr_matrix((scaled, X.indices, X.indptr), shape=X.shape) @ W)
        return Z, norms

    def logits(self, texts: Sequence[str], norms: list[Normalized]):
        """Decision values (n, k) and the block norms, the same numbers as
        ``decision_function`` computes through ``_features`` but with a fraction of the
        sparse-matrix overhead: the path every scored comment takes."""
        ntexts = [n.text for n in norms]
        Xw, Xc = self._raw_counts(ntexts)
        Ww, Wc, Wr = self._coef_blocks()
        wf = self.word_features
        Zw, nw = self._block_logits(Xw, self.idf_[:wf], Ww)
        Zc, nc = self._block_logits(Xc, self.idf_[wf:], Wc)
        R = np.array(
            [rule_features(t, n) for t, n in zip(texts, ntexts, strict=True)], dtype=np.float32
        ).reshape(len(ntexts), len(RULE_FEATURES))
        Z = Zw + Zc + R @ Wr + self.intercept_
        return Z, (nw, nc)

    def decision_function(self, texts: Sequence[str], norms: list[Normalized] | None = None):
        if norms is None:
            norms = [normalize(t) for t in texts]
        return self.logits(texts, norms)[0]

    def calibrate(self, texts: Sequence[str], Y: np.ndarray, min_pos: int = 5):
        """Platt scaling per category on held-out rows (masked like ``fit``)."""
        Z = self.decision_function(texts)
        Y = np.asarray(Y, dtype=np.float64)
        for j in range(len(self.categories)):
            mask = ~np.isnan(Y[:, j])
            y = Y[mask, j].astype(int)
            if y.sum() < min_pos or (len(y) - y.sum()) < min_pos:
                continue
            lr = LogisticRegression(C=100.0, solver="lbfgs")
            lr.fit(Z[mask, j : j + 1], y)
            self.calib_[j] = (float(lr.coef_[0, 0]), float(lr.intercept_[0]))
        return self

    def predict_proba(self, texts: Sequence[str], norms: list[Normalized] | None = None):
        Z = self.decision_function(texts, norms)
        return _sigmoid(Z * self.calib_[:, 0] + self.calib_[:, 1])

    # -- explanations -----------------------------------------------------------

    def _word_contributions(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(word-block, char-block) contributions of each word alone to every category,
        before dividing by a document's block norms; shapes (len(words), n_categories).

        A word's contributions depend only on the word, so they are computed once and kept
        (rows of two matrices, indexed by word; emptied after ``_CONTRIB_CACHE_LIMIT``)."""
        with _CONTRIB_LOCK:  # threaded servers share one model; rows are appended in place
            return self._word_contributions_locked(words)

    def _word_contributions_locked(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        k = len(self.categories)
        store = getattr(self, "_contrib", None)
        if store is None or store[0] is not self.coef_ or len(store[1]) > _CONTRIB_CACHE_LIMIT:
            store = self._contrib = [self.coef_, {}, np.zeros((0, k)), np.zeros((0, k))]
        _, index, Mw, Mc = store
        missing = [w for w in dict.fromkeys(words) if w not in index]
        if missing:
            Ww, Wc, _ = self._coef_blocks()
            Xw, Xc = self._raw_counts(missing)
            wf = self.word_features
            Xw.data = np.log1p(Xw.data) * self.idf_[:wf][Xw.indices]
            Xc.data = np.log1p(Xc.data) * self.idf_[wf:][Xc.indices]
            start, end = len(index), len(index) + len(missing)
            if end > len(Mw):  # grow geometrically: a new word must not copy the store
                size = max(end, 2 * len(Mw), 1024)
                Mw = store[2] = np.resize(Mw, (size, k))
                Mc = store[3] = np.resize(Mc, (size, k))
            Mw[start:end] = np.asarray(Xw @ Ww)
            Mc[start:end] = np.asarray(Xc @ Wc)
            for i, w in enumerate(missing):
                index[w] = start + i
        rows = np.fromiter((index[w] for w in words), dtype=np.int64, count=len(words))
        return Mw[rows], Mc[rows]

    def explain_batch(
        self,
        norms: Sequence[Normalized],
        categories: Sequence[Sequence[str]],
        block_norms: Sequence[tuple[float, float]],
        top_k: int = 3,
        min_share: float = 0.35,
    ) -> list[list[Span]]:
        """Explanations for many documents with one featurisation of all their words."""
        out: list[list[Span]] = [[] for _ in norms]
        todo = [i for i, cats in enumerate(categories) if cats]
        if not todo:
            return out
        doc_words = {i: _WORD_RE.findall(norms[i].text) for i in todo}
        vocab: dict[str, int] = {}
        for i in todo:
            for w in doc_words[i]:
                vocab.setdefault(w, len(vocab))
        if vocab:
            cw, cc = self._word_contributions(list(vocab))
        cat_col = {c: j for j, c in enumerate(self.categories)}
        for i in todo:
            norm = norms[i]
            src = norm.original or norm.text
            nw, nc = block_norms[i]
            uniq = list(dict.fromkeys(doc_words[i]))
            if uniq:
                ids = [vocab[w] for w in uniq]
                contrib = cw[ids] / max(nw, 1e-9) + cc[ids] / max(nc, 1e-9)
                ranked = np.argsort(-contrib, axis=0, kind="stable")[:top_k]
            positions = None  # word -> its (start, end) spans, found when first needed
            for cat in categories[i]:
                if cat == "profanity":
                    lex = [m.span() for m in _PROFANITY_RE.finditer(norm.text)]
                    if lex:
                        for s, e in lex[: top_k * 2]:
                            os_, oe = norm.to_original_span(s, e)
                            out[i].append(Span(os_, oe, cat, 1.0, src[os_:oe]))
                        continue
                if not uniq:
                    continue
                j = cat_col[cat]
                col = contrib[:, j]
                order = ranked[:, j]
                top = float(col[order[0]])
                for u in order:
                    wgt = float(col[u])
                    if wgt <= 0 or wgt < min_share * top:
                        break
                    if positions is None:
                        positions = {}
                        for m in _WORD_RE.finditer(norm.text):
                            positions.setdefault(m.group(), []).append(m.span())
                    for s, e in positions[uniq[u]]:
                        os_, oe = norm.to_original_span(s, e)
                        out[i].append(Span(os_, oe, cat, wgt, src[os_:oe]))
        return out

    def explain(
        self,
        norm: Normalized,
        categories: Sequence[str],
        block_norms: tuple[float, float] | None = None,
        top_k: int = 3,
        min_share: float = 0.35,
    ) -> list[Span]:
        """Top words (mapped to ORIGINAL offsets) pushing each of ``categories`` up."""
        if block_norms is None:
            _, _, (nw, nc) = self._features([norm.original or norm.text], [norm])
            block_norms = (float(nw[0]), float(nc[0]))
        return self.explain_batch([norm], [list(categories)], [block_norms], top_k, min_share)[0]

    # -- persistence helpers (see artifacts.py) ------------------------------------

    def get_params(self) -> dict:
        return {
            "categories": list(self.categories),
            "word_features": self.word_features,
            "char_features": self.char_features,
            "word_ngram_range": list(self.word_ngram_range),
            "char_ngram_range": list(self.char_ngram_range),
            "C": self.C,
            "class_weight": self.class_weight,
            "max_iter": self.max_iter,
            "random_state": self.random_state,
            "negation_scope": self.negation_scope,
        }

    def set_params(self, **params):
        for k, v in params.items():
            setattr(self, k, v)
        self._hw = None
        return self
