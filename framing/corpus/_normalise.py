"""Normalisation of article fields: text and line cleaning, mojibake, derived ids (dates:
:mod:`framing._shared.dates`).

Vectorised over pandas Series (Arrow-backed regular expressions pick out the few strings
that need fixing). :func:`framing.corpus.validate` applies these; the rules are listed
in the :mod:`framing.corpus` docstring.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd

from framing._shared.dates import as_text
from framing._shared.jsonable import sha256_text

_SPACE_CHARS = "\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_NEWLINES = "\r\n|\r|\u2028|\u2029|\u0085"
# A lead byte of a 2-3 byte UTF-8 sequence read as cp1252, then a continuation byte read
# as cp1252 (0x80-0xBF map to these characters).
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
_CONT += "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
_CONT += "\u0153\u017e\u0178"
MOJIBAKE = f"[\u00c2\u00c3\u00c5\u00e2][{_CONT}]"
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")


def as_str(s: pd.Series) -> pd.Series:
    """Strings with missing values as NaN (integral floats lose their ``.0``)."""
    return as_text(s)


@functools.cache
def _nfc_suspects() -> str:
    """An RE2 class of every character that can make a string not NFC.

    Characters that are not NFC on their own, that compose with a preceding character
    (second half of a canonical pair, Hangul vowel and trailing jamo) or that have a
    non-zero combining class (may need reordering). Strings without any of them are
    already NFC, so only the few that have one go through :func:`unicodedata.normalize`.
    """
    cps = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for c in range(0x30000):
        ch = chr(c)
        if unicodedata.combining(ch) or not unicodedata.is_normalized("NFC", ch):
            cps.add(c)
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            cps.add(int(parts[1], 16))
    cps -= set(range(0xD800, 0xE000))
    ranges: list[list[int]] = []
    for c in sorted(cps):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges) + "]"


def _flag(s: pd.Series, pattern: str) -> np.ndarray:
    """Positions of the strings of ``s`` that match an RE2 ``pattern`` (Arrow, fast)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    hit = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    return np.flatnonzero(hit.to_numpy(zero_copy_only=False))


def _on_flagged(s: pd.Series, pattern: str, fix) -> pd.Series:
    """Apply ``fix`` (Series -> Series) only to the strings that match ``pattern``."""
    idx = _flag(s, pattern)
    if not len(idx):
        return s
    out = s.copy()
    out.iloc[idx] = fix(s.iloc[idx]).to_numpy()
    return out


def _nfc(s: pd.Series) -> pd.Series:
    def fix(part: pd.Series) -> pd.Series:
        return pd.Series([unicodedata.normalize("NFC", v) for v in part], dtype="str")

    return _on_flagged(s, _nfc_suspects(), fix)


def _fix_spaces(s: pd.Series) -> pd.Series:
    s = s.str.replace(_NEWLINES, "\n", regex=True)
    s = s.str.replace(f"[{_SPACE_CHARS}]", " ", regex=True)
    s = s.str.replace(" {2,}", " ", regex=True)
    s = s.str.replace(" ?\n ?", "\n", regex=True)
    return s.str.replace("\n{3,}", "\n\n", regex=True).str.strip()


# Strings needing _fix_spaces: odd spaces or line ends, doubled spaces, spaces at line
# ends, 3+ line breaks, or white space at either end.
_NEEDS_FIX = f"[{_SPACE_CHARS}\r\u2028\u2029\u0085]|  | \n|\n |\n\n\n|^\\s|\\s$"


def clean_text(s: pd.Series) -> pd.Series:
    s = _nfc(as_str(s))
    return _on_flagged(s, _NEEDS_FIX, _fix_spaces)


def clean_line(s: pd.Series) -> pd.Series:
    s = _nfc(as_str(s))

    def fix(part: pd.Series) -> pd.Series:
        part = part.str.replace(f"(?:[ \n{_SPACE_CHARS}]|{_NEWLINES})+", " ", regex=True)
        return part.str.strip()

    return _on_flagged(s, _NEEDS_FIX + "|\n", fix)


def repair_mojibake(text: str) -> str:
    def fix(m: re.Match) -> str:
        try:
            return m.group(0).encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    return _MOJIBAKE_RUN.sub(fix, text)


def derive_ids(outlet: pd.Series, title: pd.Series, text: pd.Series) -> pd.Series:
    ids = [
        "h" + sha256_text(f"{o}\x1f{t}\x1f{x}")[:16]
        for o, t, x in zip(outlet.fillna(""), title.fillna(""), text.fillna(""), strict=True)
    ]
    return pd.Series(ids, index=outlet.index, dtype="str")
