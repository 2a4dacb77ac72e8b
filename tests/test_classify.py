"""Tests of framing.classify: the estimator, evaluation, prevalence, persistence, CLI."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from framing.classify import (
    FrameClassifier,
    ModelError,
    as_texts,
    confusion_plot,
    evaluate,
    examples,
    learning_curve_plot,
    load_model,
    prevalence,
    save_model,
    separation,
    top_terms,
    training_data,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"

_WORDS = {
    "peace": ["ceasefire", "truce", "peace", "settlement", "calm"],
    "conflict": ["clash", "rift", "feud", "dispute", "quarrel"],
    "economic": ["prices", "markets", "jobs", "investment", "exports"],
}
_FILLER = ["the", "officials", "said", "on", "monday", "report", "city", "week"]


def _toy(n_per=12, seed=0) -> tuple[pd.DataFrame, list[str]]:
    """Synthetic articles: each frame has its own vocabulary, four outlets."""
    rng = np.random.default_rng(seed)
    rows, y = [], []
    for frame, words in _WORDS.items():
        for i in range(n_per):
            toks = list(rng.choice(words, 4)) + list(rng.choice(_FILLER, 6))
            rng.shuffle(toks)
            rows.append(
                {
                    "doc_id": f"{frame}-{i:02d}",
                    "outlet": f"O{i % 4}",
                    "title": f"{frame} story",
                    "text": " ".join(toks),
                }
            )
            y.append(frame)
    return pd.DataFrame(rows), y


# ----------------------------------------------------------- estimator contract


def test_sklearn_contract_checks():
    name = "FrameClassifier"
    check_no_attributes_set_in_init(name, FrameClassifier())
    check_parameters_default_constructible(name, FrameClassifier())
    check_get_params_invariance(name, FrameClassifier())
    check_set_params(name, FrameClassifier())
    m = FrameClassifier(C=2.0, lexicon="topic_frames")
    c = clone(m)
    assert c.get_params() == m.get_params() and c is not m
    assert not hasattr(c, "classes_")


def test_fit_predict_single_label_and_predictions_table():
    docs, y = _toy()
    m = FrameClassifier().fit(docs, y)
    assert list(m.classes_) == ["conflict", "economic", "peace"]
    assert not m.multilabel_ and m.n_train_ == len(docs)
    assert len(m.training_hash_) == 64
    assert (m.predict(docs) == np.asarray(y)).mean() > 0.95
    p = m.predict_proba(["a ceasefire and a truce"])
    assert p.shape == (1, 3) and p[0].argmax() == 2
    table = m.predictions(docs.head(2))
    assert list(table.columns) == ["doc_id", "frame", "probability", "predicted"]
    assert len(table) == 6 and table.groupby("doc_id")["predicted"].sum().eq(1).all()
    top = m.predictions(docs.head(2), top=True)
    assert len(top) == 2 and set(top["frame"]) == {"peace"} or len(top) == 2


def test_texts_use_title_and_reject_a_string():
    df = pd.DataFrame({"title": ["T"], "text": ["body"]})
    assert as_texts(df) == ["T\n\nbody"]
    assert as_texts(df, use_title=False) == ["body"]
    with pytest.raises(ModelError, match="one string"):
        as_texts("a text")


def test_multilabel_from_lists_and_from_matrix():
    docs, y = _toy()
    ym = [[f] if i % 3 else [f, "conflict"] for i, f in enumerate(y)]
    m = FrameClassifier().fit(docs["text"], ym)
    assert m.multilabel_ and list(m.classes_) == ["conflict", "economic", "peace"]
    pred = m.predict(docs["text"])
    assert pred.shape == (len(docs), 3) and set(np.unique(pred)) <= {0, 1}
    Y = pd.DataFrame(
        {"peace": [int(f == "peace") for f in y], "other": [int(f != "peace") for f in y]}
    )
    m2 = FrameClassifier().fit(docs, Y)
    assert list(m2.classes_) == ["peace", "other"]
    assert (m2.predict(docs)[:, 0] == Y["peace"]).mean() > 0.9
    tt = top_terms(m2, n=3)
    assert tt[tt.frame == "peace"]["term"].iloc[0] in _WORDS["peace"]
    always = FrameClassifier().fit(docs, [[f, "news"] for f in y])  # "news" on every article
    assert always.constant_frames_ == ["news"]
    assert (top_terms(always, n=2).query("frame == 'news'")["weight"] == 0).all()


def test_fit_errors():
    with pytest.raises(ModelError, match="at least two frames"):
        FrameClassifier(min_df=1).fit(["a b", "c d"], ["x", "x"])
    with pytest.raises(ModelError, match="2 texts but 1 labels"):
        FrameClassifier(min_df=1).fit(["a b", "c d"], ["x"])
    with pytest.raises(ModelError, match="multi_label"):
        FrameClassifier(multi_label="yes").fit(["a b", "c d"], ["x", "y"])


def test_lexicon_features_and_interpretation():
    docs, y = _toy()
    m = FrameClassifier(lexicon="topic_frames").fit(docs, y)
    tt = top_terms(m, n=5)
    assert list(tt.columns) == ["frame", "rank", "term", "weight"]
    assert tt["term"].str.startswith("lexicon:").any() or len(tt) == 15
    peace_terms = tt[tt.frame == "peace"]["term"].tolist()
    assert set(peace_terms) & set(_WORDS["peace"])
    ex = examples(m, docs, "economic", n=2)
    assert list(ex.columns) == ["doc_id", "outlet", "title", "probability", "excerpt"]
    assert ex["doc_id"].str.startswith("economic").all()
    assert ex["probability"].is_monotonic_decreasing
    with pytest.raises(ModelError, match="not one of the model's frames") as err:
        examples(m, docs, "sport")
    assert err.value.value == "sport"


def test_training_data_joins_labels():
    docs, y = _toy()
    labels = pd.DataFrame({"doc_id": docs["doc_id"][:5], "frame": y[:5]})
    d, yy = training_data(docs, labels)
    assert len(d) == 5 and yy == y[:5]
    with pytest.raises(ModelError, match="not in the corpus"):
        training_data(docs, pd.DataFrame({"doc_id": ["nope"], "frame": ["peace"]}))
    # a missing frame marks an article coded with no frame: multi-label, empty set
    coded = pd.DataFrame(
        {"doc_id": ["peace-00", "peace-00", "peace-01"], "frame": ["peace", "calm", None]}
    )
    d, yy = training_data(docs, coded)
    assert d["doc_id"].tolist() == ["peace-00", "peace-01"] and yy == [["calm", "peace"], []]


# ----------------------------------------------------------------- evaluation


def test_evaluate_toy_tables():
    docs, y = _toy()
    labels = pd.DataFrame({"doc_id": docs["doc_id"], "frame": y})
    r = evaluate(FrameClassifier(), docs, labels, n_splits=3, n_boot=200, learning_curve=(0.5, 1.0))
    assert set(r.scores["model"]) == {"classifier", "dummy_most_frequent", "dummy_stratified"}
    assert list(r.scores.columns) == ["model", "metric", "estimate", "ci_low", "ci_high", "n_docs"]
    s = r.scores.set_index(["model", "metric"])
    assert s.loc[("classifier", "macro_f1"), "estimate"] > 0.9
    assert (r.scores["ci_low"] <= r.scores["estimate"] + 1e-9).all()
    assert (r.gains["ci_low"] > 0).all()
    assert r.confusion.to_numpy().sum() == len(docs)
    assert list(r.per_frame["frame"]) == ["conflict", "economic", "peace"]
    assert r.rates["n_pos"].sum() == len(docs)
    assert list(r.learning_curve["fraction"]) == [0.5, 1.0]
    assert set(r.predictions["fold"]) == {0, 1, 2}
    lo = evaluate(
        FrameClassifier(), docs, labels, cv="leave-outlets-out", n_boot=100, learning_curve=None
    )
    assert "LeaveOneGroupOut" in lo.cv and lo.learning_curve.empty
    assert "Cross-validation" in lo.summary()
    assert repr(lo).startswith(
        "EvaluationResult(cv='leave-outlets-out (LeaveOneGroupOut)', n_docs=36"
    )
    with pytest.raises(ModelError, match="cv must be") as err:
        evaluate(FrameClassifier(), docs, labels, cv="random")
    assert err.value.field == "cv"


def test_evaluate_multilabel_and_given_folds():
    docs, y = _toy()
    labels = pd.DataFrame({"doc_id": list(docs["doc_id"]) * 2, "frame": y + ["peace"] * len(y)})
    labels = labels.drop_duplicates()
    folds = [(np.arange(0, 36, 2), np.arange(1, 36, 2)), (np.arange(1, 36, 2), np.arange(0, 36, 2))]
    r = evaluate(FrameClassifier(), docs, labels, cv=folds, n_boot=100, learning_curve=None)
    assert r.cv == "given folds"
    assert list(r.confusion.columns) == ["frame", "tp", "fp", "fn", "tn"]
    assert r.confusion.set_index("frame").loc["peace", "fn"] == 0


class _FixedModel:
    """A fitted-model stand-in that predicts fixed frames (for exact prevalence math)."""

    classes_ = np.array(["a", "b"], dtype=object)
    multilabel_ = False
    threshold = 0.5

    def predict_proba(self, X):
        a = (X["pred"] == "a").to_numpy(dtype=float)
        return np.column_stack([a, 1 - a])


def test_prevalence_cc_and_acc_formula():
    corpus = pd.DataFrame(
        {
            "doc_id": [str(i) for i in range(20)],
            "text": ["x"] * 20,
            "outlet": ["A"] * 10 + ["B"] * 10,
            "pred": ["a"] * 6 + ["b"] * 4 + ["a"] * 2 + ["b"] * 8,
        }
    )
    rates = pd.DataFrame(
        {
            "frame": ["a", "b"],
            "tpr": [0.8, 0.9],
            "fpr": [0.1, 0.2],
            "n_pos": [50, 50],
            "n_neg": [50, 50],
        }
    )
    cc = prevalence(_FixedModel(), corpus, n_boot=200)
    assert list(cc.columns) == [
        "outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs", "method", "note",
        "cc_estimate", "youden", "youden_ci_low", "youden_ci_high", "separated", "rates",
        "clipped_share",
    ]  # fmt: skip
    got = cc.set_index(["outlet", "measure"])["estimate"]
    assert got[("A", "a")] == pytest.approx(0.6) and got[("B", "a")] == pytest.approx(0.2)
    acc = prevalence(_FixedModel(), corpus, method="acc", cv_rates=rates, n_boot=200)
    got = acc.set_index(["outlet", "measure"])["estimate"]
    assert got[("A", "a")] == pytest.approx((0.6 - 0.1) / 0.7)
    assert got[("B", "a")] == pytest.approx((0.2 - 0.1) / 0.7)
    assert got[("B", "b")] == pytest.approx(min(1.0, (0.8 - 0.2) / 0.7))  # clipped to 1
    assert (acc["ci_low"] <= acc["ci_high"]).all() and set(acc["method"]) == {"acc"}
    low = prevalence(_FixedModel(), corpus, method="acc", n_boot=200,
                     cv_rates=rates.assign(fpr=[0.3, 0.2]))  # fmt: skip
    clipped = low.set_index(["outlet", "measure"]).loc[("B", "a")]
    assert clipped["estimate"] == 0.0 and clipped["note"] == "clipped to 0 (unclipped -0.200)"
    assert clipped["clipped_share"] > 0.3
    bad = rates.assign(tpr=[0.1, 0.9])
    und = prevalence(_FixedModel(), corpus, method="acc", cv_rates=bad, n_boot=50, fallback=None)
    a_rows = und[und.measure == "a"]
    assert a_rows["estimate"].isna().all() and a_rows["note"].str.contains("undefined").all()
    # audit B2: kit 0.1 gave an interval around an undefined (NaN) estimate
    assert a_rows["ci_low"].isna().all() and a_rows["ci_high"].isna().all()
    fb = prevalence(_FixedModel(), corpus, method="acc", cv_rates=bad, n_boot=50)
    fb_a = fb[fb.measure == "a"].set_index("outlet")
    assert (fb_a["method"] == "cc (fallback)").all() and not fb_a["separated"].any()
    assert fb_a.loc["A", "estimate"] == pytest.approx(0.6)
    assert fb_a["note"].str.contains("does not separate").all()
    with pytest.raises(ModelError, match="needs cv_rates"):
        prevalence(_FixedModel(), corpus, method="acc")
    with pytest.raises(ModelError, match="uncertainty sample") as err:
        prevalence(_FixedModel(), corpus, method="acc", cv_rates=rates, validation="uncertainty")
    assert err.value.field == "validation"
    with pytest.warns(UserWarning, match="not a random sample"):
        prevalence(_FixedModel(), corpus, method="acc", cv_rates=rates, validation="other",
                   n_boot=20)  # fmt: skip


class _Tuned(_FixedModel):
    """A stand-in with its own decision rule: frame weights that favour ``b``."""

    def decide(self, proba):
        D = np.zeros_like(proba, dtype=np.float32)
        D[np.arange(len(proba)), (proba * np.array([1.0, 2.0])).argmax(axis=1)] = 1.0
        return D


def test_prevalence_counts_by_the_models_own_decision_rule():
    # prevalence labelled articles by the most probable frame (or threshold 0.5), not by
    # the tuned thresholds / frame weights that evaluate() measured the error rates of
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(10)], "text": "x",
                           "outlet": ["A"] * 10, "pred": ["a"] * 10})  # fmt: skip

    class _Leaning(_Tuned):
        def predict_proba(self, X):
            return np.tile([0.6, 0.4], (len(X), 1))

    got = prevalence(_Leaning(), corpus, n_boot=20).set_index("measure")["estimate"]
    assert got["b"] == 1.0 and got["a"] == 0.0  # argmax would say a = 1.0
    plain = prevalence(type("P", (_FixedModel,), {"predict_proba": _Leaning.predict_proba})(),
                       corpus, n_boot=20).set_index("measure")["estimate"]  # fmt: skip
    assert plain["a"] == 1.0  # no decide(): the most probable frame
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(12)],
            "outlet": list("XY") * 6,
            "text": ["truce talks envoy", "tariff rise levy", "talks truce"] * 4,
        }
    )
    model = FrameClassifier(min_df=1).fit(docs["text"], ["peace", "economic", "peace"] * 4)
    est = prevalence(model, docs, n_boot=20).set_index(["outlet", "measure"])["estimate"]
    want = pd.crosstab(docs["outlet"], model.predict(docs), normalize="index").stack()
    for (outlet, frame), share in want.items():
        assert est[(outlet, frame)] == pytest.approx(share)


class _Predicted:
    """A stand-in whose predicted frame is the column ``pred`` (single-label)."""

    multilabel_ = False

    def __init__(self, classes):
        self.classes_ = np.asarray(classes, dtype=object)

    def predict_proba(self, X):
        return (X["pred"].to_numpy()[:, None] == self.classes_[None, :]).astype(float)


class _Validation:
    """The parts of an EvaluationResult prevalence reads, from a confusion matrix."""

    def __init__(self, classes, confusion, predictions=None):
        conf = np.asarray(confusion, dtype=float)
        self.confusion = pd.DataFrame(conf.astype(int), index=classes, columns=classes)
        tp, n_pos = np.diag(conf), conf.sum(axis=1)
        fp, n_neg = conf.sum(axis=0) - tp, conf.sum() - conf.sum(axis=1)
        self.rates = pd.DataFrame({"frame": classes, "tpr": tp / n_pos, "fpr": fp / n_neg,
                                   "n_pos": n_pos.astype(int), "n_neg": n_neg.astype(int)})  # fmt: skip
        self.predictions = predictions


def _exact_corpus(classes, confusion, mixes, n=2000):
    """Outlets whose predicted frames are exactly what the confusion matrix implies."""
    p = np.asarray(confusion, float)
    p = p / p.sum(axis=1, keepdims=True)
    rows = []
    for outlet, mix in mixes.items():
        counts = np.round(np.asarray(mix) @ p * n).astype(int)
        rows += [{"outlet": outlet, "pred": c} for c, k in zip(classes, counts, strict=True)
                 for _ in range(k)]  # fmt: skip
    df = pd.DataFrame(rows)
    return df.assign(doc_id=[str(i) for i in range(len(df))], text="")


def test_prevalence_never_gives_an_interval_around_an_undefined_estimate():
    # audit B2: with tpr <= fpr the estimate was NaN but the replicates where tpr* > fpr*
    # by chance still made an interval
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(20)], "text": "x",
                           "outlet": ["A"] * 20, "pred": ["a"] * 7 + ["b"] * 13})  # fmt: skip
    rates = pd.DataFrame({"frame": ["a", "b"], "tpr": [0.5, 0.5], "fpr": [0.5, 0.5],
                          "n_pos": [60, 60], "n_neg": [140, 140]})  # fmt: skip
    for seed in range(5):
        t = prevalence(_FixedModel(), corpus, method="acc", cv_rates=rates, n_boot=200, seed=seed)
        undefined = t["estimate"].isna()
        assert t.loc[undefined, "ci_low"].isna().all() and t.loc[undefined, "ci_high"].isna().all()


def test_prevalence_with_three_single_label_frames_uses_the_confusion_matrix():
    # audit B4: adjusting each frame on its own gave .193 / .068 / .324 for a share of
    # .20 in every outlet, because a frame's false-positive rate depends on the mix of
    # the other frames
    classes = ["f0", "f1", "f2"]
    confusion = [[80, 5, 15], [30, 60, 10], [2, 18, 80]]
    mixes = {"A": [0.2, 0.4, 0.4], "B": [0.2, 0.75, 0.05], "C": [0.2, 0.05, 0.75]}
    corpus = _exact_corpus(classes, confusion, mixes)
    val = _Validation(classes, confusion)
    est = prevalence(_Predicted(classes), corpus, method="acc", cv_rates=val, n_boot=200)
    f0 = est[est.measure == "f0"].set_index("outlet")
    assert f0["estimate"].tolist() == pytest.approx([0.2, 0.2, 0.2], abs=0.005)
    assert set(est["method"]) == {"acc-matrix"} and set(est["rates"]) == {"pooled"}
    assert (f0["ci_low"] < 0.2).all() and (f0["ci_high"] > 0.2).all()
    r = val.rates.set_index("frame")
    one_by_one = (f0["cc_estimate"] - r.loc["f0", "fpr"]) / (
        r.loc["f0", "tpr"] - r.loc["f0", "fpr"]
    )
    assert (one_by_one - 0.2).abs().max() > 0.05  # what kit 0.1 reported
    with pytest.raises(ModelError, match="full confusion matrix"):
        prevalence(_Predicted(classes), corpus, method="acc", cv_rates=val.rates)


def test_prevalence_uses_each_outlets_own_error_rates_when_it_can():
    classes = ["a", "b"]
    rng = np.random.default_rng(0)
    rows = []
    for outlet, acc_rate in (("A", 0.9), ("B", 0.6)):
        true = rng.choice(classes, 120)
        right = rng.random(120) < acc_rate
        pred = np.where(right, true, np.where(true == "a", "b", "a"))
        rows += [
            {"outlet": outlet, "true": t, "predicted": p} for t, p in zip(true, pred, strict=True)
        ]
    pred_table = pd.DataFrame(rows)
    conf = pd.crosstab(pred_table["true"], pred_table["predicted"]).loc[classes, classes]
    val = _Validation(classes, conf.to_numpy(), predictions=pred_table)
    corpus = _exact_corpus(
        classes, [[9, 1], [1, 9]], {"A": [0.5, 0.5], "B": [0.5, 0.5], "C": [0.5, 0.5]}
    )
    est = prevalence(_Predicted(classes), corpus, method="acc", cv_rates=val, n_boot=100)
    used = est.drop_duplicates("outlet").set_index("outlet")["rates"]
    assert used.to_dict() == {"A": "outlet", "B": "outlet", "C": "pooled"}
    pooled = prevalence(_Predicted(classes), corpus, method="acc", cv_rates=val, n_boot=100,
                        rates_by_group=False)  # fmt: skip
    assert set(pooled["rates"]) == {"pooled"}


def test_separation_is_youdens_j_with_newcombes_interval():
    from scipy import stats

    r = pd.DataFrame({"frame": ["a"], "tpr": [0.8], "fpr": [0.1], "n_pos": [50], "n_neg": [100]})
    s = separation(r).iloc[0]
    lo_t, hi_t = stats.binomtest(40, 50).proportion_ci(method="wilson")
    lo_f, hi_f = stats.binomtest(10, 100).proportion_ci(method="wilson")
    assert s["youden"] == pytest.approx(0.7)
    assert s["youden_ci_low"] == pytest.approx(0.7 - np.hypot(0.8 - lo_t, hi_f - 0.1))
    assert s["youden_ci_high"] == pytest.approx(0.7 + np.hypot(hi_t - 0.8, 0.1 - lo_f))
    assert bool(s["separated"])


# ------------------------------------------------------------ the demo corpus


@pytest.fixture(scope="module")
def demo():
    from framing.annotate import gold_labels, load_annotations
    from framing.corpus import load_corpus

    corpus = load_corpus(DEMO)
    codes = load_annotations(
        DEMO / "annotations.csv", codebook=DEMO / "codebook.yaml", corpus=corpus
    )
    gold = gold_labels(codes, adjudicator="coder_a")
    return corpus, gold


@pytest.fixture(scope="module")
def demo_eval(demo):
    corpus, gold = demo
    return evaluate(FrameClassifier(), corpus, gold, n_boot=500, learning_curve=(0.3, 1.0))


@pytest.mark.slow
def test_demo_classifier_beats_dummy_with_ci(demo_eval):
    r = demo_eval
    assert r.n_docs == 180
    g = r.gains[r.gains["metric"] == "macro_f1"].set_index("baseline")
    # the whole 95% interval of the gain lies well above zero, for both baselines
    assert g.loc["dummy_most_frequent", "ci_low"] > 0.4
    assert g.loc["dummy_stratified", "ci_low"] > 0.4
    s = r.scores.set_index(["model", "metric"])
    assert (
        s.loc[("classifier", "macro_f1"), "ci_low"]
        > s.loc[("dummy_stratified", "macro_f1"), "ci_high"]
    )
    lc = r.learning_curve
    assert lc["macro_f1"].iloc[-1] > lc["macro_f1"].iloc[0]  # more coded articles help
    fig, data = confusion_plot(r.confusion)
    assert len(data) == 15 * 15 and data["count"].sum() == 180
    fig, data = learning_curve_plot(lc, baseline=0.07)
    assert list(data["fraction"]) == [0.3, 1.0]


@pytest.mark.slow
def test_demo_prevalence_recovers_planted_tendencies(demo, demo_eval):
    corpus, gold = demo
    model = FrameClassifier().fit(*training_data(corpus, gold))
    on_topic = corpus[corpus["topic"] != "off_topic"]
    # planted (README): pressure highest at The Liberty Ledger, blame at Nord Vestnik,
    # conflict at The Harbor Courier, humanitarian at Two Rivers Dispatch
    planted = {
        "pressure": "The Liberty Ledger",
        "blame": "Nord Vestnik International",
        "conflict": "The Harbor Courier",
        "humanitarian": "Two Rivers Dispatch",
    }
    for method in ("cc", "acc"):
        est = prevalence(model, on_topic, method=method, cv_rates=demo_eval, n_boot=300)
        wide = est.pivot(index="outlet", columns="measure", values="estimate")
        for frame, outlet in planted.items():
            assert wide[frame].idxmax() == outlet, (method, frame)
        # the top outlet's interval clears the median outlet's estimate
        row = est[(est.measure == "pressure") & (est.outlet == planted["pressure"])].iloc[0]
        assert row["ci_low"] > wide["pressure"].median()
    # the estimates table feeds the standard figures unchanged
    from framing.plots import prevalence_plot

    fig, data = prevalence_plot(est[est["measure"].isin(list(planted))])
    assert len(data) == 7 * 4


# ---------------------------------------------------------------- persistence


def test_save_load_roundtrip_and_card(tmp_path):
    docs, y = _toy()
    m = FrameClassifier(lexicon="topic_frames").fit(docs, y)
    path = save_model(m, tmp_path / "frames.skops", data_hash="abc", description="toy")
    card = json.loads((tmp_path / "frames.card.json").read_text(encoding="utf-8"))
    assert card["training_hash"] == m.training_hash_ and card["corpus_hash"] == "abc"
    assert card["frames"] == ["conflict", "economic", "peace"]
    assert card["parameters"]["lexicon"] == "topic_frames" and card["n_train"] == 36
    back = load_model(path)
    assert (back.predict_proba(docs) == m.predict_proba(docs)).all()


def test_saved_classes_name_their_public_home_and_old_paths_still_load(tmp_path, monkeypatch):
    import sys

    import skops.io as sio

    from framing.lexicon import LexiconScorer

    assert FrameClassifier.__module__ == "framing.classify"
    assert LexiconScorer.__module__ == "framing.lexicon"
    docs, y = _toy()
    m = FrameClassifier(lexicon="topic_frames").fit(docs, y)
    # a file written by 0.1, when the transformer's module was framing._lexicon_tools
    monkeypatch.setattr(LexiconScorer, "__module__", "framing._lexicon_tools")
    old = tmp_path / "old.skops"
    save_model(m, old)
    monkeypatch.setattr(LexiconScorer, "__module__", "framing.lexicon")
    assert "framing._lexicon_tools.LexiconScorer" in sio.get_untrusted_types(file=old)
    back = load_model(old)
    assert (back.predict_proba(docs) == m.predict_proba(docs)).all()
    assert "framing._lexicon_tools" not in sys.modules  # lent only while loading


def test_pickle_is_refused(tmp_path):
    docs, y = _toy()
    m = FrameClassifier().fit(docs, y)
    p = tmp_path / "model.skops"
    p.write_bytes(pickle.dumps(m))  # a pickle, even under a skops name
    with pytest.raises(ModelError, match="looks like a pickle") as err:
        load_model(p)
    assert err.value.path == p
    with pytest.raises(ModelError, match="looks like a pickle"):
        load_model(tmp_path / "model.pkl") if (tmp_path / "model.pkl").write_bytes(b"x") else None
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "none.skops")


class Smuggled:
    """A type outside the allowlist."""

    def __init__(self):
        self.x = 1


def test_untrusted_type_is_refused(tmp_path):
    import skops.io as sio

    p = tmp_path / "odd.skops"
    sio.dump({"payload": Smuggled()}, p)
    with pytest.raises(ModelError, match="outside the allowlist") as err:
        load_model(p)
    assert any("Smuggled" in t for t in err.value.value)
    got = load_model(p, extra_trusted=err.value.value)
    assert got["payload"].x == 1
    # a function that can run code is refused although it lives under numpy.
    from numpy.testing._private.utils import runstring

    q = tmp_path / "gadget.skops"
    sio.dump({"f": runstring}, q)
    with pytest.raises(ModelError, match="outside the allowlist") as err:
        load_model(q)
    assert any("numpy.testing" in t for t in err.value.value)


# ------------------------------------------------------------------------ CLI


@pytest.mark.slow
def test_cli_classify(tmp_path, capsys):
    from framing.cli import main

    assert main(["classify", "reliability", str(DEMO)]) == 0
    assert "0.738" in capsys.readouterr().out
    out = tmp_path / "next.csv"
    assert (
        main(
            [
                "classify",
                "suggest",
                str(DEMO),
                "-n",
                "7",
                "--topic",
                "us_asia_policy",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == 7 and table["outlet"].nunique() == 7 and (table["frame"] == "").all()
    assert (
        main(["classify", "evaluate", str(DEMO), "--boot", "100", "--out", str(tmp_path / "ev")])
        == 0
    )
    assert "dummy_most_frequent" in capsys.readouterr().out
    assert (tmp_path / "ev" / "scores.csv").is_file()
    assert main(["classify", "reliability", str(tmp_path)]) == 1  # no corpus there


# ------------------------------------------------------------------ real data


@pytest.mark.realdata
def test_narrative_frames_subset_multilabel(shared_data):
    meta = shared_data("narrative_frames", "articles_metadata.tsv", what="Narrative Frames Corpus")
    root = meta.parent
    df = pd.read_csv(root / "articles_metadata.tsv", sep="\t", dtype={"ID": str})
    frames = ["RE", "HI", "CO", "MO", "EC"]
    Y = df[frames].astype(str).eq("True").astype(int)
    train = set((root / "splits" / "fold1_train.ids").read_text().split())
    test = set((root / "splits" / "fold1_test.ids").read_text().split())
    tr, te = df["ID"].isin(train).to_numpy(), df["ID"].isin(test).to_numpy()
    m = FrameClassifier().fit(df.loc[tr, "text"], Y[tr])
    assert m.multilabel_ and list(m.classes_) == frames
    pred = m.predict(df.loc[te, "text"])
    from sklearn.metrics import f1_score

    conflict = f1_score(Y[te]["CO"], pred[:, 2])
    assert conflict > 0.6  # the most frequent frame; a trivial all-yes gives about 0.76 too
    assert pred.shape == (te.sum(), 5)


@pytest.mark.realdata
@pytest.mark.slow
def test_allsides_subset_bias_labels(shared_data):
    import gzip

    path = shared_data("allsides", "articles.jsonl.gz", what="AllSides articles")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == 1500:
                break
    df = pd.DataFrame(rows)
    df = df.rename(columns={"content_original": "text", "source": "outlet", "ID": "doc_id"})
    labels = pd.DataFrame({"doc_id": df["doc_id"], "frame": df["bias_text"]})
    r = evaluate(FrameClassifier(), df, labels, n_splits=3, n_boot=100, learning_curve=None)
    s = r.scores.set_index(["model", "metric"])["estimate"]
    assert s[("classifier", "macro_f1")] > s[("dummy_stratified", "macro_f1")] + 0.1


def test_lexicon_agreement_by_hand():
    from framing.classify import lexicon_agreement

    lex = pd.DataFrame(
        {"doc_id": list("abcde"), "peace_any": [2, 1, 0, 0, 0], "blame_any": [0, 0, 0, 0, 0]}
    )
    pred = pd.DataFrame({"doc_id": list("abcdx"), "predicted": ["peace", "blame"] * 2 + ["peace"]})
    out = lexicon_agreement(lex, pred, ["peace", "blame"]).set_index("frame")
    # a, b, c, d are in both tables; peace: lexicon 1100, classifier 1010
    assert out.loc["peace", "n_docs"] == 4
    assert out.loc["peace", "raw_agreement"] == 0.5
    assert out.loc["peace", "lexicon_share"] == 0.5 and out.loc["peace", "classifier_share"] == 0.5
    assert out.loc["peace", "phi"] == pytest.approx(0.0)
    # blame: the dictionary never finds it, so phi is undefined
    assert np.isnan(out.loc["blame", "phi"]) and out.loc["blame", "raw_agreement"] == 0.5


def test_lexicon_agreement_names_missing_columns():
    from framing.classify import lexicon_agreement
    from framing.errors import ColumnsError

    with pytest.raises(ColumnsError, match=r"missing column\(s\) \['peace_any'\]") as info:
        lexicon_agreement(
            pd.DataFrame({"doc_id": ["a"]}),
            pd.DataFrame({"doc_id": ["a"], "predicted": ["peace"]}),
            ["peace"],
        )
    assert info.value.missing == ["peace_any"]


def test_cli_suggest_when_every_article_is_coded(tmp_path, capsys):
    from framing.cli import main

    rows = [
        {"doc_id": f"d{i}", "outlet": "AB"[i % 2], "title": "", "text": t}
        for i, t in enumerate(["truce talks", "tariff prices", "truce deal", "prices rise"] * 2)
    ]
    (tmp_path / "articles.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    codes = ["peace", "economic"] * 4
    (tmp_path / "annotations.csv").write_text(
        "doc_id,coder,frame\n" + "".join(f"d{i},a,{c}\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    assert main(["classify", "suggest", str(tmp_path), "--out", str(tmp_path / "n.csv")]) == 0
    out = capsys.readouterr().out
    assert "every article is already coded" in out and "wrote 0 articles" in out
