"""Content hash of an article table, stable across runs and row order."""

from __future__ import annotations

import hashlib

import pandas as pd

from framing._shared.checks import require_columns
from framing.corpus._normalise import as_str
from framing.corpus._validate import COLUMNS

__all__ = ["corpus_hash", "row_digests", "combine_digests"]


def _utf8(s: pd.Series) -> list:
    import pyarrow as pa

    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    return arr.cast(pa.large_binary()).to_pylist()


def row_digests(df: pd.DataFrame, step: int = 5_000) -> list[tuple[str, bytes]]:
    """The ``(doc_id, sha256 digest)`` of every row, as :func:`corpus_hash` hashes it.

    Digests of the parts of a corpus (partitions read on different machines) combine
    with :func:`combine_digests` into the hash of the whole corpus.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with the columns :data:`COLUMNS`.
    step : int
        Rows converted to UTF-8 at a time.

    Returns
    -------
    list of (str, bytes)

    Examples
    --------
    >>> from framing.corpus import validate
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["1.", "2."]})
    >>> df = validate(raw).articles
    >>> parts = row_digests(df.iloc[:1]) + row_digests(df.iloc[1:])
    >>> combine_digests(parts) == corpus_hash(df)
    True
    """
    require_columns(df, COLUMNS, where="row_digests", hint="Load the table with load_corpus().")
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
    """The corpus hash (64 hex digits) from the :func:`row_digests` of all its rows, in
    any order (they are combined in ``doc_id`` order).

    Examples
    --------
    >>> combine_digests([]) == combine_digests([])
    True
    """
    total = hashlib.sha256()
    for _, d in sorted(digests):
        total.update(d)
    return total.hexdigest()
