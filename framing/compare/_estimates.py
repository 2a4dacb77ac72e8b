"""Per-group estimates with intervals: :func:`by_outlet`, :func:`over_time`, and the
input checks and estimates table the other comparisons share.

The estimates table has one row per group (and period) and measure: the grouping
column(s), ``measure``, ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import (
    bca_bounds,
    bootstrap_ratios,
    cluster_codes,
    percentile_bounds,
    safe_ratio,
    unit_sums,
    wilson_bounds,
)
from framing.errors import ColumnsError, CorpusError

__all__ = ["by_outlet", "over_time"]


def as_measure_list(measures) -> list[str]:
    if isinstance(measures, str):
        return [measures]
    out = list(measures)
    if not out:
        raise ColumnsError("no measures given: pass at least one measure column.", missing=[])
    return out


def measure_values(scores: pd.DataFrame, measures: list[str], stat: str, where: str) -> np.ndarray:
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


def check_estimate_args(
    n_boot: int, ci: float, method: str, stat: str, cluster, where: str
) -> None:
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


def require_group_keys(scores: pd.DataFrame, keys: list[str], where: str) -> None:
    for key in keys:
        n_missing = int(scores[key].isna().sum())
        if n_missing:
            raise CorpusError(
                f"{where}: {n_missing} row(s) have no value in grouping column {key!r}. "
                "Fill or drop them before comparing (e.g. scores.dropna(subset=[...])).",
                field=key,
                value=n_missing,
            )


def estimate_table(scores, measures, keys, *, stat, n_boot, ci, cluster, seed, method, where):
    """Shared engine of :func:`by_outlet` and :func:`over_time`."""
    x = measure_values(scores, measures, stat, where)
    units = cluster_codes(scores, cluster)
    rng = np.random.default_rng(seed)
    rows = []
    grouped = scores.groupby(keys, sort=True, observed=True).indices
    for key, pos in grouped.items():
        key = key if isinstance(key, tuple) else (key,)
        xs = x[pos]
        n = (~np.isnan(xs)).sum(axis=0)
        s, c = unit_sums(xs, units[pos])
        est = safe_ratio(s.sum(axis=0), c.sum(axis=0))
        n_units = (c > 0).sum(axis=0)
        ok = (n >= 2) & (n_units >= 2)
        if method == "wilson":
            lo, hi = wilson_bounds(np.nansum(xs, axis=0), n.astype(float), ci)
            lo, hi = np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)
        elif method == "bca":
            lo, hi = bca_bounds(bootstrap_ratios(s, c, int(n_boot), rng), est, s, c, ok, ci)
        else:
            lo, hi = percentile_bounds(bootstrap_ratios(s, c, int(n_boot), rng), ok, ci)
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
    out = pd.DataFrame(rows, columns=cols)
    # how the numbers were made, for the methods paragraph of framing.export
    out.attrs["estimator"] = {
        "function": where,
        "group": keys[0],
        "stat": stat,
        "method": method,
        "ci": float(ci),
        "n_boot": None if method == "wilson" else int(n_boot),
        "cluster": cluster,
        "seed": seed,
        "n_rows": len(scores),
    }
    return out


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
    measures = as_measure_list(measures)
    need = [group, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score).")
    check_estimate_args(n_boot, ci, method, stat, cluster, where)
    require_group_keys(scores, [group], where)
    return estimate_table(
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
    freq : {"W", "M", "Q", "Y"}, default "W"
        ``"W"``: weeks Monday-Sunday; ``"M"``: calendar months; ``"Q"``: quarters;
        ``"Y"``: calendar years (long series with few articles per month).
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
    measures = as_measure_list(measures)
    if freq not in ("W", "M", "Q", "Y"):
        raise ValueError(
            f"{where}: freq must be 'W' (week), 'M' (month), 'Q' (quarter) or 'Y' (year), "
            f"got {freq!r}."
        )
    need = [group, date, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="The corpus needs a 'date' column.")
    check_estimate_args(n_boot, ci, method, stat, cluster, where)
    require_group_keys(scores, [group], where)
    when = pd.to_datetime(scores[date], utc=True).dt.tz_localize(None)
    has_date = when.notna().to_numpy()
    sub = scores.loc[has_date].copy()
    sub["period"] = when[has_date].dt.to_period(freq).dt.start_time
    out = estimate_table(
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
