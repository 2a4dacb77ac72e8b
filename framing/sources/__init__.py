"""Turning outside material into a corpus: text folders, Nexis exports, saved pages, URL lists,
feeds, GDELT.

One module per source; each returns a :class:`~framing.corpus.ValidationResult` (or a URL
list for :func:`fetch_urls`), and :func:`collect` runs one source end to end and writes a
corpus folder (``articles.parquet``, ``corpus.yaml`` with how it was collected and the
counts read/kept/rejected, ``rejected.jsonl`` with every rejected item and its reason).

============== ============================================ =============================
source         reader                                       network
============== ============================================ =============================
``folder``     :func:`read_text_folder`                     no
``nexis``      :func:`read_nexis` (LexisNexis .txt/.docx)   no
``html``       :func:`read_html` (:func:`extract_html`)     no
``urls``       :func:`read_url_list` + :func:`fetch_urls`   the listed pages
``rss``        :func:`read_feed` + :func:`fetch_urls`       the feeds and their stories
``gdelt``      :func:`gdelt_search` + :func:`fetch_urls`    the GDELT API and the stories
============== ============================================ =============================

Rooms
-----
- ``_collect``: :func:`collect`: one source end to end into a corpus folder
- ``folder, nexis, html, urls, rss, gdelt``: one public module per source
- ``fetch``: the polite fetcher (:class:`Fetcher`)
- ``_guard``: which addresses may be fetched (no loopback or private ones by default)
  and the per-request deadline
- ``_extract``: main text and metadata of HTML pages
- ``_result``: the article and rejected-item tables every source returns
- ``_nexis_parse``: parsing one Nexis export
- ``_cache, _charset``: the fetch cache; charsets of fetched pages
"""

from framing.sources._collect import KINDS, collect
from framing.sources.fetch import DEFAULT_USER_AGENT, Fetcher, Page
from framing.sources.folder import read_text_folder
from framing.sources.gdelt import gdelt_search
from framing.sources.html import extract_html, read_html
from framing.sources.nexis import read_nexis
from framing.sources.rss import read_feed
from framing.sources.urls import fetch_urls, normalize_url, read_url_list

__all__ = [
    "KINDS",
    "collect",
    "read_text_folder",
    "read_nexis",
    "read_html",
    "extract_html",
    "read_url_list",
    "fetch_urls",
    "normalize_url",
    "read_feed",
    "gdelt_search",
    "Fetcher",
    "Page",
    "DEFAULT_USER_AGENT",
]
