"""Benchmark: does the classifier recover the demo corpus's planted frames? (run by hand)

Trains the default FrameClassifier on the gold labels of corpora/demo/annotations.csv
(two simulated coders, ties broken by coder_a), then compares its per-outlet frame
prevalence (classify-and-count and adjusted classify-and-count, on the on-topic
articles) with the planted primary-frame shares recorded in articles.jsonl.

    .venv/bin/python bench/classify_demo.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
FRAMES = ["pressure", "blame", "conflict", "humanitarian", "economic", "diplomacy"]


def main() -> int:
    from framing.annotate import gold_labels, load_annotations
    from framing.classify import FrameClassifier, evaluate, prevalence, training_data
    from framing.corpus import load_corpus

    corpus = load_corpus(DEMO)
    codes = load_annotations(
        DEMO / "annotations.csv", codebook=DEMO / "codebook.yaml", corpus=corpus
    )
    gold = gold_labels(codes, adjudicator="coder_a")
    res = evaluate(FrameClassifier(), corpus, gold, learning_curve=None)
    model = FrameClassifier().fit(*training_data(corpus, gold))
    on = corpus[corpus["topic"] != "off_topic"]
    planted = (
        on.groupby("outlet")["primary_frame"].value_counts(normalize=True).unstack(fill_value=0)
    )
    tables = {"planted": planted}
    for method in ("cc", "acc"):
        est = prevalence(model, on, method=method, cv_rates=res, n_boot=2000)
        tables[method] = est.pivot(index="outlet", columns="measure", values="estimate")
        ci = est.set_index(["outlet", "measure"])
        tables[method + "_ci"] = ci
    print(f"on-topic articles: {len(on)}; training articles: {model.n_train_}\n")
    print(
        "| frame | planted top outlet (share) | CC top outlet (est. [95% CI]) | ACC top outlet (est. [95% CI]) | Spearman rho planted vs ACC over outlets |"
    )
    print("|---|---|---|---|---|")
    for f in FRAMES:
        p = tables["planted"][f]
        cells = [f"{p.idxmax()} ({p.max():.2f})"]
        for m in ("cc", "acc"):
            e = tables[m][f]
            row = tables[m + "_ci"].loc[(e.idxmax(), f)]
            cells.append(
                f"{e.idxmax()} ({row['estimate']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}])"
            )
        rho = pd.Series(p).rank().corr(tables["acc"][f].reindex(p.index).rank())
        print(f"| {f} | " + " | ".join(cells) + f" | {rho:.2f} |")
    err = {
        m: float(
            np.nanmean(
                np.abs(
                    tables[m].reindex(index=planted.index, columns=planted.columns) - planted
                ).to_numpy()
            )
        )
        for m in ("cc", "acc")
    }
    print(
        f"\nmean absolute error over outlets x frames vs planted shares: CC {err['cc']:.3f}, ACC {err['acc']:.3f}"
    )
    # 180 of the on-topic articles are the training data (in-sample); score the rest alone
    rest = on[~on["doc_id"].isin(gold["doc_id"])]
    planted_rest = (
        rest.groupby("outlet")["primary_frame"].value_counts(normalize=True).unstack(fill_value=0)
    )
    for m in ("cc", "acc"):
        est = prevalence(model, rest, method=m, cv_rates=res, n_boot=200)
        wide = est.pivot(index="outlet", columns="measure", values="estimate")
        wide = wide.reindex(index=planted_rest.index, columns=planted_rest.columns).fillna(0)
        mae = float(np.abs(wide - planted_rest).to_numpy().mean())
        print(f"held-out only ({len(rest)} uncoded on-topic articles): {m.upper()} MAE {mae:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
