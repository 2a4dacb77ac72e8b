"""Content hash of an article table, stable across runs and row order."""

from __future__ import annotations

import hashlib

import pandas as pd

from framing._shared.checks import require_columns
from framing.corpus._normalise import as_str
from framing.corpus._validate import COLUMNS

__all__ = ["corpus_hash"]


def _utf8(s: pd.Series) -> list:
    import pyarrow as pa

    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    return arr.cast(pa.large_binary()).to_pylist()


def row_digests(df: pd.DataFrame, step: int = 5_000) -> list[tuple[str, bytes]]:
    out = []
    for at in range(0, len(df), step):  # slices keep the UTF-8 copies small
        part = df.iloc[at : at + step]
        dates = part["date"].dt.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
        cols = [part["doc_id"], part["outlet"], dates, part["title"], part["text"]]
        cols += [part["url"], part["lang"]]
        for values in zip(*(_utf8(as_str(c)) for c in cols), strict=True):
            h = hashlib.sha256()
            for b in values:
                h.update(b"\xff" if b is None else len(b).to_bytes(8, "little") + b)
            out.append((values[0].decode("utf-8"), h.digest()))
    return out


def corpus_hash(df: pd.DataFrame) -> str:
    """Return a content hash of an article table, stable across runs and row order.

    Rows are hashed on ``doc_id, outlet, date (ISO, UTC), title, text, url, lang``
    (SHA-256, each field length-prefixed) and combined in ``doc_id`` order; metadata
    columns do not count.

    Parameters
    ----------
    df : pandas.DataFrame or iterable of pandas.DataFrame
        Articles with the columns :data:`COLUMNS`, or the chunks of a corpus (e.g. the
        ``.articles`` of :func:`iter_corpus`): the hash is the same as of the whole table.

    Returns
    -------
    str
        64 hex digits.

    Examples
    --------
    >>> from framing.corpus import validate
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["1.", "2."]})
    >>> df = validate(raw).articles
    >>> corpus_hash(df) == corpus_hash(df.iloc[::-1])
    True
    >>> corpus_hash(df) == corpus_hash(df.assign(text=["1.", "3."]))
    False
    >>> corpus_hash(df) == corpus_hash([df.iloc[:1], df.iloc[1:]])
    True
    """
    chunks = [df] if isinstance(df, pd.DataFrame) else df
    digests = []
    for chunk in chunks:
        require_columns(chunk, COLUMNS, where="corpus_hash",
                        hint="Load the table with load_corpus().")  # fmt: skip
        digests += row_digests(chunk)
    return combine_digests(digests)


def combine_digests(digests: list[tuple[str, bytes]]) -> str:
    total = hashlib.sha256()
    for _, d in sorted(digests):
        total.update(d)
    return total.hexdigest()
