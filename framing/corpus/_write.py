"""Writing corpus folders: :func:`save_corpus` (a table) and :func:`import_corpus` (a file).

A corpus folder holds ``articles.parquet``, ``corpus.yaml`` (name, description,
provenance, counts, content hash) and, when there were any, ``rejected.jsonl`` and
``warnings.jsonl``; see :mod:`framing.corpus._readers` for the file formats.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from framing._shared.checks import require_columns
from framing.corpus import _readers as _io
from framing.corpus._dataset import (
    check_layout_target,
    check_partition_by,
    finish_layout,
    row_group_tables,
    source_format,
    write_dataset,
)
from framing.corpus._hash import combine_digests, corpus_hash, row_digests
from framing.corpus._load import iter_corpus
from framing.corpus._validate import COLUMNS, ValidationResult, concat_results, empty_result

__all__ = ["save_corpus", "import_corpus"]


def save_corpus(
    df: pd.DataFrame,
    folder,
    *,
    name: str,
    description: str = "",
    provenance: dict | None = None,
    rejected: pd.DataFrame | None = None,
    overwrite: bool = False,
    partition_by: str | None = None,
) -> Path:
    """Write an article table as a corpus folder.

    Writes ``articles.parquet`` (or, with ``partition_by``, a folder ``articles/`` of
    Parquet parts by year or month: see :func:`corpus_partitions`), ``corpus.yaml`` (name, description, provenance,
    counts read/kept/rejected, corpus_hash, kit_version) and, when ``rejected`` has
    rows, ``rejected.jsonl``. Raw inputs are never overwritten: writing into the folder
    the table was read from, or into a folder holding raw ``articles.jsonl``/``.csv``,
    is refused.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with the columns :data:`COLUMNS` (e.g. from :func:`load_corpus`).
    folder : str or Path
        Output folder (created).
    name, description : str
        Recorded in corpus.yaml.
    provenance : dict, optional
        Where the data came from and its licence.
    rejected : pandas.DataFrame, optional
        Rejected records (``ValidationResult.rejected``).
    overwrite : bool
        Replace an existing ``articles.parquet`` (or ``articles/``).
    partition_by : {None, "year", "month"}
        Write a partitioned corpus (``articles/year=2019/...``); the corpus hash and
        what every reader returns are the same as for one file.

    Returns
    -------
    Path
        The folder.

    Examples
    --------
    >>> from framing.corpus import load_corpus, validate
    >>> import tempfile
    >>> raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."]})
    >>> out = save_corpus(validate(raw).articles, Path(tempfile.mkdtemp()) / "c", name="c")
    >>> sorted(p.name for p in out.iterdir())
    ['articles.parquet', 'corpus.yaml']
    >>> load_corpus(out).attrs["name"]
    'c'
    """
    require_columns(df, COLUMNS, where="save_corpus", hint="Load the table with load_corpus().")
    partition_by = check_partition_by(partition_by)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _io.check_target(folder, df.attrs.get("source"), overwrite)
    check_layout_target(folder, overwrite)
    n_rej = 0 if rejected is None else len(rejected)
    counts = {"read": len(df) + n_rej, "kept": len(df), "rejected": n_rej}
    plain = df.copy()
    plain.attrs = {}
    if partition_by:
        import pyarrow as pa

        table = pa.Table.from_pandas(plain, preserve_index=False)
        write_dataset([table], folder, partition_by, table.schema)
    else:
        plain.to_parquet(folder / "articles.parquet", index=False)
    extra = []
    if n_rej:
        _io.write_jsonl(folder / "rejected.jsonl", rejected)
        extra.append("rejected")
    _io.write_meta(
        folder,
        name=name,
        description=description,
        provenance=provenance,
        counts=counts,
        digest=corpus_hash(df),
        extra=extra,
    )
    finish_layout(folder, partition_by)
    return folder


def import_corpus(
    src,
    out,
    *,
    name: str | None = None,
    description: str = "",
    provenance: dict | None = None,
    overwrite: bool = False,
    partition_by: str | None = None,
    **options,
) -> ValidationResult:
    """Read, validate and normalise a source file into a new corpus folder, chunk by chunk.

    Memory stays bounded: chunks go to temporary Parquet parts that are merged into
    ``articles.parquet`` (a column whose type differs between chunks is stored as
    text). Writes ``corpus.yaml`` (counts, corpus_hash, the mapping used),
    ``rejected.jsonl`` and ``warnings.jsonl`` when not empty, and copies the source
    folder's ``outlets.yaml``.

    Parameters
    ----------
    src : str or Path
        Corpus folder or file (see :func:`load_corpus`).
    out : str or Path
        New corpus folder.
    name : str, optional
        Corpus name (default: the folder name of ``out``).
    description : str
        Recorded in corpus.yaml.
    provenance : dict, optional
        Extra provenance (licence, URL); the source path and mapping are added.
    overwrite : bool
        Replace an existing ``articles.parquet`` (or ``articles/``) in ``out``.
    partition_by : {None, "year", "month"}
        Write the articles as a folder of Parquet parts by year or month of ``date``
        (see :func:`save_corpus`); counts, rejected records and hash are unchanged.
    **options
        Passed to :func:`iter_corpus` (``mapping``, ``mode``, ``outlets``,
        ``encoding``, ``make_ids``, ``fix_mojibake``, ``chunksize``).

    Returns
    -------
    ValidationResult
        Counts for the whole import; ``articles`` is empty (the data is on disk),
        ``rejected`` and ``warnings`` are those written.

    Examples
    --------
    >>> from framing.corpus import load_corpus
    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "in.csv").write_text("id,src,body\\n1,X,One.\\n2,Y,\\n")
    >>> res = import_corpus(tmp / "in.csv", tmp / "out", mode="lenient",
    ...                     mapping={"doc_id": "id", "outlet": "src", "text": "body"})
    >>> res.counts()
    {'read': 2, 'kept': 1, 'rejected': 1, 'warnings': 0}
    >>> len(load_corpus(tmp / "out"))
    1
    """
    import tempfile

    partition_by = check_partition_by(partition_by)
    file, config, folder = _io.resolve(src)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _io.check_target(out, file, overwrite)
    check_layout_target(out, overwrite)
    digests, rejected, warnings, read = [], [], [], 0
    with tempfile.TemporaryDirectory(dir=out, prefix=".parts-") as tmp:
        parts = []
        for i, res in enumerate(iter_corpus(src, **options)):
            read += res.read
            rejected.append(res.rejected)
            warnings.append(res.warnings)
            if len(res.articles):
                digests.extend(row_digests(res.articles))
                part = Path(tmp) / f"{i:06d}.parquet"
                res.articles.to_parquet(part, index=False)
                parts.append(part)
            del res
        # a partitioned corpus is split from the merged file (its column types reconciled)
        merged = Path(tmp) / "articles.parquet" if partition_by else out / "articles.parquet"
        if parts:
            _io.merge_parts(parts, merged)
        else:  # every record was rejected: still leave a (valid, empty) table
            empty_result(file.name).articles.to_parquet(merged, index=False)
        if partition_by:
            import pyarrow.parquet as pq

            schema = pq.read_schema(merged)
            write_dataset(row_group_tables(merged), out, partition_by, schema)
    if folder is not None and (folder / "outlets.yaml").exists():
        shutil.copyfile(folder / "outlets.yaml", out / "outlets.yaml")
    total = concat_results([empty_result(file.name)], file.name)
    total.unit = "line" if source_format(file) == "jsonl" else "row"
    total.rejected = pd.concat(rejected, ignore_index=True) if rejected else total.rejected
    total.warnings = pd.concat(warnings, ignore_index=True) if warnings else total.warnings
    total.read = read
    extra = []
    for key, frame in (("rejected", total.rejected), ("warnings", total.warnings)):
        if len(frame):
            _io.write_jsonl(out / f"{key}.jsonl", frame)
            extra.append(key)
    kept = len(digests)
    prov = {"source": str(file), **(provenance or {})}
    upstream = {k: config[k] for k in ("name", "licence", "license", "provenance") if k in config}
    if upstream:  # keep what the source corpus says about itself (licence, generator)
        prov["source_corpus"] = upstream
    mapping = {**(config.get("mapping") or {}), **(options.get("mapping") or {})}
    for key in ("mode", "encoding", "make_ids", "fix_mojibake", "rename", "drop"):
        if options.get(key):
            prov[key] = options[key]
    encoding = options.get("encoding") or config.get("encoding") or "utf-8"
    used = None if file.is_dir() else _io.text_encoding(file, encoding)
    if used not in (None, "utf-8", prov.get("encoding")):
        prov["encoding_read"] = used  # e.g. utf-16-le, from a byte order mark
    if mapping:
        prov["mapping"] = dict(mapping)
    counts = {"read": read, "kept": kept, "rejected": len(total.rejected)}
    _io.write_meta(
        out,
        name=name or out.name,
        description=description,
        provenance=prov,
        counts=counts,
        digest=combine_digests(digests),
        extra=extra,
    )
    finish_layout(out, partition_by)
    total.on_disk = kept
    return total
