"""Benchmark: near-duplicate (wire copy) detection on AllSides, accuracy and speed (by hand).

**Accuracy** (``--part accuracy``): a labelled set built from real AllSides articles.
400 articles (seeded sample, 150+ words) are each *reprinted* under another AllSides
outlet's name with a recipe of realistic edits drawn per item: a changed headline,
paragraphs trimmed from the end (half the items keep 50-95% of the words, in whole
paragraphs), two
paragraphs swapped (30%), a byline added at the top (60%), a boilerplate line added at
the end (60%), and 0-12 words replaced. They are mixed with 3 same-topic non-duplicates
per source (the AllSides articles with the same ``topic`` tag closest in date). The repo
keeps only ids, recipes and labels (``bench/stories_dupset.csv``); the texts are rebuilt
from ``../shared/data`` by this script. Articles that turn out to be near-duplicates of
another labelled article *in the original data* (exact Jaccard >= 0.3: AllSides itself
holds wire copies) are left out of the negatives and counted. Precision and recall of
the pairs found by :func:`framing.stories.find_duplicates` are reported over thresholds,
beside the same rule applied to the exact Jaccard similarity (what MinHash estimates).

**Speed** (``--part speed``): ``find_duplicates`` on all 37,554 AllSides articles, in a
fresh subprocess (wall; CPU of the process and its workers; peak RSS), with one process
and with two (``n_jobs=2``), and on a sample of ``--sample`` articles beside
the exact all-pairs Jaccard baseline (a sparse shingle-incidence matrix times its
transpose) on the same samples (the latest 3,000, 6,000 and 12,000 articles); the
ratios, the growth with n and the agreement are reported.

Usage::

    .venv/bin/python bench/stories_dedup.py [--part accuracy|speed|all] [--write-set]

``--write-set`` (re)writes bench/stories_dupset.csv from the seed; without it the
stored set is used. Prints Markdown for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from _common import ALLSIDES, ROOT, allsides_records, machine  # bench/_common.py
from scipy import sparse

SET = ROOT / "bench" / "stories_dupset.csv"
SEED = 20251204
N_SOURCES, N_NEG = 400, 3
THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
# wording written for this benchmark (no text from any publication)
BYLINES = ["By Dana Whitlow, {outlet} staff", "By Sam Okafor and Lee Brandt | {outlet}",
           "{outlet} wire desk", "Compiled by {outlet} editors"]  # fmt: skip
BOILERPLATE = [
    "Sign up for the {outlet} morning briefing to get the day's top stories in your inbox.",
    "Copyright {outlet}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow {outlet} on social media for updates on this story.",
    "This story has been updated with additional reporting.",
]
SWAPS = [
    "officials",
    "reported",
    "according",
    "Tuesday",
    "government",
    "announced",
    "people",
    "week",
]


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs (lines); 60-word blocks when it has fewer than 3 lines or one
    line holds most of the words (captions and datelines on their own lines)."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    words = text.split()
    if len(paras) >= 3 and max(len(p.split()) for p in paras) <= 0.5 * len(words):
        return paras
    return [" ".join(words[i : i + 60]) for i in range(0, len(words), 60)]


def make_recipe(rng: random.Random, outlets: list[str], own: str) -> dict:
    return {
        "outlet": rng.choice([o for o in outlets if o != own]),
        "headline": "changed",
        "trim_keep": round(rng.uniform(0.5, 0.95), 2) if rng.random() < 0.5 else 1.0,
        "swap": rng.random() < 0.3,
        "byline": rng.randrange(len(BYLINES)) if rng.random() < 0.6 else None,
        "boilerplate": rng.randrange(len(BOILERPLATE)) if rng.random() < 0.6 else None,
        "word_changes": rng.randint(0, 12),
        "hours_later": rng.randint(1, 30),
        "seed": rng.randrange(2**31),
    }


def apply_recipe(text: str, recipe: dict) -> str:
    """The reprint's text: the recipe's edits applied to the original, deterministically."""
    rng = random.Random(recipe["seed"])
    paras = _paragraphs(text)
    # keep whole paragraphs from the top until trim_keep of the words are kept
    total, kept, keep = sum(len(p.split()) for p in paras), 0, 0
    while keep < len(paras) and (keep < 2 or kept < recipe["trim_keep"] * total):
        kept += len(paras[keep].split())
        keep += 1
    paras = paras[:keep]
    if recipe["swap"] and len(paras) >= 4:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    words = [p.split() for p in paras]
    flat = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]
    for i, j in rng.sample(flat, min(recipe["word_changes"], len(flat))):
        words[i][j] = rng.choice(SWAPS)
    paras = [" ".join(ws) for ws in words]
    if recipe["byline"] is not None:
        paras.insert(0, BYLINES[recipe["byline"]].format(outlet=recipe["outlet"]))
    if recipe["boilerplate"] is not None:
        paras.append(BOILERPLATE[recipe["boilerplate"]].format(outlet=recipe["outlet"]))
    return "\n".join(paras)


def build_set() -> pd.DataFrame:
    recs = pd.DataFrame(allsides_records())
    recs["n_words"] = recs["content_original"].fillna("").str.split().str.len()
    recs["day"] = pd.to_datetime(recs["date"], errors="coerce", utc=True, format="mixed")
    ok = recs[(recs["n_words"] >= 150) & recs["day"].notna()]
    rng = random.Random(SEED)
    sources = ok.sample(N_SOURCES, random_state=SEED)
    outlets = sorted(recs["source"].dropna().unique())
    rows, used = [], set(sources["ID"])
    for item, (_, src) in enumerate(sources.iterrows(), start=1):
        recipe = make_recipe(rng, outlets, src["source"])
        rows.append({"item": item, "doc_id": src["ID"], "role": "reprint", "label": 1,
                     "recipe": json.dumps(recipe, sort_keys=True)})  # fmt: skip
        same = ok[(ok["topic"] == src["topic"]) & ~ok["ID"].isin(used)]
        near = same.assign(gap=(same["day"] - src["day"]).abs()).sort_values(["gap", "ID"])
        for neg in near["ID"].head(N_NEG):
            used.add(neg)
            rows.append({"item": item, "doc_id": neg, "role": "negative", "label": 0, "recipe": ""})
    return pd.DataFrame(rows)


def labelled_corpus(dupset: pd.DataFrame) -> tuple[pd.DataFrame, set]:
    """The articles of the set (sources, reprints, negatives) and the true pairs."""
    recs = pd.DataFrame(allsides_records()).set_index("ID")
    rows, truth = [], set()
    for _, r in dupset.iterrows():
        orig = recs.loc[r["doc_id"]]
        day = pd.to_datetime(orig["date"], utc=True, format="mixed")
        rows.append({"doc_id": r["doc_id"], "outlet": orig["source"], "date": day,
                     "text": orig["content_original"], "item": r["item"], "role": "original"})  # fmt: skip
        if r["role"] == "reprint":
            recipe = json.loads(r["recipe"])
            rid = f"{r['doc_id']}-reprint"
            rows.append({"doc_id": rid, "outlet": recipe["outlet"],
                         "date": day + pd.Timedelta(hours=recipe["hours_later"]),
                         "text": apply_recipe(orig["content_original"], recipe),
                         "item": r["item"], "role": "reprint"})  # fmt: skip
            truth.add(tuple(sorted((r["doc_id"], rid))))
    return pd.DataFrame(rows).drop_duplicates("doc_id"), truth


def exact_jaccard_pairs(texts: list[str], min_j: float):
    """All pairs with exact Jaccard >= min_j (5-shingles), by a sparse matrix product."""
    from framing.stories import shingle_hashes

    h, off, _ = shingle_hashes(texts, k=5)
    _, col = np.unique(h, return_inverse=True)
    row = np.repeat(np.arange(len(texts)), np.diff(off))
    m = sparse.csr_matrix(
        (np.ones(len(h), dtype=np.float32), (row, col)), shape=(len(texts), col.max() + 1)
    )
    inter = sparse.triu(m @ m.T, k=1).tocoo()
    size = np.diff(off).astype(float)
    j = inter.data / (size[inter.row] + size[inter.col] - inter.data)
    keep = j >= min_j
    return inter.row[keep], inter.col[keep], j[keep]


def _cluster_pairs(d: pd.DataFrame) -> set:
    out = set()
    for _, g in d.groupby("dup_id"):
        ids = sorted(g["doc_id"])
        out |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    return out


def accuracy(dupset: pd.DataFrame) -> None:
    from framing.stories import find_duplicates

    corpus, truth = labelled_corpus(dupset)
    orig = corpus[corpus["role"] == "original"].reset_index(drop=True)
    r, c, j = exact_jaccard_pairs(orig["text"].tolist(), 0.3)
    natural = {
        tuple(sorted((orig["doc_id"][a], orig["doc_id"][b]))) for a, b in zip(r, c, strict=True)
    }
    tainted = {x for p in natural for x in p}
    negatives = set(dupset.loc[dupset["role"] == "negative", "doc_id"])
    corpus = corpus[~(corpus["doc_id"].isin(tainted & negatives))].reset_index(drop=True)
    truth = {p for p in truth if not (set(p) & tainted & negatives)}
    n_pos = len(truth)
    # exact Jaccard of every pair of the evaluated corpus, for the reference curve
    rr, cc, jj = exact_jaccard_pairs(corpus["text"].tolist(), min(THRESHOLDS))
    ids = corpus["doc_id"].to_numpy()
    exact = {tuple(sorted((ids[a], ids[b]))): v for a, b, v in zip(rr, cc, jj, strict=True)}
    true_j = [exact.get(p, 0.0) for p in truth]
    print(f"Labelled set: {N_SOURCES} AllSides articles reprinted under another outlet's name, "
          f"{int((dupset['role'] == 'negative').sum())} same-topic non-duplicates "
          f"({len(tainted & negatives)} left out: near-duplicates of another labelled article in "
          f"the original data, {len(natural)} such pairs); {len(corpus)} articles evaluated, "
          f"{n_pos} true pairs. Exact Jaccard of the true pairs: median "
          f"{np.median(true_j):.2f}, 5th percentile {np.percentile(true_j, 5):.2f}, min "
          f"{min(true_j):.2f}.\n")  # fmt: skip
    print(
        "| threshold | precision | recall | F1 | pairs found | exact-Jaccard precision | exact-Jaccard recall | source found |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for t in THRESHOLDS:
        d = find_duplicates(corpus, threshold=t)
        found = _cluster_pairs(d)
        tp = len(found & truth)
        p = tp / len(found) if found else float("nan")
        rec = tp / n_pos
        ex = {k for k, v in exact.items() if v >= t}
        ep = len(ex & truth) / len(ex) if ex else float("nan")
        er = len(ex & truth) / n_pos
        source_of = d.set_index("doc_id")["source_doc_id"].to_dict()
        pairs = [(b, a) if a.endswith("-reprint") else (a, b) for a, b in truth]  # (orig, copy)
        right = sum(source_of.get(copy) == o for o, copy in pairs) / n_pos
        print(f"| {t:.1f} | {p:.3f} | {rec:.3f} | {2 * p * rec / (p + rec):.3f} | {len(found)} | "
              f"{ep:.3f} | {er:.3f} | {right:.3f} |")  # fmt: skip


_CHILD = r"""
import json, resource, sys, time, gzip
import pandas as pd
src, n_jobs = sys.argv[1], int(sys.argv[2])
rows = [json.loads(l) for l in gzip.open(src, "rt", encoding="utf-8")]
df = pd.DataFrame({"doc_id": [r["ID"] for r in rows], "outlet": [r.get("source") or "unknown" for r in rows],
                   "date": pd.to_datetime([r.get("date") for r in rows], utc=True, errors="coerce", format="mixed"),
                   "text": [r.get("content_original") or "" for r in rows]})
del rows
from framing.stories import find_duplicates
t0, c0 = time.perf_counter(), time.process_time()
d = find_duplicates(df, n_jobs=n_jobs)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"articles": len(df), "n_jobs": n_jobs, "wall_s": wall, "cpu_s": cpu + kids.ru_utime + kids.ru_stime,
                  "peak_mib": hwm / 1024, "child_peak_mib": kids.ru_maxrss / 1024,
                  "clusters": int(d["dup_id"].nunique()), "in_clusters": len(d),
                  "reprints": int((d["role"] == "reprint").sum())}))
"""


def speed(sample: list[int]) -> None:
    from framing.stories import find_duplicates

    load0 = os.getloadavg()
    full = []
    for n_jobs in (1, 2):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(ALLSIDES), str(n_jobs)],
                             capture_output=True, text=True, check=False)  # fmt: skip
        if out.returncode:
            raise SystemExit(out.stderr[-3000:])
        full.append(json.loads(out.stdout.strip().splitlines()[-1]))
    recs = pd.DataFrame(allsides_records())
    recs["day"] = pd.to_datetime(recs["date"], utc=True, errors="coerce", format="mixed")
    recs = recs.dropna(subset=["day"]).sort_values(["day", "ID"], kind="mergesort")
    rows = []
    for n in sample:  # the n latest articles: a contiguous period keeps wire copies together
        part = recs.tail(n)
        df = pd.DataFrame({"doc_id": part["ID"].to_numpy(), "outlet": part["source"].to_numpy(),
                           "text": part["content_original"].fillna("").to_numpy()})  # fmt: skip
        t0, c0 = time.perf_counter(), time.process_time()
        d = find_duplicates(df)
        mh = (time.perf_counter() - t0, time.process_time() - c0)
        threshold = d.attrs["params"]["threshold"]
        t0, c0 = time.perf_counter(), time.process_time()
        r_, c_, _ = exact_jaccard_pairs(df["text"].tolist(), threshold)
        ex = (time.perf_counter() - t0, time.process_time() - c0)
        ids = df["doc_id"].to_numpy()
        exact = {tuple(sorted((ids[a], ids[b]))) for a, b in zip(r_, c_, strict=True)}
        found = _cluster_pairs(d)
        rows.append((n, mh, ex, len(exact), len(found & exact), len(found - exact)))
    load1 = os.getloadavg()
    print(
        f"{machine()}; load average before {load0[0]:.1f}, after {load1[0]:.1f} (shared machine).\n"
    )
    print(
        "| run | articles | wall (s) | CPU (s) | peak RSS (MiB) | result |\n|---|---|---|---|---|---|"
    )
    for r in full:
        peak = max(r["peak_mib"], r["child_peak_mib"])
        print(f"| find_duplicates, all AllSides, n_jobs={r['n_jobs']} | {r['articles']:,} | "
              f"{r['wall_s']:.1f} | {r['cpu_s']:.1f} | {peak:.0f} | {r['clusters']} clusters, "
              f"{r['in_clusters']} articles, {r['reprints']} cross-outlet reprints |")  # fmt: skip
    print("\nAgainst the exact all-pairs Jaccard (sparse shingle matrix times its transpose) on "
          "the latest n articles, one process, CPU seconds:\n")  # fmt: skip
    print(
        "| n | MinHash + LSH | exact all pairs | exact / MinHash | exact pairs | found by MinHash | other pairs found |"
    )
    print("|---|---|---|---|---|---|---|")
    for n, mh, ex, n_exact, hit, extra in rows:
        print(
            f"| {n:,} | {mh[1]:.1f} | {ex[1]:.1f} | {ex[1] / mh[1]:.2f} | {n_exact} | {hit} | {extra} |"
        )
    (n0, m0, e0, *_), (n1, m1, e1, *_) = rows[0], rows[-1]
    k_ex = np.log(e1[1] / e0[1]) / np.log(n1 / n0)
    k_mh = np.log(m1[1] / m0[1]) / np.log(n1 / n0)
    print(f"\nGrowth from {n0:,} to {n1:,} articles: exact ~ n^{k_ex:.2f}, MinHash ~ n^{k_mh:.2f}. "
          f"Extrapolated with these exponents to 1,013,958 articles: exact "
          f"{e1[1] * (1_013_958 / n1) ** k_ex / 3600:.1f} h CPU, MinHash "
          f"{m1[1] * (1_013_958 / n1) ** k_mh / 60:.1f} min CPU (not run; the MinHash run at 1M "
          "is measured in the scale section).")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["accuracy", "speed", "all"], default="all")
    parser.add_argument("--write-set", action="store_true")
    parser.add_argument("--sample", type=int, nargs="+", default=[3000, 6000, 12000])
    args = parser.parse_args()
    if not ALLSIDES.exists():
        raise SystemExit(f"AllSides data not found at {ALLSIDES}")
    print(
        f"### Near-duplicates and wire copies ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
    )
    if args.part in ("accuracy", "all"):
        if args.write_set or not SET.exists():
            build_set().to_csv(SET, index=False)
        accuracy(pd.read_csv(SET, keep_default_na=False))
        print()
    if args.part in ("speed", "all"):
        speed(args.sample)


if __name__ == "__main__":
    main()
