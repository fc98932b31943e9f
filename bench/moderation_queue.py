"""How full the moderators' queue gets on real news comments, and what moving a threshold buys.

    python bench/moderation_queue.py [--datasets PATH] [--tier auto|fast|cascade]

Scores every comment of the Unhealthy Comments Corpus (`ucc_unhealthy`: Globe and Mail news
comments, val and test files, 8,852 rows; evaluation-only, never trained on and never used
to choose a shipped threshold) with the shipped model and applies the default site policy
(`soundoff.classifier.model.default_verdict`: what the site decides from the model's scores,
before rules such as links or velocity). Prints:

1. per kind of comment (healthy with no unhealthy attribute, split by whether it names a
   politician in `lexicon.PUBLIC_FIGURES`; each unhealthy attribute), the share published,
   held and rejected, and which categories' hold thresholds were passed;
2. the held share of healthy and of unhealthy comments when the insult or toxicity hold
   threshold is moved (everything else at the default): what a publisher gets by changing
   the category rules of the site policy (docs/moderation.md);
3. the queue per 1,000 comments at this corpus's mix.

UCC's "healthy" is a crowd judgement of whether a comment belongs in a good-faith
conversation; it is not the policy's definition of an insult, so a held healthy comment is
not always a mistake (some call other readers names and were still judged healthy).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from soundoff.classifier import datasets as D
from soundoff.classifier.cli import load_for_tier
from soundoff.classifier.lexicon import without_public_names
from soundoff.classifier.model import default_policy, default_verdict

ATTRIBUTES = (
    "antagonize",
    "condescending",
    "dismissive",
    "generalisation_unfair",
    "hostile",
    "sarcastic",
)
HEALTHY = "healthy, no unhealthy attribute"
UNHEALTHY = "unhealthy (any)"
SWEEP = {"insult": (0.5, 0.6, 0.7, 0.8), "toxicity": (0.8, 0.9)}


def _flag(row: dict, name: str) -> bool:
    return row.get(name, "0").strip() in ("1", "1.0")


def load_ucc(root: Path) -> list[dict]:
    rows = []
    for split in ("val", "test"):
        path = root / "ucc_unhealthy" / f"{split}.csv"
        with open(path, newline="", encoding="utf-8", errors="replace") as fh:
            rows += [r for r in csv.DictReader(fh) if (r.get("comment") or "").strip()]
    return rows


def groups(rows: list[dict]) -> list[tuple[str, list[int]]]:
    healthy = [
        i
        for i, r in enumerate(rows)
        if _flag(r, "healthy") and not any(_flag(r, a) for a in ATTRIBUTES if a != "sarcastic")
    ]
    out = [(HEALTHY, healthy)]
    named = {i for i in healthy if without_public_names(rows[i]["comment"]) != rows[i]["comment"]}
    out.append(("healthy, names a listed politician", [i for i in healthy if i in named]))
    out.append(("healthy, names none of them", [i for i in healthy if i not in named]))
    out.append((UNHEALTHY, [i for i, r in enumerate(rows) if not _flag(r, "healthy")]))
    for a in ATTRIBUTES:
        out.append((a, [i for i, r in enumerate(rows) if _flag(r, a)]))
    return out


def passed(scores: dict, policy: dict) -> list[str]:
    return [
        c
        for c, rule in policy.items()
        if rule.get("hold") is not None and scores.get(c, 0.0) >= rule["hold"]
    ]


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f} %" if n else "–"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--datasets", type=Path, default=None)
    ap.add_argument("--tier", choices=("auto", "fast", "cascade"), default="auto")
    args = ap.parse_args()
    root = args.datasets or D.default_datasets_dir()
    if not (root / "ucc_unhealthy").is_dir():
        print(f"ucc_unhealthy not found under {root}", file=sys.stderr)
        return 2
    t0 = time.time()
    rows = load_ucc(root)
    model = load_for_tier(args.tier, None)
    scored = [s.scores for s in model.score_batch([r["comment"] for r in rows], explain=False)]
    policy = default_policy()
    verdicts = [default_verdict(s, policy) for s in scored]
    kinds = groups(rows)
    healthy, unhealthy = dict(kinds)[HEALTHY], dict(kinds)[UNHEALTHY]

    print(f"# Moderation queue on news comments (`{model.model_version}`)\n")
    print(f"{len(rows):,} Globe and Mail comments (ucc_unhealthy val + test; evaluation only).")
    rules = ", ".join(
        f"{c} {r['hold']:.2f}" + (f" (reject {r['reject']:.2f})" if "reject" in r else "")
        for c, r in policy.items()
    )
    print(f"Default policy, hold at: {rules}.\n")

    print("## 1. What the default policy does\n")
    print("| comments | n | published | held | rejected | held or rejected because of |")
    print("|---|---:|---:|---:|---:|---|")
    for name, idx in kinds:
        v = Counter(verdicts[i] for i in idx)
        why = Counter(c for i in idx if verdicts[i] != "publish" for c in passed(scored[i], policy))
        reasons = ", ".join(f"{c} {k}" for c, k in why.most_common()) or "–"
        n = len(idx)
        print(
            f"| {name} | {n:,} | {pct(v['publish'], n)} | {pct(v['hold'], n)} | "
            f"{pct(v['reject'], n)} | {reasons} |"
        )

    print("\n## 2. Moving one hold threshold (the rest at the default)\n")
    print("| category rule | healthy held or rejected | unhealthy held or rejected |")
    print("|---|---:|---:|")

    def flagged(idx: list[int], pol: dict) -> str:
        k = sum(default_verdict(scored[i], pol) != "publish" for i in idx)
        return pct(k, len(idx))

    print(
        f"| default | {flagged(healthy, policy)} | {flagged(unhealthy, policy)} |"
    )  # fmt: skip
    for cat, levels in SWEEP.items():
        for level in levels:
            pol = {c: dict(r) for c, r in policy.items()}
            pol[cat]["hold"] = level
            print(
                f"| {cat} hold {level:.2f} | {flagged(healthy, pol)} | {flagged(unhealthy, pol)} |"
            )

    print("\n## 3. The queue per 1,000 comments at this mix\n")
    held = sum(v == "hold" for v in verdicts)
    rejected = sum(v == "reject" for v in verdicts)
    caught = sum(verdicts[i] != "publish" for i in unhealthy)
    n = len(rows)
    print(
        f"Held for a moderator: {1000 * held / n:.0f}; rejected: {1000 * rejected / n:.0f}; "
        f"unhealthy comments in the corpus: {1000 * len(unhealthy) / n:.0f}, of which held or "
        f"rejected: {1000 * caught / n:.0f}."
    )
    print(f"\n({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
