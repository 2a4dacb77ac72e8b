"""Studies: one file that says what a study compares, checked against its data.

A study file (``studies/demo.yaml`` for the demo) names the corpus, the topics file and
topics, the lexicon, the outlet groups (a column of the corpus or an outlets file),
the period and time step, a focus outlet and group, the minimum articles an outlet
needs to be drawn, and optional hand codes and events. Every key but ``name``,
``description`` and ``topics`` is a report-notebook parameter of the same name, so
``framing report --study FILE`` retargets the whole batch by changing the file;
``framing study init CORPUS [--group-from COLUMN]`` writes a first one and
``framing study check FILE`` checks it against the data before anything runs.

Rooms
-----
- ``_model``: :class:`Study`, :func:`load_study`, :data:`STUDY_KEYS`
- ``_init``: :func:`init_study`
- ``_check``: :func:`check_study`, :class:`StudyCheck`, :func:`load_study_corpus`
- ``_notebook``: :func:`topic_articles`, :func:`figure_styles`: how every report
  notebook starts
- ``_scan``: one streamed, cached pass over a study's corpus: :func:`corpus_catalogue`
  (every article without its text), :func:`topic_selection`, :func:`topic_flags`,
  :func:`corpus_boilerplate`, :func:`corpus_articles`; on a Dask cluster when a
  scheduler is given (the study file's ``scheduler:``, or ``$FRAMING_SCHEDULER``)
- ``_tasks``: the files behind ``framing study ...``
"""

from framing.study._check import StudyCheck, check_study, load_study_corpus
from framing.study._init import init_study
from framing.study._model import FREQS, STUDY_KEYS, Study, load_study
from framing.study._notebook import figure_styles, topic_articles
from framing.study._scan import (
    corpus_articles,
    corpus_boilerplate,
    corpus_catalogue,
    topic_flags,
    topic_selection,
)

__all__ = [
    "FREQS",
    "STUDY_KEYS",
    "Study",
    "StudyCheck",
    "check_study",
    "init_study",
    "load_study",
    "load_study_corpus",
    "topic_articles",
    "figure_styles",
    "corpus_catalogue",
    "topic_selection",
    "topic_flags",
    "corpus_boilerplate",
    "corpus_articles",
]
