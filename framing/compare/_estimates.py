"""Per-group estimates with intervals: :func:`by_outlet`, :func:`over_time`, and the
input checks and estimates table the other comparisons share.

The estimates table has one row per group (and period) and measure: the grouping
column(s), ``measure``, ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import cluster_codes, group_rng
from framing.compare._intervals import check_method, make_cell
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
    check_method(method, stat, where)


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


@dataclass
class Design:
    """The sampling unit of a comparison: its kind, its name for the output, and the
    unit of every article (``codes``)."""

    kind: str  # "article", "cluster" or "outlet"
    label: str  # the ``unit`` column: "article", "day", a cluster column, "outlet"
    codes: np.ndarray


def sampling_design(scores, group: str, cluster, unit, where: str) -> Design:
    """Resolve ``unit`` and ``cluster`` into the sampling unit of each article.

    ``unit=None``: outlets (the ``outlet`` column) when ``group`` is another column
    (a group of outlets, such as their leaning), else articles (or ``cluster``).
    """
    if unit is None:
        unit = "outlet" if group != "outlet" and "outlet" in scores.columns else "article"
    if unit == "article":
        if cluster is None:
            return Design("article", "article", np.arange(len(scores)))
        label = "day" if cluster == "date" else str(cluster)
        return Design("cluster", label, cluster_codes(scores, cluster))
    require_columns(scores, [unit], where=where,
                    hint="unit= names the column of the sampling unit (e.g. 'outlet'), "
                         "or 'article'.")  # fmt: skip
    require_group_keys(scores, [unit], where)
    codes, _ = pd.factorize(scores[unit])
    return Design("outlet", str(unit), codes)


def measure_weights(scores, weight, stat: str, where: str):
    """The per-article weights of a weighted mean, checked (None without ``weight``)."""
    if weight is None:
        return None
    if stat != "mean":
        raise ValueError(f"{where}: weight= gives a weighted mean; use it with stat='mean'.")
    require_columns(
        scores, [weight], where=where, hint="weight= names a column such as 'n_tokens'."
    )
    w = pd.to_numeric(scores[weight], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.isnan(w) | (w < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ColumnsError(
            f"{where}: weight column {weight!r} must hold non-negative numbers; row {i} "
            f"holds {scores[weight].iloc[i]!r}.",
            missing=[], field=weight, value=scores[weight].iloc[i], row=i,
        )  # fmt: skip
    return w


def estimate_rows(cell, keys, key, measures, ci, design, stat, cluster) -> list[dict]:
    """The estimates-table rows of one cell (one per measure)."""
    lo, hi = cell.bounds(ci)
    rows = []
    for j, measure in enumerate(measures):
        row = dict(zip(keys, key, strict=True))
        row.update(measure=measure, estimate=cell.est[j], ci_low=lo[j], ci_high=hi[j],
                   n_docs=int(cell.n[j]))  # fmt: skip
        if design.kind == "cluster":
            row["n_clusters"] = int(cell.n_units[j])
        elif design.kind == "outlet":
            row["n_outlets"] = int(cell.n_units[j])
        row.update(stat=stat, method=cell.label, unit=design.label, note=cell.notes[j])
        rows.append(row)
    return rows


def table_columns(keys, design) -> list[str]:
    extra = {"cluster": ["n_clusters"], "outlet": ["n_outlets"]}.get(design.kind, [])
    return [*keys, "measure", "estimate", "ci_low", "ci_high", "n_docs", *extra,
            "stat", "method", "unit", "note"]  # fmt: skip


def estimate_table(scores, measures, keys, *, stat, n_boot, ci, cluster, seed, method, where,
                   min_n=None, unit=None, weight=None):  # fmt: skip
    """Shared engine of :func:`by_outlet` and :func:`over_time`."""
    x = measure_values(scores, measures, stat, where)
    design = sampling_design(scores, keys[0], cluster, unit, where)
    w = measure_weights(scores, weight, stat, where)
    rows = []
    grouped = scores.groupby(keys, sort=True, observed=True).indices
    for key, pos in grouped.items():
        key = key if isinstance(key, tuple) else (key,)
        cell = make_cell(
            x[pos], design.codes[pos], stat=stat, method=method, kind=design.kind,
            n_boot=n_boot, rng=group_rng(seed, *key), min_n=min_n,
            weights=None if w is None else w[pos],
        )  # fmt: skip
        rows += estimate_rows(cell, keys, key, measures, ci, design, stat, cluster)
    out = pd.DataFrame(rows, columns=table_columns(keys, design))
    out.attrs.update(ci=ci, unit=design.label, weight=weight)
    # how the numbers were made, for the methods paragraph of framing.export
    used = sorted(set(out["method"]))
    out.attrs["estimator"] = {
        "function": where,
        "group": keys[0],
        "stat": stat,
        "method": used[0] if len(used) == 1 else method,
        "ci": float(ci),
        "n_boot": None if set(used) <= {"wilson", "wilson-design-effect", "t"} else int(n_boot),
        "cluster": cluster,
        "unit": design.label,
        "weight": weight,
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
    method: str = "auto",
    min_n: int | None = None,
    unit: str | None = None,
    weight: str | None = None,
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
        ``"mean"``: mean over articles of the measure (for a rate per 1,000 tokens, the
        mean of article-level rates, in which a short article counts as much as a long
        one; ``weight="n_tokens"`` gives the pooled rate instead). ``"share"``: share
        of articles with a value > 0.
    n_boot : int, default 2000
        Bootstrap resamples (bootstrap methods only).
    ci : float, default 0.95
        Confidence level.
    cluster : str, optional
        Articles are not independent within clusters: ``"date"`` (calendar day, UTC)
        or any column (e.g. an event id). Missing cluster values are singleton
        clusters. Used when the sampling unit is the article (not with outlets as the
        unit, whose spread already holds the within-outlet error).
    seed : int or None, default 0
        Seed of the random streams; each group draws from its own stream (derived from
        the seed and the group's name), so a group's interval does not change with the
        other groups in the call.
    method : {"auto", "wilson", "studentized", "t", "wild", "percentile", "bca"}
        ``"auto"`` (default): Wilson score interval for shares (on the effective sample
        size ``n / design effect`` with ``cluster``), studentized (bootstrap-t)
        bootstrap for means, a t interval over outlets when outlets are the unit (the
        rules and their coverage are in :mod:`framing.compare`). The others force a
        method: ``"wild"`` is the wild (cluster) bootstrap-t with Webb weights,
        ``"percentile"`` and ``"bca"`` the plain bootstrap intervals of kit 0.1.
    min_n : int, optional
        Fewest articles (or clusters, or outlets) with which an interval is given;
        default by method (5 for Wilson, 10 articles or 10 clusters for bootstrap
        intervals of means, 3 outlets). Below it the estimate comes with NaN bounds
        and a ``note``. Just above it intervals are given but rough: the Wilson
        interval of a share of 5-10 articles holds 95% only on average over the true
        share (at 10 articles and a share of 0.05 it covers 0.914, and no interval
        can do better there, the count taking so few values). With ``cluster`` and
        fewer than 30 clusters, the bootstrap interval of a mean is also withheld
        when the articles are skewed (sample skewness above 1, as most per-article
        rates are; such intervals cover about 0.92 for 95% in simulations), with a
        note; setting ``min_n`` (e.g. ``min_n=10``) gives them from ``min_n``
        clusters, still with a note (the rule and its simulations: see
        :mod:`framing.compare`).
    unit : str, optional
        The sampling unit. ``"article"``: articles (or ``cluster``); a column name such
        as ``"outlet"``: the group's estimate is the mean of its outlets' estimates
        (each outlet counts once) with a t interval over outlets - the sampling unit
        when comparing groups of outlets (leaning, type). Default: ``"outlet"`` when
        ``group`` is not the outlet column and the table has one, else ``"article"``.
    weight : str, optional
        A weighted mean with these per-article weights (``stat="mean"`` only); with
        ``weight="n_tokens"`` and a ``*_per_1k`` measure it is the pooled rate (all
        matches over all tokens, times 1,000).

    Returns
    -------
    pandas.DataFrame
        The estimates table: ``<group>``, ``measure``, ``estimate``, ``ci_low``,
        ``ci_high``, ``n_docs`` (articles with a value for that measure), then
        ``n_clusters`` (articles clustered) or ``n_outlets`` (outlets as the unit),
        ``stat``, ``method`` (the interval used, e.g. ``"wilson"``,
        ``"bootstrap-t"``), ``unit`` (the sampling unit: ``"article"``, ``"day"``, a
        cluster column or ``"outlet"``) and ``note`` (why an interval is missing, e.g.
        ``"n_docs < 10: no interval"``; empty otherwise). Rows are sorted by group,
        measures keep the order given. ``attrs`` holds ``ci``, ``unit``, ``weight``.

    Raises
    ------
    ColumnsError
        A needed column is missing or a measure (or weight) is not numeric.
    CorpusError
        A row has no value in the grouping (or unit) column.
    ValueError
        An unknown ``stat`` or ``method``, or a bad ``ci`` or ``n_boot``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6, "conflict_any": [1, 0] * 3 + [1] * 6})
    >>> t = by_outlet(s, "conflict_any", stat="share")
    >>> t[["outlet", "estimate", "ci_low", "ci_high", "n_docs", "method"]].round(3)
      outlet  estimate  ci_low  ci_high  n_docs  method
    0      A       0.5   0.188    0.812       6  wilson
    1      B       1.0   0.610    1.000       6  wilson
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
        min_n=min_n,
        unit=unit,
        weight=weight,
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
    method: str = "auto",
    min_n: int | None = None,
    unit: str | None = None,
    weight: str | None = None,
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
    measures, group, stat, n_boot, ci, cluster, seed, method, min_n, unit, weight
        As in :func:`by_outlet` (each group and period draws from its own random
        stream). A week holds at most 7 days, fewer than the 10 clusters below which
        clustered intervals of means are not given (30 for skewed measures): cluster
        weekly series by a coarser unit or read them without intervals.

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
        min_n=min_n,
        unit=unit,
        weight=weight,
    )
    out.attrs["n_no_date"] = int((~has_date).sum())
    return out
