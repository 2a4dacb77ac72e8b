"""Benchmark: importing the AllSides corpus with the kit vs ``pandas.read_json`` (by hand).

Each case runs in a fresh Python subprocess, one after the other, and reports its wall
time and its peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), so
the cases do not share caches or memory:

1. baseline: ``pandas.read_json(path, lines=True)`` of the same file (parsing only: no
   validation, no normalisation, nothing written);
2. ``framing.corpus.import_corpus`` (what ``framing corpus import ... --lenient`` runs):
   chunked read, validation, normalisation, ``articles.parquet`` + ``rejected.jsonl``
   + ``corpus.yaml`` written;
3. ``framing.corpus.load_corpus`` (lenient): the same, into one in-memory table;
4. with ``--replicate K``: ``import_corpus`` of a K-times larger JSONL made from the
   corpus (ids suffixed), to show that peak memory does not grow with corpus size.

Usage::

    .venv/bin/python bench/import_allsides.py                 # cases 1-3, once each
    .venv/bin/python bench/import_allsides.py --repeat 3      # best of 3
    .venv/bin/python bench/import_allsides.py --replicate 4   # adds case 4 (~150k articles)

Reads ../shared/data/allsides/articles.jsonl.gz; writes to bench/_work/import_allsides
(git-ignored). Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from _common import ALLSIDES, machine, replicate_allsides  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
DATA = ALLSIDES
WORK = ROOT / "bench" / "_work" / "import_allsides"
MAPPING = {
    "text": "content_original",
    "outlet": "source",
    "doc_id": "ID",
    "date": "date",
    "title": "title",
    "url": "url",
}

# The child prints one JSON line: seconds for the measured call, peak RSS in MiB, counts.
_CHILD = """
import json, resource, sys, time
case, path, out, mapping = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
import pandas as pd
from framing.corpus import import_corpus, load_corpus
t0 = time.perf_counter()
if case == "read_json":
    df = pd.read_json(path, lines=True)
    counts = {"read": len(df), "kept": len(df), "rejected": 0}
elif case == "import":
    counts = import_corpus(path, out, mapping=mapping, mode="lenient", overwrite=True).counts()
else:
    df = load_corpus(path, mapping=mapping, mode="lenient")
    counts = df.attrs["validation"]
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "counts": counts}))
"""


def _run(case: str, path: Path, out: Path) -> dict:
    cmd = [sys.executable, "-c", _CHILD, case, str(path), str(out), json.dumps(MAPPING)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{case} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; best is kept")
    parser.add_argument("--replicate", type=int, default=0, help="also import K copies")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"AllSides data not found at {DATA}")
    WORK.mkdir(parents=True, exist_ok=True)
    cases = [
        ("baseline: pandas.read_json(lines=True)", "read_json", DATA),
        ("import_corpus (framing corpus import --lenient)", "import", DATA),
        ("load_corpus (lenient, in memory)", "load", DATA),
    ]
    if args.replicate:
        big = WORK / f"allsides_x{args.replicate}.jsonl"
        if not big.exists():
            print(f"writing {big} ...", file=sys.stderr)
            replicate_allsides(big, args.replicate)
        cases.append((f"import_corpus of {args.replicate}x the corpus", "import", big))
    print(f"Machine: {machine()}")
    print(f"Data: {DATA.resolve()} ({DATA.stat().st_size / 2**20:.0f} MiB gzip)\n")
    rows, base = [], None
    for label, case, path in cases:
        best = None
        for _ in range(args.repeat):
            out = WORK / f"out_{case}"
            res = _run(case, path, out)
            best = res if best is None or res["seconds"] < best["seconds"] else best
            shutil.rmtree(out, ignore_errors=True)
        base = base or best
        rows.append((label, best))
        print(
            f"{label}: {best['seconds']:.1f} s, {best['peak_mib']:.0f} MiB, {best['counts']}",
            file=sys.stderr,
        )
    print(
        "| case | articles read / kept / rejected | seconds | x baseline time | peak RSS MiB | x baseline memory |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for label, r in rows:
        c = r["counts"]
        print(
            f"| {label} | {c['read']:,} / {c['kept']:,} / {c['rejected']:,} | {r['seconds']:.1f} | "
            f"{r['seconds'] / base['seconds']:.2f} | {r['peak_mib']:.0f} | "
            f"{r['peak_mib'] / base['peak_mib']:.2f} |"
        )


if __name__ == "__main__":
    main()
