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

import re
from pathlib import Path

import pandas as pd

from framing.corpus import ValidationResult
from framing.errors import CorpusError
from framing.sources._nexis_parse import (
    BadRecord,
    docx_lines,
    finish_record,
    parse_date_line,  # noqa: F401  (re-exported: imported from here by tests)
    parse_document,
    split_segments,
)
from framing.sources._result import finish, problem

__all__ = ["read_nexis", "SUFFIXES"]

#: File suffixes read as Nexis exports (case-insensitive).
SUFFIXES = (".txt", ".docx")


def _read_lines(path: Path, encoding: str):
    data = path.read_bytes()
    if path.suffix.lower() == ".docx":
        return docx_lines(data), "paragraph"
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadRecord(
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
    from framing.corpus import outlet_resolver

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
        except BadRecord as bad:
            n += 1
            bad.reason = f"{name}: {bad.reason}"
            reject(bad, name, name, None, {"file": name})
            continue
        segs = list(split_segments(lines))
        if not segs:
            n += 1
            reject(BadRecord("text", f"{name}: no documents in the file"), name, name, None, None)
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
                    raise BadRecord(
                        "text",
                        f"{loc}: truncated, no 'End of Document' before the end of the file{hint}",
                        record["first_line"],
                        "download the export again (the file was cut off)",
                    )
                rec = parse_document(seg, loc, first=k == 1)
            except BadRecord as bad:
                reject(bad, doc_id, name, start, record)
                continue
            key = (rec["publication"], rec["date_line"], rec["title"], rec["text"])
            if key in seen and duplicates == "reject":
                bad = BadRecord(
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
            length_note = finish_record(rec)
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
