"""Near-duplicate texts and wire copies: MinHash + LSH over word shingles, then the source.

Two articles are near-duplicates when the estimated Jaccard similarity of their sets of
word 5-shingles (Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences*, 21-29) reaches ``threshold``. Candidates come
from LSH banding of 128-permutation MinHash signatures (:mod:`framing.stories._minhash`),
so the work grows about linearly with the corpus; every candidate pair is then checked on
its signatures, and clusters are the connected components of the pairs that pass.

In each cluster the **source** is the earliest member from a wire service (an outlet whose
``outlet_type`` is ``wire`` in ``outlets.yaml``, or one named in ``wires=``), else the
earliest member (ties: ``doc_id``; undated members come last). Each member's overlap with
the source is estimated from the Jaccard estimate ``J`` and the exact shingle counts:
``|M & S| = J / (1 + J) * (|M| + |S|)``, which gives the share of the member's text found
in the source (``shared_with_source``; below 1 when paragraphs were added) and the share
of the source kept in the member (``source_kept``; below 1 when it was trimmed).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from framing._shared.checks import require_columns
from framing._shared.resample import wilson_bounds
from framing.errors import StoriesError
from framing.stories._minhash import candidate_pairs, estimated_jaccard, lsh_params, sign_texts

__all__ = [
    "DEDUP_DEFAULTS",
    "DEDUP_COLUMNS",
    "SignedArticles",
    "sign_articles",
    "find_duplicates",
    "reprints_by_outlet",
    "wire_outlets",
]

_META = ["doc_id", "outlet", "date", "outlet_type"]  # what is kept of each article
DEDUP_DEFAULTS = {"threshold": 0.4, "shingle": 5, "num_perm": 128, "seed": 1}
DEDUP_COLUMNS = [
    "doc_id", "dup_id", "n_members", "outlet", "date", "role", "source_doc_id",
    "source_outlet", "jaccard", "shared_with_source", "source_kept", "n_shingles",
]  # fmt: skip


def check_unit(value, name: str, where: str) -> float:
    if not isinstance(value, int | float) or not 0 < float(value) <= 1:
        raise StoriesError(
            f"{where}: {name}={value!r} is not a number in (0, 1]; e.g. {name}=0.5.",
            field=name,
            value=value,
        )
    return float(value)


def wire_outlets(articles: pd.DataFrame, wires=None) -> set[str]:
    """Outlets treated as wire services: ``outlet_type == "wire"`` plus ``wires``.

    Examples
    --------
    >>> a = pd.DataFrame({"outlet": ["W", "X"], "outlet_type": ["wire", "private"]})
    >>> sorted(wire_outlets(a, wires=["AP"]))
    ['AP', 'W']
    """
    out = set(wires or [])
    if "outlet_type" in articles.columns:
        out |= set(articles.loc[articles["outlet_type"].eq("wire"), "outlet"].astype(str))
    return out


class SignedArticles(NamedTuple):
    """What :func:`find_duplicates` keeps of a chunk of articles: ``meta`` (``doc_id``,
    ``outlet`` and, when present, ``date`` and ``outlet_type``), the MinHash
    ``signatures`` (articles x ``num_perm``, uint32), ``n_shingles`` per article and
    ``params`` (``shingle``, ``num_perm``, ``seed``) they were made with."""

    meta: pd.DataFrame
    signatures: np.ndarray
    n_shingles: np.ndarray
    params: tuple


def sign_articles(
    articles: pd.DataFrame,
    *,
    shingle: int = DEDUP_DEFAULTS["shingle"],
    num_perm: int = DEDUP_DEFAULTS["num_perm"],
    seed: int = DEDUP_DEFAULTS["seed"],
) -> SignedArticles:
    """Shingle and sign a chunk of articles: the expensive half of :func:`find_duplicates`.

    Chunks signed anywhere (e.g. the partitions of a corpus on Dask workers,
    :func:`framing.distributed.sign_partitions`) are given to :func:`find_duplicates`
    in corpus order, which then only bands and clusters; the result is the one it
    gives on the texts.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``doc_id``, ``outlet``, ``text`` (``date``, ``outlet_type`` kept when present).
    shingle, num_perm, seed
        As in :func:`find_duplicates`.

    Returns
    -------
    SignedArticles

    Raises
    ------
    ColumnsError
        A needed column is missing.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["x"], "outlet": ["P"], "text": ["one two three four five six"]})
    >>> s = sign_articles(a)
    >>> s.signatures.shape, s.n_shingles.tolist(), s.params
    ((1, 128), [2], (5, 128, 1))
    """
    meta = _meta_of(articles, "sign_articles")
    sig, sizes = sign_texts(articles["text"].tolist(), shingle, num_perm, seed)
    return SignedArticles(meta, sig, sizes, (shingle, num_perm, seed))


def _meta_of(chunk: pd.DataFrame, where: str) -> pd.DataFrame:
    require_columns(chunk, ["doc_id", "outlet", "text"], where=where,
                    hint="Load the corpus with framing.corpus.load_corpus().")  # fmt: skip
    return chunk[[c for c in _META if c in chunk.columns]].reset_index(drop=True)


def find_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = DEDUP_DEFAULTS["threshold"],
    shingle: int = DEDUP_DEFAULTS["shingle"],
    num_perm: int = DEDUP_DEFAULTS["num_perm"],
    seed: int = DEDUP_DEFAULTS["seed"],
    wires=None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Clusters of near-identical texts, with the likely source and what each copy shares.

    Parameters
    ----------
    articles : pandas.DataFrame or iterable of DataFrames
        One row per article: ``doc_id``, ``outlet``, ``text``; ``date`` and
        ``outlet_type`` are used when present (as :func:`framing.corpus.load_corpus`
        gives them). An iterable of such tables (e.g. the ``.articles`` of
        :func:`framing.corpus.iter_corpus` chunks) is read chunk by chunk: only the
        signatures (``num_perm`` x 4 bytes per article) and the ids are kept, so a
        corpus larger than memory can be deduplicated. Chunks may also be
        :class:`SignedArticles` (signed elsewhere by :func:`sign_articles` with the
        same ``shingle``, ``num_perm`` and ``seed``).
    threshold : float, default 0.4
        Estimated Jaccard similarity of the 5-shingle sets from which two texts are
        near-duplicates. Chosen on the labelled AllSides reprint set (bench/RESULTS.md):
        precision 1.000 and recall 0.998 at 0.4; 0.5 misses copies trimmed to about
        half (recall 0.943), 0.3 starts to pair texts that only share stock sentences.
        Candidates come from LSH bands tuned by datasketch for it.
    shingle : int, default 5
        Words per shingle.
    num_perm : int, default 128
        MinHash permutations (the Jaccard estimate has a standard error of about
        ``sqrt(J (1 - J) / num_perm)``, 0.043 at J = 0.4).
    seed : int, default 1
        Seed of the permutations (datasketch's ``MinHash(seed=...)``).
    wires : list of str, optional
        Outlets to treat as wire services besides those typed ``wire``.
    n_jobs : int, default 1
        Processes that shingle and sign the texts (-1: one per CPU). The result does not
        depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per article that has at least one near-duplicate (singletons are left
        out): ``doc_id``, ``dup_id`` (``"dup-000001"``, ..., numbered by the source's
        date), ``n_members``, ``outlet``, ``date``, ``role`` (``"source"``;
        ``"reprint"`` for a copy in another outlet; ``"copy"`` for a copy in the
        source's own outlet), ``source_doc_id``, ``source_outlet``, ``jaccard``
        (estimated, with the source; 1 for the source), ``shared_with_source``,
        ``source_kept``, ``n_shingles``. Sorted by ``dup_id``, source first, then date.
        ``attrs`` hold the parameters (``params``), ``n_articles``, ``n_candidates``
        (LSH candidate pairs), ``n_pairs`` (pairs that passed) and ``bands``/``rows``.

    Raises
    ------
    ColumnsError
        A needed column is missing.
    StoriesError
        A parameter is out of range or ``doc_id`` is not unique.

    Examples
    --------
    >>> body = "the ministers met in the capital on monday to discuss the new trade rules " * 3
    >>> a = pd.DataFrame({"doc_id": ["w1", "p1", "p2"], "outlet": ["Wire", "Paper", "Paper"],
    ...     "outlet_type": ["wire", "private", "private"],
    ...     "date": pd.to_datetime(["2025-07-01 08:00", "2025-07-01 12:00", "2025-07-02 09:00"], utc=True),
    ...     "text": [body, body + " Staff report.", "a different story about the weather today"]})
    >>> d = find_duplicates(a)
    >>> d[["doc_id", "dup_id", "role", "source_doc_id"]].values.tolist()
    [['w1', 'dup-000001', 'source', 'w1'], ['p1', 'dup-000001', 'reprint', 'w1']]
    """
    where = "find_duplicates"
    threshold = check_unit(threshold, "threshold", where)
    for name, value in (("shingle", shingle), ("num_perm", num_perm)):
        if not isinstance(value, int) or value < 1:
            raise StoriesError(f"{where}: {name}={value!r} must be a positive integer.",
                               field=name, value=value)  # fmt: skip
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise StoriesError(f"{where}: n_jobs={n_jobs!r} must be a positive integer or -1 (all CPUs).",
                           field="n_jobs", value=n_jobs)  # fmt: skip
    params = {"threshold": threshold, "shingle": shingle, "num_perm": num_perm, "seed": seed}
    if isinstance(articles, pd.DataFrame):
        step = max(len(articles), 1) if n_jobs == 1 else _PIECE
        chunks = (articles.iloc[i : i + step] for i in range(0, max(len(articles), 1), step))
    else:
        chunks = articles
    metas, sigs, sizes = [], [], []
    for meta, sig, size in _signed(chunks, (shingle, num_perm, seed), n_jobs, where):
        metas.append(meta)
        sigs.append(sig)
        sizes.append(size)
    if not metas:
        raise StoriesError(f"{where}: no chunk of articles was given; pass a table or chunks.",
                           field="articles", value=0)  # fmt: skip
    articles = pd.concat(metas, ignore_index=True) if len(metas) != 1 else metas[0]
    sig = np.concatenate(sigs) if len(sigs) != 1 else sigs[0]
    n_sh = np.concatenate(sizes) if len(sizes) != 1 else sizes[0]
    del metas, sigs, sizes
    if articles["doc_id"].duplicated().any():
        dup = articles.loc[articles["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise StoriesError(f"{where}: doc_id {dup!r} occurs more than once; ids must be unique.",
                           field="doc_id", value=dup)  # fmt: skip
    bands, rows = lsh_params(threshold, num_perm)
    cand = candidate_pairs(sig, bands, rows)
    cand = cand[(n_sh[cand[:, 0]] > 0) & (n_sh[cand[:, 1]] > 0)] if len(cand) else cand
    jac = estimated_jaccard(sig, cand)
    pairs = cand[jac >= threshold]
    out = _members(articles, pairs, sig, n_sh, wire_outlets(articles, wires))
    out.attrs.update(params=params, n_articles=len(articles), n_candidates=int(len(cand)),
                     n_pairs=int(len(pairs)), bands=bands, rows=rows)  # fmt: skip
    return out


_PIECE = 5_000  # articles per task when a table is split across processes


def _signed(chunks, args, n_jobs, where):
    """(metadata, signatures, shingle counts) per chunk, in order; in worker processes
    when ``n_jobs != 1`` (at most two tasks per worker in flight, so memory is bounded)."""

    chunks = (_presigned(chunk, args, where) for chunk in chunks)
    if n_jobs == 1:
        for chunk in chunks:  # a chunk's texts are dropped once signed
            if isinstance(chunk, SignedArticles):
                yield chunk[:3]
            else:
                yield (_meta_of(chunk, where), *sign_texts(chunk["text"].tolist(), *args))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")  # fork is unsafe in threaded processes
    workers = n_jobs if n_jobs > 0 else (multiprocessing.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending = []
        for chunk in chunks:
            if isinstance(chunk, SignedArticles):
                pending.append((chunk.meta, _Ready(chunk[1:3])))
            else:
                pending.append(
                    (_meta_of(chunk, where), pool.submit(sign_texts, chunk["text"].tolist(), *args))
                )
            if len(pending) >= 2 * workers:
                meta, fut = pending.pop(0)
                yield (meta, *fut.result())
        for meta, fut in pending:
            yield (meta, *fut.result())


class _Ready:
    """A chunk signed already, in the queue of pending signatures."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _presigned(chunk, args, where):
    """A :class:`SignedArticles` chunk made with other parameters is an error."""
    if isinstance(chunk, SignedArticles) and tuple(chunk.params) != tuple(args):
        names = dict(zip(("shingle", "num_perm", "seed"), chunk.params, strict=True))
        raise StoriesError(
            f"{where}: a chunk was signed with {names}, not with shingle, num_perm, seed = "
            f"{tuple(args)}; sign every chunk with the parameters given here.",
            field="params",
            value=chunk.params,
        )
    return chunk


def _members(articles, pairs, sig, n_sh, wires) -> pd.DataFrame:
    n = len(articles)
    if len(pairs) == 0:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in DEDUP_COLUMNS})
    graph = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    sizes = np.bincount(comp)
    idx = np.flatnonzero(sizes[comp] > 1)
    dates = (
        pd.to_datetime(articles["date"], utc=True) if "date" in articles.columns
        else pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns, UTC]")
    )  # fmt: skip
    df = pd.DataFrame({
        "pos": idx, "comp": comp[idx], "doc_id": articles["doc_id"].to_numpy()[idx].astype(str),
        "outlet": articles["outlet"].to_numpy()[idx].astype(str),
        "date": dates.to_numpy()[idx],
    })  # fmt: skip
    df["date"] = pd.to_datetime(df["date"], utc=True)
    df["is_wire"] = df["outlet"].isin(wires)
    # source: earliest wire member, else earliest member; NaT last, then doc_id
    df = df.sort_values(["comp", "is_wire", "date", "doc_id"], ascending=[True, False, True, True],
                        na_position="last", kind="mergesort")  # fmt: skip
    first = df.groupby("comp", sort=False).head(1).set_index("comp")
    df["source_pos"] = df["comp"].map(first["pos"])
    df["source_doc_id"] = df["comp"].map(first["doc_id"])
    df["source_outlet"] = df["comp"].map(first["outlet"])
    df["source_date"] = df["comp"].map(first["date"])
    df["n_members"] = df["comp"].map(pd.Series(sizes))
    p = df[["pos", "source_pos"]].to_numpy()
    j = estimated_jaccard(sig, p)
    m, s = n_sh[p[:, 0]].astype(float), n_sh[p[:, 1]].astype(float)
    inter = j / (1 + j) * (m + s)
    df["jaccard"] = j
    df["shared_with_source"] = np.minimum(1.0, inter / np.maximum(m, 1))
    df["source_kept"] = np.minimum(1.0, inter / np.maximum(s, 1))
    df["n_shingles"] = n_sh[p[:, 0]]
    is_source = df["pos"].eq(df["source_pos"])
    df["role"] = np.where(is_source, "source",
                          np.where(df["outlet"].eq(df["source_outlet"]), "copy", "reprint"))  # fmt: skip
    order = df.drop_duplicates("comp").sort_values(["source_date", "source_doc_id"],
                                                   na_position="last", kind="mergesort")  # fmt: skip
    number = pd.Series(np.arange(1, len(order) + 1), index=order["comp"].to_numpy())
    df["dup_id"] = df["comp"].map(lambda c: f"dup-{number[c]:06d}")
    df["_src"] = ~is_source
    df = df.sort_values(["dup_id", "_src", "date", "doc_id"], na_position="last", kind="mergesort")
    return df[DEDUP_COLUMNS].reset_index(drop=True)


def _dtype(col):
    if col == "date":
        return "datetime64[ns, UTC]"
    if col in ("n_members", "n_shingles"):
        return "int64"
    if col in ("jaccard", "shared_with_source", "source_kept"):
        return "float64"
    return "object"


def reprints_by_outlet(
    duplicates: pd.DataFrame, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Wire copy per outlet: how many of its articles reprint another outlet, and whose.

    Parameters
    ----------
    duplicates : pandas.DataFrame
        :func:`find_duplicates` output.
    articles : pandas.DataFrame, optional
        The articles (``outlet``), to give each outlet's total and reprint share.

    Returns
    -------
    pandas.DataFrame
        ``outlet``, ``n_articles`` (with ``articles``), ``n_reprints`` (its articles that
        copy another outlet's source), ``share_reprints`` with its Wilson 95% interval
        ``ci_low``, ``ci_high`` (with ``articles``), ``n_copies`` (copies of its own
        articles), ``n_reprinted`` (its sources run by other outlets), ``top_source``
        (the outlet it reprints most). Sorted by ``n_reprints`` descending, then outlet.

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["W", "P", "Q"], "role": ["source", "reprint", "reprint"],
    ...     "source_outlet": ["W", "W", "W"], "dup_id": ["d1", "d1", "d1"]})
    >>> reprints_by_outlet(d)[["outlet", "n_reprints", "n_reprinted"]].values.tolist()
    [['P', 1, 0], ['Q', 1, 0], ['W', 0, 1]]
    """
    where = "reprints_by_outlet"
    require_columns(duplicates, ["outlet", "role", "source_outlet", "dup_id"], where=where,
                    hint="Pass the table of find_duplicates().")  # fmt: skip
    d = duplicates
    rep = d[d["role"] == "reprint"]
    outlets = sorted(set(d["outlet"].astype(str)) | (
        set(articles["outlet"].astype(str)) if articles is not None else set()))  # fmt: skip
    out = pd.DataFrame({"outlet": outlets})
    if articles is not None:
        require_columns(articles, ["outlet"], where=where)
        out["n_articles"] = (
            out["outlet"].map(articles["outlet"].astype(str).value_counts()).fillna(0).astype(int)
        )
    out["n_reprints"] = out["outlet"].map(rep["outlet"].value_counts()).fillna(0).astype(int)
    if articles is not None:
        out["share_reprints"] = out["n_reprints"] / out["n_articles"].where(out["n_articles"] > 0)
        lo, hi = wilson_bounds(
            out["n_reprints"].to_numpy(float), out["n_articles"].to_numpy(float), 0.95
        )
        out["ci_low"], out["ci_high"] = lo, hi
    out["n_copies"] = (
        out["outlet"].map(d.loc[d["role"] == "copy", "outlet"].value_counts()).fillna(0).astype(int)
    )
    reprinted = rep.drop_duplicates(["dup_id", "source_outlet"])["source_outlet"].value_counts()
    out["n_reprinted"] = out["outlet"].map(reprinted).fillna(0).astype(int)
    top = rep.groupby("outlet")["source_outlet"].agg(
        lambda s: s.value_counts().sort_index().idxmax()
    )
    out["top_source"] = out["outlet"].map(top)
    out = out.sort_values(["n_reprints", "outlet"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)
