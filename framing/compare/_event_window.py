"""Event-window comparisons: a measure just before and just after dated events.

For each event, group (outlet) and measure, :func:`event_window` estimates the mean (or
share) over the articles of a window before the event and a window after it, and the
change (after minus before), each with a bootstrap percentile interval. Each window is
resampled on its own (articles, or whole days with ``cluster="date"``), with the engine
of :func:`framing.compare.by_outlet`; the change's interval comes from the differences
of the two windows' replicates, as in :func:`framing.compare.pairwise`.
:func:`event_did` subtracts one group's change from another's (a difference in
differences), again from the replicates.

Method and sources
------------------
This is the simplest event study: a pre/post contrast in short windows around a dated
key event, the design of MacKinlay, A. C. (1997). Event studies in economics and
finance. *Journal of Economic Literature*, 35(1), 13-39, and of the interrupted time
series without a trend term (Bernal, J. L., Cummins, S. & Gasparrini, A. (2017).
Interrupted time series regression for the evaluation of public health interventions:
a tutorial. *International Journal of Epidemiology*, 46(1), 348-355). In
communication research, key events that shift how the news presents a topic are
described by Kepplinger, H. M. & Habermeier, J. (1995). The impact of key events on the
presentation of reality. *European Journal of Communication*, 10(3), 371-390. The
difference in differences follows Angrist, J. D. & Pischke, J.-S. (2009). *Mostly
Harmless Econometrics*. Princeton University Press, ch. 5; it reads as "outlet A changed
more than outlet B" only if both would have moved alike without the event (parallel
trends), which short windows cannot test: treat it as descriptive. Bootstrap and
cluster-bootstrap sources are in the :mod:`framing.compare` docstring.

Windows
-------
Day 0 is the event's calendar day (UTC). The *before* window holds articles dated in
``[event - before days, event - gap days)`` and the *after* window those in
``[event + gap days, event + after days)``: half-open intervals of whole days, so with
``before=after=7, gap=0`` each window is seven days (the after window starts with the
event day) and ``gap=1`` leaves out the day before the event and the event day itself.
Article times of day do not matter; naive dates are taken as UTC.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import group_rng, mover_diff
from framing.compare._estimates import (
    as_measure_list,
    check_estimate_args,
    measure_values,
    require_group_keys,
    sampling_design,
)
from framing.compare._events import load_events
from framing.compare._intervals import correlation, make_cell
from framing.errors import CorpusError

__all__ = ["event_window", "event_did", "WINDOWS"]

#: The values of the ``window`` column, in row order.
WINDOWS = ("before", "after", "after - before")
DAY = pd.Timedelta(days=1)


def _check_days(before, after, gap, min_docs, where: str) -> None:
    for name, v, low in (("before", before, 1), ("after", after, 1), ("gap", gap, 0),
                         ("min_docs", min_docs, 1)):  # fmt: skip
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < low:
            raise ValueError(
                f"{where}: {name} must be a whole number of {'articles' if name == 'min_docs' else 'days'} "
                f">= {low}, got {v!r}."
            )
    if gap >= before or gap >= after:
        raise ValueError(
            f"{where}: gap ({gap}) must be smaller than before ({before}) and after ({after}), "
            "or a window would hold no day; lower gap or widen the windows."
        )


def _event_table(events, where: str) -> pd.DataFrame:
    """Events as ``event`` (id, else label), ``event_label``, ``event_date`` (UTC day)."""
    if isinstance(events, str | Path):
        events = load_events(events)
    require_columns(events, ["date", "label"], where=f"{where} (events)",
                    hint="Pass load_events('corpora/<name>/events.yaml') or a table with "
                         "'date' and 'label' (and optionally 'id').")  # fmt: skip
    ev = events.reset_index(drop=True)
    day = pd.to_datetime(ev["date"], utc=True).dt.floor("D")
    if day.isna().any():
        i = int(np.flatnonzero(day.isna().to_numpy())[0])
        raise CorpusError(
            f"{where}: event row {i} ({ev['label'].iloc[i]!r}) has no date; give every "
            "event a date (YYYY-MM-DD) or drop it.",
            entry=i, field="date", value=ev["date"].iloc[i],
        )  # fmt: skip
    key = ev["id"] if "id" in ev.columns else ev["label"]
    out = pd.DataFrame({"event": key.astype(str), "event_label": ev["label"].astype(str),
                        "event_date": day})  # fmt: skip
    dup = out["event"].duplicated()
    if dup.any():
        name = out["event"][dup].iloc[0]
        raise CorpusError(
            f"{where}: event {name!r} appears more than once; give events unique ids "
            "(an 'id' column) or drop the repeats.",
            field="id" if "id" in ev.columns else "label", value=name,
        )  # fmt: skip
    return out.sort_values(["event_date", "event"], kind="stable").reset_index(drop=True)


def _spans(day, before, after, gap):
    """``{window: (first day, end day exclusive)}`` for one event day."""
    return {"before": (day - before * DAY, day - gap * DAY),
            "after": (day + gap * DAY, day + after * DAY)}  # fmt: skip


def _window_note(n, cell_note, min_docs, outside) -> str:
    if n == 0:
        note = "no articles in window"
    elif n < min_docs:
        note = f"n_docs < min_docs ({min_docs}): no estimate"
    else:
        note = cell_note
    if outside:
        note = "; ".join(p for p in (note, f"window {outside} corpus dates") if p)
    return note


def day_times(scores, date: str, tz) -> pd.Series:
    """Article times in UTC, or in ``tz`` (so calendar days follow that time zone)."""
    when = pd.to_datetime(scores[date], utc=True)
    return when if tz is None else when.dt.tz_convert(tz)


def window_cells(scores, events, measures, *, before, after, gap, group, date, stat, n_boot,
           cluster, seed, min_docs, groups, where, method="auto", min_n=None, unit=None,
           tz=None, strict=True):  # fmt: skip
    """The shared engine: one interval cell per (event, group, window).

    Returns ``cells[(event, group, window)]`` (a :class:`~framing.compare._intervals.Cell`
    whose ``est`` is NaN below ``min_docs`` and whose ``notes`` say why a value is
    missing), ``spans[event]`` (see :func:`_spans`), the number of articles without a
    date and the sampling design (``strict=False``: an event outside the corpus dates
    gets empty windows instead of an error). Each cell draws from its own random stream (seed,
    event, group, window), so a seed gives the same intervals every run whatever else
    is in the call.
    """
    when = day_times(scores, date, tz)
    has_date = when.notna().to_numpy()
    if not has_date.any():
        raise CorpusError(
            f"{where}: no article has a value in {date!r}, so no window can be filled; "
            "check the corpus dates (load_corpus reads them from the 'date' field).",
            field=date, value=0,
        )  # fmt: skip
    first, last = when.min().floor("D"), when.max().floor("D") + DAY
    x = measure_values(scores, measures, stat, where)
    design = sampling_design(scores, group, cluster, unit, where)
    if design.kind == "cluster" and cluster == date and tz is not None:
        design.codes = pd.factorize(when.dt.floor("D"), use_na_sentinel=True)[0]
    keys = scores[group].to_numpy()
    cells, spans = {}, {}
    for ev in events.itertuples(index=False):
        day = ev.event_date if tz is None else ev.event_date.tz_localize(None).tz_localize(tz)
        spans[ev.event] = _spans(day, before, after, gap)
        lo_all, hi_all = spans[ev.event]["before"][0], spans[ev.event]["after"][1]
        if (hi_all <= first or lo_all >= last) and strict:
            raise CorpusError(
                f"{where}: event {ev.event!r} ({ev.event_date:%Y-%m-%d}) has both windows "
                f"({lo_all:%Y-%m-%d} to {hi_all - DAY:%Y-%m-%d}) outside the corpus dates "
                f"({first:%Y-%m-%d} to {last - DAY:%Y-%m-%d}); drop it from events "
                "or use a corpus that covers it.",
                field="event", value=ev.event,
            )  # fmt: skip
        for w, (lo, hi) in spans[ev.event].items():
            inside = has_date & (when >= lo).to_numpy() & (when < hi).to_numpy()
            outside = ("outside" if hi <= first or lo >= last
                       else "partly outside" if lo < first or hi > last else "")  # fmt: skip
            for g in groups:
                pos = np.flatnonzero(inside & (keys == g))
                cell = make_cell(x[pos], design.codes[pos], stat=stat, method=method,
                                 kind=design.kind, n_boot=n_boot,
                                 rng=group_rng(seed, ev.event, g, w), min_n=min_n)  # fmt: skip
                enough = cell.n >= min_docs
                cell.est = np.where(enough, cell.est, np.nan)
                cell.ok = cell.ok & enough
                cell.notes = [_window_note(cell.n[j], cell.notes[j], min_docs, outside)
                              for j in range(len(cell.n))]  # fmt: skip
                cells[(ev.event, g, w)] = cell
    return cells, spans, int((~has_date).sum()), design


def change_bounds(after, before, ci):
    """Interval of ``after - before`` of two cells (MOVER; correlated through shared
    clusters or outlets, independent otherwise)."""
    lo_a, hi_a = after.bounds(ci)
    lo_b, hi_b = before.bounds(ci)
    return mover_diff(after.est, lo_a, hi_a, before.est, lo_b, hi_b, correlation(after, before))


def prepare(scores, events, measures, *, before, after, gap, group, date, stat, n_boot, ci,
             cluster, min_docs, where, method="auto"):  # fmt: skip
    measures = as_measure_list(measures)
    need = [group, date, *measures] + ([cluster] if cluster and cluster != date else [])
    require_columns(scores, need, where=where, hint="Score the corpus first (lexicon.score); "
                    "the corpus needs a 'date' column.")  # fmt: skip
    check_estimate_args(n_boot, ci, method, stat, cluster, where)
    _check_days(before, after, gap, min_docs, where)
    require_group_keys(scores, [group], where)
    return measures, _event_table(events, where)


def _join(*notes) -> str:
    return "; ".join(f"{w}: {n}" for w, n in notes if n)


def event_window(
    scores: pd.DataFrame,
    events,
    measures: str | Sequence[str],
    *,
    before: int = 7,
    after: int = 7,
    gap: int = 0,
    group: str = "outlet",
    date: str = "date",
    stat: str = "mean",
    n_boot: int = 2000,
    ci: float = 0.95,
    cluster: str | None = None,
    seed: int | None = 0,
    min_docs: int = 2,
    method: str = "auto",
    min_n: int | None = None,
    unit: str | None = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Each group's measure in a window before and after each event, and the change.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per article with ``<group>``, ``<date>`` (datetime; naive values are
        UTC) and the ``measures``. Articles without a date are in no window; they are
        counted in ``result.attrs["n_no_date"]`` (per group in
        ``result.attrs["n_no_date_by_group"]``), as in :func:`over_time`.
    events : pandas.DataFrame or path
        ``date`` and ``label`` columns (``id`` used as the event name when present),
        e.g. :func:`load_events` output or the path of an ``events.yaml``.
    measures : str or sequence of str
        Numeric measure columns, e.g. ``"pressure_per_1k"``.
    before, after : int, default 7
        Window lengths in days: before is ``[event - before, event - gap)``, after is
        ``[event + gap, event + after)`` (whole days, day 0 = event day).
    gap : int, default 0
        Days left out on each side of the event (``gap=1`` drops the eve and the day).
    group, stat, n_boot, ci, cluster, seed, method, min_n, unit
        As in :func:`by_outlet`: each window's interval is the interval
        :func:`by_outlet` gives for its articles (``cluster="date"``: days within the
        window are the clusters). The change's interval combines the two windows'
        intervals by MOVER (Zou & Donner 2008).
    min_docs : int, default 2
        Windows with fewer articles (with a value) get NaN estimates and intervals.
    tz : str, optional
        Time zone of the calendar days (e.g. ``"America/New_York"``): article times
        and event days are read in it, so an evening article stays on its local day.
        Default UTC.

    Returns
    -------
    pandas.DataFrame
        The estimates table of :func:`by_outlet` with the event keys after the group
        column, as :func:`over_time` puts ``period``: ``<group>``, ``event`` (id, else
        label), ``event_label``, ``event_date`` (UTC day), ``window`` (``"before"``,
        ``"after"``, ``"after - before"``), ``measure``, ``estimate``, ``ci_low``,
        ``ci_high``, ``n_docs`` (for ``"after - before"``: articles in both windows),
        ``first_day``, ``last_day`` (the window's days, inclusive), ``n_clusters``
        (with ``cluster``) or ``n_outlets``, ``stat``, ``method``, ``unit`` and
        ``note`` (why a value is missing, or that a window reaches past the corpus
        dates). Every group gets rows for every event, empty windows included. Rows
        are ordered by event date, group, window, measure.

    Raises
    ------
    ColumnsError
        A needed column is missing or a measure is not numeric.
    CorpusError
        A group value or event date is missing, event names repeat, no article has a
        date, or both windows of an event lie outside the corpus dates (an event that
        is only partly covered gets a ``note`` instead).
    ValueError
        ``before``/``after`` < 1, ``gap`` < 0 or not smaller than both, or a bad
        ``ci``/``n_boot``/``stat``/``method``.

    See Also
    --------
    event_checks : pre-trend and placebo-date checks of the same changes.
    pool_events : the change pooled over events, with its interval.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": ["A"] * 4, "rate": [1.0, 3.0, 5.0, 7.0],
    ...     "date": pd.to_datetime(["2025-08-10", "2025-08-12", "2025-08-15", "2025-08-18"])})
    >>> ev = pd.DataFrame({"date": ["2025-08-15"], "label": ["Alaska summit"]})
    >>> t = event_window(s, ev, "rate", n_boot=200)
    >>> t[["outlet", "window", "estimate", "n_docs"]]
      outlet          window  estimate  n_docs
    0      A          before       2.0       2
    1      A           after       6.0       2
    2      A  after - before       4.0       4
    """
    where = "event_window"
    measures, evs = prepare(scores, events, measures, before=before, after=after, gap=gap,
                             group=group, date=date, stat=stat, n_boot=n_boot, ci=ci,
                             cluster=cluster, min_docs=min_docs, where=where,
                             method=method)  # fmt: skip
    groups = sorted(scores[group].unique())
    cells, spans, n_no_date, design = window_cells(
        scores, evs, measures, before=before, after=after, gap=gap, group=group, date=date,
        stat=stat, n_boot=n_boot, cluster=cluster, seed=seed, min_docs=min_docs,
        groups=groups, where=where, method=method, min_n=min_n, unit=unit, tz=tz,
    )  # fmt: skip
    count_col = {"cluster": "n_clusters", "outlet": "n_outlets"}.get(design.kind)
    rows = []
    for ev in evs.itertuples(index=False):
        sp = spans[ev.event]
        for g in groups:
            b, a = cells[(ev.event, g, "before")], cells[(ev.event, g, "after")]
            lo_b, hi_b = b.bounds(ci)
            lo_a, hi_a = a.bounds(ci)
            lo_d, hi_d = change_bounds(a, b, ci)
            parts = {
                "before": (b.est, lo_b, hi_b, b.n, b.n_units, sp["before"], b.notes),
                "after": (a.est, lo_a, hi_a, a.n, a.n_units, sp["after"], a.notes),
                "after - before": (
                    a.est - b.est, lo_d, hi_d, a.n + b.n, a.n_units + b.n_units,
                    (sp["before"][0], sp["after"][1]),
                    [_join(("before", nb), ("after", na))
                     for nb, na in zip(b.notes, a.notes, strict=True)],
                ),
            }  # fmt: skip
            for w in WINDOWS:
                est, lo, hi, n, n_units, (d0, d1), notes = parts[w]
                for j, m in enumerate(measures):
                    row = {group: g, "measure": m, "estimate": est[j], "ci_low": lo[j],
                           "ci_high": hi[j], "n_docs": int(n[j]), "event": ev.event,
                           "event_label": ev.event_label, "event_date": ev.event_date,
                           "window": w, "first_day": _naive_day(d0),
                           "last_day": _naive_day(d1 - DAY)}  # fmt: skip
                    if count_col:
                        row[count_col] = int(n_units[j])
                    row.update(stat=stat, method=a.label, unit=design.label, note=notes[j])
                    rows.append(row)
    cols = [group, "event", "event_label", "event_date", "window", "measure", "estimate",
            "ci_low", "ci_high", "n_docs", "first_day", "last_day"]  # fmt: skip
    cols += ([count_col] if count_col else []) + ["stat", "method", "unit", "note"]
    out = pd.DataFrame(rows, columns=cols)
    out.attrs["n_no_date"] = n_no_date
    out.attrs["ci"] = ci
    out.attrs.update(tz=tz or "UTC", before=before, after=after, gap=gap)
    no_date = scores.loc[pd.to_datetime(scores[date], utc=True).isna(), group]
    out.attrs["n_no_date_by_group"] = {str(k): int(v) for k, v in no_date.value_counts().items()}
    return out


def _naive_day(day):
    """A window day as before: UTC days as they were, local days as UTC timestamps."""
    return (
        day
        if day.tzinfo is None or str(day.tzinfo) == "UTC"
        else day.tz_localize(None).tz_localize("UTC")
    )


def event_did(
    scores: pd.DataFrame,
    events,
    measures: str | Sequence[str],
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    before: int = 7,
    after: int = 7,
    gap: int = 0,
    group: str = "outlet",
    date: str = "date",
    stat: str = "mean",
    n_boot: int = 2000,
    ci: float = 0.95,
    cluster: str | None = None,
    seed: int | None = 0,
    min_docs: int = 2,
    method: str = "auto",
    min_n: int | None = None,
    unit: str | None = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Difference in differences: did group a's measure change more than group b's?

    ``diff = (after_a - before_a) - (after_b - before_b)`` per event and measure. Its
    interval is built by MOVER from the four windows' intervals (those of
    :func:`event_window`): within a window the two groups' estimates are correlated
    when they share days (``cluster="date"``), and that correlation enters, so common
    day shocks are not counted twice. An interval that excludes 0 says the two changes
    differ; reading that as the event's effect on a rests on parallel trends (see the
    module docstring and :func:`event_checks`).

    Parameters
    ----------
    scores, events, measures, before, after, gap, group, date, stat, n_boot, ci, cluster, seed, min_docs, method, min_n, unit, tz
        As in :func:`event_window`.
    pairs : sequence of (str, str), optional
        Groups to contrast; default every pair of groups in sorted order.

    Returns
    -------
    pandas.DataFrame
        ``group_a``, ``group_b``, ``event``, ``event_label``, ``event_date``,
        ``measure``, ``diff``, ``ci_low``, ``ci_high``, ``change_a``, ``change_b``
        (each group's after - before), ``n_a``, ``n_b`` (articles in both windows),
        ``method``, ``unit``, ``note``.

    Raises
    ------
    CorpusError
        A pair names a group that is not in the data; otherwise as :func:`event_window`.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"outlet": list("AAAABBBB"), "rate": [1.0, 1, 5, 5, 2, 2, 3, 3],
    ...     "date": pd.to_datetime(["2025-08-10", "2025-08-12", "2025-08-15", "2025-08-18"] * 2)})
    >>> ev = pd.DataFrame({"date": ["2025-08-15"], "label": ["Alaska summit"]})
    >>> event_did(s, ev, "rate", n_boot=200)[["group_a", "group_b", "diff", "change_a", "change_b"]]
      group_a group_b  diff  change_a  change_b
    0       A       B   3.0       4.0       1.0
    """
    where = "event_did"
    measures, evs = prepare(scores, events, measures, before=before, after=after, gap=gap,
                             group=group, date=date, stat=stat, n_boot=n_boot, ci=ci,
                             cluster=cluster, min_docs=min_docs, where=where,
                             method=method)  # fmt: skip
    present = sorted(scores[group].unique())
    pairs = list(combinations(present, 2)) if pairs is None else [tuple(p) for p in pairs]
    for g in (g for pair in pairs for g in pair):
        if g not in set(present):
            raise CorpusError(
                f"{where}: group {g!r} from pairs is not in column {group!r} "
                f"(groups present: {present}).",
                field=group, value=g,
            )  # fmt: skip
    groups = sorted({g for pair in pairs for g in pair})
    cells, _, n_no_date, design = window_cells(
        scores, evs, measures, before=before, after=after, gap=gap, group=group, date=date,
        stat=stat, n_boot=n_boot, cluster=cluster, seed=seed, min_docs=min_docs,
        groups=groups, where=where, method=method, min_n=min_n, unit=unit, tz=tz,
    )  # fmt: skip
    rows = []
    for ev in evs.itertuples(index=False):
        for ga, gb in pairs:
            c = {(g, w): cells[(ev.event, g, w)] for g in (ga, gb) for w in ("before", "after")}
            ch = {g: c[(g, "after")].est - c[(g, "before")].est for g in (ga, gb)}
            lo_w, hi_w = {}, {}
            for w in ("before", "after"):  # a - b within a window: correlated through days
                lo_w[w], hi_w[w] = change_bounds(c[(ga, w)], c[(gb, w)], ci)
            d_after = c[(ga, "after")].est - c[(gb, "after")].est
            d_before = c[(ga, "before")].est - c[(gb, "before")].est
            lo, hi = mover_diff(d_after, lo_w["after"], hi_w["after"],
                                d_before, lo_w["before"], hi_w["before"])  # fmt: skip
            for j, m in enumerate(measures):
                note = _join(*((f"{g} {w}", c[(g, w)].notes[j]) for (g, w) in c))
                rows.append({
                    "group_a": ga, "group_b": gb, "event": ev.event,
                    "event_label": ev.event_label, "event_date": ev.event_date, "measure": m,
                    "diff": ch[ga][j] - ch[gb][j], "ci_low": lo[j], "ci_high": hi[j],
                    "change_a": ch[ga][j], "change_b": ch[gb][j],
                    "n_a": int(c[(ga, "before")].n[j] + c[(ga, "after")].n[j]),
                    "n_b": int(c[(gb, "before")].n[j] + c[(gb, "after")].n[j]),
                    "method": c[(ga, "after")].label, "unit": design.label, "note": note,
                })  # fmt: skip
    cols = ["group_a", "group_b", "event", "event_label", "event_date", "measure", "diff",
            "ci_low", "ci_high", "change_a", "change_b", "n_a", "n_b", "method", "unit",
            "note"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(n_no_date=n_no_date, ci=ci, before=before, after=after, gap=gap)
    return out
