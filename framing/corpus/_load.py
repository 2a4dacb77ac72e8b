"""(private) TODO docstring for framing.corpus._load; see :mod:`framing.corpus`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.corpus import _readers as _io
from framing.corpus._hash import corpus_hash
from framing.corpus._normalise import DATE_FORMATS  # noqa: F401 (kept importable from here)
from framing.corpus._outlets import OUTLET_TYPES, _outlet_table, apply_outlets, load_outlets
from framing.corpus._readers import file_format, iter_raw
from framing.corpus._summary import corpus_summary, format_summary, format_validation
from framing.corpus._validate import (
    COLUMNS,
    ValidationResult,
    _check_chunk,
    _concat,
    _empty_error,
    _State,
    validate,
)
from framing.corpus._write import import_corpus, save_corpus
from framing.errors import CorpusError
from framing.paths import project_root, resolve_path

__all__ = [
    "COLUMNS",
    "OUTLET_TYPES",
    "ValidationResult",
    "validate",
    "load_corpus",
    "read_corpus",
    "iter_corpus",
    "save_corpus",
    "import_corpus",
    "corpus_hash",
    "load_outlets",
    "apply_outlets",
    "corpus_summary",
    "format_summary",
    "format_validation",
    "project_root",
    "resolve_path",
    "subset",
]


# --------------------------------------------------------------------------- files
def iter_corpus(
    path,
    *,
    mapping: Mapping[str, str] | None = None,
    mode: str = "strict",
    outlets=None,
    encoding: str | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    chunksize: int = 50_000,
) -> Iterator[ValidationResult]:
    """Read and validate a corpus chunk by chunk, in bounded memory.

    Duplicate ``doc_id`` values are caught across chunks (a set of ids is kept).
    Parameters are those of :func:`load_corpus`, plus ``chunksize`` (records per chunk).

    Yields
    ------
    ValidationResult
        One per chunk: ``.articles`` (normalised, outlet metadata joined),
        ``.rejected``, ``.warnings`` and ``.read`` for that chunk.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text(
    ...     '{"id": "1", "src": "X", "body": "One."}\\n{"id": "2", "src": "Y", "body": "Two."}\\n')
    >>> chunks = iter_corpus(folder / "a.jsonl", chunksize=1,
    ...                      mapping={"doc_id": "id", "outlet": "src", "text": "body"})
    >>> [len(c.articles) for c in chunks]
    [1, 1]
    """
    if mode not in ("strict", "lenient"):
        raise CorpusError(
            f"mode must be 'strict' or 'lenient', not {mode!r}.", field="mode", value=mode
        )
    file, config, folder = _io.resolve(path)
    mapping = {**(config.get("mapping") or {}), **(mapping or {})}
    encoding = encoding or config.get("encoding") or "utf-8"
    fmt, _ = file_format(file)
    table = _outlet_table(outlets, folder)
    unit = "line" if fmt == "jsonl" else "row"
    st = _State(file.name, str(file), unit, mode, mapping, make_ids, fix_mojibake)
    for chunk in iter_raw(file, chunksize=chunksize, encoding=encoding):
        res = _check_chunk(chunk, st)
        if table is not None:
            res.articles = apply_outlets(res.articles, table)
        yield res
    if st.read == 0:
        raise _empty_error(file.name, file)


def read_corpus(path, **options) -> ValidationResult:
    """Read and validate a whole corpus; return articles, rejected records and counts.

    Takes the parameters of :func:`iter_corpus`. Use this (lenient mode) to see what
    was set aside; use :func:`load_corpus` for just the table.

    Returns
    -------
    ValidationResult
        For the whole file; ``.articles.attrs`` as in :func:`load_corpus`.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = f.write_text('{"doc_id": "1", "outlet": "X", "text": "One."}\\n{"doc_id": "2"}\\n')
    >>> res = read_corpus(f, mode="lenient")
    >>> res.counts()
    {'read': 2, 'kept': 1, 'rejected': 1, 'warnings': 0}
    >>> res.rejected.loc[0, "reason"]
    "field 'outlet' is missing (fields present: doc_id)"
    """
    file, config, folder = _io.resolve(path)
    results = list(iter_corpus(path, **options))
    res = _concat(results, file.name)
    res.articles.attrs.update(_attrs(res, config, folder, file))
    return res


def _attrs(res: ValidationResult, config: dict, folder, file: Path) -> dict:
    name = config.get("name") or (folder.name if folder is not None else file.name.split(".")[0])
    return {
        "name": str(name),
        "source": str(file),
        "corpus_hash": corpus_hash(res.articles),
        "validation": res.counts(),
    }


def load_corpus(
    path,
    *,
    mapping: Mapping[str, str] | None = None,
    mode: str = "strict",
    outlets=None,
    encoding: str | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    chunksize: int = 50_000,
) -> pd.DataFrame:
    """Load a corpus folder or file as a validated, normalised article table.

    Parameters
    ----------
    path : str or Path
        A corpus folder (``corpus.yaml`` + one ``articles.parquet|jsonl|csv[.gz]``,
        optional ``outlets.yaml``) or a single ``.jsonl``/``.csv``/``.parquet`` file
        (``.jsonl.gz``, ``.csv.gz`` too). ``corpus.yaml`` may hold ``name``,
        ``mapping``, ``encoding`` and ``articles`` (the file name). CSV cells are read
        as text (metadata columns too); JSONL and Parquet keep their types.
    mapping : mapping of str to str, optional
        Canonical column -> source field, e.g. ``{"text": "content_original",
        "outlet": "source", "doc_id": "ID"}``; overrides ``mapping:`` in corpus.yaml.
    mode : {"strict", "lenient"}
        Strict raises :class:`~framing.errors.CorpusError` on the first problem;
        lenient drops problem records (see :func:`read_corpus` to get them).
    outlets : str, Path, DataFrame or dict, optional
        Outlet metadata; defaults to the folder's ``outlets.yaml`` when present.
    encoding : str, optional
        Text encoding of JSONL/CSV (default UTF-8; a UTF-8 BOM is accepted).
    make_ids : bool
        Derive missing ``doc_id`` values from outlet, title and text (else an error).
    fix_mojibake : bool
        Repair suspected mojibake (default: warn only).
    chunksize : int
        Records read and validated at a time.

    Returns
    -------
    pandas.DataFrame
        The articles table (:data:`COLUMNS`, outlet metadata, extra columns);
        ``attrs`` holds ``name``, ``source``, ``corpus_hash`` and ``validation``
        (counts read/kept/rejected/warnings).

    Raises
    ------
    CorpusError
        With ``path``, ``line``, ``field`` and ``value`` attributes.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_text("ID,source,body,date\\n1,Daily Planet,Hello  world.,2025-07-10\\n")
    >>> df = load_corpus(f, mapping={"doc_id": "ID", "outlet": "source", "text": "body"})
    >>> df[["doc_id", "outlet", "text"]].values.tolist()
    [['1', 'Daily Planet', 'Hello world.']]
    >>> df.attrs["validation"]["kept"], len(df.attrs["corpus_hash"])
    (1, 64)
    """
    return read_corpus(
        path,
        mapping=mapping,
        mode=mode,
        outlets=outlets,
        encoding=encoding,
        make_ids=make_ids,
        fix_mojibake=fix_mojibake,
        chunksize=chunksize,
    ).articles


def _day(value, name: str, *, end: bool):
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        ts = pd.Timestamp(datetime.fromisoformat(text))
    except ValueError as exc:
        raise CorpusError(
            f"subset: {name}={text!r} is not a date. Write it as YYYY-MM-DD (or '' for no limit).",
            field=name,
            value=value,
        ) from exc
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and len(text) <= 10:  # a day without a time: include the whole day
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
    return ts


def subset(df: pd.DataFrame, *, outlets=None, start=None, end=None) -> pd.DataFrame:
    """Keep the articles of some outlets and of a date range (the notebooks' filters).

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with ``outlet`` and ``date`` (datetime64, UTC).
    outlets : list of str, optional
        Canonical outlet names to keep; ``None`` or empty keeps every outlet.
    start, end : str, optional
        First and last day kept, ISO dates (``"2025-07-01"``; a day given without a
        time includes all of it); ``None`` or ``""`` means no limit. When a limit is
        given, articles without a date are left out (they cannot be placed in the
        range) and counted.

    Returns
    -------
    pandas.DataFrame
        The kept rows (original index and ``attrs``); ``attrs["subset"]`` records
        ``outlets``, ``start``, ``end``, ``read``, ``kept``, ``outside`` (other outlet
        or outside the range) and ``no_date`` (left out for want of a date).

    Raises
    ------
    ColumnsError
        ``outlet`` or ``date`` is missing.
    CorpusError
        An outlet is not in the table (the message lists those present), or a date
        does not parse.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "B", "A"], "date": pd.to_datetime(
    ...     ["2025-07-01T00:00Z", "2025-07-31T20:00Z", None], utc=True)})
    >>> out = subset(df, end="2025-07-31")
    >>> len(out), out.attrs["subset"]["no_date"]
    (2, 1)
    >>> len(subset(df, outlets=["A"]))
    2
    """
    require_columns(df, ["outlet", "date"], where="subset",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    outlets = [str(o) for o in (outlets or [])]
    present = sorted(df["outlet"].dropna().astype(str).unique())
    unknown = [o for o in outlets if o not in present]
    if unknown:
        raise CorpusError(
            f"subset: outlet(s) {unknown} not in the corpus (outlets present: {present}). "
            "Use canonical names from outlets.yaml.",
            field="outlet",
            value=unknown,
        )
    lo, hi = _day(start, "start", end=False), _day(end, "end", end=True)
    keep = df["outlet"].isin(outlets).to_numpy() if outlets else np.ones(len(df), bool)
    dated = df["date"].notna().to_numpy()
    in_range = np.ones(len(df), bool)
    if lo is not None:
        in_range &= (df["date"] >= lo).fillna(False).to_numpy(bool)
    if hi is not None:
        in_range &= (df["date"] <= hi).fillna(False).to_numpy(bool)
    limited = lo is not None or hi is not None
    no_date = keep & ~dated if limited else np.zeros(len(df), bool)
    out = df.loc[keep & in_range].copy()
    out.attrs = {**df.attrs}
    out.attrs["subset"] = {
        "outlets": outlets,
        "start": "" if lo is None else str(start),
        "end": "" if hi is None else str(end),
        "read": int(len(df)),
        "kept": int(len(out)),
        "outside": int(len(df) - len(out) - no_date.sum()),
        "no_date": int(no_date.sum()),
    }
    return out
