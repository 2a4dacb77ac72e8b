"""Tests of framing.study's one cached pass over a corpus: the catalogue, topic
selections, flags, boilerplate and articles by id equal what loading the whole corpus
gives, come back from the cache, and are recomputed when an input changes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import framing.study._scan as scan_mod
from framing.corpus import (
    TEXT_COLUMNS,
    corpus_summary,
    find_boilerplate,
    iter_corpus,
    load_corpus,
    subset,
)
from framing.errors import CorpusError, ReportNotApplicable
from framing.study import (
    corpus_articles,
    corpus_boilerplate,
    corpus_catalogue,
    topic_articles,
    topic_flags,
    topic_selection,
)
from framing.topics import load_topics, match_topics, select

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
TOPICS = ROOT / "corpora" / "topics.yaml"


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def passes(monkeypatch):
    """Count the passes over a corpus."""
    calls = []
    real = scan_mod._pass

    def counted(*args):
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(scan_mod, "_pass", counted)
    return calls


def _corpus(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    (folder / "articles.jsonl").write_text(lines, encoding="utf-8")
    return folder


def _rows(n: int, footer: str = "Sign up for our newsletter today") -> list[dict]:
    subjects = ["Lavrov and Rubio held talks", "Tariffs on steel rose", "A summit in Geneva"]
    return [
        {
            "doc_id": f"d{i}",
            "outlet": "Alpha" if i % 2 else "Beta",
            "date": f"2025-07-{1 + i % 28:02d}",
            "title": f"Story {i}",
            "text": f"{subjects[i % 3]} on day {i}. Russia and the United States met.\n{footer}",
        }
        for i in range(n)
    ]


def test_selection_and_catalogue_equal_loading_the_whole_corpus(own_cache):
    full = load_corpus(DEMO)
    catalogue, selected = topic_selection(DEMO, "us_russia_talks", topics_file=str(TOPICS))
    assert selected.equals(select(full, "us_russia_talks", topics=load_topics(TOPICS)))
    described = full.drop(columns=["text"])
    assert catalogue[described.columns].equals(described)
    assert set(catalogue.columns) - set(described.columns) == set(TEXT_COLUMNS)
    for key in ("name", "corpus_hash", "validation"):
        assert catalogue.attrs[key] == full.attrs[key] == selected.attrs[key]
    summary, expected = corpus_summary(catalogue), corpus_summary(full)
    assert all(summary[k].equals(expected[k]) for k in expected)
    flags = topic_flags(DEMO, topics_file=str(TOPICS))
    assert flags.equals(match_topics(full, load_topics(TOPICS)))


def test_one_pass_serves_every_topic_and_the_next_call_comes_from_the_cache(own_cache, passes):
    first = topic_selection(DEMO, "us_russia_talks", topics_file=str(TOPICS))[1]
    topic_selection(DEMO, "us_asia_policy", topics_file=str(TOPICS))
    again = topic_selection(DEMO, "us_russia_talks", topics_file=str(TOPICS))[1]
    assert len(passes) == 1
    assert again.equals(first) and again.attrs == first.attrs
    topic_selection(DEMO, "us_russia_talks", topics_file=str(TOPICS), cache=False)
    assert len(passes) == 2


def test_a_changed_corpus_or_topics_file_is_read_again(own_cache, passes, tmp_path):
    folder = _corpus(tmp_path / "c", _rows(12))
    topics = tmp_path / "topics.yaml"
    topics.write_text("topics:\n  t:\n    query:\n      all_of: [[lavrov]]\n", encoding="utf-8")
    before = topic_selection(folder, "t", topics_file=str(topics))[1]
    _corpus(folder, _rows(15))
    after = topic_selection(folder, "t", topics_file=str(topics))[1]
    assert (len(before), len(after), len(passes)) == (4, 5, 2)
    topics.write_text("topics:\n  t:\n    query:\n      all_of: [[tariffs]]\n", encoding="utf-8")
    assert list(topic_selection(folder, "t", topics_file=str(topics))[1]["doc_id"])[:2] == [
        "d1",
        "d4",
    ]
    assert len(passes) == 3


def test_topic_articles_applies_the_study_window_and_refuses_thin_topics(own_cache):
    outlets = ["The Harbor Courier", "Nord Vestnik International"]
    full, articles = topic_articles(DEMO, topic="us_russia_talks", outlets=outlets,
                                    start="2025-07-01", topics_file=str(TOPICS))  # fmt: skip
    kept = subset(load_corpus(DEMO), outlets=outlets, start="2025-07-01")
    expected = select(kept, "us_russia_talks", topics=load_topics(TOPICS))
    assert articles.equals(expected) and articles.attrs["subset"] == kept.attrs["subset"]
    assert len(full) == len(load_corpus(DEMO))
    with pytest.raises(ReportNotApplicable, match="selects 0 of"):
        topic_articles(DEMO, topic="us_russia_talks", start="2030-01-01",
                       topics_file=str(TOPICS))  # fmt: skip


def test_unknown_topic_and_missing_corpus_are_kit_errors(own_cache, tmp_path):
    with pytest.raises(Exception, match="unknown topic 'nope'; known topics"):
        topic_selection(DEMO, "nope", topics_file=str(TOPICS))
    with pytest.raises(CorpusError, match="no such file or folder"):
        corpus_catalogue(tmp_path / "absent", topics_file=str(TOPICS))


def test_a_field_named_like_a_derived_column_is_refused(own_cache, tmp_path):
    rows = [dict(r, text_tokens=3) for r in _rows(3)]
    folder = _corpus(tmp_path / "c", rows)
    with pytest.raises(CorpusError, match="'text_tokens'.*rename the field"):
        corpus_catalogue(folder, topics_file=str(TOPICS))


def test_boilerplate_and_articles_by_id_stream_the_corpus(own_cache, tmp_path):
    folder = _corpus(tmp_path / "c", _rows(40))
    full = load_corpus(folder)
    found = corpus_boilerplate(folder)
    assert found.equals(find_boilerplate(full))
    assert set(found["line"]) >= {"sign up for our newsletter today"}
    chunks = (r.articles for r in iter_corpus(folder, chunksize=7))
    assert find_boilerplate(chunks).equals(found)
    picked = corpus_articles(folder, ["d3", "d1", "absent", "d3"])
    assert list(picked["doc_id"]) == ["d1", "d3"]
    assert (
        picked.equals(full.loc[[1, 3]]) and picked.attrs["corpus_hash"] == full.attrs["corpus_hash"]
    )
    assert corpus_articles(folder, []).empty


def test_a_catalogue_that_cannot_be_cached_is_still_returned(own_cache, tmp_path, caplog):
    rows = [dict(r, extra=[1, "a"] if i == 0 else "text") for i, r in enumerate(_rows(4))]
    folder = _corpus(tmp_path / "c", rows)
    catalogue = corpus_catalogue(folder, topics_file=str(TOPICS))
    assert len(catalogue) == 4 and isinstance(catalogue, pd.DataFrame)
