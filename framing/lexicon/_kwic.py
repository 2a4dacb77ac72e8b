"""Key words in context: every match of a pattern or a lexicon category, with its surroundings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing import _tokens
from framing._patterns import Matcher, check_pattern
from framing._shared.checks import require_columns
from framing.lexicon._io import load_lexicon
from framing.lexicon._score import iter_chunks, matcher_for

__all__ = ["kwic"]


_KWIC_COLUMNS = ["doc_id", "outlet", "date", "left", "match", "right", "term"]


def _kwic_doc(matcher: Matcher, cid: int, text, window: int, case_sensitive: bool):
    if not isinstance(text, str):
        return []
    norm = _tokens.normalise(text)
    low = norm if case_sensitive else norm.lower()
    spans = [m.span() for m in _tokens.TOKEN_RE.finditer(low)]
    toks = [low[a:b] for a, b in spans]
    shown = [norm[a:b] for a, b in spans] if len(low) == len(norm) else toks
    out = []
    for c, i, n, pattern in matcher.matches(toks):
        if c == cid:
            left = " ".join(shown[max(0, i - window) : i])
            right = " ".join(shown[i + n : i + n + window])
            out.append((left, " ".join(shown[i : i + n]), right, pattern))
    return out


def kwic(
    corpus: pd.DataFrame,
    pattern_or_category,
    *,
    lexicon=None,
    window: int = 5,
    n_per_outlet: int | None = None,
    seed: int = 0,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Key words in context: every match of a pattern or a lexicon category.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text``; ``outlet`` and ``date`` are
        copied when present.
    pattern_or_category : str or list of str
        A category of ``lexicon``, or a pattern (word, glob, multiword expression).
        A list gives the lines of each in turn, with a ``category`` column naming it
        (e.g. evidence for several frames in one table; ``n_per_outlet`` applies to
        each).
    lexicon : Lexicon, str or pathlib.Path, optional
        Where to look up a category name. Counting rules are those of
        :func:`framing.lexicon.score`, so the lines are exactly the counted matches.
    window : int, default 5
        Tokens shown on each side (original case and spelling of the tokens).
    n_per_outlet : int, optional
        Keep a random sample of at most this many lines per outlet.
    seed : int, default 0
        Seed of the sample; the same seed gives the same lines.
    case_sensitive : bool, default False

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``outlet``, ``date``, ``left``, ``match``, ``right``, ``term`` (the
        pattern that matched), in corpus order; with a list, ``category`` first and
        the lines of each item in list order.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Both sides clashed over the Indo-Pacific plan."]})
    >>> kwic(df, "clash*", window=2)[["left", "match", "right"]]
             left    match     right
    0  Both sides  clashed  over the
    """
    require_columns(corpus, ["doc_id", "text"], where="kwic")
    if not isinstance(pattern_or_category, str):
        opts = dict(lexicon=lexicon, window=window, n_per_outlet=n_per_outlet, seed=seed,
                    case_sensitive=case_sensitive)  # fmt: skip
        names = [str(item) for item in pattern_or_category]
        parts = [kwic(corpus, item, **opts).assign(category=n) for item, n in zip(pattern_or_category, names, strict=True)]  # fmt: skip
        kept = [part for part in parts if len(part)] or parts[:1]  # empty parts would spoil dtypes
        if not kept:
            return pd.DataFrame(columns=["category", *_KWIC_COLUMNS])
        out = pd.concat(kept, ignore_index=True)
        return out[["category", *_KWIC_COLUMNS]]
    if window < 0:
        raise ValueError(f"kwic: window must be >= 0, got {window}.")
    lex = load_lexicon(lexicon) if lexicon is not None else None
    if lex is not None and pattern_or_category in lex.categories:
        matcher, cid = (
            matcher_for(lex, case_sensitive),
            lex.category_names.index(pattern_or_category),
        )
    else:
        check_pattern(pattern_or_category)
        matcher, cid = (
            Matcher([("pattern", [pattern_or_category])], case_sensitive=case_sensitive),
            0,
        )
    rows = []
    for ids, texts, part in iter_chunks(corpus, 2000, where="kwic"):
        outlets = part["outlet"].tolist() if "outlet" in part else [None] * len(ids)
        dates = part["date"].tolist() if "date" in part else [pd.NaT] * len(ids)
        prepared = [
            _tokens.prepare(t, not case_sensitive) if isinstance(t, str) else "" for t in texts
        ]
        _, counts = matcher.count_texts(prepared)  # which documents have a match at all
        for d in np.flatnonzero(counts[:, cid]):
            for left, match, right, term in _kwic_doc(
                matcher, cid, texts[d], window, case_sensitive
            ):
                rows.append((ids[d], outlets[d], dates[d], left, match, right, term))
    out = pd.DataFrame(rows, columns=_KWIC_COLUMNS)
    if n_per_outlet is not None and len(out):
        rng = np.random.default_rng(seed)
        keep = []
        groups = out.groupby(out["outlet"].astype(str), sort=True).indices
        for name in sorted(groups):
            idx = groups[name]
            if len(idx) > n_per_outlet:
                idx = np.sort(rng.choice(idx, size=n_per_outlet, replace=False))
            keep.extend(idx.tolist())
        out = out.iloc[sorted(keep)].reset_index(drop=True)
    return out
