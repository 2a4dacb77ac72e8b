"""Cache keys and layout: where the cache lives, content keys, text and table hashes."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from framing._shared.jsonable import sha256_json, sha256_text

__all__ = [
    "write_checked",
    "read_checked",
    "CACHE_ENV",
    "CACHE_FORMAT",
    "KIND_RE",
    "ROWS_RE",
    "ENTRY_RE",
    "META_KEY",
    "cache_dir",
    "content_key",
    "text_hash",
    "table_hash",
    "check_kind",
    "require_frame",
]


#: Environment variable that overrides the cache folder.
CACHE_ENV = "FRAMING_CACHE"

#: Version of the on-disk layout; part of every key, bump it to orphan old entries.
#: 2: every Parquet page carries a CRC-32, verified on read (entries of format 1 had
#: none, so a flipped byte in their values could not be detected).
CACHE_FORMAT = 2

#: Names of cache kinds (a folder each).
KIND_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
#: Folders of per-item row stores inside a kind's folder.
ROWS_RE = re.compile(r"^[0-9a-f]{64}\.rows$")
#: Files the cache writes (entries and left-over temporary files); nothing else is deleted.
ENTRY_RE = re.compile(r"^[0-9a-f]{64}\.parquet$|^\.[0-9a-f]{16}-.*\.tmp$")
#: Parquet schema-metadata key under which an entry records its key and parts.
META_KEY = b"framing.cache"


def cache_dir() -> Path:
    """Return the cache folder (not created here).

    Returns
    -------
    pathlib.Path
        ``$FRAMING_CACHE`` when the variable is set and non-empty, otherwise
        ``.framing-cache`` in the project folder (:func:`framing.corpus.project_root`:
        the nearest folder at or above the working directory that holds ``corpora/``
        or ``reports/reports.yaml``, else the working directory), so the report batch
        (run from the project root) and JupyterLab (run from ``notebooks/``) share one
        cache. The path is absolute.

    Examples
    --------
    >>> import os
    >>> os.environ["FRAMING_CACHE"] = "/tmp/framing-doctest-cache"
    >>> str(cache_dir())
    '/tmp/framing-doctest-cache'
    >>> del os.environ["FRAMING_CACHE"]
    """
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser().absolute()
    from framing.paths import project_root

    return (project_root() / ".framing-cache").absolute()


def content_key(*parts) -> str:
    """Return the SHA-256 hex digest of a canonical JSON of ``parts``.

    Dict keys are sorted and separators fixed, so the key does not depend on dict order,
    the Python version or the machine. Tuples hash like lists, sets are sorted, paths
    become strings, numpy scalars become Python numbers.

    Parameters
    ----------
    *parts
        JSON-able values: typically a corpus hash, a lexicon hash, a parameter dict and
        a feature version.

    Returns
    -------
    str
        64 lowercase hex characters.

    Raises
    ------
    TypeError
        When a part cannot be expressed as JSON.

    Examples
    --------
    >>> content_key({"a": 1, "b": [1, 2]}) == content_key({"b": (1, 2), "a": 1})
    True
    >>> len(content_key("corpus-hash", {"level": "sentence"}))
    64
    """
    return sha256_json(list(parts), where="content_key")


def text_hash(text: str) -> str:
    """Return the SHA-256 hex digest of one text (UTF-8), for per-document keys.

    Examples
    --------
    >>> text_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return sha256_text(text)


def table_hash(df, columns: Iterable[str]) -> str:
    """Return a SHA-256 over the given columns of ``df``, row by row, in row order.

    Use it as the input part of a cache key when a function's output follows the input
    rows (so row order matters). Missing values hash differently from empty strings.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table holding ``columns``.
    columns : iterable of str
        Columns whose values (as text) enter the hash, e.g. ``["doc_id", "text"]``.

    Returns
    -------
    str
        64 lowercase hex characters.

    Raises
    ------
    framing.errors.ColumnsError
        When a column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", "y"]})
    >>> table_hash(a, ["doc_id", "text"]) == table_hash(a.iloc[::-1], ["doc_id", "text"])
    False
    """
    from framing._shared.checks import require_columns

    columns = list(columns)
    require_columns(df, columns, where="table_hash")
    h = hashlib.sha256()
    h.update(json.dumps(columns).encode("utf-8"))
    for col in columns:
        h.update(b"\x00col\x00")
        for value in df[col].tolist():
            if value is None or (isinstance(value, float) and value != value):
                h.update(b"\x01")  # missing
            else:
                data = str(value).encode("utf-8", "surrogatepass")
                h.update(len(data).to_bytes(8, "little"))
                h.update(data)
    return h.hexdigest()


def check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not KIND_RE.match(kind):
        raise ValueError(
            f"cache kind {kind!r} is not a simple folder name; use lowercase letters, "
            "digits, '_', '-' or '.', e.g. 'vader_sentence'."
        )
    return kind


def require_frame(df, kind: str):
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"cached({kind!r}): compute() returned {type(df).__name__}, expected a pandas DataFrame."
        )
    return df


def write_checked(table, path: Path) -> None:
    """Write an Arrow table as Parquet with a CRC-32 on every page (see
    :func:`read_checked`)."""
    import pyarrow.parquet as pq

    pq.write_table(table, path, write_page_checksum=True)


def read_checked(path: Path, **options):
    """Read a Parquet file written by :func:`write_checked`, verifying every page's CRC-32:
    a damaged value raises instead of being read as another value."""
    import pyarrow.parquet as pq

    return pq.read_table(path, page_checksum_verification=True, **options)
