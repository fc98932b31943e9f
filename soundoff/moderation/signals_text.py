"""Signals beyond the classifier: near-duplicate fingerprints and SEO-spam names."""

from __future__ import annotations

import hashlib
import re

import numpy as np

NUM_PERM = 64
BANDS = 16  # 16 bands x 4 rows: pairs above ~0.5 Jaccard usually share a band
ROWS = NUM_PERM // BANDS
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20261128)
_A = _rng.integers(1, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[\w']+")
MIN_SHINGLES = 4


def shingles(text: str, k: int = 3) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def minhash(text: str) -> np.ndarray | None:
    """MinHash signature of word 3-shingles, or None for texts too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    hashes = np.array(
        [
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") >> 3
            for g in grams
        ],
        dtype=np.uint64,
    )
    # (a*x + b) mod p for every permutation; products may wrap in uint64, which only
    # changes which universal hash family member we use, not the estimator.
    with np.errstate(over="ignore"):
        values = (hashes[None, :] * _A[:, None] + _B[:, None]) % _PRIME
    return values.min(axis=1)


def bands(signature: np.ndarray) -> list[str]:
    out = []
    for b in range(BANDS):
        chunk = signature[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append(f"{b:02d}" + hashlib.blake2b(chunk, digest_size=8).hexdigest())
    return out


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


SEO_WORDS = {
    "buy",
    "cheap",
    "casino",
    "loan",
    "loans",
    "viagra",
    "cialis",
    "crypto",
    "bitcoin",
    "forex",
    "seo",
    "backlinks",
    "essay",
    "escort",
    "replica",
    "pills",
    "pharmacy",
    "discount",
    "deals",
    "bet",
    "betting",
    "payday",
    "followers",
    "rolex",
    "outlet",
    "dating",
    "porn",
    "xxx",
    "weight",
    "diet",
    "keto",
    "insurance",
    "mortgage",
    "investment",
    "trading",
    "jackpot",
}
_DOMAIN_LIKE = re.compile(
    r"\b[\w-]+\.(com|net|org|info|biz|ru|xyz|top|shop|site|online|io)\b", re.I
)


def seo_name_reason(name: str, url: str = "") -> str:
    """Why a display name or author URL looks like SEO spam, or "" if it doesn't."""
    words = [w.casefold() for w in _WORD.findall(name)]
    hits = sorted({w for w in words if w in SEO_WORDS})
    if _DOMAIN_LIKE.search(name):
        return f"name is a web address ({name!r})"
    if hits and (len(words) >= 2 or (len(hits) >= 1 and len(name) > 12)):
        return f"name has commercial keywords ({', '.join(hits)})"
    if url:
        host_words = set(re.split(r"[\W_]+", url.casefold()))
        url_hits = sorted(host_words & SEO_WORDS)
        if len(url_hits) >= 1 and hits:
            return f"website and name have commercial keywords ({', '.join(url_hits)})"
        if len(url_hits) >= 2:
            return f"website has commercial keywords ({', '.join(url_hits)})"
    return ""
