"""Tests of reading hostile and broken corpus files (framing/corpus/_readers.py, the
record checks of _validate.py, corpus.yaml).

Defects of the reliability review (../shared/reviews/reliability.md) covered here: H2
(17-digit ids altered when a chunk holds a null), H5 (deep JSON: RecursionError and a
segfault), L1 (damaged gzip/Parquet: raw tracebacks), L12 (corpus.yaml of the wrong
shape), L14 (chunksize 0), L16 (duplicate JSON keys), L17 (objects as text), L22 (a JSON
array file), L23 (the row of an unclosed quote), L24 (one undecodable line stopping a
lenient import), the read-side traversal of corpus.yaml ``articles:`` (security), and
the misleading messages of §3.1 (``"body": NaN``, ``NoneType``, ``mappping:``).
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from framing.cli import main
from framing.corpus import import_corpus, iter_corpus, load_corpus, read_corpus
from framing.errors import CorpusError

MAP = {"doc_id": "id", "outlet": "src", "text": "body"}
ROOT = Path(__file__).resolve().parents[1]


def _write(path: Path, lines) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _rec(i, **extra) -> str:
    return json.dumps({"id": f"d{i}", "src": "Wire", "body": f"Story {i}.", **extra})


# -- H2: ids keep every digit -----------------------------------------------------------------
@pytest.mark.parametrize("chunksize", [2, 100])
def test_big_integer_ids_with_a_null_keep_every_digit_jsonl(tmp_path, chunksize):
    """Review H2: 9007199254740993 became ...992 (and a false duplicate) when any id of
    the chunk was null; also in the slow path (a malformed line in the chunk)."""
    lines = [
        '{"id": 9007199254740993, "src": "A", "body": "One."}',
        '{"id": 9007199254740992, "src": "A", "body": "Two."}',
        '{"id": null, "src": "A", "body": "Three."}',
        '{"id": 1234567890123456789, "src": "A", "body": "Four."}',
        "{not json",
    ]
    path = _write(tmp_path / "a.jsonl", lines)
    res = read_corpus(path, mapping=MAP, mode="lenient", chunksize=chunksize)
    assert res.articles["doc_id"].tolist() == [
        "9007199254740993",
        "9007199254740992",
        "1234567890123456789",
    ]
    assert res.rejected["field"].fillna("-").tolist() == ["doc_id", "-"]  # null id, bad line


def test_big_integer_ids_with_a_null_keep_every_digit_parquet(tmp_path):
    table = pa.table(
        {
            "id": pa.array([9007199254740993, None, 1234567890123456789], pa.int64()),
            "src": ["A", "A", "A"],
            "body": ["One.", "Two.", "Three."],
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    res = read_corpus(tmp_path / "a.parquet", mapping=MAP, mode="lenient")
    assert res.articles["doc_id"].tolist() == ["9007199254740993", "1234567890123456789"]


# -- H5: nesting -----------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [300, 5_000, 30_000])
def test_deeply_nested_lines_are_set_aside_before_any_parser(tmp_path, depth):
    """Review H5: 5,000 levels gave a raw RecursionError, 30,000 a segfault in Arrow."""
    deep = '{"id": "x", "src": "A", "body": "t", "meta": ' + "[" * depth + "]" * depth + "}"
    path = _write(tmp_path / "a.jsonl", [_rec(1), deep, _rec(2), "[" * depth])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert res.articles["doc_id"].tolist() == ["d1", "d2"]
    assert res.rejected["line"].tolist() == [2, 4]
    assert res.rejected["reason"].str.contains("levels deep").all()
    with pytest.raises(CorpusError, match="a.jsonl line 2: nested .* levels deep"):
        load_corpus(path, mapping=MAP)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    text = "[" * 1000 + " a bracketed headline " + "]" * 1000
    path = _write(tmp_path / "a.jsonl", [_rec(1, body=text), _rec(2)])
    assert len(load_corpus(path, mapping=MAP)) == 2


@pytest.mark.slow
def test_deep_line_does_not_crash_the_interpreter(tmp_path):
    """The segfault (rc 139) of H5, in a subprocess so a crash cannot take pytest down."""
    path = _write(tmp_path / "a.jsonl", [_rec(1), "[" * 30_000])
    code = (
        "import sys; from framing.corpus import read_corpus; "
        f"r = read_corpus(sys.argv[1], mapping={MAP!r}, mode='lenient'); print(r.counts())"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-1000:]
    assert "'kept': 1, 'rejected': 1" in run.stdout


# -- L16, L17, L22 and messages ------------------------------------------------------------------
def test_duplicate_keys_are_a_bad_line(tmp_path):
    """Review L16: the last "body" won silently and the first text was lost."""
    dup = '{"id": "d9", "src": "A", "body": "First text.", "body": "Second text."}'
    path = _write(tmp_path / "a.jsonl", [_rec(1), dup])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert (
        res.rejected.loc[0, "reason"]
        == "key 'body' appears twice in one record; keep one of the two"
    )
    assert res.kept == 1


@pytest.mark.parametrize(("value", "kind"), [({"name": "A"}, "object"), (["A", "B"], "list")])
def test_objects_and_lists_are_not_stored_as_their_repr(tmp_path, value, kind):
    """Review L17: `"src": {"name": "A"}` was stored as the string "{'name': 'A'}"."""
    path = _write(tmp_path / "a.jsonl", [_rec(1), _rec(2, src=value), _rec(3, body=value)])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert res.articles["doc_id"].tolist() == ["d1"]
    assert res.rejected["field"].tolist() == ["outlet", "text"]
    assert res.rejected["reason"].str.contains(f"is a JSON {kind}, not text").all()


def test_nan_text_and_null_kinds_are_named_plainly(tmp_path):
    """Review §3.1: `"body": NaN` was reported as "field 'text' is missing (fields
    present: ...)"; a null line as "found a JSON NoneType"."""
    path = _write(tmp_path / "a.jsonl", [_rec(1), '{"id": "d2", "src": "A", "body": NaN}', "null"])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    reasons = res.rejected["reason"].tolist()
    assert reasons[0].startswith("field 'text' is missing ('body' is absent, null or NaN here;")
    assert reasons[1] == "not a JSON object (found a JSON null)"


def test_a_json_array_file_says_json_lines_are_expected(tmp_path):
    """Review L22: a JSON array exited 0 with an empty corpus in lenient mode."""
    data = [json.loads(_rec(1)), json.loads(_rec(2))]
    for text in (json.dumps(data, indent=2), "[\n" + ",\n".join(map(json.dumps, data)) + "\n]"):
        path = tmp_path / "a.json"
        path.write_text(text)
        with pytest.raises(CorpusError, match="line 1: the file is a JSON array .* JSON Lines"):
            read_corpus(path, mapping=MAP, mode="lenient")
    one_line = _write(tmp_path / "b.jsonl", [json.dumps(data), _rec(3)])
    res = read_corpus(one_line, mapping=MAP, mode="lenient")
    assert res.rejected.loc[0, "reason"].endswith("the kit reads JSON Lines, one object per line")


# -- L1: damaged files -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz", "a.parquet", "b.jsonl.gz"])
def test_damaged_files_are_kit_errors(tmp_path, name):
    """Review L1: truncated gzip and random bytes gave raw OSError / ArrowInvalid."""
    good = gzip.compress(("id,src,body\n" + "1,A,One.\n" * 5000).encode())
    data = {
        "a.jsonl.gz": gzip.compress(("\n".join(_rec(i) for i in range(5000))).encode())[:-200],
        "a.csv.gz": good[: len(good) // 2],
        "a.parquet": np.random.default_rng(0).bytes(10_000),
        "b.jsonl.gz": np.random.default_rng(1).bytes(10_000),
    }[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError, match=f"{name}: the file is damaged") as e:
        read_corpus(path, mapping=MAP, mode="lenient")
    assert e.value.path == str(path)


def test_truncated_parquet_is_a_kit_error(tmp_path):
    df = pd.DataFrame({"id": [f"d{i}" for i in range(1000)], "src": "A", "body": "Text."})
    df.to_parquet(tmp_path / "a.parquet")
    data = (tmp_path / "a.parquet").read_bytes()
    (tmp_path / "a.parquet").write_bytes(data[: len(data) - 100])
    with pytest.raises(CorpusError, match="a.parquet: the file is damaged"):
        load_corpus(tmp_path / "a.parquet", mapping=MAP)


# -- L23, L24 ------------------------------------------------------------------------------------
def test_unclosed_csv_quote_names_its_line(tmp_path):
    """Review L23: "malformed after data row 0" for a quote opened at data row 3."""
    path = tmp_path / "a.csv"
    path.write_text('id,src,body\n1,A,ok\n2,A,fine\n3,A,"broken\n4,A,more\n')
    with pytest.raises(CorpusError, match=r"a.csv line 4 \(data row 3\): a quoted field") as e:
        load_corpus(path, mapping=MAP, mode="lenient", chunksize=2)
    assert e.value.line == 4


def test_lenient_import_sets_aside_an_undecodable_line(tmp_path):
    """Review L24: one cp1252 line in a UTF-8 file stopped the whole lenient import."""
    path = tmp_path / "a.jsonl"
    cp1252 = '{"id": "d2", "src": "Wire", "body": "Caf\u00e9 talks."}'.encode("cp1252")
    lines = [_rec(1).encode(), cp1252, _rec(3).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert res.articles["doc_id"].tolist() == ["d1", "d3"]
    assert res.rejected.loc[0, "line"] == 2
    assert "not valid utf-8" in res.rejected.loc[0, "reason"]
    with pytest.raises(CorpusError, match="a.jsonl line 2: bytes b'\\\\xe9'"):
        load_corpus(path, mapping=MAP)  # strict: stops, naming line and byte offset


# -- L12, L14 and the traversal of corpus.yaml -------------------------------------------------
@pytest.mark.parametrize(
    ("config", "match", "line"),
    [
        ("articles: [a.jsonl, b.jsonl]\n", "'articles' must be text", 1),
        ("name: x\nmapping: [text]\n", "'mapping' must be a mapping", 2),
        ("encoding: 42\n", "'encoding' must be text", 1),
        ("mapping: {text: [a, b]}\n", "mapping 'text' must name one source field", 1),
        ("name: x\nmappping: {text: body}\n", "unknown key 'mappping'; did you mean 'mapping'", 2),
        ("dayfirst: maybe\n", "'dayfirst' must be true or false", 1),
        ("date_format: '%d'\narticles: ../outside.jsonl\n", "outside the corpus folder", None),
        ("articles: /etc/hostname\n", "outside the corpus folder", None),
    ],
)
def test_corpus_yaml_is_checked(tmp_path, config, match, line):
    """Review L12 (three raw TypeErrors), the `mappping:` typo, and `articles:` pointing
    outside the folder (the read-side traversal of the security summary)."""
    folder = tmp_path / "c"
    folder.mkdir()
    _write(folder / "a.jsonl", [_rec(1)])
    _write(tmp_path / "outside.jsonl", [_rec(2)])
    (folder / "corpus.yaml").write_text(config)
    with pytest.raises(CorpusError, match=match) as e:
        load_corpus(folder, mapping=MAP)
    if line is not None:
        assert e.value.line == line


def test_an_articles_link_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    target = _write(tmp_path / "elsewhere.jsonl", [_rec(1)])
    (folder / "articles.jsonl").symlink_to(target)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        load_corpus(folder, mapping=MAP)


@pytest.mark.parametrize("chunksize", [0, -3, 2.5, True])
def test_chunksize_must_be_a_positive_whole_number(tmp_path, chunksize, capsys):
    """Review L14: --chunksize 0 with a CSV gave a raw ValueError."""
    path = tmp_path / "a.csv"
    path.write_text("id,src,body\n1,A,One.\n")
    with pytest.raises(CorpusError, match="chunksize must be a whole number"):
        next(iter_corpus(path, mapping=MAP, chunksize=chunksize))
    with pytest.raises(SystemExit) as e:
        main(["corpus", "validate", str(path), "--chunksize", "0"])
    assert e.value.code == 2
    assert "give a whole number of at least 1" in capsys.readouterr().err


def test_lenient_accounting_holds_for_every_kind_of_bad_line(tmp_path):
    lines = [
        _rec(1),
        "[" * 400,
        '{"id": "d2", "src": "A", "body": "x", "body": "y"}',
        "not json",
        '{"id": "d3", "src": {"a": 1}, "body": "t"}',
        _rec(4, date="next Tuesday"),
        _rec(1),
        "42",
        _rec(5, page=3),
        _rec(6, page="A3"),
    ]
    path = _write(tmp_path / "a.jsonl", lines)
    for chunksize in (1, 3, 50):
        res = import_corpus(path, tmp_path / f"o{chunksize}", mapping=MAP, mode="lenient",
                            chunksize=chunksize)  # fmt: skip
        assert res.read == len(lines) == res.kept + res.n_rejected
        assert res.kept == 4


# -- found by the fuzz suite (tests/test_fuzz.py) --------------------------------------------
def test_a_record_with_two_nested_fields_is_rejected_once(tmp_path):
    path = _write(tmp_path / "a.jsonl", ['{"id": null, "src": [], "body": []}', _rec(1)])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (2, 1, 1)


def test_whole_floats_beyond_int64_are_text_not_a_crash(tmp_path):
    path = _write(tmp_path / "a.jsonl", ['{"id": null, "src": "A", "body": 9.3e+18}', _rec(1)])
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert res.kept == 1 and res.rejected["field"].tolist() == ["doc_id"]


def test_a_chunk_of_null_lines_does_not_crash_arrow(tmp_path):
    """pyarrow 26 segfaults reading a block of nothing but `null` lines."""
    path = _write(tmp_path / "a.jsonl", [_rec(1), "null", "null", _rec(2)])
    code = (
        "import sys; from framing.corpus import read_corpus; "
        f"r = read_corpus(sys.argv[1], mapping={MAP!r}, mode='lenient', chunksize=1); "
        "print(r.counts())"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-1000:]
    assert "'kept': 2, 'rejected': 2" in run.stdout
