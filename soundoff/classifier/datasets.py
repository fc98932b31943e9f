"""Loaders for the labelled data sets in ``shared/datasets``.

Every loader returns a list of :class:`Example` rows whose ``labels`` maps each category in
:data:`CATEGORIES` to ``1``, ``0`` or ``None`` (the set says nothing about it: masked in
training and evaluation).  The split (``train``/``dev``/``test``) is a fixed function of the
text (SHA-256 of the lower-cased, whitespace-collapsed text), so the same text always lands in
the same split, across data sets too (no leakage when two sets share posts).

The label mapping is documented in ``docs/classifier.md``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .categories import CATEGORIES

csv.field_size_limit(10_000_000)

__all__ = [
    "EVAL_SETS",
    "TRAIN_SETS",
    "Example",
    "dataset_files",
    "default_datasets_dir",
    "load",
    "load_hard_cases",
    "load_many",
    "load_quote_stance",
    "load_war_news",
    "split_of",
]

TRAIN_SETS = (
    "wiki_context_toxicity",
    "toxic_spans_civil",
    "davidson",
    "implicit_hate",
    "sbic_partial",
    "hatexplain_partial",
    "mlma_hate",
    "youtube_spam",
    "sms_spam",
)
EVAL_SETS = (
    "kaggle_insults",
    "olid",
    "dynahate_partial",
    "hateval_tweeteval",
    "stormfront_hate",
    "ucc_unhealthy",
    "gab_hate_corpus",
)


@dataclass(slots=True)
class Example:
    text: str
    labels: dict[str, int | None]
    dataset: str
    split: str = field(default="")

    def __post_init__(self) -> None:
        if not self.split:
            self.split = split_of(self.text)


def default_datasets_dir() -> Path:
    """``$SOUNDOFF_DATASETS`` if set, else ``<repo root>/../shared/datasets``."""
    env = os.environ.get("SOUNDOFF_DATASETS")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[2]
    return repo_root.parent / "shared" / "datasets"


_WS = re.compile(r"\s+")


def split_of(text: str, dev: int = 10, test: int = 10) -> str:
    """Stable split from the text: 80 % train, 10 % dev, 10 % test."""
    key = _WS.sub(" ", text.strip().lower()).encode("utf-8", "replace")
    bucket = int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % 100
    if bucket < test:
        return "test"
    if bucket < test + dev:
        return "dev"
    return "train"


def _labels(**kw: int | None) -> dict[str, int | None]:
    out: dict[str, int | None] = dict.fromkeys(CATEGORIES)
    for k, v in kw.items():
        if k not in out:
            raise KeyError(k)
        out[k] = None if v is None else int(v)
    return out


def _clean_negative(**extra: int | None) -> dict[str, int | None]:
    """Labels of a post judged not toxic: no insult, threat or identity attack either."""
    base: dict[str, int | None] = {"toxicity": 0, "insult": 0, "threat": 0, "identity_attack": 0}
    base.update(extra)
    return _labels(**base)


def _read_csv(path: Path, **kw) -> Iterable[dict[str, str]]:
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        yield from csv.DictReader(fh, **kw)


def _ok(text: str | None) -> bool:
    return bool(text) and bool(text.strip())


# ---------------------------------------------------------------- training sets


def load_wiki_context_toxicity(root: Path) -> list[Example]:
    d = root / "wiki_context_toxicity"
    seen: dict[str, int] = {}
    # Out-of-context labels first (we classify comments without their parent).
    for name, col in (("gn.csv", "label"), ("cat_small.csv", "label_oc"), ("gc.csv", "label")):
        for row in _read_csv(d / name):
            t = row.get("text")
            if not _ok(t) or t in seen:
                continue
            seen[t] = int(float(row[col]))
    out = []
    for t, y in seen.items():
        labels = _labels(toxicity=1, spam=0) if y else _clean_negative(spam=0)
        out.append(Example(t, labels, "wiki_context_toxicity"))
    return out


_TS_TYPES = {
    "Insult": "insult",
    "Insu": "insult",
    "Threat": "threat",
    "Identity based Attack": "identity_attack",
    "Identity based ": "identity_attack",
    "Profane/Obscene": "profanity",
}


def load_toxic_spans_civil(root: Path) -> list[Example]:
    d = root / "toxic_spans_civil" / "data"
    texts = {r["comment_id"]: r["comment_text"] for r in _read_csv(d / "comments.csv")}
    ann_comment: dict[str, str] = {}
    n_raters: dict[str, int] = defaultdict(int)
    n_not_toxic: dict[str, int] = defaultdict(int)
    for r in _read_csv(d / "annotations.csv"):
        cid = r["comment_id"]
        ann_comment[r["annotation"]] = cid
        n_raters[cid] += 1
        if r["not toxic"].strip().lower() == "true":
            n_not_toxic[cid] += 1
    # raters per comment and type
    typed: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in _read_csv(d / "spans.csv"):
        cat = _TS_TYPES.get(r["type"])
        cid = ann_comment.get(r["annotation"])
        if cat and cid:
            typed[cid][cat].add(r["annotation"])
    out = []
    for cid, text in texts.items():
        if not _ok(text) or not n_raters.get(cid):
            continue
        n = n_raters[cid]
        toxic = 1 if n_not_toxic[cid] * 2 < n else 0
        lab: dict[str, int | None] = {"toxicity": toxic, "spam": 0}
        for cat in ("insult", "threat", "identity_attack", "profanity"):
            k = len(typed[cid][cat])
            lab[cat] = 1 if k * 2 >= n and k >= 2 else (0 if k == 0 else None)
        if not toxic:
            # Raters said the post is not toxic after all: only keep span labels that agree.
            for cat in ("insult", "threat", "identity_attack"):
                if lab[cat] == 1:
                    lab[cat] = None
        out.append(Example(text, _labels(**lab), "toxic_spans_civil"))
    return out


def load_davidson(root: Path) -> list[Example]:
    out = []
    for r in _read_csv(root / "davidson" / "labeled_data.csv"):
        t = r["tweet"]
        if not _ok(t):
            continue
        c = int(r["class"])
        if c == 0:
            lab = _labels(toxicity=1, identity_attack=1)
        elif c == 1:
            lab = _labels(toxicity=1, identity_attack=0)
        else:
            lab = _clean_negative()
        out.append(Example(t, lab, "davidson"))
    return out


def load_implicit_hate(root: Path) -> list[Example]:
    d = root / "implicit_hate"
    threat_posts = set()
    for r in _read_csv(d / "implicit_hate_v1_stg2_posts.tsv", delimiter="\t"):
        if "threatening" in (r.get("implicit_class"), r.get("extra_implicit_class")):
            threat_posts.add(r["post"])
    out = []
    for r in _read_csv(d / "implicit_hate_v1_stg1_posts.tsv", delimiter="\t"):
        t = r["post"]
        if not _ok(t):
            continue
        c = r["class"]
        if c in ("implicit_hate", "explicit_hate"):
            lab = _labels(
                identity_attack=1,
                toxicity=1,
                threat=1 if t in threat_posts else None,
            )
        else:
            lab = _labels(identity_attack=0, threat=0, toxicity=0)
        out.append(Example(t, lab, "implicit_hate"))
    return out


_SBIC_PROTECTED = {"race", "culture", "gender", "disabled"}


def load_sbic_partial(root: Path) -> list[Example]:
    d = root / "sbic_partial"
    out = []
    for name in ("SBIC.v2.agg.dev.csv", "SBIC.v2.agg.tst.csv"):
        for r in _read_csv(d / name):
            t = r["post"]
            if not _ok(t):
                continue
            off = float(r["offensiveYN"] or 0)
            who = float(r["whoTarget"] or 0)
            try:
                cats = set(json.loads(r["targetCategory"] or "[]"))
            except json.JSONDecodeError:
                cats = set()
            if off < 0.5:
                lab = _labels(toxicity=0, identity_attack=0)
            elif who >= 0.5 and cats & _SBIC_PROTECTED:
                lab = _labels(toxicity=1, identity_attack=1)
            elif who < 0.5:
                lab = _labels(toxicity=1, identity_attack=0)
            else:
                lab = _labels(toxicity=1)
            out.append(Example(t, lab, "sbic_partial"))
    return out


_HX_PROTECTED = {
    "African", "Islam", "Jewish", "Homosexual", "Women", "Refugee", "Arab", "Caucasian",
    "Asian", "Hispanic", "Christian", "Disability", "Indian", "Buddhism", "Hindu", "Bisexual",
    "Minority", "Nonreligious", "Economic", "Indigenous", "Men", "Heterosexual", "Asexual",
}  # fmt: skip


def load_hatexplain_partial(root: Path) -> list[Example]:
    d = root / "hatexplain_partial"
    out = []
    for name in ("hatexplain_val.jsonl", "hatexplain_test.jsonl"):
        with open(d / name, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                t = " ".join(rec["post_tokens"]).replace("<user>", "@user")
                if not _ok(t):
                    continue
                votes = [a["label"] for a in rec["annotators"]]
                hate = votes.count("hatespeech")
                off = votes.count("offensive")
                norm = votes.count("normal")
                if hate * 2 > len(votes):
                    lab = _labels(toxicity=1, identity_attack=1)
                elif norm * 2 > len(votes):
                    lab = _clean_negative()
                elif (hate + off) * 2 > len(votes):
                    lab = _labels(toxicity=1)
                else:
                    continue
                out.append(Example(t, lab, "hatexplain_partial"))
    return out


_MLMA_PROTECTED = {"origin", "religion", "gender", "sexual_orientation", "disability"}


def load_mlma_hate(root: Path) -> list[Example]:
    out = []
    for r in _read_csv(root / "mlma_hate" / "en_dataset_with_stop_words.csv"):
        t = r["tweet"]
        if not _ok(t):
            continue
        sent = set(r["sentiment"].split("_"))
        if sent == {"normal"}:
            lab = _labels(identity_attack=0, threat=0)
        elif "hateful" in sent and r["target"] in _MLMA_PROTECTED:
            lab = _labels(identity_attack=1, toxicity=1)
        else:
            lab = _labels(toxicity=1 if sent - {"normal", "fearful"} else None)
        out.append(Example(t, lab, "mlma_hate"))
    return out


def load_youtube_spam(root: Path) -> list[Example]:
    out = []
    for path in sorted((root / "youtube_spam").glob("Youtube0*.csv")):
        for r in _read_csv(path):
            t = r.get("CONTENT")
            if _ok(t):
                out.append(Example(t, _labels(spam=int(r["CLASS"])), "youtube_spam"))
    return out


def load_sms_spam(root: Path) -> list[Example]:
    out = []
    with open(root / "sms_spam" / "SMSSpamCollection", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            lab, _, t = line.rstrip("\r\n").partition("\t")
            if _ok(t) and lab in ("ham", "spam"):
                out.append(Example(t, _labels(spam=int(lab == "spam")), "sms_spam"))
    return out


# ---------------------------------------------------------------- evaluation-only sets


def _unescape_kaggle(t: str) -> str:
    t = t.strip()
    if len(t) >= 2 and t[0] == t[-1] == '"':
        t = t[1:-1]
    try:
        t = codecs.decode(t.encode("latin-1", "backslashreplace"), "unicode_escape")
        t = t.encode("latin-1", "replace").decode("utf-8", "replace")
    except (UnicodeDecodeError, UnicodeEncodeError):
        pass
    return t


def load_kaggle_insults(root: Path) -> list[Example]:
    out = []
    for name in ("train.csv", "test_with_solutions.csv"):
        for r in _read_csv(root / "kaggle_insults" / name):
            t = _unescape_kaggle(r.get("Comment") or "")
            if _ok(t):
                out.append(Example(t, _labels(insult=int(r["Insult"])), "kaggle_insults"))
    return out


def load_olid(root: Path) -> list[Example]:
    d = root / "olid"
    out = []
    for r in _read_csv(d / "olid-training-v1.0.tsv", delimiter="\t"):
        out.append(Example(r["tweet"], _labels(toxicity=int(r["subtask_a"] == "OFF")), "olid"))
    gold = {}
    with open(d / "labels-levela.csv", encoding="utf-8") as fh:
        for line in fh:
            parts = line.strip().split(",")
            if len(parts) == 2:
                gold[parts[0]] = parts[1]
    for r in _read_csv(d / "testset-levela.tsv", delimiter="\t"):
        if r["id"] in gold:
            out.append(Example(r["tweet"], _labels(toxicity=int(gold[r["id"]] == "OFF")), "olid"))
    return out


def load_dynahate_partial(root: Path) -> list[Example]:
    out = []
    for name in ("db_dev.csv", "db_test.csv"):
        for r in _read_csv(root / "dynahate_partial" / name):
            y = int(r["label"] == "hate")
            out.append(Example(r["text"], _labels(identity_attack=y), "dynahate_partial"))
    return out


def load_hateval_tweeteval(root: Path) -> list[Example]:
    d = root / "hateval_tweeteval"
    out = []
    for sp in ("train", "val", "test"):
        texts = (d / f"{sp}_text.txt").read_text(encoding="utf-8").split("\n")
        labels = (d / f"{sp}_labels.txt").read_text(encoding="utf-8").split("\n")
        for t, y in zip(texts, labels, strict=False):
            if _ok(t) and y.strip():
                ex = Example(t, _labels(identity_attack=int(y)), "hateval_tweeteval")
                out.append(ex)
    return out


def load_stormfront_hate(root: Path) -> list[Example]:
    out = []
    for r in _read_csv(root / "stormfront_hate" / "stormfront_sentences.csv"):
        if r["label"] not in ("hate", "noHate") or not _ok(r["text"]):
            continue
        y = int(r["label"] == "hate")
        out.append(Example(r["text"], _labels(identity_attack=y), "stormfront_hate"))
    return out


def load_ucc_unhealthy(root: Path) -> list[Example]:
    out = []
    for name in ("val.csv", "test.csv"):
        for r in _read_csv(root / "ucc_unhealthy" / name):
            t = r["comment"]
            if not _ok(t):
                continue
            lab = _labels(
                toxicity=1 - int(float(r["healthy"])),
                insult=int(float(r["antagonize"])),
            )
            out.append(Example(t, lab, "ucc_unhealthy"))
    return out


def load_gab_hate_corpus(root: Path) -> list[Example]:
    out = []
    for name in ("ghc_train.tsv", "ghc_test.tsv"):
        for r in _read_csv(root / "gab_hate_corpus" / name, delimiter="\t"):
            t = r.get("text")
            if not _ok(t):
                continue
            lab = _labels(identity_attack=int(r["hd"]), threat=int(r["cv"]))
            out.append(Example(t, lab, "gab_hate_corpus"))
    return out


LOADERS: dict[str, Callable[[Path], list[Example]]] = {
    "wiki_context_toxicity": load_wiki_context_toxicity,
    "toxic_spans_civil": load_toxic_spans_civil,
    "davidson": load_davidson,
    "implicit_hate": load_implicit_hate,
    "sbic_partial": load_sbic_partial,
    "hatexplain_partial": load_hatexplain_partial,
    "mlma_hate": load_mlma_hate,
    "youtube_spam": load_youtube_spam,
    "sms_spam": load_sms_spam,
    "kaggle_insults": load_kaggle_insults,
    "olid": load_olid,
    "dynahate_partial": load_dynahate_partial,
    "hateval_tweeteval": load_hateval_tweeteval,
    "stormfront_hate": load_stormfront_hate,
    "ucc_unhealthy": load_ucc_unhealthy,
    "gab_hate_corpus": load_gab_hate_corpus,
}

_FILES: dict[str, tuple[str, ...]] = {
    "wiki_context_toxicity": ("gn.csv", "cat_small.csv", "gc.csv"),
    "toxic_spans_civil": ("data/comments.csv", "data/annotations.csv", "data/spans.csv"),
    "davidson": ("labeled_data.csv",),
    "implicit_hate": ("implicit_hate_v1_stg1_posts.tsv", "implicit_hate_v1_stg2_posts.tsv"),
    "sbic_partial": ("SBIC.v2.agg.dev.csv", "SBIC.v2.agg.tst.csv"),
    "hatexplain_partial": ("hatexplain_val.jsonl", "hatexplain_test.jsonl"),
    "mlma_hate": ("en_dataset_with_stop_words.csv",),
    "youtube_spam": tuple(f"Youtube0{i}-{n}.csv" for i, n in
                          enumerate(["Psy", "KatyPerry", "LMFAO", "Eminem", "Shakira"], 1)),
    "sms_spam": ("SMSSpamCollection",),
}  # fmt: skip


def dataset_files(root: Path, name: str) -> list[Path]:
    """The files a training loader reads (for the manifest's digests)."""
    return [root / name / f for f in _FILES.get(name, ())]


def load(name: str, root: Path | str | None = None) -> list[Example]:
    root = Path(root) if root is not None else default_datasets_dir()
    if name not in LOADERS:
        raise KeyError(f"unknown data set {name!r}")
    rows = LOADERS[name](root)
    for ex in rows:
        ex.dataset = name
    return rows


def load_many(names: Iterable[str], root: Path | str | None = None) -> list[Example]:
    out: list[Example] = []
    for n in names:
        out.extend(load(n, root))
    return out


# ---------------------------------------------------------------- hand-written augmentation

AUGMENT_PATH = Path(__file__).resolve().parent / "data" / "augment.json"


def _fill(template: str, group: dict[str, str] | None = None, name: str = "") -> str:
    g = group or {"p": "", "s": "", "a": ""}
    return template.format(p=g["p"], P=g["p"][:1].upper() + g["p"][1:], s=g["s"], a=g["a"], n=name)


def load_augmentation(path: Path | None = None) -> list[Example]:
    """Expand the hand-written templates in ``data/augment.json`` into training rows."""
    spec = json.loads((path or AUGMENT_PATH).read_text(encoding="utf-8"))
    groups = spec["groups"]
    names = spec["names"]
    out: list[Example] = []

    def add(text: str, **lab: int | None) -> None:
        out.append(Example(text, _labels(**lab), "augment", split="train"))

    for tpl in spec["neutral_identity"]:
        for g in groups:
            out.append(Example(_fill(tpl, g), _clean_negative(), "augment_neutral", "train"))
    for tpl in spec["counter_speech"]:
        for j, g in enumerate(groups):
            if j % 2 == 0:
                add(_fill(tpl, g), identity_attack=0, threat=0, insult=0)
    for i, tpl in enumerate(spec["identity_hate"]):
        for j, g in enumerate(groups):
            if (i + j) % 3 == 0:
                add(_fill(tpl, g), identity_attack=1, toxicity=1)
    for tpl in spec["identity_threat"]:
        for j, g in enumerate(groups):
            if j % 3 == 0:
                add(_fill(tpl, g), identity_attack=1, toxicity=1, threat=1)
    for i, tpl in enumerate(spec["threat"]):
        for k in range(3 if "{n}" in tpl else 1):
            add(_fill(tpl, name=names[(i + k) % len(names)]), threat=1, toxicity=1)
    for tpl in spec["violent_not_threat"]:
        add(tpl, threat=0, toxicity=0, insult=0, identity_attack=0)
    for i, tpl in enumerate(spec["insult"]):
        for k in range(3 if "{n}" in tpl else 1):
            add(_fill(tpl, name=names[(i + k) % len(names)]), insult=1, toxicity=1)
    for i, tpl in enumerate(spec["not_insult"]):
        add(_fill(tpl, name=names[i % len(names)]), **_clean_negative(spam=0))
    for tpl in spec["profane_not_attack"]:
        add(tpl, profanity=1, insult=0, identity_attack=0, threat=0)
    for i, tpl in enumerate(spec["nonprotected_abuse"]):
        for j, target in enumerate(spec["nonprotected_targets"]):
            if (i + j) % 2 == 0:
                g = {"p": target, "s": target, "a": target}
                add(_fill(tpl, g), identity_attack=0, toxicity=1, threat=0)
    for i, tpl in enumerate(spec["negated_hate"]):
        for j, g in enumerate(groups):
            if (i + j) % 2 == 0:
                add(_fill(tpl, g), identity_attack=0, threat=0, insult=0)
    for tpl in spec["spam"]:
        add(tpl, spam=1)
    for tpl in spec["not_spam"]:
        add(tpl, spam=0, **{c: 0 for c in ("insult", "threat", "identity_attack")})
    return out


AUGMENT_HARD_PATH = Path(__file__).resolve().parent / "data" / "augment_hard.json"
HARD_GROUPS_PER_TEMPLATE = 6


def _section_labels(section: dict) -> dict[str, int | None]:
    """A template section's labels, every category present (unknown = None)."""
    return {c: section["labels"].get(c) for c in CATEGORIES}


def load_hard_cases(path: Path | None = None, groups_path: Path | None = None) -> list[Example]:
    """Expand ``data/augment_hard.json``: hand-written hard cases (negated hate, counter-speech,
    threats against individuals, implicit derogation, abuse aimed at things...).

    A template with a group placeholder is filled with ``HARD_GROUPS_PER_TEMPLATE`` groups of
    ``augment.json``, rotating through the list so every group appears in every section; one
    with ``{n}`` with one name. Rows are training rows of the ``augment`` source.
    """
    return _expand_templates(
        path or AUGMENT_HARD_PATH,
        groups_path,
        HARD_GROUPS_PER_TEMPLATE,
        _section_labels,
    )


def _expand_templates(
    path: Path,
    groups_path: Path | None,
    per_template: int,
    labels_of: Callable[[dict], dict[str, int | None]],
) -> list[Example]:
    """Training rows (source ``augment``) from a file of template sections: a template with a
    group placeholder is filled with ``per_template`` groups of ``augment.json``, rotating
    through the list so every group appears in every section; one with ``{n}`` with a name."""
    if not path.is_file():
        return []
    spec = json.loads(path.read_text(encoding="utf-8"))
    base = json.loads((groups_path or AUGMENT_PATH).read_text(encoding="utf-8"))
    groups, names = base["groups"], base["names"]
    out: list[Example] = []
    k = 0
    for section in spec["sections"]:
        labels = labels_of(section)
        for tpl in section["templates"]:
            grouped = any(f"{{{ph}}}" in tpl for ph in ("p", "P", "s", "a"))
            for _ in range(per_template if grouped else 1):
                g = groups[k % len(groups)] if grouped else None
                text = _fill(tpl, g, names[k % len(names)])
                k += 1
                out.append(Example(text, dict(labels), "augment", split="train"))
    return out


QUOTE_STANCE_PATH = Path(__file__).resolve().parent / "data" / "quote_stance.json"
QUOTE_GROUPS_PER_TEMPLATE = 3


def _quote_labels(stance: str, style: str) -> dict[str, int | None]:
    """Labels of a quoting comment: one that rejects the quote attacks nobody and is not
    incivility either (counter-speech keeps a conversation going); one that adopts it carries
    the quote's harm (identity hate, or abuse of a person, or a threat). Mocking the speaker
    is left unlabelled for toxicity: rude to the speaker, even when it rejects the quote."""
    if stance == "reject":
        if style.startswith("mocking"):
            return _labels(identity_attack=0, insult=0, threat=0)
        return _labels(identity_attack=0, insult=0, threat=0, toxicity=0)
    if style.startswith("abuse of a person"):
        return _labels(insult=1, toxicity=1)
    if style.startswith("threat in quote"):
        return _labels(threat=1, toxicity=1)
    return _labels(identity_attack=1, toxicity=1)


def load_quote_stance(path: Path | None = None, groups_path: Path | None = None) -> list[Example]:
    """Expand ``data/quote_stance.json``: comments that quote hate or abuse, either rejecting
    it (counter-speech, reports, news) or adopting it. Training rows for the semantic tier,
    which has to read the stance around a quote; a bag of n-grams cannot."""
    return _expand_templates(
        path or QUOTE_STANCE_PATH,
        groups_path,
        QUOTE_GROUPS_PER_TEMPLATE,
        lambda section: _quote_labels(section["stance"], section["style"]),
    )


WAR_NEWS_PATH = Path(__file__).resolve().parent / "data" / "war_news.json"


def load_war_news(path: Path | None = None) -> list[Example]:
    """Expand ``data/war_news.json``: neutral comments on wars that name places, peoples and
    casualties, and hateful ones on the same subjects. Training rows for the semantic tier
    (an experiment, off for the shipped model)."""
    return _expand_templates(
        path or WAR_NEWS_PATH,
        None,
        1,
        _section_labels,
    )


def load_bias_eval(path: Path | None = None) -> list[str]:
    """Held-out neutral identity sentences (never trained on) for the false-flag check.

    Sentences that happen to coincide with a training template are left out.
    """
    spec = json.loads((path or AUGMENT_PATH).read_text(encoding="utf-8"))
    trained = {
        ex.text
        for ex in load_augmentation(path)
        + load_hard_cases(groups_path=path)
        + load_quote_stance(groups_path=path)
    }
    out = [_fill(t, g) for t in spec["bias_eval"] for g in spec["bias_eval_groups"]]
    return [t for t in out if t not in trained]
