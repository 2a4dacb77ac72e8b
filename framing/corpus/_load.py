"""Reading a corpus: :func:`iter_corpus` (chunks in bounded memory), :func:`read_corpus`
(articles, rejected records and counts) and :func:`load_corpus` (the article table)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from framing._shared.dates import check_formats
from framing.corpus import _readers as _io
from framing.corpus._dataset import raw_chunks, source_format
from framing.corpus._hash import corpus_hash
from framing.corpus._outlets import apply_outlets, outlet_table
from framing.corpus._validate import (
    ReadState,
    ValidationResult,
    check_chunk,
    concat_results,
    empty_error,
)
from framing.errors import CorpusError

__all__ = ["iter_corpus", "read_corpus", "load_corpus", "corpus_source"]


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
    date_format=None,
    dayfirst: bool | None = None,
    require_date: bool = False,
    chunksize: int = 50_000,
    rename: Mapping[str, str] | None = None,
    drop=(),
) -> Iterator[ValidationResult]:
    """Read and validate a corpus chunk by chunk, in bounded memory.

    Duplicate ``doc_id`` values are caught across chunks (a set of ids is kept).
    Parameters are those of :func:`load_corpus`.

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
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise CorpusError(
            f"chunksize must be a whole number of records of at least 1, not {chunksize!r}.",
            field="chunksize",
            value=chunksize,
        )
    file, config, folder = _io.resolve(path)
    mapping = {**(config.get("mapping") or {}), **(mapping or {})}
    encoding = encoding or config.get("encoding") or "utf-8"
    fmt = source_format(file)  # a partitioned corpus is a folder of Parquet parts
    table = outlet_table(outlets, folder)
    unit = "line" if fmt == "jsonl" else "row"
    formats = date_format if date_format is not None else config.get("date_format")
    try:
        formats = check_formats(formats)
    except ValueError as exc:
        raise CorpusError(str(exc), field="date_format", value=formats) from None
    st = ReadState(
        file.name,
        str(file),
        unit,
        mode,
        mapping,
        make_ids,
        fix_mojibake,
        date_formats=formats,
        dayfirst=bool(config.get("dayfirst", False) if dayfirst is None else dayfirst),
        require_date=require_date,
    )
    lenient = mode == "lenient"
    rename = {**(config.get("rename") or {}), **(rename or {})}
    drop = [*(config.get("drop") or []), *(drop or [])]
    raw = raw_chunks(path, file, st, chunksize=chunksize, encoding=encoding, lenient=lenient)
    for i, chunk in enumerate(raw):
        if rename or drop:
            chunk = _reshape(chunk, rename, drop, file, check=i == 0)
        res = check_chunk(chunk, st)
        if table is not None:
            res.articles = apply_outlets(res.articles, table)
        yield res
    if st.read == 0:
        counts = config.get("counts") if isinstance(config.get("counts"), dict) else {}
        if counts.get("rejected") and not counts.get("kept"):
            raise CorpusError(
                f"{folder}: the corpus holds no articles: all {counts['rejected']} records "
                "of its import were rejected; see rejected.jsonl there for the reasons, fix "
                "the source (or the column mapping) and import it again.",
                path=str(file),
                line=None,
                field=None,
                value=counts["rejected"],
            )
        raise empty_error(file.name, file)


def _reshape(chunk, rename: dict, drop: list, file: Path, *, check: bool):
    """Rename and drop source fields of one raw chunk (checked on the first chunk)."""
    frame = chunk.frame
    if check:
        present = [str(c) for c in frame.columns]
        missing = [f for f in [*rename, *drop] if f not in frame.columns]
        if missing:
            raise CorpusError(
                f"{file.name}: cannot rename or drop field(s) {missing}: the source has no such "
                f"field (fields present: {present}).",
                path=str(file),
                field=missing[0],
                value=present,
            )
        kept = [c for c in frame.columns if c not in set(drop) and c not in rename]
        clash = [new for new in rename.values() if new in kept]
        if clash:
            raise CorpusError(
                f"{file.name}: renaming to {clash} would overwrite field(s) of the source; "
                "rename (or drop) those too.",
                path=str(file),
                field=clash[0],
                value=clash,
            )
    frame = frame.drop(columns=[c for c in drop if c in frame.columns]).rename(columns=rename)
    return replace(chunk, frame=frame)


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
    source = corpus_source(path)
    results = list(iter_corpus(path, **options))
    res = concat_results(results, Path(source["source"]).name)
    res.articles.attrs.update(source, corpus_hash=corpus_hash(res.articles),
                              validation=res.counts())  # fmt: skip
    return res


def corpus_source(path) -> dict:
    """The ``name`` and ``source`` (articles file) that :func:`load_corpus` puts in the
    ``attrs`` of a corpus folder or file, without reading the articles.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "news.jsonl"
    >>> _ = f.write_text("")
    >>> corpus_source(f)["name"]
    'news'
    """
    file, config, folder = _io.resolve(path)
    name = config.get("name") or (folder.name if folder is not None else file.name.split(".")[0])
    return {"name": str(name), "source": str(file)}


def load_corpus(
    path,
    *,
    mapping: Mapping[str, str] | None = None,
    mode: str = "strict",
    outlets=None,
    encoding: str | None = None,
    make_ids: bool = False,
    fix_mojibake: bool = False,
    date_format=None,
    dayfirst: bool | None = None,
    require_date: bool = False,
    chunksize: int = 50_000,
    rename: Mapping[str, str] | None = None,
    drop=(),
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
        Outlet metadata (an ``outlets.yaml``, e.g. a study's, relative paths looked up
        from the project root too); ``None`` or ``""``: the folder's ``outlets.yaml``
        when present; ``False``: none.
    encoding : str, optional
        Text encoding of JSONL/CSV (default UTF-8; a UTF-8 BOM is accepted).
    make_ids : bool
        Derive missing ``doc_id`` values from outlet, title and text (else an error).
    fix_mojibake : bool
        Repair suspected mojibake (default: warn only).
    date_format : str or list of str, optional
        ``strftime`` formats of the date field, tried (in order) before the formats
        read by default (see :mod:`framing._shared.dates`: ISO 8601, ``21 February
        2020``, ``Feb. 21, 2020 10:00 AM EST``, ``21.02.2020``, RFC 2822, epoch
        seconds ...); default ``date_format:`` of corpus.yaml.
    dayfirst : bool, optional
        Read numeric dates like ``03/04/2025`` day first (default: month first, the
        US order; ``dayfirst:`` of corpus.yaml). A file with such dates gets one
        warning naming the rule used.
    require_date : bool
        Reject articles without a readable date. Otherwise (lenient mode) a date
        that cannot be read is kept as missing, with a warning; strict mode stops.
    chunksize : int
        Records read and validated at a time (at least 1).
    rename : mapping of str to str, optional
        Source field -> new name, applied to the source's own fields before anything
        else (e.g. ``{"topic": "source_topic"}``: a source's topic tags then never pass
        for the study's topic labels); also ``rename:`` in corpus.yaml.
    drop : sequence of str, optional
        Source fields left out (e.g. large HTML copies); also ``drop:`` in corpus.yaml.

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
        date_format=date_format,
        dayfirst=dayfirst,
        require_date=require_date,
        chunksize=chunksize,
        rename=rename,
        drop=drop,
    ).articles
