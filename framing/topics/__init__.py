"""Topic queries: boolean keyword expressions that select a sub-corpus.

A topic file (``corpora/topics.yaml``) names each topic of a study with a label, a
description and a ``query``::

    topics:
      us_russia_talks:
        label: US-Russia talks
        description: Diplomacy between the United States and Russia ...
        query:
          all_of:                       # every group must match (a group is any-of)
            - [russia, russian*, kremlin, putin, lavrov]
            - [u.s., united states, washington, rubio]
            - [talks, negotiat*, summit*]
          none_of: [world cup, doping]  # no match of any of these
          min_hits: [3, 1, 2]           # matches each group needs (or one number for all)
          within: 40                    # one match of every group in 40 tokens
          lead: 50                      # the first group matches in the first 50 tokens

Terms use the pattern syntax of :mod:`framing.lexicon` (exact word, ``*`` and ``?``
globs, multiword expressions), matched case-insensitively over the tokens of
``title`` and ``text`` (:func:`framing.text.tokenize`). ``within`` is optional: when
given, some stretch of at most ``within`` tokens (from the first token of its first
match to the first token of its last) must hold a match of every group. ``min_hits``
is the number of matches each ``all_of`` group needs in the article: one number for
every group, or a list with one number per group (default 1). ``lead`` is optional:
when given, the *first* ``all_of`` group must match within the first ``lead`` tokens of
title + text, i.e. the headline or lead names the topic's core actor (the idea of
searching headline and lead paragraph only, as in Nexis's HLEAD segment search). Matching reuses the lexicon engine's compiled patterns
(:mod:`framing._patterns`), so a term matches exactly what a dictionary term would.

Boolean keyword queries are the usual way of building a topic sub-corpus in news
research; report their precision and recall against hand judgements (see
``corpora/README.md``). Stryker, J. E., Wray, R. J., Hornik, R. C., & Yanovitzky, I.
(2006). Validation of database search terms for content analysis: The case of cancer
news coverage. Journalism & Mass Communication Quarterly, 83(2), 413-430.

Rooms
-----
- ``_query``: :class:`Topic`, :func:`load_topics`, :func:`parse_topics`
- ``_match``: matching queries on prepared texts
- ``_select``: :func:`select`, :func:`select_many`, :func:`match_topics`, :func:`outlet_counts`,
  :func:`compare_to_labels`
- ``_sample``: :class:`RecallPool`, :func:`sample_for_judging` (articles to judge)
- ``_judged``: :func:`read_judgements`, :func:`judged_precision_recall`,
  :func:`format_precision_recall` (precision with a Wilson interval, recall within the
  pool estimated by strata with Jeffreys draws; Wilson 1927; Brown, Cai & DasGupta
  2001)
- ``_tasks``: :func:`select_file` (``framing topics select``), :func:`sample_file`
  (``framing topics sample``), :func:`check_file` (``framing topics check``)

Validating a query: draw a sample with ``framing topics sample`` (or
:func:`sample_for_judging`), judge each article's relevance, and run ``framing topics
check`` (or :func:`judged_precision_recall`); see ``corpora/README.md``.
"""

from framing._shared.deprecate import renamed
from framing.topics._judged import format_precision_recall, judged_precision_recall, read_judgements
from framing.topics._query import Topic, load_topics, parse_topics
from framing.topics._sample import RecallPool, sample_for_judging
from framing.topics._select import (
    compare_to_labels,
    match_topics,
    outlet_counts,
    select,
    select_many,
)
from framing.topics._tasks import check_file, sample_file, select_file

__all__ = [
    "Topic",
    "load_topics",
    "parse_topics",
    "select",
    "select_many",
    "match_topics",
    "outlet_counts",
    "compare_to_labels",
    "select_file",
    "RecallPool",
    "sample_for_judging",
    "read_judgements",
    "judged_precision_recall",
    "format_precision_recall",
    "sample_file",
    "check_file",
]

# select_corpus was renamed select_file in 0.2 (every file-level task is `<verb>_file`)
__getattr__ = renamed(__name__, {"select_corpus": "select_file"}, removal="0.3")
