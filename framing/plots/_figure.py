"""What every kit figure shares: the figure object, outlet order, labels, marks.

The Agg-backed figure (no pyplot registry), outlet styles and order, row selection,
axis labels, dot-and-whisker marks, and the table of exactly the numbers drawn.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from framing.errors import FigureError
from framing.plots._style import MAX_HEIGHT, name_key, outlet_styles, width_inches

EST_COLUMNS = ["estimate", "ci_low", "ci_high"]


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


def new_figure(width, height) -> Figure:
    """A figure ``width`` wide (inches or "single"/"double") and ``height`` inches tall,
    never taller than :data:`MAX_HEIGHT` (4,000 px at 300 dpi): rows then get closer."""
    fig = _KitFigure(figsize=(width_inches(width), min(height, MAX_HEIGHT)), layout="constrained")
    FigureCanvasAgg(fig)  # a renderer for text extents, without pyplot's registry
    return fig


def styles_for(names, colors) -> dict:
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


def category_order(df, column, order, value="estimate") -> list:
    """Category order: sorted names, an explicit list, or by mean ``value`` (desc)."""
    present = list(dict.fromkeys(df[column].tolist()))
    if order is None:
        return sorted(present, key=name_key)
    if isinstance(order, str):
        if order != "estimate":
            raise FigureError(
                f"order {order!r} is not understood; pass None (by name), 'estimate' "
                "or a list of names.",
                value=order,
            )
        means = df.groupby(column, sort=False)[value].mean()
        return sorted(present, key=lambda n: (-np.nan_to_num(means[n], nan=-np.inf), name_key(n)))
    listed = [n for n in order if n in set(present)]
    rest = sorted((n for n in present if n not in set(listed)), key=name_key)
    return listed + rest


def display_label(labels, name) -> str:
    return str(labels.get(name, name)) if labels else str(name)


def wrap_label(text: str, width: int) -> str:
    """Wrap at spaces, dots and underscores (measure names have few spaces)."""
    lines, line = [], ""
    for piece in re.split(r"(?<=[ ._])", text):
        if line and len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*lines, line.rstrip()])


def select_rows(df, measures, keys, where):
    """Rows of the chosen measures (one per ``keys``) and the panel order."""
    if measures is not None:
        df = df[df["measure"].isin(measures)]
    if df.empty:
        raise FigureError(f"{where}: no rows to draw (measures={measures}).", value=measures)
    check_unique_rows(df, keys, where)
    present = set(df["measure"])
    order = list(measures) if measures is not None else sorted(present, key=name_key)
    return df.reset_index(drop=True), [m for m in order if m in present]


def check_unique_rows(df, keys, where):
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        first = df.loc[dup, keys].iloc[0].tolist()
        raise FigureError(
            f"{where}: several rows for {dict(zip(keys, first, strict=True))}; "
            f"filter the table to one row per {keys} (e.g. one method).",
            value=first,
        )


def plotted_columns(df, cols) -> pd.DataFrame:
    keep = [c for c in cols if c in df.columns]
    return df[keep].reset_index(drop=True)


def finalize(fig) -> None:
    # Instantiate ticks and run the layout while the house rc is active.
    fig.draw_without_rendering()


def dot_whiskers(ax, x, lo, hi, y, style_, label, gid):
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
