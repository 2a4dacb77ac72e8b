"""Tests of writing corpus folders (framing/corpus/_write.py, _stage.py): atomic import,
save and collect, killed at every step; stale side files; type-changing metadata; the
target folder's problems.

Defects of the reliability review (../shared/reviews/reliability.md) covered here: H1 and
L26 (a kill truncated articles.parquet, .parts-* folders were left), H3 (metadata that
changes type crashed the import), H4 (--overwrite kept a stale outlets.yaml and
rejected.jsonl), L13 (--out a file or unwritable: raw tracebacks), L27 (a failed import
left an empty folder), and the concurrent imports of §5.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from framing.cli import main
from framing.corpus import import_corpus, load_corpus, read_corpus, save_corpus, validate
from framing.errors import CorpusError, OutputError
from framing.sources import collect

ROOT = Path(__file__).resolve().parents[1]


def _jsonl(path: Path, records) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _records(prefix: str, n: int, **extra):
    return [
        {"id": f"{prefix}{i}", "src": f"Outlet {i % 3}", "body": f"Story {prefix} {i}.", **extra}
        for i in range(n)
    ]


MAP = {"doc_id": "id", "outlet": "src", "text": "body"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".import-", ".parts-")))


# -- H4: stale side files ------------------------------------------------------------------
def test_overwrite_removes_the_old_corpus_side_files(tmp_path):
    """Review H4: the old outlets.yaml renamed outlets of the new corpus; the old
    rejected.jsonl stayed beside `rejected: 0`."""
    first = tmp_path / "first"
    _jsonl(first / "articles.jsonl", [*_records("a", 3), {"id": "bad"}])
    (first / "corpus.yaml").write_text(yaml.safe_dump({"mapping": MAP}))
    (first / "outlets.yaml").write_text(
        "outlets:\n  - {name: Bravo Daily, aliases: [Outlet 1]}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    import_corpus(first, out, mode="lenient")
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.parquet",
        "corpus.yaml",
        "outlets.yaml",
        "rejected.jsonl",
    ]
    assert "Bravo Daily" in set(load_corpus(out)["outlet"])
    second = _jsonl(tmp_path / "second.jsonl", _records("b", 4))
    res = import_corpus(second, out, mapping=MAP, overwrite=True)
    assert res.counts()["rejected"] == 0
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "corpus.yaml"]
    assert set(load_corpus(out)["outlet"]) == {"Outlet 0", "Outlet 1", "Outlet 2"}
    meta = yaml.safe_load((out / "corpus.yaml").read_text())
    assert meta["files"] == ["articles.parquet", "corpus.yaml"]


def test_overwrite_keeps_an_outlets_file_the_user_put_there(tmp_path, caplog):
    out = tmp_path / "out"
    import_corpus(_jsonl(tmp_path / "a.jsonl", _records("a", 2)), out, mapping=MAP)
    (out / "outlets.yaml").write_text("outlets:\n  - {name: Mine, aliases: [Outlet 0]}\n")
    import_corpus(_jsonl(tmp_path / "b.jsonl", _records("b", 2)), out, mapping=MAP, overwrite=True)
    assert (out / "outlets.yaml").exists()  # not written by the kit: kept
    # a corpus.yaml from before the kit listed its files: kept, with a warning
    meta = yaml.safe_load((out / "corpus.yaml").read_text())
    del meta["files"]
    (out / "corpus.yaml").write_text(yaml.safe_dump(meta))
    import_corpus(_jsonl(tmp_path / "c.jsonl", _records("c", 2)), out, mapping=MAP, overwrite=True)
    assert (out / "outlets.yaml").exists()
    assert "kept outlets.yaml" in caplog.text


def test_collect_overwrite_replaces_the_outlets_it_copied(tmp_path):
    texts = tmp_path / "texts" / "Courier"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text("Talks resume.\n")
    outlets = tmp_path / "outlets.yaml"
    outlets.write_text("outlets:\n  - {name: The Courier, aliases: [Courier]}\n")
    out = tmp_path / "corpus"
    collect("folder", tmp_path / "texts", out=out, outlets=outlets)
    assert (out / "outlets.yaml").read_text() == outlets.read_text()
    collect("folder", tmp_path / "texts", out=out, overwrite=True)
    assert not (out / "outlets.yaml").exists()


# -- H1, L26: killed at every step -----------------------------------------------------------
_CHILD = textwrap.dedent(
    """
    import os, shutil, sys
    from pathlib import Path
    import pandas as pd
    import pyarrow.parquet as pq

    kill_at = int(sys.argv[1])
    calls = [0]

    def trap(fn):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if calls[0] == kill_at:
                os._exit(9)  # like kill -9: no cleanup, no finally
            return fn(*args, **kwargs)
        return wrapper

    os.replace = trap(os.replace)
    os.unlink = trap(os.unlink)
    shutil.rmtree = trap(shutil.rmtree)
    shutil.move = trap(shutil.move)
    shutil.copyfile = trap(shutil.copyfile)
    Path.write_text = trap(Path.write_text)
    pd.DataFrame.to_parquet = trap(pd.DataFrame.to_parquet)
    pq.ParquetWriter.write_table = trap(pq.ParquetWriter.write_table)

    from framing.corpus import import_corpus
    mapping = {"doc_id": "id", "outlet": "src", "text": "body"}
    import_corpus(sys.argv[2], sys.argv[3], mapping=mapping, mode="lenient", overwrite=True,
                  chunksize=3)
    print("calls", calls[0])
    """
)


@pytest.mark.slow
def test_import_killed_at_any_step_leaves_the_old_or_the_new_corpus(tmp_path):
    """Review H1: kill -9 during `--overwrite` left a truncated articles.parquet (3 of 16
    points) and .parts-* folders (15 of 16)."""
    old_src = tmp_path / "old"
    _jsonl(old_src / "articles.jsonl", [*_records("a", 5), {"id": "x"}])
    (old_src / "corpus.yaml").write_text(yaml.safe_dump({"mapping": MAP}))
    (old_src / "outlets.yaml").write_text("outlets:\n  - {name: Old Name, aliases: [Outlet 1]}\n")
    new_src = _jsonl(tmp_path / "new.jsonl", _records("b", 8, page=3) + _records("c", 2, page="A3"))
    child = tmp_path / "child.py"
    child.write_text(_CHILD)
    out = tmp_path / "out"
    import_corpus(old_src, out, mode="lenient")
    old = (load_corpus(out).attrs["corpus_hash"], sorted(p.name for p in out.iterdir()))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, str(child), "0", str(new_src), str(out)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    n_calls = int(run.stdout.split()[-1])
    new = (load_corpus(out).attrs["corpus_hash"], sorted(p.name for p in out.iterdir()))
    assert new[1] == ["articles.parquet", "corpus.yaml", "warnings.jsonl"]
    assert n_calls >= 8
    seen = set()
    for k in range(1, n_calls + 1):
        import_corpus(old_src, out, mode="lenient", overwrite=True)  # back to the old corpus
        killed = subprocess.run(
            [sys.executable, str(child), str(k), str(new_src), str(out)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert killed.returncode == 9, (k, killed.stderr[-2000:])
        state = (load_corpus(out).attrs["corpus_hash"], sorted(p.name for p in out.iterdir()))
        assert state in (old, new), (k, state)
        assert _leftovers(out) == []  # reading finished or dropped the interrupted write
        seen.add(state == new)
    assert seen == {False, True}  # some kills came before the commit, some after


def test_stale_stages_of_killed_runs_are_removed_and_legacy_parts_too(tmp_path):
    out = tmp_path / "out"
    import_corpus(_jsonl(tmp_path / "a.jsonl", _records("a", 2)), out, mapping=MAP)
    (out / ".parts-abc123").mkdir()  # left by an earlier version
    (out / ".parts-abc123" / "000000.parquet").write_bytes(b"PAR1")
    dead = out / ".import-deadbeef"  # no process holds its lock
    dead.mkdir()
    (dead / "lock").write_text("")
    (dead / "articles.parquet").write_bytes(b"half")
    import_corpus(_jsonl(tmp_path / "b.jsonl", _records("b", 2)), out, mapping=MAP, overwrite=True)
    assert _leftovers(out) == []
    assert list(load_corpus(out)["doc_id"]) == ["b0", "b1"]


def test_a_second_import_into_a_folder_being_written_is_refused(tmp_path):
    from framing.corpus._stage import Stage

    out = tmp_path / "out"
    out.mkdir()
    running = Stage(out)  # this process holds the lock, as a running import would
    try:
        with pytest.raises(CorpusError, match="another import is writing into this folder"):
            import_corpus(_jsonl(tmp_path / "a.jsonl", _records("a", 2)), out, mapping=MAP)
    finally:
        running.abort()
    import_corpus(_jsonl(tmp_path / "a.jsonl", _records("a", 2)), out, mapping=MAP)


# -- L13, L27: the target folder ---------------------------------------------------------------
def test_failed_import_leaves_no_new_folder_and_keeps_an_old_corpus(tmp_path):
    """Review L27: a failed strict import left an empty --out folder."""
    bad = _jsonl(tmp_path / "bad.jsonl", [*_records("a", 2), {"id": "x", "src": "S"}])
    out = tmp_path / "new" / "corpus"
    with pytest.raises(CorpusError, match="field 'text' is missing"):
        import_corpus(bad, out, mapping=MAP)
    assert not out.exists()
    good = tmp_path / "good"
    import_corpus(_jsonl(tmp_path / "g.jsonl", _records("g", 2)), good, mapping=MAP)
    before = {p.name: p.read_bytes() for p in good.iterdir()}
    with pytest.raises(CorpusError):
        import_corpus(bad, good, mapping=MAP, overwrite=True)
    assert {p.name: p.read_bytes() for p in good.iterdir()} == before


@pytest.mark.parametrize("kind", ["file", "under a file", "read-only"])
def test_unusable_out_folder_is_a_clear_error(tmp_path, kind, capsys):
    """Review L13: raw FileExistsError / NotADirectoryError / PermissionError."""
    src = _jsonl(tmp_path / "a.jsonl", _records("a", 2))
    (tmp_path / "plain").write_text("x")
    out = {"file": tmp_path / "plain", "under a file": tmp_path / "plain" / "c"}.get(kind)
    if kind == "read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o555)
    with pytest.raises(OutputError, match=str(out).replace("\\", "\\\\")):
        import_corpus(src, out, mapping=MAP)
    argv = ["corpus", "import", str(src), "--out", str(out), "--text-col", "body"]
    assert main([*argv, "--outlet-col", "src", "--id-col", "id"]) == 1
    assert capsys.readouterr().err.startswith(f"framing: error: {out}")


# -- H3: type-changing metadata ------------------------------------------------------------------
@pytest.mark.parametrize("chunksize", [1, 50])
def test_metadata_that_changes_type_is_kept_as_text_with_a_warning(tmp_path, chunksize):
    """Review H3: `page: 3` then `page: "A3"` (or a list then a scalar) crashed the
    import with a raw ArrowInvalid, in lenient mode too."""
    recs = _records("a", 3)
    recs[0]["page"], recs[1]["page"], recs[2]["page"] = 3, "A3", None
    recs[0]["tags"], recs[1]["tags"], recs[2]["tags"] = ["x", "y"], "z", {"k": 1}
    src = _jsonl(tmp_path / "a.jsonl", recs)
    for mode in ("strict", "lenient"):
        out = tmp_path / f"out-{mode}-{chunksize}"
        res = import_corpus(src, out, mapping=MAP, mode=mode, chunksize=chunksize)
        df = load_corpus(out)
        assert df["page"].tolist()[:2] == ["3", "A3"] and pd.isna(df["page"].iat[2])
        assert df["tags"].tolist() == ['["x", "y"]', "z", '{"k": 1}']  # JSON text
        warned = res.warnings[res.warnings["field"].isin(["page", "tags"])]
        assert len(warned) >= 2 and warned["reason"].str.contains("kept as text").all()


def test_collect_folder_with_front_matter_of_changing_types(tmp_path):
    """Review H3: the same crash in `collect folder`."""
    folder = tmp_path / "texts" / "Courier"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("---\npage: 3\n---\nOne.\n")
    (folder / "b.txt").write_text("---\npage: A3\n---\nTwo.\n")
    res = collect("folder", tmp_path / "texts", out=tmp_path / "c", mode="lenient")
    assert res.kept == 2
    assert sorted(load_corpus(tmp_path / "c")["page"]) == ["3", "A3"]


def test_save_corpus_of_a_validated_table_is_atomic_and_clean(tmp_path):
    raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."]})
    out = save_corpus(validate(raw).articles, tmp_path / "c", name="c")
    with pytest.raises(CorpusError, match="articles.parquet exists"):
        save_corpus(validate(raw).articles, out, name="c")
    assert _leftovers(out) == [] and len(read_corpus(out).articles) == 1


def test_a_corpus_whose_records_were_all_rejected_says_so(tmp_path):
    """Review §3.6: loading it said "the file holds no records", not where they went."""
    out = tmp_path / "out"
    recs = [{"id": "x", "src": "A", "body": " "}, {"id": "y", "src": "A", "body": ""}]
    import_corpus(_jsonl(tmp_path / "a.jsonl", recs), out, mapping=MAP,
                  mode="lenient")  # fmt: skip
    with pytest.raises(CorpusError, match="all 2 records of its import were rejected"):
        load_corpus(out)


def test_a_csv_with_too_many_fields_is_refused_before_parsing(tmp_path):
    """Review L29: a CSV with 100,000 columns took 30 s and 1.3 GB."""
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(20_000)) + "\n" + "x," * 19_999 + "x\n")
    with pytest.raises(CorpusError, match="20,000 fields per record"):
        load_corpus(path, mapping={"doc_id": "c0", "outlet": "c1", "text": "c2"})
