"""Tests of framing.corpus.subset, project_root and resolve_path (the notebooks' helpers)."""

import pandas as pd
import pytest

from framing.corpus import project_root, resolve_path, subset
from framing.errors import CorpusError


@pytest.fixture
def articles():
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["A", "B", "A", "B"],
            "date": pd.to_datetime(
                ["2025-06-30T23:59Z", "2025-07-01T00:00Z", "2025-07-31T23:00Z", None], utc=True
            ),
        }
    ).assign(text="x")


def test_subset_without_limits_keeps_everything(articles):
    articles.attrs["corpus_hash"] = "h"
    out = subset(articles, outlets=[], start="", end="")
    assert out["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert out.attrs["corpus_hash"] == "h"
    assert out.attrs["subset"]["no_date"] == 0


def test_subset_date_range_includes_whole_end_day_and_counts_undated(articles):
    out = subset(articles, start="2025-07-01", end="2025-07-31")
    assert out["doc_id"].tolist() == ["b", "c"]
    info = out.attrs["subset"]
    assert (info["read"], info["kept"], info["outside"], info["no_date"]) == (4, 2, 1, 1)


def test_subset_outlets(articles):
    out = subset(articles, outlets=["B"], start="2025-07-01")
    assert out["doc_id"].tolist() == ["b"]
    assert out.attrs["subset"]["no_date"] == 1


def test_subset_unknown_outlet_names_those_present(articles):
    with pytest.raises(CorpusError, match=r"not in the corpus.*\['A', 'B'\]") as info:
        subset(articles, outlets=["Z"])
    assert info.value.field == "outlet"
    assert info.value.value == ["Z"]


def test_subset_bad_date(articles):
    with pytest.raises(CorpusError, match="YYYY-MM-DD") as info:
        subset(articles, start="July")
    assert info.value.field == "start"
    assert info.value.value == "July"


def test_project_root_from_a_subfolder(tmp_path):
    (tmp_path / "corpora").mkdir()
    (tmp_path / "notebooks" / "deep").mkdir(parents=True)
    assert project_root(tmp_path / "notebooks" / "deep") == tmp_path.resolve()
    assert project_root(tmp_path) == tmp_path.resolve()


def test_project_root_without_marker_is_start(tmp_path):
    assert project_root(tmp_path) == tmp_path.resolve()


def test_resolve_path(tmp_path, monkeypatch):
    (tmp_path / "corpora").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert resolve_path("corpora/demo") == tmp_path.resolve() / "corpora" / "demo"
    assert resolve_path(tmp_path / "x") == tmp_path / "x"
    with pytest.raises(CorpusError, match="empty"):
        resolve_path("")
