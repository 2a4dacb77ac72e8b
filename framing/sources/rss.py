"""RSS and Atom feeds: the stories a feed lists, as a URL list for :func:`fetch_urls`.

The feed is fetched with the polite :class:`~framing.sources.fetch.Fetcher` (robots.txt,
rate limit, retries) and parsed from bytes by feedparser, whose own network code is
never used. A feed only lists recent stories: collect it regularly, or use GDELT or
Media Cloud for the past.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pandas as pd

from framing.errors import FetchError
from framing.sources.fetch import Fetcher

__all__ = ["read_feed", "FEED_COLUMNS"]

#: Columns :func:`read_feed` returns.
FEED_COLUMNS = ["url", "title", "published", "outlet", "feed"]


def _iso(struct) -> str:
    if not struct:
        return ""
    stamp = dt.datetime.fromtimestamp(calendar.timegm(struct), tz=dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def read_feed(url_or_path, *, fetcher: Fetcher | None = None, **fetch_options) -> pd.DataFrame:
    """List the stories of an RSS or Atom feed.

    Parameters
    ----------
    url_or_path : str or Path
        An http(s) feed URL (fetched politely, never from the cache) or a saved feed file.
    fetcher : Fetcher, optional
        The fetcher to use; else one is built from ``fetch_options``.
    **fetch_options
        :class:`~framing.sources.fetch.Fetcher` options (``timeout``, ``user_agent`` ...).

    Returns
    -------
    pandas.DataFrame
        :data:`FEED_COLUMNS`: ``url`` (the entry's link, empty when it has none),
        ``title``, ``published`` (ISO 8601 UTC, from the published or else the updated
        date; empty when absent), ``outlet`` (the feed's title) and ``feed`` (where the
        feed came from). One row per entry, in feed order.

    Raises
    ------
    FetchError
        The feed could not be fetched, or the bytes are not a feed.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "feed.xml"
    >>> _ = f.write_text('<?xml version="1.0"?><rss version="2.0"><channel>'
    ...     '<title>Harbor Courier</title><item><title>Talks</title>'
    ...     '<link>http://127.0.0.1:9/talks</link>'
    ...     '<pubDate>Thu, 10 Jul 2025 14:30:00 +0000</pubDate></item></channel></rss>')
    >>> read_feed(f)[["url", "published", "outlet"]].values.tolist()
    [['http://127.0.0.1:9/talks', '2025-07-10T14:30:00Z', 'Harbor Courier']]
    """
    import feedparser

    text = str(url_or_path).strip()
    if text.lower().startswith(("http://", "https://")):
        own = fetcher is None
        fetcher = fetcher or Fetcher(**fetch_options)
        page = fetcher.get(text, use_cache=False)
        if own:
            fetcher.close()
        if not page.ok:
            raise FetchError(
                f"feed {text}: {page.error}; check the URL, or save the feed and pass the file.",
                url=text,
                value=page.status,
            )
        data = page.body
    else:
        path = Path(text)
        if not path.is_file():
            raise FetchError(
                f"{text}: neither an http(s) URL nor an existing feed file.", url=text, value=text
            )
        data = path.read_bytes()
    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        why = parsed.get("bozo_exception")
        raise FetchError(
            f"{text}: not an RSS or Atom feed ({type(why).__name__}: {why}); check the URL.",
            url=text,
            value=str(why),
        )
    outlet = " ".join(str(parsed.feed.get("title", "")).split())
    rows = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        rows.append(
            {
                "url": str(entry.get("link", "") or "").strip(),
                "title": " ".join(str(entry.get("title", "")).split()),
                "published": _iso(when),
                "outlet": outlet,
                "feed": text,
            }
        )
    return pd.DataFrame(rows, columns=FEED_COLUMNS, dtype="str")
