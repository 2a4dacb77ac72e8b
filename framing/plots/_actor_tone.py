"""Tone toward actors by outlet: dot-and-whisker rows, one per actor and outlet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import (
    EST_COLUMNS,
    category_order,
    check_unique_rows,
    dot_whiskers,
    finalize,
    new_figure,
    plotted_columns,
    styles_for,
)
from framing.plots._style import name_key, style

__all__ = ["actor_tone_plot"]


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
    require_columns(estimates, [group, *EST_COLUMNS, actor if has_actor else "measure"], where=where,
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
    check_unique_rows(df, [group, actor], where)
    acts = list(actors) if actors is not None else sorted(df[actor].unique(), key=name_key)
    acts = [a for a in acts if a in set(df[actor])]
    outlets = category_order(df, group, order)
    styles = styles_for(outlets, colors)
    k = len(outlets)
    offsets = np.linspace(0.3, -0.3, k) if k > 1 else np.zeros(1)
    base = {a: len(acts) - 1 - i for i, a in enumerate(acts)}
    parts = []
    with style(width):
        fig = new_figure(width, 0.9 + len(acts) * (0.25 + 0.12 * k))
        ax = fig.subplots()
        ax.axvline(0, color="0.3", linewidth=0.7)
        for j, o in enumerate(outlets):
            sub = df[df[group] == o].set_index(actor).reindex([a for a in acts])
            sub = sub[sub[group].notna()]
            y = np.array([base[a] + offsets[j] for a in sub.index])
            arr = [sub[c].to_numpy(float) for c in EST_COLUMNS]
            dot_whiskers(ax, *arr, y, styles[o], str(o), str(o))
            parts.append(sub.reset_index())
        ax.set_yticks([base[a] for a in acts], [str(a) for a in acts])
        ax.set_ylim(-0.6, len(acts) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(xlabel)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=min(k, 4))
        finalize(fig)
    data = pd.concat(parts, ignore_index=True)
    return fig, plotted_columns(data, [group, actor, *EST_COLUMNS, "n_docs"])
