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

from collections.abc import Iterable

from framing import _tokens
from framing._tokens import ABBREVIATIONS, HAVE_SPEEDUPS, TOKEN_PATTERN, use_speedups

__all__ = [
    "TOKEN_PATTERN",
    "HAVE_SPEEDUPS",
    "tokenize",
    "tokenize_many",
    "count_tokens",
    "sentences",
    "ABBREVIATIONS",
    "use_speedups",
]


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
    text = _tokens.normalise(text)
    return _tokens.find_tokens(text.lower() if lower else text)


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
    find, prepare = _tokens.find_tokens, _tokens.prepare
    return [find(prepare(t, lower)) for t in texts]


def count_tokens(texts: Iterable[str], *, lower: bool = True) -> list[int]:
    """The number of tokens of each text (as :func:`tokenize` would give), without
    building the token lists: the word count behind every per-1,000-token rate.

    Parameters
    ----------
    texts : iterable of str
        The texts; a missing text (``None`` or NaN) counts 0 tokens.
    lower : bool, default True
        Lower-case first (it changes no count; kept for symmetry with ``tokenize``).

    Returns
    -------
    list of int

    Examples
    --------
    >>> count_tokens(["Russia's envoy met U.S. officials.", None, ""])
    [5, 0, 0]
    """
    prepare, count_hits = _tokens.prepare, _tokens.count_hits
    if count_hits is None:
        find = _tokens.find_tokens
        return [len(find(prepare(t, lower))) for t in texts]
    empty: frozenset[str] = frozenset()
    return [count_hits(prepare(t, lower), empty, 0, False)[0] for t in texts]


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
    return _tokens.split_sentences(text)
