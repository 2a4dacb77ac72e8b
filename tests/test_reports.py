"""Tests of the report batch (framing/reports.py and its private steps).

Most tests replace the execute step with a fake that copies the notebook and writes a
figure bundle, so plan checks, up-to-date decisions, atomic replacement, rendering and
the index are tested without starting kernels. The tests marked ``notebook`` run the
fixture notebooks for real under papermill.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

import framing.reports._fingerprint as fingerprint_mod
import framing.reports._render as render_mod
from framing.cli import main as cli_main
from framing.errors import PlanError
from framing.reports import build_reports, load_plan, notebook_parameters

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STABLE_KIT = {"version": "test", "code_sha256": "0" * 64}


@pytest.fixture(autouse=True)
def _stable_kit(monkeypatch):
    """The kit hash covers framing/ source; fix it so edits elsewhere cannot flake tests."""
    monkeypatch.setattr(fingerprint_mod, "kit_info", lambda **_: dict(STABLE_KIT))


def _project(root: Path) -> Path:
    (root / "notebooks").mkdir(parents=True)
    for name in ("reports_ok.ipynb", "reports_fail.ipynb"):
        shutil.copy(FIXTURES / name, root / "notebooks" / name)
    (root / "corpora" / "demo").mkdir(parents=True)
    (root / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d1"}\n')
    shutil.copy(FIXTURES / "reports_plan.yaml", root / "plan.yaml")
    return root


@pytest.fixture
def project(tmp_path):
    return _project(tmp_path / "proj")


def _plan(root: Path, text: str) -> Path:
    path = root / "plan.yaml"
    path.write_text(textwrap.dedent(text))
    return path


class _CellError(Exception):
    """Stands in for papermill's PapermillExecutionError (same attributes)."""

    def __init__(self):
        super().__init__("planted")
        self.cell_index, self.exec_count, self.source = 3, 4, "if fail:\n    raise"
        self.ename, self.evalue = "ValueError", "planted failure"


@pytest.fixture
def fake_execute(monkeypatch):
    """Replace the kernel run: copy the notebook, write a figure bundle, fail on `fail`."""
    calls = []

    def fake(spec, folder, *, kernel_name, timeout=None):
        calls.append(spec.id)
        out = folder / "report.ipynb"
        nb = nbformat.read(str(spec.notebook_path), as_version=4)
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "articles",
                outputs=[
                    nbformat.v4.new_output(
                        "execute_result",
                        data={"text/html": "<script>alert(1)</script><b>ok</b>", "text/plain": "x"},
                        execution_count=1,
                    )
                ],
            )
        )
        nbformat.write(nb, str(out))
        if spec.parameters.get("fail"):
            raise _CellError()
        if spec.takes_output_dir:
            label = spec.parameters.get("label", "x")
            for ext in ("png", "pdf", "csv"):
                (folder / "figures" / f"{label}-bars.{ext}").write_bytes(b"stand-in")
            caption = f"<script>alert('{label}')</script> bars"
            (folder / "figures" / f"{label}-bars.json").write_text(json.dumps({"caption": caption}))
            (folder / "tables" / "rows.csv").write_text("row\n0\n")
        return out

    monkeypatch.setattr(render_mod, "execute", fake)
    monkeypatch.setattr(render_mod, "check_kernel", lambda name: None)
    return calls


def _build(root, **kw):
    kw.setdefault("progress", False)
    return build_reports(root / "plan.yaml", out=root / "reports", root=root, **kw)


def _status(result):
    return {o.id: o.status for o in result.outcomes}


def _manifest(root, rid):
    return json.loads((root / "reports" / rid / "manifest.json").read_text())


# --- the plan -------------------------------------------------------------------------


def test_load_plan_expands_matrix_templates_ids_and_applies_defaults(project):
    specs = load_plan(project / "plan.yaml", root=project)
    assert [s.id for s in specs] == ["alpha-ok", "beta-ok", "failing"]
    alpha = specs[0]
    assert alpha.parameters == {
        "corpus": "corpora/demo",
        "smoke": True,
        "rows": 3,
        "label": "alpha",
    }
    assert alpha.title == "Fixture report alpha"
    assert alpha.takes_output_dir and alpha.line == 6
    # a default is passed only to notebooks that declare it (reports_fail has no corpus)
    assert specs[2].parameters == {"smoke": True, "fail": True}
    assert not specs[2].takes_output_dir


def test_empty_plan_is_valid(tmp_path):
    plan = _plan(tmp_path, "# nothing yet\nreports: []\n")
    assert load_plan(plan, root=tmp_path) == []


def test_notebook_parameters_agree_with_papermill():
    import papermill

    for name in ("reports_ok.ipynb", "reports_fail.ipynb"):
        ours = notebook_parameters(FIXTURES / name)
        theirs = papermill.inspect_notebook(str(FIXTURES / name))
        assert list(ours) == list(theirs)
        for key, info in ours.items():
            assert info["help"] == theirs[key]["help"]
    assert notebook_parameters(FIXTURES / "reports_ok.ipynb")["rows"]["annotation"] == "int"


@pytest.mark.parametrize(
    ("annotation", "value", "fits"),
    [
        ("int", 3, True),
        ("int", True, False),
        ("float", 2, True),
        ("bool", "yes", False),
        ("str", 1, False),
        ("str | None", None, True),
        ("str", None, False),
        ("list[str]", ["a"], True),
        ("Path", 1, True),  # annotations it does not know accept anything
        (None, object(), True),
    ],
)
def test_value_fits_simple_annotations(annotation, value, fits):
    from framing.reports._params import value_fits

    assert value_fits(annotation, value) is fits


@pytest.mark.parametrize(
    ("text", "match", "payload"),
    [
        (
            "reports:\n  - id: a\n    notebook: notebooks/missing.ipynb\n",
            r"notebook 'notebooks/missing.ipynb' does not exist",
            {"line": 2, "report": "a", "field": "notebook", "value": "notebooks/missing.ipynb"},
        ),
        (
            "reports:\n  - id: a\n    notebook: notebooks/reports_ok.ipynb\n"
            "    parameters: {lables: x}\n",
            r"parameter 'lables' is not declared by notebooks/reports_ok.ipynb .*"
            r"Did you mean 'label'\?",
            {"line": 2, "report": "a", "field": "lables", "value": "x"},
        ),
        (
            "reports:\n  - id: a\n    notebook: [unclosed\n",
            r"line \d+: malformed YAML",
            {"report": None},
        ),
        (
            "reports:\n  - id: same\n    notebook: notebooks/reports_ok.ipynb\n"
            "  - id: same\n    notebook: notebooks/reports_fail.ipynb\n",
            r"duplicate report id 'same' \(first at line 2\)",
            {"line": 4, "report": "same", "field": "id", "value": "same"},
        ),
        (
            "reports:\n  - id: a-{label}\n    notebook: notebooks/reports_ok.ipynb\n"
            "    matrix: {label: [x, x]}\n",
            r"duplicate report id 'a-x'",
            {"report": "a-x", "field": "id"},
        ),
        (
            "reports:\n  - id: a\n    notebok: notebooks/reports_ok.ipynb\n",
            r"unknown report key\(s\) \['notebok'\] .* Did you mean 'notebook'\?",
            {"line": 2, "report": "a", "field": "notebok"},
        ),
        (
            "defaults: {corpus: corpora/demo}\nreport: []\n",
            r"unknown top-level key\(s\) \['report'\]",
            {"field": "report"},
        ),
        (
            "reports:\n  - id: a\n    notebook: notebooks/reports_ok.ipynb\n"
            "    parameters: {output_dir: elsewhere}\n",
            r"'output_dir' is set by the runner",
            {"report": "a", "field": "output_dir", "value": "elsewhere"},
        ),
        (
            "reports:\n  - id: a-{topic}\n    notebook: notebooks/reports_ok.ipynb\n"
            "    matrix: {label: [x]}\n",
            r"uses \{topic\}, which is not a matrix key",
            {"report": "a-{topic}", "field": "id", "value": "topic"},
        ),
        (
            "defaults: {corpsu: corpora/demo}\nreports:\n  - id: a\n"
            "    notebook: notebooks/reports_ok.ipynb\n",
            r"default parameter 'corpsu' is not declared by any notebook",
            {"field": "corpsu"},
        ),
        (
            "reports:\n  - id: ../escape\n    notebook: notebooks/reports_ok.ipynb\n",
            r"not a usable folder name",
            {"report": "../escape", "field": "id"},
        ),
        (
            "reports:\n  - id: index.html\n    notebook: notebooks/reports_ok.ipynb\n",
            r"not a usable folder name",
            {"report": "index.html", "field": "id"},
        ),
        (
            "reports:\n  - id: a\n    notebook: notebooks/reports_ok.ipynb\n"
            "    parameters: {rows: three}\n",
            r"parameter 'rows' = 'three' \(str\) does not fit its annotation `int`",
            {"line": 2, "report": "a", "field": "rows", "value": "three"},
        ),
        (
            "reports:\n  - id: a-{label\n    notebook: notebooks/reports_ok.ipynb\n"
            "    matrix: {label: [x]}\n",
            r"id template 'a-\{label' is malformed",
            {"line": 2, "field": "id", "value": "a-{label"},
        ),
        (
            "reports:\n  - id: a\n    notebook: plan.yaml\n",
            r"\(report 'a'\): .*plan.yaml: cannot read the notebook",
            {"line": 2, "report": "a", "field": "notebook", "value": "plan.yaml"},
        ),
    ],
    ids=[
        "unknown-notebook",
        "unknown-parameter",
        "bad-yaml",
        "duplicate-id",
        "duplicate-from-matrix",
        "unknown-report-key",
        "unknown-top-key",
        "reserved-parameter",
        "bad-template",
        "unknown-default",
        "unsafe-id",
        "file-like-id",
        "wrong-type",
        "malformed-template",
        "not-a-notebook",
    ],
)
def test_bad_plans_are_rejected_before_anything_runs(project, fake_execute, text, match, payload):
    plan = _plan(project, text)
    with pytest.raises(PlanError, match=match) as info:
        _build(project)
    err = info.value
    assert err.path == str(plan) and str(plan) in str(err)
    for key, value in payload.items():
        assert getattr(err, key) == value, key
    assert fake_execute == []
    assert not (project / "reports").exists()


def test_bad_yaml_names_its_line(project):
    plan = _plan(project, "reports:\n  - id: a\n    notebook: x\n   bad: indent\n")
    with pytest.raises(PlanError, match=r"line 4: malformed YAML") as info:
        load_plan(plan, root=project)
    assert info.value.line == 4


def test_only_must_match_a_report(project, fake_execute):
    with pytest.raises(PlanError, match=r"--only 'nope' matches no report") as info:
        _build(project, only=["nope"])
    assert info.value.value == "nope"
    assert _status(_build(project, only=["*-ok"])) == {"alpha-ok": "ran", "beta-ok": "ran"}


# --- up to date, force, changes -------------------------------------------------------


def test_rerun_skips_unchanged_reports_and_keeps_manifests(project, fake_execute, monkeypatch):
    first = _build(project, only=["*-ok"])
    assert _status(first) == {"alpha-ok": "ran", "beta-ok": "ran"}
    before = {r: (project / "reports" / r / "manifest.json").read_bytes() for r in _status(first)}

    def no_kernel(*args, **kwargs):
        raise AssertionError("an up-to-date report must not be executed")

    monkeypatch.setattr(render_mod, "execute", no_kernel)
    second = _build(project, only=["*-ok"])
    assert _status(second) == {"alpha-ok": "skipped", "beta-ok": "skipped"}
    assert second.exit_code == 0
    for rid, data in before.items():
        assert (project / "reports" / rid / "manifest.json").read_bytes() == data


def test_force_reruns(project, fake_execute):
    _build(project, only=["*-ok"])
    assert _status(_build(project, only=["*-ok"], force=True)) == {
        "alpha-ok": "ran",
        "beta-ok": "ran",
    }
    assert fake_execute == ["alpha-ok", "beta-ok"] * 2


def test_parameter_change_reruns_only_that_report(project, fake_execute):
    _build(project, only=["*-ok"])
    plan = project / "plan.yaml"
    plan.write_text(
        plan.read_text().replace(
            "matrix: {label: [alpha, beta]}", "matrix: {label: [alpha, gamma]}"
        )
    )
    assert _status(_build(project, only=["*-ok"])) == {"alpha-ok": "skipped", "gamma-ok": "ran"}
    plan.write_text(plan.read_text().replace("{rows: 3}", "{rows: 4}"))
    assert _status(_build(project, only=["*-ok"])) == {"alpha-ok": "ran", "gamma-ok": "ran"}


def test_notebook_or_corpus_change_reruns_only_affected_reports(project, fake_execute):
    _build(project)
    fail_nb = project / "notebooks" / "reports_fail.ipynb"
    nb = nbformat.read(str(fail_nb), as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("a new note"))
    nbformat.write(nb, str(fail_nb))
    status = _status(_build(project))
    assert status == {"alpha-ok": "skipped", "beta-ok": "skipped", "failing": "failed"}
    (project / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d2"}\n')
    status = _status(_build(project))
    assert status["alpha-ok"] == status["beta-ok"] == "ran"
    manifest = _manifest(project, "alpha-ok")
    assert list(manifest["inputs"]["corpus"]) == ["corpora/demo"]
    assert manifest["inputs"]["corpus"]["corpora/demo"]["files"] == 1


def test_files_named_by_notebook_defaults_are_inputs(project, fake_execute):
    _plan(
        project,
        """
        reports:
          - id: plain
            notebook: notebooks/reports_ok.ipynb
        """,
    )
    (spec,) = load_plan(project / "plan.yaml", root=project)
    assert spec.notebook_defaults["corpus"] == "corpora/demo"
    assert "output_dir" not in spec.notebook_defaults and spec.parameters == {}
    assert _status(_build(project)) == {"plain": "ran"}
    assert "corpora/demo" in _manifest(project, "plain")["inputs"]["corpus"]
    (project / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d9"}\n')
    assert _status(_build(project)) == {"plain": "ran"}


def test_dry_run_says_what_would_run_and_why_without_running(project, fake_execute):
    first = _build(project, dry_run=True)
    assert {o.id: (o.status, o.reason) for o in first.outcomes} == {
        "alpha-ok": ("stale", "not built yet"),
        "beta-ok": ("stale", "not built yet"),
        "failing": ("stale", "not built yet"),
    }
    assert "3 to build, 0 up to date (dry run" in first.summary()
    assert fake_execute == [] and not (project / "reports").exists()
    built = _build(project, only=["*-ok"])
    assert {o.reason for o in built.outcomes} == {"not built yet"}
    assert "built    alpha-ok" in built.summary() and ": not built yet" in built.summary()
    (project / "corpora" / "demo" / "articles.jsonl").write_text('{"doc_id": "d3"}\n')
    nb = project / "notebooks" / "reports_ok.ipynb"
    nb.write_text(nb.read_text().replace("Fixture report", "Fixture report!"))
    dry = _build(project, only=["*-ok"], dry_run=True)
    assert [o.reason for o in dry.outcomes] == ["changed: notebook, corpus corpora/demo"] * 2
    assert [
        o.reason for o in _build(project, only=["alpha-ok"], dry_run=True, force=True).outcomes
    ] == ["changed: notebook, corpus corpora/demo"]
    _build(project, only=["*-ok"])
    forced = _build(project, only=["alpha-ok"], force=True, dry_run=True)
    assert [o.reason for o in forced.outcomes] == ["forced (--force)"]
    hidden = _build(project, only=["alpha-ok"], hide_code=True, dry_run=True)
    assert [o.reason for o in hidden.outcomes] == ["changed: options"]


def test_hide_code_is_a_render_option_that_reruns(project, fake_execute):
    _build(project, only=["alpha-ok"])
    html = (project / "reports" / "alpha-ok" / "report.html").read_text()
    assert "b64decode" in html  # code shown
    result = _build(project, only=["alpha-ok"], hide_code=True)
    assert _status(result) == {"alpha-ok": "ran"}
    html = (project / "reports" / "alpha-ok" / "report.html").read_text()
    assert "b64decode" not in html
    assert _manifest(project, "alpha-ok")["options"]["hide_code"] is True


# --- failures and atomic replacement ---------------------------------------------------


def test_failure_is_isolated_and_named_in_the_summary(project, fake_execute):
    result = _build(project)
    assert _status(result) == {"alpha-ok": "ran", "beta-ok": "ran", "failing": "failed"}
    assert result.exit_code == 1
    (failed,) = result.failed
    assert (failed.cell_index, failed.ename, failed.evalue) == (3, "ValueError", "planted failure")
    assert failed.failed_notebook == project / "reports" / "failing.failed.ipynb"
    assert failed.failed_notebook.is_file()
    summary = result.summary()
    assert (
        "FAILED   failing: cell 3 (In [4]) `if fail:` raised ValueError: planted failure" in summary
    )
    assert "failing.failed.ipynb" in summary
    assert not (project / "reports" / "failing").exists()
    assert not list((project / "reports").glob(".tmp-*"))


def test_previous_good_report_survives_a_failing_rerun(project, fake_execute):
    plan = project / "plan.yaml"
    plan.write_text(plan.read_text().replace("{fail: true}", "{fail: false}"))
    assert _status(_build(project, only=["failing"])) == {"failing": "ran"}
    folder = project / "reports" / "failing"
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    plan.write_text(plan.read_text().replace("{fail: false}", "{fail: true}"))
    result = _build(project, only=["failing"])
    assert result.exit_code == 1
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert "previous good report left in place" in result.summary()
    index = (project / "reports" / "index.html").read_text()
    assert "The last run failed" in index and "previous good version" in index
    assert "raised ValueError: planted failure" in index
    record = json.loads((project / "reports" / "failing.failed.json").read_text())
    assert record["cell_index"] == 3 and record["failed_notebook"] == "failing.failed.ipynb"
    # fixing it builds it again and drops the kept failure
    plan.write_text(plan.read_text().replace("{fail: true}", "{fail: false}"))
    assert _status(_build(project, only=["failing"])) == {"failing": "skipped"}
    assert _status(_build(project, only=["failing"], force=True)) == {"failing": "ran"}
    assert not (project / "reports" / "failing.failed.ipynb").exists()
    assert not (project / "reports" / "failing.failed.json").exists()


def test_interrupted_swap_is_recovered(project, fake_execute):
    _build(project, only=["alpha-ok"])
    reports = project / "reports"
    (reports / "alpha-ok").rename(reports / ".old-alpha-ok-1234abcd")  # crash between renames
    (reports / ".tmp-alpha-ok-zz_a1b2c").mkdir()
    (reports / ".old-alpha-ok-x-0000ffff").mkdir()  # another report's ("alpha-ok-x")
    assert _status(_build(project, only=["alpha-ok"])) == {"alpha-ok": "skipped"}
    assert (reports / "alpha-ok" / "manifest.json").is_file()
    assert [p.name for p in reports.glob(".*")] == [".old-alpha-ok-x-0000ffff"]


def test_missing_kernel_is_reported_before_any_run(project, monkeypatch):
    from framing.errors import ReportError

    def no_run(*args, **kwargs):
        raise AssertionError("nothing may run without the kernel")

    monkeypatch.setattr(render_mod, "execute", no_run)
    with pytest.raises(ReportError, match=r"kernel 'no-such-kernel' is not registered") as info:
        _build(project, kernel_name="no-such-kernel")
    assert info.value.kernel == "no-such-kernel"


# --- HTML safety and the index ---------------------------------------------------------


def test_sanitize_outputs_escapes_markup_and_drops_scripts():
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": "<style>td{color:red}</style><table><thead><tr><th>t</th></tr></thead>"
                '<tbody><tr><td onclick="alert(5)">&lt;script&gt;</td></tr></tbody></table>'
                '<script>alert(1)</script><a href="javascript:alert(2)">x</a>',
                "application/javascript": "alert(3)",
                "image/svg+xml": "<svg onload='alert(4)'/>",
                "text/plain": "<script>alert(1)</script>",
            },
        )
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    render_mod.sanitize_outputs(nb)
    data = nb.cells[0].outputs[0]["data"]
    assert set(data) == {"text/html", "text/plain"}
    html = data["text/html"]
    assert "<thead>" in html and "<th>t</th>" in html and "<td>&lt;script&gt;</td>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<style" not in html


def test_markdown_outputs_lose_script_links_and_raw_html(tmp_path):
    cell = nbformat.v4.new_code_cell("x")
    text = "[click](javascript:alert(7)) <img src=x onerror=alert(8)> **bold**"
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": text, "text/plain": "x"})
    ]
    nb_path = tmp_path / "md.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), str(nb_path))
    render_mod.render_html(nb_path, tmp_path / "md.html", hide_code=True, title="md")
    html = (tmp_path / "md.html").read_text()
    assert "<strong>bold</strong>" in html and ">click</a>" in html
    assert "javascript:" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(8)&gt;" in html


def test_collect_outputs_sorts_loose_files_into_figures_and_tables(tmp_path):
    for name in ("report.ipynb", "report.html", "notes.txt"):
        (tmp_path / name).write_text("x")
    for ext in ("png", "svg", "csv", "json"):  # a figure bundle saved at the top
        (tmp_path / f"share.{ext}").write_text("{}" if ext == "json" else "x")
    (tmp_path / "share.json").write_text(json.dumps({"caption": "Share by outlet"}))
    for ext in ("csv", "tex", "json"):  # a table saved at the top
        (tmp_path / f"counts.{ext}").write_text("{}" if ext == "json" else "x")
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "tone.pdf").write_text("x")
    figures, tables = render_mod.collect_outputs(tmp_path)
    assert [f["id"] for f in figures] == ["share", "tone"]
    assert figures[0]["caption"] == "Share by outlet"
    assert set(figures[0]["files"]) == {"png", "svg", "csv", "json"}
    assert figures[1]["files"] == {"pdf": "figures/tone.pdf"}
    assert tables == [
        {
            "id": "counts",
            "caption": "",
            "files": {
                "csv": "tables/counts.csv",
                "json": "tables/counts.json",
                "tex": "tables/counts.tex",
            },
        }
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "notes.txt",
        "report.html",
        "report.ipynb",
    ]


def test_index_lists_every_report_and_figure_escaped(project, fake_execute):
    result = _build(project)
    index = (project / "reports" / "index.html").read_text()
    for rid in ("alpha-ok", "beta-ok", "failing"):
        assert f'id="{rid}"' in index
    for label in ("alpha", "beta"):
        assert f'<img src="{label}-ok/figures/{label}-bars.png"' in index
        assert f'href="{label}-ok/figures/{label}-bars.pdf"' in index
        assert f'href="{label}-ok/figures/{label}-bars.csv"' in index
        assert f"&lt;script&gt;alert(&#x27;{label}&#x27;)&lt;/script&gt; bars" in index
        assert f'href="{label}-ok/report.html"' in index
    assert "<script" not in index
    assert "Not built yet" in index  # the failing report has no good version
    fig = _manifest(project, "alpha-ok")["figures"][0]
    assert fig["id"] == "alpha-bars" and fig["caption"].endswith("bars")
    assert set(fig["files"]) == {"png", "pdf", "csv", "json"}
    assert result.index == project / "reports" / "index.html"


def test_manifest_records_inputs_versions_and_timings(project, fake_execute):
    _build(project, only=["alpha-ok"])
    m = _manifest(project, "alpha-ok")
    assert m["parameters"]["label"] == "alpha" and m["output_dir_passed"] is True
    assert m["inputs"]["notebook"]["path"] == "notebooks/reports_ok.ipynb"
    assert len(m["inputs"]["notebook"]["sha256"]) == 64
    assert m["kit"] == STABLE_KIT
    assert set(m["versions"]) == {"python", "papermill", "nbconvert", "nbformat"}
    assert m["git_commit"] is None or len(m["git_commit"]) == 40
    assert set(m["timings"]) == {"execute_s", "render_s", "total_s"}
    assert m["tables"][0]["files"] == {"csv": "tables/rows.csv"}


def test_lexicon_parameter_hashes_builtin_or_file(tmp_path):
    from framing.reports._plan import ReportSpec

    (tmp_path / "my.yaml").write_text("name: x\n")
    spec = ReportSpec(
        id="a",
        notebook="nb.ipynb",
        parameters={"lexicon": "news_frames", "extra_lexicons": ["my.yaml"], "n": 3},
        root=tmp_path,
    )
    (tmp_path / "nb.ipynb").write_text("{}")
    inputs = fingerprint_mod.input_hashes(spec)
    assert set(inputs["lexicons"]) == {"news_frames", "my.yaml"}
    assert inputs["corpus"] == {} and inputs["files"] == {}


def test_values_naming_the_root_or_the_output_are_not_hashed(tmp_path):
    from framing.reports._plan import ReportSpec

    (tmp_path / "reports").mkdir()
    (tmp_path / "data.csv").write_text("a\n")
    (tmp_path / "nb.ipynb").write_text("{}")
    params = {"sep": "/", "here": ".", "up": "..", "out": "reports", "table": "data.csv"}
    spec = ReportSpec(id="a", notebook="nb.ipynb", parameters=params, root=tmp_path)
    inputs = fingerprint_mod.input_hashes(spec, exclude=(tmp_path / "reports",))
    assert list(inputs["files"]) == ["data.csv"]


def test_kit_info_hashes_package_files():
    # the autouse fixture replaced kit_info on the module; call the original function
    import importlib

    fresh = importlib.reload(fingerprint_mod)
    try:
        info = fresh.kit_info()
        assert set(info) == {"version", "code_sha256"} and len(info["code_sha256"]) == 64
    finally:
        importlib.reload(fingerprint_mod)


# --- the fast path and the CLI ---------------------------------------------------------


def test_unchanged_build_imports_no_heavy_module(project, fake_execute):
    # the speed of this path is measured in bench/reports.py; here: what it loads
    _build(project)
    script = textwrap.dedent(
        f"""
        import json, sys
        import framing.reports._fingerprint as f
        f.kit_info = lambda **_: {STABLE_KIT!r}
        from framing.reports import build_reports
        r = build_reports("plan.yaml", out="reports", only=["*-ok"], progress=False)
        heavy = [m for m in ("papermill", "nbconvert", "nbformat", "matplotlib",
                             "jupyter_client", "bleach") if m in sys.modules]
        print(json.dumps({{"status": [o.status for o in r.outcomes], "heavy": heavy}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {"status": ["skipped", "skipped"], "heavy": []}, done.stderr


def test_cli_report_prints_summary_and_exit_code(project, fake_execute, monkeypatch, capsys):
    monkeypatch.chdir(project)
    code = cli_main(["report", "--plan", "plan.yaml", "--out", "reports", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "2 built, 0 up to date, 1 failed" in out and "FAILED   failing" in out
    code = cli_main(["report", "--plan", "plan.yaml", "--only", "alpha-ok", "--quiet"])
    assert code == 0 and "1 up to date" in capsys.readouterr().out
    assert cli_main(["report", "--plan", "plan.yaml", "--dry-run"]) == 0
    assert "to build failing: not built yet" in capsys.readouterr().out
    assert cli_main(["report", "--plan", "missing.yaml", "--quiet"]) == 1
    assert "cannot read the plan file" in capsys.readouterr().err


# --- real kernels ------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.slow
def test_real_build_in_parallel_runs_renders_and_isolates_failures(tmp_path):
    root = _project(tmp_path / "proj")
    result = _build(root, jobs=2)
    assert _status(result) == {"alpha-ok": "ran", "beta-ok": "ran", "failing": "failed"}
    reports = root / "reports"
    # figures and tables written through output_dir land in the report folder
    assert (reports / "alpha-ok" / "figures" / "alpha-bars.png").is_file()
    assert (reports / "beta-ok" / "tables" / "rows.csv").read_text().count("\n") == 4
    assert _manifest(root, "beta-ok")["figures"][0]["caption"] == "Bars for beta <b>&</b> friends"
    # article text is escaped in the HTML: DataFrame, Styler and a raw HTML display
    html = (reports / "alpha-ok" / "report.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; talks" in html
    assert "<script>alert" not in html
    for block in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S):
        assert "alert(" not in block
    # no live event-handler attribute in any tag (escaped source text may show the word)
    assert not re.search(r"<[a-zA-Z][^<>]*\sonclick\s*=", html.split("</style>")[-1])
    # the real papermill error: report, cell and error are named; the notebook kept
    (failed,) = result.failed
    assert failed.ename == "ValueError" and failed.evalue == "planted failure"
    assert failed.cell_index is not None and "raised ValueError: planted failure" in failed.error
    assert (reports / "failing.failed.ipynb").is_file()
    index = (reports / "index.html").read_text()
    assert "Bars for alpha &lt;b&gt;&amp;&lt;/b&gt; friends" in index


@pytest.mark.notebook
def test_real_run_in_process_passes_no_output_dir_when_undeclared(tmp_path):
    root = _project(tmp_path / "proj")
    plan = root / "plan.yaml"
    plan.write_text(plan.read_text().replace("{fail: true}", "{fail: false}"))
    result = _build(root, only=["failing"])
    assert _status(result) == {"failing": "ran"}, result.summary()
    m = _manifest(root, "failing")
    assert m["output_dir_passed"] is False and m["figures"] == []
    nb = nbformat.read(str(root / "reports" / "failing" / "report.ipynb"), as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "output_dir" not in injected[0].source and "fail = False" in injected[0].source


@pytest.mark.notebook
@pytest.mark.slow
def test_real_cell_timeout_fails_the_report(tmp_path):
    root = _project(tmp_path / "proj")
    _plan(
        root,
        """
        reports:
          - id: slow
            notebook: notebooks/reports_fail.ipynb
            parameters: {fail: false, pause: 60}
        """,
    )
    result = _build(root, timeout=1)
    (failed,) = result.failed
    assert failed.ename == "CellTimeoutError" and "timed out" in failed.error
    assert (root / "reports" / "slow.failed.ipynb").is_file()


# --- hardening (review M6, L7, L8, L9, L15, M7's cell naming, M4 in a plan) -----------------
def test_fingerprint_hashes_only_project_files_and_skips_dangling_links(tmp_path, caplog):
    """Review M6: a string parameter "/usr/lib" made --dry-run hash 4.2 GB, and a
    dangling symlink in a corpus folder killed every build with FileNotFoundError."""
    from framing.reports._plan import ReportSpec

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "big.bin").write_bytes(b"x" * 10)
    root = tmp_path / "proj"
    (root / "corpora" / "c").mkdir(parents=True)
    (root / "corpora" / "c" / "articles.jsonl").write_text("{}\n")
    (root / "corpora" / "c" / "dangling").symlink_to(tmp_path / "nowhere")
    (root / "nb.ipynb").write_text("{}")
    params = {"corpus": "corpora/c", "msg": str(outside), "up": "../elsewhere"}
    spec = ReportSpec(id="a", notebook="nb.ipynb", parameters=params, root=root,
                      inputs=(str(outside / "big.bin"),))  # fmt: skip
    inputs = fingerprint_mod.input_hashes(spec)
    assert inputs["corpus"]["corpora/c"]["files"] == 1
    assert inputs["corpus"]["corpora/c"]["skipped"] == ["dangling"]
    assert "skipped" in caplog.text and "dangling" in caplog.text
    assert list(inputs["files"]) == [str(outside / "big.bin")]  # declared: hashed


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("reports:\n  - id: " + "r" * 300 + "\n    notebook: notebooks/reports_ok.ipynb\n",
         "at most 100 characters"),
        ("defaults: &d {corpus: *d}\nreports: []\n", "refers to the node that contains it"),
        ("reports:\n  - id: a\n    notebook: notebooks/reports_ok.ipynb\n    parameters: "
         + "{rows: " * 80 + "1" + "}" * 80 + "\n", "nested more than 64 levels"),
    ],
)  # fmt: skip
def test_hostile_plans_are_plan_errors(project, text, match):
    """Review L8 (a 300-character id: raw OSError), L7 (recursive alias: ValueError
    Circular reference), L6 (5,000 levels: RecursionError)."""
    (project / "plan.yaml").write_text(text)
    with pytest.raises(PlanError, match=match):
        load_plan(project / "plan.yaml", root=project)


def test_plan_alias_bomb_is_refused(project):
    """Review M4: an alias bomb in parameters used 943 MB in --dry-run."""
    rows = ["x0: &x0 [a, a, a, a, a, a, a, a, a]"]
    rows += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "defaults:\n" + "\n".join("  " + r for r in rows) + "\nreports: []\n"
    (project / "plan.yaml").write_text(text)
    with pytest.raises(PlanError, match="expand to more than"):
        load_plan(project / "plan.yaml", root=project)


def test_damaged_manifests_do_not_stop_the_index_or_the_build(project, fake_execute):
    """Review L9: a manifest.json with `parameters` a list crashed write_index on every
    later build."""
    _build(project, only=["alpha-ok"])
    path = project / "reports" / "alpha-ok" / "manifest.json"
    data = json.loads(path.read_text())
    data["parameters"] = ["not", "a", "mapping"]
    data["figures"] = [{"id": "x", "files": ["a.png"]}]
    path.write_text(json.dumps(data))
    result = _build(project, only=["alpha-ok", "beta-ok"])
    assert _status(result) == {"alpha-ok": "skipped", "beta-ok": "ran"}
    html = (project / "reports" / "index.html").read_text()
    assert "Not built yet" in html  # the damaged one is shown as not built
    data["inputs"] = ["broken"]
    data["fingerprint"] = "0" * 64
    path.write_text(json.dumps(data))
    dry = _build(project, only=["alpha-ok"], dry_run=True)
    assert dry.outcomes[0].reason == "manifest.json is damaged"


def test_failure_names_the_failing_line_of_the_cell():
    """Review M7: the failing cell was named by its first line, often not the statement
    that raised."""
    from framing.reports._job import _failing_line

    traceback = [
        "\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
        "\x1b[0;31mTopicError\x1b[0m                                Traceback (most recent call last)",
        "Cell \x1b[0;32mIn[4], line 3\x1b[0m\n\x1b[1;32m      1\x1b[0m full \x1b[38;5;241m=\x1b[39m "
        "load_corpus(corpus_path)\n\x1b[1;32m      2\x1b[0m x \x1b[38;5;241m=\x1b[39m 1\n"
        "\x1b[0;32m----> 3\x1b[0m articles \x1b[38;5;241m=\x1b[39m select(full, topic)\n",
        "File \x1b[0;32m~/framing/topics/_select.py:40\x1b[0m, in \x1b[0;36mselect\x1b[0;34m()\n"
        "\x1b[0;32m---> 40\x1b[0m raise TopicError(msg)\n",
    ]
    assert _failing_line(traceback) == (3, "articles = select(full, topic)")
    assert _failing_line(["no cell here"]) is None


def test_ctrl_c_is_one_line_and_exit_code_130(project, monkeypatch, capsys):
    """Review L15: Ctrl-C during `framing report` printed a 40-line traceback."""
    import framing.reports as reports_mod

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(reports_mod, "build_reports", interrupted)
    monkeypatch.chdir(project)
    assert cli_main(["report", "--plan", "plan.yaml", "--quiet"]) == 130
    err = capsys.readouterr().err
    assert err == "framing: interrupted (Ctrl-C); finished outputs are kept.\n"


def test_ids_differing_only_in_case_and_repeated_parameter_keys_are_refused(project):
    """Review §3.2: ids `Good` and `good` would share one folder on macOS and Windows;
    L19: a parameter key given twice (the last won silently)."""
    nb = "notebooks/reports_ok.ipynb"
    (project / "plan.yaml").write_text(
        f"reports:\n  - {{id: Good, notebook: {nb}}}\n  - {{id: good, notebook: {nb}}}\n"
    )
    with pytest.raises(PlanError, match="'Good' differs only in case"):
        load_plan(project / "plan.yaml", root=project)
    (project / "plan.yaml").write_text(
        f"reports:\n  - id: a\n    notebook: {nb}\n    parameters:\n      rows: 1\n      rows: 2\n"
    )
    with pytest.raises(PlanError, match="key 'rows' appears twice") as e:
        load_plan(project / "plan.yaml", root=project)
    assert e.value.line == 6
