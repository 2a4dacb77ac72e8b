"""HTML pages: main text and metadata extracted with trafilatura.

:func:`extract_html` turns one page (bytes or text) into a dict of article fields with
``trafilatura.bare_extraction`` (trafilatura 2.x returns a ``Document``; its metadata
comes from ``<meta>``/JSON-LD and htmldate). :func:`read_html` reads saved pages (a
folder or a list of files) into a validated corpus. The outlet of a page is found in
this order: its domain or its site name matched against the aliases of an
``outlets.yaml`` (write domains such as ``harborcourier.example`` as aliases), else the
site name, else the domain (without ``www.``).

Reference: Barbaresi, A. (2021). Trafilatura: A Web Scraping Library and Command-Line
Tool for Text Discovery and Extraction. ACL-IJCNLP 2021 System Demonstrations, 122-131.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from framing.corpus import ValidationResult
from framing.errors import CorpusError
from framing.sources._charset import decode_body
from framing.sources._result import finish, problem

__all__ = ["extract_html", "read_html", "outlet_resolver", "HTML_SUFFIXES"]

# htmldate: keep time and zone, prefer the original publication date over updates.
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,
    "extensive_search": True,
}
#: File suffixes read as saved pages.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _key(name) -> str:
    text = " ".join(unicodedata.normalize("NFC", str(name)).split()).casefold()
    return text[4:] if text.startswith("www.") else text


def outlet_resolver(outlets=None):
    """Return ``resolve(site_name, domain, listed=None) -> str | None`` naming an outlet.

    An alias match of the domain, the listed outlet (e.g. a URL list's ``media_name``)
    or the site name wins; else the listed outlet, the site name, the domain.

    Parameters
    ----------
    outlets : str, Path, pandas.DataFrame or None
        An ``outlets.yaml`` (or :func:`framing.corpus.load_outlets` table) whose names
        and aliases (domains among them) map to canonical outlet names.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["The Harbor Courier"],
    ...                       "aliases": [["harborcourier.example", "Harbor Courier"]]})
    >>> resolve = outlet_resolver(table)
    >>> resolve(None, "www.harborcourier.example"), resolve("Other Site", "other.example")
    ('The Harbor Courier', 'Other Site')
    """
    canon = {}
    if outlets is not None:
        import pandas as pd

        from framing.corpus import load_outlets

        table = outlets if isinstance(outlets, pd.DataFrame) else load_outlets(outlets)
        for name, aliases in zip(table["name"], table["aliases"], strict=True):
            for alias in [name, *(aliases if aliases is not None else [])]:
                canon[_key(alias)] = name

    def resolve(site_name, domain, listed=None):
        for cand in (domain, listed, site_name):
            if cand and _key(cand) in canon:
                return canon[_key(cand)]
        for cand in (listed, site_name):
            if cand is not None and str(cand).strip():
                return " ".join(str(cand).split())
        return _key(domain) if domain else None

    return resolve


class _Fields:
    """Attribute access to a trafilatura 1.x result dict (missing keys are None)."""

    def __init__(self, data: dict):
        self._data = data

    def __getattr__(self, name):
        return self._data.get(name)


def extract_html(html_bytes, url=None, *, charset=None, min_words: int = 10) -> dict | None:
    """Extract the main text and metadata of one HTML page.

    Parameters
    ----------
    html_bytes : bytes or str
        The page. Bytes are decoded with ``charset``, else the ``<meta>`` charset, else
        detection (see :func:`framing.sources.fetch.decode_body`).
    url : str, optional
        Where the page came from (used for the domain and relative links).
    charset : str, optional
        The charset declared by the server.
    min_words : int
        Fewer words of main text than this count as no text (menus, link lists).

    Returns
    -------
    dict or None
        ``title``, ``text``, ``date`` (ISO string or None), ``site_name``, ``domain``,
        ``url``, ``author``, ``lang`` (None unless the page declares it), ``description``,
        ``extracted_with`` (``"trafilatura <version>"``), ``charset``, ``charset_from``;
        None when no main text was found. ``date`` keeps the time and zone when the page
        gives them (htmldate, original publication date preferred).

    Examples
    --------
    >>> page = ("<html><head><title>Talks resume</title></head><body><article>"
    ...         "<p>" + "Delegations met in Geneva for a long day of talks. " * 5 + "</p>"
    ...         "</article></body></html>")
    >>> out = extract_html(page.encode(), url="https://www.courier.example/a")
    >>> out["title"], out["domain"], out["text"][:22]
    ('Talks resume', 'courier.example', 'Delegations met in Gen')
    """
    import trafilatura

    if isinstance(html_bytes, bytes | bytearray):
        text, used, how = decode_body(bytes(html_bytes), charset)
    else:
        text, used, how = str(html_bytes), None, "str"
    if not text.strip():
        return None
    doc = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return None
    if isinstance(doc, dict):  # trafilatura 1.x returns a dict, 2.x a Document
        doc = _Fields(doc)
    if len((doc.text or "").split()) < min_words:
        return None
    body = doc.text.strip()
    title = (doc.title or "").strip()
    if title and body.startswith(title + "\n"):  # the headline repeated as first line
        body = body[len(title) + 1 :].lstrip()
    page_url = url or doc.url
    host = urlsplit(page_url).hostname if page_url else doc.hostname
    return {
        "title": title,
        "text": body,
        "date": doc.date or None,
        "site_name": doc.sitename or None,
        "domain": _key(host) if host else None,
        "url": page_url or None,
        "author": doc.author or None,
        "lang": doc.language or None,
        "description": doc.description or None,
        "extracted_with": f"trafilatura {trafilatura.__version__}",
        "charset": used,
        "charset_from": how,
    }


def html_record(ext: dict, *, doc_id: str, resolve) -> dict:
    """An article record from :func:`extract_html` output (private to the sources)."""
    rec = dict(ext)
    rec["doc_id"] = doc_id
    rec["outlet"] = resolve(ext.get("site_name"), ext.get("domain"))
    if not rec.get("lang"):
        rec.pop("lang", None)
    return rec


def read_html(
    folder_or_files, *, outlets=None, mode: str = "strict", **fetch_options
) -> ValidationResult:
    """Read saved HTML pages (or live pages by URL) into a validated corpus.

    Parameters
    ----------
    folder_or_files : str, Path or list of them
        A folder (searched recursively for ``.html``/``.htm``/``.xhtml``) or files; or
        http(s) URLs, which are fetched politely with
        :func:`~framing.sources.urls.fetch_urls` (same extraction).
    outlets : str, Path or DataFrame, optional
        ``outlets.yaml`` whose aliases (names, domains) give canonical outlet names.
    mode : {"strict", "lenient"}
        Strict raises on the first page without main text (or invalid record);
        lenient sets such pages aside in ``.rejected``.
    **fetch_options
        For URLs only: options of :func:`~framing.sources.urls.fetch_urls`
        (``cache_dir``, ``jobs``, ``fetcher``, ``progress`` ...).

    Returns
    -------
    ValidationResult
        ``.articles``: ``doc_id`` (path relative to the folder, or the file name),
        ``outlet``, ``date``, ``title``, ``text``, ``url`` (the page's canonical URL when
        it names one), ``lang`` and the metadata ``site_name``, ``domain``, ``author``,
        ``description``, ``extracted_with``, ``charset``, ``charset_from``,
        ``source_item``. ``.rejected`` lists pages with no main text.

    Raises
    ------
    CorpusError
        Nothing to read, files and URLs mixed; strict mode: the first page that fails.
    FetchError
        Strict mode, URLs: the first URL that failed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> page = ('<html><head><meta property="og:site_name" content="Courier"></head><body>'
    ...         '<article><p>' + "Delegations met in Geneva for talks. " * 6 + '</p></article>'
    ...         '</body></html>')
    >>> _ = (folder / "talks.html").write_text(page)
    >>> read_html(folder).articles[["doc_id", "outlet"]].values.tolist()
    [['talks.html', 'Courier']]
    """
    items = [folder_or_files] if isinstance(folder_or_files, str | Path) else folder_or_files
    is_url = [str(p).strip().lower().startswith(("http://", "https://")) for p in items]
    if any(is_url):
        if not all(is_url):
            raise CorpusError(
                "read_html: give either saved files or http(s) URLs, not both.",
                value=[str(p) for p in items],
            )
        import pandas as pd

        from framing.sources.urls import fetch_urls

        urls = pd.DataFrame({"url": [str(p).strip() for p in items]})
        return fetch_urls(urls, outlets=outlets, mode=mode, **fetch_options)
    if fetch_options:
        raise CorpusError(
            f"read_html: {sorted(fetch_options)} only apply to URLs; saved files need none.",
            value=sorted(fetch_options),
        )
    if isinstance(folder_or_files, str | Path) and Path(folder_or_files).is_dir():
        root = Path(folder_or_files)
        files = sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
        )
        names = [p.relative_to(root).as_posix() for p in files]
        source = root.name
    else:
        files = [Path(p) for p in items]
        names = [p.name for p in files]
        source = "html files"
        missing = [str(p) for p in files if not p.is_file()]
        if missing:
            raise CorpusError(
                f"no such file(s): {', '.join(missing)}; pass saved .html pages or a folder.",
                path=missing[0],
                value=missing,
            )
    if not files:
        raise CorpusError(
            f"{folder_or_files}: no .html/.htm files found (searched sub-folders too).",
            path=str(folder_or_files),
            value=None,
        )
    resolve = outlet_resolver(outlets)
    records, problems = [], []
    for n, (path, name) in enumerate(zip(files, names, strict=True), start=1):
        ext = extract_html(path.read_bytes())
        if ext is None:
            reason = "extraction empty: no main text found in the page"
            problems.append(problem(n, name, reason, stage="extract", field="text"))
            continue
        rec = html_record(ext, doc_id=name, resolve=resolve)
        rec.update(line=n, item=name)
        records.append(rec)
    return finish(records, problems, read=len(files), mode=mode, source=source)
