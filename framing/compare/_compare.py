"""(private) TODO docstring for framing.compare._compare; see :mod:`framing.compare`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from framing._shared.checks import require_columns
from framing.compare._estimates import _as_list, _check_args, _estimate_table, _require_keys
from framing.compare._event_window import event_did, event_window
from framing.compare._events import load_events
from framing.compare._pairwise import adjust_pvalues, pairwise

__all__ = [
    "by_outlet",
    "pairwise",
    "over_time",
    "load_events",
    "adjust_pvalues",
    "event_window",
    "event_did",
]


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
