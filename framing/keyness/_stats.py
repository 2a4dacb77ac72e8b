"""Keyness statistics per term: Fightin' Words log-odds, quanteda's chi2 and G2.

Sources and the points where the kit departs from quanteda are in the
:mod:`framing.keyness` docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import xlogy

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


def quanteda_statistic(a, b, total_t, total_r, measure: str, correction: str) -> np.ndarray:
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
