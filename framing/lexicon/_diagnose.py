"""Lexicon diagnostics: which terms carry each category on a corpus, and which never match."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._patterns import pattern_words
from framing.lexicon._io import load_lexicon
from framing.lexicon._score import term_counts

__all__ = ["diagnose"]


def diagnose(
    lexicon,
    corpus_or_texts,
    *,
    dominance: float = 0.3,
    glob_words: int = 10,
    case_sensitive: bool = False,
) -> dict[str, pd.DataFrame]:
    """Check a lexicon against a corpus: dead, dominant, shared and over-broad terms.

    Parameters
    ----------
    lexicon : Lexicon, str or pathlib.Path
    corpus_or_texts
        As in :func:`framing.lexicon.score`.
    dominance : float, default 0.3
        A term dominates its category when its share of the category's hits is above
        this.
    glob_words : int, default 10
        A glob is flagged ``broad`` when it matches more distinct words than this.
    case_sensitive : bool, default False

    Returns
    -------
    dict of str to pandas.DataFrame
        ``unmatched``: ``category``, ``term`` (terms that never match);
        ``dominant``: ``category``, ``term``, ``hits``, ``category_hits``, ``share``;
        ``overlaps``: ``term``, ``categories`` (``"; "``-joined), ``n_categories``
        (terms listed in more than one category);
        ``globs``: ``category``, ``term``, ``n_words``, ``hits``, ``broad``, ``words``
        (every glob with the distinct words it matched, most frequent first, e.g.
        ``war*`` -> ``war (40), warn (7), warsaw (2)``).
        Groups are left out (they share their children's terms by design).

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"conflict": ["war*", "feud"]}, name="mini")
    >>> d = diagnose(lex, ["War, warnings and a warrant in Warsaw."])
    >>> d["unmatched"]["term"].tolist()
    ['feud']
    >>> d["globs"][["term", "n_words", "words"]].to_dict("records")
    [{'term': 'war*', 'n_words': 4, 'words': 'war (1), warnings (1), warrant (1), warsaw (1)'}]
    """
    lex = load_lexicon(lexicon)
    leaves = [c for c in lex.categories.values() if not c.is_group]
    leaf_names = {c.name for c in leaves}
    tc = term_counts(corpus_or_texts, lex, case_sensitive=case_sensitive)
    tc = tc[tc["category"].isin(leaf_names)]
    hits = tc.groupby(["category", "term"])["count"].sum()
    cat_hits = tc.groupby("category")["count"].sum()

    unmatched = [(c.name, t) for c in leaves for t in c.terms if (c.name, t) not in hits.index]
    dominant = [
        (c, t, int(h), int(cat_hits[c]), h / cat_hits[c])
        for (c, t), h in hits.items()
        if cat_hits[c] > 0 and h / cat_hits[c] > dominance
    ]
    where: dict[str, list[str]] = {}
    for c in leaves:
        for t in c.terms:
            where.setdefault(t, []).append(c.name)
    overlaps = [(t, "; ".join(cs), len(cs)) for t, cs in where.items() if len(cs) > 1]

    globs = []
    by_word = tc.groupby(["category", "term", "match"])["count"].sum()
    for c in leaves:
        for t in c.terms:
            words = pattern_words(t, case_sensitive=case_sensitive)
            if len(words) != 1 or not any(ch in t for ch in "*?"):
                continue
            try:
                matched = by_word.loc[(c.name, t)].sort_values(ascending=False, kind="stable")
            except KeyError:
                matched = pd.Series(dtype=np.int64)
            listing = ", ".join(f"{w} ({int(k)})" for w, k in matched.items())
            n = len(matched)
            globs.append((c.name, t, n, int(matched.sum()), n > glob_words, listing))
    return {
        "unmatched": pd.DataFrame(unmatched, columns=["category", "term"]),
        "dominant": pd.DataFrame(
            dominant, columns=["category", "term", "hits", "category_hits", "share"]
        ),
        "overlaps": pd.DataFrame(overlaps, columns=["term", "categories", "n_categories"]),
        "globs": pd.DataFrame(
            globs, columns=["category", "term", "n_words", "hits", "broad", "words"]
        )
        .sort_values("n_words", ascending=False, kind="stable")
        .reset_index(drop=True),
    }
