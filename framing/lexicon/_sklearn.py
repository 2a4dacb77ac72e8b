"""The lexicon as a scikit-learn transformer: :class:`LexiconScorer` (counts, rates or occurrence per category)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing._shared.checks import require_columns
from framing.lexicon._io import load_lexicon
from framing.lexicon._score import score

__all__ = ["LexiconScorer"]


_SUFFIX = {"per_1k": "_per_1k", "count": "", "any": "_any"}


class LexiconScorer(TransformerMixin, BaseEstimator):
    """Dictionary scores as a scikit-learn transformer over texts.

    Parameters
    ----------
    lexicon : Lexicon, str or pathlib.Path, default "news_frames"
        A lexicon, a built-in name or a dictionary file (loaded in :meth:`fit`).
    output : {"per_1k", "count", "any"}, default "per_1k"
        Which of :func:`framing.lexicon.score`'s columns to return per category.
    case_sensitive : bool, default False

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon.
    categories_ : list of str
        Category names, in output order.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> LexiconScorer(lex, output="count").fit_transform(["Peace talks and a ceasefire."])
    array([[2.]])
    """

    def __init__(self, lexicon="news_frames", *, output="per_1k", case_sensitive=False):
        self.lexicon = lexicon
        self.output = output
        self.case_sensitive = case_sensitive

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # input is raw text, not a numeric matrix
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags

    def fit(self, X=None, y=None):
        """Load and check the lexicon (X and y are ignored). Returns self."""
        if self.output not in _SUFFIX:
            raise ValueError(
                f"LexiconScorer: output must be one of {sorted(_SUFFIX)}, got {self.output!r}."
            )
        self.lexicon_ = load_lexicon(self.lexicon)
        self.categories_ = self.lexicon_.category_names
        return self

    def transform(self, X):
        """Score texts: a list/array/Series of texts or a DataFrame with ``text``.

        Returns an array of shape (n_texts, n_categories), floats.
        """
        check_is_fitted(self, "lexicon_")
        if isinstance(X, pd.DataFrame):
            require_columns(X, ["text"], where="LexiconScorer.transform")
            texts = X["text"].tolist()
        elif isinstance(X, str):
            raise TypeError("LexiconScorer.transform: got one string; pass a list of texts.")
        else:
            texts = list(X.tolist() if hasattr(X, "tolist") else X)
        df = score(texts, self.lexicon_, case_sensitive=self.case_sensitive)
        return df[list(self.get_feature_names_out())].to_numpy(dtype=float)

    def get_feature_names_out(self, input_features=None):
        """Output column names: ``<category><suffix>`` (suffix from ``output``)."""
        check_is_fitted(self, "lexicon_")
        suffix = _SUFFIX[self.output]
        return np.asarray([f"{c}{suffix}" for c in self.categories_], dtype=object)


# framing.lexicon is the public home of LexiconScorer
# (reprs, docs and saved models, which skops stores by dotted name).
LexiconScorer.__module__ = "framing.lexicon"
