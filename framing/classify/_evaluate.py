"""Cross-validated evaluation of frame classifiers (private; see framing.classify).

References
----------
Efron, B., & Tibshirani, R. J. (1993). *An introduction to the bootstrap*. Chapman &
Hall (percentile intervals).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import quantile_interval, resample_weights

__all__ = ["EvaluationResult", "evaluate", "decide_labels", "reliability_table"]

#: bootstrap replicates per matrix product (bounds memory on large corpora)
BOOT_BLOCK = 100


def _f1(tp, tc, pc):
    """Per-class F1; NaN where a class is neither true nor predicted (left out of the
    macro mean, as scikit-learn's f1_score leaves out labels absent from both)."""
    den = tc + pc
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, 2.0 * tp / den, np.nan)


def _macro(T, P):
    tp = (T * P).sum(axis=0)
    f1 = _f1(tp, T.sum(axis=0), P.sum(axis=0))
    return float(np.nanmean(f1)), f1


@dataclass
class _Reps:
    """Bootstrap replicates of one model's scores (rows: replicates)."""

    macro_f1: np.ndarray
    accuracy: np.ndarray
    f1: np.ndarray  # replicates x frames
    micro_f1: np.ndarray
    precision: np.ndarray  # replicates x frames
    recall: np.ndarray  # replicates x frames

    def metric(self, name: str) -> np.ndarray:
        return getattr(self, name)


def _boot_scores(T, Ps: dict, rng, n_boot: int) -> dict:
    """Paired bootstrap over articles: {name: _Reps} (the same resampled articles for
    every model)."""
    TP = {k: T * P for k, P in Ps.items()}
    exact = {k: (P == T).all(axis=1).astype(np.float32) for k, P in Ps.items()}
    out = {k: ([], [], [], [], [], []) for k in Ps}
    n = T.shape[0]
    for w in resample_weights(rng, n, n_boot, block=BOOT_BLOCK, dtype=np.float32):
        tc = w @ T
        for k, P in Ps.items():
            tp, pc = w @ TP[k], w @ P
            f1 = _f1(tp, tc, pc)
            with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows are fine
                out[k][0].append(np.nanmean(f1, axis=1))
                tps, den = tp.sum(axis=1), tc.sum(axis=1) + pc.sum(axis=1)
                out[k][3].append(np.where(den > 0, 2.0 * tps / den, np.nan))
                out[k][4].append(np.where(pc > 0, tp / pc, np.nan))
                out[k][5].append(np.where(tc > 0, tp / tc, np.nan))
            out[k][1].append((w @ exact[k]) / n)
            out[k][2].append(f1)
    return {k: _Reps(*(np.concatenate(v) for v in vals)) for k, vals in out.items()}


def _micro(T, P) -> float:
    tp = float((T * P).sum())
    den = float(T.sum() + P.sum())
    return 2.0 * tp / den if den > 0 else float("nan")


@dataclass
class EvaluationResult:
    """What :func:`evaluate` measured (every table a DataFrame).

    Attributes
    ----------
    scores : DataFrame
        ``model, metric, estimate, ci_low, ci_high, n_docs`` for the classifier and the
        baselines (metrics ``macro_f1``, ``micro_f1`` and ``accuracy``; for
        multi-label, accuracy is exact-match; for the classifier also ``brier``, the
        mean squared error of its out-of-fold probabilities over articles x frames).
        Baselines: Dummy ``most_frequent`` and ``stratified``; multi-label adds
        ``most_frequent_frames`` (the m most frequent training frames for every
        article, m the mean number of frames per training article, rounded, at least
        1) and ``every_frame`` (every frame for every article: the F1-optimal rule of a
        classifier that knows nothing, Lipton et al. 2014).
    gains : DataFrame
        ``baseline, metric, estimate, ci_low, ci_high``: classifier minus baseline,
        paired bootstrap over the same resampled articles.
    per_frame : DataFrame
        ``frame, precision, precision_ci_low, precision_ci_high, recall, recall_ci_low,
        recall_ci_high, f1, f1_ci_low, f1_ci_high, support, brier``.
    confusion : DataFrame
        Single-label: true frames (rows) x predicted frames (columns), counts.
        Multi-label: ``frame, tp, fp, fn, tn``.
    rates : DataFrame
        ``frame, tpr, fpr, n_pos, n_neg`` of the out-of-fold predictions (for
        :func:`prevalence` with ``method="acc"``).
    learning_curve : DataFrame
        ``fraction, n_train, macro_f1, ci_low, ci_high, n_docs``.
    predictions : DataFrame
        ``doc_id, fold, true, predicted, probability`` (+ ``outlet``), out of fold.
    probabilities : DataFrame
        ``doc_id, fold, frame, probability, true, predicted``: every out-of-fold
        probability (one row per article and frame).
    calibration : DataFrame
        Reliability table of the out-of-fold probabilities: ``frame`` (``"all"``
        pools the frames), ``bin, lower, upper, n, mean_probability, observed,
        ci_low, ci_high`` (Wilson interval of the observed share).
    """

    scores: pd.DataFrame
    gains: pd.DataFrame
    per_frame: pd.DataFrame
    confusion: pd.DataFrame
    rates: pd.DataFrame
    learning_curve: pd.DataFrame
    predictions: pd.DataFrame
    probabilities: pd.DataFrame = field(default_factory=pd.DataFrame)
    calibration: pd.DataFrame = field(default_factory=pd.DataFrame)
    cv: str = ""
    n_docs: int = 0
    classes: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        row = self.scores[
            (self.scores["model"] == "classifier") & (self.scores["metric"] == "macro_f1")
        ]
        f1 = (
            ""
            if row.empty
            else " macro_f1={:.3f} [{:.3f}, {:.3f}]".format(
                *row.iloc[0][["estimate", "ci_low", "ci_high"]]
            )
        )
        return f"EvaluationResult(cv={self.cv!r}, n_docs={self.n_docs}, frames={len(self.classes)}{f1})"

    def summary(self) -> str:
        """A plain-text report (used by ``framing classify evaluate``)."""
        f = lambda v: f"{v:.3f}"  # noqa: E731
        parts = [
            f"Cross-validation: {self.cv}; {self.n_docs} labelled articles, {len(self.classes)} frames.",
            "",
            self.scores.to_string(index=False, float_format=f),
            "",
            "Classifier minus baseline (paired bootstrap):",
            self.gains.to_string(index=False, float_format=f),
            "",
            self.per_frame.to_string(index=False, float_format=f),
        ]
        if len(self.calibration):
            pooled = self.calibration[self.calibration["frame"] == "all"]
            parts += [
                "",
                "Calibration (all frames pooled; observed share of articles with the frame):",
                pooled.drop(columns=["frame"]).to_string(index=False, float_format=f),
            ]
        if len(self.learning_curve):
            parts += [
                "",
                "Learning curve:",
                self.learning_curve.to_string(index=False, float_format=f),
            ]
        return "\n".join(parts + [""] + self.notes)


def _splits(cv, n_splits, docs, target, groups, seed, notes):
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    from framing.classify._folds import iterative_folds, stratified_folds

    y_strat = target.y_strat
    if cv == "stratified":
        counts = target.T.sum(axis=0)
        k = int(min(n_splits, len(docs)))
        if not target.multi:
            k = int(min(k, max(2, counts.max())))
        small = [c for c, v in zip(target.classes, counts, strict=True) if v < k]
        if small:
            notes.append(
                f"{len(small)} frame(s) have fewer than {k} labelled articles "
                f"({', '.join(map(str, small))}); stratification cannot place them in every fold."
            )
        if target.multi:
            return iterative_folds(target.T, k, seed=seed), "iterative stratification"
        return stratified_folds(y_strat, k, seed=seed), "stratified"
    if cv == "leave-outlets-out":
        n_groups = len(set(groups))
        if n_groups < 2:
            from framing.errors import ModelError

            raise ModelError(
                "evaluate: leave-outlets-out needs at least two outlets.", value=n_groups
            )
        splitter = LeaveOneGroupOut() if n_groups <= n_splits else GroupKFold(n_splits)
        return list(
            splitter.split(docs, groups=groups)
        ), f"leave-outlets-out ({type(splitter).__name__})"
    if isinstance(cv, str):
        from framing.errors import ModelError

        raise ModelError(
            f"evaluate: cv must be 'stratified', 'leave-outlets-out', a splitter or a list of "
            f"(train, test) index arrays; got {cv!r}.",
            field="cv",
            value=cv,
        )
    if hasattr(cv, "split"):
        return list(cv.split(docs, target.T if target.multi else y_strat, groups)), type(
            cv
        ).__name__
    return [(np.asarray(a), np.asarray(b)) for a, b in cv], "given folds"


def _fit_proba(model, docs, y, tr, te, classes):
    """Fit a clone on ``tr``; its probabilities and decisions on ``te`` as
    (articles x ``classes``) matrices."""
    from sklearn.base import clone

    m = clone(model).fit(docs.iloc[tr], [y[i] for i in tr])
    p = m.predict_proba(docs.iloc[te])
    d = model_decisions(m, p)
    out = np.zeros((len(te), len(classes)))
    dec = np.zeros((len(te), len(classes)), dtype=np.float32)
    pos = {c: j for j, c in enumerate(classes)}
    for j, c in enumerate(m.classes_):
        out[:, pos[c]] = p[:, j]
        dec[:, pos[c]] = d[:, j]
    return out, dec


def model_decisions(model, proba) -> np.ndarray:
    """A fitted model's 0/1 decisions over its ``classes_`` for probabilities ``proba``:
    its own rule (:meth:`~framing.classify.FrameClassifier.decide`: tuned per-frame
    thresholds or frame weights) when it has one, else :func:`decide_labels` with its
    ``threshold`` (0.5 when it has none)."""
    if hasattr(model, "decide"):
        return np.asarray(model.decide(proba), dtype=np.float32)
    multi = bool(getattr(model, "multilabel_", False))
    return decide_labels(np.asarray(proba, dtype=float), multi, getattr(model, "threshold", 0.5))


def decide_labels(proba, multi, threshold):
    """0/1 decisions: ``proba >= threshold`` (a number, or one per frame) when
    multi-label, else the most probable frame. A fitted FrameClassifier's own rule is
    its :meth:`~framing.classify.FrameClassifier.decide`."""
    if multi:
        return (np.asarray(proba) >= np.asarray(threshold, dtype=float)).astype(np.float32)
    D = np.zeros_like(proba, dtype=np.float32)
    D[np.arange(len(proba)), proba.argmax(axis=1)] = 1.0
    return D


def evaluate(
    model,
    corpus: pd.DataFrame,
    labels,
    *,
    cv="stratified",
    n_splits: int = 5,
    group: str = "outlet",
    seed: int = 0,
    n_boot: int = 1000,
    ci: float = 0.95,
    learning_curve=(0.2, 0.4, 0.6, 0.8, 1.0),
) -> EvaluationResult:
    """Cross-validate a frame classifier against Dummy baselines.

    Out-of-fold predictions of every fold are pooled; macro-F1 and accuracy get a
    percentile bootstrap interval over articles, and the classifier's gain over each
    baseline a paired bootstrap interval (same resampled articles for both).

    Parameters
    ----------
    model : FrameClassifier
        An unfitted model (cloned for each fold).
    corpus : pandas.DataFrame
        Articles with ``doc_id``, ``text`` (+ ``title``) and, for leave-outlets-out,
        the ``group`` column.
    labels : pandas.DataFrame or pandas.Series
        Gold labels ``doc_id, frame`` (:func:`framing.annotate.gold_labels`).
    cv : "stratified", "leave-outlets-out", splitter or list of (train, test)
        Stratified k-fold (shuffled with ``seed``), or whole outlets held out
        (LeaveOneGroupOut when there are at most ``n_splits`` outlets, else
        GroupKFold): a model that learned outlet style instead of frames drops here.
    n_splits : int, default 5
    group : str, default "outlet"
    seed : int, default 0
    n_boot : int, default 1000
    ci : float, default 0.95
    learning_curve : sequence of float or None
        Shares of each training fold to train on; None skips the curve.

    Returns
    -------
    EvaluationResult

    Examples
    --------
    >>> from framing.classify import FrameClassifier
    >>> docs = pd.DataFrame({"doc_id": [str(i) for i in range(12)],
    ...                      "text": ["truce and ceasefire", "tariffs and prices"] * 6})
    >>> labels = pd.DataFrame({"doc_id": docs["doc_id"], "frame": ["peace", "economic"] * 6})
    >>> r = evaluate(FrameClassifier(), docs, labels, n_splits=3, n_boot=50, learning_curve=None)
    >>> r.scores.loc[r.scores["metric"] == "macro_f1", ["model", "estimate"]]
                     model  estimate
    0           classifier  1.000000
    4  dummy_most_frequent  0.333333
    7     dummy_stratified  0.500000
    """
    from framing.classify._training import training_data

    docs, y = training_data(corpus, labels)
    target = _Target.of(y)
    if cv == "leave-outlets-out":
        require_columns(docs, [group], where="evaluate")
    groups = docs[group].to_numpy() if group in docs.columns else None
    notes: list[str] = []
    folds, cv_name = _splits(cv, n_splits, docs, target, groups, seed, notes)
    proba, P, fold_of, dummies = _out_of_fold(model, docs, y, target, folds, seed)
    tested = fold_of >= 0
    T, proba, P = target.T[tested], proba[tested], P[tested]
    Ps = {"classifier": P, **{name: D[tested] for name, D in dummies.items()}}
    reps = _boot_scores(T, Ps, np.random.default_rng(seed), n_boot)
    scores, gains = _score_tables(T, Ps, reps, ci, proba)
    rates, confusion = _error_tables(T, P, target)
    curve = _learning_curve(
        model, docs, y, folds, target.classes, target.multi, learning_curve, seed, n_boot, ci
    )
    tested_docs = docs[tested]
    return EvaluationResult(
        scores=scores,
        gains=gains,
        per_frame=_per_frame(T, P, proba, reps, target.classes, ci),
        confusion=confusion,
        rates=rates,
        learning_curve=curve,
        predictions=_predictions(tested_docs, fold_of[tested], T, P, proba, target, group),
        probabilities=_probabilities(tested_docs, fold_of[tested], T, P, proba, target),
        calibration=reliability_table(T, proba, target.classes, ci=ci),
        cv=cv_name,
        n_docs=int(tested.sum()),
        classes=list(target.classes),
        notes=notes,
    )


# -- the steps of evaluate ------------------------------------------------------------
@dataclass
class _Target:
    """The gold labels as a (articles x frames) 0/1 matrix, and the label used to
    stratify folds (the first frame of a multi-label article)."""

    multi: bool
    classes: list
    T: np.ndarray
    y_strat: list

    @classmethod
    def of(cls, y) -> _Target:
        multi = bool(len(y)) and isinstance(y[0], list)
        classes = sorted({c for v in y for c in v}) if multi else sorted(set(y))
        pos = {c: j for j, c in enumerate(classes)}
        T = np.zeros((len(y), len(classes)), dtype=np.float32)
        for i, v in enumerate(y):
            for c in v if multi else [v]:
                T[i, pos[c]] = 1.0
        y_strat = [v[0] if v else "" for v in y] if multi else list(y)
        return cls(multi, classes, T, y_strat)


def _out_of_fold(model, docs, y, target: _Target, folds, seed):
    """Out-of-fold probabilities and decisions of the model, and 0/1 predictions of the
    baselines; ``fold_of`` is -1 for an article no fold tested."""
    from sklearn.dummy import DummyClassifier

    T, multi = target.T, target.multi
    proba = np.zeros((len(y), len(target.classes)))
    P = np.zeros_like(T)
    fold_of = np.full(len(y), -1)
    names = ["dummy_most_frequent", "dummy_stratified"]
    if multi:
        names += ["most_frequent_frames", "every_frame"]
    dummies = {name: np.zeros_like(T) for name in names}
    strat = np.asarray(target.y_strat, dtype=object)
    classes = np.asarray(target.classes)
    for f, (tr, te) in enumerate(folds):
        proba[te], P[te] = _fit_proba(model, docs, y, tr, te, target.classes)
        fold_of[te] = f
        for name in names[:2]:
            d = DummyClassifier(strategy=name.split("_", 1)[1], random_state=seed + f)
            d.fit(np.zeros((len(tr), 1)), T[tr] if multi else strat[tr])
            pred = d.predict(np.zeros((len(te), 1)))
            dummies[name][te] = pred if multi else (classes[None, :] == pred[:, None])
        if multi:
            m = max(1, int(round(float(T[tr].sum(axis=1).mean()))))
            top = np.argsort(-T[tr].sum(axis=0), kind="stable")[:m]
            dummies["most_frequent_frames"][np.ix_(te, top)] = 1.0
            dummies["every_frame"][te] = 1.0
    return proba, P, fold_of, dummies


def _score_tables(T, Ps: dict, reps: dict, ci: float, proba):
    """Macro-F1, micro-F1 and accuracy of every model with intervals (and the
    classifier's Brier score), and the classifier's paired gain over each baseline."""
    rows, gains = [], []
    metrics = ("macro_f1", "micro_f1", "accuracy")
    for name, D in Ps.items():
        point = {
            "macro_f1": _macro(T, D)[0],
            "micro_f1": _micro(T, D),
            "accuracy": float((D == T).all(axis=1).mean()),
        }
        for metric in metrics:
            r = reps[name].metric(metric)
            lo, hi = quantile_interval(r, ci)
            rows.append(
                dict(
                    model=name,
                    metric=metric,
                    estimate=point[metric],
                    ci_low=lo,
                    ci_high=hi,
                    n_docs=len(T),
                )
            )
            if name != "classifier":
                base = next(x for x in rows if x["model"] == "classifier" and x["metric"] == metric)
                lo, hi = quantile_interval(reps["classifier"].metric(metric) - r, ci)
                gains.append(
                    dict(
                        baseline=name,
                        metric=metric,
                        estimate=base["estimate"] - point[metric],
                        ci_low=lo,
                        ci_high=hi,
                    )
                )
        if name == "classifier" and len(T):
            err = ((proba - T) ** 2).mean(axis=1)
            boot = _mean_boot(err, len(reps[name].accuracy), ci)
            rows.append(
                dict(
                    model=name,
                    metric="brier",
                    estimate=float(err.mean()),
                    ci_low=boot[0],
                    ci_high=boot[1],
                    n_docs=len(T),
                )
            )
    return pd.DataFrame(rows), pd.DataFrame(gains)


def _mean_boot(values: np.ndarray, n_boot: int, ci: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    reps = np.concatenate(
        [
            (w @ values) / len(values)
            for w in resample_weights(rng, len(values), max(n_boot, 1), block=BOOT_BLOCK)
        ]
    )
    return quantile_interval(reps, ci)


def _per_frame(T, P, proba, reps: dict, classes: list, ci: float) -> pd.DataFrame:
    """Precision, recall and F1 of each frame with bootstrap intervals, and its Brier score."""
    from sklearn.metrics import precision_recall_fscore_support

    k = len(classes)
    prec, rec, f1, sup = precision_recall_fscore_support(
        T, P, average=None, labels=range(k), zero_division=0
    )
    r = reps["classifier"]
    out = {"frame": classes}
    for name, point, rep in (("precision", prec, r.precision), ("recall", rec, r.recall),
                             ("f1", f1, r.f1)):  # fmt: skip
        bounds = [quantile_interval(rep[:, j], ci) for j in range(k)]
        out[name] = point
        out[f"{name}_ci_low"] = [b[0] for b in bounds]
        out[f"{name}_ci_high"] = [b[1] for b in bounds]
    out["support"] = sup
    out["brier"] = ((proba - T) ** 2).mean(axis=0) if len(T) else np.full(k, np.nan)
    return pd.DataFrame(out)


def reliability_table(T, proba, classes, *, n_bins: int = 10, ci: float = 0.95) -> pd.DataFrame:
    """Observed share of articles with a frame per bin of predicted probability, per
    frame and pooled over frames (``frame == "all"``), with Wilson intervals.

    Examples
    --------
    >>> T = np.array([[1.0], [0.0], [1.0], [0.0]])
    >>> p = np.array([[0.9], [0.1], [0.8], [0.3]])
    >>> reliability_table(T, p, ["x"], n_bins=2)[["frame", "bin", "n", "observed"]]
      frame  bin  n  observed
    0     x    0  2       0.0
    1     x    1  2       1.0
    2   all    0  2       0.0
    3   all    1  2       1.0
    """
    from framing._shared.resample import wilson_bounds

    edges = np.linspace(0.0, 1.0, n_bins + 1)
    rows = []
    cols = [(str(c), T[:, j], proba[:, j]) for j, c in enumerate(classes)]
    cols.append(("all", np.ravel(T), np.ravel(proba)))
    for frame, t, p in cols:
        b = np.clip(np.digitize(p, edges[1:-1]), 0, n_bins - 1)
        for k in range(n_bins):
            m = b == k
            n = int(m.sum())
            if not n:
                continue
            hits = int(t[m].sum())
            lo, hi = wilson_bounds(np.float64(hits), np.float64(n), ci)
            rows.append(
                dict(
                    frame=frame,
                    bin=k,
                    lower=edges[k],
                    upper=edges[k + 1],
                    n=n,
                    mean_probability=float(p[m].mean()),
                    observed=hits / n,
                    ci_low=float(lo),
                    ci_high=float(hi),
                )
            )
    return pd.DataFrame(
        rows,
        columns=["frame", "bin", "lower", "upper", "n", "mean_probability", "observed",
                 "ci_low", "ci_high"],
    )  # fmt: skip


def _error_tables(T, P, target: _Target):
    """Per-frame true and false positive rates (for adjusted prevalence) and the
    confusion table (counts per frame when multi-label, true x predicted otherwise)."""
    classes = target.classes
    tp, fp = (T * P).sum(0), ((1 - T) * P).sum(0)
    fn, tn = (T * (1 - P)).sum(0), ((1 - T) * (1 - P)).sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = pd.DataFrame(
            dict(
                frame=classes,
                tpr=tp / (tp + fn),
                fpr=fp / (fp + tn),
                n_pos=(tp + fn).astype(int),
                n_neg=(fp + tn).astype(int),
            )
        )
    if target.multi:
        confusion = pd.DataFrame(dict(frame=classes, tp=tp, fp=fp, fn=fn, tn=tn)).astype(
            {c: int for c in ("tp", "fp", "fn", "tn")}
        )
    else:
        confusion = pd.DataFrame(
            T.T @ P,
            index=pd.Index(classes, name="true"),
            columns=pd.Index(classes, name="predicted"),
        ).astype(int)
    return rates, confusion


def _predictions(docs, fold_of, T, P, proba, target: _Target, group: str) -> pd.DataFrame:
    """One row per tested article: its fold, true and predicted frames, probability."""
    names = np.asarray(target.classes, dtype=object)
    sub = docs.reset_index(drop=True)
    pred = pd.DataFrame({"doc_id": sub["doc_id"], "fold": fold_of})
    if group in sub.columns:
        pred[group] = sub[group]
    pred["true"] = [";".join(names[r.astype(bool)]) for r in T]
    pred["predicted"] = [";".join(names[r.astype(bool)]) for r in P]
    if target.multi:  # the least probable of the predicted frames
        pred["probability"] = [
            float(p[r.astype(bool)].min()) if r.any() else np.nan
            for p, r in zip(proba, P, strict=True)
        ]
    else:  # the probability of the predicted frame
        pred["probability"] = proba[np.arange(len(proba)), P.argmax(axis=1)]
    return pred


def _probabilities(docs, fold_of, T, P, proba, target: _Target) -> pd.DataFrame:
    """Every out-of-fold probability: one row per tested article and frame."""
    k = len(target.classes)
    return pd.DataFrame(
        {
            "doc_id": np.repeat(docs["doc_id"].to_numpy(), k),
            "fold": np.repeat(fold_of, k),
            "frame": np.tile(np.asarray(target.classes, dtype=object), len(T)),
            "probability": proba.ravel(),
            "true": T.ravel().astype(int),
            "predicted": P.ravel().astype(int),
        }
    )


def _learning_curve(model, docs, y, folds, classes, multi, fractions, seed, n_boot, ci):
    cols = ["fraction", "n_train", "macro_f1", "ci_low", "ci_high", "micro_f1", "n_docs"]
    if not fractions:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    k, pos = len(classes), {c: j for j, c in enumerate(classes)}
    rows = []
    for frac in fractions:
        T_all, P_all, sizes = [], [], []
        for tr, te in folds:
            m = max(2, int(round(frac * len(tr))))
            sub = np.sort(rng.permutation(tr)[:m]) if frac < 1 else tr
            if len({c for i in sub for c in (y[i] if multi else [y[i]])}) < 2:
                continue
            _, dec = _fit_proba(model, docs, y, sub, te, classes)
            T = np.zeros((len(te), k), dtype=np.float32)
            for r, i in enumerate(te):
                for c in y[i] if multi else [y[i]]:
                    T[r, pos[c]] = 1.0
            T_all.append(T)
            P_all.append(dec)
            sizes.append(len(sub))
        if not T_all:
            continue
        T, P = np.vstack(T_all), np.vstack(P_all)
        est, _ = _macro(T, P)
        reps = _boot_scores(T, {"m": P}, rng, n_boot)["m"].macro_f1
        lo, hi = quantile_interval(reps, ci)
        rows.append(
            dict(
                fraction=frac,
                n_train=float(np.mean(sizes)),
                macro_f1=est,
                ci_low=lo,
                ci_high=hi,
                micro_f1=_micro(T, P),
                n_docs=len(T),
            )
        )
    return pd.DataFrame(rows, columns=cols)
