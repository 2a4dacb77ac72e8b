"""Figures of classifier evaluation: confusion matrix and learning curve.

Both return ``(fig, data)`` like :mod:`framing.plots`: the figure and exactly the
numbers drawn, ready for :func:`framing.export.save_figure`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.plots._figure import finalize, new_figure
from framing.plots._style import OKABE_ITO, style

__all__ = ["confusion_plot", "learning_curve_plot"]


def confusion_plot(confusion: pd.DataFrame, *, normalize: bool = True, width: float = 3.5):
    """Confusion matrix (true frames down, predicted across) of ``evaluate(...).confusion``.

    Parameters
    ----------
    confusion : pandas.DataFrame
        Square counts table, index = true frame, columns = predicted frame.
    normalize : bool, default True
        Show row shares (recall per true frame) instead of counts.
    width : float
        Figure width in inches.

    Returns
    -------
    (matplotlib.figure.Figure, pandas.DataFrame)
        ``data`` has ``true, predicted, count, share``.
    """
    counts = confusion.to_numpy(dtype=float)
    rows = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(rows > 0, counts / rows, 0.0)
    shown = share if normalize else counts
    k = len(confusion)
    with style(width, aspect=1.0):
        fig = new_figure(width, width)
        ax = fig.add_subplot()
        im = ax.imshow(shown, cmap="cividis", vmin=0, vmax=1 if normalize else None)
        ax.set_xticks(range(k), [str(c) for c in confusion.columns], rotation=90)
        ax.set_yticks(range(k), [str(c) for c in confusion.index])
        ax.set_xlabel("Predicted frame")
        ax.set_ylabel("Hand-coded frame")
        fig.colorbar(im, ax=ax, shrink=0.8, label="Share of row" if normalize else "Articles")
        finalize(fig)
    t, p = np.meshgrid(confusion.index, confusion.columns, indexing="ij")
    data = pd.DataFrame(
        {
            "true": t.ravel(),
            "predicted": p.ravel(),
            "count": counts.ravel().astype(int),
            "share": share.ravel(),
        }
    )
    return fig, data


def learning_curve_plot(curve: pd.DataFrame, *, baseline: float | None = None, width: float = 3.5):
    """Macro-F1 against the number of training articles, with CIs.

    Parameters
    ----------
    curve : pandas.DataFrame
        ``n_train, macro_f1, ci_low, ci_high`` (``evaluate(...).learning_curve``).
    baseline : float, optional
        A Dummy baseline's macro-F1 drawn as a dashed line.

    Returns
    -------
    (matplotlib.figure.Figure, pandas.DataFrame)
    """
    require_columns(
        curve, ["n_train", "macro_f1", "ci_low", "ci_high"], where="learning_curve_plot"
    )
    with style(width):
        fig = new_figure(width, width * 0.75)
        ax = fig.add_subplot()
        ax.fill_between(
            curve["n_train"],
            curve["ci_low"],
            curve["ci_high"],
            color=OKABE_ITO[0],
            alpha=0.25,
            lw=0,
        )
        ax.plot(
            curve["n_train"], curve["macro_f1"], marker="o", color=OKABE_ITO[0], label="classifier"
        )
        if baseline is not None:
            ax.axhline(baseline, ls="--", color=OKABE_ITO[6], lw=0.8, label="Dummy baseline")
        ax.set_xlabel("Training articles")
        ax.set_ylabel("Macro-F1 (95% CI)")
        ax.set_ylim(0, 1)
        ax.legend(frameon=False, loc="lower right")
        finalize(fig)
    cols = [
        c
        for c in ["fraction", "n_train", "macro_f1", "ci_low", "ci_high", "n_docs"]
        if c in curve.columns
    ]
    return fig, curve[cols].reset_index(drop=True)
