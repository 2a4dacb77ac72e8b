"""Topic queries: parsing, matching rules, selection, errors, and the study's queries."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.errors import ColumnsError, TopicError
from framing.topics import (
    Topic,
    load_topics,
    match_topics,
    outlet_counts,
    parse_topics,
    select,
    select_file,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "topics_study.yaml"
DEMO = ROOT / "corpora" / "demo" / "articles.jsonl"


@pytest.fixture
def corpus():
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d4", "d5", "d6"],
            "outlet": ["A", "A", "B", "B", "C", "C"],
            "title": [
                "Rubio meets Lavrov",
                "Tariff letters reach Vietnam",
                "Chess open in Moscow",
                "Weather",
                "Russia far from talks",
                "Weather in Japan",
            ],
            "text": [
                "Talks in Kuala Lumpur on the U.S.-Russia peace plan went on for hours.",
                "New tariffs of 20% on Vietnam; tariffs on Japan follow.",
                "Russia hosted a chess open; Rubio sent greetings; talks about chess.",
                "Rain today.",
                "Russia said nothing. " + "Filler words here. " * 10 + "Rubio held talks.",
                "A long story "
                + "about the weather and nothing else " * 3
                + "tariffs, more tariffs.",
            ],
        }
    )


def test_load_topics_reads_queries_and_skips_topics_without_query():
    topics = load_topics(FIXTURE)
    assert set(topics) == {"talks", "tariffs"}
    t = topics["talks"]
    assert t.all_of[0] == ("russia", "lavrov", "*-russia")
    assert t.none_of == ("chess open",) and t.within == 12 and t.min_hits == 1
    assert topics["tariffs"].min_hits == (2, 1) and topics["tariffs"].lead == 10
    assert t.label == "Talks"


def test_select_returns_matching_rows_with_terms_and_hits(corpus):
    out = select(corpus, "talks", topics=FIXTURE)
    assert out["doc_id"].tolist() == ["d1"]
    assert list(out.columns) == list(corpus.columns) + ["topic_matches", "topic_hits"]
    row = out.iloc[0]
    # distinct matched words in text order; the compound token matches a glob
    assert row["topic_matches"] == "rubio; lavrov; talks; u.s.-russia; peace plan"
    assert row["topic_hits"] == 5


def test_none_of_excludes_and_within_requires_proximity(corpus):
    t = load_topics(FIXTURE)["talks"]
    loose = Topic("loose", all_of=t.all_of)
    assert select(corpus, loose)["doc_id"].tolist() == ["d1", "d3", "d5"]
    no_window = Topic("nw", all_of=t.all_of, none_of=t.none_of)
    assert select(corpus, no_window)["doc_id"].tolist() == ["d1", "d5"]  # d3: chess open
    assert select(corpus, t)["doc_id"].tolist() == ["d1"]  # d5: groups 30+ tokens apart


def test_min_hits_per_group_and_lead(corpus):
    t = load_topics(FIXTURE)["tariffs"]
    # d2: two tariff hits, one in the title; d6: two hits, both after the first 10 tokens
    assert select(corpus, t)["doc_id"].tolist() == ["d2"]
    no_lead = Topic("x", all_of=t.all_of, min_hits=(2, 1))
    assert select(corpus, no_lead)["doc_id"].tolist() == ["d2", "d6"]
    one = Topic("y", all_of=t.all_of, min_hits=4)
    assert select(corpus, one).empty


def test_min_per_1k_scales_with_article_length():
    short = "Russia held talks. " + "Filler words here. " * 3
    long = "Russia held talks. " + "Filler words here. " * 100
    df = pd.DataFrame({"doc_id": ["s", "l"], "text": [short, long]})
    t = Topic("t", all_of=(("russia",), ("talks",)), min_per_1k=(0, 20))
    # one 'talks' in 13 tokens is 77 per 1,000; in 304 tokens it is 3.3 per 1,000
    assert select(df, t)["doc_id"].tolist() == ["s"]
    assert select(df, Topic("t", all_of=t.all_of, min_per_1k=3))["doc_id"].tolist() == ["s", "l"]
    assert select(df, Topic("t", all_of=t.all_of, min_per_1k=3.5))["doc_id"].tolist() == ["s"]


def test_none_of_ratio_excludes_only_articles_mainly_about_the_excluded_subject():
    summit = "Putin and Trump met in Helsinki for talks. Russia, Russia. The probe came up once."
    probe = "Russia probe: the probe, the probe and the probe. Trump held talks with lawyers."
    df = pd.DataFrame({"doc_id": ["summit", "probe"], "text": [summit, probe]})
    groups = (("russia", "putin"), ("trump",), ("talks",))
    strict = Topic("t", all_of=groups, none_of=("probe",))
    assert select(df, strict).empty  # any match excludes
    ratio = Topic("t", all_of=groups, none_of=("probe",), none_of_ratio=0.5)
    # summit: 1 probe <= 0.5 x 3 Russia mentions; probe story: 4 > 0.5 x 1
    assert select(df, ratio)["doc_id"].tolist() == ["summit"]
    assert select(df, Topic("t", all_of=groups, none_of=("probe",), none_of_ratio=4))[
        "doc_id"
    ].tolist() == ["summit", "probe"]


def test_new_query_keys_are_read_and_explained(tmp_path):
    from framing.topics._match import PreparedDocuments, explain_matches

    p = _write(tmp_path, "      all_of: [[russia], [talks]]\n      none_of: [probe]\n"
               "      none_of_ratio: 0.5\n      min_per_1k: [0, 100]\n")  # fmt: skip
    t = load_topics(p)["t"]
    assert (t.none_of_ratio, t.min_per_1k) == (0.5, (0.0, 100.0))
    df = pd.DataFrame(
        {"doc_id": ["a"], "text": ["Russia probe, probe: talks " + "word " * 20]}
    )  # 24 tokens
    terms, why = explain_matches(t, PreparedDocuments(df), [0])[0]
    assert terms == "russia | talks | none_of: probe"
    assert why == ("group 2: 41.7 matches per 1,000 tokens, 100 needed; "
                   "none_of matched 2 times, more than 0.5 x 1 matches of group 1")  # fmt: skip


def test_match_topics_gives_one_boolean_column_per_topic(corpus):
    m = match_topics(corpus, load_topics(FIXTURE))
    assert list(m.columns) == ["doc_id", "talks", "tariffs"]
    assert m["talks"].dtype == bool
    assert m.loc[m["talks"], "doc_id"].tolist() == ["d1"]
    assert m.loc[m["tariffs"], "doc_id"].tolist() == ["d2"]


def test_title_is_optional(corpus):
    out = select(corpus.drop(columns="title"), Topic("t", all_of=(("lavrov", "russia"),)))
    assert out["doc_id"].tolist() == ["d3", "d5"]


def test_unknown_topic_lists_the_known_ones(corpus):
    with pytest.raises(TopicError, match="unknown topic 'nope'; known topics: talks, tariffs"):
        select(corpus, "nope", topics=FIXTURE)
    try:
        select(corpus, "nope", topics=FIXTURE)
    except TopicError as exc:
        assert exc.value == "nope" and exc.known == ["talks", "tariffs"]


def _write(tmp_path, query):
    p = tmp_path / "topics.yaml"
    p.write_text("topics:\n  t:\n    label: T\n    query:\n" + query, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("query", "match", "field"),
    [
        ("      all_of: [[talks], []]\n", r"all_of\[1\] is empty", "all_of[1]"),
        ("      all_of: [[talks]]\n      within: 0\n", "within must be a positive", "within"),
        ("      all_of: [[talks]]\n      within: ten\n", "got 'ten'", "within"),
        ("      all_of: [[talks]]\n      min_hits: -1\n", "min_hits must be", "min_hits"),
        ("      all_of: [[a], [b]]\n      min_hits: [1]\n", "one number per group", "min_hits"),
        ("      all_of: [[talks, '**']]\n", "'\\*\\*' is not valid", "term"),
        ("      all_of: []\n", "all_of is empty", "all_of"),
        ("      all_of: [[a], [b]]\n      min_per_1k: [1]\n", "min_per_1k lists 1", "min_per_1k"),
        (
            "      all_of: [[talks]]\n      min_per_1k: -2\n",
            "number >= 0 of matches per 1,000",
            "min_per_1k",
        ),
        ("      all_of: [[talks]]\n      min_per_1k: lots\n", "got 'lots'", "min_per_1k"),
        (
            "      all_of: [[talks]]\n      none_of_ratio: 0.5\n",
            "none_of is empty",
            "none_of_ratio",
        ),
        (
            "      all_of: [[talks]]\n      none_of: [x]\n      none_of_ratio: -1\n",
            "none_of_ratio must be a number >= 0",
            "none_of_ratio",
        ),
    ],
)
def test_invalid_queries_name_file_line_and_field(tmp_path, query, match, field):
    p = _write(tmp_path, query)
    with pytest.raises(TopicError, match=match) as info:
        load_topics(p)
    assert info.value.path == str(p)
    assert info.value.field == field
    assert str(p) in str(info.value) and "line 4" in str(info.value)


def test_unknown_key_names_file_line_and_key(tmp_path):
    p = _write(tmp_path, "      all_of: [[talks]]\n      withn: 10\n")
    with pytest.raises(TopicError, match="unknown key 'withn' in the query of topic 't'") as info:
        load_topics(p)
    assert (info.value.key, info.value.line, info.value.path) == ("withn", 6, str(p))
    p.write_text("topics:\n  t:\n    lable: T\n", encoding="utf-8")
    with pytest.raises(TopicError, match="line 3: unknown key 'lable' in topic 't'"):
        load_topics(p)
    p.write_text("topic:\n  t: {}\n", encoding="utf-8")
    with pytest.raises(TopicError, match="unknown key 'topic' in the top level"):
        load_topics(p)


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(TopicError, match="not found") as info:
        load_topics(tmp_path / "none.yaml")
    assert info.value.path.endswith("none.yaml")
    with pytest.raises(TopicError, match="line 1: malformed YAML"):
        parse_topics("topics: [unclosed", path="x.yaml")


def test_topic_object_is_checked_on_construction():
    with pytest.raises(TopicError, match="all_of\\[0\\] is a string") as info:
        Topic("t", all_of=("talks",))
    assert info.value.field == "all_of[0]"
    with pytest.raises(TopicError, match="lead must be a positive"):
        Topic("t", all_of=(("talks",),), lead=0)


def test_missing_columns_raise_columns_error():
    with pytest.raises(ColumnsError, match=r"select: missing column\(s\) \['text'\]"):
        select(pd.DataFrame({"doc_id": ["a"]}), Topic("t", all_of=(("x",),)))


def test_outlet_counts_and_select_file_write_selection(tmp_path, corpus):
    counts = outlet_counts(corpus, corpus.iloc[[0, 2]])
    assert counts["n_selected"].tolist() == [1, 1, 0, 2]
    assert counts["outlet"].iloc[-1] == "(all)"
    src = tmp_path / "c.jsonl"
    corpus.to_json(src, orient="records", lines=True)
    out = tmp_path / "sel" / "talks.csv"
    counts = select_file(src, "talks", topics=FIXTURE, out=out)
    assert counts.set_index("outlet").loc["(all)", "n_selected"] == 1
    written = pd.read_csv(out)
    assert written["doc_id"].tolist() == ["d1"] and "topic_matches" in written


def test_cli_topics_select_prints_counts(tmp_path, corpus, capsys):
    from framing.cli import main

    src = tmp_path / "c.jsonl"
    corpus.to_json(src, orient="records", lines=True)
    assert main(["topics", "select", str(src), "talks", "--topics", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert "n_selected" in out and "(all)" in out
    assert main(["topics", "select", str(src), "nope", "--topics", str(FIXTURE)]) == 1


# -- the study's own queries ----------------------------------------------------------
def test_project_topics_file_defines_both_study_topics():
    topics = load_topics(ROOT / "corpora" / "topics.yaml")
    assert {"us_russia_talks", "us_asia_policy"} <= set(topics)
    assert all(t.label and t.description for t in topics.values())


@pytest.mark.skipif(not DEMO.exists(), reason="demo corpus corpora/demo/articles.jsonl absent")
@pytest.mark.parametrize(
    ("topic", "min_precision", "min_recall"),
    [("us_russia_talks", 0.95, 0.75), ("us_asia_policy", 0.95, 0.90)],
)
def test_study_queries_on_demo_corpus(topic, min_precision, min_recall):
    """Precision and recall against the demo corpus's `topic` column (see corpora/README.md)."""
    demo = pd.read_json(DEMO, lines=True, dtype={"doc_id": str})
    chosen = demo["doc_id"].isin(
        select(demo, topic, topics=ROOT / "corpora" / "topics.yaml")["doc_id"]
    )
    truth = demo["topic"] == topic
    tp = int((chosen & truth).sum())
    assert tp / chosen.sum() >= min_precision
    assert tp / truth.sum() >= min_recall
    assert not (chosen & (demo["topic"] == "off_topic")).any()


def test_default_topic_file_is_found_from_a_subfolder(monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    assert "us_russia_talks" in load_topics()


def test_compare_to_labels_precision_recall_and_missing_column():
    from framing.errors import ColumnsError
    from framing.topics import compare_to_labels

    corpus = pd.DataFrame({"doc_id": list("abcde"), "topic": ["t", "t", "u", "t", None]})
    row = compare_to_labels(corpus, corpus.iloc[[0, 2, 4]], "t").iloc[0]
    assert (row["n_selected"], row["n_labelled"], row["n_both"]) == (3, 3, 1)
    assert row["precision"] == pytest.approx(1 / 3) and row["recall"] == pytest.approx(1 / 3)
    assert row["precision_ci_low"] < 1 / 3 < row["precision_ci_high"]
    none = compare_to_labels(corpus, corpus.iloc[0:0], "t").iloc[0]
    assert np.isnan(none["precision"]) and none["recall"] == 0
    with pytest.raises(ColumnsError, match=r"missing column\(s\) \['label'\]") as info:
        compare_to_labels(corpus, corpus, "t", column="label")
    assert info.value.missing == ["label"]


def test_min_matches_stops_an_empty_selection_with_the_reason():
    """Review M7: an empty selection reached later steps (pandas merge errors, sklearn's
    "0 sample(s)") instead of stopping with the reason."""
    from framing.errors import TopicError
    from framing.topics import Topic, select

    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Steel tariffs.", "A storm."]})
    t = Topic("talks", all_of=(("ceasefire",),))
    assert select(df, t).empty  # the library default keeps an empty result
    with pytest.raises(TopicError, match="topic 'talks' matched 0 of 2 articles") as e:
        select(df, t, min_matches=1)
    assert (e.value.value, e.value.n_docs) == (0, 2)


def test_select_out_must_be_a_table_file(tmp_path, capsys):
    """Review L28: `topics select --out x.xlsx` wrote JSON Lines into x.xlsx."""
    from framing.cli import main

    args = [
        "topics",
        "select",
        "corpora/demo",
        "us_russia_talks",
        "--out",
        str(tmp_path / "x.xlsx"),
    ]
    assert main(args) == 1
    assert "write .csv, .parquet or .jsonl, not" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("topics: [x]\n", "'topics' must be a mapping"),
        ("topics: !!python/object/apply:os.system [echo]\n", "'topics' must be a mapping"),
        ("topics:\n  ? [a, b]\n  : {query: {all_of: [[x]]}}\n", "a key must be a name"),
        (
            "topics:\n  t: {query: {all_of: [[x]]}}\n  t: {query: {all_of: [[y]]}}\n",
            "appears twice",
        ),
        ("topics: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 64 levels"),
        ("topics:\n  t: &a {query: {all_of: [[x]], none_of: *a}}\n", "refers to the node"),
    ],
)
def test_malformed_topic_files_are_topic_errors(text, match):
    """Review L5 (raw TypeErrors for `topics: [x]`, a python tag, a complex key), L6
    (5,000 levels: RecursionError), L7 (a recursive alias) and L19 (a topic id given
    twice: the last one won silently)."""
    with pytest.raises(TopicError, match=match):
        parse_topics(text, path="t.yaml")
