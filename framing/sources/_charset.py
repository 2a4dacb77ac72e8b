"""Decoding fetched or saved HTML bytes to text (private to :mod:`framing.sources`).

The charset comes from the server's ``Content-Type`` header, else from a ``<meta>`` tag
in the first 4 KiB, else a UTF-8 byte-order mark, else strict UTF-8, else detection by
charset_normalizer (which comes with requests). A declared charset that does not decode
the bytes (cp1252 pages served as UTF-8 are common) is skipped and noted.
"""

from __future__ import annotations

import re

__all__ = ["decode_body"]

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def decode_body(body: bytes, declared: str | None = None) -> tuple[str, str, str]:
    """Decode an HTML body: declared charset, then ``<meta>``, then detection.

    Parameters
    ----------
    body : bytes
        The raw bytes.
    declared : str, optional
        The charset of the ``Content-Type`` header.

    Returns
    -------
    tuple of (str, str, str)
        The text, the charset used, and how it was chosen (``header``, ``meta``,
        ``bom``, ``utf-8``, ``detected``, ``fallback``); a declared charset that does not
        decode the bytes is skipped and noted (``detected (header said utf-8)``).

    Examples
    --------
    >>> text = "<p>The minister\\u2019s visit to Gen\\u00e8ve was \\u201chistoric\\u201d.</p>"
    >>> decode_body(text.encode("cp1252"), "utf-8")[0] == text
    True
    """
    notes = []
    for how, cs in (("header", declared), ("meta", _meta_charset(body))):
        if not cs:
            continue
        try:
            return body.decode(cs), cs.lower(), how
        except (LookupError, UnicodeDecodeError):
            notes.append(f"{how} said {cs}")
    note = f" ({'; '.join(notes)})" if notes else ""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace"), "utf-8", "bom" + note
    try:
        return body.decode("utf-8"), "utf-8", "utf-8" + note
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # No NUL bytes: not UTF-16/32. Among the guesses that fit equally well, prefer
    # windows-1252, the WHATWG default for undeclared Western pages.
    wide = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
    matches = list(from_bytes(body, cp_exclusion=None if b"\x00" in body else wide))
    if matches:
        low = min(m.chaos for m in matches)
        tied = [m for m in matches if m.chaos <= low + 1e-3]
        best = next((m for m in tied if m.encoding == "cp1252"), tied[0])
        return str(best), best.encoding, "detected" + note
    return body.decode("cp1252", "replace"), "cp1252", "fallback" + note


def _meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii") if m else None
