"""The report batch: plan file -> papermill runs -> HTML -> index.

:func:`build_reports` reads as its list of steps:

1. **load and validate the plan** (:func:`load_plan`): every problem is reported
   before anything runs;
2. **decide what is up to date**: hash each report's inputs (notebook, parameters,
   corpus and lexicon bytes, extra inputs, kit version and code, render options) and
   compare with the fingerprint in its ``manifest.json``; unchanged reports are
   skipped without importing papermill, nbconvert or matplotlib;
3. for each other report, in its own temporary folder ``<out>/.tmp-<id>-xxxx/``:
   **execute** the notebook with papermill (kernel ``framing-kit``, working directory
   the project root, ``output_dir=<that folder>`` when the notebook declares it),
   **render** ``report.html`` (rich outputs sanitised, code optionally hidden),
   **collect** figures and tables, **write** ``manifest.json``;
4. **move into place** atomically: the old folder is renamed aside, the new one
   renamed in, the old one deleted; a failure leaves the previous good report as it
   was, keeps the failed notebook as ``<out>/<id>.failed.ipynb`` and records the
   error in ``<out>/<id>.failed.json`` (both removed by the next good run);
5. **write the index** ``<out>/index.html`` linking every report and figure.

One failing report does not stop the others; the result names every failure with its
cell and error.
"""

from __future__ import annotations

import fnmatch
import json
import os
import platform
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from framing import _fingerprint, _render
from framing._index import write_index
from framing._plan import ReportSpec, load_plan, notebook_parameters
from framing.errors import PlanError

__all__ = [
    "ReportSpec",
    "ReportOutcome",
    "BuildResult",
    "load_plan",
    "notebook_parameters",
    "build_reports",
]

DEFAULT_KERNEL = "framing-kit"


@dataclass
class ReportOutcome:
    """What happened to one report in a build.

    Attributes
    ----------
    id : str
        Report id.
    status : {"ran", "skipped", "failed"}
        ``skipped`` means up to date (inputs unchanged).
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


@dataclass
class BuildResult:
    """All outcomes of one :func:`build_reports` call, in plan order."""

    outcomes: list[ReportOutcome] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0

    def _with(self, status):
        return [o for o in self.outcomes if o.status == status]

    @property
    def ran(self) -> list[ReportOutcome]:
        return self._with("ran")

    @property
    def skipped(self) -> list[ReportOutcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[ReportOutcome]:
        return self._with("failed")

    @property
    def exit_code(self) -> int:
        """0 when every report is built or up to date, 1 when any failed."""
        return 1 if self.failed else 0

    def summary(self) -> str:
        """A short human summary naming every report and, for failures, cell and error."""
        n = len(self.outcomes)
        lines = [
            f"{n} report(s): {len(self.ran)} built, {len(self.skipped)} up to date, "
            f"{len(self.failed)} failed ({self.seconds:.1f} s)"
        ]
        for o in self.outcomes:
            if o.status == "failed":
                lines.append(f"  FAILED   {o.id}: {o.error}")
                if o.failed_notebook is not None:
                    lines.append(f"           notebook kept for debugging: {o.failed_notebook}")
                if o.path is not None and (o.path / "report.html").exists():
                    lines.append(f"           previous good report left in place: {o.path}")
            else:
                word = "built" if o.status == "ran" else "up to date"
                lines.append(f"  {word:<8} {o.id} ({o.seconds:.1f} s)")
        if self.index is not None:
            lines.append(f"index: {self.index}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Job:
    spec: ReportSpec
    out: Path
    inputs: dict
    kit: dict
    options: dict
    fingerprint: str
    timeout: float | None = None


def build_reports(
    plan="reports/reports.yaml",
    *,
    only=None,
    jobs: int = 1,
    force: bool = False,
    hide_code: bool = False,
    out="reports",
    root=None,
    kernel_name: str = DEFAULT_KERNEL,
    timeout: float | None = None,
    progress: bool = True,
) -> BuildResult:
    """Build every report of a plan that is out of date, then write the index.

    Parameters
    ----------
    plan : str or pathlib.Path
        The plan file (see :func:`load_plan` and ``reports/README.md``).
    only : list of str, optional
        Report ids (or shell patterns such as ``"*-lexicon"``) to consider; the
        index still lists every report of the plan.
    jobs : int
        Reports run in parallel processes (default 1: in this process, one by one).
        From a script, call it under ``if __name__ == "__main__":`` when ``jobs > 1``
        (worker processes re-import the main module).
    force : bool
        Re-run reports even when their inputs are unchanged.
    hide_code : bool
        Leave code cells out of ``report.html`` (the executed notebook keeps them).
    out : str or pathlib.Path
        Output folder: ``<out>/<id>/`` per report and ``<out>/index.html``.
    root : str or pathlib.Path, optional
        Project root, the notebooks' working directory; plan paths are relative to
        it. Default: the current working directory.
    kernel_name : str
        Jupyter kernel that runs the notebooks.
    timeout : float, optional
        Seconds one cell may run before the report fails (default: no limit).
    progress : bool
        Show a progress bar (tqdm, on stderr) over the reports.

    Returns
    -------
    BuildResult
        Outcomes in plan order (``.failed``, ``.exit_code``, ``.summary()``).

    Raises
    ------
    PlanError
        The plan is invalid or ``only`` names no report; nothing has run.
    ReportError
        The Jupyter kernel is not registered; nothing has run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "plan.yaml").write_text("reports: []\\n")
    >>> result = build_reports(d / "plan.yaml", out=d / "reports", root=d, progress=False)
    >>> result.exit_code, result.index.name
    (0, 'index.html')
    """
    from tqdm import tqdm

    start = time.perf_counter()
    out = Path(out).resolve()  # papermill changes the working directory while it runs
    specs = load_plan(plan, root=root)
    selected = _select(specs, only, plan)
    out.mkdir(parents=True, exist_ok=True)
    memo: dict = {}
    kit = _fingerprint.kit_info(_memo=memo)
    options = {"hide_code": bool(hide_code), "kernel_name": kernel_name}
    outcomes: dict[str, ReportOutcome] = {}
    todo: list[_Job] = []
    for spec in selected:
        _recover(out, spec.id)
        inputs = _fingerprint.input_hashes(spec, exclude=(out,), _memo=memo)
        fp = _fingerprint.fingerprint(inputs, kit, options)
        if not force and _up_to_date(out / spec.id, fp):
            outcomes[spec.id] = ReportOutcome(spec.id, "skipped", path=out / spec.id)
        else:
            todo.append(_Job(spec, out, inputs, kit, options, fp, timeout))
    bar = tqdm(total=len(selected), desc="reports", unit="report", disable=not progress)
    bar.update(len(selected) - len(todo))
    try:
        if todo:
            _render.check_kernel(kernel_name)
            for outcome in _run_all(todo, jobs):
                outcomes[outcome.id] = outcome
                bar.set_postfix_str(f"{outcome.id}: {outcome.status}")
                bar.update(1)
    finally:
        bar.close()
    index = write_index(out, specs)
    return BuildResult(
        outcomes=[outcomes[s.id] for s in selected],
        index=index,
        seconds=time.perf_counter() - start,
    )


def _select(specs: list[ReportSpec], only, plan) -> list[ReportSpec]:
    if not only:
        return list(specs)
    if isinstance(only, str):
        only = [only]
    ids = [s.id for s in specs]
    for pattern in only:
        if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            raise PlanError(
                f"{plan}: --only {pattern!r} matches no report (reports: {ids}).",
                path=str(plan),
                report=pattern,
                value=pattern,
            )
    return [s for s in specs if any(fnmatch.fnmatchcase(s.id, p) for p in only)]


def _up_to_date(folder: Path, fp: str) -> bool:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("fingerprint") == fp
        and (folder / "report.html").is_file()
    )


def _recover(out: Path, rid: str) -> None:
    """Undo a swap interrupted between its two renames; drop leftover temp folders."""
    final = out / rid
    leftovers = sorted(out.glob(f".old-{rid}-*"))
    if not final.exists() and leftovers:
        os.rename(leftovers.pop(), final)
    for old in leftovers + list(out.glob(f".tmp-{rid}-*")):
        shutil.rmtree(old, ignore_errors=True)


def _run_all(todo: list[_Job], jobs: int):
    if jobs <= 1 or len(todo) == 1:
        for job in todo:
            yield _build_one(job)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ctx = _pool_context()
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
        futures = {pool.submit(_build_one, job): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # the worker process itself died
                yield _failure(job, exc, 0.0, None)


def _pool_context():
    """Start workers from a fork server that imported papermill and nbconvert once.

    Measured in bench/reports.py: with spawn every worker paid those imports itself
    and ``--jobs 2`` took about twice as long. A plain fork of this process is avoided:
    a child must not inherit its threads or zmq state. Spawn where there is no fork
    server (Windows).
    """
    import multiprocessing

    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    ctx.set_forkserver_preload(["framing.reports", "framing._render", "papermill", "nbconvert"])
    return ctx


def _build_one(job: _Job) -> ReportOutcome:
    """Execute, render, collect, write the manifest and move one report into place."""
    spec, out = job.spec, job.out
    t0 = time.perf_counter()
    started = _now()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{spec.id}-", dir=out))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; a report folder is for reading
        (tmp / "figures").mkdir()
        (tmp / "tables").mkdir()
        notebook = _render.execute(
            spec, tmp, kernel_name=job.options["kernel_name"], timeout=job.timeout
        )
        t1 = time.perf_counter()
        _render.render_html(
            notebook, tmp / "report.html", hide_code=job.options["hide_code"], title=spec.title
        )
        t2 = time.perf_counter()
        figures, tables = _render.collect_outputs(tmp)
        timings = {"execute_s": t1 - t0, "render_s": t2 - t1, "total_s": time.perf_counter() - t0}
        manifest = _manifest(job, figures, tables, timings, started)
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        _swap_into_place(tmp, out / spec.id)
        for suffix in (".failed.ipynb", ".failed.json"):
            (out / f"{spec.id}{suffix}").unlink(missing_ok=True)
        return ReportOutcome(spec.id, "ran", time.perf_counter() - t0, path=out / spec.id)
    except Exception as exc:
        kept = out / f"{spec.id}.failed.ipynb"
        if (tmp / "report.ipynb").is_file():
            os.replace(tmp / "report.ipynb", kept)
        else:  # failed before papermill wrote anything: drop an older run's notebook
            kept.unlink(missing_ok=True)
            kept = None
        outcome = _failure(job, exc, time.perf_counter() - t0, kept)
        _write_failure(out / f"{spec.id}.failed.json", outcome)
        return outcome
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _failure(job: _Job, exc: BaseException, seconds: float, kept) -> ReportOutcome:
    cell_index = getattr(exc, "cell_index", None)
    exec_count = getattr(exc, "exec_count", None)
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if cell_index is not None:
        where = f"cell {cell_index} (In [{exec_count}])"
        source = (getattr(exc, "source", "") or "").strip().splitlines()
        if source:
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
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")


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


def _manifest(job: _Job, figures, tables, timings, started) -> dict:
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
        "notebook": spec.notebook,
        "plan": spec.plan,
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
        "started_at": started,
        "finished_at": _now(),
        "timings": {k: round(v, 3) for k, v in timings.items()},
        "figures": figures,
        "tables": tables,
    }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
