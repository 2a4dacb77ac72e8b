"""VADER scores per document or sentence (cached per text) and their per-article summary."""

from __future__ import annotations

from collections.abc import Iterable

from framing.sentiment._pool import resolve_n_jobs, score_texts, sentence_splitter
from framing.sentiment._vader import check_rules, lexicon_digest

__all__ = ["SCORE_COLUMNS", "vader_scores", "aggregate_sentences"]

#: The four VADER scores, in nltk's order.
SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
#: The language of VADER's lexicon and rules (Hutto & Gilbert 2014: English social-media
#: and news text); articles in another language are scored mostly 0, so they warn.
VADER_LANGUAGE = "en"

_FEATURE_VERSION = 2  # bump when the computation of any table here changes
_KEY = "text_sha256"  # cache item key: scores depend on the text only, not on doc_id
_NEG_THRESHOLD = -0.05  # Hutto & Gilbert's (2014) cut-offs for negative/positive texts
_POS_THRESHOLD = 0.05


def _texts(corpus, where: str) -> list[str]:
    from framing._shared.checks import require_columns
    from framing.errors import CorpusError

    require_columns(
        corpus,
        ["doc_id", "text"],
        where=where,
        hint="Pass an articles table (framing.corpus.load_corpus) with one text per row.",
    )
    texts = corpus["text"].tolist()
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        i = bad[0]
        raise CorpusError(
            f"{where}: column 'text' must hold strings; row {i} (doc_id "
            f"{corpus['doc_id'].iloc[i]!r}) holds {texts[i]!r}, and {len(bad)} row(s) in all. "
            "Validate the corpus with framing.corpus.validate, or fill missing texts with ''.",
            row=i,
            doc_id=corpus["doc_id"].iloc[i],
            field="text",
            value=texts[i],
            n_bad=len(bad),
        )
    return texts


def vader_scores(
    corpus,
    *,
    level: str = "document",
    n_jobs: int | None = None,
    cache: bool = True,
    rules: str = "vader",
):
    """Score every article (or every sentence) with VADER.

    Scores are exactly those of the authors' ``vaderSentiment`` 3.3
    ``SentimentIntensityAnalyzer.polarity_scores`` (Hutto & Gilbert, 2014), or of
    nltk's port with ``rules="nltk"``, computed on ``n_jobs`` processes and cached on
    disk by a hash of the text (see :mod:`framing.cache`). VADER was built for short
    texts: on whole news articles the compound score saturates near -1 or +1, so score
    sentences (``level="sentence"``) and summarise them per article
    (:func:`aggregate_sentences`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table; uses ``doc_id`` and ``text`` (str; ``""`` scores 0 everywhere).
    level : {"document", "sentence"}, default "document"
        Score whole texts, or each sentence from ``framing.text.sentences``.
    n_jobs : int, optional
        Worker processes; ``None`` or 0 = all cores, -1 = all cores, -2 = all but one,
        1 = this process only (no pool). Numbers do not depend on it.
    cache : bool, default True
        Read and write the on-disk cache.
    rules : {"vader", "nltk"}, default "vader"
        The authors' rules (vaderSentiment 3.3), or nltk's port (the kit's default
        before 0.2; it scores a repeated word at its first position).

    Returns
    -------
    pandas.DataFrame
        ``level="document"``: one row per article in corpus order with ``doc_id, neg,
        neu, pos, compound``. ``level="sentence"``: one row per sentence with ``doc_id,
        sentence_id`` (0-based within the article), ``sentence, neg, neu, pos,
        compound``; an article without sentences has no rows (see
        :func:`aggregate_sentences`). ``neg + neu + pos`` is 1 up to rounding;
        ``compound`` is in [-1, 1]. When the corpus has a ``lang`` column,
        ``attrs["language_check"]`` holds ``language`` ("en"), ``n_docs``,
        ``n_mismatch`` and ``counts`` (articles per other language).

    Warns
    -----
    framing.errors.LanguageWarning
        Articles (by their ``lang`` column) are not English: VADER's lexicon is
        English, so their scores are mostly 0 and mean nothing.

    Raises
    ------
    framing.errors.ColumnsError
        When ``doc_id`` or ``text`` is missing.
    framing.errors.CorpusError
        When a ``text`` value is not a string (the first bad row is named).
    framing.errors.LexiconError
        When the ``vaderSentiment`` package (source of the lexicon) is not installed.
    ValueError
        When ``level`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"],
    ...                    "text": ["The summit was a success.", "Talks failed. Anger grew."]})
    >>> vader_scores(df, n_jobs=1, cache=False)["compound"].gt(0).tolist()
    [True, False]
    >>> vader_scores(df, level="sentence", n_jobs=1, cache=False)[["doc_id", "sentence_id"]].values.tolist()
    [['a', 0], ['b', 0], ['b', 1]]
    """
    from importlib.metadata import version

    import numpy as np
    import pandas as pd

    from framing.cache import cached_rows, text_hash

    if level not in ("document", "sentence"):
        raise ValueError(f"vader_scores: level must be 'document' or 'sentence', got {level!r}.")
    check_rules(rules, "vader_scores")
    texts = _texts(corpus, "vader_scores")
    checked = None
    if "lang" in corpus.columns and len(corpus):
        from framing.text import language_mismatch

        checked = dict(
            language_mismatch(corpus, VADER_LANGUAGE, what="VADER (an English lexicon)").attrs
        )
    hashes = [text_hash(t) for t in texts]
    by_hash = dict(zip(hashes, texts, strict=True))
    key = {
        "lexicon_sha256": lexicon_digest(),
        "level": level,
        "rules": rules,
        "engine": version("nltk" if rules == "nltk" else "vaderSentiment"),  # no import
        "splitter": sentence_splitter()[1] if level == "sentence" else None,
        "feature_version": _FEATURE_VERSION,
    }

    def compute(missing: list[str]):
        counts, sentences, scores = score_texts(
            [by_hash[h] for h in missing], level, resolve_n_jobs(n_jobs), rules
        )
        table = {c: scores[:, k] for k, c in enumerate(SCORE_COLUMNS)}
        if level == "document":
            return pd.DataFrame({_KEY: pd.Series(missing, dtype=str)} | table)
        counts = np.asarray(counts, dtype="int64")
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        head = {
            _KEY: pd.Series(np.repeat(np.asarray(missing, dtype=object), counts), dtype=str),
            "sentence_id": np.arange(len(sentences), dtype="int64") - starts,
            "sentence": pd.Series(sentences, dtype=str),
        }
        return pd.DataFrame(head | table)

    store = cached_rows(f"vader_{level}", key, hashes, compute, key_column=_KEY, cache=cache)
    docs = pd.DataFrame(
        {"doc_id": corpus["doc_id"].reset_index(drop=True), _KEY: pd.Series(hashes, dtype=str)}
    )
    docs["_pos"] = range(len(docs))
    out = docs.merge(store, on=_KEY, how="left" if level == "document" else "inner")
    sort_by = ["_pos"] if level == "document" else ["_pos", "sentence_id"]
    out = out.sort_values(sort_by, kind="stable").drop(columns=["_pos", _KEY])
    out = out.reset_index(drop=True)
    if checked is not None:
        out.attrs["language_check"] = checked
    return out


def aggregate_sentences(sentence_scores, *, doc_ids: Iterable | None = None):
    """Summarise sentence scores per article.

    Parameters
    ----------
    sentence_scores : pandas.DataFrame
        Output of ``vader_scores(..., level="sentence")``; uses ``doc_id, compound``.
    doc_ids : iterable, optional
        Every article to report (e.g. ``corpus["doc_id"]``), so that articles without
        sentences get a row (``n_sentences`` 0, the rest missing) instead of vanishing.
        Default: the articles present in ``sentence_scores``.

    Returns
    -------
    pandas.DataFrame
        One row per article: ``doc_id, n_sentences, mean_compound, share_negative``
        (share of sentences with ``compound <= -0.05``), ``share_positive``
        (``compound >= 0.05``), the cut-offs of Hutto & Gilbert (2014).

    Raises
    ------
    framing.errors.ColumnsError
        When ``doc_id`` or ``compound`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.5, 0.0]})
    >>> aggregate_sentences(s, doc_ids=["a", "b", "c"]).to_dict("list")["share_negative"]
    [0.5, 0.0, nan]
    """
    import pandas as pd

    from framing._shared.checks import require_columns

    require_columns(
        sentence_scores,
        ["doc_id", "compound"],
        where="aggregate_sentences",
        hint="Pass the output of vader_scores(corpus, level='sentence').",
    )
    compound = sentence_scores["compound"].astype("float64")
    parts = pd.DataFrame(
        {
            "doc_id": sentence_scores["doc_id"],
            "compound": compound,
            "neg": (compound <= _NEG_THRESHOLD).astype("float64"),
            "pos": (compound >= _POS_THRESHOLD).astype("float64"),
        }
    )
    grouped = parts.groupby("doc_id", sort=False)
    out = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "mean_compound": grouped["compound"].mean(),
            "share_negative": grouped["neg"].mean(),
            "share_positive": grouped["pos"].mean(),
        }
    )
    if doc_ids is not None:
        out = out.reindex(pd.Index(list(doc_ids), name="doc_id"))
        out["n_sentences"] = out["n_sentences"].fillna(0)
    out["n_sentences"] = out["n_sentences"].astype("int64")
    return out.rename_axis("doc_id").reset_index()
