"""Benchmark: the hardening of issue 13, before and after, by hand.

Each case runs in a fresh Python subprocess, once with the kit as it was before the
change (``--base``, default the branch point a2a21b7, unpacked with ``git archive`` into
bench/_work/hardening/base with the built C extension copied in) and once with this
working tree, alternating over ``--rounds`` rounds; the medians of wall time, CPU time
(user + system of the child, less sensitive to the load of a shared machine) and peak
RSS are reported, with the ratio after/before.

1. import of AllSides (``import_corpus``, lenient, the mapping of bench/import_allsides.py);
   the same baseline as there, ``pandas.read_json``, is measured in each round too;
2. import of a CSV export of 5,000 AllSides articles with dates written as
   ``21 February 2020`` (after only: before, every such date was rejected), against the
   same export with ISO dates, so the ratio is the cost of reading news dates;
3. a lexicon of N entries (10% prefix globs) scoring the demo corpus (set-up and
   scoring), N = 100,000 before and after, and 1,000,000 after only;
4. a 14-star glob (``a*a*...*b``) against one 46-letter token (``topics select``).

Usage::

    .venv/bin/python bench/hardening.py              # 3 rounds
    .venv/bin/python bench/hardening.py --rounds 1

Reads ../shared/data/allsides/articles.jsonl.gz; writes only under bench/_work/hardening.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from _common import ALLSIDES, ROOT, machine  # bench/_common.py

WORK = ROOT / "bench" / "_work" / "hardening"
MAPPING = {"text": "content_original", "outlet": "source", "doc_id": "ID", "date": "date",
           "title": "title", "url": "url"}  # fmt: skip

_CHILD = r"""
import json, resource, sys, time
case, args = sys.argv[1], json.loads(sys.argv[2])
t0 = time.perf_counter()
if case == "read_json":
    import pandas as pd
    n = len(pd.read_json(args["path"], lines=True))
elif case == "import":
    from framing.corpus import import_corpus
    res = import_corpus(args["path"], args["out"], mapping=args["mapping"], mode="lenient",
                        overwrite=True)
    n = res.counts()
elif case == "lexicon":
    from framing.corpus import load_corpus
    from framing.lexicon import Lexicon, score
    import random
    random.seed(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    terms = ["".join(random.choice(letters) for _ in range(random.randint(4, 10)))
             for _ in range(args["n"])]
    terms = [t + "*" if i % 10 == 0 else t for i, t in enumerate(terms)]
    df = load_corpus("corpora/demo")
    t0 = time.perf_counter()
    lex = Lexicon.from_dict({f"c{k}": terms[k::10] for k in range(10)}, name="big")
    n = int(score(df, lex, cache=False).iloc[:, 2:12].to_numpy().sum())
elif case == "glob":
    import pandas as pd
    from framing.topics import Topic, select
    df = pd.DataFrame({"doc_id": ["1"], "text": ["a" * 46]})
    t = Topic("t", all_of=(("a*" * 14 + "b",),))
    n = len(select(df, t))
wall = time.perf_counter() - t0
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "rss": use.ru_maxrss / 1024, "n": n}))
"""


def unpack_base(commit: str) -> Path:
    target = WORK / "base"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    for built in (ROOT / "framing").glob("_speedups*.so"):
        shutil.copy(built, target / "framing" / built.name)
    return target


def child(code_root: Path, case: str, args: dict, limit: float = 1800) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code_root), "FRAMING_CACHE": str(WORK / "cache")}
    try:
        run = subprocess.run(
            [sys.executable, "-c", _CHILD, case, json.dumps(args)],
            capture_output=True, text=True, env=env, cwd=str(code_root), timeout=limit,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"wall": float("inf"), "cpu": float("inf"), "rss": float("nan"), "n": "timeout"}
    if run.returncode != 0:
        raise RuntimeError(f"{case} failed in {code_root}:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def export_csv(dates: str) -> Path:
    """5,000 AllSides articles as a CSV export, dates ISO or as '21 February 2020'."""
    import csv
    import gzip

    import pandas as pd

    path = WORK / f"export-{dates}.csv"
    if path.exists():
        return path
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh, open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["ID", "source", "title", "content_original", "date"])
        for i, line in enumerate(fh):
            if i == 5000:
                break
            r = json.loads(line)
            when = pd.Timestamp(r["date"]) if r["date"] else None
            text = (
                "" if when is None else when.strftime("%d %B %Y" if dates == "news" else "%Y-%m-%d")
            )
            writer.writerow([r["ID"], r["source"], r["title"], r["content_original"], text])
    return path


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--base", default="a2a21b7")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    base = unpack_base(args.base)
    load = [os.getloadavg()[0]]
    results: dict[tuple, list] = {}

    def measure(label, code, case, params, limit=1800):
        out = child(code, case, params, limit)
        results.setdefault(label, []).append(out)
        load.append(os.getloadavg()[0])
        print(f"{label}: {out}", flush=True)

    imp = {"path": str(ALLSIDES), "mapping": MAPPING}
    news, iso = export_csv("news"), export_csv("iso")
    csv_map = {"doc_id": "ID", "outlet": "source", "title": "title", "text": "content_original",
               "date": "date"}  # fmt: skip
    for r in range(args.rounds):
        measure(("allsides", "read_json"), ROOT, "read_json", {"path": str(ALLSIDES)})
        order = [("before", base), ("after", ROOT)] if r % 2 == 0 else [("after", ROOT), ("before", base)]  # fmt: skip
        for label, code in order:
            measure(("allsides", label), code, "import", {**imp, "out": str(WORK / f"out-{label}")})
        measure(("csv", "iso dates"), ROOT, "import", {"path": str(iso), "out": str(WORK / "o-iso"), "mapping": csv_map})  # fmt: skip
        measure(("csv", "news dates"), ROOT, "import", {"path": str(news), "out": str(WORK / "o-news"), "mapping": csv_map})  # fmt: skip
    for label, code in (("before", base), ("after", ROOT)):
        measure(("lexicon 100k", label), code, "lexicon", {"n": 100_000}, limit=900)
        measure(("glob", label), code, "glob", {}, limit=120)
    measure(("lexicon 1M", "after"), ROOT, "lexicon", {"n": 1_000_000}, limit=900)
    print(f"\nMachine: {machine()}; load average {min(load):.1f}-{max(load):.1f}")
    print(f"Base: {args.base}; rounds: {args.rounds}; medians\n")
    print("| case | wall s | CPU s | peak RSS MiB | after / before (wall / CPU / RSS) |")
    print("|---|---:|---:|---:|---|")
    for (case, label), rows in results.items():
        ref = results.get((case, "before")) or results.get((case, "iso dates"))
        w, c, m = median(rows, "wall"), median(rows, "cpu"), median(rows, "rss")
        ratio = ""
        if ref is not None and label in ("after", "news dates"):
            ratio = f"{w / median(ref, 'wall'):.2f} / {c / median(ref, 'cpu'):.2f} / {m / median(ref, 'rss'):.2f}"  # fmt: skip
        print(f"| {case}: {label} | {w:.1f} | {c:.1f} | {m:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
