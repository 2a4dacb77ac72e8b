"""Benchmark: quote extraction (framing.voices) over the AllSides corpus (run by hand).

Measures, in one run on this machine:

1. baseline: a bare regular-expression pass over the same texts, one process: every
   quotation mark and every speech-verb form found with ``re.finditer`` (the scan any
   quote extractor must make, with none of the work of pairing, attributing and
   resolving);
2. ``framing voices extract`` (``framing.voices.extract_file``) on the whole corpus with
   an empty cache, on 2 processes, in a child process (wall and CPU time, peak memory);
3. the same command again (cached re-run);
4. memory in the corpus size: peak memory of the cold run on the first quarter of the
   corpus against the whole corpus's, and of warm-cache runs on the AllSides JSON lines
   once and three times over (112,662 articles, ids made unique), read and written in
   chunks of ``--chunksize`` articles. (The kit's Parquet import holds AllSides in one
   row group, which a reader holds whole, so the Parquet runs grow with the file; the
   JSON-lines runs show the streaming path.)

5. with ``--against REV``: the rules of this tree against the rules of git revision
   ``REV`` (e.g. the last commit of an earlier rules version), each in its own child
   process on the same ``--sample`` random articles, ``find_quotes`` and speaker
   resolution only, CPU time, best of ``--repeats``: the ratio of a rules change's cost.

Usage::

    .venv/bin/python bench/voices.py            # needs bench/_work/allsides (see below)
    .venv/bin/python bench/voices.py --speed-only   # steps 1-3 only
    .venv/bin/python bench/voices.py --speed-only --against aa3cbe6   # and rules 3 vs now

The corpus is the kit's import of ``../shared/data/allsides/articles.jsonl.gz``::

    .venv/bin/framing corpus import ../shared/data/allsides/articles.jsonl.gz \\
        --out bench/_work/allsides --text-col content_original --outlet-col source \\
        --id-col ID --date-col date --lenient

The cache goes to bench/_work/voices-cache (cleared first).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, machine, replicate_allsides  # bench/_common.py

WORK = ROOT / "bench" / "_work"
CORPUS = WORK / "allsides"
FRAMING = Path(sys.executable).with_name("framing")


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _run(args: list[str], env: dict) -> tuple[float, float, float, str]:
    """Run a command; return (wall s, CPU s of it and its children, peak MiB, stdout).

    Peak memory is read from /usr/bin/time when present, else from this process's
    largest child (``ru_maxrss``), which includes the command's worker processes."""
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    done = subprocess.run(timer + args, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - wall0
    cpu = _children_cpu() - cpu0
    if timer:
        peak = int(done.stderr.strip().splitlines()[-1]) / 1024
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, cpu, peak, done.stdout


def baseline(texts: list[str]) -> tuple[float, int]:
    from framing.voices import verb_table

    verbs = verb_table()[0]
    marks = re.compile('["“”«»]')
    start = time.perf_counter()
    n = 0
    for text in texts:
        n += sum(1 for _ in marks.finditer(text)) + sum(1 for _ in verbs.finditer(text))
    return time.perf_counter() - start, n


_TIME_RULES = """
import sys, time, pandas as pd
from framing.voices._extract import RULES_VERSION, find_quotes
from framing.voices._speakers import resolve
texts = pd.read_parquet(sys.argv[1])["text"].tolist()
best, n = None, 0
for _ in range(int(sys.argv[2])):
    t0, n = time.process_time(), 0
    for text in texts:
        n += len(resolve(text, find_quotes(text)))
    t = time.process_time() - t0
    best = t if best is None else min(best, t)
print(RULES_VERSION, best, n)
"""


def against(rev: str, sample: int, repeats: int) -> None:
    """CPU time of this tree's rules and of revision ``rev``'s on the same articles."""
    import tempfile

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "framing"],
                                 capture_output=True, check=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        texts = Path(tmp) / "sample.parquet"
        corpus = pd.read_parquet(CORPUS / "articles.parquet", columns=["text"])
        corpus.sample(n=min(sample, len(corpus)), random_state=0).to_parquet(texts)
        del corpus
        out = {}
        for label, path in (("old", old), ("new", ROOT)):
            env = dict(os.environ, PYTHONPATH=str(path))
            load = os.getloadavg()[0]
            done = subprocess.run([sys.executable, "-c", _TIME_RULES, str(texts), str(repeats)],
                                  env=env, capture_output=True, text=True, check=True, cwd=tmp)  # fmt: skip
            version, cpu, n = done.stdout.split()
            out[label] = float(cpu)
            print(f"rules version {version} ({label}: {rev if label == 'old' else 'this tree'}): "
                  f"{float(cpu):.2f} s CPU for {sample:,} articles, {int(n):,} quotes, "
                  f"load {load:.2f}")  # fmt: skip
        print(f"this tree / {rev}: {out['new'] / out['old']:.2f}x CPU time")


def main() -> None:
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunksize", type=int, default=5000)
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="baseline, cold and cached whole-corpus runs only (no memory-scaling runs)",
    )
    parser.add_argument("--against", metavar="REV", help="also time the rules of git REV")
    parser.add_argument("--sample", type=int, default=3000, help="articles for --against")
    parser.add_argument("--repeats", type=int, default=2, help="best of, for --against")
    args = parser.parse_args()
    articles = CORPUS / "articles.parquet"
    if not articles.exists():
        raise SystemExit(f"{articles} not found: import AllSides first (see the docstring)")
    corpus = pd.read_parquet(articles, columns=["doc_id", "text"])
    n = len(corpus)
    quarter = WORK / "allsides-quarter"
    quarter.mkdir(parents=True, exist_ok=True)
    full = pd.read_parquet(articles)
    full.iloc[: n // 4].to_parquet(quarter / "articles.parquet", index=False)
    del full
    cache = WORK / "voices-cache"
    env = dict(os.environ, FRAMING_CACHE=str(cache))
    print(f"# {machine()}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average before: "
          f"{os.getloadavg()}")  # fmt: skip
    base, hits = baseline(corpus["text"].tolist())
    print(f"baseline regex pass: {base:.1f} s for {n:,} articles ({hits:,} marks and verbs)")
    del corpus
    out = WORK / "voices-quotes.parquet"
    rows = {}
    runs = [
        ("cold, quarter corpus", quarter, True),
        ("cold, whole corpus", CORPUS, True),
        ("cached re-run, whole corpus", CORPUS, False),
    ]
    for label, path, clear in runs[1:] if args.speed_only else runs:
        if clear and cache.exists():
            shutil.rmtree(cache)
        cmd = [str(FRAMING), "voices", "extract", str(path), "--out", str(out),
               "--jobs", str(args.jobs), "--chunksize", str(args.chunksize)]  # fmt: skip
        load = os.getloadavg()[0]
        wall, cpu, peak, stdout = _run(cmd, env)
        first = stdout.splitlines()[0]
        rows[label] = (wall, cpu, peak, load)
        print(f"{label}: wall {wall:.1f} s, CPU {cpu:.1f} s, peak {peak:.0f} MiB, load "
              f"{load:.1f} | {first}")  # fmt: skip
    cold, cached = rows["cold, whole corpus"], rows["cached re-run, whole corpus"]
    print(f"cold whole corpus / baseline: {cold[0] / base:.1f}x wall, {cold[1] / base:.1f}x CPU")
    print(f"cached re-run: {cached[0]:.1f} s ({cold[0] / cached[0]:.0f}x faster than cold)")
    if args.against:
        against(args.against, args.sample, args.repeats)
    if args.speed_only:
        print(f"load average after: {os.getloadavg()}")
        return
    mapping = ["--map", "text=content_original", "--map", "outlet=source", "--map", "doc_id=ID"]
    for copies in (1, 3):
        jsonl = WORK / f"allsides-x{copies}.jsonl"
        if not jsonl.exists():
            replicate_allsides(jsonl, copies)
        cmd = [str(FRAMING), "voices", "extract", str(jsonl), "--out", str(out),
               "--jobs", str(args.jobs), "--chunksize", str(args.chunksize), *mapping]  # fmt: skip
        load = os.getloadavg()[0]
        wall, cpu, peak, stdout = _run(cmd, env)
        rows[f"x{copies}"] = (wall, cpu, peak, load)
        print(f"warm cache, JSON lines x{copies}: wall {wall:.1f} s, CPU {cpu:.1f} s, peak "
              f"{peak:.0f} MiB, load {load:.1f} | {stdout.splitlines()[0]}")  # fmt: skip
    print(f"peak memory JSON lines x3 / x1 (3 times the articles): "
          f"{rows['x3'][2] / rows['x1'][2]:.2f}")  # fmt: skip
    print(f"peak memory whole / quarter corpus: {cold[2] / rows['cold, quarter corpus'][2]:.2f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
