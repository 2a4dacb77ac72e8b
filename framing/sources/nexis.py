"""LexisNexis / Nexis Uni exports: plain-text (``.txt``) and Word (``.docx``) files.

A Nexis Uni export holds several documents, each laid out as::

    Envoys resume talks in Geneva                 <- title (first non-empty line)
    The Harbor Courier                            <- publication (next line)
    July 10, 2025 Thursday 12:01 AM EST           <- date line (next line)
    Copyright 2025 Harbor Courier Ltd.            <- header fields (all optional)
    Section: WORLD; Pg. 4
    Length: 812 words
    Byline: Jane Roe
    Body
    The text, paragraph by paragraph ...
    Classification                                <- trailer (all optional)
    Language: ENGLISH
    Load-Date: July 11, 2025
    End of Document

A ``.docx`` export has the same lines as paragraphs of ``word/document.xml`` (read with
:mod:`zipfile` and :mod:`xml.etree.ElementTree`); a cover page before the first document
(``User Name:``, ``Job Number:``, ``Search Terms:`` ...) is skipped. The format knowledge
follows the documentation of the R package LexisNexisTools: Gruber, J. B. (2021).
LexisNexisTools: an R package for working with newspaper data from LexisNexis
(https://github.com/JBGruber/LexisNexisTools); the code is the kit's own.

Decisions:

* ``doc_id`` is ``<file>#<n>``: the file's path relative to the folder given (its name
  when a file is given) and the document's 1-based position in it. Stable across runs.
* Items are documents, numbered across all files in sorted path order. A file that cannot
  be read at all (bad encoding, a ``.docx`` that is not a zip) or holds no document is one
  rejected item. Rejected reasons start with ``<file> line N`` (``paragraph N`` in a
  ``.docx``): where the document starts.
* Rejected: no ``Body`` line, an empty body, no title/publication/date line, a date line
  that does not parse, a document cut off before ``End of Document`` (a truncated
  download), and (``duplicates="reject"``) an exact copy of an earlier document (same
  publication, date line, title and body; overlapping downloads). The first copy is kept.
* The date: ``Month D, YYYY [Weekday] [h:mm AM|PM [ZONE]]`` (also ``D Month YYYY``,
  ``Weekday, Month D, YYYY`` and month-only ``Month YYYY``). With a time and a known zone
  (``EST``, ``GMT``, ``UTC+2`` ...) it becomes that instant in UTC
  (``date_precision="minute"``); without a time, or with an unknown zone, it is the
  printed day at 00:00 UTC (``"day"``); month-only dates are the 1st (``"month"``). The
  line as printed is kept in ``date_line``. A weekday that does not match the date keeps
  the date and adds a warning.
* ``Length: N words`` is checked against the body's word count (whitespace-separated):
  when they differ by more than half of ``N`` and by at least 25 words the document is
  kept, its ``length_note`` column says so and a warning row is added (Nexis counts
  differently from us, and a short body is often a partial text the researcher may still
  want; so this notes, it does not reject).
* Metadata columns: ``publication`` (the line as printed; ``outlet`` is its canonical name
  through ``outlets.yaml`` aliases), ``date_line``, ``date_precision``, header fields
  (``copyright``, ``section``, ``length_words``, ``byline``, ``dateline``, ``highlight``
  ...), trailer fields (``language``, ``load_date`` as ``YYYY-MM-DD`` when it parses,
  ``publication_type``, ``subject``, ``geographic`` ...), ``graphic``, ``notes``,
  ``body_words``, ``length_note``, ``source_file``, ``source_line`` and ``source_item``.
  ``lang`` is the ISO 639-1 code of a known ``Language:`` name, else the default ``en``.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pandas as pd

from framing.corpus import ValidationResult
from framing.errors import CorpusError
from framing.sources._result import finish, problem

__all__ = ["read_nexis", "SUFFIXES"]

#: File suffixes read as Nexis exports (case-insensitive).
SUFFIXES = (".txt", ".docx")
_END = "end of document"
_COVER = ("user name:", "date and time:", "job number:", "documents (", "client/matter:")
_SECTIONS = {"classification": None, "graphic": "graphic", "notes": "notes"}
_TRAILER_START = re.compile(r"^(Load-Date|Language|Publication-Type):\s", re.I)
_TRAILER_FIELD = re.compile(
    r"^(Load-Date|Language|Publication-Type|Document-Type|Journal-Code|Subject|Geographic"
    r"|Company|Organization|Person|Industry|Ticker|City|State|Country|Terms|URL):\s",
    re.I,
)
_FIELD = re.compile(r"^([A-Z][A-Za-z/-]{1,30}(?: [A-Za-z-]{2,15})?):\s*(.*)$")
_MONTH_NAMES = "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
_MONTH_NAMES += "|sep sept september|oct october|nov november|dec december"
_MONTHS = {m: i for i, ms in enumerate(_MONTH_NAMES.split("|"), start=1) for m in ms.split()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WD = "|".join(_WEEKDAYS)
_DATE = re.compile(
    rf"^(?:(?P<wd1>{_WD}),?\s+)?"
    rf"(?:(?P<m1>{_MON})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_MON})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MON})\.?,?\s+(?P<y3>\d{{4}}))"
    rf"(?:,?\s+(?P<wd2>{_WD}))?"
    r"(?:,?\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?\s*(?P<ap>[ap]\.?m\.?)?"
    r"(?:\s+(?P<zone>[a-z]{1,5})(?P<off>[+-]\d{1,2}(?::?\d{2})?)?)?)?\s*$",
    re.I,
)
_ZONES = {  # hours from UTC; ambiguous abbreviations (IST, CST in Asia) follow US/UK use
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "wet": 0, "west": 1, "cet": 1, "cest": 2,
    "eet": 2, "eest": 3, "msk": 3, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
    "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10, "ast": -4,
    "adt": -3, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11,
    "awst": 8, "nzst": 12, "nzdt": 13,
}  # fmt: skip
_LANGS = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
    "dutch": "nl", "portuguese": "pt", "russian": "ru", "chinese": "zh", "japanese": "ja",
    "korean": "ko", "arabic": "ar", "polish": "pl", "swedish": "sv", "danish": "da",
    "norwegian": "no", "finnish": "fi", "turkish": "tr", "ukrainian": "uk", "greek": "el",
    "czech": "cs", "hungarian": "hu", "romanian": "ro", "indonesian": "id",
    "vietnamese": "vi", "hebrew": "he", "malay": "ms", "thai": "th", "hindi": "hi",
}  # fmt: skip
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class _Bad(Exception):
    """A document (or file) the reader sets aside: field, reason, value, fix."""

    def __init__(self, field, reason, value=None, fix=""):
        super().__init__(reason)
        self.field, self.reason, self.value, self.fix = field, reason, value, fix


def parse_date_line(line: str) -> tuple[str, str, str | None]:
    """Parse a Nexis date line; return (ISO date in UTC, precision, note); raise ValueError."""
    m = _DATE.match(" ".join(line.replace("\u00a0", " ").split()))
    if not m:
        raise ValueError("not a date line")
    g = m.groupdict()
    month = _MONTHS[(g["m1"] or g["m2"] or g["m3"]).lower()]
    year = int(g["y1"] or g["y2"] or g["y3"])
    day = int(g["d1"] or g["d2"] or 1)
    when = dt.datetime(year, month, day, tzinfo=dt.UTC)  # ValueError for July 32
    precision = "month" if g["m3"] else "day"
    note = None
    weekday = (g["wd1"] or g["wd2"] or "").lower()
    if weekday and precision == "day" and _WEEKDAYS[when.weekday()] != weekday:
        note = f"weekday {weekday.title()} does not match {when:%Y-%m-%d} (a {when:%A})"
    if g["h"] and precision == "day" and g["zone"] and g["zone"].lower() in _ZONES:
        hour, minute = int(g["h"]), int(g["mi"])
        if g["ap"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"hour {hour} with AM/PM")
            hour = hour % 12 + (12 if g["ap"].lower().startswith("p") else 0)
        offset = float(_ZONES[g["zone"].lower()])
        if g["off"]:
            sign = -1 if g["off"][0] == "-" else 1
            hh, _, mm = g["off"][1:].partition(":")
            if not mm and len(hh) > 2:
                hh, mm = hh[:-2], hh[-2:]
            offset += sign * (int(hh) + int(mm or 0) / 60)
        local = when.replace(hour=hour, minute=minute)  # ValueError for 25:00
        when, precision = local - dt.timedelta(hours=offset), "minute"
    return when.isoformat(), precision, note


def _docx_lines(data: bytes) -> list[tuple[str, int]]:
    """The paragraphs of a .docx as (text, paragraph number); raise _Bad."""
    import io
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
    except zipfile.BadZipFile:
        raise _Bad(
            "file", "not a .docx (not a zip archive)", fix="re-download the export"
        ) from None
    except KeyError:
        raise _Bad("file", "a zip without word/document.xml, not a Word file", fix="") from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise _Bad("file", f"word/document.xml is not valid XML ({exc})", fix="") from None
    out: list[tuple[str, int]] = []
    count = [0]  # paragraphs seen

    def text_of(el, parts):
        for child in el:
            if child.tag == _FALLBACK:
                continue
            if child.tag == _W + "t":
                parts.append(child.text or "")
            elif child.tag == _W + "tab":
                parts.append("\t")
            elif child.tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif child.tag != _W + "p":
                text_of(child, parts)

    def walk(el):
        for child in el:
            if child.tag == _FALLBACK:
                continue
            if child.tag == _W + "p":
                parts: list[str] = []
                text_of(child, parts)
                count[0] += 1
                out.extend((line, count[0]) for line in "".join(parts).split("\n"))
            else:
                walk(child)

    walk(root)
    return out


def _segments(lines):
    """Split (text, pos) lines at ``End of Document``: yield (lines, complete)."""
    current: list[tuple[str, int]] = []
    for text, pos in lines:
        if text.strip().lower() == _END:
            if any(t.strip() for t, _ in current):
                yield current, True
            current = []
        else:
            current.append((text, pos))
    if any(t.strip() for t, _ in current):
        yield current, False


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


_RESERVED = {
    "doc_id", "outlet", "date", "title", "text", "lang", "publication", "date_line",
    "date_precision", "body_words", "length_note", "length_words", "length_raw",
    "duplicate_of", "source_file", "source_line", "source_item", "line", "item",
}  # fmt: skip


def _fields(lines, into: dict) -> None:
    """``Key: value`` lines into ``into`` (snake_case keys); other lines continue the last.

    A key that would overwrite an article column is prefixed ``nexis_``; ``URL:`` fills
    ``url``.
    """
    last = None
    for text in lines:
        m = _FIELD.match(text)
        if text.lower().startswith("copyright"):
            last = "copyright"
            into[last] = text
        elif m:
            last = _key(m.group(1))
            last = f"nexis_{last}" if last in _RESERVED else last
            into[last] = (into[last] + "; " if last in into else "") + m.group(2).strip()
        else:
            last = last or "header_notes"
            into[last] = (into.get(last, "") + " " + text).strip()


def _parse_document(seg, loc: str, first: bool) -> dict:
    """One document's lines -> record fields; raise _Bad."""
    body_at = next((i for i, (t, _) in enumerate(seg) if t.strip().lower() == "body"), None)
    head = [(t.strip(), p) for t, p in seg[:body_at] if t.strip()]
    if first and head and head[0][0].lower().startswith(_COVER):
        # a cover page: the document starts two lines above the first date line
        dates = [i for i, (t, _) in enumerate(head) if i >= 2 and _is_date(t)]
        head = head[dates[0] - 2 :] if dates else head
    if len(head) >= 2 and _is_date(head[1][0]):
        raise _Bad(
            "outlet",
            f"{loc}: the second line {head[1][0]!r} is a date; expected the publication "
            f"between the title {head[0][0]!r} and the date line",
            head[1][0],
            "add the publication line in the export",
        )
    if len(head) < 3:
        found = " / ".join(t for t, _ in head) or "nothing"
        raise _Bad(
            "date",
            f"{loc}: expected a title, a publication and a date line, found {found!r}",
            found,
            "check that the export is a Nexis Uni document list (title, publication, date)",
        )
    (title, _), (publication, _), (date_line, _) = head[:3]
    try:
        date, precision, note = parse_date_line(date_line)
    except ValueError:
        raise _Bad(
            "date",
            f"{loc}: third line {date_line!r} is not a date line like 'July 10, 2025 Thursday'",
            date_line,
            "fix or add the date line in the export",
        ) from None
    if body_at is None:
        raise _Bad(
            "text",
            f"{loc}: no 'Body' line, so no article text (title {title!r})",
            title,
            "export the documents with their full text",
        )
    rec: dict = {"title": title, "publication": publication, "date": date}
    rec.update(date_line=date_line, date_precision=precision, _date_note=note)
    _fields([t for t, _ in head[3:]], rec)
    body, tail = [], []
    for t, _ in seg[body_at + 1 :]:
        s = t.strip()
        if not tail and (s.lower() in _SECTIONS or _TRAILER_START.match(s)):
            tail.append(s)
        elif tail:
            tail.append(s)
        elif s:
            body.append(s)
    if not body:
        raise _Bad("text", f"{loc}: the body is empty (title {title!r})", title, "drop it")
    rec["text"] = "\n\n".join(body)
    section, extra = None, {}
    for s in tail:
        if s.lower() in _SECTIONS:
            section = _SECTIONS[s.lower()]
        elif s and section and not _TRAILER_FIELD.match(s):
            extra[section] = (extra.get(section, "") + "\n\n" + s).strip()
        elif s:
            section = None
            _fields([s], extra)
    rec.update(extra)
    return rec


def _is_date(text: str) -> bool:
    try:
        parse_date_line(text)
    except ValueError:
        return False
    return True


def _finish_record(rec: dict) -> str | None:
    """Typed metadata (length, load date, language); return a length note or None."""
    rec["body_words"] = len(rec["text"].split())
    note = None
    m = re.match(r"^\s*([\d,]+)\s*words?\b", str(rec.get("length", "")), re.I)
    if "length" in rec:
        rec["length_words"] = int(m.group(1).replace(",", "")) if m else None
        if not m:
            rec["length_raw"] = rec["length"]
        del rec["length"]
    declared = rec.get("length_words")
    if declared:
        gap = abs(rec["body_words"] - declared)
        if gap > declared / 2 and gap >= 25:
            note = f"body has {rec['body_words']} words, 'Length:' says {declared}"
    rec["length_note"] = note
    if "load_date" in rec:
        try:
            rec["load_date"] = parse_date_line(rec["load_date"])[0][:10]
        except ValueError:
            pass
    if "language" in rec:
        code = _LANGS.get(rec["language"].strip().lower())
        if code:
            rec["lang"] = code
    return note


def _read_lines(path: Path, encoding: str):
    data = path.read_bytes()
    if path.suffix.lower() == ".docx":
        return _docx_lines(data), "paragraph"
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Bad(
            "text",
            f"bytes {data[exc.start : exc.end]!r} at byte offset {exc.start} are not {encoding}",
            None,
            "pass encoding='cp1252' (--encoding) or re-export as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [(t, i) for i, t in enumerate(text.split("\n"), start=1)], "line"


def read_nexis(
    path,
    *,
    mode: str = "strict",
    outlets=None,
    encoding: str = "utf-8",
    duplicates: str = "reject",
) -> ValidationResult:
    """Read LexisNexis / Nexis Uni exports (``.txt``, ``.docx``) as a validated corpus.

    Parameters
    ----------
    path : str or Path
        An export file, or a folder searched recursively for ``.txt``/``.docx`` files
        (read in sorted path order; Word lock files ``~$...`` are skipped).
    mode : {"strict", "lenient"}
        Strict raises on the first problem; lenient sets problem documents aside in
        ``.rejected``.
    outlets : str, Path or DataFrame, optional
        ``outlets.yaml`` whose names and aliases map publication lines to outlet names.
    encoding : str
        Encoding of ``.txt`` exports (a UTF-8 byte-order mark is dropped).
    duplicates : {"reject", "keep"}
        Exact copies of an earlier document (same publication, date line, title, body):
        rejected, or kept with ``duplicate_of`` naming the first.

    Returns
    -------
    ValidationResult
        ``.articles``: ``doc_id, outlet, date, title, text, url, lang`` plus the metadata
        columns listed in the module notes. ``.rejected``: ``line`` (document number
        across files), ``item`` (``<file>#<n>`` or the file), ``field``, ``reason``
        (starting ``<file> line N``), ``value``, ``record``, ``stage``. ``.warnings``
        adds length mismatches and wrong weekdays (``line`` = document number).
        ``read == kept + n_rejected``.

    Raises
    ------
    CorpusError
        ``path`` does not exist or holds no export; bad ``duplicates``; strict mode: the
        first problem document, with ``path`` (the file), ``line`` (where the document
        starts), ``field``, ``value`` and ``doc_id``.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "export.txt"
    >>> _ = f.write_text("Talks resume\\nThe Harbor Courier\\nJuly 10, 2025 Thursday\\n"
    ...                  "Length: 3 words\\nBody\\nEnvoys met again.\\nEnd of Document\\n")
    >>> res = read_nexis(f)
    >>> res.articles[["doc_id", "outlet", "length_words"]].values.tolist()
    [['export.txt#1', 'The Harbor Courier', 3]]
    >>> str(res.articles.loc[0, "date"])
    '2025-07-10 00:00:00+00:00'
    """
    if duplicates not in ("reject", "keep"):
        raise CorpusError(
            f"duplicates must be 'reject' or 'keep', not {duplicates!r}.",
            field="duplicates",
            value=duplicates,
        )
    root = Path(path)
    if root.is_dir():
        files = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("~$")
        )
        names = [p.relative_to(root).as_posix() for p in files]
    elif root.is_file():
        files, names = [root], [root.name]
    else:
        raise CorpusError(
            f"{root}: no such file or folder; pass a Nexis export (.txt/.docx) or a folder of them.",
            path=str(root),
            value=str(root),
        )
    if not files:
        raise CorpusError(
            f"{root}: no .txt or .docx files found (searched sub-folders too).",
            path=str(root),
            value=None,
        )
    from framing.sources.html import outlet_resolver

    resolve = outlet_resolver(outlets)
    records, problems, warnings, seen, where = [], [], [], {}, {}
    n = 0

    def reject(bad, item, name, pos, record):
        fix = f"; {bad.fix}" if bad.fix else ""
        where[item] = (name, pos)
        problems.append(
            problem(
                n, item, bad.reason + fix, stage="nexis", field=bad.field, value=bad.value,
                doc_id=item if "#" in item else None, record=record, file_line=pos,
            )
        )  # fmt: skip

    for file, name in zip(files, names, strict=True):
        if mode == "strict" and problems:
            break  # the first problem is what strict mode reports; skip the other files
        try:
            lines, unit = _read_lines(file, encoding)
        except _Bad as bad:
            n += 1
            bad.reason = f"{name}: {bad.reason}"
            reject(bad, name, name, None, {"file": name})
            continue
        segs = list(_segments(lines))
        if not segs:
            n += 1
            reject(_Bad("text", f"{name}: no documents in the file"), name, name, None, None)
            continue
        for k, (seg, complete) in enumerate(segs, start=1):
            n += 1
            doc_id = f"{name}#{k}"
            first_text, start = next((t.strip(), p) for t, p in seg if t.strip())
            loc = f"{name} {unit} {start}"
            record = {"file": name, unit: start, "first_line": first_text[:200]}
            try:
                if not complete:
                    hint = ""
                    if any(re.match(r"^\s*\d+ of \d+ documents\s*$", t, re.I) for t, _ in seg):
                        hint = " (this looks like an old LexisNexis Academic export, not read)"
                    raise _Bad(
                        "text",
                        f"{loc}: truncated, no 'End of Document' before the end of the file{hint}",
                        record["first_line"],
                        "download the export again (the file was cut off)",
                    )
                rec = _parse_document(seg, loc, first=k == 1)
            except _Bad as bad:
                reject(bad, doc_id, name, start, record)
                continue
            key = (rec["publication"], rec["date_line"], rec["title"], rec["text"])
            if key in seen and duplicates == "reject":
                bad = _Bad(
                    "text",
                    f"{loc}: duplicate of {seen[key]} (same publication, date, title and text)",
                    seen[key],
                    "the first copy is kept; pass duplicates='keep' (--keep-duplicates) to keep both",
                )
                reject(bad, doc_id, name, start, record)
                continue
            if duplicates == "keep":
                rec["duplicate_of"] = seen.get(key)
            seen.setdefault(key, doc_id)
            date_note = rec.pop("_date_note")
            length_note = _finish_record(rec)
            for field, note in (("date", date_note), ("text", length_note)):
                if note:
                    warnings.append((n, doc_id, field, f"{loc}: {note}", None))
            rec.update(doc_id=doc_id, outlet=resolve(rec["publication"], None))
            rec.update(source_file=name, source_line=start, line=n, item=doc_id)
            where[doc_id] = (name, start)
            records.append(rec)
    try:
        res = finish(records, problems, read=n, mode=mode, source=root.name)
    except CorpusError as exc:
        raise _located(exc, where, root) from None
    if len(res.warnings):  # validation numbers kept records; use document numbers
        number = {r["doc_id"]: r["line"] for r in records}
        res.warnings["line"] = res.warnings["doc_id"].map(number).astype("int64")
    if warnings:
        own = pd.DataFrame(warnings, columns=["line", "doc_id", "field", "reason", "value"])
        frames = [f for f in (res.warnings, own) if len(f)]
        res.warnings = pd.concat(frames, ignore_index=True)
    return res


def _located(exc: CorpusError, where: dict, root: Path) -> CorpusError:
    """The strict-mode error with ``path`` = the export file and ``line`` where the document starts."""
    item = getattr(exc, "path", None)
    if item not in where:
        return exc
    name, pos = where[item]
    base = root if root.is_dir() else root.parent
    context = {**exc.context, "path": str(base / name), "line": pos, "doc_id": item}
    return CorpusError(str(exc), **context)
