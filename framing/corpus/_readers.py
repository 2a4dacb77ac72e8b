"""File I/O of corpora (private to :mod:`framing.corpus`): chunked readers and writers.

Each reader yields :class:`RawChunk` objects: the records of up to ``chunksize`` lines or
rows as a DataFrame with the file's own column names, the 1-based line (JSONL) or row
(CSV, Parquet) number of each record, and the lines that could not be parsed. Nothing is
validated or renamed here; :mod:`framing.corpus` does that.

Fast paths: JSONL chunks are parsed by ``pyarrow.json`` (multi-threaded C++); when it
fails on a chunk (a malformed line, a column whose JSON type changes between records),
that chunk alone is parsed again line by line with :func:`json.loads`, which pinpoints
the bad line and keeps the good ones. CSV goes through ``pandas.read_csv(chunksize=...)``
on a decoding stream that names the line and byte offset of undecodable bytes. Parquet
is read batch by batch with ``pyarrow.parquet``. UTF-16 and UTF-32 files are transcoded to
UTF-8 on the fly and then take the UTF-8 paths (:mod:`framing.corpus._encodings`).

The writers (``write_meta``, ``write_jsonl``, ``merge_parts``) and the guard
``check_target`` serve :func:`framing.corpus.save_corpus` and
:func:`framing.corpus.import_corpus`; ``resolve`` finds the articles file of a folder.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.jsonable import to_json
from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.corpus import _encodings as _enc
from framing.corpus._encodings import decode_lines as _decode_lines
from framing.corpus._encodings import valid_utf8 as _valid_utf8
from framing.errors import CorpusError

__all__ = [
    "RawChunk",
    "file_format",
    "iter_raw",
    "text_encoding",
    "FORMATS",
    "ARTICLE_FILES",
    "resolve",
    "check_target",
    "write_jsonl",
    "write_meta",
    "merge_parts",
]

#: Suffixes (after an optional ``.gz``) and the format each one means.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
FORMATS[".parquet"] = "parquet"
FORMATS[".pq"] = "parquet"

#: File names a corpus folder may hold its articles in (the first is what save writes).
ARTICLE_FILES = (
    "articles.parquet",
    "articles.jsonl",
    "articles.jsonl.gz",
    "articles.csv",
    "articles.csv.gz",
)
_BOM = codecs.BOM_UTF8
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


def _plan(path: Path, gz: bool, encoding: str) -> _enc.Plan:
    with _open_binary(path, gz) as fh:
        head = fh.read(_enc.HEAD)
    return _enc.plan(path, head, encoding)


def _open_text(path: Path, gz: bool, encoding: str):
    """Open a JSONL/CSV file as ASCII-compatible bytes: ``(stream, codec of its bytes)``.

    UTF-16, UTF-32 and other encodings whose line break is not ``b"\\n"`` come back
    transcoded to UTF-8 (see :mod:`framing.corpus._encodings`).
    """
    plan = _plan(path, gz, encoding)
    if plan.note:
        _enc.LOG.warning(plan.note)
    fh = _open_binary(path, gz)
    if plan.transcode:
        return _enc.Utf8Reader(fh, path, plan.codec, skip=plan.skip), "utf-8"
    return fh, plan.codec


def text_encoding(path, encoding: str = "utf-8") -> str | None:
    """Return the codec a JSONL/CSV file is read with (None for Parquet).

    The encoding asked for, with its byte order when a byte order mark or the NUL bytes
    tell it, or the encoding of a UTF-16/UTF-32 byte order mark under the default UTF-8.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("id,text\\n1,Hi\\n", encoding="utf-16")
    >>> text_encoding(f)
    'utf-16-le'
    """
    path = Path(path)
    fmt, gz = file_format(path)
    return None if fmt == "parquet" else _plan(path, gz, encoding).codec


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
    longest = max(map(len, raw_lines))
    data = b"\n".join(raw_lines) + b"\n"
    raw_lines.clear()  # the joined copy is enough; halves the chunk's footprint

    def lines() -> list[bytes]:
        return data.split(b"\n")[:-1]

    if utf8:
        if not _valid_utf8(data):
            _decode_lines(path, lines(), numbers, starts, codec)
    else:
        try:
            data = data.decode(codec).encode("utf-8")
        except UnicodeDecodeError:
            _decode_lines(path, lines(), numbers, starts, codec)
            raise  # pragma: no cover - _decode_lines raises first
    frame = _parse_lines_fast(data, longest)
    if frame is not None and len(frame) == len(numbers):
        return RawChunk(frame, np.asarray(numbers, dtype=np.int64))
    texts = [r.decode("utf-8").rstrip("\r") for r in lines()]
    return _parse_lines_slow(texts, numbers)


def _iter_jsonl(path: Path, gz: bool, chunksize: int, encoding: str) -> Iterator[RawChunk]:
    fh, codec = _open_text(path, gz, encoding)
    utf8 = codec == "utf-8"
    line_no = offset = 0
    carry = b""
    raw_lines, starts, numbers = [], [], []
    with fh:
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


def _iter_csv(path: Path, gz: bool, chunksize: int, encoding: str) -> Iterator[RawChunk]:
    fh, codec = _open_text(path, gz, encoding)
    # transcoded files are valid UTF-8 already; others are checked (and re-encoded)
    stream = fh if isinstance(fh, _enc.Utf8Reader) else _enc.CheckedBytes(fh, path, codec)
    row = 0
    with stream:
        try:
            reader = pd.read_csv(
                stream, chunksize=chunksize, dtype=str, keep_default_na=False, encoding="utf-8"
            )
            for frame in reader:
                n = len(frame)
                yield RawChunk(frame, np.arange(row + 1, row + n + 1, dtype=np.int64))
                row += n
        except pd.errors.EmptyDataError:
            return
        except pd.errors.ParserError as exc:
            raise _csv_error(path, row, str(exc)) from None


def _csv_error(path: Path, row: int, message: str) -> CorpusError:
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:
        want, line, got = (int(g) for g in m.groups())
        return CorpusError(
            f"{path.name} line {line}: expected {want} fields, found {got}; put a field that "
            "holds a comma or a line break in double quotes (this stops --lenient too, as the "
            "rows after it cannot be trusted).",
            path=str(path),
            line=line,
            field=None,
            value=got,
        )
    detail = " ".join(message.split())
    return CorpusError(
        f"{path.name}: the CSV is malformed after data row {row} ({detail}); check the "
        "quoting and the number of fields near that row.",
        path=str(path),
        line=row + 1,
        field=None,
        value=detail,
    )


def _iter_parquet(path: Path, chunksize: int) -> Iterator[RawChunk]:
    import pyarrow.parquet as pq

    row = 0
    file = pq.ParquetFile(path)
    # One reader per row group: a single iter_batches over the whole file keeps Arrow
    # memory growing with the file (measured: 1 GiB still allocated after streaming
    # 300,432 AllSides articles, peak RSS 2.3 GiB); per row group it stays at one
    # row group's size (1 MiB after, peak 0.9 GiB). Row groups written by the kit hold
    # one import chunk (50,000 records by default).
    for group in range(file.num_row_groups):
        for batch in file.iter_batches(batch_size=chunksize, row_groups=[group]):
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
        Text encoding of JSONL and CSV files. A UTF-8 byte order mark is dropped; under
        the default UTF-8 a UTF-16/UTF-32 one is followed (and logged). UTF-16, UTF-32
        (byte order from the mark, else from the NUL bytes) and other encodings whose
        line break is not the byte ``0x0A`` are transcoded to UTF-8 block by block.

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
    if gz:
        raise CorpusError(
            f"{path}: a gzipped Parquet file cannot be read in chunks; gunzip it first "
            "(Parquet compresses its columns itself).",
            path=str(path),
            value=path.name,
        )
    return _iter_parquet(path, chunksize)


# --------------------------------------------------------------------------- files
def resolve(path) -> tuple[Path, dict, Path | None]:
    """Return (articles file, corpus.yaml contents, corpus folder or None)."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(
            f"{path}: no such file or folder; pass a corpus folder (corpus.yaml + articles.*) "
            "or a .jsonl/.csv/.parquet file.",
            path=str(path),
            value=str(path),
        )
    if path.is_file():
        return path, {}, None
    config = {}
    cfg = path / "corpus.yaml"
    if cfg.exists():
        config = load_yaml(cfg, error=CorpusError, empty={}, context={"value": None})
        if not isinstance(config, dict):
            raise CorpusError(
                f"{cfg} line {line_of(config, default=1)}: expected a mapping of keys "
                "(name, description, mapping, encoding, articles, provenance).",
                path=str(cfg),
                line=line_of(config, default=1),
                value=plain(config),
            )
        config = plain(config)
    if config.get("articles"):
        return path / config["articles"], config, path
    found = [name for name in ARTICLE_FILES if (path / name).exists()]
    if len(found) != 1:
        what = f"several article files ({', '.join(found)})" if found else "no articles file"
        raise CorpusError(
            f"{path}: {what}; keep one of {', '.join(ARTICLE_FILES)}, or name it with "
            "'articles:' in corpus.yaml.",
            path=str(path),
            value=found,
        )
    return path / found[0], config, path


def check_target(folder: Path, source, overwrite: bool) -> None:
    folder = folder.resolve()
    if source is not None and Path(source).resolve().parent == folder:
        raise CorpusError(
            f"{folder}: refusing to write here, it holds the raw input {Path(source).name} this "
            "corpus was read from (raw data is never rewritten in place); write the derived "
            "corpus to a new folder.",
            path=str(folder),
            value=str(source),
        )
    raw = [n for n in ARTICLE_FILES[1:] if (folder / n).exists()]
    if raw:
        raise CorpusError(
            f"{folder}: refusing to write, the folder holds raw article files ({', '.join(raw)}); "
            "write the derived corpus to a new folder.",
            path=str(folder),
            value=raw,
        )
    if (folder / "articles.parquet").exists() and not overwrite:
        raise CorpusError(
            f"{folder}: articles.parquet exists; pass overwrite=True (--overwrite) to replace it, "
            "or choose a new folder.",
            path=str(folder),
            value="articles.parquet",
        )


def write_jsonl(path: Path, frame: pd.DataFrame, append: bool = False) -> None:
    with open(path, "a" if append else "w", encoding="utf-8") as fh:
        for rec in frame.to_dict(orient="records"):
            if isinstance(rec.get("record"), str):
                try:
                    rec["record"] = json.loads(rec["record"])
                except json.JSONDecodeError:
                    pass  # a line that was not JSON stays as its raw text
            fh.write(to_json(rec) + "\n")


def write_meta(folder: Path, *, name, description, provenance, counts, digest, extra=()) -> None:
    import yaml

    from framing import __version__

    meta = {
        "name": name,
        "description": description,
        "provenance": dict(provenance or {}),
        "articles": "articles.parquet",
        "counts": {k: int(v) for k, v in counts.items()},
        "corpus_hash": digest,
        "kit_version": __version__,
    }
    for key in extra:
        meta[key] = f"{key}.jsonl"
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    (folder / "corpus.yaml").write_text(text, encoding="utf-8")


def merge_parts(parts: list[Path], target: Path) -> None:
    """Merge Parquet parts into one file, reconciling column types across parts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if len(parts) == 1:  # nothing to reconcile: keep the part as it is
        shutil.move(parts[0], target)
        return
    schemas = [pq.read_schema(p) for p in parts]
    if not schemas:
        return
    names = list(dict.fromkeys(n for s in schemas for n in s.names))
    fields = []
    for n in names:
        types = [s.field(n) for s in schemas if n in s.names]
        try:
            fields.append(
                pa.unify_schemas(
                    [pa.schema([t]) for t in types], promote_options="permissive"
                ).field(0)
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            fields.append(pa.field(n, pa.string()))
    schema = pa.schema(fields, metadata=schemas[0].metadata)
    with pq.ParquetWriter(target, schema) as writer:
        for p in parts:
            table = pq.read_table(p)
            cols = []
            for f in schema:
                if f.name in table.column_names:
                    cols.append(table[f.name].cast(f.type))
                else:
                    cols.append(pa.nulls(len(table), f.type))
            writer.write_table(pa.Table.from_arrays(cols, schema=schema))
