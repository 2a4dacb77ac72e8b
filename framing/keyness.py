"""Distinctive terms: which words set one outlet's (or group's) coverage apart.

Three statistics over a 2 x 2 table per term (term vs other tokens, target vs
reference):

* ``"lr"`` - the signed log-likelihood ratio G2 (Dunning, T. (1993). Accurate methods
  for the statistics of surprise and coincidence. *Computational Linguistics*, 19(1),
  61-74) and ``"chi2"`` - Pearson's chi-squared, both computed as quanteda's
  ``textstat_keyness`` computes them (Benoit, K. et al. (2018). quanteda: An R package
  for the quantitative analysis of textual data. *JOSS*, 3(30), 774; the
  quanteda.textstats C++ code, ``src/keyness.cpp``): the sign is ``+`` when the
  target's count exceeds its expected count, and under ``correction="default"`` the
  Yates continuity correction (0.5) is applied to a term only when
  ``|ad - bc| >= N/2`` and some expected cell count is below 5 (quanteda applies this
  rule to both ``chi2`` and ``lr`` under "default", although its manual says Williams
  for ``lr``; we follow the code). ``correction="williams"`` divides the statistic by
  Williams' q (Williams, D. A. (1976). Improved likelihood ratio tests for complete
  contingency tables. *Biometrika*, 63(1), 33-37); quanteda's code multiplies chi2 by
  q instead, which we believe is a slip, so ``chi2`` with ``"williams"`` differs from
  quanteda. quanteda adds 1e-9 inside the logarithms of G2 to survive empty cells; we
  use ``0 log 0 = 0`` instead (differences below 1e-8). p-values are from the
  chi-squared distribution with 1 df.
* ``"log_odds"`` - the weighted log-odds ratio with an informative Dirichlet prior and
  its z-score, "Fightin' Words" (Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008).
  Fightin' words: Lexical feature selection and evaluation for identifying the content
  of political conflict. *Political Analysis*, 16(4), 372-403), see
  :func:`log_odds_dirichlet`; the p-value is two-sided from the normal distribution.

Counting is sparse and vectorised: texts are tokenised by :func:`framing.text.tokenize`
(one compiled regular expression), tokens are coded once with a hash table, n-grams
are coded from pairs of codes with numpy, and the document-term matrix is a
``scipy.sparse`` matrix, so thousands of articles with unigrams and bigrams take seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import sparse, stats
from scipy.special import xlogy

from framing._checks import require_columns
from framing.errors import CorpusError

__all__ = ["log_odds_dirichlet", "keyness", "keyness_file", "term_counts"]


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """Codes and uniques (in order of first occurrence) of an array, via Arrow's hash table."""
    enc = pa.array(values).dictionary_encode()
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary.to_numpy(zero_copy_only=False)


class _Grams:
    """Coded n-grams of a list of token lists (one level per n-gram length).

    Level ``n`` holds, for every n-gram occurrence, its text index (``doc``) and term
    code (``code``), plus per term the code of its (n-1)-gram prefix (``prefix``) and
    of its last token (``last``), so term strings are built only for the terms asked for.
    """

    def __init__(self, token_lists: list[list[str]], max_n: int):
        lists = pa.array(token_lists, type=pa.large_list(pa.large_string()))
        lengths = np.diff(lists.offsets.to_numpy())
        tokens, self.vocab = _factorize(lists.flatten())
        doc = np.repeat(np.arange(len(token_lists)), lengths)
        self.levels = [dict(doc=doc, code=tokens, n_terms=len(self.vocab))]
        v = np.int64(max(len(self.vocab), 1))
        gram = tokens
        for n in range(2, max_n + 1):
            starts = np.flatnonzero(doc[: len(doc) - n + 1] == doc[n - 1 :])  # within one text
            code, uniq = _factorize(gram[starts] * v + tokens[starts + n - 1])
            gram = np.full(len(tokens), -1, dtype=np.int64)
            gram[starts] = code
            self.levels.append(
                dict(doc=doc[starts], code=code, n_terms=len(uniq), prefix=uniq // v, last=uniq % v)
            )

    def names(self, n: int, idx: np.ndarray) -> np.ndarray:
        """Term strings of the level-``n`` terms ``idx`` (tokens joined by one space)."""
        words = np.asarray(self.vocab, dtype=object)
        if n == 1:
            return words[idx]
        level = self.levels[n - 1]
        return self.names(n - 1, level["prefix"][idx]) + " " + words[level["last"][idx]]


def _tokens(texts, tokenizer) -> list[list[str]]:
    if tokenizer is None:
        from framing.text import tokenize_many

        return tokenize_many(texts)
    return [tokenizer(t) if isinstance(t, str) else [] for t in texts]


def _check_ngram_range(ngram_range, where: str) -> tuple[int, int]:
    lo, hi = ngram_range
    if not (1 <= lo <= hi):
        raise ValueError(
            f"{where}: ngram_range must be (min, max) with 1 <= min <= max, got {ngram_range!r}."
        )
    return int(lo), int(hi)


def term_counts(
    texts: Sequence[str],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    tokenizer: Callable[[str], list[str]] | None = None,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Count terms (n-grams of tokens) per text into a sparse document-term matrix.

    Parameters
    ----------
    texts : sequence of str
        The texts; a missing text (``None``/NaN) counts as empty.
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram length; n-grams join tokens with one space and run
        over the token sequence of a text (as scikit-learn's ``CountVectorizer`` does).
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`framing.text.tokenize` (lower-cased).

    Returns
    -------
    X : scipy.sparse.csr_matrix
        Counts, shape (texts, terms), int64.
    terms : numpy.ndarray of str (object)
        The term of each column: by n-gram length, then in order of first occurrence.

    Examples
    --------
    >>> X, terms = term_counts(["Peace talks resume", "talks stall"], ngram_range=(1, 2))
    >>> terms.tolist()
    ['peace', 'talks', 'resume', 'stall', 'peace talks', 'talks resume', 'talks stall']
    >>> X.toarray().tolist()
    [[1, 1, 1, 0, 1, 1, 0], [0, 1, 0, 1, 0, 0, 1]]
    """
    lo, hi = _check_ngram_range(ngram_range, "term_counts")
    token_lists = _tokens(texts, tokenizer)
    grams = _Grams(token_lists, hi)
    rows, cols, names, offset = [], [], [], 0
    for n in range(lo, hi + 1):
        level = grams.levels[n - 1]
        rows.append(level["doc"])
        cols.append(level["code"] + offset)
        names.append(grams.names(n, np.arange(level["n_terms"])))
        offset += level["n_terms"]
    r, c = np.concatenate(rows), np.concatenate(cols)
    shape = (len(token_lists), offset)
    X = sparse.csr_matrix((np.ones(len(r), dtype=np.int64), (r, c)), shape=shape)
    X.sum_duplicates()
    return X, np.concatenate(names)


def log_odds_dirichlet(
    counts_a,
    counts_b,
    *,
    prior="pooled",
    prior_size: float | None = 1000.0,
    variance: str = "approx",
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior, and its z-score.

    Monroe, Colaresi & Quinn (2008), "Fightin' words", *Political Analysis* 16(4),
    372-403, section 3.5. For term w with counts ``y_a``, ``y_b``, group totals ``n_a``,
    ``n_b`` and prior pseudo-counts ``alpha_w`` summing to ``alpha_0``::

        delta = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
              - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
        var   ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)            (variance="approx")
        z     = delta / sqrt(var)

    ``variance="full"`` adds ``1/(n_a + alpha_0 - y_a - alpha_w)`` and the same for b
    (the delta-method variance before the paper drops these small terms; scattertext's
    ``LogOddsRatioInformativeDirichletPrior`` uses it).

    Parameters
    ----------
    counts_a, counts_b : array-like or pandas.Series
        Term counts of the two groups, aligned (Series are aligned on their index,
        missing terms counted as 0).
    prior : "pooled", float or array-like, default "pooled"
        ``"pooled"``: informative prior proportional to the pooled counts ``a + b``;
        array-like: background counts (e.g. from a larger corpus), aligned like the
        counts; float: a flat (uninformative) ``alpha_w`` for every term, used as is.
    prior_size : float or None, default 1000
        ``alpha_0``, the prior's total pseudo-count: the informative prior is
        ``alpha_0 * background / sum(background)``. ``None`` uses the background counts
        unscaled. Monroe et al. leave ``alpha_0`` to the analyst; larger values shrink
        rare terms more.
    variance : {"approx", "full"}, default "approx"

    Returns
    -------
    pandas.DataFrame
        ``n_a``, ``n_b`` (the counts), ``log_odds`` (delta), ``se`` (sqrt of var) and
        ``z``; indexed like the input Series (or 0..n-1). Positive z: typical of a.

    Raises
    ------
    ValueError
        The counts are not aligned, negative, or a prior pseudo-count is not positive.

    Examples
    --------
    >>> r = log_odds_dirichlet([10, 0, 5], [2, 8, 5], prior=1.0)
    >>> r["log_odds"].round(4).tolist()
    [2.0614, -2.8332, 0.0]
    >>> r["z"].round(4).tolist()
    [3.1649, -2.6878, 0.0]
    """
    if variance not in ("approx", "full"):
        raise ValueError(
            f"log_odds_dirichlet: variance must be 'approx' or 'full', got {variance!r}."
        )
    index = None
    if isinstance(counts_a, pd.Series) or isinstance(counts_b, pd.Series):
        a_s, b_s = pd.Series(counts_a), pd.Series(counts_b)
        index = a_s.index.union(b_s.index, sort=False)
        counts_a = a_s.reindex(index, fill_value=0)
        counts_b = b_s.reindex(index, fill_value=0)
        if isinstance(prior, pd.Series):
            prior = prior.reindex(index, fill_value=0)
    ya = np.asarray(counts_a, dtype=float)
    yb = np.asarray(counts_b, dtype=float)
    if ya.shape != yb.shape or ya.ndim != 1:
        raise ValueError(
            f"log_odds_dirichlet: counts must be two 1-d arrays of equal length, got shapes {ya.shape} and {yb.shape}."
        )
    if (ya < 0).any() or (yb < 0).any():
        raise ValueError("log_odds_dirichlet: counts must be non-negative.")
    if isinstance(prior, str):
        if prior != "pooled":
            raise ValueError(
                f"log_odds_dirichlet: prior must be 'pooled', a number or counts, got {prior!r}."
            )
        background = ya + yb
    elif np.ndim(prior) == 0:
        background = None
        alpha = np.full(ya.shape, float(prior))
    else:
        background = np.asarray(prior, dtype=float)
        if background.shape != ya.shape:
            raise ValueError(
                f"log_odds_dirichlet: prior counts have shape {background.shape}, counts {ya.shape}."
            )
    if background is not None:
        alpha = background if prior_size is None else prior_size * background / background.sum()
    if not (alpha > 0).all():
        bad = int((~(alpha > 0)).sum())
        raise ValueError(
            f"log_odds_dirichlet: {bad} term(s) have a prior pseudo-count <= 0; every term "
            "needs a positive prior (drop terms absent from the background, or add a floor)."
        )
    alpha0 = alpha.sum()
    na, nb = ya.sum(), yb.sum()
    rest_a = na + alpha0 - ya - alpha
    rest_b = nb + alpha0 - yb - alpha
    delta = np.log(ya + alpha) - np.log(rest_a) - (np.log(yb + alpha) - np.log(rest_b))
    var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    if variance == "full":
        var = var + 1.0 / rest_a + 1.0 / rest_b
    se = np.sqrt(var)
    out = pd.DataFrame({"n_a": ya, "n_b": yb, "log_odds": delta, "se": se, "z": delta / se})
    if index is not None:
        out.index = index
    return out


def _quanteda_stat(a, b, total_t, total_r, measure: str, correction: str) -> np.ndarray:
    """Signed chi2 or G2 per term, as quanteda.textstats' keyness.cpp (see module doc)."""
    c, d = total_t - a, total_r - b
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    sign = np.where(a > e11, 1.0, -1.0)
    if correction in ("default", "yates"):
        expected = np.stack(
            [e11, (a + b) * (b + d) / n, (a + c) * (c + d) / n, (c + d) * (b + d) / n]
        )
        yates = np.where((np.abs(a * d - b * c) >= n / 2) & (expected < 5).any(axis=0), 0.5, 0.0)
    else:
        yates = np.zeros_like(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    q = np.where(a * b * c * d == 0, 1.0, q) if correction == "williams" else 1.0
    if measure == "chi2":
        num = n * (np.abs(a * d - b * c) - n * yates) ** 2
        return sign * num / ((a + b) * (c + d) * (a + c) * (b + d)) / q
    # lr: move each cell 0.5 towards independence where Yates applies
    step = np.where(a * d - b * c > 0, -yates, yates)
    aa, bb, cc, dd = a + step, b - step, c - step, d + step
    g2 = 2 * (
        xlogy(aa, aa / ((aa + bb) * (aa + cc) / n))
        + xlogy(bb, bb / ((aa + bb) * (bb + dd) / n))
        + xlogy(cc, cc / ((aa + cc) * (cc + dd) / n))
        + xlogy(dd, dd / ((bb + dd) * (cc + dd) / n))
    )
    return sign * g2 / q


def _names_of(grams, where_: np.ndarray) -> np.ndarray:
    """Term strings for (n, index) columns, built only for the selected terms."""
    out = np.empty(where_.shape[1], dtype=object)
    for n in np.unique(where_[0]):
        cols = where_[0] == n
        out[cols] = grams.names(int(n), where_[1, cols])
    return out


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
    sort: bool = True,
) -> pd.DataFrame:
    """Terms that distinguish a target group's articles from a reference group's.

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
        Which statistic fills ``statistic``/``p_value`` and sets the order (module doc).
    ngram_range : (int, int), default (1, 1)
        ``(1, 2)`` for unigrams and bigrams.
    min_count : int, default 5
        Keep terms occurring at least this often in target and reference together.
        Totals (and the Fightin' Words prior) count every term occurrence of every
        n-gram length in ``ngram_range`` before this filter, as quanteda does with a dfm
        of those n-grams.
    correction : {"default", "yates", "williams", "none"}
        For ``lr`` and ``chi2``, as in quanteda (see the module docstring).
    prior, prior_size, variance
        The Dirichlet prior and variance of :func:`log_odds_dirichlet` (``"pooled"`` =
        target plus reference counts, or a flat float).
    text : str, default "text"
        Text column.
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`framing.text.tokenize`.
    sort : bool, default True
        Sort by ``statistic`` descending (target's most distinctive terms first).

    Returns
    -------
    pandas.DataFrame
        ``term``, ``n_target``, ``n_reference``, ``statistic``, ``p_value``,
        ``log_odds`` and ``z`` (Fightin' Words, always computed). ``attrs`` holds
        ``measure``, ``target``, ``reference``, ``n_docs_target``,
        ``n_docs_reference``, ``n_tokens_target`` and ``n_tokens_reference``.

    Raises
    ------
    ColumnsError
        ``group`` or ``text`` is missing.
    CorpusError
        A target or reference group is not in the data, or the two overlap.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ["talks talks peace", "talks war", "war war tariffs"]})
    >>> k = keyness(df, target="A", measure="chi2", min_count=1, correction="none")
    >>> k[["term", "n_target", "n_reference"]].head(2)
        term  n_target  n_reference
    0  talks         3            0
    1  peace         1            0
    """
    if measure not in ("lr", "chi2", "log_odds"):
        raise ValueError(f"keyness: measure must be 'lr', 'chi2' or 'log_odds', got {measure!r}.")
    if correction not in ("default", "yates", "williams", "none"):
        raise ValueError(
            f"keyness: correction must be 'default', 'yates', 'williams' or 'none', got {correction!r}."
        )
    require_columns(
        corpus, [group, text], where="keyness", hint="Map the text column with text='...'."
    )
    present = sorted(corpus[group].dropna().unique().tolist())
    targets = _as_groups(target, "target", present)
    refs = (
        [g for g in present if g not in targets]
        if reference is None
        else _as_groups(reference, "reference", present)
    )
    overlap = sorted(set(targets) & set(refs))
    if overlap or not refs:
        raise CorpusError(
            f"keyness: target and reference must be different, non-empty groups "
            f"(target {targets}, reference {refs}).",
            field="reference",
            value=overlap or refs,
        )
    is_t = corpus[group].isin(targets).to_numpy()
    is_r = corpus[group].isin(refs).to_numpy()
    keep = is_t | is_r
    lo_n, hi_n = _check_ngram_range(ngram_range, "keyness")
    grams = _Grams(_tokens(corpus.loc[keep, text].tolist(), tokenizer), hi_n)
    in_t = is_t[keep]
    y_t, y_r, where_ = [], [], []
    for n in range(lo_n, hi_n + 1):  # group totals straight from the coded occurrences
        level = grams.levels[n - 1]
        t_occ = in_t[level["doc"]]
        y_t.append(np.bincount(level["code"], weights=t_occ, minlength=level["n_terms"]))
        y_r.append(np.bincount(level["code"], weights=~t_occ, minlength=level["n_terms"]))
        where_.append(np.stack([np.full(level["n_terms"], n), np.arange(level["n_terms"])]))
    y_t, y_r, where_ = np.concatenate(y_t), np.concatenate(y_r), np.concatenate(where_, axis=1)
    total_t, total_r = y_t.sum(), y_r.sum()
    for side, total, names in (("target", total_t, targets), ("reference", total_r, refs)):
        if total == 0:
            raise CorpusError(
                f"keyness: the {side} articles ({names}) have no tokens in column {text!r}.",
                field=text,
                value=names,
            )
    lo = log_odds_dirichlet(y_t, y_r, prior=prior, prior_size=prior_size, variance=variance)
    sel = (y_t + y_r) >= min_count
    a, b = y_t[sel], y_r[sel]
    if measure == "log_odds":
        statistic = lo["z"].to_numpy()[sel]
        p = 2 * stats.norm.sf(np.abs(statistic))
    else:
        statistic = _quanteda_stat(a, b, total_t, total_r, measure, correction)
        p = stats.chi2.sf(np.abs(statistic), 1)
    out = pd.DataFrame(
        {
            "term": _names_of(grams, where_[:, sel]),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "statistic": statistic,
            "p_value": p,
            "log_odds": lo["log_odds"].to_numpy()[sel],
            "z": lo["z"].to_numpy()[sel],
        }
    )
    if sort:
        out = out.sort_values(["statistic", "term"], ascending=[False, True], kind="stable")
        out = out.reset_index(drop=True)
    out.attrs.update(
        measure=measure,
        target=targets,
        reference=refs,
        n_docs_target=int(in_t.sum()),
        n_docs_reference=int((~in_t).sum()),
        n_tokens_target=int(total_t),
        n_tokens_reference=int(total_r),
    )
    return out


def keyness_file(
    path,
    *,
    target,
    reference=None,
    out=None,
    mapping: Mapping[str, str] | None = None,
    **options,
) -> pd.DataFrame:
    """Load a corpus, compute :func:`keyness`, and optionally write the table.

    The one call behind ``framing keyness``.

    Parameters
    ----------
    path : str or Path
        Corpus folder or file, read with :func:`framing.corpus.load_corpus`.
    target, reference
        As in :func:`keyness`.
    out : str or Path, optional
        Write the table to this ``.csv`` or ``.parquet`` file.
    mapping : mapping, optional
        Canonical column -> source field, passed to ``load_corpus``.
    **options
        Further keyword arguments of :func:`keyness` (``group``, ``measure``,
        ``ngram_range``, ``min_count``, ...).

    Returns
    -------
    pandas.DataFrame
        The keyness table.

    Raises
    ------
    ValueError
        ``out`` is neither ``.csv`` nor ``.parquet``.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = [("1", "A", "peace talks resume"), ("2", "B", "tariffs hit trade")]
    >>> _ = (folder / "articles.jsonl").write_text("".join(
    ...     json.dumps({"doc_id": i, "outlet": o, "title": "", "text": t}) + "\\n" for i, o, t in rows))
    >>> k = keyness_file(folder / "articles.jsonl", target="A", min_count=1)
    >>> sorted(k.loc[k.n_target > 0, "term"])
    ['peace', 'resume', 'talks']
    """
    from framing.corpus import load_corpus

    suffix = Path(out).suffix.lower() if out is not None else None
    if suffix not in (None, ".csv", ".parquet"):
        raise ValueError(f"keyness_file: write .csv or .parquet, not {str(out)!r}.")
    corpus = load_corpus(path, mapping=mapping)
    table = keyness(corpus, target=target, reference=reference, **options)
    if suffix == ".csv":
        table.to_csv(out, index=False)
    elif suffix == ".parquet":
        table.to_parquet(out, index=False)
    return table
