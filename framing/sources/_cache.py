"""The fetcher's disk cache (private to :mod:`framing.sources.fetch`).

One entry per URL: ``<folder>/<h[:2]>/<h>.json`` (status, headers, final URL, error,
time fetched, the body's sha256) and, when there is a body, ``<h>.body``, where
``h = sha256(url)``. Both files are written to a temporary name and renamed, the
``.json`` last, so an entry is either complete or absent even when a run is killed
halfway. A body that no longer matches its sha256 (edited, damaged) is not trusted: the
entry reads as absent and the URL is fetched again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import sha256_text

_log = logging.getLogger("framing.sources")

__all__ = ["read_entry", "write_entry"]


def _paths(folder: Path, url: str) -> tuple[Path, Path]:
    key = sha256_text(url)
    sub = Path(folder) / key[:2]
    return sub / f"{key}.json", sub / f"{key}.body"


def read_entry(folder: Path, url: str) -> tuple[dict, bytes | None] | None:
    """Return ``(meta, body)`` cached for ``url``, or None when absent or unreadable."""
    meta_path, body_path = _paths(folder, url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        body = body_path.read_bytes() if meta.get("has_body") else None
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    if body is not None and meta.get("body_sha256") != hashlib.sha256(body).hexdigest():
        _log.warning(
            "fetch cache: the body cached for %s does not match its hash; fetching again", url
        )
        return None
    return meta, body


def write_entry(folder: Path, url: str, meta: dict, body: bytes | None) -> None:
    """Store ``meta`` (JSON-able) and ``body`` for ``url`` atomically."""
    meta_path, body_path = _paths(folder, url)
    meta_path.parent.mkdir(parents=True, exist_ok=True)
    meta = {**meta, "url": url, "has_body": body is not None}
    if body is not None:
        meta["body_sha256"] = hashlib.sha256(body).hexdigest()
    if body is not None:
        with atomic_path(body_path) as tmp:
            tmp.write_bytes(body)
    with atomic_path(meta_path) as tmp:  # the .json last: it marks the entry complete
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
