"""Intervals of group estimates (private; see :mod:`framing.compare`).

A *cell* is one group's articles (an outlet; an outlet in a week; an outlet in an event
window). :func:`make_cell` turns its measure matrix into per-unit sums, the estimate,
its standard error and, on demand, an interval at any level (:meth:`Cell.bounds`), by
the method the rules below choose. Every comparison in :mod:`framing.compare` builds
its cells here, so ``by_outlet``, ``pairwise``, ``over_time`` and the event functions
give the same interval for the same articles.

Which interval (``method="auto"``), and the minimum below which none is given:

============================ ============================== =====================
estimate, sampling unit      interval                       no interval below
============================ ============================== =====================
share, articles              Wilson score                   5 articles
share, clusters (``cluster``) Wilson on the effective n       5 clusters
                             (``n / design effect``), with
                             the t quantile (``J - 1`` df)
mean, articles               studentized bootstrap          10 articles
                             (bootstrap-t)
mean, clusters               studentized cluster bootstrap  10 clusters; 30 when
                                                            the articles are skewed
outlets (``unit``)           t on outlet estimates,         3 outlets
                             ``J - 1`` degrees of freedom
============================ ============================== =====================

The minimums come from the coverage simulations of ``bench/coverage.py`` (results in
``bench/RESULTS.md``): below them the intervals of skewed rates, rare shares or few
clusters cover clearly less than their nominal level. ``min_n`` overrides them
(``min_n=30`` withholds the intervals of 10-29 clusters). A bootstrap-t interval is
also withheld when the data cannot bound the estimate: when more than ``(1 - ci) / 2``
of the resamples hold a single distinct value (a rate that is 0 in all but three of
ten articles, say: 2.8% of the resamples are all zeros), the bound would be infinite.

Skewed measures and few clusters
--------------------------------
A clustered bootstrap interval of a mean (any bootstrap ``method``) from fewer than
30 clusters is withheld, with a note, when the articles are skewed: when the
adjusted sample skewness ``G1`` of the articles' contributions to the mean
(:func:`article_skewness`) exceeds :func:`skew_limit` (1, or two standard errors of
``G1`` under normality with fewer than about 25 articles). Setting ``min_n`` turns the
rule off: the interval is then given from ``min_n`` clusters, with a note that it may
cover less than stated. Why:

- In the simulations a skewed rate (60%, 30% or no zeros, lognormal otherwise, day
  ICC 0.3) clustered by 10-20 days covers 0.92-0.93 for 95% with the bootstrap-t
  (the upper bound falls short), 0.94 from 30 days, while a normal measure on the same
  design covers 0.94-0.95. None of the alternatives the literature offers does better
  there on the same data (``bench/coverage_candidates.py``, which cites each): the
  jackknife (CV3) standard error and the restricted wild cluster bootstrap inverted
  for the interval (MacKinnon, J. G., Nielsen, M. O. & Webb, M. D. (2023).
  Cluster-robust inference: A guide to empirical practice. *Journal of Econometrics*,
  232(2), 272-299), CR2 with Bell-McCaffrey degrees of freedom (Bell & McCaffrey 2002;
  Imbens & Kolesar 2016), the bootstrap-t on the log scale (Efron & Tibshirani 1993,
  section 12.6), symmetric (Hall 1988) and double-bootstrap calibrated (Hall 1986;
  Beran 1987) bootstrap-t, BCa, the unrestricted wild bootstrap-t with Webb weights
  and Johnson's (1978) skewness-corrected t. Cameron, A. C. & Miller, D. L. (2015). A
  practitioner's guide to cluster-robust inference. *Journal of Human Resources*,
  50(2), 317-372 (section VI) describe the same failure of few-cluster inference.
- The coverage error of a (bootstrap-)t interval is driven by the skewness of the
  summands, the clusters' scores here, through the terms of its Edgeworth expansion in
  ``gamma / sqrt(J)`` and ``gamma^2 / J`` (Hall, P. (1992). *The Bootstrap and Edgeworth
  Expansion*. Springer, sections 2.6 and 3.5; Johnson, N. J. (1978). Modified t tests
  and confidence intervals for asymmetrical populations. *JASA*, 73(363), 536-544). The
  natural rule, a limit on the sample skewness of the ``J`` cluster scores, does not
  work: from 10-20 clusters it is too noisy (sd about 0.8 for normal data as for the
  skewed rate), and it is *anti-correlated* with coverage - the samples that miss the
  truth are those that drew none of the rare large days and so look symmetric
  (coverage 0.80 in the least skewed fifth of samples, 0.98 in the most skewed), so
  refusing the skewed-looking samples lowers the coverage of the intervals left.
  The skewness of the articles estimates whether the *measure* is skewed from many
  more values (about 70 at 10 days), so the kinds lie far apart on it: 0.0 (sd 0.3)
  for the normal measure, 2.9-3.4 (sd 1.2) for the skewed rates (it shares the
  selection - a skewed sample that looks less skewed covers less - but a limit far
  below the skewed rates' values lets almost none of their samples through). A limit of
  1 refuses 99.3-100% of the skewed rates at 10-20 days and 0.0-0.3% of normal data
  (2-5% with 1-2 articles a day), whose intervals cover 0.936-0.956 as before.
- The cost, measured: a mildly skewed rate (lognormal with sigma 0.5, article
  skewness about 1.5), whose intervals covered 0.94, is refused in 89-97% of samples
  at 10-20 days, and the few intervals left to a skewed measure where most samples
  are refused cover less (0.82-0.92: they are its least skewed-looking samples);
  most per-article lexicon rates are skewed, so in practice rates
  clustered by fewer than 30 days get no interval (shares keep theirs: Wilson, not
  the bootstrap). The numbers are in ``bench/RESULTS.md``.

The Wilson interval of a share from very few articles covers 95% on average over the
true share, not at every share: the count takes few values, so at 10 articles and a
true share of 0.05 it covers 0.914, and no interval can do better there without
covering 0.988 (the binomial puts 0.914 on 0 or 1 hits and 0.988 on 0 to 2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from framing._shared.resample import (
    bca_bounds,
    bootstrap_ratios,
    percentile_bounds,
    ratio_se,
    safe_ratio,
    studentized_reps,
    t_bounds,
    unit_sums,
    wild_reps,
    wilson_bounds,
)

__all__: list[str] = []

METHODS = ("auto", "studentized", "wilson", "t", "wild", "percentile", "bca")
_BOOT = ("studentized", "wild", "percentile", "bca")
_COUNT_NAME = {"article": "n_docs", "cluster": "n_clusters", "outlet": "n_outlets"}
FEW_CLUSTERS = 30  # below: a skewed mean's clustered interval covers less than stated
SKEW_LIMIT = 1.0  # |G1| of the articles above which a measure counts as skewed


def skew_limit(n: np.ndarray) -> np.ndarray:
    """The skewness above which ``n`` articles count as skewed: ``max(1, 2 SE)``.

    ``SE = sqrt(6 n (n - 1) / ((n - 2) (n + 1) (n + 3)))`` is the standard error of
    ``G1`` in normal samples (Cramer, H. (1946). *Mathematical Methods of Statistics*;
    Joanes & Gill 1998), so symmetric data are called skewed in at most about 5% of
    samples whatever ``n`` (at 10 articles ``|G1| > 1`` alone would call 14%); from
    about 25 articles the limit is 1, "highly skewed" in the rule of thumb of Bulmer,
    M. G. (1979). *Principles of Statistics*. Dover, p. 63.

    Examples
    --------
    >>> skew_limit(np.array([10, 20, 70])).round(2).tolist()
    [1.37, 1.02, 1.0]
    """
    n = np.maximum(np.asarray(n, float), 3.0)
    se = np.sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
    return np.maximum(SKEW_LIMIT, 2 * se)


def _skew_notes(g1: float, limit: float, given: bool) -> str:
    """The note of a clustered interval of skewed articles below FEW_CLUSTERS clusters."""
    if given:
        return (
            f"fewer than {FEW_CLUSTERS} clusters and skewed articles (skewness {g1:.1f}): "
            "interval given because min_n was set; it may cover less than stated (about "
            "0.92 for 95% in simulations)"
        )
    return (
        f"n_clusters < {FEW_CLUSTERS} and skewed articles (skewness {g1:.1f}, above "
        f"{limit:.2g}): no interval, such intervals cover about 0.92 for 95%; use "
        f"{FEW_CLUSTERS} or more clusters, or set min_n to force one"
    )


def article_skewness(x: np.ndarray, est: np.ndarray, weights=None) -> np.ndarray:
    """Adjusted sample skewness ``G1`` of the articles' contributions to a mean, per measure.

    The contributions are ``w_i (x_i - est)`` (``w = 1`` for a plain mean), so for a plain
    mean this is the skewness of the articles' values. ``G1 = g1 sqrt(n (n - 1)) / (n -
    2)`` with ``g1 = m3 / m2^1.5`` (Joanes, D. N. & Gill, C. A. (1998). Comparing measures
    of sample skewness and kurtosis. *The Statistician*, 47(1), 183-189; scipy's
    ``skew(bias=False)``). 0 where fewer than three articles have a value or all are
    equal.

    Examples
    --------
    >>> x = np.array([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0], [9.0, 4.0]])
    >>> article_skewness(x, x.mean(axis=0)).round(2).tolist()
    [2.0, 0.0]
    """
    u = x - est
    if weights is not None:
        u = u * weights[:, None]
    has = ~np.isnan(u)
    n = has.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(has, u - np.where(has, u, 0.0).sum(axis=0) / n, 0.0)
        m2 = (d**2).sum(axis=0) / n
        g1 = (d**3).sum(axis=0) / n / m2**1.5 * np.sqrt(n * (n - 1.0)) / (n - 2.0)
    return np.where((n >= 3) & (m2 > 0) & np.isfinite(g1), g1, 0.0)


def check_method(method: str, stat: str, where: str) -> None:
    """Raise a clear ValueError for an unknown method or a Wilson interval of a mean."""
    if method not in METHODS:
        raise ValueError(
            f"{where}: method must be one of {', '.join(repr(m) for m in METHODS)}, got "
            f"{method!r}. 'auto' picks Wilson for shares and the studentized bootstrap "
            "for means."
        )
    if method == "wilson" and stat != "share":
        raise ValueError(
            f"{where}: method='wilson' is the interval of a share; use it with "
            "stat='share' (or method='auto' for means)."
        )


def resolve_method(method: str, stat: str, kind: str) -> str:
    """The interval method used for ``method`` given the statistic and the unit kind."""
    if method != "auto":
        return method
    if kind == "outlet":
        return "t"
    return "wilson" if stat == "share" else "studentized"


def default_floor(method: str, kind: str) -> int:
    """The fewest units (articles, clusters or outlets) with which an interval is given."""
    if kind == "outlet":
        return 3
    if method == "wilson":
        return 5
    return 10


def method_label(method: str, kind: str) -> str:
    """What the ``method`` column says (names the unit-level variant where it differs)."""
    if method == "wilson" and kind == "cluster":
        return "wilson-design-effect"
    if method == "wild":
        return "wild-bootstrap-t"
    if method == "studentized":
        return "bootstrap-t"
    return method


@dataclass
class Cell:
    """One group's estimate per measure, with what is needed for its interval."""

    est: np.ndarray
    n: np.ndarray  # articles with a value
    n_units: np.ndarray  # units (articles, clusters or outlets) with a value
    se: np.ndarray
    ok: np.ndarray  # an interval may be given
    notes: list
    method: str
    kind: str
    stat: str
    s: np.ndarray  # per-unit sums (units x measures)
    c: np.ndarray  # per-unit counts or weights
    codes: np.ndarray  # the unit id of each row of s and c
    reps: np.ndarray | None = None  # bootstrap replicates (t* or estimates)

    @property
    def label(self) -> str:
        return method_label(self.method, self.kind)

    def bounds(self, ci: float) -> tuple[np.ndarray, np.ndarray]:
        """Interval bounds at level ``ci`` per measure (NaN where none is given)."""
        m = self.est.shape[0]
        if self.method in _BOOT and self.reps is None:  # no measure may have an interval
            return np.full(m, np.nan), np.full(m, np.nan)
        if self.method == "wilson":
            lo, hi = self._wilson(ci)
        elif self.method == "t":
            q = stats.t.ppf(1 - (1 - ci) / 2, np.maximum(self.n_units - 1, 1))
            lo, hi = self.est - q * self.se, self.est + q * self.se
        elif self.method in ("studentized", "wild"):
            lo, hi = t_bounds(self.est, self.se, self.reps, ci)
        elif self.method == "bca":
            lo, hi = bca_bounds(self.reps, self.est, self.s, self.c, self.ok, ci)
        else:
            lo, hi = percentile_bounds(self.reps, self.ok, ci)
        if self.stat == "share":
            lo, hi = np.clip(lo, 0.0, 1.0), np.clip(hi, 0.0, 1.0)
        keep = self.ok & ~np.isnan(self.est)
        for j in np.flatnonzero(keep & (np.isnan(lo) | np.isnan(hi))):
            if not self.notes[j]:
                self.notes[j] = (
                    "the resamples cannot bound this estimate (too few distinct values): no interval"
                )
        return np.where(keep, lo, np.nan)[:m], np.where(keep, hi, np.nan)[:m]

    def _wilson(self, ci: float):
        k = self.est * self.n
        if self.kind != "cluster":
            return wilson_bounds(k, self.n.astype(float), ci)
        # Kish's design effect (the cluster-robust variance over the binomial one) and
        # the t quantile with J - 1 degrees of freedom (Korn & Graubard 1998)
        with np.errstate(invalid="ignore", divide="ignore"):
            binom = self.est * (1 - self.est) / self.n
            deff = np.where((binom > 0) & (self.se > 0), self.se**2 / binom, 1.0)
        n_eff = self.n / deff
        t = stats.t.ppf(1 - (1 - ci) / 2, np.maximum(self.n_units - 1, 1))
        return wilson_bounds(self.est * n_eff, n_eff, ci, z=t)

    def scores(self) -> np.ndarray:
        """Each unit's share of the estimate's error, ``(s - est c) / sum(c)`` (units x m)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            g = (self.s - self.est * self.c) / self.c.sum(axis=0)
        return np.where(self.c > 0, g, 0.0)


def _outlet_units(x: np.ndarray, codes: np.ndarray, weights):
    """Each outlet's estimate as one unit: s = outlet mean, c = 1 where it has a value."""
    s, c = unit_sums(x if weights is None else x * weights[:, None], codes)
    if weights is not None:
        c, _ = unit_sums(np.where(np.isnan(x), np.nan, weights[:, None]), codes)
    means = safe_ratio(s, c)
    has = ~np.isnan(means)
    return np.where(has, means, 0.0), has.astype(float), np.unique(codes)


def make_cell(
    x: np.ndarray,
    codes: np.ndarray,
    *,
    stat: str,
    method: str,
    kind: str,
    n_boot: int,
    rng: np.random.Generator,
    min_n: int | None = None,
    weights: np.ndarray | None = None,
) -> Cell:
    """Build the cell of one group's articles.

    Parameters
    ----------
    x : (articles x measures) float array, NaN where an article has no value.
    codes : the sampling unit of each article (its own index, its cluster, its outlet).
    stat : "mean" or "share" (``x`` already 0/1 for shares).
    method : a value of :data:`METHODS`; ``kind`` is "article", "cluster" or "outlet".
    weights : per-article weights of a weighted mean (e.g. tokens), or None.
    """
    method = resolve_method(method, stat, kind)
    n = (~np.isnan(x)).sum(axis=0)
    if kind == "outlet":
        s, c, uniq = _outlet_units(x, codes, weights)
    else:
        xw = x if weights is None else x * weights[:, None]
        s, c = unit_sums(xw, codes)
        if weights is not None:
            c, _ = unit_sums(np.where(np.isnan(x), np.nan, weights[:, None]), codes)
        uniq = np.unique(codes)
    est = safe_ratio(s.sum(axis=0), c.sum(axis=0))
    n_units = (c > 0).sum(axis=0)
    se = ratio_se(s, c, est)
    floor = default_floor(method, kind) if min_n is None else int(min_n)
    floor = max(floor, 1 if method == "wilson" else 2)
    ok = (n_units >= floor) & (n > 0)
    flat = (se == 0) & (method != "wilson")  # every unit alike: nothing to resample
    ok &= ~flat
    # Clustered bootstrap intervals of a skewed mean from 10-29 clusters cover about
    # 0.92 (bench/coverage.py, the regime "skew"): withheld unless min_n is set. Why the
    # skewness of the articles and not of the clusters: see "Skewed measures and few
    # clusters" in the module docstring.
    skewed = np.zeros(len(est), bool)
    g1 = np.zeros(len(est))
    if kind == "cluster" and method in _BOOT:
        g1 = article_skewness(x, est, weights)
        skewed = (np.abs(g1) > skew_limit(n)) & (n_units < FEW_CLUSTERS)
    refused = skewed & ok & (min_n is None)
    ok &= ~refused
    reps = None
    if method in _BOOT and ok.any():
        if method == "studentized":
            reps = studentized_reps(s, c, est, int(n_boot), rng)
        elif method == "wild":
            reps = wild_reps(s, c, est, int(n_boot), rng)
        else:
            reps = bootstrap_ratios(s, c, int(n_boot), rng)
    notes = []
    for j in range(len(est)):
        if n[j] == 0:
            notes.append("no non-missing values")
        elif n_units[j] < floor:
            notes.append(f"{_COUNT_NAME[kind]} < {floor}: no interval")
        elif flat[j]:
            notes.append("all values equal: no interval")
        elif skewed[j]:
            notes.append(_skew_notes(g1[j], skew_limit(n[j]), given=not refused[j]))
        else:
            notes.append("")
    return Cell(
        est=est, n=n, n_units=n_units, se=se, ok=ok, notes=notes, method=method, kind=kind,
        stat=stat, s=s, c=c, codes=uniq, reps=reps,
    )  # fmt: skip


def correlation(a: Cell, b: Cell) -> np.ndarray:
    """Correlation of two cells' estimates through shared units (days covered by both).

    ``sum_j g_aj g_bj / sqrt(sum g_aj^2 sum g_bj^2)`` over the units both cells hold,
    with ``g`` the units' shares of the error (:meth:`Cell.scores`): the estimate of
    the correlation that a cluster-robust variance of ``a - b`` implies. 0 when the
    cells share no unit (articles, or different outlets).
    """
    common, ia, ib = np.intersect1d(a.codes, b.codes, return_indices=True)
    m = a.est.shape[0]
    if a.kind != "cluster" or b.kind != "cluster" or not len(common):
        return np.zeros(m)
    ga, gb = a.scores(), b.scores()
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = (ga[ia] * gb[ib]).sum(0) / np.sqrt((ga**2).sum(0) * (gb**2).sum(0))
    return np.nan_to_num(np.clip(rho, -1.0, 1.0))
