"""Label placement: event labels stacked above an axis, point labels beside their points.

Both are greedy: each label takes the first position (level or offset) whose text box,
measured with the Agg renderer, is clear of the boxes already placed. An event label
with no clear level takes the level it overlaps least; a point label with no clear
offset is left out (the caller is told which were placed).
"""

from __future__ import annotations

import itertools

import matplotlib as mpl
from matplotlib.backends.backend_agg import RendererAgg


def _overlaps(box, placed, pad, pad_y=None) -> bool:
    py = pad if pad_y is None else pad_y
    return any(
        box.x0 < b.x1 + pad and b.x0 < box.x1 + pad and box.y0 < b.y1 + py and b.y0 < box.y1 + py
        for b in placed
    )


#: Resolutions at which a label's width is measured: hinting rounds glyph advances to
#: whole pixels, so a small label's width in points differs by up to ~10% between
#: screen (100 dpi), notebook (150 dpi) and print (300 dpi) renderings.
_MEASURE_DPIS = (72, 100, 150, 200, 300)


def _widest(text, prop) -> float:
    """Width of ``text`` in points: the largest over the resolutions it may be saved at."""
    widths = []
    for dpi in _MEASURE_DPIS:
        w, _, _ = RendererAgg(1, 1, dpi).get_text_width_height_descent(text, prop, ismath=False)
        widths.append(w * 72.0 / dpi)
    return max(widths)


def _widened(box, width, ha):
    """``box`` stretched to ``width`` pixels from its anchored side (``ha``)."""
    if ha == "right":
        return mpl.transforms.Bbox([[min(box.x0, box.x1 - width), box.y0], [box.x1, box.y1]])
    return mpl.transforms.Bbox([[box.x0, box.y0], [max(box.x1, box.x0 + width), box.y1]])


def place_stacked(ax, items, *, levels, strip=None, obstacles=(), fontsize=6.0, gap=1.5):
    """Place event labels above ``ax``, each at the lowest level free of overlap.

    Each label is an annotation of ``ax`` at its x position; it reads to the right of
    its event line, or to the left when it would run past the right edge of ``ax``.
    With ``strip`` (an empty axes above ``ax`` holding the rows) the rows start at the
    bottom of the strip, otherwise just above ``ax``. Labels are left out of the layout
    (``set_in_layout(False)``): otherwise a label reaching past the axes would make the
    layout shrink the axes, which moves every label after it has been placed.

    Boxes must keep ``gap`` points apart side by side, each box as wide as its text
    is at the widest of the usual resolutions (:data:`_MEASURE_DPIS`), so labels that
    are apart on screen stay apart when saved at another dpi; rows are a fixed pitch
    apart. Returns the label texts, the number of levels used and the row
    pitch in points. ``levels=None`` searches upwards until a level is free (one
    always is: finitely many boxes lie below); with a cap, a label that fits nowhere
    goes to the level it overlaps least.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    step = fontsize + 2.5
    px = fig.dpi / 72.0  # pixels per point
    pad_x, pad_y = gap * px, 0.5 * px
    if strip is None:
        coords, y0, base = ("data", "axes fraction"), 1.0, 3.0
    else:
        # A transform as coordinates skips unit conversion: dates are converted below.
        coords = mpl.transforms.blended_transform_factory(ax.transData, strip.transAxes)
        y0, base = 0.0, 1.0
    right = ax.get_window_extent(renderer).x1
    placed = [a.get_window_extent(renderer) for a in obstacles]
    texts, used = [], 0
    for x, label in items:
        if strip is not None:
            x = ax.convert_xunits(x)
        t = ax.annotate(str(label), xy=(x, y0), xycoords=coords,
                        xytext=(2, base), textcoords="offset points", ha="left", va="bottom",
                        fontsize=fontsize, color="0.25", annotation_clip=False)  # fmt: skip
        t.set_in_layout(False)
        t.set_parse_math(False)  # "$50bn" is money, not mathtext
        wide = _widest(str(label), t.get_fontproperties()) * px
        dx = 2
        if _widened(t.get_window_extent(renderer), wide, "left").x1 > right:
            t.set_horizontalalignment("right")  # would run past the panel: read leftwards
            dx = -2
        best, best_hits = 0, None
        for level in itertools.count() if levels is None else range(levels):
            t.xyann = (dx, base + level * step)
            box = _widened(t.get_window_extent(renderer), wide, t.get_horizontalalignment())
            hits = sum(_overlaps(box, [b], pad_x, pad_y) for b in placed)
            if best_hits is None or hits < best_hits:
                best, best_hits = level, hits
            if hits == 0:
                break
        t.xyann = (dx, base + best * step)
        placed.append(_widened(t.get_window_extent(renderer), wide, t.get_horizontalalignment()))
        texts.append(t)
        used = max(used, best + 1)
    return texts, used, step


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


def place_point_labels(ax, points, *, fontsize=6.0):
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
