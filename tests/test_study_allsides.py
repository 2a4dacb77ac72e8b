"""A study on real news, end to end: import a real export, write and check a study,
build every report for it (the path issue 12 asks for; AllSides, Baly et al. 2020).

Slow (about two minutes: eight notebooks run for real); skips without ../shared/data.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
TOPIC_TAGS = {"russia", "china", "trade", "asia", "north_korea", "foreign_policy", "world"}


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.notebook
def test_import_init_check_and_report_a_real_study(tmp_path, shared_data, monkeypatch, capsys):
    src = shared_data("allsides", "articles.jsonl.gz")
    project = tmp_path / "project"
    for folder in ("notebooks", "corpora"):
        (project / folder).mkdir(parents=True)
    for nb in ROOT.glob("notebooks/*.ipynb"):
        shutil.copy(nb, project / "notebooks" / nb.name)
    shutil.copy(ROOT / "corpora" / "topics.yaml", project / "corpora" / "topics.yaml")
    (project / "reports").mkdir()
    plan = (ROOT / "reports" / "reports.yaml").read_text(encoding="utf-8")
    # the kit's own plan, in smoke mode (fewer resamples) to keep the test short
    (project / "reports" / "reports.yaml").write_text(plan + "\ndefaults: {smoke: true}\n")
    # a sample of the real export: foreign-policy tags plus everything else every 40th
    export = tmp_path / "allsides-sample.jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as fh, export.open("w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if json.loads(line)["topic"] in TOPIC_TAGS or i % 40 == 0:
                out.write(line)
    monkeypatch.chdir(project)
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    args = ["corpus", "import", str(export), "--out", "corpora/allsides", "--lenient",
            "--text-col", "content_original", "--outlet-col", "source", "--id-col", "ID",
            "--rename", "topic=allsides_topic", "--drop", "authors"]  # fmt: skip
    assert main(args) == 0
    assert main(["study", "init", "corpora/allsides", "--out", "studies/allsides.yaml",
                 "--group-from", "bias_text"]) == 0  # fmt: skip
    assert main(["study", "check", "studies/allsides.yaml"]) == 0, capsys.readouterr().out
    checked = capsys.readouterr().out
    assert "OK: the batch can run" in checked
    code = main(["report", "--study", "studies/allsides.yaml", "--quiet"])
    summary = capsys.readouterr().out
    assert code == 0, summary
    assert "0 failed" in summary and "not applicable" in summary  # no hand codes: 30 says so
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Study: <b>allsides</b>" in index
    for png in (project / "reports").rglob("*.png"):
        from matplotlib.image import imread

        assert imread(png).shape[0] <= 4000, png  # no figure taller than a page at 300 dpi
