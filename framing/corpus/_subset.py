"""Sub-corpora: the articles of some outlets and of a date range (the notebooks' filters)."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import CorpusError

__all__ = ["subset"]


def _day(value, name: str, *, end: bool):
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        ts = pd.Timestamp(datetime.fromisoformat(text))
    except ValueError as exc:
        raise CorpusError(
            f"subset: {name}={text!r} is not a date. Write it as YYYY-MM-DD (or '' for no limit).",
            field=name,
            value=value,
        ) from exc
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and len(text) <= 10:  # a day without a time: include the whole day
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
    return ts


def subset(df: pd.DataFrame, *, outlets=None, start=None, end=None) -> pd.DataFrame:
    """Keep the articles of some outlets and of a date range (the notebooks' filters).

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with ``outlet`` and ``date`` (datetime64, UTC).
    outlets : list of str, optional
        Canonical outlet names to keep; ``None`` or empty keeps every outlet.
    start, end : str, optional
        First and last day kept, ISO dates (``"2025-07-01"``; a day given without a
        time includes all of it); ``None`` or ``""`` means no limit. When a limit is
        given, articles without a date are left out (they cannot be placed in the
        range) and counted.

    Returns
    -------
    pandas.DataFrame
        The kept rows (original index and ``attrs``); ``attrs["subset"]`` records
        ``outlets``, ``start``, ``end``, ``read``, ``kept``, ``outside`` (other outlet
        or outside the range) and ``no_date`` (left out for want of a date).

    Raises
    ------
    ColumnsError
        ``outlet`` or ``date`` is missing.
    CorpusError
        An outlet is not in the table (the message lists those present), or a date
        does not parse.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "B", "A"], "date": pd.to_datetime(
    ...     ["2025-07-01T00:00Z", "2025-07-31T20:00Z", None], utc=True)})
    >>> out = subset(df, end="2025-07-31")
    >>> len(out), out.attrs["subset"]["no_date"]
    (2, 1)
    >>> len(subset(df, outlets=["A"]))
    2
    """
    require_columns(df, ["outlet", "date"], where="subset",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    outlets = [str(o) for o in (outlets or [])]
    present = sorted(df["outlet"].dropna().astype(str).unique())
    unknown = [o for o in outlets if o not in present]
    if unknown:
        raise CorpusError(
            f"subset: outlet(s) {unknown} not in the corpus (outlets present: {present}). "
            "Use canonical names from outlets.yaml.",
            field="outlet",
            value=unknown,
        )
    lo, hi = _day(start, "start", end=False), _day(end, "end", end=True)
    keep = df["outlet"].isin(outlets).to_numpy() if outlets else np.ones(len(df), bool)
    dated = df["date"].notna().to_numpy()
    in_range = np.ones(len(df), bool)
    if lo is not None:
        in_range &= (df["date"] >= lo).fillna(False).to_numpy(bool)
    if hi is not None:
        in_range &= (df["date"] <= hi).fillna(False).to_numpy(bool)
    limited = lo is not None or hi is not None
    no_date = keep & ~dated if limited else np.zeros(len(df), bool)
    out = df.loc[keep & in_range].copy()
    out.attrs = {**df.attrs}
    out.attrs["subset"] = {
        "outlets": outlets,
        "start": "" if lo is None else str(start),
        "end": "" if hi is None else str(end),
        "read": int(len(df)),
        "kept": int(len(out)),
        "outside": int(len(df) - len(out) - no_date.sum()),
        "no_date": int(no_date.sum()),
    }
    return out
