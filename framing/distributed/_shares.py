"""Per-outlet article shares of lexicon frames from per-partition counts:
:func:`frame_shares`.

A share of articles (the frame occurs at least once) with a Wilson score interval
depends on two numbers per outlet and frame: the articles ``n`` and those with the frame
``k``. Each partition scores its articles and returns only these counts per outlet, so
what crosses the network and what the driver holds grows with outlets x frames, not
with articles. The table is the one :func:`framing.compare.by_outlet` gives with
``stat="share", method="wilson"`` on the per-article scores (Wilson, E. B. (1927).
Probable inference, the law of succession, and statistical inference. *JASA*, 22(158),
209-212).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.resample import wilson_bounds
from framing.distributed._run import map_partitions
from framing.distributed._steps import resolve_topics
from framing.errors import CorpusError

__all__ = ["frame_shares"]


def _share_counts(articles, lexicon, group, topic, cache):
    """Articles and articles with each category, per group value (one partition)."""
    from framing._shared.checks import require_columns
    from framing.lexicon import score
    from framing.topics import select_many

    require_columns(articles, [group], where="frame_shares",
                    hint="Group by a column of the corpus (outlet, outlet_lean, ...).")  # fmt: skip
    if topic is not None:
        articles = select_many(articles, topic)[next(iter(topic))]
    n_missing = int(articles[group].isna().sum())
    scores = score(articles, lexicon, cache=cache)
    any_cols = [f"{c}_any" for c in lexicon.category_names]
    hits = pd.DataFrame(scores[any_cols].to_numpy() > 0, columns=any_cols)
    hits.insert(0, "_n", 1)
    hits.insert(0, group, articles[group].to_numpy())
    counts = hits.dropna(subset=[group]).groupby(group, sort=False).sum()
    return counts, n_missing, len(articles)


def _add_counts(outs: list):
    tables = [c for c, _, _ in outs]
    total = pd.concat(tables).groupby(level=0, sort=True).sum()
    return total, sum(m for _, m, _ in outs), sum(n for _, _, n in outs)


# by_outlet gives no Wilson interval below 5 articles (framing.compare: the coverage
# simulations of bench/coverage.py)
_MIN_ARTICLES = 5


def frame_shares(
    corpus,
    lexicon,
    *,
    group: str = "outlet",
    topic: str | None = None,
    topics=None,
    ci: float = 0.95,
    cache: bool = True,
    scheduler=None,
    client=None,
    progress: bool = False,
    **read,
) -> pd.DataFrame:
    """Share of each outlet's articles that use each lexicon frame, from partition counts.

    Parameters
    ----------
    corpus : str, Path or pandas.DataFrame
        See :func:`map_partitions`.
    lexicon : Lexicon, str or Path
        Its categories are the frames (measures ``<category>_any``).
    group : str, default "outlet"
        Grouping column of the corpus (``outlet_lean``, ``outlet_type``, ...).
    topic : str, optional
        Only the articles of this topic (selected on each partition).
    topics : dict, str or Path, optional
        Where ``topic`` is defined (default ``corpora/topics.yaml``).
    ci : float, default 0.95
        Confidence level of the Wilson interval.
    cache : bool, default True
        Lexicon scores through the workers' cache.
    scheduler, client, progress, **read
        As in :func:`map_partitions`.

    Returns
    -------
    pandas.DataFrame
        The estimates table: ``<group>``, ``measure`` (``<category>_any``),
        ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``, ``stat`` ("share"),
        ``method`` ("wilson"), ``unit`` ("article"), ``note`` (no interval below 5
        articles, as ``by_outlet``); equal to ``framing.compare.by_outlet(scores,
        measures, group=group, stat="share", method="wilson", ci=ci)`` on the
        per-article scores joined to the corpus. ``attrs["estimator"]`` says how.

    Raises
    ------
    CorpusError
        Articles without a value in ``group`` (as :func:`by_outlet`), or an unknown
        topic.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> df = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"],
    ...                    "text": ["A ceasefire.", "Storms.", "Peace talks.", "Calm."]})
    >>> frame_shares(df, lex, cache=False, scheduler="none")[["outlet", "estimate", "n_docs"]]
      outlet  estimate  n_docs
    0      X       0.5       2
    1      Y       0.5       2
    """
    from framing.lexicon import load_lexicon

    if not 0 < ci < 1:
        raise ValueError(f"frame_shares: ci must be between 0 and 1 (e.g. 0.95), got {ci!r}.")
    lex = load_lexicon(lexicon)
    chosen = None
    if topic is not None:
        known = resolve_topics(topics)
        if topic not in known:
            raise CorpusError(
                f"frame_shares: unknown topic {topic!r}; known topics: {', '.join(sorted(known))}.",
                field="topic",
                value=topic,
            )
        chosen = {topic: known[topic]}
    counts, n_missing, n_rows = map_partitions(
        _share_counts, corpus, args=(lex, group, chosen, cache), combine=_add_counts,
        scheduler=scheduler, client=client, progress=progress, name="frame_shares", **read,
    )  # fmt: skip
    if n_missing:
        raise CorpusError(
            f"frame_shares: {n_missing} row(s) have no value in grouping column {group!r}. "
            "Fill them in the corpus (or group by another column).",
            field=group,
            value=n_missing,
        )
    measures = [f"{c}_any" for c in lex.category_names]
    rows = []
    for key, row in counts.iterrows():
        n = np.full(len(measures), float(row["_n"]))
        k = row[measures].to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            est = np.where(n > 0, k / np.where(n > 0, n, 1.0), np.nan)
        lo, hi = wilson_bounds(est * n, n, ci)  # as by_outlet: k from the estimate
        lo, hi = np.clip(lo, 0.0, 1.0), np.clip(hi, 0.0, 1.0)
        ok = n >= _MIN_ARTICLES
        lo, hi = np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)
        for j, measure in enumerate(measures):
            note = (
                "no non-missing values" if n[j] == 0
                else "" if ok[j] else f"n_docs < {_MIN_ARTICLES}: no interval"
            )  # fmt: skip
            rows.append({group: key, "measure": measure, "estimate": est[j], "ci_low": lo[j],
                         "ci_high": hi[j], "n_docs": int(n[j]), "stat": "share",
                         "method": "wilson", "unit": "article", "note": note})  # fmt: skip
    cols = [group, "measure", "estimate", "ci_low", "ci_high", "n_docs", "stat", "method",
            "unit", "note"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(ci=ci, unit="article", weight=None)
    out.attrs["estimator"] = {
        "function": "frame_shares",
        "group": group,
        "stat": "share",
        "method": "wilson",
        "ci": float(ci),
        "n_boot": None,
        "cluster": None,
        "unit": "article",
        "weight": None,
        "seed": None,
        "n_rows": int(n_rows),
        "lexicon": lex.name,
        "lexicon_hash": lex.content_hash,
        "topic": topic,
    }
    return out
