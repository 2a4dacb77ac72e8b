"""Cross-validation folds that keep every frame's share: stratified k-fold for one frame
per article, iterative stratification for several (private; see framing.classify).

References
----------
Sechidis, K., Tsoumakas, G., & Vlahavas, I. (2011). On the stratification of
multi-label data. *ECML PKDD 2011*, LNCS 6913, 145-158 (Algorithm 1, "iterative
stratification").
"""

from __future__ import annotations

import warnings

import numpy as np

__all__ = ["iterative_folds", "stratified_folds"]


def iterative_folds(Y, n_splits: int, *, seed=0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Multi-label k-fold by iterative stratification (Sechidis et al. 2011).

    The rarest label still to place goes first: each of its articles joins the fold
    that most lacks that label (ties: the fold that most lacks articles, then at
    random), and every fold's remaining demand for the article's other labels drops.
    Articles without any label fill the folds that most lack articles.

    Parameters
    ----------
    Y : array of shape (n_articles, n_frames)
        0/1 label matrix.
    n_splits : int
    seed : int or numpy Generator

    Returns
    -------
    list of (train, test) index arrays, test sets partitioning the articles.

    Examples
    --------
    >>> Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [1, 1]])
    >>> [sorted(te.tolist()) for _, te in iterative_folds(Y, 2, seed=0)]
    [[0, 3, 4], [1, 2, 5]]
    """
    Y = np.asarray(Y, dtype=bool)
    n, q = Y.shape
    rng = np.random.default_rng(seed)
    want = np.full(n_splits, n / n_splits)  # articles each fold still lacks
    want_label = np.outer(np.full(n_splits, 1.0 / n_splits), Y.sum(axis=0))  # folds x labels
    fold = np.full(n, -1)
    left = Y.copy()
    while left.any():
        counts = left.sum(axis=0)
        counts = np.where(counts > 0, counts, n + 1)
        least = np.flatnonzero(counts == counts.min())
        label = int(rng.choice(least)) if len(least) > 1 else int(least[0])
        for i in rng.permutation(np.flatnonzero(left[:, label])):
            best = _argmax_ties(want_label[:, label], want, rng)
            fold[i] = best
            want_label[best] -= Y[i]
            want[best] -= 1
            left[i] = False
    for i in rng.permutation(np.flatnonzero(fold < 0)):
        best = _argmax_ties(want, want, rng)
        fold[i] = best
        want[best] -= 1
    idx = np.arange(n)
    return [(idx[fold != k], idx[fold == k]) for k in range(n_splits)]


def _argmax_ties(primary, secondary, rng) -> int:
    top = np.flatnonzero(primary == primary.max())
    if len(top) > 1:
        sec = secondary[top]
        top = top[sec == sec.max()]
    return int(rng.choice(top)) if len(top) > 1 else int(top[0])


def stratified_folds(y, n_splits: int, *, seed=0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffled stratified k-fold of single labels (scikit-learn's ``StratifiedKFold``);
    a frame with fewer articles than folds is spread as far as it goes, silently, and
    there are no more folds than the largest frame has articles (shuffled k-fold when
    no frame has two).

    Examples
    --------
    >>> [len(te) for _, te in stratified_folds(["a", "a", "b", "b", "c"], 5)]
    [3, 2]
    """
    from sklearn.model_selection import KFold, StratifiedKFold

    y = np.asarray(y, dtype=object)
    largest = max(np.unique(y, return_counts=True)[1], default=0)
    k = int(min(n_splits, largest, len(y)))
    if k < 2:
        return list(KFold(min(n_splits, len(y)), shuffle=True, random_state=seed).split(y))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        splitter = StratifiedKFold(k, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(y)), y))
