"""The steps of one report: execute, render, collect, manifest, move into place (private).

:func:`build_one` runs in the calling process (``--jobs 1``) or in a worker process;
it never raises for a report's own failure: it returns a :class:`ReportOutcome`.
"""

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from framing._shared.atomic import write_text
from framing._shared.jsonable import to_json
from framing._shared.provenance import git_commit
from framing.reports import _render
from framing.reports._applicable import mark_not_applicable
from framing.reports._plan import ReportSpec

__all__ = ["ReportOutcome", "Job", "build_one", "failure", "is_kit_report"]


@dataclass
class ReportOutcome:
    """What happened to one report in a build.

    Attributes
    ----------
    id : str
        Report id.
    status : {"ran", "not applicable", "skipped", "failed", "stale"}
        ``skipped`` means up to date (inputs unchanged); ``stale`` comes from a dry
        run (out of date, not run); ``not applicable``: the notebook said the study
        lacks what it needs (``note`` says what), which is not a failure.
    seconds : float
        Wall time spent on it in this build.
    path : pathlib.Path
        The report folder (for a failure, where the previous good version is, if any).
    error : str or None
        One-line description of the failure.
    cell_index, exec_count : int or None
        The failing cell (papermill's index in the executed notebook, and its ``In [n]``).
    ename, evalue : str or None
        Exception name and value raised in the notebook (or by the runner).
    failed_notebook : pathlib.Path or None
        The partly executed notebook kept for debugging.
    reason : str or None
        Why the report was (or would be) built: ``"not built yet"``, ``"changed:
        notebook, corpus corpora/demo"``, ``"forced (--force)"``...
    note : str or None
        For a report that is not applicable: what the study lacks.
    """

    id: str
    status: str
    seconds: float = 0.0
    path: Path | None = None
    error: str | None = None
    cell_index: int | None = None
    exec_count: int | None = None
    ename: str | None = None
    evalue: str | None = None
    failed_notebook: Path | None = None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to build one report (picklable)."""

    spec: ReportSpec
    out: Path
    inputs: dict
    kit: dict
    options: dict
    fingerprint: str
    timeout: float | None = None


def build_one(job: Job) -> ReportOutcome:
    """Execute, render, collect, write the manifest and move one report into place."""
    spec, out = job.spec, job.out
    t0 = time.perf_counter()
    started = _now()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{spec.id}-", dir=out))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a report folder is for reading
        (tmp / "figures").mkdir()
        (tmp / "tables").mkdir()
        note = None
        try:
            notebook = _render.execute(
                spec, tmp, kernel_name=job.options["kernel_name"], timeout=job.timeout
            )
        except Exception as exc:  # a notebook that says it does not apply is not a failure
            if getattr(exc, "ename", None) != "ReportNotApplicable":
                raise
            note = str(exc.evalue)
            notebook = tmp / "report.ipynb"
            mark_not_applicable(notebook, note)
        t1 = time.perf_counter()
        _render.render_html(
            notebook, tmp / "report.html", hide_code=job.options["hide_code"], title=spec.title
        )
        t2 = time.perf_counter()
        figures, tables = _render.collect_outputs(tmp)
        timings = {"execute_s": t1 - t0, "render_s": t2 - t1, "total_s": time.perf_counter() - t0}
        manifest = _manifest(job, figures, tables, timings, started)
        if note is not None:
            manifest |= {"status": "not applicable", "note": note}
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        _swap_into_place(tmp, out / spec.id)
        for suffix in (".failed.ipynb", ".failed.json"):
            (out / f"{spec.id}{suffix}").unlink(missing_ok=True)
        status = "ran" if note is None else "not applicable"
        return ReportOutcome(
            spec.id, status, time.perf_counter() - t0, path=out / spec.id, note=note
        )
    except Exception as exc:
        kept = out / f"{spec.id}.failed.ipynb"
        if (tmp / "report.ipynb").is_file():
            os.replace(tmp / "report.ipynb", kept)
        else:  # failed before papermill wrote anything: drop an older run's notebook
            kept.unlink(missing_ok=True)
            kept = None
        outcome = failure(job, exc, time.perf_counter() - t0, kept)
        _write_failure(out / f"{spec.id}.failed.json", outcome)
        return outcome
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def failure(job: Job, exc: BaseException, seconds: float, kept) -> ReportOutcome:
    cell_index = getattr(exc, "cell_index", None)
    exec_count = getattr(exc, "exec_count", None)
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if cell_index is not None:
        where = f"cell {cell_index} (In [{exec_count}])"
        failing = _failing_line(getattr(exc, "traceback", None) or [])
        source = (getattr(exc, "source", "") or "").strip().splitlines()
        if failing is not None:
            where += f" line {failing[0]} `{failing[1][:60]}`"
        elif source:
            where += f" `{source[0][:60]}`"
        error = f"{where} raised {ename}: {evalue}"
    else:
        error = f"{ename}: {evalue}"
    return ReportOutcome(
        job.spec.id,
        "failed",
        seconds,
        path=job.out / job.spec.id,
        error=error,
        cell_index=cell_index,
        exec_count=exec_count,
        ename=ename,
        evalue=evalue,
        failed_notebook=kept,
    )


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ARROW = re.compile(r"^-+>\s*(\d+)\s(.*)$")


def _failing_line(traceback: list) -> tuple[int, str] | None:
    """(line number, code) of the statement that raised, from the notebook cell's frame
    of an IPython traceback (the line marked ``---->`` after ``Cell In[n]``)."""
    text = _ANSI.sub("", "\n".join(str(t) for t in traceback)).splitlines()
    for i, line in enumerate(text):
        if line.startswith("Cell In["):
            for follow in text[i + 1 :]:
                m = _ARROW.match(follow)
                if m:
                    return int(m.group(1)), m.group(2).strip()
                if follow.startswith(("Cell In[", "File ")):
                    break
            return None
    return None


def _write_failure(path: Path, outcome: ReportOutcome) -> None:
    """Record a failure beside the reports so the index can show it."""
    record = {
        "id": outcome.id,
        "error": outcome.error,
        "ename": outcome.ename,
        "evalue": outcome.evalue,
        "cell_index": outcome.cell_index,
        "exec_count": outcome.exec_count,
        "failed_notebook": outcome.failed_notebook.name if outcome.failed_notebook else None,
        "finished_at": _now(),
    }
    write_text(path, to_json(record, indent=2) + "\n")


def _swap_into_place(new: Path, final: Path) -> None:
    """Rename ``final`` aside, ``new`` into place, then delete the old one."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{secrets.token_hex(4)}")
        os.rename(final, old)
    try:
        os.rename(new, final)
    except BaseException:
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def is_kit_report(folder: Path) -> bool:
    """Whether ``folder`` is a report folder this module wrote (so it may be deleted).

    True only for a real directory (not a symlink) holding a ``manifest.json`` as
    :func:`_manifest` writes it: its ``id`` is the folder's name and it has the
    ``fingerprint``, ``inputs``, ``kit`` and ``notebook`` entries.
    """
    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and data.get("id") == folder.name
        and isinstance(data.get("fingerprint"), str)
        and isinstance(data.get("inputs"), dict)
        and isinstance(data.get("kit"), dict)
        and isinstance(data.get("notebook"), str)
    )


def _manifest(job: Job, figures, tables, timings, started) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def _v(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    spec = job.spec
    return {
        "id": spec.id,
        "title": spec.title,
        "status": "built",
        "notebook": spec.notebook,
        "plan": spec.plan,
        "study": spec.study,
        "parameters": spec.parameters,
        "output_dir_passed": spec.takes_output_dir,
        "fingerprint": job.fingerprint,
        "inputs": job.inputs,
        "kit": job.kit,
        "options": job.options,
        "versions": {
            "python": platform.python_version(),
            "papermill": _v("papermill"),
            "nbconvert": _v("nbconvert"),
            "nbformat": _v("nbformat"),
        },
        # the commit of the kit's code (None outside a git checkout); informative only,
        # the fingerprint hashes the code itself
        "git_commit": git_commit(),
        "started_at": started,
        "finished_at": _now(),
        "timings": {k: round(v, 3) for k, v in timings.items()},
        "figures": figures,
        "tables": tables,
    }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
