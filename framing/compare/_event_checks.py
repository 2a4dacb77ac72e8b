"""Checks of event-window changes, and their pooling over events (private; see
:mod:`framing.compare`).

:func:`event_checks` asks of each event's change (after minus before, as
:func:`~framing.compare.event_window` computes it) the two questions a reader of an
event study asks first:

* **Pre-trend** (a lead): was the measure already moving before the event? The change
  from the window before the *before* window to the before window itself, with its
  interval. An interval far from 0 means the after - before change may continue a
  trend rather than follow the event (Bernal, Cummins & Gasparrini 2017; Freyaldenhoven,
  S., Hansen, C. & Shapiro, J. M. (2019). Pre-event trends in the panel event-study
  design. *American Economic Review*, 109(9), 3307-3338).
* **Placebo dates** (in-time placebos): how large are changes around days when nothing
  happened? The same change is computed around ``n_placebo`` dates spread evenly over
  the corpus whose windows touch no event's windows; ``placebo_p`` is the share of
  placebo changes at least as large in absolute value as the event's, ``(1 + k) / (1 +
  n)`` (the in-time placebo of Abadie, A., Diamond, A. & Hainmueller, J. (2015).
  Comparative politics and the synthetic control method. *American Journal of
  Political Science*, 59(2), 495-510). A small ``placebo_p`` says the event's change is
  unusual for this outlet; a large one says changes of that size happen anyway.

:func:`pool_events` averages the changes (or differences in differences) over events,
each event counting once, with the MOVER interval of a mean of independent estimates
(Zou & Donner 2008): the estimate a paper reports as "around these summits, the share
rose by ...". Events whose windows overlap share articles, so their changes are not
independent; the pooled row says so in its ``note``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import mover_mean
from framing.compare._event_window import DAY, change_bounds, day_times, prepare, window_cells
from framing.errors import ColumnsError

__all__ = ["event_checks", "pool_events"]


def _placebo_days(when, evs, before, after, n_placebo):
    """Evenly spread days whose windows lie inside the corpus and touch no event's."""
    first, last = when.min().floor("D"), when.max().floor("D") + DAY
    days = pd.date_range(first + before * DAY, last - after * DAY, freq="D")
    keep = np.ones(len(days), dtype=bool)
    for day in evs["event_date"]:  # UTC days of the events, read in the corpus time zone
        local = day.tz_localize(None).tz_localize(when.dt.tz)
        lo, hi = local - (before + after) * DAY, local + (before + after) * DAY
        keep &= ~((days > lo) & (days < hi))
    days = days[keep]
    if len(days) <= n_placebo:
        return list(days)
    pick = np.unique(np.round(np.linspace(0, len(days) - 1, n_placebo)).astype(int))
    return list(days[pick])


def event_checks(
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
    n_placebo: int = 20,
) -> pd.DataFrame:
    """Pre-trend and placebo-date checks of each event's change (module docstring).

    Parameters
    ----------
    scores, events, measures, before, after, gap, group, date, stat, n_boot, ci, cluster, seed, min_docs, method, min_n, unit, tz
        As in :func:`event_window`.
    n_placebo : int, default 20
        Placebo dates (fewer when the corpus has fewer eligible days).

    Returns
    -------
    pandas.DataFrame
        One row per event, group and measure: ``<group>``, ``event``, ``event_label``,
        ``event_date``, ``measure``, ``change``, ``ci_low``, ``ci_high`` (after -
        before, as :func:`event_window`), ``pre_change``, ``pre_ci_low``,
        ``pre_ci_high`` (before minus the window before it, each ``before - gap`` days
        long), ``placebo_p``, ``n_placebo`` (placebo dates with a change) and ``note``.

    Raises
    ------
    ValueError
        ``n_placebo`` is negative; otherwise as :func:`event_window`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> days = pd.date_range("2025-06-01", periods=90, freq="D", tz="UTC")
    >>> s = pd.DataFrame({"outlet": "A", "date": np.repeat(days, 3),
    ...                   "rate": np.tile([1.0, 2.0, 3.0], 90)})
    >>> s.loc[s["date"] >= "2025-07-15", "rate"] += 5
    >>> ev = pd.DataFrame({"date": ["2025-07-15"], "label": ["summit"]})
    >>> c = event_checks(s, ev, "rate", n_boot=200, n_placebo=10)
    >>> c[["change", "pre_change", "placebo_p", "n_placebo"]]
       change  pre_change  placebo_p  n_placebo
    0     5.0         0.0   0.090909         10
    """
    where = "event_checks"
    if isinstance(n_placebo, bool) or not isinstance(n_placebo, int) or n_placebo < 0:
        raise ValueError(f"{where}: n_placebo must be a whole number >= 0, got {n_placebo!r}.")
    measures, evs = prepare(scores, events, measures, before=before, after=after, gap=gap,
                             group=group, date=date, stat=stat, n_boot=n_boot, ci=ci,
                             cluster=cluster, min_docs=min_docs, where=where,
                             method=method)  # fmt: skip
    groups = sorted(scores[group].unique())
    common = dict(measures=measures, group=group, date=date, stat=stat, n_boot=n_boot,
                  cluster=cluster, seed=seed, min_docs=min_docs, groups=groups, where=where,
                  min_n=min_n, unit=unit, tz=tz)  # fmt: skip
    cells, _, _, _ = window_cells(scores, evs, before=before, after=after, gap=gap,
                                  method=method, **common)  # fmt: skip
    # the lead: a pseudo-event `before` days earlier whose after window is the before window
    length = before - gap
    leads = evs.assign(event_date=evs["event_date"] - before * DAY)
    lead_cells, _, _, _ = _lead_cells(scores, leads, length, method, common)
    when = day_times(scores, date, tz).dropna()
    placebo = evs.iloc[:0]
    days = _placebo_days(when, evs, before, after, n_placebo) if n_placebo else []
    if days:
        utc = [d.tz_localize(None).tz_localize("UTC") for d in days]  # local day as UTC day
        placebo = pd.DataFrame({"event": [f"placebo {i}" for i in range(len(days))],
                                "event_label": "placebo", "event_date": utc})  # fmt: skip
    p_cells = {}
    if len(placebo):
        p_cells, _, _, _ = window_cells(scores, placebo, before=before, after=after, gap=gap,
                                        method="t", strict=False, **{**common, "n_boot": 1})  # fmt: skip
    rows = []
    for ev, lead in zip(evs.itertuples(index=False), leads.itertuples(index=False), strict=True):
        for g in groups:
            a, b = cells[(ev.event, g, "after")], cells[(ev.event, g, "before")]
            change = a.est - b.est
            lo, hi = change_bounds(a, b, ci)
            la, lb = lead_cells[(lead.event, g, "after")], lead_cells[(lead.event, g, "before")]
            pre = la.est - lb.est
            pre_lo, pre_hi = change_bounds(la, lb, ci)
            fake = np.array([p_cells[(pe, g, "after")].est - p_cells[(pe, g, "before")].est
                             for pe in placebo["event"]]).reshape(len(placebo), len(measures))  # fmt: skip
            for j, m in enumerate(measures):
                valid = fake[:, j][~np.isnan(fake[:, j])]
                k = int((np.abs(valid) >= abs(change[j]) - 1e-12).sum())
                p = (1 + k) / (1 + valid.size) if valid.size and not np.isnan(change[j]) else np.nan
                note = []
                if np.isnan(lo[j]):
                    note.append("no interval of the change (see event_window notes)")
                if np.isnan(pre_lo[j]):
                    note.append("no pre-trend interval (too few articles in the earlier window)")
                if valid.size < n_placebo:
                    note.append(f"{valid.size} of {n_placebo} placebo dates usable")
                rows.append({group: g, "event": ev.event, "event_label": ev.event_label,
                             "event_date": ev.event_date, "measure": m, "change": change[j],
                             "ci_low": lo[j], "ci_high": hi[j], "pre_change": pre[j],
                             "pre_ci_low": pre_lo[j], "pre_ci_high": pre_hi[j],
                             "placebo_p": p, "n_placebo": int(valid.size),
                             "note": "; ".join(note)})  # fmt: skip
    cols = [group, "event", "event_label", "event_date", "measure", "change", "ci_low",
            "ci_high", "pre_change", "pre_ci_low", "pre_ci_high", "placebo_p", "n_placebo",
            "note"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(ci=ci, before=before, after=after, gap=gap, placebo_dates=list(days))
    return out


def _lead_cells(scores, leads, length, method, common):
    """Cells of the lead: windows of ``length`` days before and after each lead date."""
    return window_cells(scores, leads, before=length, after=length, gap=0, method=method,
                        strict=False, **common)  # fmt: skip


def pool_events(table: pd.DataFrame) -> pd.DataFrame:
    """Pool event-window changes (or differences in differences) over events.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`event_window` (its ``"after - before"`` rows are used) or
        of :func:`event_did` (``diff`` per pair).

    Returns
    -------
    pandas.DataFrame
        One row per group (``event_window``) or pair (``event_did``) and measure: the
        group keys, ``measure``, ``estimate`` (mean of the events' changes, each event
        counting once), ``ci_low``, ``ci_high`` (MOVER interval of a mean of
        independent estimates, Zou & Donner 2008), ``n_events`` (events with an
        interval, the ones pooled), ``events`` (their ids, ``;``-joined) and ``note``
        (events left out, overlapping windows).

    Raises
    ------
    ColumnsError
        The table is neither an ``event_window`` nor an ``event_did`` output.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": "A", "event": ["e1", "e2"], "window": "after - before",
    ...     "measure": "rate", "estimate": [1.0, 3.0], "ci_low": [0.0, 2.0],
    ...     "ci_high": [2.0, 4.0], "first_day": pd.to_datetime(["2025-06-01", "2025-07-01"]),
    ...     "last_day": pd.to_datetime(["2025-06-14", "2025-07-14"])})
    >>> pool_events(t)[["outlet", "estimate", "ci_low", "ci_high", "n_events"]].round(4)
      outlet  estimate  ci_low  ci_high  n_events
    0      A       2.0  1.2929   2.7071         2
    """
    where = "pool_events"
    if "diff" in table.columns and "group_a" in table.columns:
        keys, value = ["group_a", "group_b"], "diff"
        rows = table
    elif "window" in table.columns:
        value = "estimate"
        rows = table[table["window"] == "after - before"]
        fixed = {"event", "event_label", "event_date", "window", "measure", "estimate",
                 "ci_low", "ci_high", "n_docs", "first_day", "last_day", "n_clusters",
                 "n_outlets", "stat", "method", "unit", "note"}  # fmt: skip
        keys = [c for c in table.columns if c not in fixed][:1]
    else:
        raise ColumnsError(
            f"{where}: pass the output of event_window (with a 'window' column) or of "
            f"event_did (with 'group_a', 'group_b', 'diff'); got columns {list(table.columns)}.",
            missing=["window"],
        )
    require_columns(rows, [*keys, "event", "measure", value, "ci_low", "ci_high"], where=where)
    out = []
    for key, sub in rows.groupby([*keys, "measure"], sort=False):
        key = key if isinstance(key, tuple) else (key,)
        ok = sub[[value, "ci_low", "ci_high"]].notna().all(axis=1)
        use = sub[ok]
        note = []
        if (~ok).any():
            note.append(f"{int((~ok).sum())} event(s) without an interval left out: "
                        + ", ".join(map(str, sub.loc[~ok, "event"])))  # fmt: skip
        overlap = _overlaps(use, table.attrs)
        if overlap:
            note.append(f"windows overlap ({overlap}): those changes share articles, so the "
                        "pooled interval is too narrow")  # fmt: skip
        if len(use):
            est, lo, hi = mover_mean(use[value], use["ci_low"], use["ci_high"])
        else:
            est = lo = hi = np.nan
        out.append({**dict(zip([*keys, "measure"], key, strict=True)), "estimate": float(est),
                    "ci_low": float(lo), "ci_high": float(hi), "n_events": len(use),
                    "events": ";".join(map(str, use["event"])), "note": "; ".join(note)})  # fmt: skip
    return pd.DataFrame(
        out, columns=[*keys, "measure", "estimate", "ci_low", "ci_high", "n_events", "events",
                      "note"])  # fmt: skip


def _overlaps(rows: pd.DataFrame, attrs) -> str:
    """Pairs of events whose windows share days, as "a/b" text (empty when none)."""
    if "first_day" in rows.columns:
        spans = rows[["event", "first_day", "last_day"]].drop_duplicates("event")
        starts, ends = spans["first_day"].to_numpy(), spans["last_day"].to_numpy()
    elif "event_date" in rows.columns and "before" in attrs:
        spans = rows[["event", "event_date"]].drop_duplicates("event")
        starts = (spans["event_date"] - attrs["before"] * DAY).to_numpy()
        ends = (spans["event_date"] + (attrs["after"] - 1) * DAY).to_numpy()
    else:
        return ""
    names = spans["event"].astype(str).tolist()
    hits = [f"{names[i]}/{names[k]}" for i in range(len(names)) for k in range(i + 1, len(names))
            if starts[i] <= ends[k] and starts[k] <= ends[i]]  # fmt: skip
    return ", ".join(hits)
