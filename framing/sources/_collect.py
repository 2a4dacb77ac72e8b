"""One source end to end: :func:`collect` reads or fetches, validates and writes a corpus
folder with its provenance and every rejected item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from framing.corpus import ValidationResult, save_corpus
from framing.errors import CorpusError, FetchError
from framing.sources._result import REJECTED_COLUMNS, empty_articles, problem
from framing.sources.fetch import Fetcher
from framing.sources.folder import read_text_folder
from framing.sources.gdelt import gdelt_search
from framing.sources.html import read_html
from framing.sources.nexis import read_nexis
from framing.sources.rss import FEED_COLUMNS, read_feed
from framing.sources.urls import fetch_urls, read_url_list

__all__ = ["KINDS", "collect"]

#: The sources :func:`collect` knows.
KINDS = ("folder", "nexis", "html", "urls", "rss", "gdelt")
_FETCH_KEYS = (
    "rate_limit_per_host",
    "timeout",
    "max_bytes",
    "retries",
    "user_agent",
    "backoff",
    "max_wait",
    "max_redirects",
    "respect_robots",
    "allow_private",
)
_GDELT_KEYS = (
    "start",
    "end",
    "source_country",
    "source_lang",
    "max_records",
    "endpoint",
    "min_window",
)


def _plain(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    return value


def _gather(
    kind, source, *, mode, jobs, cache_dir, outlets, progress, options, extra
) -> ValidationResult:
    if kind == "folder":
        return read_text_folder(
            source,
            mode=mode,
            **{k: options[k] for k in ("outlet_from", "encoding", "outlet") if k in options},
        )
    if kind == "nexis":
        return read_nexis(
            source,
            mode=mode,
            outlets=outlets,
            **{k: options[k] for k in ("encoding", "duplicates") if k in options},
        )
    fetch_opts = {k: options[k] for k in _FETCH_KEYS if k in options}
    if kind == "html":
        items = [source] if isinstance(source, str | Path) else list(source)
        if not any(str(p).lower().startswith(("http://", "https://")) for p in items):
            return read_html(source, outlets=outlets, mode=mode)
        with Fetcher(cache_dir=cache_dir, **fetch_opts) as fetcher:
            return read_html(
                items, outlets=outlets, mode=mode, fetcher=fetcher, jobs=jobs, progress=progress
            )
    fetcher = Fetcher(cache_dir=cache_dir, **fetch_opts)
    if kind == "urls":
        urls = read_url_list(source)
    elif kind == "rss":
        feeds = [source] if isinstance(source, str | Path) else list(source)
        urls, failed = _read_feeds(feeds, fetcher, mode)
        extra["feeds"] = [str(f) for f in feeds]
    else:
        gdelt_opts = {k: options[k] for k in _GDELT_KEYS if k in options}
        # GDELT asks for at most one request every 5 seconds.
        api_rate = options.get("gdelt_rate_limit", 5.0)
        api = Fetcher(**{**fetch_opts, "rate_limit_per_host": api_rate})
        urls = gdelt_search(str(source), fetcher=api, **gdelt_opts)
        extra["gdelt_request"] = urls.attrs.get("query")
        extra["gdelt_windows"] = urls.attrs.get("windows")
        extra["gdelt_truncated_windows"] = urls.attrs.get("truncated_windows")
        api.close()
    fetcher.close()  # the main thread's session (feeds); workers close their own
    extra["urls_listed"] = len(urls)
    if not len(urls):
        res = ValidationResult(
            empty_articles(),
            pd.DataFrame(columns=REJECTED_COLUMNS),
            pd.DataFrame(),
            0,
            str(source),
            "item",
        )
    else:
        res = fetch_urls(
            urls, fetcher=fetcher, jobs=jobs, outlets=outlets, mode=mode, progress=progress
        )
    if kind == "rss" and failed:  # feeds that failed as a whole count as rejected items
        frames = [pd.DataFrame(failed, columns=REJECTED_COLUMNS)]
        frames += [res.rejected] if len(res.rejected) else []
        res.rejected = pd.concat(frames, ignore_index=True)
        res.read += len(failed)
    return res


def _read_feeds(feeds, fetcher, mode):
    """URL lists of the feeds; in lenient mode a failing feed becomes a rejected item."""
    frames, failed = [], []
    for feed in feeds:
        try:
            frames.append(read_feed(feed, fetcher=fetcher))
        except FetchError as exc:
            if mode == "strict":
                raise
            value = getattr(exc, "value", None)
            failed.append(problem(0, feed, str(exc), stage="feed", field="url", value=value))
    urls = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FEED_COLUMNS)
    return urls, failed


def collect(
    kind: str,
    source,
    *,
    out,
    mode: str = "strict",
    jobs: int = 4,
    cache_dir=None,
    outlets=None,
    name: str | None = None,
    description: str = "",
    overwrite: bool = False,
    progress: bool = True,
    partition_by: str | None = None,
    **options,
) -> ValidationResult:
    """Collect articles from one source and write them as a corpus folder.

    Parameters
    ----------
    kind : {"folder", "nexis", "html", "urls", "rss", "gdelt"}
        The source (see the table in the module notes).
    source : str, Path or list
        The folder (``folder``, ``html``), a Nexis export file or folder (``nexis``),
        saved pages or page URLs (``html``), the URL list file (``urls``), one or more
        feed URLs or files (``rss``), or the query (``gdelt``).
    out : str or Path
        The new corpus folder.
    mode : {"strict", "lenient"}
        Strict stops at the first problem and writes nothing; lenient writes the kept
        articles and lists every rejected item in ``rejected.jsonl``.
    jobs : int
        Hosts fetched in parallel (network sources).
    cache_dir : str or Path, optional
        Disk cache of fetched pages (network sources); a re-run fetches nothing twice.
    outlets : str or Path, optional
        ``outlets.yaml`` whose aliases (names, domains) give canonical outlet names; it
        is copied into ``out`` so :func:`~framing.corpus.load_corpus` joins its metadata.
    name, description : str
        Recorded in ``corpus.yaml`` (name defaults to the folder name).
    overwrite : bool
        Replace an existing corpus in ``out``.
    progress : bool
        Show a progress bar while fetching.
    partition_by : {None, "year", "month"}
        Write the articles as a partitioned corpus (Parquet parts by year or month,
        :func:`framing.corpus.save_corpus`) instead of one ``articles.parquet``.
    **options
        ``outlet_from``, ``encoding``, ``outlet`` (folder); ``encoding``, ``duplicates`` (nexis);
        ``start``, ``end``, ``source_country``, ``source_lang``, ``max_records``,
        ``endpoint``, ``min_window``, ``gdelt_rate_limit`` (gdelt); fetcher options
        ``rate_limit_per_host``, ``timeout``, ``max_bytes``, ``retries``, ``user_agent``,
        ``backoff``, ``max_wait``, ``max_redirects``, ``respect_robots``, ``allow_private``
        (fetch loopback and private addresses too; refused by default).

    Returns
    -------
    ValidationResult
        What was kept and rejected; ``read == kept + n_rejected``.

    Raises
    ------
    CorpusError
        Unknown kind, bad input, or (strict) an invalid record.
    FetchError
        A feed or the GDELT search failed, or (strict) a URL failed.

    Examples
    --------
    >>> import tempfile
    >>> from framing.corpus import load_corpus
    >>> tmp = Path(tempfile.mkdtemp())
    >>> (tmp / "texts" / "Courier").mkdir(parents=True)
    >>> _ = (tmp / "texts" / "Courier" / "a.txt").write_text("Talks resume.\\n")
    >>> _ = (tmp / "texts" / "Courier" / "b.txt").write_text("---\\ndate: [\\n---\\nBad.\\n")
    >>> res = collect("folder", tmp / "texts", out=tmp / "corpus", mode="lenient")
    >>> res.read, res.kept, res.n_rejected
    (2, 1, 1)
    >>> load_corpus(tmp / "corpus")["doc_id"].tolist()
    ['Courier/a.txt']
    """
    if kind not in KINDS:
        raise CorpusError(
            f"collect: unknown source {kind!r}; use one of {', '.join(KINDS)}.",
            field="kind",
            value=kind,
        )
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    extra: dict = {}
    res = _gather(
        kind,
        source,
        mode=mode,
        jobs=jobs,
        cache_dir=cache_dir,
        outlets=outlets,
        progress=progress,
        options=options,
        extra=extra,
    )
    out = Path(out)
    articles = res.articles
    arguments = {k: _plain(v) for k, v in options.items()}
    arguments.update(mode=mode)
    if kind in ("urls", "rss", "gdelt") or cache_dir is not None:
        arguments.update(jobs=jobs, cache_dir=_plain(cache_dir))
    counts = {"read": int(res.read), "kept": int(len(articles)), "rejected": int(res.n_rejected)}
    provenance = {
        "collected_with": "framing.sources.collect",
        "source": kind,
        "input": _plain(source),
        "arguments": arguments,
        "collected_at": started.isoformat().replace("+00:00", "Z"),
        "counts": counts,
        **extra,
    }
    if outlets is not None and not isinstance(outlets, pd.DataFrame):
        provenance["outlets"] = str(outlets)
    save_corpus(
        articles,
        out,
        name=name or out.name,
        description=description,
        provenance=provenance,
        rejected=res.rejected if res.n_rejected else None,
        overwrite=overwrite,
        outlets=outlets if outlets is not None and not isinstance(outlets, pd.DataFrame) else None,
        partition_by=partition_by,
    )
    return res
