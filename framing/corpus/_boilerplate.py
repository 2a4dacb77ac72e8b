"""Outlet boilerplate: lines an outlet repeats across many articles (captions, footers).

Scraped news carries page furniture - photo captions ("Enlarge this image toggle
caption ..."), newsletter and app prompts, copyright footers, "The Associated Press
contributed to this report." - that dominates keyness and lets a classifier learn an
outlet's template instead of its framing. :func:`find_boilerplate` lists, per outlet,
the short lines (paragraphs) found in many of its articles; :func:`remove_boilerplate`
returns a copy of the articles without them and says what it removed. The corpus on
disk is never changed, so the step is reversible: skip it to get the texts back.

A line counts after normalisation (lower case, spaces folded, every number as ``0``), so
"Slideshow (2 images)" and "Slideshow (12 images)" are one line; a short line (at most
``template_words`` words) also counts by its first four words, so "Enlarge this image
toggle caption <photographer>" is one template whatever the credit.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

from framing._shared.checks import require_columns

__all__ = ["find_boilerplate", "remove_boilerplate"]

_DIGITS = re.compile(r"\d+")
_BOILERPLATE_COLUMNS = ["outlet", "line", "kind", "n_articles", "share"]


def _key(line: str) -> str:
    return _DIGITS.sub("0", " ".join(line.split()).casefold())


def _keys(line: str, template_words: int) -> tuple[str, str | None]:
    key = _key(line)
    words = key.split()
    template = " ".join(words[:4]) + " ..." if 4 < len(words) <= template_words else None
    return key, template


def find_boilerplate(
    articles: pd.DataFrame,
    *,
    min_articles: int = 5,
    min_share: float = 0.02,
    max_chars: int = 200,
    template_words: int = 12,
) -> pd.DataFrame:
    """Lines an outlet repeats in many of its articles.

    Parameters
    ----------
    articles : pandas.DataFrame or iterable of pandas.DataFrame
        ``outlet`` and ``text`` (lines are split on line breaks); or the chunks of a
        corpus (e.g. ``res.articles`` of :func:`~framing.corpus.iter_corpus`), counted
        as one table, so memory grows with the distinct short lines, not the texts.
    min_articles : int, default 5
        A line is boilerplate when at least this many of an outlet's articles hold it...
    min_share : float, default 0.02
        ... and at least this share of them.
    max_chars : int, default 200
        Longer lines are never boilerplate (they are content, even when reprinted).
    template_words : int, default 12
        Lines of at most this many words also count by their first four words.

    Returns
    -------
    pandas.DataFrame
        ``outlet, line, kind, n_articles, share``: the normalised line (or template,
        ending ``...``), ``kind`` ``"line"`` or ``"template"``, and in how many (and
        what share) of the outlet's articles it occurs; most frequent first.

    Examples
    --------
    >>> topics = ["talks", "tariffs", "sanctions", "a summit", "a truce", "elections"]
    >>> texts = [f"A story about {t}.\\nClick here to get the app" for t in topics]
    >>> found = find_boilerplate(pd.DataFrame({"outlet": "A", "text": texts}))
    >>> found[["line", "kind", "n_articles"]]
                            line      kind  n_articles
    0  click here to get the app      line           6
    1      click here to get ...  template           6
    """
    chunks = [articles] if isinstance(articles, pd.DataFrame) else articles
    n_texts: Counter = Counter()
    lines: dict = defaultdict(Counter)
    templates: dict = defaultdict(Counter)
    for chunk in chunks:
        require_columns(chunk, ["outlet", "text"], where="find_boilerplate")
        for outlet, text in zip(chunk["outlet"], chunk["text"], strict=True):
            keys, temps = set(), set()
            for line in str(text).split("\n"):
                if 0 < len(line.strip()) <= max_chars:
                    key, template = _keys(line, template_words)
                    keys.add(key)
                    if template:
                        temps.add(template)
            n_texts[outlet] += 1
            lines[outlet].update(keys)
            templates[outlet].update(temps)
    rows = []
    for outlet in sorted(n_texts, key=str):
        n = n_texts[outlet]
        need = max(min_articles, min_share * n)
        for kind, counts in (("line", lines[outlet]), ("template", templates[outlet])):
            for line, k in counts.items():
                if k >= need:
                    rows.append((outlet, line, kind, k, k / n))
    out = pd.DataFrame(rows, columns=_BOILERPLATE_COLUMNS)
    out = out.sort_values(
        ["n_articles", "outlet", "kind", "line"], ascending=[False, True, True, True]
    )
    return out.reset_index(drop=True)


def remove_boilerplate(
    articles: pd.DataFrame, boilerplate: pd.DataFrame | None = None, **options
) -> pd.DataFrame:
    """A copy of ``articles`` without each outlet's boilerplate lines.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``outlet`` and ``text``.
    boilerplate : pandas.DataFrame, optional
        From :func:`find_boilerplate` (e.g. found on the whole corpus and applied to a
        topic's articles); found on ``articles`` when omitted (``options`` go there).

    Returns
    -------
    pandas.DataFrame
        The articles with lines removed from ``text`` and a column
        ``n_boilerplate_lines``; ``attrs["boilerplate"]`` lists what was removed (the
        rows of the boilerplate table as dicts, with ``n_removed``: articles that lost
        the line here).

    Examples
    --------
    >>> topics = ["talks", "tariffs", "sanctions", "a summit", "a truce", "elections"]
    >>> texts = [f"A story about {t}.\\nClick here to get the app" for t in topics]
    >>> out = remove_boilerplate(pd.DataFrame({"outlet": "A", "text": texts}))
    >>> out["text"].iloc[0], int(out["n_boilerplate_lines"].sum())
    ('A story about talks.', 6)
    """
    require_columns(articles, ["outlet", "text"], where="remove_boilerplate")
    if boilerplate is None:
        boilerplate = find_boilerplate(articles, **options)
    template_words = options.get("template_words", 12)
    max_chars = options.get("max_chars", 200)
    lines = {(o, ln) for o, ln, k in boilerplate[["outlet", "line", "kind"]].itertuples(index=False)
             if k == "line"}  # fmt: skip
    templates = {(o, ln) for o, ln, k in boilerplate[["outlet", "line", "kind"]].itertuples(index=False)
                 if k == "template"}  # fmt: skip
    removed: Counter = Counter()
    texts, counts = [], []
    for outlet, text in zip(articles["outlet"], articles["text"], strict=True):
        kept, n = [], 0
        for line in str(text).split("\n"):
            if 0 < len(line.strip()) <= max_chars:
                key, template = _keys(line, template_words)
                hit = (outlet, key) if (outlet, key) in lines else None
                if hit is None and template is not None and (outlet, template) in templates:
                    hit = (outlet, template)
                if hit is not None:
                    removed[hit] += 1
                    n += 1
                    continue
            kept.append(line)
        texts.append("\n".join(kept).strip())
        counts.append(n)
    out = articles.copy()
    out["text"] = texts
    out["n_boilerplate_lines"] = counts
    report = boilerplate.copy()
    report["n_removed"] = [
        removed[(o, ln)] for o, ln in zip(report["outlet"], report["line"], strict=True)
    ]
    out.attrs = dict(articles.attrs) | {"boilerplate": report.to_dict("records")}
    return out
