"""Benchmark: VADER sentiment over the AllSides corpus (run by hand, not a test).

Measures, in one run on this machine:

1. baseline: a plain single-process nltk loop (``SentimentIntensityAnalyzer`` built
   once, ``polarity_scores`` per text or per ``framing.text.sentences`` sentence) over
   a random subsample, projected to the whole corpus;
2. ``framing.sentiment.vader_scores`` with ``n_jobs=1`` on the same subsample (the
   faster analyzer alone) and a check that its scores are identical to the baseline's;
3. ``vader_scores`` on the whole corpus with all cores and an empty cache (cold), then
   again (cached re-run), per level.

Usage::

    .venv/bin/python bench/sentiment.py                  # both levels, 37,554 articles
    .venv/bin/python bench/sentiment.py --limit 3000     # quick look

Reads ../shared/data/allsides/articles.jsonl.gz (field ``content_original``); the cache
goes to bench/_work/sentiment-cache (git-ignored) and is cleared first.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path

from _common import ALLSIDES, allsides_records, machine, peak_rss_mib  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
DATA = ALLSIDES
WORK = ROOT / "bench" / "_work"


def _load(limit: int | None):
    import pandas as pd

    ids, texts = [], []
    for i, row in enumerate(allsides_records(DATA, limit=limit)):
        ids.append(f"allsides-{i}")
        texts.append(row.get("content_original") or "")
    return pd.DataFrame({"doc_id": ids, "text": texts})


def _baseline(texts: list[str], level: str):
    """Plain nltk: one analyzer, a Python loop, one process."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from framing.sentiment import vader_analyzer
    from framing.text import sentences

    vader_analyzer()  # places the lexicon file and puts its folder on nltk's path
    analyzer = SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon/vader_lexicon.txt")
    sentences("Warm up. The splitter is built on first use.")
    start = time.perf_counter()
    if level == "document":
        rows = [analyzer.polarity_scores(t) for t in texts]
    else:
        rows = [analyzer.polarity_scores(s) for t in texts for s in sentences(t)]
    return time.perf_counter() - start, rows


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), _cpu()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, _cpu() - cpu


def _row(level, what, count, secs, cpu, baseline_secs) -> None:
    """One table row; the ratio is baseline seconds (same article count) / these seconds."""
    print(
        f"| {level} | {what} | {count:,} | {secs:.1f} | {cpu:.1f} | {count / secs:,.0f} "
        f"| {baseline_secs / secs:.1f}x |"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--sample", type=int, default=1000, help="baseline subsample size")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    parser.add_argument("--levels", default="sentence,document", help="comma-separated")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"AllSides data not found at {DATA}; nothing to measure.")
        return 1

    os.environ["FRAMING_CACHE"] = str(WORK / "sentiment-cache")
    import pandas as pd

    from framing import cache, sentiment

    cache.clear_cache()
    t0 = time.perf_counter()
    corpus = _load(args.limit)
    load_s = time.perf_counter() - t0
    n = len(corpus)
    words = int(corpus["text"].str.split().str.len().sum())
    sample = corpus.iloc[sorted(random.Random(20251128).sample(range(n), min(args.sample, n)))]
    sample = sample.reset_index(drop=True)
    n_jobs = args.jobs or os.cpu_count()

    print(f"machine: {machine()}")
    print(f"corpus: {n:,} articles, {words:,} words (read in {load_s:.1f} s)")
    print(f"jobs: {n_jobs}; baseline subsample: {len(sample):,} articles\n")
    print(f"load average before: {os.getloadavg()[0]:.1f}\n")
    print("| level | what | articles | wall s | CPU s | articles/s | speed-up vs baseline |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for level in args.levels.split(","):
        (_, base_rows), base_s, base_cpu = _timed(_baseline, sample["text"].tolist(), level)
        base_rate = len(sample) / base_s
        one, one_s, one_cpu = _timed(
            sentiment.vader_scores, sample, level=level, n_jobs=1, cache=False
        )
        expected = pd.DataFrame(base_rows, columns=sentiment.SCORE_COLUMNS)
        identical = one[sentiment.SCORE_COLUMNS].reset_index(drop=True).equals(expected)
        full, cold_s, cold_cpu = _timed(sentiment.vader_scores, corpus, level=level, n_jobs=n_jobs)
        again, warm_s, warm_cpu = _timed(sentiment.vader_scores, corpus, level=level, n_jobs=n_jobs)
        same_again = again.equals(full)
        in_sample = full[full["doc_id"].isin(set(sample["doc_id"]))]
        parallel_identical = (
            in_sample[sentiment.SCORE_COLUMNS].reset_index(drop=True).equals(expected)
        )
        projected = n / base_rate

        print(
            f"| {level} | baseline: plain nltk loop, 1 process | {len(sample):,} | {base_s:.1f} "
            f"| {base_cpu:.1f} | {base_rate:,.0f} | 1.0x |"
        )
        _row(level, "kit, n_jobs=1 (same subsample)", len(sample), one_s, one_cpu, base_s)
        _row(level, f"kit, n_jobs={n_jobs}, cold cache", n, cold_s, cold_cpu, projected)
        _row(level, f"kit, n_jobs={n_jobs}, cached re-run", n, warm_s, warm_cpu, projected)
        print(
            f"|  | identical to baseline on the subsample: n_jobs=1 {identical}, parallel "
            f"{parallel_identical}; cached == computed: "
            f"{same_again}; rows: {len(full):,}; baseline projected to {n:,}: {projected:.0f} s | | | | | |"
        )
    peak = peak_rss_mib() / 1024
    kids = peak_rss_mib("children") / 1024
    size = sum(f.stat().st_size for f in (WORK / "sentiment-cache").rglob("*.parquet")) / 2**20
    print(f"\npeak RSS: main {peak:.1f} GiB, largest worker {kids:.1f} GiB; cache {size:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
