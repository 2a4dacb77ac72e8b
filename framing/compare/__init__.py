"""Outlet comparisons with uncertainty: per-outlet estimates, pairwise tests, time series.

Also here: :func:`event_window` (each group before and after dated events, and the
change) and :func:`event_did` (the difference in differences between two groups), from
:mod:`framing.compare._event_window`, whose docstring gives their windows and sources.

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

Rooms
-----
- ``_estimates``: :func:`by_outlet`, :func:`over_time` and the estimates table they share
- ``_pairwise``: :func:`pairwise`, :func:`adjust_pvalues`
- ``_events``: :func:`load_events` (``events.yaml``)
- ``_event_window``: :func:`event_window`, :func:`event_did`
- ``_pool``: :func:`pool_outlets`: small outlets pooled for readable comparisons
"""

from framing.compare._estimates import by_outlet, over_time
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
    "pool_outlets",
]
