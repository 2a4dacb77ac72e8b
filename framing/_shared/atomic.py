"""Atomic writes shared by every writer of derived files.

A file is written under a temporary name in the target's folder and renamed onto the
target with :func:`os.replace` (atomic on POSIX and Windows), so readers see the old
file or the new one, never a half-written one; on any failure the temporary file is
removed and the target is left as it was. :func:`write_table` writes a table this way
in the format its suffix names (the writer behind every ``--out`` of the CLI).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from framing.errors import OutputError

__all__ = ["TABLE_FORMATS", "atomic_path", "write_text", "table_format", "write_table"]

#: Table files the kit writes, by suffix.
TABLE_FORMATS = (".csv", ".parquet", ".jsonl")


@contextmanager
def atomic_path(target, *, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; replace ``target`` with it on success.

    The temporary file is named ``.<first 16 characters of the target's stem>-<random>.tmp``
    and gets permissions ``mode`` (``mkstemp`` would leave it readable by its owner only).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "out.txt") as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> (folder / "out.txt").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
    ('done', ['out.txt'])
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem[:16]}-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; return the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_text(pathlib.Path(tempfile.mkdtemp()) / "a.txt", "done")
    >>> p.read_text(encoding="utf-8")
    'done'
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def table_format(path, *, where: str, allowed=TABLE_FORMATS) -> str:
    """The suffix of ``path`` when it is a table format in ``allowed``; else an error.

    Check it before the work that makes the table, so a typo fails at once.

    Examples
    --------
    >>> table_format("out/scores.CSV", where="demo")
    '.csv'
    >>> table_format("scores.xlsx", where="demo")
    Traceback (most recent call last):
    ...
    framing.errors.OutputError: demo: write .csv, .parquet or .jsonl, not 'scores.xlsx'.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        names = [*allowed]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        raise OutputError(f"{where}: write {listed}, not {str(path)!r}.", path=path, value=suffix)
    return suffix


def write_table(table, path, *, where: str, allowed=TABLE_FORMATS, index: bool = False) -> Path:
    """Write a DataFrame atomically as CSV, Parquet or JSON lines (by suffix).

    The folder is created; JSON lines hold one record per row with ISO dates.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sub" / "t.jsonl"
    >>> _ = write_table(pd.DataFrame({"a": [1, 2]}), out, where="demo")
    >>> out.read_text(encoding="utf-8")
    '{"a":1}\\n{"a":2}\\n'
    """
    suffix = table_format(path, where=where, allowed=allowed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            table.to_csv(tmp, index=index)
        elif suffix == ".parquet":
            table.to_parquet(tmp, index=index)
        else:
            table.to_json(tmp, orient="records", lines=True, date_format="iso", force_ascii=False)
    return path
