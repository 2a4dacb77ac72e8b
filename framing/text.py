"""Tokenisation and sentence splitting shared by every feature.

One word tokenizer (a single regular expression, :data:`TOKEN_PATTERN`, applied the
same way by lexicon scores, topic queries, keyness and classifiers; where the optional
C extension ``framing._speedups`` was built, a C scanner that gives exactly the same
tokens 2.4 times faster, see :data:`HAVE_SPEEDUPS`) and one sentence splitter
(nltk's Punkt algorithm, untrained, with a list of news abbreviations added, so it
needs no downloaded nltk data).

Token rules (all tested in ``tests/test_text.py``):

- Words are runs of letters, digits and ``_`` (Unicode aware, so "Zelenskyy" and
  "Erdoğan" are single tokens). Text is lower-cased by default.
- Hyphenated compounds stay whole: "US-Russia", "Indo-Pacific", "U.S.-led".
- Internal apostrophes stay: "don't", "o'brien". Curly apostrophes and quotes
  (U+2019, U+2018, U+02BC) are normalised to ``'`` first.
- The clitic ``'s`` is dropped: "Russia's" -> "russia", "it's" -> "it",
  "countries'" -> "countries". A dictionary term ``russia`` then matches the
  possessive, and the word count (``n_tokens``) counts "Russia's" as one word, as
  LIWC does. Other contractions ("don't", "we'll") stay one token.
- Abbreviations written with single letters and dots stay one token with their final
  dot: "U.S." -> "u.s.", "U.N." -> "u.n.", "e.g." -> "e.g.".
- Numbers keep their decimal point, thousands separators and a percent sign:
  "3.5", "1,000", "25%".
- Everything else separates tokens: spaces (including non-breaking and thin spaces),
  punctuation, em and en dashes ("talks—again" -> "talks", "again"), a double hyphen.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "TOKEN_PATTERN",
    "HAVE_SPEEDUPS",
    "tokenize",
    "tokenize_many",
    "sentences",
    "ABBREVIATIONS",
]

#: The token regular expression, applied to normalised text (see module docstring).
#: A token starts with a word character that is not the ``s`` of a dropped ``'s``; the
#: tail is guarded by one look-ahead so the common case (a space follows) costs a
#: single test. Repeats are possessive (``*+``, ``++``; Python >= 3.11): nothing follows
#: them that could fail, so the engine would never backtrack into them anyway, and
#: saying so spares it the bookkeeping (about 10% of tokenizing time, same tokens).
TOKEN_PATTERN = (
    r"\w(?<!'s(?!\w))\w*+"  # a word, but never the bare "s" of a dropped "'s"
    r"(?:(?=[-'.,%])(?:"  # a tail only when one of - ' . , % follows
    r"-\w++"  # hyphenated compound
    r"|'(?!s\b)\w++"  # internal apostrophe (not the clitic 's)
    r"|(?<=\d)[.,]\d++"  # decimal point / thousands separator
    r"|(?<=\b\w)\.\w\b"  # single-letter abbreviation: u.s, e.g
    r"|(?<=\.[^\W\d_])\."  # ... and its final dot: u.s.
    r"|(?<=\d)%"  # percent
    r"))*+"
)

_TOKEN_RE = re.compile(TOKEN_PATTERN)
_re_findall = _TOKEN_RE.findall

# The same tokenizer in C (framing/_speedups.c, built by ``pip install`` where a C
# compiler is available): 2.4x faster on news text (bench/RESULTS.md), and it can count
# dictionary hits without building the token list. Identical tokens
# (tests/test_speedups.py); setting the environment variable FRAMING_PURE_PYTHON=1
# before import uses the regex instead.
if os.environ.get("FRAMING_PURE_PYTHON", "") not in ("", "0"):
    _speedups = None
else:
    try:
        from framing import _speedups
    except ImportError:  # not built (no compiler at install time)
        _speedups = None

#: True when the C tokenizer (``framing._speedups``) is in use.
HAVE_SPEEDUPS = _speedups is not None
_findall = _speedups.tokenize if _speedups is not None else _re_findall
#: ``count_hits(text, table, default) -> (n_tokens, {token: count})`` in C, or None.
_count_hits = _speedups.count_hits if _speedups is not None else None

# Characters rewritten before tokenising (one character to one character).
_NORMALISE = (
    ("\u2019", "'"),  # right single quotation mark, the usual curly apostrophe
    ("\u2018", "'"),  # left single quotation mark
    ("\u02bc", "'"),  # modifier letter apostrophe
    ("\u2010", "-"),  # hyphen
    ("\u2011", "-"),  # non-breaking hyphen
)

#: Abbreviations (lower case, without the final dot) the sentence splitter never
#: treats as a sentence end.
ABBREVIATIONS = frozenset(
    """u.s u.n u.k e.u u.s.a u.s.s.r d.c n.y l.a a.m p.m e.g i.e etc vs
    mr mrs ms dr prof gen lt col maj sgt capt adm cmdr gov sen rep reps pres amb sec
    st jr sr no inc corp co ltd dept est approx fig
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
    mo mont neb nev okla ore pa tenn tex va vt wash wis wyo""".split()
)


def _normalise(text: str) -> str:
    for old, new in _NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return text


def tokenize(text: str, *, lower: bool = True) -> list[str]:
    """Split a text into word tokens.

    Parameters
    ----------
    text : str
        Any text; ``None`` and non-strings are not accepted.
    lower : bool, default True
        Lower-case the text first (the kit matches dictionaries case-insensitively).

    Returns
    -------
    list of str
        The tokens in text order (rules in the module docstring).

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> tokenize("U.S. officials met Russia’s envoy on Indo-Pacific trade—again.")
    ['u.s.', 'officials', 'met', 'russia', 'envoy', 'on', 'indo-pacific', 'trade', 'again']
    >>> tokenize("Tariffs of 25% on $1,000 (3.5 times)", lower=False)
    ['Tariffs', 'of', '25%', 'on', '1,000', '3.5', 'times']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() needs a str, got {type(text).__name__}: {text!r:.60}")
    text = _normalise(text)
    return _findall(text.lower() if lower else text)


def tokenize_many(texts: Iterable[str], *, lower: bool = True) -> list[list[str]]:
    """Tokenize many texts (the fast path: no per-call checks beyond the type).

    Parameters
    ----------
    texts : iterable of str
        The texts; a missing text (``None`` or NaN) gives an empty token list.
    lower : bool, default True
        Lower-case the texts first.

    Returns
    -------
    list of list of str
        One token list per text, in input order.

    Examples
    --------
    >>> tokenize_many(["Peace talks", None, "U.N. vote"])
    [['peace', 'talks'], [], ['u.n.', 'vote']]
    """
    return [_findall(_prepare(t, lower)) for t in texts]


def _prepare(text, lower: bool = True) -> str:
    """Normalise (and lower-case) one text; missing values become ``""``."""
    if not isinstance(text, str):
        try:
            missing = text is None or bool(text != text)  # None, NaN, NaT
        except TypeError:  # pandas.NA refuses bool()
            missing = True
        if missing:
            return ""
        raise TypeError(f"expected a str text, got {type(text).__name__}: {text!r:.60}")
    text = _normalise(text)
    return text.lower() if lower else text


@lru_cache(maxsize=1)
def _sentence_splitter():
    # Imported and built on first use, so importing framing.text stays cheap.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentences(text: str) -> list[str]:
    """Split a text into sentences with nltk's Punkt algorithm (no downloaded data).

    The splitter is untrained; the abbreviations in :data:`ABBREVIATIONS` (titles,
    months, "u.s", "u.n", ...) never end a sentence. Paragraph breaks (a blank line)
    always end one. Surrounding whitespace is stripped and empty sentences dropped.

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    list of str
        The sentences, in order.

    Notes
    -----
    Without training data Punkt cannot tell an abbreviation that ends a sentence from
    one inside it, so "held in the U.S. They left." stays one sentence; a full stop
    inside closing quotes (``said "no." Then``) does not split either.

    References
    ----------
    Kiss, T., & Strunk, J. (2006). Unsupervised multilingual sentence boundary
    detection. Computational Linguistics, 32(4), 485-525.

    Examples
    --------
    >>> sentences("U.S. officials met Gen. Smith on Jan. 5. Talks resumed.")
    ['U.S. officials met Gen. Smith on Jan. 5.', 'Talks resumed.']
    """
    if not isinstance(text, str):
        raise TypeError(f"sentences() needs a str, got {type(text).__name__}: {text!r:.60}")
    text = _normalise(text).replace("\u00a0", " ")
    splitter = _sentence_splitter()
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        out.extend(s.strip() for s in splitter.tokenize(para) if s.strip())
    return out
