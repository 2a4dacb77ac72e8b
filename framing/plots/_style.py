"""The house figure style: palette, markers, column widths, rc parameters, outlet styles.

The choices and their sources are listed in the :mod:`framing.plots` docstring; every
name here is re-exported from :mod:`framing.plots`.
"""

from __future__ import annotations

import warnings

import matplotlib as mpl

from framing.errors import FigureError
from framing.export import SAVE_RC

__all__ = [
    "OKABE_ITO",
    "MARKERS",
    "COLUMN_WIDTHS",
    "MAX_HEIGHT",
    "StyleWarning",
    "style",
    "outlet_styles",
    "outlet_colors",
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
#: The tallest figure the kit draws, in inches: 4,000 pixels at 300 dpi (a page height).
MAX_HEIGHT = 13.3
GREY = "#999999"


class StyleWarning(UserWarning):
    """More outlets than distinct colour-and-marker styles: some share a style."""


def name_key(name) -> tuple[str, str]:
    """Sort names alphabetically ignoring case, ties broken by exact spelling."""
    return str(name).casefold(), str(name)


def width_inches(width) -> float:
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
    w = width_inches(width)
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
        >>> import warnings

    import matplotlib as mpl
        >>> with style("double"):
        ...     mpl.rcParams["figure.figsize"][0], mpl.rcParams["pdf.fonttype"]
        (7.2, 42)
    """
    return mpl.rc_context(_rc_params(width, aspect, font_size))


def outlet_styles(names, *, universe=None, groups=None) -> dict:
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
    groups : mapping, optional
        ``{name: group}`` (e.g. each outlet's leaning). Used only when the universe has
        more names than the 56 distinct colour-and-marker styles: then each group
        gets a colour and its outlets the markers in turn, so a style shared by two
        outlets is at least shared within one group.

    Returns
    -------
    dict
        ``{name: {"color": hex, "marker": str}}`` for each name in ``names``.

    Raises
    ------
    FigureError
        When a name is not in ``universe``.

    Warns
    -----
    StyleWarning
        When some names must share a style (more than 56 names, or more than 7 in
        one group with ``groups``); figures that label outlets directly stay readable,
        legends do not: draw groups instead.

    Examples
    --------
    >>> outlet_styles(["b", "a"])
    {'a': {'color': '#0072B2', 'marker': 'o'}, 'b': {'color': '#D55E00', 'marker': 'o'}}
    >>> outlet_styles(["b"], universe=["a", "b"])["b"]["color"]
    '#D55E00'
    """
    wanted = sorted({str(n) for n in names}, key=name_key)
    pool = wanted if universe is None else sorted({str(n) for n in universe}, key=name_key)
    unknown = [n for n in wanted if n not in pool]
    if unknown:
        raise FigureError(
            f"outlet_styles: {unknown} not in universe {pool}; add them to the universe "
            "(e.g. pass every outlet of the corpus).",
            value=unknown,
        )
    k, m = len(OKABE_ITO), len(MARKERS)
    if len(pool) > k * m and groups is not None:
        return _group_styles(wanted, pool, groups)
    if len(pool) > k * m:
        warnings.warn(
            StyleWarning(
                f"{len(pool)} outlets but {k * m} distinct styles: {len(pool) - k * m} share a "
                "colour and marker with another. Label outlets directly, pool small outlets "
                "(framing.compare.pool_outlets), or pass groups= to colour by group."
            ),
            stacklevel=2,
        )
    index = {n: i for i, n in enumerate(pool)}
    return {
        n: {"color": OKABE_ITO[index[n] % k], "marker": MARKERS[(index[n] // k) % m]}
        for n in wanted
    }


def _group_styles(wanted, pool, groups) -> dict:
    """One colour per group, markers in turn within it (for more than 56 outlets)."""
    key = {str(n): str(g) for n, g in dict(groups).items()}
    names = sorted({key.get(n, "") for n in pool}, key=name_key)
    colour = {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(names)}
    rank: dict[str, int] = {}
    marker = {}
    for n in pool:
        g = key.get(n, "")
        marker[n] = MARKERS[rank.get(g, 0) % len(MARKERS)]
        rank[g] = rank.get(g, 0) + 1
    crowded = sorted(g or "(no group)" for g, r in rank.items() if r > len(MARKERS))
    if len(names) > len(OKABE_ITO) or crowded:
        warnings.warn(
            StyleWarning(
                f"styles by group: group(s) {crowded or names[len(OKABE_ITO) :]} have more "
                "outlets than markers (or groups than colours); some outlets share a style."
            ),
            stacklevel=3,
        )
    return {n: {"color": colour[key.get(n, "")], "marker": marker[n]} for n in wanted}


def outlet_colors(names, *, universe=None) -> dict:
    """Return ``{name: hex colour}``: the colours of :func:`outlet_styles`.

    Examples
    --------
    >>> outlet_colors(["Wire B", "Wire A"])
    {'Wire A': '#0072B2', 'Wire B': '#D55E00'}
    """
    return {n: s["color"] for n, s in outlet_styles(names, universe=universe).items()}
