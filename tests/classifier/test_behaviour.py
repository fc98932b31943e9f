"""Clear-cut behaviour of the SHIPPED model (skipped when no artifacts are committed)."""

import pytest

from soundoff.classifier import CATEGORIES, Scored, Span, default_verdict


def test_api_shape(shipped_model):
    s = shipped_model.score("hello there")
    assert isinstance(s, Scored)
    assert set(s.scores) == set(CATEGORIES)
    assert s.model_version and s.tier in ("fast", "cascade")
    batch = shipped_model.score_batch(["a", "b", "c"])
    assert len(batch) == 3 and all(isinstance(b, Scored) for b in batch)
    assert shipped_model.score_batch([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "I am going to kill you and your whole family.",
        "I will find where you live and burn your house down.",
    ],
)
def test_threats(shipped_model, text):
    s = shipped_model.score(text)
    assert s.scores["threat"] >= shipped_model.thresholds["threat"]
    assert default_verdict(s.scores) != "publish"


def test_slur_based_attack(shipped_model):
    s = shipped_model.score("All those f@ggots and n1ggers should get out of our country.")
    assert s.scores["identity_attack"] >= shipped_model.thresholds["identity_attack"]
    assert default_verdict(s.scores) != "publish"


def test_dehumanising_attack(shipped_model):
    s = shipped_model.score("Muslims are filthy vermin and should be wiped out.")
    assert s.scores["identity_attack"] >= shipped_model.thresholds["identity_attack"]


@pytest.mark.parametrize(
    "text",
    [
        "I am a Muslim woman.",
        "My neighbours are Jewish.",
        "Gay people live here.",
        "The council approved the new bike lanes on Main Street.",
        "Thank you for this thoughtful article about the school budget.",
    ],
)
def test_neutral_stays_low(shipped_model, text):
    s = shipped_model.score(text)
    assert s.scores["identity_attack"] < shipped_model.thresholds["identity_attack"]
    assert s.scores["threat"] < shipped_model.thresholds["threat"]
    assert default_verdict(s.scores) == "publish"


def test_obvious_spam(shipped_model):
    s = shipped_model.score(
        "EARN $5000 A WEEK FROM HOME!!! Click here http://cash-now.example and subscribe!!"
    )
    assert s.scores["spam"] >= shipped_model.thresholds["spam"]
    assert default_verdict(s.scores) in ("hold", "reject")


def test_insult_with_spans_on_obfuscated_text(shipped_model):
    text = "You are a total 1d10t and a m o r o n."
    s = shipped_model.score(text)
    assert s.scores["insult"] >= shipped_model.thresholds["insult"]
    spans = [sp for sp in s.spans if sp.category == "insult"]
    assert spans and all(isinstance(sp, Span) for sp in spans)
    for sp in spans:
        assert text[sp.start : sp.end] == sp.text
    assert any(sp.text in ("1d10t", "m o r o n") for sp in spans)


def test_profanity_alone_is_published(shipped_model):
    s = shipped_model.score("Holy shit, what a fantastic goal in the last minute!")
    assert s.scores["profanity"] >= shipped_model.thresholds["profanity"]
    assert default_verdict(s.scores) == "publish"


def test_default_verdict_policy():
    base = dict.fromkeys(CATEGORIES, 0.0)
    assert default_verdict(base) == "publish"
    assert default_verdict({**base, "profanity": 1.0}) == "publish"
    assert default_verdict({**base, "identity_attack": 0.99}) == "reject"
    assert default_verdict({**base, "threat": 0.99}) == "reject"
    assert default_verdict({**base, "spam": 0.99}) == "reject"
    assert default_verdict({**base, "threat": 0.6}) == "hold"
    assert default_verdict({**base, "insult": 0.9}) == "hold"


@pytest.mark.parametrize(
    ("innocent", "attack"),
    [
        ("We had faggots and peas for tea, lovely.", "Shut up, you stupid faggot."),
        ("The tranny in my truck is slipping again.", "That tranny should stay out of our loos."),
        ("Off for a quick fag break, back in five.", "Nobody wants to hear from a fag like you."),
    ],
)
def test_innocent_sense_of_a_slur_word_is_published_the_attack_is_not(
    shipped_model, innocent, attack
):
    assert default_verdict(shipped_model.score(innocent).scores) == "publish"
    assert default_verdict(shipped_model.score(attack).scores) != "publish"


def test_scoring_path_matches_the_training_features(shipped_model):
    """`FastClassifier.logits` (what scoring uses) computes the same decision values and
    block norms as the sparse feature matrix the model was trained on, one comment at a
    time and in a batch, empty and overlong texts included."""
    import numpy as np

    from soundoff.classifier.normalize import normalize

    clf = shipped_model.clf
    texts = [
        "",
        "   ",
        "Thanks for a clear piece on the council budget.",
        "Buy cheap watches at www.example.com!!! $$$",
        "Ｍｕｓｌｉｍｓ are v3rmin",
        "word " * 1200,
    ]
    norms = [normalize(t) for t in texts]
    X, _, (nw, nc) = clf._features(texts, norms)
    expected = np.asarray(X @ clf.coef_T()) + clf.intercept_
    Z, (nw2, nc2) = clf.logits(texts, norms)
    np.testing.assert_allclose(Z, expected, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(nw2, nw, rtol=1e-5)
    np.testing.assert_allclose(nc2, nc, rtol=1e-5)
    for i, t in enumerate(texts):
        z1, _ = clf.logits([t], [norms[i]])
        np.testing.assert_allclose(z1[0], expected[i], rtol=1e-4, atol=1e-4)


def test_ngram_hasher_counts_what_sklearn_counts(shipped_model):
    """The cached n-gram hasher gives the same matrix as sklearn's HashingVectorizer (same
    columns, counts and order), for odd whitespace, short and non-Latin words, repeated
    text, and after its cache has been emptied for being full."""
    clf = shipped_model.clf
    texts = [
        "",
        " ",
        "a",
        "ab",
        "a b c a b c",
        "x\u2003y\u00a0z\tq\n\nw",
        "\x1cfoo\x1fbar",
        "ééé 中文字 😀😀 don't",
        "the council the council the council",
        "Thanks for a clear piece on the council budget.",
    ]
    import numpy as np
    from sklearn.feature_extraction.text import HashingVectorizer

    from soundoff.classifier.fast import TOKEN_PATTERN, NgramHasher

    hw = NgramHasher("word", tuple(clf.word_ngram_range), clf.word_features)
    hc = NgramHasher("char_wb", tuple(clf.char_ngram_range), clf.char_features)
    # What the model was trained with before NgramHasher.
    common = {"lowercase": False, "alternate_sign": False, "norm": None, "dtype": np.float32}
    vw = HashingVectorizer(
        analyzer="word",
        ngram_range=tuple(clf.word_ngram_range),
        n_features=clf.word_features,
        token_pattern=TOKEN_PATTERN,
        **common,
    )
    vc = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=tuple(clf.char_ngram_range),
        n_features=clf.char_features,
        **common,
    )
    for hasher, reference in ((hw, vw), (hc, vc)):
        for limit in (hasher.CACHE_LIMIT, 5):
            hasher.CACHE_LIMIT = limit
            try:
                for batch in (texts, texts[::-1], texts[3:6]):
                    got, want = hasher.transform(batch), reference.transform(batch)
                    assert got.shape == want.shape and got.dtype == want.dtype
                    assert (got != want).nnz == 0
                    assert (got.indices == want.indices).all()
                    assert (got.indptr == want.indptr).all()
            finally:
                del hasher.CACHE_LIMIT  # back to the class default


def test_explanations_do_not_depend_on_what_was_scored_before(shipped_model):
    """Per-word explanation weights are cached; a grown or emptied cache gives the same
    spans as a fresh one."""
    clf = shipped_model.clf
    texts = ["You are a pathetic idiot and a liar.", "Buy cheap pills at www.example.com now"]

    def spans():
        return [[sp.as_dict() for sp in s.spans] for s in shipped_model.score_batch(texts)]

    clf._contrib = None
    fresh = spans()
    assert any(fresh)
    clf._word_contributions([f"word{i}" for i in range(3000)])  # grows the store
    assert spans() == fresh
    clf._contrib = None
    assert spans() == fresh


def test_word_list_features_count_what_the_word_list_patterns_match():
    """The rule features count listed words by token; that equals the `\\b(?:...)\\b`
    patterns only while every listed word is letters alone."""
    import re

    from soundoff.classifier.fast import rule_features
    from soundoff.classifier.lexicon import _PROFANITY_RE, PROFANITY_STEMS

    assert all(re.fullmatch(r"[a-z]+", w) for w in PROFANITY_STEMS)
    second = re.compile(r"\b(?:you|your|you're|youre|u|ur|yourself)\b")
    for norm in [
        "you're a fucking idiot, u know. fuck's sake",
        "shithead shit-head bullshit assholes ass_hole",
        "your yourself youre ur you you you",
        "nothing to see here",
    ]:
        feats = rule_features(norm, norm)
        assert feats[-2] == min(len(_PROFANITY_RE.findall(norm)), 3) / 3.0
        assert feats[-1] == min(len(second.findall(norm)), 3) / 3.0


def test_scores_and_spans_are_the_same_from_many_threads(shipped_model):
    """Threaded servers share one model and its caches: concurrent scoring of new words
    gives what scoring one at a time gives."""
    from concurrent.futures import ThreadPoolExecutor

    clf = shipped_model.clf
    texts = [
        f"Comment {i}: you absolute idiot{i}, read zzword{i} and qqterm{i} before posting"
        for i in range(120)
    ]

    def run(t):
        s = shipped_model.score(t)
        return s.scores, [sp.as_dict() for sp in s.spans]

    clf._contrib = None
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(run, texts))
    clf._contrib = None
    alone = [run(t) for t in texts]
    assert together == alone
