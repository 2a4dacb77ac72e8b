"""The frame classifier: TF-IDF word/character n-grams (+ lexicon scores), a linear model
with calibrated probabilities, and a decision rule tuned inside the training data."""

from __future__ import annotations

import hashlib
import warnings

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from framing._shared.checks import require_columns
from framing.errors import ModelError

__all__ = ["FrameClassifier", "as_texts"]


def as_texts(X, *, use_title: bool = True) -> list[str]:
    """Texts from a list/Series of strings or an articles table (``text`` [+ ``title``]).

    Examples
    --------
    >>> as_texts(pd.DataFrame({"title": ["Truce"], "text": ["A ceasefire held."]}))
    ['Truce\\n\\nA ceasefire held.']
    """
    if isinstance(X, pd.DataFrame):
        require_columns(
            X, ["text"], where="FrameClassifier", hint="Pass articles or a list of texts."
        )
        text = X["text"].fillna("").astype(str)
        if use_title and "title" in X.columns:
            text = X["title"].fillna("").astype(str) + "\n\n" + text
        return text.tolist()
    if isinstance(X, str):
        raise ModelError(
            "FrameClassifier: got one string; pass a list of texts or an articles table.", value=X
        )
    seq = X.tolist() if hasattr(X, "tolist") else list(X)
    return ["" if v is None else str(v) for v in seq]


def _is_multilabel_target(y) -> bool:
    if isinstance(y, pd.DataFrame):
        return True
    arr = y if isinstance(y, np.ndarray) else None
    if arr is not None and arr.ndim == 2:
        return True
    first = next(iter(y), None)
    return isinstance(first, (list, tuple, set, frozenset))


_FEATURES = ("words", "chars", "words+chars")
_MODELS = ("logistic", "svm")
_DECISIONS = ("fixed", "tuned", "per_frame")
_DEFAULT_C = {"logistic": 3.0, "svm": 0.5}
#: Training sets of at least this many articles are "large": the ``"auto"`` options
#: (``ngram_range``, ``min_df``, ``inner_cv``) switch to word uni+bigrams, ``min_df=5``
#: and 2 inner folds (bench/RESULTS.md, "Word bigrams made cheap (issue 18, round 2)").
LARGE_TRAINING_SET = 5_000
#: The ``"auto"`` options: (value below LARGE_TRAINING_SET articles, value from it on).
AUTO = {
    "ngram_range": ((1, 1), (1, 2)),
    "min_df": (2, 5),
    "inner_cv": (5, 2),
    "tol": (1e-4, 0.1),
}


def resolve_auto(name: str, value, n_train: int):
    """The value of an option for ``n_train`` training articles (``"auto"`` resolved).

    Examples
    --------
    >>> resolve_auto("ngram_range", "auto", 300), resolve_auto("ngram_range", "auto", 28_000)
    ((1, 1), (1, 2))
    >>> resolve_auto("min_df", 3, 28_000)
    3
    """
    if isinstance(value, str) and value == "auto":
        return AUTO[name][int(n_train >= LARGE_TRAINING_SET)]
    return tuple(value) if name == "ngram_range" else value


def _corpus_language(X, texts) -> str:
    """The most common language of the training articles: their ``lang`` column, or
    stop-word detection on (at most 200 of) the texts."""
    from framing.text import detect_language, language_of

    if isinstance(X, pd.DataFrame) and "lang" in X.columns and len(X):
        langs = language_of(X)
    else:
        step = max(1, len(texts) // 200)
        langs = pd.Series(detect_language(texts[::step]), dtype=object)
    return str(langs.value_counts().idxmax()) if len(langs) else "en"


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF word (and character) n-grams, optional lexicon scores, and a linear model
    with calibrated probabilities and a decision rule tuned inside the training data.

    Parameters
    ----------
    features : {"words", "chars", "words+chars"}, default "words"
        TF-IDF blocks over the kit's tokens (:class:`TextFeatures`): word n-grams
        (``ngram_range``), character n-grams inside words (``char_range``), or both.
    ngram_range : tuple of int or "auto", default "auto"
        Word n-gram sizes. ``"auto"``: unigrams ``(1, 1)``, and uni+bigrams ``(1, 2)``
        when the training set has at least ``LARGE_TRAINING_SET`` (5,000) articles
        (bigrams lost on the small coded samples and won on AllSides from 1,000
        training articles on; bench/RESULTS.md). The range used is ``ngram_range_``.
    char_range : tuple of int, default (2, 5)
        Character n-gram sizes (with ``features`` "chars" or "words+chars").
    min_df : int, float or "auto", default "auto"
        Ignore n-grams in fewer documents (a float: a share of them; 2 suits a few
        hundred coded articles). ``"auto"``: 2, and 5 from ``LARGE_TRAINING_SET``
        training articles on (with bigrams on AllSides: 2.7 times fewer features, and
        macro-F1 on ``valid.tsv`` 0.891 against 0.887). The value used is ``min_df_``.
    max_df : float, default 0.9
        Ignore n-grams in a larger share of documents.
    max_features : int, optional
        Keep only the most frequent n-grams (per block).
    sublinear_tf : bool, default True
        ``1 + log(tf)`` instead of raw counts.
    language : str, default "auto"
        Language of the texts: a code or English name (:data:`framing.text.LANGUAGES`),
        or ``"auto"``: the most common value of the training articles' ``lang`` column,
        else detected from the texts (:func:`framing.text.detect_language`). It picks
        the token rule and the Snowball stemmer.
    stem : bool or "auto", default "auto"
        Stem word features with nltk's Snowball stemmer of the language; ``"auto"``
        stems every language but English.
    lexicon : str, Lexicon or None, default None
        Also feed dictionary rates (per 1,000 tokens, scaled to [0, 1]) of this
        lexicon (e.g. ``"topic_frames"``, whose categories match the demo codebook).
    model : {"svm", "logistic"}, default "svm"
        A linear SVM whose margins are turned into probabilities by Platt's sigmoid
        fitted on inner cross-validation scores, or a logistic regression (the kit's
        model before 0.2).
    C : float, optional
        Inverse regularisation strength; None: 3.0 for "logistic", 0.5 for "svm".
    class_weight : {"balanced", None}, default "balanced"
        Weight frames inversely to their frequency.
    multi_label : {"auto", True, False}, default "auto"
        ``"auto"``: multi-label when ``y`` holds lists/sets of frames or is a 0/1
        matrix (DataFrame columns name the frames).
    decision : {"per_frame", "tuned", "fixed"}, default "per_frame"
        How probabilities become frames. ``"fixed"``: ``threshold`` (multi-label) or
        the most probable frame (single-label). ``"tuned"``: one threshold for all
        frames (multi-label), or weights on the frame probabilities (single-label,
        i.e. adjusted class priors), chosen to maximise macro-F1 on inner
        cross-validation of the training data. ``"per_frame"``: one tuned threshold
        per frame (multi-label; single-label as ``"tuned"``).

        The defaults were chosen by nested cross-validation (bench/classify_nested.py,
        bench/RESULTS.md): tuned decisions raised macro-F1 on the Narrative Frames
        Corpus from 0.448 to 0.576 (paired bootstrap interval above 0); word unigrams
        did as well as bigrams, character n-grams or lexicon features on the small
        coded samples. With 28,000 training articles (AllSides), the ``"auto"``
        options switch to uni+bigrams, ``min_df=5``, 2 inner folds and ``tol=0.1``:
        macro-F1 0.829 against 0.780 for the previous default (+0.048 [+0.031,
        +0.067]), training and predicting no slower per 10,000 articles.
    threshold : float, default 0.5
        Probability above which a frame is predicted with ``decision="fixed"``.
    inner_cv : int or "auto", default "auto"
        Folds of the inner cross-validation (used by ``model="svm"`` and tuned
        decisions; stratified, iteratively for multi-label). ``"auto"``: 5, or 2 from
        ``LARGE_TRAINING_SET`` training articles on, where two halves give ample
        out-of-fold scores for a sigmoid and the weights or thresholds per frame at less
        than half the cost. The number used is ``inner_cv_``.
    use_title : bool, default True
        Prepend ``title`` to ``text`` when X is an articles table.
    max_iter : int, default 2000
    tol : float or "auto", default "auto"
        Stopping tolerance of the linear model's solver. ``"auto"``: 1e-4
        (scikit-learn's default), and 0.1 (LIBLINEAR's own default for its dual
        solvers; Fan et al., 2008) from ``LARGE_TRAINING_SET`` training articles on,
        where it fitted the SVM in 0.7 times the time with equal macro-F1 on AllSides
        ``valid.tsv`` (0.891 at 1e-4, 1e-3 and 0.1, 0.892 at 1e-2). The value used is
        ``tol_``.
    random_state : int or None, default 0

    Attributes
    ----------
    classes_ : ndarray of str
        The frames.
    multilabel_ : bool
    language_ : str
        The language the features were built for.
    ngram_range_ : tuple of int
        The word n-gram sizes used (``ngram_range`` with ``"auto"`` resolved).
    min_df_ : int or float
        The ``min_df`` used.
    inner_cv_ : int
        The inner folds used (``inner_cv`` with ``"auto"`` resolved).
    tol_ : float
        The solver's stopping tolerance used.
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted pipeline: ``features`` (a :class:`TextFeatures`, or a
        ``FeatureUnion`` of it and the lexicon scores with ``lexicon``) and ``model``.
    calibration_ : ndarray of shape (n_frames, 2) or None
        Platt's ``(a, b)`` per frame (``model="svm"``).
    thresholds_ : ndarray of shape (n_frames,)
        Multi-label: the threshold of each frame.
    weights_ : ndarray of shape (n_frames,)
        Single-label: the weight of each frame's probability in the decision.
    binarizer_ : MultiLabelBinarizer or None
    n_train_ : int
    constant_frames_ : list of str
        Multi-label frames given to every or to no training article (their
        one-vs-rest model predicts a constant).
    training_hash_ : str
        SHA-256 of the training texts and labels (for the model card).

    References
    ----------
    Fan, R.-E., Chang, K.-W., Hsieh, C.-J., Wang, X.-R., & Lin, C.-J. (2008). LIBLINEAR:
    A library for large linear classification. *Journal of Machine Learning Research*,
    9, 1871-1874.

    Platt, J. (1999). Probabilistic outputs for support vector machines and comparisons
    to regularized likelihood methods. *Advances in Large Margin Classifiers*, 61-74.

    Examples
    --------
    >>> X = ["talks and dialogue", "sanctions and a deadline", "more talks", "new sanctions"]
    >>> clf = FrameClassifier(min_df=1).fit(X, ["diplomacy", "pressure", "diplomacy", "pressure"])
    >>> clf.predict(["dialogue resumes"]).tolist()
    ['diplomacy']
    """

    def __init__(
        self,
        *,
        ngram_range="auto",
        min_df="auto",
        max_df=0.9,
        max_features=None,
        sublinear_tf=True,
        lexicon=None,
        C=None,
        class_weight="balanced",
        multi_label="auto",
        threshold=0.5,
        use_title=True,
        max_iter=2000,
        tol="auto",
        random_state=0,
        features="words",
        char_range=(2, 5),
        language="auto",
        stem="auto",
        model="svm",
        decision="per_frame",
        inner_cv="auto",
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.lexicon = lexicon
        self.C = C
        self.class_weight = class_weight
        self.multi_label = multi_label
        self.threshold = threshold
        self.use_title = use_title
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.features = features
        self.char_range = char_range
        self.language = language
        self.stem = stem
        self.model = model
        self.decision = decision
        self.inner_cv = inner_cv

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # raw texts, not a numeric matrix
        tags.input_tags.string = True
        return tags

    def _check_params(self) -> None:
        for name, allowed in (
            ("multi_label", ("auto", True, False)),
            ("features", _FEATURES),
            ("model", _MODELS),
            ("decision", _DECISIONS),
            ("stem", ("auto", True, False)),
        ):
            value = getattr(self, name)
            if not any(value is a or (isinstance(a, str) and value == a) for a in allowed):
                raise ModelError(
                    f"FrameClassifier: {name} must be one of {list(allowed)}, got {value!r}.",
                    field=name,
                    value=value,
                )
        auto_range = isinstance(self.ngram_range, str) and self.ngram_range == "auto"
        ok_range = (
            not isinstance(self.ngram_range, str)
            and len(tuple(self.ngram_range)) == 2
            and all(isinstance(v, (int, np.integer)) for v in self.ngram_range)
            and 1 <= self.ngram_range[0] <= self.ngram_range[1]
        ) if hasattr(self.ngram_range, "__len__") else False  # fmt: skip
        if not (auto_range or ok_range):
            raise ModelError(
                "FrameClassifier: ngram_range must be 'auto' or (min_n, max_n) with "
                f"1 <= min_n <= max_n, got {self.ngram_range!r}.",
                field="ngram_range",
                value=self.ngram_range,
            )
        if isinstance(self.min_df, str) and self.min_df != "auto":
            raise ModelError(
                f"FrameClassifier: min_df must be a number or 'auto', got {self.min_df!r}.",
                field="min_df",
                value=self.min_df,
            )
        auto_cv = isinstance(self.inner_cv, str) and self.inner_cv == "auto"
        if not (auto_cv or isinstance(self.inner_cv, (int, np.integer)) and self.inner_cv >= 2):
            raise ModelError(
                f"FrameClassifier: inner_cv must be an integer >= 2 or 'auto', "
                f"got {self.inner_cv!r}.",
                field="inner_cv",
                value=self.inner_cv,
            )
        auto_tol = isinstance(self.tol, str) and self.tol == "auto"
        number = isinstance(self.tol, (int, float, np.number)) and not isinstance(self.tol, bool)
        if not (auto_tol or number and self.tol > 0):
            raise ModelError(
                f"FrameClassifier: tol must be a positive number or 'auto', got {self.tol!r}.",
                field="tol",
                value=self.tol,
            )

    def _features(self, language: str, ngram_range=(1, 1), min_df=2):
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.preprocessing import MaxAbsScaler

        from framing.classify._features import TextFeatures

        stem = (language != "en") if self.stem == "auto" else bool(self.stem)
        text = TextFeatures(
            words=tuple(ngram_range) if "words" in self.features else None,
            chars=tuple(self.char_range) if "chars" in self.features else None,
            language=language,
            stem=stem,
            min_df=min_df,
            max_df=self.max_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
        )
        if self.lexicon is None:
            # the TF-IDF block alone (a FeatureUnion of one part copies its matrix: on
            # 10,000 AllSides articles with bigrams, 1.5 s of a 7 s fit; bench/RESULTS.md)
            return text
        from framing.lexicon import LexiconScorer

        lex = Pipeline([("scores", LexiconScorer(self.lexicon)), ("scale", MaxAbsScaler())])
        return FeatureUnion([("tfidf", text), ("lexicon", lex)])

    def _estimator(self, multilabel: bool):
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.svm import LinearSVC

        C = _DEFAULT_C[self.model] if self.C is None else self.C
        if self.model == "svm":
            est = LinearSVC(
                C=C, class_weight=self.class_weight, max_iter=self.max_iter,
                tol=self.tol_, random_state=self.random_state,
            )  # fmt: skip
        else:
            est = LogisticRegression(
                C=C, class_weight=self.class_weight, max_iter=self.max_iter,
                tol=self.tol_, random_state=self.random_state,
            )  # fmt: skip
        return OneVsRestClassifier(est) if multilabel else est

    def _raw_scores(self, est, Xf, n_classes: int, seen=None) -> np.ndarray:
        """(n, n_classes) probabilities (logistic) or margins (svm) of a fitted
        estimator; ``seen`` maps its classes to columns when it saw only some."""
        if self.model == "svm":
            s = est.decision_function(Xf)
            if s.ndim == 1:  # binary: the margin of the second class
                s = np.column_stack([-s, s])
            fill = -1e3
        else:
            s = est.predict_proba(Xf)
            fill = 0.0
        if seen is None or len(seen) == n_classes:
            return np.asarray(s, dtype=float)
        out = np.full((s.shape[0], n_classes), fill)
        out[:, seen] = s
        return out

    def _proba_from_scores(self, S: np.ndarray) -> np.ndarray:
        if self.calibration_ is None:
            return S
        from framing.classify._decision import platt_apply

        P = platt_apply(S, self.calibration_)
        if not self.multilabel_:
            if P.shape[1] == 2 and self.model == "svm":
                P = np.column_stack([1.0 - P[:, 1], P[:, 1]])
            P = P / np.maximum(P.sum(axis=1, keepdims=True), 1e-12)
        return P

    def _inner(self, Xf, target, classes, multi: bool) -> np.ndarray:
        """Out-of-fold raw scores of the inner cross-validation (rows of a fold whose
        training part lacks a frame are left NaN)."""
        from sklearn.base import clone

        from framing.classify._folds import iterative_folds, stratified_folds

        n, k = Xf.shape[0], len(classes)
        n_splits = int(min(self.inner_cv_, n))
        seed = 0 if self.random_state is None else self.random_state
        if multi:
            folds = iterative_folds(target, n_splits, seed=seed)
        else:
            folds = stratified_folds(target, n_splits, seed=seed)
        S = np.full((n, k), np.nan)
        base = self._estimator(multi)
        pos = {c: j for j, c in enumerate(classes)}
        for tr, te in folds:
            if len(te) == 0:
                continue
            if not multi and len(np.unique(target[tr])) < 2:
                continue
            est = clone(base).fit(Xf[tr], target[tr])
            seen = None if multi else [pos[c] for c in est.classes_]
            S[te] = self._raw_scores(est, Xf[te], k, seen)
        return S

    def _learn_decision(self, Xf, target, classes, multi: bool) -> None:
        from framing.classify._decision import (
            platt_apply,
            platt_fit,
            tune_thresholds,
            tune_weights,
        )

        k = len(classes)
        self.calibration_ = None
        self.thresholds_ = np.full(k, float(self.threshold))
        self.weights_ = np.ones(k)
        if self.model == "logistic" and self.decision == "fixed":
            return
        S = self._inner(Xf, target, classes, multi)
        ok = ~np.isnan(S).any(axis=1)
        T = target if multi else (np.asarray(classes)[None, :] == target[:, None])
        T = np.asarray(T, dtype=float)[ok]
        S = S[ok]
        if self.model == "svm":
            self.calibration_ = np.asarray(
                [platt_fit(S[:, j], T[:, j]) for j in range(k)], dtype=float
            )
            P = platt_apply(S, self.calibration_)
            if not multi:
                P = P / np.maximum(P.sum(axis=1, keepdims=True), 1e-12)
        else:
            P = S
        if self.decision == "fixed" or not ok.any():
            return
        if multi:
            self.thresholds_ = tune_thresholds(P, T, per_frame=self.decision == "per_frame")
        else:
            self.weights_ = tune_weights(P, T)

    def fit(self, X, y):
        """Fit on texts (or an articles table) and frames.

        ``y`` is a sequence of frame labels (single-label), a sequence of lists/sets
        of frames, or a 0/1 matrix / DataFrame with one column per frame (multi-label).
        Returns self.
        """
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import MultiLabelBinarizer

        self._check_params()
        texts = as_texts(X, use_title=self.use_title)
        multi = _is_multilabel_target(y) if self.multi_label == "auto" else bool(self.multi_label)
        if len(texts) != len(y):
            raise ModelError(
                f"FrameClassifier.fit: {len(texts)} texts but {len(y)} labels.",
                value=(len(texts), len(y)),
            )
        self.binarizer_ = None
        if multi:
            if isinstance(y, pd.DataFrame) or (isinstance(y, np.ndarray) and y.ndim == 2):
                Y = np.asarray(y, dtype=int)
                names = list(y.columns) if isinstance(y, pd.DataFrame) else list(range(Y.shape[1]))
                classes = np.asarray([str(c) for c in names], dtype=object)
                key = [";".join(classes[row.astype(bool)]) for row in Y]
            else:
                self.binarizer_ = MultiLabelBinarizer()
                Y = self.binarizer_.fit_transform([sorted(map(str, v)) for v in y])
                classes = np.asarray(self.binarizer_.classes_, dtype=object)
                key = [";".join(sorted(map(str, v))) for v in y]
            target = Y
        else:
            target = np.asarray(
                [str(v) for v in (y.tolist() if hasattr(y, "tolist") else y)], dtype=object
            )
            classes = np.unique(target)
            key = target.tolist()
            if len(classes) < 2:
                raise ModelError(
                    f"FrameClassifier.fit: need at least two frames, got {classes.tolist()}.",
                    value=classes.tolist(),
                )
        if self.language == "auto":
            language = _corpus_language(X, texts)
        else:
            from framing.text import LANGUAGES

            language = str(self.language).strip().lower()
            by_name = {v: c for c, v in LANGUAGES.items()}
            language = by_name.get(language, language)
        self.language_ = language
        self.multilabel_ = multi
        self.ngram_range_ = resolve_auto("ngram_range", self.ngram_range, len(texts))
        self.min_df_ = resolve_auto("min_df", self.min_df, len(texts))
        self.inner_cv_ = resolve_auto("inner_cv", self.inner_cv, len(texts))
        self.tol_ = resolve_auto("tol", self.tol, len(texts))
        # One BLAS thread: the model is sparse and small, and on a busy machine
        # OpenBLAS threads spin-waiting made fitting ten times slower (measured).
        with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
            # sklearn's hint that y "could represent a regression problem" misfires on
            # small coded samples with many frames; and a frame given to every (or no)
            # training article gets a constant one-vs-rest predictor, which we record
            # in constant_frames_ instead of warning.
            warnings.filterwarnings(
                "ignore", message="The number of unique classes", category=UserWarning
            )
            warnings.filterwarnings(
                "ignore", message="Label .* is present in all training", category=UserWarning
            )
            warnings.filterwarnings(
                "ignore", message="Label not .* is present in all training", category=UserWarning
            )
            features = self._features(language, self.ngram_range_, self.min_df_)
            Xf = features.fit_transform(texts)
            self._learn_decision(Xf, target, classes, multi)
            est = self._estimator(multi).fit(Xf, target)
        self.pipeline_ = Pipeline([("features", features), ("model", est)])
        if multi:
            col = target.sum(axis=0)
            self.constant_frames_ = [
                str(c) for c, v in zip(classes, col, strict=True) if v in (0, len(texts))
            ]
        else:
            self.constant_frames_ = []
        self.classes_ = classes
        self.n_train_ = len(texts)
        h = hashlib.sha256()
        for t, k in zip(texts, key, strict=True):
            h.update(t.encode("utf-8") + b"\x1f" + k.encode("utf-8") + b"\x1e")
        self.training_hash_ = h.hexdigest()
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Frame probabilities, shape (n_texts, n_frames), columns in ``classes_`` order
        (calibrated by Platt's sigmoid for ``model="svm"``)."""
        check_is_fitted(self, "pipeline_")
        texts = as_texts(X, use_title=self.use_title)
        with threadpool_limits(limits=1, user_api="blas"):
            Xf = self.pipeline_.named_steps["features"].transform(texts)
            est = self.pipeline_.named_steps["model"]
            S = self._raw_scores(est, Xf, len(self.classes_))
        return self._proba_from_scores(S)

    def decide(self, proba) -> np.ndarray:
        """The fitted decision rule applied to probabilities: a 0/1 matrix over
        ``classes_`` (``proba >= thresholds_`` when multi-label; the frame with the
        largest ``weights_ * proba`` otherwise).

        Examples
        --------
        >>> clf = FrameClassifier(min_df=1).fit(["a b", "c d", "a", "c"], ["x", "y", "x", "y"])
        >>> clf.decide(np.array([[0.7, 0.3]])).tolist()
        [[1.0, 0.0]]
        """
        check_is_fitted(self, "pipeline_")
        proba = np.asarray(proba, dtype=float)
        if self.multilabel_:
            return (proba >= self.thresholds_[None, :]).astype(np.float32)
        D = np.zeros(proba.shape, dtype=np.float32)
        if len(proba):
            D[np.arange(len(proba)), (proba * self.weights_[None, :]).argmax(axis=1)] = 1.0
        return D

    def predict(self, X) -> np.ndarray:
        """Frames: labels (single-label) or a 0/1 matrix over ``classes_`` (multi-label)."""
        D = self.decide(self.predict_proba(X))
        if self.multilabel_:
            return D.astype(int)
        return self.classes_[D.argmax(axis=1)]

    def predictions(self, corpus: pd.DataFrame, *, top: bool = False) -> pd.DataFrame:
        """The predictions table for an articles table.

        Parameters
        ----------
        corpus : pandas.DataFrame
            Articles with ``doc_id`` and ``text`` (+ ``title``).
        top : bool, default False
            Only the predicted frame(s) of each article instead of every frame.

        Returns
        -------
        pandas.DataFrame
            ``doc_id, frame, probability, predicted`` (1 when the model's decision rule,
            :meth:`decide`, assigns the frame),
            sorted by ``doc_id`` then descending probability.
        """
        require_columns(corpus, ["doc_id", "text"], where="FrameClassifier.predictions")
        proba = self.predict_proba(corpus)
        chosen = self.decide(proba).astype(bool)
        k = len(self.classes_)
        out = pd.DataFrame(
            {
                "doc_id": np.repeat(corpus["doc_id"].to_numpy(), k),
                "frame": np.tile(self.classes_, len(proba)),
                "probability": proba.ravel(),
                "predicted": chosen.ravel().astype(int),
            }
        )
        if top:
            out = out[out["predicted"] == 1]
        out = out.sort_values(["doc_id", "probability"], ascending=[True, False], kind="stable")
        return out.reset_index(drop=True)


# framing.classify is the public home of FrameClassifier
# (reprs, docs and saved models, which skops stores by dotted name).
FrameClassifier.__module__ = "framing.classify"
