"""Which articles to hand-code next (private; see framing.annotate): uncertainty
sampling, which improves a classifier fastest, or a random sample, which is what error
rates and prevalence adjustments need.

References
----------
Lewis, D. D., & Gale, W. A. (1994). A sequential algorithm for training text
classifiers. *SIGIR '94*, 3-12.
Hopkins, D. J., & King, G. (2010). A method of automated nonparametric content analysis
for social science. *American Journal of Political Science*, 54(1), 229-247 (a random
validation sample for proportions).
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
        "suggest_to_annotate: strategy must be 'entropy', 'least_confident' or 'random', "
        f"got {strategy!r}.",
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
    """Pick the next articles to hand-code, stratified by outlet.

    ``strategy="entropy"`` or ``"least_confident"`` (uncertainty sampling, Lewis & Gale
    1994): the fitted ``model`` scores every article not yet coded and the most
    uncertain ones are taken in turn from each ``by`` group, so every outlet gets about
    ``n / groups`` articles. Such a sample trains a classifier well, but its error rates
    are not those of typical articles: **do not** use it to evaluate the classifier or
    to adjust prevalence. ``strategy="random"`` draws uniformly at random (in turn from
    each group, with ``seed``): the validation sample that :func:`framing.classify.evaluate`
    and adjusted prevalence need (``prevalence(..., validation="random")``).

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
    strategy : {"entropy", "least_confident", "random"}
    seed : int
        Breaks ties between equally uncertain articles reproducibly (draws the random
        sample with ``"random"``).
    out : path, optional
        Also write the table as a UTF-8 CSV for coders.
    excerpt_chars : int
        Length of the text excerpt.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, <by>, title, excerpt, predicted, uncertainty, sampling, frame,
        coder`` with ``frame`` and ``coder`` empty for the coders to fill in;
        ``sampling`` records the strategy (kept by :func:`load_annotations` as an extra
        column). When every article is already coded the table is empty and
        ``attrs["note"]`` says so.

    Examples
    --------
    >>> from framing.classify import FrameClassifier
    >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("XXXYYY"),
    ...                      "title": "", "text": ["truce talks", "tariff rise"] * 3})
    >>> model = FrameClassifier(min_df=1).fit(docs["text"], ["peace", "economic"] * 3)
    >>> s = suggest_to_annotate(docs, model, 4, strategy="random")
    >>> sorted(s["outlet"].value_counts().tolist()), s["sampling"].unique().tolist()
    ([2, 2], ['random'])
    """
    if strategy not in ("entropy", "least_confident", "random"):
        _uncertainty(np.zeros((0, 1)), strategy)  # raises the error that names the choices
    need = ["doc_id", "title", "text"] + ([by] if by else [])
    require_columns(corpus, need, where="suggest_to_annotate")
    if exclude is not None:
        done = set(exclude["doc_id"]) if isinstance(exclude, pd.DataFrame) else set(exclude)
        corpus = corpus[~corpus["doc_id"].isin(done)]
    corpus = corpus.reset_index(drop=True)
    columns = ["doc_id", *([by] if by else []), "title", "excerpt", "predicted", "uncertainty",
               "sampling", "frame", "coder"]  # fmt: skip
    if corpus.empty:  # every article is coded already: nothing left to suggest
        res = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        res.attrs["note"] = "every article is already coded; nothing left to suggest"
        if out is not None:
            write_table(res, out, where="suggest_to_annotate", allowed=(".csv",))
        return res
    proba = np.asarray(model.predict_proba(corpus), dtype=float)
    measure = "entropy" if strategy == "random" else strategy  # reported either way
    if getattr(model, "multilabel_", False):
        # independent yes/no decisions: sum the binary uncertainties over frames
        binary = np.stack([proba, 1.0 - proba], axis=2)
        u = sum(_uncertainty(binary[:, k, :], measure) for k in range(proba.shape[1]))
    else:
        u = _uncertainty(proba, measure)
    rng = np.random.default_rng(seed)
    df = corpus.assign(
        uncertainty=u,
        predicted=np.asarray(model.classes_)[proba.argmax(axis=1)],
        _tie=rng.random(len(corpus)),
        _key=np.zeros(len(corpus)) if strategy == "random" else u,  # random: order by _tie
    )
    df = df.sort_values(["_key", "_tie"], ascending=[False, True])
    if by:
        df["_rank"] = df.groupby(by, sort=False).cumcount()
        df = df.sort_values(["_rank", "_key", "_tie"], ascending=[True, False, True])
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
            "sampling": strategy,
            "frame": "",
            "coder": "",
        }
    ).reset_index(drop=True)
    if out is not None:
        write_table(res, out, where="suggest_to_annotate", allowed=(".csv",))
    return res
