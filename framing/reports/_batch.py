"""The batch behind ``framing report``: :func:`build_reports` and :class:`BuildResult`
(the steps are listed in :mod:`framing.reports`)."""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import PlanError
from framing.reports import _fingerprint, _render
from framing.reports._index import write_index
from framing.reports._job import Job, ReportOutcome, build_one, failure, is_kit_report
from framing.reports._lock import run_lock
from framing.reports._plan import ReportSpec, load_plan

__all__ = ["DEFAULT_KERNEL", "BuildResult", "build_reports"]

DEFAULT_KERNEL = "framing-kit"


@dataclass
class BuildResult:
    """All outcomes of one :func:`build_reports` call, in plan order.

    ``removed`` lists the ids whose folders were deleted as no longer in the plan (in
    a dry run with ``prune=True``: would be deleted); ``not_in_plan`` the ids of kit
    report folders not in the plan that are still there; ``prune_errors`` maps an id
    to why its folder could not be deleted.
    """

    outcomes: list[ReportOutcome] = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0
    removed: list[str] = field(default_factory=list)
    not_in_plan: list[str] = field(default_factory=list)
    prune_errors: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False

    def _with(self, status):
        return [o for o in self.outcomes if o.status == status]

    @property
    def ran(self) -> list[ReportOutcome]:
        return self._with("ran")

    @property
    def not_applicable(self) -> list[ReportOutcome]:
        """Reports whose notebook said the study lacks what they need."""
        return self._with("not applicable")

    @property
    def skipped(self) -> list[ReportOutcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[ReportOutcome]:
        return self._with("failed")

    @property
    def stale(self) -> list[ReportOutcome]:
        """Reports a dry run found out of date."""
        return self._with("stale")

    @property
    def exit_code(self) -> int:
        """0 when every report is built or up to date, 1 when any failed (or a prune)."""
        return 1 if self.failed or self.prune_errors else 0

    def summary(self) -> str:
        """A short human summary naming every report and, for failures, cell and error."""
        n = len(self.outcomes)
        if self.stale:
            head = f"{n} report(s): {len(self.stale)} to build, {len(self.skipped)} up to date"
            lines = [f"{head} (dry run: nothing was run)"]
        else:
            na = f", {len(self.not_applicable)} not applicable" if self.not_applicable else ""
            lines = [
                f"{n} report(s): {len(self.ran)} built{na}, {len(self.skipped)} up to date, "
                f"{len(self.failed)} failed ({self.seconds:.1f} s)"
            ]
        for o in self.outcomes:
            if o.status == "failed":
                lines.append(f"  FAILED   {o.id}: {o.error}")
                if o.failed_notebook is not None:
                    lines.append(f"           notebook kept for debugging: {o.failed_notebook}")
                if o.path is not None and (o.path / "report.html").exists():
                    lines.append(f"           previous good report left in place: {o.path}")
            elif o.status == "stale":
                lines.append(f"  to build {o.id}: {o.reason}")
            elif o.status == "not applicable":
                lines.append(f"  n/a      {o.id} ({o.seconds:.1f} s): {o.note}")
            else:
                word = "built" if o.status == "ran" else "up to date"
                why = f": {o.reason}" if o.reason and o.status == "ran" else ""
                lines.append(f"  {word:<8} {o.id} ({o.seconds:.1f} s){why}")
        for rid in self.removed:
            word = "would remove" if self.dry_run else "removed"
            lines.append(f"  {word} {rid}/ (no longer in the plan)")
        for rid, why in self.prune_errors.items():
            lines.append(f"  NOT REMOVED {rid}/: {why}")
        left = [r for r in self.not_in_plan if r not in self.prune_errors and r not in self.removed]
        if left:
            lines.append(
                f"not in the plan, left in place: {', '.join(left)} "
                "(framing report --prune deletes them)"
            )
        if self.index is not None:
            lines.append(f"index: {self.index}")
        return "\n".join(lines)


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
    dry_run: bool = False,
    prune: bool = False,
    study=None,
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
    dry_run : bool
        Only decide: report which reports would be built and why (status
        ``"stale"``, ``reason``), run nothing and write nothing (and take no lock).
    prune : bool
        Delete ``<out>/<id>/`` folders of reports no longer in the plan (ids in the
        plan but left out by ``only`` are kept). Only folders holding a
        ``manifest.json`` written by the kit are deleted, whole; any other file or
        folder is left alone. With ``dry_run``, only list them (``.removed``).
    study : str, pathlib.Path or framing.study.Study, optional
        Run the plan for this study (see :func:`load_plan`); overrides the plan's
        ``study:``.

    Returns
    -------
    BuildResult
        Outcomes in plan order (``.failed``, ``.exit_code``, ``.summary()``).

    Raises
    ------
    PlanError
        The plan is invalid or ``only`` names no report; nothing has run.
    ReportError
        The Jupyter kernel is not registered, or another build holds the lock on
        ``out`` (the error names its pid, host and start time); nothing has run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "plan.yaml").write_text("reports: []\\n")
    >>> result = build_reports(d / "plan.yaml", out=d / "reports", root=d, progress=False)
    >>> result.exit_code, result.index.name
    (0, 'index.html')
    """
    start = time.perf_counter()
    out = Path(out).resolve()  # papermill changes the working directory while it runs
    specs = load_plan(plan, root=root, study=study)
    selected = _select(specs, only, plan)
    lock = contextlib.nullcontext() if dry_run else run_lock(out, plan=plan)
    with lock, _scheduler_env(specs):
        result = _build_selected(
            specs, selected, out, jobs, force, hide_code, kernel_name, timeout, progress, dry_run
        )
        _prune(result, out, specs, apply=prune and not dry_run, listed=prune)
        if not dry_run:
            result.index = write_index(out, specs)
    result.seconds = time.perf_counter() - start
    return result


@contextlib.contextmanager
def _scheduler_env(specs):
    """Hand the study's ``scheduler:`` to the notebooks' kernels as $FRAMING_SCHEDULER
    (kernels inherit this process's environment); a value already set wins."""
    name = "FRAMING_SCHEDULER"
    wanted = next((s.scheduler for s in specs if s.scheduler), "")
    if not wanted or os.environ.get(name):
        yield
        return
    os.environ[name] = wanted
    try:
        yield
    finally:
        os.environ.pop(name, None)


def _build_selected(
    specs, selected, out, jobs, force, hide_code, kernel_name, timeout, progress, dry_run
) -> BuildResult:
    """Steps 2-4 of :func:`build_reports`: decide, then build (under the lock unless a dry run)."""
    from tqdm import tqdm

    memo: dict = {}
    kit = _fingerprint.kit_info(_memo=memo)
    options = {"hide_code": bool(hide_code), "kernel_name": kernel_name}
    outcomes: dict[str, ReportOutcome] = {}
    todo: list[Job] = []
    reasons: dict[str, str] = {}
    for spec in selected:
        if not dry_run:
            _recover(out, spec.id)
        inputs = _fingerprint.input_hashes(spec, exclude=(out,), _memo=memo)
        fp = _fingerprint.fingerprint(inputs, kit, options)
        reason = _stale_reason(out / spec.id, fp, inputs, kit, options)
        if force and reason is None:
            reason = "forced (--force)"
        if reason is None:
            outcomes[spec.id] = ReportOutcome(spec.id, "skipped", path=out / spec.id)
        else:
            reasons[spec.id] = reason
            todo.append(Job(spec, out, inputs, kit, options, fp, timeout))
    if dry_run:
        return BuildResult(
            outcomes=[
                outcomes.get(s.id)
                or ReportOutcome(s.id, "stale", path=out / s.id, reason=reasons[s.id])
                for s in selected
            ],
            dry_run=True,
        )
    bar = tqdm(total=len(selected), desc="reports", unit="report", disable=not progress)
    bar.update(len(selected) - len(todo))
    try:
        if todo:
            _render.check_kernel(kernel_name)
            for outcome in _run_all(todo, jobs):
                outcome.reason = reasons[outcome.id]
                outcomes[outcome.id] = outcome
                bar.set_postfix_str(f"{outcome.id}: {outcome.status}")
                bar.update(1)
    finally:
        bar.close()
    return BuildResult(outcomes=[outcomes[s.id] for s in selected])


def _prune(result: BuildResult, out: Path, specs, *, apply: bool, listed: bool) -> None:
    """Find kit report folders of ids not in the plan; delete them when ``apply``."""
    planned = {s.id for s in specs}
    try:
        folders = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    except OSError:  # a dry run on a folder not made yet
        folders = []
    for folder in folders:
        if folder.name in planned or not is_kit_report(folder):
            continue
        result.not_in_plan.append(folder.name)
        if not apply:
            if listed:
                result.removed.append(folder.name)
            continue
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            result.prune_errors[folder.name] = f"{type(exc).__name__}: {exc}"
            continue
        result.not_in_plan.remove(folder.name)
        result.removed.append(folder.name)


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


def _stale_reason(folder: Path, fp: str, inputs: dict, kit: dict, options: dict) -> str | None:
    """None when the report in ``folder`` is up to date, else why it must be built."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or "fingerprint" not in manifest:
        return "not built yet"
    if not (folder / "report.html").is_file():
        return "report.html is missing"
    if manifest["fingerprint"] == fp:
        return None
    try:
        return _changed(manifest, inputs, kit, options)
    except (AttributeError, TypeError):  # a hand-edited or damaged manifest.json
        return "manifest.json is damaged"


def _changed(manifest: dict, inputs: dict, kit: dict, options: dict) -> str:
    old_inputs = manifest.get("inputs") or {}
    changed = []
    if (old_inputs.get("notebook") or {}).get("sha256") != inputs["notebook"]["sha256"]:
        changed.append("notebook")
    if old_inputs.get("parameters_sha256") != inputs["parameters_sha256"]:
        changed.append("parameters")
    for group in ("corpus", "lexicons", "files"):
        old, new = old_inputs.get(group) or {}, inputs[group]
        changed += [f"{group} {k}" for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    old_kit = manifest.get("kit") or {}
    if old_kit.get("version") != kit.get("version"):
        changed.append("kit version")
    elif old_kit.get("code_sha256") != kit.get("code_sha256"):
        changed.append("kit code (framing/)")
    if manifest.get("options") != options:
        changed.append("options")
    return "changed: " + ", ".join(changed or ["fingerprint"])


def _recover(out: Path, rid: str) -> None:
    """Undo a swap interrupted between its two renames; drop leftover temp folders."""
    final = out / rid
    # exact names only: the leftovers of report "a-b" must not be taken for those of "a"
    old_re = re.compile(rf"\.old-{re.escape(rid)}-[0-9a-f]{{8}}")
    tmp_re = re.compile(rf"\.tmp-{re.escape(rid)}-[a-z0-9_]{{8}}")
    leftovers = sorted(p for p in out.glob(f".old-{rid}-*") if old_re.fullmatch(p.name))
    if not final.exists() and leftovers:
        os.rename(leftovers.pop(), final)
    temps = [p for p in out.glob(f".tmp-{rid}-*") if tmp_re.fullmatch(p.name)]
    for old in leftovers + temps:
        shutil.rmtree(old, ignore_errors=True)


def _run_all(todo: list[Job], jobs: int):
    if jobs <= 1 or len(todo) == 1:
        for job in todo:
            yield build_one(job)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    ctx = _pool_context()
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
        futures = {pool.submit(build_one, job): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # the worker process itself died
                yield failure(job, exc, 0.0, None)


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
    ctx.set_forkserver_preload(
        ["framing.reports._job", "framing.reports._render", "papermill", "nbconvert"]
    )
    return ctx
