"""Tests of the ``framing corpus`` command group (info, validate, import)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from framing.cli import main
from framing.corpus import load_corpus

FIX = Path(__file__).parent / "fixtures"


def test_info_prints_the_summary(capsys):
    assert main(["corpus", "info", str(FIX / "corpus_folder")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("articles ")
    assert "Articles per outlet\n" in out
    assert "Articles per outlet x topic and month" in out
    assert "Texts that occur more than once (1)" in out


def test_validate_strict_fails_with_the_message(capsys):
    assert main(["corpus", "validate", str(FIX / "corpus_problems.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "framing: error: corpus_problems.jsonl line 3: malformed JSON (Expecting ',' delimiter"
    )


def test_validate_lenient_reports_counts(capsys):
    assert main(["corpus", "validate", str(FIX / "corpus_problems.jsonl"), "--lenient"]) == 0
    out = capsys.readouterr().out
    # the unreadable date of line 7 is kept as missing, with a warning
    assert out.splitlines()[0] == "corpus_problems.jsonl: read 9, kept 4, rejected 5, warnings 1"
    argv = ["corpus", "validate", str(FIX / "corpus_problems.jsonl"), "--lenient"]
    assert main([*argv, "--require-date"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "corpus_problems.jsonl: read 9, kept 0, rejected 9, warnings 0"


def test_validate_ok_folder(capsys):
    assert main(["corpus", "validate", str(FIX / "corpus_folder")]) == 0
    assert capsys.readouterr().out.strip() == (
        "articles.jsonl: read 5, kept 5, rejected 0, warnings 1\n"
        "Warnings by field: date 1\n"
        "  line 3  dates like '7/12/25' can be read day first or month first; this file's "
        "are read as month/day/year (US order): pass --dayfirst if it is day first"
    )


def test_import_with_column_flags(tmp_path, capsys):
    out = tmp_path / "corpora" / "small"
    argv = ["corpus", "import", str(FIX / "corpus_unmapped.jsonl"), "--out", str(out)]
    argv += ["--text-col", "body", "--outlet-col", "source", "--id-col", "ID"]
    argv += ["--name", "small", "--description", "two records"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "read 2, kept 2, rejected 0" in printed and f"wrote {out}" in printed
    meta = yaml.safe_load((out / "corpus.yaml").read_text())
    assert meta["name"] == "small" and meta["description"] == "two records"
    assert meta["provenance"]["mapping"] == {"text": "body", "outlet": "source", "doc_id": "ID"}
    assert list(load_corpus(out)["doc_id"]) == ["s1", "s2"]


def test_import_lenient_writes_rejected(tmp_path, capsys):
    out = tmp_path / "clean"
    argv = ["corpus", "import", str(FIX / "corpus_problems.jsonl"), "--out", str(out), "--lenient"]
    assert main([*argv, "--chunksize", "2"]) == 0
    assert "  line 5  doc_id 'a2' duplicates line 2" in capsys.readouterr().out
    rows = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rows] == [3, 4, 5, 6, 8]  # line 7: kept, date unread
    assert main(argv) == 1  # articles.parquet exists: refused without --overwrite
    assert main([*argv, "--overwrite"]) == 0


def test_import_with_encoding(tmp_path, capsys):
    src = str(FIX / "corpus_cp1252.csv")
    assert main(["corpus", "import", src, "--out", str(tmp_path / "w")]) == 1
    assert "--encoding cp1252" in capsys.readouterr().err
    argv = ["corpus", "import", src, "--out", str(tmp_path / "w"), "--encoding", "cp1252"]
    assert main(argv) == 0
    assert load_corpus(tmp_path / "w").loc[1, "text"] == "The café’s terrace is open."
