"""Keyness of a target outlet (or group) against a reference: counts, the statistic, an
article-level p-value adjusted over terms, and effect size per term (:func:`keyness`);
how the ranking depends on the prior size (:func:`prior_sensitivity`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse, stats

from framing import _tokens
from framing._shared.checks import require_columns
from framing.compare import adjust_pvalues
from framing.errors import CorpusError
from framing.keyness._ngrams import (
    Grams,
    check_ngram_range,
    gram_names,
    gram_sort_keys,
    tokenize_texts,
)
from framing.keyness._stats import (
    fw_z,
    log_odds_dirichlet,
    permutation_test,
    prior_alpha,
    quanteda_statistic,
    rank_sum_test,
)

__all__ = ["keyness", "prior_sensitivity"]


def _as_groups(value, name: str, present: list) -> list:
    groups = [value] if isinstance(value, str) or not isinstance(value, Sequence) else list(value)
    for g in groups:
        if g not in present:
            raise CorpusError(
                f"keyness: {name} group {g!r} is not in the data (groups present: {present}).",
                field=name,
                value=g,
            )
    return groups


def _stopword_set(stopwords) -> frozenset[str]:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        from framing.text import LANGUAGES
        from framing.text import stopwords as language_stopwords

        try:
            return language_stopwords(stopwords)
        except CorpusError:
            raise CorpusError(
                f"keyness: stopwords must be a language ({', '.join(sorted(LANGUAGES))}, or "
                f"their English names such as 'english', 'russian') or a list of words, got "
                f"{stopwords!r}.",
                field="stopwords",
                value=stopwords,
            ) from None
    return frozenset(str(w).lower() for w in stopwords)


def resolve_sides(corpus, *, target, reference, group, text, where):
    """The target and reference groups (checked against the groups present) and which
    rows of ``corpus`` belong to each."""
    require_columns(corpus, [group, text], where=where, hint="Map the text column with text='...'.")
    present = sorted(corpus[group].dropna().unique().tolist())
    targets, refs = check_sides(target, reference, present, group, where)
    return (
        targets,
        refs,
        corpus[group].isin(targets).to_numpy(),
        corpus[group].isin(refs).to_numpy(),
    )


def check_sides(target, reference, present: list, group: str, where: str):
    """Target and reference group lists from the groups ``present`` (kit errors naming
    a missing group, an empty reference or an overlap)."""
    targets = _as_groups(target, "target", present)
    refs = (
        [g for g in present if g not in targets]
        if reference is None
        else _as_groups(reference, "reference", present)
    )
    overlap = sorted(set(targets) & set(refs))
    if not refs and reference is None:
        raise CorpusError(
            f"{where}: nothing to compare {targets} with: the data holds no other {group} "
            f"(groups present: {present}); select more outlets, or pass reference=.",
            field="reference",
            value=refs,
        )
    if overlap or not refs:
        raise CorpusError(
            f"{where}: target and reference must be different, non-empty groups "
            f"(target {targets}, reference {refs}).",
            field="reference",
            value=overlap or refs,
        )
    return targets, refs


def _counts(corpus, *, target, reference, group, ngram_range, text, tokenizer, stopwords,
            where):  # fmt: skip
    """Tokenise once and count: group totals per term and the coded n-grams."""
    targets, refs, is_t, is_r = resolve_sides(corpus, target=target, reference=reference,
                                              group=group, text=text, where=where)  # fmt: skip
    keep = is_t | is_r
    cnt = count_terms(corpus.loc[keep, text].tolist(), is_t[keep], ngram_range=ngram_range,
                      tokenizer=tokenizer, stopwords=stopwords, where=where)  # fmt: skip
    check_totals(cnt.total_t, cnt.total_r, targets, refs, text, where)
    cnt.targets, cnt.refs = targets, refs
    return cnt


def check_totals(total_t, total_r, targets, refs, text: str, where: str) -> None:
    """A kit error when the target or reference articles have no tokens."""
    for side, total, names in (("target", total_t, targets), ("reference", total_r, refs)):
        if total == 0:
            raise CorpusError(
                f"{where}: the {side} articles ({names}) have no tokens in column {text!r}.",
                field=text,
                value=names,
            )


def count_terms(texts: list, in_t: np.ndarray, *, ngram_range, tokenizer, stopwords,
                where: str) -> _Counts:  # fmt: skip
    """Tokenise the compared articles' ``texts`` (``in_t``: which are the target's) once
    and count every term of every n-gram length per side (the coded n-grams are kept
    for the document-term matrix)."""
    lo_n, hi_n = check_ngram_range(ngram_range, where)
    tokens = tokenize_texts(texts, tokenizer)
    stops = _stopword_set(stopwords)
    if stops:
        tokens = [[t for t in doc if t.lower() not in stops] for doc in tokens]
    grams = Grams(tokens, hi_n)
    in_t = np.asarray(in_t, dtype=bool)
    y_t, y_r, where_ = [], [], []
    for n in range(lo_n, hi_n + 1):  # group totals straight from the coded occurrences
        level = grams.levels[n - 1]
        t_occ = in_t[level["doc"]]
        y_t.append(np.bincount(level["code"], weights=t_occ, minlength=level["n_terms"]))
        y_r.append(np.bincount(level["code"], weights=~t_occ, minlength=level["n_terms"]))
        where_.append(np.stack([np.full(level["n_terms"], n), np.arange(level["n_terms"])]))
    y_t, y_r, where_ = np.concatenate(y_t), np.concatenate(y_r), np.concatenate(where_, axis=1)
    doc_tokens = np.array([len(t) for t in tokens], dtype=np.int64)
    doc_totals = sum(np.bincount(grams.levels[n - 1]["doc"], minlength=len(tokens))
                     for n in range(lo_n, hi_n + 1))  # fmt: skip
    return _Counts(grams, in_t, y_t, y_r, where_, doc_tokens, doc_totals, lo_n)


class _Counts:
    """What :func:`count_terms` found (plain attributes): the input of :func:`keyness_table`."""

    def __init__(self, grams, in_t, y_t, y_r, where_, doc_tokens, doc_totals, lo_n):
        self.grams, self.in_t, self.y_t, self.y_r, self.where_ = grams, in_t, y_t, y_r, where_
        self.total_t, self.total_r, self.lo_n = y_t.sum(), y_r.sum(), lo_n
        self.doc_tokens, self.doc_totals = doc_tokens, doc_totals
        self.targets = self.refs = None
        self.n_docs = (int(in_t.sum()), int((~in_t).sum()), int((doc_tokens == 0).sum()))

    def names(self, sel: np.ndarray) -> np.ndarray:
        """The strings of the selected terms."""
        return gram_names(self.grams, self.where_[:, sel])

    def sort_keys(self, sel: np.ndarray) -> list[np.ndarray]:
        """``numpy.lexsort`` keys ordering the selected terms as their strings."""
        return gram_sort_keys(self.grams, self.where_[:, sel])

    def docs(self, sel: np.ndarray):
        """Articles using each selected term per side, when known without the matrix."""
        return None

    def columns(self, sel: np.ndarray) -> sparse.csc_matrix:
        """The (articles x selected terms) count matrix in compressed-column form, each
        term's articles in order (the layout the article-level test reads term by term).

        The occurrences of each n-gram level come in article order. In C
        (``framing._speedups``): one pass counts each column's articles, a second
        writes them. In numpy: a sort of ``article * terms + term`` (which only orders
        each article's short run) and the repeated keys counted give compressed rows,
        which scipy turns into compressed columns by a linear counting sort.
        """
        cols = np.where(sel, np.cumsum(sel) - 1, -1)  # column of each kept term, else -1
        n_docs, n_cols = len(self.in_t), int(sel.sum())
        levels, offset = [], 0
        for n in range(self.lo_n, len(self.grams.levels) + 1):
            level = self.grams.levels[n - 1]
            levels.append((level["doc"], level["code"], cols[offset : offset + level["n_terms"]]))
            offset += level["n_terms"]
        fast = _tokens.matrix_speedups
        if fast is None:
            return _numpy_columns(levels, n_docs, n_cols)
        nnz, last = np.zeros(n_cols, dtype=np.int64), np.full(n_cols, -1, dtype=np.int64)
        for doc, code, colmap in levels:
            fast.column_nnz(doc, code, colmap, nnz, last)
        indptr = np.zeros(n_cols + 1, dtype=np.int64)
        np.cumsum(nnz, out=indptr[1:])
        indices, data = np.empty(indptr[-1], dtype=np.int64), np.empty(indptr[-1])
        start = indptr[:-1].copy()
        pos = start.copy()
        for doc, code, colmap in levels:
            fast.column_fill(doc, code, colmap, start, pos, indices, data)
        out = sparse.csc_matrix((data, indices, indptr), shape=(n_docs, n_cols))
        out.has_sorted_indices = True
        out.has_canonical_format = True
        return out


def _numpy_columns(levels, n_docs: int, n_cols: int) -> sparse.csc_matrix:
    """:meth:`_Counts.columns` without the C module (the same matrix)."""
    blocks = []
    for doc, code, colmap in levels:
        col = colmap[code]
        keep = col >= 0
        first, width = (int(col[keep].min()), int(col[keep].max()) + 1) if keep.any() else (0, 0)
        key = doc[keep] * max(width - first, 1) + (col[keep] - first)
        key.sort()
        new = np.ones(len(key), dtype=bool)
        new[1:] = key[1:] != key[:-1]
        starts = np.flatnonzero(new)
        counts = np.diff(np.append(starts, len(key))).astype(float)
        row, term = np.divmod(key[starts], max(width - first, 1))
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n_docs), out=indptr[1:])
        rows = sparse.csr_matrix((counts, term, indptr), shape=(n_docs, width - first))
        blocks.append(rows.tocsc())
    out = sparse.hstack(blocks, format="csc") if len(blocks) > 1 else blocks[0]
    out.sum_duplicates()
    return out


_INFERENCE = ("articles", "permutation", "tokens")


def check_options(measure, correction, inference, adjust, n_perm):
    if measure not in ("lr", "chi2", "log_odds"):
        raise ValueError(f"keyness: measure must be 'lr', 'chi2' or 'log_odds', got {measure!r}.")
    if correction not in ("default", "yates", "williams", "none"):
        raise ValueError(
            f"keyness: correction must be 'default', 'yates', 'williams' or 'none', got {correction!r}."
        )
    if inference not in _INFERENCE:
        raise ValueError(
            f"keyness: inference must be 'articles' (rank-sum test over articles, the "
            f"default), 'permutation' or 'tokens', got {inference!r}."
        )
    if adjust not in ("bh", "holm", None):
        raise ValueError(f"keyness: adjust must be 'bh', 'holm' or None, got {adjust!r}.")
    if isinstance(n_perm, bool) or not isinstance(n_perm, int) or n_perm < 1:
        raise ValueError(f"keyness: n_perm must be a positive whole number, got {n_perm!r}.")


def keyness(
    corpus: pd.DataFrame,
    *,
    target,
    reference=None,
    group: str = "outlet",
    measure: str = "lr",
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 5,
    correction: str = "default",
    prior="pooled",
    prior_size: float | None = 1000.0,
    variance: str = "approx",
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
    sort: bool = True,
    inference: str = "articles",
    adjust: str | None = "bh",
    n_perm: int = 1000,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Terms that distinguish a target group's articles from a reference group's.

    The ``statistic`` (G2, chi2 or the Fightin' Words z) measures and ranks how
    distinctive a term is; its token-level p-value treats every token as an independent
    draw, which words are not (a story that uses a word once tends to use it again), so
    with bursty words far more than 5% of terms reach p < .05 when nothing differs
    (``bench/coverage.py``). The ``p_value`` therefore comes by default from a test
    with **articles** as the units, and is adjusted over all terms of the table.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with the columns ``group`` and ``text``.
    target : str or list of str
        Group value(s) forming the target (e.g. ``"CNN"``, or ``["left", "lean_left"]``
        with ``group="outlet_lean"``).
    reference : str or list of str, optional
        Group value(s) forming the reference; default every other group. Articles whose
        group is missing belong to neither side.
    group : str, default "outlet"
    measure : {"lr", "chi2", "log_odds"}, default "lr"
        Which statistic fills ``statistic`` and sets the order (module doc).
    ngram_range : (int, int), default (1, 1)
        ``(1, 2)`` for unigrams and bigrams.
    min_count : int, default 5
        Keep terms occurring at least this often in target and reference together.
        Totals (and the Fightin' Words prior) count every term occurrence of every
        n-gram length in ``ngram_range`` before this filter, as quanteda does with a dfm
        of those n-grams.
    correction : {"default", "yates", "williams", "none"}
        For ``lr`` and ``chi2``: ``"default"`` is quanteda's conditional Yates
        correction (only where an expected count is below 5 and ``|ad - bc| >= N/2``);
        ``"yates"`` applies Yates' correction to every term, as
        ``scipy.stats.chi2_contingency(correction=True)`` does (each cell moved 0.5,
        at most to its expected count); ``"williams"``: Williams' q (module doc).
    prior, prior_size, variance
        The Dirichlet prior and variance of :func:`log_odds_dirichlet` (``"pooled"`` =
        target plus reference counts, or a flat float). ``prior_size`` (``alpha_0``)
        changes which terms lead: see :func:`prior_sensitivity`.
    text : str, default "text"
        Text column.
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`framing.text.tokenize`.
    stopwords : str or iterable of str, optional
        Tokens removed before n-grams are formed (as quanteda's ``tokens_remove``
        followed by ``tokens_ngrams``, so a bigram may join the words on either side of
        a removed one). A language (code or English name, see
        :func:`framing.text.stopwords`): ``"english"`` / ``"en"`` is scikit-learn's
        ``ENGLISH_STOP_WORDS`` (318 words, from the Glasgow Information Retrieval
        Group list); ``"russian"``, ``"german"``, ``"french"``, ``"spanish"``,
        ``"italian"``, ``"portuguese"`` are the kit's lists. Matching is on the
        lower-cased tokens. Default: keep every token.
    sort : bool, default True
        Sort by ``statistic`` descending (target's most distinctive terms first).
    inference : {"articles", "permutation", "tokens"}, default "articles"
        How ``p_value`` is computed. ``"articles"``: the Wilcoxon-Mann-Whitney
        rank-sum test of each term's rate per article (count over the article's
        tokens) between target and reference articles (Lijffijt et al. 2016), fast on
        the sparse document-term matrix; it needs no distributional assumption and
        holds its level with bursty words. ``"permutation"``: article labels are
        permuted ``n_perm`` times and the ``measure`` recomputed, p = ``(1 + k) / (1 +
        n_perm)`` - exact, but never below ``1 / (1 + n_perm)``, so with thousands of
        terms few survive an adjustment. ``"tokens"``: the token-level p-value of the
        statistic (chi-squared or normal, as in kit 0.1 and quanteda), which assumes
        independent tokens.
    adjust : {"bh", "holm", None}, default "bh"
        Adjust the p-values over all terms of the table (after ``min_count``):
        Benjamini-Hochberg false discovery rate, or Holm; adds ``p_<adjust>``.
    n_perm : int, default 1000
        Relabellings for ``inference="permutation"``.
    seed : int or None, default 0
        Seed of the relabellings.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``n_target``, ``n_reference``, ``statistic``, ``p_value``,
        ``p_<adjust>``, ``log_odds`` and ``z`` (Fightin' Words, always computed),
        ``docs_target``, ``docs_reference`` (articles using the term). ``attrs``
        holds ``measure``, ``target``, ``reference``, ``n_docs_target``,
        ``n_docs_reference``, ``n_tokens_target``, ``n_tokens_reference``,
        ``inference``, ``adjust``, ``prior``, ``prior_size``, ``alpha0`` (the prior's
        total pseudo-count used) and ``n_docs_empty`` (articles without tokens, left
        out of the article-level test).

    Raises
    ------
    ColumnsError
        ``group`` or ``text`` is missing.
    CorpusError
        A target or reference group is not in the data, or the two overlap.
    ValueError
        An unknown ``measure``, ``correction``, ``inference`` or ``adjust``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ["talks talks peace", "talks war", "war war tariffs"]})
    >>> k = keyness(df, target="A", measure="chi2", min_count=1, correction="none")
    >>> k[["term", "n_target", "n_reference", "docs_target"]].head(2)
        term  n_target  n_reference  docs_target
    0  talks         3            0            2
    1  peace         1            0            1
    """
    check_options(measure, correction, inference, adjust, n_perm)
    cnt = _counts(corpus, target=target, reference=reference, group=group,
                  ngram_range=ngram_range, text=text, tokenizer=tokenizer,
                  stopwords=stopwords, where="keyness")  # fmt: skip
    return keyness_table(cnt, measure=measure, min_count=min_count, correction=correction,
                         prior=prior, prior_size=prior_size, variance=variance, sort=sort,
                         inference=inference, adjust=adjust, n_perm=n_perm, seed=seed)  # fmt: skip


def keyness_table(cnt, *, measure, min_count, correction, prior, prior_size, variance, sort,
                  inference, adjust, n_perm, seed) -> pd.DataFrame:  # fmt: skip
    """The keyness table from counted terms: the one code path of :func:`keyness` and
    :func:`keyness_from_counts`.

    ``cnt`` holds ``y_t``, ``y_r`` (every term's count per side, every n-gram length,
    before ``min_count``), ``total_t``, ``total_r``, ``targets``, ``refs``, ``n_docs``
    (target, reference and token-less articles), and, for the selected terms,
    ``names(sel)``, ``sort_keys(sel)``, ``docs(sel)`` (articles per side, or None) and
    ``columns(sel)`` (the compared articles x terms count matrix, rows in corpus order,
    with ``in_t``, ``doc_tokens``, ``doc_totals`` per row). Element-wise over terms but
    for the prior's exactly rounded total, so the order of the terms changes no bit.
    """
    y_t, y_r, total_t, total_r = cnt.y_t, cnt.y_r, cnt.total_t, cnt.total_r
    lo = log_odds_dirichlet(y_t, y_r, prior=prior, prior_size=prior_size, variance=variance)
    sel = (y_t + y_r) >= min_count
    a, b = y_t[sel], y_r[sel]
    if measure == "log_odds":
        statistic = lo["z"].to_numpy()[sel]
        p = 2 * stats.norm.sf(np.abs(statistic))
    else:
        statistic = quanteda_statistic(a, b, total_t, total_r, measure, correction)
        p = stats.chi2.sf(np.abs(statistic), 1)
    docs = cnt.docs(sel) if inference == "tokens" else None
    if docs is None:
        X = cnt.columns(sel)
        per_term = np.diff(X.indptr)
        # every kept term has an article, so no segment is empty (reduceat's exception)
        docs_t = (
            np.add.reduceat(cnt.in_t[X.indices].astype(np.int64), X.indptr[:-1])
            if len(a)
            else per_term
        )
        docs = docs_t, per_term - docs_t
    docs_t, docs_r = docs
    if inference == "articles":  # rates; articles without tokens (so without terms) left out
        p, _ = rank_sum_test(X, cnt.in_t, row_totals=cnt.doc_tokens)
    elif inference == "permutation":
        if measure == "log_odds" and variance != "approx":
            raise ValueError(
                "keyness: inference='permutation' with measure='log_odds' recomputes the "
                "approximate-variance z; pass variance='approx'."
            )
        test_stat = _relabelled_statistic(measure, correction, y_t + y_r, prior, prior_size, sel)
        p = permutation_test(X.tocsr(), cnt.doc_totals, cnt.in_t, test_stat, statistic, n_perm,
                             np.random.default_rng(seed))  # fmt: skip
    out = pd.DataFrame(
        {
            "term": cnt.names(sel),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "statistic": statistic,
            "p_value": p,
            "log_odds": lo["log_odds"].to_numpy()[sel],
            "z": lo["z"].to_numpy()[sel],
            "docs_target": docs_t.astype(np.int64),
            "docs_reference": docs_r.astype(np.int64),
        }
    )
    if adjust is not None:
        out.insert(5, f"p_{adjust}", adjust_pvalues(out["p_value"].to_numpy(), adjust))
    if sort:  # by statistic (descending, NaN last), then term; integer keys, no strings
        order = np.lexsort(cnt.sort_keys(sel) + [-statistic])
        out = out.take(order).reset_index(drop=True)
    out.attrs.update(
        measure=measure,
        target=cnt.targets,
        reference=cnt.refs,
        n_docs_target=cnt.n_docs[0],
        n_docs_reference=cnt.n_docs[1],
        n_tokens_target=int(total_t),
        n_tokens_reference=int(total_r),
        inference=inference,
        adjust=adjust,
        prior=prior if isinstance(prior, str | float | int) else "background counts",
        prior_size=prior_size,
        alpha0=float(_alpha0(prior, prior_size, y_t + y_r)),
        n_docs_empty=cnt.n_docs[2],
    )
    return out


def _alpha0(prior, prior_size, pooled) -> float:
    """The prior's total pseudo-count that :func:`log_odds_dirichlet` used."""
    if isinstance(prior, str):
        return float(prior_size) if prior_size is not None else float(pooled.sum())
    if np.ndim(prior) == 0:
        return float(prior) * len(pooled)
    return float(prior_size) if prior_size is not None else float(np.sum(prior))


def _relabelled_statistic(measure, correction, y_pooled, prior, prior_size, sel):
    """The ``measure`` as a function of relabelled counts (the permutation test's).

    Relabelling articles leaves the pooled counts, and so the Fightin' Words prior,
    unchanged; group totals move with the articles.
    """
    if measure == "log_odds":
        alpha = prior_alpha(y_pooled, np.zeros_like(y_pooled), prior, prior_size)
        alpha0 = math.fsum(alpha)  # as log_odds_dirichlet: independent of the term order
        alpha = alpha[sel]

        def stat(y_t, y_r, tot_t, tot_r):
            return fw_z(y_t, y_r, alpha, tot_t, tot_r, alpha0)

        return stat

    def stat(y_t, y_r, tot_t, tot_r):
        return quanteda_statistic(y_t, y_r, tot_t, tot_r, measure, correction)

    return stat


def prior_sensitivity(
    corpus: pd.DataFrame,
    *,
    target,
    reference=None,
    group: str = "outlet",
    prior_sizes=(100.0, 1000.0, 10_000.0, None),
    baseline: float | None = 1000.0,
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 5,
    top: int = 20,
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """How the Fightin' Words ranking moves with the prior size ``alpha_0``.

    Monroe et al. (2008) leave ``alpha_0`` to the analyst; a larger prior shrinks rare
    terms harder, and which terms lead can change. This table shows, per prior size,
    how many terms pass ``|z| >= 1.96``, how many of the ``top`` terms of each side are
    also among the baseline's top terms, and the rank correlation of z with the
    baseline's (terms are counted once: the same tokenisation for every size).

    Parameters
    ----------
    corpus, target, reference, group, ngram_range, min_count, text, tokenizer, stopwords
        As in :func:`keyness`.
    prior_sizes : sequence of float or None
        ``alpha_0`` values for the pooled prior (None: pooled counts unscaled).
    baseline : float or None, default 1000
        The prior size the others are compared with (added when missing).
    top : int, default 20
        Terms per side compared with the baseline.

    Returns
    -------
    pandas.DataFrame
        ``prior_size`` (``"unscaled"`` for None), ``alpha0``, ``n_terms``,
        ``n_abs_z_ge_1_96``, ``top_target_shared``, ``top_reference_shared`` (of
        ``top``), ``spearman_z`` (with the baseline), ``baseline`` (bool).

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "B"] * 3,
    ...     "text": ["talks war war", "talks peace", "war deal", "peace peace", "war", "deal"]})
    >>> t = prior_sensitivity(df, target="A", min_count=1, top=2)
    >>> t[["prior_size", "n_terms", "top_target_shared", "baseline"]]
      prior_size  n_terms  top_target_shared  baseline
    0      100.0        4                  2     False
    1     1000.0        4                  2      True
    2    10000.0        4                  2     False
    3   unscaled        4                  2     False
    """
    cnt = _counts(corpus, target=target, reference=reference, group=group,
                  ngram_range=ngram_range, text=text, tokenizer=tokenizer,
                  stopwords=stopwords, where="prior_sensitivity")  # fmt: skip
    sizes = list(prior_sizes)
    if baseline not in sizes:
        sizes.append(baseline)
    sel = (cnt.y_t + cnt.y_r) >= min_count
    zs = {}
    for size in sizes:
        zs[size] = log_odds_dirichlet(cnt.y_t, cnt.y_r, prior="pooled", prior_size=size)[
            "z"
        ].to_numpy()[sel]
    ref = zs[baseline]
    k = min(top, int(sel.sum()))
    top_t = set(np.argsort(-ref, kind="stable")[:k])
    top_r = set(np.argsort(ref, kind="stable")[:k])
    rows = []
    for size in sizes:
        z = zs[size]
        rho = stats.spearmanr(z, ref).statistic if len(z) > 1 else np.nan
        rows.append({
            "prior_size": "unscaled" if size is None else float(size),
            "alpha0": float(size) if size is not None else float((cnt.y_t + cnt.y_r).sum()),
            "n_terms": int(sel.sum()),
            "n_abs_z_ge_1_96": int((np.abs(z) >= 1.96).sum()),
            "top_target_shared": len(top_t & set(np.argsort(-z, kind="stable")[:k])),
            "top_reference_shared": len(top_r & set(np.argsort(z, kind="stable")[:k])),
            "spearman_z": float(rho),
            "baseline": size == baseline,
        })  # fmt: skip
    return pd.DataFrame(rows)
