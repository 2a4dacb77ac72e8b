"""What a fitted frame classifier learned: its top-weighted terms and its surest articles per frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from framing._shared.checks import require_columns
from framing.classify._model import FrameClassifier
from framing.errors import ModelError

__all__ = ["top_terms", "examples"]


def _feature_names(model: FrameClassifier) -> np.ndarray:
    names = model.pipeline_.named_steps["features"].get_feature_names_out()
    return np.asarray(
        [
            n.split("__", 1)[1] if n.startswith("tfidf__") else n.replace("lexicon__", "lexicon:")
            for n in names
        ]
    )


def top_terms(model: FrameClassifier, n: int = 15) -> pd.DataFrame:
    """The features with the largest positive weight for each frame.

    Returns
    -------
    pandas.DataFrame
        ``frame, rank, term, weight`` (logistic-regression coefficient; lexicon
        features are named ``lexicon:<category>_per_1k``).
    """
    check_is_fitted(model, "pipeline_")
    est = model.pipeline_.named_steps["model"]
    names = _feature_names(model)
    if model.multilabel_:
        # a frame seen in every or no training article has a constant predictor (no coef_)
        zero = np.zeros(len(names))
        coef = np.vstack([e.coef_[0] if hasattr(e, "coef_") else zero for e in est.estimators_])
    else:
        coef = est.coef_
        if coef.shape[0] == 1:  # binary: one row for classes_[1]
            coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for frame, w in zip(model.classes_, coef, strict=True):
        idx = np.argsort(-w, kind="stable")[:n]
        rows += [
            {"frame": frame, "rank": r + 1, "term": names[i], "weight": float(w[i])}
            for r, i in enumerate(idx)
        ]
    return pd.DataFrame(rows, columns=["frame", "rank", "term", "weight"])


def examples(
    model: FrameClassifier,
    corpus: pd.DataFrame,
    frame: str,
    n: int = 3,
    *,
    excerpt_chars: int = 300,
) -> pd.DataFrame:
    """The articles the model is surest carry ``frame``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, title, probability, excerpt`` (``outlet`` when present).
    """
    require_columns(corpus, ["doc_id", "text"], where="examples")
    check_is_fitted(model, "pipeline_")
    if frame not in set(model.classes_):
        raise ModelError(
            f"examples: frame {frame!r} is not one of the model's frames {list(model.classes_)}.",
            field="frame",
            value=frame,
        )
    k = list(model.classes_).index(frame)
    p = model.predict_proba(corpus)[:, k]
    idx = np.argsort(-p, kind="stable")[:n]
    sub = corpus.iloc[idx]
    text = sub["text"].astype(str).str.replace(r"\s+", " ", regex=True).str.slice(0, excerpt_chars)
    out = pd.DataFrame({"doc_id": sub["doc_id"].to_numpy()})
    for col in ("outlet", "title"):
        if col in sub.columns:
            out[col] = sub[col].to_numpy()
    out["probability"] = p[idx]
    out["excerpt"] = text.to_numpy()
    return out
