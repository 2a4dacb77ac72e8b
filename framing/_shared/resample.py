"""The one resampling engine of the kit, used by :mod:`framing.compare` and
:mod:`framing.classify` alike.

Resample indices are drawn for many resamples at once and turned into a (resamples x
units) weight matrix (:func:`resample_weights`), so every measure of every resample is
one matrix product; blocks of resamples only bound memory. Also here: the ratio
estimator's bootstrap over clusters, percentile, BCa and Wilson intervals, and the
permutation p-value of a difference between two groups (exact when the relabellings are
few). References are in the :mod:`framing.compare` docstring and beside each function.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse, stats

MAX_CELLS = 4_000_000  # bound on a resample block (resamples x clusters) held in memory


def cluster_codes(scores: pd.DataFrame, cluster: str | None) -> np.ndarray:
    """Integer cluster id per article; each article is its own cluster without ``cluster``.

    ``cluster="date"`` clusters by calendar day (UTC); articles with a missing date or
    cluster value become singleton clusters.
    """
    n = len(scores)
    if cluster is None:
        return np.arange(n)
    col = scores[cluster]
    if cluster == "date" or pd.api.types.is_datetime64_any_dtype(col):
        col = pd.to_datetime(col, utc=True).dt.floor("D")
    codes, _ = pd.factorize(col, use_na_sentinel=True)
    missing = codes < 0
    if missing.any():
        codes = codes.copy()
        codes[missing] = codes.max(initial=-1) + 1 + np.arange(int(missing.sum()))
    return codes


def unit_sums(x: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum values and count non-missing values per unit (cluster): two (units x m) arrays."""
    _, inv = np.unique(units, return_inverse=True)
    n_units = int(inv.max()) + 1 if len(inv) else 0
    g = sparse.csr_matrix(
        (np.ones(len(inv)), (inv, np.arange(len(inv)))), shape=(n_units, len(inv))
    )
    mask = ~np.isnan(x)
    return np.asarray(g @ np.where(mask, x, 0.0)), np.asarray(g @ mask.astype(float))


def safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def resample_weights(
    rng: np.random.Generator, n: int, n_boot: int, *, block: int | None = None, dtype=float
) -> Iterator[np.ndarray]:
    """Yield (b, n) arrays: how often each of ``n`` units is drawn in each of ``b`` resamples.

    Blocks of ``block`` resamples (default: as many as fit in ``MAX_CELLS`` weights)
    together make ``n_boot`` resamples; the blocks only bound memory, and a statistic
    that is a weighted sum over units is one matrix product per block.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> [w.sum(axis=1).tolist() for w in resample_weights(rng, 4, 3, block=2)]
    [[4.0, 4.0], [4.0]]
    """
    block = max(1, MAX_CELLS // max(n, 1)) if block is None else block
    done = 0
    while done < n_boot:
        b = min(block, n_boot - done)
        idx = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        yield np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(dtype)
        done += b


def bootstrap_ratios(
    s: np.ndarray, c: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Bootstrap replicates (n_boot x m) of the ratio estimator sum(s)/sum(c) over units."""
    n_u, m = s.shape
    out = np.full((n_boot, m), np.nan)
    if n_u == 0:
        return out
    start = 0
    for w in resample_weights(rng, n_u, n_boot):
        out[start : start + len(w)] = safe_ratio(w @ s, w @ c)
        start += len(w)
    return out


def percentile_bounds(reps: np.ndarray, ok: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(reps.shape[1], np.nan)
    hi = np.full(reps.shape[1], np.nan)
    alpha = 1.0 - ci
    for j in np.flatnonzero(ok):
        col = reps[:, j]
        col = col[~np.isnan(col)]
        if col.size:
            lo[j], hi[j] = np.quantile(col, [alpha / 2, 1 - alpha / 2])
    return lo, hi


def quantile_interval(reps, ci: float, *, min_reps: int = 10) -> tuple[float, float]:
    """Percentile interval of one statistic's replicates; NaN when fewer than
    ``min_reps`` replicates are defined.

    Examples
    --------
    >>> quantile_interval(np.arange(101.0), 0.5)
    (25.0, 75.0)
    >>> quantile_interval([1.0, np.nan], 0.9)
    (nan, nan)
    """
    a = (1 - ci) / 2
    reps = np.asarray(reps, dtype=float)
    ok = reps[~np.isnan(reps)]
    if ok.size < min_reps:
        return np.nan, np.nan
    return float(np.quantile(ok, a)), float(np.quantile(ok, 1 - a))


def bca_bounds(reps, est, s, c, ok, ci) -> tuple[np.ndarray, np.ndarray]:
    """BCa interval bounds per measure (Efron & Tibshirani 1993, eqs. 14.9-14.15)."""
    lo = np.full(reps.shape[1], np.nan)
    hi = np.full(reps.shape[1], np.nan)
    z_alpha = stats.norm.ppf([(1 - ci) / 2, 1 - (1 - ci) / 2])
    tot_s, tot_c = s.sum(axis=0), c.sum(axis=0)
    jack = safe_ratio(tot_s - s, tot_c - c)  # leave one unit out, all units and measures at once
    for j in np.flatnonzero(ok):
        r = reps[~np.isnan(reps[:, j]), j]
        if not r.size:
            continue
        prop = (np.sum(r < est[j]) + 0.5 * np.sum(r == est[j])) / r.size
        z0 = stats.norm.ppf(np.clip(prop, 0.5 / r.size, 1 - 0.5 / r.size))
        jj = jack[(c[:, j] > 0) & ~np.isnan(jack[:, j]), j]
        d = jj.mean() - jj if jj.size else np.zeros(1)
        ss = float((d**2).sum())
        acc = float((d**3).sum()) / (6 * ss**1.5) if ss > 0 else 0.0
        levels = stats.norm.cdf(z0 + (z0 + z_alpha) / (1 - acc * (z0 + z_alpha)))
        lo[j], hi[j] = np.quantile(r, levels)
    return lo, hi


def wilson_bounds(k: np.ndarray, n: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    z = stats.norm.ppf(1 - (1 - ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def permutation_pvalues(s, c, n_a, n_perm, rng, observed):
    """Two-sided permutation p-values for a difference of ratio means, all measures at once.

    Units (clusters) of the two groups are pooled and ``n_a`` of them relabelled as
    group a. When the number of distinct relabellings is at most ``n_perm`` they are
    enumerated exactly (p = share with |diff| >= observed); otherwise ``n_perm`` random
    relabellings give p = (1 + count) / (1 + n_perm) (Phipson, B. & Smyth, G. K. (2010).
    Permutation p-values should never be zero. *Stat. Appl. Genet. Mol. Biol.*, 9(1)).
    """
    n_u, m = s.shape
    tot_s, tot_c = s.sum(axis=0), c.sum(axis=0)
    tol = 1e-9 * np.maximum(np.abs(observed), 1e-12)
    exact = math.comb(n_u, n_a) <= n_perm
    count = np.zeros(m)
    total = 0

    def _tally(a):
        sa, ca = a @ s, a @ c
        d = safe_ratio(sa, ca) - safe_ratio(tot_s - sa, tot_c - ca)
        return (np.abs(d) >= np.abs(observed) - tol).sum(axis=0)

    block = max(1, MAX_CELLS // max(n_u, 1))
    if exact:
        combos = combinations(range(n_u), n_a)
        while True:
            chunk = [list(cmb) for _, cmb in zip(range(block), combos, strict=False)]
            if not chunk:
                break
            a = np.zeros((len(chunk), n_u))
            np.put_along_axis(a, np.array(chunk, dtype=int).reshape(len(chunk), n_a), 1.0, 1)
            count += _tally(a)
            total += len(chunk)
        return count / total
    labels = np.zeros(n_u)
    labels[:n_a] = 1.0
    for start in range(0, n_perm, block):
        b = min(block, n_perm - start)
        a = np.tile(labels, (b, 1))
        rng.permuted(a, axis=1, out=a)  # each row a random relabelling (Fisher-Yates in C)
        count += _tally(a)
    return (1 + count) / (1 + n_perm)
