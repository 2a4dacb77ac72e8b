"""Who gets a voice: quotes, speakers and sourcing by outlet.

Framing is also *who speaks*: whether an outlet lets one government explain the talks,
quotes anonymous officials or relies on experts. Communication research treats
sourcing as a core framing device: news tends to index the range of official voices
(Bennett, W. L. (1990). Toward a theory of press-state relations in the United States.
*Journal of Communication*, 40(2), 103-127), official channels dominate foreign-policy
news (Sigal, L. V. (1973). *Reporters and Officials*. D.C. Heath), and unnamed sources
are a sourcing choice of their own (Duffy, M. J., & Freeman, C. P. (2011). Unnamed
sources. *Journal of Mass Media Ethics*, 26(4), 297-315).

Rooms
-----
- ``_extract``: rule-based quote extraction from one text, no model or downloaded data
  (direct quotes in straight or curly marks paired over the whole article, over
  sentences and paragraphs, broken by their attribution; block quotations and embedded
  posts; indirect speech with speech verbs and indirect questions; *according to*;
  transcript turns; anonymous sourcing). Its docstring lists the rules.
- ``_lexicon``: the word lists (:data:`SPEECH_VERBS`, titles, role and anonymity words).
- ``_speakers``: speaker resolution within an article (surname -> full name, pronoun ->
  the nearest person named before it, "the minister" -> the last person with that
  role) and anonymity.
- ``_actors``: actor groups from ``actors.yaml`` (:func:`load_actors`,
  :func:`assign_groups`, :func:`unmatched_speakers`); ``actors.yaml`` cites its sources.
- ``_quotes``: :func:`extract_quotes`, the quote table of a corpus (cached per text with
  :func:`framing.cache.cached_rows`, optionally on several processes).
- ``_measures``: :func:`voice_measures` (per-article measures in the estimates-table
  contract's input form, so :func:`framing.compare.by_outlet`, ``pairwise`` and
  ``over_time`` work unchanged) and :func:`quote_evidence` (the quotes behind a number).
- :func:`sourcing_plot` (stacked shares of quoted words by actor group) lives with the
  other figures in :mod:`framing.plots` and is re-exported here.
- ``_spacy``: :func:`spacy_engine`, an optional engine on a spaCy dependency parse, used
  only when spaCy and a pipeline are installed (never required).
- ``_tasks``: :func:`extract_file`, :func:`measures_file`, :func:`evidence_file`
  (behind ``framing voices``).

Quote extraction follows the definitions of attribution in news of Pareti, S. (2016).
PARC 3.0: A corpus of attribution relations. *LREC 2016*, and the rule- and parse-based
quote extraction of the Gender Gap Tracker (Asr, F. T., Mazraeh, M., Lopes, A.,
Gautam, V., Gonzales, J., Rao, P., & Taboada, M. (2021). The Gender Gap Tracker. *PLOS
ONE*, 16(1): e0245533), whose published quote-verb list the speech verbs include (rules
version 4); the rules and the other word lists are the kit's own. Precision, recall
and speaker accuracy on real news are in ``framing/voices/VALIDATION.md``.
"""

from framing.plots import sourcing_plot
from framing.voices._actors import (
    BUILTIN_ACTORS,
    Actors,
    assign_groups,
    load_actors,
    unmatched_speakers,
)
from framing.voices._extract import paragraph_spans, sentence_spans, verb_table
from framing.voices._lexicon import SPEECH_VERBS
from framing.voices._measures import DEFAULT_GROUPS, DEFAULT_SIDES, quote_evidence, voice_measures
from framing.voices._quotes import QUOTE_COLUMNS, extract_quotes
from framing.voices._spacy import spacy_engine
from framing.voices._tasks import ExtractSummary, evidence_file, extract_file, measures_file

__all__ = [
    "SPEECH_VERBS",
    "BUILTIN_ACTORS",
    "QUOTE_COLUMNS",
    "DEFAULT_GROUPS",
    "DEFAULT_SIDES",
    "Actors",
    "load_actors",
    "assign_groups",
    "unmatched_speakers",
    "extract_quotes",
    "voice_measures",
    "quote_evidence",
    "sourcing_plot",
    "spacy_engine",
    "ExtractSummary",
    "extract_file",
    "measures_file",
    "evidence_file",
    "paragraph_spans",
    "sentence_spans",
    "verb_table",
]
