"""JSON-safe values, canonical JSON and SHA-256 hashes: one policy for the whole kit.

Every JSON the kit writes (figure and table sidecars, manifests, model cards, rejected
rows, cache metadata) and every hash it keys on (cache keys, report fingerprints, file
hashes) goes through here, so they treat the same value the same way:

========================== ==========================================================
value                      JSON
========================== ==========================================================
dict                       object; keys become strings
list, tuple                array
set, frozenset             array, sorted by each element's canonical JSON
float NaN / inf, NA, NaT   ``null``
numpy scalar               its Python value (``.item()``)
numpy array, pandas Series its list (``.tolist()``)
pathlib.Path, PathLike     the path as a string (``/`` separators for ``Path``)
date, datetime, Timestamp  ISO 8601 (``.isoformat()``)
bytes                      ``{"__bytes_sha256__": <hex>}`` (never the bytes themselves)
anything else              an error naming ``where`` (or ``fallback(value)``, e.g. ``str``)
========================== ==========================================================

Only the standard library is imported (numpy and pandas values are recognised by their
methods), so the report runner's "nothing changed" path stays fast.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
from collections.abc import Callable
from pathlib import Path, PurePath

from framing.errors import FramingError

__all__ = [
    "jsonable",
    "to_json",
    "canonical_json",
    "sha256_bytes",
    "sha256_text",
    "sha256_json",
    "sha256_file",
]

_BLOCK = 1 << 20  # bytes read at a time when hashing a file


def jsonable(value, *, where: str = "value", fallback: Callable | None = None, error=TypeError):
    """Plain JSON types (dict, list, str, int, float, bool, None) from ``value``.

    Parameters
    ----------
    value
        Anything in the table of the module docstring, nested at will.
    where : str
        Who asks, for the error message (e.g. ``"save_figure('fig-1')"``).
    fallback : callable, optional
        Applied to a value of any other type (e.g. ``str`` or ``repr``) instead of
        raising.
    error : type
        The exception raised for such a value without ``fallback``; a kit error class
        receives the offending value as ``value``.

    Examples
    --------
    >>> import pathlib
    >>> jsonable({"b": {3, 1}, 1: float("nan"), "p": pathlib.Path("a/b")})
    {'b': [1, 3], '1': None, 'p': 'a/b'}
    >>> jsonable(object(), where="demo")
    Traceback (most recent call last):
    ...
    TypeError: demo: a value of type object cannot be written as JSON (<object object at ...>); pass strings, numbers, lists or dicts.
    """

    def conv(v):
        if v is None or isinstance(v, bool | int | str):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else None
        if isinstance(v, dict):
            return {str(k): conv(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [conv(x) for x in v]
        if isinstance(v, set | frozenset):
            items = [conv(x) for x in v]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        if isinstance(v, PurePath):
            return v.as_posix()
        if isinstance(v, os.PathLike):
            return os.fspath(v)
        if isinstance(v, bytes):
            return {"__bytes_sha256__": sha256_bytes(v)}
        tolist = getattr(v, "tolist", None)  # numpy arrays, pandas Index and Series
        if callable(tolist) and getattr(v, "ndim", 0) > 0:
            return conv(tolist())
        if _is_missing(v):
            return None
        if isinstance(v, _dt.date | _dt.time) or hasattr(v, "isoformat"):
            return v.isoformat()  # also pandas Timestamp
        item = getattr(v, "item", None)  # numpy (and pandas) scalars
        if callable(item):
            return conv(item())
        if fallback is not None:
            return fallback(v)
        message = (
            f"{where}: a value of type {type(v).__name__} cannot be written as JSON "
            f"({v!r:.80}); pass strings, numbers, lists or dicts."
        )
        if issubclass(error, FramingError):
            raise error(message, value=repr(v))
        raise error(message)

    return conv(value)


def _is_missing(v) -> bool:
    """pandas.NA, pandas.NaT and numpy NaN scalars (without importing either)."""
    name = type(v).__name__
    if name in ("NAType", "NaTType"):
        return True
    try:
        return bool(v != v)  # NaN scalars; arrays raise or give arrays
    except (TypeError, ValueError):
        return False


def to_json(value, *, indent: int | None = None, fallback: Callable | None = str) -> str:
    """JSON text of ``value`` in its own key order (for records people read).

    Unknown types become ``fallback(value)`` (default ``str``), so a rejected record or
    a failure report is always written.

    Examples
    --------
    >>> to_json({"b": 1, "a": float("inf"), "c": object()})[:22]
    '{"b": 1, "a": null, "c'
    """
    return json.dumps(jsonable(value, fallback=fallback), ensure_ascii=False, indent=indent)


def canonical_json(value, *, where: str = "value") -> str:
    """The one canonical JSON of ``value`` (sorted keys, no spaces, UTF-8), for hashing.

    The same value gives the same text on every machine and Python version; dict order,
    tuple-or-list and set order do not matter.

    Examples
    --------
    >>> canonical_json({"b": (1, 2), "a": {"x"}})
    '{"a":["x"],"b":[1,2]}'
    """
    return json.dumps(
        jsonable(value, where=where),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    Examples
    --------
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes (lone surrogates kept, never an error).

    Examples
    --------
    >>> sha256_text("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()


def sha256_json(value, *, where: str = "value") -> str:
    """Hex SHA-256 of :func:`canonical_json` of ``value``."""
    return hashlib.sha256(canonical_json(value, where=where).encode("utf-8")).hexdigest()


def sha256_file(path, *, memo: dict | None = None) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks.

    With ``memo`` (a dict kept by the caller for one run), a file is hashed once per
    (path, size, modification time): a corpus read by many reports costs one pass.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p)[:12]
    'ba7816bf8f01'
    """
    path = Path(path)
    key = None
    if memo is not None:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
        if key in memo:
            return memo[key]
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    out = digest.hexdigest()
    if memo is not None:
        memo[key] = out
    return out
