"""Keyness statistics per term: Fightin' Words log-odds, quanteda's chi2 and G2, and the
article-level tests (rank-sum on per-article rates, permutation of article labels).

Sources and the points where the kit departs from quanteda are in the
:mod:`framing.keyness` docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import gammaln, ndtr, xlogy

from framing import _tokens

__all__ = ["log_odds_dirichlet"]


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
    alpha = prior_alpha(ya, yb, prior, prior_size)
    alpha0 = math.fsum(alpha)  # exactly rounded: the same whatever the term order
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


def prior_alpha(ya, yb, prior, prior_size) -> np.ndarray:
    """The prior pseudo-count of every term (see :func:`log_odds_dirichlet`)."""
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
    return alpha


def quanteda_statistic(a, b, total_t, total_r, measure: str, correction: str) -> np.ndarray:
    """Signed chi2 or G2 per term, as quanteda.textstats' keyness.cpp (see module doc)."""
    c, d = total_t - a, total_r - b
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    sign = np.where(a > e11, 1.0, -1.0)
    if correction == "default":
        expected = np.stack(
            [e11, (a + b) * (b + d) / n, (a + c) * (c + d) / n, (c + d) * (b + d) / n]
        )
        yates = np.where((np.abs(a * d - b * c) >= n / 2) & (expected < 5).any(axis=0), 0.5, 0.0)
    elif correction == "yates":  # every table, each cell 0.5 (at most |O - E|) towards E
        yates = np.minimum(0.5, np.abs(a - e11))
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


def fw_z(ya, yb, alpha, na, nb, alpha0):
    """Fightin' Words z (approximate variance), vectorised over any shape.

    ``ya``, ``yb`` are counts (rows: e.g. relabellings), ``na``, ``nb`` the group
    totals (broadcast), ``alpha`` the per-term prior and ``alpha0`` its total: the
    formula of :func:`log_odds_dirichlet` for many count vectors at once.
    """
    delta = (np.log(ya + alpha) - np.log(na + alpha0 - ya - alpha)
             - np.log(yb + alpha) + np.log(nb + alpha0 - yb - alpha))  # fmt: skip
    return delta / np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))


def rank_sum_test(rates: sparse.spmatrix, in_target: np.ndarray, *, row_totals=None,
                  block: int = 2_000_000):  # fmt: skip
    """Two-sided Wilcoxon-Mann-Whitney test per term of per-article rates, vectorised.

    ``rates`` is (articles x terms), sparse (absent terms are rate 0); ``in_target``
    marks the target's articles. With ``row_totals`` (one per article), ``rates`` holds
    counts and an article's rate is its count over its total; articles with a total of
    0 (no tokens, so no counts) are left out of the test. The test compares the distributions of the term's
    rate over target and reference articles: articles are the units, so a word that
    one article repeats twenty times counts as one high rate, not twenty independent
    tokens (Lijffijt, J., Nevalainen, T., Saily, T., Papapetrou, P., Puolamaki, K. &
    Mannila, H. (2016). Significance testing of word frequencies in corpora. *Digital
    Scholarship in the Humanities*, 31(2), 374-397, who recommend it over G2 and chi2).

    The p-value is that of the permutation distribution of the rank sum, computed
    without permuting. Of the ``k`` articles that use a term, the number ``m`` that
    fall in the target is hypergeometric under the null - that part is exact; given
    ``m``, their ranks are a random ``m``-subset of the ``k`` non-zero ranks (the
    articles without the term share one tied rank), whose sum is approximated by a
    normal distribution with the finite-population variance and a continuity
    correction of 0.5. The usual single normal approximation (``scipy.stats.
    mannwhitneyu(method="asymptotic")``) gives far too many tiny p-values for terms
    used in few articles when the groups differ in size (30 against 300 articles: 7-70
    times too many below 0.001 in ``bench/coverage.py``), which a correction over
    thousands of terms then turns into false discoveries.

    Returns
    -------
    p : ndarray
        Two-sided p-values (NaN where every article has the same rate).
    u : ndarray
        The Mann-Whitney U of the target (``U / (n_target n_reference)`` is the
        probability that a target article has the higher rate, ties counting half).
    """
    csc = rates.tocsc() if sparse.issparse(rates) else sparse.csc_matrix(rates)
    if not csc.has_canonical_format or (csc.data == 0).any():  # tidy a copy, not the input
        csc = csc.copy()
        csc.sum_duplicates()
        csc.eliminate_zeros()
    v = csc.shape[1]
    in_target = np.asarray(in_target, dtype=bool)
    used = np.ones(csc.shape[0], dtype=bool) if row_totals is None else np.asarray(row_totals) > 0
    n, n_t = int(used.sum()), int(in_target[used].sum())
    nnz = np.diff(csc.indptr)
    fast = _tokens.matrix_speedups
    if fast is not None:  # the C pass: one sort per term, no temporaries
        w, r_sum, r_ss = np.empty(v), np.empty(v), np.empty(v)
        scale = None if row_totals is None else np.ascontiguousarray(row_totals, dtype=float)
        fast.rank_sums(np.ascontiguousarray(csc.indptr, dtype=np.int64),
                       np.ascontiguousarray(csc.indices), np.ascontiguousarray(csc.data, dtype=float),
                       np.ascontiguousarray(in_target, dtype=np.uint8), n_t, w, r_sum, r_ss, scale,
                       n)  # fmt: skip
    else:
        if row_totals is not None:  # rates of the articles with tokens, rows renumbered
            totals = np.asarray(row_totals, dtype=float)
            row = (np.cumsum(used) - 1)[csc.indices]
            csc = sparse.csc_matrix((csc.data / totals[csc.indices], row, csc.indptr), shape=(n, v))
            in_target = in_target[used]
        w, r_sum, r_ss = _rank_sums(csc, in_target, n_t)
    u = w - n_t * (n_t + 1) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        r_bar = r_sum / nnz
        spread = np.maximum(r_ss - nnz * r_bar**2, 0.0)
    # terms with the same article count and rank statistics (most of them used in one
    # or two articles) have the same p-value: compute it once per distinct combination
    group = pd.DataFrame({"k": nnz, "w": w, "r": r_bar, "s": spread})
    code = group.groupby(list(group.columns), sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(code, return_index=True)[1]
    p = _mixture_pvalues(w[first], nnz[first], r_bar[first], spread[first], n, n_t, block)[code]
    return p, u


def _rank_sums(csc, in_target, n_t):
    """Per term: the target's rank sum, the sum and the sum of squares of the non-zero
    entries' mid-ranks (numpy; ``framing._speedups.rank_sums`` computes the same in C).

    Tie groups without a per-term sort: the distinct rates of the whole matrix are
    numbered in order, and scipy's compressed-column conversion (a counting sort by
    term, indices sorted within each term, duplicates summed) gathers each term's
    distinct rates in order. The summed code counts a group's articles (low 32 bits)
    and its target articles (high bits).
    """
    n, v = csc.shape
    nnz = np.diff(csc.indptr)
    zeros = n - nnz  # per term: articles with rate 0 (one tie group)
    _, level = np.unique(csc.data, return_inverse=True)
    code = np.where(in_target[csc.indices], np.int64(1) << 32, np.int64(0)) + 1
    col = np.repeat(np.arange(v), nnz)
    ties = sparse.csc_matrix((code, (level.ravel(), col)), shape=(int(level.max(initial=0)) + 1, v))
    ties.sum_duplicates()
    size = (ties.data & 0xFFFFFFFF).astype(float)  # articles per tie group
    in_t = (ties.data >> 32).astype(float)  # target articles per tie group
    gcol = np.repeat(np.arange(v), np.diff(ties.indptr))
    upto = np.cumsum(size)
    before = upto - size - np.append(0.0, upto)[ties.indptr[:-1]][gcol]  # earlier in the term
    rank = zeros[gcol] + before + (size + 1) / 2.0  # mid-rank, above the term's zeros
    w = np.bincount(gcol, weights=rank * in_t, minlength=v)
    nz_t = np.bincount(gcol, weights=in_t, minlength=v)
    w += (n_t - nz_t) * (zeros + 1) / 2.0
    r_sum = np.bincount(gcol, weights=rank * size, minlength=v)
    r_ss = np.bincount(gcol, weights=rank * rank * size, minlength=v)
    return w, r_sum, r_ss


_CONTINUITY = 0.5  # as scipy.stats.mannwhitneyu(use_continuity=True)


def _mixture_pvalues(w, k, r_bar, spread, n, n_t, block):
    """Two-sided p of rank sums ``w`` under the hypergeometric-normal mixture (above)."""
    z = n - k
    expected = n_t * (n + 1) / 2.0
    d = np.abs(w - expected)
    lo_m = np.maximum(0, n_t - z)
    hi_m = np.minimum(k, n_t)
    mean_m = k * n_t / n
    sd_m = np.sqrt(np.maximum(mean_m * (1 - n_t / n) * (n - k) / max(n - 1, 1), 0.0))
    # counts m within 7 sd (+4) of their mean: the hypergeometric mass left out is below
    # about 1e-10, so p-values are exact to that (smaller ones come out smaller still)
    lo_m = np.maximum(lo_m, np.floor(mean_m - 7 * sd_m - 4)).astype(np.int64)
    hi_m = np.minimum(hi_m, np.ceil(mean_m + 7 * sd_m + 4)).astype(np.int64)
    log_fact = gammaln(np.arange(n + 1) + 1.0)  # log m! for the hypergeometric pmf
    log_total = log_fact[n] - log_fact[n_t] - log_fact[n - n_t]
    width = hi_m - lo_m + 1
    p = np.full(len(w), np.nan)
    # buckets of similar widths (steps of 2^(1/4)), each padded to its largest member
    pad = np.ceil(2 ** (np.ceil(4 * np.log2(np.maximum(width, 1))) / 4)).astype(np.int64)
    for size in np.unique(pad):
        members = np.flatnonzero(pad == size)
        step = max(1, block // int(size))
        for start in range(0, len(members), step):
            idx = members[start : start + step]
            p[idx] = _mixture_block(idx, int(size), lo_m, hi_m, k, z, r_bar, spread, d,
                                    expected, n_t, log_fact, log_total)  # fmt: skip
    return np.where(k > 0, p, np.nan)


def _mixture_block(idx, size, lo_m, hi_m, k, z, r_bar, spread, d, expected, n_t, log_fact,
                   log_total):  # fmt: skip
    """The mixture p-values of the terms ``idx``, their ``m`` padded to ``size`` values."""
    ms = lo_m[idx, None] + np.arange(size)[None, :]
    inside = ms <= hi_m[idx, None]
    kk, zz = k[idx, None], z[idx, None]
    mm = np.where(inside, ms, lo_m[idx, None])  # padding: any valid m, weighted 0 below
    log_pmf = (log_fact[kk] - log_fact[mm] - log_fact[kk - mm] + log_fact[zz]
               - log_fact[n_t - mm] - log_fact[zz - n_t + mm] - log_total)  # fmt: skip
    pmf = np.where(inside, np.exp(log_pmf), 0.0)
    mu = mm * r_bar[idx, None] + (n_t - mm) * (zz + 1) / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(kk > 1, mm * (kk - mm) / (kk * (kk - 1.0)) * spread[idx, None], 0.0)
        sd = np.sqrt(np.maximum(var, 0.0))
        top = expected + d[idx, None]
        bottom = expected - d[idx, None]
        up = np.where(sd > 0, ndtr((mu - top + _CONTINUITY) / sd), mu >= top - 1e-9)
        down = np.where(sd > 0, ndtr((bottom + _CONTINUITY - mu) / sd), mu <= bottom + 1e-9)
    return np.minimum(1.0, (pmf * (up + down)).sum(axis=1))


def permutation_test(counts, doc_totals, in_target, statistic, observed, n_perm, rng):
    """Two-sided p-values of a keyness statistic under random relabelling of articles.

    ``counts`` is (articles x terms), ``doc_totals`` each article's count of all terms
    (the group totals of the statistic), ``statistic(y_t, y_r, tot_t, tot_r)`` maps blocks
    of target/reference counts (rows: relabellings) to statistics. p = ``(1 + k) / (1 +
    n_perm)`` with k the relabellings whose ``|statistic|`` reaches the observed
    (Phipson & Smyth 2010): exact under exchangeable articles, but never below
    ``1 / (1 + n_perm)``.
    """
    csr = sparse.csr_matrix(counts, dtype=float)
    total = np.asarray(csr.sum(axis=0)).ravel()
    tok = np.asarray(doc_totals, dtype=float)
    n = csr.shape[0]
    count = np.zeros(csr.shape[1])
    block = max(1, min(n_perm, 4_000_000 // max(csr.shape[1], 1)))
    labels = np.zeros(n)
    labels[: int(in_target.sum())] = 1.0
    ref = np.abs(observed) - 1e-9 * np.maximum(np.abs(observed), 1e-12)
    for start in range(0, n_perm, block):
        lab = np.tile(labels, (min(block, n_perm - start), 1))
        rng.permuted(lab, axis=1, out=lab)
        y_t = np.asarray((csr.T @ lab.T).T)
        tot_t = (lab @ tok)[:, None]
        stat = statistic(y_t, total - y_t, tot_t, tok.sum() - tot_t)
        count += (np.abs(np.nan_to_num(stat)) >= ref).sum(axis=0)
    return (1 + count) / (1 + n_perm)
