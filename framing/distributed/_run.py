"""Running a function over the partitions of a corpus, on a Dask cluster or in this
process: :func:`map_partitions`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing.corpus import CorpusPartition, corpus_partitions, iter_corpus
from framing.distributed._client import client_for
from framing.errors import CorpusError, SchedulerError

__all__ = ["map_partitions", "partitions_of"]

_INDEX = ("reset", "position", "label")
_READ_OPTIONS = ("mapping", "mode", "outlets", "encoding", "make_ids", "fix_mojibake",
                 "rename", "drop", "date_format", "dayfirst", "require_date",
                 "chunksize")  # fmt: skip


@dataclass
class _Job:
    """What every partition runs: shipped once to each worker."""

    func: Callable
    args: tuple
    kwargs: dict
    read: dict


@dataclass
class _Done:
    """One partition's result and the accounting of its rows."""

    result: object
    n_articles: int
    read: int
    n_warnings: int
    rejected: list = field(default_factory=list)
    id_hashes: np.ndarray | None = None


def partitions_of(corpus, *, partition_rows: int = 50_000) -> list:
    """The pieces :func:`map_partitions` sends to workers: :class:`CorpusPartition`
    objects for a corpus path, row slices (index reset) for a DataFrame."""
    if isinstance(corpus, pd.DataFrame):
        if partition_rows < 1:
            raise ValueError(f"partition_rows must be >= 1, got {partition_rows}.")
        n = len(corpus)
        pieces = [
            corpus.iloc[lo : lo + partition_rows].reset_index(drop=True)
            for lo in range(0, n, partition_rows)
        ]
        return pieces or [corpus.reset_index(drop=True)]
    if isinstance(corpus, CorpusPartition):
        return [corpus]
    return corpus_partitions(Path(corpus).absolute())


def _read_piece(piece, read: dict):
    if not isinstance(piece, CorpusPartition):
        return piece, len(piece), 0, []
    frames, rejected, n_read, n_warn = [], [], 0, 0
    for res in iter_corpus(piece, **read):
        frames.append(res.articles)
        n_read += res.read
        n_warn += len(res.warnings)
        for row in res.rejected.itertuples(index=False):
            rejected.append(
                {
                    "file": piece.label,
                    "line": int(row.line),
                    "doc_id": row.doc_id,
                    "field": row.field,
                    "reason": row.reason,
                }  # fmt: skip
            )
    articles = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return articles.reset_index(drop=True), n_read, n_warn, rejected


def _work(piece, job: _Job, want_ids: bool) -> _Done:
    """Read one piece, run the job's function on its articles (on a worker)."""
    articles, n_read, n_warn, rejected = _read_piece(piece, job.read)
    result = job.func(articles, *job.args, **job.kwargs)
    hashes = None
    if want_ids:
        hashes = pd.util.hash_array(articles["doc_id"].astype(str).to_numpy(dtype=object))
    n = len(articles)
    return _Done(result, n, n_read or n, n_warn, rejected, hashes)


def _label(piece, i: int) -> str:
    return piece.label if isinstance(piece, CorpusPartition) else f"rows {i} (table slice)"


def _run_on(client, pieces, job: _Job, want_ids: bool, progress: bool, name: str) -> list:
    from distributed import as_completed
    from distributed.client import FutureCancelledError

    try:
        from distributed import KilledWorker
    except ImportError:  # pragma: no cover - older distributed
        from distributed.scheduler import KilledWorker

    token = uuid.uuid4().hex[:8]
    shipped = client.scatter([job], broadcast=True, hash=False)[0]
    keys = [f"framing-{name}-{i}-{token}" for i in range(len(pieces))]
    futures = client.map(_work, pieces, job=shipped, want_ids=want_ids, key=keys, pure=False)
    where = {f.key: i for i, f in enumerate(futures)}
    done: list = [None] * len(pieces)
    bar = _bar(len(pieces), name, progress)
    try:
        for fut in as_completed(futures, loop=client.loop):
            i = where[fut.key]
            try:
                done[i] = fut.result()
            except KilledWorker as exc:
                raise SchedulerError(
                    f"{name}: partition {_label(pieces[i], i)} was lost with the workers that ran "
                    f"it, more than the scheduler's allowed failures ({exc}); a worker probably "
                    "ran out of memory: give workers more memory or write smaller partitions "
                    "(framing corpus repartition --partition-by month).",
                    value=_label(pieces[i], i),
                ) from None
            except FutureCancelledError:
                raise SchedulerError(
                    f"{name}: the work on partition {_label(pieces[i], i)} was cancelled (the "
                    "scheduler or the client went away); run the step again.",
                    value=_label(pieces[i], i),
                ) from None
            fut.release()
            bar.update(1)
    finally:
        bar.close()
        client.cancel([f for f in futures if not f.done()])
        shipped.release()
    return done


def _bar(total: int, name: str, progress: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=name, unit="partition", disable=not progress, leave=False)


def _check_unique_ids(pieces, done: list, read: dict) -> None:
    """Raise when a ``doc_id`` is in two partitions (each one checks only its own)."""
    hashes = [d.id_hashes for d in done]
    owner = np.repeat(np.arange(len(done)), [len(h) for h in hashes])
    allh = np.concatenate(hashes)
    order = np.argsort(allh, kind="stable")
    dup = np.flatnonzero(allh[order][1:] == allh[order][:-1])
    if not len(dup):
        return
    # confirm on the ids themselves (a 64-bit hash collision is not a duplicate)
    for k in dup:
        a, b = owner[order[k]], owner[order[k + 1]]
        ids_a = set(_read_piece(pieces[a], read)[0]["doc_id"].astype(str))
        both = [i for i in _read_piece(pieces[b], read)[0]["doc_id"].astype(str) if i in ids_a]
        if both:
            raise CorpusError(
                f"doc_id {both[0]!r} is in two partitions, {pieces[a].label} and "
                f"{pieces[b].label}; a corpus needs unique ids. Import it again with `framing "
                "corpus import` (which sets aside duplicates, --lenient) and run on that.",
                path=pieces[b].file,
                field="doc_id",
                value=both[0],
                partitions=(pieces[a].label, pieces[b].label),
            )


def _combine_frames(outs: list, done: list, index: str, labels) -> pd.DataFrame:
    if index == "reset":
        out = (
            pd.concat(outs, ignore_index=True) if len(outs) > 1 else outs[0].reset_index(drop=True)
        )
    else:
        offsets = np.cumsum([0] + [d.n_articles for d in done[:-1]])
        shifted = []
        for frame, start in zip(outs, offsets, strict=True):
            frame = frame.copy(deep=False)
            frame.index = np.asarray(frame.index, dtype=np.int64) + start
            shifted.append(frame)
        out = pd.concat(shifted) if len(shifted) > 1 else shifted[0]
        if index == "label" and labels is not None:
            out.index = labels[np.asarray(out.index, dtype=np.int64)]
        elif len(out) == sum(d.n_articles for d in done) and len(out):
            out.index = pd.RangeIndex(len(out))  # one row per article: as in one process
    out.attrs = dict(outs[0].attrs)
    return out


def map_partitions(
    func: Callable,
    corpus,
    *,
    args: tuple = (),
    kwargs: dict | None = None,
    scheduler=None,
    client=None,
    combine: Callable | None = None,
    index: str = "reset",
    partition_rows: int = 50_000,
    progress: bool = False,
    name: str | None = None,
    **read,
):
    """Run ``func`` on every partition of a corpus, on a Dask cluster or in this process.

    Each partition is read, validated and normalised where it runs (on a worker: the
    driver never holds the articles), then ``func(articles, *args, **kwargs)`` runs on
    it. The partitions' results come back in corpus order, so the combined result is
    the one ``func`` gives on the whole corpus whenever ``func`` works article by
    article. A worker lost mid-run has its partitions run again by Dask (results are
    kept per partition, so no row is lost or doubled); a record that fails validation
    stops the run with the :class:`~framing.errors.CorpusError` that names its part
    file and row; a ``doc_id`` found in two partitions is an error too.

    Parameters
    ----------
    func : callable
        ``func(articles: DataFrame, *args, **kwargs)``; a module-level function (the
        workers import it by name, so it must be importable there).
    corpus : str, Path, CorpusPartition or pandas.DataFrame
        A corpus folder or file (partitions: :func:`framing.corpus.corpus_partitions`;
        the path must be readable by the workers, e.g. a shared file system), or an
        articles table held here (split into slices of ``partition_rows`` rows).
    args, kwargs
        Passed to ``func``; shipped once to each worker.
    scheduler : str, optional
        Where to run (:func:`parse_scheduler`); default ``$FRAMING_SCHEDULER``, else
        in this process.
    client : distributed.Client, optional
        An open client (overrides ``scheduler``; not closed here).
    combine : callable, optional
        ``combine(list_of_results)`` -> the result; default: DataFrames are
        concatenated in partition order (see ``index``), dicts of DataFrames key by
        key, anything else is returned as a list.
    index : {"reset", "position", "label"}
        ``"reset"``: a new 0..n-1 index. ``"position"``: ``func`` returns rows indexed
        by article position in its partition (as :func:`framing.lexicon.score` or
        :func:`framing.topics.select` do), shifted here to positions in the corpus.
        ``"label"``: as ``"position"``, then mapped to the labels of an input table.
    partition_rows : int, default 50000
        Rows per slice of an input table.
    progress : bool, default False
        A tqdm bar of finished partitions (the Dask dashboard shows the tasks, named
        ``framing-<name>-<partition>-<run>``).
    name : str, optional
        Name of the step in task keys and the bar (default: ``func``'s name).
    **read
        Options of :func:`framing.corpus.iter_corpus` for a corpus path (``mapping``,
        ``mode``, ``outlets``, ...).

    Returns
    -------
    object
        The combined result. A DataFrame's ``attrs`` are those of the first
        partition's result, plus ``validation`` (``read``, ``kept``, ``rejected``,
        ``warnings``, ``partitions``) and ``rejected`` (file, line, doc_id, field and
        reason of each record set aside in lenient mode).

    Raises
    ------
    CorpusError
        A record fails validation (strict mode), or a ``doc_id`` is in two partitions.
    SchedulerError
        The scheduler cannot be reached, or a partition was lost with its workers more
        often than the scheduler allows.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"doc_id": list("abcde"), "text": ["x y", "z", "", "x", "y y y"]})
    >>> def n_words(articles):
    ...     return pd.DataFrame({"doc_id": articles["doc_id"],
    ...                          "n": articles["text"].str.split().str.len()})
    >>> out = map_partitions(n_words, df, partition_rows=2, scheduler="none")
    >>> out["n"].tolist(), out.attrs["validation"]["partitions"]
    ([2, 1, 0, 1, 3], 3)
    """
    if index not in _INDEX:
        raise ValueError(f"map_partitions: index must be one of {_INDEX}, got {index!r}.")
    unknown = sorted(set(read) - set(_READ_OPTIONS))
    if unknown:
        raise TypeError(f"map_partitions: unknown option(s) {unknown}; corpus options are "
                        f"{list(_READ_OPTIONS)}.")  # fmt: skip
    if isinstance(read.get("outlets"), str | Path) and str(read["outlets"]).strip():
        read["outlets"] = str(Path(read["outlets"]).absolute())  # workers have other cwds
    name = name or getattr(func, "__name__", "step")
    pieces = partitions_of(corpus, partition_rows=partition_rows)
    is_path = not isinstance(corpus, pd.DataFrame)
    want_ids = is_path and len(pieces) > 1
    job = _Job(func, tuple(args), dict(kwargs or {}), read)
    with client_for(scheduler, client) as cl:
        if cl is None:
            bar = _bar(len(pieces), name, progress)
            done = []
            for piece in pieces:
                done.append(_work(piece, job, want_ids))
                bar.update(1)
            bar.close()
        else:
            done = _run_on(cl, pieces, job, want_ids, progress, name)
    if want_ids:
        _check_unique_ids(pieces, done, read)
    outs = [d.result for d in done]
    if combine is not None:
        return combine(outs)
    labels = corpus.index if isinstance(corpus, pd.DataFrame) else None
    if all(isinstance(o, pd.DataFrame) for o in outs):
        return _account(_combine_frames(outs, done, index, labels), done)
    if all(isinstance(o, dict) for o in outs) and all(
        isinstance(v, pd.DataFrame) for o in outs for v in o.values()
    ):  # a table per key (e.g. per topic): combined key by key
        return {
            key: _account(_combine_frames([o[key] for o in outs], done, index, labels), done)
            for key in outs[0]
        }
    return outs


def _account(result: pd.DataFrame, done: list) -> pd.DataFrame:
    rejected = [r for d in done for r in d.rejected]
    result.attrs["validation"] = {
        "read": sum(d.read for d in done),
        "kept": sum(d.n_articles for d in done),
        "rejected": len(rejected),
        "warnings": sum(d.n_warnings for d in done),
        "partitions": len(done),
    }
    result.attrs["rejected"] = rejected
    return result
