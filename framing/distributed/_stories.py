"""Near-duplicate detection over the partitions of a corpus: the texts are shingled and
signed on the workers (:func:`sign_partitions`), the signatures banded and clustered by
:func:`framing.stories.find_duplicates` in this process."""

from __future__ import annotations

from framing.distributed._run import map_partitions

__all__ = ["sign_partitions"]


def _sign_part(articles, shingle, num_perm, seed):
    from framing.corpus import COLUMNS, row_digests
    from framing.stories import sign_articles

    signed = sign_articles(articles, shingle=shingle, num_perm=num_perm, seed=seed)
    return signed, row_digests(articles) if set(COLUMNS) <= set(articles.columns) else None


def sign_partitions(
    corpus,
    *,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    scheduler=None,
    client=None,
    progress: bool = False,
    **read,
) -> tuple[list, str]:
    """MinHash signatures of every partition of a corpus, and the corpus hash.

    The expensive half of :func:`framing.stories.find_duplicates` (word shingles and
    ``num_perm`` MinHash values per article) runs where the partitions are; what comes
    back per article is its id, outlet, date, outlet type, signature (``num_perm`` x 4
    bytes) and row digest (for the corpus hash :func:`framing.corpus.load_corpus`
    reports). Give the list to ``find_duplicates`` (same ``shingle``, ``num_perm``,
    ``seed``) for the near-duplicate table the in-process run gives
    (``framing stories dedup CORPUS --scheduler ...`` does both).

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    shingle, num_perm, seed
        As in :func:`framing.stories.find_duplicates`.
    scheduler, client, progress, **read
        As in :func:`map_partitions`.

    Returns
    -------
    signed : list of framing.stories.SignedArticles
        One per partition, in corpus order.
    corpus_hash : str or None
        The content hash of the articles read (None for a table without every corpus
        column, :data:`framing.corpus.COLUMNS`).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.stories import find_duplicates
    >>> body = "the ministers met in the capital on monday to discuss the new trade rules " * 3
    >>> a = pd.DataFrame({"doc_id": ["w1", "p1", "p2"], "outlet": ["Wire", "Paper", "Paper"],
    ...     "text": [body, body + " Staff report.", "the weather today"]})
    >>> signed, corpus_hash = sign_partitions(a, partition_rows=2, scheduler="none")
    >>> len(signed), corpus_hash, find_duplicates(signed)["doc_id"].tolist()
    (2, None, ['p1', 'w1'])
    """
    from framing.corpus import combine_digests

    parts = map_partitions(_sign_part, corpus, args=(shingle, num_perm, seed), combine=list,
                           scheduler=scheduler, client=client, progress=progress,
                           name="sign_partitions", **read)  # fmt: skip
    signed = [s for s, _ in parts]
    if any(d is None for _, d in parts):
        return signed, None
    return signed, combine_digests([d for _, part in parts for d in part])
