"""File-level lexicon tasks behind the ``framing lexicon`` and ``framing kwic`` commands
(private): each loads its inputs, calls the library, and writes or formats the result."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from framing._shared.atomic import atomic_path, table_format, write_table
from framing.lexicon._io import list_lexicons, load_lexicon
from framing.lexicon._kwic import kwic
from framing.lexicon._score import score

__all__ = ["format_lexicon_list", "format_lexicon_info", "score_file", "kwic_file"]


def format_lexicon_list() -> str:
    """One line per built-in lexicon: name, version, number of categories."""
    lines = []
    for name in list_lexicons():
        lex = load_lexicon(name)
        lines.append(f"{name:<20} {lex.version:<8} {len(lex.categories):>3} categories")
    return "\n".join(lines)


def format_lexicon_info(source) -> str:
    """A readable summary of a lexicon: metadata, sources and per-category term counts."""
    lex = load_lexicon(source)
    wrap = textwrap.TextWrapper(width=88, initial_indent="  ", subsequent_indent="  ")
    out = [
        f"{lex.name} {lex.version}".rstrip() + f" ({lex.language})",
        f"file: {lex.path}" if lex.path else "",
        f"content hash: {lex.content_hash[:16]}",
    ]
    if lex.description:
        out += ["description:", wrap.fill(lex.description)]
    if lex.sources:
        out += ["sources:"] + [wrap.fill(s) for s in lex.sources]
    rows = []
    for name in lex.category_names:
        cat = lex.categories[name]
        pats = lex.patterns(name)
        rows.append(
            {
                "category": name,
                "terms": len(pats),
                "globs": sum(("*" in p or "?" in p) for p in pats),
                "multiword": sum(" " in p for p in pats),
                "definition": textwrap.shorten(cat.definition or "(group)", 50),
            }
        )
    out += ["", pd.DataFrame(rows).to_string(index=False)]
    return "\n".join(line for line in out if line is not None)


def score_file(corpus, lexicon, *, out, chunksize: int = 50_000) -> str:
    """Score a corpus file or folder chunk by chunk and write one CSV (bounded memory).

    Returns a one-line summary.
    """
    from framing.corpus import iter_corpus

    lex = load_lexicon(lexicon)
    out = Path(out)
    table_format(out, where="score_file", allowed=(".csv",))
    n = 0
    with atomic_path(out) as tmp:  # chunks appended to a temporary file, then moved
        for part in iter_corpus(corpus, chunksize=chunksize):
            table = score(part.articles, lex)
            table.to_csv(tmp, mode="w" if n == 0 else "a", header=n == 0, index=False)
            n += len(table)
        if n == 0:
            score([], lex).to_csv(tmp, index=False)
    return f"scored {n} articles with {lex.name} {lex.version} -> {out}"


def kwic_file(corpus, pattern, *, lexicon=None, window=5, per_outlet=None, seed=0, out=None):
    """Key words in context of a corpus file or folder; writes CSV when ``out`` is given.

    Returns the table (all columns) or, with ``out``, a one-line summary.
    """
    from framing.corpus import load_corpus

    table = kwic(
        load_corpus(corpus),
        pattern,
        lexicon=lexicon,
        window=window,
        n_per_outlet=per_outlet,
        seed=seed,
    )
    if out is not None:
        write_table(table, out, where="kwic_file", allowed=(".csv",))
        return f"wrote {len(table)} lines to {out}"
    if table.empty:
        return f"no match for {pattern!r}"
    return table
