"""Soundoff's local comment classifier (Django-free).

Public API::

    from soundoff.classifier import CATEGORIES, load_default, Scored, Span, default_verdict
    model = load_default()
    s = model.score("some comment")          # Scored(scores, spans, model_version, tier)
    default_verdict(s.scores)                # "publish" | "hold" | "reject"
"""

from .artifacts import ArtifactError
from .categories import CATEGORIES
from .fast import Span
from .model import (
    CascadeModel,
    FastModel,
    Scored,
    default_verdict,
    load_cascade,
    load_default,
)
from .normalize import Normalized, normalize

__all__ = [
    "CATEGORIES",
    "ArtifactError",
    "CascadeModel",
    "FastModel",
    "Normalized",
    "Scored",
    "Span",
    "default_verdict",
    "load_cascade",
    "load_default",
    "normalize",
]
