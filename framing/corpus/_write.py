"""Writing corpus folders: :func:`save_corpus` (a table) and :func:`import_corpus` (a file).

A corpus folder holds ``articles.parquet`` (or, partitioned, a folder ``articles/`` of
Parquet parts by year or month: :mod:`framing.corpus._dataset`), ``corpus.yaml`` (name, description,
provenance, counts, content hash, the files the kit wrote) and, when there were any,
``rejected.jsonl`` and ``warnings.jsonl``; see :mod:`framing.corpus._readers` for the
file formats. Every write goes through :func:`framing.corpus._stage.staged`: the new
files are written beside the old corpus and put in place in one commit, so a run that
fails or is killed leaves the previous corpus whole, and the files of an old corpus
that the new one does not have (a stale ``rejected.jsonl``, a copied ``outlets.yaml``)
are removed rather than mixed with it.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.jsonable import to_json
from framing._shared.yaml_lines import load_yaml
from framing.corpus import _readers as _io
from framing.corpus._dataset import (
    check_partition_by,
    row_group_tables,
    source_format,
    write_dataset,
)
from framing.corpus._hash import combine_digests, corpus_hash, row_digests
from framing.corpus._load import iter_corpus
from framing.corpus._readers import ARTICLE_FILES
from framing.corpus._stage import staged
from framing.corpus._validate import (
    COLUMNS,
    WARNING_COLUMNS,
    ValidationResult,
    concat_results,
    empty_result,
)
from framing.errors import CorpusError

__all__ = [
    "save_corpus",
    "import_corpus",
    "import_into",
    "kit_files",
    "write_meta",
    "check_target",
    "write_jsonl",
    "merge_parts",
]

_log = logging.getLogger("framing.corpus")
_DATASET = "a partitioned corpus (articles/)"


def save_corpus(
    df: pd.DataFrame,
    folder,
    *,
    name: str,
    description: str = "",
    provenance: dict | None = None,
    rejected: pd.DataFrame | None = None,
    overwrite: bool = False,
    outlets=None,
    partition_by: str | None = None,
) -> Path:
    """Write an article table as a corpus folder.

    Writes ``articles.parquet`` (or, with ``partition_by``, a folder ``articles/`` of
    Parquet parts by year or month: see :func:`corpus_partitions`), ``corpus.yaml`` (name, description, provenance,
    counts read/kept/rejected, corpus_hash, kit_version, the files written) and, when
    ``rejected`` has rows, ``rejected.jsonl``. Raw inputs are never overwritten: writing
    into the folder the table was read from, or into a folder holding raw
    ``articles.jsonl``/``.csv``, is refused. The write is atomic: until the new corpus
    is complete, the folder holds the old one.

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
        Replace an existing corpus; its files that the new one does not have go.
    outlets : str or Path, optional
        An ``outlets.yaml`` to copy into the folder (so loading joins its metadata).
    partition_by : {None, "year", "month"}
        Write a partitioned corpus (``articles/year=2019/...``); the corpus hash and
        what every reader returns are the same as for one file.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    CorpusError
        The folder holds raw data or a corpus (without ``overwrite``).
    OutputError
        The folder cannot be created or written.

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
    n_rej = 0 if rejected is None else len(rejected)
    counts = {"read": len(df) + n_rej, "kept": len(df), "rejected": n_rej}

    def check(out):
        check_target(out, df.attrs.get("source"), overwrite)

    with staged(folder, check) as stage:
        old = kit_files(folder)
        plain = df.copy()
        plain.attrs = {}
        if partition_by:
            import pyarrow as pa

            table = pa.Table.from_pandas(plain, preserve_index=False)
            write_dataset([table], stage.path("articles"), partition_by, table.schema)
        else:
            plain.to_parquet(stage.path("articles.parquet"), index=False)
        extra = []
        if n_rej:
            write_jsonl(stage.path("rejected.jsonl"), rejected)
            extra.append("rejected")
        if outlets is not None:
            shutil.copyfile(outlets, stage.path("outlets.yaml"))
        write_meta(
            stage.path("corpus.yaml"),
            name=name,
            description=description,
            provenance=provenance,
            counts=counts,
            digest=corpus_hash(df),
            extra=extra,
            outlets=outlets is not None,
            partition_by=partition_by,
        )
        stage.commit(old=old)
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
    ``articles.parquet`` or, with ``partition_by``, split into ``articles/`` (a column whose type differs between chunks is stored as
    text, with a warning). Writes ``corpus.yaml`` (counts, corpus_hash, the mapping
    and date options used), ``rejected.jsonl`` and ``warnings.jsonl`` when not empty,
    and copies the source folder's ``outlets.yaml``. The write is atomic: a failed or
    killed import leaves the folder as it was (see :mod:`framing.corpus._stage`).

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
        Replace an existing corpus in ``out``; its files that the new one does not
        have (``rejected.jsonl``, ``warnings.jsonl``, a copied ``outlets.yaml``) go.
    partition_by : {None, "year", "month"}
        Write the articles as a folder of Parquet parts by year or month of ``date``
        (see :func:`save_corpus`); counts, rejected records and hash are unchanged.
    **options
        Passed to :func:`iter_corpus` (``mapping``, ``mode``, ``outlets``,
        ``encoding``, ``make_ids``, ``fix_mojibake``, ``date_format``, ``dayfirst``,
        ``require_date``, ``chunksize``).

    Returns
    -------
    ValidationResult
        Counts for the whole import; ``articles`` is empty (the data is on disk),
        ``rejected`` and ``warnings`` are those written.

    Raises
    ------
    CorpusError
        As :func:`iter_corpus`; or ``out`` holds raw data, or a corpus (without
        ``overwrite``), or another import is writing into it.
    OutputError
        ``out`` cannot be created or written.

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
    partition_by = check_partition_by(partition_by)
    file, config, folder = _io.resolve(src)
    out = Path(out)

    def check(target):
        check_target(target, file, overwrite)

    with staged(out, check) as stage:
        old = kit_files(out)
        total, meta = import_into(stage, src, file, folder, partition_by, options)
        meta["name"] = name or out.name
        meta["description"] = description
        meta["provenance"] = _import_provenance(file, config, provenance, options)
        write_meta(stage.path("corpus.yaml"), **meta)
        stage.commit(old=old)
    return total


def import_into(stage, src, file: Path, folder, partition_by, options: dict):
    """Read ``src`` chunk by chunk into ``stage``: the articles (one file or
    partitioned), ``rejected.jsonl``, ``warnings.jsonl`` and the source's
    ``outlets.yaml``. Returns the import's result and the ``corpus.yaml`` fields
    known so far (counts, hash, files)."""
    digests, rejected, warnings, read, parts = [], [], [], 0, []
    for i, res in enumerate(iter_corpus(src, **options)):
        read += res.read
        rejected.append(res.rejected)
        warnings.append(res.warnings)
        if len(res.articles):
            digests.extend(row_digests(res.articles))
            part = stage.parts / f"{i:06d}.parquet"
            res.articles.to_parquet(part, index=False)
            parts.append(part)
        del res
    # a partitioned corpus is split from the merged file (its column types reconciled)
    merged = stage.parts / "merged.parquet" if partition_by else stage.path("articles.parquet")
    if parts:
        cast = merge_parts(parts, merged)
        warnings.append(_cast_warnings(cast))
    else:  # every record was rejected: still leave a (valid, empty) table
        empty_result(file.name).articles.to_parquet(merged, index=False)
    if partition_by:
        import pyarrow.parquet as pq

        schema = pq.read_schema(merged)
        write_dataset(row_group_tables(merged), stage.path("articles"), partition_by, schema)
    copy_outlets = folder is not None and (folder / "outlets.yaml").exists()
    if copy_outlets:
        shutil.copyfile(folder / "outlets.yaml", stage.path("outlets.yaml"))
    total = concat_results([empty_result(file.name)], file.name)
    total.unit = "line" if source_format(file) == "jsonl" else "row"
    total.rejected = pd.concat(rejected, ignore_index=True) if rejected else total.rejected
    frames = [w for w in warnings if len(w)]
    if frames:
        total.warnings = pd.concat(frames, ignore_index=True)
    total.read = read
    extra = []
    for key, frame in (("rejected", total.rejected), ("warnings", total.warnings)):
        if len(frame):
            write_jsonl(stage.path(f"{key}.jsonl"), frame)
            extra.append(key)
    total.on_disk = len(digests)
    counts = {"read": read, "kept": len(digests), "rejected": len(total.rejected)}
    meta = {
        "counts": counts,
        "digest": combine_digests(digests),
        "extra": extra,
        "outlets": copy_outlets,
        "partition_by": partition_by,
    }
    return total, meta


def _import_provenance(file: Path, config: dict, provenance, options: dict) -> dict:
    prov = {"source": str(file), **(provenance or {})}
    upstream = {k: config[k] for k in ("name", "licence", "license", "provenance") if k in config}
    if upstream:  # keep what the source corpus says about itself (licence, generator)
        prov["source_corpus"] = upstream
    mapping = {**(config.get("mapping") or {}), **(options.get("mapping") or {})}
    for key in ("mode", "encoding", "make_ids", "fix_mojibake", "rename", "drop", "dayfirst",
                "require_date"):  # fmt: skip
        if options.get(key):
            prov[key] = options[key]
    if options.get("date_format"):
        fmt = options["date_format"]
        prov["date_format"] = [fmt] if isinstance(fmt, str) else list(fmt)
    encoding = options.get("encoding") or config.get("encoding") or "utf-8"
    used = None if file.is_dir() else _io.text_encoding(file, encoding)
    if used not in (None, "utf-8", prov.get("encoding")):
        prov["encoding_read"] = used  # e.g. utf-16-le, from a byte order mark
    if mapping:
        prov["mapping"] = dict(mapping)
    return prov


def kit_files(folder: Path) -> set[str]:
    """The files the kit wrote into an existing corpus folder (``files:`` of its
    ``corpus.yaml``; empty for a corpus written before the kit recorded them)."""
    cfg = folder / "corpus.yaml"
    if not cfg.is_file():
        return set()
    try:
        meta = load_yaml(cfg, error=CorpusError, empty={})
    except CorpusError:
        return set()
    files = meta.get("files") if isinstance(meta, dict) else None
    if isinstance(files, list):
        return {str(f) for f in files}
    if (folder / "outlets.yaml").exists():
        _log.warning(
            "%s: kept outlets.yaml (the corpus.yaml of the corpus being replaced does not "
            "say whether the kit copied it there); its aliases apply to the new articles. "
            "Delete it if it belonged to the old import.",
            folder,
        )
    return set()


def check_target(folder: Path, source, overwrite: bool) -> None:
    """Refuse to write a corpus where raw data lies, or over a corpus without
    ``overwrite``."""
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
    for name, what in (("articles.parquet", "articles.parquet"), ("articles", _DATASET)):
        if (folder / name).exists() and not overwrite:
            raise CorpusError(
                f"{folder}: {what} exists; pass overwrite=True (--overwrite) to replace it, "
                "or choose a new folder.",
                path=str(folder),
                value=name,
            )


def write_jsonl(path: Path, frame: pd.DataFrame) -> None:
    """Write rejected or warning rows as JSON lines (``record`` as the JSON it was)."""
    with open(path, "w", encoding="utf-8") as fh:
        for rec in frame.to_dict(orient="records"):
            if isinstance(rec.get("record"), str):
                try:
                    rec["record"] = json.loads(rec["record"])
                except (json.JSONDecodeError, RecursionError):
                    pass  # a line that was not JSON stays as its raw text
            fh.write(to_json(rec) + "\n")


def write_meta(
    path: Path,
    *,
    name,
    description,
    provenance,
    counts,
    digest,
    extra=(),
    outlets=False,
    partition_by=None,
    notes=None,
) -> None:
    """Write ``corpus.yaml`` at ``path``: the fields the kit records, then ``notes``
    (free-form keys of a source ``corpus.yaml``) that it does not write itself."""
    import yaml

    from framing import __version__

    meta = {
        "name": name,
        "description": description,
        "provenance": dict(provenance or {}),
        "articles": "articles" if partition_by else "articles.parquet",
        **({"partitioning": partition_by} if partition_by else {}),
        "counts": {k: int(v) for k, v in counts.items()},
        "corpus_hash": digest,
        "kit_version": __version__,
    }
    for key in extra:
        meta[key] = f"{key}.jsonl"
    files = [meta["articles"], *(f"{k}.jsonl" for k in extra), "corpus.yaml"]
    meta["files"] = files + (["outlets.yaml"] if outlets else [])
    kit = {"partitioning", "files", "rejected", "warnings"}  # what this write decides
    meta.update({k: v for k, v in (notes or {}).items() if k not in meta and k not in kit})
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def merge_parts(parts: list[Path], target: Path) -> dict[str, str]:
    """Merge Parquet parts into one file, reconciling column types across parts.

    A column whose types cannot be reconciled (numbers in one part, text in another;
    lists and scalars) is stored as text: strings as they are, anything else as JSON.
    Returns ``{column: description of the types}`` for those columns.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if len(parts) == 1:  # nothing to reconcile: keep the part as it is
        shutil.move(parts[0], target)
        return {}
    schemas = [pq.read_schema(p) for p in parts]
    names = list(dict.fromkeys(n for s in schemas for n in s.names))
    fields, cast = [], {}
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
            cast[n] = " and ".join(sorted({str(t.type) for t in types}))
    schema = pa.schema(fields, metadata=schemas[0].metadata)
    with pq.ParquetWriter(target, schema) as writer:
        for p in parts:
            table = pq.read_table(p)
            cols = []
            for f in schema:
                if f.name not in table.column_names:
                    cols.append(pa.nulls(len(table), f.type))
                    continue
                try:
                    cols.append(table[f.name].cast(f.type))
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
                    values = table[f.name].to_pylist()
                    text = [v if v is None or isinstance(v, str) else to_json(v) for v in values]
                    cols.append(pa.array(text, type=pa.string()))
            writer.write_table(pa.Table.from_arrays(cols, schema=schema))
    return cast


def _cast_warnings(cast: dict[str, str]) -> pd.DataFrame:
    rows = [
        (
            1,
            None,
            column,
            f"metadata field {column!r} holds {types} in different chunks; all its values "
            "are kept as text",
            types,
        )
        for column, types in cast.items()
    ]
    return pd.DataFrame(rows, columns=WARNING_COLUMNS).astype({"line": "int64"})
