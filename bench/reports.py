"""Benchmark: the report batch runner against its floor (run by hand, not a test).

Measures, in one run on this machine:

1. floor: ``papermill.execute_notebook`` of each notebook of the plan alone (kernel
   start + cells), what any runner must pay per report;
2. ``build_reports`` from an empty output folder, ``--jobs 1`` and ``--jobs 2``
   (execute + render HTML + collect + manifest + index), as a ratio to the floor;
3. the no-change path: a fresh ``framing report`` process when every report is up to
   date, against the floor of starting Python and importing the kit
   (``python -c "import framing.reports"``); the target is < 3 s for the default batch.

Usage::

    .venv/bin/python bench/reports.py                 # the fixture plan (tests/fixtures)
    .venv/bin/python bench/reports.py --plan reports/reports.yaml   # the real batch

With the fixture plan a throw-away project (notebooks/, corpora/demo/) is laid out in
bench/_work/reports (git-ignored); with ``--plan`` the project root is this checkout
and output goes to bench/_work/reports/out. The fixture plan's failing report is set
to succeed here (``fail: false``) so that the no-change path skips every report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import machine  # bench/_common.py

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "_work" / "reports"
FIXTURES = ROOT / "tests" / "fixtures"


def _fixture_project() -> tuple[Path, Path]:
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "notebooks").mkdir(parents=True)
    for name in ("reports_ok.ipynb", "reports_fail.ipynb"):
        shutil.copy(FIXTURES / name, WORK / "notebooks" / name)
    (WORK / "corpora" / "demo").mkdir(parents=True)
    (WORK / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d1"}\n')
    # every report succeeds here, so the no-change timing starts no kernel at all
    text = (FIXTURES / "reports_plan.yaml").read_text().replace("{fail: true}", "{fail: false}")
    (WORK / "plan.yaml").write_text(text)
    return WORK, WORK / "plan.yaml"


def _floor(specs, root: Path, scratch: Path) -> float:
    """Seconds for papermill alone to run every report once (failures included)."""
    import papermill

    from framing.reports import DEFAULT_KERNEL

    scratch.mkdir(parents=True, exist_ok=True)
    total = 0.0
    for spec in specs:
        params = dict(spec.parameters)
        if spec.takes_output_dir:
            params["output_dir"] = str(scratch)
        t0 = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(spec.notebook_path),
                str(scratch / f"{spec.id}.ipynb"),
                parameters=params,
                kernel_name=DEFAULT_KERNEL,
                cwd=str(root),
                progress_bar=False,
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
        except papermill.PapermillExecutionError:
            pass
        total += time.perf_counter() - t0
    return total


def _cli(args, cwd: Path, seen: list | None = None) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, check=False, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if seen is not None:  # the summary's first line, to show every report was skipped
        seen.append(done.stdout.splitlines()[0] if done.stdout else done.stderr.strip())
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", help="a real plan (default: the fixture plan)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the fast timings")
    args = parser.parse_args()

    from framing.reports import build_reports, load_plan

    if args.plan:
        root, plan = ROOT, (ROOT / args.plan).resolve()
        out = WORK / "out"
        if out.exists():
            shutil.rmtree(out)
    else:
        root, plan = _fixture_project()
        out = WORK / "out"
    specs = load_plan(plan, root=root)
    print(f"machine: {machine()}")
    print(f"load average at start (other work on the machine): {os.getloadavg()[0]:.1f}")
    print(f"plan: {plan} ({len(specs)} reports)")

    floor = _floor(specs, root, WORK / "floor")
    print(f"floor  papermill alone, {len(specs)} notebooks one by one: {floor:.1f} s")

    for jobs in (1, 2):
        if out.exists():
            shutil.rmtree(out)
        t0 = time.perf_counter()
        result = build_reports(plan, root=root, out=out, jobs=jobs, progress=False)
        took = time.perf_counter() - t0
        print(
            f"build  --jobs {jobs} from empty: {took:.1f} s = {took / floor:.2f} x floor "
            f"({len(result.ran)} built, {len(result.failed)} failed)"
        )

    # A fresh process running `framing report` (the kit's code hash is part of every
    # fingerprint: do not edit framing/ while this runs, or every report is rebuilt).
    framing_cli = str(Path(sys.executable).with_name("framing"))
    cmd = [framing_cli, "report", "--plan", str(plan), "--out", str(out)]
    cmd.append("--quiet")
    _cli(cmd, root)  # settle the file cache
    startup = statistics.median(
        _cli([sys.executable, "-c", "import framing.reports"], root) for _ in range(args.repeat)
    )
    seen: list[str] = []
    unchanged = statistics.median(_cli(cmd, root, seen) for _ in range(args.repeat))
    print(f"floor  start Python + import framing.reports: {startup:.2f} s")
    print(
        f"no-change `framing report` (fresh process, {len(specs)} reports): {unchanged:.2f} s "
        f"= {unchanged / startup:.1f} x start-up (target < 3 s)"
    )
    print(f"       its summaries: {sorted(set(seen))}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
