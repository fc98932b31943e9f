"""Saving and loading model artifacts without pickle.

An artifact directory holds ``manifest.json`` plus plain arrays in ``.npz`` files (loaded with
``allow_pickle=False``).  Loading refuses an unknown format version or a scikit-learn
major.minor other than the one that trained the model, with a clear :class:`ArtifactError`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
import subprocess
from pathlib import Path

import numpy as np
import scipy
import sklearn

from .fast import RULE_FEATURES, FastClassifier

__all__ = [
    "FORMAT_VERSION",
    "ArtifactError",
    "code_revision",
    "file_sha256",
    "library_versions",
    "load_fast",
    "read_manifest",
    "save_fast",
]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FAST_ARRAYS = "fast.npz"


class ArtifactError(RuntimeError):
    """An artifact is missing, corrupt, or was built for another format or library version."""


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def code_revision(cwd: Path | None = None) -> str | None:
    try:
        res = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=cwd or Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    rev = res.stdout.strip()
    return rev if res.returncode == 0 and rev else None


def library_versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
    }


def _major_minor(v: str) -> str:
    return ".".join(v.split(".")[:2])


def save_fast(
    model: FastClassifier,
    out_dir: Path | str,
    *,
    thresholds: dict[str, float],
    metrics: dict | None = None,
    datasets: list[dict] | None = None,
    extra: dict | None = None,
) -> dict:
    """Write ``fast.npz`` + ``manifest.json`` to ``out_dir``; returns the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    arrays = out / FAST_ARRAYS
    np.savez_compressed(
        arrays,
        coef=model.coef_.astype(np.float16),
        intercept=model.intercept_.astype(np.float32),
        idf=model.idf_.astype(np.float16),
        calib=np.asarray(model.calib_, dtype=np.float64),
        n_train=np.asarray(model.n_train_, dtype=np.int64),
    )
    created = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    digest = file_sha256(arrays)
    manifest = {
        "format_version": FORMAT_VERSION,
        "tier": "fast",
        "model_version": f"fast-{created:%Y%m%d}-{digest[:8]}",
        "created_at": created.isoformat(),
        "code_revision": code_revision(),
        "libraries": library_versions(),
        "params": model.get_params(),
        "rule_features": list(RULE_FEATURES),
        "categories": list(model.categories),
        "thresholds": thresholds,
        "files": {FAST_ARRAYS: digest},
        "datasets": datasets or [],
        "metrics": metrics or {},
    }
    if extra:
        manifest.update(extra)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=False) + "\n")
    return manifest


def read_manifest(art_dir: Path | str) -> dict:
    path = Path(art_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ArtifactError(f"no {MANIFEST} in {art_dir}") from exc
    except json.JSONDecodeError as exc:
        raise ArtifactError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict):
        raise ArtifactError(f"{path}: manifest must be a JSON object")
    return manifest


def check_manifest(manifest: dict, where: str = "artifact") -> None:
    fv = manifest.get("format_version")
    if fv != FORMAT_VERSION:
        raise ArtifactError(
            f"{where}: format version {fv!r} is not supported (this code reads version "
            f"{FORMAT_VERSION}); retrain with `python -m soundoff.classifier train`"
        )
    trained_with = (manifest.get("libraries") or {}).get("scikit-learn")
    if not trained_with:
        raise ArtifactError(f"{where}: manifest does not record the scikit-learn version")
    if _major_minor(trained_with) != _major_minor(sklearn.__version__):
        raise ArtifactError(
            f"{where}: trained with scikit-learn {trained_with}, but {sklearn.__version__} is "
            f"installed (major.minor must match); install scikit-learn=="
            f"{_major_minor(trained_with)}.* or retrain"
        )


def load_fast(art_dir: Path | str) -> tuple[FastClassifier, dict]:
    """Load a fast-tier artifact directory; returns (model, manifest)."""
    art_dir = Path(art_dir)
    manifest = read_manifest(art_dir)
    check_manifest(manifest, str(art_dir))
    arrays = art_dir / FAST_ARRAYS
    if not arrays.exists():
        raise ArtifactError(f"{art_dir}: {FAST_ARRAYS} is missing")
    want = (manifest.get("files") or {}).get(FAST_ARRAYS)
    if want and file_sha256(arrays) != want:
        raise ArtifactError(f"{arrays}: sha256 does not match the manifest (corrupt or edited)")
    if manifest.get("rule_features") != list(RULE_FEATURES):
        raise ArtifactError(f"{art_dir}: rule features differ from this code's; retrain")
    params = dict(manifest["params"])
    params["word_ngram_range"] = tuple(params["word_ngram_range"])
    params["char_ngram_range"] = tuple(params["char_ngram_range"])
    params["categories"] = tuple(params["categories"])
    model = FastClassifier(**params)
    try:
        with np.load(arrays, allow_pickle=False) as z:
            model.coef_ = z["coef"].astype(np.float32)
            model.intercept_ = z["intercept"].astype(np.float32)
            model.idf_ = z["idf"].astype(np.float32)
            model.calib_ = z["calib"].astype(np.float64)
            model.n_train_ = z["n_train"]
    except (KeyError, ValueError, OSError) as exc:
        raise ArtifactError(f"{arrays}: unreadable ({exc})") from exc
    k = len(model.categories)
    n_feat = model.word_features + model.char_features + len(RULE_FEATURES)
    if model.coef_.shape != (k, n_feat) or model.idf_.shape != (n_feat - len(RULE_FEATURES),):
        raise ArtifactError(f"{arrays}: array shapes do not match the manifest parameters")
    return model, manifest
