"""Small input checks shared by every module (private)."""

from __future__ import annotations

from collections.abc import Iterable

from framing.errors import ColumnsError

__all__ = ["require_columns"]


def require_columns(df, columns: Iterable[str], *, where: str, hint: str = "") -> None:
    """Raise :class:`ColumnsError` unless ``df`` has every column in ``columns``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to check.
    columns : iterable of str
        Column names the caller needs.
    where : str
        Name of the calling function, used in the message.
    hint : str, optional
        How to fix it, appended to the message.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"doc_id": []}), ["doc_id"], where="demo")
    >>> require_columns(pd.DataFrame({"id": []}), ["doc_id"], where="demo")
    Traceback (most recent call last):
    ...
    framing.errors.ColumnsError: demo: missing column(s) ['doc_id'] (columns present: ['id']).
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        present = [str(c) for c in df.columns]
        msg = f"{where}: missing column(s) {missing} (columns present: {present})."
        if hint:
            msg += f" {hint}"
        raise ColumnsError(msg, missing=missing, present=present)
