"""Writing a corpus folder atomically: every file staged beside, then one commit.

:func:`staged` gives a writer a private folder ``<out>/.import-<random>/`` (it holds the
Parquet parts of a chunked import too) and, when the block ends without error, commits
it:

1. the writer has put every file of the new corpus in the stage (``articles.parquet``
   or the folder ``articles/`` of a partitioned corpus, ``corpus.yaml``,
   ``rejected.jsonl``, ``warnings.jsonl``, ``outlets.yaml``);
2. ``commit.json`` is written atomically in the stage: the files to install and the
   files of the old corpus that the new one does not have (a stale ``rejected.jsonl``,
   ``warnings.jsonl`` or kit-copied ``outlets.yaml``), to be removed. From this moment
   the new corpus is decided;
3. each staged file is moved onto its name with :func:`os.replace` (``corpus.yaml``
   last; an older ``articles/`` folder is first moved into the stage, as a folder
   cannot be replaced by a rename), the stale files are removed, the stage is deleted.

A process killed before step 2 leaves the old corpus untouched and a stage without
``commit.json``, which the next writer removes. Killed during step 3, it leaves a
committed stage, which the next reader (:func:`finish_pending`, called when a folder
is resolved) or writer completes; an uncommitted one is removed by either. Either way no reader ever sees a truncated file,
and no ``.parts-*`` or ``.import-*`` folder stays behind.

While it writes, the stage's ``lock`` file holds an operating-system lock
(:mod:`framing._shared.filelock`), released by the system however the process ends:
a second writer into the same folder is refused at once, and a stage whose lock is
free belongs to a dead process and is removed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from framing._shared.atomic import write_text
from framing._shared.filelock import try_lock, unlock
from framing.errors import CorpusError, OutputError

__all__ = ["KIT_FILES", "Stage", "staged", "finish_pending"]

#: Files the kit writes into a corpus folder (``articles`` is the folder of a
#: partitioned corpus; the last is only copied).
KIT_FILES = (
    "articles.parquet",
    "articles",
    "rejected.jsonl",
    "warnings.jsonl",
    "corpus.yaml",
    "outlets.yaml",
)
_OLD = ".replaced-"  # an older folder moved into the stage before its replacement
_PREFIX = ".import-"
_LEGACY = ".parts-"  # the temporary folders of earlier versions
_COMMIT = "commit.json"


class Stage:
    """The private folder of one corpus write (see the module docstring)."""

    def __init__(self, out: Path):
        self.out = out
        self.dir = out / f"{_PREFIX}{secrets.token_hex(6)}"
        self.dir.mkdir()
        self._fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try_lock(self._fd)
        self.parts = self.dir / "parts"
        self.parts.mkdir()

    def path(self, name: str) -> Path:
        """Where to write the new corpus file ``name`` (one of :data:`KIT_FILES`)."""
        if name not in KIT_FILES:  # pragma: no cover - a bug in a writer
            raise ValueError(f"{name!r} is not a corpus file the kit writes")
        return self.dir / name

    def commit(self, *, old: set[str]) -> None:
        """Install the staged files and remove the old corpus's stale ones.

        ``old``: the files the kit wrote into the folder before (``files:`` of its
        ``corpus.yaml``). A copied ``outlets.yaml`` or an ``articles/`` folder that the
        new corpus does not have is removed only when the kit wrote it; a file or
        folder the user put there is kept.
        """
        install = [n for n in KIT_FILES if (self.dir / n).exists()]
        stale = [n for n in ("articles.parquet", "rejected.jsonl", "warnings.jsonl")]
        stale = [n for n in stale if n not in install]
        for name in ("articles", "outlets.yaml"):
            if name not in install and name in old:
                stale.append(name)
        shutil.rmtree(self.parts, ignore_errors=True)
        write_text(self.dir / _COMMIT, json.dumps({"install": install, "remove": stale}))
        _apply(self.dir)
        self.close()

    def close(self) -> None:
        """Release the lock (the stage itself is gone after a commit or an abort)."""
        if self._fd is not None:
            try:
                unlock(self._fd)
            except OSError:
                pass
            os.close(self._fd)
            self._fd = None

    def abort(self) -> None:
        """Drop everything staged; the old corpus stays as it was."""
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _apply(stage: Path) -> None:
    """Carry out a committed stage (idempotent: a file already moved is skipped)."""
    out = stage.parent
    plan = json.loads((stage / _COMMIT).read_text(encoding="utf-8"))
    for name in plan["install"]:
        if name in KIT_FILES:
            new, target = stage / name, out / name
            if new.is_dir() and target.is_dir():
                os.replace(target, stage / f"{_OLD}{name}")  # removed with the stage
            try:
                os.replace(new, target)
            except FileNotFoundError:
                pass  # moved already (an earlier, interrupted attempt)
    for name in plan["remove"]:
        if name in KIT_FILES:
            if (out / name).is_dir():
                shutil.rmtree(out / name, ignore_errors=True)
            else:
                (out / name).unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)


def _stages(out: Path) -> list[Path]:
    try:
        return [p for p in out.iterdir() if p.name.startswith((_PREFIX, _LEGACY)) and p.is_dir()]
    except OSError:
        return []


def _alive(stage: Path) -> bool:
    """True while the process that made ``stage`` still runs (it holds the lock)."""
    try:
        fd = os.open(stage / "lock", os.O_RDWR)
    except OSError:
        return False
    try:
        if try_lock(fd):
            unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def finish_pending(out: Path) -> None:
    """Complete the committed writes of an interrupted import into ``out`` and remove
    the stages of imports killed before their commit (a running import is left alone).

    Raises
    ------
    CorpusError
        A committed write could not be completed (e.g. the folder is read-only).
    """
    for stage in _stages(out):
        if _alive(stage):
            continue
        if not (stage / _COMMIT).is_file():
            shutil.rmtree(stage, ignore_errors=True)  # best effort: garbage either way
        else:
            try:
                _apply(stage)
            except (OSError, ValueError) as exc:
                raise CorpusError(
                    f"{out}: an import into this folder was interrupted while it put the "
                    f"new files in place, and finishing it failed ({exc}); run the import "
                    "again with --overwrite.",
                    path=str(out),
                    value=stage.name,
                ) from None


def _clean(out: Path) -> None:
    """Finish committed stages, remove abandoned ones; refuse when a writer is running."""
    for stage in _stages(out):
        if stage.name.startswith(_PREFIX) and _alive(stage):
            raise CorpusError(
                f"{out}: another import is writing into this folder right now (its files "
                f"are in {stage.name}); wait for it to finish, or write to another folder.",
                path=str(out),
                value=stage.name,
            )
        if (stage / _COMMIT).is_file():
            _apply(stage)
        else:
            shutil.rmtree(stage, ignore_errors=True)


def _make_folder(out: Path) -> bool:
    """Create ``out`` (and parents); True when it did not exist before."""
    if out.exists() and not out.is_dir():
        raise OutputError(
            f"{out}: exists and is not a folder; pass a folder name to write the corpus to.",
            path=str(out),
            value=str(out),
        )
    existed = out.is_dir()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create the folder ({exc.strerror or exc}); check the path "
            "(a parent may be a file) and your permissions.",
            path=str(out),
            value=str(out),
        ) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(
            f"{out}: the folder is not writable; choose another one or fix its permissions.",
            path=str(out),
            value=str(out),
        )
    return not existed


@contextmanager
def staged(out, check=None) -> Iterator[Stage]:
    """Yield a :class:`Stage` in ``out`` (created); commit is the caller's last step.

    ``check(out)`` runs once the folder exists and old stages are cleaned (e.g. the
    overwrite guard). On any error the stage is dropped, the old corpus is untouched,
    and a folder this call created is removed again.
    """
    out = Path(out)
    created = _make_folder(out)
    stage = None
    try:
        _clean(out)
        if check is not None:
            check(out)
        stage = Stage(out)
        yield stage
    except BaseException:
        if stage is not None:
            stage.abort()
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        if stage is not None:
            stage.close()
