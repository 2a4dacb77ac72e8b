"""One report batch at a time per output folder (private).

:func:`run_lock` holds an operating-system lock on ``<out>/.framing-report.lock`` for
the duration of a batch, so a second batch on the same folder stops at once instead
of deleting the first one's temporary folders or racing it for the same report:

the lock of :mod:`framing._shared.filelock` (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows) belongs to the open file and is released by the operating system when the
holding process ends, however it ends (crash, ``kill -9``, power loss): a lock file
left behind by a dead process never blocks. The holder writes its pid, host,
start time and plan into the file only so a refused run can name it.

On release the holder deletes the file. A run that locked the file just before it
was deleted would hold a lock on a name that no longer exists, so after locking, the
path is checked to still name the locked file (same device and inode), and the
attempt starts over otherwise.

On a platform with neither module the batch runs unlocked after a ``RuntimeWarning``.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from framing._shared.filelock import LOCKING, try_lock, unlock
from framing.errors import ReportError

__all__ = ["LOCK_NAME", "run_lock", "read_holder"]

LOCK_NAME = ".framing-report.lock"
# A refused run waits this long for a holder that has just locked the file to finish
# writing its record.
_READ_WAIT_S = 1.0


@contextmanager
def run_lock(out, *, plan=None) -> Iterator[Path]:
    """Hold the batch lock of output folder ``out`` for the ``with`` block.

    Parameters
    ----------
    out : str or pathlib.Path
        The output folder (created if missing). Folders are locked independently.
    plan : str or pathlib.Path, optional
        The plan being built, recorded in the lock file for the refusal message.

    Yields
    ------
    pathlib.Path
        The lock file ``<out>/.framing-report.lock`` (deleted on release).

    Raises
    ------
    ReportError
        Another process holds the lock. Attributes: ``path`` (the folder),
        ``lock_file``, ``pid``, ``host``, ``started_at``, ``plan`` (``None`` when the
        holder's record could not be read).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with run_lock(out) as lock:
    ...     read_holder(lock)["pid"] == os.getpid()
    True
    >>> lock.exists()
    False
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = _acquire(path, out)
    try:
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "plan": None if plan is None else str(plan),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (json.dumps(record) + "\n").encode("utf-8"))
        os.fsync(fd)
        yield path
    finally:
        _release(fd, path)


def read_holder(path) -> dict | None:
    """The record (``pid``, ``host``, ``started_at``, ``plan``) in a lock file, or None."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _acquire(path: Path, out: Path) -> int:
    if not LOCKING:
        warnings.warn(
            f"no file locking on this platform ({sys.platform}): the report batch in "
            f"{out} runs without protection against a second batch on the same folder",
            RuntimeWarning,
            stacklevel=4,
        )
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = try_lock(fd)
            if not locked:
                raise _refusal(path, out)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return fd
        # the previous holder deleted the file between our open and our lock
        unlock(fd)
        os.close(fd)


def _release(fd: int, path: Path) -> None:
    try:
        if os.name != "nt":  # delete while still holding: no one locks a vanishing file
            path.unlink(missing_ok=True)
        unlock(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
    if os.name == "nt":  # an open file cannot be deleted there: only now
        try:
            path.unlink(missing_ok=True)
        except OSError:  # another run has just opened it and will lock it
            pass


def _refusal(path: Path, out: Path) -> ReportError:
    holder = None
    deadline = time.monotonic() + _READ_WAIT_S
    while holder is None and time.monotonic() < deadline:
        holder = read_holder(path)
        if holder is None:
            time.sleep(0.05)
    holder = holder or {}
    pid, host = holder.get("pid"), holder.get("host")
    started, plan = holder.get("started_at"), holder.get("plan")
    if holder:
        who = f"process {pid} on host {host}, running since {started}"
        if plan:
            who += f" (plan {plan})"
        if host == socket.gethostname() and _gone(pid):
            who += (
                f"; process {pid} has ended, so a process it started still has the lock file open"
            )
    else:
        who = "a process that has not written its details yet"
    message = (
        f"{out}: another report build is using this output folder: the lock file "
        f"{path} is held by {who}. Wait for it to finish, or build into another folder "
        f"with --out. If no such process is running, the lock is stale: the operating "
        f"system releases it when its holder exits, so some process still has the file "
        f"open (a stopped job or a leftover worker; `lsof {path}` or `fuser -v {path}` "
        f"names it); end that process and run again. Deleting the lock file lets a new "
        f"build start but does not stop the old one."
    )
    return ReportError(
        message,
        path=str(out),
        lock_file=str(path),
        pid=pid,
        host=host,
        started_at=started,
        plan=plan,
    )


def _gone(pid) -> bool:
    """True only when ``pid`` surely runs no process on this host (POSIX)."""
    if os.name == "nt" or not isinstance(pid, int) or pid <= 0:
        return False  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return False
