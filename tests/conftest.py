"""Fixtures shared by several test files.

- ``shared_data``: locate a file or folder under ``../shared/data`` (the real data next
  to the project, never copied into it), skipping the test with a reason when absent.
- ``localhost_only``: for tests that run the tiny HTTP server in
  ``tests/fixtures/sources_server.py``; refuses connections to any address but
  127.0.0.1 and fails the test if one was attempted. Use it with
  ``pytestmark = pytest.mark.usefixtures("localhost_only")``.

- ``_session_cache`` (automatic): the feature cache (``$FRAMING_CACHE``) points to a
  temporary folder for the whole run, so tests never write into the project's
  ``.framing-cache``; tests that need a cache of their own still set the variable.

``tests/fixtures`` is put on ``sys.path`` here so that test files can
``from sources_server import ...``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT / ".." / "shared" / "data"

if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("FRAMING_CACHE", str(tmp_path_factory.mktemp("framing-cache")))
    yield
    mp.undo()


@pytest.fixture
def shared_data():
    """Return ``locate(*parts, what=...)``: the path under ../shared/data, or a skip.

    ``locate("allsides", "articles.jsonl.gz")`` returns the path when it exists and
    otherwise skips the calling test, naming ``what`` (default "real data") and the
    path looked at. Tests using it are marked ``@pytest.mark.realdata``.
    """

    def locate(*parts: str, what: str = "real data") -> Path:
        path = SHARED_DATA.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"{what} not found at {path} (see ../shared/data/README.md)")
        return path

    return locate


@pytest.fixture
def localhost_only(monkeypatch):
    """Block connections beyond 127.0.0.1; fail the test if any was attempted."""
    from sources_server import BLOCKED, only_localhost

    BLOCKED.clear()
    only_localhost(monkeypatch)
    yield
    assert not BLOCKED, f"connections attempted beyond 127.0.0.1: {BLOCKED}"
