"""Key words in context, lexicon diagnostics and the scikit-learn transformer (private;
public via :mod:`framing.lexicon`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing import _tokens
from framing._patterns import Matcher, check_pattern, pattern_words
from framing._shared.checks import require_columns
from framing.lexicon._score import as_lexicon, iter_chunks, matcher_for, score, term_counts

__all__ = ["kwic", "diagnose", "LexiconScorer"]

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
    lex = as_lexicon(lexicon) if lexicon is not None else None
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
    lex = as_lexicon(lexicon)
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


_SUFFIX = {"per_1k": "_per_1k", "count": "", "any": "_any"}


class LexiconScorer(TransformerMixin, BaseEstimator):
    """Dictionary scores as a scikit-learn transformer over texts.

    Parameters
    ----------
    lexicon : Lexicon, str or pathlib.Path, default "news_frames"
        A lexicon, a built-in name or a dictionary file (loaded in :meth:`fit`).
    output : {"per_1k", "count", "any"}, default "per_1k"
        Which of :func:`framing.lexicon.score`'s columns to return per category.
    case_sensitive : bool, default False

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    categories_ : list of str
        Category names, in output order.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> LexiconScorer(lex, output="count").fit_transform(["Peace talks and a ceasefire."])
    array([[2.]])
    """

    def __init__(self, lexicon="news_frames", *, output="per_1k", case_sensitive=False):
        self.lexicon = lexicon
        self.output = output
        self.case_sensitive = case_sensitive

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # input is raw text, not a numeric matrix
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags

    def fit(self, X=None, y=None):
        """Load and check the lexicon (X and y are ignored). Returns self."""
        if self.output not in _SUFFIX:
            raise ValueError(
                f"LexiconScorer: output must be one of {sorted(_SUFFIX)}, got {self.output!r}."
            )
        self.lexicon_ = as_lexicon(self.lexicon)
        self.categories_ = self.lexicon_.category_names
        return self

    def transform(self, X):
        """Score texts: a list/array/Series of texts or a DataFrame with ``text``.

        Returns an array of shape (n_texts, n_categories), floats.
        """
        check_is_fitted(self, "lexicon_")
        if isinstance(X, pd.DataFrame):
            require_columns(X, ["text"], where="LexiconScorer.transform")
            texts = X["text"].tolist()
        elif isinstance(X, str):
            raise TypeError("LexiconScorer.transform: got one string; pass a list of texts.")
        else:
            texts = list(X.tolist() if hasattr(X, "tolist") else X)
        df = score(texts, self.lexicon_, case_sensitive=self.case_sensitive)
        return df[list(self.get_feature_names_out())].to_numpy(dtype=float)

    def get_feature_names_out(self, input_features=None):
        """Output column names: ``<category><suffix>`` (suffix from ``output``)."""
        check_is_fitted(self, "lexicon_")
        suffix = _SUFFIX[self.output]
        return np.asarray([f"{c}{suffix}" for c in self.categories_], dtype=object)


# framing.lexicon is the public home of LexiconScorer
# (reprs, docs and saved models, which skops stores by dotted name).
LexiconScorer.__module__ = "framing.lexicon"
