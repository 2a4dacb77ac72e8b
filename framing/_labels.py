"""Label placement: event labels stacked above an axis, point labels beside their points.

Both are greedy: each label takes the first position (level or offset) whose text box,
measured with the Agg renderer, is clear of the boxes already placed. An event label
with no clear level takes the level it overlaps least; a point label with no clear
offset is left out (the caller is told which were placed).
"""

from __future__ import annotations

import itertools

import matplotlib as mpl


def _overlaps(box, placed, pad) -> bool:
    return any(
        box.x0 < b.x1 + pad and b.x0 < box.x1 + pad and box.y0 < b.y1 + pad and b.y0 < box.y1 + pad
        for b in placed
    )


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
