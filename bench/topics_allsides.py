"""Measure the study's topic queries (corpora/topics.yaml) on AllSides and the demo corpus.

Three measurements, written up in corpora/README.md:

1. **Against AllSides' own topic tags** (an imperfect proxy): precision and recall of
   each query with the tags in ``TAGS`` counted as positives.
2. **Against a hand-checked sample**: ``sample`` draws, with a fixed seed, 50 selected
   articles and 50 not-selected articles of the recall pool (``POOL``) per topic and
   prints title + lead for judging; the judgements (doc id, 0/1, note; no article
   text) live in
   ``corpora/topics_judgments.csv``; ``score`` turns them into precision (Wilson 95% CI)
   and a stratified recall estimate within the pool (95% interval by parametric
   bootstrap over the two judged strata).
3. **Against the demo corpus** (``corpora/demo/articles.jsonl``), whose ``topic``
   column is the truth.

Usage::

    .venv/bin/python bench/topics_allsides.py tags
    .venv/bin/python bench/topics_allsides.py sample --seed 7 --out /tmp/topics_sample.csv
    .venv/bin/python bench/topics_allsides.py score corpora/topics_judgments.csv
    .venv/bin/python bench/topics_allsides.py demo

AllSides: Baly, R., Da San Martino, G., Glass, J., & Nakov, P. (2020). We can detect
your bias: Predicting the political ideology of news articles. EMNLP 2020.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from _common import ALLSIDES, wilson  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.topics import load_topics, match_topics, select  # noqa: E402

DATA = ALLSIDES
TOPICS = ROOT / "corpora" / "topics.yaml"
#: AllSides tags counted as positives for the tag-based measurement.
TAGS = {
    "us_russia_talks": {"russia"},
    "us_asia_policy": {"china", "asia", "north_korea", "south_korea", "trade"},
}
#: Recall pool of the hand-checked sample: articles with these tags (for Russia also
#: mentioning Russia at least once, since the `russia` tag is mostly the Mueller probe).
POOL = {
    "us_russia_talks": {"russia", "foreign_policy", "europe", "world", "state_department",
                        "nuclear_weapons"},
    "us_asia_policy": {"china", "asia", "north_korea", "south_korea", "trade"},
}  # fmt: skip
LEAD_WORDS = 45


def load_allsides() -> pd.DataFrame:
    if not DATA.exists():
        sys.exit(f"AllSides data not found at {DATA}")
    df = pd.read_json(DATA, lines=True)
    return df.rename(columns={"ID": "doc_id", "source": "outlet", "content_original": "text"})[
        ["doc_id", "outlet", "topic", "title", "text", "date"]
    ]


def _selection(df: pd.DataFrame) -> pd.DataFrame:
    """doc_id, tag, and per topic: selected, in_pool."""
    topics = load_topics(TOPICS)
    russia = topics["us_russia_talks"]
    queries = {**topics, "mentions": type(russia)("mentions", all_of=(russia.all_of[0],))}
    matched = match_topics(df, queries)  # one pass over the texts for all queries
    out = df[["doc_id", "outlet", "topic", "title"]].copy()
    for tid in topics:
        out[tid] = matched[tid].to_numpy()
        pool = df["topic"].isin(POOL[tid]).to_numpy().copy()
        if tid == "us_russia_talks":
            pool &= matched["mentions"].to_numpy()
        out[f"{tid}_pool"] = pool
    return out


def cmd_tags(args) -> None:
    sel = _selection(load_allsides())
    print(
        "| topic | positive tags | selected | tag-positive | both | precision vs tags | recall vs tags |"
    )
    print("|---|---|---:|---:|---:|---|---|")
    for tid, tags in TAGS.items():
        pos = sel["topic"].isin(tags)
        s = sel[tid]
        k = int((s & pos).sum())
        p, r = k / s.sum(), k / pos.sum()
        (pl, ph), (rl, rh) = wilson(k, int(s.sum())), wilson(k, int(pos.sum()))
        print(f"| {tid} | {', '.join(sorted(tags))} | {s.sum()} | {pos.sum()} | {k} | "
              f"{p:.2f} ({pl:.2f}-{ph:.2f}) | {r:.2f} ({rl:.2f}-{rh:.2f}) |")  # fmt: skip
        print(f"  selected by tag: {sel.loc[s, 'topic'].value_counts().head(8).to_dict()}",
              file=sys.stderr)  # fmt: skip


def cmd_sample(args) -> None:
    df = load_allsides()
    sel = _selection(df)
    lead = df.set_index("doc_id")["text"]
    rows = []
    for tid in TAGS:
        strata = {
            "selected": sel[sel[tid]],
            "pool_not_selected": sel[sel[f"{tid}_pool"] & ~sel[tid]],
        }
        for stratum, part in strata.items():
            pick = part.sample(n=min(args.n, len(part)), random_state=args.seed)
            for r in pick.itertuples(index=False):
                rows.append({"round": args.round, "seed": args.seed, "topic_id": tid,
                             "stratum": stratum, "doc_id": r.doc_id,
                             "outlet": r.outlet, "tag": r.topic,
                             "in_pool": int(getattr(r, f"{tid}_pool")),
                             "relevant": "", "note": ""})  # fmt: skip
                words = " ".join(str(lead[r.doc_id]).split()[:LEAD_WORDS])
                print(f"{len(rows) - 1} {tid[:9]} {stratum[:4]} [{r.topic}] {r.title} || {words}")
        print(f"{tid}: selected {int(sel[tid].sum())}, pool {int(sel[f'{tid}_pool'].sum())}, "
              f"pool not selected {len(strata['pool_not_selected'])}", file=sys.stderr)  # fmt: skip
    pd.DataFrame(rows).to_csv(args.out, index=False)


def cmd_score(args) -> None:
    j = pd.read_csv(args.judgments)
    # Only the round drawn with the current corpora/topics.yaml can be recounted.
    j = j[j["round"] == (args.round or j["round"].max())]
    sel = _selection(load_allsides())
    rng = np.random.default_rng(0)
    print("| topic | precision (selected sample) | recall within pool (estimate) |")
    print("|---|---|---|")
    for tid, g in j.groupby("topic_id", sort=False):
        s = g[g["stratum"] == "selected"]
        ns = g[g["stratum"] == "pool_not_selected"]
        k, n = int(s["relevant"].sum()), len(s)
        lo, hi = wilson(k, n)
        # strata sizes in the pool: selected-in-pool and not-selected-in-pool
        n1 = int((sel[tid] & sel[f"{tid}_pool"]).sum())
        n0 = int((~sel[tid] & sel[f"{tid}_pool"]).sum())
        s_pool = s[s["in_pool"] == 1]
        k1, m1 = int(s_pool["relevant"].sum()), len(s_pool)
        k0, m0 = int(ns["relevant"].sum()), len(ns)
        rec = n1 * k1 / m1 / (n1 * k1 / m1 + n0 * k0 / m0) if (k1 + k0) else math.nan
        f1 = rng.beta(k1 + 0.5, m1 - k1 + 0.5, 10_000)  # Jeffreys draws per stratum
        f0 = rng.beta(k0 + 0.5, m0 - k0 + 0.5, 10_000)
        boot = n1 * f1 / (n1 * f1 + n0 * f0)
        rl, rh = np.quantile(boot, [0.025, 0.975])
        print(f"| {tid} | {k}/{n} = {k / n:.2f} ({lo:.2f}-{hi:.2f}) | {rec:.2f} ({rl:.2f}-{rh:.2f}); "
              f"pool strata: {n1} selected ({k1}/{m1} relevant), {n0} not selected "
              f"({k0}/{m0} relevant) |")  # fmt: skip


def cmd_demo(args) -> None:
    demo = pd.read_json(ROOT / "corpora" / "demo" / "articles.jsonl", lines=True)
    print("| topic | selected | true | both | precision | recall |")
    print("|---|---:|---:|---:|---|---|")
    for tid in TAGS:
        s = demo["doc_id"].isin(select(demo, tid, topics=TOPICS)["doc_id"])
        truth = demo["topic"] == tid
        k = int((s & truth).sum())
        (pl, ph), (rl, rh) = wilson(k, int(s.sum())), wilson(k, int(truth.sum()))
        print(f"| {tid} | {s.sum()} | {truth.sum()} | {k} | {k / s.sum():.2f} ({pl:.2f}-{ph:.2f}) "
              f"| {k / truth.sum():.2f} ({rl:.2f}-{rh:.2f}) |")  # fmt: skip


def cmd_speed(args) -> None:
    """Time match_topics on all of AllSides against a pandas str.contains baseline.

    The baseline checks only "every group has some term" with one case-insensitive
    regex per group (globs as ``\\w*``), without counts, proximity or lead, so it does
    less work than the kit; the ratio is what the exact matching costs.
    """
    import re
    import time

    df = load_allsides()
    topics = load_topics(TOPICS)
    text = df["title"].fillna("") + "\n\n" + df["text"].fillna("")
    t0 = time.perf_counter()
    flags = match_topics(df, topics)
    kit = time.perf_counter() - t0

    def rx(term):
        words = [re.escape(w).replace(r"\*", r"[\w.'-]*") for w in term.split()]
        return r"\s+".join(words)

    t0 = time.perf_counter()
    base = {}
    for tid, t in topics.items():
        ok = pd.Series(True, index=df.index)
        for group in t.all_of:
            pat = r"(?<![\w-])(?:" + "|".join(rx(x) for x in group) + r")(?![\w-])"
            ok &= text.str.contains(pat, case=False, regex=True)
        base[tid] = ok
    naive = time.perf_counter() - t0
    print(f"articles: {len(df)}; match_topics {kit:.1f} s; str.contains baseline {naive:.1f} s; "
          f"ratio kit/baseline {kit / naive:.2f}")  # fmt: skip
    for tid in topics:
        print(f"  {tid}: kit selects {int(flags[tid].sum())}, baseline (no counts/proximity/lead) "
              f"{int(base[tid].sum())}")  # fmt: skip


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("tags").set_defaults(func=cmd_tags)
    p = sub.add_parser("sample")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--n", type=int, default=50)
    p.add_argument("--round", type=int, default=2)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_sample)
    s = sub.add_parser("score")
    s.add_argument("judgments")
    s.add_argument("--round", type=int, help="judged round to score (default: the last)")
    s.set_defaults(func=cmd_score)
    sub.add_parser("demo").set_defaults(func=cmd_demo)
    sub.add_parser("speed").set_defaults(func=cmd_speed)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
