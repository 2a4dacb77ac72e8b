"""The house figure style and the kit's standard figures.

Every figure function takes a table another module returns (mostly the estimates
table, ``<group>, measure, estimate, ci_low, ci_high, n_docs``), checks its columns,
and returns ``(fig, data)``: the :class:`matplotlib.figure.Figure` and a DataFrame of
exactly the numbers drawn, which :func:`framing.export.save_figure` writes beside the
image as CSV.

Figures are built on :class:`~matplotlib.figure.Figure` objects with an Agg canvas,
not through ``pyplot``: nothing is registered globally, so building many figures in
a batch neither leaks memory nor triggers pyplot's too-many-figures warning. They
display in Jupyter like any figure.

Style choices
-------------
- Sizes fit journal columns: 3.5 in (single column) and 7.2 in (double column), with
  8 pt text so labels stay readable when printed at that width.
- Font: DejaVu Sans, which ships with matplotlib, so every machine renders the same
  glyphs and the saved bytes do not depend on fonts installed locally.
- Colours: the colour-blind-safe palette of Okabe, M. & Ito, K. (2008), *Color
  Universal Design (CUD): how to make figures and presentations that are friendly to
  colorblind people*, https://jfly.uni-koeln.de/color/ . Sequential maps use ``cividis``
  (Nuñez, Anderton & Renslow 2018, PLOS ONE 13(7): e0199239), designed to read the
  same for viewers with colour-vision deficiency.
- Each outlet (or outlet group) keeps one colour and marker across figures; see
  :func:`outlet_styles`. Figures style the outlets they show; when some figures show
  only some outlets, build the styles once from every outlet of the study and pass
  them to each figure::

      colors = outlet_styles(corpus["outlet"].unique())
      fig, data = time_plot(est, colors=colors)
"""

from __future__ import annotations

import itertools
import math
import re

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from framing._checks import require_columns
from framing.export import SAVE_RC, FigureError

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
]

#: Okabe & Ito (2008) colours, most mutually distinct first; black and then yellow
#: (weakest against a white background) come last.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
#: Markers cycle once the palette is used up, so outlet 9 differs from outlet 1.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
#: Figure widths in inches for single- and double-column layouts.
COLUMN_WIDTHS = {"single": 3.5, "double": 7.2}
_GREY = "#999999"
_EST = ["estimate", "ci_low", "ci_high"]


def _name_key(name) -> tuple[str, str]:
    """Sort names alphabetically ignoring case, ties broken by exact spelling."""
    return str(name).casefold(), str(name)


def _width_in(width) -> float:
    if isinstance(width, str):
        if width not in COLUMN_WIDTHS:
            raise FigureError(
                f"width {width!r} is not one of {sorted(COLUMN_WIDTHS)}; "
                "pass 'single', 'double' or a number of inches.",
                value=width,
            )
        return COLUMN_WIDTHS[width]
    return float(width)


def _rc_params(width="single", aspect: float = 0.75, font_size: float = 8.0) -> dict:
    w = _width_in(width)
    small = font_size - 1
    return {
        "figure.figsize": (w, w * aspect),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "mathtext.fontset": "dejavusans",
        "font.size": font_size,
        "axes.titlesize": font_size,
        "axes.labelsize": font_size,
        "xtick.labelsize": small,
        "ytick.labelsize": small,
        "legend.fontsize": small,
        "legend.frameon": False,
        "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.6,
        "axes.grid": True,
        "grid.linewidth": 0.4,
        "grid.color": "#dddddd",
        "axes.axisbelow": True,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "lines.linewidth": 1.2,
        "lines.markersize": 4,
        "image.cmap": "cividis",
        # Saving settings shared with framing.export.save_figure:
        # - pdf.fonttype 42 (TrueType) keeps PDF text editable and searchable; journals
        #   reject the Type 3 fonts matplotlib embeds by default.
        # - svg.fonttype "path" draws glyphs as outlines: the SVG looks the same in every
        #   browser whatever fonts the reader has, and its bytes depend only on
        #   matplotlib (which ships DejaVu Sans). Editable text is what the PDF is for.
        # - a fixed svg.hashsalt makes SVG element ids, and so the bytes, repeatable.
        **SAVE_RC,
    }


def style(width="single", *, aspect: float = 0.75, font_size: float = 8.0):
    """Return a context manager that applies the house print style.

    Parameters
    ----------
    width : {"single", "double"} or float
        Default figure width: a journal column (3.5 in), the full page (7.2 in), or
        inches.
    aspect : float
        Default height as a fraction of the width.
    font_size : float
        Base text size in points (tick labels and legends are 1 pt smaller).

    Returns
    -------
    contextlib.AbstractContextManager
        A :func:`matplotlib.rc_context`; also usable as a decorator.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with style("double"):
    ...     mpl.rcParams["figure.figsize"][0], mpl.rcParams["pdf.fonttype"]
    (7.2, 42)
    """
    return mpl.rc_context(_rc_params(width, aspect, font_size))


def outlet_styles(names, *, universe=None) -> dict:
    """Give each outlet (or outlet group) a colour and marker that stay the same.

    Names are sorted (as text, ignoring case) and assigned Okabe-Ito colours in that order, so
    the same set of names always gets the same styles, in every figure and run.
    Beyond 8 names the colours repeat with the next marker of :data:`MARKERS`
    (name 9 is blue squares, name 1 blue circles).

    Parameters
    ----------
    names : iterable
        The outlets (or groups such as outlet types) to style.
    universe : iterable, optional
        Every name that may appear in any figure of the study (e.g. all outlets of
        the corpus). Positions are taken in this sorted list, so a figure showing
        only some outlets still gives each its study-wide colour. Defaults to
        ``names``.

    Returns
    -------
    dict
        ``{name: {"color": hex, "marker": str}}`` for each name in ``names``.

    Raises
    ------
    FigureError
        When a name is not in ``universe``.

    Examples
    --------
    >>> outlet_styles(["b", "a"])
    {'a': {'color': '#0072B2', 'marker': 'o'}, 'b': {'color': '#D55E00', 'marker': 'o'}}
    >>> outlet_styles(["b"], universe=["a", "b"])["b"]["color"]
    '#D55E00'
    """
    wanted = sorted({str(n) for n in names}, key=_name_key)
    pool = wanted if universe is None else sorted({str(n) for n in universe}, key=_name_key)
    unknown = [n for n in wanted if n not in pool]
    if unknown:
        raise FigureError(
            f"outlet_styles: {unknown} not in universe {pool}; add them to the universe "
            "(e.g. pass every outlet of the corpus).",
            value=unknown,
        )
    index = {n: i for i, n in enumerate(pool)}
    k = len(OKABE_ITO)
    return {
        n: {
            "color": OKABE_ITO[index[n] % k],
            "marker": MARKERS[(index[n] // k) % len(MARKERS)],
        }
        for n in wanted
    }


def outlet_colors(names, *, universe=None) -> dict:
    """Return ``{name: hex colour}``: the colours of :func:`outlet_styles`.

    Examples
    --------
    >>> outlet_colors(["Wire B", "Wire A"])
    {'Wire A': '#0072B2', 'Wire B': '#D55E00'}
    """
    return {n: s["color"] for n, s in outlet_styles(names, universe=universe).items()}


# --------------------------------------------------------------------- helpers


class _KitFigure(Figure):
    """A Figure that shows itself in Jupyter even when pyplot was never imported.

    The inline backend registers its display hook only once pyplot is imported;
    ``_repr_png_`` covers notebooks that only call the kit. When the hook is active
    it takes precedence, so a figure is never shown twice.
    """

    def _repr_png_(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.canvas.print_figure(buf, format="png", dpi=150, bbox_inches="tight")
        return buf.getvalue()


def _new_figure(width, height) -> Figure:
    fig = _KitFigure(figsize=(_width_in(width), height), layout="constrained")
    FigureCanvasAgg(fig)  # a renderer for text extents, without pyplot's registry
    return fig


def _styles_for(names, colors) -> dict:
    """Styles for ``names`` from ``colors`` (None, name->colour or name->style)."""
    if colors is None:
        styles = outlet_styles(names)
        return {n: styles[str(n)] for n in names}
    out = {}
    missing = [n for n in names if n not in colors and str(n) not in colors]
    if missing:
        raise FigureError(
            f"colors has no entry for {missing}; build it with "
            "outlet_styles(names, universe=all_outlets).",
            value=missing,
        )
    for n in names:
        c = colors[n] if n in colors else colors[str(n)]
        out[n] = dict(c) if isinstance(c, dict) else {"color": c, "marker": "o"}
    return out


def _order(df, column, order, value="estimate") -> list:
    """Category order: sorted names, an explicit list, or by mean ``value`` (desc)."""
    present = list(dict.fromkeys(df[column].tolist()))
    if order is None:
        return sorted(present, key=_name_key)
    if isinstance(order, str):
        if order != "estimate":
            raise FigureError(
                f"order {order!r} is not understood; pass None (by name), 'estimate' "
                "or a list of names.",
                value=order,
            )
        means = df.groupby(column, sort=False)[value].mean()
        return sorted(present, key=lambda n: (-np.nan_to_num(means[n], nan=-np.inf), _name_key(n)))
    listed = [n for n in order if n in set(present)]
    rest = sorted((n for n in present if n not in set(listed)), key=_name_key)
    return listed + rest


def _label(labels, name) -> str:
    return str(labels.get(name, name)) if labels else str(name)


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces, dots and underscores (measure names have few spaces)."""
    lines, line = [], ""
    for piece in re.split(r"(?<=[ ._])", text):
        if line and len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*lines, line.rstrip()])


def _select(df, measures, keys, where):
    """Rows of the chosen measures (one per ``keys``) and the panel order."""
    if measures is not None:
        df = df[df["measure"].isin(measures)]
    if df.empty:
        raise FigureError(f"{where}: no rows to draw (measures={measures}).", value=measures)
    _check_unique(df, keys, where)
    present = set(df["measure"])
    order = list(measures) if measures is not None else sorted(present, key=_name_key)
    return df.reset_index(drop=True), [m for m in order if m in present]


def _check_unique(df, keys, where):
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        first = df.loc[dup, keys].iloc[0].tolist()
        raise FigureError(
            f"{where}: several rows for {dict(zip(keys, first, strict=True))}; "
            f"filter the table to one row per {keys} (e.g. one method).",
            value=first,
        )


def _plotted(df, cols) -> pd.DataFrame:
    keep = [c for c in cols if c in df.columns]
    return df[keep].reset_index(drop=True)


def _finalize(fig) -> None:
    # Instantiate ticks and run the layout while the house rc is active.
    fig.draw_without_rendering()


def _overlaps(box, placed, pad) -> bool:
    return any(
        box.x0 < b.x1 + pad and b.x0 < box.x1 + pad and box.y0 < b.y1 + pad and b.y0 < box.y1 + pad
        for b in placed
    )


# --------------------------------------------------------------------- figures


def _dot_whiskers(ax, x, lo, hi, y, style_, label, gid):
    ok = np.isfinite(lo) & np.isfinite(hi)
    if ok.any():
        ax.hlines(y[ok], lo[ok], hi[ok], colors=style_["color"], linewidth=1.0, gid=gid)
    ax.plot(
        x,
        y,
        linestyle="none",
        marker=style_["marker"],
        color=style_["color"],
        markersize=4.5,
        label=label,
        gid=gid,
    )


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


def _place_stacked(ax, items, *, levels, obstacles=(), fontsize=6.0):
    """Place event labels above ``ax``, each at the lowest level free of overlap.

    Returns the label texts and the number of levels used. ``levels=None`` searches
    upwards until a level is free (one always is: finitely many boxes lie below);
    with a cap, a label that fits nowhere goes to the level it overlaps least.
    """
    renderer = ax.figure.canvas.get_renderer()
    step = fontsize + 2.5
    placed = [a.get_window_extent(renderer) for a in obstacles]
    texts, used = [], 0
    for x, label in items:
        t = ax.annotate(str(label), xy=(x, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(2, 3), textcoords="offset points", ha="left", va="bottom",
                        fontsize=fontsize, color="0.25", annotation_clip=False)  # fmt: skip
        best, best_hits = 0, None
        for level in itertools.count() if levels is None else range(levels):
            t.xyann = (2, 3 + level * step)
            box = t.get_window_extent(renderer)
            hits = sum(_overlaps(box, [b], 1.5) for b in placed)
            if best_hits is None or hits < best_hits:
                best, best_hits = level, hits
            if hits == 0:
                break
        t.xyann = (2, 3 + best * step)
        placed.append(t.get_window_extent(renderer))
        texts.append(t)
        used = max(used, best + 1)
    return texts, used


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
        above the top panel, raised row by row until it overlaps no other label nor
        the panel title (the figure grows to hold the rows). Events outside the plotted period are left out. Record the events
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
    require_columns(estimates_over_time, [group, period, "measure", *_EST], where=where,
                    hint="Pass over_time() output.")  # fmt: skip
    df, panels = _select(estimates_over_time, measures, [group, period, "measure"], where)
    df = df.assign(**{period: _to_x(df[period], where, period)})
    outlets = _order(df, group, order)
    styles = _styles_for(outlets, colors)
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
        fig = _new_figure(width, 0.9 + 1.5 * len(panels))
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
            titles.append(ax.set_title(_label(labels, m), loc="left"))
            if pd.api.types.is_datetime64_any_dtype(df[period]):
                locator = mdates.AutoDateLocator(maxticks=5 if _width_in(width) < 5 else 9)
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
        if ev is not None and len(ev):
            items = list(zip(ev["date"], ev["label"], strict=True))
            levels = event_levels
            _finalize(fig)  # settle the layout before measuring label extents
            texts, used = _place_stacked(axes[0], items, levels=levels, obstacles=titles[:1])
            fig.set_figheight(fig.get_figheight() + used * 8.5 / 72)  # room for the rows
            _finalize(fig)  # the layout moved: measure again and place once more
            for t in texts:
                t.remove()
            _place_stacked(axes[0], items, levels=levels, obstacles=titles[:1])
        _finalize(fig)
    data = pd.concat(parts, ignore_index=True)
    return fig, _plotted(data, [group, period, "measure", *_EST, "n_docs"])


_CANDIDATES = (  # label offsets from the point (points) and alignment, tried in order
    (3, 2, "left", "bottom"),
    (3, -2, "left", "top"),
    (-3, 2, "right", "bottom"),
    (-3, -2, "right", "top"),
    (0, 5, "center", "bottom"),
    (0, -5, "center", "top"),
    (6, 0, "left", "center"),
    (-6, 0, "right", "center"),
)


def _place_point_labels(ax, points, *, fontsize=6.0):
    """Greedy label placement: first candidate offset whose box is free and inside."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    r = 3.0  # marker half-size in pixels at figure dpi, an obstacle for other labels
    placed = []
    for x, y, _ in points:
        px, py = to_px((x, y))
        placed.append(mpl.transforms.Bbox([[px - r, py - r], [px + r, py + r]]))
    done = []
    for x, y, text in points:
        ok = False
        for dx, dy, ha, va in _CANDIDATES:
            t = ax.annotate(text, xy=(x, y), xytext=(dx, dy), textcoords="offset points",
                            ha=ha, va=va, fontsize=fontsize)  # fmt: skip
            box = t.get_window_extent(renderer)
            inside = (
                frame.x0 <= box.x0
                and box.x1 <= frame.x1
                and frame.y0 <= box.y0
                and box.y1 <= frame.y1
            )
            if inside and not _overlaps(box, placed, 1.0):
                placed.append(box)
                ok = True
                break
            t.remove()
        done.append(ok)
    return done


def _side_names(attrs) -> tuple[str, str]:
    def name(groups, fallback, many):
        if groups is None:
            return fallback
        groups = [groups] if isinstance(groups, str) else list(groups)
        return ", ".join(map(str, groups)) if len(groups) <= 2 else many

    target = name(attrs.get("target"), "first group", "target groups")
    return target, name(attrs.get("reference"), "second group", "others")


def fightin_words_plot(
    keyness_table,
    *,
    term="term",
    z="z",
    freq=None,
    n_label=10,
    threshold=1.96,
    names=None,
    width="single",
    xlabel="Frequency (log scale)",
    ylabel="z-score (log-odds, informative prior)",
):
    """Distinctive terms: z-score against frequency, top terms of each side labelled.

    The "Fightin' Words" display of Monroe, Colaresi & Quinn (2008), Political
    Analysis 16(4): 372-403. Labels are placed greedily, most distinctive first, at
    the first of eight offsets around the point whose text box overlaps no placed
    label or labelled point and stays inside the axes; a term with no free spot
    stays unlabelled (``labelled`` False in ``data``).

    Parameters
    ----------
    keyness_table : pandas.DataFrame
        One row per term with columns ``<term>``, ``<z>`` (positive: typical of the
        first group) and a frequency (> 0): the ``<freq>`` column, or when ``freq`` is
        None ``n_total``, or else ``n_target + n_reference`` (the columns of
        :func:`framing.keyness.keyness`).
    term, z, freq : str
        Column names, so the output of any keyness function fits.
    n_label : int
        Terms to label on each side (only terms with ``|z| >= threshold``).
    threshold : float
        |z| beyond which a term is coloured as distinctive (1.96: two-sided 5%).
    names : tuple of str, optional
        Legend names of the first (z > 0) and second (z < 0) groups. Default: the
        ``target`` and ``reference`` in ``keyness_table.attrs`` (as
        :func:`framing.keyness.keyness` sets them; a reference of more than two groups
        reads "others"),
        else "first group" and "second group".
    width, xlabel, ylabel
        Figure width and axis labels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<term>, <freq>, <z>, side, labelled`` (``<freq>`` is ``n_total`` when summed
        from ``n_target`` and ``n_reference``); ``side`` is a name of ``names`` or
        ``"neither"``; rows by z descending, then term.

    Raises
    ------
    FigureError
        When a frequency is not positive (it cannot sit on a log axis).

    Examples
    --------
    >>> kt = pd.DataFrame({"term": ["talks", "war", "the"], "z": [3.0, -2.5, 0.1],
    ...     "n_total": [40, 25, 900]})
    >>> fightin_words_plot(kt)[1]["labelled"].tolist()
    [True, False, True]
    """
    where = "fightin_words_plot"
    hint = "Name the columns with term=, z=, freq=."
    kt = keyness_table
    if freq is None and "n_total" not in kt.columns and {"n_target", "n_reference"} <= set(kt):
        kt = kt.assign(n_total=kt["n_target"] + kt["n_reference"])
    freq = freq or "n_total"
    require_columns(kt, [term, z, freq], where=where, hint=hint)
    names = tuple(names) if names is not None else _side_names(keyness_table.attrs)
    df = kt[[term, freq, z]].reset_index(drop=True)
    bad = ~(pd.to_numeric(df[freq], errors="coerce") > 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise FigureError(
            f"{where}: row {i} (term {df[term].iloc[i]!r}) has {freq}={df[freq].iloc[i]!r}; "
            "frequencies must be positive for the log axis. Drop terms never seen.",
            row=i,
            field=freq,
            value=df[freq].iloc[i],
        )
    df = df.sort_values([z, term], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    zs = df[z].to_numpy(float)
    side = np.where(zs >= threshold, names[0], np.where(zs <= -threshold, names[1], "neither"))
    palette = {names[0]: OKABE_ITO[0], names[1]: OKABE_ITO[1], "neither": _GREY}
    df["side"] = side
    with style(width):
        fig = _new_figure(width, _width_in(width) * 0.8)
        ax = fig.subplots()
        ax.scatter(df[freq].to_numpy(float), zs, c=[palette[s] for s in side], s=7,
                   linewidths=0, gid="terms")  # fmt: skip
        ax.set_xscale("log")
        for h in (threshold, -threshold):
            ax.axhline(h, color="0.5", linestyle=":", linewidth=0.7)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        handles = [Line2D([], [], linestyle="none", marker="o", color=palette[s], label=s)
                   for s in (names[0], names[1])]  # fmt: skip
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
        _finalize(fig)
        pos = df.index[df["side"] == names[0]][:n_label].tolist()
        neg = df.index[df["side"] == names[1]][::-1][:n_label].tolist()
        picks = sorted(pos + neg, key=lambda i: (-abs(zs[i]), str(df.at[i, term])))
        points = [(float(df.at[i, freq]), zs[i], str(df.at[i, term])) for i in picks]
        ok = _place_point_labels(ax, points)
        _finalize(fig)
    df["labelled"] = False
    df.loc[[i for i, good in zip(picks, ok, strict=True) if good], "labelled"] = True
    return fig, df[[term, freq, z, "side", "labelled"]]


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
