"""Selecting a topic: :func:`select` (the matching articles, with the words that matched),
:func:`match_topics` (articles x topics) and :func:`outlet_counts`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import TopicError
from framing.topics._match import PreparedDocuments, match_many, match_topic
from framing.topics._query import DEFAULT_PATH, Topic, load_topics

__all__ = ["select", "select_many", "match_topics", "outlet_counts", "compare_to_labels"]


# -- selecting --------------------------------------------------------------------------
def resolve_topic(topic, topics) -> Topic:
    """``topic`` as a :class:`Topic`: itself, or its id looked up in ``topics``."""
    if isinstance(topic, Topic):
        return topic
    if topics is None or isinstance(topics, str | Path):
        topics = load_topics(DEFAULT_PATH if topics is None else topics)
    if topic not in topics:
        known = sorted(topics)
        raise TopicError(
            f"unknown topic {topic!r}; known topics: {', '.join(known) or '(none)'}. "
            "Add it (with a query: block) to the topic file or fix the id.",
            value=topic,
            known=known,
        )
    return topics[topic]


def select(corpus: pd.DataFrame, topic, *, topics=None, min_matches: int = 0) -> pd.DataFrame:
    """The articles of ``corpus`` that match a topic query.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text`` (``title`` is searched too when
        present).
    topic : str or Topic
        A topic id of ``topics``, or a :class:`Topic`.
    topics : dict, str or pathlib.Path, optional
        ``{id: Topic}`` from :func:`load_topics`, or a topic file path; default
        ``corpora/topics.yaml`` (relative to the working directory).
    min_matches : int, default 0
        Raise :class:`~framing.errors.TopicError` when fewer articles match (the
        notebooks pass 1, so an empty selection stops with a readable message instead
        of an error deep in a later step).

    Returns
    -------
    pandas.DataFrame
        The matching rows (all columns, original index) plus ``topic_matches`` (the
        distinct matched words of the ``all_of`` groups in text order, joined by
        ``"; "``) and ``topic_hits`` (number of matches of all groups).

    Raises
    ------
    TopicError
        Unknown topic id (the message lists the known ones), an invalid topic file, or
        fewer than ``min_matches`` matching articles (``value``: how many matched,
        ``n_docs``: how many were searched).
    ColumnsError
        ``doc_id`` or ``text`` missing.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Rubio meets Lavrov", "Tariffs"],
    ...                    "text": ["Talks in Kuala Lumpur.", "Steel."]})
    >>> t = Topic("talks", all_of=(("lavrov",), ("talks", "meets")))
    >>> select(df, t)[["doc_id", "topic_matches", "topic_hits"]]
      doc_id         topic_matches  topic_hits
    0      a  meets; lavrov; talks           3
    """
    require_columns(corpus, ["doc_id", "text"], where="select",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    t = resolve_topic(topic, topics)
    ok, terms, hits = match_topic(t, PreparedDocuments(corpus))
    if int(ok.sum()) < min_matches:
        raise TopicError(
            f"topic {t.id!r} matched {int(ok.sum())} of {len(corpus):,} articles (at least "
            f"{min_matches} needed); check the outlet and date filters, or the topic's "
            "query (`framing topics select CORPUS TOPIC` counts its matches per outlet).",
            topic=t.id,
            value=int(ok.sum()),
            n_docs=len(corpus),
        )
    out = corpus.loc[ok].copy()
    out["topic_matches"] = [terms[i] for i in ok.nonzero()[0]]
    out["topic_hits"] = hits[ok].astype("int64")
    return out


def select_many(corpus: pd.DataFrame, topics=None) -> dict[str, pd.DataFrame]:
    """:func:`select` for every topic of ``topics`` at once (the texts are prepared once).

    Returns
    -------
    dict of str to pandas.DataFrame
        Topic id -> the rows :func:`select` returns for it.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ceasefire in Gaza.", "Tariffs."]})
    >>> found = select_many(df, {"peace": Topic("peace", all_of=(("ceasefire",),)),
    ...                          "trade": Topic("trade", all_of=(("tariff*",),))})
    >>> {t: list(rows["doc_id"]) for t, rows in found.items()}
    {'peace': ['a'], 'trade': ['b']}
    """
    require_columns(corpus, ["doc_id", "text"], where="select_many",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    if topics is None or isinstance(topics, str | Path):
        topics = load_topics(DEFAULT_PATH if topics is None else topics)
    matched = match_many(list(topics.values()), PreparedDocuments(corpus))
    found = {}
    for tid, (ok, terms, hits) in zip(topics, matched, strict=True):
        out = corpus.loc[ok].copy()
        out["topic_matches"] = [terms[i] for i in ok.nonzero()[0]]
        out["topic_hits"] = hits[ok].astype("int64")
        found[tid] = out
    return found


def match_topics(corpus: pd.DataFrame, topics=None) -> pd.DataFrame:
    """Which articles match which topics.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text`` (and ``title`` when present).
    topics : dict, str or pathlib.Path, optional
        ``{id: Topic}`` or a topic file; default ``corpora/topics.yaml``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` and one boolean column per topic id, one row per article.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ceasefire in Gaza.", "Tariffs."]})
    >>> match_topics(df, {"peace": Topic("peace", all_of=(("ceasefire",),))})
      doc_id  peace
    0      a   True
    1      b  False
    """
    require_columns(corpus, ["doc_id", "text"], where="match_topics",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    if topics is None or isinstance(topics, str | Path):
        topics = load_topics(DEFAULT_PATH if topics is None else topics)
    matched = match_many(list(topics.values()), PreparedDocuments(corpus))
    out = pd.DataFrame({"doc_id": corpus["doc_id"].to_numpy()})
    for tid, (ok, _, _) in zip(topics, matched, strict=True):
        out[tid] = ok
    return out


def outlet_counts(corpus: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet in a corpus and in its topic selection.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``outlet``.
    selected : pandas.DataFrame
        The result of :func:`select` on ``corpus`` (needs ``doc_id``).

    Returns
    -------
    pandas.DataFrame
        ``outlet``, ``n_articles``, ``n_selected``, ``share`` (selected / articles),
        one row per outlet sorted by outlet, plus a final ``(all)`` row.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> outlet_counts(df, df.iloc[[0]])
      outlet  n_articles  n_selected  share
    0      X           2           1  0.500
    1      Y           1           0  0.000
    2  (all)           3           1  0.333
    """
    require_columns(corpus, ["doc_id", "outlet"], where="outlet_counts")
    require_columns(selected, ["doc_id"], where="outlet_counts")
    chosen = corpus["doc_id"].isin(selected["doc_id"])
    out = (
        pd.DataFrame({"outlet": corpus["outlet"].astype(str), "sel": chosen})
        .groupby("outlet", sort=True)["sel"]
        .agg(n_articles="size", n_selected="sum")
        .reset_index()
    )
    total = pd.DataFrame(
        {"outlet": ["(all)"], "n_articles": [len(corpus)], "n_selected": [int(chosen.sum())]}
    )
    out = pd.concat([out, total], ignore_index=True).astype(
        {"n_articles": "int64", "n_selected": "int64"}
    )
    share = out["n_selected"] / out["n_articles"].where(out["n_articles"] > 0)
    out["share"] = share.fillna(0.0).round(3)
    return out


def compare_to_labels(
    corpus: pd.DataFrame, selected: pd.DataFrame, topic: str, *, column: str = "topic", ci=0.95
) -> pd.DataFrame:
    """Precision and recall of a topic selection against a label column of the corpus.

    Precision is the share of selected articles whose ``column`` equals ``topic``;
    recall the share of articles so labelled that were selected (Stryker et al. 2006 on
    validating search terms). Intervals are Wilson score intervals (Wilson 1927). Use it
    only when ``column`` holds the study's own topic ids (hand or planted labels), not a
    source's own tags under another name.

    Parameters
    ----------
    corpus : pandas.DataFrame
        All articles: ``doc_id`` and ``column``.
    selected : pandas.DataFrame
        The selection (``doc_id``), e.g. :func:`select`'s result.
    topic : str
        The label that marks an on-topic article.
    column : str, default "topic"
        The label column.
    ci : float, default 0.95
        Interval level.

    Returns
    -------
    pandas.DataFrame
        One row: ``topic, n_articles, n_labelled, n_selected, n_both, precision,
        precision_ci_low, precision_ci_high, recall, recall_ci_low, recall_ci_high``
        (NaN where nothing was selected or labelled).

    Raises
    ------
    framing.errors.ColumnsError
        When ``corpus`` has no ``column`` (or ``doc_id``).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "topic": ["t", "t", "u", "t"]})
    >>> row = compare_to_labels(corpus, corpus.iloc[[0, 2]], "t")
    >>> row[["n_both", "precision", "recall"]].values.tolist()
    [[1.0, 0.5, 0.3333333333333333]]
    """
    import numpy as np

    from framing._shared.resample import wilson_bounds

    where = "compare_to_labels"
    require_columns(corpus, ["doc_id", column], where=where,
                    hint=f"Pass a corpus whose {column!r} column holds topic labels.")  # fmt: skip
    require_columns(selected, ["doc_id"], where=where, hint="Pass select()'s result.")
    labelled = corpus[column].eq(topic).to_numpy()
    chosen = corpus["doc_id"].isin(selected["doc_id"]).to_numpy()
    both = float((labelled & chosen).sum())
    k = np.array([both, both])
    n = np.array([chosen.sum(), labelled.sum()], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)
    lo, hi = wilson_bounds(k, np.where(n > 0, n, np.nan), ci)
    return pd.DataFrame(
        {
            "topic": [topic],
            "n_articles": [len(corpus)],
            "n_labelled": [int(n[1])],
            "n_selected": [int(n[0])],
            "n_both": [int(both)],
            "precision": [share[0]],
            "precision_ci_low": [lo[0]],
            "precision_ci_high": [hi[0]],
            "recall": [share[1]],
            "recall_ci_low": [lo[1]],
            "recall_ci_high": [hi[1]],
        }
    )
