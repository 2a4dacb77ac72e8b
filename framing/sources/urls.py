"""URL lists: read a list of story URLs, fetch each page politely, extract the article.

:func:`read_url_list` reads a ``.txt`` (one URL per line, ``#`` comments) or a ``.csv``
with a ``url`` column, such as a Media Cloud story-list export (``url``, ``title``,
``media_name``, ``publish_date``). :func:`fetch_urls` fetches every URL with the polite
:class:`~framing.sources.fetch.Fetcher`, extracts each page with
:func:`~framing.sources.html.extract_html` and validates the articles; every URL ends
as an article or as a rejected row saying why (missing or non-http URL, duplicate after
normalisation, HTTP status, robots.txt, not HTML, too large, timeout, no main text,
redirect to a page already collected).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.jsonable import sha256_text
from framing.corpus import ValidationResult, outlet_resolver
from framing.errors import CorpusError, FetchError
from framing.sources._extract import extract_html, html_record
from framing.sources._result import finish, problem
from framing.sources.fetch import DEFAULT_USER_AGENT, Fetcher, check_url

__all__ = ["read_url_list", "fetch_urls", "normalize_url", "URL_LIST_COLUMNS"]

#: Columns :func:`read_url_list` returns (further columns of the file follow).
URL_LIST_COLUMNS = ["url", "title", "outlet", "published"]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
_BATCH = 200  # URLs fetched before their pages are extracted (bounds memory)
_RENAME = {"media_name": "outlet", "publish_date": "published", "media": "outlet"}


def normalize_url(url: str) -> str:
    """Normalise a URL for duplicate detection.

    Lower-cases scheme and host, drops default ports, the fragment and tracking
    parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``mc_eid``); keeps the
    path and the other query parameters in their order.

    Examples
    --------
    >>> normalize_url("HTTP://Example.ORG:80/a/b?utm_source=x&id=3#top")
    'http://example.org/a/b?id=3'
    """
    p = urlsplit(url.strip())
    scheme = p.scheme.lower()
    host = (p.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if p.port and (scheme, p.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{p.port}"
    query = parse_qsl(p.query, keep_blank_values=True)
    query = [(k, v) for k, v in query if not k.lower().startswith(_TRACKING)]
    return urlunsplit((scheme, host, p.path or "/", urlencode(query), ""))


def read_url_list(path) -> pd.DataFrame:
    """Read a list of story URLs from a ``.txt`` or ``.csv`` file.

    Parameters
    ----------
    path : str or Path
        ``.txt``: one URL per line (blank lines and lines starting with ``#`` skipped).
        ``.csv``: a header with a ``url`` column (any case); ``media_name`` is read as
        ``outlet`` and ``publish_date`` as ``published`` (Media Cloud exports).

    Returns
    -------
    pandas.DataFrame
        :data:`URL_LIST_COLUMNS` (``title``, ``outlet``, ``published`` may be empty),
        then the file's other columns. Rows with an empty URL are kept (the fetch step
        rejects them with a reason).

    Raises
    ------
    CorpusError
        A CSV without a ``url`` column, or a file with no rows.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "list.txt"
    >>> _ = f.write_text("# my list\\nhttp://127.0.0.1:9/a\\n\\nhttp://127.0.0.1:9/b\\n")
    >>> read_url_list(f)["url"].tolist()
    ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file; pass a .txt or .csv of URLs.", path=str(path))
    if path.suffix.lower() == ".csv":
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise CorpusError(
                f"{path.name}: cannot read the CSV ({' '.join(str(exc).split())}); save it "
                "as UTF-8 CSV with a header row naming a 'url' column.",
                path=str(path),
                value=None,
            ) from None
        df.columns = [str(c).strip() for c in df.columns]
        lower = {c.lower(): c for c in df.columns}
        if "url" not in lower:
            raise CorpusError(
                f"{path.name}: no 'url' column (columns present: {list(df.columns)}); name "
                "the column of story URLs 'url'.",
                path=str(path),
                field="url",
                value=list(df.columns),
            )
        df = df.rename(
            columns={lower[k]: v for k, v in {**_RENAME, "url": "url"}.items() if k in lower}
        )
    else:
        # undecodable bytes become U+FFFD, so that URL (only) is rejected with a reason
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        lines = text.splitlines()
        urls = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        df = pd.DataFrame({"url": urls}, dtype="str")
    if not len(df):
        raise CorpusError(f"{path.name}: the file lists no URLs.", path=str(path), value=None)
    for col in URL_LIST_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    others = [c for c in df.columns if c not in URL_LIST_COLUMNS]
    return df[URL_LIST_COLUMNS + others].fillna("").reset_index(drop=True)


def _doc_id(norm: str) -> str:
    return "u" + sha256_text(norm)[:16]


def _fetched(fetcher, todo, jobs, progress, on_result):
    """Yield ``(item, page)`` in order, fetching ``_BATCH`` URLs at a time so that only
    one batch of page bodies is held in memory."""
    from tqdm.auto import tqdm

    with tqdm(total=len(todo), unit="url", disable=not progress, desc="fetch") as bar:
        for at in range(0, len(todo), _BATCH):
            batch = todo[at : at + _BATCH]

            def hook(i, page, at=at):
                if on_result is not None:
                    on_result(at + i, page)

            pages = fetcher.get_many([t[2] for t in batch], jobs=jobs, bar=bar, on_result=hook)
            yield from zip(batch, pages, strict=True)


def _text(row, col: str) -> str:
    """``row[col]`` stripped, ``""`` when absent or missing."""
    value = row.get(col)
    return "" if _missing(value) else str(value).strip()


def _missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _parses(value: str) -> bool:
    try:
        return not pd.isna(pd.Timestamp(value))
    except (ValueError, TypeError):
        return False


def _looks_html(body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--"))


def fetch_urls(
    urls_df: pd.DataFrame,
    *,
    cache_dir=None,
    rate_limit_per_host: float = 1.0,
    timeout: float = 20,
    max_bytes: int = 5_000_000,
    retries: int = 3,
    jobs: int = 4,
    user_agent: str = DEFAULT_USER_AGENT,
    outlets=None,
    mode: str = "strict",
    progress: bool = True,
    fetcher: Fetcher | None = None,
    on_result=None,
    **fetch_options,
) -> ValidationResult:
    """Fetch and extract every URL of a list into a validated article table.

    Parameters
    ----------
    urls_df : pandas.DataFrame
        A ``url`` column; optional ``title``, ``outlet``, ``published`` (used when the
        page lacks them: ``published`` is preferred over the page's own date, as feeds
        and Media Cloud give the time too); other columns are kept as metadata
        (renamed ``list_<name>`` when they clash with an article column).
    cache_dir : str or Path, optional
        Disk cache of fetched pages (strongly advised: a re-run fetches nothing twice).
    rate_limit_per_host : float
        Minimum seconds between two requests to one host.
    timeout, max_bytes, retries, user_agent
        See :class:`~framing.sources.fetch.Fetcher`.
    jobs : int
        Hosts fetched in parallel (never more than one request per host at a time).
    outlets : str, Path or DataFrame, optional
        ``outlets.yaml`` aliases (names, domains) giving canonical outlet names.
    mode : {"strict", "lenient"}
        Strict raises :class:`~framing.errors.FetchError` after the run when any URL
        failed (the cache keeps what was fetched); lenient keeps the rest.
    progress : bool
        Show a progress bar.
    fetcher : Fetcher, optional
        Use this fetcher instead of building one from the options above.
    on_result : callable, optional
        ``on_result(index, page)`` after each URL fetched (``index`` counts the URLs
        sent to the fetcher, from 0; see ``Fetcher.get_many``).
    **fetch_options
        Further :class:`Fetcher` options (``backoff``, ``max_wait``, ``max_redirects``,
        ``respect_robots``).

    Returns
    -------
    ValidationResult
        ``.articles``: ``doc_id`` (``u`` + 16 hex digits of the normalised URL's
        SHA-256, stable), ``outlet``, ``date``, ``title``, ``text``, ``url`` (final URL
        after redirects), ``lang``, then ``requested_url``, ``http_status``,
        ``content_type``, ``from_cache``, the extraction metadata (``site_name``,
        ``domain``, ``extracted_with``, ``charset``, ``charset_from`` ...) and the list's
        own columns. ``.rejected``: one row per URL that gave no article (``line`` = row
        of ``urls_df``, 1-based; ``item`` = URL; ``stage``; ``reason``).

    Raises
    ------
    FetchError
        Strict mode, when any URL failed.

    Notes
    -----
    URLs are fetched 200 at a time and each batch is extracted before the next one is
    fetched, so memory holds at most one batch of page bodies.
    """
    require_columns(
        urls_df, ["url"], where="fetch_urls", hint="Read the list with read_url_list()."
    )
    if fetcher is None:
        fetcher = Fetcher(
            cache_dir=cache_dir,
            rate_limit_per_host=rate_limit_per_host,
            timeout=timeout,
            max_bytes=max_bytes,
            retries=retries,
            user_agent=user_agent,
            **fetch_options,
        )
    resolve = outlet_resolver(outlets)
    rows = urls_df.reset_index(drop=True)
    listed_rows = rows.to_dict(orient="records")  # each rejected row keeps its list entry
    problems, todo, seen = [], [], {}

    def add(line, url, reason, *, stage, value=None):
        rec = {k: (None if _missing(v) else v) for k, v in listed_rows[line - 1].items()}
        problems.append(
            problem(line, url, reason, stage=stage, field="url", value=value, record=rec)
        )

    for i, raw in enumerate(rows["url"]):
        line = i + 1
        text = (
            "" if raw is None or (not isinstance(raw, str) and pd.isna(raw)) else str(raw).strip()
        )
        if not text:
            add(line, "", "missing URL", stage="url")
            continue
        try:
            check_url(text)
        except FetchError as exc:
            if "only http and https" in str(exc):
                reason = f"not an http(s) URL ({text[:80]!r}); only http and https are fetched"
            else:
                reason = str(exc)
            add(line, text, reason, stage="url", value=text)
            continue
        norm = normalize_url(text)
        if norm in seen:
            reason = f"duplicate URL after normalisation (same as row {seen[norm]}: {norm})"
            add(line, text, reason, stage="url", value=norm)
            continue
        seen[norm] = line
        todo.append((line, text, norm))
    records, finals = [], {}
    for (line, text, norm), page in _fetched(fetcher, todo, jobs, progress, on_result):
        listed = rows.iloc[line - 1]

        def reject(reason, *, stage, value=None, url=text, line=line):
            add(line, url, reason, stage=stage, value=value)

        if not page.ok:
            reject(page.error, stage="fetch", value=page.status)
            continue
        ctype = page.content_type
        if (ctype and ctype not in _HTML_TYPES) or (not ctype and not _looks_html(page.body)):
            reject(f"not HTML (content-type {ctype or 'missing'!r})", stage="fetch", value=ctype)
            continue
        final = normalize_url(page.final_url or norm)
        if final in finals:
            reject(
                f"duplicate: leads to the same page as row {finals[final]} ({final})",
                stage="fetch",
                value=final,
            )
            continue
        finals[final] = line
        ext = extract_html(page.body, url=page.final_url, charset=page.charset)
        if ext is None:
            reject("extraction empty: no main text found in the page", stage="extract")
            continue
        listed_outlet = _text(listed, "outlet") or None
        rec = html_record(
            ext, doc_id=_doc_id(norm), resolve=lambda s, d, o=listed_outlet: resolve(s, d, o)
        )
        if not rec.get("title") and _text(listed, "title"):
            rec["title"] = _text(listed, "title")
        published = _text(listed, "published")
        if published:
            rec["listed_date"] = published
            if _parses(published):
                rec["date"] = published
        rec.update(
            requested_url=text,
            http_status=page.status,
            content_type=ctype or None,
            from_cache=page.from_cache,
        )
        for col, value in listed.items():
            if col in ("url", "title", "outlet", "published"):
                continue
            rec[f"list_{col}" if col in rec else col] = value
        rec.update(line=line, item=text)
        records.append(rec)
    return finish(records, problems, read=len(rows), mode=mode, source="url list", error=FetchError)
