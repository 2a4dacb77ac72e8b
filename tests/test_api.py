"""The package's public API: every exported name resolves, lazily."""

import subprocess
import sys

import pytest

import framing


@pytest.mark.parametrize("name", sorted(set(framing.__all__) - {"__version__"}))
def test_public_name_resolves_to_its_home_module(name):
    obj = getattr(framing, name)
    home = framing._API[name]
    assert obj is getattr(__import__(f"framing.{home}", fromlist=[name]), name)
    assert name in __import__(f"framing.{home}", fromlist=["__all__"]).__all__


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        framing.nope  # noqa: B018


def test_import_framing_loads_no_heavy_libraries():
    code = (
        "import sys, framing; "
        "heavy = [m for m in ('pandas', 'sklearn', 'matplotlib', 'papermill') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    "module, old, new",
    [
        ("framing.topics", "select_corpus", "select_file"),
        ("framing.keyness", "term_counts", "ngram_counts"),
    ],
)
def test_renamed_names_still_work_for_one_release(module, old, new):
    import importlib

    mod = importlib.import_module(module)
    with pytest.warns(FutureWarning, match=rf"{module}.{old} is deprecated .* use {module}.{new}"):
        assert getattr(mod, old) is getattr(mod, new)
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        mod.nope  # noqa: B018
