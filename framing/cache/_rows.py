"""The per-item row cache, :func:`cached_rows`.

Holds :func:`cached_rows` and its helpers; keys and folder layout come from
:mod:`framing.cache._keys`, the logger is ``framing.cache``.

Layout: the rows of one ``kind`` and ``key_parts`` live in
``<cache_dir>/<kind>/<key>.rows/``, one Parquet file per computed batch. A batch file is
named by the hash of its sorted item keys and lists those keys in its metadata, so a
reader can check it belongs there and read only the items it wants; every page of it
carries a CRC-32 that is verified on read. A batch that cannot be read, whose pages fail
their checksum, or whose keys do not match its name or its key column, is deleted (with
a warning) and its items recomputed. A read-only or vanished cache folder means no
cache: rows are computed, and a batch that cannot be written is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import canonical_json
from framing.cache._keys import (
    CACHE_FORMAT,
    ENTRY_RE,
    META_KEY,
    cache_dir,
    check_kind,
    content_key,
    read_checked,
    require_frame,
    write_checked,
)

__all__ = ["cached_rows"]

_log = logging.getLogger("framing.cache")


def _rows_folder(kind: str, key_parts: dict) -> Path:

    key = content_key(CACHE_FORMAT, check_kind(kind), key_parts, "rows")
    return cache_dir() / kind / f"{key}.rows"


def _read_batch(path: Path, wanted: set[str], key_column: str):
    """Rows of ``wanted`` keys from one batch file: (keys the batch holds, DataFrame).

    Returns ``(set(), None)`` for a damaged batch (which is deleted)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        meta = json.loads((pq.read_schema(path).metadata or {}).get(META_KEY, b"{}"))
        keys = meta.get("keys")
        if not isinstance(keys, list) or content_key(sorted(keys)) != path.stem:
            raise ValueError("the stored keys do not match the file name")
        hits = wanted.intersection(keys)
        if not hits:
            return set(), None
        table = read_checked(path)
        stored = set(pc.unique(table[key_column]).to_pylist())
        if not stored <= set(keys):
            raise ValueError("the key column holds keys the batch does not list")
        if len(hits) < len(keys):  # only part of this batch is wanted
            table = table.filter(pc.is_in(table[key_column], value_set=_pa_strings(hits)))
        df = table.to_pandas()
        df.attrs = {}
        return hits, df
    except FileNotFoundError:
        return set(), None
    except Exception as exc:  # any damage: unreadable, truncated, wrong keys or columns
        _log.warning("framing cache: ignoring unreadable batch %s (%s); recomputing", path, exc)
        try:
            path.unlink()
        except OSError:
            pass
        return set(), None


def _pa_strings(values):
    import pyarrow as pa

    return pa.array(sorted(values), type=pa.string())


def cached_rows(
    kind: str,
    key_parts: dict,
    keys,
    compute: Callable[[list[str]], object],
    *,
    key_column: str = "row_key",
    batch_size: int = 50_000,
    cache: bool = True,
):
    """Per-item cache: rows computed for each key (e.g. a text hash), reused by any table.

    Where :func:`~framing.cache.cached` stores one table per input, this stores rows per *item*, so a
    sub-corpus (a topic selection) reuses the scores of the full corpus, and a corpus
    with new articles computes only those. Items are stored in batch files of at most
    ``batch_size`` keys under ``<cache_dir>/<kind>/<hash of key_parts>.rows/``; a batch
    finished before an interruption is kept.

    Parameters
    ----------
    kind : str
        Sub-folder naming the feature (as in :func:`~framing.cache.cached`).
    key_parts : dict
        Everything the rows depend on *except* the item (lexicon hash, parameters,
        feature version).
    keys : sequence of str
        One key per item, typically :func:`~framing.cache.text_hash` of each text; repeats allowed
        (computed once).
    compute : callable
        ``compute(missing_keys) -> DataFrame`` with a ``key_column`` column: the rows of
        exactly those keys (any number per key, zero allowed). Called with ``[]`` only
        when ``keys`` is empty, to learn the columns.
    key_column : str, default "row_key"
        Column holding the item key in ``compute``'s output (must hold strings).
    batch_size : int, default 50000
        Keys per ``compute`` call and per file.
    cache : bool, default True
        ``False`` computes everything and neither reads nor writes the cache.

    Returns
    -------
    pandas.DataFrame
        The rows of every distinct key, grouped by key in the order keys first appear
        in ``keys``, each key's rows in the order ``compute`` made them; index 0..n-1.

    Raises
    ------
    TypeError
        When ``compute`` does not return a DataFrame.
    ValueError
        When its output lacks ``key_column`` or holds keys that were not asked for.

    Examples
    --------
    >>> import os, tempfile, pandas as pd
    >>> os.environ["FRAMING_CACHE"] = tempfile.mkdtemp()
    >>> asked = []
    >>> def compute(missing):
    ...     asked.extend(missing)
    ...     return pd.DataFrame({"row_key": missing, "n": [len(k) for k in missing]})
    >>> cached_rows("demo", {"v": 1}, ["aa", "b"], compute)["n"].tolist()
    [2, 1]
    >>> cached_rows("demo", {"v": 1}, ["ccc", "aa"], compute)["n"].tolist()
    [3, 2]
    >>> asked
    ['aa', 'b', 'ccc']
    >>> del os.environ["FRAMING_CACHE"]
    """
    import pandas as pd

    order = list(dict.fromkeys(str(k) for k in keys))
    pieces = []
    have: set[str] = set()
    folder = _rows_folder(kind, key_parts)
    if cache and folder.is_dir():
        wanted = set(order)
        for path in sorted(folder.glob("*.parquet")):
            if not ENTRY_RE.match(path.name):
                continue
            hits, df = _read_batch(path, wanted - have, key_column)
            if df is not None:
                have |= hits
                pieces.append(df)
            if len(have) == len(wanted):
                break
    missing = [k for k in order if k not in have]
    for start in range(0, len(missing), max(1, int(batch_size))):
        batch = missing[start : start + max(1, int(batch_size))]
        df = require_frame(compute(batch), kind)
        _check_rows(df, batch, key_column, kind)
        if cache:
            try:
                _write_batch(df, folder, batch, kind, key_parts)
            except (OSError, ValueError, TypeError) as exc:
                _log.warning("framing cache: could not write to %s (%s)", folder, exc)
        pieces.append(df)
    pieces = [p for p in pieces if len(p)] or pieces[:1]
    if not pieces:
        return require_frame(compute([]), kind).iloc[0:0].reset_index(drop=True)
    out = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
    rank = {k: i for i, k in enumerate(order)}
    position = out[key_column].map(rank).to_numpy()
    out = out.iloc[position.argsort(kind="stable")].reset_index(drop=True)
    out.attrs = {}
    return out


def _check_rows(df, batch: list[str], key_column: str, kind: str) -> None:
    if key_column not in df.columns:
        raise ValueError(
            f"cached_rows({kind!r}): compute() returned no {key_column!r} column "
            f"(columns: {[str(c) for c in df.columns]})."
        )
    extra = set(df[key_column].astype(str)) - set(batch)
    if extra:
        raise ValueError(
            f"cached_rows({kind!r}): compute() returned rows for keys it was not asked "
            f"for, e.g. {sorted(extra)[:3]}."
        )


def _write_batch(df, folder: Path, batch: list[str], kind: str, key_parts: dict) -> None:
    """Write one batch file atomically; its name is the hash of its sorted keys."""
    import pyarrow as pa

    folder.mkdir(parents=True, exist_ok=True)
    name = content_key(sorted(batch))
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[META_KEY] = canonical_json({"kind": kind, "parts": key_parts, "keys": batch}).encode(
        "utf-8"
    )
    table = table.replace_schema_metadata(meta)
    with atomic_path(folder / f"{name}.parquet") as tmp:
        write_checked(table, tmp)
