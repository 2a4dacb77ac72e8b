"""Dot-and-whisker panels of per-outlet estimates (one panel per measure)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.plots._figure import (
    EST_COLUMNS,
    category_order,
    display_label,
    dot_whiskers,
    finalize,
    new_figure,
    plotted_columns,
    select_rows,
    styles_for,
    wrap_label,
)
from framing.plots._style import style, width_inches

__all__ = ["prevalence_plot"]


def prevalence_plot(
    estimates,
    *,
    group="outlet",
    measures=None,
    order=None,
    colors=None,
    ncols=None,
    width=None,
    xlabel="Estimate (95% CI)",
    labels=None,
):
    """Frame prevalence per outlet: dots with CI whiskers, one panel per measure.

    Parameters
    ----------
    estimates : pandas.DataFrame
        Columns ``<group>``, ``measure``, ``estimate``, ``ci_low``, ``ci_high``
        (``n_docs`` is carried into ``data`` when present). One row per group and
        measure.
    group : str
        The column naming the outlets (or groups); drawn on the y axis, first at top.
    measures : list of str, optional
        Measures to draw, in panel order (default: all, sorted).
    order : None, "estimate" or list
        Outlet order, the same in every panel: by name (default), by mean estimate
        over the drawn measures, or as listed (unlisted outlets follow by name).
    colors : dict, optional
        ``{outlet: colour}`` or the output of :func:`outlet_styles` (default: styles
        of the outlets in the table).
    ncols : int, optional
        Panels per row (default: 1 in a single column, up to 3 across the page).
        Long panel titles are wrapped to the panel width.
    width : "single", "double" or float, optional
        Default: single for one panel, double otherwise.
    xlabel : str
        Label of every panel's x axis.
    labels : dict, optional
        Display names of measures (``{"frames.conflict_any": "Conflict"}``); ``data``
        keeps the measure names.

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<group>, measure, estimate, ci_low, ci_high[, n_docs]`` in drawing order
        (panel by panel, outlets top to bottom).

    Raises
    ------
    ColumnsError
        When a column is missing.
    FigureError
        When a (group, measure) pair has several rows, or no rows remain.

    Examples
    --------
    >>> est = pd.DataFrame({"outlet": ["A", "B"], "measure": ["conflict"] * 2,
    ...     "estimate": [0.2, 0.4], "ci_low": [0.1, 0.3], "ci_high": [0.3, 0.5], "n_docs": [9, 9]})
    >>> fig, data = prevalence_plot(est)
    >>> data["estimate"].tolist()
    [0.2, 0.4]
    """
    where = "prevalence_plot"
    require_columns(
        estimates, [group, "measure", *EST_COLUMNS], where=where, hint="Pass by_outlet() output."
    )
    df, panels = select_rows(estimates, measures, [group, "measure"], where)
    outlets = category_order(df, group, order)
    styles = styles_for(outlets, colors)
    ypos = {o: len(outlets) - 1 - i for i, o in enumerate(outlets)}
    width = width or ("single" if len(panels) == 1 else "double")
    ncols = ncols or min(len(panels), max(1, int(width_inches(width) // 2.3)))
    nrows = math.ceil(len(panels) / ncols)
    title_chars = max(12, int((width_inches(width) / ncols - 0.4) * 72 / (8 * 0.62)))
    rows = []
    with style(width):
        fig = new_figure(width, nrows * (0.5 + 0.2 * len(outlets)) + 0.3)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
        for ax, m in zip(axes, panels, strict=False):
            sub = df[df["measure"] == m].set_index(group)
            for o in outlets:
                if o not in sub.index:
                    continue
                r = sub.loc[o]
                arr = [np.array([float(r[c])]) for c in EST_COLUMNS]
                dot_whiskers(ax, *arr, np.array([ypos[o]]), styles[o], str(o), f"{m}|{o}")
                rows.append(
                    {group: o, "measure": m, **{c: r[c] for c in r.index if c != "measure"}}
                )
            ax.set_title(wrap_label(display_label(labels, m), title_chars))
            ax.set_xlabel(xlabel)
            ax.grid(axis="y", visible=False)
        for ax in axes[len(panels) :]:
            fig.delaxes(ax)
        axes[0].set_yticks([ypos[o] for o in outlets], [str(o) for o in outlets])
        axes[0].set_ylim(-0.6, len(outlets) - 0.4)
        finalize(fig)
    data = pd.DataFrame(rows)
    return fig, plotted_columns(data, [group, "measure", *EST_COLUMNS, "n_docs"])
