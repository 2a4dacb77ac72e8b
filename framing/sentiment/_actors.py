"""Private: actor groups and the tone of the sentences that name them.

:data:`DEFAULT_ACTORS` and :func:`actor_tone` are documented and re-exported in
:mod:`framing.sentiment`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from framing._patterns import glob_regex

__all__ = ["DEFAULT_ACTORS", "actor_tone"]

#: Default actor groups for :func:`actor_tone`. Patterns follow the lexicon conventions
#: (``*`` any word characters, ``?`` one, spaces match any whitespace); a pattern written
#: entirely in capitals (``US``, ``ASEAN``) matches case-sensitively so that "us" the
#: pronoun is not the United States; every other pattern ignores case. Known limits:
#: ``Washington`` also matches outlet names such as the Washington Post, ``Georgia``
#: would be ambiguous and is therefore absent.
DEFAULT_ACTORS: dict[str, list[str]] = {
    "russia": ["Russia", "Russian*", "Putin", "Lavrov", "Kremlin", "Moscow"],
    "us": [
        "United States",
        "U.S.",
        "US",
        "USA",
        "America",
        "American*",
        "Trump",
        "Rubio",
        "Washington",
        "White House",
    ],
    "china": ["China", "Chinese", "Beijing", "Xi Jinping", "Xi"],
    "ukraine": ["Ukraine", "Ukrainian*", "Zelensky*", "Zelenskiy", "Kyiv", "Kiev"],
    "asean": ["ASEAN", "Association of Southeast Asian Nations"],
}


def actor_regex(patterns: Iterable[str]) -> re.Pattern:
    """One regex matching any pattern as whole words (lexicon glob conventions)."""
    parts = [glob_regex(str(p)) for p in patterns if str(p).strip()]
    if not parts:
        raise ValueError("actor_tone: an actor group has no patterns.")
    return re.compile("|".join(parts))


def actor_tone(
    corpus,
    actors: dict[str, list[str]] | None = None,
    *,
    sentence_scores=None,
    wide: bool = False,
    n_jobs: int | None = None,
    cache: bool = True,
):
    """Tone toward actors: mean VADER compound of the sentences that mention each group.

    A sentence mentions a group when any of its patterns occurs as a whole word.
    Patterns follow the lexicon conventions (``*`` any word characters, ``?`` one,
    spaces match any whitespace); patterns in capitals (``US``, ``ASEAN``) are
    case-sensitive, all others ignore case. (The lexicon matcher in
    ``framing.lexicon`` works on lower-cased tokens with one case mode per lexicon;
    actors need "US" but not "us", and dotted acronyms such as "U.S.", hence a small
    regular expression here.) Sentence tone toward an actor is a crude measure: the
    sentence's sentiment is attributed to every actor it names.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table; uses ``doc_id`` and ``text``.
    actors : dict of str to list of str, optional
        Group name to patterns; default :data:`DEFAULT_ACTORS` (russia, us, china,
        ukraine, asean).
    sentence_scores : pandas.DataFrame, optional
        Precomputed ``vader_scores(corpus, level="sentence")`` (``doc_id, sentence,
        compound``); computed (and cached) when omitted.
    wide : bool, default False
        One row per article instead, with ``tone_<actor>`` and ``n_sentences_<actor>``
        columns: join ``outlet`` and pass it to ``framing.compare.by_outlet`` with
        measures ``["tone_russia", ...]`` (articles without a mention have no value
        there and are not counted in ``n_docs``); the estimates feed
        ``framing.plots.actor_tone_plot`` as they are.
    n_jobs, cache
        As in :func:`vader_scores`.

    Returns
    -------
    pandas.DataFrame
        One row per article and actor group (every pair, articles in corpus order):
        ``doc_id, actor, n_sentences`` (sentences mentioning the group), ``tone``
        (their mean compound; missing when ``n_sentences`` is 0). With ``wide=True``:
        ``doc_id``, then ``tone_<actor>, n_sentences_<actor>`` per group.

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.
    ValueError
        When an actor group has no patterns.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a"],
    ...     "text": ["Russia praised the excellent talks. The US warned of a terrible crisis."]})
    >>> t = actor_tone(df, {"russia": ["Russia*"], "us": ["US"]}, n_jobs=1, cache=False)
    >>> t["tone"].gt(0).tolist(), t["n_sentences"].tolist()
    ([True, False], [1, 1])
    """
    import pandas as pd

    from framing._shared.checks import require_columns
    from framing.sentiment._scores import vader_scores

    actors = DEFAULT_ACTORS if actors is None else actors
    require_columns(corpus, ["doc_id"], where="actor_tone")
    if sentence_scores is None:
        sentence_scores = vader_scores(corpus, level="sentence", n_jobs=n_jobs, cache=cache)
    require_columns(
        sentence_scores,
        ["doc_id", "sentence", "compound"],
        where="actor_tone",
        hint="Pass the output of vader_scores(corpus, level='sentence').",
    )
    sentences = sentence_scores["sentence"].astype(str).tolist()
    doc_index = pd.Index(corpus["doc_id"].tolist(), name="doc_id")
    frames = []
    for name, patterns in actors.items():
        regex = actor_regex(patterns)
        hit = [regex.search(s) is not None for s in sentences]
        mentioned = sentence_scores.loc[hit, ["doc_id", "compound"]]
        grouped = mentioned.groupby("doc_id", sort=False)["compound"]
        summary = pd.DataFrame({"n_sentences": grouped.size(), "tone": grouped.mean()})
        summary = summary.reindex(doc_index)
        summary["n_sentences"] = summary["n_sentences"].fillna(0).astype("int64")
        summary.insert(0, "actor", name)
        frames.append(summary.reset_index())
    if not frames:
        raise ValueError("actor_tone: no actor groups given.")
    out = pd.concat(frames, ignore_index=True)
    order = {name: k for k, name in enumerate(actors)}
    out["_pos"] = out.groupby("actor", sort=False).cumcount()
    out["_actor"] = out["actor"].map(order)
    out = out.sort_values(["_pos", "_actor"], kind="stable").drop(columns=["_pos", "_actor"])
    out = out.reset_index(drop=True)[["doc_id", "actor", "n_sentences", "tone"]]
    if not wide:
        return out
    table = pd.DataFrame({"doc_id": doc_index.to_numpy()})
    for name in actors:
        part = out[out["actor"] == name]
        table[f"tone_{name}"] = part["tone"].to_numpy()
        table[f"n_sentences_{name}"] = part["n_sentences"].to_numpy()
    return table
