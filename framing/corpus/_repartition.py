"""Converting a corpus between one ``articles.parquet`` and a partitioned folder:
:func:`repartition_corpus` (``framing corpus repartition``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from framing.corpus._dataset import check_partition_by, finish_layout, source_format
from framing.corpus._readers import resolve
from framing.corpus._write import import_corpus
from framing.errors import CorpusError

__all__ = ["repartition_corpus"]

_CARRIED = ("rejected.jsonl", "warnings.jsonl")  # the import's records of the source


def repartition_corpus(src, dst, *, partition_by: str | None, overwrite: bool = False) -> dict:
    """Write a corpus folder again as one file or partitioned by year or month.

    The articles are read, checked and written anew (in bounded memory); ``corpus.yaml``
    keeps the source's name, description, provenance and counts, and the source's
    ``rejected.jsonl``, ``warnings.jsonl`` and ``outlets.yaml`` are copied, so the new
    folder tells the same story of the import. The content hash is recomputed; it
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
    import yaml

    from framing._shared.atomic import write_text

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
    result = import_corpus(
        src,
        dst,
        name=config.get("name") or folder.name,
        partition_by=partition_by,
        overwrite=overwrite,
        outlets=False,  # outlet columns already in the source stay; outlets.yaml is copied
    )
    fresh = yaml.safe_load((dst / "corpus.yaml").read_text(encoding="utf-8"))
    meta = {k: v for k, v in config.items() if k != "partitioning"}
    meta["articles"] = "articles.parquet"
    old_hash = config.get("corpus_hash")
    meta["corpus_hash"] = fresh["corpus_hash"]
    meta["kit_version"] = fresh["kit_version"]
    meta.setdefault("counts", fresh["counts"])
    for name in _CARRIED:
        (dst / name).unlink(missing_ok=True)
        if (folder / name).is_file():
            shutil.copyfile(folder / name, dst / name)
    write_text(dst / "corpus.yaml", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
    finish_layout(dst, partition_by)
    parts = list((dst / "articles").rglob("*.parquet")) if partition_by else [1]
    return {
        "folder": str(dst),
        "articles": result.kept,
        "partitions": len(parts),
        "corpus_hash": fresh["corpus_hash"],
        "hash_unchanged": None if old_hash is None else old_hash == fresh["corpus_hash"],
    }
