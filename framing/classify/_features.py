"""TF-IDF word and character n-grams over the kit's tokens (private; see framing.classify).

:class:`TextFeatures` tokenizes each text once with :func:`framing.text.tokenizer` (the
kit's tokenizer, its C scanner where built, the language's token rule and optionally
Snowball stems) and builds two blocks of TF-IDF features:

- word n-grams of the (stemmed) tokens;
- character n-grams inside words (each unstemmed token padded with one space on each
  side, as scikit-learn's ``analyzer="char_wb"``). They are counted per distinct word
  and multiplied out (documents x words @ words x n-grams), so each distinct word is cut
  into n-grams once, not once per occurrence.

Word n-grams are integer codes of token ids, counted in batches of :data:`_BATCH` texts
with hash tables (pandas' ``factorize`` and ``Index.get_indexer``): arrays of a few
megabytes reused by the allocator instead of sorts and binary searches over the whole
corpus (bench/RESULTS.md, "Word bigrams made cheap").

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
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from framing import _tokens
from framing._languages import language_code, token_rule
from framing.errors import ModelError
from framing.text import stemmer, tokenizer

__all__ = ["TextFeatures"]

#: Texts transformed at a time (see :meth:`TextFeatures.transform`).
_BATCH = 1000


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


def _token_ids(docs, known: dict):
    """Token ids (``known``: token -> id of a fitted model; -1 for a token not in it) of
    every document, concatenated, and the documents' lengths."""
    lens = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    n = int(lens.sum())
    flat = np.fromiter(chain.from_iterable(docs), dtype=object, count=n)
    return _lookup(flat, known), lens


def _lookup(flat: np.ndarray, known: dict) -> np.ndarray:
    """The ids of tokens (an object array) in a fitted ``token -> id`` table, -1 for a
    token not in it: the distinct tokens are found by pandas' hash table (in C) and only
    they are looked up in the table."""
    codes, uniques = pd.factorize(flat)
    get = known.get
    ids = np.fromiter((get(t, -1) for t in uniques), dtype=np.int64, count=len(uniques))
    return ids[codes]


def _ngram_codes(ids: np.ndarray, lens: np.ndarray, n: int, size: int):
    """Integer codes of the word n-grams (``id_1 * size^(n-1) + ... + id_n``) that lie
    inside one document and contain no unknown token, with their document index."""
    doc = np.repeat(np.arange(len(lens)), lens)
    m = len(ids) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    code = ids[:m].copy()
    ok = code >= 0
    for k in range(1, n):
        nxt = ids[k : k + m]
        ok &= (nxt >= 0) & (doc[k : k + m] == doc[:m])
        code = code * size + np.maximum(nxt, 0)
    return code[ok], doc[:m][ok]


def _pair_counts(rows: np.ndarray, cols: np.ndarray, shape) -> sp.csr_matrix:
    """Counts of (row, col) pairs as a CSR matrix (one sort of combined keys)."""
    key = rows * np.int64(max(shape[1], 1)) + cols
    uniq, counts = np.unique(key, return_counts=True)
    r, c = np.divmod(uniq, max(shape[1], 1))
    indptr = np.searchsorted(r, np.arange(shape[0] + 1))
    return sp.csr_matrix((counts.astype(np.float64), c, indptr), shape=shape)


def _batch_frequencies(ids, lens, n: int, size: int, counted):
    """The n-gram codes of one batch of texts with their number of texts (document
    frequency) and of occurrences. ``counted`` (the C scanner's counts, or None):
    ``ids`` are then the distinct tokens of each text and these their counts."""
    if counted is not None:  # unigrams only: each (text, token) once, with its count
        return ids, np.ones(len(ids)), counted
    code, doc = _ngram_codes(ids, lens, n, size)
    inv, uniq = pd.factorize(code)
    pair, occurrences = np.unique(doc * max(len(uniq), 1) + inv, return_counts=True)
    which = pair % max(len(uniq), 1)
    df = np.bincount(which, minlength=len(uniq)).astype(float)
    tf = np.bincount(which, occurrences, len(uniq))
    return uniq, df, tf


def _stack(batches: list, n_cols: int) -> sp.csr_matrix:
    """The rows of batches (CSR matrices) in one CSR matrix."""
    if len(batches) == 1:
        return batches[0]
    if not batches:
        return sp.csr_matrix((0, n_cols))
    return sp.vstack(batches, format="csr")


def _hits(X) -> list[dict]:
    """Each text's ``{token: count}`` straight from the C scanner (no token lists)."""
    count_hits, prepare = _tokens.count_hits, _tokens.prepare
    empty: dict = {}
    return [count_hits(prepare(t), empty, True)[1] for t in X]


def _hit_ids(hits: list[dict], known: dict):
    """(ids, per-document lengths, counts) of the distinct tokens of each text
    (``known``: token -> id of a fitted model; -1 for a token not in it)."""
    lens = np.fromiter(map(len, hits), dtype=np.int64, count=len(hits))
    n = int(lens.sum())
    vals = np.fromiter(chain.from_iterable(h.values() for h in hits), dtype=np.float64, count=n)
    keys = np.fromiter(chain.from_iterable(hits), dtype=object, count=n)
    return _lookup(keys, known), lens, vals


def _decode(codes: np.ndarray, n: int, size: int, words: list) -> list[str]:
    parts = []
    rest = codes.copy()
    for _ in range(n):
        parts.append(rest % size)
        rest //= size
    parts.reverse()
    return [" ".join(words[i] for i in row) for row in np.column_stack(parts)]


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
    X.data *= idf[X.indices]  # = X @ diag(idf), in place
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

    def _fast(self, words, chars) -> bool:
        """Unigrams of unstemmed tokens without a language rule: counted by the C
        scanner directly (``framing._tokens.count_hits``), no token lists."""
        code = language_code(self.language)
        return (
            words == (1, 1)
            and chars is None
            and self.token_pattern is None
            and _tokens.count_hits is not None
            and token_rule(code) is None
            and (not self.stem or stemmer(self.language) is None)
        )

    def _char_counts(self, raw, chars, vocab: dict, grow: bool) -> sp.csr_matrix:
        """Documents x character n-gram counts (distinct words x n-grams, multiplied)."""
        types: dict = {}
        W = _count(raw, types, grow=True)  # documents x distinct words
        spelled = sorted(types, key=types.get)
        G = _count((_char_grams(w, *chars) for w in spelled), vocab, grow)
        return (W @ G).tocsr()

    def _word_counts_fit(self, stems, words, hits=None):
        """Fit the word block: (counts in sorted-name column order, vocabulary, idf).

        In batches of texts (see :meth:`transform`): (1) token ids, in order of first
        occurrence; (2) each n-gram's document frequency and total count, from the
        distinct (text, n-gram) pairs of each batch; (3) the n-grams within the limits,
        their names and columns; (4) the counts, by the same code as :meth:`transform`.
        """
        lo, hi = words
        texts = hits if hits is not None else stems
        n_docs = len(texts)
        table: dict = {}
        batches = []  # (ids, per-text lengths, counts or None) of each batch of texts
        for i in range(0, n_docs, _BATCH):
            part = texts[i : i + _BATCH]
            lens = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
            m = int(lens.sum())
            flat = np.fromiter(chain.from_iterable(part), dtype=object, count=m)
            counted = None
            if hits is not None:
                values = chain.from_iterable(h.values() for h in part)
                counted = np.fromiter(values, dtype=np.float64, count=m)
            codes, uniques = pd.factorize(flat)
            new = np.fromiter(
                (table.setdefault(t, len(table)) for t in uniques),
                dtype=np.int64,
                count=len(uniques),
            )
            batches.append((new[codes], lens, counted))
        tokens = [str(t) for t in table]
        size = max(len(tokens), 1)
        if size**hi >= 2**62:
            raise ModelError(
                f"TextFeatures: {size:,} distinct words do not fit {hi}-grams in 64-bit "
                "codes; use a smaller words range.",
                field="words",
                value=words,
            )
        kept, names = {}, []  # n -> (codes, df, total) within the limits, ascending
        for n in range(lo, hi + 1):
            found = [_batch_frequencies(ids, lens, n, size, c) for ids, lens, c in batches]
            if n == 1:  # codes are token ids: add up per id
                df = sum((np.bincount(c, d, size) for c, d, _ in found), np.zeros(size))
                tf = sum((np.bincount(c, t, size) for c, _, t in found), np.zeros(size))
                uniq = np.arange(size, dtype=np.int64)
            else:
                inv, uniq = pd.factorize(np.concatenate([c for c, _, _ in found]))
                df = np.bincount(inv, np.concatenate([d for _, d, _ in found]), len(uniq))
                tf = np.bincount(inv, np.concatenate([t for _, _, t in found]), len(uniq))
            keep = np.flatnonzero(_limit(df, n_docs, self.min_df, self.max_df))
            keep = keep[np.argsort(uniq[keep], kind="stable")]
            kept[n] = (uniq[keep], df[keep], tf[keep])
            names.extend(_decode(uniq[keep], n, size, tokens))
        keep_all = np.arange(len(names))
        if self.max_features is not None and len(names) > self.max_features:
            total = np.concatenate([t for _, _, t in kept.values()])
            keep_all = np.sort(np.lexsort((keep_all, -total))[: self.max_features])
        names_arr = np.asarray(names, dtype=object)[keep_all]
        order = keep_all[np.argsort(names_arr.astype(str), kind="stable")]
        column = np.full(len(names), -1, dtype=np.int64)
        column[order] = np.arange(len(order))
        self.token_ids_ = table
        self.ngram_codes_, self.ngram_columns_ = {}, {}
        start = 0
        for n, (codes, _, _) in kept.items():
            cols = column[start : start + len(codes)]
            start += len(codes)
            self.ngram_codes_[str(n)] = codes[cols >= 0]
            self.ngram_columns_[str(n)] = cols[cols >= 0]
        vocab = {names[j]: i for i, j in enumerate(order)}
        self.vocabularies_["words"] = vocab
        df = np.concatenate([d for _, d, _ in kept.values()])[order]
        idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
        tables = self._tables(words)
        counts = [self._id_counts(*batch, words, tables) for batch in batches]
        return counts, vocab, idf

    def _tables(self, words) -> dict:
        """Per n-gram size, where a code's column is: an array indexed by token id for
        unigrams (the last slot for an unknown token, -1), pandas' int64 hash table of
        the known codes otherwise. Built once per :meth:`transform`."""
        lo, hi = words
        size = max(len(self.token_ids_), 1)
        tables = {}
        for n in range(lo, hi + 1):
            known = self.ngram_codes_[str(n)]
            if n == 1:
                column = np.full(size + 1, -1, dtype=np.int64)
                column[known] = self.ngram_columns_["1"]
                tables[n] = column
            else:
                tables[n] = pd.Index(known)
        return tables

    def _word_counts(self, stems, words, tables: dict, hits=None) -> sp.csr_matrix:
        """Counts of the fitted word n-grams in new documents."""
        if hits is not None:
            return self._id_counts(*_hit_ids(hits, self.token_ids_), words, tables)
        return self._id_counts(*_token_ids(stems, self.token_ids_), None, words, tables)

    def _id_counts(self, ids, lens, counted, words, tables: dict) -> sp.csr_matrix:
        """Counts of the fitted word n-grams in documents given as token ids (-1:
        unknown) and lengths; ``counted``: the ids are each document's distinct tokens
        and these their counts (the C scanner's), or None."""
        lo, hi = words
        n_cols = len(self.vocabularies_["words"])
        size = max(len(self.token_ids_), 1)
        if counted is not None:  # unigrams: one (row, column) per distinct token
            cols = tables[1][ids]
            ok = cols >= 0
            rows = np.repeat(np.arange(len(lens)), lens)[ok]
            indptr = np.searchsorted(rows, np.arange(len(lens) + 1))
            return sp.csr_matrix((counted[ok], cols[ok], indptr), shape=(len(lens), n_cols))
        rows, cols = [], []
        for n in range(lo, hi + 1):
            code, doc = _ngram_codes(ids, lens, n, size)
            if not len(self.ngram_codes_[str(n)]) or not len(code):
                continue
            if n == 1:  # the codes are token ids
                col = tables[1][code]
            else:  # pandas' int64 hash table (no sort, no binary search)
                pos = tables[n].get_indexer(code)
                col = np.where(pos >= 0, self.ngram_columns_[str(n)][np.maximum(pos, 0)], -1)
            hit = col >= 0
            rows.append(doc[hit])
            cols.append(col[hit])
        r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        return _pair_counts(r, c, (len(lens), n_cols))

    def _inputs(self, X, words, chars):
        """(word-feature tokens, tokens as written, per-text token counts): the counts
        on the fast path (:meth:`_fast`), the token lists otherwise."""
        if self._fast(words, chars):
            return None, None, _hits(X)
        stems, raw = self._tokens(X)
        return stems, raw, None

    def fit(self, X, y=None):
        """Learn the vocabularies and idf weights of ``X`` (texts); returns self."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the (n_texts x n_features) sparse TF-IDF matrix."""
        words, chars = self._ranges()
        stems, raw, hits = self._inputs(list(X), words, chars)
        self.vocabularies_, self.idf_, parts = {}, {}, []
        if words is not None:
            counts, vocab, idf = self._word_counts_fit(stems, words, hits)
            self.vocabularies_["words"], self.idf_["words"] = vocab, idf
            parts.append(_stack([_weigh(c, idf, self.sublinear_tf) for c in counts], len(vocab)))
        if chars is not None:
            grams: dict = {}
            C = self._char_counts(raw, chars, grams, grow=True)
            vocab, idf, kept = _select(C, grams, self.min_df, self.max_df, self.max_features)
            self.vocabularies_["chars"], self.idf_["chars"] = vocab, idf
            parts.append(_weigh(kept, idf, self.sublinear_tf))
        return sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def transform(self, X):
        """The TF-IDF matrix of new texts over the fitted vocabularies."""
        check_is_fitted(self, "vocabularies_")
        words, chars = self._ranges()
        X = list(X)
        tables = self._tables(words) if words is not None else {}
        # in batches: a few megabytes of arrays at a time are reused by the allocator,
        # where arrays over all texts at once cost a page fault per 4 KiB (measured: the
        # transform of 10,000 news articles took 2-3 times longer in one piece)
        if not X:
            return self._transform_batch([], words, chars, tables)
        batches = [
            self._transform_batch(X[i : i + _BATCH], words, chars, tables)
            for i in range(0, len(X), _BATCH)
        ]
        return _stack(batches, batches[0].shape[1])

    def _transform_batch(self, X, words, chars, tables):
        stems, raw, hits = self._inputs(X, words, chars)
        parts = []
        if words is not None:
            C = self._word_counts(stems, words, tables, hits)
            parts.append(_weigh(C, self.idf_["words"], self.sublinear_tf))
        if chars is not None:
            C = self._char_counts(raw, chars, self.vocabularies_["chars"], grow=False)
            parts.append(_weigh(C, self.idf_["chars"], self.sublinear_tf))
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
