"""Input checks and the estimates table shared by the comparison functions.

The estimates table has one row per group (and period) and measure: the grouping
column(s), ``measure``, ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.resample import (
    _bca,
    _boot,
    _cluster_codes,
    _percentile,
    _ratio,
    _unit_sums,
    _wilson,
)
from framing.errors import ColumnsError, CorpusError


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
