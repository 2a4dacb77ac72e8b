"""Pooling small outlets before a comparison, so figures of 100+ outlets stay readable."""

from __future__ import annotations

import pandas as pd

from framing._shared.checks import require_columns

__all__ = ["pool_outlets"]


def pool_outlets(
    scores: pd.DataFrame,
    *,
    column: str = "outlet",
    min_docs: int = 5,
    top: int | None = None,
    other: str = "other outlets",
) -> pd.DataFrame:
    """Relabel small outlets (and those beyond the ``top`` largest) as one pooled outlet.

    Per-outlet estimates of outlets with a handful of articles are noise, and a figure of
    96 outlets is unreadable; pooling them keeps every article in the comparison (their
    pooled estimate is shown as ``"other outlets (k)"``, k the number pooled) instead
    of dropping them.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per article with the ``column``.
    column : str, default "outlet"
        The column to pool.
    min_docs : int, default 5
        Outlets with fewer rows are pooled.
    top : int, optional
        Keep at most this many outlets (the largest; ties by name), pool the rest.
    other : str, default "other outlets"
        Label of the pooled outlet (``" (k)"`` is appended).

    Returns
    -------
    pandas.DataFrame
        A copy with the pooled outlets relabelled; ``attrs["pooled"]`` lists them and
        ``attrs["pooled_label"]`` is the new label (None when nothing was pooled).

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": list("aaaabbc"), "x": range(7)})
    >>> out = pool_outlets(df, min_docs=2)
    >>> out["outlet"].tolist(), out.attrs["pooled"]
    (['a', 'a', 'a', 'a', 'b', 'b', 'other outlets (1)'], ['c'])
    """
    require_columns(scores, [column], where="pool_outlets")
    counts = scores[column].value_counts()
    order = sorted(counts.index, key=lambda o: (-counts[o], str(o)))
    keep = [o for o in order if counts[o] >= min_docs]
    if top is not None:
        keep = keep[: max(int(top), 0)]
    pooled = sorted((o for o in order if o not in set(keep)), key=str)
    out = scores.copy()
    label = None
    if pooled:
        label = f"{other} ({len(pooled)})"
        out[column] = out[column].where(out[column].isin(keep), label)
    out.attrs = dict(scores.attrs) | {"pooled": [str(o) for o in pooled], "pooled_label": label}
    return out
