"""Quality of the shipped classifier vs two baselines, per data set x category.

    python bench/classifier_quality.py [--datasets PATH] [--no-ood]

Test splits of the training sets, plus the evaluation-only sets (all rows; never trained on)
as out-of-domain checks.  Baselines computed here:
  * alt-profanity-check (`profanity_check.predict_prob`), one "offensive" score used for every
    category (no training; threshold 0.5);
  * plain TF-IDF (word 1-2 grams) + LogisticRegression per category, trained on the same
    training rows (raw text, no normalisation, no augmentation weighting, no rule features),
    threshold = best F1 on the same dev split.
Prints markdown tables.
"""

from __future__ import annotations

import argparse
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
from soundoff.classifier.cli import OOD_SETS, predict_matrix
from soundoff.classifier.model import load_default
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


def table(groups, ours, base_tfidf, base_pc, thr_ours, thr_tfidf):
    print("| dataset | category | n | pos | ours AUC | ours P | ours R | ours F1 | "
          "tfidf-LR AUC | tfidf-LR F1 | profanity-check AUC | profanity-check F1 |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary = []
    for name, rows in groups:
        Y = label_matrix(rows)
        P = {k: v(rows) for k, v in (("ours", ours), ("tfidf", base_tfidf), ("pc", base_pc))
             if v is not None}  # fmt: skip
        for j, c in enumerate(CATEGORIES):
            m = ~np.isnan(Y[:, j])
            y = Y[m, j].astype(int)
            if y.sum() < 5 or (len(y) - y.sum()) < 5:
                continue
            cells = [name, c, str(len(y)), str(int(y.sum()))]
            res = {}
            for key, thr in (("ours", thr_ours), ("tfidf", thr_tfidf), ("pc", None)):
                if key not in P:
                    res[key] = (float("nan"),) * 4
                    continue
                p = P[key][m, j]
                auc = roc_auc_score(y, p)
                pr, rc, f1 = prf_at(y, p, thr[c] if thr else 0.5)
                res[key] = (auc, pr, rc, f1)
            o = res["ours"]
            cells += [f"{o[0]:.3f}", f"{o[1]:.3f}", f"{o[2]:.3f}", f"{o[3]:.3f}"]
            for key in ("tfidf", "pc"):
                cells += [f"{res[key][0]:.3f}", f"{res[key][3]:.3f}"]
            summary.append((name, c, o[0], res["tfidf"][0], res["pc"][0]))
            print("| " + " | ".join(cells) + " |")
    return summary


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", type=Path, default=None)
    ap.add_argument("--no-ood", action="store_true")
    args = ap.parse_args()
    root = args.datasets or D.default_datasets_dir()
    if not root.is_dir():
        print(f"data sets folder {root} not found", file=sys.stderr)
        return 2
    t0 = time.time()
    model = load_default()
    fast = getattr(model, "fast", model)
    rows = collect_training_rows(root)
    train = [r for r in rows if r.split == "train"]
    dev = [r for r in rows if r.split == "dev"]
    test = [r for r in rows if r.split == "test" and not r.dataset.startswith("augment")]
    tfidf_predict, tfidf_thr = tfidf_baseline(train, dev)
    pc_predict = profanity_check_baseline()

    def ours(rs):
        return predict_matrix(fast, [r.text for r in rs])

    def tf(rs):
        return tfidf_predict([r.text for r in rs])

    def pc(rs):
        return pc_predict([r.text for r in rs]) if pc_predict else None

    print(f"model `{model.model_version}`; shipped thresholds "
          f"{ {k: round(v, 3) for k, v in model.thresholds.items()} }\n")  # fmt: skip
    print("## Test splits of the training sets\n")
    by = {}
    for r in test:
        by.setdefault(r.dataset, []).append(r)
    s1 = table(sorted(by.items()), ours, tf, pc if pc_predict else None, model.thresholds,
               tfidf_thr)  # fmt: skip
    s2 = []
    if not args.no_ood:
        print("\n## Out-of-domain: evaluation-only sets (all rows, never trained on)\n")
        groups = [(n, D.load(n, root)) for n in OOD_SETS if (root / n).is_dir()]
        s2 = table(groups, ours, tf, pc if pc_predict else None, model.thresholds, tfidf_thr)
    for title, s in (("test splits", s1), ("out-of-domain", s2)):
        if s:
            a = np.nanmean([x[2] for x in s])
            b = np.nanmean([x[3] for x in s])
            c = np.nanmean([x[4] for x in s])
            print(f"\nmean ROC-AUC over {title}: ours {a:.3f} | tfidf-LR {b:.3f} | "
                  f"profanity-check {c:.3f}")  # fmt: skip
    print(f"\n({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
