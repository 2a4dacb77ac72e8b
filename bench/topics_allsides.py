"""Measure the study's topic queries (corpora/topics.yaml) on AllSides and the demo corpus.

Three measurements, written up in corpora/README.md:

1. **Against AllSides' own topic tags** (an imperfect proxy): precision and recall of
   each query with the tags in ``TAGS`` counted as positives.
2. **Against hand-judged samples** (the main figures): ``sample`` draws a round's
   articles to judge with the kit's own sampler (:func:`framing.topics.sample_for_judging`,
   the ``framing topics sample`` command) and the recall pools of ``POOLS``; the
   judgements (doc ids and labels, no article text) live in
   ``corpora/topics_judgments.csv`` and each round's seed, query and strata sizes in
   ``corpora/topics_rounds.csv``; ``score`` turns them into precision (Wilson 95% CI) and
   recall within the pool (stratified, Jeffreys draws) with
   :func:`framing.topics.judged_precision_recall`, and checks that the last round's
   strata sizes are those of the shipped queries.
3. **Against the demo corpus** (``corpora/demo/articles.jsonl``), whose ``topic``
   column is the truth.

Usage::

    .venv/bin/python bench/topics_allsides.py tags
    .venv/bin/python bench/topics_allsides.py sample --round 5 --seed 19 --out /tmp/r5.csv
    .venv/bin/python bench/topics_allsides.py score
    .venv/bin/python bench/topics_allsides.py demo

The same sample from the command line, on an imported copy of AllSides (``framing corpus
import ... --rename topic=source_topic``)::

    framing topics sample CORPUS us_russia_talks --n 50 --seed 17 --round 4 \\
        --pool-where source_topic=russia,foreign_policy,europe,world,state_department,nuclear_weapons \\
        --pool-terms "russia,russian,russians,moscow,kremlin,putin,lavrov,peskov,ushakov,dmitriev,*-russia,*-russian,russia-*,russian-*" \\
        --out r4_russia.csv
    framing topics check r4_russia.csv

AllSides: Baly, R., Da San Martino, G., Glass, J., & Nakov, P. (2020). We can detect
your bias: Predicting the political ideology of news articles. EMNLP 2020.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from _common import ALLSIDES, wilson  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.topics import (  # noqa: E402
    RecallPool,
    format_precision_recall,
    judged_precision_recall,
    load_topics,
    match_topics,
    sample_for_judging,
    select,
)

DATA = ALLSIDES
TOPICS = ROOT / "corpora" / "topics.yaml"
#: AllSides tags counted as positives for the tag-based measurement.
TAGS = {
    "us_russia_talks": {"russia"},
    "us_asia_policy": {"china", "asia", "north_korea", "south_korea", "trade"},
}
#: Recall pools of the judged samples (fixed across rounds, so rounds are comparable):
#: articles with these AllSides tags, for Russia also mentioning Russia at least once
#: (the `russia` tag is mostly the Mueller probe). The tag column is `source_topic`.
POOLS = {
    "us_russia_talks": RecallPool(
        where={"source_topic": ["russia", "foreign_policy", "europe", "world",
                                "state_department", "nuclear_weapons"]},
        terms=["russia", "russian", "russians", "moscow", "kremlin", "putin", "lavrov",
               "peskov", "ushakov", "dmitriev", "*-russia", "*-russian", "russia-*",
               "russian-*"],
    ),
    "us_asia_policy": RecallPool(
        where={"source_topic": ["china", "asia", "north_korea", "south_korea", "trade"]}
    ),
}  # fmt: skip
JUDGED = ROOT / "corpora" / "topics_judgments.csv"
ROUNDS = ROOT / "corpora" / "topics_rounds.csv"


def load_allsides() -> pd.DataFrame:
    """AllSides as an article table; its own tags in ``source_topic`` (as imported with
    ``--rename topic=source_topic``)."""
    if not DATA.exists():
        sys.exit(f"AllSides data not found at {DATA}")
    df = pd.read_json(DATA, lines=True, dtype={"ID": str})
    return df.rename(
        columns={"ID": "doc_id", "source": "outlet", "content_original": "text",
                 "topic": "source_topic"}
    )[["doc_id", "outlet", "source_topic", "title", "text", "date"]]  # fmt: skip


def _selection(df: pd.DataFrame) -> pd.DataFrame:
    """doc_id, tag, and per topic: selected."""
    topics = load_topics(TOPICS)
    matched = match_topics(df, topics)  # one pass over the texts for all queries
    out = df[["doc_id", "outlet", "source_topic", "title"]].copy()
    for tid in topics:
        out[tid] = matched[tid].to_numpy()
    return out


def cmd_tags(args) -> None:
    sel = _selection(load_allsides())
    print(
        "| topic | positive tags | selected | tag-positive | both | precision vs tags | recall vs tags |"
    )
    print("|---|---|---:|---:|---:|---|---|")
    for tid, tags in TAGS.items():
        pos = sel["source_topic"].isin(tags)
        s = sel[tid]
        k = int((s & pos).sum())
        p, r = k / s.sum(), k / pos.sum()
        (pl, ph), (rl, rh) = wilson(k, int(s.sum())), wilson(k, int(pos.sum()))
        print(f"| {tid} | {', '.join(sorted(tags))} | {s.sum()} | {pos.sum()} | {k} | "
              f"{p:.2f} ({pl:.2f}-{ph:.2f}) | {r:.2f} ({rl:.2f}-{rh:.2f}) |")  # fmt: skip
        print(f"  selected by tag: {sel.loc[s, 'source_topic'].value_counts().head(8).to_dict()}",
              file=sys.stderr)  # fmt: skip


def cmd_sample(args) -> None:
    """A round's samples to judge, one CSV for both topics (titles included: keep it
    outside the repository; commit ids and labels only)."""
    df = load_allsides()
    topics = load_topics(TOPICS)
    parts = [
        sample_for_judging(df, topics[tid], n=args.n, pool=pool, seed=args.seed,
                           round=args.round)
        for tid, pool in POOLS.items()
    ]  # fmt: skip
    out = pd.concat(parts, ignore_index=True)
    out.to_csv(args.out, index=False)
    for p in parts:
        first = p.iloc[0]
        print(f"{first['topic_id']}: selected {first['n_selected']} "
              f"({first['n_selected_in_pool']} in the pool), pool not selected "
              f"{first['n_pool_not_selected']}; wrote {len(p)} rows to {args.out}")  # fmt: skip


def cmd_score(args) -> None:
    """Precision and recall of every judged round with recorded strata sizes."""
    judged = pd.read_csv(JUDGED)
    rounds = pd.read_csv(ROUNDS)
    missing = rounds[rounds["n_selected"].isna()]
    for r in missing.itertuples():
        print(f"round {r.round} {r.topic_id}: strata sizes not recorded ({r.query}); "
              "its figures in corpora/README.md are the bench's of that time", file=sys.stderr)  # fmt: skip
    sizes = rounds.dropna(subset=["n_selected"]).drop(columns=["seed", "query"])
    table = judged_precision_recall(judged.merge(sizes, on=["round", "topic_id"]))
    print(format_precision_recall(table))
    last = int(sizes["round"].max())
    df = load_allsides()
    topics = load_topics(TOPICS)
    names = ["n_selected", "n_selected_in_pool", "n_pool_not_selected"]
    for r in sizes[sizes["round"] == last].itertuples():
        now = sample_for_judging(df, topics[r.topic_id], n=1, n_pool=1, pool=POOLS[r.topic_id])
        got = [int(now.iloc[0][k]) for k in names]
        want = [int(getattr(r, k)) for k in names]
        state = "as recorded" if got == want else f"CHANGED (recorded {want})"
        print(f"shipped query {r.topic_id}: strata {got} {state} for round {last}")


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
    p.add_argument("--seed", type=int, required=True, help="a new seed for each round")
    p.add_argument("--n", type=int, default=50)
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_sample)
    sub.add_parser("score").set_defaults(func=cmd_score)
    sub.add_parser("demo").set_defaults(func=cmd_demo)
    sub.add_parser("speed").set_defaults(func=cmd_speed)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
