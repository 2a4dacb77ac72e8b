"""Calibrated probabilities and decision rules learned inside the training data
(private; see framing.classify).

:class:`~framing.classify.FrameClassifier` fits its features once on the training
texts, then runs an inner cross-validation of the linear model on them. The inner
out-of-fold scores give (1) Platt's sigmoid per frame, which turns a linear SVM's
margins into probabilities, and (2) the decision rule: a probability threshold for all
frames or one per frame (multi-label), or weights on the class probabilities
(single-label), chosen to maximise macro-F1 on those scores. The test data of an outer
evaluation are never seen.

References
----------
Platt, J. (1999). Probabilistic outputs for support vector machines and comparisons to
regularized likelihood methods. In *Advances in Large Margin Classifiers*, 61-74.
Lipton, Z. C., Elkan, C., & Naryanaswamy, B. (2014). Optimal thresholding of classifiers
to maximize F1 measure. *ECML PKDD 2014*, LNCS 8725, 225-239.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "THRESHOLDS",
    "platt_fit",
    "platt_apply",
    "tune_thresholds",
    "tune_weights",
    "macro_f1_of",
]

#: Candidate thresholds (multi-label decision rules).
THRESHOLDS = np.round(np.arange(0.02, 0.981, 0.01), 2)


def platt_fit(scores: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Platt's sigmoid ``p = 1 / (1 + exp(a * s + b))`` fitted by maximum likelihood
    with his smoothed targets ``(n+ + 1) / (n+ + 2)`` and ``1 / (n- + 2)``.

    Examples
    --------
    >>> a, b = platt_fit(np.array([-2.0, -1.0, 1.0, 2.0]), np.array([0, 0, 1, 1]))
    >>> a < 0
    True
    """
    from scipy.optimize import minimize
    from scipy.special import expit

    s = np.asarray(scores, dtype=float)
    t = np.asarray(target, dtype=bool)
    n_pos, n_neg = int(t.sum()), int((~t).sum())
    if n_pos == 0 or n_neg == 0:
        return 0.0, float(np.log((n_neg + 1.0) / (n_pos + 1.0)))
    y = np.where(t, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))

    def loss(ab):
        z = ab[0] * s + ab[1]
        # -[y log p + (1 - y) log(1 - p)] with p = 1 / (1 + e^z), stably
        value = np.logaddexp(0.0, z) - (1.0 - y) * z
        p = expit(z)  # = 1 - p_platt
        grad_z = p - (1.0 - y)
        return value.sum(), np.array([(grad_z * s).sum(), grad_z.sum()])

    start = np.array([-1.0, float(np.log((n_neg + 1.0) / (n_pos + 1.0)))])
    res = minimize(loss, start, jac=True, method="L-BFGS-B")
    return float(res.x[0]), float(res.x[1])


def platt_apply(scores: np.ndarray, params) -> np.ndarray:
    """Probabilities of score columns under their ``(a, b)`` sigmoids."""
    from scipy.special import expit

    a = np.asarray([p[0] for p in params])
    b = np.asarray([p[1] for p in params])
    return expit(-(scores * a + b))


def _f1_grid(p: np.ndarray, t: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """F1 of ``p >= threshold`` for every threshold of the grid (one frame)."""
    pred = p[:, None] >= grid[None, :]
    tp = (pred & t[:, None]).sum(axis=0)
    den = pred.sum(axis=0) + t.sum()
    return np.where(den > 0, 2.0 * tp / np.maximum(den, 1), 0.0)


def _middle_of_best(scores: np.ndarray, grid: np.ndarray) -> float:
    best = np.flatnonzero(scores >= scores.max() - 1e-12)
    return float(grid[best[len(best) // 2]])


def tune_thresholds(proba: np.ndarray, T: np.ndarray, *, per_frame: bool) -> np.ndarray:
    """Thresholds maximising macro-F1 on out-of-fold probabilities: one for all frames,
    or each frame's own F1-optimal one (the middle of a tied stretch of the grid).

    Examples
    --------
    >>> P = np.array([[0.3, 0.9], [0.2, 0.8], [0.1, 0.2], [0.35, 0.1]])
    >>> T = np.array([[1, 1], [1, 1], [0, 0], [1, 0]])
    >>> tune_thresholds(P, T, per_frame=True).tolist()
    [0.16, 0.51]
    """
    T = np.asarray(T, dtype=bool)
    k = T.shape[1]
    table = np.vstack([_f1_grid(proba[:, j], T[:, j], THRESHOLDS) for j in range(k)])
    if per_frame:
        return np.asarray([_middle_of_best(table[j], THRESHOLDS) for j in range(k)])
    return np.full(k, _middle_of_best(table.mean(axis=0), THRESHOLDS))


def macro_f1_of(T: np.ndarray, D: np.ndarray) -> float:
    """Macro-F1 of 0/1 decisions (frames neither true nor predicted are left out)."""
    tp = (T * D).sum(axis=0)
    den = T.sum(axis=0) + D.sum(axis=0)
    f1 = np.where(den > 0, 2.0 * tp / np.maximum(den, 1), np.nan)
    return float(np.nanmean(f1)) if np.isfinite(f1).any() else 0.0


def _argmax_matrix(scores: np.ndarray) -> np.ndarray:
    D = np.zeros_like(scores)
    D[np.arange(len(scores)), scores.argmax(axis=1)] = 1.0
    return D


def tune_weights(proba: np.ndarray, T: np.ndarray, *, rounds: int = 3) -> np.ndarray:
    """Weights ``w`` on the class probabilities so that the frame with the largest
    ``w * p`` maximises macro-F1 on out-of-fold probabilities (coordinate ascent over a
    log grid, ``rounds`` passes, weights scaled to a geometric mean of 1). The most
    probable frame is the start and the fallback: ties keep the weight nearest 1.

    Examples
    --------
    >>> P = np.array([[0.6, 0.4], [0.55, 0.45], [0.7, 0.3], [0.8, 0.2]])
    >>> T = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
    >>> w = tune_weights(P, T)
    >>> (P * w).argmax(axis=1).tolist()
    [1, 1, 0, 0]
    """
    T = np.asarray(T, dtype=float)
    k = proba.shape[1]
    logw = np.zeros(k)
    grid = np.linspace(-2.0, 2.0, 41)
    best = macro_f1_of(T, _argmax_matrix(proba))
    for _ in range(rounds):
        changed = False
        for j in range(k):
            scores = []
            for g in grid:
                trial = logw.copy()
                trial[j] = g
                scores.append(macro_f1_of(T, _argmax_matrix(proba * np.exp(trial))))
            scores = np.asarray(scores)
            top = np.flatnonzero(scores >= scores.max() - 1e-12)
            g = grid[top[np.argmin(np.abs(grid[top] - logw[j]))]]
            if scores.max() > best + 1e-12 and g != logw[j]:
                logw[j], best, changed = g, float(scores.max()), True
        if not changed:
            break
    logw -= logw.mean()
    return np.exp(logw)
