"""Turning collected records into a validated result (private to :mod:`framing.sources`).

Every source collects two things: *records* (one per item that produced an article
candidate: ``doc_id``, ``outlet``, ``text`` ... plus metadata) and *problems* (one per
item that did not: a file with bad front matter, a URL that answered 404 ...). Both are
numbered by ``line``: the 1-based position of the item among everything the source read.
:func:`finish` runs :func:`framing.corpus.validate` on the records, merges its rejected
rows with the source's own, and returns one :class:`~framing.corpus.ValidationResult`
whose ``read == kept + n_rejected`` counts every item read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.jsonable import to_json
from framing.corpus import COLUMNS, ValidationResult, validate
from framing.errors import CorpusError

__all__ = ["REJECTED_COLUMNS", "problem", "finish", "empty_articles"]

#: Columns of a source's rejected rows (those of corpus validation plus ``item``).
REJECTED_COLUMNS = ["line", "doc_id", "field", "reason", "value", "record", "item", "stage"]


def problem(
    line, item, reason, *, stage, field=None, value=None, doc_id=None, record=None, **extra
):
    """One rejected item as a dict with :data:`REJECTED_COLUMNS` (+ ``extra`` keys, e.g.
    ``file_line``: the line inside the item, used by the strict-mode error)."""
    return extra | {
        "line": int(line),
        "doc_id": doc_id,
        "field": field,
        "reason": reason,
        "value": None if value is None else str(value),
        "record": to_json(record or {"item": str(item)}),
        "item": str(item),
        "stage": stage,
    }


def empty_articles() -> pd.DataFrame:
    """An article table with no rows and the right column types."""
    df = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    df["date"] = pd.Series(dtype="datetime64[ns, UTC]")
    return df


def _strict(frame: pd.DataFrame, lines: np.ndarray, source: str) -> ValidationResult:
    """Strict validation whose error names the item (file or URL), not the table row."""
    try:
        return validate(frame, mode="strict", source=source)
    except CorpusError as exc:
        row = getattr(exc, "line", None)
        if not row:
            raise
        item = frame["source_item"].iat[row - 1]
        detail = str(exc).split(": ", 1)[-1]
        raise CorpusError(
            f"{source} item {lines[row - 1]} ({item}): {detail}",
            **{**exc.context, "path": item, "line": int(lines[row - 1])},
        ) from None


def finish(
    records: list[dict],
    problems: list[dict],
    *,
    read: int,
    mode: str,
    source: str,
    error=CorpusError,
) -> ValidationResult:
    """Validate ``records`` and merge the rejected rows with ``problems``.

    Parameters
    ----------
    records : list of dict
        Article candidates; each has ``line`` (its item number) and ``item`` (its file or
        URL) besides the article fields. ``line`` is dropped; ``item`` is kept as a
        ``source_item`` metadata column.
    problems : list of dict
        Items rejected by the source itself (see :func:`problem`).
    read : int
        Number of items read (``len(records) + len(problems)``).
    mode : {"strict", "lenient"}
        Strict raises ``error`` (or the validation's :class:`CorpusError`) on the first
        problem in item order.
    source : str
        Name used in messages.
    error : type
        Exception class raised in strict mode for a source problem.

    Returns
    -------
    ValidationResult
        ``unit`` is ``"item"``; ``rejected`` has :data:`REJECTED_COLUMNS`.
    """
    if mode not in ("strict", "lenient"):
        raise CorpusError(
            f"mode must be 'strict' or 'lenient', not {mode!r}.", field="mode", value=mode
        )
    if read != len(records) + len(problems):  # pragma: no cover - a bug in a source
        raise RuntimeError(f"{source}: {read} items read but {len(records) + len(problems)} seen")
    first = min(problems, key=lambda p: p["line"]) if problems else None
    if records:
        frame = pd.DataFrame.from_records(records)
        lines = frame.pop("line").to_numpy()
        frame = frame.rename(columns={"item": "source_item"})
        if mode == "strict" and first is not None:
            # Validate only the records before the first source problem: a record
            # problem there comes first, else the source problem is raised below.
            before = lines < first["line"]
            if before.any():
                _strict(frame[before], lines[before], source)
        res = (
            _strict(frame, lines, source)
            if mode == "strict"
            else validate(frame, mode=mode, source=source)
        )
        rej = res.rejected.copy()
        if len(rej):
            pos = rej["line"].to_numpy(dtype=np.int64) - 1
            rej["item"] = frame["source_item"].to_numpy()[pos]
            rej["line"] = lines[pos]
            rej["stage"] = "validate"
        articles, warnings = res.articles, res.warnings
    else:
        rej = pd.DataFrame(columns=REJECTED_COLUMNS)
        articles = empty_articles()
        warnings = pd.DataFrame(columns=["line", "doc_id", "field", "reason", "value"])
    if mode == "strict" and first is not None:
        raise error(
            f"{source} item {first['line']} ({first['item']}): {first['reason']}; "
            f"{len(problems)} item(s) had problems. Fix them, or collect with --lenient "
            "(mode='lenient') to keep the rest and list these in rejected.jsonl.",
            path=first["item"],
            line=first.get("file_line", first["line"]),
            item_number=first["line"],
            field=first["field"],
            value=first["value"],
        )
    own = pd.DataFrame(problems, columns=REJECTED_COLUMNS)
    frames = [f for f in (own, rej) if len(f)]
    rejected = (
        pd.concat(frames, ignore_index=True).sort_values("line", kind="stable", ignore_index=True)
        if frames
        else pd.DataFrame(columns=REJECTED_COLUMNS)
    )
    rejected = rejected.reindex(columns=REJECTED_COLUMNS)
    return ValidationResult(articles, rejected, warnings, read, source, "item")
