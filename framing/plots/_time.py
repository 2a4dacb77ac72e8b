"""The time-series figure: estimates per period and outlet, with event markers."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import (
    EST_COLUMNS,
    category_order,
    display_label,
    finalize,
    new_figure,
    plotted_columns,
    select_rows,
    styles_for,
)
from framing.plots._labels import place_stacked
from framing.plots._style import style, width_inches

__all__ = ["time_plot"]


def _to_x(values, where: str, field: str) -> pd.Series:
    """Turn periods, dates or date strings into naive UTC timestamps (numbers pass)."""
    s = pd.Series(values).reset_index(drop=True)
    if isinstance(s.dtype, pd.PeriodDtype):
        return s.dt.to_timestamp()
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.tz_convert("UTC").dt.tz_localize(None) if s.dt.tz is not None else s
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return s
    if len(s) and all(isinstance(v, pd.Period) for v in s):
        return pd.Series(pd.PeriodIndex(s).to_timestamp())
    try:
        return pd.to_datetime(s, utc=True, format="mixed").dt.tz_localize(None)
    except (ValueError, TypeError) as exc:
        raise FigureError(
            f"{where}: column {field!r} holds values that are neither dates, periods "
            f"nor numbers (e.g. {s.iloc[0]!r}); pass datetimes or ISO dates.",
            field=field,
            value=s.iloc[0],
        ) from exc


def _panels_below_strip(fig, n):
    """``n`` panels sharing x, below an empty strip that will hold the event labels.

    The strip is added last so that ``fig.get_axes()[:n]`` are the panels, as without
    events; its height is set by :func:`_fit_labels`.
    """
    grid = fig.add_gridspec(n + 1, 1, height_ratios=[0.1] + [1] * n)
    axes = []
    for i in range(n):
        axes.append(fig.add_subplot(grid[i + 1, 0], sharex=axes[0] if axes else None))
    for ax in axes:
        ax.label_outer()  # x tick labels on the bottom panel only, as subplots(sharex=True)
    strip = fig.add_subplot(grid[0, 0])
    strip.set_axis_off()
    return axes, strip, grid


def _fit_labels(fig, ax, strip, grid, items, *, levels, tries=4):
    """Place the event labels in ``strip`` and size the strip to the rows they use.

    Layout first, then place, then resize the strip (keeping the panels' height) and
    place again until the rows fit: the labels are measured in the final layout.
    """
    for attempt in range(tries):
        finalize(fig)  # settle the layout before measuring label extents
        texts, used, step = place_stacked(ax, items, levels=levels, strip=strip)
        height = fig.get_figheight()
        need = (used * step + 2.0) / 72  # inches: the rows and a margin
        have = strip.get_position().height * height
        if need - 0.5 / 72 <= have <= need + 2.0 / 72 or attempt == tries - 1:
            return texts
        for t in texts:
            t.remove()
        panel = ax.get_position().height * height
        grid.set_height_ratios([need / panel] + [1] * (len(grid.get_height_ratios()) - 1))
        fig.set_figheight(height + need - have)
    return texts


def time_plot(
    estimates_over_time,
    *,
    group="outlet",
    period="period",
    measures=None,
    events=None,
    order=None,
    colors=None,
    width="double",
    ylabel="Estimate",
    event_levels=None,
    labels=None,
):
    """Measures over time per outlet: lines with CI bands, and marked events.

    Parameters
    ----------
    estimates_over_time : pandas.DataFrame
        Columns ``<group>``, ``<period>``, ``measure``, ``estimate``, ``ci_low``,
        ``ci_high`` (``n_docs`` carried when present); one row per group, period and
        measure. Periods may be datetimes, pandas periods, ISO date strings or numbers.
    group, period : str
        Column names of the outlet and the time point.
    measures : list of str, optional
        One panel per measure, stacked, sharing the time axis (default: all, sorted).
    events : pandas.DataFrame, optional
        Columns ``date`` and ``label``: a dotted line in every panel and the label
        above the top panel, raised row by row until it overlaps no other label, in a
        strip of its own above the panels (the figure grows to hold the rows). A
        label that would run past the right edge reads leftwards from its line.
        Events outside the plotted period are left out. Record the events
        in the saved figure's ``parameters``; ``data`` holds the series only.
    order, colors, width
        As in :func:`prevalence_plot`.
    ylabel : str
        Label of each panel's y axis.
    event_levels : int, optional
        Cap on label rows (default: as many as needed, so labels never overlap; with
        a cap, a label that fits no row goes where it overlaps least).
    labels : dict, optional
        Display names of measures, as in :func:`prevalence_plot`.

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<group>, <period>, measure, estimate, ci_low, ci_high[, n_docs]``, periods
        as naive UTC timestamps, ordered by panel, outlet and period.

    Examples
    --------
    >>> est = pd.DataFrame({"outlet": ["A", "A"], "period": ["2025-06-01", "2025-07-01"],
    ...     "measure": "conflict", "estimate": [0.1, 0.3], "ci_low": [0.0, 0.2], "ci_high": [0.2, 0.4]})
    >>> time_plot(est)[1]["period"].dt.month.tolist()
    [6, 7]
    """
    where = "time_plot"
    require_columns(estimates_over_time, [group, period, "measure", *EST_COLUMNS], where=where,
                    hint="Pass over_time() output.")  # fmt: skip
    df, panels = select_rows(estimates_over_time, measures, [group, period, "measure"], where)
    df = df.assign(**{period: _to_x(df[period], where, period)})
    outlets = category_order(df, group, order)
    styles = styles_for(outlets, colors)
    ev = None
    if events is not None:
        require_columns(events, ["date", "label"], where=f"{where} (events)")
        if not pd.api.types.is_datetime64_any_dtype(df[period]):
            raise FigureError(
                f"{where}: events need dates on the time axis, but {period!r} holds "
                f"{df[period].dtype} values; pass periods as dates or drop events.",
                field=period,
                value=str(df[period].dtype),
            )
        ev = events.reset_index(drop=True).assign(date=_to_x(events["date"], where, "date"))
        lo_x, hi_x = df[period].min(), df[period].max()
        ev = ev[(ev["date"] >= lo_x) & (ev["date"] <= hi_x)].sort_values(["date", "label"])
    parts, titles = [], []
    with style(width):
        fig = new_figure(width, 0.9 + 1.5 * len(panels))
        has_events = ev is not None and len(ev) > 0
        if has_events:
            axes, strip, grid = _panels_below_strip(fig, len(panels))
        else:
            axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        for ax, m in zip(axes, panels, strict=True):
            for o in outlets:
                sub = df[(df["measure"] == m) & (df[group] == o)].sort_values(period)
                if sub.empty:
                    continue
                x = sub[period]
                ax.fill_between(x, sub["ci_low"].to_numpy(float), sub["ci_high"].to_numpy(float),
                                color=styles[o]["color"], alpha=0.18, linewidth=0, gid=f"{m}|{o}")  # fmt: skip
                ax.plot(x, sub["estimate"].to_numpy(float), color=styles[o]["color"],
                        marker=styles[o]["marker"], markersize=3, label=str(o), gid=f"{m}|{o}")  # fmt: skip
                parts.append(sub)
            titles.append(ax.set_title(display_label(labels, m), loc="left"))
            if pd.api.types.is_datetime64_any_dtype(df[period]):
                locator = mdates.AutoDateLocator(maxticks=5 if width_inches(width) < 5 else 9)
                ax.xaxis.set_major_locator(locator)
                ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            ax.set_ylabel(ylabel)
            if ev is not None:
                for d in ev["date"]:
                    ax.axvline(d, color="0.35", linestyle=":", linewidth=0.8)
        handles = [
            Line2D([], [], color=styles[o]["color"], marker=styles[o]["marker"], label=str(o))
            for o in outlets
        ]
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(outlets), 4))
        if has_events:
            items = list(zip(ev["date"], ev["label"], strict=True))
            _fit_labels(fig, axes[0], strip, grid, items, levels=event_levels)
        finalize(fig)
    data = pd.concat(parts, ignore_index=True)
    return fig, plotted_columns(data, [group, period, "measure", *EST_COLUMNS, "n_docs"])
