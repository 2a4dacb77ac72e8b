"""Main text and metadata of one HTML page (trafilatura, htmldate) and the article record
made from them; shared by saved pages (:mod:`framing.sources.html`) and fetched URLs
(:mod:`framing.sources.urls`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from framing.corpus import outlet_key
from framing.sources._charset import decode_body

__all__ = ["extract_html", "html_record"]


# htmldate: keep time and zone, prefer the original publication date over updates.
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,
    "extensive_search": True,
}


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
        "domain": outlet_key(host, strip_www=True) if host else None,
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
