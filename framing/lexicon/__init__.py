"""Dictionaries (lexicons): the model, loaders, matching, scores and key words in context.

A :class:`Lexicon` holds named categories of patterns with a version and sources. It
is read from the kit's YAML, from quanteda/Lexicoder-style YAML or from a LIWC
``.dic`` file (:func:`load_lexicon`, :func:`save_lexicon`), or built in Python
(:meth:`Lexicon.from_dict`). Built-in lexicons live in ``framing/lexicon/builtin/`` and are
listed by :func:`list_lexicons`.

Patterns
--------
- A word matches a token exactly: ``ceasefire``. Tokens come from
  :func:`framing.text.tokenize` (lower-cased; ``Russia's`` gives ``russia``;
  ``U.S.`` gives ``u.s.``; ``US-Russia`` stays one token).
- ``*`` matches any run of characters (also none), anywhere in a word:
  ``negotiat*``, ``*-russia``; ``?`` matches exactly one character. A word made only
  of wildcards, ``**``, and an empty pattern are errors.
- Words separated by spaces form a multiword expression (MWE): ``peace talks``,
  ``war of words``, ``united states``; its words may be globs (``peace talk*``).
  Punctuation is not a token, so an MWE also matches across a comma or full stop.
- Matching is case-insensitive unless ``case_sensitive=True``.

Counting rules
--------------
1. **One count per token per category.** A token matched by several patterns of the
   same category (``negotiat*`` and ``negotiation``) counts once, as a LIWC word counts
   once per category (quanteda's ``dfm_lookup`` instead counts per matching pattern;
   one count per token keeps rates interpretable as shares of words). :func:`term_counts` credits it to the first matching pattern in the
   category's term order.
2. **MWEs first, within a category.** An MWE match counts once, and its words are not
   also counted as single words of the *same* category. When MWEs of one category
   overlap, the leftmost match wins and, at the same start, the longest (quanteda's
   default ``nested_scope = "key"``). Other categories still see the words.
3. **Groups are unions.** A nested category (``frames`` with children
   ``frames.conflict``, ``frames.diplomacy``) is scored as if it listed all its
   descendants' patterns, so rules 1-2 apply to it: a token matched by two children
   counts once for the parent. Its column is its dotted name.
4. ``n_tokens`` counts every token; ``<cat>_per_1k`` is ``1000 * <cat> / n_tokens``
   (0 for a document without tokens); ``<cat>_any`` is 1 when ``<cat>`` > 0.

Equivalent lexicons in different formats give identical scores.

Speed and scale
---------------
Scoring tokenizes each text once with one compiled regular expression and resolves
each distinct token type against the patterns once (see :mod:`framing._patterns`).
:func:`score` works in chunks (memory beyond the result table does not grow with the
corpus) and :func:`score_frame` is a pure per-partition function for Dask.

References
----------
Pennebaker, J. W., Boyd, R. L., Jordan, K., & Blackburn, K. (2015). The development
and psychometric properties of LIWC2015. University of Texas at Austin (the ``.dic``
format). Young, L., & Soroka, S. (2012). Affective news: The automated coding of
sentiment in political texts. Political Communication, 29(2), 205-231 (Lexicoder).
Benoit, K., et al. (2018). quanteda: An R package for the quantitative analysis of
textual data. Journal of Open Source Software, 3(30), 774.

Rooms
-----
- ``_model``: :class:`Lexicon`, :class:`Category`
- ``_io``: loading and saving (kit YAML, quanteda YAML), built-in lexicons
- ``_dic``: LIWC ``.dic`` files
- ``_score``: :func:`score`, :func:`score_frame`, :func:`term_counts`
- ``_kwic``: :func:`kwic`
- ``_diagnose``: :func:`diagnose`
- ``_sklearn``: :class:`LexiconScorer`
- ``_tasks``: the files behind ``framing lexicon ...`` and ``framing kwic``
- ``builtin/``: the kit's dictionaries, ``VALIDATION.md`` and the judgements behind it
"""

from __future__ import annotations

from framing.lexicon._diagnose import diagnose
from framing.lexicon._io import list_lexicons, load_lexicon, save_lexicon
from framing.lexicon._kwic import kwic
from framing.lexicon._model import Category, DuplicateTermWarning, Lexicon
from framing.lexicon._score import score, score_frame, term_counts
from framing.lexicon._sklearn import LexiconScorer

__all__ = [
    "Category",
    "DuplicateTermWarning",
    "Lexicon",
    "LexiconScorer",
    "diagnose",
    "kwic",
    "list_lexicons",
    "load_lexicon",
    "save_lexicon",
    "score",
    "score_frame",
    "term_counts",
]
