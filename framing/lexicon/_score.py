"""Per-document dictionary scores and per-term counts (private; public via
:mod:`framing.lexicon`)."""

from __future__ import annotations

import functools
from collections import Counter
from itertools import chain, islice
from pathlib import Path

import numpy as np
import pandas as pd

from framing import _tokens
from framing._patterns import Matcher
from framing._shared.checks import require_columns
from framing._shared.jsonable import sha256_file, sha256_json
from framing.errors import CorpusError
from framing.lexicon._io import load_lexicon
from framing.lexicon._model import Lexicon

__all__ = ["score", "score_frame", "term_counts", "matcher_for", "iter_chunks"]

_MATCHERS: dict[tuple[str, bool], Matcher] = {}
_MAX_MATCHERS = 16
_END = object()


def matcher_for(lex: Lexicon, case_sensitive: bool = False) -> Matcher:
    """The compiled matcher of a lexicon (cached by content, so its memo stays warm)."""
    key = (lex.content_hash, bool(case_sensitive))
    m = _MATCHERS.get(key)
    if m is None:
        if len(_MATCHERS) >= _MAX_MATCHERS:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        cats = [(name, lex.patterns(name)) for name in lex.categories]
        m = _MATCHERS[key] = Matcher(cats, case_sensitive=case_sensitive)
    return m


def iter_chunks(corpus_or_texts, chunksize: int, *, where: str):
    """Yield ``(doc_ids, texts, frame_or_None)`` chunks of at most ``chunksize`` documents.

    Accepts an articles table (``doc_id``, ``text``), a Series of texts (its index
    gives the doc ids), an iterable of article-table chunks, or an iterable of
    strings (doc ids ``"0"``, ``"1"``, ...).
    """
    if isinstance(corpus_or_texts, str):
        raise TypeError(
            f"{where}: got a single string; pass a list of texts ([text]) or an articles table."
        )
    if chunksize < 1:
        raise ValueError(f"{where}: chunksize must be >= 1, got {chunksize}.")
    if isinstance(corpus_or_texts, pd.DataFrame):
        frames = [corpus_or_texts]
    elif isinstance(corpus_or_texts, pd.Series):
        s = corpus_or_texts
        frames = [pd.DataFrame({"doc_id": s.index.astype(str), "text": s.to_numpy()})]
    else:
        it = iter(corpus_or_texts)
        first = next(it, _END)
        if first is _END:
            return
        if isinstance(first, pd.DataFrame):
            frames = chain([first], it)
        else:
            start = 0
            texts = list(chain([first], islice(it, chunksize - 1)))
            while texts:
                ids = [str(i) for i in range(start, start + len(texts))]
                yield ids, texts, None
                start += len(texts)
                texts = list(islice(it, chunksize))
            return
    for frame in frames:
        require_columns(
            frame,
            ["doc_id", "text"],
            where=where,
            hint="Pass an articles table (framing.corpus.load_corpus) or a list of texts.",
        )
        for lo in range(0, len(frame), chunksize):
            part = frame.iloc[lo : lo + chunksize]
            yield part["doc_id"].astype(str).tolist(), part["text"].tolist(), part


def _token_lists(ids, texts, lower: bool):
    find = _tokens.find_tokens
    return [find(t) for t in _prepared(ids, texts, lower)]


def _prepared(ids, texts, lower: bool):
    try:
        return [_tokens.prepare(t, lower) for t in texts]
    except TypeError:
        for doc_id, t in zip(ids, texts, strict=True):
            try:
                _tokens.prepare(t, lower)
            except TypeError:
                raise CorpusError(
                    f"doc_id {doc_id!r}: field 'text' holds a {type(t).__name__} ({t!r:.40}); "
                    "expected a string. Fix the text column (missing texts may be empty).",
                    doc_id=doc_id,
                    field="text",
                    value=t,
                ) from None
        raise


def _frame(ids, n_tokens, counts, names, index=None) -> pd.DataFrame:
    cols: dict[str, np.ndarray] = {"doc_id": np.asarray(ids, dtype=object), "n_tokens": n_tokens}
    safe = np.where(n_tokens > 0, n_tokens, 1)
    for j, name in enumerate(names):
        c = counts[:, j]
        cols[name] = c
        cols[f"{name}_per_1k"] = c * 1000.0 / safe
        cols[f"{name}_any"] = (c > 0).astype(np.int64)
    return pd.DataFrame(cols, index=index)


def _score_chunk(lex: Lexicon, ids, texts, case_sensitive: bool, index=None) -> pd.DataFrame:
    m = matcher_for(lex, case_sensitive)
    n_tokens, counts = m.count_texts(_prepared(ids, texts, not case_sensitive))
    return _frame(ids, n_tokens, counts, m.names, index)


def _tag(df: pd.DataFrame, lex: Lexicon, language_check=None) -> pd.DataFrame:
    df.attrs.update(lexicon=lex.name, lexicon_version=lex.version, lexicon_hash=lex.content_hash)
    if language_check is not None:
        df.attrs["language_check"] = language_check
    return df


def score_frame(df: pd.DataFrame, lexicon, *, case_sensitive: bool = False) -> pd.DataFrame:
    """Score one articles table (the pure per-partition function behind :func:`score`).

    Takes columns ``doc_id`` and ``text``; returns the columns of :func:`score`, on
    the input's index, so it runs unchanged as a Dask ``map_partitions`` function.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["A ceasefire after peace talks."]})
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> score_frame(df, lex)[["doc_id", "n_tokens", "peace", "peace_per_1k", "peace_any"]]
      doc_id  n_tokens  peace  peace_per_1k  peace_any
    0      a         5      2         400.0          1
    """
    lex = load_lexicon(lexicon)
    require_columns(df, ["doc_id", "text"], where="score_frame")
    ids = df["doc_id"].astype(str).tolist()
    return _tag(_score_chunk(lex, ids, df["text"].tolist(), case_sensitive, df.index), lex)


def _run_chunks(lex, chunks, case_sensitive, n_jobs):
    if n_jobs == 1:
        for ids, texts, _ in chunks:
            yield _score_chunk(lex, ids, texts, case_sensitive)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")  # fork is unsafe in threaded processes
    workers = n_jobs if n_jobs > 0 else (multiprocessing.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending = []
        for ids, texts, _ in chunks:
            pending.append(pool.submit(_score_chunk, lex, ids, texts, case_sensitive))
            if len(pending) >= 2 * workers:  # bounded: memory does not grow with corpus size
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()


_FEATURE_VERSION = 1  # bump when the counting rules or output columns change
_KEY = "_text_sha256"


@functools.cache
def _text_layer_hash() -> str:
    """sha256 of the sources that decide the counts (tokenizer, C scan, matcher), so a
    change to them cannot serve scores cached before it, version bump or not."""
    package = Path(__file__).resolve().parents[1]
    names = ("_tokens.py", "_speedups.c", "_patterns.py")
    return sha256_json({n: sha256_file(package / n) for n in names if (package / n).is_file()})


def _score_cached(lex, table, chunksize, n_jobs, case_sensitive):
    """Scores of an in-memory table through the per-text cache; None if a text is not
    a string or missing (the uncached path then raises its error)."""
    from framing.cache import cached_rows, text_hash

    ids, texts, _ = next(iter_chunks(table, max(len(table), 1), where="score"), ([], [], None))
    if not all(isinstance(t, str) or t is None or t is pd.NA or t != t for t in texts):
        return None
    texts = [t if isinstance(t, str) else "" for t in texts]  # missing counts as empty
    hashes = [text_hash(t) for t in texts]
    by_hash = dict(zip(hashes, texts, strict=True))
    key = {
        "lexicon_sha256": lex.content_hash,
        "case_sensitive": bool(case_sensitive),
        "feature_version": _FEATURE_VERSION,
        "text_layer_sha256": _text_layer_hash(),
    }

    def compute(missing):
        chunks = (
            (missing[i : i + chunksize], [by_hash[h] for h in missing[i : i + chunksize]], None)
            for i in range(0, len(missing), chunksize)
        )
        parts = list(_run_chunks(lex, chunks, case_sensitive, n_jobs))
        parts = parts or [_score_chunk(lex, [], [], case_sensitive)]
        out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        return out.rename(columns={"doc_id": _KEY})

    store = cached_rows("lexicon_scores", key, hashes, compute, key_column=_KEY)
    rows = store.set_index(_KEY).loc[hashes].reset_index(drop=True)
    rows.insert(0, "doc_id", pd.Series(ids, dtype="str"))  # text even with no rows
    return rows


def score(
    corpus_or_texts,
    lexicon,
    *,
    chunksize: int = 2000,
    n_jobs: int = 1,
    case_sensitive: bool = False,
    cache: bool = True,
) -> pd.DataFrame:
    """Score documents with a dictionary: counts, rates per 1,000 tokens, presence.

    Matching rules (see :mod:`framing.lexicon` for the full statement): within one
    category a token is counted at most once however many patterns match it; a
    multiword expression counts once and its words are not also counted as single
    words of the same category (other categories still see them); a group's count
    is the union of its descendants' patterns.

    Parameters
    ----------
    corpus_or_texts : DataFrame, Series, iterable of DataFrame, or iterable of str
        An articles table with ``doc_id`` and ``text`` (other columns ignored); a
        Series of texts (index = doc ids); chunks of such tables (e.g. from
        ``pandas.read_json(..., lines=True, chunksize=...)``); or plain texts (doc ids
        ``"0"``, ``"1"``, ...). Missing texts count as empty.
    lexicon : Lexicon, str or pathlib.Path
        A lexicon, a built-in name (``"news_frames"``) or a dictionary file.
    chunksize : int, default 2000
        Documents tokenized at a time; memory beyond the result does not grow with
        the corpus.
    n_jobs : int, default 1
        Processes (-1: one per core). Each chunk is scored independently.
    case_sensitive : bool, default False
        Match patterns as written instead of lower-casing text and patterns.
    cache : bool, default True
        For a table or Series held in memory, reuse scores stored on disk per text
        (:func:`framing.cache.cached_rows`, keyed by the text's hash, the lexicon's
        content hash and ``case_sensitive``): the notebooks of a report batch, or a
        topic sub-corpus of a scored corpus, do not score the same text twice. Streams
        of chunks and plain lists of texts are never cached. ``False`` neither reads
        nor writes the cache.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (str), ``n_tokens`` (int), then per category in lexicon order
        ``<cat>`` (int count), ``<cat>_per_1k`` (float; 0 for a document without
        tokens) and ``<cat>_any`` (0/1). ``attrs`` holds ``lexicon``,
        ``lexicon_version`` and ``lexicon_hash``, and for an articles table with a
        ``lang`` column ``language_check``: the lexicon's ``language``, ``n_docs``,
        ``n_mismatch`` and ``counts`` (articles per other language).

    Warns
    -----
    framing.errors.LanguageWarning
        Articles (by their ``lang`` column) are in another language than the
        lexicon's declared ``language``; the warning counts them per language.

    Raises
    ------
    ColumnsError
        If a table lacks ``doc_id`` or ``text``.
    CorpusError
        If a text is neither a string nor missing.
    LexiconError
        If the lexicon cannot be loaded.

    Examples
    --------
    >>> lex = Lexicon.from_dict({"conflict": ["clash*", "war of words"]}, name="mini")
    >>> out = score(["A war of words, then clashes.", "Calm."], lex)
    >>> out[["doc_id", "n_tokens", "conflict", "conflict_any"]]
      doc_id  n_tokens  conflict  conflict_any
    0      0         6         2             1
    1      1         1         0             0

    With Dask, the same numbers come from ``score_frame`` per partition::

        import dask.dataframe as dd
        from framing.lexicon import load_lexicon, score_frame
        lex = load_lexicon("news_frames")
        ddf = dd.from_pandas(articles[["doc_id", "text"]], npartitions=8)
        scores = ddf.map_partitions(score_frame, lex, meta=score_frame(articles.head(0), lex))
        scores.compute()
    """
    lex = load_lexicon(lexicon)
    checked = _check_language(corpus_or_texts, lex)
    if cache and isinstance(corpus_or_texts, (pd.DataFrame, pd.Series)):
        cached = _score_cached(lex, corpus_or_texts, chunksize, n_jobs, case_sensitive)
        if cached is not None:
            return _tag(cached, lex, checked)
    chunks = iter_chunks(corpus_or_texts, chunksize, where="score")
    parts = list(_run_chunks(lex, chunks, case_sensitive, n_jobs))
    if not parts:
        parts = [_score_chunk(lex, [], [], case_sensitive)]
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return _tag(out.reset_index(drop=True), lex, checked)


def _check_language(corpus, lex: Lexicon):
    """Warn (LanguageWarning) when articles of an articles table with a ``lang`` column
    are in another language than the lexicon; the summary for the output's attrs."""
    if not (isinstance(corpus, pd.DataFrame) and "lang" in corpus.columns and len(corpus)):
        return None
    from framing.text import language_mismatch

    bad = language_mismatch(corpus, lex.language, what=f"lexicon '{lex.name}'")
    return dict(bad.attrs)


def term_counts(
    corpus_or_texts, lexicon, *, chunksize: int = 2000, case_sensitive: bool = False
) -> pd.DataFrame:
    """Which patterns and words drove each document's category counts.

    Parameters
    ----------
    corpus_or_texts, lexicon, chunksize, case_sensitive
        As in :func:`score`.

    Returns
    -------
    pandas.DataFrame
        One row per (document, category, pattern, matched words) with columns
        ``doc_id``, ``category``, ``term`` (the pattern), ``match`` (the matched
        token(s), space-separated for multiword expressions) and ``count``. Summing
        ``count`` per ``doc_id`` and ``category`` gives :func:`score`'s counts. A token
        matched by several patterns of one category is credited to the first of them in
        the category's term order. Rows follow the documents' input order, then the
        categories' lexicon order, then pattern and match.

    Examples
    --------
    >>> lex = Lexicon.from_dict({"conflict": ["clash*", "war of words"]}, name="mini")
    >>> term_counts(["War of words; clashes and a clash."], lex)
      doc_id  category          term         match  count
    0      0  conflict        clash*         clash      1
    1      0  conflict        clash*       clashes      1
    2      0  conflict  war of words  war of words      1
    """
    lex = load_lexicon(lexicon)
    m = matcher_for(lex, case_sensitive)
    rows = []
    for ids, texts, _ in iter_chunks(corpus_or_texts, chunksize, where="term_counts"):
        for doc_id, toks in zip(ids, _token_lists(ids, texts, not case_sensitive), strict=True):
            found = Counter(
                (cid, pattern, " ".join(toks[i : i + n])) for cid, i, n, pattern in m.matches(toks)
            )
            # documents in input order; within one, categories in lexicon order
            rows.extend(
                (doc_id, m.names[cid], pattern, match, k)
                for (cid, pattern, match), k in sorted(found.items())
            )
    out = pd.DataFrame(rows, columns=["doc_id", "category", "term", "match", "count"])
    out["count"] = out["count"].astype(np.int64)
    return _tag(out, lex)
