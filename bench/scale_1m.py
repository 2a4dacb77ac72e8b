"""Benchmark: the lexicon pipeline on a one-million-article corpus, one machine (by hand).

The mission says the kit must handle a 1M-article corpus on one machine. This script
builds one from AllSides (27 copies of its 37,554 articles = 1,013,958 articles, ids
suffixed ``-r<k>``; the texts repeat, which changes nothing for tokenizing and counting,
since every text is scanned in full), then runs, each in a fresh subprocess with its
wall time, CPU time and peak RSS (``VmHWM``):

1. ``import_corpus`` (= ``framing corpus import --lenient``) of the uncompressed JSONL
   into a corpus folder (``articles.parquet``);
2. **read**: ``iter_corpus`` over that folder in chunks of 50,000, touching nothing
   (the cost of reading and re-validating; the floor of anything that streams it);
3. **floor**: the same stream plus a bare ``re.findall(r"\\w+", text.lower())`` per text;
4. **kit**: the same stream plus, per chunk, ``topics.match_topics`` (both study topics)
   and ``lexicon.score`` (topic_frames) of the whole chunk, then ``compare.by_outlet``
   (share of articles per frame, bootstrap CIs) on the 1M-row score table.

Usage::

    .venv/bin/python bench/scale_1m.py [--copies 27] [--keep]

Writes to bench/_work/scale_1m (git-ignored; about 9 GB while it runs, removed at the
end unless ``--keep``). Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time

from _common import ALLSIDES, ROOT, machine, replicate_allsides  # bench/_common.py

WORK = ROOT / "bench" / "_work" / "scale_1m"
MAPPING = {"text": "content_original", "outlet": "source", "doc_id": "ID", "date": "date",
           "title": "title", "url": "url"}  # fmt: skip

_CHILD = r"""
import json, re, sys, time
from pathlib import Path
case, src, out, mapping = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
t0, c0 = time.perf_counter(), time.process_time()
info = {}
if case == "import":
    from framing.corpus import import_corpus
    info = import_corpus(src, out, mapping=mapping, mode="lenient", overwrite=True).counts()
else:
    import pandas as pd
    from framing.corpus import iter_corpus
    word = re.compile(r"\w+").findall
    if case == "kit":
        from framing.compare import by_outlet
        from framing.lexicon import load_lexicon, score
        from framing.topics import load_topics, match_topics
        lex = load_lexicon("topic_frames")
        topics = load_topics(Path(sys.argv[5]))
        parts, selected = [], {t: 0 for t in ("us_russia_talks", "us_asia_policy")}
    n = tokens = 0
    for res in iter_corpus(src):
        a = res.articles
        n += len(a)
        if case == "floor":
            tokens += sum(len(word(t.lower())) for t in a["text"])
        elif case == "kit":
            hits = match_topics(a, topics)
            for t in selected:
                selected[t] += int(hits[t].sum())
            s = score(a, lex, cache=False)
            tokens += int(s["n_tokens"].sum())
            flags = [c for c in s.columns if c.endswith("_any")]
            parts.append(a[["doc_id", "outlet"]].merge(s[["doc_id", *flags]], on="doc_id"))
        del res, a
    info = {"articles": n, "tokens": tokens}
    if case == "kit":
        scores = pd.concat(parts, ignore_index=True)
        del parts
        t1 = time.perf_counter()
        est = by_outlet(scores, flags, stat="share", n_boot=200)
        info.update(selected=selected, by_outlet_s=time.perf_counter() - t1,
                    estimates=len(est), outlets=int(scores["outlet"].nunique()))
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "peak_mib": peak, **info}))
"""


def _run(case: str, src, out) -> dict:
    cmd = [sys.executable, "-c", _CHILD, case, str(src), str(out), json.dumps(MAPPING),
           str(ROOT / "corpora" / "topics.yaml")]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{case} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{case}: {result}", file=sys.stderr)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=27)
    ap.add_argument("--keep", action="store_true", help="keep bench/_work/scale_1m")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the corpus folder a --keep run left (skip writing and import)")  # fmt: skip
    args = ap.parse_args()
    if not ALLSIDES.exists():
        raise SystemExit(f"AllSides data not found at {ALLSIDES}")
    WORK.mkdir(parents=True, exist_ok=True)
    big, folder = WORK / "articles.jsonl", WORK / "corpus"
    if args.reuse and (folder / "articles.parquet").exists():
        imp, write_s, n = None, float("nan"), 37_554 * args.copies
    else:
        t0 = time.perf_counter()
        n = replicate_allsides(big, args.copies)
        write_s = time.perf_counter() - t0
        print(f"wrote {n:,} articles in {write_s:.0f} s", file=sys.stderr)
        imp = _run("import", big, folder)
        big.unlink()
    read, floor, kit = (_run(c, folder, "-") for c in ("read", "floor", "kit"))
    if not args.keep:
        shutil.rmtree(WORK)

    def row(label, r, extra=""):
        return (f"| {label} | {r['wall']:.0f} | {r['cpu']:.0f} | {r['peak_mib']:,.0f} | "
                f"{r['wall'] / floor['wall']:.2f} | {extra} |")  # fmt: skip

    lines = [
        f"## Scale: the lexicon pipeline on {n:,} articles",
        "",
        f"- Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M')} UTC. Command: "
        f"`.venv/bin/python bench/scale_1m.py --copies {args.copies}`",
        f"- Data: {args.copies} copies of AllSides ({n:,} articles, "
        f"{floor['tokens']:,} `\\w+` tokens, {kit['tokens']:,} kit tokens); "
        f"JSONL written in {write_s:.0f} s. Each case in a fresh process.",
        "",
        "| case | wall s | CPU s | peak RSS MiB | x floor wall | notes |",
        "|---|---:|---:|---:|---:|---|",
        *([row("`import_corpus` of the JSONL (lenient)", imp,
               f"read {imp['read']:,}, kept {imp['kept']:,}, rejected {imp['rejected']:,}")]
          if imp else ["| `import_corpus`: not run (--reuse) | | | | | |"]),
        row("read: `iter_corpus` of the imported folder, nothing else", read, ""),
        row("floor: read + `re.findall(r'\\w+', text.lower())`", floor, ""),
        row("kit: read + `match_topics` (2 topics) + `score` (topic_frames) + `by_outlet`", kit,
            f"selected {kit['selected']}; `by_outlet` on {kit['articles']:,} rows x "
            f"{kit['estimates'] // max(kit['outlets'], 1)} frames: {kit['by_outlet_s']:.0f} s"),
    ]  # fmt: skip
    print("\n".join(lines))


if __name__ == "__main__":
    main()
