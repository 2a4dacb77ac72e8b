"""Benchmark: near-duplicate detection on the 1M-article copies of AllSides (by hand).

The scale corpus of ``bench/scale_1m.py`` is 27 copies of the 37,554 AllSides articles
(1,013,958 articles, ids suffixed ``-r<k>``). Here it is streamed straight from the
gzipped file in chunks of 50,000 articles (no 9 GB intermediate file) into
``framing.stories.find_duplicates``, which keeps only each article's id, outlet, date
and 128-permutation signature. Every text recurs 27 times, so this is the hard case for
LSH: every bucket holds at least 27 identical signatures.

Run in a fresh subprocess with wall time, CPU time and peak RSS (``VmHWM``), beside the
**floor**: the same stream with a bare ``re.findall(r"\\w+", text.lower())`` per text.

Usage::

    .venv/bin/python bench/stories_scale.py [--copies 27] [--jobs 2 --chunk 10000] [--skip-floor]

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from _common import ALLSIDES, machine  # bench/_common.py

_CHILD = r"""
import gzip, json, re, sys, time
import pandas as pd
case, src, copies, n_jobs, CHUNK = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])

def chunks():
    for k in range(copies):
        rows = []
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                rows.append((f"{r['ID']}-r{k}", r.get("source") or "unknown", r.get("date"),
                             r.get("content_original") or ""))
                if len(rows) == CHUNK:
                    yield _frame(rows)
                    rows = []
        if rows:
            yield _frame(rows)

def _frame(rows):
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "text"])
    df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce", format="mixed")
    return df

t0, c0 = time.perf_counter(), time.process_time()
info = {}
if case == "floor":
    word = re.compile(r"\w+").findall
    n = tokens = 0
    for df in chunks():
        n += len(df)
        tokens += sum(len(word(t.lower())) for t in df["text"])
    info = {"articles": n, "tokens": tokens}
else:
    from framing.stories import find_duplicates
    d = find_duplicates(chunks(), n_jobs=n_jobs)
    info = {"articles": d.attrs["n_articles"], "clusters": int(d["dup_id"].nunique()),
            "in_clusters": len(d), "candidates": d.attrs["n_candidates"], "pairs": d.attrs["n_pairs"],
            "max_cluster": int(d["n_members"].max())}
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
import resource
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"case": case, "n_jobs": n_jobs, "wall_s": wall,
                  "cpu_s": cpu + kids.ru_utime + kids.ru_stime, "peak_mib": hwm / 1024,
                  "worker_peak_mib": kids.ru_maxrss / 1024, **info}))
"""


def run(case: str, copies: int, jobs: int = 1, chunk: int = 50_000) -> dict:
    args = [case, str(ALLSIDES), str(copies), str(jobs), str(chunk)]
    out = subprocess.run([sys.executable, "-c", _CHILD, *args],
                         capture_output=True, text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{case} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=27)
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="find_duplicates(n_jobs=)")
    parser.add_argument("--chunk", type=int, default=50_000, help="articles per chunk")
    args = parser.parse_args()
    load0 = os.getloadavg()
    t = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    res = [run("dedup", args.copies, args.jobs, args.chunk)]
    if not args.skip_floor:
        res.append(run("floor", args.copies))
    load1 = os.getloadavg()
    print(
        f"### Near-duplicates at scale ({t})\n\n{machine()}; load average before "
        f"{load0[0]:.1f}, after {load1[0]:.1f} (the machine is shared).\n"
    )
    print(
        "| case | articles | wall (s) | CPU (s, with workers) | peak RSS (MiB; worker) | result |\n|---|---|---|---|---|---|"
    )
    for r in res:
        extra = (f"{r['clusters']:,} clusters, {r['in_clusters']:,} articles in them, largest "
                 f"{r['max_cluster']}, {r['candidates']:,} LSH candidate pairs"
                 if r["case"] == "dedup" else f"{r['tokens']:,} tokens")  # fmt: skip
        print(
            f"| {r['case']} (n_jobs={r['n_jobs']}) | {r['articles']:,} | {r['wall_s']:.0f} | "
            f"{r['cpu_s']:.0f} | {r['peak_mib']:.0f}; {r['worker_peak_mib']:.0f} | {extra} |"
        )
    if len(res) == 2:
        print(f"\nRatio dedup / floor (wall): {res[0]['wall_s'] / res[1]['wall_s']:.2f}")
    print("\n" + json.dumps(res))


if __name__ == "__main__":
    main()
