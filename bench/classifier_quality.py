"""Quality of the shipped classifier vs two baselines, per data set x category.

    python bench/classifier_quality.py [--datasets PATH] [--no-ood] [--ood-limit N]

"shipped" is what the site decides with: the cascade (fast tier, then the fine-tuned
semantic tier and the stacker for every comment that is not clearly clean), or the fast tier
alone when the semantic artifacts are missing; the fast tier's own columns are printed beside
it.

Test splits of the training sets, plus the evaluation-only sets (all rows; never trained on)
as out-of-domain checks.  Baselines computed here:
  * alt-profanity-check (`profanity_check.predict_prob`), one "offensive" score used for every
    category (no training; threshold 0.5);
  * plain TF-IDF (word 1-2 grams) + LogisticRegression per category, trained on the same
    training rows (raw text, no normalisation, no augmentation weighting, no rule features),
    threshold = best F1 on the same dev split.
The last column is the shipped AUC minus the stronger baseline's on the same rows, with a
paired, class-stratified bootstrap 95 % interval (1,000 seeded replicates;
`soundoff.classifier.stats`): "lower" only when the whole interval is below zero.
Prints markdown tables.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from soundoff.classifier import datasets as D
from soundoff.classifier.categories import CATEGORIES
from soundoff.classifier.cli import OOD_SETS, load_for_tier, predict_matrix
from soundoff.classifier.model import load_default
from soundoff.classifier.stats import paired_auc_difference
from soundoff.classifier.train import (
    best_f1_threshold,
    collect_training_rows,
    label_matrix,
    prf_at,
)


def tfidf_baseline(train, dev):
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=200_000, sublinear_tf=True)
    Xtr = vec.fit_transform([r.text for r in train])
    Ytr = label_matrix(train)
    Xdev = vec.transform([r.text for r in dev])
    Ydev = label_matrix(dev)
    models, thr = {}, {}
    for j, c in enumerate(CATEGORIES):
        m = ~np.isnan(Ytr[:, j])
        clf = LogisticRegression(C=4.0, solver="liblinear", max_iter=200)
        clf.fit(Xtr[m], Ytr[m, j].astype(int))
        models[c] = clf
        md = ~np.isnan(Ydev[:, j])
        thr[c] = best_f1_threshold(Ydev[md, j].astype(int), clf.predict_proba(Xdev[md])[:, 1])

    def predict(texts):
        X = vec.transform(texts)
        return np.column_stack([models[c].predict_proba(X)[:, 1] for c in CATEGORIES])

    return predict, thr


def profanity_check_baseline():
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None

    def predict(texts):
        p = np.asarray(predict_prob(list(texts)), dtype=float)
        return np.column_stack([p] * len(CATEGORIES))

    return predict


def table(groups, models, thresholds):
    """``models``: ordered {key: predict(rows) -> (n, k) probabilities}; the first is shipped."""
    keys = list(models)
    head = ["dataset", "category", "n", "pos", "shipped AUC", "P", "R", "F1"]
    for k in keys[1:]:
        head += [f"{k} AUC", f"{k} F1"]
    head.append("shipped beats both baselines (AUC, F1; tie = equal to 3 decimals)")
    head.append("AUC − stronger baseline [95 % CI]")
    print("| " + " | ".join(head) + " |")
    print("|---|---|" + "---:|" * (len(head) - 4) + "---|---|")
    summary = []
    for name, rows in groups:
        Y = label_matrix(rows)
        P = {k: models[k](rows) for k in keys}
        for j, c in enumerate(CATEGORIES):
            m = ~np.isnan(Y[:, j])
            y = Y[m, j].astype(int)
            if y.sum() < 5 or (len(y) - y.sum()) < 5:
                continue
            res = {}
            for k in keys:
                p = P[k][m, j]
                thr = thresholds[k][c] if thresholds.get(k) else 0.5
                res[k] = (roc_auc_score(y, p), *prf_at(y, p, thr))
            o = res[keys[0]]
            cells = [name, c, str(len(y)), str(int(y.sum()))]
            cells += [f"{o[0]:.3f}", f"{o[1]:.3f}", f"{o[2]:.3f}", f"{o[3]:.3f}"]
            for k in keys[1:]:
                cells += [f"{res[k][0]:.3f}", f"{res[k][3]:.3f}"]
            base = [k for k in keys if k in ("tfidf-LR", "profanity-check")]

            ours, others = o, [res[k] for k in base]
            (auc_ok, auc_s), (f1_ok, f1_s) = compare(ours, others, 0), compare(ours, others, 3)
            cells.append(f"{auc_s}, {f1_s}")
            strongest = max(base, key=lambda k: res[k][0])
            gap = paired_auc_difference(y, P[keys[0]][m, j], P[strongest][m, j])
            cells.append(
                f"{gap.difference:+.3f} [{gap.low:+.3f}, {gap.high:+.3f}] "
                f"{strongest}, {gap.verdict}"
            )
            summary.append((name, c, {k: res[k] for k in keys}, auc_ok, f1_ok, gap))
            print("| " + " | ".join(cells) + " |")
    return summary


def compare(ours, others, i: int) -> tuple[bool, str]:
    """Does ``ours[i]`` beat every baseline? Equal to 3 decimals counts as a tie (e.g. AUC
    1.000 on the lexicon's weak profanity labels): not beaten, but not a win either."""
    if all(round(ours[i], 3) > round(b[i], 3) for b in others):
        return True, "yes"
    if all(round(ours[i], 3) >= round(b[i], 3) for b in others):
        return True, "tie"
    return False, "**no**"


def ood_groups(root: Path, limit: int):
    """Each eval-only set, or its first ``limit`` rows in hash order (a fixed sample)."""
    out = []
    for n in OOD_SETS:
        if not (root / n).is_dir():
            continue
        rows = D.load(n, root)
        if limit and len(rows) > limit:
            rows = sorted(rows, key=lambda r: hashlib.sha256(r.text.encode()).digest())[:limit]
        out.append((n, rows))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", type=Path, default=None)
    ap.add_argument("--no-ood", action="store_true")
    ap.add_argument("--ood-limit", type=int, default=3000,
                    help="rows per eval-only set (fixed hash sample; 0 = all)")  # fmt: skip
    args = ap.parse_args()
    root = args.datasets or D.default_datasets_dir()
    if not root.is_dir():
        print(f"data sets folder {root} not found", file=sys.stderr)
        return 2
    t0 = time.time()
    shipped = load_for_tier("auto", None)
    fast = load_default()
    rows = collect_training_rows(root)
    train = [r for r in rows if r.split == "train"]
    dev = [r for r in rows if r.split == "dev"]
    test = [r for r in rows if r.split == "test" and not r.dataset.startswith("augment")]
    tfidf_predict, tfidf_thr = tfidf_baseline(train, dev)
    pc_predict = profanity_check_baseline()

    models = {"shipped": lambda rs: predict_matrix(shipped, [r.text for r in rs])}
    thresholds = {"shipped": shipped.thresholds}
    if shipped is not fast:
        models["fast"] = lambda rs: predict_matrix(fast, [r.text for r in rs])
        thresholds["fast"] = fast.thresholds
    models["tfidf-LR"] = lambda rs: tfidf_predict([r.text for r in rs])
    thresholds["tfidf-LR"] = tfidf_thr
    if pc_predict:
        models["profanity-check"] = lambda rs: pc_predict([r.text for r in rs])
        thresholds["profanity-check"] = None

    print(f"shipped model `{shipped.model_version}` ({shipped.tier}); thresholds "
          f"{ {k: round(v, 3) for k, v in shipped.thresholds.items()} }\n")  # fmt: skip
    print("P/R/F1 at the shipped thresholds; TF-IDF+LR at its own dev-chosen thresholds; "
          "alt-profanity-check at 0.5 (one score for every category).\n")  # fmt: skip
    print("## Test splits of the training sets\n")
    by: dict[str, list] = {}
    for r in test:
        by.setdefault(r.dataset, []).append(r)
    s1 = table(sorted(by.items()), models, thresholds)
    s2 = []
    if not args.no_ood:
        lim = f"first {args.ood_limit} rows in hash order" if args.ood_limit else "all rows"
        print(f"\n## Out-of-domain: evaluation-only sets ({lim}; never trained on)\n")
        s2 = table(ood_groups(root, args.ood_limit), models, thresholds)
    for title, s in (("test splits", s1), ("out-of-domain", s2)):
        if not s:
            continue
        means = " | ".join(f"{k} {np.nanmean([x[2][k][0] for x in s]):.3f}" for k in models)
        print(f"\nmean ROC-AUC over {title}: {means}")
        print(f"{title}: shipped beats or ties both baselines on AUC in {sum(x[3] for x in s)}/"
              f"{len(s)} rows, on F1 in {sum(x[4] for x in s)}/{len(s)}")  # fmt: skip
        lower = [f"{x[0]} {x[1]}" for x in s if x[5].verdict == "lower"]
        noise = [f"{x[0]} {x[1]}" for x in s if not x[3] and x[5].verdict != "lower"]
        print(f"{title}: AUC below the stronger baseline beyond the 95 % interval in "
              f"{len(lower)}/{len(s)} rows ({', '.join(lower) or 'none'}); AUC losses within "
              f"noise: {', '.join(noise) or 'none'}")  # fmt: skip
    print(f"\n({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
