"""Private: the two VADER analyzers (the authors' rules, and nltk's port) and the
VADER lexicon in the kit's NLTK data folder.

Documented in :mod:`framing.sentiment` ("Which VADER", "Where the parts come from",
"Speed"), which re-exports :func:`nltk_data_root` and :func:`vader_analyzer`.

- ``rules="vader"`` (default): the rules of the authors' ``vaderSentiment`` package
  (3.3.2; Hutto & Gilbert, 2014). The kit's analyzer subclasses its
  ``SentimentIntensityAnalyzer`` and only skips work whose result is known (the rule
  machinery for tokens outside the lexicon, which score 0 there too; the emoji pass of
  a text without emoji; lower-casing a whole text again for each negation or idiom
  check, which reads only the three words before a lexicon word and two after), and
  checks itself against the package's own scoring on :data:`PROBES`.
- ``rules="nltk"``: nltk's port, which scores a repeated token at its first position
  (fixed in vaderSentiment in 2019) and tokenises punctuation differently; the lexicon
  file is copied from the ``vaderSentiment`` package into
  ``<nltk_data_root()>/sentiment/vader_lexicon/``; :class:`_QuickAnalyzer` keeps nltk's
  rules and checks itself against nltk's own scoring on :data:`PROBES`.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import string
from pathlib import Path

from framing._shared.atomic import atomic_path
from framing._shared.jsonable import sha256_file
from framing.errors import LexiconError

__all__ = ["nltk_data_root", "vader_analyzer", "RULES"]

_LEXICON_PACKAGE = "vaderSentiment"
_LEXICON_FILE = "vader_lexicon.txt"
_RESOURCE = "sentiment/vader_lexicon/vader_lexicon.txt"

# Per process: data root, lexicon hash, analyzer, and the sentence splitter of
# framing.sentiment._pool (which reads it through this module, so one reset clears all).
_state: dict = {}


# --------------------------------------------------------------------------- lexicon


def lexicon_source() -> Path:
    """Locate ``vader_lexicon.txt`` inside the installed vaderSentiment package."""
    how = f"Install it with `pip install {_LEXICON_PACKAGE}` (the kit uses only its lexicon file)."
    try:
        spec = importlib.util.find_spec(_LEXICON_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(
            f"VADER lexicon not found: the Python package '{_LEXICON_PACKAGE}' is not installed. {how}",
            package=_LEXICON_PACKAGE,
            path=None,
        )
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / _LEXICON_FILE
        if candidate.is_file():
            return candidate
    raise LexiconError(
        f"VADER lexicon not found: '{_LEXICON_FILE}' is missing from the '{_LEXICON_PACKAGE}' "
        f"package at {list(spec.submodule_search_locations)}. Reinstall it with "
        f"`pip install --force-reinstall {_LEXICON_PACKAGE}`.",
        package=_LEXICON_PACKAGE,
        path=str(Path(list(spec.submodule_search_locations)[0]) / _LEXICON_FILE),
    )


def nltk_data_root() -> Path:
    """Return the NLTK data folder the kit owns (not created here).

    ``$FRAMING_NLTK_DATA`` when set, otherwise ``<cache_dir>/nltk_data`` (see
    :func:`framing.cache.cache_dir`).

    Examples
    --------
    >>> import os
    >>> os.environ["FRAMING_NLTK_DATA"] = "/tmp/framing-nltk-doctest"
    >>> str(nltk_data_root())
    '/tmp/framing-nltk-doctest'
    >>> del os.environ["FRAMING_NLTK_DATA"]
    """
    env = os.environ.get("FRAMING_NLTK_DATA", "").strip()
    if env:
        return Path(env).expanduser().absolute()
    from framing.cache import cache_dir

    return cache_dir() / "nltk_data"


def _install_lexicon() -> tuple[Path, str]:
    """Copy the lexicon into the data folder when missing or different; return (root, sha256).

    A data folder that cannot be written (a read-only or non-folder cache) is replaced
    by a temporary one for this process, with a warning, rather than failing.
    """
    source = lexicon_source()
    digest = sha256_file(source)
    root = nltk_data_root()
    try:
        _copy_lexicon(source, root, digest)
    except OSError as exc:
        import tempfile

        fallback = Path(tempfile.mkdtemp(prefix="framing-nltk-"))
        logging.getLogger("framing.sentiment").warning(
            "framing: cannot write the VADER lexicon under %s (%s); using %s for this run",
            root,
            exc,
            fallback,
        )
        root = fallback
        _copy_lexicon(source, root, digest)
    return root, digest


def _copy_lexicon(source: Path, root: Path, digest: str) -> None:
    target = root / _RESOURCE
    if not target.is_file() or sha256_file(target) != digest:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)


def lexicon_digest() -> str:
    """SHA-256 of the package's lexicon file (part of every cache key)."""
    source = lexicon_source()
    stat = source.stat()
    memo = (str(source), stat.st_mtime_ns, stat.st_size)
    if _state.get("digest_of") != memo:
        _state["digest_of"] = memo
        _state["source_digest"] = sha256_file(source)
    return _state["source_digest"]


def _ready() -> tuple[Path, str]:
    """Make sure the lexicon is in place and on nltk's path (once per process and root)."""
    import nltk.data

    wanted = nltk_data_root()
    if _state.get("wanted") != wanted or not (_state["root"] / _RESOURCE).is_file():
        old = _state.get("root")
        _state["root"], _state["digest"] = _install_lexicon()  # another root if read-only
        _state["wanted"] = wanted
        if old is not None and old != _state["root"] and str(old) in nltk.data.path:
            nltk.data.path.remove(str(old))  # keep nltk's search path short across roots
        _state.pop("analyzer", None)
    root = _state["root"]
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return _state["root"], _state["digest"]


# -------------------------------------------------------------------------- analyzer

_PUNCT = set(string.punctuation)
_PUNCT_CHARS = string.punctuation
PROBES = [
    "The talks were a great success!!",
    "The talks were NOT a success, and the mood was grim...",
    "It was kind of good, but the result was very bad.",
    "Never so happy; at least not sad. The deal is the shit :)",
    "Hardly a win -- the ministers' 'progress' was, frankly, disappointing?!",
    "GREAT outcome for the ALLIES, terrible for the others ??",
    'He said: "no deal", "no progress"; sanctions remain.',
    "",
    "?!",
    "The summit was ,good, and 'fine' - but: sorry.",
    "The deal was not good, and the good news never came.",
    "No progress, no hope; without doubt a sad day, never so bleak.",
    "It was kind of a big deal, sort of great but the bomb fell flat :(",
    "Talks \U0001f600 went well \u2764 and then badly \U0001f622!",
    "good good good bad bad but good",
]

RULES = ("vader", "nltk")


def check_rules(rules: str, where: str) -> None:
    if rules not in RULES:
        raise ValueError(
            f"{where}: rules must be 'vader' (the authors' vaderSentiment 3.3 rules) or "
            f"'nltk' (nltk's port), got {rules!r}."
        )


def _make_analyzer():
    """Build the fast analyzer class (nltk imported lazily, hence a factory)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

    class _QuickSentiText(SentiText):
        _punc_set = frozenset(VaderConstants.PUNC_LIST)

        def _words_and_emoticons(self):
            # nltk maps a token to `word` when the token is `p + word` or `word + p`, with
            # p one of PUNC_LIST and `word` a 2+ character token free of punctuation.
            puncs = self._punc_set
            out = []
            for token in self.text.split():
                if len(token) < 2:
                    continue
                if token[-1] in _PUNCT:
                    core = token.rstrip(_PUNCT_CHARS)
                    if (
                        len(core) > 1
                        and token[len(core) :] in puncs
                        and not any(ch in _PUNCT for ch in core)
                    ):
                        token = core
                elif token[0] in _PUNCT:
                    core = token.lstrip(_PUNCT_CHARS)
                    if (
                        len(core) > 1
                        and token[: len(token) - len(core)] in puncs
                        and not any(ch in _PUNCT for ch in core)
                    ):
                        token = core
                out.append(token)
            return out

    class _QuickAnalyzer(SentimentIntensityAnalyzer):
        """nltk's analyzer with a faster tokeniser step; same rules, same numbers."""

        def __init__(self, lexicon_file=_RESOURCE):
            super().__init__(lexicon_file=lexicon_file)
            self._boosters = self.constants.BOOSTER_DICT
            self.exact = all(self.polarity_scores(p) == self.nltk_scores(p) for p in PROBES)
            if not self.exact:
                import logging

                # logger of the public module, as before this code moved here
                logging.getLogger("framing.sentiment").warning(
                    "framing.sentiment: the fast VADER path disagrees with this nltk "
                    "version on probe sentences; using nltk's own (slower) scoring."
                )

        def nltk_scores(self, text):
            return SentimentIntensityAnalyzer.polarity_scores(self, text)

        def polarity_scores(self, text):
            if getattr(self, "exact", True) is False:
                return self.nltk_scores(text)
            sentitext = _QuickSentiText(
                text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
            )
            words = sentitext.words_and_emoticons
            first = {}
            for idx, token in enumerate(words):
                first.setdefault(token, idx)
            lexicon, boosters, last = self.lexicon, self._boosters, len(words) - 1
            sentiments = []
            for token in words:
                # nltk scores a repeated token at its first position; kept as is
                i = first[token]
                lower = token.lower()
                if lower in boosters or (
                    lower == "kind" and i < last and words[i + 1].lower() == "of"
                ):
                    sentiments.append(0)
                elif lower not in lexicon:
                    sentiments.append(0)  # nltk's sentiment_valence adds 0 here too
                else:
                    sentiments = self.sentiment_valence(0, sentitext, token, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

    return _QuickAnalyzer


def _make_vader_analyzer():
    """Build the fast analyzer on vaderSentiment's rules (imported lazily)."""
    try:
        from vaderSentiment.vaderSentiment import (
            BOOSTER_DICT,
            SentimentIntensityAnalyzer,
            SentiText,
        )
    except ImportError:
        lexicon_source()  # raises the kit's error naming the missing package
        raise

    class _QuickVader(SentimentIntensityAnalyzer):
        """vaderSentiment's analyzer without work whose result is known; same numbers."""

        def __init__(self):
            super().__init__()
            self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
            self.exact = all(self.polarity_scores(p) == self.reference_scores(p) for p in PROBES)
            if not self.exact:
                import logging

                logging.getLogger("framing.sentiment").warning(
                    "framing.sentiment: the fast VADER path disagrees with this "
                    "vaderSentiment version on probe sentences; using its own scoring."
                )

        def reference_scores(self, text):
            return SentimentIntensityAnalyzer.polarity_scores(self, text)

        def polarity_scores(self, text):
            if getattr(self, "exact", True) is False or not self._emoji_chars.isdisjoint(text):
                return self.reference_scores(text)  # emoji become words there
            text = text.strip()
            sentitext = SentiText(text)
            words = sentitext.words_and_emoticons
            lexicon, last = self.lexicon, len(words) - 1
            sentiments = []
            for i, item in enumerate(words):
                lower = item.lower()
                if (
                    lower in BOOSTER_DICT
                    or lower not in lexicon
                    or (lower == "kind" and i < last and words[i + 1].lower() == "of")
                ):
                    sentiments.append(0)  # vaderSentiment adds 0 for each of these too
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        # The two checks below read at most words i-3 .. i+2 but lower-case the whole
        # text on every call; a slice around i gives the same result in constant time.
        @staticmethod
        def _negation_check(valence, words_and_emoticons, start_i, i):
            lo = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(
                valence, words_and_emoticons[lo : i + 1], start_i, i - lo
            )

        @staticmethod
        def _special_idioms_check(valence, words_and_emoticons, i):
            lo = max(0, i - 3)
            return SentimentIntensityAnalyzer._special_idioms_check(
                valence, words_and_emoticons[lo : i + 3], i - lo
            )

    return _QuickVader


def vader_analyzer(*, fast: bool = True, rules: str = "vader"):
    """Return this process's VADER analyzer (built once; nltk's lexicon placed on first use).

    Parameters
    ----------
    fast : bool, default True
        ``True``: the kit's faster analyzer (identical scores, see the module notes);
        ``False``: the plain reference analyzer (new each call), for checks.
    rules : {"vader", "nltk"}, default "vader"
        ``"vader"``: the authors' rules (``vaderSentiment`` 3.3); ``"nltk"``: nltk's
        port (``nltk.sentiment.vader``), which differs on repeated words and
        punctuation (the kit's default before 0.2).

    Returns
    -------
    SentimentIntensityAnalyzer
        Call ``.polarity_scores(text)`` for a dict ``neg, neu, pos, compound``.

    Raises
    ------
    framing.errors.LexiconError
        When the ``vaderSentiment`` package is missing.
    ValueError
        Unknown ``rules``.

    Examples
    --------
    >>> vader_analyzer().polarity_scores("A good result.")["compound"] > 0
    True
    >>> t = "The deal was not good, and the good news never came."
    >>> vader_analyzer().polarity_scores(t)["compound"], vader_analyzer(rules="nltk").polarity_scores(t)["compound"]
    (0.1265, -0.5875)
    """
    check_rules(rules, "vader_analyzer")
    lexicon_source()  # a missing vaderSentiment package is the kit's error, with the fix
    if rules == "vader":
        if not fast:
            lexicon_source()
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            return SentimentIntensityAnalyzer()
        if "analyzer_vader" not in _state:
            _state["analyzer_vader"] = _make_vader_analyzer()()
        return _state["analyzer_vader"]
    _ready()
    if not fast:
        from nltk.sentiment.vader import SentimentIntensityAnalyzer

        return SentimentIntensityAnalyzer(lexicon_file=_RESOURCE)
    if "analyzer" not in _state:
        _state["analyzer"] = _make_analyzer()()
    return _state["analyzer"]
