"""Tests of framing.corpus: loading, normalisation, validation messages, save/import, hash."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from framing.corpus import (
    COLUMNS,
    apply_outlets,
    corpus_hash,
    corpus_summary,
    format_summary,
    format_validation,
    import_corpus,
    iter_corpus,
    load_corpus,
    load_outlets,
    read_corpus,
    save_corpus,
    validate,
)
from framing.errors import ColumnsError, CorpusError

FIX = Path(__file__).parent / "fixtures"
FOLDER = FIX / "corpus_folder"
PROBLEMS = FIX / "corpus_problems.jsonl"
LENIENT = "or import with --lenient to set such records aside in rejected.jsonl"


def _jsonl(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ok(i: int, **extra) -> dict:
    return {"doc_id": f"d{i}", "outlet": "Harbor Wire", "text": f"Story number {i}.", **extra}


# ----------------------------------------------------------------------------- loading
def test_folder_is_loaded_mapped_and_normalised():
    df = load_corpus(FOLDER)
    assert list(df.columns[:7]) == list(COLUMNS)
    assert list(df.columns[7:]) == ["outlet_type", "outlet_country", "outlet_lean", "topic"]
    assert str(df["date"].dtype) == "datetime64[ns, UTC]"
    assert list(df["doc_id"]) == ["t1", "t2", "t3", "t4", "t5"]
    # aliases (case and spacing ignored) -> canonical names; unknown outlets unchanged
    assert list(df["outlet"]) == [
        "Harbor Wire",
        "The Lantern",
        "Civic Radio",
        "Harbor Wire",
        "Town Crier",
    ]
    assert list(df["outlet_type"].fillna("-")) == ["wire", "private", "public", "wire", "-"]
    assert df.loc[0, "text"] == (
        "The harbour ferry will run later on Fridays.\n\nTickets stay the same price."
    )
    assert df.loc[2, "text"] == "Forecasters expect steady rain through the weekend."  # NBSP
    assert df.loc[0, "title"] == "Ferry timetable changes"
    dates = [None if pd.isna(d) else d.isoformat() for d in df["date"]]
    assert dates == [
        "2025-07-10T00:00:00+00:00",
        "2025-07-11T06:30:00+00:00",  # +02:00 converted to UTC
        "2025-07-12T00:00:00+00:00",  # US month/day/year
        None,  # empty date allowed
        "2025-07-12T09:00:00+00:00",  # RFC 2822
    ]
    assert list(df["lang"]) == ["en"] * 5
    assert df["url"].isna().tolist() == [False, True, True, True, True]
    assert df.attrs["name"] == "tiny"
    # 7/12/25 reads as 12 July or 7 December: one warning names the rule used
    assert df.attrs["validation"] == {"read": 5, "kept": 5, "rejected": 0, "warnings": 1}
    assert re.fullmatch("[0-9a-f]{64}", df.attrs["corpus_hash"])


def test_bom_csv_is_accepted_and_quoted_line_breaks_kept():
    df = load_corpus(FIX / "corpus_bom.csv")
    assert list(df["doc_id"]) == ["c1", "c2"]  # no BOM glued to the first column name
    assert df.loc[0, "text"] == "The café on the quay reopened.\n\nIt serves soup."


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".csv.gz", ".parquet", ".csv"])
def test_formats_give_the_same_table_and_hash(tmp_path, suffix):
    reference = load_corpus(FOLDER)
    raw = pd.read_json(FOLDER / "articles.jsonl", lines=True, dtype=False)
    path = tmp_path / f"articles{suffix}"
    if suffix == ".jsonl.gz":
        path.write_bytes(gzip.compress((FOLDER / "articles.jsonl").read_bytes()))
    elif suffix == ".parquet":
        raw.to_parquet(path)
    else:
        raw.to_csv(path, index=False, compression="gzip" if suffix.endswith(".gz") else None)
    mapping = {"doc_id": "ID", "outlet": "source", "text": "body"}
    df = load_corpus(path, mapping=mapping, outlets=FOLDER / "outlets.yaml")
    assert df.attrs["corpus_hash"] == reference.attrs["corpus_hash"]
    pd.testing.assert_frame_equal(df[list(COLUMNS)], reference[list(COLUMNS)])


def test_corpus_hash_ignores_row_order_and_metadata_but_not_content():
    df = load_corpus(FOLDER)
    h = corpus_hash(df)
    assert corpus_hash(df.sample(frac=1, random_state=3)) == h
    assert corpus_hash(df.drop(columns=["topic"])) == h
    assert corpus_hash(df.assign(title=df["title"] + "!")) != h
    assert corpus_hash(df.assign(url="https://x.example")) != h
    with pytest.raises(ColumnsError, match="corpus_hash: missing column"):
        corpus_hash(df.drop(columns=["lang"]))


def test_corpus_hash_is_a_known_value():
    # Guards stability across runs and versions: change only with a CHANGELOG note.
    raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."], "date": ["2025-07-10"]})
    expected = "0f4c89d8425a9afba57d42abd74996264ac6e903d74bc52dfbf49d382adce9e5"
    assert corpus_hash(validate(raw).articles) == expected


def test_iter_corpus_yields_chunks_and_catches_duplicates_across_chunks():
    chunks = list(iter_corpus(PROBLEMS, mode="lenient", chunksize=2))
    assert [c.read for c in chunks] == [2, 2, 2, 2, 1]
    whole = read_corpus(PROBLEMS, mode="lenient")
    lines = [ln for c in chunks for ln in c.rejected["line"]]
    # line 7's date cannot be read: kept with no date and a warning (lenient)
    assert lines == list(whole.rejected["line"]) == [3, 4, 5, 6, 8]
    dup = pd.concat([c.rejected for c in chunks]).set_index("line").loc[5]
    assert dup["reason"] == "doc_id 'a2' duplicates line 2"


def test_csv_rows_and_duplicates_across_chunks(tmp_path):
    path = tmp_path / "articles.csv"
    rows = ["doc_id,outlet,text"] + [f"d{i},X,Story {i}." for i in range(1, 6)] + ["d2,Y,Again."]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(CorpusError) as info:
        load_corpus(path, chunksize=2)
    assert str(info.value).startswith("articles.csv row 6: doc_id 'd2' duplicates row 2;")
    assert (info.value.line, info.value.first_line) == (6, 2)


def test_malformed_csv_names_the_line(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text('doc_id,outlet,text\na,X,One.\nb,X,Two.\nc,X,"Three, with",extra\n')
    with pytest.raises(CorpusError) as info:
        load_corpus(path, mode="lenient", chunksize=1)
    assert str(info.value) == (
        "articles.csv line 4: expected 3 fields, found 4; put a field that holds a comma or a "
        "line break in double quotes (this stops --lenient too, as the rows after it cannot "
        "be trusted)."
    )
    assert (info.value.path, info.value.line, info.value.value) == (str(path), 4, 4)


def test_parquet_timestamps_naive_taken_as_utc(tmp_path):
    raw = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "outlet": ["X", "X"],
            "text": ["One.", "Two."],
            "date": pd.to_datetime(["2025-07-10 08:00", None]),
        }
    )
    raw.to_parquet(tmp_path / "a.parquet")
    df = load_corpus(tmp_path / "a.parquet")
    assert str(df["date"].dtype) == "datetime64[ns, UTC]"
    assert df.loc[0, "date"] == pd.Timestamp("2025-07-10 08:00", tz="UTC")
    assert pd.isna(df.loc[1, "date"])


def test_latin1_mojibake_repaired_on_request():
    raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["The caf\u00c3\u00a9 opens."]})
    assert validate(raw).warnings.loc[0, "field"] == "text"
    assert validate(raw, fix_mojibake=True).articles.loc[0, "text"] == "The caf\u00e9 opens."


def test_combining_accents_become_nfc():
    raw = pd.DataFrame(
        {"doc_id": ["a"], "outlet": ["Cafe\u0301 Radio"], "text": ["Re\u0301sume\u0301."]}
    )
    art = validate(raw).articles
    assert art.loc[0, "outlet"] == "Caf\u00e9 Radio" and art.loc[0, "text"] == "R\u00e9sum\u00e9."


# ----------------------------------------------------------------------------- lenient
def test_lenient_accounts_for_every_record():
    res = read_corpus(PROBLEMS, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (9, 4, 5)
    assert res.read == res.kept + res.n_rejected
    assert list(res.articles["doc_id"]) == ["a1", "a2", "a7", "a9"]
    assert pd.isna(res.articles.loc[2, "date"])  # "next Tuesday": kept with no date
    warn = res.warnings.set_index("line").loc[7]
    assert warn["field"] == "date" and "kept with no date" in warn["reason"]
    strict_dates = read_corpus(PROBLEMS, mode="lenient", require_date=True)
    assert (strict_dates.kept, strict_dates.n_rejected) == (0, 9)  # none has a readable date
    rej = res.rejected
    assert list(rej.columns) == ["line", "doc_id", "field", "reason", "value", "record"]
    assert list(rej["field"].fillna("-")) == ["-", "text", "doc_id", "outlet", "-"]
    assert (
        rej.loc[0, "record"]
        == '{"doc_id": "a3", "outlet": "The Lantern" "text": "A missing comma breaks this line."}'
    )
    assert json.loads(rej.loc[2, "record"])["text"] == "Same id as line two."
    assert rej.loc[4, "reason"] == "not a JSON object (found a JSON list)"
    assert res.articles.attrs["validation"] == {"read": 9, "kept": 4, "rejected": 5, "warnings": 1}
    text = format_validation(res)
    assert text.splitlines()[0] == "corpus_problems.jsonl: read 9, kept 4, rejected 5, warnings 1"
    assert "  line 5  doc_id 'a2' duplicates line 2" in text


def test_validate_a_dataframe_numbers_rows():
    raw = pd.DataFrame({"id": ["x", "y"], "src": ["A", None], "body": ["One.", "Two."]})
    res = validate(raw, mode="lenient", mapping={"doc_id": "id", "outlet": "src", "text": "body"})
    assert (res.read, res.kept, res.n_rejected) == (2, 1, 1)
    assert res.rejected.loc[0, "line"] == 2
    with pytest.raises(CorpusError, match="mode must be 'strict' or 'lenient', not 'loose'"):
        validate(raw, mode="loose")


# ----------------------------------------------------------------------------- errors
def test_malformed_json_line():
    with pytest.raises(CorpusError) as info:
        load_corpus(PROBLEMS)
    err = info.value
    assert str(err) == (
        "corpus_problems.jsonl line 3: malformed JSON (Expecting ',' delimiter at column 42); "
        f"fix the line, {LENIENT}."
    )
    assert (err.path, err.line, err.field) == (str(PROBLEMS), 3, None)
    assert err.value.startswith('{"doc_id": "a3"')


def test_missing_required_field_in_the_whole_file():
    path = FIX / "corpus_unmapped.jsonl"
    with pytest.raises(CorpusError) as info:
        load_corpus(path, mapping={"doc_id": "ID", "text": "body"}, mode="lenient")
    err = info.value
    assert str(err) == (
        "corpus_unmapped.jsonl: no record has field 'outlet' (fields present: ID, body, source, "
        "title); map the field that holds it with --outlet-col NAME "
        "(Python: mapping={'outlet': 'NAME'})."
    )
    assert (err.path, err.line, err.field, err.value) == (str(path), None, "outlet", None)
    df = load_corpus(path, mapping={"doc_id": "ID", "text": "body", "outlet": "source"})
    assert list(df["outlet"]) == ["Harbor Wire", "The Lantern"]


def test_mapping_names_an_absent_field():
    with pytest.raises(CorpusError) as info:
        load_corpus(FIX / "corpus_unmapped.jsonl", mapping={"text": "content"})
    assert str(info.value).startswith(
        "corpus_unmapped.jsonl: the mapping text <- 'content' names a field the file does not "
        "have (fields present: ID, body, source, title); fix --text-col."
    )
    assert (info.value.field, info.value.value) == ("text", "content")


def test_missing_value_in_one_record(tmp_path):
    other = {"doc_id": "d2", "source": "X", "title": "T", "text": "B"}
    path = _jsonl(tmp_path / "articles.jsonl", _ok(1), other)
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    err = info.value
    assert str(err) == (
        "articles.jsonl line 2: field 'outlet' is missing (fields present: doc_id, source, "
        f"text, title); fill it in, map it with --outlet-col NAME if it has another name, {LENIENT}."
    )
    assert (err.path, err.line, err.field, err.value) == (str(path), 2, "outlet", None)


def test_duplicate_doc_id_names_both_lines(tmp_path):
    path = _jsonl(tmp_path / "articles.jsonl", _ok(1), _ok(2), _ok(3), _ok(1, text="Again."))
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    err = info.value
    assert str(err) == (
        "articles.jsonl line 4: doc_id 'd1' duplicates line 1; give each article its own id, "
        f"{LENIENT} (the first one is kept)."
    )
    assert (err.line, err.field, err.value, err.first_line, err.lines) == (
        4,
        "doc_id",
        "d1",
        1,
        (1, 4),
    )


def test_empty_or_whitespace_text(tmp_path):
    path = _jsonl(tmp_path / "articles.jsonl", _ok(1), _ok(2, text=" \u00a0\n\t "))
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    err = info.value
    assert str(err) == (
        "articles.jsonl line 2: field 'text' is empty or whitespace only (value ' \\xa0\\n\\t '); "
        f"drop the record, {LENIENT}."
    )
    assert (err.line, err.field, err.value) == (2, "text", " \u00a0\n\t ")


def test_cp1252_bytes_name_line_and_offset():
    path = FIX / "corpus_cp1252.csv"
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    err = info.value
    assert str(err) == (
        "corpus_cp1252.csv line 3: bytes b'\\xe9\\x92' at byte offset 74 (column 23 of the line) "
        "are not valid utf-8; the file is probably in cp1252 or latin-1: re-run with "
        "--encoding cp1252 (Python: encoding='cp1252')."
    )
    assert (err.path, err.line, err.field, err.value, err.offset) == (
        str(path),
        3,
        None,
        b"\xe9\x92",
        74,
    )
    assert path.read_bytes()[74] == 0xE9
    df = load_corpus(path, encoding="cp1252")
    assert df.loc[1, "text"] == "The café’s terrace is open."


def test_cp1252_jsonl_names_line_and_offset(tmp_path):
    path = tmp_path / "articles.jsonl"
    good = json.dumps(_ok(1)) + "\n"
    bad = '{"doc_id": "d2", "outlet": "X", "text": "na\u00efve"}\n'
    path.write_bytes(good.encode() + bad.encode("cp1252"))
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    offset = len(good) + bad.index("\u00ef")
    assert info.value.line == 2 and info.value.offset == offset
    assert str(info.value).startswith(
        f"articles.jsonl line 2: bytes b'\\xef' at byte offset {offset} "
    )
    assert load_corpus(path, encoding="cp1252").loc[1, "text"] == "na\u00efve"


def test_mojibake_is_a_warning_and_repaired_on_request():
    res = read_corpus(FIX / "corpus_mojibake.jsonl")
    assert res.kept == 2 and res.n_rejected == 0
    warn = res.warnings.iloc[0]
    assert (warn["line"], warn["doc_id"], warn["field"]) == (1, "m1", "text")
    assert warn["reason"].startswith("suspected mojibake (UTF-8 read as cp1252)")
    assert res.articles.loc[0, "text"] == "The mayor\u00e2\u20ac\u2122s plan was approved."
    fixed = read_corpus(FIX / "corpus_mojibake.jsonl", fix_mojibake=True)
    assert fixed.articles.loc[0, "text"] == "The mayor\u2019s plan was approved."
    assert fixed.warnings.loc[0, "reason"].endswith("; repaired")


def test_unparseable_date_names_value_and_formats(tmp_path):
    path = _jsonl(
        tmp_path / "articles.jsonl", _ok(1, date="2025-07-10"), _ok(2, date="next Tuesday")
    )
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    err = info.value
    assert str(err).startswith(
        "articles.jsonl line 2: field 'date' has value 'next Tuesday' that is not a date; "
        "accepted formats: ISO 8601 (2020-02-21, 2020-02-21T10:00:00Z), month names "
    )
    assert str(err).endswith(f"fix the value, leave it empty if unknown, {LENIENT}.")
    assert "--date-format" in str(err)
    assert (err.line, err.field, err.value) == (2, "date", "next Tuesday")


def test_out_of_range_date_is_kept_as_missing_with_a_warning(tmp_path):
    path = _jsonl(tmp_path / "articles.jsonl", _ok(1, date="0001-11-30"), _ok(2, date="2025-07-10"))
    res = read_corpus(path)
    assert res.kept == 2 and pd.isna(res.articles.loc[0, "date"])
    warn = res.warnings.iloc[0].to_dict()
    assert warn == {
        "line": 1,
        "doc_id": "d1",
        "field": "date",
        "reason": "date outside the supported years 1678-2261 (a placeholder?); kept with no date",
        "value": "0001-11-30",
    }


@pytest.mark.parametrize("name", ["corpus_empty.jsonl", "corpus_header_only.csv"])
def test_empty_file(name):
    with pytest.raises(CorpusError) as info:
        load_corpus(FIX / name, mode="lenient")
    assert str(info.value) == (
        f"{name}: the file holds no records (it is empty, or has only blank lines or a header); "
        "check that you passed the right file."
    )
    assert (info.value.path, info.value.line, info.value.field) == (str(FIX / name), None, None)


def test_missing_doc_id_only_generated_on_request(tmp_path):
    rec = {"outlet": "X", "title": "T", "text": "Body."}
    path = _jsonl(tmp_path / "articles.jsonl", rec, {**rec, "text": "Other."})
    with pytest.raises(CorpusError, match="no record has field 'doc_id'.*--make-ids"):
        load_corpus(path)
    ids = list(load_corpus(path, make_ids=True)["doc_id"])
    assert ids == list(load_corpus(path, make_ids=True)["doc_id"])
    assert all(re.fullmatch("h[0-9a-f]{16}", i) for i in ids) and ids[0] != ids[1]


def test_unknown_suffix_and_missing_path(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(CorpusError, match="cannot tell the file format"):
        load_corpus(tmp_path / "a.txt")
    (tmp_path / "a.parquet.gz").write_bytes(b"")
    with pytest.raises(CorpusError, match="gzipped Parquet file cannot be read"):
        load_corpus(tmp_path / "a.parquet.gz")
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no articles file"):
        load_corpus(tmp_path)


# ----------------------------------------------------------------------------- outlets
def test_outlets_yaml_errors(tmp_path):
    bad = tmp_path / "outlets.yaml"
    bad.write_text("outlets:\n  - {name: A, type: tabloid}\n")
    with pytest.raises(CorpusError, match="outlet 'A' has type 'tabloid'; use one of wire") as info:
        load_outlets(bad)
    assert (info.value.line, info.value.field, info.value.value) == (2, "type", "tabloid")
    bad.write_text("outlets:\n  - {name: A, aliases: [x]}\n  - {name: B, aliases: [X]}\n")
    with pytest.raises(CorpusError, match="line 3: alias 'X' belongs to both 'A' and 'B'"):
        load_outlets(bad)
    bad.write_text("outlets:\n  - name: A\n  - name: B\n    type: tabloid\n    type: wire\n")
    with pytest.raises(CorpusError, match="line 5: key 'type' appears twice") as info:
        load_outlets(bad)
    assert info.value.path.endswith("outlets.yaml") and info.value.line == 5


def test_outlets_yaml_aliases_keys_and_names(tmp_path):
    """Review M2: `aliases: DP` was split into the aliases 'D' and 'P'; an unknown key
    was ignored; a name listed twice gave a raw InvalidIndexError."""
    f = tmp_path / "outlets.yaml"
    f.write_text("outlets:\n  - {name: Daily Planet, aliases: DP}\n")
    assert load_outlets(f)["aliases"].tolist() == [["DP"]]
    out = apply_outlets(pd.DataFrame({"outlet": ["DP", "P", "D"]}), load_outlets(f))
    assert out["outlet"].tolist() == ["Daily Planet", "P", "D"]
    f.write_text("outlets:\n  - name: Daily Planet\n    alias: [DP]\n")
    with pytest.raises(CorpusError, match="unknown key 'alias'.*Did you mean 'aliases'") as e:
        load_outlets(f)
    assert e.value.line == 3 and e.value.field == "alias"
    f.write_text("outlets:\n  - {name: A}\n  - {name: B}\n  - {name: ' a '}\n")
    with pytest.raises(CorpusError, match="outlet ' a ' is listed twice \\(first at line 2\\)"):
        load_outlets(f)
    f.write_text("outlets:\n  - {name: A, aliases: [{x: 1}]}\n")
    with pytest.raises(CorpusError, match="must be a list of names") as e:
        load_outlets(f)
    assert e.value.value == [{"x": 1}]


def test_apply_outlets_is_idempotent():
    df = load_corpus(FOLDER)
    again = apply_outlets(df, load_outlets(FOLDER / "outlets.yaml"))
    pd.testing.assert_frame_equal(again, df)


# ----------------------------------------------------------------------------- save/import
def test_save_corpus_writes_and_refuses_raw_folders(tmp_path):
    res = read_corpus(PROBLEMS, mode="lenient")
    out = save_corpus(
        res.articles,
        tmp_path / "clean",
        name="clean",
        description="test",
        provenance={"licence": "CC0"},
        rejected=res.rejected,
    )
    meta = yaml.safe_load((out / "corpus.yaml").read_text())
    assert meta["counts"] == {"read": 9, "kept": 4, "rejected": 5}
    assert meta["corpus_hash"] == corpus_hash(res.articles)
    assert meta["provenance"] == {"licence": "CC0"} and meta["rejected"] == "rejected.jsonl"
    lines = (out / "rejected.jsonl").read_text().splitlines()
    assert len(lines) == 5 and json.loads(lines[1])["record"]["doc_id"] == "a4"
    back = load_corpus(out)
    assert back.attrs["corpus_hash"] == meta["corpus_hash"]
    with pytest.raises(CorpusError, match="articles.parquet exists; pass overwrite=True"):
        save_corpus(res.articles, out, name="clean")
    save_corpus(back, tmp_path / "copy", name="copy")
    with pytest.raises(CorpusError, match="refusing to write here, it holds the raw input"):
        save_corpus(load_corpus(tmp_path / "copy"), tmp_path / "copy", name="x", overwrite=True)
    with pytest.raises(CorpusError, match="holds raw article files"):
        save_corpus(res.articles, FOLDER, name="x")


def test_import_corpus_streams_in_chunks(tmp_path):
    res = import_corpus(PROBLEMS, tmp_path / "imp", mode="lenient", chunksize=2)
    assert res.counts() == {"read": 9, "kept": 4, "rejected": 5, "warnings": 1}
    df = load_corpus(tmp_path / "imp")
    assert list(df["doc_id"]) == ["a1", "a2", "a7", "a9"]
    meta = yaml.safe_load((tmp_path / "imp" / "corpus.yaml").read_text())
    assert meta["name"] == "imp" and meta["counts"]["rejected"] == 5
    assert meta["corpus_hash"] == df.attrs["corpus_hash"]
    assert meta["provenance"]["source"] == str(PROBLEMS)
    assert len((tmp_path / "imp" / "rejected.jsonl").read_text().splitlines()) == 5
    assert len((tmp_path / "imp" / "warnings.jsonl").read_text().splitlines()) == 1
    assert meta["files"] == ["articles.parquet", "rejected.jsonl", "warnings.jsonl", "corpus.yaml"]
    assert sorted(p.name for p in (tmp_path / "imp").iterdir()) == sorted(meta["files"])


def test_import_reconciles_column_types_across_chunks_and_copies_outlets(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _jsonl(src / "articles.jsonl", _ok(1, extra=None), _ok(2, extra=5), _ok(3, extra="five"))
    (src / "outlets.yaml").write_text((FOLDER / "outlets.yaml").read_text())
    import_corpus(src, tmp_path / "out", chunksize=1)
    df = load_corpus(tmp_path / "out")
    assert list(df["extra"].fillna("-")) == ["-", "5", "five"]
    assert (tmp_path / "out" / "outlets.yaml").exists()
    import_corpus(FOLDER, tmp_path / "tiny")
    meta = yaml.safe_load((tmp_path / "tiny" / "corpus.yaml").read_text())
    assert meta["provenance"]["source_corpus"] == {"name": "tiny"}
    assert meta["provenance"]["mapping"] == {"doc_id": "ID", "outlet": "source", "text": "body"}
    assert df.loc[0, "outlet_type"] == "wire"


# ----------------------------------------------------------------------------- summary
def test_corpus_summary_counts_and_duplicates():
    df = load_corpus(FOLDER)
    s = corpus_summary(df)
    ov = s["overview"].set_index("measure")["value"]
    assert ov["articles"] == 5 and ov["outlets"] == 4
    assert ov["words"] == sum(len(t.split()) for t in df["text"])
    assert ov["articles without date"] == 1
    assert ov["articles whose text repeats another"] == 1
    dup = s["duplicates"].iloc[0]
    assert (dup["articles"], dup["outlets"], dup["doc_ids"]) == (
        2,
        "Civic Radio, Harbor Wire",
        "t3, t4",
    )
    assert list(s["months"].columns) == ["outlet", "topic", "month", "articles"]
    assert s["months"]["articles"].sum() == 5
    assert s["outlets"].iloc[0].to_dict()["outlet"] == "Harbor Wire"
    text = format_summary(s)
    assert "Articles per outlet x topic and month" in text
    assert "Texts that occur more than once (1)" in text


# ----------------------------------------------------------------------------- real data


@pytest.mark.realdata
@pytest.mark.slow
def test_import_allsides_accounts_for_every_article(tmp_path, shared_data):
    real = shared_data("allsides", "articles.jsonl.gz")
    mapping = {
        "text": "content_original",
        "outlet": "source",
        "doc_id": "ID",
        "date": "date",
        "title": "title",
        "url": "url",
    }
    res = import_corpus(real, tmp_path / "allsides", mapping=mapping, mode="lenient")
    assert res.read == 37_554
    assert res.read == res.kept + res.n_rejected
    assert set(res.rejected["field"]) <= {"date", "text", "doc_id", "outlet"}
    assert "date" in set(res.warnings["field"])  # the 0001-11-30 placeholders
    df = load_corpus(tmp_path / "allsides")
    assert len(df) == res.kept and df["doc_id"].is_unique


def test_parquet_is_streamed_one_row_group_at_a_time(tmp_path, monkeypatch):
    # One iter_batches over a whole file kept Arrow buffers alive as it went (+175 MB
    # per 50,000-article row group of AllSides, see bench/RESULTS.md "Scale"); a reader
    # per row group does not. Check the reading pattern and that no row is lost.
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framing.corpus import iter_corpus

    n = 2_300
    table = pa.table({"doc_id": [f"d{i}" for i in range(n)], "outlet": ["X"] * n,
                      "text": [f"text {i}" for i in range(n)]})  # fmt: skip
    pq.write_table(table, tmp_path / "articles.parquet", row_group_size=500)
    calls = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        calls.append(kwargs.get("row_groups"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    chunks = [len(r.articles) for r in iter_corpus(tmp_path / "articles.parquet", chunksize=300)]
    assert sum(chunks) == n and max(chunks) <= 300
    assert calls == [[0], [1], [2], [3], [4]]


def test_rename_and_drop_source_fields_before_validation(tmp_path):
    import json

    src = tmp_path / "a.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"id": str(i), "src": "X", "body": "Talks.", "topic": "russia", "html": "<p>"}
            )
            + "\n"
            for i in range(3)
        )
    )
    mapping = {"doc_id": "id", "outlet": "src", "text": "body"}
    df = load_corpus(src, mapping=mapping, rename={"topic": "source_topic"}, drop=["html"])
    assert "source_topic" in df and "topic" not in df and "html" not in df
    with pytest.raises(CorpusError, match=r"cannot rename or drop field\(s\) \['nope'\]") as info:
        load_corpus(src, mapping=mapping, drop=["nope"])
    assert info.value.field == "nope" and "html" in info.value.value
    with pytest.raises(CorpusError, match=r"renaming to \['src'\] would overwrite"):
        load_corpus(src, mapping=mapping, rename={"topic": "src"})
    out = import_corpus(src, tmp_path / "c", mapping=mapping, rename={"topic": "source_topic"})
    assert out.counts()["kept"] == 3
    meta = (tmp_path / "c" / "corpus.yaml").read_text()
    assert "source_topic" in meta  # the rename is recorded in the provenance


def test_boilerplate_is_found_per_outlet_and_removed_reversibly():
    from framing.corpus import find_boilerplate, remove_boilerplate

    stories = ["talks resume", "a truce holds", "tariffs rise", "envoys meet", "a summit ends"]
    texts = [
        f"Officials said {s}.\nEnlarge this image toggle caption Photo {i}/Agency"
        for i, s in enumerate(stories)
    ]
    texts += ["Slideshow (3 images)\nAnother story.", "Slideshow (12 images)\nA last one."]
    df = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 2, "text": texts})
    found = find_boilerplate(df, min_articles=2)
    assert set(zip(found["outlet"], found["kind"], strict=True)) == {
        ("A", "line"),  # the same caption but for the photo number
        ("A", "template"),
        ("B", "line"),
    }
    assert found.loc[found["outlet"] == "B", "line"].item() == "slideshow (0 images)"
    out = remove_boilerplate(df, found)
    assert (
        out["text"].tolist()[0] == "Officials said talks resume." and df["text"].iloc[0] == texts[0]
    )
    assert out["n_boilerplate_lines"].tolist() == [1] * 7
    removed = pd.DataFrame(out.attrs["boilerplate"]).groupby("outlet")["n_removed"].sum()
    assert removed.to_dict() == {"A": 5, "B": 2}
    assert find_boilerplate(load_corpus(FOLDER)).empty  # the demo corpus has none


@pytest.mark.realdata
@pytest.mark.slow
def test_boilerplate_of_real_outlets(shared_data):
    import gzip
    import json

    from framing.corpus import find_boilerplate

    rows = []
    with gzip.open(shared_data("allsides", "articles.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["source"] in ("Washington Times", "NPR Online News", "Fox Online News"):
                rows.append({"outlet": rec["source"], "text": rec["content_original"]})
    found = find_boilerplate(pd.DataFrame(rows))
    lines = set(found["line"])
    assert "sign up for daily newsletters" in lines  # Washington Times
    assert "enlarge this image toggle ..." in lines  # NPR photo captions
    assert "the associated press contributed to this report." in lines  # Fox
    assert found["share"].min() >= 0.02
