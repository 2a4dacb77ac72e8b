"""Whole tables in the cache: :func:`cached` stores one table per key, :func:`clear_cache`
removes what the cache wrote."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import canonical_json, jsonable
from framing.cache._keys import (
    CACHE_FORMAT,
    ENTRY_RE,
    KIND_RE,
    META_KEY,
    ROWS_RE,
    cache_dir,
    check_kind,
    content_key,
    read_checked,
    require_frame,
    write_checked,
)

__all__ = ["cache_path", "cached", "clear_cache"]


_log = logging.getLogger("framing.cache")


def cache_path(kind: str, key_parts: dict) -> Path:
    """Return the file where :func:`cached` stores the table for ``kind``/``key_parts``.

    Examples
    --------
    >>> cache_path("demo", {"x": 1}).suffix
    '.parquet'
    """
    key = content_key(CACHE_FORMAT, check_kind(kind), key_parts)
    return cache_dir() / kind / f"{key}.parquet"


def _read(path: Path, key: str):
    """Read a cache entry; return None (and delete the file) when it cannot be trusted."""

    try:
        table = read_checked(path)
        meta = json.loads((table.schema.metadata or {}).get(META_KEY, b"{}"))
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

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(df, preserve_index=None)
    try:
        attrs = jsonable(df.attrs)
    except TypeError:
        attrs = {}
    meta = dict(table.schema.metadata or {})
    meta[META_KEY] = canonical_json(
        {"key": key, "kind": kind, "parts": key_parts, "attrs": attrs}
    ).encode("utf-8")
    table = table.replace_schema_metadata(meta)
    with atomic_path(path) as tmp:
        write_checked(table, tmp)


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
        return require_frame(compute(), kind)
    path = cache_path(kind, key_parts)
    key = path.stem
    if path.exists():
        df = _read(path, key)
        if df is not None:
            return df
    df = require_frame(compute(), kind)
    try:
        _write(df, path, key, kind, key_parts)
    except (OSError, ValueError, TypeError) as exc:  # read-only or full disk; un-Parquet-able
        _log.warning("framing cache: could not write %s (%s); continuing without", path, exc)
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
        folders = [p for p in root.iterdir() if p.is_dir() and KIND_RE.match(p.name)]
    else:
        folders = [root / check_kind(kind)]
    removed = 0
    for folder in list(folders):
        if folder.is_dir():
            # per-item stores (cached_rows) are sub-folders; clear them first
            folders[:0] = [p for p in folder.iterdir() if p.is_dir() and ROWS_RE.match(p.name)]
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in folder.iterdir():
            if not ENTRY_RE.match(file.name):
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
