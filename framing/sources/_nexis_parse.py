"""Parsing of one Nexis Uni export (private module; see :mod:`framing.sources.nexis`).

Holds the format knowledge :func:`framing.sources.nexis.read_nexis` uses: the paragraphs
of a ``.docx``, splitting an export at ``End of Document``, one document's title,
publication, date line, header fields, body and trailer, the date-line parser
(:func:`parse_date_line`) and the typed metadata (length, load date, language). The
layout and the decisions (what is rejected, how dates become UTC, the metadata columns)
are described in :mod:`framing.sources.nexis`, where the public names are reached
(``read_nexis``; ``parse_date_line`` is importable from there too).

The format knowledge follows the documentation of the R package LexisNexisTools:
Gruber, J. B. (2021). LexisNexisTools: an R package for working with newspaper data
from LexisNexis (https://github.com/JBGruber/LexisNexisTools); the code is the kit's own.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib

from framing._shared.dates import MONTHS, WEEKDAYS, ZONES

__all__ = ["parse_date_line", "MAX_DOCX_XML"]

#: Largest unpacked ``word/document.xml`` read from a .docx (a Nexis export of a few
#: hundred documents is a few MiB; a zip bomb is refused before it fills memory).
MAX_DOCX_XML = 64 * 2**20

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
_MONTHS, _WEEKDAYS, _ZONES = MONTHS, WEEKDAYS, ZONES  # hours from UTC, US/UK use
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


class BadRecord(Exception):
    """A document (or file) the reader sets aside: field, reason, value, fix."""

    def __init__(self, field, reason, value=None, fix=""):
        super().__init__(reason)
        self.field, self.reason, self.value, self.fix = field, reason, value, fix


def parse_date_line(line: str) -> tuple[str, str, str | None]:
    """Parse a Nexis date line; return (ISO date in UTC, precision, note); raise ValueError.

    Examples
    --------
    >>> parse_date_line("July 10, 2025 Thursday 12:01 AM EST")
    ('2025-07-10T05:01:00+00:00', 'minute', None)
    >>> parse_date_line("July 2025")
    ('2025-07-01T00:00:00+00:00', 'month', None)
    """
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


def docx_lines(data: bytes) -> list[tuple[str, int]]:
    """The paragraphs of a .docx as (text, paragraph number); raise BadRecord."""
    import io
    import xml.etree.ElementTree as ET

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadRecord(
            "file", "not a .docx (not a zip archive)", fix="re-download the export"
        ) from None
    try:
        with archive, archive.open("word/document.xml") as fh:
            xml = fh.read(MAX_DOCX_XML + 1)  # bounded, whatever the zip claims
    except KeyError:
        raise BadRecord(
            "file", "a zip without word/document.xml, not a Word file", fix=""
        ) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise BadRecord(
            "file",
            f"the .docx is damaged ({type(exc).__name__}: {exc})",
            fix="re-download the export",
        ) from None
    if len(xml) > MAX_DOCX_XML:
        raise BadRecord(
            "file",
            f"word/document.xml is larger than {MAX_DOCX_XML // 2**20} MiB unpacked (a zip "
            "bomb, or an export too large to read at once)",
            fix="export fewer documents per file",
        )
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise BadRecord("file", f"word/document.xml is not valid XML ({exc})", fix="") from None
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


def split_segments(lines):
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


def parse_document(seg, loc: str, first: bool) -> dict:
    """One document's lines -> record fields; raise BadRecord."""
    body_at = next((i for i, (t, _) in enumerate(seg) if t.strip().lower() == "body"), None)
    head = [(t.strip(), p) for t, p in seg[:body_at] if t.strip()]
    if first and head and head[0][0].lower().startswith(_COVER):
        # a cover page: the document starts two lines above the first date line
        dates = [i for i, (t, _) in enumerate(head) if i >= 2 and _is_date(t)]
        head = head[dates[0] - 2 :] if dates else head
    if len(head) >= 2 and _is_date(head[1][0]):
        raise BadRecord(
            "outlet",
            f"{loc}: the second line {head[1][0]!r} is a date; expected the publication "
            f"between the title {head[0][0]!r} and the date line",
            head[1][0],
            "add the publication line in the export",
        )
    if len(head) < 3:
        found = " / ".join(t for t, _ in head) or "nothing"
        raise BadRecord(
            "date",
            f"{loc}: expected a title, a publication and a date line, found {found!r}",
            found,
            "check that the export is a Nexis Uni document list (title, publication, date)",
        )
    (title, _), (publication, _), (date_line, _) = head[:3]
    try:
        date, precision, note = parse_date_line(date_line)
    except ValueError:
        raise BadRecord(
            "date",
            f"{loc}: third line {date_line!r} is not a date line like 'July 10, 2025 Thursday'",
            date_line,
            "fix or add the date line in the export",
        ) from None
    if body_at is None:
        raise BadRecord(
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
        raise BadRecord("text", f"{loc}: the body is empty (title {title!r})", title, "drop it")
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


def finish_record(rec: dict) -> str | None:
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
