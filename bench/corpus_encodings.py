"""Benchmark: reading UTF-16 corpus files vs the same files in UTF-8 (by hand).

Writes the AllSides corpus as UTF-8 and UTF-16 (little-endian, with a byte order mark,
as Windows tools write it) JSONL and CSV, then reads each in a fresh Python subprocess
and reports wall time and peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``):

* baselines: ``pandas.read_json(lines=True)`` of the UTF-8 JSONL and
  ``pandas.read_csv(dtype=str)`` of the UTF-8 CSV (parsing only, no validation);
  ``pandas.read_csv(encoding="utf-16")`` of the UTF-16 CSV for comparison;
* ``framing.corpus.load_corpus`` (lenient) of each file: UTF-16 is detected from its
  byte order mark and transcoded to UTF-8 block by block.

Usage::

    .venv/bin/python bench/corpus_encodings.py [--repeat N]   # best of N runs per case

Reads ../shared/data/allsides/articles.jsonl.gz; writes to bench/_work/corpus_encodings
(git-ignored). Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

from _common import ALLSIDES, ROOT, machine  # bench/_common.py

WORK = ROOT / "bench" / "_work" / "corpus_encodings"
MAPPING = {"text": "content_original", "outlet": "source", "doc_id": "ID", "date": "date"}

# The child prints one JSON line: seconds for the measured call, peak RSS in MiB, rows.
_CHILD = """
import json, resource, sys, time
case, path, mapping = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
import pandas as pd
from framing.corpus import load_corpus
t0 = time.perf_counter()
if case == "read_json":
    n = len(pd.read_json(path, lines=True))
elif case.startswith("read_csv"):
    n = len(pd.read_csv(path, dtype=str, encoding=case.split(":")[1]))
else:
    n = len(load_corpus(path, mapping=mapping, mode="lenient"))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "rows": n}))
"""


def _prepare() -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    files = {name: WORK / name for name in ("a8.jsonl", "a16.jsonl", "a8.csv", "a16.csv")}
    if all(p.exists() for p in files.values()):
        return files
    import pandas as pd

    print("writing the UTF-8 and UTF-16 copies ...", file=sys.stderr)
    with gzip.open(ALLSIDES, "rb") as src:
        text = src.read().decode("utf-8")
    files["a8.jsonl"].write_text(text, encoding="utf-8")
    files["a16.jsonl"].write_text(text, encoding="utf-16")  # BOM + little-endian here
    table = pd.read_json(files["a8.jsonl"], lines=True, dtype=str)
    table.to_csv(files["a8.csv"], index=False, encoding="utf-8")
    files["a16.csv"].write_text(files["a8.csv"].read_text(encoding="utf-8"), encoding="utf-16")
    return files


def _run(case: str, path) -> dict:
    cmd = [sys.executable, "-c", _CHILD, case, str(path), json.dumps(MAPPING)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{case} {path.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if not ALLSIDES.exists():
        raise SystemExit(f"AllSides data not found at {ALLSIDES}")
    repeat = int(sys.argv[2]) if sys.argv[1:2] == ["--repeat"] else 1
    if sys.argv[1:] == ["--prepare"]:
        _prepare()
        return
    # prepared in a child: peak RSS survives fork and exec, so this process stays small
    subprocess.run([sys.executable, __file__, "--prepare"], check=True, cwd=ROOT)
    f = _prepare()
    groups = [
        [
            ("baseline: `pandas.read_json(lines=True)`, UTF-8 JSONL", "read_json", f["a8.jsonl"]),
            ("`load_corpus`, UTF-8 JSONL", "load", f["a8.jsonl"]),
            ("`load_corpus`, UTF-16 JSONL (BOM detected)", "load", f["a16.jsonl"]),
        ],
        [
            ("baseline: `pandas.read_csv(dtype=str)`, UTF-8 CSV", "read_csv:utf-8", f["a8.csv"]),
            ("`pandas.read_csv(encoding='utf-16')`, UTF-16 CSV", "read_csv:utf-16", f["a16.csv"]),
            ("`load_corpus`, UTF-8 CSV", "load", f["a8.csv"]),
            ("`load_corpus`, UTF-16 CSV (BOM detected)", "load", f["a16.csv"]),
        ],
    ]
    print(f"Machine: {machine()}\n")
    print(
        "| case | MiB on disk | rows | seconds | x baseline time | peak RSS MiB | x baseline memory |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for cases in groups:
        base = None
        for label, case, path in cases:
            r = min((_run(case, path) for _ in range(repeat)), key=lambda r: r["seconds"])
            base = base or r
            print(f"{label}: {r}", file=sys.stderr)
            print(
                f"| {label} | {path.stat().st_size / 2**20:.0f} | {r['rows']:,} | "
                f"{r['seconds']:.1f} | {r['seconds'] / base['seconds']:.2f} | "
                f"{r['peak_mib']:.0f} | {r['peak_mib'] / base['peak_mib']:.2f} |"
            )


if __name__ == "__main__":
    main()
