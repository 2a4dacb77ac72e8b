"""Frame prevalence by outlet from a classifier's predictions (private; see classify).

Classify and count (CC) is biased whenever the classifier errs and outlets differ in
prevalence (Hopkins & King 2010). Adjusted classify and count (ACC) removes that bias
if P(predicted frame | true frame) - the classifier's error rates - is the same in the
validation articles and in each outlet:

* **single-label frames** (one primary frame per article): the predicted shares ``q``
  are ``q = C^T pi`` with ``C[i, j] = P(predicted j | true i)`` estimated out of fold;
  ``pi`` is solved by least squares on the simplex (non-negative, summing to one) -
  the multiclass adjusted count (Forman 2008, section 3; Hopkins & King 2010, eq. 4,
  with categories in place of word profiles). Adjusting each frame on its own with
  ``(q - fpr) / (tpr - fpr)`` is biased here: with three or more frames a frame's
  false-positive rate depends on the outlet's mix of the *other* frames.
* **multi-label frames** (each frame a yes/no decision): each frame is adjusted on its
  own, ``(q - fpr) / (tpr - fpr)`` clipped to [0, 1], which is valid because each frame
  is its own binary classifier.

Where the classifier does not separate a frame - Youden's ``J = tpr - fpr`` with an
interval reaching 0 - the adjustment divides by noise: the row then shows the
classify-and-count share, flagged (``fallback="cc"``), or NaN (``fallback=None``).
Where the adjustment is undefined (``tpr <= fpr``, no validation article of a frame, a
singular confusion matrix) the estimate is NaN and so is its interval.

Error rates must come from a **random** sample of the articles (a random validation
sample, or cross-validation over randomly sampled codes): rates measured on articles
picked because the classifier was unsure of them are far worse than on typical
articles and push adjusted shares to 0 or 1. ``suggest_to_annotate(strategy="random")``
draws such a sample.

References
----------
Forman, G. (2008). Quantifying counts and costs via classification. *Data Mining and
Knowledge Discovery*, 17(2), 164-206 (classify-and-count, adjusted classify-and-count).
Hopkins, D. J., & King, G. (2010). A method of automated nonparametric content analysis
for social science. *American Journal of Political Science*, 54(1), 229-247 (why
proportions estimated by counting classifier outputs are biased).
Youden, W. J. (1950). Index for rating diagnostic tests. *Cancer*, 3(1), 32-35.
Newcombe, R. G. (1998). Interval estimation for the difference between independent
proportions. *Statistics in Medicine*, 17(8), 873-890 (the interval of ``tpr - fpr``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from framing._shared.checks import require_columns
from framing._shared.resample import (
    group_rng,
    mover_diff,
    quantile_interval,
    resample_weights,
    wilson_bounds,
)
from framing.classify._evaluate import BOOT_BLOCK, model_decisions

__all__ = ["prevalence", "separation"]

_VALIDATION = ("random", "uncertainty", "other")


def _rates_table(rates):
    if hasattr(rates, "rates"):
        rates = rates.rates
    require_columns(
        rates,
        ["frame", "tpr", "fpr", "n_pos", "n_neg"],
        where="prevalence",
        hint="Pass evaluate(...) (or its .rates table).",
    )
    return rates.set_index("frame")


def separation(cv_rates, *, ci: float = 0.95) -> pd.DataFrame:
    """Whether the classifier separates each frame: Youden's J = tpr - fpr with its interval.

    Parameters
    ----------
    cv_rates : EvaluationResult or DataFrame
        :func:`evaluate` output (or its ``rates`` table ``frame, tpr, fpr, n_pos,
        n_neg``).
    ci : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        ``frame, tpr, fpr, n_pos, n_neg, youden, youden_ci_low, youden_ci_high,
        separated``: the interval is Newcombe's for a difference of two independent
        proportions (Wilson intervals of tpr over ``n_pos`` and fpr over ``n_neg``);
        ``separated`` is True when it lies above 0. A frame that is not separated
        cannot be adjusted: its adjusted prevalence would divide by noise.

    Examples
    --------
    >>> r = pd.DataFrame({"frame": ["a", "b"], "tpr": [0.8, 0.55], "fpr": [0.1, 0.5],
    ...                   "n_pos": [50, 40], "n_neg": [150, 160]})
    >>> separation(r)[["frame", "youden", "separated"]].round(2)
      frame  youden  separated
    0     a    0.70       True
    1     b    0.05      False
    """
    r = _rates_table(cv_rates).reset_index()
    n_pos, n_neg = r["n_pos"].to_numpy(float), r["n_neg"].to_numpy(float)
    tpr, fpr = r["tpr"].to_numpy(float), r["fpr"].to_numpy(float)
    lo_t, hi_t = wilson_bounds(tpr * n_pos, n_pos, ci)
    lo_f, hi_f = wilson_bounds(fpr * n_neg, n_neg, ci)
    lo, hi = mover_diff(tpr, lo_t, hi_t, fpr, lo_f, hi_f)
    out = r[["frame", "tpr", "fpr", "n_pos", "n_neg"]].copy()
    out["youden"] = tpr - fpr
    out["youden_ci_low"], out["youden_ci_high"] = lo, hi
    out["separated"] = np.nan_to_num(lo, nan=-1.0) > 0
    return out


def _simplex_lsq(A: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``argmin ||A pi - q||`` over pi >= 0 with sum(pi) = 1.

    Each column of ``A`` (a true frame's row of the confusion matrix) sums to one, as
    does ``q``, so ``sum(A pi) = sum(pi)``: the sum constraint binds only through the
    bounds. A unit-weight row ``sum(pi) = 1`` is added to the non-negative least squares
    and the solution rescaled onto the simplex.
    """
    k = A.shape[1]
    M, b = np.vstack([A, np.ones((1, k))]), np.append(q, 1.0)
    try:
        x, _ = nnls(M, b, maxiter=100 * k)
    except RuntimeError:  # no convergence: the bounded least squares of scipy instead
        from scipy.optimize import lsq_linear

        x = lsq_linear(M, b, bounds=(0.0, np.inf)).x
    total = x.sum()
    return x / total if total > 0 else np.full(k, np.nan)


def _confusion_of(cv_rates, classes):
    """True x predicted counts (single-label), from an EvaluationResult or a table."""
    conf = getattr(cv_rates, "confusion", cv_rates)
    if not isinstance(conf, pd.DataFrame) or not set(classes) <= set(conf.index.astype(str)):
        return None
    if not set(classes) <= set(conf.columns.astype(str)):
        return None
    conf = conf.copy()
    conf.index, conf.columns = conf.index.astype(str), conf.columns.astype(str)
    return conf.loc[classes, classes].to_numpy(dtype=float)


def _group_rates(cv_rates, group, classes, multi, min_validation):
    """Per-group validation counts from the out-of-fold predictions, where enough.

    Returns ``{group value: counts}``: a (K x K) confusion matrix (single-label) or
    ``(tp, fn, fp, tn)`` arrays per frame (multi-label), only for groups where every
    frame has ``min_validation`` validation articles (positives and negatives).
    """
    pred = getattr(cv_rates, "predictions", None)
    if not isinstance(pred, pd.DataFrame) or group not in pred.columns:
        return {}
    out = {}
    pos = {c: j for j, c in enumerate(classes)}
    for g, sub in pred.groupby(group, sort=False):
        T = np.zeros((len(sub), len(classes)))
        P = np.zeros((len(sub), len(classes)))
        for i, (t, p) in enumerate(zip(sub["true"], sub["predicted"], strict=True)):
            for c in str(t).split(";"):
                if c in pos:
                    T[i, pos[c]] = 1
            for c in str(p).split(";"):
                if c in pos:
                    P[i, pos[c]] = 1
        n_pos = T.sum(0)
        if multi:
            if (n_pos >= min_validation).all() and ((len(T) - n_pos) >= min_validation).all():
                out[g] = ((T * P).sum(0), (T * (1 - P)).sum(0), ((1 - T) * P).sum(0),
                          ((1 - T) * (1 - P)).sum(0))  # fmt: skip
        elif (n_pos >= min_validation).all():
            out[g] = T.T @ P
    return out


def _binary_counts(rates_row_tpr, rates_row_fpr, n_pos, n_neg):
    return rates_row_tpr * n_pos, n_pos, rates_row_fpr * n_neg, n_neg


def _acc_binary(q, boot, tp, n_pos, fp, n_neg, rng, n_boot, propagate):
    """One-vs-rest ACC per frame: estimates, replicates, unclipped estimates."""
    tpr, fpr = tp / np.maximum(n_pos, 1), fp / np.maximum(n_neg, 1)
    tpr = np.where(n_pos > 0, tpr, np.nan)
    fpr = np.where(n_neg > 0, fpr, np.nan)
    if propagate:
        k = len(q)
        tpr_b = rng.binomial(np.maximum(n_pos, 1).astype(int), np.nan_to_num(tpr),
                             size=(n_boot, k)) / np.maximum(n_pos, 1)  # fmt: skip
        fpr_b = rng.binomial(np.maximum(n_neg, 1).astype(int), np.nan_to_num(fpr),
                             size=(n_boot, k)) / np.maximum(n_neg, 1)  # fmt: skip
    else:
        tpr_b, fpr_b = np.broadcast_to(tpr, boot.shape), np.broadcast_to(fpr, boot.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = np.where(tpr - fpr > 0, (q - fpr) / (tpr - fpr), np.nan)
        reps = np.where(tpr_b - fpr_b > 0, np.clip((boot - fpr_b) / (tpr_b - fpr_b), 0, 1), np.nan)
    return np.clip(raw, 0.0, 1.0), reps, raw


def _acc_matrix(q, boot, counts, rng, n_boot, propagate):
    """Multiclass ACC on the simplex: estimates, replicates, unconstrained estimates."""
    k = len(q)
    n_true = counts.sum(axis=1)
    if (n_true == 0).any():
        nan = np.full(k, np.nan)
        return nan, np.full((n_boot, k), np.nan), nan
    P = counts / n_true[:, None]
    A = P.T
    if np.linalg.matrix_rank(A) < k:
        nan = np.full(k, np.nan)
        return nan, np.full((n_boot, k), np.nan), nan
    est = _simplex_lsq(A, q)
    est[est < 1e-12] = 0.0  # NNLS leaves round-off above the boundary
    raw = np.linalg.solve(A, q)
    reps = np.empty((n_boot, k))
    for b in range(n_boot):
        Ab = A
        if propagate:
            rows = [rng.multinomial(int(n), p) / n for n, p in zip(n_true, P, strict=True)]
            Ab = np.array(rows).T
        reps[b] = _simplex_lsq(Ab, boot[b])
    return est, reps, raw


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
    fallback: str | None = "cc",
    rates_by_group: bool | str = "auto",
    min_validation: int = 20,
    validation: str = "random",
) -> pd.DataFrame:
    """Frame prevalence per outlet by classify-and-count, optionally adjusted.

    ``"cc"`` counts the articles the model assigns each frame (Wilson intervals), by
    the model's own decision rule (:meth:`FrameClassifier.decide`: the tuned per-frame
    thresholds or frame weights, the rule :func:`evaluate` measured the error rates
    of; a model without ``decide`` uses its ``threshold``, default 0.5, or the most
    probable frame).
    ``"acc"`` (adjusted classify and count) corrects the counts with the classifier's
    cross-validated error rates: the full confusion matrix for single-label frames,
    one frame at a time for multi-label frames (module docstring for why and where it
    fails).

    Intervals of ``"acc"``: percentile bootstrap resampling articles within each outlet;
    with ``propagate_rates=True`` each replicate also redraws the error rates from the
    validation counts (each true frame's row of the confusion matrix from a
    multinomial, or ``tpr`` and ``fpr`` from binomials), so the rates' sampling error is
    in the interval. Each outlet draws from its own random stream.

    Parameters
    ----------
    model : FrameClassifier
        A fitted model.
    corpus : pandas.DataFrame
        Articles with ``doc_id``, ``text`` (+ ``title``) and ``group``.
    method : {"cc", "acc"}
    cv_rates : EvaluationResult or DataFrame, optional
        The result of :func:`evaluate` (needed for ``"acc"`` with single-label frames:
        its ``confusion`` matrix; its ``predictions`` give per-outlet rates), or its
        ``rates`` table (multi-label, or two frames). With ``"cc"`` it adds the
        separation columns.
    group : str, default "outlet"
    n_boot : int, default 1000
    ci : float, default 0.95
    seed : int, default 0
    propagate_rates : bool, default True
    fallback : {"cc", None}, default "cc"
        For frames the classifier does not separate (:func:`separation`): ``"cc"``
        shows the classify-and-count share and its interval with ``method`` ``"cc
        (fallback)"`` and a note; None gives NaN and no interval.
    rates_by_group : bool or "auto", default "auto"
        Use each outlet's own error rates (from the out-of-fold predictions of that
        outlet's validation articles) where every frame has ``min_validation``
        validation articles (positives and negatives) there; ``"auto"`` falls back to
        the pooled rates elsewhere, False always pools. The ``rates`` column says
        which were used. Pooled rates assume the classifier errs alike in every outlet.
    min_validation : int, default 20
        Validation articles per frame needed for an outlet's own rates.
    validation : {"random", "uncertainty", "other"}, default "random"
        How the validation (coded) articles behind ``cv_rates`` were chosen.
        ``"random"``: a random sample (the assumption of the adjustment).
        ``"uncertainty"``: picked by uncertainty sampling (:func:`suggest_to_annotate`'s
        default) - ``"acc"`` refuses, since such rates are biased. ``"other"``: a
        convenience sample - ``"acc"`` runs with a warning.

    Returns
    -------
    pandas.DataFrame
        The estimates table ``<group>, measure, estimate, ci_low, ci_high, n_docs,
        method, note`` with one row per outlet and frame (``measure`` = frame id), then
        ``cc_estimate`` (the unadjusted share), ``youden``, ``youden_ci_low``,
        ``youden_ci_high``, ``separated`` (NaN/None without ``cv_rates``), ``rates``
        (``"pooled"`` or ``"outlet"``) and ``clipped_share`` (share of bootstrap
        replicates at 0 or 1). ``method`` is ``"cc"``, ``"acc"`` (one frame at a time),
        ``"acc-matrix"`` (confusion matrix) or ``"cc (fallback)"``. ``note`` says when an
        estimate is clipped to 0 or 1 (with its unclipped value), undefined, or a
        fallback.

    Raises
    ------
    ModelError
        Unknown ``method``/``validation``/``fallback``; ``"acc"`` without
        ``cv_rates``, with single-label frames (three or more) but no confusion matrix,
        or with an uncertainty-sampled validation set.

    Warns
    -----
    UserWarning
        ``validation="other"`` with ``"acc"``.

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
    for name, value, allowed in (("method", method, ("cc", "acc")),
                                 ("validation", validation, _VALIDATION),
                                 ("fallback", fallback, ("cc", None))):  # fmt: skip
        if value not in allowed:
            raise ModelError(
                f"prevalence: {name} must be one of {allowed}, got {value!r}.",
                field=name, value=value,
            )  # fmt: skip
    if method == "acc" and cv_rates is None:
        raise ModelError(
            "prevalence: method='acc' needs cv_rates=evaluate(model, corpus, labels) "
            "(cross-validated error rates).",
            field="cv_rates",
            value=None,
        )
    if method == "acc" and validation == "uncertainty":
        raise ModelError(
            "prevalence: error rates measured on an uncertainty sample (articles picked "
            "because the classifier was unsure) are far worse than on typical articles and "
            "push adjusted shares to 0 or 1. Code a random sample "
            "(suggest_to_annotate(..., strategy='random')) and evaluate on it.",
            field="validation", value=validation,
        )  # fmt: skip
    if method == "acc" and validation == "other":
        warnings.warn(
            "prevalence: the validation articles are not a random sample, so the error "
            "rates may not hold in the corpus and the adjusted shares may be biased.",
            UserWarning,
            stacklevel=2,
        )
    classes = list(model.classes_)
    multi = bool(model.multilabel_)
    # the model's own decisions (tuned thresholds or frame weights), as in evaluate()
    D = model_decisions(model, model.predict_proba(corpus))
    k = len(classes)
    sep = (
        separation(cv_rates, ci=ci).set_index("frame").reindex(classes)
        if cv_rates is not None
        else None
    )
    conf = None
    if method == "acc" and not multi:
        conf = _confusion_of(cv_rates, classes)
        if conf is None and k >= 3:
            raise ModelError(
                f"prevalence: {k} single-label frames need the full confusion matrix "
                "(adjusting each frame on its own is biased with three or more frames): "
                "pass the EvaluationResult of evaluate(...), not only its .rates.",
                field="cv_rates", value=type(cv_rates).__name__,
            )  # fmt: skip
    own = (
        _group_rates(cv_rates, group, classes, multi, min_validation)
        if method == "acc" and rates_by_group
        else {}
    )
    if method == "acc":
        r = _rates_table(cv_rates).reindex(classes)
        pooled_binary = _binary_counts(r["tpr"].to_numpy(float), r["fpr"].to_numpy(float),
                                       r["n_pos"].fillna(0).to_numpy(float),
                                       r["n_neg"].fillna(0).to_numpy(float))  # fmt: skip
    rows = []
    keys = corpus[group].to_numpy()
    for g in sorted(pd.unique(keys), key=str):
        Dg = D[keys == g]
        n = len(Dg)
        rng = group_rng(seed, "prevalence", g)
        q = Dg.mean(axis=0)
        boot = np.vstack(
            [
                w @ Dg / n
                for w in resample_weights(rng, n, n_boot, block=BOOT_BLOCK, dtype=np.float32)
            ]
        ).astype(float)
        lo_cc, hi_cc = wilson_bounds(q * n, np.full(k, float(n)), ci)
        used = "pooled"
        if method == "cc":
            est, reps, raw, label = q, None, q, "cc"
        elif conf is not None:
            counts = own.get(g, conf)
            used = "outlet" if g in own else "pooled"
            est, reps, raw = _acc_matrix(q, boot, counts, rng, n_boot, propagate_rates)
            label = "acc-matrix"
        else:
            if g in own:
                tp, fn, fp, tn = own[g]
                counts = (tp, tp + fn, fp, fp + tn)
                used = "outlet"
            else:
                counts = pooled_binary
            tp, n_pos, fp, n_neg = counts
            est, reps, raw = _acc_binary(q, boot, tp, n_pos, fp, n_neg, rng, n_boot,
                                         propagate_rates)  # fmt: skip
            label = "acc"
        for j, frame in enumerate(classes):
            row = _prevalence_row(j, frame, est, reps, raw, q, lo_cc, hi_cc, sep, label,
                                  fallback, ci)  # fmt: skip
            rows.append({group: g, **row, "n_docs": n, "rates": used if method == "acc" else ""})
    cols = [group, "measure", "estimate", "ci_low", "ci_high", "n_docs", "method", "note",
            "cc_estimate", "youden", "youden_ci_low", "youden_ci_high", "separated", "rates",
            "clipped_share"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(ci=ci, validation=validation, propagate_rates=propagate_rates)
    return out


def _prevalence_row(j, frame, est, reps, raw, q, lo_cc, hi_cc, sep, label, fallback, ci):
    """One outlet x frame row: the estimate, its interval, and the notes that explain it."""
    row = {"measure": frame, "cc_estimate": float(q[j])}
    if sep is not None:
        s = sep.loc[frame]
        row.update(youden=float(s["youden"]), youden_ci_low=float(s["youden_ci_low"]),
                   youden_ci_high=float(s["youden_ci_high"]), separated=bool(s["separated"]))  # fmt: skip
    else:
        row.update(youden=np.nan, youden_ci_low=np.nan, youden_ci_high=np.nan, separated=None)
    if label == "cc":
        row.update(estimate=float(q[j]), ci_low=float(lo_cc[j]), ci_high=float(hi_cc[j]),
                   method="cc", note="", clipped_share=np.nan)  # fmt: skip
        return row
    notes = []
    not_separated = sep is not None and not row["separated"]
    if not_separated and fallback == "cc":
        row.update(estimate=float(q[j]), ci_low=float(lo_cc[j]), ci_high=float(hi_cc[j]),
                   method="cc (fallback)", clipped_share=np.nan,
                   note=(f"classifier does not separate this frame (tpr - fpr = "
                         f"{row['youden']:.2f}, {100 * ci:g}% CI {row['youden_ci_low']:.2f} to "
                         f"{row['youden_ci_high']:.2f}): classify-and-count share shown, "
                         "biased by the classifier's errors"))  # fmt: skip
        return row
    e = float(est[j])
    if np.isnan(e):
        row.update(estimate=np.nan, ci_low=np.nan, ci_high=np.nan, method=label,
                   clipped_share=np.nan,
                   note="adjustment undefined (tpr <= fpr, no validation article of a "
                        "frame, or a singular confusion matrix): no estimate")  # fmt: skip
        return row
    col = reps[:, j]
    valid = col[~np.isnan(col)]
    dropped = 1 - valid.size / max(col.size, 1)
    lo, hi = quantile_interval(col, ci)
    clipped = float(np.mean((valid <= 0) | (valid >= 1))) if valid.size else np.nan
    if not_separated:
        notes.append(f"classifier does not separate this frame (tpr - fpr = {row['youden']:.2f}): "
                     "the adjusted estimate is unstable")  # fmt: skip
    if e in (0.0, 1.0) and not np.isclose(raw[j], e):
        notes.append(f"clipped to {e:g} (unclipped {raw[j]:.3f})")
    if dropped > 0.1:
        lo = hi = np.nan
        notes.append(f"{100 * dropped:.0f}% of bootstrap replicates had tpr <= fpr: no interval")
    elif dropped > 0:
        notes.append(
            f"{100 * dropped:.1f}% of bootstrap replicates had tpr <= fpr and were left out"
        )
    row.update(estimate=e, ci_low=lo, ci_high=hi, method=label, clipped_share=clipped,
               note="; ".join(notes))  # fmt: skip
    return row
