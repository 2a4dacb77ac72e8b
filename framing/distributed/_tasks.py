"""The file-level tasks behind ``--scheduler`` of ``framing lexicon score``, ``framing
sentiment``, ``framing topics select``, ``framing keyness`` and ``framing stories
dedup``: the same outputs as the in-process tasks, computed over the corpus's
partitions on a Dask cluster."""

from __future__ import annotations

import pandas as pd

from framing._shared.atomic import table_format, write_table
from framing.distributed._keyness import partitioned_keyness
from framing.distributed._run import map_partitions
from framing.distributed._steps import lexicon_scores, resolve_topics, vader_scores
from framing.distributed._stories import sign_partitions
from framing.errors import SchedulerError, TopicError

__all__ = ["score_file", "sentiment_file", "select_file", "keyness_file", "dedup_file"]

_FORMATS = (".csv", ".parquet")


def score_file(corpus, lexicon, *, out, client=None, scheduler=None, progress=True) -> str:
    """Lexicon scores of a corpus over its partitions, written to ``out`` (CSV).

    Returns the one-line summary of :func:`framing.lexicon` 's ``score_file``.
    """
    from framing.lexicon import load_lexicon

    lex = load_lexicon(lexicon)
    table_format(out, where="score_file", allowed=(".csv",))
    table = lexicon_scores(corpus, lex, client=client, scheduler=scheduler, progress=progress)
    write_table(table, out, where="score_file", allowed=(".csv",))
    return f"scored {len(table)} articles with {lex.name} {lex.version} -> {out}"


def sentiment_file(path, *, level="document", out=None, mapping=None, cache=True, client=None,
                   scheduler=None, progress=True) -> pd.DataFrame:  # fmt: skip
    """VADER scores per document or sentence over partitions; optionally written to ``out``.

    Raises
    ------
    SchedulerError
        For ``level`` ``"summary"`` or ``"actors"`` (run those in one process).
    """
    if level not in ("document", "sentence"):
        raise SchedulerError(
            f"sentiment on a cluster: level must be 'document' or 'sentence', got {level!r}; "
            "run --level summary or actors without --scheduler.",
            value=level,
        )
    if out is not None:
        table_format(out, where="sentiment_file", allowed=_FORMATS)
    table = vader_scores(path, level=level, cache=cache, client=client, scheduler=scheduler,
                         progress=progress, mapping=mapping)  # fmt: skip
    if out is not None:
        write_table(table, out, where="sentiment_file", allowed=_FORMATS)
    return table


def _select_and_count(articles, topic_map):
    from framing.topics import outlet_counts, select_many

    chosen = select_many(articles, topic_map)[next(iter(topic_map))]
    counts = outlet_counts(articles, chosen)
    return {"selected": chosen, "counts": counts[counts["outlet"] != "(all)"]}


def select_file(path, topic: str, *, topics=None, out=None, client=None, scheduler=None,
                progress=True) -> pd.DataFrame:  # fmt: skip
    """Select a topic over partitions, optionally write the selection; count per outlet.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`framing.topics.outlet_counts` for the whole corpus (each
        partition counts its own articles; the counts are added here).
    """
    if out is not None:
        table_format(out, where="select_file")
    known = resolve_topics(topics)
    if topic not in known:
        raise TopicError(
            f"unknown topic {topic!r}; known topics: {', '.join(sorted(known)) or '(none)'}. "
            "Add it (with a query: block) to the topic file or fix the id.",
            value=topic,
            known=sorted(known),
        )
    parts = map_partitions(_select_and_count, path, args=({topic: known[topic]},),
                           index="position", client=client, scheduler=scheduler,
                           progress=progress, name="select_file")  # fmt: skip
    if out is not None:
        write_table(parts["selected"], out, where="select_file")
    per = parts["counts"].groupby("outlet", sort=True)[["n_articles", "n_selected"]].sum()
    per = per.reset_index()
    total = pd.DataFrame({"outlet": ["(all)"], "n_articles": [int(per["n_articles"].sum())],
                          "n_selected": [int(per["n_selected"].sum())]})  # fmt: skip
    counts = pd.concat([per, total], ignore_index=True).astype(
        {"n_articles": "int64", "n_selected": "int64"}
    )
    share = counts["n_selected"] / counts["n_articles"].where(counts["n_articles"] > 0)
    counts["share"] = share.fillna(0.0).round(3)
    return counts


def keyness_file(path, *, target, reference=None, out=None, mapping=None, boilerplate=True,
                 client=None, scheduler=None, progress=True, **options) -> pd.DataFrame:  # fmt: skip
    """:func:`framing.keyness.keyness_file` over the partitions: the same table.

    The boilerplate lines are found in one pass streamed through this process (memory
    grows with the distinct short lines, not the texts) and removed on the workers;
    the table is :func:`partitioned_keyness` 's (every ``inference``).
    """
    from framing.corpus import find_boilerplate, iter_corpus

    if out is not None:
        table_format(out, where="keyness_file", allowed=_FORMATS)
    lines = None
    if boilerplate:
        chunks = (res.articles[["outlet", "text"]] for res in iter_corpus(path, mapping=mapping))
        lines = find_boilerplate(chunks)
    table = partitioned_keyness(path, target=target, reference=reference, boilerplate=lines,
                                client=client, scheduler=scheduler, progress=progress,
                                mapping=mapping, **options)  # fmt: skip
    if out is not None:
        write_table(table, out, where="keyness_file", allowed=_FORMATS)
    return table


def dedup_file(path, *, client=None, scheduler=None, progress=True, **options) -> dict:
    """:func:`framing.stories.dedup_file` with the texts signed on the workers.

    Each partition is shingled and MinHash-signed where it runs
    (:func:`sign_partitions`); this process bands and clusters the signatures and
    writes the tables of the in-process run (same cache entry).
    """
    from framing.stories import DEDUP_DEFAULTS, dedup_file

    sign = {k: options.get(k, DEDUP_DEFAULTS[k]) for k in ("shingle", "num_perm", "seed")}
    signed = sign_partitions(path, **sign, client=client, scheduler=scheduler, progress=progress)
    return dedup_file(path, signed=signed, **options)
