"""Benchmark: story clusters on AllSides and the demo corpus, threshold and purity (by hand).

1. **Threshold on data** (``--part sweep``): on the demo corpus, how many of the 20
   planted multi-outlet stories are recovered whole and pure at each cosine threshold;
   on all AllSides articles, the number of stories, the share of articles in a story,
   the largest story, and the agreement of story members with AllSides' own topic tag
   (a weak proxy: members of one event should share a tag), with the time taken.
2. **Judged sample** (``--part judge``): at the default threshold, 40 stories covered by
   2+ outlets are drawn (seeded); for each, one member is paired with the story's first
   article (*is it the same event?*), and the story's nearest non-member within the
   window (highest cosine to the story's first article) is paired with it too (*should
   it have joined?*). ``--print`` shows headlines and leads on the terminal for judging
   (never written to the repository); the judgements are kept in
   ``bench/stories_judged.csv`` as doc ids and labels only. Purity is the share of judged
   member pairs that report the same event.

Usage::

    .venv/bin/python bench/stories_clusters.py --part sweep
    .venv/bin/python bench/stories_clusters.py --part judge --print   # to judge
    .venv/bin/python bench/stories_clusters.py --part judge           # report
"""

from __future__ import annotations

import argparse
import os
import random
import time

import numpy as np
import pandas as pd
from _common import ROOT, allsides_records, machine, wilson  # bench/_common.py

JUDGED = ROOT / "bench" / "stories_judged.csv"
SEED = 20251204
N_JUDGE = 40


def allsides() -> pd.DataFrame:
    rows = [(r["ID"], r.get("source") or "unknown", r.get("date"), r.get("title") or "",
             r.get("content_original") or "", r.get("topic")) for r in allsides_records()]  # fmt: skip
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "title", "text", "tag"])
    df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce", format="mixed")
    return df


def sweep() -> None:
    from framing.corpus import load_corpus
    from framing.stories import story_clusters

    demo = load_corpus(ROOT / "corpora" / "demo")
    truth = pd.read_csv(ROOT / "corpora" / "demo" / "planted_stories.csv")
    print(
        "Demo corpus, 20 planted stories:\n\n| threshold | recovered whole | pure | stories |\n|---|---|---|---|"
    )
    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        stories, a = story_clusters(demo, threshold=t)
        x = a.merge(truth, on="doc_id")
        whole = x.groupby("story")["story_id"].agg(lambda s: s.notna().all() and s.nunique() == 1)
        members = a[a["story_id"].isin(x["story_id"].dropna())].merge(
            truth, on="doc_id", how="left"
        )
        pure = members.groupby("story_id")["story"].agg(
            lambda s: s.notna().all() and s.nunique() == 1
        )
        print(f"| {t} | {whole.sum()} | {pure.sum()} of {len(pure)} | {len(stories)} |")
    df = allsides()
    print(f"\nAllSides, {len(df):,} articles ({df['date'].isna().sum()} undated); {machine()}; "
          f"load average {os.getloadavg()[0]:.1f}:\n")  # fmt: skip
    print(
        "| threshold | stories | 2+ outlets | articles in a story | largest | tag agreement | CPU (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    for t in (0.2, 0.3, 0.4, 0.5):
        c0 = time.process_time()
        stories, a = story_clusters(df, threshold=t)
        cpu = time.process_time() - c0
        m = a.merge(df[["doc_id", "tag"]], on="doc_id").dropna(subset=["story_id"])
        agree = m.groupby("story_id")["tag"].agg(lambda s: s.value_counts().iloc[0]).sum() / len(m)
        print(
            f"| {t} | {len(stories):,} | {(stories['n_outlets'] >= 2).sum():,} | "
            f"{a['story_id'].notna().mean():.3f} | {stories['n_articles'].max()} | {agree:.3f} | {cpu:.0f} |"
        )


def judge(show: bool) -> None:
    from framing.stories import story_clusters, story_vectors

    df = allsides()
    stories, a = story_clusters(df)
    multi = stories[stories["n_outlets"] >= 2].reset_index(drop=True)
    rng = random.Random(SEED)
    picked = rng.sample(range(len(multi)), min(N_JUDGE, len(multi)))
    dated = df.dropna(subset=["date"]).reset_index(drop=True)
    X, _ = story_vectors(dated)
    pos = {d: i for i, d in enumerate(dated["doc_id"])}
    a = a.set_index("doc_id")
    pairs = []
    for k in picked:
        sid = multi.loc[k, "story_id"]
        members = a.index[a["story_id"] == sid].tolist()
        members.sort(key=lambda d: (a.loc[d, "date"], d))
        first = members[0]
        other = rng.choice(members[1:])
        pairs.append((sid, first, other, "member"))
        # nearest non-member within the window, by cosine to the first article
        day = dated.loc[pos[first], "date"]
        near = dated.index[(dated["date"] - day).abs() <= pd.Timedelta(days=3)]
        near = [i for i in near if dated.loc[i, "doc_id"] not in set(members)]
        if near:
            sims = (X[near] @ X[pos[first]].T).toarray().ravel()
            j = near[int(np.argmax(sims))]
            pairs.append(
                (sid, first, dated.loc[j, "doc_id"], f"nearest non-member ({sims.max():.2f})")
            )
    if show:
        body = df.set_index("doc_id")
        for sid, x, y, kind in pairs:
            print(f"\n== {sid} {kind}: {x} / {y}")
            for d in (x, y):
                print(
                    f"  [{body.loc[d, 'outlet']}, {body.loc[d, 'date']:%Y-%m-%d}] {body.loc[d, 'title']}"
                )
                print("     " + " ".join(body.loc[d, "text"].split()[:30]))
        return
    judged = pd.read_csv(JUDGED)
    print(f"Judged sample ({len(judged)} pairs, {time.strftime('%Y-%m-%d')}):\n")
    for kind, g in judged.groupby(judged["kind"].str.split(" ").str[0]):
        k, n = int(g["same_event"].sum()), len(g)
        p, (lo, hi) = k / n, wilson(k, n)
        print(
            f"- {kind}: {k} of {n} report the same event ({p:.2f}, Wilson 95% [{lo:.2f}, {hi:.2f}])"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["sweep", "judge"], default="sweep")
    parser.add_argument("--print", action="store_true", help="show the pairs to judge")
    args = parser.parse_args()
    if args.part == "sweep":
        sweep()
    else:
        judge(args.print)


if __name__ == "__main__":
    main()
