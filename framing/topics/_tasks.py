"""The file-level tasks behind ``framing topics``: ``select_file`` (select a topic and
write it), ``sample_file`` (draw articles to judge into a CSV) and ``check_file`` (turn
the filled judgements into precision and recall)."""

from __future__ import annotations

import pandas as pd

from framing._shared.atomic import table_format, write_table
from framing.topics._judged import judged_precision_recall, read_judgements
from framing.topics._sample import sample_for_judging
from framing.topics._select import outlet_counts, select

__all__ = ["select_file", "sample_file", "check_file"]


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


def sample_file(
    path,
    topic: str,
    *,
    out,
    n: int = 50,
    n_pool: int | None = None,
    pool=None,
    seed: int = 0,
    round: int = 1,  # noqa: A002 - the judgement files' column name
    topics=None,
) -> pd.DataFrame:
    """Load a corpus, draw a sample to judge (:func:`sample_for_judging`), write a CSV.

    The command ``framing topics sample`` calls this. The CSV holds the titles of your
    corpus for the coder: keep it with your data, outside a public repository.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).
    topic : str
        Topic id in ``topics``.
    out : str or pathlib.Path
        The ``.csv`` file to write (atomically; the folder is created).
    n, n_pool, pool, seed, round, topics
        As for :func:`sample_for_judging`.

    Returns
    -------
    pandas.DataFrame
        The sample written.

    Raises
    ------
    framing.errors.OutputError
        ``out`` is not a ``.csv`` file (checked before the corpus is read).
    TopicError, CorpusError, ColumnsError
        As :func:`sample_for_judging` and :func:`framing.corpus.load_corpus`.
    """
    from framing.corpus import load_corpus

    table_format(out, where="sample_file", allowed=(".csv",))
    sample = sample_for_judging(
        load_corpus(path), topic, n=n, n_pool=n_pool, pool=pool, seed=seed, round=round,
        topics=topics,
    )  # fmt: skip
    write_table(sample, out, where="sample_file", allowed=(".csv",))
    return sample


def check_file(path, *, out=None, rounds=None, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Read a judged sample (CSV), check it, and estimate precision and recall.

    The command ``framing topics check`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        The judged CSV (:func:`read_judgements`).
    out : str or pathlib.Path, optional
        Also write the result table here (``.csv``, ``.parquet`` or ``.jsonl``).
    rounds : sequence of int, optional
        Only these validation rounds (default: every round in the file).
    ci : float, default 0.95
        Interval level.
    seed : int, default 0
        Seed of the recall interval's draws.

    Returns
    -------
    pandas.DataFrame
        :func:`judged_precision_recall` of the file.

    Raises
    ------
    TopicError
        A malformed row (file, line, doc_id, field and value), or ``rounds`` that the
        file does not have.
    framing.errors.ColumnsError
        Required columns missing.
    """
    if out is not None:
        table_format(out, where="check_file")
    judged = read_judgements(path)
    if rounds:
        have = sorted({int(float(r)) for r in judged["round"]})
        wanted = {int(r) for r in rounds}
        if not wanted & set(have):
            from framing.errors import TopicError

            raise TopicError(
                f"{path}: no rows of round(s) {sorted(wanted)}; the file has round(s) {have}.",
                path=str(path),
                field="round",
                value=sorted(wanted),
            )
        attrs = judged.attrs
        judged = judged[[int(float(r)) in wanted for r in judged["round"]]]
        judged.attrs = attrs
    result = judged_precision_recall(judged, ci=ci, seed=seed)
    if out is not None:
        write_table(result, out, where="check_file")
    return result
