"""VADER sentiment through nltk, per document, per sentence and toward named actors.

VADER (Valence Aware Dictionary and sEntiment Reasoner) is a rule-based sentiment
model: a hand-rated lexicon of about 7,500 words, emoticons and slang, plus rules for
negation, intensifiers ("very"), contrast ("but"), capitals and punctuation. Its
``compound`` score lies in [-1, 1]; the authors' convention calls a text positive at
``compound >= 0.05`` and negative at ``compound <= -0.05``.

    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. Proceedings of the Eighth International
    AAAI Conference on Weblogs and Social Media (ICWSM-14), 216-225.

Where the parts come from
-------------------------
- The scoring rules are nltk's port (``nltk.sentiment.vader``; Apache-2.0).
- nltk's own ``vader_lexicon`` data package needs ``nltk.download``. The kit instead
  takes ``vader_lexicon.txt`` from the ``vaderSentiment`` PyPI package (C. J. Hutto,
  MIT licence), where it ships inside the package folder
  (``site-packages/vaderSentiment/vader_lexicon.txt``), and copies it once into an
  NLTK data folder the kit owns: ``$FRAMING_NLTK_DATA`` or ``<cache_dir>/nltk_data``
  (see :mod:`framing.cache`), as ``sentiment/vader_lexicon/vader_lexicon.txt``. That
  folder is added to ``nltk.data.path`` and the analyzer loads the lexicon by that
  relative resource name (nltk 3.10 refuses absolute lexicon paths). Nothing happens
  at import time and nothing touches the network.

Speed, and why the numbers do not change
----------------------------------------
nltk's ``SentiText`` builds, for every text, a dictionary of every distinct word joined
with each of 32 punctuation strings before and after (to strip "word," to "word"); that
is more than half of nltk's run time on news articles. :class:`_QuickAnalyzer` keeps
nltk's rules and lexicon and only replaces that step with a direct check of each token
(a token is mapped to its word when it is a word of 2+ characters without punctuation
plus one of nltk's punctuation strings before or after), and skips the rule machinery
for tokens absent from the lexicon (they score 0 in nltk too). Each process builds one
analyzer and checks it against nltk's own ``polarity_scores`` on probe sentences; if
they ever disagree (a future nltk), the kit logs a warning and uses nltk's method
instead. Work is spread over processes in chunks (fork on Linux, so workers start at
once with the analyzer ready) and scores are cached per text hash
(:func:`framing.cache.cached_rows`): a topic sub-corpus reuses the full corpus's
scores. The scores are identical to nltk's single-process output (tests and
``bench/sentiment.py`` check this).

Past one machine, the per-document function runs unchanged on Dask partitions:
``ddf.map_partitions(vader_scores, n_jobs=1, cache=False, meta=...)`` (one process per
Dask worker; the lexicon is placed on each worker on first use).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import string
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from framing.errors import LexiconError

__all__ = [
    "DEFAULT_ACTORS",
    "SCORE_COLUMNS",
    "nltk_data_root",
    "vader_analyzer",
    "vader_scores",
    "aggregate_sentences",
    "actor_tone",
    "score_file",
]

#: The four VADER scores, in nltk's order.
SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]

#: Default actor groups for :func:`actor_tone`. Patterns follow the lexicon conventions
#: (``*`` any word characters, ``?`` one, spaces match any whitespace); a pattern written
#: entirely in capitals (``US``, ``ASEAN``) matches case-sensitively so that "us" the
#: pronoun is not the United States; every other pattern ignores case. Known limits:
#: ``Washington`` also matches outlet names such as the Washington Post, ``Georgia``
#: would be ambiguous and is therefore absent.
DEFAULT_ACTORS: dict[str, list[str]] = {
    "russia": ["Russia", "Russian*", "Putin", "Lavrov", "Kremlin", "Moscow"],
    "us": [
        "United States",
        "U.S.",
        "US",
        "USA",
        "America",
        "American*",
        "Trump",
        "Rubio",
        "Washington",
        "White House",
    ],
    "china": ["China", "Chinese", "Beijing", "Xi Jinping", "Xi"],
    "ukraine": ["Ukraine", "Ukrainian*", "Zelensky*", "Zelenskiy", "Kyiv", "Kiev"],
    "asean": ["ASEAN", "Association of Southeast Asian Nations"],
}

_FEATURE_VERSION = 1  # bump when the computation of any table here changes
_KEY = "text_sha256"  # cache item key: scores depend on the text only, not on doc_id
_LEXICON_PACKAGE = "vaderSentiment"
_LEXICON_FILE = "vader_lexicon.txt"
_RESOURCE = "sentiment/vader_lexicon/vader_lexicon.txt"
_NEG_THRESHOLD = -0.05  # Hutto & Gilbert's (2014) cut-offs for negative/positive texts
_POS_THRESHOLD = 0.05

_state: dict = {}  # per-process: data root, lexicon hash, analyzer


# --------------------------------------------------------------------------- lexicon


def _lexicon_source() -> Path:
    """Locate ``vader_lexicon.txt`` inside the installed vaderSentiment package."""
    how = f"Install it with `pip install {_LEXICON_PACKAGE}` (the kit uses only its lexicon file)."
    try:
        spec = importlib.util.find_spec(_LEXICON_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(
            f"VADER lexicon not found: the Python package '{_LEXICON_PACKAGE}' is not installed. {how}",
            package=_LEXICON_PACKAGE,
            path=None,
        )
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / _LEXICON_FILE
        if candidate.is_file():
            return candidate
    raise LexiconError(
        f"VADER lexicon not found: '{_LEXICON_FILE}' is missing from the '{_LEXICON_PACKAGE}' "
        f"package at {list(spec.submodule_search_locations)}. Reinstall it with "
        f"`pip install --force-reinstall {_LEXICON_PACKAGE}`.",
        package=_LEXICON_PACKAGE,
        path=str(Path(list(spec.submodule_search_locations)[0]) / _LEXICON_FILE),
    )


def nltk_data_root() -> Path:
    """Return the NLTK data folder the kit owns (not created here).

    ``$FRAMING_NLTK_DATA`` when set, otherwise ``<cache_dir>/nltk_data`` (see
    :func:`framing.cache.cache_dir`).

    Examples
    --------
    >>> import os
    >>> os.environ["FRAMING_NLTK_DATA"] = "/tmp/framing-nltk-doctest"
    >>> str(nltk_data_root())
    '/tmp/framing-nltk-doctest'
    >>> del os.environ["FRAMING_NLTK_DATA"]
    """
    env = os.environ.get("FRAMING_NLTK_DATA", "").strip()
    if env:
        return Path(env).expanduser().absolute()
    from framing.cache import cache_dir

    return cache_dir() / "nltk_data"


def _install_lexicon() -> tuple[Path, str]:
    """Copy the lexicon into the data folder when missing or different; return (root, sha256)."""
    source = _lexicon_source()
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    root = nltk_data_root()
    target = root / _RESOURCE
    if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".vader-", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return root, digest


def _lexicon_digest() -> str:
    """SHA-256 of the package's lexicon file (part of every cache key)."""
    source = _lexicon_source()
    stat = source.stat()
    memo = (str(source), stat.st_mtime_ns, stat.st_size)
    if _state.get("digest_of") != memo:
        _state["digest_of"] = memo
        _state["source_digest"] = hashlib.sha256(source.read_bytes()).hexdigest()
    return _state["source_digest"]


def _ready() -> tuple[Path, str]:
    """Make sure the lexicon is in place and on nltk's path (once per process and root)."""
    import nltk.data

    root = nltk_data_root()
    if _state.get("root") != root or not (root / _RESOURCE).is_file():
        old = _state.get("root")
        if old is not None and old != root and str(old) in nltk.data.path:
            nltk.data.path.remove(str(old))  # keep nltk's search path short across roots
        _state["root"], _state["digest"] = _install_lexicon()
        _state.pop("analyzer", None)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return _state["root"], _state["digest"]


# -------------------------------------------------------------------------- analyzer

_PUNCT = set(string.punctuation)
_PUNCT_CHARS = string.punctuation
_PROBES = [
    "The talks were a great success!!",
    "The talks were NOT a success, and the mood was grim...",
    "It was kind of good, but the result was very bad.",
    "Never so happy; at least not sad. The deal is the shit :)",
    "Hardly a win -- the ministers' 'progress' was, frankly, disappointing?!",
    "GREAT outcome for the ALLIES, terrible for the others ??",
    'He said: "no deal", "no progress"; sanctions remain.',
    "",
    "?!",
    "The summit was ,good, and 'fine' - but: sorry.",
]


def _make_analyzer():
    """Build the fast analyzer class (nltk imported lazily, hence a factory)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

    class _QuickSentiText(SentiText):
        _punc_set = frozenset(VaderConstants.PUNC_LIST)

        def _words_and_emoticons(self):
            # nltk maps a token to `word` when the token is `p + word` or `word + p`, with
            # p one of PUNC_LIST and `word` a 2+ character token free of punctuation.
            puncs = self._punc_set
            out = []
            for token in self.text.split():
                if len(token) < 2:
                    continue
                if token[-1] in _PUNCT:
                    core = token.rstrip(_PUNCT_CHARS)
                    if (
                        len(core) > 1
                        and token[len(core) :] in puncs
                        and not any(ch in _PUNCT for ch in core)
                    ):
                        token = core
                elif token[0] in _PUNCT:
                    core = token.lstrip(_PUNCT_CHARS)
                    if (
                        len(core) > 1
                        and token[: len(token) - len(core)] in puncs
                        and not any(ch in _PUNCT for ch in core)
                    ):
                        token = core
                out.append(token)
            return out

    class _QuickAnalyzer(SentimentIntensityAnalyzer):
        """nltk's analyzer with a faster tokeniser step; same rules, same numbers."""

        def __init__(self, lexicon_file=_RESOURCE):
            super().__init__(lexicon_file=lexicon_file)
            self._boosters = self.constants.BOOSTER_DICT
            self.exact = all(self.polarity_scores(p) == self.nltk_scores(p) for p in _PROBES)
            if not self.exact:
                import logging

                logging.getLogger(__name__).warning(
                    "framing.sentiment: the fast VADER path disagrees with this nltk "
                    "version on probe sentences; using nltk's own (slower) scoring."
                )

        def nltk_scores(self, text):
            return SentimentIntensityAnalyzer.polarity_scores(self, text)

        def polarity_scores(self, text):
            if getattr(self, "exact", True) is False:
                return self.nltk_scores(text)
            sentitext = _QuickSentiText(
                text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
            )
            words = sentitext.words_and_emoticons
            first = {}
            for idx, token in enumerate(words):
                first.setdefault(token, idx)
            lexicon, boosters, last = self.lexicon, self._boosters, len(words) - 1
            sentiments = []
            for token in words:
                # nltk scores a repeated token at its first position; kept as is
                i = first[token]
                lower = token.lower()
                if lower in boosters or (
                    lower == "kind" and i < last and words[i + 1].lower() == "of"
                ):
                    sentiments.append(0)
                elif lower not in lexicon:
                    sentiments.append(0)  # nltk's sentiment_valence adds 0 here too
                else:
                    sentiments = self.sentiment_valence(0, sentitext, token, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

    return _QuickAnalyzer


def vader_analyzer(*, fast: bool = True):
    """Return this process's VADER analyzer (built once, lexicon placed on first use).

    Parameters
    ----------
    fast : bool, default True
        ``True``: the kit's faster analyzer (identical scores, see the module notes);
        ``False``: a plain ``nltk.sentiment.vader.SentimentIntensityAnalyzer`` (new each
        call), for checks.

    Returns
    -------
    nltk.sentiment.vader.SentimentIntensityAnalyzer
        Call ``.polarity_scores(text)`` for a dict ``neg, neu, pos, compound``.

    Raises
    ------
    framing.errors.LexiconError
        When the ``vaderSentiment`` package (source of the lexicon file) is missing.

    Examples
    --------
    >>> vader_analyzer().polarity_scores("A good result.")["compound"] > 0
    True
    """
    _ready()
    if not fast:
        from nltk.sentiment.vader import SentimentIntensityAnalyzer

        return SentimentIntensityAnalyzer(lexicon_file=_RESOURCE)
    if "analyzer" not in _state:
        _state["analyzer"] = _make_analyzer()()
    return _state["analyzer"]


# --------------------------------------------------------------------------- workers


# What framing.text.sentences depends on; their source enters the cache key.
_SPLITTER_PARTS = ("sentences", "_sentence_splitter", "_normalise", "ABBREVIATIONS", "_NORMALISE")


def _splitter():
    """Return ``(framing.text.sentences, name)``.

    The name carries a hash of the code and constants the splitter is made of (not of
    the whole module, so an edit to the word tokenizer keeps cached sentence tables);
    when one of them is renamed away, the whole module's source is hashed instead.
    """
    if "splitter" not in _state:
        import inspect

        import framing.text as text

        try:
            parts = []
            for name in _SPLITTER_PARTS:
                obj = getattr(text, name)
                parts.append(inspect.getsource(obj) if callable(obj) else repr(sorted(obj)))
            source = "\n".join(parts).encode("utf-8")
        except (AttributeError, OSError, TypeError):
            source = Path(text.__file__).read_bytes()
        name = f"framing.text.sentences@{hashlib.sha256(source).hexdigest()[:16]}"
        _state["splitter"] = (text.sentences, name)
    return _state["splitter"]


def _split_sentences(text: str) -> list[str]:
    return _splitter()[0](text)


def _score_chunk(texts: Sequence[str], level: str) -> tuple:
    """Score a chunk of texts in this process (the unit of parallel work).

    Returns columns, not rows (cheap to send between processes): ``(counts, sentences,
    scores)`` with ``counts`` the number of sentences per text (``None`` and ``[]``
    at document level, one row per text) and ``scores`` a float64 array with the four
    :data:`SCORE_COLUMNS`.
    """
    import numpy as np

    polarity = vader_analyzer().polarity_scores
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


def _chunks(texts: list[str], n_jobs: int) -> list[list[str]]:
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


def _run(texts: list[str], level: str, n_jobs: int) -> tuple:
    """Score ``texts`` on ``n_jobs`` processes; columns as :func:`_score_chunk`, in order."""
    if n_jobs <= 1 or len(texts) < 2:
        return _score_chunk(texts, level)
    import multiprocessing as mp
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    vader_analyzer()  # build it here, so forked workers inherit it ready-made
    if level == "sentence":
        _splitter()
    chunks = _chunks(texts, n_jobs)
    with warnings.catch_warnings():
        # Python 3.12+ warns that fork() in a multi-threaded process may deadlock. The
        # workers run only pure-Python nltk code on their own inputs, which takes no lock
        # a parent thread (e.g. Arrow's I/O pool) could hold.
        warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
        with ProcessPoolExecutor(
            max_workers=min(n_jobs, len(chunks)),
            mp_context=mp.get_context(_start_method()),
            initializer=_init_worker,
            initargs=(str(nltk_data_root()),),
        ) as pool:
            return _join(list(pool.map(_score_chunk, chunks, [level] * len(chunks))))


def _init_worker(root: str) -> None:
    os.environ["FRAMING_NLTK_DATA"] = root
    vader_analyzer()


# ------------------------------------------------------------------------ public API


def _n_jobs(n_jobs: int | None) -> int:
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


def _texts(corpus, where: str) -> list[str]:
    from framing._checks import require_columns
    from framing.errors import CorpusError

    require_columns(
        corpus,
        ["doc_id", "text"],
        where=where,
        hint="Pass an articles table (framing.corpus.load_corpus) with one text per row.",
    )
    texts = corpus["text"].tolist()
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        i = bad[0]
        raise CorpusError(
            f"{where}: column 'text' must hold strings; row {i} (doc_id "
            f"{corpus['doc_id'].iloc[i]!r}) holds {texts[i]!r}, and {len(bad)} row(s) in all. "
            "Validate the corpus with framing.corpus.validate, or fill missing texts with ''.",
            row=i,
            doc_id=corpus["doc_id"].iloc[i],
            field="text",
            value=texts[i],
            n_bad=len(bad),
        )
    return texts


def vader_scores(corpus, *, level: str = "document", n_jobs: int | None = None, cache: bool = True):
    """Score every article (or every sentence) with VADER.

    Scores are exactly nltk's ``SentimentIntensityAnalyzer.polarity_scores`` with the
    VADER lexicon (Hutto & Gilbert, 2014), computed on ``n_jobs`` processes and cached
    on disk by a hash of ``doc_id`` and ``text`` (see :mod:`framing.cache`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table; uses ``doc_id`` and ``text`` (str; ``""`` scores 0 everywhere).
    level : {"document", "sentence"}, default "document"
        Score whole texts, or each sentence from ``framing.text.sentences``.
    n_jobs : int, optional
        Worker processes; ``None`` or 0 = all cores, -1 = all cores, -2 = all but one,
        1 = this process only (no pool). Numbers do not depend on it.
    cache : bool, default True
        Read and write the on-disk cache.

    Returns
    -------
    pandas.DataFrame
        ``level="document"``: one row per article in corpus order with ``doc_id, neg,
        neu, pos, compound``. ``level="sentence"``: one row per sentence with ``doc_id,
        sentence_id`` (0-based within the article), ``sentence, neg, neu, pos,
        compound``; an article without sentences has no rows (see
        :func:`aggregate_sentences`). ``neg + neu + pos`` is 1 up to rounding;
        ``compound`` is in [-1, 1].

    Raises
    ------
    framing.errors.ColumnsError
        When ``doc_id`` or ``text`` is missing.
    framing.errors.CorpusError
        When a ``text`` value is not a string (the first bad row is named).
    framing.errors.LexiconError
        When the ``vaderSentiment`` package (source of the lexicon) is not installed.
    ValueError
        When ``level`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a", "b"],
    ...                    "text": ["The summit was a success.", "Talks failed. Anger grew."]})
    >>> vader_scores(df, n_jobs=1, cache=False)["compound"].gt(0).tolist()
    [True, False]
    >>> vader_scores(df, level="sentence", n_jobs=1, cache=False)[["doc_id", "sentence_id"]].values.tolist()
    [['a', 0], ['b', 0], ['b', 1]]
    """
    from importlib.metadata import version

    import numpy as np
    import pandas as pd

    from framing.cache import cached_rows, text_hash

    if level not in ("document", "sentence"):
        raise ValueError(f"vader_scores: level must be 'document' or 'sentence', got {level!r}.")
    texts = _texts(corpus, "vader_scores")
    hashes = [text_hash(t) for t in texts]
    by_hash = dict(zip(hashes, texts, strict=True))
    key = {
        "lexicon_sha256": _lexicon_digest(),
        "level": level,
        "nltk": version("nltk"),  # no nltk import, so a cache hit stays fast
        "splitter": _splitter()[1] if level == "sentence" else None,
        "feature_version": _FEATURE_VERSION,
    }

    def compute(missing: list[str]):
        counts, sentences, scores = _run([by_hash[h] for h in missing], level, _n_jobs(n_jobs))
        table = {c: scores[:, k] for k, c in enumerate(SCORE_COLUMNS)}
        if level == "document":
            return pd.DataFrame({_KEY: pd.Series(missing, dtype=str)} | table)
        counts = np.asarray(counts, dtype="int64")
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        head = {
            _KEY: pd.Series(np.repeat(np.asarray(missing, dtype=object), counts), dtype=str),
            "sentence_id": np.arange(len(sentences), dtype="int64") - starts,
            "sentence": pd.Series(sentences, dtype=str),
        }
        return pd.DataFrame(head | table)

    store = cached_rows(f"vader_{level}", key, hashes, compute, key_column=_KEY, cache=cache)
    docs = pd.DataFrame(
        {"doc_id": corpus["doc_id"].reset_index(drop=True), _KEY: pd.Series(hashes, dtype=str)}
    )
    docs["_pos"] = range(len(docs))
    out = docs.merge(store, on=_KEY, how="left" if level == "document" else "inner")
    sort_by = ["_pos"] if level == "document" else ["_pos", "sentence_id"]
    out = out.sort_values(sort_by, kind="stable").drop(columns=["_pos", _KEY])
    return out.reset_index(drop=True)


def aggregate_sentences(sentence_scores, *, doc_ids: Iterable | None = None):
    """Summarise sentence scores per article.

    Parameters
    ----------
    sentence_scores : pandas.DataFrame
        Output of ``vader_scores(..., level="sentence")``; uses ``doc_id, compound``.
    doc_ids : iterable, optional
        Every article to report (e.g. ``corpus["doc_id"]``), so that articles without
        sentences get a row (``n_sentences`` 0, the rest missing) instead of vanishing.
        Default: the articles present in ``sentence_scores``.

    Returns
    -------
    pandas.DataFrame
        One row per article: ``doc_id, n_sentences, mean_compound, share_negative``
        (share of sentences with ``compound <= -0.05``), ``share_positive``
        (``compound >= 0.05``), the cut-offs of Hutto & Gilbert (2014).

    Raises
    ------
    framing.errors.ColumnsError
        When ``doc_id`` or ``compound`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.5, 0.0]})
    >>> aggregate_sentences(s, doc_ids=["a", "b", "c"]).to_dict("list")["share_negative"]
    [0.5, 0.0, nan]
    """
    import pandas as pd

    from framing._checks import require_columns

    require_columns(
        sentence_scores,
        ["doc_id", "compound"],
        where="aggregate_sentences",
        hint="Pass the output of vader_scores(corpus, level='sentence').",
    )
    compound = sentence_scores["compound"].astype("float64")
    parts = pd.DataFrame(
        {
            "doc_id": sentence_scores["doc_id"],
            "compound": compound,
            "neg": (compound <= _NEG_THRESHOLD).astype("float64"),
            "pos": (compound >= _POS_THRESHOLD).astype("float64"),
        }
    )
    grouped = parts.groupby("doc_id", sort=False)
    out = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "mean_compound": grouped["compound"].mean(),
            "share_negative": grouped["neg"].mean(),
            "share_positive": grouped["pos"].mean(),
        }
    )
    if doc_ids is not None:
        out = out.reindex(pd.Index(list(doc_ids), name="doc_id"))
        out["n_sentences"] = out["n_sentences"].fillna(0)
    out["n_sentences"] = out["n_sentences"].astype("int64")
    return out.rename_axis("doc_id").reset_index()


def _actor_regex(patterns: Iterable[str]) -> re.Pattern:
    """One regex matching any pattern as whole words (lexicon glob conventions)."""
    parts = []
    for pattern in patterns:
        pattern = str(pattern).strip()
        if not pattern:
            continue
        body = []
        for ch in pattern:
            if ch == "*":
                body.append(r"\w*")
            elif ch == "?":
                body.append(r"\w")
            elif ch.isspace():
                if not body or body[-1] != r"\s+":
                    body.append(r"\s+")
            else:
                body.append(re.escape(ch))
        regex = "".join(body)
        letters = [c for c in pattern if c.isalpha()]
        case_sensitive = len(letters) >= 2 and pattern.upper() == pattern
        parts.append(regex if case_sensitive else f"(?i:{regex})")
    if not parts:
        raise ValueError("actor_tone: an actor group has no patterns.")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def actor_tone(
    corpus,
    actors: dict[str, list[str]] | None = None,
    *,
    sentence_scores=None,
    wide: bool = False,
    n_jobs: int | None = None,
    cache: bool = True,
):
    """Tone toward actors: mean VADER compound of the sentences that mention each group.

    A sentence mentions a group when any of its patterns occurs as a whole word.
    Patterns follow the lexicon conventions (``*`` any word characters, ``?`` one,
    spaces match any whitespace); patterns in capitals (``US``, ``ASEAN``) are
    case-sensitive, all others ignore case. (The lexicon matcher in
    ``framing.lexicon`` works on lower-cased tokens with one case mode per lexicon;
    actors need "US" but not "us", and dotted acronyms such as "U.S.", hence a small
    regular expression here.) Sentence tone toward an actor is a crude measure: the
    sentence's sentiment is attributed to every actor it names.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table; uses ``doc_id`` and ``text``.
    actors : dict of str to list of str, optional
        Group name to patterns; default :data:`DEFAULT_ACTORS` (russia, us, china,
        ukraine, asean).
    sentence_scores : pandas.DataFrame, optional
        Precomputed ``vader_scores(corpus, level="sentence")`` (``doc_id, sentence,
        compound``); computed (and cached) when omitted.
    wide : bool, default False
        One row per article instead, with ``tone_<actor>`` and ``n_sentences_<actor>``
        columns: join ``outlet`` and pass it to ``framing.compare.by_outlet`` with
        measures ``["tone_russia", ...]`` (articles without a mention have no value
        there and are not counted in ``n_docs``); the estimates feed
        ``framing.plots.actor_tone_plot`` as they are.
    n_jobs, cache
        As in :func:`vader_scores`.

    Returns
    -------
    pandas.DataFrame
        One row per article and actor group (every pair, articles in corpus order):
        ``doc_id, actor, n_sentences`` (sentences mentioning the group), ``tone``
        (their mean compound; missing when ``n_sentences`` is 0). With ``wide=True``:
        ``doc_id``, then ``tone_<actor>, n_sentences_<actor>`` per group.

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.
    ValueError
        When an actor group has no patterns.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a"],
    ...     "text": ["Russia praised the excellent talks. The US warned of a terrible crisis."]})
    >>> t = actor_tone(df, {"russia": ["Russia*"], "us": ["US"]}, n_jobs=1, cache=False)
    >>> t["tone"].gt(0).tolist(), t["n_sentences"].tolist()
    ([True, False], [1, 1])
    """
    import pandas as pd

    from framing._checks import require_columns

    actors = DEFAULT_ACTORS if actors is None else actors
    require_columns(corpus, ["doc_id"], where="actor_tone")
    if sentence_scores is None:
        sentence_scores = vader_scores(corpus, level="sentence", n_jobs=n_jobs, cache=cache)
    require_columns(
        sentence_scores,
        ["doc_id", "sentence", "compound"],
        where="actor_tone",
        hint="Pass the output of vader_scores(corpus, level='sentence').",
    )
    sentences = sentence_scores["sentence"].astype(str).tolist()
    doc_index = pd.Index(corpus["doc_id"].tolist(), name="doc_id")
    frames = []
    for name, patterns in actors.items():
        regex = _actor_regex(patterns)
        hit = [regex.search(s) is not None for s in sentences]
        mentioned = sentence_scores.loc[hit, ["doc_id", "compound"]]
        grouped = mentioned.groupby("doc_id", sort=False)["compound"]
        summary = pd.DataFrame({"n_sentences": grouped.size(), "tone": grouped.mean()})
        summary = summary.reindex(doc_index)
        summary["n_sentences"] = summary["n_sentences"].fillna(0).astype("int64")
        summary.insert(0, "actor", name)
        frames.append(summary.reset_index())
    if not frames:
        raise ValueError("actor_tone: no actor groups given.")
    out = pd.concat(frames, ignore_index=True)
    order = {name: k for k, name in enumerate(actors)}
    out["_pos"] = out.groupby("actor", sort=False).cumcount()
    out["_actor"] = out["actor"].map(order)
    out = out.sort_values(["_pos", "_actor"], kind="stable").drop(columns=["_pos", "_actor"])
    out = out.reset_index(drop=True)[["doc_id", "actor", "n_sentences", "tone"]]
    if not wide:
        return out
    table = pd.DataFrame({"doc_id": doc_index.to_numpy()})
    for name in actors:
        part = out[out["actor"] == name]
        table[f"tone_{name}"] = part["tone"].to_numpy()
        table[f"n_sentences_{name}"] = part["n_sentences"].to_numpy()
    return table


_LEVELS = ("document", "sentence", "summary", "actors")


def score_file(
    path,
    *,
    level: str = "document",
    out=None,
    mapping: dict[str, str] | None = None,
    n_jobs: int | None = None,
    cache: bool = True,
):
    """Load a corpus, score it with VADER and optionally write the table (the CLI's call).

    Parameters
    ----------
    path : str or Path
        Corpus folder or file, read with :func:`framing.corpus.load_corpus`.
    level : {"document", "sentence", "summary", "actors"}
        :func:`vader_scores` per document or sentence, :func:`aggregate_sentences`
        (every article), or :func:`actor_tone` with :data:`DEFAULT_ACTORS`.
    out : str or Path, optional
        Write the table here: ``.csv`` or ``.parquet`` (folders are created).
    mapping : dict, optional
        Canonical column -> source field, passed to ``load_corpus``.
    n_jobs, cache
        As in :func:`vader_scores`.

    Returns
    -------
    pandas.DataFrame
        The table, with the columns of the chosen function.

    Raises
    ------
    ValueError
        When ``level`` or the suffix of ``out`` is not one of the above.
    framing.errors.CorpusError
        When the corpus cannot be read (from ``load_corpus``).
    """
    from framing.corpus import load_corpus

    if level not in _LEVELS:
        raise ValueError(f"score_file: level must be one of {list(_LEVELS)}, got {level!r}.")
    suffix = Path(out).suffix.lower() if out is not None else None
    if suffix not in (None, ".csv", ".parquet"):
        raise ValueError(f"score_file: write .csv or .parquet, not {str(out)!r}.")
    corpus = load_corpus(path, mapping=mapping)
    if level in ("document", "sentence"):
        table = vader_scores(corpus, level=level, n_jobs=n_jobs, cache=cache)
    else:
        sent = vader_scores(corpus, level="sentence", n_jobs=n_jobs, cache=cache)
        if level == "summary":
            table = aggregate_sentences(sent, doc_ids=corpus["doc_id"])
        else:
            table = actor_tone(corpus, sentence_scores=sent)
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".csv":
            table.to_csv(out, index=False)
        else:
            table.to_parquet(out, index=False)
    return table
