"""Benchmark: training and prediction time of the default FrameClassifier against the
previous default, per 10,000 AllSides articles, in the same process (run by hand).

The previous default is rebuilt from scikit-learn exactly as it was (bench/
classify_nested.py ``Today``: scikit-learn's word regex, TF-IDF unigrams, logistic
regression C=3 balanced, one BLAS thread). The models are timed in turns (old, new, old,
new, ...) on the same articles and the best of the rounds is kept, so that load from
other jobs on the shared machine hurts all alike; the ratio is what counts.

``--params`` may be given several times: each dict of FrameClassifier parameters is
one more model timed in the same turns (the default, ``{}``, switches to uni+bigrams
and its large-set options from 5,000 training articles on). ``--profile`` also splits
each FrameClassifier's time into stages (texts prepared, the n-gram table and document
frequencies, the counts, the linear-model fits of the inner
cross-validation and the final fit, prediction), by wrapping those functions.

    .venv/bin/python bench/classify_speed.py --rounds 3      # the check of issue 18
    .venv/bin/python bench/classify_speed.py --rounds 1 --profile \\
        --params "{}" --params "{'ngram_range': (1, 1), 'min_df': 2, 'inner_cv': 5, 'tol': 1e-4}"
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


@contextmanager
def stage_timer(clock: dict):
    """Accumulate wall time per stage of FrameClassifier into ``clock`` (stage -> [s, n])
    by wrapping its feature and model functions for the duration of the block."""
    import sklearn.linear_model
    import sklearn.svm

    from framing.classify import FrameClassifier, TextFeatures

    targets = [
        (TextFeatures, "_inputs", "prepare / tokenize texts"),
        (TextFeatures, "_word_counts_fit", "count + vocabulary (fit)"),
        (TextFeatures, "_word_counts", "count (transform)"),
        (TextFeatures, "_found", "  n-gram table and df (fit)"),
        (TextFeatures, "_transform_batch", "transform, all steps"),
        (FrameClassifier, "_inner", "inner CV (all folds)"),
        (sklearn.svm.LinearSVC, "fit", "linear model fits"),
        (sklearn.linear_model.LogisticRegression, "fit", "linear model fits"),
        (FrameClassifier, "_raw_scores", "decision_function / predict_proba"),
    ]
    saved = []
    for owner, name, label in targets:
        if name not in owner.__dict__:  # another version of the kit (an older checkout)
            continue
        orig = owner.__dict__[name]
        saved.append((owner, name, orig))

        def wrapped(*a, _orig=orig, _label=label, **k):
            t0 = time.perf_counter()
            try:
                return _orig(*a, **k)
            finally:
                clock[_label][0] += time.perf_counter() - t0
                clock[_label][1] += 1

        setattr(owner, name, wrapped)
    try:
        yield clock
    finally:
        for owner, name, orig in saved:
            setattr(owner, name, orig)


def main(argv=None) -> int:
    from _common import machine
    from classify_allsides import load_articles
    from classify_nested import Today

    from framing.classify import FrameClassifier

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument(
        "--params", action="append",
        help="FrameClassifier parameters (a dict literal); repeat for more models",
    )  # fmt: skip
    ap.add_argument("--profile", action="store_true", help="time the stages of each fit")
    args = ap.parse_args(argv)
    params = [ast.literal_eval(p) for p in (args.params or ["{}"])]
    names = ["today"] + [f"default {p}" if p else "default" for p in params]
    articles = load_articles().sample(n=2 * args.n, random_state=0).reset_index(drop=True)
    train, test = articles.iloc[: args.n], articles.iloc[args.n :]
    y = train["bias_text"].tolist()
    print(machine(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), flush=True)
    times = {name: {"fit": [], "predict": []} for name in names}
    stages = {name: [] for name in names}
    for r in range(args.rounds):
        for i, name in enumerate(names):
            model = Today() if i == 0 else FrameClassifier(**params[i - 1])
            load = os.getloadavg()[0]
            clock = defaultdict(lambda: [0.0, 0])
            with stage_timer(clock) if args.profile and i else _nothing():
                t0 = time.perf_counter()
                model.fit(train, y)
                t1 = time.perf_counter()
                fit_clock = {k: list(v) for k, v in clock.items()}
                model.predict_proba(test)
                t2 = time.perf_counter()
            times[name]["fit"].append(t1 - t0)
            times[name]["predict"].append(t2 - t1)
            extra = ""
            if i:
                Xf = model.pipeline_.named_steps["features"]
                extra = f", {len(Xf.get_feature_names_out()):,} features"
            print(
                f"round {r} {name}: fit {t1 - t0:.1f} s, predict_proba {t2 - t1:.1f} s "
                f"(load {load:.1f}{extra})",
                flush=True,
            )
            if args.profile and i:
                pred_clock = {k: [v[0] - fit_clock.get(k, [0, 0])[0], v[1] - fit_clock.get(
                    k, [0, 0])[1]] for k, v in clock.items()}  # fmt: skip
                for part, c, total in (("fit", fit_clock, t1 - t0), ("predict", pred_clock,
                                                                     t2 - t1)):  # fmt: skip
                    for stage, (s, n) in sorted(c.items(), key=lambda kv: -kv[1][0]):
                        if n:
                            print(f"    {part:7s} {stage:36s} {s:7.1f} s  {n:3d} call(s) "
                                  f"{100 * s / total:5.1f}%")  # fmt: skip
                stages[name].append((fit_clock, pred_clock))
    print(f"\n{args.n:,} training and {len(test):,} other articles, best of {args.rounds}:\n")
    print("| step | model | seconds | ratio to previous default |")
    print("|---|---|---|---|")
    for step in ("fit", "predict"):
        old = min(times["today"][step])
        for name in names:
            new = min(times[name][step])
            label = "previous default (rebuilt)" if name == "today" else name
            print(f"| {step} per {args.n:,} articles | {label} | {new:.1f} | {new / old:.2f} |")
    return 0


@contextmanager
def _nothing():
    yield


if __name__ == "__main__":
    raise SystemExit(main())
