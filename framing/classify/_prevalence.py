"""Frame prevalence by outlet from a classifier's predictions (private; see classify).

References
----------
Forman, G. (2008). Quantifying counts and costs via classification. *Data Mining and
Knowledge Discovery*, 17(2), 164-206 (classify-and-count, adjusted classify-and-count).
Hopkins, D. J., & King, G. (2010). A method of automated nonparametric content analysis
for social science. *American Journal of Political Science*, 54(1), 229-247 (why
proportions estimated by counting classifier outputs are biased).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import quantile_interval, resample_weights
from framing.classify._evaluate import BOOT_BLOCK, decide_labels

__all__ = ["prevalence"]


def _rates_table(rates):
    if hasattr(rates, "rates"):
        rates = rates.rates
    require_columns(
        rates,
        ["frame", "tpr", "fpr", "n_pos", "n_neg"],
        where="prevalence",
        hint="Pass evaluate(...).rates.",
    )
    return rates.set_index("frame")


def prevalence(
    model,
    corpus: pd.DataFrame,
    *,
    method: str = "cc",
    cv_rates=None,
    group: str = "outlet",
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
    propagate_rates: bool = True,
) -> pd.DataFrame:
    """Frame prevalence per outlet by classify-and-count, optionally adjusted.

    ``"cc"`` counts the articles the model assigns each frame. ``"acc"`` (adjusted
    classify and count, Forman 2008) corrects the observed share with the
    cross-validated true- and false-positive rates of each frame,
    ``p = (p_observed - fpr) / (tpr - fpr)``, clipped to [0, 1]. Counting alone is
    biased whenever the classifier errs and outlets differ in prevalence (Hopkins &
    King 2010); the adjustment removes that bias if the error rates hold in each
    outlet. Adjusted shares of single-label frames are not renormalised to sum to one.

    Intervals: percentile bootstrap resampling articles within each outlet; for
    ``"acc"`` with ``propagate_rates=True`` each replicate also draws
    ``tpr* ~ Binomial(n_pos, tpr) / n_pos`` and ``fpr* ~ Binomial(n_neg, fpr) / n_neg``
    (a parametric bootstrap of the rates' sampling error, shared by all outlets).

    Parameters
    ----------
    model : FrameClassifier
        A fitted model.
    corpus : pandas.DataFrame
        Articles with ``doc_id``, ``text`` (+ ``title``) and ``group``.
    method : {"cc", "acc"}
    cv_rates : EvaluationResult or DataFrame, optional
        The result of :func:`evaluate` (its ``rates`` table ``frame, tpr, fpr, n_pos,
        n_neg``) or that table; needed for ``"acc"``.
    group : str, default "outlet"
    n_boot : int, default 1000
    ci : float, default 0.95
    seed : int, default 0
    propagate_rates : bool, default True

    Returns
    -------
    pandas.DataFrame
        The estimates table ``<group>, measure, estimate, ci_low, ci_high, n_docs,
        method, note`` with one row per outlet and frame (``measure`` = frame id).

    Raises
    ------
    ModelError
        Unknown ``method``, or ``"acc"`` without ``cv_rates``.

    Examples
    --------
    >>> from framing.classify import FrameClassifier
    >>> texts = ["truce and ceasefire", "tariffs and prices"] * 3
    >>> model = FrameClassifier(min_df=1).fit(texts, ["peace", "economic"] * 3)
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"],
    ...                        "text": ["a truce", "a ceasefire", "a truce", "higher prices"]})
    >>> prevalence(model, corpus, n_boot=100)[["outlet", "measure", "estimate", "n_docs"]]
      outlet   measure  estimate  n_docs
    0      X  economic       0.0       2
    1      X     peace       1.0       2
    2      Y  economic       0.5       2
    3      Y     peace       0.5       2
    """
    from framing.errors import ModelError

    require_columns(corpus, ["doc_id", "text", group], where="prevalence")
    if method not in ("cc", "acc"):
        raise ModelError(
            f"prevalence: method must be 'cc' or 'acc', got {method!r}.",
            field="method",
            value=method,
        )
    if method == "acc" and cv_rates is None:
        raise ModelError(
            "prevalence: method='acc' needs cv_rates=evaluate(model, corpus, labels) "
            "(cross-validated true/false-positive rates).",
            field="cv_rates",
            value=None,
        )
    classes = list(model.classes_)
    D = decide_labels(
        model.predict_proba(corpus), model.multilabel_, getattr(model, "threshold", 0.5)
    )
    rng = np.random.default_rng(seed)
    k = len(classes)
    if method == "acc":
        r = _rates_table(cv_rates).reindex(classes)
        tpr, fpr = r["tpr"].to_numpy(float), r["fpr"].to_numpy(float)
        n_pos, n_neg = r["n_pos"].fillna(0).to_numpy(int), r["n_neg"].fillna(0).to_numpy(int)
        if propagate_rates:
            tpr_b = rng.binomial(
                np.maximum(n_pos, 1), np.nan_to_num(tpr), size=(n_boot, k)
            ) / np.maximum(n_pos, 1)
            fpr_b = rng.binomial(
                np.maximum(n_neg, 1), np.nan_to_num(fpr), size=(n_boot, k)
            ) / np.maximum(n_neg, 1)
        else:
            tpr_b, fpr_b = np.tile(tpr, (n_boot, 1)), np.tile(fpr, (n_boot, 1))

    def adjust(p, t, f):
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(t - f > 0, np.clip((p - f) / (t - f), 0.0, 1.0), np.nan)

    rows = []
    keys = corpus[group].to_numpy()
    for g in sorted(pd.unique(keys), key=str):
        Dg = D[keys == g]
        n = len(Dg)
        obs = Dg.mean(axis=0)
        boot = np.vstack(
            [
                w @ Dg / n
                for w in resample_weights(rng, n, n_boot, block=BOOT_BLOCK, dtype=np.float32)
            ]
        )
        if method == "acc":
            est, boot = adjust(obs, tpr, fpr), adjust(boot, tpr_b, fpr_b)
        else:
            est = obs
        for j, frame in enumerate(classes):
            lo, hi = quantile_interval(boot[:, j], ci)
            note = ""
            if method == "acc" and np.isnan(est[j]):
                note = "tpr <= fpr (or no labelled examples): adjustment undefined"
            elif np.isnan(lo):
                note = "too few valid bootstrap replicates: no interval"
            rows.append(
                {
                    group: g,
                    "measure": frame,
                    "estimate": float(est[j]),
                    "ci_low": lo,
                    "ci_high": hi,
                    "n_docs": n,
                    "method": method,
                    "note": note,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[group, "measure", "estimate", "ci_low", "ci_high", "n_docs", "method", "note"],
    )
