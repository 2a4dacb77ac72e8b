"""The heavy per-article steps over partitions: topic matches and selections, lexicon
scores, VADER scores and classifier predictions (keyness: ``_keyness``).

Each step runs the kit's own in-process function on every partition (through
:func:`framing.distributed.map_partitions`) and puts the pieces back in corpus order,
so its table equals the in-process one on the whole corpus (the tests check it on a
``LocalCluster``). The per-partition functions are module-level so that workers import
them by name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing.distributed._run import map_partitions

__all__ = [
    "match_topics",
    "select_topics",
    "lexicon_scores",
    "vader_scores",
    "frame_predictions",
    "resolve_topics",
]


def resolve_topics(topics):
    """``{id: Topic}`` from a mapping or a topic file (default ``corpora/topics.yaml``),
    read here once, so workers need not see the file."""
    from framing.topics import load_topics

    if topics is None or isinstance(topics, str | Path):
        return load_topics("corpora/topics.yaml" if topics is None else topics)
    return dict(topics)


# -- topics ---------------------------------------------------------------------------
def _match_part(articles, topics):
    from framing.topics import match_topics as _match

    return _match(articles, topics)


def match_topics(corpus, topics=None, *, scheduler=None, client=None, progress=False, **read):
    """:func:`framing.topics.match_topics` over partitions: ``doc_id`` and one boolean
    column per topic, one row per article in corpus order.

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        A corpus folder or file, or an articles table (see :func:`map_partitions`).
    topics : dict, str or Path, optional
        ``{id: Topic}`` or a topic file (default ``corpora/topics.yaml``).
    scheduler, client, progress, **read
        As in :func:`map_partitions`.

    Returns
    -------
    pandas.DataFrame
        Equal to ``framing.topics.match_topics(load_corpus(corpus), topics)``.

    Examples
    --------
    >>> from framing.topics import Topic
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ceasefire in Gaza.", "Tariffs."]})
    >>> match_topics(df, {"peace": Topic("peace", all_of=(("ceasefire",),))}, scheduler="none")
      doc_id  peace
    0      a   True
    1      b  False
    """
    return map_partitions(
        _match_part, corpus, args=(resolve_topics(topics),), index="position",
        scheduler=scheduler, client=client, progress=progress, name="match_topics", **read,
    )  # fmt: skip


def _select_part(articles, topics):
    from framing.topics import select_many

    return select_many(articles, topics)


def select_topics(corpus, topics=None, *, scheduler=None, client=None, progress=False, **read):
    """:func:`framing.topics.select_many` over partitions: each topic's articles.

    Returns
    -------
    dict of str to pandas.DataFrame
        Topic id -> the matching articles (all columns, ``topic_matches``,
        ``topic_hits``), indexed by position in the corpus (labels of an input table),
        equal to ``framing.topics.select_many(load_corpus(corpus), topics)``. Only the
        selections come back to this process, never the whole corpus.

    Examples
    --------
    >>> from framing.topics import Topic
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ceasefire in Gaza.", "Tariffs."]})
    >>> found = select_topics(df, {"trade": Topic("trade", all_of=(("tariff*",),))},
    ...                       scheduler="none")
    >>> found["trade"][["doc_id", "topic_hits"]]
      doc_id  topic_hits
    1      b           1
    """
    return map_partitions(
        _select_part, corpus, args=(resolve_topics(topics),), index="label",
        scheduler=scheduler, client=client, progress=progress, name="select_topics",
        **read,
    )  # fmt: skip


# -- lexicon ----------------------------------------------------------------------------
def _score_part(articles, lexicon, case_sensitive, cache):
    from framing.lexicon import score

    return score(articles, lexicon, case_sensitive=case_sensitive, cache=cache)


def lexicon_scores(
    corpus,
    lexicon,
    *,
    case_sensitive: bool = False,
    cache: bool = True,
    scheduler=None,
    client=None,
    progress: bool = False,
    **read,
) -> pd.DataFrame:
    """:func:`framing.lexicon.score` over partitions (each one cached on its worker).

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    lexicon : Lexicon, str or Path
        Loaded here once and shipped to the workers.
    case_sensitive, cache
        As in :func:`framing.lexicon.score`; the cache is the workers'
        ``$FRAMING_CACHE`` (share it, or let each machine keep its own).
    scheduler, client, progress, **read
        As in :func:`map_partitions`.

    Returns
    -------
    pandas.DataFrame
        Equal to ``framing.lexicon.score(load_corpus(corpus), lexicon)``: ``doc_id``,
        ``n_tokens`` and per category the count, ``_per_1k`` and ``_any`` columns.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["A ceasefire.", "Peace talks stall."]})
    >>> lexicon_scores(df, lex, cache=False, scheduler="none")[["doc_id", "peace"]]
      doc_id  peace
    0      a      1
    1      b      1
    """
    from framing.lexicon import load_lexicon

    return map_partitions(
        _score_part, corpus, args=(load_lexicon(lexicon), case_sensitive, cache),
        index="position", scheduler=scheduler, client=client, progress=progress,
        name="lexicon_scores", **read,
    )  # fmt: skip


# -- sentiment ---------------------------------------------------------------------------
def _vader_part(articles, level, cache):
    from framing.sentiment import vader_scores as _vader

    return _vader(articles, level=level, n_jobs=1, cache=cache)


def vader_scores(
    corpus,
    *,
    level: str = "document",
    cache: bool = True,
    scheduler=None,
    client=None,
    progress: bool = False,
    **read,
) -> pd.DataFrame:
    """:func:`framing.sentiment.vader_scores` over partitions (one process per worker).

    Returns
    -------
    pandas.DataFrame
        Equal to ``framing.sentiment.vader_scores(load_corpus(corpus), level=level)``:
        per article (``level="document"``) or per sentence (``"sentence"``).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"],
    ...                    "text": ["The summit was a success.", "Talks failed."]})
    >>> vader_scores(df, cache=False, scheduler="none")["compound"].gt(0).tolist()
    [True, False]
    """
    if level not in ("document", "sentence"):
        raise ValueError(f"vader_scores: level must be 'document' or 'sentence', got {level!r}.")
    return map_partitions(
        _vader_part, corpus, args=(level, cache),
        index="position" if level == "document" else "reset",
        scheduler=scheduler, client=client, progress=progress, name="vader_scores", **read,
    )  # fmt: skip


# -- classifiers -------------------------------------------------------------------------
def _predict_part(articles, model, top):
    return model.predictions(articles, top=top)


def _sorted_predictions(outs: list) -> pd.DataFrame:
    out = pd.concat(outs, ignore_index=True) if len(outs) > 1 else outs[0]
    out = out.sort_values(["doc_id", "probability"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def frame_predictions(
    corpus, model, *, top: bool = False, scheduler=None, client=None, progress=False, **read
) -> pd.DataFrame:
    """A fitted classifier's predictions over partitions (the model is shipped once).

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    model : FrameClassifier
        Fitted (e.g. :func:`framing.classify.load_model`).
    top : bool, default False
        Only each article's predicted frame(s).

    Returns
    -------
    pandas.DataFrame
        Equal to ``model.predictions(load_corpus(corpus), top=top)``: ``doc_id,
        frame, probability, predicted``, sorted by ``doc_id`` then probability.

    Examples
    --------
    >>> from framing.classify import FrameClassifier
    >>> train = pd.DataFrame({"doc_id": list("abcd"), "text": ["war clash", "peace talks",
    ...                       "clash war war", "talks peace deal"]})
    >>> model = FrameClassifier().fit(train, ["conflict", "peace", "conflict", "peace"])
    >>> new = pd.DataFrame({"doc_id": ["x"], "text": ["a clash"]})
    >>> frame_predictions(new, model, top=True, scheduler="none")[["doc_id", "frame"]]
      doc_id     frame
    0      x  conflict
    """
    return map_partitions(
        _predict_part, corpus, args=(model, top), combine=_sorted_predictions,
        scheduler=scheduler, client=client, progress=progress, name="frame_predictions",
        **read,
    )  # fmt: skip
