"""Per-article sourcing measures and the evidence (quotes) behind them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from framing._shared.checks import require_columns

__all__ = ["DEFAULT_GROUPS", "DEFAULT_SIDES", "voice_measures", "quote_evidence"]

#: Actor groups that get per-group measure columns by default.
DEFAULT_GROUPS = (
    "us_officials",
    "russian_officials",
    "chinese_officials",
    "ukrainian_officials",
    "asian_governments",
    "european_officials",
    "experts",
    "anonymous",
)
#: The two sides of :func:`voice_measures`' ``both_sides`` measure (US-Russia talks).
DEFAULT_SIDES = ("us_officials", "russian_officials")
_QUOTE_NEEDS = ["doc_id", "kind", "n_words", "anonymous", "group"]


def _check_quotes(quotes, where: str) -> None:
    require_columns(
        quotes,
        _QUOTE_NEEDS,
        where=where,
        hint="Pass the output of framing.voices.extract_quotes.",
    )


def voice_measures(
    corpus,
    quotes=None,
    *,
    groups: Sequence[str] = DEFAULT_GROUPS,
    sides: tuple[str, str] = DEFAULT_SIDES,
    keep: Sequence[str] = ("outlet", "date"),
    actors=None,
    n_jobs: int | None = 1,
    cache: bool = True,
):
    """Sourcing measures per article, ready for :func:`framing.compare.by_outlet`.

    One row per article of ``corpus`` (articles without quotes included), with numeric
    measure columns. Shares are per article and missing (NaN) where they are undefined
    (no quotes), so ``by_outlet(..., stat="mean")`` averages them over the articles that
    quote anyone and counts those in ``n_docs``; count and 0/1 columns work with
    ``stat="share"`` too (share of articles with at least one).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text``; the ``keep`` columns are copied.
    quotes : pandas.DataFrame, optional
        Output of :func:`framing.voices.extract_quotes` for ``corpus``; extracted (and
        cached) when omitted.
    groups : sequence of str
        Actor groups that get their own columns (default :data:`DEFAULT_GROUPS`).
    sides : (str, str)
        The two groups of ``both_sides`` (default US and Russian officials).
    keep : sequence of str
        Corpus columns copied when present (for grouping and time series).
    actors, n_jobs, cache
        Passed to :func:`framing.voices.extract_quotes` when ``quotes`` is omitted.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, the ``keep`` columns present, then

        - ``n_words`` (words of the article), ``n_quotes``, ``n_direct``,
          ``n_indirect``, ``quoted_words``, ``quotes_per_1k`` (quotes per 1,000 words);
        - ``anonymous_share``: share of the article's quotes from anonymous sources;
        - ``words_<group>``: share of quoted words spoken by the group;
        - ``quotes_<group>``: number of quotes by the group;
        - ``first_<group>``: 1 when the first quote's speaker belongs to the group;
        - ``first_group``: that group as text (``"unmatched"`` when none matched);
        - ``both_sides``: 1 when both ``sides`` are quoted, 0 when only one is, missing
          when neither is ("is the other side heard at all?").

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.
    ValueError
        When ``sides`` does not name two groups.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     "“We are ready,” Russian Foreign Minister Sergei Lavrov said.",
    ...     "Nothing was said about it."]})
    >>> m = voice_measures(df, cache=False)
    >>> m[["doc_id", "n_quotes", "words_russian_officials", "both_sides"]].values.tolist()
    [['a', 1, 1.0, 0.0], ['b', 0, nan, nan]]
    """
    import pandas as pd

    from framing.voices._quotes import extract_quotes

    require_columns(corpus, ["doc_id", "text"], where="voice_measures")
    if len(sides) != 2:
        raise ValueError(f"voice_measures: sides must name two groups, got {sides!r}.")
    if quotes is None:
        quotes = extract_quotes(corpus, actors=actors, n_jobs=n_jobs, cache=cache)
    _check_quotes(quotes, "voice_measures")
    ids = corpus["doc_id"].reset_index(drop=True)
    out = pd.DataFrame({"doc_id": ids})
    for col in keep:
        if col in corpus.columns:
            out[col] = corpus[col].reset_index(drop=True)
    out["n_words"] = np.array([len(t.split()) for t in corpus["text"]], dtype="int64")
    q = quotes[quotes["doc_id"].isin(set(ids))]
    group = q["group"].astype(object).where(q["group"].notna(), "unmatched")
    per = q.assign(_g=group.to_numpy(), _direct=(q["kind"] == "direct").to_numpy())
    by_doc = per.groupby("doc_id", sort=False)
    counts = by_doc.size()
    out["n_quotes"] = ids.map(counts).fillna(0).astype("int64").to_numpy()
    out["n_direct"] = ids.map(by_doc["_direct"].sum()).fillna(0).astype("int64").to_numpy()
    out["n_indirect"] = out["n_quotes"] - out["n_direct"]
    words = ids.map(by_doc["n_words"].sum()).fillna(0).astype("int64").to_numpy()
    out["quoted_words"] = words
    out["quotes_per_1k"] = 1000 * out["n_quotes"] / out["n_words"].where(out["n_words"] > 0)
    has = out["n_quotes"].to_numpy() > 0
    anon = ids.map(by_doc["anonymous"].mean()).to_numpy(dtype=float)
    out["anonymous_share"] = np.where(has, anon, np.nan)
    table = per.pivot_table(index="doc_id", columns="_g", values="n_words", aggfunc="sum")
    nq = per.pivot_table(index="doc_id", columns="_g", values="n_words", aggfunc="size")
    first = by_doc["_g"].first()
    denom = np.where(words > 0, words, np.nan)
    for g in groups:
        gw = ids.map(table[g]).fillna(0).to_numpy(dtype=float) if g in table else np.zeros(len(ids))
        out[f"words_{g}"] = np.where(has, gw / denom, np.nan)
        gq = ids.map(nq[g]).fillna(0).to_numpy() if g in nq else np.zeros(len(ids))
        out[f"quotes_{g}"] = gq.astype("int64")
    firsts = ids.map(first)
    for g in groups:
        out[f"first_{g}"] = np.where(has, (firsts == g).to_numpy(dtype=float), np.nan)
    out["first_group"] = firsts.where(has, None).to_numpy()
    a, b = sides
    qa = (ids.map(nq[a]).fillna(0) > 0).to_numpy() if a in nq else np.zeros(len(ids), bool)
    qb = (ids.map(nq[b]).fillna(0) > 0).to_numpy() if b in nq else np.zeros(len(ids), bool)
    out["both_sides"] = np.where(qa | qb, (qa & qb).astype(float), np.nan)
    out.attrs["sides"] = list(sides)
    return out


def quote_evidence(
    quotes,
    corpus=None,
    *,
    outlet=None,
    group=None,
    kind: str | None = None,
    anonymous: bool | None = None,
    n_per_outlet: int | None = None,
    seed: int = 0,
):
    """The quotes behind a number, one line each, like KWIC: context, quote, context.

    Parameters
    ----------
    quotes : pandas.DataFrame
        Output of :func:`framing.voices.extract_quotes`.
    corpus : pandas.DataFrame, optional
        Articles table to take ``outlet`` and ``date`` from (by ``doc_id``), unless
        ``quotes`` already has them.
    outlet, group : str or list of str, optional
        Keep these outlets / actor groups (``group="unmatched"`` keeps quotes whose
        speaker no group matched).
    kind : {"direct", "indirect"}, optional
    anonymous : bool, optional
        Keep only anonymous (True) or only attributed (False) quotes.
    n_per_outlet : int, optional
        A reproducible random sample of at most this many quotes per outlet.
    seed : int, default 0

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, date, group, speaker, kind, verb, left, quote, right`` (left
        and right: the rest of the quote's sentence), sorted by outlet, then corpus
        order.

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.voices import extract_quotes
    >>> df = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": [
    ...     "The talks were useful, a senior official said on Monday."]})
    >>> ev = quote_evidence(extract_quotes(df, cache=False), df, group="anonymous")
    >>> ev[["left", "quote", "right"]].values.tolist()
    [['', 'The talks were useful', ', a senior official said on Monday.']]
    """
    import pandas as pd

    _check_quotes(quotes, "quote_evidence")
    require_columns(
        quotes,
        ["start", "end", "sentence_start", "sentence", "speaker", "verb"],
        where="quote_evidence",
    )
    q = quotes.copy()
    if corpus is not None and "outlet" not in q:
        require_columns(corpus, ["doc_id", "outlet"], where="quote_evidence")
        meta = corpus[[c for c in ("doc_id", "outlet", "date") if c in corpus]]
        q = q.merge(meta.drop_duplicates("doc_id"), on="doc_id", how="left")
    for col in ("outlet", "date"):
        if col not in q:
            q[col] = None
    q["group"] = q["group"].astype(object).where(q["group"].notna(), "unmatched")
    for col, value in (("outlet", outlet), ("group", group)):
        if value is not None:
            wanted = [value] if isinstance(value, str) else list(value)
            q = q[q[col].isin(wanted)]
    if kind is not None:
        q = q[q["kind"] == kind]
    if anonymous is not None:
        q = q[q["anonymous"] == bool(anonymous)]
    if n_per_outlet is not None and len(q):
        rng = np.random.default_rng(seed)
        keep = []
        for _, idx in sorted(q.groupby(q["outlet"].astype(str)).indices.items()):
            take = rng.choice(idx, size=min(len(idx), int(n_per_outlet)), replace=False)
            keep.extend(sorted(take))
        q = q.iloc[keep]
    rel_s = (q["start"] - q["sentence_start"]).clip(lower=0).to_numpy()
    rel_e = (q["end"] - q["sentence_start"]).clip(lower=0).to_numpy()
    sent = q["sentence"].tolist()
    out = pd.DataFrame(
        {
            "doc_id": q["doc_id"].to_numpy(),
            "outlet": q["outlet"].to_numpy(),
            "date": q["date"].to_numpy(),
            "group": q["group"].to_numpy(),
            "speaker": q["speaker"].to_numpy(),
            "kind": q["kind"].to_numpy(),
            "verb": q["verb"].to_numpy(),
            "left": [s[:a].strip() for s, a in zip(sent, rel_s, strict=True)],
            "quote": q["text"].to_numpy() if "text" in q else "",
            "right": [s[b:].strip() for s, b in zip(sent, rel_e, strict=True)],
        }
    )
    order = out["outlet"].astype(str).argsort(kind="stable")
    return out.iloc[order].reset_index(drop=True)
