"""Partitioned corpora (framing.corpus._dataset, _repartition): writing a folder of
Parquet parts by year or month, reading it with every reader, partitions, conversion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from framing.cli import main
from framing.corpus import (
    corpus_hash,
    corpus_partitions,
    import_corpus,
    iter_corpus,
    load_corpus,
    read_corpus,
    repartition_corpus,
    save_corpus,
    validate,
)
from framing.errors import CorpusError

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _by_id(df: pd.DataFrame) -> pd.DataFrame:
    out = df.sort_values("doc_id", kind="stable").reset_index(drop=True)
    out.attrs = {}
    return out


@pytest.fixture(scope="module")
def demo_forms(tmp_path_factory):
    """The demo corpus imported as one file and partitioned by month."""
    tmp = tmp_path_factory.mktemp("forms")
    one = import_corpus(DEMO, tmp / "one")
    by_month = import_corpus(DEMO, tmp / "month", partition_by="month")
    return tmp, one, by_month


def test_partitioned_import_has_the_same_counts_hash_and_articles(demo_forms):
    tmp, one, by_month = demo_forms
    assert by_month.counts() == one.counts()
    meta_one = yaml.safe_load((tmp / "one" / "corpus.yaml").read_text())
    meta = yaml.safe_load((tmp / "month" / "corpus.yaml").read_text())
    assert meta["articles"] == "articles" and meta["partitioning"] == "month"
    assert meta["corpus_hash"] == meta_one["corpus_hash"]
    assert meta["counts"] == meta_one["counts"]
    assert not (tmp / "month" / "articles.parquet").exists()
    folders = sorted(p.name for p in (tmp / "month" / "articles").iterdir())
    assert folders == [f"month=2025-{m:02d}" for m in range(6, 12)]
    whole, parted = load_corpus(tmp / "one"), load_corpus(tmp / "month")
    pd.testing.assert_frame_equal(_by_id(parted), _by_id(whole))
    assert parted.attrs["corpus_hash"] == whole.attrs["corpus_hash"] == meta["corpus_hash"]
    assert parted.attrs["source"] == str(tmp / "month" / "articles")


def test_every_reader_takes_a_partitioned_corpus(demo_forms):
    tmp, _, _ = demo_forms
    chunks = list(iter_corpus(tmp / "month", chunksize=40))
    assert sum(len(c.articles) for c in chunks) == 367
    # a chunk never spans two part files: each part is read on its own
    assert {c.source.split("/")[1] for c in chunks} == {f"month=2025-{m:02d}" for m in range(6, 12)}
    res = read_corpus(tmp / "month")
    assert res.counts() == {"read": 367, "kept": 367, "rejected": 0, "warnings": 0}
    assert (
        corpus_hash(c.articles for c in iter_corpus(tmp / "month"))
        == res.articles.attrs["corpus_hash"]
    )


def test_partitions_read_alone_add_up_to_the_corpus(demo_forms):
    tmp, _, _ = demo_forms
    parts = corpus_partitions(tmp / "month")
    assert [p.index for p in parts] == list(range(len(parts)))
    assert [p.key for p in parts] == [f"month=2025-{m:02d}" for m in range(6, 12)]
    assert sum(p.n_rows for p in parts) == 367
    pieces = [load_corpus(p) for p in parts]
    assert [len(x) for x in pieces] == [p.n_rows for p in parts]
    glued = pd.concat(pieces, ignore_index=True)
    whole = load_corpus(tmp / "month")
    glued.attrs = whole.attrs = {}
    pd.testing.assert_frame_equal(glued, whole)
    assert parts[2].label == "articles/month=2025-08/part-000000.parquet (row group 0)"
    # a one-file Parquet corpus: one partition per row group; JSONL: one for the file
    single = corpus_partitions(tmp / "one")
    assert [(p.key, p.row_groups, p.first_row) for p in single] == [(None, (0,), 1)]
    assert [p.row_groups for p in corpus_partitions(DEMO)] == [None]


def test_row_groups_of_one_file_are_partitions_with_file_row_numbers(tmp_path):
    df = load_corpus(DEMO)
    out = tmp_path / "c"
    import_corpus(DEMO, out, chunksize=100)  # the import writes one row group per chunk
    parts = corpus_partitions(out)
    assert [(p.n_rows, p.first_row) for p in parts] == [(100, 1), (100, 101), (100, 201), (67, 301)]
    assert list(load_corpus(parts[1])["doc_id"]) == list(df["doc_id"].iloc[100:200])


def test_lenient_import_rejects_the_same_records_partitioned(tmp_path):
    src = FIXTURES / "corpus_problems.jsonl"
    one = import_corpus(src, tmp_path / "one", mode="lenient")
    parted = import_corpus(src, tmp_path / "year", mode="lenient", partition_by="year")
    assert parted.counts() == one.counts() and parted.n_rejected > 0
    for name in ("rejected.jsonl", "warnings.jsonl"):
        a, b = tmp_path / "one" / name, tmp_path / "year" / name
        assert a.exists() == b.exists()
        if a.exists():
            assert a.read_bytes() == b.read_bytes()
    pd.testing.assert_frame_equal(
        _by_id(load_corpus(tmp_path / "year")), _by_id(load_corpus(tmp_path / "one"))
    )


def test_articles_without_a_date_get_their_own_partition_readable_by_arrow(tmp_path):
    raw = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["X", "Y", "X", "Z"],
            "text": ["One.", "Two.", "Three.", "Four."],
            "date": ["2019-05-01", "", "2020-02-03T23:30:00-05:00", "2019-12-31"],
            "section": ["world", None, "asia", "world"],
        }
    )
    df = validate(raw).articles
    folder = save_corpus(df, tmp_path / "c", name="c", partition_by="year")
    keys = [p.key for p in corpus_partitions(folder)]
    # 2020-02-03 23:30 at UTC-5 is 2020-02-04 04:30 UTC: partitions follow UTC dates
    assert keys == ["year=2019", "year=2020", "year=__HIVE_DEFAULT_PARTITION__"]
    back = load_corpus(folder)
    assert back.attrs["corpus_hash"] == corpus_hash(df)
    pd.testing.assert_frame_equal(_by_id(back), _by_id(df))
    import pyarrow.dataset as ds

    table = ds.dataset(folder / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("doc_id").to_pylist()) == ["a", "b", "c", "d"]
    assert sorted(set(table.column("year").to_pylist()), key=str) == [2019, 2020, None]


def test_repartition_round_trip_keeps_hash_metadata_and_records(tmp_path):
    src = FIXTURES / "corpus_problems.jsonl"
    import_corpus(src, tmp_path / "one", mode="lenient", provenance={"licence": "CC0"})
    before = yaml.safe_load((tmp_path / "one" / "corpus.yaml").read_text())
    info = repartition_corpus(tmp_path / "one", tmp_path / "years", partition_by="year")
    assert info["hash_unchanged"] is True and info["corpus_hash"] == before["corpus_hash"]
    after = yaml.safe_load((tmp_path / "years" / "corpus.yaml").read_text())
    assert after["provenance"] == before["provenance"] and after["counts"] == before["counts"]
    assert after["partitioning"] == "year" and after["articles"] == "articles"
    assert (tmp_path / "years" / "rejected.jsonl").read_bytes() == (
        tmp_path / "one" / "rejected.jsonl"
    ).read_bytes()
    back = repartition_corpus(tmp_path / "years", tmp_path / "again", partition_by=None)
    assert back["hash_unchanged"] is True and back["partitions"] == 1
    again = yaml.safe_load((tmp_path / "again" / "corpus.yaml").read_text())
    assert again["articles"] == "articles.parquet" and "partitioning" not in again
    pd.testing.assert_frame_equal(
        _by_id(load_corpus(tmp_path / "again")), _by_id(load_corpus(tmp_path / "one"))
    )


def test_overwrite_switches_the_layout_and_refuses_without_it(tmp_path):
    df = load_corpus(DEMO)
    folder = save_corpus(df.drop(columns=[]), tmp_path / "c", name="c")
    with pytest.raises(CorpusError, match="articles.parquet exists; pass overwrite=True"):
        save_corpus(df, folder, name="c", partition_by="year")
    save_corpus(df, folder, name="c", partition_by="year", overwrite=True)
    assert not (folder / "articles.parquet").exists() and (folder / "articles").is_dir()
    with pytest.raises(CorpusError, match=r"a partitioned corpus \(articles/\) exists") as err:
        save_corpus(df, folder, name="c")
    assert err.value.value == "articles"
    save_corpus(df, folder, name="c", overwrite=True)
    assert (folder / "articles.parquet").exists() and not (folder / "articles").exists()
    assert len(load_corpus(folder)) == len(df)


def test_unknown_partitioning_is_an_error_naming_the_choices(tmp_path):
    with pytest.raises(CorpusError, match="partition_by must be one of year, month") as err:
        import_corpus(DEMO, tmp_path / "x", partition_by="week")
    assert err.value.field == "partition_by" and err.value.value == "week"
    assert not (tmp_path / "x").exists()


def test_a_bad_record_in_a_part_names_the_part_file_and_row(demo_forms, tmp_path):
    tmp, _, _ = demo_forms
    folder = tmp_path / "broken"
    shutil.copytree(tmp / "month", folder)
    part = folder / "articles" / "month=2025-08" / "part-000000.parquet"
    table = pd.read_parquet(part)
    table.loc[3, "text"] = "   "
    table.to_parquet(part, index=False)
    with pytest.raises(
        CorpusError, match=r"articles/month=2025-08/part-000000.parquet row 4: "
    ) as e:
        load_corpus(folder)
    assert e.value.path == str(part) and e.value.line == 4 and e.value.field == "text"
    # the partition alone says the same; lenient mode sets the record aside
    (bad,) = [p for p in corpus_partitions(folder) if p.key == "month=2025-08"]
    with pytest.raises(CorpusError, match="month=2025-08/part-000000.parquet row 4"):
        load_corpus(bad)
    res = read_corpus(folder, mode="lenient")
    assert res.counts()["rejected"] == 1 and res.rejected.loc[0, "line"] == 4


def test_an_unreadable_part_file_is_named(demo_forms, tmp_path):
    tmp, _, _ = demo_forms
    folder = tmp_path / "damaged"
    shutil.copytree(tmp / "month", folder)
    part = folder / "articles" / "month=2025-09" / "part-000000.parquet"
    part.write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match="not a readable Parquet file") as err:
        corpus_partitions(folder)
    assert err.value.path == str(part)


def test_an_empty_articles_folder_says_how_to_fill_it(tmp_path):
    folder = tmp_path / "c"
    (folder / "articles").mkdir(parents=True)
    (folder / "corpus.yaml").write_text("name: c\narticles: articles\n")
    with pytest.raises(CorpusError, match="holds no Parquet part files"):
        load_corpus(folder)


def test_cli_import_and_repartition(tmp_path, capsys):
    assert main(["corpus", "import", str(DEMO), "--out", str(tmp_path / "m"),
                 "--partition-by", "month"]) == 0  # fmt: skip
    assert (tmp_path / "m" / "articles" / "month=2025-07").is_dir()
    assert main(["corpus", "repartition", str(tmp_path / "m"), "--out", str(tmp_path / "y"),
                 "--partition-by", "year"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "wrote 367 articles" in out and "1 part file(s)" in out
    assert main(["corpus", "repartition", str(DEMO), "--out", str(tmp_path / "z")]) == 1
    assert "repartition takes a corpus folder whose articles are Parquet" in capsys.readouterr().err


def test_collect_writes_a_partitioned_corpus(tmp_path, capsys):
    texts = tmp_path / "texts" / "Courier"
    texts.mkdir(parents=True)
    for i, day in enumerate(["2023-12-30", "2024-01-02", "2024-01-20", "2024-02-01"]):
        (texts / f"{i}.txt").write_text(f"---\ndate: {day}\n---\nTalks went on, day {i}.\n")
    out = tmp_path / "collected"
    assert main(["collect", "folder", str(tmp_path / "texts"), "--out", str(out),
                 "--partition-by", "month"]) == 0  # fmt: skip
    capsys.readouterr()
    meta = yaml.safe_load((out / "corpus.yaml").read_text())
    assert meta["articles"] == "articles" and meta["partitioning"] == "month"
    assert [p.key for p in corpus_partitions(out)] == ["month=2023-12", "month=2024-01",
                                                        "month=2024-02"]  # fmt: skip
    articles = load_corpus(out)
    assert len(articles) == 4 and meta["corpus_hash"] == corpus_hash(articles)
    assert meta["files"] == ["articles", "corpus.yaml"]


def test_a_partitioned_corpus_replaces_a_one_file_corpus_atomically_and_back(tmp_path):
    df = load_corpus(DEMO)
    folder = save_corpus(df, tmp_path / "c", name="c")
    save_corpus(df, folder, name="c", partition_by="month", overwrite=True)
    assert sorted(p.name for p in folder.iterdir()) == ["articles", "corpus.yaml"]
    save_corpus(df, folder, name="c", partition_by="year", overwrite=True)  # folder over folder
    assert {p.name for p in (folder / "articles").iterdir()} == {"year=2025"}
    save_corpus(df, folder, name="c", overwrite=True)
    assert sorted(p.name for p in folder.iterdir()) == ["articles.parquet", "corpus.yaml"]
    assert _by_id(load_corpus(folder)).equals(_by_id(df))


def test_a_committed_partitioned_write_interrupted_midway_is_completed_by_the_next_reader(
    tmp_path,
):
    df = load_corpus(DEMO)
    old = save_corpus(df.iloc[:10], tmp_path / "c", name="c", partition_by="month")
    new = save_corpus(df, tmp_path / "new", name="c", partition_by="year")
    # the state a writer killed during its commit leaves: the new files in the stage, a
    # commit plan, the old articles/ already moved into the stage
    stage = old / ".import-0123456789ab"
    stage.mkdir()
    shutil.copytree(new / "articles", stage / "articles")
    shutil.copyfile(new / "corpus.yaml", stage / "corpus.yaml")
    (old / "articles").rename(stage / ".replaced-articles")
    (stage / "commit.json").write_text('{"install": ["articles", "corpus.yaml"], "remove": []}')
    assert len(load_corpus(old)) == len(df)  # the reader finished the commit first
    assert not stage.exists() and {p.name for p in (old / "articles").iterdir()} == {"year=2025"}
