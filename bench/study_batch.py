"""Benchmark: a whole study batch (every report notebook, both topics) on AllSides or on
copies of it up to a million articles, against the one pass over the corpus it cannot
avoid (by hand).

A project is built in ``bench/_work/study_batch`` (git-ignored) as a researcher would:
the kit's notebooks, topics file and report plan (full mode, not smoke), the AllSides
export (or ``--copies K`` copies of it, ids suffixed) imported with ``framing corpus
import``, a study written by ``framing study init --group-from bias_text``. Each case
then runs in a fresh process tree, with its wall time and the peak RSS of its largest
process (``RUSAGE_CHILDREN`` of a wrapper, so report kernels count):

1. **floor**: ``iter_corpus`` of the imported corpus + ``select_many`` (both topics) per
   chunk, nothing kept: the one pass over the corpus every study needs;
2. **check (cold)**: ``framing study check`` with an empty feature cache: the streamed
   pass of :mod:`framing.study` (catalogue, topic selections) is computed and cached;
3. **batch**: ``framing report --study ... --force`` (every notebook of both topics;
   the study pass comes from the cache, per-article features are computed);
4. **batch again**: the same, forced, with every cache warm.

Usage::

    .venv/bin/python bench/study_batch.py [--copies 1] [--keep] [--reuse]

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

from _common import ALLSIDES, ROOT, machine, replicate_allsides  # bench/_common.py

WORK = ROOT / "bench" / "_work" / "study_batch"
PYTHON = sys.executable
FRAMING = str(ROOT / ".venv" / "bin" / "framing")

# Runs a command and prints its wall time and the peak RSS of its largest descendant.
_WRAP = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"wall": time.perf_counter() - t0, "code": done.returncode,
                  "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "out": done.stdout[-4000:], "err": done.stderr[-4000:]}))
"""

_FLOOR = r"""
import sys
from framing.corpus import iter_corpus
from framing.topics import load_topics, select_many
topics = load_topics(sys.argv[2])
n, picked = 0, {t: 0 for t in topics}
for res in iter_corpus(sys.argv[1]):
    n += len(res.articles)
    for t, rows in select_many(res.articles, topics).items():
        picked[t] += len(rows)
print(n, picked)
"""


def _case(label: str, cmd: list[str], env: dict) -> dict:
    done = subprocess.run([PYTHON, "-c", _WRAP, *cmd], capture_output=True, text=True,
                          cwd=WORK / "project", env=env, check=False)  # fmt: skip
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"{label} failed:\n{result['out']}\n{result['err']}")
    load = os.getloadavg()[0]
    print(f"{label}: {result['wall']:.0f} s, {result['peak_mib']:.0f} MiB, load {load:.1f}",
          file=sys.stderr)  # fmt: skip
    return result | {"load": load}


def _project(copies: int, reuse: bool) -> int:
    project = WORK / "project"
    corpus = project / "corpora" / "allsides"
    if reuse and (corpus / "corpus.yaml").exists():
        return 37_554 * copies
    if WORK.exists():
        shutil.rmtree(WORK)
    for folder in ("notebooks", "corpora", "reports", "studies"):
        (project / folder).mkdir(parents=True)
    for nb in ROOT.glob("notebooks/*.ipynb"):
        shutil.copy(nb, project / "notebooks" / nb.name)
    shutil.copy(ROOT / "corpora" / "topics.yaml", project / "corpora" / "topics.yaml")
    shutil.copy(ROOT / "reports" / "reports.yaml", project / "reports" / "reports.yaml")
    export = ALLSIDES
    if copies > 1:
        export = WORK / "articles.jsonl"
        replicate_allsides(export, copies)
    args = [FRAMING, "corpus", "import", str(export), "--out", str(corpus), "--lenient",
            "--text-col", "content_original", "--outlet-col", "source", "--id-col", "ID",
            "--rename", "topic=allsides_topic", "--drop", "authors"]  # fmt: skip
    subprocess.run(args, check=True, cwd=project, capture_output=True)
    if copies > 1:
        export.unlink()
    subprocess.run([FRAMING, "study", "init", "corpora/allsides", "--out",
                    "studies/allsides.yaml", "--group-from", "bias_text"],
                   check=True, cwd=project, capture_output=True)  # fmt: skip
    return 37_554 * copies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep bench/_work/study_batch")
    ap.add_argument("--reuse", action="store_true", help="reuse a --keep run's project")
    args = ap.parse_args()
    if not ALLSIDES.exists():
        raise SystemExit(f"AllSides data not found at {ALLSIDES}")
    t0 = time.perf_counter()
    n = _project(args.copies, args.reuse)
    setup = time.perf_counter() - t0
    cache = WORK / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, FRAMING_CACHE=str(cache))
    topics = str(WORK / "project" / "corpora" / "topics.yaml")
    study = ["--study", "studies/allsides.yaml"]
    floor = _case("floor", [PYTHON, "-c", _FLOOR, "corpora/allsides", topics], env)
    check = _case("check (cold)", [FRAMING, "study", "check", "studies/allsides.yaml"], env)
    batch = _case("batch", [FRAMING, "report", *study, "--force", "--quiet"], env)
    again = _case("batch again", [FRAMING, "report", *study, "--force", "--quiet"], env)
    if not args.keep:
        shutil.rmtree(WORK)
    per_report = [f"{m[1]} {m[2]} {float(m[3]):.0f} s" for m in
                  re.finditer(r"^\s+(\S.*?)\s{2,}(\S+) \(([\d.]+) s\)", batch["out"], re.M)]  # fmt: skip

    def row(label, r, note=""):
        return (f"| {label} | {r['wall']:.0f} | {r['wall'] / floor['wall']:.2f} | "
                f"{r['peak_mib']:,.0f} | {r['load']:.1f} | {note} |")  # fmt: skip

    lines = [
        f"## Study batch: every report of a study on {n:,} articles",
        "",
        f"- Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M')} UTC. Command: "
        f"`.venv/bin/python bench/study_batch.py --copies {args.copies}`.",
        f"- Data: {'AllSides' if args.copies == 1 else f'{args.copies} copies of AllSides'} "
        f"({n:,} articles) imported with `framing corpus import --lenient`; study from "
        f"`framing study init --group-from bias_text`; set-up {setup:.0f} s.",
        "",
        "| case | wall s | x floor | peak RSS MiB (largest process) | load | notes |",
        "|---|---:|---:|---:|---:|---|",
        row("floor: stream the corpus + `select_many` (2 topics)", floor,
            floor["out"].strip().replace("|", "/")),
        row("`framing study check`, cold cache (the study pass)", check),
        row("`framing report --study --force`", batch, "; ".join(per_report[:12])),
        row("the same again (caches warm)", again),
    ]  # fmt: skip
    print("\n".join(lines))


if __name__ == "__main__":
    main()
