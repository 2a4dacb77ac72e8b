"""(private) TODO docstring for framing.plots._dots; see :mod:`framing.plots`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._event import event_window_plot
from framing.plots._fightin import fightin_words_plot
from framing.plots._figure import (
    _EST,
    _check_unique,
    _dot_whiskers,
    _finalize,
    _label,
    _new_figure,
    _order,
    _plotted,
    _select,
    _styles_for,
    _wrap,
)
from framing.plots._style import (
    COLUMN_WIDTHS,
    MARKERS,
    OKABE_ITO,
    _name_key,
    _width_in,
    outlet_colors,
    outlet_styles,
    style,
)
from framing.plots._time import time_plot

__all__ = [
    "OKABE_ITO",
    "MARKERS",
    "COLUMN_WIDTHS",
    "style",
    "outlet_styles",
    "outlet_colors",
    "prevalence_plot",
    "heatmap",
    "time_plot",
    "fightin_words_plot",
    "actor_tone_plot",
    "event_window_plot",
]


# --------------------------------------------------------------------- figures


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
        estimates, [group, "measure", *_EST], where=where, hint="Pass by_outlet() output."
    )
    df, panels = _select(estimates, measures, [group, "measure"], where)
    outlets = _order(df, group, order)
    styles = _styles_for(outlets, colors)
    ypos = {o: len(outlets) - 1 - i for i, o in enumerate(outlets)}
    width = width or ("single" if len(panels) == 1 else "double")
    ncols = ncols or min(len(panels), max(1, int(_width_in(width) // 2.3)))
    nrows = math.ceil(len(panels) / ncols)
    title_chars = max(12, int((_width_in(width) / ncols - 0.4) * 72 / (8 * 0.62)))
    rows = []
    with style(width):
        fig = _new_figure(width, nrows * (0.5 + 0.2 * len(outlets)) + 0.3)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
        for ax, m in zip(axes, panels, strict=False):
            sub = df[df["measure"] == m].set_index(group)
            for o in outlets:
                if o not in sub.index:
                    continue
                r = sub.loc[o]
                arr = [np.array([float(r[c])]) for c in _EST]
                _dot_whiskers(ax, *arr, np.array([ypos[o]]), styles[o], str(o), f"{m}|{o}")
                rows.append(
                    {group: o, "measure": m, **{c: r[c] for c in r.index if c != "measure"}}
                )
            ax.set_title(_wrap(_label(labels, m), title_chars))
            ax.set_xlabel(xlabel)
            ax.grid(axis="y", visible=False)
        for ax in axes[len(panels) :]:
            fig.delaxes(ax)
        axes[0].set_yticks([ypos[o] for o in outlets], [str(o) for o in outlets])
        axes[0].set_ylim(-0.6, len(outlets) - 0.4)
        _finalize(fig)
    data = pd.DataFrame(rows)
    return fig, _plotted(data, [group, "measure", *_EST, "n_docs"])


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
):
    """Outlet x measure heatmap with each cell's value written in it.

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
    df, cols = _select(estimates, measures, [group, "measure"], where)
    rows_ = _order(df, group, order, value=value)
    grid = df.pivot(index=group, columns="measure", values=value).reindex(index=rows_, columns=cols)
    values = grid.to_numpy(dtype=float)
    masked = np.ma.masked_invalid(values)
    width = width or ("single" if len(cols) <= 5 else "double")
    with style(width):
        fig = _new_figure(width, 0.9 + 0.28 * len(rows_))
        ax = fig.subplots()
        im = ax.imshow(masked, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
        ax.grid(False)
        ax.set_xticks(range(len(cols)), [_label(labels, c) for c in cols], rotation=35, ha="right")
        ax.set_yticks(range(len(rows_)), [str(r) for r in rows_])
        ax.tick_params(length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                r, g, b, _ = im.cmap(im.norm(v))
                dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=6.5,
                        color="white" if dark else "black")  # fmt: skip
        fig.colorbar(im, ax=ax, label=colorbar_label, shrink=0.9)
        _finalize(fig)
    data = [
        {group: r, "measure": c, value: values[i, j]}
        for i, r in enumerate(rows_)
        for j, c in enumerate(cols)
        if np.isfinite(values[i, j])
    ]
    return fig, pd.DataFrame(data, columns=[group, "measure", value])


def actor_tone_plot(
    estimates,
    *,
    group="outlet",
    actor="actor",
    prefix="tone_",
    actors=None,
    order=None,
    colors=None,
    width="single",
    xlabel="Tone toward actor (95% CI)",
):
    """Tone toward each actor by outlet: one band per actor, outlets dodged within it.

    Parameters
    ----------
    estimates : pandas.DataFrame
        Columns ``<group>``, ``estimate``, ``ci_low``, ``ci_high`` and either an
        ``<actor>`` column or a ``measure`` column with names ``<prefix><actor>``
        (``tone_russia``); rows with other measures are not drawn.
    group, actor, prefix : str
        Outlet column, actor column, and the measure prefix used when there is no
        actor column.
    actors : list of str, optional
        Actors to draw, top to bottom (default: all, sorted).
    order, colors, width
        As in :func:`prevalence_plot`; outlets are dodged in ``order``, first on top.
    xlabel : str
        Label of the x axis (a line marks 0, neutral tone).

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<group>, <actor>, estimate, ci_low, ci_high[, n_docs]``, by outlet then actor.

    Examples
    --------
    >>> est = pd.DataFrame({"outlet": ["A", "B"], "measure": ["tone_russia"] * 2,
    ...     "estimate": [-0.2, 0.1], "ci_low": [-0.3, 0.0], "ci_high": [-0.1, 0.2]})
    >>> actor_tone_plot(est)[1]["actor"].tolist()
    ['russia', 'russia']
    """
    where = "actor_tone_plot"
    has_actor = actor in estimates.columns
    require_columns(estimates, [group, *_EST, actor if has_actor else "measure"], where=where,
                    hint=f"Give an {actor!r} column or measures named '{prefix}<actor>'.")  # fmt: skip
    df = estimates.reset_index(drop=True)
    if not has_actor:
        df = df[df["measure"].astype(str).str.startswith(prefix)]
        df = df.assign(**{actor: df["measure"].astype(str).str[len(prefix) :]})
    if actors is not None:
        df = df[df[actor].isin(actors)]
    if df.empty:
        raise FigureError(
            f"{where}: no rows to draw (no measure starts with {prefix!r}, or actors={actors}).",
            value=prefix,
        )
    _check_unique(df, [group, actor], where)
    acts = list(actors) if actors is not None else sorted(df[actor].unique(), key=_name_key)
    acts = [a for a in acts if a in set(df[actor])]
    outlets = _order(df, group, order)
    styles = _styles_for(outlets, colors)
    k = len(outlets)
    offsets = np.linspace(0.3, -0.3, k) if k > 1 else np.zeros(1)
    base = {a: len(acts) - 1 - i for i, a in enumerate(acts)}
    parts = []
    with style(width):
        fig = _new_figure(width, 0.9 + len(acts) * (0.25 + 0.12 * k))
        ax = fig.subplots()
        ax.axvline(0, color="0.3", linewidth=0.7)
        for j, o in enumerate(outlets):
            sub = df[df[group] == o].set_index(actor).reindex([a for a in acts])
            sub = sub[sub[group].notna()]
            y = np.array([base[a] + offsets[j] for a in sub.index])
            arr = [sub[c].to_numpy(float) for c in _EST]
            _dot_whiskers(ax, *arr, y, styles[o], str(o), str(o))
            parts.append(sub.reset_index())
        ax.set_yticks([base[a] for a in acts], [str(a) for a in acts])
        ax.set_ylim(-0.6, len(acts) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(xlabel)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=min(k, 4))
        _finalize(fig)
    data = pd.concat(parts, ignore_index=True)
    return fig, _plotted(data, [group, actor, *_EST, "n_docs"])
