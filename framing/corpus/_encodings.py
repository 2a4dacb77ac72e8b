"""Text encodings of JSONL and CSV corpus files (private to :mod:`framing.corpus._readers`).

The readers split bytes on ``b"\\n"`` and decode chunk by chunk, which is right for UTF-8
and the other ASCII-compatible encodings (cp1252, latin-1). UTF-16 and UTF-32 (and any
encoding in which a line break is not the byte ``0x0A``) are first transcoded to UTF-8,
block by block, by :class:`Utf8Reader`, so that every later step, and every later error,
works on UTF-8 lines as for any other file.

:func:`plan` decides how a file is read from its first bytes and the encoding asked for:

* under the default UTF-8, a file that starts with a UTF-16 or UTF-32 byte order mark
  (BOM) is read in that encoding (a BOM is unambiguous: those bytes are not valid UTF-8)
  and a line is logged on the ``framing.corpus`` logger; a UTF-8 BOM is dropped as before;
* ``utf-16`` or ``utf-32`` without a BOM: the byte order is read from the NUL bytes of
  ASCII text, little-endian when they do not tell (as Windows writes);
* NUL bytes at every other position under an ASCII-compatible encoding (UTF-16 without
  a BOM) stop with an error that names the encoding to pass, as does a BOM that
  contradicts the encoding asked for.

CSV in an ASCII-compatible encoding reaches pandas through :class:`CheckedBytes`:
UTF-8 bytes, checked (or re-encoded from cp1252 etc.) a block at a time; a binary stream,
as pandas wraps a text stream in a re-encoder whose buffer grows with the file.

Undecodable bytes are an error naming the file, the line, the byte offset and the column
(:func:`encoding_error`, :meth:`Utf8Reader.read`); for a transcoded file the offset is in
the original file (in the uncompressed bytes of a ``.gz``) and the column counts
characters.
"""

from __future__ import annotations

import codecs
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from framing.errors import CorpusError

__all__ = [
    "HEAD",
    "LOG",
    "Plan",
    "plan",
    "sniff_wide",
    "Utf8Reader",
    "CheckedBytes",
    "encoding_error",
    "decode_lines",
    "undecodable",
    "valid_utf8",
]

#: Bytes read from the start of a file to look for a BOM and NUL bytes.
HEAD = 4096
#: Where a detected encoding is announced.
LOG = logging.getLogger("framing.corpus")
_BLOCK = 1 << 20  # source bytes transcoded at a time
_BOMS = (  # UTF-32 LE first: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PROBE = '\n\r\t ,;"{}[]:abcXYZ019'
_WIDE = ("utf-16", "utf-32")


@dataclass(frozen=True)
class Plan:
    """How a JSONL/CSV file is read.

    Attributes
    ----------
    codec : str
        Python codec of the file's bytes (``"utf-8"`` for the whole UTF-8 family).
    transcode : bool
        Read through :class:`Utf8Reader` (the codec is not ASCII-compatible).
    skip : int
        Bytes of a UTF-16/UTF-32 byte order mark to skip.
    note : str
        Set when the codec came from a byte order mark, not from the caller.
    """

    codec: str
    transcode: bool = False
    skip: int = 0
    note: str = ""


def _label(codec: str) -> str:
    """``'utf-16-le'`` -> ``'UTF-16 little-endian'``."""
    name = codec[:6].upper()
    order = {"-le": " little-endian", "-be": " big-endian"}.get(codec[6:], "")
    return name + order


def _family(codec: str) -> str:
    return codec[:6] if codec[:6] in _WIDE else codec


def _lookup(path: Path, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
        _PROBE.encode(name)  # LookupError for bytes-to-bytes codecs such as base64
    except LookupError:
        raise CorpusError(
            f"{path.name}: {encoding!r} is not a known text encoding; pass a Python codec "
            "name such as utf-8, utf-16, cp1252 or latin-1 with --encoding.",
            path=str(path),
            field="encoding",
            value=encoding,
        ) from None
    except UnicodeError:
        pass  # a codec that cannot encode the probe is simply not ASCII-compatible
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _ascii_compatible(codec: str) -> bool:
    try:
        return _PROBE.encode(codec) == _PROBE.encode("ascii")
    except UnicodeError:
        return False


def sniff_wide(data: bytes, base: int = 0) -> str | None:
    """Guess UTF-16/UTF-32 without a BOM from where the NUL bytes of ASCII text fall.

    Parameters
    ----------
    data : bytes
        Bytes of the file (the first :data:`HEAD` are looked at).
    base : int
        Byte offset of ``data[0]`` in the file (the byte order depends on it).

    Returns
    -------
    str or None
        ``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"``, ``"utf-32-be"``, or None when
        fewer than a quarter of the bytes are NUL or they fall in no clear pattern.

    Examples
    --------
    >>> sniff_wide("doc_id,text".encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_wide("doc_id,text".encode("utf-16-be")[1:], base=1)
    'utf-16-be'
    >>> sniff_wide(b"doc_id,text") is None
    True
    """
    sample = data[:HEAD]
    n, nul = len(sample), sample.count(0)
    if n < 8 or nul < n // 4:
        return None
    at = [sample[(k - base) % 4 :: 4].count(0) for k in range(4)]  # NULs at offset k mod 4
    if nul >= 0.6 * n:
        if at[0] <= nul / 20:
            return "utf-32-le"
        if at[3] <= nul / 20:
            return "utf-32-be"
    if at[0] + at[2] <= nul / 10:
        return "utf-16-le"
    if at[1] + at[3] <= nul / 10:
        return "utf-16-be"
    return None


def _wide_hint(codec: str, asked: str = "") -> str:
    what = "every other byte is NUL" if codec[:6] == "utf-16" else "three bytes in four are NUL"
    return (
        f"the file looks like {_label(codec)} without a byte order mark ({what})"
        f"{', not ' + asked if asked else ''}: re-run with --encoding {codec} "
        f"(Python: encoding='{codec}')"
    )


def plan(path: Path, head: bytes, encoding: str) -> Plan:
    """Decide how to read a file from its first bytes and the encoding asked for.

    Parameters
    ----------
    path : Path
        The file (for messages).
    head : bytes
        Its first :data:`HEAD` bytes (uncompressed).
    encoding : str
        The encoding asked for (``"utf-8"`` by default).

    Returns
    -------
    Plan

    Raises
    ------
    CorpusError
        Unknown encoding; a byte order mark that contradicts the encoding asked for;
        UTF-16/UTF-32 without a BOM read under an ASCII-compatible encoding.

    Examples
    --------
    >>> p = plan(Path("a.csv"), codecs.BOM_UTF16_LE + "id".encode("utf-16-le"), "utf-8")
    >>> p.codec, p.transcode, p.skip
    ('utf-16-le', True, 2)
    >>> plan(Path("a.csv"), b"id,text\\n", "utf_8").codec
    'utf-8'
    >>> plan(Path("a.csv"), "id,text\\n".encode("utf-16-be"), "utf-16").codec
    'utf-16-be'
    """
    codec = _lookup(path, encoding)
    bom, found = next(((b, c) for b, c in _BOMS if head.startswith(b)), (b"", None))
    if _ascii_compatible(codec):
        if found in (None, "utf-8"):
            wide = sniff_wide(head)
            if wide:
                raise CorpusError(
                    f"{path.name} line 1: {_wide_hint(wide, encoding)}.",
                    path=str(path),
                    line=1,
                    field=None,
                    value=head[:16],
                    offset=head.index(0),
                    encoding=encoding,
                )
            return Plan(codec)
        if codec == "utf-8":  # the default: a UTF-16/32 BOM is never valid UTF-8
            note = (
                f"{path.name}: read as {found}, as the file starts with a {_label(found)} "
                f"byte order mark (pass --encoding {_family(found)} to say so)"
            )
            return Plan(found, True, len(bom), note)
    elif found is None or codec in (found, _family(found)):
        if codec in _WIDE and found is None:  # byte order from the NULs, else Windows'
            wide = sniff_wide(head)
            codec = wide if wide and wide[:6] == codec else codec + "-le"
        return Plan(found or codec, True, len(bom))
    raise CorpusError(
        f"{path.name}: this file is {found[:6].upper()} (it starts with a {_label(found)} "
        f"byte order mark), not {encoding}: re-run with --encoding {_family(found)} "
        f"(Python: encoding='{_family(found)}').",
        path=str(path),
        line=1,
        field="encoding",
        value=bom,
        offset=0,
        encoding=encoding,
    )


def _advance(text: str, line: int, col: int) -> tuple[int, int]:
    """Line number and column (characters) after ``text`` is read from (line, col)."""
    breaks = text.count("\n")
    if breaks:
        return line + breaks, len(text) - text.rfind("\n") - 1
    return line, col + len(text)


class _Utf8Stream(io.BufferedIOBase):
    """A binary stream of UTF-8 filled block by block by ``_fill`` (which sets ``_eof``).

    ``read(size)`` never returns more than ``size`` bytes, so memory stays bounded by
    one source block plus one read, whatever the file size.
    """

    def __init__(self, fh, path: Path, codec: str, block: int | None = None):
        super().__init__()
        self._fh, self._path, self._codec = fh, Path(path), codec
        self._block = block or _BLOCK
        self._buf = bytearray()
        self._eof = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()

    def read(self, size: int | None = -1) -> bytes:
        """Return up to ``size`` bytes of UTF-8 (all the rest when negative); ``b""`` at the end.

        Raises
        ------
        CorpusError
            Undecodable bytes: names the line and the byte offset in the source file.
        """
        whole = size is None or size < 0
        while not self._eof and (whole or len(self._buf) < size):
            self._fill()
        n = len(self._buf) if whole else size
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    def _fill(self) -> None:  # pragma: no cover - defined by subclasses
        raise NotImplementedError


class Utf8Reader(_Utf8Stream):
    """A binary stream of the UTF-8 encoding of a file in another encoding.

    The source is decoded ``block`` bytes at a time by an incremental decoder (a character
    split between blocks waits for the next one), so memory is bounded by the block size
    and the size of one ``read``, never by the file.

    Parameters
    ----------
    fh : binary file object
        The source, positioned at its start (closed by ``close``).
    path : Path
        The file (for messages).
    codec : str
        Python codec of the source, with its byte order (``"utf-16-le"``).
    skip : int
        Byte order mark bytes to skip first.
    block : int, optional
        Source bytes decoded at a time (default 1 MiB).

    Examples
    --------
    >>> src = io.BytesIO(codecs.BOM_UTF16_LE + "Erdoğan\\n".encode("utf-16-le"))
    >>> Utf8Reader(src, Path("a.csv"), "utf-16-le", skip=2, block=3).read()
    b'Erdo\\xc4\\x9fan\\n'
    """

    def __init__(self, fh, path: Path, codec: str, *, skip: int = 0, block: int | None = None):
        super().__init__(fh, path, codec, block)
        self._dec = codecs.getincrementaldecoder(codec)("strict")
        self._fed = len(fh.read(skip)) if skip else 0  # source bytes given to the decoder
        self._line, self._col = 1, 0  # where the decoded text ends

    def _fill(self) -> None:
        raw = self._fh.read(self._block)
        pending = self._dec.getstate()[0]  # undecoded bytes of a split character
        try:
            text = self._dec.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:  # positions are in pending + raw
            raise self._error(pending + raw, self._fed - len(pending), exc) from None
        self._fed += len(raw)
        self._eof = not raw
        self._line, self._col = _advance(text, self._line, self._col)
        self._buf += text.encode("utf-8")

    def _error(self, data: bytes, base: int, exc: UnicodeDecodeError) -> CorpusError:
        before = codecs.getincrementaldecoder(self._codec)("replace").decode(data[: exc.start])
        line, col = _advance(before, self._line, self._col)
        offset, bad = base + exc.start, data[exc.start : exc.end]
        if exc.reason == "truncated data":
            hint = "the file ends inside a character: it was probably cut off; check it is complete"
        else:
            hint = "check the file's encoding and pass it with --encoding"
        return CorpusError(
            f"{self._path.name} line {line}: bytes {bad!r} at byte offset {offset} (column "
            f"{col + 1} of the line) are not valid {self._codec} ({exc.reason}); {hint}.",
            path=str(self._path),
            line=line,
            field=None,
            value=bad,
            offset=offset,
            encoding=self._codec,
        )


def encoding_error(path, line: int, offset: int, col: int, raw: bytes, encoding: str, n: int):
    """The error for bytes ``raw[col:col + n]`` of a line (starting at byte ``offset - col``)."""
    bad = raw[col : col + max(n, 1)]
    if encoding != "utf-8":
        hint = "check the file's encoding and pass it with --encoding"
    elif wide := sniff_wide(raw, offset - col):
        hint = _wide_hint(wide)
    else:
        hint = (
            "the file is probably in cp1252 or latin-1: re-run with --encoding cp1252 "
            "(Python: encoding='cp1252')"
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


def decode_lines(path, raw_lines, numbers, starts, encoding) -> None:
    """Find the first line of ``raw_lines`` that does not decode and raise for it."""
    for _, error in undecodable(path, raw_lines, numbers, starts, encoding):
        raise error


def undecodable(path, raw_lines, numbers, starts, encoding):
    """Yield ``(index, CorpusError)`` for each line of ``raw_lines`` that does not decode."""
    for i, (raw, line, start) in enumerate(zip(raw_lines, numbers, starts, strict=True)):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            n = exc.end - exc.start
            yield i, encoding_error(path, line, start + exc.start, exc.start, raw, encoding, n)


def valid_utf8(data: bytes) -> bool:
    """True when ``data`` is valid UTF-8 (checked by Arrow, without building a str)."""
    import pyarrow as pa

    try:
        pa.array([data], type=pa.large_binary()).cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


class CheckedBytes(_Utf8Stream):
    """UTF-8 bytes of a file in an ASCII-compatible encoding, checked a block at a time.

    Blocks end at a line break; UTF-8 is passed on once it decodes, other encodings are
    re-encoded. Undecodable bytes raise :func:`encoding_error` (line, byte offset). A
    binary stream, so that ``pandas.read_csv`` reads it without a re-encoding wrapper.

    Examples
    --------
    >>> src = io.BytesIO("id,text\\n1,café\\n".encode("cp1252"))
    >>> CheckedBytes(src, Path("a.csv"), "cp1252").read()
    b'id,text\\n1,caf\\xc3\\xa9\\n'
    """

    def __init__(self, fh, path: Path, codec: str, block: int | None = None):
        super().__init__(fh, path, codec, block)
        self._offset = 0  # source bytes consumed so far
        self._line = 1  # line number at self._offset
        self._carry = b""

    def _fill(self) -> None:
        new = self._fh.read(self._block)
        block = self._carry + new
        cut = block.rfind(b"\n") + 1 if new else len(block)  # end blocks at a line break
        block, self._carry = block[:cut], block[cut:]
        self._eof = not new
        if self._offset == 0 and self._codec == "utf-8" and block.startswith(codecs.BOM_UTF8):
            block = block[len(codecs.BOM_UTF8) :]
            self._offset = len(codecs.BOM_UTF8)
        try:
            text = block.decode(self._codec)
        except UnicodeDecodeError as exc:
            line = self._line + block.count(b"\n", 0, exc.start)
            start = block.rfind(b"\n", 0, exc.start) + 1
            raise encoding_error(
                self._path,
                line,
                self._offset + exc.start,
                exc.start - start,
                block[start:],
                self._codec,
                exc.end - exc.start,
            ) from None
        self._offset += len(block)
        self._line += block.count(b"\n")
        self._buf += block if self._codec == "utf-8" else text.encode("utf-8")
