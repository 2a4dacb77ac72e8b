"""Pairwise group differences and multiple-comparison corrections.

:func:`pairwise` gives each difference in means with a bootstrap interval, a
permutation p-value and Cohen's d; :func:`adjust_pvalues` applies Holm or
Benjamini-Hochberg corrections to a family of p-values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import (
    bootstrap_ratios,
    cluster_codes,
    percentile_bounds,
    permutation_pvalues,
    safe_ratio,
    unit_sums,
)
from framing.compare._estimates import (
    as_measure_list,
    check_estimate_args,
    measure_values,
    require_group_keys,
)
from framing.errors import CorpusError

__all__ = ["pairwise", "adjust_pvalues"]


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
    measures = as_measure_list(measures)
    adjust = [adjust] if isinstance(adjust, str) else list(adjust)
    for how in adjust:
        if how not in ("holm", "bh"):
            raise ValueError(f"{where}: adjust takes 'holm' and/or 'bh', got {how!r}.")
    need = [group, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score).")
    check_estimate_args(n_boot, ci, "percentile", stat, cluster, where)
    require_group_keys(scores, [group], where)
    x = measure_values(scores, measures, stat, where)
    units = cluster_codes(scores, cluster)
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
        s, c = unit_sums(x[pos], units[pos])
        cache[g] = dict(
            s=s,
            c=c,
            est=safe_ratio(s.sum(0), c.sum(0)),
            reps=bootstrap_ratios(s, c, int(n_boot), rng),
            x=x[pos],
        )
    rows = []
    for ga, gb in pairs:
        a, b = cache[ga], cache[gb]
        diff = a["est"] - b["est"]
        n_a = (~np.isnan(a["x"])).sum(0)
        n_b = (~np.isnan(b["x"])).sum(0)
        ok = (n_a >= 2) & (n_b >= 2)
        lo, hi = percentile_bounds(a["reps"] - b["reps"], ok, ci)
        s = np.vstack([a["s"], b["s"]])
        c = np.vstack([a["c"], b["c"]])
        p = permutation_pvalues(s, c, a["s"].shape[0], int(n_perm), rng, diff)
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
