"""The file-level task behind ``framing topics select``: load a corpus, select a topic, write it."""

from __future__ import annotations

import pandas as pd

from framing._shared.atomic import table_format, write_table
from framing.topics._select import outlet_counts, select

__all__ = ["select_file"]


def select_file(path, topic: str, *, topics=None, out=None) -> pd.DataFrame:
    """Load a corpus, select a topic, optionally write the selection; count per outlet.

    The command ``framing topics select`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).
    topic : str
        Topic id in ``topics``.
    topics : str or pathlib.Path, optional
        Topic file; default ``corpora/topics.yaml``.
    out : str or pathlib.Path, optional
        Write the selected articles here: ``.csv``, ``.parquet`` or ``.jsonl``.

    Returns
    -------
    pandas.DataFrame
        :func:`outlet_counts` of the selection.

    Raises
    ------
    TopicError, CorpusError
        Unknown topic, invalid topic file, unreadable corpus.
    framing.errors.OutputError
        ``out`` is not a ``.csv``, ``.parquet`` or ``.jsonl`` file.
    """
    from framing.corpus import load_corpus

    if out is not None:
        table_format(out, where="select_file")
    corpus = load_corpus(path)
    chosen = select(corpus, topic, topics=topics)
    if out is not None:
        write_table(chosen, out, where="select_file")
    return outlet_counts(corpus, chosen)
