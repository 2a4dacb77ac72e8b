"""GDELT DOC 2.0 article search: the URLs of news stories matching a query, for a time span.

The GDELT DOC 2.0 API (https://blog.gdeltproject.org/gdelt-doc-2-0-api-debuts/) answers
``mode=ArtList&format=json`` with ``{"articles": [{"url", "title", "seendate",
"domain", "language", "sourcecountry", ...}]}``, at most 250 articles per request and
only for roughly the last three months. :func:`gdelt_search` builds the request
(the query with ``sourcecountry:`` and ``sourcelang:`` operators appended,
``startdatetime``/``enddatetime`` as ``YYYYMMDDHHMMSS`` in UTC, ``maxrecords``), fetches
it through the polite :class:`~framing.sources.fetch.Fetcher` (GDELT asks for at most one
request every five seconds: ``rate_limit_per_host=5`` by default) and returns a URL list.

**Long time spans.** When a window returns ``max_records`` articles it was probably cut
short, so it is split in two halves and each half is searched again, recursively, until a
window returns fewer articles or is no longer than ``min_window``. Windows still full at
``min_window`` are listed in ``df.attrs["truncated_windows"]`` (search with a narrower
query or a shorter ``min_window``); every window searched is in ``df.attrs["windows"]``.
Articles found in several windows are kept once (by URL).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pandas as pd

from framing.errors import FetchError
from framing.sources.fetch import Fetcher

__all__ = ["gdelt_search", "gdelt_url", "GDELT_ENDPOINT", "GDELT_COLUMNS"]

#: The public DOC 2.0 endpoint (tests point ``endpoint`` at a local server instead).
GDELT_ENDPOINT = "https://api.gdeltproject.org/api/v2/doc/doc"
#: Columns :func:`gdelt_search` returns.
GDELT_COLUMNS = ["url", "title", "seendate", "domain", "language", "sourcecountry"]
_STAMP = "%Y%m%d%H%M%S"


def _utc(value, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        ts = pd.NaT
    if pd.isna(ts):
        raise FetchError(
            f"gdelt_search: {name}={value!r} is not a date or time; write e.g. 2025-07-10 or "
            "2025-07-10T14:00Z (times without a zone are UTC).",
            field=name,
            value=value,
        )
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def gdelt_url(
    query: str,
    *,
    start,
    end,
    source_country: str | None = None,
    source_lang: str | None = None,
    max_records: int = 250,
    endpoint: str = GDELT_ENDPOINT,
) -> str:
    """Return the DOC 2.0 ArtList request URL for one time window.

    Examples
    --------
    >>> gdelt_url('"Rubio Lavrov"', start="2025-07-10", end="2025-07-11",
    ...           source_country="US", endpoint="http://127.0.0.1:9/doc")
    'http://127.0.0.1:9/doc?query=%22Rubio+Lavrov%22+sourcecountry%3AUS&mode=ArtList&format=json&maxrecords=250&startdatetime=20250710000000&enddatetime=20250711000000&sort=DateAsc'
    """
    if not 1 <= int(max_records) <= 250:
        raise FetchError(
            f"gdelt_search: max_records={max_records} is outside 1-250 (the API's limit).",
            field="max_records",
            value=max_records,
        )
    text = " ".join(str(query).split())
    if source_country:
        text += f" sourcecountry:{source_country}"
    if source_lang:
        text += f" sourcelang:{source_lang}"
    params = {
        "query": text,
        "mode": "ArtList",
        "format": "json",
        "maxrecords": int(max_records),
        "startdatetime": _utc(start, "start").strftime(_STAMP),
        "enddatetime": _utc(end, "end").strftime(_STAMP),
        "sort": "DateAsc",
    }
    return f"{endpoint}?{urlencode(params)}"


def _seen(value: str) -> str:
    """``20250710T143000Z`` -> ``2025-07-10T14:30:00Z`` (other forms unchanged)."""
    v = str(value or "")
    if len(v) == 16 and v[8] == "T" and v.endswith("Z"):
        return f"{v[:4]}-{v[4:6]}-{v[6:8]}T{v[9:11]}:{v[11:13]}:{v[13:15]}Z"
    return v


def _search(fetcher: Fetcher, url: str) -> list[dict]:
    page = fetcher.get(url, use_cache=False)
    if not page.ok:
        raise FetchError(f"GDELT search failed: {page.error} ({url}).", url=url, value=page.status)
    text = page.body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text) if text else {}
    except json.JSONDecodeError:
        raise FetchError(
            f"GDELT answered with a message instead of JSON: {text[:300]!r}; fix the query "
            "(too short or too common terms, unbalanced quotes) or wait before retrying.",
            url=url,
            value=text[:300],
        ) from None
    articles = data.get("articles", []) if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise FetchError(
            f"GDELT answered JSON without an 'articles' list ({text[:200]!r}).",
            url=url,
            value=text[:200],
        )
    return articles


def gdelt_search(
    query: str,
    *,
    start,
    end,
    source_country: str | None = None,
    source_lang: str | None = None,
    max_records: int = 250,
    endpoint: str = GDELT_ENDPOINT,
    min_window: str = "1h",
    fetcher: Fetcher | None = None,
    **fetch_options,
) -> pd.DataFrame:
    """Search GDELT DOC 2.0 for articles and return their URLs.

    Parameters
    ----------
    query : str
        GDELT query text (words are ANDed; ``"exact phrase"``; ``(a OR b)``).
    start, end : str or datetime
        The time span (UTC when no zone is given); GDELT covers about three months back.
    source_country : str, optional
        Adds ``sourcecountry:<value>`` (a FIPS country code or name, e.g. ``US``).
    source_lang : str, optional
        Adds ``sourcelang:<value>`` (e.g. ``english``).
    max_records : int
        Articles per request, at most 250; a full window is split (see module notes).
    endpoint : str
        The API endpoint (a local test server in tests).
    min_window : str
        Shortest window to split down to (a pandas Timedelta string).
    fetcher : Fetcher, optional
        Else one is built from ``fetch_options`` with ``rate_limit_per_host=5``.
    **fetch_options
        :class:`~framing.sources.fetch.Fetcher` options.

    Returns
    -------
    pandas.DataFrame
        :data:`GDELT_COLUMNS` (``seendate`` as ISO 8601 UTC: when GDELT saw the story,
        not its publication time), one row per URL; ``attrs`` holds ``query``,
        ``windows`` and ``truncated_windows``.

    Raises
    ------
    FetchError
        A bad argument, a failed request, or an answer that is not the expected JSON.
    """
    t0, t1 = _utc(start, "start"), _utc(end, "end")
    if t1 <= t0:
        raise FetchError(
            f"gdelt_search: end ({t1}) must come after start ({t0}).", field="end", value=str(end)
        )
    own = fetcher is None
    if own:
        fetcher = Fetcher(**{"rate_limit_per_host": 5.0, **fetch_options})
    shortest = pd.Timedelta(min_window)
    opts = dict(source_country=source_country, source_lang=source_lang)
    opts.update(max_records=max_records, endpoint=endpoint)
    found, windows, truncated = {}, [], []
    todo = [(t0, t1)]
    while todo:
        a, b = todo.pop(0)
        try:
            articles = _search(fetcher, gdelt_url(query, start=a, end=b, **opts))
        finally:
            if own and not todo:
                fetcher.close()
        span = f"{a.strftime(_STAMP)}-{b.strftime(_STAMP)}"
        windows.append({"window": span, "articles": len(articles)})
        if len(articles) >= int(max_records):
            if b - a > shortest:
                mid = a + (b - a) / 2
                todo[:0] = [(a, mid.floor("s")), (mid.floor("s"), b)]
                continue
            truncated.append(span)
        for art in articles:
            url = str(art.get("url", "") or "").strip()
            if url and url not in found:
                row = {c: str(art.get(c, "") or "") for c in GDELT_COLUMNS}
                row["seendate"] = _seen(row["seendate"])
                found[url] = row
    df = pd.DataFrame(list(found.values()), columns=GDELT_COLUMNS, dtype="str")
    df.attrs.update(query=gdelt_url(query, start=t0, end=t1, **opts), windows=windows)
    df.attrs["truncated_windows"] = truncated
    return df
