"""Keyness over the partitions of a corpus: term counts summed from the partitions
(:func:`keyness_counts`) and the whole :func:`framing.keyness.keyness` table with its
article-level tests (:func:`partitioned_keyness`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from functools import partial

import pandas as pd

from framing.distributed._run import map_partitions
from framing.keyness import (
    ArticleCounts,
    article_counts,
    keyness_from_counts,
    partition_counts,
    sum_counts,
)

__all__ = ["keyness_counts", "partitioned_keyness"]

# two terms, one per side: lets keyness_from_counts check the options before any pass
# keyness's own default, so the terms shipped for the second pass are those it keeps
_MIN_COUNT = inspect.signature(keyness_from_counts).parameters["min_count"].default
_TWO_TERMS = pd.DataFrame({"term": ["a", "b"], "n_target": [1, 0], "n_reference": [0, 1],
                           "docs_target": [1, 0], "docs_reference": [0, 1]})  # fmt: skip


def _without_boilerplate(articles, boilerplate):
    if boilerplate is None:
        return articles
    from framing.corpus import remove_boilerplate

    return remove_boilerplate(articles, boilerplate)


def _counts_part(articles, boilerplate, options):
    return partition_counts(_without_boilerplate(articles, boilerplate), **options)


def _articles_part(articles, boilerplate, terms, options):
    return article_counts(_without_boilerplate(articles, boilerplate), terms, **options)


def _part_options(target, reference, group, ngram_range, text, tokenizer, stopwords) -> dict:
    """The options every partition counts with (shipped once to each worker)."""
    return dict(target=target, reference=reference, group=group,
                ngram_range=tuple(ngram_range), text=text, tokenizer=tokenizer,
                stopwords=stopwords)  # fmt: skip


def keyness_counts(
    corpus,
    *,
    target,
    reference=None,
    group: str = "outlet",
    ngram_range: tuple[int, int] = (1, 1),
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
    boilerplate: pd.DataFrame | None = None,
    scheduler=None,
    client=None,
    progress: bool = False,
    **read,
) -> pd.DataFrame:
    """Term counts of a target and a reference group, summed over partitions.

    These are the counts behind :func:`framing.keyness.keyness` (its ``n_target``,
    ``n_reference``, ``docs_target`` and ``docs_reference`` for every term, before
    ``min_count``): each partition is counted by
    :func:`framing.keyness.partition_counts` and the tables added by
    :func:`framing.keyness.sum_counts`. Enough for token-level statistics
    (``keyness_from_counts(counts, inference="tokens")``); the article-level test needs
    :func:`partitioned_keyness`.

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    target, reference, group, ngram_range, text, tokenizer, stopwords
        As in :func:`framing.keyness.keyness` (``reference=None``: every other group).
    boilerplate : pandas.DataFrame, optional
        Lines removed from each article first (:func:`framing.corpus.find_boilerplate`
        of the whole corpus; :func:`framing.corpus.remove_boilerplate` per partition).
    scheduler, client, progress, **read
        As in :func:`map_partitions`.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``n_target``, ``n_reference`` (occurrences), ``docs_target``,
        ``docs_reference`` (articles using the term), sorted by term; ``attrs`` as
        :func:`framing.keyness.sum_counts` sets them.

    Raises
    ------
    CorpusError
        A target or reference group is not in the data, or the two overlap.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ["talks talks peace", "talks war", "war war tariffs"]})
    >>> keyness_counts(df, target="A", scheduler="none")
          term  n_target  n_reference  docs_target  docs_reference
    0    peace         1            0            1               0
    1    talks         3            0            2               0
    2  tariffs         0            1            0               1
    3      war         1            2            1               1
    """
    options = _part_options(target, reference, group, ngram_range, text, tokenizer, stopwords)
    return map_partitions(
        _counts_part, corpus, args=(boilerplate, options),
        combine=partial(sum_counts, target=target, reference=reference, group=group),
        scheduler=scheduler, client=client, progress=progress, name="keyness_counts", **read,
    )  # fmt: skip


def partitioned_keyness(
    corpus,
    *,
    target,
    reference=None,
    group: str = "outlet",
    ngram_range: tuple[int, int] = (1, 1),
    text: str = "text",
    tokenizer: Callable[[str], list[str]] | None = None,
    stopwords: str | Iterable[str] | None = None,
    boilerplate: pd.DataFrame | None = None,
    scheduler=None,
    client=None,
    progress: bool = False,
    **options,
) -> pd.DataFrame:
    """:func:`framing.keyness.keyness` over the partitions of a corpus: the same table.

    Two passes over the partitions. The first counts every term per side
    (:func:`keyness_counts`); the terms ``min_count`` keeps are then sent to every
    worker, and the second pass returns, per partition, each compared article's
    counts of those terms, its token count and its n-gram total
    (:func:`framing.keyness.article_counts`). This process then runs the code of
    ``keyness`` on them (:func:`framing.keyness.keyness_from_counts`): the statistic,
    the article-level rank-sum test or the permutation test, the adjustment over terms
    and the order are those of ``keyness`` on all the articles at once (tested on a
    ``LocalCluster``). The driver holds one row per term of the vocabulary and the
    non-zero counts of the kept terms in the compared articles (about the size of the
    sparse document-term matrix ``keyness`` builds), never the texts.
    ``inference="tokens"`` skips the second pass.

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    target, reference, group, ngram_range, text, tokenizer, stopwords
        As in :func:`framing.keyness.keyness`.
    boilerplate : pandas.DataFrame, optional
        Lines removed from each article first (as in :func:`keyness_counts`).
    scheduler, client, progress
        As in :func:`map_partitions`.
    **options
        ``measure``, ``min_count``, ``correction``, ``prior``, ``prior_size``,
        ``variance``, ``sort``, ``inference``, ``adjust``, ``n_perm``, ``seed`` of
        :func:`framing.keyness.keyness` (checked before the first pass); any other
        keyword is a corpus option of :func:`map_partitions` (``mapping``, ...).

    Returns
    -------
    pandas.DataFrame
        As :func:`framing.keyness.keyness` (with ``sort=False``: terms by term, not
        by first occurrence).

    Raises
    ------
    CorpusError
        A target or reference group is not in the data, the two overlap, or one side
        has no tokens.
    ValueError
        An unknown keyness option.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...     "text": ["talks talks peace", "talks war", "war war tariffs", "war"]})
    >>> k = partitioned_keyness(df, target="A", min_count=1, partition_rows=2,
    ...                         scheduler="none")
    >>> k[["term", "n_target", "docs_target"]].head(2)
        term  n_target  docs_target
    0  talks         3            2
    1  peace         1            1
    """
    stat_keys = ("measure", "min_count", "correction", "prior", "prior_size", "variance",
                 "sort", "inference", "adjust", "n_perm", "seed")  # fmt: skip
    stats = {k: options.pop(k) for k in stat_keys if k in options}
    inference = stats.get("inference", "articles")
    dry = {"inference": "tokens"} if inference in ("articles", "permutation") else {}
    keyness_from_counts(_TWO_TERMS, **{**stats, **dry})  # keyness's errors, before any pass
    counts = keyness_counts(corpus, target=target, reference=reference, group=group,
                            ngram_range=ngram_range, text=text, tokenizer=tokenizer,
                            stopwords=stopwords, boilerplate=boilerplate, scheduler=scheduler,
                            client=client, progress=progress, **options)  # fmt: skip
    articles = None
    if inference != "tokens":
        total = counts["n_target"].to_numpy() + counts["n_reference"].to_numpy()
        kept = counts["term"].to_numpy(dtype=object)[total >= stats.get("min_count", _MIN_COUNT)]
        part_options = _part_options(target, reference, group, ngram_range, text, tokenizer,
                                     stopwords)  # fmt: skip
        articles = map_partitions(
            _articles_part, corpus, args=(boilerplate, kept, part_options),
            combine=ArticleCounts.concat, scheduler=scheduler, client=client,
            progress=progress, name="keyness_articles", **options,
        )  # fmt: skip
    return keyness_from_counts(counts, articles, **stats)
