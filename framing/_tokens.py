"""The text layer's machinery: token pattern, C or regex backend, normalisation, sentences.

Private to the text layer (:mod:`framing.text` is its public face): :mod:`framing._patterns`,
the classifier's word counts (:class:`framing.classify.TextFeatures`),
the lexicon and topic matchers and the sentiment cache key use these functions directly.
The backend functions :func:`find_tokens` and :func:`count_hits` (and ``matrix_speedups``,
the C count matrix and rank sums of :mod:`framing.keyness`) are module globals that
:func:`use_speedups` rebinds, so callers look them up here at call time
(``_tokens.find_tokens(text)``), never bind them at import.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from framing._shared.jsonable import sha256_text

__all__ = [
    "TOKEN_PATTERN",
    "TOKEN_RE",
    "HAVE_SPEEDUPS",
    "NORMALISE",
    "ABBREVIATIONS",
    "regex_tokens",
    "find_tokens",
    "count_hits",
    "matrix_speedups",
    "use_speedups",
    "normalise",
    "prepare",
    "split_sentences",
    "splitter_key",
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

TOKEN_RE = re.compile(TOKEN_PATTERN)
#: The pure-Python tokenizer: the regular expression's ``findall``.
regex_tokens = TOKEN_RE.findall

# The same tokenizer in C (framing/_speedups.c, built by ``pip install`` where a C
# compiler is available): 2.4x faster on news text (bench/RESULTS.md), and it can count
# dictionary hits without building the token list. Identical tokens
# (tests/test_speedups.py); setting the environment variable FRAMING_PURE_PYTHON=1
# before import uses the regex instead.
if os.environ.get("FRAMING_PURE_PYTHON", "") not in ("", "0"):
    _speedups = None
else:
    try:
        import framing._speedups as _speedups
    except ImportError:  # not built (no compiler at install time)
        _speedups = None

#: True when the C tokenizer (``framing._speedups``) was built and is in use.
HAVE_SPEEDUPS = _speedups is not None
#: ``find_tokens(prepared_text) -> list of tokens``: the C scanner, or :data:`regex_tokens`.
find_tokens = _speedups.tokenize if _speedups is not None else regex_tokens
#: ``count_hits(text, table, default, keep) -> (n_tokens, {token: count}, tokens)`` in C,
#: or None (pure Python: callers count token lists instead).
count_hits = _speedups.count_hits if _speedups is not None else None
#: The C module for :mod:`framing.keyness`'s count matrix (``column_nnz``,
#: ``column_fill``) and per-term rank sums (``rank_sums``) and the classifier's word
#: n-gram counts (``token_ids``, ``gram_fit``, ``gram_rows``, ...), or None (numpy paths).
matrix_speedups = _speedups


@contextmanager
def use_speedups(enabled: bool) -> Iterator[None]:
    """Use the C backend (``enabled=True``, where built) or the pure-Python one inside
    the block; both give identical tokens and counts (tests/test_speedups.py).

    Examples
    --------
    >>> import framing._tokens as backend
    >>> with use_speedups(False):
    ...     backend.find_tokens is backend.regex_tokens
    True
    """
    global find_tokens, count_hits, matrix_speedups
    saved = find_tokens, count_hits, matrix_speedups
    on = enabled and _speedups is not None
    find_tokens = _speedups.tokenize if on else regex_tokens
    count_hits = _speedups.count_hits if on else None
    matrix_speedups = _speedups if on else None
    try:
        yield
    finally:
        find_tokens, count_hits, matrix_speedups = saved


# Characters rewritten before tokenising (one character to one character).
NORMALISE = (
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


def normalise(text: str) -> str:
    """Rewrite curly apostrophes and Unicode hyphens (:data:`NORMALISE`) in ``text``."""
    for old, new in NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return text


def prepare(text, lower: bool = True) -> str:
    """Normalise (and lower-case) one text; missing values become ``""``.

    Examples
    --------
    >>> prepare("Russia\u2019s envoy"), prepare(None)
    ("russia's envoy", '')
    """
    if not isinstance(text, str):
        try:
            missing = text is None or bool(text != text)  # None, NaN, NaT
        except TypeError:  # pandas.NA refuses bool()
            missing = True
        if missing:
            return ""
        raise TypeError(f"expected a str text, got {type(text).__name__}: {text!r:.60}")
    text = normalise(text)
    return text.lower() if lower else text


# -- sentences --------------------------------------------------------------------------
def _punkt(abbreviations: frozenset):
    # Imported and built on first use, so importing the text layer stays cheap.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return PunktSentenceTokenizer(params)


_punkt_for = lru_cache(maxsize=2)(_punkt)


def split_sentences(text: str) -> list[str]:
    """The body of :func:`framing.text.sentences` (which documents the rules)."""
    text = normalise(text).replace("\u00a0", " ")
    splitter = _punkt_for(ABBREVIATIONS)
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        out.extend(s.strip() for s in splitter.tokenize(para) if s.strip())
    return out


def splitter_key() -> str:
    """A name for the sentence splitter that changes when its code or constants change.

    It hashes the source of the splitter's functions and its constants, not the whole
    module, so an edit to the word tokenizer keeps cached sentence tables (it keys the
    sentence-level sentiment cache).

    Examples
    --------
    >>> splitter_key().startswith("framing.text.sentences@")
    True
    """
    parts = [inspect.getsource(f) for f in (split_sentences, _punkt, normalise)]
    parts += [repr(sorted(ABBREVIATIONS)), repr(NORMALISE)]
    digest = sha256_text("\n".join(parts))[:16]
    return f"framing.text.sentences@{digest}"
