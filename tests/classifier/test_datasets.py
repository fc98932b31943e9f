"""Loaders on tiny fixture files written here (no shared data needed)."""

import json

from soundoff.classifier import datasets as D
from soundoff.classifier.categories import CATEGORIES


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_split_is_stable_and_text_based():
    assert D.split_of("Hello there") == D.split_of("  hello   THERE ")
    splits = [D.split_of(f"comment number {i}") for i in range(3000)]
    for name, share in (("train", 0.8), ("dev", 0.1), ("test", 0.1)):
        assert abs(splits.count(name) / len(splits) - share) < 0.03


def test_davidson(tmp_path):
    _write(
        tmp_path / "davidson" / "labeled_data.csv",
        ",count,hate_speech,offensive_language,neither,class,tweet\n"
        "0,3,3,0,0,0,hateful tweet\n1,3,0,3,0,1,offensive tweet\n2,3,0,0,3,2,nice tweet\n",
    )
    rows = D.load("davidson", tmp_path)
    assert [r.labels["identity_attack"] for r in rows] == [1, 0, 0]
    assert [r.labels["toxicity"] for r in rows] == [1, 1, 0]
    assert rows[2].labels["insult"] == 0 and rows[1].labels["insult"] is None
    assert all(set(r.labels) == set(CATEGORIES) for r in rows)
    assert all(r.dataset == "davidson" and r.split in ("train", "dev", "test") for r in rows)


def test_spam_sets(tmp_path):
    _write(
        tmp_path / "youtube_spam" / "Youtube01-Psy.csv",
        "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
        'a,b,c,"check out my channel",1\nd,e,f,"love this song",0\n',
    )
    _write(tmp_path / "sms_spam" / "SMSSpamCollection", "ham\tsee you\nspam\tWIN cash now")
    yt = D.load("youtube_spam", tmp_path)
    sms = D.load("sms_spam", tmp_path)
    assert [(r.text, r.labels["spam"]) for r in yt] == [
        ("check out my channel", 1),
        ("love this song", 0),
    ]
    assert [r.labels["spam"] for r in sms] == [0, 1]
    assert sms[0].labels["toxicity"] is None  # unknown, masked


def test_toxic_spans_majority_of_raters(tmp_path):
    d = tmp_path / "toxic_spans_civil" / "data"
    _write(d / "comments.csv", "comment_id,comment_text\n1,you idiot I will hurt you\n2,meh\n")
    _write(
        d / "annotations.csv",
        "annotation,comment_id,worker,country,all toxic,not toxic\n"
        "10,1,a,USA,False,False\n11,1,b,USA,False,False\n12,1,c,USA,False,False\n"
        "20,2,a,USA,False,True\n21,2,b,USA,False,True\n22,2,c,USA,False,False\n",
    )
    _write(
        d / "spans.csv",
        "annotation,type,start,end\n10,Insult,4,9\n11,Insult,4,9\n12,Threat,10,24\n",
    )
    rows = {r.text: r.labels for r in D.load("toxic_spans_civil", tmp_path)}
    a = rows["you idiot I will hurt you"]
    assert a["toxicity"] == 1 and a["insult"] == 1
    assert a["threat"] is None  # one rater of three: unsure, masked
    assert a["identity_attack"] == 0
    assert rows["meh"]["toxicity"] == 0


def test_hatexplain_and_sbic(tmp_path):
    recs = [
        {"post_tokens": ["<user>", "hello"], "annotators": [{"label": "normal"}] * 3},
        {"post_tokens": ["bad", "post"], "annotators": [{"label": "hatespeech"}] * 2
         + [{"label": "offensive"}]},
    ]  # fmt: skip
    _write(
        tmp_path / "hatexplain_partial" / "hatexplain_val.jsonl",
        "\n".join(json.dumps(r) for r in recs) + "\n",
    )
    _write(tmp_path / "hatexplain_partial" / "hatexplain_test.jsonl", "")
    rows = D.load("hatexplain_partial", tmp_path)
    assert rows[0].text == "@user hello" and rows[0].labels["identity_attack"] == 0
    assert rows[1].labels["identity_attack"] == 1
    header = (",post,targetMinority,targetCategory,targetStereotype,whoTarget,intentYN,sexYN,"
              "offensiveYN,dataSource,hasBiasedImplication\n")  # fmt: skip
    body = (
        '0,group post,"[""x""]","[""race""]",[],1.0,1.0,0.0,1.0,Gab,0\n'
        "1,fine post,[],[],[],0.0,0.0,0.0,0.0,Gab,1\n"
    )
    _write(tmp_path / "sbic_partial" / "SBIC.v2.agg.dev.csv", header + body)
    _write(tmp_path / "sbic_partial" / "SBIC.v2.agg.tst.csv", header)
    s = D.load("sbic_partial", tmp_path)
    assert [r.labels["identity_attack"] for r in s] == [1, 0]


def test_augmentation_and_bias_eval_are_disjoint():
    aug = D.load_augmentation()
    assert len(aug) > 500
    assert all(r.split == "train" for r in aug)
    held_out = D.load_bias_eval()
    assert held_out and not set(held_out) & {r.text for r in aug}


def test_default_datasets_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SOUNDOFF_DATASETS", str(tmp_path))
    assert D.default_datasets_dir() == tmp_path
    monkeypatch.delenv("SOUNDOFF_DATASETS")
    assert D.default_datasets_dir().parts[-2:] == ("shared", "datasets")


def test_news_topic_suite_is_not_in_any_hand_written_training_rows():
    from soundoff.classifier.suites import load_suite

    written = {r.text.lower() for r in D.load_augmentation() + D.load_hard_cases()}
    written |= {r.text.lower() for r in D.load_quote_stance() + D.load_war_news()}
    suite = {c["text"].lower() for c in load_suite("news_topics")}
    assert suite and not suite & written
