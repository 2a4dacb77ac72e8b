"""Every docstring example in the package runs and prints what it shows.

One test per module of ``framing`` (found by walking the package, so a new module is
covered without editing this file). The examples are the documentation a reader copies
first; this keeps them true.
"""

from __future__ import annotations

import doctest
import importlib
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
    "framing.corpus",
    "framing._readers",
    "framing._encodings",
    "framing._run_lock",
    "framing.sources",
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
    "framing.lexicon",
    "framing.compare",
}


def test_modules_found():
    assert WITH_EXAMPLES <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, tmp_path, monkeypatch):
    # some examples set and delete FRAMING_CACHE themselves: give them a private cache
    # folder and restore the session's afterwards
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, optionflags=flags, report=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"
    assert result.attempted > 0 or name not in WITH_EXAMPLES, f"{name} lost its examples"
