"""The file-level task behind ``framing sentiment``: load a corpus, score it, write the table."""

from __future__ import annotations

from framing._shared.atomic import table_format, write_table
from framing.sentiment._actors import actor_tone
from framing.sentiment._scores import aggregate_sentences, vader_scores

__all__ = ["score_file"]


_LEVELS = ("document", "sentence", "summary", "actors")
_FORMATS = (".csv", ".parquet")


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
        When ``level`` is not one of the above.
    framing.errors.OutputError
        When the suffix of ``out`` is not ``.csv`` or ``.parquet``.
    framing.errors.CorpusError
        When the corpus cannot be read (from ``load_corpus``).
    """
    from framing.corpus import load_corpus

    if level not in _LEVELS:
        raise ValueError(f"score_file: level must be one of {list(_LEVELS)}, got {level!r}.")
    if out is not None:
        table_format(out, where="score_file", allowed=_FORMATS)
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
        write_table(table, out, where="score_file", allowed=_FORMATS)
    return table
