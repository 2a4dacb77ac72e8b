"""Private: VADER scoring in worker processes, in chunks (used by framing.sentiment).

The per-process state (the sentence splitter, the analyzer) lives in
``framing.sentiment._vader._state``; workers fork with the analyzer built (see
:func:`_start_method`). Scores come back as columns, in input order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from framing import _tokens
from framing.sentiment import _vader
from framing.sentiment._vader import nltk_data_root, vader_analyzer

__all__: list[str] = []


def sentence_splitter():
    """Return ``(framing.text.sentences, name)``; the name keys the sentence-level cache
    and changes when the splitter's code or constants change (see
    :func:`framing._tokens.splitter_key`)."""
    _state = _vader._state  # looked up per call (tests reset it)
    if "splitter" not in _state:
        import framing.text as text

        _state["splitter"] = (text.sentences, _tokens.splitter_key())
    return _state["splitter"]


def _split_sentences(text: str) -> list[str]:
    return sentence_splitter()[0](text)


def _score_chunk(texts: Sequence[str], level: str, rules: str = "vader") -> tuple:
    """Score a chunk of texts in this process (the unit of parallel work).

    Returns columns, not rows (cheap to send between processes): ``(counts, sentences,
    scores)`` with ``counts`` the number of sentences per text (``None`` and ``[]``
    at document level, one row per text) and ``scores`` a float64 array with the four
    :data:`SCORE_COLUMNS`.
    """
    import numpy as np

    polarity = vader_analyzer(rules=rules).polarity_scores
    if level == "document":
        values = [v for t in texts for v in polarity(t).values()]
        return None, [], np.array(values, dtype="float64").reshape(-1, 4)
    counts, sentences, values = [], [], []
    for text in texts:
        parts = _split_sentences(text)
        counts.append(len(parts))
        sentences.extend(parts)
        for sentence in parts:
            values.extend(polarity(sentence).values())
    return counts, sentences, np.array(values, dtype="float64").reshape(-1, 4)


def _join(results: list[tuple]) -> tuple:
    """Concatenate the column chunks of :func:`_score_chunk` in order."""
    import numpy as np

    counts = None
    if results and results[0][0] is not None:
        counts = [c for r in results for c in r[0]]
    sentences = [s for r in results for s in r[1]]
    scores = np.concatenate([r[2] for r in results]) if results else np.empty((0, 4))
    return counts, sentences, scores


_CHUNK_CHARS = 4_000_000  # at most about this much text travels to a worker at once


def text_chunks(texts: list[str], n_jobs: int) -> list[list[str]]:
    """Chunks of similar character count: 8+ per worker (load balance), ~4 MB at most."""
    if not texts:
        return []
    total = sum(len(t) for t in texts)
    n_chunks = max(1, min(len(texts), max(n_jobs * 8, total // _CHUNK_CHARS)))
    budget = total / n_chunks + 1
    chunks, current, size = [], [], 0
    for text in texts:
        current.append(text)
        size += len(text)
        if size >= budget:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def _start_method() -> str:
    """Process start method: ``$FRAMING_MP_START``, else fork on Linux, else spawn.

    fork starts workers in milliseconds and they inherit the ready analyzer; spawn and
    forkserver re-import nltk in every worker (several seconds here) and need the
    ``if __name__ == "__main__":`` guard in scripts. macOS and Windows use spawn, their
    default, because fork is unsafe or missing there.
    """
    import multiprocessing as mp
    import sys

    method = os.environ.get("FRAMING_MP_START", "").strip()
    if method:
        return method
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return "fork"
    return "spawn"


def score_texts(texts: list[str], level: str, n_jobs: int, rules: str = "vader") -> tuple:
    """Score ``texts`` on ``n_jobs`` processes; columns as :func:`_score_chunk`, in order."""
    if n_jobs <= 1 or len(texts) < 2:
        return _score_chunk(texts, level, rules)
    import multiprocessing as mp
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    vader_analyzer(rules=rules)  # build it here, so forked workers inherit it ready-made
    if level == "sentence":
        sentence_splitter()
    chunks = text_chunks(texts, n_jobs)
    with warnings.catch_warnings():
        # Python 3.12+ warns that fork() in a multi-threaded process may deadlock. The
        # workers run only pure-Python nltk code on their own inputs, which takes no lock
        # a parent thread (e.g. Arrow's I/O pool) could hold.
        warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
        with ProcessPoolExecutor(
            max_workers=min(n_jobs, len(chunks)),
            mp_context=mp.get_context(_start_method()),
            initializer=_init_worker,
            initargs=(str(nltk_data_root()), rules),
        ) as pool:
            n = len(chunks)
            return _join(list(pool.map(_score_chunk, chunks, [level] * n, [rules] * n)))


def _init_worker(root: str, rules: str = "vader") -> None:
    os.environ["FRAMING_NLTK_DATA"] = root
    vader_analyzer(rules=rules)


def resolve_n_jobs(n_jobs: int | None) -> int:
    """Resolve ``n_jobs`` against the cores this process may use (joblib's convention)."""
    try:
        cores = len(os.sched_getaffinity(0))  # respects CPU pinning in containers
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    if n_jobs is None or n_jobs == 0:
        return cores
    if n_jobs < 0:
        return max(1, cores + 1 + n_jobs)
    return int(n_jobs)
