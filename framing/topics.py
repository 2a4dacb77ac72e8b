"""Topic queries: boolean keyword expressions that select a sub-corpus.

A topic file (``corpora/topics.yaml``) names each topic of a study with a label, a
description and a ``query``::

    topics:
      us_russia_talks:
        label: US-Russia talks
        description: Diplomacy between the United States and Russia ...
        query:
          all_of:                       # every group must match (a group is any-of)
            - [russia, russian*, kremlin, putin, lavrov]
            - [u.s., united states, washington, rubio]
            - [talks, negotiat*, summit*]
          none_of: [world cup, doping]  # no match of any of these
          min_hits: [3, 1, 2]           # matches each group needs (or one number for all)
          within: 40                    # one match of every group in 40 tokens
          lead: 50                      # the first group matches in the first 50 tokens

Terms use the pattern syntax of :mod:`framing.lexicon` (exact word, ``*`` and ``?``
globs, multiword expressions), matched case-insensitively over the tokens of
``title`` and ``text`` (:func:`framing.text.tokenize`). ``within`` is optional: when
given, some stretch of at most ``within`` tokens (from the first token of its first
match to the first token of its last) must hold a match of every group. ``min_hits``
is the number of matches each ``all_of`` group needs in the article: one number for
every group, or a list with one number per group (default 1). ``lead`` is optional:
when given, the *first* ``all_of`` group must match within the first ``lead`` tokens of
title + text, i.e. the headline or lead names the topic's core actor (the idea of
searching headline and lead paragraph only, as in Nexis's HLEAD segment search). Matching reuses the lexicon engine's compiled patterns
(:mod:`framing._patterns`), so a term matches exactly what a dictionary term would.

Boolean keyword queries are the usual way of building a topic sub-corpus in news
research; report their precision and recall against hand judgements (see
``corpora/README.md``). Stryker, J. E., Wray, R. J., Hornik, R. C., & Yanovitzky, I.
(2006). Validation of database search terms for content analysis: The case of cancer
news coverage. Journalism & Mass Communication Quarterly, 83(2), 413-430.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing._checks import require_columns

# The parts live in private modules; this module is their documented home. _match and
# _Documents are re-exported (`name as name`) for bench/topics_allsides.py.
from framing._topic_match import _Documents as _Documents
from framing._topic_match import _match as _match
from framing._topic_match import _match_many
from framing._topic_query import DEFAULT_PATH, Topic, load_topics, parse_topics
from framing.errors import TopicError

__all__ = [
    "Topic",
    "load_topics",
    "parse_topics",
    "select",
    "match_topics",
    "outlet_counts",
    "select_corpus",
]


# -- selecting --------------------------------------------------------------------------
def _resolve(topic, topics) -> Topic:
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


def select(corpus: pd.DataFrame, topic, *, topics=None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        The matching rows (all columns, original index) plus ``topic_matches`` (the
        distinct matched words of the ``all_of`` groups in text order, joined by
        ``"; "``) and ``topic_hits`` (number of matches of all groups).

    Raises
    ------
    TopicError
        Unknown topic id (the message lists the known ones) or an invalid topic file.
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
    t = _resolve(topic, topics)
    ok, terms, hits = _match(t, _Documents(corpus))
    out = corpus.loc[ok].copy()
    out["topic_matches"] = [terms[i] for i in ok.nonzero()[0]]
    out["topic_hits"] = hits[ok].astype("int64")
    return out


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
    matched = _match_many(list(topics.values()), _Documents(corpus))
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


def select_corpus(path, topic: str, *, topics=None, out=None) -> pd.DataFrame:
    """Load a corpus, select a topic, optionally write the selection; count per outlet.

    The command ``framing topics select`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).
    topic : str
        Topic id in ``topics``.
    topics : str or pathlib.Path, optional
        Topic file; default ``corpora/topics.yaml``.
    out : str or pathlib.Path, optional
        Write the selected articles here: ``.csv``, ``.parquet``, otherwise JSON lines.

    Returns
    -------
    pandas.DataFrame
        :func:`outlet_counts` of the selection.

    Raises
    ------
    TopicError, CorpusError
        Unknown topic, invalid topic file, unreadable corpus.
    """
    from framing.corpus import load_corpus

    corpus = load_corpus(path)
    chosen = select(corpus, topic, topics=topics)
    if out is not None:
        dest = Path(out)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.suffix == ".csv":
            chosen.to_csv(dest, index=False)
        elif dest.suffix == ".parquet":
            chosen.to_parquet(dest, index=False)
        else:
            chosen.to_json(dest, orient="records", lines=True, date_format="iso",
                           force_ascii=False)  # fmt: skip
    return outlet_counts(corpus, chosen)
