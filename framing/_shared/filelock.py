"""Operating-system file locks that end with their process (shared by the report
batch lock and the corpus writer).

:func:`try_lock` takes an exclusive, non-blocking lock on an open file descriptor:

- POSIX: :func:`fcntl.flock`;
- Windows: :func:`msvcrt.locking` on one byte far past any record kept in the file, so
  the record itself stays readable by a process that is refused.

Either lock belongs to the open file and is released by the operating system when the
holding process ends, however it ends (crash, ``kill -9``, power loss), so a lock file
left behind by a dead process never blocks. :data:`LOCKING` is False on a platform
with neither module (callers then run unlocked and say so).
"""

from __future__ import annotations

import os

__all__ = ["LOCKING", "try_lock", "unlock"]

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None

# Windows locks byte ranges and refuses reads of locked bytes: lock one byte far past
# the record (locking beyond the end of a file is allowed there).
_WIN_OFFSET = 1 << 20

#: Whether this platform has file locks.
LOCKING = fcntl is not None or msvcrt is not None


def try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` exclusively without waiting; False when another holds it.

    Always True where :data:`LOCKING` is False.

    Examples
    --------
    >>> import tempfile
    >>> fd = os.open(tempfile.mktemp(), os.O_RDWR | os.O_CREAT)
    >>> try_lock(fd)
    True
    >>> unlock(fd); os.close(fd)
    """
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:
        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
    return True


def unlock(fd: int) -> None:
    """Release a lock taken with :func:`try_lock`."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:
        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
