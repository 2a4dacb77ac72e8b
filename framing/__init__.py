"""framing: compare how news outlets frame a topic.

Lexicon (dictionary) and classifier features over a validated article table,
outlet comparisons with confidence intervals, and figures and reports a paper can cite.
See README.md for the two commands and DESIGN notes.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
