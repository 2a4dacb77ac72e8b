"""Which articles to hand-code next: uncertainty sampling (private; see framing.annotate).

References
----------
Lewis, D. D., & Gale, W. A. (1994). A sequential algorithm for training text
classifiers. *SIGIR '94*, 3-12.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.atomic import write_table
from framing._shared.checks import require_columns
from framing.errors import AnnotationError

__all__ = ["suggest_to_annotate"]


def _uncertainty(proba: np.ndarray, strategy: str) -> np.ndarray:
    if strategy == "entropy":
        p = np.clip(proba, 1e-12, 1.0)
        return -(p * np.log(p)).sum(axis=1)
    if strategy == "least_confident":
        return 1.0 - proba.max(axis=1)
    raise AnnotationError(
        f"suggest_to_annotate: strategy must be 'entropy' or 'least_confident', got {strategy!r}.",
        field="strategy",
        value=strategy,
    )


def suggest_to_annotate(
    corpus: pd.DataFrame,
    model,
    n: int,
    *,
    by: str | None = "outlet",
    exclude=None,
    strategy: str = "entropy",
    seed: int = 0,
    out=None,
    excerpt_chars: int = 400,
) -> pd.DataFrame:
    """Pick the next articles to hand-code by uncertainty sampling, stratified by outlet.

    The fitted ``model`` scores every article not yet coded; the most uncertain ones
    (highest entropy of the predicted frame probabilities, or lowest top probability)
    are taken in turn from each ``by`` group, so every outlet gets about ``n / groups``
    articles (Lewis & Gale 1994).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles with ``doc_id, title, text`` and the ``by`` column.
    model : FrameClassifier
        A fitted model with ``predict_proba``.
    n : int
        Number of articles to suggest.
    by : str or None, default "outlet"
        Stratify over this column; None for no stratification.
    exclude : DataFrame or iterable of str, optional
        Already coded articles (an annotation table or doc ids).
    strategy : {"entropy", "least_confident"}
    seed : int
        Breaks ties between equally uncertain articles reproducibly.
    out : path, optional
        Also write the table as a UTF-8 CSV for coders.
    excerpt_chars : int
        Length of the text excerpt.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, <by>, title, excerpt, predicted, uncertainty, frame, coder`` with
        ``frame`` and ``coder`` empty for the coders to fill in. When every article
        is already coded the table is empty and ``attrs["note"]`` says so.
    """
    need = ["doc_id", "title", "text"] + ([by] if by else [])
    require_columns(corpus, need, where="suggest_to_annotate")
    if exclude is not None:
        done = set(exclude["doc_id"]) if isinstance(exclude, pd.DataFrame) else set(exclude)
        corpus = corpus[~corpus["doc_id"].isin(done)]
    corpus = corpus.reset_index(drop=True)
    columns = ["doc_id", *([by] if by else []), "title", "excerpt", "predicted", "uncertainty",
               "frame", "coder"]  # fmt: skip
    if corpus.empty:  # every article is coded already: nothing left to suggest
        res = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        res.attrs["note"] = "every article is already coded; nothing left to suggest"
        if out is not None:
            write_table(res, out, where="suggest_to_annotate", allowed=(".csv",))
        return res
    proba = np.asarray(model.predict_proba(corpus), dtype=float)
    if getattr(model, "multilabel_", False):
        # independent yes/no decisions: sum the binary uncertainties over frames
        binary = np.stack([proba, 1.0 - proba], axis=2)
        u = sum(_uncertainty(binary[:, k, :], strategy) for k in range(proba.shape[1]))
    else:
        u = _uncertainty(proba, strategy)
    rng = np.random.default_rng(seed)
    df = corpus.assign(
        uncertainty=u,
        predicted=np.asarray(model.classes_)[proba.argmax(axis=1)],
        _tie=rng.random(len(corpus)),
    )
    df = df.sort_values(["uncertainty", "_tie"], ascending=[False, True])
    if by:
        df["_rank"] = df.groupby(by, sort=False).cumcount()
        df = df.sort_values(["_rank", "uncertainty", "_tie"], ascending=[True, False, True])
    df = df.head(n)
    text = df["text"].astype(str).str.replace(r"\s+", " ", regex=True)
    res = pd.DataFrame(
        {
            "doc_id": df["doc_id"],
            **({by: df[by]} if by else {}),
            "title": df["title"],
            "excerpt": text.str.slice(0, excerpt_chars),
            "predicted": df["predicted"],
            "uncertainty": df["uncertainty"].round(4),
            "frame": "",
            "coder": "",
        }
    ).reset_index(drop=True)
    if out is not None:
        write_table(res, out, where="suggest_to_annotate", allowed=(".csv",))
    return res
