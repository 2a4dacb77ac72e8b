"""Text folders: one ``.txt`` or ``.md`` file per article, with optional YAML front matter.

A file may begin with a front matter block delimited by ``---`` lines::

    ---
    outlet: The Harbor Courier
    date: 2025-07-10
    title: Talks resume in Geneva
    url: https://example.org/talks
    ---
    The body of the article ...

Known keys are ``outlet``, ``date``, ``title``, ``url``, ``lang`` and ``doc_id``; any
other key becomes a metadata column. Without an ``outlet`` key the outlet is the name of
the sub-folder the file sits in (``outlet_from="subfolder"``, the first folder below the
root; ``"parent"``: the folder holding the file). ``doc_id`` is the file's path relative
to the root (``courier/2025-07-10-talks.txt``), stable across runs and machines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from framing._shared.yaml_lines import load_yaml, plain
from framing.corpus import ValidationResult
from framing.errors import CorpusError
from framing.sources._result import finish, problem

__all__ = ["read_text_folder", "SUFFIXES"]

#: File suffixes read as articles (case-insensitive).
SUFFIXES = (".txt", ".md")
_OUTLET_FROM = ("subfolder", "parent", "none")


def _front_matter(text: str, name: str) -> tuple[dict, str, int]:
    """Split ``text`` into (front matter, body, line of the body); raise ValueError."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].rstrip() == "---":
            break
    else:
        raise _BadFrontMatter(1, "the front matter opened by '---' on line 1 is never closed")
    block = "\n".join(lines[1:end])
    try:  # the block starts on line 2, after the opening delimiter
        meta = load_yaml(block, path=name, error=CorpusError, first_line=2, empty={})
    except CorpusError as exc:
        what = exc.message.split(": ", 2)[-1]  # without "<name> line <n>: "
        raise _BadFrontMatter(exc.line or 2, f"front matter is not valid YAML ({what})") from None
    meta = plain(meta)
    if not isinstance(meta, dict):
        raise _BadFrontMatter(
            2, f"front matter must be 'key: value' lines, found a {type(meta).__name__}"
        )
    return meta, "\n".join(lines[end + 1 :]), end + 2


class _BadFrontMatter(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason


def _plain(value):
    """YAML dates and times as ISO strings; lists and dicts as they are."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def read_text_folder(
    folder,
    *,
    outlet_from: str = "subfolder",
    mode: str = "strict",
    encoding: str = "utf-8",
    outlet: str | None = None,
) -> ValidationResult:
    """Read a folder of ``.txt``/``.md`` articles (recursively) as a validated corpus.

    Parameters
    ----------
    folder : str or Path
        The root folder. Files are read in sorted path order.
    outlet_from : {"subfolder", "parent", "none"}
        Where the outlet comes from when the front matter has no ``outlet``: the first
        folder below the root, the folder holding the file, or nowhere (then such a file
        is rejected).
    mode : {"strict", "lenient"}
        Strict raises on the first problem; lenient sets problem files aside in
        ``.rejected``.
    encoding : str
        Text encoding of the files (a UTF-8 byte-order mark is dropped).
    outlet : str, optional
        The outlet of every file whose front matter names none (instead of taking it
        from folders): for a folder of plain article files from one outlet.

    Returns
    -------
    ValidationResult
        ``.articles`` (columns ``doc_id, outlet, date, title, text, url, lang`` plus
        front-matter metadata and ``source_item``, the file's relative path),
        ``.rejected`` (``line`` = file number, ``item`` = relative path, ``field``,
        ``reason``, ``value``, ``stage``) and ``.read`` (files read).

    Raises
    ------
    CorpusError
        ``folder`` is not a folder or holds no ``.txt``/``.md`` file; strict mode: a
        file with bad front matter (``path``, ``line``) or an invalid record.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "Courier").mkdir()
    >>> _ = (root / "Courier" / "a.txt").write_text("---\\ndate: 2025-07-10\\n---\\nTalks resume.\\n")
    >>> res = read_text_folder(root)
    >>> res.articles[["doc_id", "outlet", "text"]].values.tolist()
    [['Courier/a.txt', 'Courier', 'Talks resume.']]
    """
    if outlet_from not in _OUTLET_FROM:
        raise CorpusError(
            f"outlet_from must be one of {', '.join(_OUTLET_FROM)}, not {outlet_from!r}.",
            field="outlet_from",
            value=outlet_from,
        )
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(
            f"{root}: not a folder; pass a folder of .txt/.md files (one article each).",
            path=str(root),
            value=str(root),
        )
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise CorpusError(
            f"{root}: no .txt or .md files found (searched sub-folders too).",
            path=str(root),
            value=None,
        )
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    records, problems = [], []
    for n, path in enumerate(files, start=1):
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            reason = (
                f"bytes {data[exc.start : exc.end]!r} at byte offset {exc.start} are not valid "
                f"{encoding}; re-save the file as UTF-8 or pass encoding='cp1252'"
            )
            problems.append(problem(n, rel, reason, stage="read", field="text"))
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            meta, body, _ = _front_matter(text, rel)
        except _BadFrontMatter as exc:
            reason = f"{rel} line {exc.line}: {exc.reason}"
            problems.append(
                problem(
                    n, rel, reason, stage="front matter", field="front matter", file_line=exc.line
                )
            )
            continue
        rec = {str(k): _plain(v) for k, v in meta.items()}
        rec.setdefault("doc_id", rel)
        if rec.get("outlet") in (None, ""):
            parts = path.relative_to(root).parts
            if outlet is not None:
                rec["outlet"] = outlet
            elif outlet_from == "subfolder" and len(parts) > 1:
                rec["outlet"] = parts[0]
            elif outlet_from == "parent" and len(parts) > 1:
                rec["outlet"] = path.parent.name
            else:
                why = "it sits in the root folder" if len(parts) == 1 else "outlet_from is 'none'"
                reason = (
                    f"{rel}: no outlet (no 'outlet:' in its front matter, and {why}). Name "
                    "the outlet of such files with outlet='Name' (CLI: --outlet NAME), add "
                    "'outlet:' front matter, or put the files in one sub-folder per outlet."
                )
                problems.append(problem(n, rel, reason, stage="outlet", field="outlet"))
                continue
        rec["text"] = body
        rec.update(line=n, item=rel)
        records.append(rec)
    return finish(records, problems, read=len(files), mode=mode, source=root.name)
