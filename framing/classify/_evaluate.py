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

__all__ = ["EvaluationResult", "evaluate"]

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


def _boot_scores(T, Ps: dict, rng, n_boot: int):
    """Paired bootstrap over articles: {name: (macro_f1 reps, accuracy reps, per-class f1 reps)}."""
    TP = {k: T * P for k, P in Ps.items()}
    exact = {k: (P == T).all(axis=1).astype(np.float32) for k, P in Ps.items()}
    out = {k: ([], [], []) for k in Ps}
    n = T.shape[0]
    for w in resample_weights(rng, n, n_boot, block=BOOT_BLOCK, dtype=np.float32):
        tc = w @ T
        for k, P in Ps.items():
            f1 = _f1(w @ TP[k], tc, w @ P)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows are fine
                out[k][0].append(np.nanmean(f1, axis=1))
            out[k][1].append((w @ exact[k]) / n)
            out[k][2].append(f1)
    return {k: tuple(np.concatenate(v) for v in vals) for k, vals in out.items()}


@dataclass
class EvaluationResult:
    """What :func:`evaluate` measured (every table a DataFrame).

    Attributes
    ----------
    scores : DataFrame
        ``model, metric, estimate, ci_low, ci_high, n_docs`` for the classifier and the
        Dummy baselines (metrics ``macro_f1`` and ``accuracy``; for multi-label,
        accuracy is exact-match).
    gains : DataFrame
        ``baseline, metric, estimate, ci_low, ci_high``: classifier minus baseline,
        paired bootstrap over the same resampled articles.
    per_frame : DataFrame
        ``frame, precision, recall, f1, f1_ci_low, f1_ci_high, support``.
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
    """

    scores: pd.DataFrame
    gains: pd.DataFrame
    per_frame: pd.DataFrame
    confusion: pd.DataFrame
    rates: pd.DataFrame
    learning_curve: pd.DataFrame
    predictions: pd.DataFrame
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
        if len(self.learning_curve):
            parts += [
                "",
                "Learning curve:",
                self.learning_curve.to_string(index=False, float_format=f),
            ]
        return "\n".join(parts + [""] + self.notes)


def _splits(cv, n_splits, docs, y_strat, groups, seed, notes):
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut, StratifiedKFold

    if cv == "stratified":
        counts = pd.Series(y_strat).value_counts()
        k = int(min(n_splits, max(2, counts.max())))
        if counts.min() < k:
            notes.append(
                f"{int((counts < k).sum())} frame(s) have fewer than {k} labelled articles; "
                "stratification cannot place them in every fold."
            )
        with warnings.catch_warnings():
            # sklearn warns when a class has fewer members than folds; noted above
            warnings.filterwarnings(
                "ignore", message="The least populated class", category=UserWarning
            )
            return list(
                StratifiedKFold(k, shuffle=True, random_state=seed).split(docs, y_strat)
            ), "stratified"
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
        return list(cv.split(docs, y_strat, groups)), type(cv).__name__
    return [(np.asarray(a), np.asarray(b)) for a, b in cv], "given folds"


def _fit_proba(model, docs, y, tr, te, classes):
    from sklearn.base import clone

    m = clone(model).fit(docs.iloc[tr], [y[i] for i in tr])
    p = m.predict_proba(docs.iloc[te])
    out = np.zeros((len(te), len(classes)))
    pos = {c: j for j, c in enumerate(classes)}
    for j, c in enumerate(m.classes_):
        out[:, pos[c]] = p[:, j]
    return out, m


def decide_labels(proba, multi, threshold):
    if multi:
        return (proba >= threshold).astype(np.float32)
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
    2  dummy_most_frequent  0.333333
    4     dummy_stratified  0.500000
    """
    from framing.classify._training import training_data

    docs, y = training_data(corpus, labels)
    target = _Target.of(y)
    if cv == "leave-outlets-out":
        require_columns(docs, [group], where="evaluate")
    groups = docs[group].to_numpy() if group in docs.columns else None
    notes: list[str] = []
    folds, cv_name = _splits(cv, n_splits, docs, target.y_strat, groups, seed, notes)
    threshold = getattr(model, "threshold", 0.5)
    proba, fold_of, dummies = _out_of_fold(model, docs, y, target, folds, seed)
    tested = fold_of >= 0
    T, proba = target.T[tested], proba[tested]
    P = decide_labels(proba, target.multi, threshold)
    Ps = {"classifier": P, **{name: D[tested] for name, D in dummies.items()}}
    reps = _boot_scores(T, Ps, np.random.default_rng(seed), n_boot)
    scores, gains = _score_tables(T, Ps, reps, ci)
    rates, confusion = _error_tables(T, P, target)
    curve = _learning_curve(
        model, docs, y, folds, target.classes, target.multi, threshold, learning_curve, seed,
        n_boot, ci,
    )  # fmt: skip
    return EvaluationResult(
        scores=scores,
        gains=gains,
        per_frame=_per_frame(T, P, reps, target.classes, ci),
        confusion=confusion,
        rates=rates,
        learning_curve=curve,
        predictions=_predictions(docs[tested], fold_of[tested], T, P, proba, target, group),
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
    """Out-of-fold probabilities of the model and 0/1 predictions of the two Dummy
    baselines; ``fold_of`` is -1 for an article no fold tested."""
    from sklearn.dummy import DummyClassifier

    T, multi = target.T, target.multi
    proba = np.zeros((len(y), len(target.classes)))
    fold_of = np.full(len(y), -1)
    dummies = {"dummy_most_frequent": np.zeros_like(T), "dummy_stratified": np.zeros_like(T)}
    strat = np.asarray(target.y_strat, dtype=object)
    for f, (tr, te) in enumerate(folds):
        proba[te], _ = _fit_proba(model, docs, y, tr, te, target.classes)
        fold_of[te] = f
        for name in dummies:
            d = DummyClassifier(strategy=name.split("_", 1)[1], random_state=seed + f)
            d.fit(np.zeros((len(tr), 1)), T[tr] if multi else strat[tr])
            pred = d.predict(np.zeros((len(te), 1)))
            classes = np.asarray(target.classes)
            dummies[name][te] = pred if multi else (classes[None, :] == pred[:, None])
    return proba, fold_of, dummies


def _score_tables(T, Ps: dict, reps: dict, ci: float):
    """Macro-F1 and accuracy of every model with intervals, and the classifier's paired
    gain over each baseline."""
    rows, gains = [], []
    for name, D in Ps.items():
        point_f1, _ = _macro(T, D)
        acc = float((D == T).all(axis=1).mean())
        for metric, est, r in (
            ("macro_f1", point_f1, reps[name][0]),
            ("accuracy", acc, reps[name][1]),
        ):
            lo, hi = quantile_interval(r, ci)
            rows.append(
                dict(model=name, metric=metric, estimate=est, ci_low=lo, ci_high=hi, n_docs=len(T))
            )
            if name != "classifier":
                base = next(x for x in rows if x["model"] == "classifier" and x["metric"] == metric)
                lo, hi = quantile_interval(
                    reps["classifier"][0 if metric == "macro_f1" else 1] - r, ci
                )
                gains.append(
                    dict(
                        baseline=name,
                        metric=metric,
                        estimate=base["estimate"] - est,
                        ci_low=lo,
                        ci_high=hi,
                    )
                )
    return pd.DataFrame(rows), pd.DataFrame(gains)


def _per_frame(T, P, reps: dict, classes: list, ci: float) -> pd.DataFrame:
    """Precision, recall and F1 (with its interval) of each frame."""
    from sklearn.metrics import precision_recall_fscore_support

    k = len(classes)
    prec, rec, f1, sup = precision_recall_fscore_support(
        T, P, average=None, labels=range(k), zero_division=0
    )
    f1_lo, f1_hi = (
        zip(*(quantile_interval(reps["classifier"][2][:, j], ci) for j in range(k)), strict=True)
        if k
        else ((), ())
    )
    return pd.DataFrame(
        dict(
            frame=classes,
            precision=prec,
            recall=rec,
            f1=f1,
            f1_ci_low=f1_lo,
            f1_ci_high=f1_hi,
            support=sup,
        )
    )


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
    pred["probability"] = (
        proba.max(axis=1)
        if not target.multi
        else [
            float(p[r.astype(bool)].min()) if r.any() else np.nan
            for p, r in zip(proba, P, strict=True)
        ]
    )
    return pred


def _learning_curve(model, docs, y, folds, classes, multi, threshold, fractions, seed, n_boot, ci):
    cols = ["fraction", "n_train", "macro_f1", "ci_low", "ci_high", "n_docs"]
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
            proba, _ = _fit_proba(model, docs, y, sub, te, classes)
            T = np.zeros((len(te), k), dtype=np.float32)
            for r, i in enumerate(te):
                for c in y[i] if multi else [y[i]]:
                    T[r, pos[c]] = 1.0
            T_all.append(T)
            P_all.append(decide_labels(proba, multi, threshold))
            sizes.append(len(sub))
        if not T_all:
            continue
        T, P = np.vstack(T_all), np.vstack(P_all)
        est, _ = _macro(T, P)
        reps = _boot_scores(T, {"m": P}, rng, n_boot)["m"][0]
        lo, hi = quantile_interval(reps, ci)
        rows.append(
            dict(
                fraction=frac,
                n_train=float(np.mean(sizes)),
                macro_f1=est,
                ci_low=lo,
                ci_high=hi,
                n_docs=len(T),
            )
        )
    return pd.DataFrame(rows, columns=cols)
