"""Record checks: the article schema, per-chunk validation and :class:`ValidationResult`.

:func:`validate` (re-exported by :mod:`framing.corpus`) checks and normalises a table;
the loaders in :mod:`framing.corpus` feed it file chunks through :func:`check_chunk`,
carrying a :class:`ReadState` (seen ids, counts) from one chunk to the next.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from framing._shared.dates import DATE_FORMATS, check_formats, date_hint, parse_dates
from framing._shared.jsonable import to_json
from framing.corpus._normalise import (
    MOJIBAKE,
    as_str,
    clean_line,
    clean_text,
    derive_ids,
    repair_mojibake,
)
from framing.corpus._readers import MAX_FIELDS, RawChunk, too_wide
from framing.errors import CorpusError

__all__ = ["COLUMNS", "WARNING_COLUMNS", "ValidationResult", "validate"]

#: The columns of the article table, in order.
COLUMNS = ("doc_id", "outlet", "date", "title", "text", "url", "lang")
_FLAGS = {
    "doc_id": "--id-col",
    "outlet": "--outlet-col",
    "date": "--date-col",
    "title": "--title-col",
    "text": "--text-col",
    "url": "--url-col",
    "lang": "--lang-col",
}
_LENIENT = "or import with --lenient to set such records aside in rejected.jsonl"
_log = logging.getLogger("framing.corpus")


@dataclass
class ValidationResult:
    """The outcome of validating records: kept articles, rejected records, counts.

    Attributes
    ----------
    articles : pandas.DataFrame
        The kept, normalised articles (columns :data:`COLUMNS` + metadata).
    rejected : pandas.DataFrame
        One row per rejected record: ``line`` (1-based file line, or row number),
        ``doc_id``, ``field``, ``reason``, ``value`` and ``record`` (the record as read,
        a JSON string; the raw line text when the line is not JSON).
    warnings : pandas.DataFrame
        Kept articles worth a look (``line``, ``doc_id``, ``field``, ``reason``, ``value``),
        e.g. suspected mojibake.
    read : int
        Records read; always ``read == kept + n_rejected``.
    source : str
        File (or table) name used in messages.
    unit : str
        What ``line`` counts: ``"line"`` (JSONL file lines) or ``"row"`` (data rows).

    Examples
    --------
    >>> res = validate(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Hi."]}))
    >>> res.read == res.kept + res.n_rejected
    True
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    warnings: pd.DataFrame
    read: int
    source: str = "<table>"
    unit: str = "row"
    on_disk: int | None = field(default=None, repr=False)

    @property
    def kept(self) -> int:
        """Number of kept articles (those written, after :func:`import_corpus`)."""
        return len(self.articles) if self.on_disk is None else self.on_disk

    @property
    def n_rejected(self) -> int:
        """Number of rejected records."""
        return len(self.rejected)

    def counts(self) -> dict:
        """Return ``{"read", "kept", "rejected", "warnings"}`` as plain ints."""
        n_warn = len(self.warnings)
        return {
            "read": self.read,
            "kept": self.kept,
            "rejected": self.n_rejected,
            "warnings": n_warn,
        }


_REJECTED_COLUMNS = ["line", "doc_id", "field", "reason", "value", "record"]
WARNING_COLUMNS = ["line", "doc_id", "field", "reason", "value"]


@dataclass
class ReadState:
    """What validation carries from one chunk to the next."""

    source: str
    path: str
    unit: str
    mode: str
    mapping: dict
    make_ids: bool
    fix_mojibake: bool
    date_formats: tuple = ()
    dayfirst: bool = False
    require_date: bool = False
    seen: dict = field(default_factory=dict)  # doc_id -> line of first occurrence
    read: int = 0
    first: bool = True
    warned_ambiguous: bool = False  # the ambiguous-date warning is given once per file


def _record_json(raw: pd.DataFrame, pos: int) -> str:
    return to_json(dict(raw.iloc[pos].items()))


def _present(raw: pd.DataFrame, pos: int) -> str:
    row = raw.iloc[pos]
    names = [str(k) for k, v in row.items() if not ((np.isscalar(v) or v is None) and pd.isna(v))]
    return ", ".join(sorted(names)) or "none"


def _check_columns(raw: pd.DataFrame, st: ReadState) -> None:
    """Whole-file checks on the first chunk: mapping sources and required fields."""
    if raw.shape[1] > MAX_FIELDS:
        raise too_wide(st.source, st.path, raw.shape[1])
    present = ", ".join(sorted(str(c) for c in raw.columns)) or "none"
    for canon, src in st.mapping.items():
        if src not in raw.columns:
            flag = _FLAGS.get(canon, "the mapping")
            raise CorpusError(
                f"{st.source}: the mapping {canon} <- {src!r} names a field the file does not "
                f"have (fields present: {present}); fix {flag}.",
                path=st.path,
                line=None,
                field=canon,
                value=src,
            )
    renamed = set(raw.rename(columns=_rename_map(raw, st.mapping)).columns)
    required = ([] if st.make_ids else ["doc_id"]) + ["outlet", "text"]
    missing = [name for name in required if name not in renamed]
    if missing:
        name = missing[0]
        hint = f"map the field that holds it with {_FLAGS[name]} NAME (Python: mapping={{{name!r}: 'NAME'}})"
        if name == "doc_id":
            hint += ", or pass --make-ids (make_ids=True) to derive ids from outlet, title and text"
        also = "".join(f" Also missing: {m!r} ({_FLAGS[m]})." for m in missing[1:])
        raise CorpusError(
            f"{st.source}: no record has field {name!r} (fields present: {present}); {hint}.{also}",
            path=st.path,
            line=None,
            field=name,
            value=None,
            missing=missing,
        )


def _rename_map(raw: pd.DataFrame, mapping: dict) -> dict:
    ren = {src: canon for canon, src in mapping.items()}
    for canon in mapping:  # a source column already named like a mapped target keeps its data
        if canon in raw.columns and canon not in ren:
            ren[canon] = f"{canon}_unmapped"
    return ren


class _Problem(NamedTuple):
    """One record that cannot be kept, and why (``pos`` is None for an unparsed line)."""

    line: int
    pos: int | None
    doc_id: str | None
    field: str | None
    reason: str
    value: object
    fix: str
    first_line: int | None = None  # a duplicate id: the line that holds it first


def check_chunk(chunk: RawChunk, st: ReadState) -> ValidationResult:
    """Validate and normalise one chunk of raw records (the step behind every loader)."""
    raw, lines = chunk.frame, chunk.lines
    n = len(raw)
    problems = [
        _Problem(ln, None, None, None, reason, text[:200], f"fix the line, {_LENIENT}")
        for ln, reason, text in chunk.bad
    ]
    bad_text = {ln: text for ln, _, text in chunk.bad}
    st.read += n + len(chunk.bad)
    if st.first and n:
        _check_columns(raw, st)
        st.first = False
    df = raw.rename(columns=_rename_map(raw, st.mapping))
    df.index = range(n)

    def col(name):
        return df[name] if name in df.columns else pd.Series([None] * n, dtype="str")

    nested = _nested(df)
    doc_id = as_str(col("doc_id")).str.strip()
    outlet = clean_line(col("outlet"))
    title = clean_line(col("title")).fillna("")
    text = clean_text(col("text"))
    dates = parse_dates(col("date"), formats=st.date_formats, dayfirst=st.dayfirst)
    date = dates.dates
    if st.make_ids:
        gen = derive_ids(outlet, title, text)
        doc_id = doc_id.where(doc_id.notna() & (doc_id != ""), gen)
    rejected = np.zeros(n, bool)
    for name, pos, kind in nested:
        if rejected[pos]:
            continue  # one reason per record: its first nested field
        rejected[pos] = True
        reason = f"field {name!r} is a JSON {kind}, not text (it would be stored as its repr)"
        fix = f"map a field that holds text with {_FLAGS[name]} NAME, {_LENIENT}"
        value = to_json(df[name].iat[pos])[:200]
        problems.append(_Problem(lines[pos], pos, None, name, reason, value, fix))
    checks = [("doc_id", doc_id), ("outlet", outlet), ("text", text)]
    for name, values in checks:
        original = doc_id if name == "doc_id" and st.make_ids else col(name)
        missing = original.isna().to_numpy()
        empty = (values.isna() | (values == "")).to_numpy() & ~missing
        for pos in np.flatnonzero((missing | empty) & ~rejected):
            rejected[pos] = True
            how = "missing" if missing[pos] else "empty or whitespace only"
            fix = f"fill it in, map it with {_FLAGS[name]} NAME if it has another name, {_LENIENT}"
            if name == "text" and not missing[pos]:
                fix = f"drop the record, {_LENIENT}"
            if name == "doc_id":
                fix += ", or pass --make-ids to derive ids"
            value = None if missing[pos] else str(original.iat[pos])
            detail = f"fields present: {_present(raw, pos)}" if missing[pos] else f"value {value!r}"
            src = st.mapping.get(name, name)
            if missing[pos] and name in df.columns and src != name:  # the file has it
                detail = f"{src!r} is absent, null or NaN here; {detail}"
            reason = f"field {name!r} is {how} ({detail})"
            problems.append(_Problem(lines[pos], pos, doc_id.iat[pos], name, reason, value, fix))
    odd = []
    date_col = col("date")
    for pos in np.flatnonzero(dates.unreadable & ~rejected):
        value = str(date_col.iat[pos])
        what = f"field 'date' has value {value!r} that is not a date"
        hint = date_hint(value, dayfirst=st.dayfirst)
        if st.mode == "lenient" and not st.require_date:
            reason = f"{what}{hint}; kept with no date (accepted formats: {DATE_FORMATS})"
            odd.append((int(lines[pos]), doc_id.iat[pos], "date", reason, value))
            continue
        rejected[pos] = True
        reason = f"{what}{hint}; accepted formats: {DATE_FORMATS}"
        fix = f"fix the value, leave it empty if unknown, {_LENIENT}"
        if st.require_date:
            fix = "fix the value (--require-date sets aside articles without a readable date)"
        problems.append(_Problem(lines[pos], pos, doc_id.iat[pos], "date", reason, value, fix))
    if st.require_date:
        no_date = (date_col.isna() | (as_str(date_col).str.strip() == "")).to_numpy()
        for pos in np.flatnonzero(no_date & ~rejected):
            rejected[pos] = True
            reason = "field 'date' is missing (--require-date sets aside articles without one)"
            fix = "fill it in, map it with --date-col NAME, or leave out --require-date"
            problems.append(_Problem(lines[pos], pos, doc_id.iat[pos], "date", reason, None, fix))
    # A date outside 1678-2261 (e.g. the placeholder 0001-11-30) is read as unknown: the
    # article is kept with no date and listed in the warnings.
    odd += [
        (
            int(lines[pos]),
            doc_id.iat[pos],
            "date",
            "date outside the supported years 1678-2261 (a placeholder?); kept with no date",
            str(date_col.iat[pos]),
        )
        for pos in np.flatnonzero(dates.outside & ~rejected)
    ]
    if not st.warned_ambiguous and (dates.ambiguous & ~rejected).any():
        st.warned_ambiguous = True
        pos = int(np.flatnonzero(dates.ambiguous & ~rejected)[0])
        odd.append(_ambiguous(st, int(lines[pos]), doc_id.iat[pos], str(date_col.iat[pos])))
    ids = doc_id.to_numpy(dtype=object, na_value=None)
    for pos in np.flatnonzero(~rejected):
        first = st.seen.setdefault(ids[pos], int(lines[pos]))
        if first != lines[pos]:
            rejected[pos] = True
            reason = f"doc_id {ids[pos]!r} duplicates {st.unit} {first}"
            fix = f"give each article its own id, {_LENIENT} (the first one is kept)"
            problem = _Problem(lines[pos], pos, ids[pos], "doc_id", reason, ids[pos], fix, first)
            problems.append(problem)
    if problems and st.mode == "strict":
        raise _strict_error(min(problems, key=lambda q: q.line), st)
    keep = ~rejected
    art = pd.DataFrame(
        {
            "doc_id": doc_id,
            "outlet": outlet,
            "date": date,
            "title": title,
            "text": text,
            "url": as_str(col("url")).str.strip().replace("", np.nan),
            "lang": as_str(col("lang")).str.strip().str.lower().replace("", np.nan).fillna("en"),
        }
    )
    extras = [c for c in df.columns if c not in COLUMNS]
    art = pd.concat([art, df[extras]], axis=1)
    if not keep.all():  # boolean indexing copies every string column
        art = art[keep].reset_index(drop=True)
    odd += _mixed_to_text(art, extras, lines[keep])
    warnings = _mojibake(art, lines[keep], st.fix_mojibake)
    if odd:
        odd_frame = pd.DataFrame(odd, columns=WARNING_COLUMNS)
        parts = [w for w in (odd_frame, warnings) if len(w)]
        warnings = pd.concat(parts, ignore_index=True).sort_values("line", kind="stable")
        warnings = warnings.reset_index(drop=True).astype({"line": "int64"})
    rows = []
    for p in sorted(problems, key=lambda q: q.line):
        record = bad_text[p.line] if p.pos is None else _record_json(raw, p.pos)
        rows.append((int(p.line), p.doc_id, p.field, p.reason, p.value, record))
    rej = pd.DataFrame(rows, columns=_REJECTED_COLUMNS).astype({"line": "int64"})
    return ValidationResult(art, rej, warnings, n + len(chunk.bad), st.source, st.unit)


def _ambiguous(st: ReadState, line: int, doc_id, value: str) -> tuple:
    """The one warning of a file whose numeric dates read two ways."""
    if st.dayfirst:
        rule, other = "day/month/year (--dayfirst)", "leave out --dayfirst if it is month first"
    else:
        rule, other = "month/day/year (US order)", "pass --dayfirst if it is day first"
    reason = (
        f"dates like {value!r} can be read day first or month first; this file's are read "
        f"as {rule}: {other}"
    )
    _log.warning("%s %s %d: %s", st.source, st.unit, line, reason)
    return (line, doc_id, "date", reason, value)


_NESTED = {dict: "object", list: "list", tuple: "list", np.ndarray: "list"}
_ONE_TYPE = {"string", "empty", "integer", "floating", "boolean", "mixed-integer-float"}


def _nested(df: pd.DataFrame) -> list[tuple[str, int, str]]:
    """``(column, position, kind)`` of article fields holding a JSON object or list."""
    out = []
    for name in COLUMNS:
        if name in df.columns and df[name].dtype == object:
            kinds = df[name].map(lambda v: _NESTED.get(type(v)))
            for pos in np.flatnonzero(kinds.notna().to_numpy()):
                out.append((name, int(pos), kinds.iat[pos]))
    return out


def _mixed_to_text(art: pd.DataFrame, extras, lines: np.ndarray) -> list[tuple]:
    """Store as text (in place) each metadata column whose values Parquet cannot hold
    in one type (``page: 3`` in one record, ``page: "A3"`` in another); one warning each."""
    import pyarrow as pa

    out = []
    for name in extras:
        values = art[name]
        if values.dtype != object or not len(values):
            continue
        if pd.api.types.infer_dtype(values, skipna=True) in _ONE_TYPE:
            continue  # all text, all numbers ...: Parquet holds them as they are
        try:
            pa.array(values, from_pandas=True)
            continue
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            pass
        types = values.dropna().map(lambda v: type(v).__name__)
        first = types.iat[0]
        pos = int(np.flatnonzero((types != first).to_numpy())[0]) if (types != first).any() else 0
        pos = int(types.index[pos])
        kinds = ", ".join(sorted(set(types)))
        art[name] = values.map(lambda v: v if v is None or isinstance(v, str) else to_json(v))
        reason = (
            f"metadata field {name!r} holds values of different types ({kinds}); all its "
            "values are kept as text"
        )
        out.append((int(lines[pos]), art["doc_id"].iat[pos], str(name), reason, kinds))
    return out


def _strict_error(p: _Problem, st: ReadState) -> CorpusError:
    """The error strict mode raises for the first problem of a chunk."""
    extra = (
        {}
        if p.first_line is None
        else {"first_line": p.first_line, "lines": (p.first_line, int(p.line))}
    )
    return CorpusError(
        f"{st.source} {st.unit} {p.line}: {p.reason}; {p.fix}.",
        path=st.path,
        line=int(p.line),
        field=p.field,
        value=p.value,
        **extra,
    )


def _mojibake(art: pd.DataFrame, lines: np.ndarray, fix: bool) -> pd.DataFrame:
    rows = []
    for name in ("title", "text"):
        hit = art[name].str.contains(MOJIBAKE, regex=True).to_numpy()
        for pos in np.flatnonzero(hit):
            value = art[name].iat[pos]
            m = re.search(MOJIBAKE, value)
            snippet = value[max(m.start() - 20, 0) : m.end() + 20]
            reason = "suspected mojibake (UTF-8 read as cp1252)"
            if fix:
                art.loc[pos, name] = repair_mojibake(value)
                reason += "; repaired"
            else:
                reason += "; pass fix_mojibake=True (--fix-mojibake) to repair"
            rows.append((int(lines[pos]), art["doc_id"].iat[pos], name, reason, snippet))
    return pd.DataFrame(rows, columns=WARNING_COLUMNS).astype({"line": "int64"})


def empty_result(source: str) -> ValidationResult:
    art = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    art["date"] = pd.Series(dtype="datetime64[ns, UTC]")
    return ValidationResult(
        art,
        pd.DataFrame(columns=_REJECTED_COLUMNS),
        pd.DataFrame(columns=WARNING_COLUMNS),
        0,
        source,
    )


def concat_results(results: list[ValidationResult], source: str) -> ValidationResult:
    if not results:
        return empty_result(source)
    if len(results) == 1:
        return results[0]

    def cat(frames):
        frames = [f for f in frames if len(f)] or frames[:1]
        return pd.concat(frames, ignore_index=True)

    return ValidationResult(
        cat([r.articles for r in results]),
        cat([r.rejected for r in results]),
        cat([r.warnings for r in results]),
        sum(r.read for r in results),
        source,
        results[0].unit,
    )


def empty_error(source: str, path=None) -> CorpusError:
    return CorpusError(
        f"{source}: the file holds no records (it is empty, or has only blank lines or a "
        "header); check that you passed the right file.",
        path=str(path) if path is not None else source,
        line=None,
        field=None,
        value=None,
    )


def validate(
    df: pd.DataFrame,
    *,
    mode: str = "strict",
    source: str = "<table>",
    mapping: Mapping[str, str] | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    date_format=None,
    dayfirst: bool = False,
    require_date: bool = False,
) -> ValidationResult:
    """Check and normalise a table of article records.

    Parameters
    ----------
    df : pandas.DataFrame
        Records with (after ``mapping``) at least ``doc_id`` (unless ``make_ids``),
        ``outlet`` and ``text``; optional ``date``, ``title``, ``url``, ``lang``; any
        other column is kept as metadata.
    mode : {"strict", "lenient"}
        ``"strict"`` raises on the first problem; ``"lenient"`` sets problem records
        aside in ``.rejected`` and keeps going.
    source : str
        Name used in messages; rows are numbered from 1.
    mapping : mapping of str to str, optional
        Canonical column -> column of ``df``, e.g. ``{"text": "body"}``.
    make_ids : bool
        Derive a missing ``doc_id`` from a hash of outlet, title and text.
    fix_mojibake : bool
        Repair suspected mojibake instead of only warning about it.
    date_format, dayfirst, require_date
        How dates are read (see :func:`framing.corpus.load_corpus`).

    Returns
    -------
    ValidationResult
        ``.articles`` has the columns :data:`COLUMNS` then the metadata columns.

    Raises
    ------
    CorpusError
        Strict mode: the first problem (attributes ``path``, ``line``, ``field``,
        ``value``). Any mode: a required column is absent, or the table is empty.

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["a", "b", "a"], "outlet": ["X", "Y", "X"],
    ...                     "text": ["One  two.", "   ", "Three."], "date": ["2025-07-10"] * 3})
    >>> res = validate(raw, mode="lenient")
    >>> res.read, res.kept, res.n_rejected
    (3, 1, 2)
    >>> res.articles.loc[0, "text"], str(res.articles.loc[0, "date"])
    ('One two.', '2025-07-10 00:00:00+00:00')
    >>> list(res.rejected["field"])
    ['text', 'doc_id']
    >>> validate(raw)
    Traceback (most recent call last):
    ...
    framing.errors.CorpusError: <table> row 2: field 'text' is empty or whitespace only ...
    """
    if mode not in ("strict", "lenient"):
        raise CorpusError(
            f"mode must be 'strict' or 'lenient', not {mode!r}.", field="mode", value=mode
        )
    if len(df) == 0:
        raise empty_error(source)
    try:
        formats = check_formats(date_format)
    except ValueError as exc:
        raise CorpusError(str(exc), field="date_format", value=date_format) from None
    st = ReadState(
        source,
        source,
        "row",
        mode,
        dict(mapping or {}),
        make_ids,
        fix_mojibake,
        date_formats=formats,
        dayfirst=dayfirst,
        require_date=require_date,
    )
    chunk = RawChunk(df.reset_index(drop=True), np.arange(1, len(df) + 1, dtype=np.int64))
    return check_chunk(chunk, st)
