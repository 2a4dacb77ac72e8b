"""The JSON sidecar of a saved figure or table: the caller's caption, parameters and
inputs (reduced to names and content hashes), the data's shape and estimator, file
hashes and provenance; and the deterministic CSV and JSON writers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from framing._shared.atomic import atomic_path, write_text
from framing._shared.jsonable import jsonable, sha256_file
from framing._shared.provenance import environment
from framing.errors import FigureError

__all__ = [
    "check_id",
    "sidecar_json",
    "sorted_rows",
    "write_csv",
    "write_json",
    "caller_part",
    "sidecar",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def check_id(item_id, kind: str) -> str:
    if not isinstance(item_id, str) or not _ID.fullmatch(item_id):
        raise FigureError(
            f"{kind} id {item_id!r} is not valid: use lower-case letters, digits, '_' and "
            f"'-', starting with a letter or digit (e.g. 'prevalence-by-outlet').",
            value=item_id,
            field=f"{kind}_id",
        )
    return item_id


def sidecar_json(obj, where: str):
    """Plain JSON types for a sidecar (see :mod:`framing._shared.jsonable`)."""
    return jsonable(obj, where=where, error=FigureError)


def _describe_input(value, where: str):
    """An input as JSON: corpora and lexicons reduce to their names and content hashes."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        if "corpus_hash" not in value.attrs:
            raise FigureError(
                f"{where}: an input table has no attrs['corpus_hash']; pass a corpus from "
                "load_corpus, or its hash (framing.corpus.corpus_hash(df)) as a string.",
                value=sorted(map(str, value.attrs)),
            )
        out = {
            "name": sidecar_json(value.attrs.get("name"), where),
            "corpus_hash": value.attrs["corpus_hash"],
            "n_rows": len(value),
        }
        if "outlet" in value.columns:
            out["n_outlets"] = int(value["outlet"].nunique())
        if "date" in value.columns and value["date"].notna().any():
            dates = pd.to_datetime(value["date"], utc=True)
            out["first_date"] = dates.min().strftime("%Y-%m-%d")
            out["last_date"] = dates.max().strftime("%Y-%m-%d")
        return out
    digest = getattr(value, "content_hash", None)
    if isinstance(digest, str):  # a Lexicon, or anything else that hashes its content
        return {
            "name": sidecar_json(getattr(value, "name", None), where),
            "version": sidecar_json(getattr(value, "version", None), where),
            "content_hash": digest,
            "sources": sidecar_json(list(getattr(value, "sources", ()) or ()), where),
        }
    return sidecar_json(value, where)


def sorted_rows(data):
    """Rows sorted by every column (as text when types do not compare)."""
    df = data.reset_index(drop=True)
    if df.empty or not len(df.columns):
        return df
    try:
        return df.sort_values(list(df.columns), kind="mergesort", na_position="last").reset_index(
            drop=True
        )
    except TypeError:
        keys = df.astype(str)
        order = keys.sort_values(list(keys.columns), kind="mergesort").index
        return df.loc[order].reset_index(drop=True)


def write_csv(df, path: Path) -> None:
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")


def write_json(meta: dict, path: Path) -> None:
    text = json.dumps(meta, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    write_text(path, text + "\n")


def caller_part(item_id, kind, caption, parameters, inputs, data=None) -> dict:
    """The caller's part of the sidecar, checked before any file is written (with the
    estimator the data table describes in ``attrs["estimator"]``, when it does)."""
    where = f"save_{kind}({item_id!r})"
    attrs = getattr(data, "attrs", None) or {}
    part = {
        "id": item_id,
        "kind": kind,
        "caption": sidecar_json(caption, where),
        "parameters": sidecar_json(dict(parameters or {}), where),
        "inputs": {str(k): _describe_input(v, where) for k, v in dict(inputs or {}).items()},
    }
    if isinstance(attrs.get("estimator"), dict):
        part["estimator"] = sidecar_json(attrs["estimator"], where)
    return part


def sidecar(plain, files, columns, n_rows, methods=None, references=()) -> dict:
    return {
        **plain,
        "data": {"columns": [str(c) for c in columns], "n_rows": int(n_rows)},
        "files": {ext: {"name": p.name, "sha256": sha256_file(p)} for ext, p in files.items()},
        "provenance": environment(),
        "methods": methods,
        "references": list(references),
    }
