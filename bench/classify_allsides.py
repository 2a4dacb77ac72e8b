"""Benchmark: FrameClassifier on AllSides left/center/right labels (run by hand).

Baly, R., Da San Martino, G., Glass, J., & Nakov, P. (2020). We can detect your bias:
Predicting the political ideology of news articles. EMNLP 2020, 4982-4991. Their
``media`` split holds out whole outlets; ``random`` does not. The gap between the two
measures how much a text classifier learns outlet style rather than ideology.

Reads ../shared/data/allsides (never copied into the repo). Prints markdown for
bench/RESULTS.md.

    .venv/bin/python bench/classify_allsides.py            # both splits + timing
    .venv/bin/python bench/classify_allsides.py --part timing
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from _common import ALLSIDES, allsides_records, peak_rss_mib  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
DATA = ALLSIDES.parent


def load_articles() -> pd.DataFrame:
    rows = [
        {
            "doc_id": r["ID"],
            "outlet": r["source"],
            "title": r.get("title") or "",
            "text": r.get("content_original") or "",
            "bias_text": r["bias_text"],
        }
        for r in allsides_records(DATA / "articles.jsonl.gz")
    ]
    return pd.DataFrame(rows)


def split_ids(name: str, part: str) -> list[str]:
    return pd.read_csv(DATA / "splits" / name / f"{part}.tsv", sep="\t", dtype=str)["ID"].tolist()


def run_split(
    articles: pd.DataFrame, name: str, n_boot: int, **params
) -> tuple[pd.DataFrame, float, dict]:
    from framing.classify import FrameClassifier, evaluate

    base = name.split("-")[0]
    train, test = split_ids(base, "train"), split_ids(base, "test")
    if name.endswith("-strict"):
        # the paper's media split shares some `source` names between train and test
        # (e.g. CNN (Web News)); drop those training articles to hold outlets out fully
        outlet = articles.set_index("doc_id")["outlet"]
        held = set(outlet.loc[test])
        train = [d for d in train if outlet.loc[d] not in held]
    sub = articles.set_index("doc_id").loc[train + test].reset_index()
    labels = sub[["doc_id"]].assign(frame=sub["bias_text"])
    folds = [(np.arange(len(train)), np.arange(len(train), len(sub)))]
    t0 = time.perf_counter()
    res = evaluate(
        FrameClassifier(**params), sub, labels, cv=folds, n_boot=n_boot, learning_curve=None
    )
    info = {
        "n_train": len(train),
        "n_test": len(test),
        "train_outlets": sub.iloc[: len(train)]["outlet"].nunique(),
        "test_outlets": sub.iloc[len(train) :]["outlet"].nunique(),
        "shared_outlets": len(
            set(sub.iloc[: len(train)]["outlet"]) & set(sub.iloc[len(train) :]["outlet"])
        ),
    }
    return res.scores, time.perf_counter() - t0, info


def timing(articles: pd.DataFrame, n: int, seed: int = 0) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.classify import FrameClassifier, as_texts

    sample = articles.sample(n=n, random_state=seed).reset_index(drop=True)
    y = sample["bias_text"].tolist()
    words = int(sample["text"].str.split().str.len().sum())
    t0 = time.perf_counter()
    TfidfVectorizer(min_df=2, max_df=0.9, sublinear_tf=True).fit_transform(as_texts(sample))
    t_vec = time.perf_counter() - t0
    rss0 = peak_rss_mib()
    t0 = time.perf_counter()
    model = FrameClassifier().fit(sample, y)
    t_fit = time.perf_counter() - t0
    rss1 = peak_rss_mib()
    tracemalloc.start()
    FrameClassifier().fit(sample, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.perf_counter()
    model.predict_proba(sample)
    t_pred = time.perf_counter() - t0
    return {
        "n": n,
        "words": words,
        "t_vec": t_vec,
        "t_fit": t_fit,
        "t_pred": t_pred,
        "traced_peak_mb": peak / 2**20,
        "rss_peak_mb": rss1,
        "rss_before_mb": rss0,
        "n_features": len(model.pipeline_.named_steps["features"].get_feature_names_out()),
    }


def _cell(s: pd.DataFrame, metric: str) -> str:
    r = s.loc[metric]
    return f"{r['estimate']:.3f} [{r['ci_low']:.3f}, {r['ci_high']:.3f}]"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["all", "splits", "timing"], default="all")
    ap.add_argument("--n-timing", type=int, default=30_000)
    ap.add_argument("--boot", type=int, default=1000)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"AllSides data not found at {DATA}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    articles = load_articles()
    print(f"loaded {len(articles):,} articles in {time.perf_counter() - t0:.1f} s", flush=True)
    print(f"python {platform.python_version()}", flush=True)
    if args.part in ("all", "splits"):
        print("\n| split | model | macro-F1 [95% CI] | accuracy [95% CI] |")
        print("|---|---|---|---|")
        infos = {}
        for name in ("random", "media", "media-strict"):
            scores, secs, info = run_split(articles, name, args.boot)
            infos[name] = (info, secs)
            for model, g in scores.groupby("model", sort=False):
                s = g.set_index("metric")
                print(
                    f"| {name} | {model} | {_cell(s, 'macro_f1')} | {_cell(s, 'accuracy')} |",
                    flush=True,
                )
        for name, (info, secs) in infos.items():
            print(f"\n{name}: {info}; fit+predict+bootstrap {secs:.1f} s", flush=True)
    if args.part in ("all", "timing"):
        t = timing(articles, args.n_timing)
        print(
            f"\ntiming on {t['n']:,} articles ({t['words']:,} words, {t['n_features']:,} features): "
            f"TfidfVectorizer alone {t['t_vec']:.1f} s; FrameClassifier.fit {t['t_fit']:.1f} s "
            f"({t['t_fit'] / t['t_vec']:.1f}x the vectorizer); predict_proba {t['t_pred']:.1f} s; "
            f"peak traced allocations during fit {t['traced_peak_mb']:.0f} MiB; process peak RSS "
            f"{t['rss_peak_mb']:.0f} MiB (before fit {t['rss_before_mb']:.0f} MiB)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
