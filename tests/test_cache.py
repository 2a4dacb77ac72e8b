"""Tests of framing.cache: keys, hits and misses, atomic writes, damaged entries."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing import cache
from framing.errors import ColumnsError


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _table():
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "score": [0.1, -0.5, np.nan],
            "n": np.array([1, 2, 3], dtype="int64"),
        }
    )


class _Counter:
    def __init__(self, df):
        self.df = df
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.df.copy()


def test_cache_dir_from_env_and_default(tmp_path, monkeypatch):
    assert cache.cache_dir() == tmp_path / "cache"
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() == tmp_path / ".framing-cache"
    assert not (tmp_path / ".framing-cache").exists()  # not created by asking


def test_content_key_is_canonical():
    a = cache.content_key("h", {"level": "sentence", "params": {"x": 1, "y": [1, 2]}})
    b = cache.content_key("h", {"params": {"y": (1, 2), "x": 1}, "level": "sentence"})
    assert a == b and len(a) == 64
    assert a != cache.content_key("h", {"level": "document", "params": {"x": 1, "y": [1, 2]}})
    assert cache.content_key({"s": {3, 1, 2}}) == cache.content_key({"s": [1, 2, 3]})
    assert cache.content_key(np.int64(3), Path("/x")) == cache.content_key(3, "/x")


def test_content_key_rejects_unhashable_value():
    with pytest.raises(
        TypeError, match="content_key: a value of type object cannot be written as JSON"
    ):
        cache.content_key({"f": object()})


def test_text_hash_is_sha256():
    assert cache.text_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert cache.text_hash("é") != cache.text_hash("e")


def test_table_hash_order_and_missing_values():
    df = pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", None]})
    same = pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", None]})
    assert cache.table_hash(df, ["doc_id", "text"]) == cache.table_hash(same, ["doc_id", "text"])
    empty = pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", ""]})
    assert cache.table_hash(df, ["doc_id", "text"]) != cache.table_hash(empty, ["doc_id", "text"])
    # boundaries between values matter: ["ab", "c"] != ["a", "bc"]
    one = pd.DataFrame({"t": ["ab", "c"]})
    two = pd.DataFrame({"t": ["a", "bc"]})
    assert cache.table_hash(one, ["t"]) != cache.table_hash(two, ["t"])
    with pytest.raises(ColumnsError, match="missing column") as info:
        cache.table_hash(df, ["body"])
    assert info.value.missing == ["body"]


def test_hit_does_not_recompute_and_round_trips(_cache_in_tmp):
    compute = _Counter(_table())
    first = cache.cached("demo", {"corpus": "h1", "version": 1}, compute)
    second = cache.cached("demo", {"corpus": "h1", "version": 1}, compute)
    assert compute.calls == 1
    pd.testing.assert_frame_equal(first, _table())
    pd.testing.assert_frame_equal(second, _table())
    files = list((_cache_in_tmp / "demo").iterdir())
    assert [f.suffix for f in files] == [".parquet"]  # no temporary files left


def test_other_key_misses():
    compute = _Counter(_table())
    cache.cached("demo", {"corpus": "h1"}, compute)
    cache.cached("demo", {"corpus": "h2"}, compute)
    cache.cached("other", {"corpus": "h1"}, compute)
    assert compute.calls == 3


def test_cache_false_neither_reads_nor_writes(_cache_in_tmp):
    compute = _Counter(_table())
    cache.cached("demo", {"k": 1}, compute, cache=False)
    cache.cached("demo", {"k": 1}, compute, cache=False)
    assert compute.calls == 2
    assert not _cache_in_tmp.exists()


def test_attrs_survive_round_trip():
    df = _table()
    df.attrs["corpus_hash"] = "abc"
    cache.cached("demo", {"k": 1}, lambda: df)
    again = cache.cached("demo", {"k": 1}, _Counter(_table()))
    assert again.attrs == {"corpus_hash": "abc"}


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty"])
def test_damaged_entry_is_recomputed(damage):
    compute = _Counter(_table())
    cache.cached("demo", {"k": 1}, compute)
    path = cache.cache_path("demo", {"k": 1})
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a parquet file at all")
    elif damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(b"")
    again = cache.cached("demo", {"k": 1}, compute)
    assert compute.calls == 2
    pd.testing.assert_frame_equal(again, _table())
    pd.testing.assert_frame_equal(pd.read_parquet(path), _table())  # rewritten


def test_entry_under_wrong_name_is_not_trusted():
    cache.cached("demo", {"k": 1}, lambda: _table())
    other = pd.DataFrame({"doc_id": ["z"], "score": [9.0], "n": [9]})
    cache.cached("demo", {"k": 2}, lambda: other)
    # a file copied over another key's name must not be served for that key
    os.replace(cache.cache_path("demo", {"k": 2}), cache.cache_path("demo", {"k": 1}))
    compute = _Counter(_table())
    got = cache.cached("demo", {"k": 1}, compute)
    assert compute.calls == 1
    pd.testing.assert_frame_equal(got, _table())


def test_compute_must_return_dataframe():
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        cache.cached("demo", {"k": 1}, lambda: [1, 2])


@pytest.mark.parametrize("kind", ["../escape", "", "Upper", "a/b"])
def test_bad_kind_rejected(kind):
    with pytest.raises(ValueError, match="not a simple folder name"):
        cache.cached(kind, {"k": 1}, lambda: _table())


def test_unwritable_cache_still_returns_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker))
    got = cache.cached("demo", {"k": 1}, lambda: _table())
    pd.testing.assert_frame_equal(got, _table())


def test_clear_cache_by_kind_and_all(_cache_in_tmp):
    for kind in ("one", "two"):
        cache.cached(kind, {"k": 1}, lambda: _table())
        cache.cached(kind, {"k": 2}, lambda: _table())
    assert cache.clear_cache("one") == 2
    assert not (_cache_in_tmp / "one").exists()
    keep = _cache_in_tmp / "two" / "notes.txt"  # a file the cache did not write
    keep.write_text("mine")
    assert cache.clear_cache() == 2
    assert keep.exists()
    assert cache.clear_cache() == 0


def _worker(args):
    root, i = args
    os.environ[cache.CACHE_ENV] = root
    df = pd.DataFrame({"doc_id": [f"d{j}" for j in range(2000)], "v": np.arange(2000.0)})
    got = cache.cached("race", {"k": "same"}, lambda: df)
    return bool(got.equals(df))


def test_concurrent_writers_same_key(_cache_in_tmp):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.map(_worker, [(str(_cache_in_tmp), i) for i in range(8)])
    assert all(results)
    files = sorted(p.name for p in (_cache_in_tmp / "race").iterdir())
    assert len(files) == 1 and files[0].endswith(".parquet")
    assert len(pd.read_parquet(_cache_in_tmp / "race" / files[0])) == 2000


class _RowCounter:
    """compute() for cached_rows: two rows per key except keys starting with 'z' (none)."""

    def __init__(self):
        self.asked = []

    def __call__(self, missing):
        self.asked.append(list(missing))
        rows = [(k, j, f"{k}-{j}") for k in missing if not k.startswith("z") for j in range(2)]
        return pd.DataFrame(rows, columns=["row_key", "j", "value"])


def test_cached_rows_reuses_items_across_tables():
    compute = _RowCounter()
    first = cache.cached_rows("rows", {"v": 1}, ["b", "a", "z0", "b"], compute)
    assert first["row_key"].tolist() == ["b", "b", "a", "a"]
    assert first["j"].tolist() == [0, 1, 0, 1]
    assert compute.asked == [["b", "a", "z0"]]  # repeats computed once
    subset = cache.cached_rows("rows", {"v": 1}, ["a"], compute)
    assert subset["value"].tolist() == ["a-0", "a-1"] and len(compute.asked) == 1
    more = cache.cached_rows("rows", {"v": 1}, ["c", "z0", "a", "z1"], compute)
    assert compute.asked[1:] == [["c", "z1"]]  # zero-row key z0 is remembered too
    assert more["row_key"].tolist() == ["c", "c", "a", "a"]
    cache.cached_rows("rows", {"v": 2}, ["a"], compute)  # other parameters: other store
    assert compute.asked[2:] == [["a"]]


def test_cached_rows_batches_and_cache_false(_cache_in_tmp):
    compute = _RowCounter()
    keys = [f"k{i}" for i in range(7)]
    out = cache.cached_rows("rows", {"v": 1}, keys, compute, batch_size=3)
    assert [len(a) for a in compute.asked] == [3, 3, 1]
    assert out["row_key"].drop_duplicates().tolist() == keys
    again = cache.cached_rows("rows", {"v": 1}, keys[::-1], compute, batch_size=3)
    assert len(compute.asked) == 3
    assert again["row_key"].drop_duplicates().tolist() == keys[::-1]
    fresh = _RowCounter()
    cache.cached_rows("rows", {"v": 1}, keys, fresh, cache=False)
    assert fresh.asked == [keys]
    empty = cache.cached_rows("rows", {"v": 1}, [], fresh)
    assert empty.empty and list(empty.columns) == ["row_key", "j", "value"]


def test_cached_rows_damaged_batch_is_recomputed(_cache_in_tmp):
    compute = _RowCounter()
    cache.cached_rows("rows", {"v": 1}, ["a", "b"], compute)
    (batch,) = (_cache_in_tmp / "rows").glob("*.rows/*.parquet")
    batch.write_bytes(b"PAR1 broken")
    out = cache.cached_rows("rows", {"v": 1}, ["a", "b"], compute)
    assert compute.asked == [["a", "b"], ["a", "b"]]
    assert out["value"].tolist() == ["a-0", "a-1", "b-0", "b-1"]


def test_cached_rows_checks_compute_output():
    with pytest.raises(ValueError, match="no 'row_key' column"):
        cache.cached_rows("rows", {}, ["a"], lambda m: pd.DataFrame({"key": m}))
    with pytest.raises(ValueError, match="not asked for"):
        cache.cached_rows("rows", {}, ["a"], lambda m: pd.DataFrame({"row_key": ["a", "x"]}))


def test_clear_cache_removes_row_stores(_cache_in_tmp):
    cache.cached_rows("rows", {"v": 1}, ["a", "b"], _RowCounter(), batch_size=1)
    cache.cached("rows", {"v": 1}, lambda: _table())
    assert cache.clear_cache("rows") == 3
    assert not (_cache_in_tmp / "rows").exists()


def test_default_cache_is_in_the_project_folder_seen_from_notebooks(tmp_path, monkeypatch):
    (tmp_path / "corpora").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.delenv("FRAMING_CACHE", raising=False)
    monkeypatch.chdir(tmp_path / "notebooks")
    from_notebooks = cache.cache_dir()
    monkeypatch.chdir(tmp_path)
    assert from_notebooks == cache.cache_dir() == tmp_path.absolute() / ".framing-cache"


def _flip_each_column(path: Path, where: float) -> list[int]:
    """Flip one byte inside every column chunk of a Parquet file (at ``where`` of it)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    data = bytearray(path.read_bytes())
    offsets = []
    for g in range(meta.num_row_groups):
        for c in range(meta.num_columns):
            col = meta.row_group(g).column(c)
            start = col.dictionary_page_offset or col.data_page_offset
            at = start + int(col.total_compressed_size * where)
            data[at] ^= 0x41
            offsets.append(at)
    path.write_bytes(bytes(data))
    return offsets


@pytest.mark.parametrize("where", [0.5, 0.7, 0.9])
def test_cached_rows_with_flipped_value_bytes_are_recomputed_not_trusted(
    _cache_in_tmp, where, caplog
):
    """Review M3: one-byte flips in value pages silently changed `*_per_1k` rates on
    every later run; a flip in the key column gave a persistent raw traceback."""
    keys = [f"k{i:04d}" for i in range(300)]

    def compute(missing):
        return pd.DataFrame(
            {"row_key": missing, "rate": [len(k) * 1.5 + int(k[1:]) for k in missing]}
        )

    want = cache.cached_rows("rates", {"v": 1}, keys, compute)
    (batch,) = (_cache_in_tmp / "rates").glob("*.rows/*.parquet")
    _flip_each_column(batch, where)
    calls = []
    got = cache.cached_rows("rates", {"v": 1}, keys, lambda m: calls.append(m) or compute(m))
    pd.testing.assert_frame_equal(got, want)
    assert calls == [keys]  # the damaged batch was recomputed
    assert "ignoring unreadable batch" in caplog.text
    again = cache.cached_rows("rates", {"v": 1}, keys, lambda m: calls.append(m) or compute(m))
    pd.testing.assert_frame_equal(again, want)
    assert len(calls) == 1  # and written again, whole


def test_cached_table_with_flipped_value_bytes_is_recomputed(_cache_in_tmp, caplog):
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(500)], "score": np.arange(500) / 7})
    compute = _Counter(df)
    cache.cached("scores", {"v": 1}, compute)
    _flip_each_column(cache.cache_path("scores", {"v": 1}), 0.6)
    again = cache.cached("scores", {"v": 1}, compute)
    pd.testing.assert_frame_equal(again, df)
    assert compute.calls == 2 and "ignoring unreadable entry" in caplog.text


def test_a_cache_path_that_is_a_file_means_no_cache(tmp_path, monkeypatch, caplog):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV, str(not_a_folder))
    compute = _RowCounter()
    out = cache.cached_rows("rows", {"v": 1}, ["a"], compute)
    assert out["value"].tolist() == ["a-0", "a-1"]
    df = cache.cached("t", {"v": 1}, _Counter(_table()))
    assert len(df) == 3 and "could not write" in caplog.text
