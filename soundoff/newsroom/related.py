"""Related articles: content similarity (TF-IDF cosine) plus shared sections and tags."""

from __future__ import annotations

from dataclasses import dataclass

CONTENT_WEIGHT = 0.7
SECTION_WEIGHT = 0.15
TAG_WEIGHT = 0.15


@dataclass(frozen=True)
class Doc:
    id: int
    text: str
    sections: frozenset[int]
    tags: frozenset[int]


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def rank_related(
    target: Doc, corpus: list[Doc], limit: int = 6, min_score: float = 0.05
) -> list[tuple[int, float]]:
    """Score every other document against the target; best first."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    others = [d for d in corpus if d.id != target.id]
    if not others:
        return []
    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, min_df=1, ngram_range=(1, 2), max_features=50_000
    )
    matrix = vectorizer.fit_transform([target.text] + [d.text for d in others])
    sims = (matrix[1:] @ matrix[0].T).toarray().ravel()
    scored = []
    for doc, sim in zip(others, sims, strict=True):
        score = (
            CONTENT_WEIGHT * float(sim)
            + SECTION_WEIGHT * _jaccard(target.sections, doc.sections)
            + TAG_WEIGHT * _jaccard(target.tags, doc.tags)
        )
        if score >= min_score:
            scored.append((doc.id, round(score, 4)))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:limit]
