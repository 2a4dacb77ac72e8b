"""Benchmark: what makes word bigrams cheap enough for the default (AllSides, run by hand).

Explores, on AllSides' ``random`` split, the features and model settings of
``FrameClassifier`` that decide the cost of word uni+bigrams: document-frequency
pruning (``min_df``), a vocabulary cap (``max_features``), the SVM's ``C`` and
tolerance and the number of inner folds. Each feature setting is built once on
``train.tsv``; each model setting is fitted on it with FrameClassifier's own inner
cross-validation (Platt's sigmoid and the tuned class weights) and final fit, then
scored on ``valid.tsv`` (the only part used to choose) and, for the record, on
``test.tsv``. Times are wall seconds on a shared machine: compare lines of one run.
The chosen candidates are then confirmed through the public path by
``bench/classify_nested.py --data allsides`` and timed by ``bench/classify_speed.py``.

    .venv/bin/python bench/classify_bigrams.py
    .venv/bin/python bench/classify_bigrams.py --features "{'words': (1, 2), 'min_df': 5}"
    .venv/bin/python bench/classify_bigrams.py --n-train 1000 2500 5000   # learning curve

``--n-train`` trains on random subsets (seed 0) of ``train.tsv`` of those sizes: where
bigrams start to beat unigrams on ``valid.tsv`` (``ngram_range="auto"``).
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

#: feature settings (TextFeatures parameters) tried by default
FEATURES = [
    {"words": (1, 1), "min_df": 2},
    {"words": (1, 2), "min_df": 2},
    {"words": (1, 2), "min_df": 5},
]
#: model settings (FrameClassifier parameters) tried on each feature setting
MODELS = [{"inner_cv": 5}, {"inner_cv": 2}]


def macro_f1(y_true, y_pred, classes) -> float:
    f = []
    for c in classes:
        tp = np.sum((y_true == c) & (y_pred == c))
        den = np.sum(y_true == c) + np.sum(y_pred == c)
        f.append(2 * tp / den if den else np.nan)
    return float(np.nanmean(f))


def fit_scores(params, Xtr, ytr, parts):
    """FrameClassifier's decision learning and final fit on prepared features; the
    predicted frames of each part and the seconds taken."""
    from threadpoolctl import threadpool_limits

    from framing.classify import FrameClassifier

    clf = FrameClassifier(**params)
    classes = np.unique(ytr)
    clf.multilabel_ = False
    clf.inner_cv_ = int(params.get("inner_cv", 5))  # stated here, never "auto"
    clf.tol_ = float(params.get("tol", 1e-4))  # the solver's tolerance of rounds 1-2
    t0 = time.perf_counter()
    with threadpool_limits(limits=1, user_api="blas"):
        clf._learn_decision(Xtr, ytr, classes, False)
        est = clf._estimator(False).fit(Xtr, ytr)
    secs = time.perf_counter() - t0
    out = {}
    for name, X in parts.items():
        P = clf._proba_from_scores(clf._raw_scores(est, X, len(classes)))
        out[name] = classes[(P * clf.weights_[None, :]).argmax(axis=1)]
    return out, secs, est


def main(argv=None) -> int:
    from _common import machine
    from classify_allsides import load_articles, split_ids

    from framing.classify import as_texts

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--features", action="append", help="TextFeatures parameters (dict)")
    ap.add_argument("--models", action="append", help="FrameClassifier parameters (dict)")
    ap.add_argument("--n-train", type=int, nargs="*", help="subsets of train.tsv (seed 0)")
    args = ap.parse_args(argv)
    feats = [ast.literal_eval(f) for f in args.features] if args.features else FEATURES
    models = [ast.literal_eval(m) for m in args.models] if args.models else MODELS
    print(machine(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), flush=True)
    articles = load_articles().set_index("doc_id")
    parts = {p: articles.loc[split_ids("random", p)] for p in ("train", "valid", "test")}
    texts = {p: as_texts(d) for p, d in parts.items()}
    y = {p: d["bias_text"].to_numpy(dtype=object) for p, d in parts.items()}
    classes = np.unique(y["train"])
    print("| train articles | features | model | n features | features s | model s | SVM iterations | "
          "valid macro-F1 | test macro-F1 | load |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|", flush=True)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(texts["train"]))
    for n_train in args.n_train or [len(order)]:
        take = np.sort(order[:n_train])
        train = [texts["train"][i] for i in take]
        for fp in feats:
            run_features(fp, models, train, y["train"][take], texts, y, classes)
    return 0


def run_features(fp, models, train, y_train, texts, y, classes):
    from framing.classify import TextFeatures

    tf = TextFeatures(**fp)
    t0 = time.perf_counter()
    Xtr = tf.fit_transform(train)
    Xs = {p: tf.transform(texts[p]) for p in ("valid", "test")}
    t_feat = time.perf_counter() - t0
    for mp in models:
        load = os.getloadavg()[0]
        pred, secs, est = fit_scores(mp, Xtr, y_train, Xs)
        iters = getattr(est, "n_iter_", "")
        print(
            f"| {len(train):,} | {fp} | {mp} | {Xtr.shape[1]:,} | {t_feat:.0f} | {secs:.0f} | "
            f"{iters} | "
            f"{macro_f1(y['valid'], pred['valid'], classes):.3f} | "
            f"{macro_f1(y['test'], pred['test'], classes):.3f} | {load:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    raise SystemExit(main())
