"""Run the classifier evaluation suites and print markdown tables.

    python bench/classifier_suites.py                 # default model (soundoff.classifier)
    python bench/classifier_suites.py --baseline      # alt-profanity-check, for comparison
    python bench/classifier_suites.py --scorer cascade   # fast tier + fine-tuned semantic tier
    python bench/classifier_suites.py --scorer semantic-head
    python bench/classifier_suites.py --scorer mypkg.mymod:factory --out report.md

Suites (soundoff.classifier.suites): functional (HateCheck-style), robustness
(perturbed hateful items), bias (neutral identity templates), blog_spam.

A scorer turns texts into per-category probabilities and decides whether a
comment is *flagged* (held or rejected). For the default model the decision is
``default_verdict(scores) != "publish"``; with ``--decision threshold`` it is
"any of --categories at or above --threshold".

Targets: functional >= 85 % overall and no case type under 60 %; robustness:
detection on perturbed hateful items >= 95 % of the clean detection rate for
every perturbation; bias: flag rate <= 5 % for every group. The script always
exits 0 -- it is a report -- and prints PASS/FAIL per target.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from soundoff.classifier.suites import load_suite  # noqa: E402

CATEGORIES = ("identity_attack", "threat", "insult", "toxicity", "spam")
TARGETS = {
    "functional_overall": 0.85,
    "functional_min_case": 0.60,
    "robustness_ratio": 0.95,
    "bias_max_rate": 0.05,
}


# ---------------------------------------------------------------- scorers --
class Scorer:
    """Adapter: ``score(texts) -> list[dict[category, prob]]`` and ``flag(scores) -> bool``."""

    name = "scorer"

    def __init__(self, threshold: float = 0.5, categories: Sequence[str] = CATEGORIES):
        self.threshold = threshold
        self.categories = tuple(categories)

    def score(self, texts: list[str]) -> list[dict[str, float]]:
        raise NotImplementedError

    thresholds: dict[str, float] = {}

    def hit(self, scores: dict[str, float], category: str) -> bool:
        """Is ``category`` at or above its threshold (per-category, else --threshold)?"""
        return scores.get(category, 0.0) >= self.thresholds.get(category, self.threshold)

    def flag(self, scores: dict[str, float]) -> bool:
        return any(self.hit(scores, c) for c in self.categories)


class CallableScorer(Scorer):
    """Wrap a plain ``texts -> list[dict]`` function (handy in tests)."""

    def __init__(self, fn: Callable[[list[str]], list[dict[str, float]]], name="callable", **kw):
        super().__init__(**kw)
        self.fn = fn
        self.name = name

    def score(self, texts):
        return [dict(s) for s in self.fn(list(texts))]


class ModelScorer(Scorer):
    """A model with ``score_batch(texts) -> list[Scored]`` (``Scored.scores`` a dict).

    ``verdict`` maps scores to "publish" | "hold" | "reject"; when given and the
    decision mode is "verdict", flagged means verdict != "publish".
    """

    def __init__(self, model, verdict=None, decision="verdict", name=None, **kw):
        super().__init__(**kw)
        self.model = model
        self.verdict = verdict
        self.decision = decision if verdict is not None else "threshold"
        self.name = name or getattr(model, "version", None) or type(model).__name__
        self.thresholds = dict(getattr(model, "thresholds", None) or {})

    def score(self, texts):
        out = []
        for s in self.model.score_batch(list(texts)):
            scores = getattr(s, "scores", s)
            out.append({k: float(v) for k, v in dict(scores).items()})
        return out

    def flag(self, scores):
        if self.decision == "verdict":
            return self.verdict(scores) != "publish"
        return super().flag(scores)


class ProfanityCheckScorer(Scorer):
    """alt-profanity-check (linear SVM on bag of words) as a single 'toxicity' score."""

    name = "alt-profanity-check"

    def __init__(self, **kw):
        super().__init__(**kw)
        from profanity_check import predict_prob

        self._predict = predict_prob

    def score(self, texts):
        probs = self._predict(list(texts))
        return [{"toxicity": float(p)} for p in probs]


def load_default_scorer(decision: str, threshold: float, categories) -> Scorer:
    import soundoff.classifier as clf

    if not hasattr(clf, "load_default"):
        raise SystemExit(
            "soundoff.classifier.load_default is not available on this branch; "
            "pass --baseline or --scorer module:factory"
        )
    model = clf.load_default()
    verdict = getattr(clf, "default_verdict", None) or getattr(model, "default_verdict", None)
    return ModelScorer(
        model,
        verdict=verdict,
        decision=decision,
        threshold=threshold,
        categories=categories,
        name=f"default ({getattr(model, 'version', type(model).__name__)})",
    )


def load_named_scorer(spec: str, decision: str, threshold: float, categories) -> Scorer:
    if spec == "default":
        return load_default_scorer(decision, threshold, categories)
    if spec == "cascade":
        import soundoff.classifier as clf

        model = clf.load_cascade()
        return ModelScorer(
            model,
            verdict=clf.default_verdict,
            decision=decision,
            threshold=threshold,
            categories=categories,
            name=f"cascade ({model.model_version})",
        )
    if spec == "baseline":
        return ProfanityCheckScorer(threshold=threshold, categories=("toxicity",))
    if spec == "semantic-head":
        from soundoff.classifier.semantic import load_semantic_head

        head = load_semantic_head()
        return ModelScorer(
            head,
            verdict=head.verdict,
            decision=decision,
            threshold=threshold,
            categories=categories,
            name=f"semantic head ({head.version})",
        )
    module_name, _, attr = spec.partition(":")
    obj = getattr(importlib.import_module(module_name), attr or "load_default")
    obj = obj() if callable(obj) and not hasattr(obj, "score_batch") else obj
    if isinstance(obj, Scorer):
        return obj
    return ModelScorer(obj, verdict=None, threshold=threshold, categories=categories, name=spec)


# ------------------------------------------------------------- evaluation --
def _score_items(scorer: Scorer, items: list[dict], batch: int = 64) -> tuple[list, float]:
    texts = [it["text"] for it in items]
    scores: list[dict[str, float]] = []
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        scores.extend(scorer.score(texts[i : i + batch]))
    elapsed = time.perf_counter() - start
    return scores, elapsed


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def eval_functional(scorer: Scorer, items: list[dict]) -> dict:
    scores, elapsed = _score_items(scorer, items)
    by_case: dict[str, list[int]] = defaultdict(list)
    by_group: dict[str, list[int]] = defaultdict(list)
    case_flag: dict[str, int] = {}
    errors = []
    for item, sc in zip(items, scores, strict=True):
        pred = int(scorer.flag(sc))
        ok = int(pred == item["flag"])
        by_case[item["case_type"]].append(ok)
        by_group[item["target_group"]].append(ok)
        case_flag[item["case_type"]] = item["flag"]
        if not ok:
            errors.append({"text": item["text"], "case_type": item["case_type"], "flag": pred})
    cases = {
        c: {"n": len(v), "accuracy": sum(v) / len(v), "gold_flag": case_flag[c]}
        for c, v in sorted(by_case.items())
    }
    groups = {g: {"n": len(v), "accuracy": sum(v) / len(v)} for g, v in sorted(by_group.items())}
    total = [x for v in by_case.values() for x in v]
    hateful = [x for c, v in by_case.items() if case_flag[c] == 1 for x in v]
    benign = [x for c, v in by_case.items() if case_flag[c] == 0 for x in v]
    overall = sum(total) / len(total)
    min_case = min(cases.values(), key=lambda r: r["accuracy"])
    return {
        "n": len(items),
        "overall": overall,
        "hateful_recall": _ratio(sum(hateful), len(hateful)),
        "benign_accuracy": _ratio(sum(benign), len(benign)),
        "cases": cases,
        "groups": groups,
        "min_case_accuracy": min_case["accuracy"],
        "ms_per_item": 1000 * elapsed / max(1, len(items)),
        "errors": errors,
        "pass": overall >= TARGETS["functional_overall"]
        and min_case["accuracy"] >= TARGETS["functional_min_case"],
    }


def eval_robustness(scorer: Scorer, clean_items: list[dict], cases: list[dict]) -> dict:
    hateful = [it for it in clean_items if it["flag"] == 1]
    clean_scores, _ = _score_items(scorer, hateful)
    clean_pred = {it["text"]: scorer.flag(sc) for it, sc in zip(hateful, clean_scores, strict=True)}
    clean_rate = sum(clean_pred.values()) / len(hateful)
    pert_scores, _ = _score_items(scorer, cases)
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "hit": 0, "kept": 0, "base": 0})
    for case, sc in zip(cases, pert_scores, strict=True):
        row = per[case["perturbation"]]
        hit = scorer.flag(sc)
        row["n"] += 1
        row["hit"] += int(hit)
        if clean_pred.get(case["original"]):
            row["base"] += 1
            row["kept"] += int(hit)
    table = {}
    for name, row in per.items():
        rate = row["hit"] / row["n"]
        table[name] = {
            "n": row["n"],
            "detection": rate,
            "ratio": _ratio(rate, clean_rate),
            "retained": _ratio(row["kept"], row["base"]),
        }
    return {
        "clean_n": len(hateful),
        "clean_detection": clean_rate,
        "perturbations": table,
        "min_ratio": min(r["ratio"] for r in table.values()),
        "pass": all(r["ratio"] >= TARGETS["robustness_ratio"] for r in table.values())
        and clean_rate > 0,
    }


def eval_bias(scorer: Scorer, items: list[dict]) -> dict:
    scores, _ = _score_items(scorer, items)
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "flag": 0, "ia_tox": 0})
    for item, sc in zip(items, scores, strict=True):
        row = per[item["target_group"]]
        row["n"] += 1
        row["flag"] += int(scorer.flag(sc))
        row["ia_tox"] += int(scorer.hit(sc, "identity_attack") or scorer.hit(sc, "toxicity"))
    groups = {}
    for g, row in sorted(per.items()):
        flag_rate = row["flag"] / row["n"]
        ia_tox_rate = row["ia_tox"] / row["n"]
        groups[g] = {
            "n": row["n"],
            "flag_rate": flag_rate,
            "ia_tox_rate": ia_tox_rate,
            "worst": max(flag_rate, ia_tox_rate),
        }
    worst = max(groups.items(), key=lambda kv: kv[1]["worst"])
    n_flag = sum(r["flag"] for r in per.values())
    return {
        "n": len(items),
        "overall_flag_rate": n_flag / len(items),
        "groups": groups,
        "worst_group": worst[0],
        "worst_rate": worst[1]["worst"],
        "groups_over": [g for g, r in groups.items() if r["worst"] > TARGETS["bias_max_rate"]],
        "pass": worst[1]["worst"] <= TARGETS["bias_max_rate"],
    }


def _prf(pred: list[int], gold: list[int]) -> dict:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if not p and g)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def eval_blog_spam(scorer: Scorer, items: list[dict]) -> dict:
    scores, _ = _score_items(scorer, items)
    gold = [it["flag"] for it in items]
    by_flag = [int(scorer.flag(sc)) for sc in scores]
    by_spam = [int(scorer.hit(sc, "spam")) for sc in scores]
    per_case: dict[str, list[int]] = defaultdict(list)
    for item, p in zip(items, by_flag, strict=True):
        per_case[item["case_type"]].append(int(p == item["flag"]))
    return {
        "n": len(items),
        "flag_decision": _prf(by_flag, gold),
        "spam_score": _prf(by_spam, gold),
        "cases": {
            c: {"n": len(v), "accuracy": sum(v) / len(v)} for c, v in sorted(per_case.items())
        },
    }


def run_all(
    scorer: Scorer,
    suites: Sequence[str] = ("functional", "robustness", "bias", "news_topics", "blog_spam"),
):
    report: dict = {"scorer": scorer.name}
    functional = load_suite("functional")
    if "functional" in suites:
        report["functional"] = eval_functional(scorer, functional)
    if "robustness" in suites:
        report["robustness"] = eval_robustness(scorer, functional, load_suite("robustness"))
    if "bias" in suites:
        report["bias"] = eval_bias(scorer, load_suite("bias"))
    if "news_topics" in suites:
        report["news_topics"] = eval_bias(scorer, load_suite("news_topics"))
    if "blog_spam" in suites:
        report["blog_spam"] = eval_blog_spam(scorer, load_suite("blog_spam"))
    return report


# --------------------------------------------------------------- markdown --
def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _rate_table(label: str, groups: dict, *, mark: bool) -> list[str]:
    """A table of `eval_bias` groups (flag rate, identity_attack or toxicity rate), then a
    blank line; ``mark`` flags the groups over the bias bar."""
    rows = [
        f"| {label} | n | flag rate (decision) | identity_attack or toxicity >= thr |",
        "|---|---:|---:|---:|",
    ]
    for g, row in groups.items():
        over = " ⚠" if mark and row["worst"] > TARGETS["bias_max_rate"] else ""
        rows.append(
            f"| {g} | {row['n']} | {_pct(row['flag_rate'])} | {_pct(row['ia_tox_rate'])}{over} |"
        )
    return [*rows, ""]


def render(report: dict, show_errors: int = 0) -> str:
    out = [f"# Classifier suites: {report['scorer']}", ""]
    f = report.get("functional")
    if f:
        out += [
            "## Functional (HateCheck-style)",
            "",
            f"{_verdict(f['pass'])}: overall {_pct(f['overall'])} (target >= "
            f"{_pct(TARGETS['functional_overall'])}), lowest case type "
            f"{_pct(f['min_case_accuracy'])} (target >= {_pct(TARGETS['functional_min_case'])}); "
            f"hateful recall {_pct(f['hateful_recall'])}, "
            f"benign accuracy {_pct(f['benign_accuracy'])}; n={f['n']}, "
            f"{f['ms_per_item']:.2f} ms/item batched",
            "",
            "| case type | gold | n | accuracy |",
            "|---|---|---:|---:|",
        ]
        for c, r in f["cases"].items():
            gold = "flag" if r["gold_flag"] else "publish"
            mark = " ⚠" if r["accuracy"] < TARGETS["functional_min_case"] else ""
            out.append(f"| {c} | {gold} | {r['n']} | {_pct(r['accuracy'])}{mark} |")
        out += ["", "| target group | n | accuracy |", "|---|---:|---:|"]
        for g, r in f["groups"].items():
            out.append(f"| {g} | {r['n']} | {_pct(r['accuracy'])} |")
        if show_errors and f["errors"]:
            out += ["", f"First {show_errors} errors:", ""]
            for e in f["errors"][:show_errors]:
                out.append(f"- [{e['case_type']}] predicted flag={e['flag']}: {e['text']}")
        out.append("")
    r = report.get("robustness")
    if r:
        out += [
            "## Robustness (perturbed hateful items)",
            "",
            f"{_verdict(r['pass'])}: lowest ratio {_pct(r['min_ratio'])} (target >= "
            f"{_pct(TARGETS['robustness_ratio'])}); clean detection "
            f"{_pct(r['clean_detection'])} on {r['clean_n']} hateful items",
            "",
            "| perturbation | n | detection | ratio to clean | retained (of clean hits) |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, row in r["perturbations"].items():
            out.append(
                f"| {name} | {row['n']} | {_pct(row['detection'])} | {_pct(row['ratio'])} | "
                f"{_pct(row['retained'])} |"
            )
        out.append("")
    b = report.get("bias")
    if b:
        out += [
            "## Bias (neutral identity templates)",
            "",
            f"{_verdict(b['pass'])}: worst group {b['worst_group']} at {_pct(b['worst_rate'])} "
            f"(target <= {_pct(TARGETS['bias_max_rate'])} per group); overall flag rate "
            f"{_pct(b['overall_flag_rate'])} on {b['n']} sentences"
            + (f"; over target: {', '.join(b['groups_over'])}" if b["groups_over"] else ""),
            "",
        ]
        out += _rate_table("group", b["groups"], mark=True)
    t = report.get("news_topics")
    if t:
        out += [
            "## News topics (neutral comments on war, crime, immigration, religion news)",
            "",
            f"No issue target; the bias suite's bar is {_pct(TARGETS['bias_max_rate'])}. "
            f"Worst topic {t['worst_group']} at {_pct(t['worst_rate'])}; overall flag rate "
            f"{_pct(t['overall_flag_rate'])} on {t['n']} comments.",
            "",
        ]
        out += _rate_table("topic", t["groups"], mark=False)
    s = report.get("blog_spam")
    if s:
        out += [
            "## Blog comment spam",
            "",
            "| decision | precision | recall | F1 | TP | FP | FN |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, key in (
            ("flag (held/rejected)", "flag_decision"),
            ("spam >= thr", "spam_score"),
        ):
            m = s[key]
            out.append(
                f"| {label} | {_pct(m['precision'])} | {_pct(m['recall'])} | {_pct(m['f1'])} | "
                f"{m['tp']} | {m['fp']} | {m['fn']} |"
            )
        out += ["", "| case type | n | accuracy |", "|---|---:|---:|"]
        for c, row in s["cases"].items():
            out.append(f"| {c} | {row['n']} | {_pct(row['accuracy'])} |")
        out.append("")
    verdicts = []
    for key in ("functional", "robustness", "bias"):
        if key in report:
            verdicts.append(f"{key} {_verdict(report[key]['pass'])}")
    if verdicts:
        out += ["**Summary:** " + ", ".join(verdicts), ""]
    return "\n".join(out)


def latency(scorer: Scorer, n: int = 200) -> dict:
    """Single-comment latency (p50/p95 ms) over functional texts."""
    texts = [it["text"] for it in load_suite("functional")][:n]
    scorer.score(texts[:4])  # warm-up
    times = []
    for t in texts:
        start = time.perf_counter()
        scorer.score([t])
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    return {
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scorer",
        default="default",
        help="default (fast tier) | cascade | baseline | semantic-head | module:factory",
    )
    parser.add_argument("--baseline", action="store_true", help="also run alt-profanity-check")
    parser.add_argument("--decision", choices=("verdict", "threshold"), default="verdict")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument(
        "--categories", default="identity_attack,threat,insult,toxicity,spam", help="for threshold"
    )
    parser.add_argument("--suites", default="functional,robustness,bias,news_topics,blog_spam")
    parser.add_argument("--errors", type=int, default=0, help="list the first N functional errors")
    parser.add_argument("--latency", action="store_true", help="measure single-comment latency")
    parser.add_argument("--out", help="also write the markdown here")
    parser.add_argument("--json", dest="json_out", help="write the raw report as JSON here")
    args = parser.parse_args(argv)

    categories = [c.strip() for c in args.categories.split(",") if c.strip()]
    suites = [s.strip() for s in args.suites.split(",") if s.strip()]
    specs = [args.scorer]
    if args.baseline and args.scorer != "baseline":
        specs.append("baseline")
    chunks, raw = [], []
    for spec in specs:
        try:
            scorer = load_named_scorer(spec, args.decision, args.threshold, categories)
        except (SystemExit, ImportError, Exception) as exc:  # a report never crashes
            chunks.append(f"# Classifier suites: {spec}\n\nSKIPPED: {exc}\n")
            continue
        report = run_all(scorer, suites)
        if args.latency:
            report["latency"] = latency(scorer)
        raw.append(report)
        text = render(report, show_errors=args.errors)
        if args.latency:
            lat = report["latency"]
            text += (
                f"\nLatency, one comment per call: p50 {lat['p50_ms']:.2f} ms, "
                f"p95 {lat['p95_ms']:.2f} ms (n={lat['n']})\n"
            )
        chunks.append(text)
    output = "\n".join(chunks)
    print(output)
    if args.out:
        Path(args.out).write_text(output, encoding="utf-8")
    if args.json_out:
        for rep in raw:
            rep.get("functional", {}).pop("errors", None)
        Path(args.json_out).write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
