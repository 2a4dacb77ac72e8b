"""Tests of corpus files in UTF-16/UTF-32 (framing.corpus._encodings, via framing.corpus)."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
from pathlib import Path

import pytest
import yaml

import framing.corpus._encodings
from framing.cli import main
from framing.corpus import import_corpus, load_corpus
from framing.corpus._encodings import CheckedBytes, Utf8Reader, plan, sniff_wide
from framing.corpus._readers import text_encoding
from framing.errors import CorpusError

TEXTS = [
    "Erdoğan met the envoy in Ankara.",
    "Zelenskyy's aides said “no deal” – 北京 watched 😀.",
    'A "quoted", comma field.',
]
BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
    "utf-8": codecs.BOM_UTF8,
}


def _text(fmt: str, newline: str = "\n") -> str:
    if fmt == "jsonl":
        rows = [
            json.dumps({"doc_id": f"d{i}", "outlet": "Harbor Wire", "text": t}, ensure_ascii=False)
            for i, t in enumerate(TEXTS)
        ]
        return "".join(r + newline for r in rows)
    rows = ["doc_id,outlet,text"] + [
        f'd{i},Harbor Wire,"{t.replace(chr(34), 2 * chr(34))}"' for i, t in enumerate(TEXTS)
    ]
    return "".join(r + newline for r in rows)


def _write(path: Path, fmt: str, codec: str, bom: bool, gz: bool = False) -> Path:
    data = (BOMS[codec] if bom else b"") + _text(fmt, "\r\n").encode(codec)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.fixture
def tiny_blocks(monkeypatch):
    """Transcode 3 bytes at a time: code units and surrogate pairs split across blocks."""
    monkeypatch.setattr(framing.corpus._encodings, "_BLOCK", 3)


# ------------------------------------------------------------------------ round trips
CASES = [  # (encoding asked, codec written, BOM written, gzipped)
    (None, "utf-16-le", True, False),
    (None, "utf-16-be", True, False),
    (None, "utf-32-le", True, False),
    (None, "utf-32-be", True, False),
    ("utf-16", "utf-16-le", True, False),
    ("utf-16", "utf-16-le", False, False),
    ("utf-16", "utf-16-be", False, False),
    ("UTF-16LE", "utf-16-le", True, False),
    ("utf-16-be", "utf-16-be", False, False),
    ("utf-32", "utf-32-le", False, False),
    ("utf_32_be", "utf-32-be", True, False),
    (None, "utf-16-le", True, True),
    ("utf-16", "utf-16-be", False, True),
    (None, "utf-8", True, False),  # a UTF-8 BOM works as before
    ("utf-8-sig", "utf-8", True, True),
]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize(("encoding", "codec", "bom", "gz"), CASES)
@pytest.mark.parametrize("small", [False, True], ids=["1MiB", "3B"])
def test_round_trip_is_exact(tmp_path, request, fmt, encoding, codec, bom, gz, small):
    if small:
        request.getfixturevalue("tiny_blocks")
    plain = tmp_path / f"plain.{fmt}"
    plain.write_text(_text(fmt), encoding="utf-8")
    path = _write(tmp_path / f"a.{fmt}{'.gz' if gz else ''}", fmt, codec, bom, gz)
    df = load_corpus(path, encoding=encoding)
    assert list(df["text"]) == TEXTS
    assert list(df["doc_id"]) == ["d0", "d1", "d2"]  # no BOM glued to the first name
    assert df.attrs["corpus_hash"] == load_corpus(plain).attrs["corpus_hash"]
    expected = codec if codec != "utf-8" else "utf-8"
    assert text_encoding(path, encoding or "utf-8") == expected


def test_other_ascii_incompatible_codecs_are_transcoded_too(tmp_path):
    path = tmp_path / "ebcdic.jsonl"
    path.write_bytes('{"doc_id": "1", "outlet": "X", "text": "Café crème."}\n'.encode("cp037"))
    assert load_corpus(path, encoding="cp037").loc[0, "text"] == "Café crème."


def test_detected_bom_is_logged_and_importable(tmp_path, caplog):
    path = _write(tmp_path / "u16.csv", "csv", "utf-16-le", bom=True)
    with caplog.at_level(logging.WARNING, logger="framing.corpus"):
        res = import_corpus(path, tmp_path / "out")
    assert res.counts()["kept"] == 3
    assert [r.getMessage() for r in caplog.records] == [
        "u16.csv: read as utf-16-le, as the file starts with a UTF-16 little-endian byte "
        "order mark (pass --encoding utf-16 to say so)"
    ]
    assert list(load_corpus(tmp_path / "out")["text"]) == TEXTS
    meta = yaml.safe_load((tmp_path / "out" / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["provenance"]["encoding_read"] == "utf-16-le"  # the BOM is on record
    assert "encoding" not in meta["provenance"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="framing.corpus"):
        import_corpus(path, tmp_path / "out2", encoding="utf-16")
    assert not caplog.records  # asked for: nothing to say
    meta = yaml.safe_load((tmp_path / "out2" / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["provenance"]["encoding"] == "utf-16"
    assert meta["provenance"]["encoding_read"] == "utf-16-le"  # the byte order it found


def test_cli_reads_a_utf16_file(tmp_path, capsys):
    path = _write(tmp_path / "u16.csv", "csv", "utf-16-le", bom=True)
    assert main(["corpus", "info", str(path)]) == 0
    assert "Harbor Wire" in capsys.readouterr().out


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("small", [False, True], ids=["1MiB", "3B"])
def test_truncated_utf16_names_line_and_original_offset(tmp_path, request, small):
    if small:
        request.getfixturevalue("tiny_blocks")
    full = codecs.BOM_UTF16_LE + "doc_id,outlet,text\n1,A,Erdoğan\n2,B,Zelensky".encode("utf-16-le")
    path = tmp_path / "cut.csv"
    path.write_bytes(full[:-1])  # an odd number of bytes: the last character is cut
    with pytest.raises(CorpusError, match=r"ends inside a character") as info:
        load_corpus(path, encoding="utf-16")
    err = info.value
    assert str(err) == (
        "cut.csv line 3: bytes b'y' at byte offset 86 (column 12 of the line) are not valid "
        "utf-16-le (truncated data); the file ends inside a character: it was probably cut "
        "off; check it is complete."
    )
    assert (err.path, err.line, err.value, err.offset, err.encoding) == (
        str(path),
        3,
        b"y",
        len(full) - 2,
        "utf-16-le",
    )


@pytest.mark.parametrize("small", [False, True], ids=["1MiB", "3B"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_lone_surrogate_names_line_and_original_offset(tmp_path, request, small, fmt):
    if small:
        request.getfixturevalue("tiny_blocks")
    text = _text(fmt)
    good, rest = text.split("\n", 1)
    head = (good + "\n").encode("utf-16-be")
    where = rest.index("Harbor")
    bad = rest[:where].encode("utf-16-be") + b"\xdc\x00" + rest[where:].encode("utf-16-be")
    path = tmp_path / f"bad.{fmt}.gz"
    path.write_bytes(gzip.compress(codecs.BOM_UTF16_BE + head + bad))
    with pytest.raises(CorpusError, match=r"not valid utf-16-be \(illegal encoding\)") as info:
        load_corpus(path)
    err = info.value
    offset = 2 + len(head) + 2 * where
    assert (err.line, err.offset, err.value) == (2, offset, b"\xdc\x00")
    assert str(err).startswith(
        f"bad.{fmt}.gz line 2: bytes b'\\xdc\\x00' at byte offset {offset} "
        f"(column {where + 1} of the line) are not valid utf-16-be"
    )


@pytest.mark.parametrize(("codec", "what"), [
    ("utf-16-le", "every other byte is NUL"),
    ("utf-16-be", "every other byte is NUL"),
    ("utf-32-le", "three bytes in four are NUL"),
])  # fmt: skip
def test_utf16_without_bom_under_utf8_names_the_encoding(tmp_path, codec, what):
    path = _write(tmp_path / "nobom.csv", "csv", codec, bom=False)
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    label = {"utf-16-le": "UTF-16 little-endian", "utf-16-be": "UTF-16 big-endian"}
    label["utf-32-le"] = "UTF-32 little-endian"
    assert str(info.value) == (
        f"nobom.csv line 1: the file looks like {label[codec]} without a byte order mark "
        f"({what}), not utf-8: re-run with --encoding {codec} (Python: encoding='{codec}')."
    )
    assert (info.value.line, info.value.encoding) == (1, "utf-8")
    assert list(load_corpus(path, encoding=codec)["text"]) == TEXTS


def test_utf8_decode_error_on_nul_heavy_line_suggests_utf16(tmp_path):
    first = json.dumps({"doc_id": "d0", "outlet": "X", "text": "x" * 5000}) + "\n"
    first = first[:-2] + " " * (len(first) % 2) + "}\n"  # line 2 starts at an even offset
    line2 = '{"doc_id": "d1", "outlet": "X", "text": "café"}\n'.encode("utf-16-le")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(first.encode() + line2)
    with pytest.raises(CorpusError) as info:
        load_corpus(path)
    assert info.value.line == 2
    assert "re-run with --encoding utf-16-le (Python: encoding='utf-16-le')" in str(info.value)
    assert "cp1252" not in str(info.value)


def test_cp1252_hint_is_kept_for_latin_bytes(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"doc_id": "1", "outlet": "X", "text": "café"}\n'.encode("cp1252"))
    with pytest.raises(CorpusError, match="probably in cp1252 or latin-1"):
        load_corpus(path)


@pytest.mark.parametrize("encoding", ["utf-16-be", "cp1252", "utf-32"])
def test_bom_contradicting_the_encoding_asked_for(tmp_path, encoding):
    path = _write(tmp_path / "u16.jsonl", "jsonl", "utf-16-le", bom=True)
    with pytest.raises(CorpusError) as info:
        load_corpus(path, encoding=encoding)
    assert str(info.value) == (
        "u16.jsonl: this file is UTF-16 (it starts with a UTF-16 little-endian byte order "
        f"mark), not {encoding}: re-run with --encoding utf-16 (Python: encoding='utf-16')."
    )
    assert (info.value.field, info.value.value, info.value.offset) == (
        "encoding",
        codecs.BOM_UTF16_LE,
        0,
    )


@pytest.mark.parametrize("encoding", ["klingon", "base64"])
def test_unknown_encoding(tmp_path, encoding):
    path = _write(tmp_path / "a.csv", "csv", "utf-8", bom=False)
    with pytest.raises(CorpusError, match="is not a known text encoding") as info:
        load_corpus(path, encoding=encoding)
    assert (info.value.field, info.value.value) == ("encoding", encoding)


# ----------------------------------------------------------------------- the pieces
def test_sniff_wide():
    text = "doc_id,outlet,text\n1,A,Hello\n"
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        assert sniff_wide(text.encode(codec)) == codec
    assert sniff_wide(text.encode("utf-16-le")[1:], base=1) == "utf-16-le"
    assert sniff_wide(text.encode()) is None
    assert sniff_wide("北京、上海、广州和深圳。".encode("utf-16-le")) is None  # no NULs
    assert sniff_wide(b"\x00\x00ab") is None  # too short to tell


def test_plan_reads_the_bom_under_utf8_only():
    path = Path("a.csv")
    p = plan(path, codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "utf-8")
    assert (p.codec, p.transcode, p.skip) == ("utf-32-le", True, 4)
    assert "UTF-32 little-endian byte order mark" in p.note
    p = plan(path, codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16")
    assert (p.codec, p.transcode, p.skip, p.note) == ("utf-16-be", True, 2, "")
    assert plan(path, codecs.BOM_UTF8 + b"x", "utf-8") == framing.corpus._encodings.Plan("utf-8")
    assert plan(path, b"x", "latin-1") == framing.corpus._encodings.Plan("iso8859-1")


class _Recording(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.sizes: list[int] = []

    def read(self, size=-1):
        self.sizes.append(size)
        return super().read(size)


def test_utf8_reader_reads_the_source_in_blocks():
    text = "Erdoğan 😀 北京\n" * 500
    src = _Recording(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    reader = Utf8Reader(src, Path("big.csv"), "utf-16-le", skip=2, block=7)
    parts = []
    while part := reader.read(100):
        assert len(part) <= 100  # never more than asked for
        parts.append(part)
    assert b"".join(parts).decode("utf-8") == text
    assert src.sizes[0] == 2 and set(src.sizes[1:]) == {7}  # the BOM, then fixed blocks
    assert len(src.sizes) > len(src.getvalue()) // 7  # many blocks, never the whole file
    assert len(reader._buf) == 0


def test_checked_bytes_reads_in_blocks_and_reencodes():
    text = "id,text\n" + "".join(f"{i},café “{i}”\n" for i in range(300))
    src = _Recording(text.encode("cp1252"))
    stream = CheckedBytes(src, Path("a.csv"), "cp1252", block=7)
    parts = []
    while part := stream.read(10):
        assert len(part) <= 10
        parts.append(part)
    assert b"".join(parts).decode("utf-8") == text
    assert set(src.sizes) == {7}


def test_undecodable_bytes_named_the_same_with_tiny_blocks(tiny_blocks):
    fixture = Path(__file__).parent / "fixtures" / "corpus_cp1252.csv"
    with pytest.raises(CorpusError) as info:
        load_corpus(fixture)
    assert (info.value.line, info.value.offset, info.value.value) == (3, 74, b"\xe9\x92")
    assert "(column 23 of the line)" in str(info.value)
    assert load_corpus(fixture, encoding="cp1252").loc[1, "text"] == "The café’s terrace is open."
