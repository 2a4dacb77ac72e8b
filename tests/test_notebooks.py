"""Tests of the notebooks in notebooks/: declared parameters, thinness, sync, smoke runs.

Every ``notebooks/*.ipynb`` is checked: its first code cell is the ``parameters`` cell
with a help comment per parameter (``papermill.inspect_notebook``) and the parameters
every batch notebook needs; code cells hold no ``def`` or ``class``; the committed
file has no outputs and matches its paired ``.py`` (jupytext). The tests marked
``notebook`` execute each notebook with ``smoke=True`` into ``tmp_path`` on the
``framing-kit`` kernel, with the working directory at the project root as under
``framing report``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
REQUIRED = {"corpus", "output_dir", "smoke"}
KERNEL = "framing-kit"
NOT_APPLICABLE = "ReportNotApplicable"  # a study's topic that selects nothing (issue 12)


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def test_there_are_notebooks():
    assert {"10-corpus-overview", "20-lexicon-frames", "40-outlet-contrasts"} <= set(IDS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_parameters_cell_is_first_and_documented(path):
    import papermill

    first = _code_cells(_read(path))[0]
    assert "parameters" in first["metadata"].get("tags", []), "first code cell must be tagged"
    declared = papermill.inspect_notebook(str(path))
    assert REQUIRED <= set(declared), f"missing: {REQUIRED - set(declared)}"
    for name, info in declared.items():
        assert info["help"], f"{path.name}: parameter {name!r} has no help comment"
        assert info["inferred_type_name"] not in ("None", ""), f"{name!r} has no annotation"
    assert declared["smoke"]["default"] == "False"
    # every line of the cell is a parameter papermill could parse (no '=' in comments)
    lines = [ln for ln in _source(first).splitlines() if ln.strip()]
    assert len(lines) == len(declared)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_thin_no_def_no_class(path):
    for cell in _code_cells(_read(path)):
        tree = ast.parse(_source(cell))
        bad = [
            type(node).__name__
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ]
        assert not bad, f"{path.name}: {bad} in a code cell; move it into the framing package"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs_and_paired(path):
    nb = _read(path)
    for cell in _code_cells(nb):
        assert cell.get("outputs") == [], f"{path.name}: strip outputs before committing"
        assert cell.get("execution_count") is None
    meta = nb["metadata"]
    assert meta["kernelspec"]["name"] == KERNEL
    assert meta["jupytext"]["formats"] == "ipynb,py:percent"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_ipynb_in_sync_with_py(path):
    import jupytext

    paired = path.with_suffix(".py")
    assert paired.is_file(), f"{paired.name} missing: run jupytext --sync {path.name}"
    a = jupytext.read(path)
    b = jupytext.read(paired)

    def cells(nb):
        return [(c.cell_type, c.source.strip(), c.metadata.get("tags", [])) for c in nb.cells]

    assert cells(a) == cells(b), f"run `jupytext --sync {path}` (or --to ipynb from the .py)"


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_smoke_run(path, tmp_path, monkeypatch):
    import papermill

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "report"
    papermill.execute_notebook(
        str(path),
        str(tmp_path / "executed.ipynb"),
        parameters={"smoke": True, "output_dir": str(out)},
        kernel_name=KERNEL,
        cwd=str(ROOT),
        progress_bar=False,
        log_output=False,
    )
    saved = sorted(p.name for p in out.rglob("*") if p.is_file())
    assert any(n.endswith(".png") for n in saved) or any(n.endswith(".csv") for n in saved)
    for png in (out / "figures").glob("*.png"):
        assert png.with_suffix(".json").is_file(), f"{png.name} saved without provenance"
    assert not (ROOT / "notebooks" / "figures").exists(), "a notebook wrote into notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_words_match_the_statistics(path):
    # audit G5/G10: notebook 20 read overlapping whiskers as "no clear difference", and
    # captions called a mean of article-level rates a "rate per 1,000 tokens"
    text = " ".join(_source(c) for c in _read(path)["cells"]).lower()
    assert "overlapping whiskers as" not in text
    if "_per_1k" in text and "by_outlet" in text:
        assert "article-level rates" in text


def test_selected_differences_are_printed_with_fcr_intervals():
    # audit G5: notebook 40 listed BH-significant pairs beside unadjusted 95% intervals
    nb = _read(ROOT / "notebooks" / "40-outlet-contrasts.ipynb")
    cell = next(_source(c) for c in _code_cells(nb) if "significant = pairs[" in _source(c))
    assert "ci_low_fcr" in cell and '"ci_low",' not in cell


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "parameters", "ename", "message"),
    [
        ("20-lexicon-frames", {"topic": "nothing_matches"}, NOT_APPLICABLE, "selects 0 of"),
        ("30-classifier-frames", {"topic": "nothing_matches"}, NOT_APPLICABLE, "selects 0 of"),
        ("50-stories", {"topic": "nothing_matches"}, NOT_APPLICABLE, "selects 0 of"),
        ("20-lexicon-frames", {"frames": ["no_such_frame"]}, "LexiconError", "no category"),
    ],
)
def test_bad_parameters_stop_with_a_readable_error(name, parameters, ename, message, tmp_path):
    """Review M7: a topic matching no article gave a pandas merge error (20) and
    sklearn's "Found array with 0 sample(s)" (30); `frames: [no_such_frame]` a KeyError.
    Since the study work a topic that selects nothing makes the report not applicable."""
    import papermill

    topics = tmp_path / "topics.yaml"
    topics.write_text(
        "topics:\n  nothing_matches:\n    query:\n      all_of: [[zzyzxqq]]\n", encoding="utf-8"
    )
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{name}.ipynb"),
            str(tmp_path / "executed.ipynb"),
            parameters={"smoke": True, "output_dir": str(tmp_path / "out"),
                        "topics_file": str(topics), **parameters},
            kernel_name=KERNEL,
            cwd=str(ROOT),
            progress_bar=False,
            log_output=False,
        )  # fmt: skip
    assert info.value.ename == ename and message in info.value.evalue
