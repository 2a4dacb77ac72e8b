"""The quote table of a corpus: extraction and resolution per text, cached, in chunks."""

from __future__ import annotations

import os

from framing.voices._actors import assign_groups, load_actors
from framing.voices._extract import RULES_VERSION, find_quotes
from framing.voices._speakers import resolve

__all__ = ["QUOTE_COLUMNS", "extract_quotes", "quote_rows", "resolve_n_jobs"]

#: Columns of :func:`extract_quotes` in order (``group`` is added last).
QUOTE_COLUMNS = [
    "doc_id",
    "quote_id",
    "kind",
    "text",
    "start",
    "end",
    "n_words",
    "verb",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "speaker",
    "speaker_role",
    "resolution",
    "anonymous",
    "paragraph",
    "sentence_start",
    "sentence_end",
    "sentence",
    "group",
]
_KEY = "text_sha256"
_ENGINES = ("rules", "spacy")


def quote_rows(text: str, engine=None) -> dict[str, list]:
    """Columns of the quotes of one text (everything but ``doc_id`` and ``group``)."""
    quotes = find_quotes(text) if engine is None else engine(text)
    resolve(text, quotes)
    cols: dict[str, list] = {c: [] for c in QUOTE_COLUMNS[1:-1]}
    for i, q in enumerate(quotes):
        parts = q["parts"]
        words = " … ".join(text[s:e] for s, e in parts)
        span = q["mention"]
        ss, se = q["sentence"]
        ss, se = min(ss, parts[0][0]), max(se, parts[-1][1])
        cols["quote_id"].append(i)
        cols["kind"].append(q["kind"])
        cols["text"].append(words)
        cols["start"].append(parts[0][0])
        cols["end"].append(parts[-1][1])
        cols["n_words"].append(sum(len(text[s:e].split()) for s, e in parts))
        cols["verb"].append(q["verb"])
        cols["speaker_mention"].append(text[span[0] : span[1]] if span else None)
        cols["speaker_start"].append(span[0] if span else -1)
        cols["speaker_end"].append(span[1] if span else -1)
        cols["speaker"].append(q.get("speaker"))
        cols["speaker_role"].append(q.get("speaker_role") or "")
        cols["resolution"].append(q.get("resolution") or "none")
        cols["anonymous"].append(bool(q.get("anonymous")))
        cols["paragraph"].append(q["paragraph"])
        cols["sentence_start"].append(ss)
        cols["sentence_end"].append(se)
        cols["sentence"].append(text[ss:se])
    return cols


def _chunk_rows(texts: list[str], engine_name: str, model: str | None):
    """Quote columns of many texts, plus the number of quotes per text."""
    engine = None
    if engine_name == "spacy":
        from framing.voices._spacy import spacy_engine

        engine = spacy_engine(model)
    counts, merged = [], {c: [] for c in QUOTE_COLUMNS[1:-1]}
    for text in texts:
        cols = quote_rows(text, engine)
        counts.append(len(cols["quote_id"]))
        for k, v in cols.items():
            merged[k].extend(v)
    return counts, merged


def resolve_n_jobs(n_jobs: int | None) -> int:
    """``n_jobs`` against the usable cores: None/0 all, -1 all, -2 all but one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    if not n_jobs:
        return cores
    return max(1, cores + 1 + n_jobs) if n_jobs < 0 else int(n_jobs)


def _run(texts: list[str], engine: str, model, n_jobs: int):
    """Extract from ``texts`` on ``n_jobs`` processes (fork where available), in order."""
    if n_jobs <= 1 or len(texts) < 50 or engine == "spacy":
        return _chunk_rows(texts, engine, model)
    import multiprocessing as mp
    import sys
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    n_chunks = min(len(texts), n_jobs * 8)
    size = -(-len(texts) // n_chunks)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a threaded process; the workers run only
        # this module's pure-Python rules on their own inputs.
        warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
        with ProcessPoolExecutor(n_jobs, mp_context=mp.get_context(method)) as pool:
            results = list(pool.map(_chunk_rows, chunks, [engine] * len(chunks),
                                    [model] * len(chunks)))  # fmt: skip
    counts = [c for r in results for c in r[0]]
    merged = {k: [v for r in results for v in r[1][k]] for k in results[0][1]} if results else {}
    return counts, merged


def extract_quotes(
    corpus,
    *,
    actors=None,
    engine: str = "rules",
    model: str | None = None,
    n_jobs: int | None = 1,
    cache: bool = True,
):
    """Find the quotes of every article, their speakers and the speakers' actor groups.

    Quotes are found by rules that need no model or downloaded data (see
    :mod:`framing.voices`: direct quotes in straight or curly marks, over several
    sentences or paragraphs, broken by their attribution; indirect speech with speech
    verbs; *according to*; anonymous sourcing), speakers are resolved within each
    article (pronoun, role and surname to a named person), and each speaker is mapped
    to an actor group of ``actors.yaml``. Extraction is cached per text (by a hash of
    the text and the rules' version), so a topic sub-corpus or an edited actors file
    reuses it; only the group mapping is redone.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text`` (str).
    actors : str, pathlib.Path or Actors, optional
        Actor groups (default: the kit's ``framing/voices/actors.yaml``).
    engine : {"rules", "spacy"}, default "rules"
        ``"spacy"`` uses an installed spaCy pipeline's dependency parse instead (see
        :func:`framing.voices.spacy_engine`); it is never needed.
    model : str, optional
        spaCy pipeline name for ``engine="spacy"`` (default ``en_core_web_sm``).
    n_jobs : int, default 1
        Worker processes (None or 0 = all cores). Results do not depend on it.
    cache : bool, default True
        Read and write the per-text cache (:func:`framing.cache.cached_rows`).

    Returns
    -------
    pandas.DataFrame
        One row per quote, articles in corpus order, quotes in text order:
        ``doc_id``, ``quote_id`` (0-based within the article), ``kind`` (``direct`` or
        ``indirect``), ``text`` (the quoted words; the parts of a quote broken by its
        attribution joined by " … "), ``start``/``end`` (character span in the article
        text, from the first to the last quoted character), ``n_words``, ``verb``
        (speech-verb lemma, ``"according to"``, or missing for a floating quote),
        ``speaker_mention`` (as written) with ``speaker_start``/``speaker_end`` (-1 when
        none), ``speaker`` (resolved: a full name, or the description without its
        article; missing when unknown), ``speaker_role`` (titles and appositives seen
        with the person), ``resolution`` (``name``, ``surname``, ``pronoun``, ``role``,
        ``follows``, ``nested`` - the inner speaker of a report of a report -,
        ``writer`` - "I" in a scene the writer quotes -, ``description`` or ``none``), ``anonymous`` (an unnamed official,
        source, person...), ``paragraph``, ``sentence_start``/``sentence_end`` and
        ``sentence`` (the sentence(s) holding the quote and its attribution), ``group``
        (actor group, missing when none matched; see :func:`unmatched_speakers`).
        ``attrs["n_docs"]`` is the number of articles read.

    Raises
    ------
    framing.errors.ColumnsError
        When ``doc_id`` or ``text`` is missing.
    framing.errors.CorpusError
        When a ``text`` is not a string (the first bad row is named).
    ValueError
        When ``engine`` is unknown.
    framing.errors.ModelError
        When ``engine="spacy"`` and spaCy or the model is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": ["a"], "text": [
    ...     "“We are ready,” Russian Foreign Minister Sergei Lavrov said. "
    ...     "The talks were useful, a senior official said."]})
    >>> q = extract_quotes(df, cache=False)
    >>> q[["kind", "speaker", "group"]].values.tolist()
    [['direct', 'Sergei Lavrov', 'russian_officials'], ['indirect', 'senior official', 'anonymous']]
    """
    import pandas as pd

    from framing._shared.checks import require_columns
    from framing.cache import cached_rows, text_hash
    from framing.errors import CorpusError

    if engine not in _ENGINES:
        raise ValueError(f"extract_quotes: engine must be one of {list(_ENGINES)}, got {engine!r}.")
    require_columns(
        corpus,
        ["doc_id", "text"],
        where="extract_quotes",
        hint="Pass an articles table (framing.corpus.load_corpus).",
    )
    texts = corpus["text"].tolist()
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        i = bad[0]
        doc = corpus["doc_id"].iloc[i]
        raise CorpusError(
            f"extract_quotes: column 'text' must hold strings; row {i} (doc_id {doc!r}) "
            f"holds {texts[i]!r}, and {len(bad)} row(s) in all. Validate the corpus with "
            "framing.corpus.validate, or fill missing texts with ''.",
            row=i,
            doc_id=doc,
            field="text",
            value=texts[i],
            n_bad=len(bad),
        )
    if engine == "spacy":
        from framing.voices._spacy import spacy_engine

        spacy_engine(model)  # fail early, with the kit's message, when it is missing
    hashes = [text_hash(t) for t in texts]
    by_hash = dict(zip(hashes, texts, strict=True))
    key = {"rules": RULES_VERSION, "engine": engine, "model": model if engine == "spacy" else None}

    def compute(missing: list[str]):
        counts, cols = _run([by_hash[h] for h in missing], engine, model, resolve_n_jobs(n_jobs))
        keys = [h for h, c in zip(missing, counts, strict=True) for _ in range(c)]
        table = pd.DataFrame({_KEY: pd.Series(keys, dtype=str)} | _typed(cols))
        return table

    store = cached_rows("voices_quotes", key, hashes, compute, key_column=_KEY, cache=cache)
    # the actor groups are cached too, per text and actors file, so that a re-run skips
    # them and an edited actors.yaml recomputes only them
    actors = load_actors(actors)
    by_key = store.groupby(_KEY, sort=False).indices

    def compute_groups(missing: list[str]):
        import numpy as np

        rows = [by_key[h] for h in missing if h in by_key]
        part = store.iloc[np.concatenate(rows)] if rows else store.iloc[0:0]
        grouped = assign_groups(part, actors)
        return pd.DataFrame({_KEY: part[_KEY].astype(str).to_numpy(),
                             "quote_id": part["quote_id"].to_numpy(),
                             "group": grouped["group"].astype(object).to_numpy()})  # fmt: skip

    groups_key = {"quotes": key, "actors": actors.sha256}
    groups = cached_rows("voices_groups", groups_key, hashes, compute_groups, key_column=_KEY,
                         cache=cache)  # fmt: skip
    store = store.merge(groups, on=[_KEY, "quote_id"], how="left")
    docs = pd.DataFrame(
        {"doc_id": corpus["doc_id"].reset_index(drop=True), _KEY: pd.Series(hashes, dtype=str)}
    )
    docs["_pos"] = range(len(docs))
    out = docs.merge(store, on=_KEY, how="inner")
    out = out.sort_values(["_pos", "quote_id"], kind="stable").drop(columns=["_pos", _KEY])
    out = out.reset_index(drop=True)
    out["group"] = out["group"].astype("string")
    out = out[QUOTE_COLUMNS]
    out.attrs["n_docs"] = len(corpus)
    return out


def _typed(cols: dict[str, list]) -> dict:
    import pandas as pd

    ints = {"quote_id", "start", "end", "n_words", "speaker_start", "speaker_end",
            "paragraph", "sentence_start", "sentence_end"}  # fmt: skip
    out = {}
    for k, v in cols.items():
        if k in ints:
            out[k] = pd.Series(v, dtype="int64")
        elif k == "anonymous":
            out[k] = pd.Series(v, dtype="bool")
        else:
            out[k] = pd.Series(v, dtype=object)
    return out
