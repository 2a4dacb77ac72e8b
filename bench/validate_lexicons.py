"""Draw reproducible KWIC samples of the built-in lexicons on real news, and score them.

Validation of ``framing/lexicon/builtin/*.yaml`` on AllSides (Baly et al. 2020), restricted to
foreign-policy-relevant AllSides topic tags (``FP_TAGS`` below). For every category the
script finds every match in title + text, then draws ``--per-category`` hits with a fixed
seed, at most one hit per article and at most ``--per-outlet`` hits per outlet, so the
sample spreads across outlets.

Two steps::

    # 1. draw a sample: prints each hit in context and writes a CSV of ids with an
    #    empty `relevant` column to fill in by hand (no article text is stored)
    .venv/bin/python bench/validate_lexicons.py sample --seed 1 --round 1 --out /tmp/r1.csv
    # 2. score a judged file (precision and Wilson 95% CI per category and round)
    .venv/bin/python bench/validate_lexicons.py score framing/lexicon/builtin/validation_judgments.csv

Matching uses the kit's engine (``framing.lexicon.kwic``, so the sampled lines are
exactly the matches ``score`` counts) when it is importable; otherwise a small regex
matcher defined here (documented in VALIDATION.md): case-insensitive,
token boundaries are any character other than a letter, digit, underscore, hyphen or
apostrophe, ``*`` matches any run of word characters, ``?`` one, and the words of a
multiword expression are separated by whitespace.

Snippets keep at most ``CONTEXT_WORDS`` words on each side of the match (short KWIC only,
for research validation); no article text beyond that is written.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
import yaml
from _common import ALLSIDES, wilson  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
DATA = ALLSIDES
LEXICONS = ["news_frames", "topic_frames"]
CONTEXT_WORDS = 8
FP_TAGS = [
    "russia", "china", "trade", "foreign_policy", "national_security", "middle_east",
    "world", "north_korea", "us_military", "defense", "national_defense",
    "state_department", "isis", "europe", "asia", "israel", "palestine",
    "nuclear_weapons", "south_korea", "africa", "mexico", "terrorism", "cia",
]  # fmt: skip
# The judgments file keeps ids and judgments only: the publishers' text stays in
# ../shared/data. `sample` prints each hit's context for the coder; re-running it with
# the same seed and round shows the same hits again.
FIELDS = [
    "round", "seed", "lexicon", "category", "doc_id", "outlet", "term", "match",
    "relevant", "note",
]  # fmt: skip

_WORD = r"[\w'\-]"


def _term_regex(term: str) -> str:
    """Regex of one lexicon pattern (fallback matcher)."""
    words = []
    for word in term.lower().split():
        parts = []
        for ch in word:
            if ch == "*":
                parts.append(r"[\w'\-]*")
            elif ch == "?":
                parts.append(r"\w")
            else:
                parts.append(re.escape(ch))
        words.append("".join(parts))
    return rf"(?<!{_WORD})" + r"\s+".join(words) + rf"(?!{_WORD})"


def load_categories(name: str) -> dict[str, list[str]]:
    """Return {category: terms} of a built-in lexicon (flat lexicons only)."""
    data = yaml.safe_load((ROOT / "framing" / "lexicons" / f"{name}.yaml").read_text("utf-8"))
    return {cat: spec["terms"] for cat, spec in data["categories"].items()}


def load_articles() -> pd.DataFrame:
    """AllSides articles with foreign-policy tags: doc_id, outlet, topic, text."""
    if not DATA.exists():
        sys.exit(f"AllSides data not found at {DATA}")
    df = pd.read_json(DATA, lines=True)
    df = df[df["topic"].isin(FP_TAGS)].copy()
    df["text"] = df["title"].fillna("") + "\n\n" + df["content_original"].fillna("")
    return df.rename(columns={"ID": "doc_id", "source": "outlet"})[
        ["doc_id", "outlet", "topic", "text"]
    ]


def _snippet(text: str, start: int, end: int) -> tuple[str, str]:
    left = " ".join(text[:start].split()[-CONTEXT_WORDS:])
    right = " ".join(text[end:].split()[:CONTEXT_WORDS])
    return left, right


def find_hits(articles: pd.DataFrame, lexicon: str, category: str, terms: list[str]) -> list[dict]:
    """Every counted match of a category: the engine's ``kwic`` when available."""
    try:
        from framing.lexicon import kwic, load_lexicon
    except ImportError:  # engine absent: the documented regex fallback
        return _find_hits_regex(articles, terms)
    lines = kwic(articles, category, lexicon=load_lexicon(lexicon), window=CONTEXT_WORDS)
    return lines[["doc_id", "outlet", "term", "match", "left", "right"]].to_dict("records")


def _find_hits_regex(articles: pd.DataFrame, terms: list[str]) -> list[dict]:
    """Every match of ``terms`` (fallback matcher; longest pattern wins at a position)."""
    ordered = sorted(terms, key=lambda t: -len(t))
    rx = re.compile("|".join(f"(?P<t{i}>{_term_regex(t)})" for i, t in enumerate(ordered)), re.I)
    hits = []
    for doc_id, outlet, text in articles[["doc_id", "outlet", "text"]].itertuples(index=False):
        for m in rx.finditer(text):
            term = ordered[int(m.lastgroup[1:])]
            left, right = _snippet(text, m.start(), m.end())
            hits.append(
                {
                    "doc_id": doc_id,
                    "outlet": outlet,
                    "term": term,
                    "match": " ".join(m.group(0).split()),
                    "left": left,
                    "right": right,
                }
            )
    return hits


def draw(hits: list[dict], n: int, per_outlet: int, seed: int) -> list[dict]:
    """Random hits, one per article, at most ``per_outlet`` per outlet."""
    rng = random.Random(seed)
    pool = list(hits)
    rng.shuffle(pool)
    seen_docs, per = set(), defaultdict(int)
    out = []
    for h in pool:
        if h["doc_id"] in seen_docs or per[h["outlet"]] >= per_outlet:
            continue
        seen_docs.add(h["doc_id"])
        per[h["outlet"]] += 1
        out.append(h)
        if len(out) == n:
            break
    return out


def cmd_sample(args) -> None:
    articles = load_articles()
    print(f"{len(articles)} articles with tags {', '.join(FP_TAGS)}", file=sys.stderr)
    rows = []
    for lex in args.lexicons:
        for cat, terms in load_categories(lex).items():
            if args.categories and cat not in args.categories:
                continue
            hits = find_hits(articles, lex, cat, terms)
            sample = draw(hits, args.per_category, args.per_outlet, args.seed)
            print(f"{lex}.{cat}: {len(hits)} hits, sampled {len(sample)}", file=sys.stderr)
            for h in sample:
                print(f"{len(rows)} {lex}.{cat}: {h['left']} [{h['match']}] {h['right']}")
                rows.append(
                    {"round": args.round, "seed": args.seed, "lexicon": lex, "category": cat}
                    | h
                    | {"relevant": "", "note": ""}
                )
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def cmd_score(args) -> None:
    df = pd.read_csv(args.judgments, dtype={"relevant": "Int64"})
    df = df.dropna(subset=["relevant"])
    print("| lexicon | category | round | n | relevant | precision | 95% CI (Wilson) |")
    print("|---|---|---:|---:|---:|---:|---|")
    for (lex, cat, rnd), g in df.groupby(["lexicon", "category", "round"], sort=False):
        n, k = len(g), int(g["relevant"].sum())
        lo, hi = wilson(k, n)
        print(f"| {lex} | {cat} | {rnd} | {n} | {k} | {k / n:.2f} | {lo:.2f}-{hi:.2f} |")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample", help="draw a KWIC sample to judge")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--per-category", type=int, default=25)
    p.add_argument("--per-outlet", type=int, default=3)
    p.add_argument("--lexicons", nargs="+", default=LEXICONS)
    p.add_argument("--categories", nargs="*", default=None, help="only these categories")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_sample)
    s = sub.add_parser("score", help="precision with Wilson CIs from a judged CSV")
    s.add_argument("judgments")
    s.set_defaults(func=cmd_score)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
