"""The article table: schema, loading, validation, normalisation, outlet metadata.

An article table has one row per article and the columns

========== ============================ ==========================================
column     type                         meaning
========== ============================ ==========================================
doc_id     str, unique                  the article's id
outlet     str                          canonical outlet name (``outlets.yaml``)
date       datetime64[ns, UTC], NaT ok  publication time, in UTC
title      str (may be empty)           headline
text       str, not empty               body, normalised (see below)
url        str or missing               where it was published
lang       str, default ``"en"``        language code
========== ============================ ==========================================

Further columns of the source are kept as metadata (e.g. ``topic``). When an
``outlets.yaml`` is used, ``outlet_type``, ``outlet_country`` and ``outlet_lean`` follow.

Normalisation (applied by :func:`validate`, hence by every loader):

* every string is Unicode NFC;
* ``text``: line ends become ``\\n``; tabs, no-break and other Unicode spaces become a
  space; runs of spaces collapse; spaces around line breaks go; three or more line
  breaks become one paragraph break ``\\n\\n``; leading and trailing space is stripped;
* ``title`` and ``outlet``: every whitespace run becomes one space, stripped;
* ``date``: parsed to a timezone-aware UTC timestamp. Accepted: ISO 8601 (``2025-07-10``,
  ``2025-07-10T14:30:00Z``, ``2025-07-10 14:30+02:00``), US month/day/year
  (``7/10/2025``, ``7/10/25``) and RFC 2822 (``Thu, 10 Jul 2025 14:30:00 +0000``).
  **A date without a time zone is taken to be UTC.** An empty date is allowed (NaT);
  a date outside the years 1678-2261 (``datetime64[ns]``; e.g. the placeholder
  ``0001-11-30``) is kept as NaT and listed in the warnings; an unparseable one is an error;
* ``url`` empty becomes missing; ``lang`` missing becomes ``"en"``, lower-cased.

Mojibake (UTF-8 text decoded as cp1252 and re-encoded, e.g. ``"â€™"`` for ``"’"``)
in valid UTF-8 is **not** an error: such articles are kept and listed in
``ValidationResult.warnings``; ``fix_mojibake=True`` repairs them (the repair is listed
too). Bytes that are not valid in the file's encoding are an error naming the line and
byte offset (pass ``encoding="cp1252"`` for a Windows-1252 file).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from framing import _readers as _io
from framing._checks import require_columns
from framing._readers import RawChunk, file_format, iter_raw
from framing.errors import CorpusError

__all__ = [
    "COLUMNS",
    "OUTLET_TYPES",
    "ValidationResult",
    "validate",
    "load_corpus",
    "read_corpus",
    "iter_corpus",
    "save_corpus",
    "import_corpus",
    "corpus_hash",
    "load_outlets",
    "apply_outlets",
    "corpus_summary",
    "format_summary",
    "format_validation",
    "project_root",
    "resolve_path",
    "subset",
]

#: The columns of the article table, in order.
COLUMNS = ("doc_id", "outlet", "date", "title", "text", "url", "lang")
#: The outlet types ``outlets.yaml`` may use.
OUTLET_TYPES = ("wire", "state-affiliated", "public", "private")
_OUTLET_COLUMNS = ("outlet_type", "outlet_country", "outlet_lean")
_FLAGS = {
    "doc_id": "--id-col",
    "outlet": "--outlet-col",
    "date": "--date-col",
    "title": "--title-col",
    "text": "--text-col",
    "url": "--url-col",
    "lang": "--lang-col",
}
DATE_FORMATS = (
    "ISO 8601 (2025-07-10, 2025-07-10T14:30:00Z, 2025-07-10 14:30+02:00), "
    "US month/day/year (7/10/2025, 7/10/25), RFC 2822 (Thu, 10 Jul 2025 14:30:00 +0000)"
)
_LENIENT = "or import with --lenient to set such records aside in rejected.jsonl"
_SPACE_CHARS = "\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_NEWLINES = "\r\n|\r|\u2028|\u2029|\u0085"
# A lead byte of a 2-3 byte UTF-8 sequence read as cp1252, then a continuation byte read
# as cp1252 (0x80-0xBF map to these characters).
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
_CONT += "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
_CONT += "\u0153\u017e\u0178"
_MOJIBAKE = f"[\u00c2\u00c3\u00c5\u00e2][{_CONT}]"
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")


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
_WARNING_COLUMNS = ["line", "doc_id", "field", "reason", "value"]


@dataclass
class _State:
    """What validation carries from one chunk to the next."""

    source: str
    path: str
    unit: str
    mode: str
    mapping: dict
    make_ids: bool
    fix_mojibake: bool
    seen: dict = field(default_factory=dict)  # doc_id -> line of first occurrence
    read: int = 0
    first: bool = True


# --------------------------------------------------------------------------- normalise
def _as_str(s: pd.Series) -> pd.Series:
    """Strings with missing values as NaN (integral floats lose their ``.0``)."""
    if s.dtype.kind == "f" and s.dropna().mod(1).eq(0).all():
        s = s.astype("Int64")
    return s.astype("str")


@functools.cache
def _nfc_suspects() -> str:
    """An RE2 class of every character that can make a string not NFC.

    Characters that are not NFC on their own, that compose with a preceding character
    (second half of a canonical pair, Hangul vowel and trailing jamo) or that have a
    non-zero combining class (may need reordering). Strings without any of them are
    already NFC, so only the few that have one go through :func:`unicodedata.normalize`.
    """
    cps = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for c in range(0x30000):
        ch = chr(c)
        if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch):
            cps.add(c)
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            cps.add(int(parts[1], 16))
    cps -= set(range(0xD800, 0xE000))
    ranges: list[list[int]] = []
    for c in sorted(cps):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges) + "]"


def _flag(s: pd.Series, pattern: str) -> np.ndarray:
    """Positions of the strings of ``s`` that match an RE2 ``pattern`` (Arrow, fast)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    hit = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return np.flatnonzero(hit.to_numpy(zero_copy_only=False))


def _on_flagged(s: pd.Series, pattern: str, fix) -> pd.Series:
    """Apply ``fix`` (Series -> Series) only to the strings that match ``pattern``."""
    idx = _flag(s, pattern)
    if not len(idx):
        return s
    out = s.copy()
    out.iloc[idx] = fix(s.iloc[idx]).to_numpy()
    return out


def _nfc(s: pd.Series) -> pd.Series:
    def fix(part: pd.Series) -> pd.Series:
        return pd.Series([unicodedata.normalize("NFC", v) for v in part], dtype="str")

    return _on_flagged(s, _nfc_suspects(), fix)


def _fix_spaces(s: pd.Series) -> pd.Series:
    s = s.str.replace(_NEWLINES, "\n", regex=True)
    s = s.str.replace(f"[{_SPACE_CHARS}]", " ", regex=True)
    s = s.str.replace(" {2,}", " ", regex=True)
    s = s.str.replace(" ?\n ?", "\n", regex=True)
    return s.str.replace("\n{3,}", "\n\n", regex=True).str.strip()


# Strings needing _fix_spaces: odd spaces or line ends, doubled spaces, spaces at line
# ends, 3+ line breaks, or white space at either end.
_NEEDS_FIX = f"[{_SPACE_CHARS}\r\u2028\u2029\u0085]|  | \n|\n |\n\n\n|^\\s|\\s$"


def _clean_text(s: pd.Series) -> pd.Series:
    s = _nfc(_as_str(s))
    return _on_flagged(s, _NEEDS_FIX, _fix_spaces)


def _clean_line(s: pd.Series) -> pd.Series:
    s = _nfc(_as_str(s))

    def fix(part: pd.Series) -> pd.Series:
        part = part.str.replace(f"(?:[ \n{_SPACE_CHARS}]|{_NEWLINES})+", " ", regex=True)
        return part.str.strip()

    return _on_flagged(s, _NEEDS_FIX + "|\n", fix)


def _parse_one_date(value: str):
    m = _US_DATE.match(value)
    if m:
        month, day, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            year += 2000 if year < 69 else 1900
        try:
            return pd.Timestamp(year=year, month=month, day=day, tz="UTC")
        except ValueError:
            return pd.NaT
    from email.utils import parsedate_to_datetime

    try:
        ts = pd.Timestamp(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return pd.NaT
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _parse_dates(s: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Return (UTC datetimes, mask unparseable, mask out of the datetime64[ns] range)."""
    none = np.zeros(len(s), bool)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC").astype("datetime64[ns, UTC]"), none, none
    if s.dtype.kind == "M":
        return s.dt.tz_localize("UTC").astype("datetime64[ns, UTC]"), none, none
    text = _as_str(s).str.strip()
    missing = (text.isna() | (text == "")).to_numpy()
    parsed = pd.to_datetime(text.where(~missing), format="ISO8601", utc=True, errors="coerce")
    parsed = parsed.astype("datetime64[us, UTC]")
    todo = np.flatnonzero(parsed.isna().to_numpy() & ~missing)
    if len(todo):
        values = [_parse_one_date(text.iat[i]) for i in todo]
        parsed.iloc[todo] = pd.Series(values, dtype="datetime64[us, UTC]").to_numpy()
    low, high = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
    outside = ((parsed < low) | (parsed > high)).to_numpy()
    parsed = parsed.mask(outside).astype("datetime64[ns, UTC]")
    bad = parsed.isna().to_numpy() & ~missing & ~outside
    return parsed, bad, outside


def _repair_mojibake(text: str) -> str:
    def fix(m: re.Match) -> str:
        try:
            return m.group(0).encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    return _MOJIBAKE_RUN.sub(fix, text)


def _make_ids(outlet: pd.Series, title: pd.Series, text: pd.Series) -> pd.Series:
    ids = [
        "h" + hashlib.sha256(f"{o}\x1f{t}\x1f{x}".encode()).hexdigest()[:16]
        for o, t, x in zip(outlet.fillna(""), title.fillna(""), text.fillna(""), strict=True)
    ]
    return pd.Series(ids, index=outlet.index, dtype="str")


# --------------------------------------------------------------------------- validate
def _record_json(raw: pd.DataFrame, pos: int) -> str:
    def default(o):
        if hasattr(o, "tolist"):
            return o.tolist()
        return str(o)

    rec = {}
    for k, v in raw.iloc[pos].items():
        rec[str(k)] = None if (np.isscalar(v) or v is None) and pd.isna(v) else v
    return json.dumps(rec, ensure_ascii=False, default=default)


def _present(raw: pd.DataFrame, pos: int) -> str:
    row = raw.iloc[pos]
    names = [str(k) for k, v in row.items() if not ((np.isscalar(v) or v is None) and pd.isna(v))]
    return ", ".join(sorted(names)) or "none"


def _check_columns(raw: pd.DataFrame, st: _State) -> None:
    """Whole-file checks on the first chunk: mapping sources and required fields."""
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


def _check_chunk(chunk: RawChunk, st: _State) -> ValidationResult:
    raw, lines = chunk.frame, chunk.lines
    n = len(raw)
    problems = [  # (line, pos, doc_id, field, reason, value, fix[, first line])
        (ln, None, None, None, reason, text[:200], f"fix the line, {_LENIENT}")
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

    doc_id = _as_str(col("doc_id")).str.strip()
    outlet = _clean_line(col("outlet"))
    title = _clean_line(col("title")).fillna("")
    text = _clean_text(col("text"))
    date, bad_date, outside = _parse_dates(col("date"))
    if st.make_ids:
        gen = _make_ids(outlet, title, text)
        doc_id = doc_id.where(doc_id.notna() & (doc_id != ""), gen)
    rejected = np.zeros(n, bool)
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
            reason = f"field {name!r} is {how} ({detail})"
            problems.append((lines[pos], pos, doc_id.iat[pos], name, reason, value, fix))
    for pos in np.flatnonzero(bad_date & ~rejected):
        rejected[pos] = True
        value = str(col("date").iat[pos])
        reason = (
            f"field 'date' has value {value!r} that is not a date; accepted formats: {DATE_FORMATS}"
        )
        fix = f"fix the value, leave it empty if unknown, {_LENIENT}"
        problems.append((lines[pos], pos, doc_id.iat[pos], "date", reason, value, fix))
    # A date outside 1678-2261 (e.g. the placeholder 0001-11-30) is read as unknown: the
    # article is kept with no date and listed in the warnings.
    odd = [
        (
            int(lines[pos]),
            doc_id.iat[pos],
            "date",
            "date outside the supported years 1678-2261 (a placeholder?); kept with no date",
            str(col("date").iat[pos]),
        )
        for pos in np.flatnonzero(outside & ~rejected)
    ]
    ids = doc_id.to_numpy(dtype=object, na_value=None)
    for pos in np.flatnonzero(~rejected):
        first = st.seen.setdefault(ids[pos], int(lines[pos]))
        if first != lines[pos]:
            rejected[pos] = True
            reason = f"doc_id {ids[pos]!r} duplicates {st.unit} {first}"
            fix = f"give each article its own id, {_LENIENT} (the first one is kept)"
            problems.append((lines[pos], pos, ids[pos], "doc_id", reason, ids[pos], fix, first))
    if problems and st.mode == "strict":
        p = min(problems, key=lambda q: q[0])
        extra = {"first_line": p[7], "lines": (p[7], int(p[0]))} if len(p) > 7 else {}
        where = f"{st.source} {st.unit} {p[0]}"
        raise CorpusError(
            f"{where}: {p[4]}; {p[6]}.",
            path=st.path,
            line=int(p[0]),
            field=p[3],
            value=p[5],
            **extra,
        )
    keep = ~rejected
    art = pd.DataFrame(
        {
            "doc_id": doc_id,
            "outlet": outlet,
            "date": date,
            "title": title,
            "text": text,
            "url": _as_str(col("url")).str.strip().replace("", np.nan),
            "lang": _as_str(col("lang")).str.strip().str.lower().replace("", np.nan).fillna("en"),
        }
    )
    extras = [c for c in df.columns if c not in COLUMNS]
    art = pd.concat([art, df[extras]], axis=1)
    if not keep.all():  # boolean indexing copies every string column
        art = art[keep].reset_index(drop=True)
    warnings = _mojibake(art, lines[keep], st.fix_mojibake)
    if odd:
        odd_frame = pd.DataFrame(odd, columns=_WARNING_COLUMNS)
        parts = [w for w in (odd_frame, warnings) if len(w)]
        warnings = pd.concat(parts, ignore_index=True).sort_values("line", kind="stable")
        warnings = warnings.reset_index(drop=True).astype({"line": "int64"})
    rows = []
    for p in sorted(problems, key=lambda q: q[0]):
        line, pos, pid, fld, reason, value, _ = p[:7]
        record = bad_text[line] if pos is None else _record_json(raw, pos)
        rows.append((int(line), pid, fld, reason, value, record))
    rej = pd.DataFrame(rows, columns=_REJECTED_COLUMNS).astype({"line": "int64"})
    return ValidationResult(art, rej, warnings, n + len(chunk.bad), st.source, st.unit)


def _mojibake(art: pd.DataFrame, lines: np.ndarray, fix: bool) -> pd.DataFrame:
    rows = []
    for name in ("title", "text"):
        hit = art[name].str.contains(_MOJIBAKE, regex=True).to_numpy()
        for pos in np.flatnonzero(hit):
            value = art[name].iat[pos]
            m = re.search(_MOJIBAKE, value)
            snippet = value[max(m.start() - 20, 0) : m.end() + 20]
            reason = "suspected mojibake (UTF-8 read as cp1252)"
            if fix:
                art.loc[pos, name] = _repair_mojibake(value)
                reason += "; repaired"
            else:
                reason += "; pass fix_mojibake=True (--fix-mojibake) to repair"
            rows.append((int(lines[pos]), art["doc_id"].iat[pos], name, reason, snippet))
    return pd.DataFrame(rows, columns=_WARNING_COLUMNS).astype({"line": "int64"})


def _empty_result(source: str) -> ValidationResult:
    art = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    art["date"] = pd.Series(dtype="datetime64[ns, UTC]")
    return ValidationResult(
        art,
        pd.DataFrame(columns=_REJECTED_COLUMNS),
        pd.DataFrame(columns=_WARNING_COLUMNS),
        0,
        source,
    )


def _concat(results: list[ValidationResult], source: str) -> ValidationResult:
    if not results:
        return _empty_result(source)
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


def _empty_error(source: str, path=None) -> CorpusError:
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
        raise _empty_error(source)
    st = _State(source, source, "row", mode, dict(mapping or {}), make_ids, fix_mojibake)
    chunk = RawChunk(df.reset_index(drop=True), np.arange(1, len(df) + 1, dtype=np.int64))
    return _check_chunk(chunk, st)


# --------------------------------------------------------------------------- outlets
def load_outlets(path) -> pd.DataFrame:
    """Read an ``outlets.yaml`` file.

    The file holds ``outlets: [{name, aliases: [...], type, country, lean}, ...]``;
    only ``name`` is required; ``type`` is one of :data:`OUTLET_TYPES`.

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``aliases`` (list of str), ``type``, ``country``, ``lean``.

    Raises
    ------
    CorpusError
        A malformed entry, unknown type, or an alias claimed by two outlets.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "outlets.yaml"
    >>> _ = f.write_text("outlets:\\n  - {name: Daily Planet, aliases: [DP], type: private}\\n")
    >>> load_outlets(f)[["name", "type"]].values.tolist()
    [['Daily Planet', 'private']]
    """
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML ({exc}).", path=str(path), value=None) from None
    return _outlet_frame(data, str(path))


def _outlet_frame(data, where: str) -> pd.DataFrame:
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(
            f"{where}: expected a top-level 'outlets:' list of {{name, aliases, type, country, lean}}.",
            path=where,
            field="outlets",
            value=None,
        )
    rows, owner = [], {}
    for i, e in enumerate(entries, start=1):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            raise CorpusError(
                f"{where}: outlet entry {i} has no 'name' (found {e!r}); give each outlet a name.",
                path=where,
                line=i,
                field="name",
                value=e,
            )
        kind = e.get("type")
        if kind is not None and kind not in OUTLET_TYPES:
            raise CorpusError(
                f"{where}: outlet {e['name']!r} has type {kind!r}; use one of {', '.join(OUTLET_TYPES)}.",
                path=where,
                line=i,
                field="type",
                value=kind,
            )
        aliases = [str(a) for a in (e.get("aliases") or [])]
        for alias in [e["name"], *aliases]:
            key = _outlet_key(alias)
            if owner.setdefault(key, e["name"]) != e["name"]:
                raise CorpusError(
                    f"{where}: alias {alias!r} belongs to both {owner[key]!r} and {e['name']!r}; "
                    "keep it under one outlet.",
                    path=where,
                    line=i,
                    field="aliases",
                    value=alias,
                )
        rows.append((e["name"].strip(), aliases, kind, e.get("country"), e.get("lean")))
    return pd.DataFrame(rows, columns=["name", "aliases", "type", "country", "lean"])


def _outlet_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(name)).split()).casefold()


def apply_outlets(df: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Map outlet aliases to canonical names and join the outlet metadata.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with an ``outlet`` column.
    outlets : pandas.DataFrame
        As returned by :func:`load_outlets` (``name``, ``aliases``, ``type``,
        ``country``, ``lean``).

    Returns
    -------
    pandas.DataFrame
        A copy with canonical ``outlet`` names (matched case- and space-insensitively;
        unknown outlets unchanged) and ``outlet_type``, ``outlet_country``,
        ``outlet_lean`` after ``lang`` (missing for unknown outlets).

    Examples
    --------
    >>> outlets = pd.DataFrame({"name": ["Daily Planet"], "aliases": [["planet"]],
    ...                         "type": ["private"], "country": ["US"], "lean": [None]})
    >>> out = apply_outlets(pd.DataFrame({"outlet": ["PLANET", "Other"]}), outlets)
    >>> out[["outlet", "outlet_type"]].values.tolist()
    [['Daily Planet', 'private'], ['Other', nan]]
    """
    require_columns(df, ["outlet"], where="apply_outlets", hint="Load articles first.")
    require_columns(outlets, ["name", "aliases"], where="apply_outlets", hint="Use load_outlets().")
    canon = {}
    for name, aliases in zip(outlets["name"], outlets["aliases"], strict=True):
        for alias in [name, *(aliases if aliases is not None else [])]:
            canon[_outlet_key(alias)] = name
    out = df.drop(columns=[c for c in _OUTLET_COLUMNS if c in df.columns])
    keys = out["outlet"].map(_outlet_key, na_action="ignore")
    out["outlet"] = keys.map(canon).fillna(out["outlet"]).astype("str")
    meta = outlets.set_index("name")
    at = list(out.columns).index("lang") + 1 if "lang" in out.columns else len(out.columns)
    for i, (col, src) in enumerate(zip(_OUTLET_COLUMNS, ("type", "country", "lean"), strict=True)):
        values = out["outlet"].map(meta[src]) if src in meta else None
        out.insert(at + i, col, pd.Series(values, index=out.index, dtype="str"))
    return out


# --------------------------------------------------------------------------- files
def _outlet_table(outlets, folder: Path | None):
    if outlets is None and folder is not None and (folder / "outlets.yaml").exists():
        outlets = folder / "outlets.yaml"
    if outlets is None or outlets is False:
        return None
    if isinstance(outlets, pd.DataFrame):
        return outlets
    if isinstance(outlets, Mapping):
        return _outlet_frame(outlets, "outlets")
    return load_outlets(outlets)


def iter_corpus(
    path,
    *,
    mapping: Mapping[str, str] | None = None,
    mode: str = "strict",
    outlets=None,
    encoding: str | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    chunksize: int = 50_000,
) -> Iterator[ValidationResult]:
    """Read and validate a corpus chunk by chunk, in bounded memory.

    Duplicate ``doc_id`` values are caught across chunks (a set of ids is kept).
    Parameters are those of :func:`load_corpus`, plus ``chunksize`` (records per chunk).

    Yields
    ------
    ValidationResult
        One per chunk: ``.articles`` (normalised, outlet metadata joined),
        ``.rejected``, ``.warnings`` and ``.read`` for that chunk.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text(
    ...     '{"id": "1", "src": "X", "body": "One."}\\n{"id": "2", "src": "Y", "body": "Two."}\\n')
    >>> chunks = iter_corpus(folder / "a.jsonl", chunksize=1,
    ...                      mapping={"doc_id": "id", "outlet": "src", "text": "body"})
    >>> [len(c.articles) for c in chunks]
    [1, 1]
    """
    if mode not in ("strict", "lenient"):
        raise CorpusError(
            f"mode must be 'strict' or 'lenient', not {mode!r}.", field="mode", value=mode
        )
    file, config, folder = _io.resolve(path)
    mapping = {**(config.get("mapping") or {}), **(mapping or {})}
    encoding = encoding or config.get("encoding") or "utf-8"
    fmt, _ = file_format(file)
    table = _outlet_table(outlets, folder)
    unit = "line" if fmt == "jsonl" else "row"
    st = _State(file.name, str(file), unit, mode, mapping, make_ids, fix_mojibake)
    for chunk in iter_raw(file, chunksize=chunksize, encoding=encoding):
        res = _check_chunk(chunk, st)
        if table is not None:
            res.articles = apply_outlets(res.articles, table)
        yield res
    if st.read == 0:
        raise _empty_error(file.name, file)


def read_corpus(path, **options) -> ValidationResult:
    """Read and validate a whole corpus; return articles, rejected records and counts.

    Takes the parameters of :func:`iter_corpus`. Use this (lenient mode) to see what
    was set aside; use :func:`load_corpus` for just the table.

    Returns
    -------
    ValidationResult
        For the whole file; ``.articles.attrs`` as in :func:`load_corpus`.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = f.write_text('{"doc_id": "1", "outlet": "X", "text": "One."}\\n{"doc_id": "2"}\\n')
    >>> res = read_corpus(f, mode="lenient")
    >>> res.counts()
    {'read': 2, 'kept': 1, 'rejected': 1, 'warnings': 0}
    >>> res.rejected.loc[0, "reason"]
    "field 'outlet' is missing (fields present: doc_id)"
    """
    file, config, folder = _io.resolve(path)
    results = list(iter_corpus(path, **options))
    res = _concat(results, file.name)
    res.articles.attrs.update(_attrs(res, config, folder, file))
    return res


def _attrs(res: ValidationResult, config: dict, folder, file: Path) -> dict:
    name = config.get("name") or (folder.name if folder is not None else file.name.split(".")[0])
    return {
        "name": str(name),
        "source": str(file),
        "corpus_hash": corpus_hash(res.articles),
        "validation": res.counts(),
    }


def load_corpus(
    path,
    *,
    mapping: Mapping[str, str] | None = None,
    mode: str = "strict",
    outlets=None,
    encoding: str | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    chunksize: int = 50_000,
) -> pd.DataFrame:
    """Load a corpus folder or file as a validated, normalised article table.

    Parameters
    ----------
    path : str or Path
        A corpus folder (``corpus.yaml`` + one ``articles.parquet|jsonl|csv[.gz]``,
        optional ``outlets.yaml``) or a single ``.jsonl``/``.csv``/``.parquet`` file
        (``.jsonl.gz``, ``.csv.gz`` too). ``corpus.yaml`` may hold ``name``,
        ``mapping``, ``encoding`` and ``articles`` (the file name). CSV cells are read
        as text (metadata columns too); JSONL and Parquet keep their types.
    mapping : mapping of str to str, optional
        Canonical column -> source field, e.g. ``{"text": "content_original",
        "outlet": "source", "doc_id": "ID"}``; overrides ``mapping:`` in corpus.yaml.
    mode : {"strict", "lenient"}
        Strict raises :class:`~framing.errors.CorpusError` on the first problem;
        lenient drops problem records (see :func:`read_corpus` to get them).
    outlets : str, Path, DataFrame or dict, optional
        Outlet metadata; defaults to the folder's ``outlets.yaml`` when present.
    encoding : str, optional
        Text encoding of JSONL/CSV (default UTF-8; a UTF-8 BOM is accepted).
    make_ids : bool
        Derive missing ``doc_id`` values from outlet, title and text (else an error).
    fix_mojibake : bool
        Repair suspected mojibake (default: warn only).
    chunksize : int
        Records read and validated at a time.

    Returns
    -------
    pandas.DataFrame
        The articles table (:data:`COLUMNS`, outlet metadata, extra columns);
        ``attrs`` holds ``name``, ``source``, ``corpus_hash`` and ``validation``
        (counts read/kept/rejected/warnings).

    Raises
    ------
    CorpusError
        With ``path``, ``line``, ``field`` and ``value`` attributes.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("ID,source,body,date\\n1,Daily Planet,Hello  world.,2025-07-10\\n")
    >>> df = load_corpus(f, mapping={"doc_id": "ID", "outlet": "source", "text": "body"})
    >>> df[["doc_id", "outlet", "text"]].values.tolist()
    [['1', 'Daily Planet', 'Hello world.']]
    >>> df.attrs["validation"]["kept"], len(df.attrs["corpus_hash"])
    (1, 64)
    """
    return read_corpus(
        path,
        mapping=mapping,
        mode=mode,
        outlets=outlets,
        encoding=encoding,
        make_ids=make_ids,
        fix_mojibake=fix_mojibake,
        chunksize=chunksize,
    ).articles


# --------------------------------------------------------------------------- hash
def _utf8(s: pd.Series) -> list:
    import pyarrow as pa

    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    return arr.cast(pa.large_binary()).to_pylist()


def _row_digests(df: pd.DataFrame, step: int = 5_000) -> list[tuple[str, bytes]]:
    out = []
    for at in range(0, len(df), step):  # slices keep the UTF-8 copies small
        part = df.iloc[at : at + step]
        dates = part["date"].dt.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
        cols = [part["doc_id"], part["outlet"], dates, part["title"], part["text"]]
        cols += [part["url"], part["lang"]]
        for values in zip(*(_utf8(_as_str(c)) for c in cols), strict=True):
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
    df : pandas.DataFrame
        Articles with the columns :data:`COLUMNS`.

    Returns
    -------
    str
        64 hex digits.

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["1.", "2."]})
    >>> df = validate(raw).articles
    >>> corpus_hash(df) == corpus_hash(df.iloc[::-1])
    True
    >>> corpus_hash(df) == corpus_hash(df.assign(text=["1.", "3."]))
    False
    """
    require_columns(df, COLUMNS, where="corpus_hash", hint="Load the table with load_corpus().")
    return _combine(_row_digests(df))


def _combine(digests: list[tuple[str, bytes]]) -> str:
    total = hashlib.sha256()
    for _, d in sorted(digests):
        total.update(d)
    return total.hexdigest()


# --------------------------------------------------------------------------- save
def save_corpus(
    df: pd.DataFrame,
    folder,
    *,
    name: str,
    description: str = "",
    provenance: dict | None = None,
    rejected: pd.DataFrame | None = None,
    overwrite: bool = False,
) -> Path:
    """Write an article table as a corpus folder.

    Writes ``articles.parquet``, ``corpus.yaml`` (name, description, provenance,
    counts read/kept/rejected, corpus_hash, kit_version) and, when ``rejected`` has
    rows, ``rejected.jsonl``. Raw inputs are never overwritten: writing into the folder
    the table was read from, or into a folder holding raw ``articles.jsonl``/``.csv``,
    is refused.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with the columns :data:`COLUMNS` (e.g. from :func:`load_corpus`).
    folder : str or Path
        Output folder (created).
    name, description : str
        Recorded in corpus.yaml.
    provenance : dict, optional
        Where the data came from and its licence.
    rejected : pandas.DataFrame, optional
        Rejected records (``ValidationResult.rejected``).
    overwrite : bool
        Replace an existing ``articles.parquet``.

    Returns
    -------
    Path
        The folder.

    Examples
    --------
    >>> import tempfile
    >>> raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."]})
    >>> out = save_corpus(validate(raw).articles, Path(tempfile.mkdtemp()) / "c", name="c")
    >>> sorted(p.name for p in out.iterdir())
    ['articles.parquet', 'corpus.yaml']
    >>> load_corpus(out).attrs["name"]
    'c'
    """
    require_columns(df, COLUMNS, where="save_corpus", hint="Load the table with load_corpus().")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _io.check_target(folder, df.attrs.get("source"), overwrite)
    n_rej = 0 if rejected is None else len(rejected)
    counts = {"read": len(df) + n_rej, "kept": len(df), "rejected": n_rej}
    plain = df.copy()
    plain.attrs = {}
    plain.to_parquet(folder / "articles.parquet", index=False)
    extra = []
    if n_rej:
        _io.write_jsonl(folder / "rejected.jsonl", rejected)
        extra.append("rejected")
    _io.write_meta(
        folder,
        name=name,
        description=description,
        provenance=provenance,
        counts=counts,
        digest=corpus_hash(df),
        extra=extra,
    )
    return folder


def import_corpus(
    src,
    out,
    *,
    name: str | None = None,
    description: str = "",
    provenance: dict | None = None,
    overwrite: bool = False,
    **options,
) -> ValidationResult:
    """Read, validate and normalise a source file into a new corpus folder, chunk by chunk.

    Memory stays bounded: chunks go to temporary Parquet parts that are merged into
    ``articles.parquet`` (a column whose type differs between chunks is stored as
    text). Writes ``corpus.yaml`` (counts, corpus_hash, the mapping used),
    ``rejected.jsonl`` and ``warnings.jsonl`` when not empty, and copies the source
    folder's ``outlets.yaml``.

    Parameters
    ----------
    src : str or Path
        Corpus folder or file (see :func:`load_corpus`).
    out : str or Path
        New corpus folder.
    name : str, optional
        Corpus name (default: the folder name of ``out``).
    description : str
        Recorded in corpus.yaml.
    provenance : dict, optional
        Extra provenance (licence, URL); the source path and mapping are added.
    overwrite : bool
        Replace an existing ``articles.parquet`` in ``out``.
    **options
        Passed to :func:`iter_corpus` (``mapping``, ``mode``, ``outlets``,
        ``encoding``, ``make_ids``, ``fix_mojibake``, ``chunksize``).

    Returns
    -------
    ValidationResult
        Counts for the whole import; ``articles`` is empty (the data is on disk),
        ``rejected`` and ``warnings`` are those written.

    Examples
    --------
    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "in.csv").write_text("id,src,body\\n1,X,One.\\n2,Y,\\n")
    >>> res = import_corpus(tmp / "in.csv", tmp / "out", mode="lenient",
    ...                     mapping={"doc_id": "id", "outlet": "src", "text": "body"})
    >>> res.counts()
    {'read': 2, 'kept': 1, 'rejected': 1, 'warnings': 0}
    >>> len(load_corpus(tmp / "out"))
    1
    """
    import tempfile

    file, config, folder = _io.resolve(src)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _io.check_target(out, file, overwrite)
    digests, rejected, warnings, read = [], [], [], 0
    with tempfile.TemporaryDirectory(dir=out, prefix=".parts-") as tmp:
        parts = []
        for i, res in enumerate(iter_corpus(src, **options)):
            read += res.read
            rejected.append(res.rejected)
            warnings.append(res.warnings)
            if len(res.articles):
                digests.extend(_row_digests(res.articles))
                part = Path(tmp) / f"{i:06d}.parquet"
                res.articles.to_parquet(part, index=False)
                parts.append(part)
            del res
        if parts:
            _io.merge_parts(parts, out / "articles.parquet")
        else:  # every record was rejected: still leave a (valid, empty) table
            _empty_result(file.name).articles.to_parquet(out / "articles.parquet", index=False)
    if folder is not None and (folder / "outlets.yaml").exists():
        shutil.copyfile(folder / "outlets.yaml", out / "outlets.yaml")
    total = _concat([_empty_result(file.name)], file.name)
    total.unit = "line" if file_format(file)[0] == "jsonl" else "row"
    total.rejected = pd.concat(rejected, ignore_index=True) if rejected else total.rejected
    total.warnings = pd.concat(warnings, ignore_index=True) if warnings else total.warnings
    total.read = read
    extra = []
    for key, frame in (("rejected", total.rejected), ("warnings", total.warnings)):
        if len(frame):
            _io.write_jsonl(out / f"{key}.jsonl", frame)
            extra.append(key)
    kept = len(digests)
    prov = {"source": str(file), **(provenance or {})}
    upstream = {k: config[k] for k in ("name", "licence", "license", "provenance") if k in config}
    if upstream:  # keep what the source corpus says about itself (licence, generator)
        prov["source_corpus"] = upstream
    mapping = {**(config.get("mapping") or {}), **(options.get("mapping") or {})}
    for key in ("mode", "encoding", "make_ids", "fix_mojibake"):
        if options.get(key):
            prov[key] = options[key]
    if mapping:
        prov["mapping"] = dict(mapping)
    counts = {"read": read, "kept": kept, "rejected": len(total.rejected)}
    _io.write_meta(
        out,
        name=name or out.name,
        description=description,
        provenance=prov,
        counts=counts,
        digest=_combine(digests),
        extra=extra,
    )
    total.on_disk = kept
    return total


# --------------------------------------------------------------------------- summary
def _word_counts(text: pd.Series) -> pd.Series:
    """Whitespace-separated tokens of normalised text (single spaces, ``\\n``, ``\\n\\n``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(_as_str(text), type=pa.large_string(), from_pandas=True)
    gaps = pc.add(pc.count_substring(arr, " "), pc.count_substring(arr, "\n"))
    gaps = pc.subtract(gaps, pc.count_substring(arr, "\n\n"))
    nonempty = pc.greater(pc.utf8_length(arr), 0)
    n = pc.if_else(nonempty, pc.add(gaps, 1), 0)
    return pd.Series(pc.fill_null(n, 0).to_numpy(), index=text.index, dtype="int64")


def _duplicated_texts(text: pd.Series) -> pd.Series:
    """Mask of texts that occur more than once (cheap key first, exact check after)."""
    key = pd.DataFrame(
        {"n": text.str.len(), "head": text.str.slice(0, 64), "tail": text.str.slice(-64)}
    )
    maybe = key.duplicated(keep=False).to_numpy()
    out = np.zeros(len(text), bool)
    if maybe.any():
        out[maybe] = text[maybe].duplicated(keep=False).to_numpy()
    return pd.Series(out, index=text.index)


def corpus_summary(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Describe an article table: size, outlets, months, duplicate texts.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with ``doc_id``, ``outlet``, ``date``, ``title``, ``text``; a
        ``topic`` column, when present, splits the month counts.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``overview`` (``measure``, ``value``): articles, outlets, words, first and last
        date, articles without a date, duplicate texts; ``outlets`` (``outlet``,
        ``articles``, ``words``, ``first``, ``last``); ``months`` (``outlet``,
        [``topic``,] ``month`` as ``YYYY-MM``, ``articles``); ``duplicates`` (one row
        per text that occurs more than once: ``articles``, ``outlets``, ``doc_ids``,
        ``title``) - e.g. wire stories reprinted by several outlets.

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"],
    ...                     "text": ["Same story.", "Same story.", "Other one here."],
    ...                     "date": ["2025-07-10", "2025-07-11", ""]})
    >>> s = corpus_summary(validate(raw).articles)
    >>> s["overview"].set_index("measure").loc["words", "value"]
    7
    >>> s["duplicates"][["articles", "outlets"]].values.tolist()
    [[2, 'X, Y']]
    """
    require_columns(
        df,
        ["doc_id", "outlet", "date", "title", "text"],
        where="corpus_summary",
        hint="Load the table with load_corpus().",
    )
    words = _word_counts(df["text"])
    dup_mask = _duplicated_texts(df["text"])
    overview = pd.DataFrame(
        [
            ("articles", len(df)),
            ("outlets", int(df["outlet"].nunique())),
            ("words", int(words.sum())),
            ("first date", df["date"].min()),
            ("last date", df["date"].max()),
            ("articles without date", int(df["date"].isna().sum())),
            (
                "articles whose text repeats another",
                int(df.loc[dup_mask, "text"].duplicated().sum()),
            ),
        ],
        columns=["measure", "value"],
    )
    frame = pd.DataFrame({"outlet": df["outlet"], "words": words, "date": df["date"]})
    outlets = (
        frame.groupby("outlet", sort=True)
        .agg(
            articles=("words", "size"),
            words=("words", "sum"),
            first=("date", "min"),
            last=("date", "max"),
        )
        .reset_index()
        .sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)
    )
    keys = ["outlet"] + (["topic"] if "topic" in df.columns else [])
    months = df[keys].assign(month=df["date"].dt.strftime("%Y-%m").fillna("no date"))
    months = months.fillna({"topic": "(none)"}) if "topic" in keys else months
    months = months.groupby([*keys, "month"]).size().rename("articles").reset_index()
    dups = df.loc[dup_mask, ["doc_id", "outlet", "title", "text"]]
    rows = []
    for _, g in dups.groupby("text", sort=False):
        ids = list(g["doc_id"])
        shown = ", ".join(ids[:5]) + (f", ... ({len(ids)})" if len(ids) > 5 else "")
        rows.append((len(g), ", ".join(sorted(set(g["outlet"]))), shown, g["title"].iat[0]))
    duplicates = pd.DataFrame(rows, columns=["articles", "outlets", "doc_ids", "title"])
    duplicates = duplicates.sort_values("articles", ascending=False, ignore_index=True)
    return {"overview": overview, "outlets": outlets, "months": months, "duplicates": duplicates}


def format_summary(summary: dict[str, pd.DataFrame], *, max_rows: int = 25) -> str:
    """Render :func:`corpus_summary` as plain text (what ``framing corpus info`` prints).

    Month counts are shown as an outlet x month table when the corpus spans at most
    18 months, else as outlet x year; topics (when present) as an outlet x topic table.

    Parameters
    ----------
    summary : dict of str to pandas.DataFrame
        From :func:`corpus_summary`.
    max_rows : int
        Rows shown per table; the rest are counted.

    Returns
    -------
    str

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One two."],
    ...                     "date": ["2025-07-10"]})
    >>> print(format_summary(corpus_summary(validate(raw).articles)).splitlines()[2])
    words                                2
    """

    def table(frame: pd.DataFrame, title: str) -> str:
        more = len(frame) - max_rows
        text = frame.head(max_rows).to_string()
        if more > 0:
            text += f"\n... {more} more rows"
        return f"{title}\n{text}\n"

    def fmt(v):
        return v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else v

    out = []
    ov = summary["overview"]
    width = max(len(m) for m in ov["measure"])
    out.append(
        "\n".join(
            f"{m:<{width}}  {fmt(v)}" for m, v in zip(ov["measure"], ov["value"], strict=True)
        )
        + "\n"
    )
    outlets = summary["outlets"].copy()
    for col in ("first", "last"):
        outlets[col] = outlets[col].dt.strftime("%Y-%m-%d")
    out.append(table(outlets.set_index("outlet"), "Articles per outlet"))
    months = summary["months"]
    order = list(summary["outlets"]["outlet"])
    dated = months[months["month"] != "no date"]
    by = "month" if dated["month"].nunique() <= 18 else "year"
    col = dated["month"] if by == "month" else dated["month"].str[:4]
    keys = ["outlet", "topic"] if "topic" in months.columns else ["outlet"]
    grid = dated.assign(period=col).pivot_table(
        index=keys, columns="period", values="articles", aggfunc="sum", fill_value=0
    )
    rank = {o: i for i, o in enumerate(order)}
    grid = grid.sort_index(key=lambda idx: idx.map(rank) if idx.name == "outlet" else idx)
    out.append(table(grid, f"Articles per {' x '.join(keys)} and {by}"))
    if "topic" in months.columns:
        topics = months.pivot_table(
            index="outlet", columns="topic", values="articles", aggfunc="sum", fill_value=0
        )
        topics = topics.reindex([o for o in order if o in topics.index])
        if topics.shape[1] > 12:
            top = months.groupby("topic")["articles"].sum().nlargest(12).index
            topics = topics[list(top)]
            title = "Articles per outlet and topic (12 largest topics)"
        else:
            title = "Articles per outlet and topic"
        out.append(table(topics, title))
    dups = summary["duplicates"]
    if len(dups):
        out.append(table(dups, f"Texts that occur more than once ({len(dups)})"))
    else:
        out.append("No text occurs more than once.\n")
    return "\n".join(out)


def format_validation(result: ValidationResult, *, max_rows: int = 10) -> str:
    """Render a :class:`ValidationResult` as plain text (what ``framing corpus validate`` prints).

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["a", "a"], "outlet": ["X", "X"], "text": ["1.", "2."]})
    >>> print(format_validation(validate(raw, mode="lenient")))
    <table>: read 2, kept 1, rejected 1, warnings 0
    Rejected by field: doc_id 1
      row 2  doc_id 'a' duplicates row 1
    """
    c = result.counts()
    lines = [
        f"{result.source}: read {c['read']}, kept {c['kept']}, rejected {c['rejected']}, warnings {c['warnings']}"
    ]
    unit = result.unit
    for label, frame in (("Rejected", result.rejected), ("Warnings", result.warnings)):
        if not len(frame):
            continue
        by = frame["field"].fillna("(line)").value_counts()
        lines.append(f"{label} by field: " + ", ".join(f"{k} {v}" for k, v in by.items()))
        for ln, reason in zip(
            frame["line"].head(max_rows), frame["reason"].head(max_rows), strict=True
        ):
            lines.append(f"  {unit} {ln}  {reason}")
        if len(frame) > max_rows:
            lines.append(f"  ... {len(frame) - max_rows} more")
    return "\n".join(lines)


_ROOT_MARKERS = ("corpora", "reports/reports.yaml")


def project_root(start=None) -> Path:
    """The project folder: the nearest folder at or above ``start`` holding ``corpora/``
    or ``reports/reports.yaml``.

    Notebooks run with the project root as working directory under ``framing report``
    but with ``notebooks/`` in JupyterLab; paths such as ``corpora/demo`` are written
    relative to the project root, and this finds it from either place.

    Parameters
    ----------
    start : str or Path, optional
        Where to start looking (default: the working directory).

    Returns
    -------
    pathlib.Path
        The absolute project folder; ``start`` itself when no folder above it has a
        marker.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()).resolve()
    >>> (root / "corpora").mkdir(); (root / "notebooks").mkdir()
    >>> project_root(root / "notebooks") == root
    True
    """
    here = Path.cwd() if start is None else Path(start)
    here = here.resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _ROOT_MARKERS):
            return folder
    return here


def resolve_path(path, *, start=None) -> Path:
    """Resolve a path written relative to the project root (see :func:`project_root`).

    Parameters
    ----------
    path : str or Path
        An absolute path (returned as it is) or one relative to the project root,
        e.g. ``"corpora/demo"``. It need not exist (e.g. an output folder).
    start : str or Path, optional
        Where to start looking for the project root (default: the working directory).

    Returns
    -------
    pathlib.Path
        An absolute path.

    Raises
    ------
    CorpusError
        When ``path`` is empty.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()).resolve()
    >>> (root / "corpora").mkdir(); (root / "notebooks").mkdir()
    >>> resolve_path("corpora/demo", start=root / "notebooks") == root / "corpora" / "demo"
    True
    """
    if path is None or str(path).strip() == "":
        raise CorpusError(
            "resolve_path: the path is empty. Give a path relative to the project root, "
            "e.g. 'corpora/demo'.",
            value=path,
        )
    path = Path(path).expanduser()
    if path.is_absolute():
        return path
    return project_root(start) / path


def _day(value, name: str, *, end: bool):
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        ts = pd.Timestamp(datetime.fromisoformat(text))
    except ValueError as exc:
        raise CorpusError(
            f"subset: {name}={text!r} is not a date. Write it as YYYY-MM-DD (or '' for no limit).",
            field=name,
            value=value,
        ) from exc
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and len(text) <= 10:  # a day without a time: include the whole day
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
    return ts


def subset(df: pd.DataFrame, *, outlets=None, start=None, end=None) -> pd.DataFrame:
    """Keep the articles of some outlets and of a date range (the notebooks' filters).

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with ``outlet`` and ``date`` (datetime64, UTC).
    outlets : list of str, optional
        Canonical outlet names to keep; ``None`` or empty keeps every outlet.
    start, end : str, optional
        First and last day kept, ISO dates (``"2025-07-01"``; a day given without a
        time includes all of it); ``None`` or ``""`` means no limit. When a limit is
        given, articles without a date are left out (they cannot be placed in the
        range) and counted.

    Returns
    -------
    pandas.DataFrame
        The kept rows (original index and ``attrs``); ``attrs["subset"]`` records
        ``outlets``, ``start``, ``end``, ``read``, ``kept``, ``outside`` (other outlet
        or outside the range) and ``no_date`` (left out for want of a date).

    Raises
    ------
    ColumnsError
        ``outlet`` or ``date`` is missing.
    CorpusError
        An outlet is not in the table (the message lists those present), or a date
        does not parse.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "B", "A"], "date": pd.to_datetime(
    ...     ["2025-07-01T00:00Z", "2025-07-31T20:00Z", None], utc=True)})
    >>> out = subset(df, end="2025-07-31")
    >>> len(out), out.attrs["subset"]["no_date"]
    (2, 1)
    >>> len(subset(df, outlets=["A"]))
    2
    """
    require_columns(df, ["outlet", "date"], where="subset",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    outlets = [str(o) for o in (outlets or [])]
    present = sorted(df["outlet"].dropna().astype(str).unique())
    unknown = [o for o in outlets if o not in present]
    if unknown:
        raise CorpusError(
            f"subset: outlet(s) {unknown} not in the corpus (outlets present: {present}). "
            "Use canonical names from outlets.yaml.",
            field="outlet",
            value=unknown,
        )
    lo, hi = _day(start, "start", end=False), _day(end, "end", end=True)
    keep = df["outlet"].isin(outlets).to_numpy() if outlets else np.ones(len(df), bool)
    dated = df["date"].notna().to_numpy()
    in_range = np.ones(len(df), bool)
    if lo is not None:
        in_range &= (df["date"] >= lo).fillna(False).to_numpy(bool)
    if hi is not None:
        in_range &= (df["date"] <= hi).fillna(False).to_numpy(bool)
    limited = lo is not None or hi is not None
    no_date = keep & ~dated if limited else np.zeros(len(df), bool)
    out = df.loc[keep & in_range].copy()
    out.attrs = {**df.attrs}
    out.attrs["subset"] = {
        "outlets": outlets,
        "start": "" if lo is None else str(start),
        "end": "" if hi is None else str(end),
        "read": int(len(df)),
        "kept": int(len(out)),
        "outside": int(len(df) - len(out) - no_date.sum()),
        "no_date": int(no_date.sum()),
    }
    return out
