"""Heat maps of estimates: outlets (or groups) down, measures across."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.plots._figure import category_order, display_label, finalize, new_figure, select_rows
from framing.plots._style import style

__all__ = ["heatmap"]


def heatmap(
    estimates,
    *,
    group="outlet",
    value="estimate",
    measures=None,
    order=None,
    fmt="{:.2f}",
    cmap="cividis",
    vmin=None,
    vmax=None,
    width=None,
    colorbar_label="Estimate",
    labels=None,
    annotate=None,
):
    """Outlet x measure heatmap with each cell's value written in it (when it fits).

    Parameters
    ----------
    estimates : pandas.DataFrame
        Columns ``<group>``, ``measure`` and ``<value>``; one row per pair.
    group, value : str
        Row and value columns.
    measures : list of str, optional
        Columns of the heatmap, in order (default: all, sorted).
    order : None, "estimate" or list
        Row order (see :func:`prevalence_plot`).
    fmt : str
        Format of the annotations, e.g. ``"{:.0%}"``.
    cmap : str
        Colour map; ``cividis`` is colour-blind safe and prints well in grey.
    vmin, vmax : float, optional
        Colour scale limits (default: data range).
    width : "single", "double" or float, optional
        Default: single up to 5 measures, else double.
    colorbar_label : str
        Label of the colour bar.
    labels : dict, optional
        Display names of measures, as in :func:`prevalence_plot`.
    annotate : bool, optional
        Write each value in its cell. Default: only when the cells are large enough
        for the text (e.g. not for 150 outlets x 100 months, where the numbers could not
        be read and would take a minute to draw; ``data`` holds them either way).

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<group>, measure, <value>``: one row per filled cell, rows top to bottom,
        columns left to right. Missing pairs are blank cells and not in ``data``.

    Examples
    --------
    >>> est = pd.DataFrame({"outlet": ["A", "A"], "measure": ["x", "y"], "estimate": [1.0, 2.0]})
    >>> heatmap(est)[1].shape
    (2, 3)
    """
    where = "heatmap"
    require_columns(estimates, [group, "measure", value], where=where)
    df, cols = select_rows(estimates, measures, [group, "measure"], where)
    rows_ = category_order(df, group, order, value=value)
    grid = df.pivot(index=group, columns="measure", values=value).reindex(index=rows_, columns=cols)
    values = grid.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(values)
    width = width or ("single" if len(cols) <= 5 else "double")
    with style(width):
        fig = new_figure(width, 0.9 + 0.28 * len(rows_))
        ax = fig.subplots()
        im = ax.imshow(masked, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
        ax.grid(False)
        ax.set_xticks(
            range(len(cols)), [display_label(labels, c) for c in cols], rotation=35, ha="right"
        )
        ax.set_yticks(range(len(rows_)), [str(r) for r in rows_])
        ax.tick_params(length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        if annotate is None:
            annotate = _fits(fig, values, fmt, len(cols), len(rows_))
        for (i, j), v in np.ndenumerate(values):
            if annotate and np.isfinite(v):
                r, g, b, _ = im.cmap(im.norm(v))
                dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=6.5,
                        color="white" if dark else "black")  # fmt: skip
        fig.colorbar(im, ax=ax, label=colorbar_label, shrink=0.9)
        finalize(fig)
    data = [
        {group: r, "measure": c, value: values[i, j]}
        for i, r in enumerate(rows_)
        for j, c in enumerate(cols)
        if np.isfinite(values[i, j])
    ]
    return fig, pd.DataFrame(data, columns=[group, "measure", value])


_FONT_PT = 6.5  # size of the values written in cells


def _fits(fig, values, fmt: str, n_cols: int, n_rows: int) -> bool:
    """Whether the widest value fits its cell: the axes take about 60% of the figure's
    width (tick labels and colour bar the rest), a character about 0.6 em."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return False
    widest = max(len(fmt.format(v)) for v in (finite.min(), finite.max()))
    width_in, height_in = fig.get_size_inches()
    cell_w = 0.6 * width_in * 72 / max(n_cols, 1)
    cell_h = (height_in - 0.9) * 72 / max(n_rows, 1)
    return cell_w >= 0.6 * _FONT_PT * widest + 2 and cell_h >= _FONT_PT + 1
