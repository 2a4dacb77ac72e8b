"""Estimates as papers print them: one cell "estimate [95% CI] (n)" per row and measure."""

from __future__ import annotations

import math

import pandas as pd

from framing._shared.checks import require_columns

__all__ = ["estimate_table"]


def estimate_table(
    estimates: pd.DataFrame,
    *,
    rows: str = "outlet",
    columns: str = "measure",
    digits: int = 2,
    percent: bool = False,
    n: bool = True,
) -> pd.DataFrame:
    """Turn an estimates table into a wide table of "estimate [low, high] (n)" cells.

    Parameters
    ----------
    estimates : pandas.DataFrame
        ``<rows>, <columns>, estimate, ci_low, ci_high, n_docs`` (e.g. from
        :func:`framing.compare.by_outlet`; ``rows`` may be a group column).
    rows, columns : str
        The columns that become rows and columns of the result.
    digits : int, default 2
        Decimals shown.
    percent : bool, default False
        Show shares as percentages (``25.0%``).
    n : bool, default True
        Append the number of articles ``(n)``.

    Returns
    -------
    pandas.DataFrame
        One row per value of ``rows`` (first column), one column per value of
        ``columns``, cells as text; a missing interval shows the estimate alone and a
        missing estimate ``"-"``. ``attrs`` are kept (the estimator, for the methods
        paragraph of :func:`save_table`).

    Examples
    --------
    >>> est = pd.DataFrame({"outlet": ["A", "A"], "measure": ["peace", "war"],
    ...                     "estimate": [0.25, 0.5], "ci_low": [0.18, float("nan")],
    ...                     "ci_high": [0.33, float("nan")], "n_docs": [112, 3]})
    >>> estimate_table(est).to_dict("records")
    [{'outlet': 'A', 'peace': '0.25 [0.18, 0.33] (112)', 'war': '0.50 (3)'}]
    """
    require_columns(estimates, [rows, columns, "estimate", "ci_low", "ci_high", "n_docs"],
                    where="estimate_table", hint="Pass by_outlet() output.")  # fmt: skip

    def num(v) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        return f"{v * 100:.{digits}f}%" if percent else f"{v:.{digits}f}"

    def cell(r) -> str:
        if not num(r.estimate):
            return "-"
        text = num(r.estimate)
        if num(r.ci_low) and num(r.ci_high):
            text += f" [{num(r.ci_low)}, {num(r.ci_high)}]"
        return text + (f" ({int(r.n_docs)})" if n and pd.notna(r.n_docs) else "")

    cells = estimates.assign(cell=[cell(r) for r in estimates.itertuples(index=False)])
    wide = cells.pivot(index=rows, columns=columns, values="cell")
    order = list(dict.fromkeys(estimates[columns]))
    wide = wide[order].fillna("-").reset_index()
    wide.columns.name = None
    wide.attrs = dict(estimates.attrs)
    return wide
