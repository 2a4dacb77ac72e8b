"""Reading raw corpus files in chunks (private to :mod:`framing.corpus`).

Each reader yields :class:`RawChunk` objects: the records of up to ``chunksize`` lines or
rows as a DataFrame with the file's own column names, the 1-based line (JSONL) or row
(CSV, Parquet) number of each record, and the lines that could not be parsed. Nothing is
validated or renamed here; :mod:`framing.corpus` does that.

Fast paths: JSONL chunks are parsed by ``pyarrow.json`` (multi-threaded C++); when it
fails on a chunk (a malformed line, a column whose JSON type changes between records),
that chunk alone is parsed again line by line with :func:`json.loads`, which pinpoints
the bad line and keeps the good ones. CSV goes through ``pandas.read_csv(chunksize=...)``
on a decoding stream that names the line and byte offset of undecodable bytes. Parquet
is read batch by batch with ``pyarrow.parquet``.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing.errors import CorpusError

__all__ = ["RawChunk", "file_format", "iter_raw", "FORMATS"]

#: Suffixes (after an optional ``.gz``) and the format each one means.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
FORMATS[".parquet"] = "parquet"
FORMATS[".pq"] = "parquet"

_BOM = codecs.BOM_UTF8
_UTF8 = {"utf-8", "utf8", "utf_8", "utf-8-sig", "utf_8_sig"}
_CSV_BLOCK = 1 << 20  # bytes decoded at a time for CSV
_JSONL_BLOCK = 1 << 24  # bytes read at a time for JSONL


@dataclass
class RawChunk:
    """Records of one chunk as read, before mapping and validation.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per parsed record, the file's own column names.
    lines : numpy.ndarray
        1-based line (JSONL) or row (CSV, Parquet) number of each row of ``frame``.
    bad : list of tuple
        ``(line, reason, raw_text)`` for each line that could not be parsed.
    """

    frame: pd.DataFrame
    lines: np.ndarray
    bad: list = field(default_factory=list)


def file_format(path: Path) -> tuple[str, bool]:
    """Return ``(format, gzipped)`` of a corpus file from its name.

    Examples
    --------
    >>> file_format(Path("a/articles.jsonl.gz"))
    ('jsonl', True)
    >>> file_format(Path("x.csv"))
    ('csv', False)
    """
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS)) + " (each optionally .gz)"
        raise CorpusError(
            f"{path}: cannot tell the file format from the name {path.name!r}; "
            f"use one of the suffixes {known}.",
            path=str(path),
            value=path.name,
        )
    return FORMATS[suffix], gz


def _open_binary(path: Path, gz: bool):
    import pyarrow as pa

    return pa.input_stream(str(path), compression="gzip" if gz else None)


def _encoding_error(path, line: int, offset: int, col: int, raw: bytes, encoding: str, n: int):
    bad = raw[col : col + max(n, 1)]
    hint = (
        "the file is probably in cp1252 or latin-1: re-run with --encoding cp1252 "
        "(Python: encoding='cp1252')"
        if encoding.lower().replace("_", "-") in _UTF8
        else "check the file's encoding and pass it with --encoding"
    )
    return CorpusError(
        f"{path.name} line {line}: bytes {bad!r} at byte offset {offset} (column {col + 1} of "
        f"the line) are not valid {encoding}; {hint}.",
        path=str(path),
        line=line,
        field=None,
        value=bad,
        offset=offset,
        encoding=encoding,
    )


def _decode_lines(path, raw_lines, numbers, starts, encoding) -> None:
    """Find the first line of ``raw_lines`` that does not decode and raise for it."""
    for raw, line, start in zip(raw_lines, numbers, starts, strict=True):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            n = exc.end - exc.start
            raise _encoding_error(
                path, line, start + exc.start, exc.start, raw, encoding, n
            ) from None


def _valid_utf8(data: bytes) -> bool:
    """True when ``data`` is valid UTF-8 (checked by Arrow, without building a str)."""
    import pyarrow as pa

    try:
        pa.array([data], type=pa.large_binary()).cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _parse_lines_slow(texts: list[str], lines: list[int]) -> RawChunk:
    """Parse JSON lines one by one; keep good records, report bad lines."""
    records, keep, bad = [], [], []
    for text, line in zip(texts, lines, strict=True):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            bad.append((line, f"malformed JSON ({exc.msg} at column {exc.colno})", text))
            continue
        if not isinstance(obj, dict):
            kind = type(obj).__name__
            bad.append((line, f"not a JSON object (found a JSON {kind})", text))
            continue
        records.append(obj)
        keep.append(line)
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    return RawChunk(frame, np.asarray(keep, dtype=np.int64), bad)


def _parse_lines_fast(data: bytes, max_len: int) -> pd.DataFrame | None:
    import pyarrow as pa
    import pyarrow.json as pj

    opts = pj.ReadOptions(block_size=max(1 << 24, 2 * max_len + 1))
    try:
        table = pj.read_json(pa.BufferReader(data), read_options=opts)
        # Arrow turns ISO-looking strings into timestamps; read those fields as text again
        # so that dates are parsed (and their problems reported) in one place.
        stamps = [f for f in table.schema if pa.types.is_timestamp(f.type)]
        if stamps:
            schema = pa.schema([pa.field(f.name, pa.string()) for f in stamps])
            parse = pj.ParseOptions(explicit_schema=schema)
            table = pj.read_json(pa.BufferReader(data), read_options=opts, parse_options=parse)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return table.to_pandas()


def _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8) -> RawChunk:
    data = b"\n".join(raw_lines) + b"\n"
    if utf8:
        if not _valid_utf8(data):
            _decode_lines(path, raw_lines, numbers, starts, codec)
    else:
        try:
            data = data.decode(codec).encode("utf-8")
        except UnicodeDecodeError:
            _decode_lines(path, raw_lines, numbers, starts, codec)
            raise  # pragma: no cover - _decode_lines raises first
    frame = _parse_lines_fast(data, max(map(len, raw_lines)))
    if frame is not None and len(frame) == len(raw_lines):
        return RawChunk(frame, np.asarray(numbers, dtype=np.int64))
    texts = [r.decode(codec).rstrip("\r") for r in raw_lines]
    return _parse_lines_slow(texts, numbers)


def _iter_jsonl(path: Path, gz: bool, chunksize: int, encoding: str) -> Iterator[RawChunk]:
    utf8 = encoding.lower().replace("_", "-") in _UTF8
    codec = "utf-8" if utf8 else encoding
    line_no = offset = 0
    carry = b""
    raw_lines, starts, numbers = [], [], []
    with _open_binary(path, gz) as fh:
        while True:
            block = fh.read(_JSONL_BLOCK)
            parts = (carry + block).split(b"\n")
            carry = parts.pop() if block else b""
            for raw in parts:
                line_no += 1
                start, offset = offset, offset + len(raw) + 1
                if line_no == 1 and utf8 and raw.startswith(_BOM):
                    raw, start = raw[len(_BOM) :], start + len(_BOM)
                if not raw.strip():
                    continue  # blank lines are not records
                raw_lines.append(raw)
                starts.append(start)
                numbers.append(line_no)
                if len(raw_lines) >= chunksize:
                    yield _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8)
                    raw_lines, starts, numbers = [], [], []
            if not block:
                break
    if raw_lines:
        yield _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8)


class _CheckedText(io.TextIOBase):
    """A text stream over a binary file that names the line of undecodable bytes."""

    def __init__(self, fh, path: Path, encoding: str):
        super().__init__()
        self._fh, self._path, self._encoding = fh, path, encoding
        self._offset = 0  # bytes consumed so far
        self._line = 1  # line number at self._offset
        self._first = True
        self._carry = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        block = b""
        while not block:
            new = self._fh.read(_CSV_BLOCK)
            block = self._carry + new
            if not new:
                self._carry = b""
                break
            cut = block.rfind(b"\n") + 1  # end blocks at a line break
            block, self._carry = block[:cut], block[cut:]
        if self._first:
            self._first = False
            if block.startswith(_BOM) and self._encoding.lower().replace("_", "-") in _UTF8:
                block = block[len(_BOM) :]
                self._offset += len(_BOM)
        try:
            text = block.decode(self._encoding)
        except UnicodeDecodeError as exc:
            line = self._line + block.count(b"\n", 0, exc.start)
            line_start = block.rfind(b"\n", 0, exc.start) + 1
            raise _encoding_error(
                self._path,
                line,
                self._offset + exc.start,
                exc.start - line_start,
                block[line_start:],
                self._encoding,
                exc.end - exc.start,
            ) from None
        self._offset += len(block)
        self._line += block.count(b"\n")
        return text


def _iter_csv(path: Path, gz: bool, chunksize: int, encoding: str) -> Iterator[RawChunk]:
    codec = "utf-8" if encoding.lower().replace("_", "-") in _UTF8 else encoding
    row = 0
    with _open_binary(path, gz) as fh:
        stream = _CheckedText(fh, path, codec)
        try:
            reader = pd.read_csv(stream, chunksize=chunksize, dtype=str, keep_default_na=False)
            for frame in reader:
                n = len(frame)
                yield RawChunk(frame, np.arange(row + 1, row + n + 1, dtype=np.int64))
                row += n
        except pd.errors.EmptyDataError:
            return
        except pd.errors.ParserError as exc:
            raise CorpusError(
                f"{path.name}: the CSV is malformed after data row {row} ({exc}); check the "
                "quoting and the number of fields on that line.",
                path=str(path),
                line=row + 1,
                field=None,
                value=str(exc),
            ) from None


def _iter_parquet(path: Path, chunksize: int) -> Iterator[RawChunk]:
    import pyarrow.parquet as pq

    row = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=chunksize):
        frame = batch.to_pandas()
        n = len(frame)
        yield RawChunk(frame, np.arange(row + 1, row + n + 1, dtype=np.int64))
        row += n


def iter_raw(path: Path, *, chunksize: int, encoding: str = "utf-8") -> Iterator[RawChunk]:
    """Yield the records of a JSONL, CSV or Parquet file (optionally gzipped) in chunks.

    Parameters
    ----------
    path : Path
        The file; the format comes from its suffix (see :func:`file_format`).
    chunksize : int
        Records per chunk.
    encoding : str
        Text encoding of JSONL and CSV files. A UTF-8 byte-order mark is dropped.

    Raises
    ------
    CorpusError
        Undecodable bytes (names line and byte offset), malformed CSV, unknown suffix.
    """
    fmt, gz = file_format(path)
    if fmt == "jsonl":
        return _iter_jsonl(path, gz, chunksize, encoding)
    if fmt == "csv":
        return _iter_csv(path, gz, chunksize, encoding)
    return _iter_parquet(path, chunksize)
