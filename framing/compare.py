"""Outlet comparisons with uncertainty: per-outlet estimates, pairwise tests, time series.

Every function here takes a per-article score table (one row per article: ``doc_id``,
the grouping column such as ``outlet``, ``date``, metadata, and numeric measure columns
such as ``conflict_per_1k`` or ``conflict_any``) and returns an *estimates* table.

Statistics
----------
* ``stat="mean"`` estimates the mean of a measure over articles (e.g. the mean rate per
  1,000 tokens); ``stat="share"`` estimates the share of articles where the measure is
  greater than zero (a frame occurs at least once).
* Intervals are nonparametric bootstrap percentile intervals (Efron, B. & Tibshirani,
  R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall, ch. 6 and 13).
  Articles are resampled with replacement within each group; a measure that is missing
  (NaN) for an article is ignored for that measure only, so its ``n_docs`` counts the
  articles with a value.
* With ``cluster=`` the resampling unit is a cluster of articles (a day with
  ``cluster="date"``, or any column such as an event id): clusters are resampled with
  replacement within each group and keep all their articles (the cluster bootstrap of
  Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B*, 69(3),
  369-390; see also Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008).
  Bootstrap-based improvements for inference with clustered errors. *Review of
  Economics and Statistics*, 90(3), 414-427). Articles covering the same day or event
  are correlated, and ignoring that makes intervals too narrow.
* ``method="bca"`` gives bias-corrected and accelerated (BCa) intervals (Efron &
  Tibshirani 1993, ch. 14; the acceleration from the jackknife, leaving out one article,
  or one cluster, at a time), which cover better than percentile intervals for skewed
  measures such as rare-frame rates.
* ``method="wilson"`` (shares only) gives the analytic Wilson score interval (Wilson,
  E. B. (1927). Probable inference, the law of succession, and statistical inference.
  *JASA*, 22(158), 209-212) instead of the bootstrap.
* The bootstrap is vectorised: resample indices are drawn for many resamples at once
  and turned into a (resamples x clusters) weight matrix, so every measure of every
  resample is one matrix product. Work is split into blocks of resamples only to bound
  memory, never looped per resample.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse, stats

from framing._checks import require_columns
from framing.errors import ColumnsError, CorpusError

__all__ = ["by_outlet", "pairwise", "over_time", "load_events", "adjust_pvalues"]

_MAX_CELLS = 4_000_000  # bound on a resample block (resamples x clusters) held in memory


# --------------------------------------------------------------------------- helpers
def _as_list(measures) -> list[str]:
    if isinstance(measures, str):
        return [measures]
    out = list(measures)
    if not out:
        raise ColumnsError("no measures given: pass at least one measure column.", missing=[])
    return out


def _values(scores: pd.DataFrame, measures: list[str], stat: str, where: str) -> np.ndarray:
    """Return the (articles x measures) float matrix; shares become 0/1 with NaN kept."""
    if stat not in ("mean", "share"):
        raise ValueError(f"{where}: stat must be 'mean' or 'share', got {stat!r}.")
    cols = []
    for m in measures:
        col = scores[m]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            raise ColumnsError(
                f"{where}: measure column {m!r} is not numeric (dtype {col.dtype}). "
                "Pass numeric score columns such as 'conflict_per_1k' or 'conflict_any'.",
                missing=[],
                field=m,
                value=str(col.dtype),
            )
        cols.append(pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan))
    x = np.column_stack(cols) if cols else np.empty((len(scores), 0))
    if stat == "share":
        x = np.where(np.isnan(x), np.nan, (x > 0).astype(float))
    return x


def _cluster_codes(scores: pd.DataFrame, cluster: str | None) -> np.ndarray:
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


def _unit_sums(x: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum values and count non-missing values per unit (cluster): two (units x m) arrays."""
    _, inv = np.unique(units, return_inverse=True)
    n_units = int(inv.max()) + 1 if len(inv) else 0
    g = sparse.csr_matrix(
        (np.ones(len(inv)), (inv, np.arange(len(inv)))), shape=(n_units, len(inv))
    )
    mask = ~np.isnan(x)
    return np.asarray(g @ np.where(mask, x, 0.0)), np.asarray(g @ mask.astype(float))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _boot(s: np.ndarray, c: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap replicates (n_boot x m) of the ratio estimator sum(s)/sum(c) over units."""
    n_u, m = s.shape
    out = np.full((n_boot, m), np.nan)
    if n_u == 0:
        return out
    block = max(1, _MAX_CELLS // n_u)
    for start in range(0, n_boot, block):  # blocks bound memory; each holds many resamples
        b = min(block, n_boot - start)
        idx = rng.integers(0, n_u, size=(b, n_u)) + (np.arange(b) * n_u)[:, None]
        w = np.bincount(idx.ravel(), minlength=b * n_u).reshape(b, n_u).astype(float)
        out[start : start + b] = _ratio(w @ s, w @ c)
    return out


def _percentile(reps: np.ndarray, ok: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(reps.shape[1], np.nan)
    hi = np.full(reps.shape[1], np.nan)
    alpha = 1.0 - ci
    for j in np.flatnonzero(ok):
        col = reps[:, j]
        col = col[~np.isnan(col)]
        if col.size:
            lo[j], hi[j] = np.quantile(col, [alpha / 2, 1 - alpha / 2])
    return lo, hi


def _bca(reps, est, s, c, ok, ci) -> tuple[np.ndarray, np.ndarray]:
    """BCa interval bounds per measure (Efron & Tibshirani 1993, eqs. 14.9-14.15)."""
    lo = np.full(reps.shape[1], np.nan)
    hi = np.full(reps.shape[1], np.nan)
    z_alpha = stats.norm.ppf([(1 - ci) / 2, 1 - (1 - ci) / 2])
    tot_s, tot_c = s.sum(axis=0), c.sum(axis=0)
    jack = _ratio(tot_s - s, tot_c - c)  # leave one unit out, all units and measures at once
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


def _wilson(k: np.ndarray, n: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    z = stats.norm.ppf(1 - (1 - ci) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def _check_args(n_boot: int, ci: float, method: str, stat: str, cluster, where: str) -> None:
    if not 0 < ci < 1:
        raise ValueError(f"{where}: ci must be between 0 and 1 (e.g. 0.95), got {ci!r}.")
    if int(n_boot) < 1:
        raise ValueError(f"{where}: n_boot must be a positive integer, got {n_boot!r}.")
    if method not in ("percentile", "bca", "wilson"):
        raise ValueError(
            f"{where}: method must be 'percentile', 'bca' or 'wilson', got {method!r}."
        )
    if method == "wilson" and (stat != "share" or cluster is not None):
        raise ValueError(
            f"{where}: method='wilson' is the analytic interval for a share of independent "
            "articles; use it with stat='share' and cluster=None (or use method='percentile')."
        )


def _require_keys(scores: pd.DataFrame, keys: list[str], where: str) -> None:
    for key in keys:
        n_missing = int(scores[key].isna().sum())
        if n_missing:
            raise CorpusError(
                f"{where}: {n_missing} row(s) have no value in grouping column {key!r}. "
                "Fill or drop them before comparing (e.g. scores.dropna(subset=[...])).",
                field=key,
                value=n_missing,
            )


def _estimate_table(scores, measures, keys, *, stat, n_boot, ci, cluster, seed, method, where):
    """Shared engine of :func:`by_outlet` and :func:`over_time`."""
    x = _values(scores, measures, stat, where)
    units = _cluster_codes(scores, cluster)
    rng = np.random.default_rng(seed)
    rows = []
    grouped = scores.groupby(keys, sort=True, observed=True).indices
    for key, pos in grouped.items():
        key = key if isinstance(key, tuple) else (key,)
        xs = x[pos]
        n = (~np.isnan(xs)).sum(axis=0)
        s, c = _unit_sums(xs, units[pos])
        est = _ratio(s.sum(axis=0), c.sum(axis=0))
        n_units = (c > 0).sum(axis=0)
        ok = (n >= 2) & (n_units >= 2)
        if method == "wilson":
            lo, hi = _wilson(np.nansum(xs, axis=0), n.astype(float), ci)
            lo, hi = np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)
        elif method == "bca":
            lo, hi = _bca(_boot(s, c, int(n_boot), rng), est, s, c, ok, ci)
        else:
            lo, hi = _percentile(_boot(s, c, int(n_boot), rng), ok, ci)
        for j, measure in enumerate(measures):
            note = ""
            if n[j] == 0:
                note = "no non-missing values"
            elif n[j] < 2:
                note = "n_docs < 2: no interval"
            elif n_units[j] < 2:
                note = "fewer than 2 clusters: no interval"
            row = dict(zip(keys, key, strict=True))
            row.update(
                measure=measure,
                estimate=est[j],
                ci_low=lo[j],
                ci_high=hi[j],
                n_docs=int(n[j]),
            )
            if cluster is not None:
                row["n_clusters"] = int(n_units[j])
            row.update(stat=stat, method=method, note=note)
            rows.append(row)
    cols = [*keys, "measure", "estimate", "ci_low", "ci_high", "n_docs"]
    cols += (["n_clusters"] if cluster is not None else []) + ["stat", "method", "note"]
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- public
def by_outlet(
    scores: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    group: str = "outlet",
    stat: str = "mean",
    n_boot: int = 2000,
    ci: float = 0.95,
    cluster: str | None = None,
    seed: int | None = 0,
    method: str = "percentile",
) -> pd.DataFrame:
    """Estimate each measure per outlet (or other group) with a confidence interval.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per article with the column ``group``, the ``measures`` and, when
        clustering, the ``cluster`` column (``date`` for ``cluster="date"``).
    measures : str or sequence of str
        Numeric measure columns, e.g. ``["conflict_per_1k", "economic_per_1k"]``.
    group : str, default "outlet"
        Grouping column (``outlet``, ``outlet_type``, ``outlet_lean``, ...). The output
        column is named after it.
    stat : {"mean", "share"}
        ``"mean"``: mean over articles. ``"share"``: share of articles with a value > 0.
    n_boot : int, default 2000
        Bootstrap resamples.
    ci : float, default 0.95
        Confidence level.
    cluster : str, optional
        Resample clusters instead of articles: ``"date"`` (calendar day, UTC) or any
        column (e.g. an event id). Missing cluster values are singleton clusters.
    seed : int or None, default 0
        Seed of the random generator; the same seed gives identical intervals.
    method : {"percentile", "bca", "wilson"}
        Bootstrap percentile interval, bias-corrected and accelerated bootstrap interval,
        or the Wilson score interval (``stat="share"`` without ``cluster`` only).

    Returns
    -------
    pandas.DataFrame
        The estimates table: ``<group>``, ``measure``, ``estimate``, ``ci_low``,
        ``ci_high``, ``n_docs`` (articles with a value for that measure), then
        ``n_clusters`` (with ``cluster``), ``stat``, ``method`` and ``note`` (why an
        interval is missing, e.g. ``"n_docs < 2: no interval"``; empty otherwise).
        Rows are sorted by group, measures keep the order given.

    Raises
    ------
    ColumnsError
        A needed column is missing or a measure is not numeric.
    CorpusError
        A row has no value in the grouping column.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "conflict_any": [1, 0, 1, 1]})
    >>> t = by_outlet(s, "conflict_any", stat="share", n_boot=200)
    >>> t[["outlet", "measure", "estimate", "n_docs"]]
      outlet       measure  estimate  n_docs
    0      A  conflict_any       0.5       2
    1      B  conflict_any       1.0       2
    """
    where = "by_outlet"
    measures = _as_list(measures)
    need = [group, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score).")
    _check_args(n_boot, ci, method, stat, cluster, where)
    _require_keys(scores, [group], where)
    return _estimate_table(
        scores,
        measures,
        [group],
        stat=stat,
        n_boot=n_boot,
        ci=ci,
        cluster=cluster,
        seed=seed,
        method=method,
        where=where,
    )


def adjust_pvalues(p: Sequence[float], method: str = "holm") -> np.ndarray:
    """Adjust a family of p-values for multiple testing; NaN entries are left out.

    ``"holm"``: Holm, S. (1979). A simple sequentially rejective multiple test
    procedure. *Scandinavian Journal of Statistics*, 6(2), 65-70 (controls the
    family-wise error rate). ``"bh"``: Benjamini, Y. & Hochberg, Y. (1995). Controlling
    the false discovery rate. *JRSS B*, 57(1), 289-300.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues([0.01, 0.04, 0.03], "bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q, kind="stable")
    ranked = q[order]
    if method == "holm":
        adj = np.maximum.accumulate(np.minimum(1.0, (m - np.arange(m)) * ranked))
    elif method == "bh":
        adj = np.minimum.accumulate((m / np.arange(1, m + 1) * ranked)[::-1])[::-1]
        adj = np.minimum(adj, 1.0)
    else:
        raise ValueError(f"adjust_pvalues: method must be 'holm' or 'bh', got {method!r}.")
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


def _perm_pvalue(s, c, n_a, n_perm, rng, observed):
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
        d = _ratio(sa, ca) - _ratio(tot_s - sa, tot_c - ca)
        return (np.abs(d) >= np.abs(observed) - tol).sum(axis=0)

    block = max(1, _MAX_CELLS // max(n_u, 1))
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


def pairwise(
    scores: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    group: str = "outlet",
    pairs: Sequence[tuple[str, str]] | None = None,
    stat: str = "mean",
    n_boot: int = 2000,
    n_perm: int = 5000,
    ci: float = 0.95,
    cluster: str | None = None,
    seed: int | None = 0,
    adjust: Sequence[str] = ("holm", "bh"),
) -> pd.DataFrame:
    """Compare groups two by two: differences, bootstrap CIs, permutation tests, effect sizes.

    For each pair (a, b) and measure: ``diff = estimate_a - estimate_b`` with a bootstrap
    percentile interval (each group resampled independently, clustered when ``cluster``
    is set, as in :func:`by_outlet`), a two-sided permutation p-value (articles, or
    whole clusters, relabelled between a and b; exact enumeration when there are at most
    ``n_perm`` distinct relabellings), and p-values adjusted by Holm and by
    Benjamini-Hochberg over the **family of every pair x measure in this call** (see
    :func:`adjust_pvalues`). Effect sizes follow Cohen, J. (1988). *Statistical Power
    Analysis for the Behavioral Sciences* (2nd ed.): Cohen's d (difference of means over
    the pooled standard deviation) for ``stat="mean"`` and Cohen's h
    (``2 asin sqrt(p_a) - 2 asin sqrt(p_b)``) for ``stat="share"``.

    Parameters
    ----------
    scores, measures, group, stat, n_boot, ci, cluster, seed
        As in :func:`by_outlet`.
    pairs : sequence of (str, str), optional
        The pairs to compare; default every pair of groups in sorted order.
    n_perm : int, default 5000
        Random relabellings per pair (or the exact enumeration when smaller).
    adjust : sequence of {"holm", "bh"}, default ("holm", "bh")
        Adjusted p-values to add, one column ``p_<method>`` each.

    Returns
    -------
    pandas.DataFrame
        ``group_a``, ``group_b``, ``measure``, ``diff``, ``ci_low``, ``ci_high``,
        ``p_value``, ``p_holm``, ``p_bh`` (per ``adjust``), ``effect_size``, ``effect_size_kind``
        (``"cohen_d"`` or ``"cohen_h"``), ``n_a``, ``n_b`` (articles with a value).

    Raises
    ------
    ColumnsError
        A needed column is missing or a measure is not numeric.
    CorpusError
        A pair names a group that is not in the data.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": list("AAABBB"), "rate": [1.0, 2, 3, 4, 5, 6]})
    >>> r = pairwise(s, "rate", n_boot=200)
    >>> r[["group_a", "group_b", "diff", "p_value", "n_a", "n_b"]]
      group_a group_b  diff  p_value  n_a  n_b
    0       A       B  -3.0      0.1    3    3
    """
    where = "pairwise"
    measures = _as_list(measures)
    adjust = [adjust] if isinstance(adjust, str) else list(adjust)
    for how in adjust:
        if how not in ("holm", "bh"):
            raise ValueError(f"{where}: adjust takes 'holm' and/or 'bh', got {how!r}.")
    need = [group, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score).")
    _check_args(n_boot, ci, "percentile", stat, cluster, where)
    _require_keys(scores, [group], where)
    x = _values(scores, measures, stat, where)
    units = _cluster_codes(scores, cluster)
    index = scores.groupby(group, sort=True, observed=True).indices
    if pairs is None:
        pairs = list(combinations(sorted(index), 2))
    for pair in pairs:
        for g in pair:
            if g not in index:
                raise CorpusError(
                    f"{where}: group {g!r} from pairs is not in column {group!r} "
                    f"(groups present: {sorted(index)}).",
                    field=group,
                    value=g,
                )
    rng = np.random.default_rng(seed)
    cache = {}
    for g in sorted({g for pair in pairs for g in pair}):
        pos = index[g]
        s, c = _unit_sums(x[pos], units[pos])
        cache[g] = dict(
            s=s, c=c, est=_ratio(s.sum(0), c.sum(0)), reps=_boot(s, c, int(n_boot), rng), x=x[pos]
        )
    rows = []
    for ga, gb in pairs:
        a, b = cache[ga], cache[gb]
        diff = a["est"] - b["est"]
        n_a = (~np.isnan(a["x"])).sum(0)
        n_b = (~np.isnan(b["x"])).sum(0)
        ok = (n_a >= 2) & (n_b >= 2)
        lo, hi = _percentile(a["reps"] - b["reps"], ok, ci)
        s = np.vstack([a["s"], b["s"]])
        c = np.vstack([a["c"], b["c"]])
        p = _perm_pvalue(s, c, a["s"].shape[0], int(n_perm), rng, diff)
        p = np.where(ok & ~np.isnan(diff), p, np.nan)
        if stat == "share":
            with np.errstate(invalid="ignore"):
                eff = 2 * np.arcsin(np.sqrt(a["est"])) - 2 * np.arcsin(np.sqrt(b["est"]))
            kind = "cohen_h"
        else:
            eff = _cohen_d(a["x"], b["x"], diff)
            kind = "cohen_d"
        for j, measure in enumerate(measures):
            rows.append(
                dict(
                    group_a=ga,
                    group_b=gb,
                    measure=measure,
                    diff=diff[j],
                    ci_low=lo[j],
                    ci_high=hi[j],
                    p_value=p[j],
                    effect_size=eff[j],
                    effect_size_kind=kind,
                    n_a=int(n_a[j]),
                    n_b=int(n_b[j]),
                )
            )
    out = pd.DataFrame(
        rows,
        columns=[
            "group_a", "group_b", "measure", "diff", "ci_low", "ci_high", "p_value",
            "effect_size", "effect_size_kind", "n_a", "n_b",
        ],
    )  # fmt: skip
    for k, how in enumerate(adjust):
        out.insert(7 + k, f"p_{how}", adjust_pvalues(out["p_value"].to_numpy(), how))
    return out


def _cohen_d(xa: np.ndarray, xb: np.ndarray, diff: np.ndarray) -> np.ndarray:
    """Cohen's d per column with the pooled (n - 1) standard deviation, NaN-aware."""
    na = (~np.isnan(xa)).sum(0)
    nb = (~np.isnan(xb)).sum(0)
    d = np.full(diff.shape, np.nan)
    for j in np.flatnonzero((na >= 2) & (nb >= 2)):
        va = np.var(xa[~np.isnan(xa[:, j]), j], ddof=1)
        vb = np.var(xb[~np.isnan(xb[:, j]), j], ddof=1)
        pooled = math.sqrt(((na[j] - 1) * va + (nb[j] - 1) * vb) / (na[j] + nb[j] - 2))
        d[j] = diff[j] / pooled if pooled > 0 else np.nan
    return d


def over_time(
    scores: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    freq: str = "W",
    group: str = "outlet",
    date: str = "date",
    stat: str = "mean",
    n_boot: int = 2000,
    ci: float = 0.95,
    cluster: str | None = None,
    seed: int | None = 0,
    method: str = "percentile",
) -> pd.DataFrame:
    """Per-period (weekly or monthly) estimates per group, with confidence intervals.

    Parameters
    ----------
    scores : pandas.DataFrame
        As in :func:`by_outlet`, plus the ``date`` column (datetime; time zones are
        converted to UTC). Articles without a date are left out and counted in
        ``result.attrs["n_no_date"]``.
    freq : {"W", "M"}, default "W"
        ``"W"``: weeks Monday-Sunday; ``"M"``: calendar months.
    date : str, default "date"
        The date column.
    measures, group, stat, n_boot, ci, cluster, seed, method
        As in :func:`by_outlet`.

    Returns
    -------
    pandas.DataFrame
        The estimates table of :func:`by_outlet` with a ``period`` column (the period's
        first day, a naive UTC timestamp) after the group column.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": ["A"] * 3, "rate": [1.0, 3.0, 5.0],
    ...                   "date": pd.to_datetime(["2025-06-02", "2025-06-04", "2025-06-10"], utc=True)})
    >>> over_time(s, "rate", n_boot=100)[["outlet", "period", "estimate", "n_docs"]]
      outlet     period  estimate  n_docs
    0      A 2025-06-02       2.0       2
    1      A 2025-06-09       5.0       1
    """
    where = "over_time"
    measures = _as_list(measures)
    if freq not in ("W", "M"):
        raise ValueError(f"{where}: freq must be 'W' (weekly) or 'M' (monthly), got {freq!r}.")
    need = [group, date, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="The corpus needs a 'date' column.")
    _check_args(n_boot, ci, method, stat, cluster, where)
    _require_keys(scores, [group], where)
    when = pd.to_datetime(scores[date], utc=True).dt.tz_localize(None)
    has_date = when.notna().to_numpy()
    sub = scores.loc[has_date].copy()
    sub["period"] = when[has_date].dt.to_period(freq).dt.start_time
    out = _estimate_table(
        sub,
        measures,
        [group, "period"],
        stat=stat,
        n_boot=n_boot,
        ci=ci,
        cluster=cluster,
        seed=seed,
        method=method,
        where=where,
    )
    out.attrs["n_no_date"] = int((~has_date).sum())
    return out


def load_events(path: str | Path) -> pd.DataFrame:
    """Read an events file (``corpora/<name>/events.yaml``) into a table.

    The file holds ``events: [{id, date, label, topic}, ...]``; further keys are kept as
    columns.

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``date`` (datetime64[ns, UTC]), ``label``, ``topic`` and any extra keys,
        sorted by date.

    Raises
    ------
    CorpusError
        The file is not a mapping with an ``events`` list, an entry is not a mapping, a
        required key is missing, or a date does not parse (names ``path``, ``entry``
        (0-based index), ``field`` and ``value``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "events.yaml"
    >>> _ = p.write_text("events:\\n  - {id: e1, date: 2025-07-10, label: Talks, topic: t}\\n")
    >>> load_events(p)[["id", "label"]]
       id  label
    0  e1  Talks
    """
    import yaml

    class _Loader(yaml.SafeLoader):
        """Keep dates as text so a bad date is reported with its entry, not by YAML."""

    _Loader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda ld, node: ld.construct_scalar(node)
    )
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe subclass)
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML ({exc}).", path=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise CorpusError(
            f"{path}: expected a mapping with an 'events' list "
            "(events: [{id, date, label, topic}, ...]).",
            path=str(path),
            field="events",
            value=type(data).__name__ if not isinstance(data, dict) else data.get("events"),
        )
    rows = []
    for i, entry in enumerate(data["events"]):
        if not isinstance(entry, dict):
            raise CorpusError(
                f"{path}: events entry {i} is not a mapping (got {entry!r}).",
                path=str(path), entry=i, field=None, value=entry,
            )  # fmt: skip
        for key in ("id", "date", "label", "topic"):
            if entry.get(key) in (None, ""):
                raise CorpusError(
                    f"{path}: events entry {i}: field {key!r} is missing "
                    f"(fields present: {sorted(entry)}). Add '{key}: ...' to the entry.",
                    path=str(path), entry=i, field=key, value=None,
                )  # fmt: skip
        try:
            when = pd.Timestamp(str(entry["date"]))
        except (ValueError, TypeError) as exc:
            raise CorpusError(
                f"{path}: events entry {i} ({entry['id']!r}): field 'date' has "
                f"{entry['date']!r}, not a date. Write it as YYYY-MM-DD.",
                path=str(path), entry=i, field="date", value=entry["date"],
            ) from exc  # fmt: skip
        when = when.tz_localize("UTC") if when.tzinfo is None else when.tz_convert("UTC")
        rows.append({**entry, "date": when})
    cols = ["id", "date", "label", "topic"]
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="datetime64[ns, UTC]" if c == "date" else object) for c in cols}
        )
    out["date"] = pd.to_datetime(out["date"], utc=True).astype("datetime64[ns, UTC]")
    extra = [c for c in out.columns if c not in cols]
    return out[cols + extra].sort_values("date", kind="stable").reset_index(drop=True)
