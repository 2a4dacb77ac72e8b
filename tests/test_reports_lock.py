"""Tests of the report batch's output-folder lock and of ``prune`` (framing/reports/_lock.py,
framing/reports.py).

Kernels and nbconvert are replaced by stand-ins (the notebook is copied, the HTML is a
stub), so each build takes milliseconds; the lock is held by a real second process.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import framing.reports._batch
import framing.reports._fingerprint as fingerprint_mod
import framing.reports._render as render_mod
from framing.cli import main as cli_main
from framing.errors import ReportError
from framing.reports import build_reports
from framing.reports._lock import LOCK_NAME, read_holder, run_lock

FIXTURES = Path(__file__).resolve().parent / "fixtures"

PLAN = """
defaults: {corpus: corpora/demo, smoke: true}
reports:
  - id: "{label}-ok"
    notebook: notebooks/reports_ok.ipynb
    matrix: {label: [alpha, beta]}
"""

# holds the lock on argv[1] until its stdin closes
HOLDER = textwrap.dedent(
    """
    import sys
    from framing.reports._lock import run_lock
    with run_lock(sys.argv[1], plan="other-plan.yaml"):
        print("held", flush=True)
        sys.stdin.read()
    """
)


@pytest.fixture(autouse=True)
def _stable_kit(monkeypatch):
    monkeypatch.setattr(
        fingerprint_mod, "kit_info", lambda **_: {"version": "test", "code_sha256": "0" * 64}
    )


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(FIXTURES / "reports_ok.ipynb", root / "notebooks")
    (root / "corpora" / "demo").mkdir(parents=True)
    (root / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d1"}\n')
    (root / "plan.yaml").write_text(PLAN)
    return root


@pytest.fixture
def runs(monkeypatch):
    """Stand-ins for the kernel run and the HTML export; records the ids executed."""
    calls = []

    def execute(spec, folder, *, kernel_name, timeout=None):
        calls.append(spec.id)
        shutil.copy(spec.notebook_path, folder / "report.ipynb")
        return folder / "report.ipynb"

    def render_html(notebook, path, *, hide_code, title):
        Path(path).write_text("<html></html>\n")

    monkeypatch.setattr(render_mod, "execute", execute)
    monkeypatch.setattr(render_mod, "render_html", render_html)
    monkeypatch.setattr(render_mod, "check_kernel", lambda name: None)
    return calls


def _build(root, out="reports", **kw):
    kw.setdefault("progress", False)
    return build_reports(root / "plan.yaml", out=root / out, root=root, **kw)


def _status(result):
    return {o.id: o.status for o in result.outcomes}


def _start_holder(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def holder():
    """Start a second process holding the lock of a folder; stopped at the end."""
    procs = []

    def start(out):
        procs.append(_start_holder(out))
        return procs[-1]

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.stdin.close()
            proc.wait(timeout=10)
        proc.stdout.close()


# --- the lock ---------------------------------------------------------------------------


def test_second_build_on_a_locked_folder_stops_at_once_naming_the_holder(
    project, runs, holder, capsys, monkeypatch
):
    out = project / "reports"
    proc = holder(out)
    lock_file = out / LOCK_NAME
    # the running build's temporary folder must survive the refused one
    in_progress = out / ".tmp-alpha-ok-abcd1234"
    in_progress.mkdir()
    with pytest.raises(ReportError, match=r"another report build is using this output") as info:
        _build(project)
    err = info.value
    assert err.path == str(out) and err.lock_file == str(lock_file)
    assert (err.pid, err.host) == (proc.pid, socket.gethostname())
    assert err.plan == "other-plan.yaml"
    assert len(err.started_at) == 20 and err.started_at.endswith("Z")
    message = str(err)
    for part in (str(out), str(lock_file), f"process {proc.pid}", f"host {err.host}"):
        assert part in message
    assert f"running since {err.started_at}" in message
    assert "Wait for it to finish" in message
    assert "If no such process is running, the lock is stale" in message
    assert runs == [] and in_progress.is_dir() and not (out / "index.html").exists()
    # the command line says the same and exits 1
    monkeypatch.chdir(project)
    assert cli_main(["report", "--plan", "plan.yaml", "--quiet"]) == 1
    assert f"process {proc.pid}" in capsys.readouterr().err
    # a dry run takes no lock, and another output folder is not blocked
    assert set(_status(_build(project, dry_run=True)).values()) == {"stale"}
    assert _status(_build(project, out="elsewhere")) == {"alpha-ok": "ran", "beta-ok": "ran"}
    # once the holder ends, the same build runs
    proc.stdin.close()
    proc.wait(timeout=10)
    assert _status(_build(project)) == {"alpha-ok": "ran", "beta-ok": "ran"}
    assert not lock_file.exists()


def test_lock_is_released_after_success_and_after_an_exception(project, runs, monkeypatch):
    out = project / "reports"
    _build(project)
    assert not (out / LOCK_NAME).exists()

    def no_kernel(name):
        raise ReportError(f"kernel {name!r} is not registered", kernel=name)

    monkeypatch.setattr(render_mod, "check_kernel", no_kernel)
    with pytest.raises(ReportError, match="is not registered"):
        _build(project, force=True)
    assert not (out / LOCK_NAME).exists()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render_mod, "check_kernel", lambda name: None)
    monkeypatch.setattr(render_mod, "execute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build(project, force=True)
    assert not (out / LOCK_NAME).exists()
    with run_lock(out):  # free again
        pass


def test_lock_file_left_by_a_killed_process_does_not_block(project, runs):
    out = project / "reports"
    proc = _start_holder(out)
    proc.kill()
    proc.wait(timeout=10)
    proc.stdin.close()
    proc.stdout.close()
    assert read_holder(out / LOCK_NAME)["pid"] == proc.pid  # the file is still there
    assert _status(_build(project)) == {"alpha-ok": "ran", "beta-ok": "ran"}
    assert not (out / LOCK_NAME).exists()


def test_lock_is_exclusive_within_one_process_too(tmp_path):
    with run_lock(tmp_path, plan="p.yaml") as lock:
        assert read_holder(lock) == {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": read_holder(lock)["started_at"],
            "plan": "p.yaml",
        }
        with pytest.raises(ReportError, match=rf"held by process {os.getpid()}"):
            with run_lock(tmp_path):
                pass
        assert lock.exists()  # the refused attempt did not delete the holder's file
    assert not lock.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_lock_kept_by_a_child_of_an_ended_holder_is_explained(project, runs):
    out = project / "reports"
    script = textwrap.dedent(
        """
        import os, sys
        from framing.reports._lock import run_lock
        with run_lock(sys.argv[1]):
            if os.fork() == 0:  # the child inherits the locked file and keeps it open
                sys.stdin.read()
                os._exit(0)
            print("forked", flush=True)
            os._exit(0)  # end without releasing
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "forked"
        proc.wait(timeout=10)
        with pytest.raises(ReportError, match=rf"process {proc.pid} has ended, so a process"):
            _build(project)
    finally:
        proc.stdin.close()  # the child reads end-of-file and exits
        proc.stdout.close()
    deadline = time.monotonic() + 10
    while True:
        try:
            with run_lock(out):
                break
        except ReportError:
            assert time.monotonic() < deadline, "the child did not release the lock"
            time.sleep(0.05)


# --- reports removed from the plan ------------------------------------------------------


def _drop_beta(root: Path) -> None:
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text().replace("[alpha, beta]", "[alpha]"))


def test_index_lists_only_reports_in_the_plan(project, runs):
    _build(project)
    _drop_beta(project)
    result = _build(project)
    assert _status(result) == {"alpha-ok": "skipped"}
    index = (project / "reports" / "index.html").read_text()
    assert 'id="alpha-ok"' in index and "beta-ok" not in index
    assert (project / "reports" / "beta-ok" / "manifest.json").is_file()  # kept without prune
    assert result.not_in_plan == ["beta-ok"] and result.removed == []
    assert "not in the plan, left in place: beta-ok (framing report --prune" in result.summary()


def test_prune_deletes_only_folders_the_kit_made(project, runs):
    out = project / "reports"
    _build(project)
    _drop_beta(project)
    # things the kit did not make, or that are not report folders, must all survive
    (out / "notes").mkdir()
    (out / "notes" / "todo.md").write_text("mine\n")
    (out / "other-tool").mkdir()
    (out / "other-tool" / "manifest.json").write_text(json.dumps({"id": "other-tool"}))
    (out / "renamed").mkdir()  # a copy of a kit folder under another name
    shutil.copy(out / "beta-ok" / "manifest.json", out / "renamed" / "manifest.json")
    (out / "broken").mkdir()
    (out / "broken" / "manifest.json").write_text("{not json")
    (out / ".hidden-ok").mkdir()
    (out / "stray.txt").write_text("x\n")
    if hasattr(os, "symlink"):
        (out / "link-ok").symlink_to(out / "beta-ok", target_is_directory=True)
    before = sorted(p.name for p in out.iterdir())

    dry = _build(project, prune=True, dry_run=True)
    assert dry.removed == ["beta-ok"] and sorted(p.name for p in out.iterdir()) == before
    assert "would remove beta-ok/ (no longer in the plan)" in dry.summary()
    assert "left in place" not in dry.summary()

    result = _build(project, prune=True)
    assert result.removed == ["beta-ok"] and result.not_in_plan == []
    assert result.exit_code == 0
    assert "removed beta-ok/ (no longer in the plan)" in result.summary()
    after = sorted(p.name for p in out.iterdir())
    assert after == sorted(set(before) - {"beta-ok"})
    assert (out / "notes" / "todo.md").read_text() == "mine\n"
    assert (out / "alpha-ok" / "report.html").is_file()
    assert _build(project, prune=True).removed == []


def test_prune_keeps_plan_reports_left_out_by_only(project, runs):
    _build(project)
    result = _build(project, only=["alpha-ok"], prune=True)
    assert result.removed == [] and (project / "reports" / "beta-ok").is_dir()


def test_prune_failure_is_reported_and_sets_the_exit_code(project, runs, monkeypatch):
    _build(project)
    _drop_beta(project)
    real_rmtree = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if Path(path).name == "beta-ok":
            raise PermissionError(13, "Permission denied", str(path))
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(framing.reports._batch.shutil, "rmtree", rmtree)
    result = _build(project, prune=True)
    assert result.removed == [] and result.not_in_plan == ["beta-ok"]
    assert "PermissionError" in result.prune_errors["beta-ok"]
    assert result.exit_code == 1
    assert "NOT REMOVED beta-ok/: PermissionError" in result.summary()


def test_cli_prune_lists_with_dry_run_then_removes(project, runs, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert cli_main(["report", "--plan", "plan.yaml", "--quiet"]) == 0
    _drop_beta(project)
    capsys.readouterr()
    assert cli_main(["report", "--plan", "plan.yaml", "--prune", "--dry-run"]) == 0
    assert "would remove beta-ok/" in capsys.readouterr().out
    assert (project / "reports" / "beta-ok").is_dir()
    assert cli_main(["report", "--plan", "plan.yaml", "--prune", "--quiet"]) == 0
    assert "removed beta-ok/" in capsys.readouterr().out
    assert not (project / "reports" / "beta-ok").exists()
