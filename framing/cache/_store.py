"""(private) TODO docstring for framing.cache._store; see :mod:`framing.cache`."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import canonical_json, jsonable, sha256_json, sha256_text
from framing.cache._rows import cached_rows  # the per-item cache, re-exported here

__all__ = [
    "CACHE_ENV",
    "CACHE_FORMAT",
    "cache_dir",
    "content_key",
    "text_hash",
    "table_hash",
    "cache_path",
    "cached",
    "cached_rows",
    "clear_cache",
]

#: Environment variable that overrides the cache folder.
CACHE_ENV = "FRAMING_CACHE"
#: Version of the on-disk layout; part of every key, bump it to orphan old entries.
CACHE_FORMAT = 1

_KIND_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_ROWS_RE = re.compile(r"^[0-9a-f]{64}\.rows$")
_ENTRY_RE = re.compile(r"^[0-9a-f]{64}\.parquet$|^\.[0-9a-f]{16}-.*\.tmp$")
_META_KEY = b"framing.cache"
_log = logging.getLogger(__name__)


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


def _check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not _KIND_RE.match(kind):
        raise ValueError(
            f"cache kind {kind!r} is not a simple folder name; use lowercase letters, "
            "digits, '_', '-' or '.', e.g. 'vader_sentence'."
        )
    return kind


def cache_path(kind: str, key_parts: dict) -> Path:
    """Return the file where :func:`cached` stores the table for ``kind``/``key_parts``.

    Examples
    --------
    >>> cache_path("demo", {"x": 1}).suffix
    '.parquet'
    """
    key = content_key(CACHE_FORMAT, _check_kind(kind), key_parts)
    return cache_dir() / kind / f"{key}.parquet"


def _read(path: Path, key: str):
    """Read a cache entry; return None (and delete the file) when it cannot be trusted."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
        if meta.get("key") != key:
            raise ValueError(f"stored key {meta.get('key')!r} does not match the file name")
        df = table.to_pandas()
        df.attrs = dict(meta.get("attrs", {}))
        return df
    except FileNotFoundError:
        return None
    except Exception as exc:  # any damage: unreadable, truncated, wrong key
        _log.warning("framing cache: ignoring unreadable entry %s (%s); recomputing", path, exc)
        try:
            path.unlink()
        except OSError:
            pass
        return None


def _write(df, path: Path, key: str, kind: str, key_parts: dict) -> None:
    """Write ``df`` to ``path`` atomically (temporary file in the same folder + rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(df, preserve_index=None)
    try:
        attrs = jsonable(df.attrs)
    except TypeError:
        attrs = {}
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = canonical_json(
        {"key": key, "kind": kind, "parts": key_parts, "attrs": attrs}
    ).encode("utf-8")
    table = table.replace_schema_metadata(meta)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def cached(kind: str, key_parts: dict, compute: Callable[[], object], *, cache: bool = True):
    """Return ``compute()``'s table, from the cache when an entry with the same key exists.

    Parameters
    ----------
    kind : str
        Sub-folder naming the feature, e.g. ``"vader_sentence"`` (lowercase letters,
        digits, ``_ - .``).
    key_parts : dict
        Everything the result depends on: input hash (:func:`table_hash`, a corpus
        hash), lexicon hash, parameters and a feature version you bump when the
        computation changes. Must be JSON-able (see :func:`content_key`).
    compute : callable
        No-argument function returning a :class:`pandas.DataFrame`; called on a miss.
    cache : bool, default True
        ``False`` always computes and neither reads nor writes the cache.

    Returns
    -------
    pandas.DataFrame
        The table (on a hit, read from Parquet: same columns, dtypes and values; the
        index is restored as Parquet stores it, and JSON-able ``attrs`` are kept).

    Raises
    ------
    TypeError
        When ``compute`` does not return a DataFrame or ``key_parts`` is not JSON-able.
    ValueError
        When ``kind`` is not a simple folder name.

    Examples
    --------
    >>> import os, tempfile, pandas as pd
    >>> os.environ["FRAMING_CACHE"] = tempfile.mkdtemp()
    >>> calls = []
    >>> def compute():
    ...     calls.append(1)
    ...     return pd.DataFrame({"doc_id": ["a"], "score": [0.5]})
    >>> first = cached("demo", {"corpus": "abc", "version": 1}, compute)
    >>> again = cached("demo", {"corpus": "abc", "version": 1}, compute)
    >>> len(calls), again.equals(first)
    (1, True)
    >>> clear_cache("demo")
    1
    >>> del os.environ["FRAMING_CACHE"]
    """
    if not cache:
        return _checked(compute(), kind)
    path = cache_path(kind, key_parts)
    key = path.stem
    if path.exists():
        df = _read(path, key)
        if df is not None:
            return df
    df = _checked(compute(), kind)
    try:
        _write(df, path, key, kind, key_parts)
    except (OSError, ValueError, TypeError) as exc:  # read-only or full disk; un-Parquet-able
        _log.warning("framing cache: could not write %s (%s); continuing without", path, exc)
    return df


def _checked(df, kind: str):
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"cached({kind!r}): compute() returned {type(df).__name__}, expected a pandas DataFrame."
        )
    return df


def clear_cache(kind: str | None = None) -> int:
    """Delete cached tables; return how many files were removed.

    Only files this module writes are removed (``<kind>/<64 hex>.parquet`` and left-over
    temporary files), so pointing ``$FRAMING_CACHE`` at a shared folder is safe. Folders
    left empty are removed.

    Parameters
    ----------
    kind : str, optional
        Only this feature's entries; all kinds when omitted.

    Returns
    -------
    int
        Number of files deleted.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["FRAMING_CACHE"] = tempfile.mkdtemp()
    >>> clear_cache()
    0
    >>> del os.environ["FRAMING_CACHE"]
    """
    root = cache_dir()
    if not root.is_dir():
        return 0
    if kind is None:
        folders = [p for p in root.iterdir() if p.is_dir() and _KIND_RE.match(p.name)]
    else:
        folders = [root / _check_kind(kind)]
    removed = 0
    for folder in list(folders):
        if folder.is_dir():
            # per-item stores (cached_rows) are sub-folders; clear them first
            folders[:0] = [p for p in folder.iterdir() if p.is_dir() and _ROWS_RE.match(p.name)]
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in folder.iterdir():
            if not _ENTRY_RE.match(file.name):
                continue
            try:
                file.unlink()
                removed += 1
            except FileNotFoundError:
                pass
        try:
            folder.rmdir()
        except OSError:  # not empty (files we did not write) or gone
            pass
    return removed
