"""The story map: a timeline of the largest stories and the outlets that covered them."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import finalize, new_figure, styles_for, wrap_label
from framing.plots._style import GREY, style

__all__ = ["story_map_plot"]


def story_map_plot(stories, assignments, *, n=15, colors=None, width="double", label_chars=60):
    """Timeline of the largest stories: one row per story, one marker per article.

    Stories are ranked by the number of outlets that covered them, then by articles,
    then by first date; the top ``n`` are drawn, the largest at the top. A grey line
    spans each story's first to last article; markers are coloured by outlet.

    Parameters
    ----------
    stories : pandas.DataFrame
        :func:`framing.stories.story_clusters` stories (``story_id``, ``label``,
        ``n_outlets``, ``n_articles``, ``first_date``).
    assignments : pandas.DataFrame
        Its assignments (``doc_id``, ``story_id``, ``outlet``, ``date``).
    n : int, default 15
        Stories drawn.
    colors : dict, optional
        ``{outlet: colour}`` or :func:`outlet_styles` output.
    width : "single", "double" or float
        Figure width.
    label_chars : int
        Story labels are cut to this many characters.

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        The articles drawn: ``story_id``, ``label``, ``row`` (0 = top), ``outlet``,
        ``date``, ``doc_id``; by row, then date.

    Raises
    ------
    FigureError
        No story to draw.

    Examples
    --------
    >>> st = pd.DataFrame({"story_id": ["s1"], "label": ["port, strike | Port strike"],
    ...     "n_outlets": [2], "n_articles": [2],
    ...     "first_date": pd.to_datetime(["2025-07-01"], utc=True)})
    >>> asg = pd.DataFrame({"doc_id": ["a", "b"], "story_id": ["s1", "s1"], "outlet": ["A", "B"],
    ...     "date": pd.to_datetime(["2025-07-01", "2025-07-02"], utc=True)})
    >>> story_map_plot(st, asg)[1][["story_id", "outlet", "row"]].values.tolist()
    [['s1', 'A', 0], ['s1', 'B', 0]]
    """
    where = "story_map_plot"
    require_columns(stories, ["story_id", "label", "n_outlets", "n_articles", "first_date"],
                    where=where, hint="Pass the stories of story_clusters().")  # fmt: skip
    require_columns(assignments, ["doc_id", "story_id", "outlet", "date"], where=where,
                    hint="Pass the assignments of story_clusters().")  # fmt: skip
    if stories.empty:
        raise FigureError(
            f"{where}: there is no story to draw (the stories table is empty).", value=0
        )
    top = stories.sort_values(["n_outlets", "n_articles", "first_date", "story_id"],
                              ascending=[False, False, True, True], kind="mergesort").head(n)  # fmt: skip
    rows = {s: i for i, s in enumerate(top["story_id"])}
    data = assignments[assignments["story_id"].isin(rows)].copy()
    data["row"] = data["story_id"].map(rows)
    data["label"] = data["story_id"].map(top.set_index("story_id")["label"])
    data["date"] = pd.to_datetime(data["date"], utc=True)
    data = data.sort_values(["row", "date", "doc_id"], kind="mergesort").reset_index(drop=True)
    outlets = sorted(data["outlet"].unique())
    styles = styles_for(outlets, colors)
    with style(width):
        fig = new_figure(width, 0.6 + 0.22 * len(rows))
        ax = fig.subplots()
        x = mdates.date2num(data["date"].dt.tz_localize(None).to_numpy())
        for sid, r in rows.items():
            xs = x[data["row"].to_numpy() == r]
            ax.hlines(
                len(rows) - 1 - r, xs.min(), xs.max(), colors=GREY, linewidth=0.8, gid=f"span|{sid}"
            )
        for o in outlets:
            m = (data["outlet"] == o).to_numpy()
            ax.plot(x[m], len(rows) - 1 - data["row"].to_numpy()[m], linestyle="none",
                    marker=styles[o]["marker"], color=styles[o]["color"], markersize=4,
                    label=str(o), gid=f"outlet|{o}")  # fmt: skip
        labels = [wrap_label(str(lab)[:label_chars], label_chars) for lab in top["label"]]
        ax.set_yticks(np.arange(len(rows))[::-1], labels)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        ax.set_xlabel("Publication date (UTC)")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=min(4, len(outlets)),
                  frameon=False)  # fmt: skip
        fig.autofmt_xdate()
        finalize(fig)
    return fig, data[["story_id", "label", "row", "outlet", "date", "doc_id"]]
