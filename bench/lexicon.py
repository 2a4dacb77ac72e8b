"""Benchmark: dictionary scoring speed and memory on all AllSides articles (run by hand).

    .venv/bin/python bench/lexicon.py [--docs N] [--peer-docs N] [--repeats R]

Measures, in one run and in CPU seconds (``time.process_time``; the machine is shared):

- the floor: ``re.findall(r"\\w+", text.lower())`` over every text (each token list
  dropped once counted, as scoring does);
- the kit's tokenizer alone (``framing.text.tokenize``, same way), with the C extension
  and with its pure-Python regex;
- ``framing.lexicon.score`` (all categories, MWEs and ``n_tokens``; ``cache=False``)
  with each built-in lexicon and with the Moral Foundations Dictionary 2.0
  (``mfd2.0.dic``), with the C extension (``framing._speedups``) and without it;
- the peer: the ``liwc`` package (``liwc.load_token_parser``) with the same ``.dic``,
  counting categories over ``\\w+`` tokens (its usual pipeline), on the first
  ``--peer-docs`` articles, beside ``score`` on the same articles;
- peak RSS of ``score`` streaming N, 2N and 4N articles from the gzip file in chunks
  (each in a fresh process), to show memory stays flat as the corpus grows.

Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
ARTICLES = DATA / "allsides" / "articles.jsonl.gz"
MFD = DATA / "lexicons" / "mfd2.0.dic"


def read_texts(n=None):
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["content_original"] or "" for line in islice(fh, n)]


def cpu(fn, repeats):
    best = float("inf")
    result = None
    for _ in range(repeats):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


@contextlib.contextmanager
def pure_python():
    """Run the kit's pure-Python tokenizer and matcher (as without the C extension).

    Timings are best of several repeats, so both paths are measured with the matchers'
    token memos warm."""
    from framing.text import use_speedups

    with use_speedups(False):
        yield


def memory_child(n: int, chunksize: int) -> None:
    """Score the first n articles streamed from disk; print peak RSS in MiB."""
    sys.path.insert(0, str(ROOT))
    from framing.lexicon import load_lexicon, score

    def stream():
        with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
            for line in islice(fh, n):
                yield json.loads(line)["content_original"] or ""

    lex = load_lexicon("topic_frames")
    out = score(stream(), lex, chunksize=chunksize)
    assert len(out) == n
    # VmHWM (peak RSS of this address space); ru_maxrss would carry the parent's peak
    # across fork/exec
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print(int(line.split()[1]) / 1024)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024**2
    except OSError:
        mem = float("nan")
    import os

    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=None, help="articles (default: all)")
    ap.add_argument("--peer-docs", type=int, default=5000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--chunksize", type=int, default=2000)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.chunksize)
        return
    if not ARTICLES.exists():
        sys.exit(f"AllSides articles not found at {ARTICLES}")
    sys.path.insert(0, str(ROOT))
    import liwc

    from framing.lexicon import list_lexicons, load_lexicon, score
    from framing.text import tokenize

    # memory first, while this process is small
    mem = []
    base = max(1000, (args.docs or 37_554) // 8)
    for n in (base, 2 * base, 4 * base):
        res = subprocess.run(
            [
                sys.executable,
                __file__,
                "--memory-child",
                str(n),
                "--chunksize",
                str(args.chunksize),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        mem.append((n, float(res.stdout.strip().splitlines()[-1])))

    texts = read_texts(args.docs)
    lexicons = {name: load_lexicon(name) for name in list_lexicons()}
    lexicons["mfd2.0.dic"] = load_lexicon(MFD)
    word = re.compile(r"\w+").findall

    rows = []
    floor_t, floor_tokens = cpu(lambda: sum(len(word(t.lower())) for t in texts), args.repeats)
    rows.append(("floor: `re.findall(r'\\w+', text.lower())`", floor_t, floor_tokens))
    tok_t, n_tokens = cpu(lambda: sum(map(len, map(tokenize, texts))), args.repeats)
    rows.append(("kit tokenizer only (`tokenize`), C extension", tok_t, n_tokens))
    with pure_python():
        t, n = cpu(lambda: sum(map(len, map(tokenize, texts))), args.repeats)
    assert n == n_tokens
    rows.append(("kit tokenizer only (`tokenize`), pure Python", t, n_tokens))
    for name, lex in lexicons.items():
        n_terms = sum(len(c.terms) for c in lex.categories.values())
        label = f"`score`, {name} ({len(lex.categories)} categories, {n_terms:,} terms)"
        t, out = cpu(lambda lex=lex: score(texts, lex, cache=False), args.repeats)
        assert int(out["n_tokens"].sum()) == n_tokens
        rows.append((label, t, n_tokens))
        with pure_python():
            t, slow = cpu(lambda lex=lex: score(texts, lex, cache=False), args.repeats)
        assert slow.equals(out), f"{name}: pure-Python scores differ from the C path"
        rows.append((label + ", pure Python", t, n_tokens))

    # the peer, on a subset, beside score on the same subset
    sub = texts[: args.peer_docs]
    parse, names = liwc.load_token_parser(str(MFD))

    def peer():
        out = []
        for text in sub:
            out.append(Counter(c for tok in word(text.lower()) for c in parse(tok)))
        return out

    peer_t, _ = cpu(peer, 1)
    ours_sub_t, _ = cpu(lambda: score(sub, lexicons["mfd2.0.dic"], cache=False), args.repeats)
    with pure_python():
        pure_sub_t, _ = cpu(lambda: score(sub, lexicons["mfd2.0.dic"], cache=False), args.repeats)
    floor_sub_t, _ = cpu(lambda: sum(len(word(t.lower())) for t in sub), args.repeats)

    lines = [
        "## Lexicon scoring: `framing.lexicon.score` vs a bare regex pass and the `liwc` package",
        "",
        f"- Machine: {machine()}; shared with other jobs, so CPU times "
        "(`time.process_time`, best of "
        f"{args.repeats}) are reported.",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `.venv/bin/python bench/lexicon.py`",
        f"- Data: `../shared/data/allsides/articles.jsonl.gz`, {len(texts):,} articles, "
        f"`content_original`; {n_tokens:,} kit tokens.",
        "",
        "| pipeline | CPU s | tokens/s | x floor |",
        "|---|---|---|---|",
    ]
    for label, t, n in rows:
        lines.append(f"| {label} | {t:.2f} | {n / t / 1e6:.2f} M | {t / floor_t:.2f} |")
    lines += [
        "",
        f"Peer, on the first {len(sub):,} articles with `mfd2.0.dic` (liwc gets `\\w+` tokens; "
        "it cannot match multiword expressions and keeps one line per repeated term):",
        "",
        "| pipeline | CPU s | x floor |",
        "|---|---|---|",
        f"| floor (`\\w+`) | {floor_sub_t:.2f} | 1.00 |",
        f"| `score`, mfd2.0.dic | {ours_sub_t:.2f} | {ours_sub_t / floor_sub_t:.2f} |",
        f"| `score`, mfd2.0.dic, pure Python | {pure_sub_t:.2f} | {pure_sub_t / floor_sub_t:.2f} |",
        f"| `liwc.load_token_parser` + Counter | {peer_t:.2f} | {peer_t / floor_sub_t:.2f} |",
        f"| **speed-up over liwc** | **{peer_t / ours_sub_t:.1f}x** "
        f"(pure Python: {peer_t / pure_sub_t:.1f}x) | |",
        "",
        f"Peak RSS of `score` streaming articles from the gzip file (topic_frames, chunksize "
        f"{args.chunksize}, fresh process each):",
        "",
        "| articles | peak RSS MiB |",
        "|---|---|",
        *(f"| {n:,} | {rss:.0f} |" for n, rss in mem),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
