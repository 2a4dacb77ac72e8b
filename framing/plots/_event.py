"""The event-window figure: each outlet's measure before and after each event."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import (
    EST_COLUMNS,
    category_order,
    check_unique_rows,
    finalize,
    new_figure,
    plotted_columns,
    styles_for,
    wrap_label,
)
from framing.plots._style import style, width_inches

__all__ = ["event_window_plot"]

_SHOW = {"windows": ("before", "after"), "change": ("after - before",)}


def _pick_measure(df, measure, where):
    present = list(dict.fromkeys(df["measure"].tolist()))
    if measure is None:
        if len(present) != 1:
            raise FigureError(
                f"{where}: the table holds {len(present)} measures {present}; choose one "
                "with measure=...",
                field="measure", value=present,
            )  # fmt: skip
        return present[0]
    if measure not in present:
        raise FigureError(
            f"{where}: measure {measure!r} is not in the table (measures: {present}).",
            field="measure", value=measure,
        )  # fmt: skip
    return measure


def _draw(ax, row, y, style_, window, gid):
    """One dot with its whisker; the before window is an open marker, the rest filled."""
    est, lo, hi = (float(row[c]) for c in EST_COLUMNS)
    if np.isfinite(lo) and np.isfinite(hi):
        ax.hlines([y], [lo], [hi], colors=style_["color"], linewidth=1.0, gid=gid)
    ax.plot([est], [y], linestyle="none", marker=style_["marker"], markersize=4.5,
            color=style_["color"], markeredgewidth=1.0, gid=gid,
            markerfacecolor="white" if window == "before" else style_["color"])  # fmt: skip


def event_window_plot(
    table,
    *,
    group="outlet",
    measure=None,
    events=None,
    show="windows",
    order=None,
    colors=None,
    ncols=None,
    width=None,
    xlabel=None,
    skip_empty=False,
):
    """Dot-and-whisker panels, one per event: each outlet before and after the event.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`framing.compare.event_window` output: ``<group>``, ``event``,
        ``window``, ``measure``, ``estimate``, ``ci_low``, ``ci_high`` (``n_docs``,
        ``event_label`` and ``event_date`` used when present).
    group : str
        The outlet (or group) column; outlets run down the y axis, first at top.
    measure : str, optional
        The measure to draw; needed when the table holds several.
    events : list of str, optional
        Events to draw (values of ``event``), in panel order (default: all, by date).
    show : {"windows", "change"}
        ``"windows"``: before (open marker, above) and after (filled, below) per outlet.
        ``"change"``: the after - before difference, with a line at 0.
    order, colors, ncols, width
        As in :func:`framing.plots.prevalence_plot`; colours are the outlets' stable
        :func:`framing.plots.outlet_styles`.
    xlabel : str, optional
        Label of every panel's x axis (default: the measure and the CI level, read
        from ``table.attrs["ci"]`` as :func:`~framing.compare.event_window` sets it).
    skip_empty : bool, default False
        Leave out the events where no outlet has an estimate in the windows shown (too
        few articles); they stay in the table, not in the figure or ``data``.

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<group>, event, window, measure, estimate, ci_low, ci_high[, n_docs]`` in
        drawing order (panel by panel, outlets top to bottom, before then after).
        Windows without an estimate stay in ``data`` as NaN (nothing is drawn).

    Raises
    ------
    ColumnsError
        A column is missing.
    FigureError
        ``show`` is unknown, the measure is ambiguous or absent, an event is not in the
        table, or a (group, event, window) has several rows.

    Examples
    --------
    >>> t = pd.DataFrame({"outlet": "A", "event": "summit", "measure": "pressure",
    ...     "window": ["before", "after", "after - before"], "estimate": [1.0, 3.0, 2.0],
    ...     "ci_low": [0.5, 2.0, 0.8], "ci_high": [1.5, 4.0, 3.1]})
    >>> fig, data = event_window_plot(t)
    >>> data[["window", "estimate"]].values.tolist()
    [['before', 1.0], ['after', 3.0]]
    """
    where = "event_window_plot"
    require_columns(table, [group, "event", "window", "measure", *EST_COLUMNS], where=where,
                    hint="Pass framing.compare.event_window() output.")  # fmt: skip
    if show not in _SHOW:
        raise FigureError(f"{where}: show must be 'windows' or 'change', got {show!r}.",
                          field="show", value=show)  # fmt: skip
    df = table.reset_index(drop=True)
    m = _pick_measure(df, measure, where)
    windows = _SHOW[show]
    df = df[(df["measure"] == m) & df["window"].isin(windows)]
    check_unique_rows(df, [group, "event", "window"], where)
    if "event_date" in df.columns:
        present = list(dict.fromkeys(df.sort_values("event_date", kind="stable")["event"]))
    else:
        present = list(dict.fromkeys(df["event"]))
    if events is not None:
        unknown = [e for e in events if e not in set(present)]
        if unknown:
            raise FigureError(f"{where}: events {unknown} are not in the table "
                              f"(events: {present}).", field="event", value=unknown)  # fmt: skip
        present = list(events)
    if skip_empty:
        drawn = set(df.loc[df["estimate"].notna(), "event"])
        present = [e for e in present if e in drawn]
    if not present:
        raise FigureError(f"{where}: no rows to draw for measure {m!r}.", value=m)
    outlets = category_order(df, group, order)
    styles = styles_for(outlets, colors)
    ypos = {o: len(outlets) - 1 - i for i, o in enumerate(outlets)}
    dodge = {"before": 0.17, "after": -0.17, "after - before": 0.0}
    width = width or ("single" if len(present) == 1 else "double")
    ncols = ncols or min(len(present), max(1, int(width_inches(width) // 2.3)))
    nrows = math.ceil(len(present) / ncols)
    label_in = max(len(str(o)) for o in outlets) * 7 * 0.6 / 72  # y tick labels, 7 pt
    panel_in = (width_inches(width) - label_in - 0.2) / ncols - 0.15
    title_chars = max(12, int(panel_in * 72 / (8 * 0.62)))
    level = f"{100 * float(table.attrs.get('ci', 0.95)):g}% CI"
    xlabel = xlabel or (f"Change in {m} ({level})" if show == "change" else f"{m} ({level})")
    rows = []
    with style(width):
        fig = new_figure(width, nrows * (0.6 + 0.25 * len(outlets)) + 0.4)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
        for ax, ev in zip(axes, present, strict=False):
            sub = df[df["event"] == ev]
            if show == "change":
                ax.axvline(0, color="0.3", linewidth=0.7)
            for o in outlets:
                for w in windows:
                    hit = sub[(sub[group] == o) & (sub["window"] == w)]
                    if hit.empty:
                        continue
                    r = hit.iloc[0]
                    _draw(ax, r, ypos[o] + dodge[w], styles[o], w, f"{ev}|{w}|{o}")
                    rows.append({group: o, "event": ev, "window": w, "measure": m,
                                 **{c: r[c] for c in (*EST_COLUMNS, "n_docs") if c in r.index}})  # fmt: skip
            label = sub["event_label"].iloc[0] if "event_label" in sub.columns else ev
            ax.set_title(wrap_label(str(label), title_chars))
            ax.set_xlabel(wrap_label(xlabel, title_chars))
            ax.grid(axis="y", visible=False)
        for ax in axes[len(present) :]:
            fig.delaxes(ax)
        axes[0].set_yticks([ypos[o] for o in outlets], [str(o) for o in outlets])
        axes[0].set_ylim(-0.6, len(outlets) - 0.4)
        if show == "windows":
            handles = [
                Line2D([], [], linestyle="none", marker="o", color="0.3", markerfacecolor=face,
                       label=lab)
                for face, lab in (("white", "before"), ("0.3", "after"))
            ]  # fmt: skip
            fig.legend(handles=handles, loc="outside lower center", ncols=2)
        finalize(fig)
    return fig, plotted_columns(
        pd.DataFrame(rows), [group, "event", "window", "measure", *EST_COLUMNS, "n_docs"]
    )
