"""Tests of framing.study: the study file, its check against the data, its first draft,
and the report batch run for a study (not-applicable reports, the index per study)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import framing.reports._fingerprint as fingerprint_mod
from framing.cli import main
from framing.errors import StudyError
from framing.reports import build_reports, load_plan
from framing.study import check_study, init_study, load_study

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "studies" / "demo.yaml"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the file ----------------------------------------------------------------------
def test_demo_study_loads_with_neutral_defaults_for_what_it_omits(tmp_path):
    demo = load_study(DEMO)
    assert demo.name == "demo" and demo.topics == ("us_russia_talks", "us_asia_policy")
    assert demo.annotations.endswith("annotations.csv") and demo.freq == "M"
    mine = load_study(_write(tmp_path / "s.yaml", "name: mine\ntopics: t1\ncorpus: c\n"))
    assert (mine.annotations, mine.focus_outlet, mine.group_column, mine.min_articles) == (
        "",
        "",
        "",
        5,
    )
    assert mine.files() == {"corpus": "c", "topics_file": "corpora/topics.yaml"}


@pytest.mark.parametrize(
    "text, match, line",
    [
        (
            "name: x\ntopics: [t]\ncorpsu: c\n",
            r"line 3: unknown key 'corpsu'.*Did you mean 'corpus'",
            3,
        ),
        ("name: x\ntopics: [t]\nfreq: D\n", r"line 3: 'freq' must be one of W, M, Q, Y", 3),
        ("name: x\ntopics: [t]\nmin_articles: many\n", r"line 3: 'min_articles' must be a int", 3),
        ("name: x\ncorpus: c\n", r"the study needs 'topics:'", 1),
        ("name: a/b\ntopics: [t]\n", r"line 1: 'name' must be a short text without '/'", 1),
    ],
)
def test_study_errors_name_file_line_and_key(tmp_path, text, match, line):
    with pytest.raises(StudyError, match=match) as info:
        load_study(_write(tmp_path / "s.yaml", text))
    assert info.value.line == line and info.value.path.endswith("s.yaml")


# -- checking it against the data ------------------------------------------------------
def test_demo_study_checks_ok_with_validity_warnings():
    result = check_study(load_study(DEMO), root=ROOT)
    assert result.ok, result.summary()
    assert result.topics.set_index("topic")["n_selected"].min() > 100
    warnings = result.problems.query("level == 'warning'")["message"].tolist()
    assert any("shares term(s)" in w for w in warnings)  # query terms inside a frame
    assert any("separates nothing" in w for w in warnings)  # trade in 98% of asia articles


def test_check_names_what_stops_a_batch(tmp_path):
    text = DEMO.read_text().replace(
        "topics: [us_russia_talks, us_asia_policy]", "topics: [us_russia_talks, nope]"
    )
    text = text.replace("group_column: outlet_type", "group_column: outlet_colour")
    text = text.replace("focus_outlet: Nord Vestnik International", "focus_outlet: Nobody")
    study = load_study(_write(tmp_path / "s.yaml", text))
    result = check_study(study, root=ROOT)
    assert not result.ok
    errors = " ".join(result.problems.query("level == 'error'")["message"])
    assert "topic 'nope' is not in corpora/topics.yaml" in errors
    assert "group_column 'outlet_colour' is not a column" in errors
    assert "focus_outlet 'Nobody' is not an outlet" in errors
    assert "NOT OK" in result.summary()


# -- a first draft from a corpus ------------------------------------------------------------
def _leaning_corpus(tmp_path) -> Path:
    rows = []
    for i in range(12):
        outlet = ["Left Daily", "Left Daily", "Right Post", "Centre Wire"][i % 4]
        lean = {"Left Daily": "left", "Right Post": "right", "Centre Wire": "center"}[outlet]
        lean = "right" if i == 8 else lean  # one Left Daily article tagged otherwise
        rows.append({"doc_id": str(i), "outlet": outlet, "bias": lean,
                     "text": "Envoys met for talks on sanctions and a truce."})  # fmt: skip
    folder = tmp_path / "corpora" / "mine"
    folder.mkdir(parents=True)
    pd.DataFrame(rows).to_json(folder / "articles.jsonl", orient="records", lines=True)
    return folder


def test_init_study_writes_a_study_and_outlet_groups(tmp_path, monkeypatch):
    folder = _leaning_corpus(tmp_path)
    shutil.copy(ROOT / "corpora" / "topics.yaml", tmp_path / "corpora" / "topics.yaml")
    monkeypatch.chdir(tmp_path)
    res = init_study("corpora/mine", path="studies/mine.yaml", group_from="bias")
    assert res["mixed"] == ["Left Daily"] and res["n_outlets"] == 3
    study = load_study(tmp_path / "studies" / "mine.yaml")
    assert study.group_column == "outlet_lean" and study.outlets_file == "studies/mine-outlets.yaml"
    assert set(study.topics) == {"us_russia_talks", "us_asia_policy"}
    check = check_study(study, root=tmp_path)
    assert not check.problems.query("level == 'error'").empty  # the asia topic selects nothing
    from framing.corpus import load_outlets

    groups = load_outlets(tmp_path / "studies" / "mine-outlets.yaml").set_index("name")["lean"]
    assert groups.to_dict() == {
        "Centre Wire": "center",
        "Left Daily": "left",
        "Right Post": "right",
    }
    with pytest.raises(StudyError, match="exists; pass overwrite=True"):
        init_study("corpora/mine", path="studies/mine.yaml", group_from="bias")
    with pytest.raises(StudyError, match="no column 'leaning'"):
        init_study("corpora/mine", path="studies/x.yaml", group_from="leaning")
    assert folder.joinpath("outlets.yaml").exists() is False  # the corpus folder is not touched


def test_cli_study_init_and_check(tmp_path, monkeypatch, capsys):
    _leaning_corpus(tmp_path)
    shutil.copy(ROOT / "corpora" / "topics.yaml", tmp_path / "corpora" / "topics.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["study", "init", "corpora/mine", "--out", "s.yaml", "--group-from", "bias"]) == 0
    assert "wrote s-outlets.yaml" in capsys.readouterr().out
    assert main(["study", "check", "s.yaml"]) == 1  # a topic selects nothing: not OK
    out = capsys.readouterr().out
    assert "the topic query selects no article" in out and "NOT OK" in out


# -- the batch run for a study ------------------------------------------------------------
def test_plan_takes_parameters_and_topics_from_the_study():
    specs = load_plan(ROOT / "reports" / "reports.yaml", root=ROOT)
    assert {s.study for s in specs} == {"demo"}
    classifier = next(s for s in specs if s.id == "us_asia_policy-classifier")
    assert classifier.parameters["annotations"] == "corpora/demo/annotations.csv"
    assert "studies/demo.yaml" in classifier.inputs


def _na_project(tmp_path) -> Path:
    """A project whose one notebook says 'not applicable' without hand codes."""
    import nbformat

    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "corpora" / "c").mkdir(parents=True)
    (root / "corpora" / "c" / "articles.jsonl").write_text('{"doc_id": "d1"}\n')
    cells = [
        nbformat.v4.new_code_cell(
            'topic: str = "t"  # topic id\n'
            'annotations: str = ""  # hand codes; empty: none\n'
            'corpus: str = "corpora/c"  # corpus\n'
            'output_dir: str = "."  # set by the runner\n',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(
            "from framing.reports import not_applicable\n"
            'if not annotations:\n    not_applicable("no hand codes: add annotations: to the study")\n'
        ),
        nbformat.v4.new_code_cell('print("classified")'),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "framing-kit", "display_name": "framing", "language": "python"}}),
        str(root / "notebooks" / "codes.ipynb"))  # fmt: skip
    (root / "s.yaml").write_text("name: s1\ntopics: [t]\ncorpus: corpora/c\n")
    (root / "plan.yaml").write_text(
        "study: s.yaml\nreports:\n  - id: '{topic}-codes'\n    notebook: notebooks/codes.ipynb\n"
        "    matrix: {topic: study}\n"
    )
    return root


@pytest.mark.notebook
def test_a_report_without_what_it_needs_is_not_applicable_not_failed(tmp_path, monkeypatch):
    monkeypatch.setattr(
        fingerprint_mod, "kit_info", lambda **_: {"version": "t", "code_sha256": "0"}
    )
    root = _na_project(tmp_path)
    result = build_reports(root / "plan.yaml", out=root / "reports", root=root, progress=False)
    assert [o.status for o in result.outcomes] == ["not applicable"] and result.exit_code == 0
    assert "n/a      t-codes" in result.summary() and "no hand codes" in result.summary()
    manifest = json.loads((root / "reports" / "t-codes" / "manifest.json").read_text())
    assert manifest["status"] == "not applicable" and manifest["study"] == "s1"
    html = (root / "reports" / "t-codes" / "report.html").read_text()
    assert "Not applicable to this study: no hand codes" in html and "Traceback" not in html
    index = (root / "reports" / "index.html").read_text()
    assert "Study: <b>s1</b>" in index and "Not applicable to this study" in index
    again = build_reports(root / "plan.yaml", out=root / "reports", root=root, progress=False)
    assert [o.status for o in again.outcomes] == ["skipped"]  # up to date, not re-run


def test_index_hides_a_kept_report_of_another_study(tmp_path):
    from framing.reports._index import write_index
    from framing.reports._plan import ReportSpec

    out = tmp_path / "reports"
    (out / "r1").mkdir(parents=True)
    (out / "r1" / "manifest.json").write_text(json.dumps({"id": "r1", "study": "demo",
        "parameters": {"corpus": "corpora/demo"}, "figures": [{"id": "old", "files": {"png": "figures/old.png"}}]}))  # fmt: skip
    spec = ReportSpec(
        id="r1", notebook="n.ipynb", parameters={"corpus": "corpora/mine"}, study="mine"
    )
    html = write_index(out, [spec]).read_text()
    assert "The last good build is of study &#x27;demo&#x27;" in html and "old.png" not in html
