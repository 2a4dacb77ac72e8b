"""Who speaks in each outlet: stacked shares of quoted words by actor group
(the figure of :mod:`framing.voices`)."""

from __future__ import annotations

import numpy as np

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import category_order, finalize, new_figure
from framing.plots._style import OKABE_ITO, style

__all__ = ["sourcing_plot"]

_GREY = "#BBBBBB"


def sourcing_plot(
    quotes,
    corpus=None,
    *,
    by: str = "outlet",
    groups=None,
    order=None,
    width="double",
    labels=None,
    title: str | None = None,
):
    """Stacked bars: each outlet's quoted words split by the speakers' actor group.

    The share is pooled over the outlet's quotes (quoted words of the group / all
    quoted words), a description of the sample rather than an estimate with an
    interval; for intervals compare the per-article ``words_<group>`` measures of
    :func:`framing.voices.voice_measures` with :func:`framing.compare.by_outlet`.

    Parameters
    ----------
    quotes : pandas.DataFrame
        Output of :func:`framing.voices.extract_quotes` (``doc_id, n_words, group``).
    corpus : pandas.DataFrame, optional
        Articles table giving ``by`` per ``doc_id`` when ``quotes`` lacks it.
    by : str, default "outlet"
        Column forming the bars (e.g. ``outlet_type``).
    groups : list of str, optional
        Actor groups drawn, in stacking order; the others (and unmatched speakers)
        are drawn together in grey as "other / unmatched". Default: every group
        present, most quoted first.
    order : None, "estimate" or list
        Bar order: by name, by the first group's share (descending), or as listed.
    width : "single", "double" or float
    labels : dict, optional
        Display names of groups (``{"us_officials": "US officials"}``).
    title : str, optional

    Returns
    -------
    fig : matplotlib.figure.Figure
    data : pandas.DataFrame
        ``<by>, group, quoted_words, n_quotes, share`` in drawing order.

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.
    framing.errors.FigureError
        When there are no quotes to draw.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "n_words": [6, 2, 4],
    ...     "group": ["experts", None, "experts"]})
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"]})
    >>> fig, data = sourcing_plot(q, c)
    >>> data[["outlet", "group", "share"]].values.tolist()
    [['X', 'experts', 0.75], ['X', 'other / unmatched', 0.25], ['Y', 'experts', 1.0], ['Y', 'other / unmatched', 0.0]]
    """
    import pandas as pd

    where = "sourcing_plot"
    require_columns(quotes, ["doc_id", "n_words", "group"], where=where,
                    hint="Pass the output of framing.voices.extract_quotes.")  # fmt: skip
    q = quotes
    if by not in q.columns:
        if corpus is None:
            raise FigureError(
                f"{where}: the quotes have no {by!r} column; pass the corpus as well "
                f"(sourcing_plot(quotes, corpus)).",
                value=by,
            )
        require_columns(corpus, ["doc_id", by], where=where)
        q = q.merge(corpus[["doc_id", by]].drop_duplicates("doc_id"), on="doc_id", how="left")
    if q.empty:
        raise FigureError(f"{where}: no quotes to draw.", value=0)
    group = q["group"].astype(object).where(q["group"].notna(), None)
    totals = q.groupby(group.fillna("~"), sort=False)["n_words"].sum()
    present = [g for g in totals.sort_values(ascending=False).index if g != "~"]
    shown = list(groups) if groups is not None else present
    other = "other / unmatched"
    label = group.where(group.isin(shown), other)
    cats = [*shown, other]
    agg = (
        q.assign(_g=label.to_numpy())
        .groupby([by, "_g"], sort=False, observed=True)["n_words"]
        .agg(["sum", "size"])
        .rename(columns={"sum": "quoted_words", "size": "n_quotes"})
    )
    bars = sorted(q[by].dropna().unique().tolist(), key=str)
    full = pd.MultiIndex.from_product([bars, cats], names=[by, "group"])
    agg.index = agg.index.set_names([by, "group"])
    agg = agg.reindex(full, fill_value=0).reset_index()
    agg["share"] = agg["quoted_words"] / agg.groupby(by)["quoted_words"].transform("sum")
    if order == "estimate":
        first = agg[agg["group"] == cats[0]].set_index(by)["share"]
        bars = sorted(bars, key=lambda b: (-first.get(b, 0.0), str(b)))
    elif order is not None:
        bars = category_order(agg.assign(estimate=0.0), by, order)
    agg[by] = pd.Categorical(agg[by], bars, ordered=True)
    agg["group"] = pd.Categorical(agg["group"], cats, ordered=True)
    agg = agg.sort_values([by, "group"]).reset_index(drop=True)
    agg[by] = agg[by].astype(object)
    agg["group"] = agg["group"].astype(object)
    colors = {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(shown)}
    colors[other] = _GREY
    with style(width):
        fig = new_figure(width, 0.6 + 0.28 * len(bars))
        ax = fig.subplots()
        y = np.arange(len(bars))[::-1]
        left = np.zeros(len(bars))
        for g in cats:
            part = agg[agg["group"] == g].set_index(by).reindex(bars)
            vals = part["share"].fillna(0.0).to_numpy()
            name = str(labels.get(g, g)) if labels else str(g)
            ax.barh(y, vals, left=left, color=colors[g], label=name, height=0.7,
                    edgecolor="white", linewidth=0.5, gid=f"share|{g}")  # fmt: skip
            left = left + vals
        ax.set_yticks(y, [str(b) for b in bars])
        ax.set_xlim(0, 1)
        ax.set_xlabel("Share of quoted words")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.02 * len(bars) ** 0.5),
                  ncols=min(4, len(cats)), frameon=False)  # fmt: skip
        if title:
            ax.set_title(title)
        finalize(fig)
    return fig, agg[[by, "group", "quoted_words", "n_quotes", "share"]]
