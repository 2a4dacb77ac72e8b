"""Word shingles, MinHash signatures and LSH banding, vectorised over many documents.

The signatures are those of :class:`datasketch.MinHash` with ``scheme="affine32"``: the
same permutations (drawn by datasketch from ``seed``), the same MurmurHash3 finaliser
and the same affine maps ``a * h + b mod 2**32``, so a signature row can be turned into
a ``datasketch.LeanMinHash`` and queried in any datasketch index (the tests check that
the values are identical). What is vectorised here is the loop datasketch runs per
document in Python: all shingles of a chunk of documents are permuted in one numpy
expression and reduced per document with ``np.minimum.reduceat``.

Banding follows the LSH scheme of Indyk & Motwani (1998) as presented by Leskovec,
Rajaraman & Ullman, *Mining of Massive Datasets*, 3rd ed. (2020), ch. 3.4: the signature
is cut into ``b`` bands of ``r`` rows and two documents become candidates when all rows
of at least one band agree. ``b`` and ``r`` are the ones datasketch's ``MinHashLSH``
chooses for the threshold (they minimise the weighted false positive and false negative
probability, weighting misses 9:1 since candidates are verified). Candidate pairs are
found by sorting band keys (no per-document Python object), so memory grows with
``n_docs x b`` integers.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = [
    "shingle_hashes",
    "signatures",
    "sign_texts",
    "lsh_params",
    "candidate_pairs",
    "estimated_jaccard",
]

_MIX = np.uint32(0x9E3779B1)  # golden-ratio multiplier to combine token hashes
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3 fmix32, as datasketch applies
_BLOCK = 8192  # shingles permuted at once: (num_perm x _BLOCK) uint32 stays in cache
_DOCS = 2000  # documents tokenized and shingled at once


class _TokenHash(dict):
    """Token -> CRC-32 of its UTF-8 bytes (stable across runs), computed once per token."""

    def __missing__(self, token):
        value = self[token] = zlib.crc32(token.encode("utf-8", "surrogatepass"))
        return value


def _chunk_shingles(texts, k, memo):
    from framing import _tokens

    toks = [_tokens.find_tokens(t.lower()) if isinstance(t, str) else [] for t in texts]
    lens = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
    flat = np.fromiter(
        map(memo.__getitem__, (w for ws in toks for w in ws)),
        dtype=np.uint32,
        count=int(lens.sum()),
    )
    starts = np.zeros(len(toks) + 1, dtype=np.int64)
    np.cumsum(lens, out=starts[1:])
    doc_of = np.repeat(np.arange(len(toks), dtype=np.uint64), lens)
    keys = []
    with np.errstate(over="ignore"):
        if len(flat) >= k:
            m = len(flat) - k + 1
            s = np.zeros(m, dtype=np.uint32)
            for j in range(k):
                s = s * _MIX + flat[j : m + j]
            pos = np.arange(m)
            ok = pos + k <= starts[1:][doc_of[:m].astype(np.int64)]  # shingle ends in its doc
            keys.append((doc_of[:m][ok] << np.uint64(32)) | s[ok].astype(np.uint64))
        for d in np.flatnonzero((lens > 0) & (lens < k)):  # short text: one shingle
            s = np.uint32(0)
            for v in flat[starts[d] : starts[d + 1]]:
                s = s * _MIX + v
            keys.append(np.array([(int(d) << 32) | int(s)], dtype=np.uint64))
    keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    keys.sort()  # sort + adjacent difference: much faster than np.unique's hash path
    if len(keys) > 1:
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    counts = np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(toks))
    return (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32), counts, lens


def shingle_hashes(texts, *, k: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct 32-bit hashes of the word ``k``-shingles of each text.

    Words are the kit's tokens (:func:`framing.text.tokenize` rules) of the lowercased
    text; a text with fewer than ``k`` words has one shingle (all its words), an empty
    or missing text none. Token hashes are CRC-32 (stable across runs and machines),
    combined in order with a multiplicative mix; shingles are sorted and distinct. This
    is the set :func:`find_duplicates` compares (exact Jaccard of two texts from it).

    Parameters
    ----------
    texts : iterable of str
        The texts (``None`` or non-text: no shingle).
    k : int, default 5
        Words per shingle.

    Returns
    -------
    hashes : numpy.ndarray of uint32
        The distinct shingle hashes of all texts, text after text.
    offsets : numpy.ndarray of int64
        ``hashes[offsets[i]:offsets[i + 1]]`` belong to text ``i`` (length n + 1).
    n_words : numpy.ndarray of int64
        Words per text.

    Examples
    --------
    >>> h, off, n = shingle_hashes(["a b c d", "a b c d", "x"], k=3)
    >>> off.tolist(), n.tolist()
    ([0, 2, 4, 5], [4, 4, 1])
    >>> bool((h[0:2] == h[2:4]).all())
    True
    """
    texts = list(texts)
    memo = _TokenHash()
    parts, counts, words = [], [], []
    for at in range(0, len(texts), _DOCS):
        h, c, n = _chunk_shingles(texts[at : at + _DOCS], k, memo)
        parts.append(h)
        counts.append(c)
        words.append(n)
    if not parts:
        return np.zeros(0, np.uint32), np.zeros(1, np.int64), np.zeros(0, np.int64)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(counts), out=offsets[1:])
    return np.concatenate(parts), offsets, np.concatenate(words)


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    h = h ^ (h >> np.uint32(s1))
    h = h * np.uint32(m1)
    h = h ^ (h >> np.uint32(s2))
    h = h * np.uint32(m2)
    return h ^ (h >> np.uint32(s3))


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations ``(a, b)`` datasketch draws for ``num_perm`` and ``seed``."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def signatures(hashes, offsets, *, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signatures (n_docs x num_perm, uint32) from :func:`shingle_hashes` output.

    Identical to ``datasketch.MinHash(num_perm, seed, hashfunc=<identity>,
    scheme="affine32")`` updated with each document's shingle hashes. A document with
    no shingle gets the all-``2**32 - 1`` row (datasketch's empty MinHash).

    Examples
    --------
    >>> h, off, _ = shingle_hashes(["one two three four five six", "x y"], k=2)
    >>> signatures(h, off, num_perm=8).shape
    (2, 8)
    """
    a, b = permutations(num_perm, seed)
    a, b = a[:, None], b[:, None]
    offsets = np.asarray(offsets, dtype=np.int64)
    n = len(offsets) - 1
    out = np.full((n, num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    total = int(offsets[-1])
    buf = np.empty((num_perm, _BLOCK), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for lo in range(0, total, _BLOCK):
            hi = min(lo + _BLOCK, total)
            x = _fmix32(np.asarray(hashes[lo:hi], dtype=np.uint32))
            w = buf[:, : hi - lo]
            np.multiply(a, x[None, :], out=w)
            np.add(w, b, out=w)
            # documents overlapping [lo, hi): first is the one holding position lo
            d0 = int(np.searchsorted(offsets, lo, side="right")) - 1
            d1 = int(np.searchsorted(offsets, hi, side="left"))
            docs = np.arange(d0, d1)
            docs = docs[offsets[docs + 1] > offsets[docs]]  # skip empty documents
            seg = np.maximum(offsets[docs], lo) - lo
            mins = np.minimum.reduceat(w, seg, axis=1).T
            out[docs] = np.minimum(out[docs], mins)
    return out


def sign_texts(texts, shingle: int, num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Signatures and shingle counts of a list of texts (the unit of work of a worker)."""
    hashes, offsets, _ = shingle_hashes(texts, k=shingle)
    return signatures(hashes, offsets, num_perm=num_perm, seed=seed), np.diff(offsets)


def lsh_params(threshold: float, num_perm: int, weights=(0.1, 0.9)) -> tuple[int, int]:
    """Bands and rows per band that datasketch's ``MinHashLSH`` chooses for the threshold.

    ``weights`` are datasketch's (false positive, false negative) weights; the kit
    weights misses nine times more than false candidates, because every candidate is
    checked on its signature afterwards while a missed pair is lost (with 128
    permutations and threshold 0.5: 32 bands of 4 rows, so a pair with Jaccard 0.65 is a
    candidate with probability 0.998, one with 0.3 with 0.23).

    Examples
    --------
    >>> lsh_params(0.5, 128)
    (32, 4)
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=tuple(weights))
    return int(lsh.b), int(lsh.r)


def candidate_pairs(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Pairs (i < j) of documents whose signatures agree on all rows of a band.

    Within a bucket every member is paired with the bucket's first member (a star), so
    a bucket of ``m`` exact copies gives ``m - 1`` pairs, not ``m (m - 1) / 2``; the
    components found from the pairs are the same.

    Returns
    -------
    numpy.ndarray
        (n_pairs x 2) int64, unique, sorted.
    """
    n = sig.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    rng = np.random.default_rng(12345)
    mult = rng.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    found = []
    with np.errstate(over="ignore"):
        for band in range(bands):
            block = sig[:, band * rows : (band + 1) * rows].astype(np.uint64)
            key = (block * mult[None, :]).sum(axis=1, dtype=np.uint64)
            key ^= block[:, 0] << np.uint64(32)
            order = np.argsort(key, kind="stable")
            sk = key[order]
            new = np.ones(n, dtype=bool)
            new[1:] = sk[1:] != sk[:-1]
            head = order[np.maximum.accumulate(np.where(new, np.arange(n), 0))]
            member = ~new
            if member.any():
                pairs = np.stack([head[member], order[member]], axis=1)
                found.append(np.sort(pairs, axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found).astype(np.int64), axis=0)


def estimated_jaccard(sig: np.ndarray, pairs: np.ndarray, *, step: int = 200_000) -> np.ndarray:
    """Share of agreeing signature positions for each pair (the MinHash Jaccard estimate)."""
    out = np.empty(len(pairs), dtype=np.float64)
    for at in range(0, len(pairs), step):
        p = pairs[at : at + step]
        out[at : at + step] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    return out
