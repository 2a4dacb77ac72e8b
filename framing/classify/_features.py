"""TF-IDF word and character n-grams over the kit's tokens (private; see framing.classify).

:class:`TextFeatures` tokenizes each text once with :func:`framing.text.tokenizer` (the
kit's tokenizer, its C scanner where built, the language's token rule and optionally
Snowball stems) and builds two blocks of TF-IDF features:

- word n-grams of the (stemmed) tokens;
- character n-grams inside words (each unstemmed token padded with one space on each
  side, as scikit-learn's ``analyzer="char_wb"``). They are counted per distinct word
  and multiplied out (documents x words @ words x n-grams), so each distinct word is cut
  into n-grams once, not once per occurrence.

Word n-grams are integer codes of token ids, counted through hash tables in C
(``framing._speedups``: ``token_ids`` tokenizes and looks the tokens up without making
strings of the known ones, ``gram_fit`` numbers the codes and counts their documents,
``gram_rows`` counts the texts over the kept codes only, into the arrays the matrix
keeps), or with numpy and pandas in batches of :data:`_BATCH` texts where the C module
is not built (the same matrices). N-grams holding a word below ``min_df`` are never
counted (they cannot reach it). Bench/RESULTS.md, "Word bigrams made cheap" and "Word
n-grams counted in C".

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

#: Texts counted at a time by the numpy path (see :meth:`TextFeatures.transform`).
_BATCH = 1000
#: ... and by the C path: its outputs are bytearrays that become the matrix's arrays,
#: where numpy's large arrays (a stack of batches) ask the kernel for huge pages, whose
#: first touch stalled fitting on the shared benchmark machine (bench/RESULTS.md); up to
#: this many texts (10,000 news articles: about 0.1 GB of counts) are one batch.
_BATCH_C = 20_000
#: Entries weighted at a time (temporaries of 2 MB, below numpy's huge-page size).
_CHUNK = 1 << 18


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


def _offsets(size: int, hi: int) -> list[int]:
    """``offset[n]`` of n-gram codes (``offset[1] = 0``, ``offset[n] = size + ... +
    size^(n-1)``), so codes of different lengths never meet; index 0 unused."""
    out = [0, 0]
    for n in range(2, hi + 1):
        out.append(out[-1] + size ** (n - 1))
    return out


def _token_ids(items: list, table: dict, grow: bool):
    """Token ids (``table``: token -> id; a new token is added when ``grow``, else -1)
    of texts given as token lists, concatenated, and each text's number of tokens (the
    numpy path of ``framing._speedups.token_ids``)."""
    lens = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
    flat = np.fromiter(chain.from_iterable(items), dtype=object, count=int(lens.sum()))
    codes, uniques = pd.factorize(flat)
    find = table.setdefault if grow else table.get
    nxt = len(table)
    ids = np.empty(len(uniques), dtype=np.int64)
    for i, t in enumerate(uniques):
        ids[i] = j = find(t, nxt if grow else -1)
        nxt += grow and j == nxt
    return ids[codes], lens


class _NumpyGrams:
    """The numpy path of ``framing._speedups``'s n-gram code table (``gram_table``,
    ``gram_insert``, ``gram_codes``, ``gram_fit``, ``gram_counts``, ``gram_rows``): the
    same counts, each row's columns in increasing order instead of first occurrence."""

    def __init__(self):
        self.codes = np.zeros(0, dtype=np.int64)
        self.df, self.tf = np.zeros(0), np.zeros(0)

    def insert(self, codes: np.ndarray) -> None:
        self.codes = np.concatenate([self.codes, codes])

    @staticmethod
    def _occurrences(ids, lens, lo: int, hi: int, size: int):
        """Codes of the n-grams without an unknown token inside one text, text by text
        (then by start and length), with their text."""
        doc = np.repeat(np.arange(len(lens)), lens)
        offset = _offsets(size, hi)
        codes = np.full((len(ids), hi - lo + 1), -1, dtype=np.int64)
        for n in range(lo, hi + 1):
            m = len(ids) - n + 1
            if m <= 0:
                continue
            code, ok = ids[:m].copy(), (ids[:m] >= 0)
            for k in range(1, n):
                nxt = ids[k : k + m]
                ok &= (nxt >= 0) & (doc[k : k + m] == doc[:m])
                code = code * size + np.maximum(nxt, 0)
            codes[:m, n - lo] = np.where(ok, code + offset[n], -1)
        docs = np.repeat(doc, hi - lo + 1)
        codes = codes.ravel()
        return codes[codes >= 0], docs[codes >= 0]

    def fit(self, ids, lens, lo: int, hi: int, size: int) -> None:
        code, doc = self._occurrences(ids, lens, lo, hi, size)
        term = pd.Index(self.codes).get_indexer(code)
        if (term < 0).any():
            self.insert(pd.unique(code[term < 0]))
            term = pd.Index(self.codes).get_indexer(code)
        n = len(self.codes)
        pairs = np.unique(doc * max(n, 1) + term) % max(n, 1)
        self.df = np.bincount(pairs, minlength=n) + np.pad(self.df, (0, n - len(self.df)))
        self.tf = np.bincount(term, minlength=n) + np.pad(self.tf, (0, n - len(self.tf)))

    def rows(self, ids, lens, lo: int, hi: int, size: int):
        code, doc = self._occurrences(ids, lens, lo, hi, size)
        term = pd.Index(self.codes).get_indexer(code)
        hit = term >= 0
        width = max(len(self.codes), 1)
        key, counts = np.unique(doc[hit] * width + term[hit], return_counts=True)
        row, col = np.divmod(key, width)
        indptr = np.searchsorted(row, np.arange(len(lens) + 1))
        return indptr, col, counts.astype(np.float64)


class _Grams:
    """A table of word n-gram codes and the counting of texts' n-grams through it, in C
    (``framing._speedups``) or numpy (:class:`_NumpyGrams`): while fitting, the codes
    met (numbered in order of first occurrence) with their document frequencies; for
    counting, the kept codes (:meth:`insert`), numbered by output column."""

    def __init__(self):
        self.fast = _tokens.matrix_speedups
        self.table = self.fast.gram_table() if self.fast is not None else _NumpyGrams()
        self.tokens = None  # the C lookup table over the token dict, made on first use

    def insert(self, codes: np.ndarray) -> None:
        codes = np.ascontiguousarray(codes, dtype=np.int64)
        if self.fast is None:
            self.table.insert(codes)
        else:
            self.fast.gram_insert(self.table, codes)

    def ids(self, items: list, table: dict, grow: bool):
        """(token ids, lengths) of texts: prepared strings (tokenized by the C scanner;
        C path only) or token lists. ``table``: token -> id, the same dict at every
        call (new tokens are added to it when ``grow``)."""
        if self.fast is None:
            return _token_ids(items, table, grow)
        if self.tokens is None:
            self.tokens = self.fast.token_table(table)
        ids, lens = self.fast.token_ids(items, self.tokens, grow)
        return np.frombuffer(ids, dtype=np.int64), np.frombuffer(lens, dtype=np.int64)

    def fit(self, ids, lens, words, size: int, skip=None) -> None:
        """Add the lo..hi-grams of texts (token ids, lengths), counting their texts and
        occurrences; ``skip`` (bool per token id): leave out the n-grams holding one."""
        if self.fast is None:
            ids = ids if skip is None else np.where(skip[ids], -1, ids)
            self.table.fit(ids, lens, *words, size)
        elif skip is None:
            self.fast.gram_fit(self.table, ids, lens, *words, size)
        else:
            self.fast.gram_fit(self.table, ids, lens, *words, size, skip.astype(np.uint8))

    def found(self):
        """(codes, document frequencies, occurrences) of the terms, by number."""
        if self.fast is None:
            return self.table.codes, self.table.df, self.table.tf
        df, tf = self.fast.gram_counts(self.table)
        codes = np.frombuffer(self.fast.gram_codes(self.table), dtype=np.int64)
        return codes, np.frombuffer(df, dtype=np.int64), np.frombuffer(tf, dtype=np.float64)

    def rows(self, ids, lens, words, size: int, n_cols: int) -> sp.csr_matrix:
        """Counts of the table's n-grams in texts given as token ids, one row per text
        (columns in order of first occurrence in C, increasing in numpy)."""
        if self.fast is None:
            indptr, indices, data = self.table.rows(ids, lens, *words, size)
        else:
            out = self.fast.gram_rows(self.table, ids, lens, *words, size)
            indptr = np.frombuffer(out[0], dtype=np.int64)
            indices = np.frombuffer(out[1], dtype=np.int32)
            data = np.frombuffer(out[2], dtype=np.float64)  # writable (a bytearray)
        return sp.csr_matrix((data, indices, indptr), shape=(len(lens), n_cols))


def _batches(n: int) -> list[slice]:
    """The batches of ``n`` texts: :data:`_BATCH` (numpy) or :data:`_BATCH_C` (C)."""
    step = _BATCH if _tokens.matrix_speedups is None else _BATCH_C
    return [slice(i, i + step) for i in range(0, n, step)]


def _stack(batches: list, n_cols: int) -> sp.csr_matrix:
    """The rows of batches (CSR matrices) in one CSR matrix."""
    if len(batches) == 1:
        return batches[0]
    if not batches:
        return sp.csr_matrix((0, n_cols))
    return sp.vstack(batches, format="csr")


def _decode(codes: np.ndarray, size: int, hi: int):
    """Length and token ids (``words[k]``: the k-th token, -1 past the end) of n-gram
    codes."""
    offset = np.asarray(_offsets(size, hi + 1), dtype=np.int64)
    n = np.searchsorted(offset[1:], codes, side="right")
    words = np.full((hi, len(codes)), -1, dtype=np.int64)
    rest = codes - offset[n]
    for k in range(hi - 1, -1, -1):
        inside = k < n
        words[k, inside] = rest[inside] % size
        rest = np.where(inside, rest // size, rest)
    return n, words


def _names(words: np.ndarray, tokens: np.ndarray) -> np.ndarray:
    """Strings of n-grams (token ids per position, -1 past the end): tokens joined by
    one space."""
    out = tokens[np.maximum(words[0], 0)]
    for row in words[1:]:
        more = row >= 0
        out[more] = out[more] + " " + tokens[row[more]]
    return out


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
    """TF-IDF weights of a count matrix, in place (its arrays are the result's)."""
    X = counts.tocsr()
    if sublinear:
        np.log(X.data, out=X.data)
        X.data += 1.0
    for i in range(0, X.nnz, _CHUNK):  # = X @ diag(idf); small temporaries, reused
        X.data[i : i + _CHUNK] *= idf[X.indices[i : i + _CHUNK]]
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

    def _scan(self, words, chars) -> bool:
        """Tokenize in C while counting (``framing._speedups.token_ids``): word features
        of unstemmed tokens without a language rule or token pattern."""
        code = language_code(self.language)
        return (
            words is not None
            and chars is None
            and self.token_pattern is None
            and _tokens.matrix_speedups is not None
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

    def _inputs(self, X, words, chars):
        """(word-feature items, tokens as written): prepared texts for the C scanner
        (:meth:`_scan`), else the token lists."""
        if self._scan(words, chars):
            prepare = _tokens.prepare
            return [prepare(t) for t in X], None
        stems, raw = self._tokens(X)
        return stems, raw

    def _word_counts_fit(self, X, words, chars):
        """Fit the word block: (per batch of texts the counts, in sorted-name column
        order; the vocabulary; idf), and the raw tokens of the texts for the chars.

        In batches of texts (:func:`_batches`): (1) token ids, in order of first occurrence
        (``token_ids_``); (2) every n-gram code met, with its document frequency, in a
        table of codes (:class:`_Grams`); (3) the n-grams within the limits, their
        names and columns in sorted-name order (``word_codes_``: their codes in column
        order); (4) the counts of the batches over a table of the kept codes only, as
        :meth:`transform` counts them.
        """
        lo, hi = words
        grams, table = _Grams(), {}  # grams: only its token ids here
        batches, raws = [], []
        for part in _batches(len(X)):
            items, raw = self._inputs(X[part], words, chars)
            batches.append(grams.ids(items, table, grow=True))
            raws.append(raw)
        size = max(len(table), 1)
        if _offsets(size, hi + 1)[-1] >= 2**62:
            raise ModelError(
                f"TextFeatures: {size:,} distinct words do not fit {hi}-grams in 64-bit "
                "codes; use a smaller words range.",
                field="words",
                value=words,
            )
        codes, df, total = self._found(batches, words, size)
        keep = np.flatnonzero(_limit(df, len(X), self.min_df, self.max_df))
        if self.max_features is not None and len(keep) > self.max_features:
            keep = np.sort(keep[np.lexsort((keep, -total[keep]))[: self.max_features]])
        _, tokens = _decode(codes[keep], size, hi)
        # strings sort as their token tuples do (a space sorts before any token
        # character, a shorter tuple first): order by each position's token rank
        rank = np.empty(len(table) + 1, dtype=np.int64)
        names = np.asarray(list(table), dtype=object)
        rank[np.argsort(names, kind="stable")] = np.arange(len(table))
        rank[-1] = -1  # past the end of a shorter n-gram (id -1)
        order = np.lexsort(rank[tokens][::-1])
        self.token_ids_ = table
        self.word_codes_ = codes[keep[order]]
        vocab_names = _names(tokens[:, order], names) if len(order) else names[:0]
        vocab = {name: j for j, name in enumerate(vocab_names.tolist())}
        idf = np.log((1.0 + len(X)) / (1.0 + df[keep[order]])) + 1.0
        kept = _Grams()  # the kept n-grams, numbered by column
        kept.insert(self.word_codes_)
        out = [kept.rows(ids, lens, words, size, len(vocab)) for ids, lens in batches]
        raw = None if raws and raws[0] is None else list(chain.from_iterable(raws))
        return out, vocab, idf, raw

    def _found(self, batches, words, size: int):
        """(codes, document frequencies, occurrences) of the lo..hi-grams of the texts
        (token ids, lengths per batch).

        An n-gram is in no more texts than each of its words, so n-grams with a word
        below the ``min_df`` limit are not counted: words first, then the longer
        n-grams of the words within it (on 10,000 AllSides articles this leaves out
        11% of the distinct bigrams, and their hash-table probes).
        """
        lo, hi = words
        uni = _Grams()
        for ids, lens in batches:
            uni.fit(ids, lens, (1, 1), size)
        found = uni.found()  # a word's code is its token id
        if hi < 2:
            return found
        word_df = np.zeros(size)
        word_df[found[0]] = found[1]
        common = _limit(word_df, sum(len(lens) for _, lens in batches), self.min_df, np.inf)
        if lo > 1:
            found = tuple(a[:0] for a in found)
        longer = _Grams()
        for ids, lens in batches:
            longer.fit(ids, lens, (max(lo, 2), hi), size, skip=~common)
        return tuple(np.concatenate(a) for a in zip(found, longer.found(), strict=True))

    def _word_counts(self, items, grams: _Grams, words) -> sp.csr_matrix:
        """Counts of the fitted word n-grams in new texts (``grams``: the kept codes,
        numbered by column)."""
        ids, lens = grams.ids(items, self.token_ids_, grow=False)
        size = max(len(self.token_ids_), 1)
        return grams.rows(ids, lens, words, size, len(self.word_codes_))

    def fit(self, X, y=None):
        """Learn the vocabularies and idf weights of ``X`` (texts); returns self."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the (n_texts x n_features) sparse TF-IDF matrix."""
        words, chars = self._ranges()
        X = list(X)
        self.vocabularies_, self.idf_, parts = {}, {}, []
        raw = None
        if words is not None:
            counts, vocab, idf, raw = self._word_counts_fit(X, words, chars)
            self.vocabularies_["words"], self.idf_["words"] = vocab, idf
            self._check_features(vocab, len(X), "word")
            parts.append(_stack([_weigh(c, idf, self.sublinear_tf) for c in counts], len(vocab)))
        if chars is not None:
            if raw is None:
                raw = self._tokens(X)[1]
            grams: dict = {}
            C = self._char_counts(raw, chars, grams, grow=True)
            vocab, idf, kept = _select(C, grams, self.min_df, self.max_df, self.max_features)
            self.vocabularies_["chars"], self.idf_["chars"] = vocab, idf
            self._check_features(vocab, len(X), "character")
            parts.append(_weigh(kept, idf, self.sublinear_tf))
        return sp.hstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def _check_features(self, vocab: dict, n_texts: int, kind: str) -> None:
        """A kit error, not scikit-learn's, when no n-gram passes ``min_df``/``max_df``."""
        if vocab:
            return
        raise ModelError(
            f"TextFeatures: no {kind} n-gram of the {n_texts} training text(s) is in at "
            f"least min_df={self.min_df} and at most max_df={self.max_df} of them, so "
            "there are no features; give more (or longer) texts, or lower min_df / raise "
            "max_df.",
            field="min_df", value=self.min_df,
        )  # fmt: skip

    def transform(self, X):
        """The TF-IDF matrix of new texts over the fitted vocabularies."""
        check_is_fitted(self, "vocabularies_")
        words, chars = self._ranges()
        if words is not None and not hasattr(self, "word_codes_"):
            raise ModelError(
                "TextFeatures: this model was fitted by an earlier version of the kit "
                "(no word_codes_); fit it again with this version.",
                field="word_codes_",
            )
        X = list(X)
        grams = None
        if words is not None:
            grams = _Grams()
            grams.insert(self.word_codes_)
        # in batches: a few megabytes of arrays at a time are reused by the allocator,
        # where arrays over all texts at once cost a page fault per 4 KiB (measured: the
        # transform of 10,000 news articles took 2-3 times longer in one piece)
        if not X:
            return self._transform_batch([], words, chars, grams)
        batches = [self._transform_batch(X[part], words, chars, grams) for part in _batches(len(X))]
        return _stack(batches, batches[0].shape[1])

    def _transform_batch(self, X, words, chars, grams):
        items, raw = self._inputs(X, words, chars)
        parts = []
        if words is not None:
            C = self._word_counts(items, grams, words)
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
