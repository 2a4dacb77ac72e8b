"""TF-IDF word and character n-grams over the kit's tokens (private; see framing.classify).

:class:`TextFeatures` tokenizes each text once with :func:`framing.text.tokenizer` (the
kit's tokenizer, its C scanner where built, the language's token rule and optionally
Snowball stems) and builds two blocks of TF-IDF features:

- word n-grams of the (stemmed) tokens;
- character n-grams inside words (each unstemmed token padded with one space on each
  side, as scikit-learn's ``analyzer="char_wb"``). They are counted per distinct word
  and multiplied out (documents x words @ words x n-grams), so each distinct word is cut
  into n-grams once, not once per occurrence.

Each block is weighted like scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
(``1 + log(tf)`` times the smoothed idf ``1 + log((1 + n) / (1 + df))``) and scaled to
unit length per document, so the union behaves like a ``FeatureUnion`` of two
vectorizers.

References
----------
Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management*, 24(5), 513-523.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from framing.errors import ModelError
from framing.text import stemmer, tokenizer

__all__ = ["TextFeatures"]


def _check_range(value, name: str):
    if value is None:
        return None
    try:
        lo, hi = (int(v) for v in value)
    except (TypeError, ValueError):
        lo = hi = -1
    if not 1 <= lo <= hi:
        raise ModelError(
            f"TextFeatures: {name} must be None or (min_n, max_n) with 1 <= min_n <= max_n, "
            f"got {value!r}.",
            field=name,
            value=value,
        )
    return lo, hi


def _grams(tokens: list[str], lo: int, hi: int) -> list[str]:
    if lo == hi == 1:
        return tokens
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), hi + 1):
        out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _char_grams(word: str, lo: int, hi: int) -> list[str]:
    w = f" {word} "
    return [w[i : i + n] for n in range(lo, hi + 1) for i in range(len(w) - n + 1)]


def _count(docs, vocab: dict, grow: bool) -> sp.csr_matrix:
    """Documents x vocabulary counts of items (lists of strings); unknown items are
    added when ``grow``, skipped otherwise."""
    indptr, indices, data = [0], [], []
    for items in docs:
        for item, n in Counter(items).items():
            j = vocab.get(item)
            if j is None:
                if not grow:
                    continue
                j = vocab[item] = len(vocab)
            indices.append(j)
            data.append(n)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(indptr) - 1, len(vocab)),
    )


def _limit(df: np.ndarray, n_docs: int, min_df, max_df) -> np.ndarray:
    lo = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_docs
    hi = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_docs
    return (df >= lo) & (df <= hi)


def _select(counts: sp.csr_matrix, vocab: dict, min_df, max_df, max_features):
    """Keep the columns within the document-frequency limits (and the ``max_features``
    most frequent): ``(vocabulary in sorted order, idf, counts re-indexed to it)``."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = _limit(df, n, min_df, max_df)
    if max_features is not None and keep.sum() > max_features:
        total = np.asarray(counts.sum(axis=0)).ravel()
        order = np.lexsort((np.arange(len(total)), -np.where(keep, total, -1)))
        keep = np.zeros_like(keep)
        keep[order[:max_features]] = True
    names = sorted(item for item, j in vocab.items() if keep[j])
    cols = np.fromiter((vocab[item] for item in names), dtype=np.int64, count=len(names))
    kept = counts.tocsc()[:, cols].tocsr() if len(cols) else counts[:, :0]
    idf = np.log((1.0 + n) / (1.0 + df[cols])) + 1.0
    new = {item: i for i, item in enumerate(names)}
    return new, idf, kept


def _weigh(counts: sp.csr_matrix, idf: np.ndarray, sublinear: bool) -> sp.csr_matrix:
    X = counts.tocsr(copy=True)
    if sublinear:
        np.log(X.data, out=X.data)
        X.data += 1.0
    X = X @ sp.diags(idf)
    return normalize(X, norm="l2", copy=False)


class TextFeatures(TransformerMixin, BaseEstimator):
    """TF-IDF word n-grams and in-word character n-grams of the kit's tokens.

    Parameters
    ----------
    words : (int, int) or None, default (1, 1)
        Range of word n-gram sizes; None for no word features.
    chars : (int, int) or None, default None
        Range of character n-gram sizes inside words (e.g. ``(2, 5)``); None for none.
    language : str, default "en"
        Language of the texts (:data:`framing.text.LANGUAGES`): its token rule and
        Snowball stemmer.
    stem : bool, default False
        Stem the tokens of the word features (character n-grams use the tokens as
        written). A language without a Snowball stemmer is left unstemmed.
    min_df, max_df : int or float, default 2 and 0.9
        Keep n-grams found in at least ``min_df`` and at most ``max_df`` documents
        (a float is a share of the documents), per block.
    max_features : int, optional
        Keep only the most frequent n-grams of each block.
    sublinear_tf : bool, default True
        ``1 + log(tf)`` instead of raw counts.
    token_pattern : str, optional
        A regular expression whose matches in the lower-cased text are the tokens
        instead of the kit's tokenizer (e.g. scikit-learn's ``r"(?u)\\b\\w\\w+\\b"``, to
        compare); no language rule then applies.

    Attributes
    ----------
    vocabularies_ : dict
        ``{"words": {n-gram: column}, "chars": {...}}`` per block (columns within it).
    idf_ : dict
        Block name -> idf weights.

    Examples
    --------
    >>> f = TextFeatures(words=(1, 1), chars=(3, 3), min_df=1, max_df=1.0)
    >>> X = f.fit_transform(["Peace talks", "talks stall"])
    >>> X.shape, list(f.get_feature_names_out()[:4])
    ((2, 17), ['peace', 'stall', 'talks', 'chars: pe'])
    """

    def __init__(
        self,
        *,
        words=(1, 1),
        chars=None,
        language="en",
        stem=False,
        min_df=2,
        max_df=0.9,
        max_features=None,
        sublinear_tf=True,
        token_pattern=None,
    ):
        self.words = words
        self.chars = chars
        self.language = language
        self.stem = stem
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.token_pattern = token_pattern

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _ranges(self):
        words = _check_range(self.words, "words")
        chars = _check_range(self.chars, "chars")
        if words is None and chars is None:
            raise ModelError(
                "TextFeatures: words and chars are both None; ask for at least one.",
                field="words",
                value=None,
            )
        return words, chars

    def _tokens(self, X):
        """(word-feature tokens, tokens as written) per text."""
        if self.token_pattern is not None:
            import re

            find = re.compile(self.token_pattern).findall
            raw = [find("" if t is None or t != t else str(t).lower()) for t in X]
        else:
            tok = tokenizer(self.language)
            raw = [tok(t) for t in X]
        stem = stemmer(self.language) if self.stem else None
        if stem is None:
            return raw, raw
        return [[stem(t) for t in doc] for doc in raw], raw

    def _counts(self, X, vocabs: dict, grow: bool) -> dict:
        """Raw counts per block over ``vocabs`` (grown when fitting)."""
        words, chars = self._ranges()
        stems, raw = self._tokens(X)
        out = {}
        if words is not None:
            vocabs.setdefault("words", {})
            out["words"] = _count((_grams(s, *words) for s in stems), vocabs["words"], grow)
        if chars is not None:
            vocabs.setdefault("chars", {})
            types: dict = {}
            W = _count(raw, types, grow=True)  # documents x distinct words
            spelled = sorted(types, key=types.get)
            G = _count((_char_grams(w, *chars) for w in spelled), vocabs["chars"], grow)
            out["chars"] = (W @ G).tocsr()
        return out

    def fit(self, X, y=None):
        """Learn the vocabularies and idf weights of ``X`` (texts); returns self."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the (n_texts x n_features) sparse TF-IDF matrix."""
        vocabs: dict = {}
        counts = self._counts(list(X), vocabs, grow=True)
        self.vocabularies_, self.idf_, parts = {}, {}, []
        for name, C in counts.items():
            vocab, idf, kept = _select(C, vocabs[name], self.min_df, self.max_df, self.max_features)
            self.vocabularies_[name], self.idf_[name] = vocab, idf
            parts.append(_weigh(kept, idf, self.sublinear_tf))
        return sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def transform(self, X):
        """The TF-IDF matrix of new texts over the fitted vocabularies."""
        check_is_fitted(self, "vocabularies_")
        vocabs = {k: v for k, v in self.vocabularies_.items()}
        counts = self._counts(list(X), vocabs, grow=False)
        parts = [_weigh(C, self.idf_[name], self.sublinear_tf) for name, C in counts.items()]
        return sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def get_feature_names_out(self, input_features=None):
        """Word n-grams as written (stems when ``stem``); character n-grams as
        ``chars:<n-gram>`` (a space marks a word boundary)."""
        check_is_fitted(self, "vocabularies_")
        names = []
        for name, vocab in self.vocabularies_.items():
            prefix = "chars:" if name == "chars" else ""
            names.extend(prefix + item for item in sorted(vocab, key=vocab.get))
        return np.asarray(names, dtype=object)


# framing.classify is the public home of TextFeatures (saved models name it by that path)
TextFeatures.__module__ = "framing.classify"
