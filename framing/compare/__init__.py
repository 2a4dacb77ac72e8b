"""Outlet comparisons with uncertainty: per-outlet estimates, pairwise tests, time series.

Also here: :func:`event_window` (each group before and after dated events, and the
change) and :func:`event_did` (the difference in differences between two groups), from
:mod:`framing.compare._event_window`, whose docstring gives their windows and sources;
:func:`event_checks` (pre-trend and placebo-date checks of those changes) and
:func:`pool_events` (the change pooled over events), from
:mod:`framing.compare._event_checks`.

Every function here takes a per-article score table (one row per article: ``doc_id``,
the grouping column such as ``outlet``, ``date``, metadata, and numeric measure columns
such as ``conflict_per_1k`` or ``conflict_any``) and returns an *estimates* table.

Statistics
----------
* ``stat="mean"`` estimates the mean of a measure over articles. For a rate per 1,000
  tokens this is the **mean of article-level rates**: every article counts once, so
  short articles weigh as much as long ones; ``weight="n_tokens"`` gives the pooled
  rate (all matches over all tokens) instead. ``stat="share"`` estimates the share of
  articles where the measure is greater than zero (a frame occurs at least once). A
  measure that is missing (NaN) for an article is ignored for that measure only, so
  its ``n_docs`` counts the articles with a value.
* **Sampling unit** (the ``unit`` column of every table). Articles by default; with
  ``cluster=`` a cluster of articles (a day with ``cluster="date"``, or any column
  such as an event id), because articles on the same day cover the same news and are
  not independent; with groups of outlets (``group="outlet_lean"``, ...) the outlets
  themselves, by default: a group's estimate is then the mean of its outlets'
  estimates and its uncertainty the spread between outlets, so a leaning is not judged
  by one prolific outlet.
* **Intervals** (``method="auto"``, the default), chosen for coverage in the regimes
  news corpora produce - few articles per outlet, skewed rates, rare frames, few days
  (the simulations are ``bench/coverage.py``; results in ``bench/RESULTS.md``):

  - shares: the Wilson score interval (Wilson, E. B. (1927). *JASA*, 22(158),
    209-212; recommended by Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval
    estimation for a binomial proportion. *Statistical Science*, 16(2), 101-133); with
    ``cluster``, on the effective sample size ``n / deff`` with Kish's design effect
    from the cluster-robust variance (Kish, L. (1965). *Survey Sampling*. Wiley) and
    the t quantile with ``J - 1`` degrees of freedom in place of the normal one, for
    the few clusters behind the design effect (Korn, E. L. & Graubard, B. I. (1998).
    Confidence intervals for proportions with small expected number of positive counts
    estimated from survey data. *Survey Methodology*, 24(2), 193-201). With very few
    articles Wilson covers 95% on average over the true share, not at every share: at
    10 articles and a share of exactly 0.05 it covers 0.914, and no interval can do
    better there short of 0.988, because the count takes so few values;
  - means: the studentized bootstrap (bootstrap-t) over articles or clusters (Efron,
    B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 12; Davison
    & Hinkley 1997, section 5.2), which follows the skew of per-article rates where
    percentile and BCa intervals undercover (0.77-0.91 at 10-100 articles in the
    audit); Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based
    improvements for inference with clustered errors. *Review of Economics and
    Statistics*, 90(3), 414-427 compare it with the wild cluster bootstrap, which the
    kit offers as ``method="wild"`` (Webb weights) and uses for tests; its symmetric
    weights do not follow skewness, so it undercovers skewed rates. With fewer than
    30 clusters a skewed rate's interval covers only 0.92-0.93 (10-20 days, ICC
    0.3), and the alternatives from the literature (jackknife CV3 standard errors,
    MacKinnon, J. G., Nielsen, M. O. & Webb, M. D. (2023). Cluster-robust inference: A
    guide to empirical practice. *Journal of Econometrics*, 232(2), 272-299; CR2 with
    Bell-McCaffrey degrees of freedom; the restricted wild cluster bootstrap inverted;
    a log scale; double-bootstrap calibration) did no better on the same data
    (``bench/coverage_candidates.py``). So a clustered bootstrap interval of a mean
    from fewer than 30 clusters is **withheld, with a note, when the articles are
    skewed**: adjusted sample skewness ``G1`` of the articles above 1 (two standard
    errors under normality when that is larger, below about 25 articles; Joanes, D.
    N. & Gill, C. A. (1998). *The Statistician*, 47(1), 183-189). The skewness of
    the summands is what drives a t interval's coverage error (Hall, P. (1992). *The
    Bootstrap and Edgeworth Expansion*. Springer; Johnson, N. J. (1978). *JASA*,
    73(363), 536-544; on few clusters, Cameron, A. C. & Miller, D. L. (2015). *Journal
    of Human Resources*, 50(2), 317-372); it is read from the articles because the
    skewness of 10-20 cluster scores is too noisy and low exactly in the samples that
    miss (the reasoning and numbers are in ``framing/compare/_intervals.py`` and
    ``bench/RESULTS.md``). In simulations the rule refuses 99.3-100% of skewed rates
    at 10-20 days and 0-5% of normal measures, which keep intervals covering
    0.936-0.956; its cost is that mildly skewed rates, whose intervals would have
    covered, are refused too. ``min_n`` (e.g. ``min_n=10``) turns the rule off;
  - outlets as the unit: a t interval with ``J - 1`` degrees of freedom over the ``J``
    outlets' estimates.

  No interval is given below 5 articles (Wilson) or 10 articles or clusters (bootstrap
  means), or 3 outlets, nor for a skewed mean clustered by fewer than 30 clusters,
  nor where the resamples cannot bound the estimate; the ``note`` says why. ``method="percentile"`` and ``"bca"`` remain (BCa's ``z0`` counts
  replicates tied with the estimate as half below, the mid-rank rule).
* **Differences** (:func:`pairwise`, the change of :func:`event_window`,
  :func:`event_did`, :func:`pool_events`): intervals combine the groups' own intervals
  by MOVER (Zou, G. Y. & Donner, A. (2008). *Statistics in Medicine*, 27(10),
  1693-1702), with the correlation of two outlets covering the same days when
  clustered by day. Tests: for means over articles, the symmetric bootstrap-t test
  (Hall, P. & Wilson, S. R. (1991). *Biometrics*, 47(2), 757-762), which agrees with
  the bootstrap-t intervals and holds its size with unequal variances, sizes and
  skewness; for shares, and with outlets as units, the studentized (Welch)
  permutation test (Janssen 1997; Chung & Romano 2013); with clusters the wild cluster
  bootstrap with the null imposed and Webb weights, days shared by both outlets moving
  together. Holm and Benjamini-Hochberg adjustments run over a stated family
  (``family``), and FCR-adjusted intervals accompany the selected differences
  (Benjamini & Yekutieli 2005).
* **Random streams**: every group (and pair, period, window) draws from its own stream
  derived from ``seed`` and its name, so one outlet's interval does not depend on which
  other outlets are in the call.
* The bootstrap is vectorised: resample indices are drawn for many resamples at once
  and turned into a (resamples x clusters) weight matrix, so every measure of every
  resample is one matrix product. Work is split into blocks of resamples only to bound
  memory, never looped per resample.

Rooms
-----
- ``_intervals``: one group's estimate and its interval (the rules above)
- ``_estimates``: :func:`by_outlet`, :func:`over_time`, the sampling design and the
  estimates table they share
- ``_pairwise``: :func:`pairwise`, :func:`adjust_pvalues`
- ``_events``: :func:`load_events` (``events.yaml``)
- ``_event_window``: :func:`event_window`, :func:`event_did`
- ``_event_checks``: :func:`event_checks`, :func:`pool_events`
- ``_pool``: :func:`pool_outlets`: small outlets pooled for readable comparisons
"""

from framing.compare._estimates import by_outlet, over_time
from framing.compare._event_checks import event_checks, pool_events
from framing.compare._event_window import event_did, event_window
from framing.compare._events import load_events
from framing.compare._pairwise import adjust_pvalues, pairwise
from framing.compare._pool import pool_outlets

__all__ = [
    "by_outlet",
    "pairwise",
    "over_time",
    "load_events",
    "adjust_pvalues",
    "event_window",
    "event_did",
    "event_checks",
    "pool_events",
    "pool_outlets",
]
