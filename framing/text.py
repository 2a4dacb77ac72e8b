"""Tokenisation and sentence splitting shared by every feature.

One word tokenizer (a single regular expression, :data:`TOKEN_PATTERN`, applied the
same way by lexicon scores, topic queries, keyness and the classifier's word and
character features (:class:`framing.classify.FrameClassifier` tokenizes with
:func:`tokenizer`); where the optional
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

Languages (:data:`LANGUAGES`: English, Russian, German, French, Spanish, Italian,
Portuguese): :func:`stopwords` per language (for keyness), :func:`tokenizer` with the
language's token rule (Russian folds ё to е; French and Italian split elided
clitics, ``l'homme`` -> ``l'``, ``homme``) and optional Snowball stemming (for
classifiers), :func:`detect_language` and :func:`language_of` (the ``lang`` column, or
detection), and :func:`language_mismatch`, which lexicon scores and VADER use to warn
when they run on articles in another language than their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from framing import _languages, _tokens
from framing._languages import LANGUAGES, UNDETERMINED
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
    "LANGUAGES",
    "UNDETERMINED",
    "stopwords",
    "tokenizer",
    "stemmer",
    "detect_language",
    "language_of",
    "language_mismatch",
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


# -- languages ---------------------------------------------------------------------------
def _known(language, where: str) -> str:
    code = _languages.language_code(language)
    if code not in LANGUAGES:
        from framing.errors import CorpusError

        raise CorpusError(
            f"{where}: no stop words or stemmer for language {language!r}. Use one of "
            f"{sorted(LANGUAGES)} (or their English names), or pass your own list.",
            field="language",
            value=language,
        )
    return code


def stopwords(language) -> frozenset[str]:
    """The stop words of a language (lower case, as :func:`tokenize` gives them).

    Parameters
    ----------
    language : str
        A code or English name from :data:`LANGUAGES` (``"ru"``, ``"russian"``).

    Returns
    -------
    frozenset of str
        English is scikit-learn's ``ENGLISH_STOP_WORDS``; the other lists were written
        for the kit (sources in ``framing/_languages.py``).

    Raises
    ------
    framing.errors.CorpusError
        The language has no list.

    Examples
    --------
    >>> {"the", "of"} <= stopwords("en"), {"и", "не"} <= stopwords("russian")
    (True, True)
    """
    return _languages.stopword_set(_known(language, "stopwords"))


def tokenizer(language="en", *, stem: bool = False, lower: bool = True):
    """A ``text -> tokens`` function: the kit's tokenizer, the language's token rule and,
    with ``stem=True``, nltk's Snowball stemmer of that language.

    Parameters
    ----------
    language : str, default "en"
        A code or English name from :data:`LANGUAGES`; another language gets the plain
        tokens (no rule, no stemming).
    stem : bool, default False
        Reduce each token to its Snowball stem (each distinct token is stemmed once).
    lower : bool, default True
        Lower-case first.

    Returns
    -------
    callable
        ``f(text) -> list of str``; a missing text (None, NaN) gives ``[]``.

    References
    ----------
    Porter, M. F. (2001). Snowball: A language for stemming algorithms.

    Examples
    --------
    >>> tokenizer("ru", stem=True)("Переговоры о переговорах ещё идут")
    ['переговор', 'о', 'переговор', 'ещ', 'идут']
    >>> tokenizer("fr")("L'accord d'Istanbul")
    ["l'", 'accord', "d'", 'istanbul']
    """
    code = _languages.language_code(language)
    rule = _languages.token_rule(code)
    stemmer = _languages.stemmer_for(code) if stem else None
    find, prepare = _tokens.find_tokens, _tokens.prepare

    def tokens(text) -> list[str]:
        out = find(prepare(text, lower))
        if rule is not None:
            out = rule(out)
        if stemmer is not None:
            out = [stemmer(t) for t in out]
        return out

    return tokens


def stemmer(language):
    """nltk's Snowball stemmer of a language as a cached ``token -> stem`` function, or
    None when the language has none (see :data:`LANGUAGES`).

    Examples
    --------
    >>> stemmer("russian")("санкциями"), stemmer("xx") is None
    ('санкц', True)
    """
    return _languages.stemmer_for(_languages.language_code(language))


def detect_language(texts, *, min_share: float = 0.05, max_chars: int = 2000):
    """Guess the language of texts from the share of their tokens that are stop words
    of each language in :data:`LANGUAGES` (Grefenstette 1995).

    Parameters
    ----------
    texts : str or iterable of str
        One text, or many.
    min_share : float, default 0.05
        Below this share of stop words for every language the text is
        :data:`UNDETERMINED` (``"und"``); news prose has 30-50%.
    max_chars : int, default 2000
        Read only the start of each text (enough for news articles, and fast).

    Returns
    -------
    str or list of str
        ISO 639-1 codes (``"en"``, ``"ru"``, ...) or ``"und"``.

    Notes
    -----
    Only the languages of :data:`LANGUAGES` are known; Ukrainian or Bulgarian text
    (Cyrillic, no list) may come out as ``"ru"``, other languages as ``"und"``.

    Examples
    --------
    >>> detect_language(["The talks in Geneva ended without a deal.",
    ...                  "Переговоры в Женеве закончились без соглашения, но они будут продолжены."])
    ['en', 'ru']
    >>> detect_language("12345")
    'und'
    """
    find, prepare = _tokens.find_tokens, _tokens.prepare

    def one(t) -> str:
        text = prepare(t)
        return _languages.detect_tokens(find(text[:max_chars]), min_share=min_share)

    if isinstance(texts, str):
        return one(texts)
    return [one(t) for t in texts]


def language_of(corpus, *, column: str = "lang"):
    """The language of each article: the ``lang`` column (as ISO 639-1 codes), or
    :func:`detect_language` on ``title`` + ``text`` where there is no such column.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles with ``text`` (+ ``title``) and, optionally, ``lang``.
    column : str, default "lang"

    Returns
    -------
    pandas.Series
        Codes, one per article, index as in ``corpus``; missing values are detected.

    Examples
    --------
    >>> import pandas as pd
    >>> language_of(pd.DataFrame({"text": ["a", "b"], "lang": ["EN", "russian"]})).tolist()
    ['en', 'ru']
    """
    import pandas as pd

    from framing._shared.checks import require_columns

    require_columns(corpus, ["text"], where="language_of")
    if column in corpus.columns:
        lang = corpus[column]
        out = pd.Series(
            [None if v is None or v != v or v == "" else _languages.language_code(v) for v in lang],
            index=corpus.index,
            dtype=object,
        )
    else:
        out = pd.Series(None, index=corpus.index, dtype=object)
    missing = out.isna().to_numpy()
    if missing.any():
        sub = corpus.loc[missing]
        text = sub["text"].fillna("").astype(str)
        if "title" in sub.columns:
            text = sub["title"].fillna("").astype(str) + "\n\n" + text
        out[missing] = detect_language(text.tolist())
    return out.astype(str)


def language_mismatch(corpus, language, *, what: str, warn: bool = True):
    """Articles whose language differs from a resource's (a lexicon, VADER), with a
    :class:`~framing.errors.LanguageWarning` that names both and counts them.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles (``doc_id``, ``text``, optional ``lang``; see :func:`language_of`).
    language : str
        The resource's declared language (code or English name).
    what : str
        The resource, named in the warning (``"lexicon 'news_frames'"``).
    warn : bool, default True

    Returns
    -------
    pandas.DataFrame
        ``doc_id, lang`` of the mismatching articles (empty when all match); its
        ``attrs`` hold ``n_docs``, ``n_mismatch``, ``language`` and ``counts`` (a dict
        language -> articles).

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "lang": ["en", "ru"]})
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     bad = language_mismatch(docs, "en", what="lexicon 'demo'")
    >>> bad["doc_id"].tolist(), str(seen[0].message).split(". ")[0]
    (['b'], "lexicon 'demo' is in 'en', but 1 of 2 article(s) are not: 1 in 'ru'")
    """
    import warnings

    import pandas as pd

    from framing.errors import LanguageWarning

    code = _languages.language_code(language)
    lang = language_of(corpus)
    ids = corpus["doc_id"] if "doc_id" in corpus.columns else pd.Series(corpus.index)
    bad = (lang != code).to_numpy()
    out = pd.DataFrame({"doc_id": ids.to_numpy()[bad], "lang": lang.to_numpy()[bad]})
    counts = out["lang"].value_counts().sort_index().to_dict()
    out.attrs.update(n_docs=len(corpus), n_mismatch=int(bad.sum()), language=code, counts=counts)
    if warn and bad.any():
        listed = ", ".join(f"{n} in '{k}'" for k, n in counts.items())
        warnings.warn(
            f"{what} is in '{code}', but {int(bad.sum())} of {len(corpus)} article(s) are "
            f"not: {listed}. Its scores on them are not comparable (words of another "
            "language are not counted); use a resource in their language, or select the "
            f"'{code}' articles first.",
            LanguageWarning,
            stacklevel=3,
        )
    return out
