"""Partitioned corpora: the articles as a folder of Parquet part files, and partitions.

A partitioned corpus folder holds the same ``corpus.yaml`` (name, provenance, counts,
content hash), ``rejected.jsonl``, ``warnings.jsonl`` and ``outlets.yaml`` as a
one-file corpus; its articles are a folder ``articles/`` with one sub-folder per year
or month, in the Hive naming that Arrow, Dask, Spark and DuckDB read::

    corpus.yaml                   articles: articles
                                  partitioning: year
    articles/year=2019/part-000000.parquet
    articles/year=2020/part-000000.parquet
    articles/year=__HIVE_DEFAULT_PARTITION__/part-000000.parquet   (no date)

``month`` partitions are named ``month=2019-07``. Every part file has the same schema
(column types are reconciled over the whole corpus before the split), rows keep the
order of the import within a part, and each part is written in row groups of at most
:data:`ROW_GROUP` articles. The corpus hash does not depend on the partitioning: it is
a hash over rows in ``doc_id`` order (:func:`framing.corpus.corpus_hash`).

A *partition* (:class:`CorpusPartition`, from :func:`corpus_partitions`) is a slice of
a corpus that one worker reads on its own: one row group of a Parquet part (or of a
one-file ``articles.parquet``), or a whole JSONL/CSV file. A partition is accepted
wherever a corpus path is (``load_corpus(part)``, ``iter_corpus(part)``): it reads,
validates and normalises only its rows, and its messages name its file and row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from framing.corpus._readers import RawChunk, file_format, iter_parquet, iter_raw, resolve
from framing.errors import CorpusError

__all__ = [
    "PARTITION_BY",
    "ROW_GROUP",
    "CorpusPartition",
    "corpus_partitions",
    "check_partition_by",
    "source_format",
    "raw_chunks",
    "row_group_tables",
    "write_dataset",
]

#: The ways a corpus can be partitioned (``None``: one ``articles.parquet``).
PARTITION_BY = ("year", "month")
#: Articles per Parquet row group in the files the kit writes (one partition each).
ROW_GROUP = 50_000
_ARTICLES = "articles"
_NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a missing partition value
_FLUSH_ROWS = 200_000  # rows buffered over all partition values before the largest is written


@dataclass(frozen=True)
class CorpusPartition:
    """One slice of a corpus that can be read on its own (see :func:`corpus_partitions`).

    Attributes
    ----------
    corpus : str
        The corpus folder or file the partition belongs to (its ``corpus.yaml``,
        mapping and ``outlets.yaml`` apply).
    file : str
        The file holding the partition's rows.
    row_groups : tuple of int or None
        Parquet row groups of ``file`` (``None``: the whole file).
    n_rows : int or None
        Rows in the partition (``None`` for a JSONL/CSV file, unknown before reading).
    first_row : int
        1-based row number in ``file`` of the partition's first row.
    key : str or None
        The Hive folder of a partitioned corpus (``"year=2019"``), else ``None``.
    index : int
        Position among the corpus's partitions (results are put back in this order).

    A partition is path-like (``os.fspath(part) == part.corpus``) and every reader of
    :mod:`framing.corpus` accepts it in place of the corpus path.
    """

    corpus: str
    file: str
    row_groups: tuple[int, ...] | None
    n_rows: int | None
    first_row: int
    key: str | None
    index: int

    def __fspath__(self) -> str:
        return self.corpus

    @property
    def label(self) -> str:
        """The file (relative to the corpus folder when inside it) and its row groups."""
        file = Path(self.file)
        base = Path(self.corpus)
        name = str(file.relative_to(base)) if file.is_relative_to(base) else file.name
        if self.row_groups is None:
            return name
        groups = ",".join(str(g) for g in self.row_groups)
        return f"{name} (row group {groups})"


# --------------------------------------------------------------------------- reading
def check_partition_by(value) -> str | None:
    """``None``, ``"year"`` or ``"month"``; anything else is a :class:`CorpusError`."""
    if value is None or value in PARTITION_BY:
        return value
    raise CorpusError(
        f"partition_by must be one of {', '.join(PARTITION_BY)} or None (one articles.parquet), "
        f"not {value!r}.",
        field="partition_by",
        value=value,
    )


def _part_files(folder: Path) -> list[Path]:
    """The Parquet files of a dataset folder, in partition then file-name order."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and _is_part(p, folder))
    if not files:
        raise CorpusError(
            f"{folder}: the articles folder holds no Parquet part files (*.parquet); "
            "write it with `framing corpus import --partition-by year` or point "
            "'articles:' in corpus.yaml at the folder that holds them.",
            path=str(folder),
            value=str(folder),
        )
    return files


def _is_part(path: Path, folder: Path) -> bool:
    rel = path.relative_to(folder).parts
    hidden = any(p.startswith((".", "_")) for p in rel)  # Spark/Arrow markers, temp files
    return not hidden and path.suffix.lower() in (".parquet", ".pq")


def source_format(file: Path) -> str:
    """The format of a corpus's articles: ``"parquet"`` for a dataset folder."""
    return "parquet" if file.is_dir() else file_format(file)[0]


def corpus_partitions(path) -> list[CorpusPartition]:
    """The partitions of a corpus: what one worker reads at a time.

    A Parquet corpus (one ``articles.parquet`` or a partitioned folder) has one
    partition per row group of each file (the kit writes row groups of at most
    50,000 articles); a JSONL or CSV corpus is one partition (import it to Parquet to
    spread it over workers). Only file metadata is read.

    Parameters
    ----------
    path : str or Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).

    Returns
    -------
    list of CorpusPartition
        In the order :func:`framing.corpus.load_corpus` reads the rows.

    Raises
    ------
    CorpusError
        No such corpus, or a Parquet file that cannot be read (named).

    Examples
    --------
    >>> import tempfile
    >>> from framing.corpus import save_corpus, validate, load_corpus
    >>> raw = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"],
    ...                     "text": ["One.", "Two.", "Three."],
    ...                     "date": ["2019-05-01", "2020-02-03", "2020-07-08"]})
    >>> folder = save_corpus(validate(raw).articles, Path(tempfile.mkdtemp()) / "c",
    ...                      name="c", partition_by="year")
    >>> parts = corpus_partitions(folder)
    >>> [(p.key, p.n_rows) for p in parts]
    [('year=2019', 1), ('year=2020', 2)]
    >>> list(load_corpus(parts[1])["doc_id"])
    ['b', 'c']
    """
    import pyarrow.parquet as pq

    if isinstance(path, CorpusPartition):
        return [path]
    corpus = str(path)
    file, _, _ = resolve(path)
    if not file.is_dir() and source_format(file) != "parquet":
        return [CorpusPartition(corpus, str(file), None, None, 1, None, 0)]
    files = _part_files(file) if file.is_dir() else [file]
    parts = []
    for f in files:
        rel = f.relative_to(file).parts[:-1] if file.is_dir() else ()
        key = "/".join(rel) or None
        try:
            meta = pq.ParquetFile(f).metadata
        except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
            raise CorpusError(
                f"{f}: not a readable Parquet file ({exc}); re-write the corpus or remove "
                "the file.",
                path=str(f),
                value=str(exc),
            ) from None
        row = 1
        for g in range(meta.num_row_groups):
            n = meta.row_group(g).num_rows
            if n or meta.num_row_groups == 1:
                parts.append(CorpusPartition(corpus, str(f), (g,), n, row, key, len(parts)))
            row += n
    return parts


def raw_chunks(path, file: Path, st, *, chunksize: int, **read) -> Iterator[RawChunk]:
    """The raw chunks behind :func:`framing.corpus.iter_corpus`.

    ``path`` is what the caller passed (a partition reads only its rows); ``file``
    the resolved articles file or dataset folder; ``st`` the read state, whose
    ``source``/``path`` are set to each part file so messages name it. Other files go
    to :func:`framing.corpus._readers.iter_raw` with ``read`` (``encoding``, ...).
    """
    if isinstance(path, CorpusPartition):
        part_file = Path(path.file)
        _name_source(st, part_file, file)
        if path.row_groups is None:
            yield from iter_raw(part_file, chunksize=chunksize, **read)
        else:
            groups, first = path.row_groups, path.first_row
            yield from iter_parquet(part_file, chunksize, row_groups=groups, first_row=first)
        return
    if not file.is_dir():
        yield from iter_raw(file, chunksize=chunksize, **read)
        return
    for part_file in _part_files(file):
        _name_source(st, part_file, file)
        yield from iter_parquet(part_file, chunksize)


def _name_source(st, part_file: Path, file: Path) -> None:
    """Point the read state's messages at one part file (columns are checked per file)."""
    base = file.parent if file.is_dir() else part_file.parent
    st.source = (
        str(part_file.relative_to(base)) if part_file.is_relative_to(base) else part_file.name
    )
    st.path = str(part_file)
    st.first = True


# --------------------------------------------------------------------------- writing
def _keys(dates: pd.Series, by: str) -> np.ndarray:
    """The Hive folder name of each article's partition (``year=2019``)."""
    when = pd.to_datetime(dates, utc=True)
    fmt = "%Y" if by == "year" else "%Y-%m"
    values = when.dt.strftime(fmt).fillna(_NO_DATE).to_numpy(dtype=object)
    return np.asarray([f"{by}={v}" for v in values], dtype=object)


def row_group_tables(file: Path) -> Iterator:
    """The row groups of a Parquet file as Arrow tables, one at a time."""
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(file)
    for group in range(handle.num_row_groups):
        yield handle.read_row_group(group)


def write_dataset(tables: Iterable, target: Path, by: str, schema) -> None:
    """Write Arrow tables (one schema) as ``target/<by>=<value>/part-000000.parquet``.

    Rows keep their order within each partition value. Memory stays bounded: at most
    :data:`_FLUSH_ROWS` rows wait in buffers, and each write is one row group of at
    most :data:`ROW_GROUP` rows. ``target`` is a folder in the stage of an atomic corpus
    write (:mod:`framing.corpus._stage`), which puts it in place whole.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    buffers: dict[str, list] = {}
    waiting = 0

    def flush(key: str) -> None:
        nonlocal waiting
        table = pa.concat_tables(buffers.pop(key))
        waiting -= len(table)
        if key not in writers:
            (target / key).mkdir(parents=True, exist_ok=True)
            writers[key] = pq.ParquetWriter(target / key / "part-000000.parquet", schema)
        for at in range(0, len(table), ROW_GROUP):
            writers[key].write_table(table.slice(at, ROW_GROUP))

    try:
        for table in tables:
            if not len(table):
                continue
            keys = _keys(table.column("date").to_pandas(), by)
            for key in pd.unique(keys):
                buffers.setdefault(key, []).append(table.filter(pa.array(keys == key)))
            waiting += len(table)
            while waiting > _FLUSH_ROWS:
                flush(max(buffers, key=lambda k: sum(len(t) for t in buffers[k])))
        for key in sorted(buffers):
            flush(key)
        if not writers:  # no articles: one empty part keeps the schema readable
            pq.write_table(schema.empty_table(), target / "part-000000.parquet")
    finally:
        for w in writers.values():
            w.close()
