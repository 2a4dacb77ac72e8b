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

from pathlib import Path

from framing.corpus import ValidationResult, outlet_resolver
from framing.errors import CorpusError
from framing.sources._extract import extract_html, html_record
from framing.sources._result import finish, problem

__all__ = ["extract_html", "read_html", "outlet_resolver", "HTML_SUFFIXES"]

#: File suffixes read as saved pages.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


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
