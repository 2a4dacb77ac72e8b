"""Atomic file replacement shared by every writer of derived files (private).

A file is written under a temporary name in the target's folder and renamed onto the
target with :func:`os.replace` (atomic on POSIX and Windows), so readers see the old
file or the new one, never a half-written one; on any failure the temporary file is
removed and the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path"]


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
