"""The file-level tasks behind ``framing stories dedup`` and ``framing stories cluster``.

Both load a corpus, compute (through the kit's cache, keyed by the corpus content hash,
the parameters and a version number), and write Parquet tables beside the corpus: into
``<corpus folder>/stories/`` (or ``<file stem>.stories/`` beside a corpus file), each
with the parameters, the corpus hash and the kit version in its schema metadata under
the key ``framing.stories``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import canonical_json, jsonable
from framing.stories._clusters import CLUSTER_DEFAULTS, story_clusters
from framing.stories._dedup import DEDUP_DEFAULTS, find_duplicates, reprints_by_outlet

__all__ = ["dedup_file", "cluster_file", "stories_dir", "read_stories_table", "META_KEY"]

META_KEY = b"framing.stories"
DEDUP_VERSION = 1  # bump when find_duplicates' output changes for the same input
CLUSTER_VERSION = 1


def stories_dir(path, out_dir=None) -> Path:
    """Where the tables of a corpus go: ``out_dir``, else beside the corpus.

    Examples
    --------
    >>> stories_dir("corpora/demo").as_posix()
    'corpora/demo/stories'
    >>> stories_dir("data/articles.jsonl").as_posix()
    'data/articles.stories'
    """
    if out_dir is not None:
        return Path(out_dir)
    p = Path(path)
    return (
        p / "stories"
        if p.is_dir() or not p.suffix
        else p.with_name(p.name.split(".")[0] + ".stories")
    )


def write_parquet(df: pd.DataFrame, path: Path, meta: dict) -> Path:
    """Write ``df`` atomically as Parquet with ``meta`` (JSON) in the schema metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(df, preserve_index=False)
    schema_meta = dict(table.schema.metadata or {})
    schema_meta[META_KEY] = canonical_json(jsonable(meta)).encode("utf-8")
    table = table.replace_schema_metadata(schema_meta)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
    return path


def read_stories_table(path) -> tuple[pd.DataFrame, dict]:
    """Read a table written by these tasks and its ``framing.stories`` metadata.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_parquet(pd.DataFrame({"a": [1]}), pathlib.Path(tempfile.mkdtemp()) / "t.parquet",
    ...                   {"params": {"threshold": 0.5}})
    >>> read_stories_table(p)[1]["params"]
    {'threshold': 0.5}
    """
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    meta = json.loads((table.schema.metadata or {}).get(META_KEY, b"{}"))
    return table.to_pandas(), meta


def _load(path):
    from framing.corpus import corpus_hash, load_corpus

    corpus = load_corpus(path)
    return corpus, corpus.attrs.get("corpus_hash") or corpus_hash(corpus)


def _meta(kind, corpus_hash, params, attrs) -> dict:
    from framing import __version__

    info = {k: v for k, v in attrs.items() if k != "params"}
    return {"kind": kind, "params": params, "corpus_hash": corpus_hash,
            "framing_version": __version__, **info}  # fmt: skip


def dedup_file(
    path,
    *,
    out_dir=None,
    wires=None,
    cache: bool = True,
    n_jobs: int = 1,
    signed=None,
    **params,
) -> dict:
    """Near-duplicate clusters of a corpus, and reprints per outlet, written beside it.

    The command ``framing stories dedup`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).
    out_dir : str or pathlib.Path, optional
        Folder of the tables; default :func:`stories_dir`.
    wires : list of str, optional
        Outlets to treat as wires besides those typed ``wire`` in ``outlets.yaml``.
    cache : bool, default True
        Reuse a cached result for the same corpus content and parameters.
    n_jobs : int, default 1
        Processes that sign the texts (does not change the result).
    signed : (list of SignedArticles, str), optional
        The corpus signed elsewhere, in order, and its corpus hash
        (:func:`framing.distributed.sign_partitions`, behind ``framing stories dedup
        --scheduler``): the corpus is then not loaded here, only the signatures are
        banded and clustered (memory: ids, outlets, dates and ``num_perm`` x 4 bytes
        per article, no texts). The tables, and the cache entry, are those of the
        in-process run.
    **params
        ``threshold``, ``shingle``, ``num_perm``, ``seed`` of :func:`find_duplicates`.

    Returns
    -------
    dict
        ``duplicates`` and ``reprints`` (the tables), ``paths`` (written files) and the
        counts ``n_articles``, ``n_clusters``, ``n_in_clusters``, ``n_reprints``.

    Raises
    ------
    CorpusError, StoriesError
        Unreadable corpus; bad parameters.
    """
    from framing.cache import cached

    params = {**DEDUP_DEFAULTS, **params}
    if signed is None:
        corpus, chash = _load(path)
        chunks = corpus
    else:
        chunks, chash = signed
        corpus = pd.concat([c.meta[["outlet"]] for c in chunks], ignore_index=True)
    key = {
        "corpus": chash,
        "params": params,
        "wires": sorted(wires or []),
        "version": DEDUP_VERSION,
    }
    dups = cached(
        "stories_dedup",
        key,
        lambda: find_duplicates(chunks, wires=wires, n_jobs=n_jobs, **params),
        cache=cache,
    )
    reprints = reprints_by_outlet(dups, corpus)
    folder = stories_dir(path, out_dir)
    meta = _meta("duplicates", chash, params, dups.attrs)
    paths = [write_parquet(dups, folder / "duplicates.parquet", meta),
             write_parquet(reprints, folder / "reprints.parquet", {**meta, "kind": "reprints"})]  # fmt: skip
    return {"duplicates": dups, "reprints": reprints, "paths": paths, "n_articles": len(corpus),
            "n_clusters": int(dups["dup_id"].nunique()), "n_in_clusters": len(dups),
            "n_reprints": int((dups["role"] == "reprint").sum())}  # fmt: skip


def cluster_file(path, *, out_dir=None, cache: bool = True, **params) -> dict:
    """Story clusters of a corpus, written beside it.

    The command ``framing stories cluster`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file.
    out_dir : str or pathlib.Path, optional
        Folder of the tables; default :func:`stories_dir`.
    cache : bool, default True
        Reuse a cached result for the same corpus content and parameters.
    **params
        ``threshold``, ``window_days``, ``k``, ``lead_words`` of :func:`story_clusters`.

    Returns
    -------
    dict
        ``stories`` and ``assignments`` (the tables), ``paths`` and the counts
        ``n_articles``, ``n_stories``, ``n_in_stories``, ``n_multi_outlet``,
        ``n_undated``.

    Raises
    ------
    CorpusError, StoriesError
        Unreadable corpus; bad parameters.
    """
    from framing.cache import cached

    params = {**CLUSTER_DEFAULTS, **params}
    corpus, chash = _load(path)
    key = {"corpus": chash, "params": params, "version": CLUSTER_VERSION}
    memo = {}

    def compute(which):
        if not memo:
            memo["stories"], memo["assignments"] = story_clusters(corpus, **params)
        return memo[which]

    stories = cached("story_table", key, lambda: compute("stories"), cache=cache)
    assigned = cached("story_assignments", key, lambda: compute("assignments"), cache=cache)
    folder = stories_dir(path, out_dir)
    meta = _meta("stories", chash, params, assigned.attrs)
    paths = [write_parquet(stories, folder / "stories.parquet", meta),
             write_parquet(assigned, folder / "story_articles.parquet", {**meta, "kind": "story_articles"})]  # fmt: skip
    return {"stories": stories, "assignments": assigned, "paths": paths,
            "n_articles": len(corpus), "n_stories": len(stories),
            "n_in_stories": int(assigned["story_id"].notna().sum()),
            "n_multi_outlet": int((stories["n_outlets"] >= 2).sum()),
            "n_undated": int(assigned.attrs.get("n_undated", 0))}  # fmt: skip
