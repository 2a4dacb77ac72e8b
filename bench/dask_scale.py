"""Benchmark: the lexicon pipeline over a partitioned corpus, in one process vs a
2-worker Dask LocalCluster (by hand).

Builds a corpus from AllSides copies (``--copies``; 27 copies = 1,013,958 articles, as
bench/scale_1m.py; the texts repeat, which changes nothing for tokenizing and counting),
imports it partitioned by year (``framing corpus import --partition-by year``: a folder
of Parquet parts, one Dask partition per row group of at most 50,000 articles), then
runs the same pipeline per partition, each case in a fresh process:

- **in-process**: ``framing.distributed.map_partitions(..., scheduler="none")``:
  partition after partition in the driver (the single-machine path);
- **local:2**: the same call with ``scheduler="local:2"`` (2 worker processes, one
  thread each, 127.0.0.1).

Per partition: read and validate it, ``topics.match_topics`` (both study topics),
``lexicon.score`` (topic_frames, no cache) and the sufficient statistics of
``frame_shares`` (articles and articles with each frame, per outlet); only these counts
and the per-partition timings come back to the driver. The result tables of the two
cases are checked equal. Peak memory is ``VmHWM`` of the driver and of each worker
(asked from the workers at the end). Per-partition costs (read, match, score seconds,
part bytes, bytes returned) feed the projection in bench/RESULTS.md.

Usage::

    .venv/bin/python bench/dask_scale.py [--copies 10] [--keep] [--reuse]

Writes to bench/_work/dask_scale (git-ignored; removed at the end unless ``--keep``).
Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

from _common import ALLSIDES, ROOT, machine, replicate_allsides  # bench/_common.py

WORK = ROOT / "bench" / "_work" / "dask_scale"
MAPPING = {"text": "content_original", "outlet": "source", "doc_id": "ID", "date": "date",
           "title": "title", "url": "url"}  # fmt: skip

_CHILD = r"""
import json, os, pickle, sys, time
import pandas as pd

def vm_hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

def pipeline(articles, lex, topics):
    import time
    import pandas as pd
    from framing.lexicon import score
    from framing.topics import match_topics
    t0 = time.perf_counter()
    hits = match_topics(articles, topics)
    t1 = time.perf_counter()
    s = score(articles, lex, cache=False)
    t2 = time.perf_counter()
    flags = [c for c in s.columns if c.endswith("_any")]
    table = pd.DataFrame(s[flags].to_numpy() > 0, columns=flags)
    table.insert(0, "_n", 1)
    table.insert(0, "outlet", articles["outlet"].to_numpy())
    counts = table.groupby("outlet", sort=True).sum()
    selected = {t: int(hits[t].sum()) for t in topics}
    return {"counts": counts, "selected": selected, "n": len(articles),
            "tokens": int(s["n_tokens"].sum()), "match_s": t1 - t0, "score_s": t2 - t1,
            "task_s": time.perf_counter() - t0}

case, folder, topics_file = sys.argv[1], sys.argv[2], sys.argv[3]
from framing.distributed import get_client, map_partitions, partitions_of
from framing.lexicon import load_lexicon
from framing.topics import load_topics
lex, topics = load_lexicon("topic_frames"), load_topics(topics_file)
parts = partitions_of(folder)
t0, c0 = time.perf_counter(), time.process_time()
client = get_client("local:2" if case == "local2" else "none", timeout=120)
start_s = time.perf_counter() - t0
outs = map_partitions(pipeline, folder, args=(lex, topics), client=client, name="bench")
wall = time.perf_counter() - t0
workers, worker_cpu = {}, {}
if client is not None:
    workers = client.run(vm_hwm)
    worker_cpu = client.run(time.process_time)
    client.close()
counts = pd.concat([o["counts"] for o in outs]).groupby(level=0).sum()
counts.to_parquet(sys.argv[4])
sizes = [len(pickle.dumps(o)) for o in outs]
print(json.dumps({
    "wall": wall, "start_s": start_s, "driver_cpu": time.process_time() - c0,
    "driver_peak_mib": vm_hwm(), "worker_peak_mib": sorted(workers.values()),
    "worker_cpu": sum(worker_cpu.values()),
    "articles": sum(o["n"] for o in outs), "tokens": sum(o["tokens"] for o in outs),
    "partitions": len(outs),
    "selected": {t: sum(o["selected"][t] for o in outs) for t in topics},
    "task_s": [o["task_s"] for o in outs], "match_s": [o["match_s"] for o in outs],
    "score_s": [o["score_s"] for o in outs], "rows": [o["n"] for o in outs],
    "result_bytes": sizes,
    "job_bytes": len(__import__("cloudpickle").dumps((pipeline, lex, topics))),
    "parquet_bytes": sum(os.path.getsize(f) for f in {p.file for p in parts}),
    "part_bytes": [os.path.getsize(p.file) * (p.n_rows or 0) // max(1, sum(
        q.n_rows or 0 for q in parts if q.file == p.file)) for p in parts],
    "load": os.getloadavg(),
}))
"""


def _run(case: str, folder, out) -> dict:
    cmd = [sys.executable, "-c", _CHILD, case, str(folder), str(ROOT / "corpora" / "topics.yaml"),
           str(out)]  # fmt: skip
    load_before = os.getloadavg()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{case} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_before"] = load_before
    short = {k: v for k, v in result.items() if not isinstance(v, list)}
    print(f"{case}: {short}", file=sys.stderr)
    return result


def _median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else float("nan")


def main() -> None:
    import pandas as pd

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--keep", action="store_true", help="keep bench/_work/dask_scale")
    ap.add_argument("--reuse", action="store_true", help="reuse the corpus a --keep run left")
    args = ap.parse_args()
    if not ALLSIDES.exists():
        raise SystemExit(f"AllSides data not found at {ALLSIDES}")
    WORK.mkdir(parents=True, exist_ok=True)
    big, folder = WORK / "articles.jsonl", WORK / "corpus"
    imp_s = write_s = float("nan")
    if not (args.reuse and (folder / "corpus.yaml").exists()):
        from framing.corpus import import_corpus

        t0 = time.perf_counter()
        n = replicate_allsides(big, args.copies)
        write_s = time.perf_counter() - t0
        print(f"wrote {n:,} articles in {write_s:.0f} s", file=sys.stderr)
        t0 = time.perf_counter()
        import_corpus(big, folder, mapping=MAPPING, mode="lenient", partition_by="year",
                      overwrite=True)  # fmt: skip
        imp_s = time.perf_counter() - t0
        big.unlink()
    here = _run("inprocess", folder, WORK / "counts-here.parquet")
    dask = _run("local2", folder, WORK / "counts-dask.parquet")
    same = pd.read_parquet(WORK / "counts-here.parquet").equals(
        pd.read_parquet(WORK / "counts-dask.parquet")
    )
    if not same or here["selected"] != dask["selected"]:
        raise SystemExit("the two cases disagree: the counts differ")
    if not args.keep:
        shutil.rmtree(WORK)
    n, parts = here["articles"], here["partitions"]
    task = here["task_s"]
    per_article_ms = 1000 * sum(task) / n
    read_ms = 1000 * (here["wall"] - here["start_s"] - sum(task)) / n
    mean_rows = n / parts
    result_kib = _median(dask["result_bytes"]) / 1024
    part_mib = _median(here["part_bytes"]) / 2**20
    lines = [
        f"## Dask: the lexicon pipeline on {n:,} articles, one process vs a 2-worker LocalCluster",
        "",
        f"- Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M')} UTC. Command: "
        f"`.venv/bin/python bench/dask_scale.py --copies {args.copies}`. Load average "
        f"before / after: in-process {here['load_before'][0]:.1f} / {here['load'][0]:.1f}, "
        f"local:2 {dask['load_before'][0]:.1f} / {dask['load'][0]:.1f} (shared machine).",
        f"- Data: {args.copies} cop{'y' if args.copies == 1 else 'ies'} of AllSides ({n:,} articles, {here['tokens']:,} kit "
        f"tokens), imported with `--partition-by year` in {imp_s:.0f} s (JSONL written in "
        f"{write_s:.0f} s): {parts} partitions (row groups of at most 50,000 articles; "
        f"median {_median(here['rows']):,.0f} articles, {part_mib:.1f} MiB of Parquet).",
        "- Per partition: read + validate, `match_topics` (2 topics), `score` (topic_frames, "
        "no cache), per-outlet counts of articles with each frame (what `frame_shares` "
        "returns); the two cases' counts are equal (checked).",
        "",
        "| case | wall s | x in-process wall | CPU s (driver + workers) | CPU / wall | "
        "driver peak MiB | worker peak MiB |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| in-process (`scheduler=\"none\"`) | {here['wall']:.0f} | 1.00 | "
        f"{here['driver_cpu']:.0f} | {here['driver_cpu'] / here['wall']:.2f} | "
        f"{here['driver_peak_mib']:,.0f} | (none) |",
        f"| `local:2` (2 processes x 1 thread; cluster start {dask['start_s']:.1f} s included) | "
        f"{dask['wall']:.0f} | **{dask['wall'] / here['wall']:.2f}** | "
        f"{dask['driver_cpu']:.0f} + {dask['worker_cpu']:.0f} | "
        f"{(dask['driver_cpu'] + dask['worker_cpu']) / dask['wall']:.2f} | "
        f"{dask['driver_peak_mib']:,.0f} | "
        + ", ".join(f"{w:,.0f}" for w in dask["worker_peak_mib"]) + " |",
        "",
        f"Per-partition costs (in-process run): median task {_median(task):.1f} s for "
        f"{mean_rows:,.0f} articles ({per_article_ms:.2f} ms per article: match "
        f"{1000 * sum(here['match_s']) / n:.2f}, score {1000 * sum(here['score_s']) / n:.2f}; "
        f"reading and validating {read_ms:.2f} ms per article more); result sent back per "
        f"partition: median "
        f"{result_kib:.0f} KiB (pickled counts per outlet), plus 8 bytes per article (the "
        f"doc_id hashes of the cross-partition id check); shipped once to each worker: "
        f"{dask['job_bytes'] / 1024:.0f} KiB (function, lexicon, topics); Parquet read by the "
        f"workers: {here['parquet_bytes'] / 2**20:,.0f} MiB "
        f"({here['parquet_bytes'] / n:,.0f} bytes per article).",
    ]  # fmt: skip
    print("\n".join(lines))
    print(json.dumps({"per_article_ms": per_article_ms, "read_ms": read_ms, "result_kib": result_kib,
                      "part_mib": part_mib, "mean_rows": mean_rows, "job_bytes": dask["job_bytes"],
                      "parquet_bytes": here["parquet_bytes"], "wall_here": here["wall"],
                      "wall_dask": dask["wall"], "task_s": here["task_s"],
                      "rows": here["rows"]}), file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
