"""Figures of classifier evaluation: confusion matrix, learning curve, reliability diagram.

Both return ``(fig, data)`` like :mod:`framing.plots`: the figure and exactly the
numbers drawn, ready for :func:`framing.export.save_figure`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.plots._figure import finalize, new_figure
from framing.plots._style import OKABE_ITO, style

__all__ = ["confusion_plot", "learning_curve_plot", "reliability_plot"]


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
        for c in ["fraction", "n_train", "macro_f1", "ci_low", "ci_high", "micro_f1", "n_docs"]
        if c in curve.columns
    ]
    return fig, curve[cols].reset_index(drop=True)


def reliability_plot(calibration: pd.DataFrame, *, frame: str = "all", width: float = 3.5):
    """Reliability diagram: the observed share of articles with a frame against the mean
    predicted probability, per probability bin, with Wilson intervals; the diagonal is
    perfect calibration (DeGroot & Fienberg 1983).

    Parameters
    ----------
    calibration : pandas.DataFrame
        ``evaluate(...).calibration``: ``frame, bin, n, mean_probability, observed,
        ci_low, ci_high``.
    frame : str, default "all"
        One frame, or ``"all"`` (every frame's probabilities pooled).
    width : float
        Figure width in inches.

    Returns
    -------
    (matplotlib.figure.Figure, pandas.DataFrame)
        ``data``: the rows of that frame (``bin, n, mean_probability, observed,
        ci_low, ci_high``).

    References
    ----------
    DeGroot, M. H., & Fienberg, S. E. (1983). The comparison and evaluation of
    forecasters. *Journal of the Royal Statistical Society D*, 32(1-2), 12-22.

    Examples
    --------
    >>> cal = pd.DataFrame({"frame": ["all"] * 2, "bin": [0, 9], "n": [40, 10],
    ...                     "mean_probability": [0.05, 0.93], "observed": [0.1, 0.8],
    ...                     "ci_low": [0.04, 0.49], "ci_high": [0.23, 0.94]})
    >>> fig, data = reliability_plot(cal)
    >>> data["observed"].tolist()
    [0.1, 0.8]
    """
    from framing.errors import FigureError

    need = ["frame", "bin", "n", "mean_probability", "observed", "ci_low", "ci_high"]
    require_columns(calibration, need, where="reliability_plot")
    rows = calibration[calibration["frame"] == frame]
    if rows.empty:
        raise FigureError(
            f"reliability_plot: no rows for frame {frame!r} (frames: "
            f"{sorted(map(str, calibration['frame'].unique()))}).",
            field="frame",
            value=frame,
        )
    rows = rows.sort_values("bin")
    with style(width):
        fig = new_figure(width, width)
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], ls="--", color=OKABE_ITO[6], lw=0.8, label="perfect calibration")
        ax.errorbar(
            rows["mean_probability"],
            rows["observed"],
            yerr=[rows["observed"] - rows["ci_low"], rows["ci_high"] - rows["observed"]],
            marker="o",
            color=OKABE_ITO[0],
            capsize=2,
            lw=1,
            label="classifier (95% CI)",
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("Predicted probability (bin mean)")
        ax.set_ylabel("Observed share with the frame")
        ax.legend(frameon=False, loc="upper left")
        finalize(fig)
    cols = ["bin", "n", "mean_probability", "observed", "ci_low", "ci_high"]
    return fig, rows[cols].reset_index(drop=True)
