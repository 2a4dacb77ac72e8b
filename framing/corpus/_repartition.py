"""Converting a corpus between one ``articles.parquet`` and a partitioned folder:
:func:`repartition_corpus` (``framing corpus repartition``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from framing.corpus._dataset import check_partition_by, source_format
from framing.corpus._readers import resolve
from framing.corpus._stage import staged
from framing.corpus._write import check_target, import_into, kit_files, write_meta
from framing.errors import CorpusError

__all__ = ["repartition_corpus"]

_CARRIED = ("rejected", "warnings")  # the import's records of the source


def repartition_corpus(src, dst, *, partition_by: str | None, overwrite: bool = False) -> dict:
    """Write a corpus folder again as one file or partitioned by year or month.

    The articles are read, checked and written anew (in bounded memory); ``corpus.yaml``
    keeps the source's name, description, provenance and counts, and the source's
    ``rejected.jsonl``, ``warnings.jsonl`` and ``outlets.yaml`` are copied, so the new
    folder tells the same story of the import. The write is atomic, as an import's. The content hash is recomputed; it
    equals the source's (it does not depend on the partitioning) unless the source was
    normalised by an older version of the kit, which ``hash_unchanged`` says.

    Parameters
    ----------
    src : str or Path
        A corpus folder with Parquet articles (one file or partitioned).
    dst : str or Path
        The new corpus folder (never the source folder).
    partition_by : {None, "year", "month"}
        ``None`` writes one ``articles.parquet``.
    overwrite : bool
        Replace the articles of an existing ``dst``.

    Returns
    -------
    dict
        ``articles``, ``partitions`` (part files written), ``corpus_hash``,
        ``hash_unchanged`` (None when the source recorded no hash) and ``folder``.

    Raises
    ------
    CorpusError
        ``src`` is not a Parquet corpus folder, or a record fails its checks.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> from framing.corpus import save_corpus, validate, load_corpus
    >>> raw = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["1.", "2."],
    ...                     "date": ["2019-05-01", "2020-02-03"]})
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = save_corpus(validate(raw).articles, tmp / "one", name="news")
    >>> info = repartition_corpus(tmp / "one", tmp / "years", partition_by="year")
    >>> info["partitions"], info["hash_unchanged"]
    (2, True)
    >>> load_corpus(tmp / "years").attrs["name"]
    'news'
    """
    partition_by = check_partition_by(partition_by)
    file, config, folder = resolve(src)
    if folder is None or source_format(file) != "parquet":
        raise CorpusError(
            f"{src}: repartition takes a corpus folder whose articles are Parquet (written by "
            "`framing corpus import`); import a JSONL/CSV source with `framing corpus import "
            "SRC --out FOLDER --partition-by year` instead.",
            path=str(src),
            value=str(file),
        )
    dst = Path(dst)
    if dst.resolve() == folder.resolve():
        raise CorpusError(
            f"{dst}: the new folder must differ from the source folder (a corpus is never "
            "rewritten in place).",
            path=str(dst),
            value=str(dst),
        )

    def check(target):
        check_target(target, file, overwrite)

    with staged(dst, check) as stage:
        old = kit_files(dst)
        # outlet columns already in the source stay; its outlets.yaml is copied
        result, fresh = import_into(stage, src, file, folder, partition_by, {"outlets": False})
        extra = []
        for key in _CARRIED:  # the source import's records, not this re-read's (none)
            stage.path(f"{key}.jsonl").unlink(missing_ok=True)
            if (folder / f"{key}.jsonl").is_file():
                shutil.copyfile(folder / f"{key}.jsonl", stage.path(f"{key}.jsonl"))
                extra.append(key)
        write_meta(
            stage.path("corpus.yaml"),
            name=config.get("name") or folder.name,
            description=config.get("description") or "",
            provenance=config.get("provenance"),
            counts=config.get("counts") or fresh["counts"],
            digest=fresh["digest"],
            extra=extra,
            outlets=fresh["outlets"],
            partition_by=partition_by,
            notes=config,
        )
        stage.commit(old=old)
    old_hash = config.get("corpus_hash")
    if partition_by:
        parts = len(list((dst / "articles").rglob("*.parquet")))
    else:
        parts = 1
    return {
        "folder": str(dst),
        "articles": result.on_disk,
        "partitions": parts,
        "corpus_hash": fresh["digest"],
        "hash_unchanged": None if old_hash is None else old_hash == fresh["digest"],
    }
