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

Hostile or broken input never reaches a parser that could crash or mislead: a JSON line
nested deeper than :data:`MAX_JSON_DEPTH` levels is set aside before Arrow sees it (Arrow
overflows its stack on 30,000 levels), a key given twice in one record is a bad line (no
silent "last one wins"), integer ids keep every digit (``integer_object_nulls``: a null
elsewhere in the chunk no longer turns 17-digit ids into rounded floats), and damaged
files (truncated gzip, bytes that are not Parquet) are a :class:`CorpusError` naming the
file. In lenient mode a JSON line that does not decode is set aside with its reason.

``resolve`` finds the articles file of a folder and checks its ``corpus.yaml``; the
writers are in :mod:`framing.corpus._write`.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.corpus import _encodings as _enc
from framing.corpus._encodings import decode_lines as _decode_lines
from framing.corpus._encodings import valid_utf8 as _valid_utf8
from framing.corpus._stage import finish_pending
from framing.errors import CorpusError

__all__ = [
    "MAX_FIELDS",
    "MAX_JSON_DEPTH",
    "too_wide",
    "RawChunk",
    "file_format",
    "iter_raw",
    "iter_parquet",
    "text_encoding",
    "FORMATS",
    "ARTICLE_FILES",
    "resolve",
    "CONFIG_KEYS",
    "check_config",
    "inside",
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
#: Deepest nesting of brackets a JSON line may have (news records need a handful).
MAX_JSON_DEPTH = 256
_JSON_KINDS = {"list": "list", "str": "string", "int": "number", "float": "number",
               "bool": "true/false", "NoneType": "null"}  # fmt: skip
_BIG_INT = 2**53  # beyond this a float64 no longer holds every integer


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
    try:
        with _open_binary(path, gz) as fh:
            head = fh.read(_enc.HEAD)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise _damaged(path, exc) from None
    return _enc.plan(path, head, encoding)


def _open_text(path: Path, gz: bool, encoding: str, *, note: bool = True):
    """Open a JSONL/CSV file as ASCII-compatible bytes: ``(stream, codec of its bytes)``.

    UTF-16, UTF-32 and other encodings whose line break is not ``b"\\n"`` come back
    transcoded to UTF-8 (see :mod:`framing.corpus._encodings`).
    """
    plan = _plan(path, gz, encoding)
    if plan.note and note:
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


class _DuplicateKey(ValueError):
    pass


def _object(pairs):
    """``object_pairs_hook`` of :func:`json.loads`: a key given twice is an error."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _parse_lines_slow(texts: list[str], lines: list[int]) -> RawChunk:
    """Parse JSON lines one by one; keep good records, report bad lines."""
    records, keep, bad = [], [], []
    for text, line in zip(texts, lines, strict=True):
        try:
            obj = json.loads(text, object_pairs_hook=_object)
        except json.JSONDecodeError as exc:
            bad.append((line, f"malformed JSON ({exc.msg} at column {exc.colno})", text))
            continue
        except _DuplicateKey as exc:
            reason = f"key {exc.args[0]!r} appears twice in one record; keep one of the two"
            bad.append((line, reason, text))
            continue
        except RecursionError:  # pragma: no cover - deep lines are set aside before
            bad.append((line, f"nested more than {MAX_JSON_DEPTH} levels deep", text[:1000]))
            continue
        if not isinstance(obj, dict):
            kind = _JSON_KINDS.get(type(obj).__name__, type(obj).__name__)
            reason = f"not a JSON object (found a JSON {kind})"
            if isinstance(obj, list) and obj and all(isinstance(o, dict) for o in obj):
                reason += "; the kit reads JSON Lines, one object per line"
            bad.append((line, reason, text))
            continue
        records.append(obj)
        keep.append(line)
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    # a column with an integer beyond 2**53 and a missing value became float64, which
    # rounds it: keep such columns as the Python integers they were
    big = {k for rec in records for k, v in rec.items() if type(v) is int and abs(v) > _BIG_INT}
    for key in big:
        frame[key] = pd.Series([rec.get(key) for rec in records], dtype=object)
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
    return table.to_pandas(integer_object_nulls=True)


def json_depth(line: bytes) -> int:
    """Deepest bracket nesting of a JSON line (brackets inside strings do not count).

    Examples
    --------
    >>> json_depth(b'{"a": [1, {"b": "[[["}]}')
    3
    """
    bare = _STRINGS.sub(b'""', line)
    codes = np.frombuffer(bare, dtype=np.uint8)
    steps = np.isin(codes, _OPEN).astype(np.int32) - np.isin(codes, _CLOSE)
    return int(np.cumsum(steps).max(initial=0))


_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_OPEN = np.frombuffer(b"[{", dtype=np.uint8)
_CLOSE = np.frombuffer(b"]}", dtype=np.uint8)


def _set_aside(path, raw_lines, numbers, starts, codec, utf8, lenient) -> list:
    """Remove from the chunk (in place) the lines Arrow should not see; return them as
    ``(line, reason, text)``: lines that are not JSON objects, lines nested too deeply,
    and (lenient) undecodable ones."""
    drop: dict[int, tuple] = {}
    data_brackets = sum(r.count(b"[") + r.count(b"{") for r in raw_lines)
    if data_brackets > MAX_JSON_DEPTH:
        for i, raw in enumerate(raw_lines):
            if raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH:
                depth = json_depth(raw)
                if depth > MAX_JSON_DEPTH:
                    text = raw[:1000].decode("utf-8", "replace")
                    reason = (
                        f"nested {depth} levels deep (more than {MAX_JSON_DEPTH}); not an "
                        "article record"
                    )
                    drop[i] = (numbers[i], reason, text)
    for i, raw in enumerate(raw_lines):
        if i not in drop and raw[:1] != b"{" and raw.lstrip()[:1] != b"{":
            # not an object: reported by the exact parser (Arrow 26 crashes on a block
            # of nothing but `null` lines)
            text = raw[:100_000].decode(codec if not utf8 else "utf-8", "replace")
            bad = _parse_lines_slow([text.rstrip("\r")], [numbers[i]]).bad
            drop[i] = bad[0] if bad else (numbers[i], "not a JSON object", text)
    if lenient and not (utf8 and _valid_utf8(b"\n".join(raw_lines))):
        for i, exc in _enc.undecodable(path, raw_lines, numbers, starts, codec):
            if i not in drop:
                reason = exc.message.split(": ", 1)[1]
                drop[i] = (numbers[i], reason, raw_lines[i].decode(codec, "replace"))
    for i in sorted(drop, reverse=True):
        del raw_lines[i], numbers[i], starts[i]
    return [drop[i] for i in sorted(drop)]


def _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8, lenient=False) -> RawChunk:
    numbers, starts = list(numbers), list(starts)
    aside = _set_aside(path, raw_lines, numbers, starts, codec, utf8, lenient)
    if not raw_lines:
        return RawChunk(pd.DataFrame(), np.asarray([], dtype=np.int64), aside)
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
        return RawChunk(frame, np.asarray(numbers, dtype=np.int64), aside)
    texts = [r.decode("utf-8").rstrip("\r") for r in lines()]
    chunk = _parse_lines_slow(texts, numbers)
    chunk.bad = sorted(chunk.bad + aside, key=lambda b: b[0])
    return chunk


def _json_array_error(path: Path, line: int, raw: bytes) -> CorpusError | None:
    """The error for a file that is one JSON array (spread over lines), not JSON Lines."""
    head = raw.strip()
    if not head.startswith(b"[") or json_depth(head) > MAX_JSON_DEPTH:
        return None
    try:
        json.loads(head)
        return None  # a whole list on one line: a bad record, reported as such
    except UnicodeDecodeError:
        return None  # reported with its byte offset by the decoding step
    except json.JSONDecodeError:
        return CorpusError(
            f"{path.name} line {line}: the file is a JSON array ('[' ... ']'), but the kit "
            "reads JSON Lines: one JSON object per line. Convert it, e.g. with "
            "`jq -c '.[]' FILE > FILE.jsonl`, or in Python "
            "`pandas.read_json(FILE).to_json(OUT, orient='records', lines=True)`.",
            path=str(path),
            line=line,
            field=None,
            value=head[:40].decode("utf-8", "replace"),
        )


def _iter_jsonl(
    path: Path, gz: bool, chunksize: int, encoding: str, lenient: bool = False
) -> Iterator[RawChunk]:
    fh, codec = _open_text(path, gz, encoding)
    utf8 = codec == "utf-8"
    line_no = offset = 0
    carry = b""
    raw_lines, starts, numbers = [], [], []
    first = True
    with fh:
        while True:
            block = _read(fh, path, offset)
            parts = (carry + block).split(b"\n")
            carry = parts.pop() if block else b""
            for raw in parts:
                line_no += 1
                start, offset = offset, offset + len(raw) + 1
                if line_no == 1 and utf8 and raw.startswith(_BOM):
                    raw, start = raw[len(_BOM) :], start + len(_BOM)
                if not raw.strip():
                    continue  # blank lines are not records
                if first:
                    first = False
                    error = _json_array_error(path, line_no, raw)
                    if error is not None:
                        raise error
                raw_lines.append(raw)
                starts.append(start)
                numbers.append(line_no)
                if len(raw_lines) >= chunksize:
                    yield _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8, lenient)
                    raw_lines, starts, numbers = [], [], []
            if not block:
                break
    if raw_lines:
        yield _jsonl_chunk(path, raw_lines, numbers, starts, codec, utf8, lenient)


def _read(fh, path: Path, offset: int, size: int = _JSONL_BLOCK) -> bytes:
    """One block of a file; a damaged file (truncated gzip ...) is a CorpusError."""
    try:
        return fh.read(size)
    except CorpusError:
        raise  # undecodable bytes, named by line and offset
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise _damaged(path, exc, offset) from None


def _damaged(path: Path, exc: BaseException, offset=None) -> CorpusError:
    where = f" after {offset:,} bytes" if offset else ""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    hint = (
        "re-download or re-export it"
        if not path.name.lower().endswith(".gz")
        else "check it with `gzip -t`, then re-download or re-export it"
    )
    return CorpusError(
        f"{path.name}: the file is damaged or not in the format its name says{where} "
        f"({detail}); {hint}.",
        path=str(path),
        line=None,
        field=None,
        value=detail,
        offset=offset,
    )


#: Most fields a record may have (a table wider than this is not an article table, and
#: would cost minutes per chunk).
MAX_FIELDS = 10_000


def too_wide(source: str, path, n: int) -> CorpusError:
    """The error for a file whose records have more than :data:`MAX_FIELDS` fields."""
    return CorpusError(
        f"{source}: {n:,} fields per record; an article table has at most {MAX_FIELDS:,} "
        "(check the delimiter of a CSV, or keep only the fields you need).",
        path=str(path),
        line=1,
        field=None,
        value=n,
    )


def _header_fields(path: Path, gz: bool, encoding: str) -> int:
    """Fields of a CSV header line, counted before pandas parses the file (a header
    with a hundred thousand fields costs pandas minutes)."""
    fh, _ = _open_text(path, gz, encoding, note=False)
    with fh:
        head = b""
        while b"\n" not in head and len(head) < (64 << 20):
            block = _read(fh, path, len(head), 1 << 20)
            if not block:
                break
            head += block
    return head.split(b"\n", 1)[0].count(b",") + 1


def _iter_csv(path: Path, gz: bool, chunksize: int, encoding: str) -> Iterator[RawChunk]:
    n_fields = _header_fields(path, gz, encoding)
    if n_fields > MAX_FIELDS:
        raise too_wide(path.name, path, n_fields)
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
        except (OSError, EOFError, zlib.error) as exc:
            raise _damaged(path, exc) from None


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
    m = re.search(r"EOF inside string starting at row (\d+)", message)
    if m:  # pandas counts the file's rows from 0 (the header), across chunks
        line = int(m.group(1)) + 1
        return CorpusError(
            f"{path.name} line {line} (data row {line - 1}): a quoted field starts here and "
            "is never closed; add the closing double quote (a quote inside a field is "
            'written twice: ""). This stops --lenient too, as the rows after it cannot '
            "be trusted.",
            path=str(path),
            line=line,
            field=None,
            value=detail,
        )
    return CorpusError(
        f"{path.name}: the CSV is malformed after data row {row} ({detail}); check the "
        "quoting and the number of fields near that row.",
        path=str(path),
        line=row + 1,
        field=None,
        value=detail,
    )


def iter_parquet(
    path: Path, chunksize: int, *, row_groups=None, first_row: int = 1
) -> Iterator[RawChunk]:
    """Yield the records of a Parquet file (or of its ``row_groups`` only, the first of
    which starts at 1-based row ``first_row``) in chunks of at most ``chunksize``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = first_row - 1
    try:
        file = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise _damaged(path, exc) from None
    # One reader per row group: a single iter_batches over the whole file keeps Arrow
    # memory growing with the file (measured: 1 GiB still allocated after streaming
    # 300,432 AllSides articles, peak RSS 2.3 GiB); per row group it stays at one
    # row group's size (1 MiB after, peak 0.9 GiB). Row groups written by the kit hold
    # one import chunk (50,000 records by default).
    for group in range(file.num_row_groups) if row_groups is None else row_groups:
        batches = file.iter_batches(batch_size=chunksize, row_groups=[group])
        while True:
            try:
                batch = next(batches, None)
            except (pa.ArrowException, OSError) as exc:
                raise _damaged(path, exc) from None
            if batch is None:
                break
            # integers stay exact where a column also has nulls (not rounded floats)
            frame = batch.to_pandas(integer_object_nulls=True)
            n = len(frame)
            yield RawChunk(frame, np.arange(row + 1, row + n + 1, dtype=np.int64))
            row += n


def iter_raw(
    path: Path, *, chunksize: int, encoding: str = "utf-8", lenient: bool = False
) -> Iterator[RawChunk]:
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
    lenient : bool
        Set aside a JSON line that does not decode (as a bad line) instead of raising.

    Raises
    ------
    CorpusError
        Undecodable bytes (names line and byte offset), malformed CSV, unknown suffix.
    """
    fmt, gz = file_format(path)
    if fmt == "jsonl":
        return _iter_jsonl(path, gz, chunksize, encoding, lenient)
    if fmt == "csv":
        return _iter_csv(path, gz, chunksize, encoding)
    if gz:
        raise CorpusError(
            f"{path}: a gzipped Parquet file cannot be read in chunks; gunzip it first "
            "(Parquet compresses its columns itself).",
            path=str(path),
            value=path.name,
        )
    return iter_parquet(path, chunksize)


# --------------------------------------------------------------------------- files
#: Keys of ``corpus.yaml`` the kit reads or writes (others are kept as free-form notes).
CONFIG_KEYS = (
    "name", "description", "provenance", "articles", "mapping", "encoding", "date_format",
    "dayfirst", "rename", "drop", "licence", "license", "counts", "corpus_hash", "kit_version",
    "rejected", "warnings", "files", "partitioning",
)  # fmt: skip
_CONFIG_TYPES = {
    "name": (str,),
    "description": (str,),
    "articles": (str,),
    "mapping": (dict,),
    "encoding": (str,),
    "date_format": (str, list),
    "dayfirst": (bool,),
    "rename": (dict,),
    "drop": (list,),
    "provenance": (dict,),
}


def _config_error(cfg: Path, config, key, message: str) -> CorpusError:
    line = line_of(config, key, line_of(config, default=1))
    return CorpusError(
        f"{cfg} line {line}: {message}",
        path=str(cfg),
        line=line,
        field=key,
        value=plain(config.get(key)) if key in config else None,
    )


def check_config(cfg: Path, config) -> dict:
    """Check the keys the kit reads from ``corpus.yaml``; return it as plain data."""
    import difflib

    for key in config:
        if key in CONFIG_KEYS:
            continue
        close = difflib.get_close_matches(str(key), CONFIG_KEYS, n=1, cutoff=0.8)
        if close:
            raise _config_error(
                cfg,
                config,
                key,
                f"unknown key {key!r}; did you mean {close[0]!r}? (keys the kit reads: "
                f"{', '.join(CONFIG_KEYS[:11])}; others are kept as notes)",
            )
    for key, types in _CONFIG_TYPES.items():
        value = config.get(key)
        if value is not None and not isinstance(value, types):
            want = " or ".join({"str": "text", "dict": "a mapping", "list": "a list",
                                "bool": "true or false"}[t.__name__] for t in types)  # fmt: skip
            raise _config_error(cfg, config, key, f"{key!r} must be {want}, not {plain(value)!r}.")
    mapping = config.get("mapping") or {}
    for canon, src in mapping.items():
        if not isinstance(src, str | int) or isinstance(src, bool):
            raise _config_error(
                cfg,
                config,
                "mapping",
                f"mapping {canon!r} must name one source field, not {plain(src)!r} "
                "(e.g. mapping: {text: body, outlet: source}).",
            )
    formats = config.get("date_format")
    if isinstance(formats, list) and not all(isinstance(f, str) for f in formats):
        raise _config_error(cfg, config, "date_format", "'date_format' must list strftime formats.")
    out = plain(config)
    out["mapping"] = {str(k): str(v) for k, v in mapping.items()}
    return out


def inside(folder: Path, name: str, *, what: str, cfg: Path) -> Path:
    """``folder / name`` when it resolves inside ``folder``; else a CorpusError."""
    target = folder / name
    try:
        real, base = target.resolve(), folder.resolve()
    except (OSError, RuntimeError) as exc:
        raise CorpusError(
            f"{cfg}: {what} {name!r} cannot be resolved ({exc}).", path=str(cfg), value=name
        ) from None
    if Path(name).is_absolute() or not real.is_relative_to(base):
        raise CorpusError(
            f"{cfg}: {what} {name!r} is outside the corpus folder {folder}; a corpus reads "
            "only its own files. Move (or link) the file into the folder and name it "
            "relative to it.",
            path=str(cfg),
            field="articles",
            value=name,
        )
    return target


def resolve(path) -> tuple[Path, dict, Path | None]:
    """Return (articles file, corpus.yaml contents, corpus folder or None).

    ``corpus.yaml`` is checked (the types of the keys the kit reads; a misspelt key);
    its ``articles`` file must lie inside the folder. An import interrupted after it
    had finished writing is completed first (see :mod:`framing.corpus._stage`).
    """
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
    finish_pending(path)
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
        config = check_config(cfg, config)
    if config.get("articles"):
        return inside(path, config["articles"], what="articles file", cfg=cfg), config, path
    found = [name for name in ARTICLE_FILES if (path / name).exists()]
    if len(found) != 1:
        what = f"several article files ({', '.join(found)})" if found else "no articles file"
        raise CorpusError(
            f"{path}: {what}; keep one of {', '.join(ARTICLE_FILES)}, or name it with "
            "'articles:' in corpus.yaml.",
            path=str(path),
            value=found,
        )
    return inside(path, found[0], what="articles file", cfg=path), config, path
