"""File-level tasks behind ``framing voices``: read a corpus in chunks, write tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing._shared.atomic import atomic_path, table_format, write_table
from framing.voices._actors import load_actors, unmatched_speakers
from framing.voices._measures import DEFAULT_GROUPS, DEFAULT_SIDES, quote_evidence, voice_measures
from framing.voices._quotes import QUOTE_COLUMNS, extract_quotes

__all__ = ["ExtractSummary", "extract_file", "measures_file", "evidence_file"]

_FORMATS = (".csv", ".parquet")


@dataclass
class ExtractSummary:
    """What :func:`extract_file` did: articles read, quotes written, by kind and group."""

    path: str
    out: str | None
    n_docs: int = 0
    n_quotes: int = 0
    by_kind: dict = field(default_factory=dict)
    by_group: dict = field(default_factory=dict)
    rejected: int = 0
    unmatched: object = None

    def __str__(self) -> str:
        lines = [f"{self.path}: {self.n_docs:,} articles, {self.n_quotes:,} quotes"]
        if self.rejected:
            lines.append(
                f"  {self.rejected:,} records rejected while reading (see framing corpus validate)"
            )
        lines.append(
            "  by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_kind.items()))
        )
        lines.append("  by group: " + ", ".join(f"{k} {v:,}" for k, v in sorted(
            self.by_group.items(), key=lambda kv: -kv[1])))  # fmt: skip
        if self.unmatched is not None and len(self.unmatched):
            top = ", ".join(f"{s} ({n})" for s, n in zip(
                self.unmatched["speaker"][:8], self.unmatched["n_quotes"][:8], strict=True))  # fmt: skip
            lines.append(f"  most quoted speakers in no group: {top}")
        if self.out:
            lines.append(f"wrote {self.out}")
        return "\n".join(lines)


def _chunks(path, mapping, chunksize):
    from framing.corpus import iter_corpus

    yield from iter_corpus(path, mapping=mapping, mode="lenient", chunksize=chunksize)


def extract_file(
    path,
    *,
    out=None,
    mapping: dict[str, str] | None = None,
    actors=None,
    engine: str = "rules",
    n_jobs: int | None = None,
    cache: bool = True,
    chunksize: int = 20_000,
) -> ExtractSummary:
    """Extract the quotes of a corpus file or folder, chunk by chunk (the CLI's call).

    Memory is bounded by ``chunksize``: each chunk's quotes are written (Parquet row
    groups, or CSV rows) before the next chunk is read. Records the corpus reader
    rejects are counted, not silently dropped (``ExtractSummary.rejected``).

    Parameters
    ----------
    path : str or Path
        Corpus folder or file (:func:`framing.corpus.iter_corpus`, lenient mode).
    out : str or Path, optional
        ``.parquet`` or ``.csv`` file for the quote table (written atomically).
    mapping : dict, optional
        Canonical column -> source field.
    actors, engine, n_jobs, cache
        As in :func:`framing.voices.extract_quotes`.
    chunksize : int, default 20000
        Articles per chunk.

    Returns
    -------
    ExtractSummary

    Raises
    ------
    framing.errors.OutputError
        When ``out`` is not ``.csv`` or ``.parquet``.
    framing.errors.CorpusError
        When the corpus cannot be read.
    """
    import pandas as pd

    if out is not None:
        fmt = table_format(out, where="extract_file", allowed=_FORMATS)
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    actors = load_actors(actors)
    summary = ExtractSummary(path=str(path), out=str(out) if out is not None else None)
    unmatched = []
    writer = None
    with _sink(out) as tmp:
        for result in _chunks(path, mapping, chunksize):
            summary.rejected += len(result.rejected)
            corpus = result.articles
            summary.n_docs += len(corpus)
            quotes = extract_quotes(
                corpus, actors=actors, engine=engine, n_jobs=n_jobs, cache=cache
            )
            summary.n_quotes += len(quotes)
            for k, v in quotes["kind"].value_counts().items():
                summary.by_kind[k] = summary.by_kind.get(k, 0) + int(v)
            for k, v in quotes["group"].fillna("unmatched").value_counts().items():
                summary.by_group[k] = summary.by_group.get(k, 0) + int(v)
            unmatched.append(unmatched_speakers(quotes))
            if tmp is not None:
                writer = _write_chunk(quotes, tmp, fmt, writer)
        if writer is not None and fmt == ".parquet":
            writer.close()
        if tmp is not None and writer is None:  # an empty corpus: an empty table
            empty = pd.DataFrame({c: [] for c in QUOTE_COLUMNS})
            if fmt == ".csv":
                empty.to_csv(tmp, index=False)
            else:
                empty.to_parquet(tmp, index=False)
    if unmatched:
        both = pd.concat(unmatched, ignore_index=True)
        if len(both):
            both = both.groupby("speaker", as_index=False)[["n_quotes", "n_docs"]].sum()
            both = both.sort_values(["n_quotes", "speaker"], ascending=[False, True])
        summary.unmatched = both.reset_index(drop=True)
    return summary


class _sink:
    """``with _sink(out) as tmp``: an atomic temporary path, or None without ``out``."""

    def __init__(self, out):
        self._ctx = atomic_path(out) if out is not None else None

    def __enter__(self):
        return self._ctx.__enter__() if self._ctx is not None else None

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc) if self._ctx is not None else False


def _write_chunk(quotes, tmp: Path, fmt: str, writer):
    """Append one chunk of quotes to the temporary output file."""
    if fmt == ".csv":
        quotes.to_csv(tmp, mode="a", header=writer is None, index=False)
        return True
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(quotes, preserve_index=False)
    if writer is None:
        writer = pq.ParquetWriter(tmp, table.schema)
    writer.write_table(table.cast(writer.schema))
    return writer


def measures_file(
    path,
    *,
    out=None,
    mapping: dict[str, str] | None = None,
    actors=None,
    groups=DEFAULT_GROUPS,
    sides=DEFAULT_SIDES,
    n_jobs: int | None = None,
    cache: bool = True,
    chunksize: int = 20_000,
):
    """Per-article sourcing measures of a corpus (:func:`framing.voices.voice_measures`).

    Parameters
    ----------
    path : str or Path
        Corpus folder or file.
    out : str or Path, optional
        ``.csv`` or ``.parquet`` file for the table (written atomically).
    mapping, actors, groups, sides, n_jobs, cache, chunksize
        As in :func:`extract_file` and :func:`framing.voices.voice_measures`.

    Returns
    -------
    pandas.DataFrame
        One row per article (the columns of :func:`framing.voices.voice_measures`).

    Raises
    ------
    framing.errors.OutputError
        When ``out`` is not ``.csv`` or ``.parquet``.
    """
    import pandas as pd

    if out is not None:
        table_format(out, where="measures_file", allowed=_FORMATS)
    actors = load_actors(actors)
    parts = []
    for result in _chunks(path, mapping, chunksize):
        corpus = result.articles
        quotes = extract_quotes(corpus, actors=actors, n_jobs=n_jobs, cache=cache)
        parts.append(voice_measures(corpus, quotes, groups=groups, sides=sides))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if out is not None:
        write_table(table, out, where="measures_file", allowed=_FORMATS)
    return table


def evidence_file(
    path,
    *,
    outlet=None,
    group=None,
    kind=None,
    anonymous=None,
    n_per_outlet: int | None = None,
    seed: int = 0,
    out=None,
    mapping: dict[str, str] | None = None,
    actors=None,
    cache: bool = True,
):
    """The quotes behind a number (:func:`framing.voices.quote_evidence`) from a file.

    Parameters
    ----------
    path : str or Path
        Corpus folder or file (read whole: use it on a topic sub-corpus).
    outlet, group, kind, anonymous, n_per_outlet, seed
        As in :func:`framing.voices.quote_evidence`.
    out : str or Path, optional
        ``.csv`` or ``.parquet`` file for the lines.
    mapping, actors, cache
        As in :func:`extract_file`.

    Returns
    -------
    pandas.DataFrame
        The evidence lines.
    """
    from framing.corpus import load_corpus

    if out is not None:
        table_format(out, where="evidence_file", allowed=_FORMATS)
    corpus = load_corpus(path, mapping=mapping)
    quotes = extract_quotes(corpus, actors=actors, cache=cache)
    lines = quote_evidence(quotes, corpus, outlet=outlet, group=group, kind=kind,
                           anonymous=anonymous, n_per_outlet=n_per_outlet, seed=seed)  # fmt: skip
    if out is not None:
        write_table(lines, out, where="evidence_file", allowed=_FORMATS)
    return lines
