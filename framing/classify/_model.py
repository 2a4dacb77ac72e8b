"""The frame classifier: TF-IDF (+ lexicon scores) and logistic regression over article texts."""

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


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """TF-IDF (+ lexicon scores) and logistic regression over article texts.

    Parameters
    ----------
    ngram_range : tuple of int, default (1, 1)
        Word n-grams of the TF-IDF features. Unigrams did better than (1, 2) on the
        180 coded demo articles (bench/RESULTS.md); try (1, 2) with more data.
    min_df : int or float, default 2
        Ignore terms in fewer documents (2 suits a few hundred coded articles).
    max_df : float, default 0.9
        Ignore terms in a larger share of documents.
    max_features : int, optional
        Keep only the most frequent terms.
    sublinear_tf : bool, default True
        ``1 + log(tf)`` instead of raw counts.
    lexicon : str, Lexicon or None, default None
        Also feed dictionary rates (per 1,000 tokens, scaled to [0, 1]) of this
        lexicon (e.g. ``"topic_frames"``, whose categories match the demo codebook:
        it raised leave-outlets-out macro-F1 on the demo corpus from 0.55 to 0.70).
    C : float, default 3.0
        Inverse regularisation strength of the logistic regression.
    class_weight : {"balanced", None}, default "balanced"
        Weight frames inversely to their frequency.
    multi_label : {"auto", True, False}, default "auto"
        ``"auto"``: multi-label when ``y`` holds lists/sets of frames or is a 0/1
        matrix (DataFrame columns name the frames).
    threshold : float, default 0.5
        Probability above which a frame is predicted (multi-label).
    use_title : bool, default True
        Prepend ``title`` to ``text`` when X is an articles table.
    max_iter : int, default 2000
    random_state : int or None, default 0

    Attributes
    ----------
    classes_ : ndarray of str
        The frames.
    multilabel_ : bool
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted features + model pipeline.
    binarizer_ : MultiLabelBinarizer or None
    n_train_ : int
    constant_frames_ : list of str
        Multi-label frames given to every or to no training article (their
        one-vs-rest model predicts a constant).
    training_hash_ : str
        SHA-256 of the training texts and labels (for the model card).

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
        ngram_range=(1, 1),
        min_df=2,
        max_df=0.9,
        max_features=None,
        sublinear_tf=True,
        lexicon=None,
        C=3.0,
        class_weight="balanced",
        multi_label="auto",
        threshold=0.5,
        use_title=True,
        max_iter=2000,
        random_state=0,
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
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # raw texts, not a numeric matrix
        tags.input_tags.string = True
        return tags

    def _build(self, multilabel: bool):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.preprocessing import MaxAbsScaler

        tfidf = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_df=self.max_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
            lowercase=True,
            dtype=np.float64,
        )
        if self.lexicon is not None:
            from framing.lexicon import LexiconScorer

            lex = Pipeline([("scores", LexiconScorer(self.lexicon)), ("scale", MaxAbsScaler())])
            features = FeatureUnion([("tfidf", tfidf), ("lexicon", lex)])
        else:
            features = FeatureUnion([("tfidf", tfidf)])
        lr = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        )
        model = OneVsRestClassifier(lr) if multilabel else lr
        return Pipeline([("features", features), ("model", model)])

    def fit(self, X, y):
        """Fit on texts (or an articles table) and frames.

        ``y`` is a sequence of frame labels (single-label), a sequence of lists/sets
        of frames, or a 0/1 matrix / DataFrame with one column per frame (multi-label).
        Returns self.
        """
        from sklearn.preprocessing import MultiLabelBinarizer

        if self.multi_label not in ("auto", True, False):
            raise ModelError(
                f"FrameClassifier: multi_label must be 'auto', True or False, got {self.multi_label!r}.",
                field="multi_label",
                value=self.multi_label,
            )
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
            self.pipeline_ = self._build(multi).fit(texts, target)
        if multi:
            col = target.sum(axis=0)
            self.constant_frames_ = [
                str(c) for c, v in zip(classes, col, strict=True) if v in (0, len(texts))
            ]
        else:
            self.constant_frames_ = []
        self.multilabel_ = multi
        self.classes_ = classes
        self.n_train_ = len(texts)
        h = hashlib.sha256()
        for t, k in zip(texts, key, strict=True):
            h.update(t.encode("utf-8") + b"\x1f" + k.encode("utf-8") + b"\x1e")
        self.training_hash_ = h.hexdigest()
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Frame probabilities, shape (n_texts, n_frames), columns in ``classes_`` order."""
        check_is_fitted(self, "pipeline_")
        with threadpool_limits(limits=1, user_api="blas"):
            return self.pipeline_.predict_proba(as_texts(X, use_title=self.use_title))

    def predict(self, X) -> np.ndarray:
        """Frames: labels (single-label) or a 0/1 matrix over ``classes_`` (multi-label)."""
        proba = self.predict_proba(X)
        if self.multilabel_:
            return (proba >= self.threshold).astype(int)
        return self.classes_[proba.argmax(axis=1)]

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
            ``doc_id, frame, probability, predicted`` (1 when the model assigns the
            frame: the most probable one, or above ``threshold`` for multi-label),
            sorted by ``doc_id`` then descending probability.
        """
        require_columns(corpus, ["doc_id", "text"], where="FrameClassifier.predictions")
        proba = self.predict_proba(corpus)
        if self.multilabel_:
            chosen = proba >= self.threshold
        else:
            chosen = np.zeros_like(proba, dtype=bool)
            chosen[np.arange(len(proba)), proba.argmax(axis=1)] = True
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
