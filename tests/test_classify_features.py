"""Tests of the classifier's features, calibration, tuned decisions, folds and languages."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from framing.classify import FrameClassifier, ModelError, TextFeatures, evaluate, training_data
from framing.errors import LanguageWarning
from framing.text import HAVE_SPEEDUPS, tokenizer, use_speedups

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from russian_news import build  # noqa: E402  (a fixture module written for the kit)

TEXTS = [
    "U.S. officials met Russia's envoy on Indo-Pacific trade.",
    "Talks resumed; the envoy met officials again.",
    "Tariffs of 25% hit trade, officials said.",
    "The envoy's talks stalled over tariffs.",
]


# ------------------------------------------------------------------ TextFeatures
def test_word_block_equals_sklearn_tfidf_over_the_kit_tokens():
    ours = TextFeatures(min_df=1, max_df=1.0)
    ref = TfidfVectorizer(min_df=1, max_df=1.0, sublinear_tf=True, analyzer=tokenizer("en"))
    A, B = ours.fit_transform(TEXTS[:3]), ref.fit_transform(TEXTS[:3])
    assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
    assert abs(A - B).max() < 1e-12
    assert abs(ours.transform(TEXTS[3:]) - ref.transform(TEXTS[3:])).max() < 1e-12
    assert "u.s." in ours.vocabularies_["words"]  # the kit's token, not sklearn's "u", "s"


def test_char_block_equals_sklearn_over_padded_words():
    def grams(text):
        return [
            f" {w} "[i : i + n]
            for w in tokenizer("en")(text)
            for n in (2, 3)
            for i in range(len(w) + 3 - n)
        ]

    ours = TextFeatures(words=None, chars=(2, 3), min_df=1, max_df=1.0)
    ref = TfidfVectorizer(min_df=1, max_df=1.0, sublinear_tf=True, analyzer=grams)
    A, B = ours.fit_transform(TEXTS[:3]), ref.fit_transform(TEXTS[:3])
    assert [n.removeprefix("chars:") for n in ours.get_feature_names_out()] == list(
        ref.get_feature_names_out()
    )
    assert abs(A - B).max() < 1e-12
    assert abs(ours.transform(TEXTS[3:]) - ref.transform(TEXTS[3:])).max() < 1e-12


def test_union_blocks_have_unit_length_each_and_bad_ranges_are_errors():
    X = TextFeatures(words=(1, 2), chars=(3, 4), min_df=1, max_df=1.0).fit_transform(TEXTS)
    f = TextFeatures(words=(1, 2), chars=(3, 4), min_df=1, max_df=1.0).fit(TEXTS)
    n_words = len(f.vocabularies_["words"])
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1))).ravel()
    assert np.allclose(norms, np.sqrt(2))
    assert np.allclose(np.sqrt(np.asarray(X[:, :n_words].multiply(X[:, :n_words]).sum(1))), 1)
    with pytest.raises(ModelError, match="chars must be None or") as err:
        TextFeatures(chars=(3, 2)).fit(TEXTS)
    assert err.value.field == "chars"
    with pytest.raises(ModelError, match="both None"):
        TextFeatures(words=None).fit(TEXTS)


def _kit_ngrams(lo, hi, stem=False):
    """scikit-learn analyzer: the kit's (stemmed) tokens as lo..hi-grams."""
    tok = tokenizer("en", stem=stem)

    def grams(text):
        t = tok(text)
        return [" ".join(t[i : i + n]) for n in range(lo, hi + 1) for i in range(len(t) - n + 1)]

    return grams


@pytest.mark.parametrize(
    "options",
    [
        {"words": (1, 2), "min_df": 2, "max_df": 1.0},
        {"words": (1, 3), "min_df": 1, "max_df": 1.0},
        {"words": (2, 2), "min_df": 1, "max_df": 0.6},
        {"words": (1, 2), "min_df": 1, "max_df": 1.0, "stem": True},
    ],
)
@pytest.mark.parametrize("c_module", [True, False])
def test_word_ngrams_equal_sklearn_tfidf_in_any_batch_size(options, c_module, monkeypatch):
    import framing.classify._features as features

    if c_module and not HAVE_SPEEDUPS:
        pytest.skip("framing._speedups was not built")
    docs = TEXTS * 2 + ["Officials said talks on trade resumed; the envoy met officials.", ""]
    new = ["The envoy met officials on trade.", "Tariffs stalled talks.", "nothing known", ""]
    lo, hi = options["words"]
    analyzer = _kit_ngrams(lo, hi, options.get("stem", False))
    ref = TfidfVectorizer(
        sublinear_tf=True, analyzer=analyzer, min_df=options["min_df"], max_df=options["max_df"]
    )
    B, B_new = ref.fit_transform(docs), ref.transform(new)
    for batch in (1000, 2, 1):  # one batch; batches of 2 texts; one text at a time
        monkeypatch.setattr(features, "_BATCH", batch)
        monkeypatch.setattr(features, "_BATCH_C", batch)
        with use_speedups(c_module):
            ours = TextFeatures(**options)
            A = ours.fit_transform(docs)
            A_new = ours.transform(new)
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
        assert abs(A - B).max() < 1e-12 and abs(A_new - B_new).max() < 1e-12


def test_a_model_fitted_by_an_earlier_version_is_refused_with_a_fix():
    f = TextFeatures(min_df=1).fit(TEXTS)
    del f.word_codes_  # as a TextFeatures saved before word_codes_ existed
    with pytest.raises(ModelError, match="earlier version of the kit") as err:
        f.transform(TEXTS)
    assert err.value.field == "word_codes_"


def test_word_counts_same_in_c_and_numpy_on_a_larger_vocabulary():
    """Many distinct tokens and n-grams (the C hash tables grow several times), rare
    words pruned before the bigrams are counted, a float min_df, unknown words."""
    import random

    if not HAVE_SPEEDUPS:
        pytest.skip("framing._speedups was not built")
    rng = random.Random(3)
    words = [f"w{i}" for i in range(3000)] + ["é", "u.s.", "naïve", "日本"]
    docs = [" ".join(rng.choices(words, k=rng.randint(0, 300))) for _ in range(300)]
    new = [" ".join(rng.choices(words + ["unseen", "zz9"], k=50)) for _ in range(40)]
    for options in ({"words": (1, 2), "min_df": 2}, {"words": (1, 3), "min_df": 0.01},
                    {"words": (2, 3), "min_df": 1, "max_df": 0.5}):  # fmt: skip
        out = {}
        for c_module in (True, False):
            with use_speedups(c_module):
                f = TextFeatures(**options)
                out[c_module] = f, f.fit_transform(docs), f.transform(new)
        (fc, Ac, Nc), (fp, Ap, Np) = out[True], out[False]
        assert list(fc.get_feature_names_out()) == list(fp.get_feature_names_out())
        assert fc.vocabularies_["words"] and abs(Ac - Ap).max() < 1e-12
        assert abs(Nc - Np).max() < 1e-12
        assert fc.token_ids_ == fp.token_ids_
        np.testing.assert_array_equal(fc.word_codes_, fp.word_codes_)


@pytest.mark.parametrize("words", [(1, 1), (1, 2)])
def test_max_features_keeps_the_most_frequent_ngrams(words, monkeypatch):
    import framing.classify._features as features

    docs = TEXTS * 2 + ["Officials said talks on trade resumed; the envoy met officials."]
    full = TextFeatures(words=words, min_df=1, max_df=1.0).fit(docs)
    total = dict(
        zip(
            full.get_feature_names_out(),
            np.asarray(CountVectorizer(analyzer=_kit_ngrams(*words), min_df=1)
                       .fit_transform(docs).sum(axis=0)).ravel(),
            strict=True,
        )
    )  # fmt: skip
    monkeypatch.setattr(features, "_BATCH", 2)
    monkeypatch.setattr(features, "_BATCH_C", 2)
    capped = TextFeatures(words=words, min_df=1, max_df=1.0, max_features=12).fit(docs)
    kept = set(capped.get_feature_names_out())
    assert len(kept) == 12
    assert min(total[t] for t in kept) >= max(total[t] for t in total if t not in kept)


def test_token_pattern_replaces_the_kit_tokenizer():
    f = TextFeatures(min_df=1, max_df=1.0, token_pattern=r"(?u)\b\w\w+\b").fit(TEXTS)
    assert "u.s." not in f.vocabularies_["words"] and "pacific" in f.vocabularies_["words"]


# ------------------------------------------------------------------ languages
def test_russian_stemming_joins_inflected_forms():
    f = TextFeatures(language="ru", stem=True, min_df=1, max_df=1.0)
    f.fit(["Переговоры идут.", "О переговорах.", "Переговорами довольны."])
    assert "переговор" in f.vocabularies_["words"]
    assert not {"переговоры", "переговорах"} & set(f.vocabularies_["words"])
    # a model trained on one form recognises another only with stemming
    docs = ["санкциями грозят", "цены растут", "санкциями давят", "цены падают"]
    y = ["pressure", "economy", "pressure", "economy"]
    stemmed = FrameClassifier(min_df=1, language="ru").fit(docs, y)
    assert stemmed.predict(["новые санкции"]).tolist() == ["pressure"]


def test_language_from_lang_column_or_detection_drives_stemming():
    docs, labels = build(6, seed=0)
    X, y = training_data(docs, labels)
    m = FrameClassifier(min_df=1).fit(X, y)
    assert m.language_ == "ru"
    assert m.pipeline_.named_steps["features"].stem is True
    m2 = FrameClassifier(min_df=1).fit(X["text"].tolist(), y)  # no lang column: detected
    assert m2.language_ == "ru"
    en = FrameClassifier(min_df=1).fit(TEXTS, ["a", "b", "a", "b"])
    assert en.language_ == "en"
    assert en.pipeline_.named_steps["features"].stem is False


def test_english_lexicon_and_vader_on_russian_corpus_warn_and_count():
    from framing.lexicon import score
    from framing.sentiment import vader_scores

    docs, _ = build(4, seed=0)
    docs.loc[0, "lang"] = "en"
    with pytest.warns(LanguageWarning, match=r"lexicon 'news_frames' is in 'en', but 11 of 12"):
        out = score(docs, "news_frames", cache=False)
    assert out.attrs["language_check"]["counts"] == {"ru": 11}
    with pytest.warns(LanguageWarning, match=r"VADER .* is in 'en', but 11 of 12 .* 11 in 'ru'"):
        vs = vader_scores(docs, n_jobs=1, cache=False)
    assert vs.attrs["language_check"]["n_mismatch"] == 11
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        score(docs[docs["lang"] == "en"], "news_frames", cache=False)  # no warning


# ------------------------------------------------------------------ model options
def _toy(n=12, seed=0):
    rng = np.random.default_rng(seed)
    words = {"peace": ["truce", "ceasefire", "calm"], "war": ["clash", "strike", "shelling"]}
    texts, y = [], []
    for frame, bank in words.items():
        for _ in range(n):
            texts.append(" ".join(rng.choice(bank + ["the", "city", "said", "today"], 6)))
            y.append(frame)
    return texts, y


@pytest.mark.parametrize("model", ["logistic", "svm"])
@pytest.mark.parametrize("decision", ["fixed", "tuned", "per_frame"])
def test_models_and_decisions_fit_predict_and_clone(model, decision):
    texts, y = _toy()
    m = FrameClassifier(model=model, decision=decision, min_df=1).fit(texts, y)
    p = m.predict_proba(texts)
    assert p.shape == (len(texts), 2) and np.allclose(p.sum(axis=1), 1)
    assert (m.predict(texts) == np.asarray(y)).mean() > 0.9
    assert (m.calibration_ is not None) == (model == "svm")
    assert m.weights_.shape == (2,)
    assert clone(m).get_params() == m.get_params()


def test_multilabel_tuned_thresholds_are_per_frame_or_shared():
    texts, y = _toy()
    yy = [[f] + (["rare"] if i % 5 == 0 else []) for i, f in enumerate(y)]
    shared = FrameClassifier(model="svm", decision="tuned", min_df=1).fit(texts, yy)
    assert len(set(shared.thresholds_)) == 1
    per = FrameClassifier(model="svm", decision="per_frame", min_df=1).fit(texts, yy)
    assert per.thresholds_.shape == (3,)
    fixed = FrameClassifier(decision="fixed", threshold=0.4, min_df=1).fit(texts, yy)
    assert (fixed.thresholds_ == 0.4).all()
    D = per.decide(per.predict_proba(texts))
    assert (D == per.predict(texts)).all()


def test_default_options_follow_the_training_set_size(monkeypatch):
    import framing.classify._model as model

    texts, y = _toy()
    small = FrameClassifier().fit(texts, y)  # the defaults are "auto"
    assert (small.ngram_range_, small.min_df_, small.inner_cv_, small.tol_) == ((1, 1), 2, 5, 1e-4)
    assert small.pipeline_.named_steps["model"].tol == 1e-4
    monkeypatch.setattr(model, "LARGE_TRAINING_SET", len(texts))
    monkeypatch.setitem(model.AUTO, "min_df", (2, 1))  # every toy word is in < 5 texts
    large = FrameClassifier().fit(texts, y)
    assert (large.ngram_range_, large.min_df_, large.inner_cv_, large.tol_) == ((1, 2), 1, 2, 0.1)
    assert large.pipeline_.named_steps["model"].tol == 0.1
    assert any(" " in t for t in large.pipeline_.named_steps["features"].get_feature_names_out())
    assert (large.predict(texts) == np.asarray(y)).mean() > 0.9
    fixed = {"ngram_range": (1, 1), "min_df": 1, "inner_cv": 5, "tol": 1e-3}
    chosen = FrameClassifier(**fixed).fit(texts, y)  # values given never switch
    assert (chosen.ngram_range_, chosen.min_df_, chosen.inner_cv_, chosen.tol_) == (
        (1, 1), 1, 5, 1e-3
    )  # fmt: skip


def test_bad_options_are_model_errors():
    texts, y = _toy()
    for kw, field in (
        ({"model": "forest"}, "model"),
        ({"decision": "auto"}, "decision"),
        ({"features": "bytes"}, "features"),
        ({"inner_cv": 1}, "inner_cv"),
        ({"inner_cv": "some"}, "inner_cv"),
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"ngram_range": "bigrams"}, "ngram_range"),
        ({"min_df": "some"}, "min_df"),
        ({"tol": 0}, "tol"),
        ({"tol": "loose"}, "tol"),
    ):
        with pytest.raises(ModelError, match=f"{field} must be") as err:
            FrameClassifier(**kw).fit(texts, y)
        assert err.value.field == field


def test_platt_calibration_is_monotone_and_bounded():
    from framing.classify._decision import platt_apply, platt_fit  # noqa: F401  (same package)

    s = np.linspace(-3, 3, 50)
    t = (s + np.random.default_rng(0).normal(0, 1, 50)) > 0
    a, b = platt_fit(s, t)
    p = platt_apply(s[:, None], [(a, b)])[:, 0]
    assert np.all(np.diff(p) > 0) and 0 < p.min() < p.max() < 1


# ------------------------------------------------------------------ folds and evaluation
def test_iterative_folds_balance_every_frame():
    from framing.classify._folds import iterative_folds

    rng = np.random.default_rng(1)
    Y = (rng.random((400, 5)) < [0.45, 0.11, 0.6, 0.1, 0.3]).astype(int)
    folds = iterative_folds(Y, 5, seed=0)
    per_fold = np.array([Y[te].sum(axis=0) for _, te in folds])
    assert (per_fold.max(axis=0) - per_fold.min(axis=0) <= 2).all()
    test_ids = np.sort(np.concatenate([te for _, te in folds]))
    assert (test_ids == np.arange(400)).all()


def test_multilabel_evaluate_uses_iterative_folds_and_true_frame_counts():
    texts, y = _toy(20)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    rows = [(d, f) for d, f in zip(docs["doc_id"], y, strict=True)]
    rows += [(d, "rare") for d in docs["doc_id"][::4]]
    labels = pd.DataFrame(rows, columns=["doc_id", "frame"])
    r = evaluate(FrameClassifier(min_df=1), docs, labels, n_boot=50, learning_curve=None)
    assert r.cv == "iterative stratification"
    assert not r.notes  # every frame has >= 5 articles: no false note
    assert {"most_frequent_frames", "every_frame"} <= set(r.scores["model"])
    assert {"macro_f1", "micro_f1", "accuracy", "brier"} <= set(r.scores["metric"])
    assert set(r.probabilities.columns) == {
        "doc_id", "fold", "frame", "probability", "true", "predicted"
    }  # fmt: skip
    assert len(r.probabilities) == len(docs) * 3
    assert (r.calibration["frame"] == "all").any()
    pf = r.per_frame
    assert (pf["precision_ci_low"] <= pf["precision"] + 1e-9).all()
    assert (pf["recall_ci_high"] >= pf["recall"] - 1e-9).all()
    sparse = labels[~labels["doc_id"].isin(docs["doc_id"][4:])]  # "rare" left on 1 article
    sparse = pd.concat([sparse, labels[labels["frame"] != "rare"]]).drop_duplicates()
    r2 = evaluate(FrameClassifier(min_df=1), docs, sparse, n_boot=20, learning_curve=None)
    assert r2.notes and "rare" in r2.notes[0]


@pytest.mark.parametrize("words, chars", [((2, 3), None), ((1, 1), None), (None, (2, 3))])
def test_no_feature_passes_min_df_is_a_kit_error(words, chars):
    texts = ["x", "y z", "w"]  # no word or character n-gram in 3 texts
    with pytest.raises(ModelError, match="no .* n-gram of the 3 training text") as err:
        TextFeatures(words=words, chars=chars, min_df=3).fit_transform(texts)
    assert err.value.field == "min_df" and err.value.value == 3
