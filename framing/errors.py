"""The kit's exception hierarchy.

Every error the kit raises on purpose is a :class:`FramingError`. Each subclass also
inherits the builtin a Python user would expect (``CorpusError`` is a ``ValueError``),
so ``except ValueError`` keeps working in code that does not know the kit.

Errors say what was wrong, what was received and how to fix it, and carry the
offending value on attributes so callers (and tests) need not parse messages.
"""

from __future__ import annotations

__all__ = [
    "FramingError",
    "CorpusError",
    "ColumnsError",
    "LexiconError",
    "TopicError",
    "AnnotationError",
    "PlanError",
    "ReportError",
    "FetchError",
    "FigureError",
    "ModelError",
    "OutputError",
    "StudyError",
    "ReportNotApplicable",
    "SchedulerError",
    "LanguageWarning",
]


class FramingError(Exception):
    """Base class of every error the kit raises on purpose.

    Parameters
    ----------
    message : str
        The whole human-readable message (what, where, how to fix).
    **context
        Offending values, stored as attributes (e.g. ``path``, ``line``, ``field``,
        ``value``) and in :attr:`context`.
    """

    def __init__(self, message: str, **context):
        super().__init__(message)
        self.message = message
        self.context = dict(context)
        for key, value in context.items():
            setattr(self, key, value)


class CorpusError(FramingError, ValueError):
    """A corpus file or article table is malformed (names file, line, field, value)."""


class ColumnsError(FramingError, KeyError):
    """A DataFrame lacks columns a function needs (names the missing and present ones)."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return self.message


class LexiconError(FramingError, ValueError):
    """A dictionary file or pattern is malformed."""


class TopicError(FramingError, ValueError):
    """A topic query file or expression is malformed, or a topic id is unknown."""


class AnnotationError(FramingError, ValueError):
    """Hand codes do not fit the codebook or the corpus."""


class PlanError(FramingError, ValueError):
    """A report plan file is invalid (checked before anything runs)."""


class ReportError(FramingError, RuntimeError):
    """A report failed to execute or render."""


class FetchError(FramingError, OSError):
    """Fetching a URL, feed or search result failed."""


class FigureError(FramingError, ValueError):
    """A figure or table cannot be drawn or saved as asked (bad id, data or option)."""


class ModelError(FramingError, ValueError):
    """A classifier cannot be trained, evaluated, saved or loaded as asked."""


class OutputError(FramingError, ValueError):
    """An output cannot be written as asked (e.g. a table file with an unknown suffix)."""


class StudyError(FramingError, ValueError):
    """A study file is malformed or does not fit its data (names file, line and key)."""


class ReportNotApplicable(FramingError, RuntimeError):
    """Raised by a report notebook when the study lacks what the report needs.

    The report batch records the report as *not applicable* with the message (e.g. "no
    hand codes: add annotations: to the study"), not as a failure; see
    :func:`framing.reports.not_applicable`.
    """


class SchedulerError(FramingError, ValueError):
    """A Dask scheduler address or cluster option is invalid, the scheduler cannot be
    reached, or a cluster lost a partition's work (names the address or partition)."""


class LanguageWarning(UserWarning):
    """A language-specific resource (a lexicon, VADER) was run on articles in another
    language; the message names the resource's language and counts the articles of
    each other language. Silence it with ``warnings.filterwarnings`` only after
    checking that the resource suits those articles."""


class StoriesError(FramingError, ValueError):
    """Near-duplicate detection, story clustering or a within-story comparison cannot run as asked."""
