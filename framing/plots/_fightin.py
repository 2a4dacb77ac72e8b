"""The Fightin' Words figure: z-scores of log-odds against term frequency."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framing._shared.checks import require_columns
from framing.errors import FigureError
from framing.plots._figure import finalize, new_figure
from framing.plots._labels import place_point_labels
from framing.plots._style import GREY, OKABE_ITO, style, width_inches

__all__ = ["fightin_words_plot"]


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
    p="auto",
    alpha=0.05,
):
    """Distinctive terms: z-score against frequency, top terms of each side labelled.

    The "Fightin' Words" display of Monroe, Colaresi & Quinn (2008), Political
    Analysis 16(4): 372-403. A term is coloured as typical of a side when its
    *adjusted* p-value (``p``; :func:`framing.keyness.keyness` gives an article-level
    test adjusted over all terms) is below ``alpha``; without a p-value column, when
    ``|z| >= threshold`` (an unadjusted token-level cut: a ranking aid, not a test, and
    the legend says so). Labels are placed greedily, most distinctive first, at
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
        Terms to label on each side (only terms coloured as distinctive).
    threshold : float
        |z| beyond which a term is coloured when there is no p-value column (dotted
        lines are drawn there).
    p : str, "auto" or None, default "auto"
        Column of adjusted p-values that decides the colour; ``"auto"`` takes ``p_bh``
        or ``p_holm`` when present; None uses ``threshold``.
    alpha : float, default 0.05
        Level for ``p``.
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
        ``<term>, <freq>, <z>, [<p>,] side, labelled`` (``<freq>`` is ``n_total`` when
        summed from ``n_target`` and ``n_reference``; ``<p>`` when colouring by a
        p-value); ``side`` is a name of ``names`` or ``"neither"``; rows by z
        descending, then term. ``data.attrs["rule"]`` says what made a term distinctive.

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
    if p == "auto":
        p = next((c for c in ("p_bh", "p_holm") if c in kt.columns), None)
    if p is not None:
        require_columns(kt, [p], where=where, hint="Pass p=None to colour by |z|.")
    df = kt[[term, freq, z] + ([p] if p else [])].reset_index(drop=True)
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
    if p:
        hit = df[p].to_numpy(float) < alpha
        side = np.where(hit & (zs > 0), names[0], np.where(hit & (zs < 0), names[1], "neither"))
        kind = {"p_bh": "Benjamini-Hochberg", "p_holm": "Holm"}.get(p, p)
        rule = f"{kind}-adjusted p < {alpha:g}"
    else:
        side = np.where(zs >= threshold, names[0], np.where(zs <= -threshold, names[1], "neither"))
        rule = f"|z| >= {threshold:g} (unadjusted, a ranking aid)"
    palette = {names[0]: OKABE_ITO[0], names[1]: OKABE_ITO[1], "neither": GREY}
    df["side"] = side
    with style(width):
        fig = new_figure(width, width_inches(width) * 0.8)
        ax = fig.subplots()
        ax.scatter(df[freq].to_numpy(float), zs, c=[palette[s] for s in side], s=7,
                   linewidths=0, gid="terms")  # fmt: skip
        ax.set_xscale("log")
        if not p:
            for h in (threshold, -threshold):
                ax.axhline(h, color="0.5", linestyle=":", linewidth=0.7)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        handles = [Line2D([], [], linestyle="none", marker="o", color=palette[s], label=s)
                   for s in (names[0], names[1])]  # fmt: skip
        fig.legend(handles=handles, loc="outside lower center", ncols=2, title=rule,
                   title_fontsize="small")  # fmt: skip
        finalize(fig)
        pos = df.index[df["side"] == names[0]][:n_label].tolist()
        neg = df.index[df["side"] == names[1]][::-1][:n_label].tolist()
        picks = sorted(pos + neg, key=lambda i: (-abs(zs[i]), str(df.at[i, term])))
        points = [(float(df.at[i, freq]), zs[i], str(df.at[i, term])) for i in picks]
        ok = place_point_labels(ax, points)
        finalize(fig)
    df["labelled"] = False
    df.loc[[i for i, good in zip(picks, ok, strict=True) if good], "labelled"] = True
    data = df[[term, freq, z] + ([p] if p else []) + ["side", "labelled"]]
    data.attrs["rule"] = rule
    return fig, data
