"""Benchmark: training and prediction time of the default FrameClassifier against the
previous default, per 10,000 AllSides articles, in the same process (run by hand).

The previous default is rebuilt from scikit-learn exactly as it was (bench/
classify_nested.py ``Today``: scikit-learn's word regex, TF-IDF unigrams, logistic
regression C=3 balanced, one BLAS thread). The two are timed in turns (old, new, old,
new, ...) on the same articles and the best of the rounds is kept, so that load from
other jobs on the shared machine hurts both alike; the ratio is what counts.

    .venv/bin/python bench/classify_speed.py                 # 10,000 articles, 2 rounds
    .venv/bin/python bench/classify_speed.py --n 10000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main(argv=None) -> int:
    from _common import machine
    from classify_allsides import load_articles
    from classify_nested import Today

    from framing.classify import FrameClassifier

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--params", default="{}", help="FrameClassifier parameters (a dict literal)")
    args = ap.parse_args(argv)
    import ast

    params = ast.literal_eval(args.params)
    articles = load_articles().sample(n=2 * args.n, random_state=0).reset_index(drop=True)
    train, test = articles.iloc[: args.n], articles.iloc[args.n :]
    y = train["bias_text"].tolist()
    print(machine(), flush=True)
    times = {"today": {"fit": [], "predict": []}, "default": {"fit": [], "predict": []}}
    for r in range(args.rounds):
        for name in ("today", "default"):
            model = Today() if name == "today" else FrameClassifier(**params)
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            model.fit(train, y)
            t1 = time.perf_counter()
            model.predict_proba(test)
            t2 = time.perf_counter()
            times[name]["fit"].append(t1 - t0)
            times[name]["predict"].append(t2 - t1)
            print(
                f"round {r} {name}: fit {t1 - t0:.1f} s, predict_proba {t2 - t1:.1f} s "
                f"(load {load:.1f})",
                flush=True,
            )
    print(f"\n{args.n:,} training and {len(test):,} other articles, best of {args.rounds}:\n")
    print("| step | previous default | new default | ratio new / previous |")
    print("|---|---|---|---|")
    for step in ("fit", "predict"):
        old, new = min(times["today"][step]), min(times["default"][step])
        print(f"| {step} per {args.n:,} articles | {old:.1f} s | {new:.1f} s | {new / old:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
