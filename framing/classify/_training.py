"""Gold labels joined to their articles: the (articles, y) a classifier is fitted on."""

from __future__ import annotations

import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import ModelError

__all__ = ["training_data"]


def training_data(corpus: pd.DataFrame, labels) -> tuple[pd.DataFrame, object]:
    """Join gold labels to articles: ``(articles, y)`` ready for ``FrameClassifier.fit``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles with ``doc_id``.
    labels : pandas.DataFrame or pandas.Series
        ``doc_id, frame`` (e.g. :func:`framing.annotate.gold_labels`; several rows per
        article make a multi-label target, and a row with a missing ``frame`` marks
        an article coded with no frame), or a Series of frames indexed by doc_id.

    Returns
    -------
    (pandas.DataFrame, list)
        The labelled articles (in corpus order) and their frames (a label, or a
        sorted list of frames per article when multi-label).

    Raises
    ------
    ModelError
        A labelled doc_id is not in the corpus.
    """
    require_columns(corpus, ["doc_id"], where="training_data")
    if isinstance(labels, pd.Series):
        labels = pd.DataFrame({"doc_id": labels.index.astype(str), "frame": labels.to_numpy()})
    require_columns(labels, ["doc_id", "frame"], where="training_data", hint="Use gold_labels().")
    unknown = sorted(set(labels["doc_id"]) - set(corpus["doc_id"]))
    if unknown:
        raise ModelError(
            f"training_data: {len(unknown)} labelled doc_id(s) not in the corpus, e.g. "
            f"{unknown[:3]}. Load the corpus the labels belong to.",
            field="doc_id",
            value=unknown,
        )
    multi = labels["doc_id"].duplicated().any() or labels["frame"].isna().any()
    grouped = labels.groupby("doc_id")["frame"].agg(lambda s: sorted(map(str, s.dropna())))
    docs = corpus[corpus["doc_id"].isin(grouped.index)].reset_index(drop=True)
    y = grouped.loc[docs["doc_id"]].tolist()
    if not multi:
        y = [v[0] for v in y]
    return docs, y
