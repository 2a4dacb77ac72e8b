"""The shared layer (framing/_shared): YAML with lines, JSON and hashes, atomic writes,
resampling weights. Each is used by several subpackages, so it is tested here once."""

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing._shared.atomic import write_table
from framing._shared.jsonable import (
    canonical_json,
    jsonable,
    sha256_bytes,
    sha256_file,
    sha256_json,
    to_json,
)
from framing._shared.resample import quantile_interval, resample_weights
from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.errors import AnnotationError, CorpusError, OutputError, PlanError


# -- YAML with line numbers ---------------------------------------------------------
def test_yaml_keeps_lines_of_keys_items_and_strings():
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: d}\ne: 2025-07-10\n", path="f.yaml")
    assert line_of(data, "b") == 2 and line_of(data["b"], 1) == 4
    assert data["b"][0].line == 3 and data["e"] == "2025-07-10"  # dates stay text
    assert plain(data) == {"a": 1, "b": ["x", {"c": "d"}], "e": "2025-07-10"}
    assert type(plain(data)["b"][0]) is str
    assert load_yaml("x: [no, 2020]", scalars="text") == {"x": ["no", "2020"]}


@pytest.mark.parametrize(
    "text, match, line",
    [
        ("a: [1, 2\n", r"f.yaml line 2: malformed YAML", 2),
        (
            "a: 1\nb: 2\na: 3\n",
            r"f.yaml line 3: key 'a' appears twice in one mapping \(first at line 1\)",
            3,
        ),
        ("# only a comment\n", r"f.yaml: the file is empty", None),
        ("[" * 5000 + "]" * 5000, r"f.yaml: nested more than 64 levels deep", None),
        ("a: " + "[" * 65 + "]" * 65, r"f.yaml line 1: nested more than 64 levels deep", 1),
        ("a: &a [x, *a]\n", r"f.yaml line 1: an alias refers to the node that contains", 1),
    ],
)
def test_yaml_errors_name_file_and_line(text, match, line):
    with pytest.raises(PlanError, match=match) as info:
        load_yaml(text, path="f.yaml", error=PlanError, context={"report": None})
    assert (info.value.path, info.value.line, info.value.report) == ("f.yaml", line, None)


def test_yaml_aliases_are_not_expanded_and_bombs_are_refused():
    # a "billion laughs" document: nine levels of nine-fold aliases (review M4: such a
    # file of 387 bytes took 6 GB in a lexicon, 943 MB in a plan's parameters)
    rows = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    data = load_yaml("\n".join(rows[:5]))  # 9**5 values: under the limit
    assert data["l4"][0] is data["l3"]  # shared, never copied
    assert len(plain(data)["l4"]) == 9
    with pytest.raises(PlanError, match=r"f.yaml line 6: aliases .* expand to more than") as e:
        load_yaml("\n".join(rows), path="f.yaml", error=PlanError)
    assert e.value.line == 6  # l5: the first list past the limit


def test_yaml_first_line_offsets_errors():
    with pytest.raises(CorpusError, match="x.txt line 4: malformed YAML") as info:
        load_yaml("title: ok\n  bad: indent\n", path="x.txt", error=CorpusError, first_line=3)
    assert info.value.line == 4


def test_every_config_loader_names_the_line(tmp_path):
    from framing.annotate import load_codebook
    from framing.compare import load_events

    events = tmp_path / "events.yaml"
    events.write_text("events:\n  - {id: e1, date: 2025-07-10, label: A, topic: t}\n  - {id: e2}\n")
    with pytest.raises(CorpusError, match=r"events.yaml line 3: events entry 1: field 'date'"):
        load_events(events)
    book = tmp_path / "codebook.yaml"
    book.write_text("name: x\nframes: []\n")
    with pytest.raises(AnnotationError, match=r"codebook.yaml line 2: field 'frames'") as info:
        load_codebook(book)
    assert info.value.line == 2


# -- JSON and hashes ---------------------------------------------------------------
def test_jsonable_policy():
    value = {
        "np": np.int64(3),
        "arr": np.array([1.5, np.nan]),
        "nan": float("nan"),
        "na": pd.NA,
        "nat": pd.NaT,
        "ts": pd.Timestamp("2025-07-10", tz="UTC"),
        "path": Path("a") / "b",
        "set": {"b", "a"},
        "bytes": b"abc",
        1: "key",
    }
    got = jsonable(value)
    assert got == {
        "np": 3,
        "arr": [1.5, None],
        "nan": None,
        "na": None,
        "nat": None,
        "ts": "2025-07-10T00:00:00+00:00",
        "path": "a/b",
        "set": ["a", "b"],
        "bytes": {"__bytes_sha256__": sha256_bytes(b"abc")},
        "1": "key",
    }
    json.dumps(got, allow_nan=False)  # plain JSON
    with pytest.raises(OutputError, match="demo: a value of type object") as info:
        jsonable({"x": object()}, where="demo", error=OutputError)
    assert "object" in info.value.value
    assert json.loads(to_json({"x": object()}))["x"].startswith("<object")


def test_canonical_json_ignores_order_and_container_kind():
    a = canonical_json({"b": (1, 2), "a": {"y", "x"}})
    assert a == canonical_json({"a": ["x", "y"], "b": [1, 2]}) == '{"a":["x","y"],"b":[1,2]}'
    assert sha256_json({"k": math.inf}) == sha256_json({"k": None})


def test_sha256_file_memo(tmp_path):
    f = tmp_path / "a.bin"
    f.write_bytes(b"abc")
    memo: dict = {}
    first = sha256_file(f, memo=memo)
    assert first.startswith("ba7816bf") and len(memo) == 1
    assert sha256_file(f, memo=memo) == first


# -- atomic writes -------------------------------------------------------------------
def test_write_table_formats_and_refusal(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "d": pd.to_datetime(["2025-07-10", None], utc=True)})
    for name in ("t.csv", "t.parquet", "t.jsonl"):
        write_table(df, tmp_path / "out" / name, where="demo")
    assert pd.read_parquet(tmp_path / "out" / "t.parquet").equals(df)
    assert (tmp_path / "out" / "t.jsonl").read_text().splitlines()[1].endswith('"d":null}')
    with pytest.raises(OutputError, match=r"demo: write .csv, .parquet or .jsonl, not") as info:
        write_table(df, tmp_path / "t.xlsx", where="demo")
    assert info.value.value == ".xlsx" and not (tmp_path / "t.xlsx").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "t.csv",
        "t.jsonl",
        "t.parquet",
    ]  # no temporary files left


# -- resampling ------------------------------------------------------------------------
def test_resample_weights_blocks_are_one_stream():
    one = np.vstack(list(resample_weights(np.random.default_rng(1), 7, 10, block=10)))
    many = np.vstack(list(resample_weights(np.random.default_rng(1), 7, 10, block=3)))
    assert (one == many).all() and (one.sum(axis=1) == 7).all()
    assert np.isnan(quantile_interval([np.nan] * 50, 0.9)).all()  # too few defined replicates
