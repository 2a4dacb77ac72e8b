"""Every docstring example in the package runs and prints what it shows.

One test per module of ``framing`` (found by walking the package, so a new module is
covered without editing this file). The examples are the documentation a reader copies
first; this keeps them true.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import framing

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(framing.__path__, "framing.")
    if m.name != "framing.__main__"
)


# Modules whose public functions are documented by examples: they must keep some.
WITH_EXAMPLES = {
    "framing.corpus._load",
    "framing.corpus._readers",
    "framing.corpus._encodings",
    "framing.reports._lock",
    "framing.sources._collect",
    "framing.sources._charset",
    "framing.sources._nexis_parse",
    "framing.sources.fetch",
    "framing.sources.folder",
    "framing.sources.gdelt",
    "framing.sources.html",
    "framing.sources.nexis",
    "framing.sources.rss",
    "framing.sources.urls",
    "framing.text",
    "framing.lexicon._score",
    "framing.compare._estimates",
}


def test_modules_found():
    assert WITH_EXAMPLES <= set(MODULES)


class _Finder(doctest.DocTestFinder):
    """Find a class's examples in the module whose file defines it.

    Classes whose ``__module__`` names their public home (``FrameClassifier`` says
    ``framing.classify``) would otherwise be skipped in the private module that defines
    them, and their methods skipped everywhere.
    """

    def _from_module(self, module, object):
        if inspect.isclass(object):
            try:
                return inspect.getsourcefile(object) == module.__file__
            except TypeError:  # a built-in class
                return False
        return super()._from_module(module, object)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, tmp_path, monkeypatch):
    # some examples set and delete FRAMING_CACHE themselves: give them a private cache
    # folder and restore the session's afterwards
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags, verbose=False)
    report: list[str] = []
    for test in _Finder().find(module, name):
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(report)
    assert result.attempted > 0 or name not in WITH_EXAMPLES, f"{name} lost its examples"
