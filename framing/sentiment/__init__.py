"""VADER sentiment per document, per sentence and toward named actors.

VADER (Valence Aware Dictionary and sEntiment Reasoner) is a rule-based sentiment
model: a hand-rated lexicon of about 7,500 words, emoticons and slang, plus rules for
negation, intensifiers ("very"), contrast ("but"), capitals and punctuation. Its
``compound`` score lies in [-1, 1]; the authors' convention calls a text positive at
``compound >= 0.05`` and negative at ``compound <= -0.05``.

    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. Proceedings of the Eighth International
    AAAI Conference on Weblogs and Social Media (ICWSM-14), 216-225.

Which VADER
-----------
By default the kit scores with the rules of the authors' package, ``vaderSentiment``
3.3 (C. J. Hutto, MIT licence): the numbers replicate with the authors' code. nltk's
port (``rules="nltk"``, the kit's default before 0.2) kept a bug the authors fixed in
2019 - a word that occurs twice is scored at its first position, so the rules around
the second occurrence (negation, "but", intensifiers) are read in the wrong place -
and strips punctuation differently; on the demo corpus 6% of article scores differ by
more than 0.01 (up to 1.44), and about 1% change between the negative, neutral and
positive classes.

VADER was built for short social-media texts. On a whole news article the compound
score saturates (19% of the demo articles score beyond +/-0.9), so **score sentences
and aggregate them** (``vader_scores(..., level="sentence")`` then
:func:`aggregate_sentences`, or :func:`actor_tone` for sentences naming an actor).
Dictionary sentiment has weak validity on news (van Atteveldt, W., van der Velden,
M. A. C. G. & Boukes, M. (2021). The validity of sentiment analysis: Comparing manual
annotation, crowd-coding, dictionary approaches, and machine learning algorithms.
*Communication Methods and Measures*, 15(2), 121-140): validate against hand codes
before reporting it.

Where the parts come from
-------------------------
- The default rules are ``vaderSentiment``'s, with its lexicon and emoji table; the
  ``"nltk"`` rules are nltk's port (``nltk.sentiment.vader``; Apache-2.0).
- nltk's own ``vader_lexicon`` data package needs ``nltk.download``. The kit instead
  takes ``vader_lexicon.txt`` from the ``vaderSentiment`` PyPI package (C. J. Hutto,
  MIT licence), where it ships inside the package folder
  (``site-packages/vaderSentiment/vader_lexicon.txt``), and copies it once into an
  NLTK data folder the kit owns: ``$FRAMING_NLTK_DATA`` or ``<cache_dir>/nltk_data``
  (see :mod:`framing.cache`), as ``sentiment/vader_lexicon/vader_lexicon.txt``. That
  folder is added to ``nltk.data.path`` and the analyzer loads the lexicon by that
  relative resource name (nltk 3.10 refuses absolute lexicon paths). Nothing happens
  at import time and nothing touches the network.

Speed, and why the numbers do not change
----------------------------------------
Both analyzers skip work whose result is known and check themselves against their
reference implementation on probe sentences at start-up (see
:mod:`framing.sentiment._vader`); for the ``vaderSentiment`` rules the kit skips the
rule machinery for words outside the lexicon and reads only the words around a lexicon
word for the negation and idiom checks. For nltk's rules: nltk's ``SentiText`` builds,
for every text, a dictionary of every distinct word joined with each of 32 punctuation strings before and after (to strip "word," to "word"); that
is more than half of nltk's run time on news articles. :class:`_QuickAnalyzer` keeps
nltk's rules and lexicon and only replaces that step with a direct check of each token
(a token is mapped to its word when it is a word of 2+ characters without punctuation
plus one of nltk's punctuation strings before or after), and skips the rule machinery
for tokens absent from the lexicon (they score 0 in nltk too). Each process builds one
analyzer and checks it against nltk's own ``polarity_scores`` on probe sentences; if
they ever disagree (a future nltk), the kit logs a warning and uses nltk's method
instead. Work is spread over processes in chunks (fork on Linux, so workers start at
once with the analyzer ready) and scores are cached per text hash
(:func:`framing.cache.cached_rows`): a topic sub-corpus reuses the full corpus's
scores. The scores are identical to the reference analyzer's single-process output
(tests check this on generated texts for both rule sets, and on AllSides articles
for the ``vaderSentiment`` rules).

Past one machine, the per-document function runs unchanged on Dask partitions:
``ddf.map_partitions(vader_scores, n_jobs=1, cache=False, meta=...)`` (one process per
Dask worker; the lexicon is placed on each worker on first use).

Rooms
-----
- ``_vader``: the two VADER analyzers and nltk's lexicon file
- ``_pool``: scoring in parallel processes, the sentence splitter key
- ``_scores``: :func:`vader_scores`, :func:`aggregate_sentences`
- ``_actors``: :func:`actor_tone`, :data:`DEFAULT_ACTORS`
- ``_tasks``: :func:`score_file` (``framing sentiment``)
"""

from framing.sentiment._actors import DEFAULT_ACTORS, actor_tone
from framing.sentiment._scores import SCORE_COLUMNS, aggregate_sentences, vader_scores
from framing.sentiment._tasks import score_file
from framing.sentiment._vader import nltk_data_root, vader_analyzer

__all__ = [
    "DEFAULT_ACTORS",
    "SCORE_COLUMNS",
    "nltk_data_root",
    "vader_analyzer",
    "vader_scores",
    "aggregate_sentences",
    "actor_tone",
    "score_file",
]
