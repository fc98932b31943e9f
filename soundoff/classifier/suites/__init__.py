"""Evaluation suites for the comment classifier (evaluation only -- never train on them).

=============  ===============================================================
name           contents
=============  ===============================================================
functional     HateCheck-style functional tests (``functional.jsonl``)
robustness     spelling-perturbed copies of the hateful functional items
bias           neutral identity-template sentences (templates x groups)
news_topics    neutral comments on war, crime reports, immigration, religion news
blog_spam      blog / news comment spam versus real reader comments
=============  ===============================================================

Every item is a dict with ``text``, ``case_type``, ``target_group``,
``expected`` (0/1 for identity_attack, threat, insult, toxicity, spam) and
``flag`` (1 when a news-site moderator should hold or reject the comment).

    from soundoff.classifier.suites import load_suite
    items = load_suite("functional")
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["CATEGORIES", "REQUIRED_FIELDS", "SUITES", "load_suite"]

HERE = Path(__file__).resolve().parent
CATEGORIES = ("identity_attack", "threat", "insult", "toxicity", "spam")
REQUIRED_FIELDS = ("text", "case_type", "target_group", "expected", "flag")
SUITES = ("functional", "robustness", "bias", "news_topics", "blog_spam")


def _read_jsonl(path: Path) -> list[dict]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}:{n}: {exc}") from exc
    return items


@cache
def _load(name: str) -> tuple[dict, ...]:
    if name in ("functional", "blog_spam"):
        return tuple(_read_jsonl(HERE / f"{name}.jsonl"))
    if name == "robustness":
        from soundoff.classifier.suites import robustness

        return tuple(robustness.build_cases(list(_load("functional"))))
    if name == "bias":
        from soundoff.classifier.suites import bias

        return tuple(bias.build_cases())
    if name == "news_topics":
        from soundoff.classifier.suites import news_topics

        return tuple(news_topics.build_cases())
    raise KeyError(f"unknown suite {name!r}; choose from {', '.join(SUITES)}")


def load_suite(name: str) -> list[dict]:
    """Return a fresh list of the items of suite ``name`` (copies, safe to mutate)."""
    return [json.loads(json.dumps(item)) for item in _load(name)]
