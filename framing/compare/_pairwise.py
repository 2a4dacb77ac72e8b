"""Pairwise group differences and multiple-comparison corrections.

:func:`pairwise` gives each difference with a MOVER interval from the groups' own
intervals, a bootstrap-t, studentized permutation or wild cluster bootstrap p-value, adjusted
p-values within a family, FCR-adjusted intervals for the selected differences and an
effect size; :func:`adjust_pvalues` applies Holm or Benjamini-Hochberg corrections to a
family of p-values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import (
    bootstrap_t_test_pvalues,
    group_rng,
    mover_diff,
    welch_permutation_pvalues,
    wild_test_pvalues,
)
from framing.compare._estimates import (
    as_measure_list,
    check_estimate_args,
    measure_values,
    require_group_keys,
    sampling_design,
)
from framing.compare._intervals import correlation, make_cell
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
    method: str = "auto",
    min_n: int | None = None,
    unit: str | None = None,
    family: str = "call",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare groups two by two: differences with intervals, tests, effect sizes.

    For each pair (a, b) and measure:

    * ``diff = estimate_a - estimate_b`` with an interval built from the two groups'
      own intervals (those of :func:`by_outlet`, same ``method``) by MOVER (Zou &
      Donner 2008; for two Wilson intervals this is Newcombe's 1998 interval of a
      difference of proportions). With ``cluster``, outlets that cover the same days
      are correlated through them; the correlation implied by the cluster-robust
      variance enters the interval.
    * a two-sided p-value. Means with articles as units: the symmetric bootstrap-t test
      (Hall & Wilson 1991; ``n_perm`` resamples of each group's articles, each
      difference studentized by its own standard error), the test that agrees with
      the bootstrap-t intervals; it holds its size when variances, sizes and skewness
      differ (``bench/coverage.py``) and is withheld below the intervals' minimum (10
      articles in each group, or ``min_n``). Shares, and outlets as units: a
      *studentized* permutation test - Welch's t recomputed for every relabelling of
      the units between a and b (exact enumeration when there are at most ``n_perm``
      relabellings), valid for a difference in means when variances and group sizes
      differ (Janssen 1997; Chung & Romano 2013), exact when the groups' distributions
      are equal (always, for 0/1 values with equal shares). With ``cluster``:
      the wild cluster bootstrap test with the null imposed and Webb weights, one
      weight per cluster shared by both groups (Cameron, Gelbach & Miller 2008), so
      days covered by both outlets move together. No p-value when a group has fewer
      than two units with a value, nor with fewer than 10 clusters in the two groups
      together (``min_n`` overrides), where the wild test's size exceeds 7%.
    * p-values adjusted by Holm and Benjamini-Hochberg (:func:`adjust_pvalues`) within
      a documented family: ``family="call"`` (default) is every pair x measure of this
      call; ``family="measure"`` adjusts over the pairs of each measure separately.
    * with ``"bh"`` in ``adjust``: for the differences selected at ``p_bh < alpha``,
      false-coverage-rate adjusted intervals ``ci_low_fcr``, ``ci_high_fcr`` at level
      ``1 - R alpha / m`` (R selected of the family's m tests; Benjamini, Y. & Yekutieli,
      D. (2005). False discovery rate-adjusted multiple confidence intervals for
      selected parameters. *JASA*, 100(469), 71-81): the intervals to print beside a
      list of BH-significant pairs (the ``ci_low``/``ci_high`` do not account for the
      selection).
    * Cohen's d (difference of means over the pooled standard deviation of the
      articles) for ``stat="mean"`` and Cohen's h (``2 asin sqrt(p_a) - 2 asin
      sqrt(p_b)``) for ``stat="share"`` (Cohen, J. (1988). *Statistical Power Analysis
      for the Behavioral Sciences*, 2nd ed.).

    Parameters
    ----------
    scores, measures, group, stat, n_boot, ci, cluster, seed, method, min_n, unit
        As in :func:`by_outlet` (with groups of outlets, outlets are the unit by
        default: the test permutes outlets between the two groups). Where a group
        gets no interval there (too few units; with ``cluster``, a skewed measure
        from fewer than 30 clusters), the difference gets none either and the
        ``note`` names the group and why; the p-value follows its own rules above.
    pairs : sequence of (str, str), optional
        The pairs to compare; default every pair of groups in sorted order.
    n_perm : int, default 5000
        Relabellings (or bootstrap or wild bootstrap draws) per pair, unless the exact
        enumeration is smaller.
    adjust : sequence of {"holm", "bh"}, default ("holm", "bh")
        Adjusted p-values to add, one column ``p_<method>`` each.
    family : {"call", "measure"}, default "call"
        The family of tests each adjustment runs over.
    alpha : float, default 0.05
        Selection level of the FCR-adjusted intervals.

    Returns
    -------
    pandas.DataFrame
        ``group_a``, ``group_b``, ``measure``, ``diff``, ``ci_low``, ``ci_high``,
        ``p_value``, ``p_holm``, ``p_bh`` (per ``adjust``), ``ci_low_fcr``,
        ``ci_high_fcr`` (with ``"bh"``; NaN for pairs not selected), ``effect_size``,
        ``effect_size_kind`` (``"cohen_d"`` or ``"cohen_h"``), ``n_a``, ``n_b``
        (articles with a value), ``test`` (``"bootstrap-t"``, ``"welch-permutation"``
        or ``"wild-cluster-webb"``), ``method`` (the groups' interval), ``unit`` and
        ``note``. ``attrs``: ``family`` (in words), ``n_tests``, ``alpha``, ``ci``.

    Raises
    ------
    ColumnsError
        A needed column is missing or a measure is not numeric.
    CorpusError
        A pair names a group that is not in the data.
    ValueError
        An unknown ``adjust``, ``family`` or ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": list("AAAAABBBBB"), "any": [1, 1, 1, 1, 0, 0, 0, 1, 0, 0]})
    >>> r = pairwise(s, "any", stat="share")  # exact: all 252 relabellings
    >>> r[["group_a", "group_b", "diff", "p_value", "n_a", "n_b", "test"]].round(3)
      group_a group_b  diff  p_value  n_a  n_b               test
    0       A       B   0.6    0.206    5    5  welch-permutation
    """
    where = "pairwise"
    measures = as_measure_list(measures)
    adjust = [adjust] if isinstance(adjust, str) else list(adjust)
    for how in adjust:
        if how not in ("holm", "bh"):
            raise ValueError(f"{where}: adjust takes 'holm' and/or 'bh', got {how!r}.")
    if family not in ("call", "measure"):
        raise ValueError(f"{where}: family must be 'call' or 'measure', got {family!r}.")
    need = [group, *measures] + ([cluster] if cluster else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score).")
    check_estimate_args(n_boot, ci, method, stat, cluster, where)
    require_group_keys(scores, [group], where)
    x = measure_values(scores, measures, stat, where)
    design = sampling_design(scores, group, cluster, unit, where)
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
    cells = {
        g: make_cell(x[index[g]], design.codes[index[g]], stat=stat, method=method,
                     kind=design.kind, n_boot=n_boot, rng=group_rng(seed, g), min_n=min_n)
        for g in sorted({g for pair in pairs for g in pair})
    }  # fmt: skip
    rows, parts = [], []
    for ga, gb in pairs:
        a, b = cells[ga], cells[gb]
        xa, xb = x[index[ga]], x[index[gb]]
        diff = a.est - b.est
        rho = correlation(a, b)
        lo, hi = _diff_bounds(a, b, rho, ci)
        p, test = _pvalues(a, b, design.kind, int(n_perm), group_rng(seed, ga, gb, "test"),
                           10 if min_n is None else max(2, int(min_n)))  # fmt: skip
        if stat == "share":
            with np.errstate(invalid="ignore"):
                eff = 2 * np.arcsin(np.sqrt(a.est)) - 2 * np.arcsin(np.sqrt(b.est))
            kind = "cohen_h"
        else:
            eff = _cohen_d(xa, xb, diff)
            kind = "cohen_d"
        for j, measure in enumerate(measures):
            rows.append(
                dict(group_a=ga, group_b=gb, measure=measure, diff=diff[j], ci_low=lo[j],
                     ci_high=hi[j], p_value=p[j], effect_size=eff[j], effect_size_kind=kind,
                     n_a=int(a.n[j]), n_b=int(b.n[j]), test=test, method=a.label,
                     unit=design.label,
                     note=_pair_note(ga, gb, a, b, j, p[j], 10 if min_n is None else min_n))
            )  # fmt: skip
            parts.append((a, b, rho, j))
    out = pd.DataFrame(rows, columns=[
        "group_a", "group_b", "measure", "diff", "ci_low", "ci_high", "p_value", "effect_size",
        "effect_size_kind", "n_a", "n_b", "test", "method", "unit", "note"])  # fmt: skip
    fam = out["measure"] if family == "measure" else pd.Series("all", index=out.index)
    pos = 7
    for how in adjust:
        col = np.full(len(out), np.nan)
        for _, idx in out.groupby(fam, sort=False).indices.items():
            col[idx] = adjust_pvalues(out["p_value"].to_numpy()[idx], how)
        out.insert(pos, f"p_{how}", col)
        pos += 1
    if "bh" in adjust:
        lo_f, hi_f = _fcr_bounds(out, fam, parts, alpha)
        out.insert(pos, "ci_low_fcr", lo_f)
        out.insert(pos + 1, "ci_high_fcr", hi_f)
    n_tests = int(out["p_value"].notna().sum())
    out.attrs.update(
        family=(f"every pair x measure of this call ({n_tests} tests)" if family == "call"
                else "the pairs of each measure"),
        n_tests=n_tests, alpha=alpha, ci=ci,
    )  # fmt: skip
    return out


def _diff_bounds(a, b, rho, ci):
    lo_a, hi_a = a.bounds(ci)
    lo_b, hi_b = b.bounds(ci)
    return mover_diff(a.est, lo_a, hi_a, b.est, lo_b, hi_b, rho)


def _pvalues(a, b, kind: str, n_perm: int, rng, min_units: int) -> tuple[np.ndarray, str]:
    """The wild cluster test over clusters (given with at least ``min_units`` clusters in
    the two groups together), the bootstrap-t test of means over articles (each group
    with ``min_units`` articles), else Welch permutation p-values over units."""
    if kind == "article" and a.stat == "mean":
        p = bootstrap_t_test_pvalues(a.s, a.c, b.s, b.c, n_perm, rng)
        ok = (a.n_units >= max(min_units, 2)) & (b.n_units >= max(min_units, 2))
        return np.where(ok, p, np.nan), "bootstrap-t"
    if kind == "cluster":
        codes = np.union1d(a.codes, b.codes)
        sa, ca, sb, cb = (np.zeros((len(codes), a.s.shape[1])) for _ in range(4))
        ia, ib = np.searchsorted(codes, a.codes), np.searchsorted(codes, b.codes)
        sa[ia], ca[ia], sb[ib], cb[ib] = a.s, a.c, b.s, b.c
        p = wild_test_pvalues(sa, ca, sb, cb, n_perm, rng)
        enough = ((ca > 0) | (cb > 0)).sum(axis=0) >= min_units
        ok = (a.n_units >= 2) & (b.n_units >= 2) & enough
        return np.where(ok, p, np.nan), "wild-cluster-webb"
    y = np.vstack([a.s, b.s])
    c = np.vstack([a.c, b.c])
    p = welch_permutation_pvalues(y, c, a.s.shape[0], n_perm, rng)
    return np.where((a.n_units >= 2) & (b.n_units >= 2), p, np.nan), "welch-permutation"


def _pair_note(ga, gb, a, b, j, p, min_units) -> str:
    parts = [f"{g}: {c.notes[j]}" for g, c in ((ga, a), (gb, b)) if c.notes[j]]
    if np.isnan(p) and not (a.n[j] == 0 or b.n[j] == 0):
        if a.kind == "article" and a.stat == "mean":
            parts.append(f"fewer than {max(min_units, 2)} articles with a value in a group: "
                         "no test")  # fmt: skip
        elif min(a.n_units[j], b.n_units[j]) < 2:
            parts.append(f"fewer than 2 {'clusters' if a.kind == 'cluster' else 'units'} "
                         "with a value in a group: no test")  # fmt: skip
        else:
            parts.append(f"fewer than {min_units} clusters in the two groups: no test")
    return "; ".join(parts)


def _fcr_bounds(out: pd.DataFrame, fam: pd.Series, parts, alpha: float):
    """FCR-adjusted intervals (Benjamini & Yekutieli 2005) of the BH-selected rows."""
    lo = np.full(len(out), np.nan)
    hi = np.full(len(out), np.nan)
    for _, idx in out.groupby(fam, sort=False).indices.items():
        p_bh = out["p_bh"].to_numpy()[idx]
        m = int((~np.isnan(p_bh)).sum())
        chosen = idx[p_bh < alpha]
        if not m or not len(chosen):
            continue
        level = 1 - len(chosen) * alpha / m
        for i in chosen:
            a, b, rho, j = parts[i]
            l_, h_ = _diff_bounds(a, b, rho, level)
            lo[i], hi[i] = l_[j], h_[j]
    return lo, hi


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
