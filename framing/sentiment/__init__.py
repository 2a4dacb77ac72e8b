"""VADER sentiment through nltk, per document, per sentence and toward named actors.

VADER (Valence Aware Dictionary and sEntiment Reasoner) is a rule-based sentiment
model: a hand-rated lexicon of about 7,500 words, emoticons and slang, plus rules for
negation, intensifiers ("very"), contrast ("but"), capitals and punctuation. Its
``compound`` score lies in [-1, 1]; the authors' convention calls a text positive at
``compound >= 0.05`` and negative at ``compound <= -0.05``.

    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. Proceedings of the Eighth International
    AAAI Conference on Weblogs and Social Media (ICWSM-14), 216-225.

Where the parts come from
-------------------------
- The scoring rules are nltk's port (``nltk.sentiment.vader``; Apache-2.0).
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
nltk's ``SentiText`` builds, for every text, a dictionary of every distinct word joined
with each of 32 punctuation strings before and after (to strip "word," to "word"); that
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
scores. The scores are identical to nltk's single-process output (tests and
``bench/sentiment.py`` check this).

Past one machine, the per-document function runs unchanged on Dask partitions:
``ddf.map_partitions(vader_scores, n_jobs=1, cache=False, meta=...)`` (one process per
Dask worker; the lexicon is placed on each worker on first use).

Rooms
-----
- ``_vader``: the VADER analyzer and its lexicon file
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
