"""Keyness of a corpus counted in pieces (the partitions of a corpus on a Dask cluster,
:func:`framing.distributed.partitioned_keyness`): per piece, :func:`partition_counts`
(every term's count and articles per side) and, for the terms kept by ``min_count``,
:func:`article_counts` (the per-article counts the article-level test needs); from
their sums, :func:`keyness_from_counts` runs the code path of :func:`keyness`, so the
table is the one ``keyness`` gives on all the articles at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from framing._shared.checks import require_columns
from framing.errors import CorpusError
from framing.keyness._keyness import (
    check_options,
    check_sides,
    check_totals,
    count_terms,
    keyness_table,
)

__all__ = [
    "ArticleCounts",
    "partition_counts",
    "sum_counts",
    "article_counts",
    "keyness_from_counts",
]

_COLUMNS = ["term", "n_target", "n_reference", "docs_target", "docs_reference"]


def _groups(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) or not isinstance(value, Sequence) else list(value)


def _compared(articles, target, reference, group, text, where):
    """Rows of the target and of the reference (``None``: every other non-missing group)."""
    require_columns(articles, [group, text], where=where,
                    hint="Map the text column with text='...'.")  # fmt: skip
    values = articles[group]
    targets, refs = _groups(target), _groups(reference)
    is_t = values.isin(targets).to_numpy()
    is_r = (values.notna() & ~values.isin(targets)).to_numpy() if refs is None else (
        values.isin(refs).to_numpy()
    )  # fmt: skip
    keep = is_t | is_r
    return values, is_t, keep


def partition_counts(
    articles: pd.DataFrame,
    *,
    target,
    reference=None,
    group: str = "outlet",
    ngram_range: tuple[int, int] = (1, 1),
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every term's count and articles per side in one piece of a corpus.

    Tokenised and counted exactly as :func:`keyness` does (the same code); groups
    absent from this piece are not an error (they are checked over all pieces by
    :func:`sum_counts`).

    Parameters
    ----------
    articles : pandas.DataFrame
        One piece of the corpus, with the columns ``group`` and ``text``.
    target, reference, group, ngram_range, text, tokenizer, stopwords
        As in :func:`keyness` (``reference=None``: every other non-missing group).

    Returns
    -------
    pandas.DataFrame
        ``term``, ``n_target``, ``n_reference`` (occurrences), ``docs_target``,
        ``docs_reference`` (articles using the term): every term of every n-gram
        length; ``attrs``: ``present`` (groups in the piece), ``n_docs_target``,
        ``n_docs_reference``, ``n_docs_empty`` (compared articles without tokens).

    Raises
    ------
    ColumnsError
        ``group`` or ``text`` is missing.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ["talks talks peace", "talks war", "war war tariffs"]})
    >>> partition_counts(df, target="A")
          term  n_target  n_reference  docs_target  docs_reference
    0    talks         3            0            2               0
    1    peace         1            0            1               0
    2      war         1            2            1               1
    3  tariffs         0            1            0               1
    """
    values, is_t, keep = _compared(articles, target, reference, group, text, "partition_counts")
    cnt = count_terms(articles.loc[keep, text].tolist(), is_t[keep], ngram_range=ngram_range,
                      tokenizer=tokenizer, stopwords=stopwords,
                      where="partition_counts")  # fmt: skip
    every = np.ones(len(cnt.y_t), dtype=bool)
    X = cnt.columns(every)
    per_term = np.diff(X.indptr)
    docs_t = np.zeros(len(per_term), dtype=np.int64)
    nonempty = per_term > 0
    if nonempty.any():
        docs_t[nonempty] = np.add.reduceat(
            cnt.in_t[X.indices].astype(np.int64), X.indptr[:-1][nonempty]
        )
    out = pd.DataFrame(
        {
            "term": cnt.names(every),
            "n_target": cnt.y_t.astype(np.int64),
            "n_reference": cnt.y_r.astype(np.int64),
            "docs_target": docs_t,
            "docs_reference": (per_term - docs_t).astype(np.int64),
        }
    )
    out.attrs.update(
        present=sorted(values.dropna().unique().tolist()),
        n_docs_target=cnt.n_docs[0],
        n_docs_reference=cnt.n_docs[1],
        n_docs_empty=cnt.n_docs[2],
    )
    return out


def sum_counts(
    parts: Sequence[pd.DataFrame], *, target, reference=None, group: str = "outlet"
) -> pd.DataFrame:
    """Add the :func:`partition_counts` of every piece of a corpus.

    Parameters
    ----------
    parts : sequence of pandas.DataFrame
        The pieces' tables, each with its ``attrs``.
    target, reference, group
        As given to :func:`partition_counts`; checked here against the groups present
        in all pieces, as :func:`keyness` checks them.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`partition_counts`, one row per term, sorted by term;
        ``attrs``: ``target``, ``reference`` (lists), ``n_docs_target``,
        ``n_docs_reference``, ``n_docs_empty``, ``n_tokens_target``,
        ``n_tokens_reference``.

    Raises
    ------
    CorpusError
        A target or reference group is in no piece, or the two overlap.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["A", "B"], "text": ["talks peace", "war"]})
    >>> b = pd.DataFrame({"outlet": ["A"], "text": ["talks"]})
    >>> parts = [partition_counts(p, target="A") for p in (a, b)]
    >>> sum_counts(parts, target="A")[["term", "n_target", "docs_target"]]
        term  n_target  docs_target
    0  peace         1            1
    1  talks         2            2
    2    war         0            0
    """
    present = sorted({g for p in parts for g in p.attrs["present"]})
    targets, refs = check_sides(target, reference, present, group, "keyness")
    tables = [p for p in parts if len(p)]
    if tables:
        table = pd.concat(tables, ignore_index=True)
        table = table.groupby("term", sort=True, as_index=False)[_COLUMNS[1:]].sum()
    else:
        table = pd.DataFrame({c: pd.Series(dtype=object if c == "term" else np.int64)
                              for c in _COLUMNS})  # fmt: skip
    table = table[_COLUMNS].astype({c: np.int64 for c in _COLUMNS[1:]})
    table.attrs.update(
        target=targets,
        reference=refs,
        n_docs_target=sum(p.attrs["n_docs_target"] for p in parts),
        n_docs_reference=sum(p.attrs["n_docs_reference"] for p in parts),
        n_docs_empty=sum(p.attrs["n_docs_empty"] for p in parts),
        n_tokens_target=int(table["n_target"].sum()),
        n_tokens_reference=int(table["n_reference"].sum()),
    )
    return table


class ArticleCounts(NamedTuple):
    """Per-article counts of chosen terms in the compared articles of a corpus (or of
    a piece of it): what the article-level tests of :func:`keyness` read.

    ``matrix`` (``scipy.sparse.csr_matrix``, compared articles x terms, rows in corpus
    order), ``n_tokens`` (each article's tokens after stopwords: the denominators of
    its rates), ``n_grams`` (its n-gram occurrences of every kept length: its total in
    the permutation test), ``in_target`` (bool per article).
    """

    matrix: sparse.csr_matrix
    n_tokens: np.ndarray
    n_grams: np.ndarray
    in_target: np.ndarray

    @classmethod
    def concat(cls, parts: Sequence[ArticleCounts]) -> ArticleCounts:
        """The pieces' counts stacked in order (one row per compared article)."""
        return cls(
            sparse.vstack([p.matrix for p in parts], format="csr"),
            np.concatenate([p.n_tokens for p in parts]),
            np.concatenate([p.n_grams for p in parts]),
            np.concatenate([p.in_target for p in parts]),
        )


def article_counts(
    articles: pd.DataFrame,
    terms,
    *,
    target,
    reference=None,
    group: str = "outlet",
    ngram_range: tuple[int, int] = (1, 1),
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
) -> ArticleCounts:
    """Each compared article's counts of the given ``terms`` in one piece of a corpus.

    Memory is that of the non-zero counts of these terms only, which is why
    :func:`keyness_from_counts` asks for the terms kept by ``min_count`` (from the
    summed :func:`partition_counts`), not every term.

    Parameters
    ----------
    articles : pandas.DataFrame
        One piece of the corpus.
    terms : sequence of str
        The terms (distinct); column ``j`` of the matrix counts ``terms[j]``.
    target, reference, group, ngram_range, text, tokenizer, stopwords
        As in :func:`partition_counts`.

    Returns
    -------
    ArticleCounts
        One row per compared article of the piece, in order.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "C"],
    ...                    "text": ["talks talks peace", "talks war", "war war", None]})
    >>> a = article_counts(df, ["war", "talks"], target="A")
    >>> a.matrix.toarray().tolist(), a.n_tokens.tolist(), a.in_target.tolist()
    ([[0, 2], [1, 1], [2, 0], [0, 0]], [3, 2, 2, 0], [True, True, False, False])
    """
    _, is_t, keep = _compared(articles, target, reference, group, text, "article_counts")
    cnt = count_terms(articles.loc[keep, text].tolist(), is_t[keep], ngram_range=ngram_range,
                      tokenizer=tokenizer, stopwords=stopwords,
                      where="article_counts")  # fmt: skip
    wanted = pd.Index(np.asarray(terms, dtype=object))
    col = wanted.get_indexer(cnt.names(np.ones(len(cnt.y_t), dtype=bool)))
    sel = col >= 0
    X = cnt.columns(sel)  # this piece's term order: re-labelled to ``terms``' columns
    cols = np.repeat(col[sel], np.diff(X.indptr))
    matrix = sparse.csr_matrix(
        (X.data.astype(np.int64), (X.indices, cols)), shape=(X.shape[0], len(wanted))
    )
    return ArticleCounts(matrix, cnt.doc_tokens, np.asarray(cnt.doc_totals, dtype=np.int64),
                         cnt.in_t)  # fmt: skip


class _Summed:
    """Summed counts (and per-article counts of the kept terms) as :func:`keyness_table`
    reads them."""

    def __init__(self, counts: pd.DataFrame, articles: ArticleCounts | None, min_count: int):
        attrs = counts.attrs
        self.terms = counts["term"].to_numpy(dtype=object)
        self.y_t = counts["n_target"].to_numpy(dtype=float)
        self.y_r = counts["n_reference"].to_numpy(dtype=float)
        self.total_t, self.total_r = self.y_t.sum(), self.y_r.sum()
        self.targets, self.refs = attrs.get("target"), attrs.get("reference")
        self.n_docs = (attrs.get("n_docs_target"), attrs.get("n_docs_reference"),
                       attrs.get("n_docs_empty", 0))  # fmt: skip
        self.counts, self.articles, self.min_count = counts, articles, min_count
        if articles is not None:
            self.in_t = np.asarray(articles.in_target, dtype=bool)
            self.doc_tokens = np.asarray(articles.n_tokens)
            self.doc_totals = np.asarray(articles.n_grams)

    def names(self, sel):
        return self.terms[sel]

    def sort_keys(self, sel):
        rank = np.empty(int(sel.sum()), dtype=np.int64)
        rank[np.argsort(self.terms[sel], kind="stable")] = np.arange(len(rank))
        return [rank]

    def docs(self, sel):
        if not {"docs_target", "docs_reference"} <= set(self.counts.columns):
            return None
        return (self.counts["docs_target"].to_numpy()[sel],
                self.counts["docs_reference"].to_numpy()[sel])  # fmt: skip

    def columns(self, sel):
        if self.articles is None:
            raise CorpusError(
                "keyness_from_counts: this inference needs each compared article's counts of "
                f"the terms kept by min_count={self.min_count} (articles=, from "
                "article_counts); pass them, or use inference='tokens', which needs only "
                "the summed counts.",
                field="articles",
                value=None,
            )
        matrix = self.articles.matrix
        if matrix.shape[1] != int(sel.sum()) or matrix.shape[0] != len(self.in_t):
            raise CorpusError(
                f"keyness_from_counts: articles= has {matrix.shape[1]} term columns and "
                f"{matrix.shape[0]} rows, but min_count={self.min_count} keeps "
                f"{int(sel.sum())} terms of the counts ({len(self.in_t)} articles); count "
                "the terms the summed counts keep, in their order.",
                field="articles",
                value=matrix.shape,
            )
        X = sparse.csc_matrix(matrix, dtype=float)
        X.sort_indices()
        return X


def keyness_from_counts(
    counts: pd.DataFrame,
    articles: ArticleCounts | None = None,
    *,
    measure: str = "lr",
    min_count: int = 5,
    correction: str = "default",
    prior="pooled",
    prior_size: float | None = 1000.0,
    variance: str = "approx",
    sort: bool = True,
    inference: str = "articles",
    adjust: str | None = "bh",
    n_perm: int = 1000,
    seed: int | None = 0,
) -> pd.DataFrame:
    """The :func:`keyness` table from counts summed over the pieces of a corpus.

    The statistics, p-values (every ``inference``), adjustment and order are computed
    by the code of :func:`keyness`, so the table equals ``keyness(corpus, ...)`` on the
    articles the counts came from (tested on a Dask cluster). What this needs: for
    ``inference="tokens"`` only the summed counts (one row per term); for
    ``"articles"`` and ``"permutation"`` also each compared article's counts of the
    terms ``min_count`` keeps (memory: their non-zero counts, not the texts).

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`sum_counts` of the pieces: ``term``, ``n_target``, ``n_reference`` for
        every term (before ``min_count``), ``docs_target``, ``docs_reference``, sorted
        by term, with its ``attrs``.
    articles : ArticleCounts, optional
        :func:`article_counts` of the terms with ``n_target + n_reference >=
        min_count`` (in the order of ``counts``), concatenated over the pieces in
        corpus order (:meth:`ArticleCounts.concat`). Required unless
        ``inference="tokens"``.
    measure, min_count, correction, prior, prior_size, variance, sort, inference, adjust, n_perm, seed
        As in :func:`keyness`. With ``sort=False`` the terms come in the order of
        ``counts`` (by term), not ``keyness``'s order of first occurrence.

    Returns
    -------
    pandas.DataFrame
        As :func:`keyness`.

    Raises
    ------
    ColumnsError
        A count column is missing.
    CorpusError
        One side has no tokens; ``articles`` is missing or does not match the kept
        terms.
    ValueError
        An unknown option (as :func:`keyness`).

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...     "text": ["talks talks peace", "talks war", "war war tariffs", "war"]})
    >>> parts = [df.iloc[:3], df.iloc[3:]]
    >>> counts = sum_counts([partition_counts(p, target="A") for p in parts], target="A")
    >>> kept = counts.loc[counts.n_target + counts.n_reference >= 1, "term"]
    >>> arts = ArticleCounts.concat([article_counts(p, kept, target="A") for p in parts])
    >>> k = keyness_from_counts(counts, arts, min_count=1)
    >>> k[["term", "n_target", "docs_target"]].head(2)
        term  n_target  docs_target
    0  talks         3            2
    1  peace         1            1
    """
    check_options(measure, correction, inference, adjust, n_perm)
    require_columns(counts, ["term", "n_target", "n_reference"], where="keyness_from_counts",
                    hint="Add the pieces' partition_counts with sum_counts.")  # fmt: skip
    cnt = _Summed(counts, articles, min_count)
    check_totals(cnt.total_t, cnt.total_r, cnt.targets, cnt.refs, "text", "keyness_from_counts")
    return keyness_table(cnt, measure=measure, min_count=min_count, correction=correction,
                         prior=prior, prior_size=prior_size, variance=variance, sort=sort,
                         inference=inference, adjust=adjust, n_perm=n_perm,
                         seed=seed)  # fmt: skip
