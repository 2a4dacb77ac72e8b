"""Sparse n-gram counting: the document-term matrix behind :mod:`framing.keyness`.

Tokens are coded once with Arrow's hash table, n-grams are coded from pairs of codes
with numpy, and counts land in a ``scipy.sparse`` matrix; term strings are built only
for the terms asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa
from scipy import sparse

__all__ = ["ngram_counts"]


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """Codes and uniques (in order of first occurrence) of an array, via Arrow's hash table."""
    enc = pa.array(values).dictionary_encode()
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary.to_numpy(zero_copy_only=False)


class Grams:
    """Coded n-grams of a list of token lists (one level per n-gram length).

    Level ``n`` holds, for every n-gram occurrence, its text index (``doc``) and term
    code (``code``), plus per term the code of its (n-1)-gram prefix (``prefix``) and
    of its last token (``last``), so term strings are built only for the terms asked for.
    """

    def __init__(self, token_lists: list[list[str]], max_n: int):
        lists = pa.array(token_lists, type=pa.large_list(pa.large_string()))
        lengths = np.diff(lists.offsets.to_numpy())
        tokens, self.vocab = _factorize(lists.flatten())
        doc = np.repeat(np.arange(len(token_lists)), lengths)
        self.levels = [dict(doc=doc, code=tokens, n_terms=len(self.vocab))]
        v = np.int64(max(len(self.vocab), 1))
        gram = tokens
        for n in range(2, max_n + 1):
            starts = np.flatnonzero(doc[: len(doc) - n + 1] == doc[n - 1 :])  # within one text
            code, uniq = _factorize(gram[starts] * v + tokens[starts + n - 1])
            gram = np.full(len(tokens), -1, dtype=np.int64)
            gram[starts] = code
            self.levels.append(
                dict(doc=doc[starts], code=code, n_terms=len(uniq), prefix=uniq // v, last=uniq % v)
            )

    def words(self, n: int, idx: np.ndarray) -> list[np.ndarray]:
        """Token codes of the level-``n`` terms ``idx``, first word first."""
        if n == 1:
            return [np.asarray(idx)]
        level = self.levels[n - 1]
        return self.words(n - 1, level["prefix"][idx]) + [level["last"][idx]]

    def names(self, n: int, idx: np.ndarray) -> np.ndarray:
        """Term strings of the level-``n`` terms ``idx`` (tokens joined by one space)."""
        vocab = np.asarray(self.vocab, dtype=object)
        first, *rest = self.words(n, idx)
        out = vocab[first]
        for codes in rest:
            out = out + " " + vocab[codes]
        return out


def tokenize_texts(texts, tokenizer) -> list[list[str]]:
    if tokenizer is None:
        from framing.text import tokenize_many

        return tokenize_many(texts)
    return [tokenizer(t) if isinstance(t, str) else [] for t in texts]


def check_ngram_range(ngram_range, where: str) -> tuple[int, int]:
    lo, hi = ngram_range
    if not (1 <= lo <= hi):
        raise ValueError(
            f"{where}: ngram_range must be (min, max) with 1 <= min <= max, got {ngram_range!r}."
        )
    return int(lo), int(hi)


def ngram_counts(
    texts: Sequence[str],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    tokenizer: Callable[[str], list[str]] | None = None,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Count terms (n-grams of tokens) per text into a sparse document-term matrix.

    Parameters
    ----------
    texts : sequence of str
        The texts; a missing text (``None``/NaN) counts as empty.
    ngram_range : (int, int), default (1, 1)
        Smallest and largest n-gram length; n-grams join tokens with one space and run
        over the token sequence of a text (as scikit-learn's ``CountVectorizer`` does).
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`framing.text.tokenize` (lower-cased).

    Returns
    -------
    X : scipy.sparse.csr_matrix
        Counts, shape (texts, terms), int64.
    terms : numpy.ndarray of str (object)
        The term of each column: by n-gram length, then in order of first occurrence.

    Examples
    --------
    >>> X, terms = ngram_counts(["Peace talks resume", "talks stall"], ngram_range=(1, 2))
    >>> terms.tolist()
    ['peace', 'talks', 'resume', 'stall', 'peace talks', 'talks resume', 'talks stall']
    >>> X.toarray().tolist()
    [[1, 1, 1, 0, 1, 1, 0], [0, 1, 0, 1, 0, 0, 1]]
    """
    lo, hi = check_ngram_range(ngram_range, "ngram_counts")
    token_lists = tokenize_texts(texts, tokenizer)
    grams = Grams(token_lists, hi)
    rows, cols, names, offset = [], [], [], 0
    for n in range(lo, hi + 1):
        level = grams.levels[n - 1]
        rows.append(level["doc"])
        cols.append(level["code"] + offset)
        names.append(grams.names(n, np.arange(level["n_terms"])))
        offset += level["n_terms"]
    r, c = np.concatenate(rows), np.concatenate(cols)
    shape = (len(token_lists), offset)
    X = sparse.csr_matrix((np.ones(len(r), dtype=np.int64), (r, c)), shape=shape)
    X.sum_duplicates()
    return X, np.concatenate(names)


def gram_names(grams, where_: np.ndarray) -> np.ndarray:
    """Term strings for (n, index) columns, built only for the selected terms."""
    out = np.empty(where_.shape[1], dtype=object)
    for n in np.unique(where_[0]):
        cols = where_[0] == n
        out[cols] = grams.names(int(n), where_[1, cols])
    return out


def gram_sort_keys(grams, where_: np.ndarray) -> list[np.ndarray]:
    """Integer keys that order (n, index) terms as their strings sort (code points).

    A term's string is its tokens joined by one space, and a space sorts before every
    character a token can hold, so strings sort as their token tuples do (a shorter
    tuple first when it is a prefix): keys are each position's token rank in the sorted
    vocabulary, -1 past a term's end. For ``numpy.lexsort``: last key is primary.
    """
    vocab = np.asarray(grams.vocab, dtype=object)
    rank = np.empty(len(vocab), dtype=np.int64)
    rank[np.argsort(vocab, kind="stable")] = np.arange(len(vocab))
    max_n = int(where_[0].max(initial=1))
    keys = [np.full(where_.shape[1], -1, dtype=np.int64) for _ in range(max_n)]
    for n in np.unique(where_[0]):
        cols = where_[0] == n
        for pos, codes in enumerate(grams.words(int(n), where_[1, cols])):
            keys[pos][cols] = rank[codes]
    return keys[::-1]
