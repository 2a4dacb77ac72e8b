"""Tests of framing.sources.nexis (LexisNexis / Nexis Uni .txt and .docx exports).

``fixtures/nexis_export.txt`` is invented text written for these tests: a UTF-8 BOM,
CRLF line endings and seven documents (a time-zoned date, a French article, a document
without a ``Body`` line, a season instead of a date, a length mismatch, an exact
duplicate, and a last document cut off before ``End of Document``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml

from framing.cli import main
from framing.corpus import load_corpus
from framing.errors import CorpusError
from framing.sources import KINDS, collect, read_nexis
from framing.sources._nexis_parse import parse_date_line

FIX = Path(__file__).parent / "fixtures"
EXPORT = FIX / "nexis_export.txt"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx(path: Path, paragraphs: list[str], *, marks: bool = True) -> Path:
    """A minimal Word file: one ``w:p`` per entry; with ``marks``, ``|`` is a ``w:br`` and
    ``>`` a tab."""

    def para(text: str) -> str:
        runs = []
        for k, part in enumerate(text.split("|") if marks else [text]):
            if k:
                runs.append("<w:r><w:br/></w:r>")
            for j, bit in enumerate(part.split(">") if marks else [part]):
                if j:
                    runs.append("<w:r><w:tab/></w:r>")
                runs.append(f'<w:r><w:t xml:space="preserve">{escape(bit)}</w:t></w:r>')
        return f"<w:p>{''.join(runs)}</w:p>"

    body = "".join(para(p) for p in paragraphs)
    # a hyperlinked title run and a text box whose Fallback copy must not be read twice
    body = body.replace(
        '<w:p><w:r><w:t xml:space="preserve">LINKED</w:t></w:r></w:p>',
        "<w:p><w:hyperlink><w:r><w:t>Envoys meet </w:t></w:r><w:r><w:t>again</w:t></w:r>"
        "</w:hyperlink></w:p>",
    )
    body = body.replace(
        '<w:p><w:r><w:t xml:space="preserve">BOX</w:t></w:r></w:p>',
        f'<w:p><w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice><w:t>Box</w:t>'
        "</mc:Choice><mc:Fallback><w:t>Box</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
    xml += "<w:sectPr/></w:body></w:document>"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml.encode("utf-8"))
    return path


DOCX_PARAGRAPHS = [
    "User Name: = a researcher",
    "Date and Time: = 2025-08-04",
    "Job Number: = 123",
    "Documents (2)",
    "1. Envoys meet again",
    "Client/Matter: -None-",
    "Search Terms: talks",
    "LINKED",  # the title, as a hyperlink
    "The Harbor Courier",
    "August 4, 2025 Monday 7:00 AM EDT",
    "Byline:>Jane Roe",
    "Body",
    "First paragraph of an invented report.|Same paragraph after a line break.",
    "Second paragraph.",
    "BOX",  # a text box with a Fallback copy
    "Classification",
    "Language: ENGLISH",
    "End of Document",
    "Second title",
    "Meridian Wire Service",
    "August 5, 2025 Tuesday",
    "Length: 10 words",
    "Classification",
    "End of Document",
]


def test_txt_export_lenient_keeps_and_rejects_every_document():
    raw = EXPORT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture is as described
    res = read_nexis(EXPORT, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (7, 3, 4)
    assert res.read == res.kept + res.n_rejected
    art = res.articles.set_index("doc_id")
    assert list(art.index) == ["nexis_export.txt#1", "nexis_export.txt#2", "nexis_export.txt#5"]
    one = art.loc["nexis_export.txt#1"]
    assert one["title"] == "Envoys resume talks in Geneva after a long pause"  # no BOM
    assert one["outlet"] == one["publication"] == "The Harbor Courier"
    assert str(one["date"]) == "2025-07-11 02:30:00+00:00"  # 9:30 PM EST
    assert one["date_line"] == "July 10, 2025 Thursday 9:30 PM EST"
    assert one["date_precision"] == "minute"
    assert one["byline"] == "Jane Roe and Omar Fields" and one["dateline"] == "GENEVA"
    assert one["section"] == "WORLD; Pg. 4" and one["copyright"].startswith("Copyright 2025")
    assert (
        one["highlight"] == "Negotiators met for six hours. Both sides called the meeting useful."
    )
    assert one["graphic"] == "Photo: the hotel entrance on Thursday evening."
    assert one["subject"] == "DIPLOMACY (92%); NEGOTIATIONS (90%)"
    assert one["load_date"] == "2025-07-11" and one["publication_type"] == "Newspaper"
    assert one["length_words"] == 52 and one["body_words"] == 57
    assert one["length_note"] is None or one["length_note"] != one["length_note"]
    assert one["text"].startswith("Negotiators from both delegations")
    assert one["text"].count("\n\n") == 2 and "\r" not in one["text"]
    assert "Photo" not in one["text"] and "Classification" not in one["text"]
    assert one["source_file"] == "nexis_export.txt" and one["source_line"] == 1
    two = art.loc["nexis_export.txt#2"]
    assert (
        two["title"]
        == "Sommet \u00e0 Gen\u00e8ve : les d\u00e9l\u00e9gations \u00ab prudentes \u00bb"
    )
    assert (
        two["lang"] == "fr"
        and two["language"] == "FRENCH"
        and two["byline"] == "Am\u00e9lie D\u00fcrr"
    )
    assert str(two["date"]) == "2025-07-11 00:00:00+00:00" and two["date_precision"] == "day"
    five = art.loc["nexis_export.txt#5"]
    assert five["length_words"] == 900 and five["body_words"] == 38
    assert five["length_note"] == "body has 38 words, 'Length:' says 900"
    assert five["lang"] == "en" and str(five["date"]) == "2025-08-01 08:15:00+00:00"
    warn = res.warnings
    assert warn["doc_id"].tolist() == ["nexis_export.txt#5"] and warn["line"].tolist() == [5]
    rej = res.rejected
    assert rej["item"].tolist() == [f"nexis_export.txt#{k}" for k in (3, 4, 6, 7)]
    assert rej["line"].tolist() == [3, 4, 6, 7] and set(rej["stage"]) == {"nexis"}
    assert rej["field"].tolist() == ["text", "date", "text", "text"]
    reasons = rej["reason"].tolist()
    assert reasons[0].startswith("nexis_export.txt line 63: no 'Body' line")
    assert reasons[1].startswith("nexis_export.txt line 76: third line 'Summer Issue' is not")
    assert reasons[2].startswith("nexis_export.txt line 109: duplicate of nexis_export.txt#1")
    assert reasons[3].startswith("nexis_export.txt line 151: truncated, no 'End of Document'")
    assert rej["value"].tolist()[1:3] == ["Summer Issue", "nexis_export.txt#1"]
    record = json.loads(rej["record"][0])
    assert record == {
        "file": "nexis_export.txt",
        "line": 63,
        "first_line": "Markets shrug off the talks",
    }


def test_strict_raises_on_the_first_problem_with_its_place():
    with pytest.raises(CorpusError, match=r"nexis_export.txt line 63: no 'Body' line") as info:
        read_nexis(EXPORT)
    err = info.value
    assert Path(err.path) == EXPORT and err.line == 63 and err.item_number == 3
    assert err.field == "text" and err.value == "Markets shrug off the talks"
    assert err.doc_id == "nexis_export.txt#3"
    assert "--lenient" in str(err) and "export the documents with their full text" in str(err)


def test_docx_export_with_cover_page(tmp_path):
    path = docx(tmp_path / "Files (2).DOCX", DOCX_PARAGRAPHS)
    res = read_nexis(path, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (2, 1, 1)
    row = res.articles.iloc[0]
    assert row["doc_id"] == "Files (2).DOCX#1" and row["title"] == "Envoys meet again"
    assert row["outlet"] == "The Harbor Courier" and row["byline"] == "Jane Roe"
    assert str(row["date"]) == "2025-08-04 11:00:00+00:00"  # 7:00 AM EDT
    assert row["text"] == (
        "First paragraph of an invented report.\n\nSame paragraph after a line break."
        "\n\nSecond paragraph.\n\nBox"
    )
    assert row["source_line"] == 1  # paragraph numbers; the cover starts the segment
    rej = res.rejected.iloc[0]
    assert rej["item"] == "Files (2).DOCX#2"
    assert rej["reason"].startswith("Files (2).DOCX paragraph 19: no 'Body' line")
    with pytest.raises(CorpusError, match="paragraph 19") as info:
        read_nexis(path)
    assert info.value.line == 19 and info.value.path == str(path)


def test_text_box_fallback_is_read_once(tmp_path):
    path = docx(tmp_path / "a.docx", DOCX_PARAGRAPHS)
    from framing.sources._nexis_parse import docx_lines

    lines = [t for t, _ in docx_lines(path.read_bytes())]
    assert (
        lines.count("Box") == 1 and lines[7] == "Envoys meet again" and "Byline:\tJane Roe" in lines
    )


def test_folder_with_broken_files(tmp_path):
    (tmp_path / "batch2").mkdir()
    (tmp_path / "batch2" / "export.txt").write_bytes(EXPORT.read_bytes())
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    (tmp_path / "~$open.docx").write_bytes(b"Word lock file")
    (tmp_path / "cp1252.txt").write_bytes("Caf\u00e9\r\n".encode("cp1252"))
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an export", encoding="utf-8")
    res = read_nexis(tmp_path, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (10, 3, 7)
    assert res.articles["doc_id"][0] == "batch2/export.txt#1"
    files = res.rejected[res.rejected["doc_id"].isna()]
    assert files["item"].tolist() == ["broken.docx", "cp1252.txt", "empty.txt"]
    assert files["reason"].str.contains("not a .docx \\(not a zip archive\\)").iloc[0]
    assert (
        "byte offset 3" in files["reason"].iloc[1]
        and "encoding='cp1252'" in files["reason"].iloc[1]
    )
    assert files["reason"].iloc[2] == "empty.txt: no documents in the file"
    with pytest.raises(CorpusError, match="export.txt line 63") as info:
        read_nexis(tmp_path)
    assert info.value.path == str(tmp_path / "batch2" / "export.txt")


def test_encoding_option_and_old_academic_format(tmp_path):
    doc = "T\u00eate\nCourier\nJuly 10, 2025\nBody\nCaf\u00e9 talks.\nEnd of Document\n"
    (tmp_path / "a.txt").write_bytes(doc.encode("cp1252"))
    assert read_nexis(tmp_path / "a.txt", encoding="cp1252").articles["title"][0] == "T\u00eate"
    old = "1 of 2 DOCUMENTS\n\nCourier\nJuly 10, 2025\nTitle\nLENGTH: 5 words\nText.\n"
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    res = read_nexis(tmp_path / "old.txt", mode="lenient")
    assert res.kept == 0 and "old LexisNexis Academic export" in res.rejected["reason"][0]


def test_duplicates_keep_and_weekday_warning(tmp_path):
    doc = "Title\nCourier\nJuly 11, 2025 Thursday\nBody\nSome text here.\nEnd of Document\n"
    (tmp_path / "a.txt").write_text(doc * 2, encoding="utf-8")
    res = read_nexis(tmp_path / "a.txt", duplicates="keep")
    assert res.articles["duplicate_of"].fillna("-").tolist() == ["-", "a.txt#1"]
    assert res.warnings["reason"][0] == (
        "a.txt line 1: weekday Thursday does not match 2025-07-11 (a Friday)"
    )
    with pytest.raises(CorpusError, match="duplicate of a.txt#1") as info:
        read_nexis(tmp_path / "a.txt")
    assert info.value.line == 7 and info.value.value == "a.txt#1"
    with pytest.raises(CorpusError, match="duplicates must be") as info:
        read_nexis(tmp_path / "a.txt", duplicates="drop")
    assert info.value.value == "drop"


def test_outlet_aliases_header_oddities_and_empty_body(tmp_path):
    outlets = tmp_path / "outlets.yaml"
    outlets.write_text(
        "outlets:\n  - {name: Harbor Courier, aliases: [The Harbor Courier], type: private}\n",
        encoding="utf-8",
    )
    doc = (
        "A title\nThe Harbor Courier\nThursday, July 10, 2025\nTitle: odd header\n"
        "URL: https://harborcourier.example/a\nLength: about 5\nBody\nShort text.\n"
        "Language: KLINGON\nEnd of Document\n"
        "Empty one\nThe Harbor Courier\n10 July 2025\nBody\n\nClassification\nEnd of Document\n"
    )
    (tmp_path / "a.txt").write_text(doc, encoding="utf-8")
    res = read_nexis(tmp_path / "a.txt", mode="lenient", outlets=outlets)
    row = res.articles.iloc[0]
    assert row["outlet"] == "Harbor Courier" and row["publication"] == "The Harbor Courier"
    assert row["nexis_title"] == "odd header" and row["title"] == "A title"
    assert row["url"] == "https://harborcourier.example/a"
    assert row["length_raw"] == "about 5" and row["length_words"] is None
    assert row["lang"] == "en" and row["language"] == "KLINGON"  # unknown name: default
    assert res.rejected["reason"][0].startswith("a.txt line 11: the body is empty")


@pytest.mark.parametrize(
    ("line", "iso", "precision"),
    [
        ("July 10, 2025 Thursday", "2025-07-10T00:00:00+00:00", "day"),
        ("July 10, 2025 Thursday 12:01 AM EST", "2025-07-10T05:01:00+00:00", "minute"),
        ("July 10, 2025 Thursday 12:30 PM GMT", "2025-07-10T12:30:00+00:00", "minute"),
        ("July 10, 2025 Thursday 10:00 PM PDT", "2025-07-11T05:00:00+00:00", "minute"),
        ("Jul 10, 2025 9:00 GMT+2", "2025-07-10T07:00:00+00:00", "minute"),
        ("July 10, 2025 Thursday 3:00 PM XYZ", "2025-07-10T00:00:00+00:00", "day"),
        ("July 10, 2025 15:00", "2025-07-10T00:00:00+00:00", "day"),
        ("Thursday, July 10, 2025", "2025-07-10T00:00:00+00:00", "day"),
        ("10 July 2025", "2025-07-10T00:00:00+00:00", "day"),
        ("Sept. 9, 2025", "2025-09-09T00:00:00+00:00", "day"),
        ("July 2025", "2025-07-01T00:00:00+00:00", "month"),
    ],
)
def test_date_lines(line, iso, precision):
    assert parse_date_line(line)[:2] == (iso, precision)


@pytest.mark.parametrize(
    "line", ["Summer Issue", "July 32, 2025", "July 10, 2025 13:00 PM EST", "2025", "July 10"]
)
def test_lines_that_are_not_dates(line):
    with pytest.raises(ValueError):
        parse_date_line(line)


def test_bad_paths(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder") as info:
        read_nexis(tmp_path / "nope")
    assert info.value.path.endswith("nope")
    with pytest.raises(CorpusError, match="no .txt or .docx files"):
        read_nexis(tmp_path)


def test_collect_writes_a_loadable_corpus(tmp_path):
    assert "nexis" in KINDS
    out = tmp_path / "corpus"
    res = collect("nexis", EXPORT, out=out, mode="lenient")
    df = load_corpus(out)
    assert len(df) == res.kept == 3 and "byline" in df.columns
    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["counts"] == {"read": 7, "kept": 3, "rejected": 4}
    assert meta["provenance"]["source"] == "nexis"
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    assert [r["item"] for r in rejected][-1] == "nexis_export.txt#7"


def test_cli_collect_nexis(tmp_path, capsys):
    out = tmp_path / "nx"
    assert main(["collect", "nexis", str(EXPORT), "--out", str(out)]) == 1
    assert "nexis_export.txt line 63: no 'Body' line" in capsys.readouterr().err
    assert not (out / "articles.parquet").exists()
    args = ["collect", "nexis", str(EXPORT), "--out", str(out), "--lenient", "--keep-duplicates"]
    assert main(args) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "nexis_export.txt: read 7, kept 4, rejected 3, warnings 1"
    assert load_corpus(out)["duplicate_of"].dropna().tolist() == ["nexis_export.txt#1"]


@pytest.mark.realdata
def test_real_articles_round_trip_through_a_nexis_layout(tmp_path, shared_data):
    """Real AllSides titles and texts laid out as Nexis .txt and .docx exports in tmp_path
    (never in the repository) come back whole: titles, texts, bylines, dates, lengths."""
    import datetime as dt
    import gzip
    import re

    src = shared_data("allsides", "articles.jsonl.gz")
    rows = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            keys = ("title", "source", "content_original", "date")
            iso = re.fullmatch(r"(19|20)\d\d-\d\d-\d\d", str(rec.get("date")))
            if iso and all(str(rec.get(k) or "").strip() for k in keys):
                rows.append(rec)
            if len(rows) == 400:
                break

    def layout(rec):
        day = dt.date.fromisoformat(rec["date"])
        paras = [p.strip() for p in rec["content_original"].split("\n") if p.strip()]
        words = sum(len(p.split()) for p in paras)
        head = [" ".join(rec["title"].split()), rec["source"], f"{day:%B} {day.day}, {day:%Y %A}"]
        head += [f"Length: {words} words", f"Byline: {rec['authors']}", "Body"]
        return [*head, *paras, "Classification", "Language: ENGLISH", "End of Document"]

    docs = [layout(r) for r in rows]
    half = len(docs) // 2
    lines = [x for d in docs[:half] for x in d]
    (tmp_path / "a.txt").write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    docx(tmp_path / "b.docx", [x for d in docs[half:] for x in d], marks=False)
    res = read_nexis(tmp_path, mode="lenient")
    assert res.read == len(rows) == res.kept + res.n_rejected
    assert set(res.rejected["reason"].str.extract(r": (duplicate) of")[0]) <= {"duplicate"}
    assert res.kept >= 0.95 * len(rows)  # only exact copies are set aside
    by_id = res.articles.set_index("doc_id")
    ids = [f"a.txt#{k}" for k in range(1, half + 1)]
    ids += [f"b.docx#{k}" for k in range(1, len(rows) - half + 1)]
    for doc_id, rec in zip(ids, rows, strict=True):
        if doc_id not in by_id.index:
            continue
        got = by_id.loc[doc_id]
        assert got["title"] == " ".join(rec["title"].split())
        assert " ".join(got["text"].split()) == " ".join(rec["content_original"].split())
        assert str(got["date"])[:10] == rec["date"] and got["outlet"] == rec["source"].strip()
        assert got["length_note"] is None or got["length_note"] != got["length_note"]


def test_missing_publication_and_mojibake_warning_numbering(tmp_path):
    doc = (
        "Only a title\nJuly 10, 2025\nBody\nText.\nEnd of Document\n"
        "Second\nCourier\nJuly 10, 2025\nBody\nThe minister\u00e2\u20ac\u2122s visit.\n"
        "End of Document\n"
    )
    (tmp_path / "a.txt").write_text(doc, encoding="utf-8")
    res = read_nexis(tmp_path / "a.txt", mode="lenient")
    assert res.rejected["field"].tolist() == ["outlet"]
    assert "the second line 'July 10, 2025' is a date" in res.rejected["reason"][0]
    assert res.warnings["line"].tolist() == [2]  # the document number, as in rejected
    assert res.warnings["reason"][0].startswith("suspected mojibake")


def test_damaged_and_bomb_docx_are_rejected_files(tmp_path, monkeypatch):
    """Review L2 (a corrupt deflate stream raised a raw zlib.error and stopped --lenient)
    and L3 (a 350 KB .docx unpacking to 100 MB of XML took 1.3 GB)."""
    import io
    import zipfile

    import framing.sources._nexis_parse as parse

    good = docx(tmp_path / "good.docx", DOCX_PARAGRAPHS).read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(good)
    for k in range(start + 10, start + 60):
        damaged[k] ^= 0x5A  # scramble the deflate stream, keep the zip directory
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "damaged.docx").write_bytes(bytes(damaged))
    (folder / "ok.docx").write_bytes(good)
    monkeypatch.setattr(parse, "MAX_DOCX_XML", 2_000)  # the fixture's XML is larger
    (folder / "big.docx").write_bytes(good)
    res = read_nexis(folder / "damaged.docx", mode="lenient")
    assert res.kept == 0 and "the .docx is damaged" in res.rejected["reason"][0]
    res = read_nexis(folder / "big.docx", mode="lenient")
    assert res.kept == 0 and "larger than 0 MiB unpacked" in res.rejected["reason"][0]
