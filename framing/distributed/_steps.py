"""The heavy per-article steps over partitions: topic matches and selections, lexicon
scores, VADER scores, keyness counts and classifier predictions.

Each step runs the kit's own in-process function on every partition (through
:func:`framing.distributed.map_partitions`) and puts the pieces back in corpus order,
so its table equals the in-process one on the whole corpus (the tests check it on a
``LocalCluster``). The per-partition functions are module-level so that workers import
them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from framing.distributed._run import map_partitions
from framing.errors import CorpusError

__all__ = [
    "match_topics",
    "select_topics",
    "lexicon_scores",
    "vader_scores",
    "keyness_counts",
    "frame_predictions",
    "resolve_topics",
]

_KEYNESS_COLUMNS = ["term", "n_target", "n_reference", "docs_target", "docs_reference"]


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


# -- keyness -----------------------------------------------------------------------------
class _StopFiltered:
    """A tokenizer that leaves stopwords out (as keyness removes them before n-grams)."""

    def __init__(self, tokenizer, stops: frozenset):
        self.tokenizer, self.stops = tokenizer, stops

    def __call__(self, text):
        if not isinstance(text, str):
            return []
        from framing.text import tokenize

        tokens = tokenize(text) if self.tokenizer is None else self.tokenizer(text)
        return [t for t in tokens if t.lower() not in self.stops]


def _stopwords(stopwords) -> frozenset:
    """The stopword set :func:`framing.keyness.keyness` removes (a language or words)."""
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        from framing.text import stopwords as language_stopwords

        return language_stopwords(stopwords)
    return frozenset(str(w).lower() for w in stopwords)


def _side_counts(texts, ngram_range, tokenizer) -> pd.DataFrame:
    from framing.keyness import ngram_counts

    if not len(texts):
        return pd.DataFrame(
            {"term": pd.Series(dtype=object), "n": np.int64(0), "docs": np.int64(0)}
        )
    X, terms = ngram_counts(texts, ngram_range=ngram_range, tokenizer=tokenizer)
    n = np.asarray(X.sum(axis=0)).ravel().astype(np.int64)
    docs = np.asarray((X > 0).sum(axis=0)).ravel().astype(np.int64)
    keep = n > 0
    return pd.DataFrame({"term": terms[keep], "n": n[keep], "docs": docs[keep]})


def _keyness_part(articles, group, text, targets, refs, ngram_range, tokenizer, boilerplate):
    from framing._shared.checks import require_columns

    require_columns(articles, [group, text], where="keyness_counts",
                    hint="Map the text column with text='...'.")  # fmt: skip
    if boilerplate is not None:
        from framing.corpus import remove_boilerplate

        articles = remove_boilerplate(articles, boilerplate)
    values = articles[group]
    is_t = values.isin(targets).to_numpy()
    is_r = (values.notna() & ~values.isin(targets)).to_numpy() if refs is None else (
        values.isin(refs).to_numpy()
    )  # fmt: skip
    t = _side_counts(articles.loc[is_t, text].tolist(), ngram_range, tokenizer)
    r = _side_counts(articles.loc[is_r, text].tolist(), ngram_range, tokenizer)
    table = t.merge(r, on="term", how="outer", suffixes=("_target", "_reference"))
    present = sorted(values.dropna().unique().tolist())
    return table, {"present": present, "n_t": int(is_t.sum()), "n_r": int(is_r.sum())}


def _sum_keyness(outs: list):
    tables = [t for t, _ in outs if len(t)]
    if tables:
        table = pd.concat(tables, ignore_index=True).fillna(0)
        table = table.groupby("term", sort=True, as_index=False).sum()
    else:
        table = pd.DataFrame(columns=["term", "n_target", "docs_target", "n_reference",
                                      "docs_reference"])  # fmt: skip
    for col in _KEYNESS_COLUMNS[1:]:
        table[col] = table[col].astype(np.int64)
    meta = {
        "present": sorted({g for _, m in outs for g in m["present"]}),
        "n_t": sum(m["n_t"] for _, m in outs),
        "n_r": sum(m["n_r"] for _, m in outs),
    }
    return table[_KEYNESS_COLUMNS].reset_index(drop=True), meta


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

    These are the counts behind :func:`framing.keyness.keyness` (its ``n_target`` and
    ``n_reference`` for every term, before ``min_count``), plus the number of articles
    using each term on each side; :func:`framing.keyness.keyness_from_counts` computes
    the statistics from them in one place.

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
        ``docs_reference`` (articles using the term), sorted by term. ``attrs``:
        ``target``, ``reference``, ``n_docs_target``, ``n_docs_reference``,
        ``n_tokens_target``, ``n_tokens_reference`` (as :func:`keyness` reports them).

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
    targets = [target] if isinstance(target, str) or not isinstance(target, Sequence) else list(
        target
    )  # fmt: skip
    refs = None if reference is None else (
        [reference] if isinstance(reference, str) or not isinstance(reference, Sequence)
        else list(reference)
    )  # fmt: skip
    stops = _stopwords(stopwords)
    tok = _StopFiltered(tokenizer, stops) if stops else tokenizer
    table, meta = map_partitions(
        _keyness_part, corpus,
        args=(group, text, targets, refs, tuple(ngram_range), tok, boilerplate),
        combine=_sum_keyness, scheduler=scheduler, client=client, progress=progress,
        name="keyness_counts", **read,
    )  # fmt: skip
    present = meta["present"]
    for side, groups in (("target", targets), ("reference", refs or [])):
        for g in groups:
            if g not in present:
                raise CorpusError(
                    f"keyness_counts: {side} group {g!r} is not in the data (groups present: "
                    f"{present}).",
                    field=side,
                    value=g,
                )
    ref_groups = [g for g in present if g not in targets] if refs is None else refs
    overlap = sorted(set(targets) & set(ref_groups))
    if overlap or not ref_groups:
        raise CorpusError(
            f"keyness_counts: target and reference must be different, non-empty groups "
            f"(target {targets}, reference {ref_groups}).",
            field="reference",
            value=overlap or ref_groups,
        )
    table.attrs.update(
        target=targets,
        reference=ref_groups,
        n_docs_target=meta["n_t"],
        n_docs_reference=meta["n_r"],
        n_tokens_target=int(table["n_target"].sum()),
        n_tokens_reference=int(table["n_reference"].sum()),
    )
    return table


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
