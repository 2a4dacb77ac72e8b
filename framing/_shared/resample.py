"""The one resampling engine of the kit, used by :mod:`framing.compare` and
:mod:`framing.classify` alike.

Resample indices are drawn for many resamples at once and turned into a (resamples x
units) weight matrix (:func:`resample_weights`), so every measure of every resample is
one matrix product; blocks of resamples only bound memory. Every statistic here is a
*ratio estimator* over units (articles, or clusters of articles): per unit ``s`` (sum of
values) and ``c`` (number, or weight, of articles with a value), estimate
``sum(s) / sum(c)``.

Also here: independent random streams per group (:func:`group_rng`); the linearised
(CR1) standard error of a ratio (:func:`ratio_se`); the studentized (bootstrap-t) and
wild cluster bootstrap-t replicates (:func:`studentized_reps`, :func:`wild_reps`) and
their bounds (:func:`t_bounds`); percentile, BCa and Wilson intervals; MOVER intervals
of differences and sums (:func:`mover_diff`, :func:`mover_mean`); and two-group tests:
the raw permutation test (:func:`permutation_pvalues`, a test of equal distributions),
the studentized Welch permutation test (:func:`welch_permutation_pvalues`), the
bootstrap-t test (:func:`bootstrap_t_test_pvalues`) and the wild cluster bootstrap test
with Webb weights (:func:`wild_test_pvalues`). References are in the :mod:`framing.compare` docstring and beside each function.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from itertools import combinations, product

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
        idx = rng.integers(0, n, size=(b, n), dtype=np.intp)
        idx += (np.arange(b, dtype=np.intp) * n)[:, None]  # in place: no second array
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


def wilson_bounds(
    k: np.ndarray, n: np.ndarray, ci: float, *, z=None
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``k`` successes in ``n``; ``z`` replaces the normal
    quantile of ``ci`` (e.g. a t quantile for an effective sample size)."""
    z = stats.norm.ppf(1 - (1 - ci) / 2) if z is None else np.asarray(z, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def permutation_pvalues(s, c, n_a, n_perm, rng, observed):
    """Two-sided permutation p-values for a difference of ratio means, all measures at once.

    A test of equal distributions: with unequal variances and group sizes it is not a
    valid test of equal means (use :func:`welch_permutation_pvalues`, as
    ``framing.compare.pairwise`` does).

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

    for a in _relabellings(n_u, n_a, n_perm, rng, max(1, MAX_CELLS // max(n_u, 1))):
        count += _tally(a)
        total += len(a)
    if exact:
        return count / total
    return (1 + count) / (1 + n_perm)


# --------------------------------------------------------------------------------------
# Random streams, standard errors, studentized and wild bootstrap, MOVER, two-group tests

#: Webb's six-point weights: mean 0, variance 1, symmetric (Webb, M. D. (2023).
#: Reworking wild bootstrap-based inference for clustered errors. *Canadian Journal of
#: Economics*, 56(3), 839-858); with few clusters they give far more distinct draws than
#: Rademacher's two points.
WEBB_WEIGHTS = np.array(
    [-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)]
)
_BIG = 1e12  # stands in for an infinite t* (a resample without spread)
#: A resample's sum of squares below this share of the terms it is computed from is
#: rounding error, i.e. zero: a resample whose units all hold one value (every drawn
#: article 0, say) has no spread, and its t* is infinite, not 1e8 (see ``_spread``).
_ROUNDING = 1e-10


def group_rng(seed: int | None, *key) -> np.random.Generator:
    """A random stream of its own for one group (outlet, pair, window...).

    The stream is derived from ``seed`` and the group's key (hashed), so a group's
    interval does not depend on which other groups are in the call or in which order
    they come (``numpy.random.SeedSequence`` spawn keys). ``seed=None`` gives fresh
    entropy.

    Examples
    --------
    >>> a = group_rng(0, "CNN").integers(0, 1000, 3)
    >>> b = group_rng(0, "CNN").integers(0, 1000, 3)
    >>> (a == b).all(), (a == group_rng(0, "Fox").integers(0, 1000, 3)).all()
    (np.True_, np.False_)
    """
    if seed is None:
        return np.random.default_rng()
    digest = hashlib.sha256(repr(tuple(str(k) for k in key)).encode("utf-8")).digest()
    words = tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=words))


def ratio_se(s: np.ndarray, c: np.ndarray, est: np.ndarray) -> np.ndarray:
    """Linearised standard error of the ratio ``sum(s) / sum(c)`` over units, per measure.

    ``V = J / (J - 1) * sum_j (s_j - est c_j)^2 / (sum_j c_j)^2`` with ``J`` the units
    with a value (the CR1 cluster-robust variance of a mean; Cameron, A. C. & Miller,
    D. L. (2015). A practitioner's guide to cluster-robust inference. *Journal of Human
    Resources*, 50(2), 317-372). With one article per unit it is ``s^2 / n``. NaN where
    fewer than two units have a value.

    Examples
    --------
    >>> s = np.array([[1.0], [2.0], [3.0]]); c = np.ones((3, 1))
    >>> ratio_se(s, c, np.array([2.0])).round(4).tolist()  # sd 1 over sqrt(3)
    [0.5774]
    """
    active = c > 0
    n_units = active.sum(axis=0)
    tot_c = c.sum(axis=0)
    u = np.where(active, s - est * c, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = n_units / (n_units - 1) * (u**2).sum(axis=0) / tot_c**2
    return np.where((n_units >= 2) & (tot_c > 0), np.sqrt(var), np.nan)


def _spread(ss: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """A sum of squares computed as a difference of larger terms, with rounding error
    set to zero.

    ``ss = sum w (u - d c)^2`` is computed from moments as ``sum w u^2 - 2 d sum w u c
    + d^2 sum w c^2`` (one matrix product for all resamples). For a resample without
    spread the exact value is 0, but the difference leaves rounding error of the size
    of ``1e-16 * scale`` (``scale`` the sum of the terms' absolute values); a t* divided
    by its square root would be finite (about 1e8) and the resample would not count as
    unbounded. Below ``_ROUNDING * scale`` it is zero.

    Examples
    --------
    >>> _spread(np.array([4e-17, 0.5]), np.array([2.0, 2.0])).tolist()
    [0.0, 0.5]
    """
    return np.where(ss <= _ROUNDING * scale, 0.0, ss)


def _t_ratio(d: np.ndarray, var: np.ndarray) -> np.ndarray:
    """``d / sqrt(var)`` where 0/0 is 0 and x/0 is a very large t of x's sign."""
    var = np.maximum(var, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = d / np.sqrt(var)
    t = np.where(var > 0, t, np.where(d > 0, _BIG, np.where(d < 0, -_BIG, 0.0)))
    return np.where(np.isnan(d), np.nan, t)


def studentized_reps(
    s: np.ndarray, c: np.ndarray, est: np.ndarray, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Bootstrap-t replicates ``t* = (est* - est) / se*`` (n_boot x measures).

    Units (articles or clusters) are resampled with replacement; each replicate's
    standard error is :func:`ratio_se` of the resample (Efron & Tibshirani 1993, ch. 12;
    Davison, A. C. & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
    Cambridge, section 5.2). Bounds are :func:`t_bounds`.
    """
    out = np.full((n_boot, s.shape[1]), np.nan)
    start = 0
    for d, var in _studentized_blocks(s, c, est, n_boot, rng):
        out[start : start + len(d)] = _t_ratio(d, var)
        start += len(d)
    return out


def _studentized_blocks(s, c, est, n_boot, rng) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Blocks of ``(est* - est, var*)`` over resamples of the units (nothing without units)."""
    if s.shape[0] == 0:
        return
    u = np.where(c > 0, s - est * c, 0.0)  # centred: better conditioned sums of squares
    # every per-unit quantity in one matrix, so each block is a single matrix product
    stacked = np.hstack([c, u, (c > 0).astype(float), u * u, u * c, c * c])
    for w in resample_weights(rng, s.shape[0], n_boot):
        cb, ub, j, uub, ucb, ccb = np.split(w @ stacked, 6, axis=1)
        d = safe_ratio(ub, cb)  # est* - est
        with np.errstate(invalid="ignore", divide="ignore"):
            ss = _spread(uub - 2 * d * ucb + d**2 * ccb, uub + np.abs(2 * d * ucb) + d**2 * ccb)
            var = np.where(j > 1, j / (j - 1), np.nan) * ss / cb**2
        yield d, var


def bootstrap_t_test_pvalues(
    s_a: np.ndarray,
    c_a: np.ndarray,
    s_b: np.ndarray,
    c_b: np.ndarray,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Two-sided bootstrap-t p-values for ``ratio_a - ratio_b = 0``, all measures at once.

    Each group's units are resampled on their own; every resample's difference is
    centred at the observed one and studentized by its own standard error (the square
    root of the two groups' :func:`ratio_se` squared), and the p-value is the share of
    ``|t*|`` at least the observed ``|t|``, ``(1 + count) / (1 + n_boot)``: the
    symmetric bootstrap-t test of Hall, P. & Wilson, S. R. (1991). Two guidelines for
    bootstrap hypothesis testing. *Biometrics*, 47(2), 757-762. Unlike a permutation
    test it does not assume the groups share a distribution under the null (unequal
    variances, sizes and skewness), and it is the test that agrees with the
    studentized intervals of :func:`studentized_reps`. NaN where a group has fewer
    than two units with a value.
    """
    m = s_a.shape[1]
    parts = []
    for s, c in ((s_a, c_a), (s_b, c_b)):
        est = safe_ratio(s.sum(0), c.sum(0))
        blocks = list(_studentized_blocks(s, c, est, n_boot, rng))
        d = np.vstack([b[0] for b in blocks]) if blocks else np.full((n_boot, m), np.nan)
        v = np.vstack([b[1] for b in blocks]) if blocks else np.full((n_boot, m), np.nan)
        parts.append((est, ratio_se(s, c, est), d, v))
    (ea, se_a, da, va), (eb, se_b, db, vb) = parts
    t_obs = np.abs(_t_ratio(ea - eb, se_a**2 + se_b**2))
    t_star = np.nan_to_num(np.abs(_t_ratio(da - db, va + vb)), nan=0.0)
    tol = 1e-9 * np.maximum(t_obs, 1e-12)
    p = (1 + (t_star >= t_obs - tol).sum(axis=0)) / (1 + n_boot)
    return np.where(np.isnan(t_obs) | np.isnan(se_a) | np.isnan(se_b), np.nan, p)


def wild_reps(
    s: np.ndarray,
    c: np.ndarray,
    est: np.ndarray,
    n_boot: int,
    rng: np.random.Generator,
    weights: np.ndarray = WEBB_WEIGHTS,
) -> np.ndarray:
    """Wild (cluster) bootstrap-t replicates of a ratio (n_boot x measures).

    Each unit's residual ``u_j = s_j - est c_j`` is multiplied by a random weight
    ``v_j`` (Webb's six points by default): ``est* = est + sum v_j u_j / sum c_j``,
    studentized by the CR1 standard error of the bootstrap data (Cameron, Gelbach &
    Miller 2008, the "wild cluster bootstrap-t", unrestricted). The weights are
    symmetric, so the replicates are too: this interval does not follow skewness (see
    :func:`studentized_reps`).
    """
    n_u, m = s.shape
    out = np.full((n_boot, m), np.nan)
    if n_u == 0:
        return out
    active = c > 0
    j = active.sum(axis=0)
    tot_c = c.sum(axis=0)
    u = np.where(active, s - est * c, 0.0)
    uu, uc, cc = u * u, u * c, (c * c).sum(axis=0)
    block = max(1, MAX_CELLS // max(n_u, 1))
    for start in range(0, n_boot, block):
        v = rng.choice(weights, size=(min(block, n_boot - start), n_u))
        d = safe_ratio(v @ u, np.broadcast_to(tot_c, (len(v), m)))
        with np.errstate(invalid="ignore", divide="ignore"):
            vvu, vuc = (v * v) @ uu, v @ uc
            ss = _spread(vvu - 2 * d * vuc + d**2 * cc, vvu + np.abs(2 * d * vuc) + d**2 * cc)
            var = np.where(j > 1, j / (j - 1), np.nan) * ss / tot_c**2
        out[start : start + len(v)] = _t_ratio(d, var)
    return out


def t_bounds(est, se, tstar, ci: float, *, min_reps: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap-t bounds ``[est - q(1 - a/2) se, est - q(a/2) se]`` per measure.

    ``tstar`` holds the replicates of :func:`studentized_reps` or :func:`wild_reps`;
    NaN where ``se`` is NaN, fewer than ``min_reps`` replicates are defined, or a
    quantile falls on a resample without spread (an infinite t*: more than ``a/2`` of
    the resamples hold a single distinct value, so the data cannot bound the estimate -
    with few non-zero rates, say).

    Examples
    --------
    >>> t = np.linspace(-2, 2, 401)[:, None]
    >>> [round(float(v[0]), 2) for v in t_bounds(np.array([1.0]), np.array([0.5]), t, 0.9)]
    [0.1, 1.9]
    """
    est, se = np.asarray(est, float), np.asarray(se, float)
    lo = np.full(est.shape, np.nan)
    hi = np.full(est.shape, np.nan)
    a = (1 - ci) / 2
    for j in np.flatnonzero(~np.isnan(se) & ~np.isnan(est)):
        col = tstar[:, j]
        col = col[~np.isnan(col)]
        if col.size < min_reps:
            continue
        q_lo, q_hi = np.quantile(col, [a, 1 - a])
        if max(abs(q_lo), abs(q_hi)) >= _BIG / 2:
            continue
        lo[j], hi[j] = est[j] - q_hi * se[j], est[j] - q_lo * se[j]
    return lo, hi


def mover_diff(est_a, lo_a, hi_a, est_b, lo_b, hi_b, rho=0.0) -> tuple[np.ndarray, np.ndarray]:
    """Interval of ``a - b`` from intervals of ``a`` and ``b`` (MOVER).

    The method of variance estimates recovery (Zou, G. Y. & Donner, A. (2008).
    Construction of confidence limits about effect measures: A general approach.
    *Statistics in Medicine*, 27(10), 1693-1702): with Wilson intervals it is Newcombe's
    hybrid score interval for a difference of proportions (Newcombe, R. G. (1998).
    Interval estimation for the difference between independent proportions. *Statistics
    in Medicine*, 17(8), 873-890). ``rho`` is the correlation of the two estimates
    (0 for independent samples; positive when outlets share days).

    Examples
    --------
    >>> lo, hi = mover_diff(0.5, 0.3, 0.7, 0.2, 0.1, 0.35)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.05, 0.5236)
    """
    est_a, lo_a, hi_a, est_b, lo_b, hi_b, rho = (
        np.asarray(v, dtype=float) for v in (est_a, lo_a, hi_a, est_b, lo_b, hi_b, rho)
    )
    d = est_a - est_b
    la, ua = est_a - lo_a, hi_a - est_a
    lb, ub = est_b - lo_b, hi_b - est_b
    low = np.sqrt(np.maximum(la**2 + ub**2 - 2 * rho * la * ub, 0.0))
    high = np.sqrt(np.maximum(ua**2 + lb**2 - 2 * rho * ua * lb, 0.0))
    return d - low, d + high


def mover_mean(est, lo, hi, axis: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean of independent estimates and its MOVER interval (Zou & Donner 2008).

    ``mean = sum(est) / K``, ``low = mean - sqrt(sum (est - lo)^2) / K``, ``high`` alike.

    Examples
    --------
    >>> m, lo, hi = mover_mean([1.0, 3.0], [0.0, 2.0], [2.0, 4.0])
    >>> float(m), round(float(lo), 4), round(float(hi), 4)
    (2.0, 1.2929, 2.7071)
    """
    est, lo, hi = (np.asarray(v, dtype=float) for v in (est, lo, hi))
    k = est.shape[axis]
    mean = est.sum(axis=axis) / k
    low = mean - np.sqrt(((est - lo) ** 2).sum(axis=axis)) / k
    high = mean + np.sqrt(((hi - est) ** 2).sum(axis=axis)) / k
    return mean, low, high


def _relabellings(n_u: int, n_a: int, n_perm: int, rng, block: int):
    """Blocks of 0/1 relabellings (rows): every one when they are at most ``n_perm``."""
    if math.comb(n_u, n_a) <= n_perm:
        combos = combinations(range(n_u), n_a)
        while True:
            chunk = [list(cmb) for _, cmb in zip(range(block), combos, strict=False)]
            if not chunk:
                return
            a = np.zeros((len(chunk), n_u))
            np.put_along_axis(a, np.array(chunk, dtype=int).reshape(len(chunk), n_a), 1.0, 1)
            yield a
    else:
        labels = np.zeros(n_u)
        labels[:n_a] = 1.0
        for start in range(0, n_perm, block):
            a = np.tile(labels, (min(block, n_perm - start), 1))
            rng.permuted(a, axis=1, out=a)  # each row a random relabelling
            yield a


def welch_statistic(a: np.ndarray, y: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Welch's t of group a (rows of ``a``: 0/1 labels over units) against the rest.

    ``y`` holds each unit's value (0 where missing) and ``c`` 1 where it has one
    (units x measures). Returns (rows x measures).
    """
    ya, na, qa = a @ y, a @ c, a @ (y * y)
    yb, nb, qb = y.sum(0) - ya, c.sum(0) - na, (y * y).sum(0) - qa
    with np.errstate(invalid="ignore", divide="ignore"):
        ma, mb = ya / na, yb / nb
        va = np.maximum(qa - na * ma**2, 0.0) / (na - 1)
        vb = np.maximum(qb - nb * mb**2, 0.0) / (nb - 1)
        var = va / na + vb / nb
    t = _t_ratio(ma - mb, var)
    return np.where((na >= 2) & (nb >= 2), t, np.nan)


def welch_permutation_pvalues(
    y: np.ndarray, c: np.ndarray, n_a: int, n_perm: int, rng: np.random.Generator
) -> np.ndarray:
    """Two-sided studentized permutation p-values (Welch's t), all measures at once.

    The first ``n_a`` units form group a. Permuting the Welch statistic instead of the
    raw difference keeps the test valid for a difference in means when the groups'
    variances and sizes differ (Janssen, A. (1997). Studentized permutation tests for
    non-i.i.d. hypotheses and the generalized Behrens-Fisher problem. *Statistics &
    Probability Letters*, 36(1), 9-21; Chung, E. & Romano, J. P. (2013). Exact and
    asymptotically robust permutation tests. *Annals of Statistics*, 41(2), 484-507),
    while staying exact under exchangeability. Exact enumeration when the relabellings
    are at most ``n_perm``; otherwise ``(1 + count) / (1 + n_perm)`` (Phipson & Smyth
    2010). NaN where a group has fewer than two values.
    """
    n_u, m = y.shape
    labels = np.zeros((1, n_u))
    labels[0, :n_a] = 1.0
    observed = np.abs(welch_statistic(labels, y, c)[0])
    tol = 1e-9 * np.maximum(observed, 1e-12)
    count, total = np.zeros(m), 0
    exact = math.comb(n_u, n_a) <= n_perm
    for a in _relabellings(n_u, n_a, n_perm, rng, max(1, MAX_CELLS // max(n_u, 1))):
        t = np.nan_to_num(np.abs(welch_statistic(a, y, c)), nan=0.0)
        count += (t >= observed - tol).sum(axis=0)
        total += len(a)
    p = count / total if exact else (1 + count) / (1 + total)
    return np.where(np.isnan(observed), np.nan, p)


def _weight_draws(weights, n_u: int, n_draw: int, rng, exact: bool):
    """Blocks of wild-bootstrap weight vectors: all of them, or ``n_draw`` random ones."""
    if exact:
        yield np.array(list(product(weights, repeat=n_u)))
        return
    block = max(1, MAX_CELLS // max(n_u, 1))
    for start in range(0, n_draw, block):
        yield rng.choice(weights, size=(min(block, n_draw - start), n_u))


def wild_test_pvalues(
    s_a: np.ndarray,
    c_a: np.ndarray,
    s_b: np.ndarray,
    c_b: np.ndarray,
    n_draw: int,
    rng: np.random.Generator,
    weights: np.ndarray = WEBB_WEIGHTS,
) -> np.ndarray:
    """Wild cluster bootstrap p-values for ``ratio_a - ratio_b = 0`` (null imposed).

    Rows are clusters shared by the two groups (a day holds articles of both outlets;
    zeros where a group has none), so one weight per cluster moves both groups together
    and correlation through common days is kept. The statistic is the difference over
    its CR1 standard error; bootstrap data are built from the restricted residuals
    (common ratio under the null) with Webb weights: the WCR bootstrap of Cameron,
    Gelbach & Miller (2008) and MacKinnon, J. G. & Webb, M. D. (2017). Wild bootstrap
    inference for wildly different cluster sizes. *Journal of Applied Econometrics*,
    32(2), 233-254. All ``6^J`` weight vectors are enumerated when there are at most
    ``n_draw``; otherwise ``n_draw`` random ones give ``(1 + count) / (1 + n_draw)``.
    """
    n_u, m = s_a.shape
    tot_a, tot_b = c_a.sum(0), c_b.sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r_a, r_b = s_a.sum(0) / tot_a, s_b.sum(0) / tot_b
        g = (s_a - r_a * c_a) / tot_a - (s_b - r_b * c_b) / tot_b
        active = ((c_a > 0) | (c_b > 0)).sum(0)
        factor = active / (active - 1)
        t_obs = _t_ratio(r_a - r_b, factor * (g**2).sum(0))
        r0 = (s_a.sum(0) + s_b.sum(0)) / (tot_a + tot_b)
        ua, ub = (s_a - r0 * c_a) / tot_a, (s_b - r0 * c_b) / tot_b
        fa, fb = c_a / tot_a, c_b / tot_b
    e = ua - ub
    ee, efa, efb = e * e, e * fa, e * fb
    faa, fbb, fab = (fa * fa).sum(0), (fb * fb).sum(0), (fa * fb).sum(0)
    exact = len(weights) ** n_u <= n_draw
    count, total = np.zeros(m), 0
    tol = 1e-9 * np.maximum(np.abs(t_obs), 1e-12)
    for v in _weight_draws(weights, n_u, n_draw, rng, exact):
        da, db = v @ ua, v @ ub  # est*_a - r0, est*_b - r0
        ss = (v * v) @ ee + da**2 * faa + db**2 * fbb - 2 * da * (v @ efa) + 2 * db * (v @ efb)
        ss = ss - 2 * da * db * fab
        t = np.nan_to_num(np.abs(_t_ratio(da - db, factor * ss)), nan=0.0)
        count += (t >= np.abs(t_obs) - tol).sum(axis=0)
        total += len(v)
    p = count / total if exact else (1 + count) / (1 + total)
    ok = (tot_a > 0) & (tot_b > 0) & (active >= 2) & ~np.isnan(t_obs)
    return np.where(ok, p, np.nan)
