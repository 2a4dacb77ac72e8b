"""Who gets a voice: quotes, speakers and sourcing by outlet (docstring to be completed)."""

from framing.voices._actors import BUILTIN_ACTORS, Actors, assign_groups, load_actors, unmatched_speakers
from framing.voices._lexicon import SPEECH_VERBS
from framing.voices._quotes import QUOTE_COLUMNS, extract_quotes

__all__ = ["SPEECH_VERBS", "BUILTIN_ACTORS", "QUOTE_COLUMNS", "Actors", "load_actors",
           "assign_groups", "unmatched_speakers", "extract_quotes"]
