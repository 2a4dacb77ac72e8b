"""Validating topic queries: samples to judge, recall pools, precision and recall from
judgements, the CSV checks, the CLI, and the kit's own judged AllSides rounds."""

import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from framing.errors import ColumnsError, OutputError, TopicError
from framing.topics import (
    RecallPool,
    Topic,
    check_file,
    format_precision_recall,
    judged_precision_recall,
    load_topics,
    match_topics,
    read_judgements,
    sample_file,
    sample_for_judging,
)

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "fixtures" / "topics_judged.csv"
TALKS = Topic("talks", all_of=(("lavrov", "russia"), ("talks", "summit")))


@pytest.fixture
def corpus():
    """Twelve toy articles: six mention Russia with talks (selected), three mention
    Russia without talks, three are off topic; tags say which are in the pool."""
    texts = (
        ["Lavrov held talks in Kuala Lumpur."] * 3
        + ["Russia and the summit agenda."] * 3
        + ["Russia hosted a chess open."] * 3
        + ["Rain all week."] * 3
    )
    return pd.DataFrame(
        {
            "doc_id": [f"d{i:02d}" for i in range(12)],
            "outlet": list("ABC") * 4,
            "date": pd.date_range("2025-07-01", periods=12, tz="UTC"),
            "title": [f"Story {i}" for i in range(12)],
            "text": texts,
            "tag": ["world", "sport"] * 6,
        }
    )


def _judged(rows, **sizes):
    """A judged table from (stratum, in_pool, relevant) rows."""
    out = pd.DataFrame(rows, columns=["stratum", "in_pool", "relevant"])
    out.insert(0, "doc_id", [f"x{i}" for i in range(len(out))])
    out["topic_id"], out["round"] = "t", 1
    defaults = {"n_selected": 100, "n_selected_in_pool": 40, "n_pool_not_selected": 300}
    for name, value in {**defaults, **sizes}.items():
        out[name] = value
    return out


# -- the recall pool ---------------------------------------------------------------------
def test_recall_pool_from_options_and_describe():
    pool = RecallPool.from_options(
        ["tag=world, europe", "tag=russia", "lean=right"], ["russia*,putin", "united states"]
    )
    assert pool.where == {"tag": ("world", "europe", "russia"), "lean": ("right",)}
    assert pool.terms == ("russia*", "putin", "united states")
    assert pool.describe() == (
        "tag in {world, europe, russia}; lean in {right}; "
        "mentions >= 1 of [russia*, putin, united states]"
    )
    assert RecallPool.from_options(None, None) == RecallPool()


@pytest.mark.parametrize(
    ("kwargs", "match", "field"),
    [
        ({"where": ["tag"]}, "is not COLUMN=VALUE", "where"),
        ({"where": ["=world"]}, "is not COLUMN=VALUE", "where"),
        ({"where": ["tag= ,"]}, "is not COLUMN=VALUE", "where"),
        ({"terms": ["**"]}, "'\\*\\*' is not valid", "term"),
        ({"terms": ["russia"], "min_hits": 0}, "min_hits must be a positive", "min_hits"),
    ],
)
def test_recall_pool_errors_name_the_option(kwargs, match, field):
    with pytest.raises(TopicError, match=match) as info:
        RecallPool.from_options(**kwargs)
    assert info.value.field == field


def test_recall_pool_needs_values_terms_for_min_hits_and_its_columns(corpus):
    with pytest.raises(TopicError, match="no values given for column 'tag'"):
        RecallPool(where={"tag": []})
    with pytest.raises(TopicError, match="min_hits is set but no terms"):
        RecallPool(min_hits=2)
    with pytest.raises(ColumnsError, match=r"missing column\(s\) \['lean'\]") as info:
        sample_for_judging(corpus, TALKS, pool=RecallPool(where={"lean": "right"}))
    assert info.value.missing == ["lean"]


# -- drawing the sample ------------------------------------------------------------------
def test_sample_has_both_strata_sizes_and_coder_columns(corpus):
    pool = RecallPool(where={"tag": ["world"]}, terms=["russia", "lavrov"])
    s = sample_for_judging(corpus, TALKS, n=4, n_pool=5, pool=pool, seed=3, round=2)
    assert list(s.columns[:8]) == ["doc_id", "outlet", "date", "title", "relevant", "note",
                                   "matched_terms", "not_selected_because"]  # fmt: skip
    assert list(s.columns[8:]) == ["stratum", "in_pool", "tag", "topic_id", "round", "seed",
                                   "n_selected", "n_selected_in_pool", "n_pool_not_selected",
                                   "pool"]  # fmt: skip
    counts = s["stratum"].value_counts()
    assert counts["selected"] == 4
    # pool: tag world and mentions Russia: d00..d08 even = d00 d02 d04 d06 d08;
    # selected among them d00 d02 d04; not selected d06 d08 (fewer than n_pool)
    assert sorted(s.loc[s["stratum"] == "pool_not_selected", "doc_id"]) == ["d06", "d08"]
    first = s.iloc[0]
    assert (first["n_selected"], first["n_selected_in_pool"], first["n_pool_not_selected"]) == (
        6,
        3,
        2,
    )
    assert (first["round"], first["seed"], first["topic_id"]) == (2, 3, "talks")
    assert (s["relevant"] == "").all() and (s["note"] == "").all()
    assert s.loc[s["stratum"] == "selected", "not_selected_because"].eq("").all()
    why = s.set_index("doc_id").loc["d06", "not_selected_because"]
    assert why == "group 2: 0 of 1 matches needed"
    assert s.set_index("doc_id").loc["d06", "matched_terms"] == "russia | -"
    assert s["date"].str.fullmatch(r"2025-07-\d\d").all()


def test_sample_is_reproducible_and_changes_with_the_seed(corpus):
    a = sample_for_judging(corpus, TALKS, n=3, n_pool=3, seed=1)
    b = sample_for_judging(corpus.iloc[::-1], TALKS, n=3, n_pool=3, seed=1)  # order-free
    c = sample_for_judging(corpus, TALKS, n=3, n_pool=3, seed=2)
    assert a["doc_id"].tolist() == b["doc_id"].tolist()
    assert set(a["doc_id"]) != set(c["doc_id"])
    # the selected draw does not depend on n_pool
    d = sample_for_judging(corpus, TALKS, n=3, n_pool=0, seed=1)
    assert set(d["doc_id"]) == set(a.loc[a["stratum"] == "selected", "doc_id"])
    assert (d["stratum"] == "selected").all()
    # default pool: every article, so all six not selected are pool articles
    assert a.iloc[0]["n_pool_not_selected"] == 6 and a.iloc[0]["pool"] == "every article"


def test_sample_errors(corpus):
    with pytest.raises(TopicError, match="n must be a whole number >= 0, got -1"):
        sample_for_judging(corpus, TALKS, n=-1)
    dup = pd.concat([corpus, corpus.iloc[[0]]])
    with pytest.raises(TopicError, match="doc_id 'd00' occurs more than once") as info:
        sample_for_judging(dup, TALKS)
    assert info.value.field == "doc_id"
    with pytest.raises(ColumnsError, match=r"\['text'\]"):
        sample_for_judging(corpus.drop(columns="text"), TALKS)
    with pytest.raises(TopicError, match="unknown topic 'nope'"):
        sample_for_judging(corpus, "nope", topics={"talks": TALKS})
    bare = sample_for_judging(corpus[["doc_id", "text"]], TALKS, n=1, n_pool=1)
    assert "title" not in bare and "outlet" not in bare


@pytest.mark.parametrize("topic", ["us_russia_talks", "us_asia_policy"])
def test_explanations_agree_with_selection_on_the_demo_corpus(topic):
    """A sampled article's reason is empty exactly when the query selects it."""
    demo = pd.read_json(ROOT / "corpora" / "demo" / "articles.jsonl", lines=True,
                        dtype={"doc_id": str})  # fmt: skip
    t = load_topics(ROOT / "corpora" / "topics.yaml")[topic]
    s = sample_for_judging(demo, t, n=400, n_pool=400, seed=0)
    assert len(s) == len(demo)
    chosen = match_topics(demo, {topic: t}).set_index("doc_id")[topic]
    empty = s.set_index("doc_id")["not_selected_because"].eq("")
    assert (empty == chosen.loc[empty.index]).all()


# -- precision and recall ----------------------------------------------------------------
def _wilson(k, n):
    z = NormalDist().inv_cdf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_precision_and_recall_by_strata():
    rows = (
        [("selected", 1, 1)] * 6 + [("selected", 1, 0)] * 2  # in pool: 6 of 8 on topic
        + [("selected", 0, 1)] * 1 + [("selected", 0, 0)] * 1  # out of pool
        + [("pool_not_selected", 1, 1)] * 2 + [("pool_not_selected", 1, 0)] * 18
    )  # fmt: skip
    r = judged_precision_recall(_judged(rows)).iloc[0]
    assert (r["n_judged_selected"], r["n_relevant_selected"]) == (10, 7)
    assert r["precision"] == pytest.approx(0.7)
    assert (r["precision_ci_low"], r["precision_ci_high"]) == pytest.approx(_wilson(7, 10))
    # 40 * 6/8 = 30 on topic selected in the pool, 300 * 2/20 = 30 missed
    assert r["relevant_in_pool"] == pytest.approx(60.0)
    assert r["recall"] == pytest.approx(0.5)
    assert r["recall_ci_low"] < 0.5 < r["recall_ci_high"]
    assert (r["n_judged_selected_in_pool"], r["n_judged_pool_not_selected"]) == (8, 20)
    again = judged_precision_recall(_judged(rows)).iloc[0]
    assert again["recall_ci_low"] == r["recall_ci_low"]  # seeded
    other = judged_precision_recall(_judged(rows), seed=5).iloc[0]
    assert other["recall_ci_low"] != r["recall_ci_low"]
    wide = judged_precision_recall(_judged(rows), ci=0.99).iloc[0]
    assert (
        wide["recall_ci_low"] < r["recall_ci_low"]
        and wide["precision_ci_low"] < r["precision_ci_low"]
    )


def test_recall_interval_narrows_with_more_judgements():
    small = (
        [("selected", 1, 1)] * 3
        + [("selected", 1, 0)]
        + [("pool_not_selected", 1, 1)]
        + [("pool_not_selected", 1, 0)] * 9
    )
    big = small * 10
    r_small = judged_precision_recall(_judged(small)).iloc[0]
    r_big = judged_precision_recall(_judged(big, n_selected_in_pool=400, n_pool_not_selected=3000))
    r_big = r_big.iloc[0]
    assert r_small["recall"] == pytest.approx(r_big["recall"])
    assert (r_big["recall_ci_high"] - r_big["recall_ci_low"]) < (
        r_small["recall_ci_high"] - r_small["recall_ci_low"]
    )


def test_recall_edge_cases():
    only_selected = _judged([("selected", 1, 1), ("selected", 0, 0)], n_pool_not_selected=0)
    r = judged_precision_recall(only_selected).iloc[0]
    assert r["recall"] == 1.0 and r["recall_ci_low"] == 1.0  # the pool has nothing missed
    no_pool_sample = _judged([("selected", 1, 1)])
    r = judged_precision_recall(no_pool_sample).iloc[0]
    assert np.isnan(r["recall"]) and np.isnan(r["recall_ci_low"])  # 300 missed, none judged
    nothing = _judged([("selected", 1, 0), ("pool_not_selected", 1, 0)])
    assert np.isnan(judged_precision_recall(nothing).iloc[0]["recall"])
    text = format_precision_recall(judged_precision_recall(nothing))
    assert "recall within the pool: not estimated" in text


def test_rounds_and_topics_are_estimated_apart():
    a = _judged([("selected", 1, 1), ("pool_not_selected", 1, 0)])
    b = _judged([("selected", 1, 0), ("pool_not_selected", 1, 1)], n_selected=7)
    b["round"] = 2
    c = a.assign(topic_id="u")
    out = judged_precision_recall(pd.concat([a, b, c], ignore_index=True))
    assert out[["round", "topic"]].values.tolist() == [[1, "t"], [2, "t"], [1, "u"]]
    assert out["precision"].tolist() == [1.0, 0.0, 1.0]
    assert out["n_selected"].tolist() == [100, 7, 100]
    # each round and topic has its own draws: t round 1 and u round 1 differ
    assert out.loc[0, "recall_ci_low"] != out.loc[2, "recall_ci_low"]


# -- malformed judgements ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "row", "value", "match"),
    [
        ("relevant", 1, "", "field 'relevant' is ''; write 1 \\(on topic\\) or 0"),
        ("relevant", 2, "yes", "field 'relevant' is 'yes'"),
        ("stratum", 0, "sel", "write 'selected' or 'pool_not_selected'"),
        ("in_pool", 3, "0", "a pool_not_selected article is in the pool"),
        ("in_pool", 0, "2", "field 'in_pool' is '2'"),
        ("n_selected", 0, "many", "field 'n_selected' is 'many'; it is a whole number"),
        ("n_pool_not_selected", 0, "-3", "field 'n_pool_not_selected' is '-3'"),
        ("round", 2, "1.5", "field 'round' is '1.5'"),
        ("n_selected_in_pool", 2, "41", "rows of two samples cannot be mixed"),
        ("doc_id", 1, "x0", "the article occurs twice"),
    ],
)
def test_malformed_rows_are_refused_with_row_and_field(column, row, value, match):
    j = _judged([("selected", 1, 1), ("selected", 0, 0), ("pool_not_selected", 1, 1),
                 ("pool_not_selected", 1, 0)]).astype(str)  # fmt: skip
    j.loc[row, column] = value
    with pytest.raises(TopicError, match=match) as info:
        judged_precision_recall(j)
    assert info.value.field == column
    assert f"row {row}" in str(info.value)


def test_more_judged_rows_than_the_stratum_holds():
    j = _judged([("selected", 1, 1), ("selected", 1, 0)], n_selected_in_pool=1)
    with pytest.raises(TopicError, match="2 rows of topic 't' round 1 are in that stratum"):
        judged_precision_recall(j)


def test_options_are_checked_and_an_empty_table_has_the_columns(corpus):
    j = _judged([("selected", 1, 1)])
    for kwargs, field in (({"ci": 1.5}, "ci"), ({"n_draws": 0}, "n_draws"), ({"seed": -1}, "seed")):
        with pytest.raises(TopicError, match=f"{field} is") as info:
            judged_precision_recall(j, **kwargs)
        assert info.value.field == field
    empty = judged_precision_recall(j.iloc[0:0])
    assert empty.empty and list(empty.columns)[:3] == ["round", "topic", "n_selected"]
    with pytest.raises(TopicError, match="seed must be a whole number >= 0"):
        sample_for_judging(corpus, TALKS, seed=-2)


def test_missing_columns_are_named():
    with pytest.raises(ColumnsError, match=r"missing column\(s\) \['relevant'\]"):
        judged_precision_recall(_judged([("selected", 1, 1)]).drop(columns="relevant"))


def test_read_judgements_names_file_and_line(tmp_path):
    text = JUDGED.read_text(encoding="utf-8")
    bad = tmp_path / "judged.csv"
    lines = text.splitlines()
    lines[3] = lines[3].replace(",1,", ",y,", 1) if ",1," in lines[3] else lines[3]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_judgements(JUDGED)
    assert table.index.name == "line" and table.index[0] == 2
    with pytest.raises(TopicError, match=rf"{bad} line 4 \(doc_id 'a03'\): field") as info:
        read_judgements(bad)
    assert (info.value.path, info.value.line) == (str(bad), 4)


def test_read_judgements_accepts_spreadsheet_csv(tmp_path):
    table = pd.read_csv(JUDGED, dtype=str, keep_default_na=False)
    semi = tmp_path / "semi.csv"
    body = table.to_csv(sep=";", index=False).encode()
    semi.write_bytes(b"\xef\xbb\xbf" + body + b"x;y\n")
    with pytest.raises(TopicError, match="line 18: 2 fields, the header has 13"):
        read_judgements(semi)
    # a byte order mark, ';' separators and empty rows (';;;' too) as spreadsheets save
    semi.write_bytes(b"\xef\xbb\xbf" + body + b";;;\n\n")
    assert judged_precision_recall(read_judgements(semi)).equals(
        judged_precision_recall(read_judgements(JUDGED))
    )


def test_read_judgements_missing_and_undecodable(tmp_path):
    with pytest.raises(TopicError, match="not found"):
        read_judgements(tmp_path / "none.csv")
    p = tmp_path / "latin.csv"
    p.write_bytes("doc_id,note\nd1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(TopicError, match="not UTF-8 text"):
        read_judgements(p)
    p.write_text("", encoding="utf-8")
    with pytest.raises(TopicError, match="the file is empty"):
        read_judgements(p)
    p.write_text(JUDGED.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(TopicError, match="a header but no judged rows"):
        read_judgements(p)


# -- tasks and the command line ----------------------------------------------------------
def test_check_file_rounds_and_output(tmp_path):
    out = tmp_path / "pr.csv"
    table = check_file(JUDGED, out=out, rounds=[2])
    assert table["round"].tolist() == [2] and out.exists()
    assert pd.read_csv(out)["precision"].tolist() == table["precision"].tolist()
    with pytest.raises(
        TopicError, match=r"no rows of round\(s\) \[9\]; the file has round\(s\) \[1, 2\]"
    ):
        check_file(JUDGED, rounds=[9])
    with pytest.raises(OutputError):
        check_file(JUDGED, out=tmp_path / "pr.xlsx")


def test_sample_file_writes_csv_and_refuses_other_suffixes(tmp_path, corpus):
    src = tmp_path / "c.jsonl"
    corpus.to_json(src, orient="records", lines=True, date_format="iso")
    with pytest.raises(OutputError, match="write .csv"):
        sample_file(src, "talks", topics=ROOT / "tests" / "fixtures" / "topics_study.yaml",
                    out=tmp_path / "s.parquet")  # fmt: skip
    out = tmp_path / "sub" / "s.csv"
    s = sample_file(src, "talks", topics=ROOT / "tests" / "fixtures" / "topics_study.yaml",
                    out=out, n=2, n_pool=2, seed=4)  # fmt: skip
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert back["doc_id"].tolist() == s["doc_id"].tolist()


def test_cli_sample_fill_and_check(tmp_path, corpus, capsys):
    from framing.cli import main

    src = tmp_path / "c.jsonl"
    corpus.to_json(src, orient="records", lines=True, date_format="iso")
    topics = tmp_path / "topics.yaml"
    topics.write_text("topics:\n  talks:\n    query:\n      all_of: [[lavrov, russia], "
                      "[talks, summit]]\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "judge.csv"
    argv = ["topics", "sample", str(src), "talks", "--topics", str(topics), "--n", "3",
            "--seed", "2", "--pool-where", "tag=world", "--pool-terms", "russia,lavrov",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "pool: tag in {world}; mentions >= 1 of [russia, lavrov]" in printed
    assert "selected 6 (3 in the pool); pool not selected 2" in printed
    assert "wrote 5 articles to judge" in printed
    s = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert main(["topics", "check", str(out)]) == 1  # nothing judged yet
    assert "field 'relevant' is ''" in capsys.readouterr().err
    s["relevant"] = np.where(s["stratum"] == "selected", "1", "0")
    s.to_csv(out, index=False)
    assert main(["topics", "check", str(out), "--out", str(tmp_path / "pr.csv")]) == 0
    printed = capsys.readouterr().out
    assert "talks, round 1" in printed and "precision: 3/3 = 1.00" in printed
    assert "recall within the pool: 1.00" in printed


# -- the kit's own judged rounds (corpora/README.md) ---------------------------------------
def _recorded_rounds() -> pd.DataFrame:
    """The committed judgements with their rounds' strata sizes (topics_rounds.csv)."""
    j = pd.read_csv(ROOT / "corpora" / "topics_judgments.csv")
    sizes = pd.read_csv(ROOT / "corpora" / "topics_rounds.csv").dropna(subset=["n_selected"])
    return j.merge(sizes.drop(columns=["seed", "query"]), on=["round", "topic_id"])


def test_committed_rounds_reproduce_the_readme_table():
    res = judged_precision_recall(_recorded_rounds()).set_index(["round", "topic"])
    expected = {  # corpora/README.md: precision (CI), recall (interval)
        (2, "us_russia_talks"): (21, 0.29, 0.56, 0.87, 0.67, 0.97),
        (2, "us_asia_policy"): (43, 0.74, 0.93, 0.79, 0.70, 0.87),
        (3, "us_russia_talks"): (29, 0.44, 0.71, 0.79, 0.61, 0.92),
        (4, "us_russia_talks"): (41, 0.69, 0.90, 0.65, 0.44, 0.85),
        (4, "us_asia_policy"): (40, 0.67, 0.89, 0.73, 0.64, 0.81),
    }
    for key, (k, plo, phi, rec, rlo, rhi) in expected.items():
        r = res.loc[key]
        assert r["n_relevant_selected"] == k and r["n_judged_selected"] == 50
        got = [r["precision_ci_low"], r["precision_ci_high"], r["recall"],
               r["recall_ci_low"], r["recall_ci_high"]]  # fmt: skip
        assert np.round(got, 2).tolist() == [plo, phi, rec, rlo, rhi], key
    # the goal of issue 12 on the fresh round 4
    assert res.loc[(4, "us_russia_talks"), "precision"] >= 0.80
    assert res.loc[(4, "us_russia_talks"), "recall"] >= 0.60


def test_committed_judgements_hold_ids_and_labels_only():
    j = pd.read_csv(ROOT / "corpora" / "topics_judgments.csv", dtype=str, keep_default_na=False)
    assert list(j.columns) == ["round", "seed", "topic_id", "stratum", "doc_id", "outlet", "tag",
                               "in_pool", "relevant", "note"]  # fmt: skip
    assert j["note"].str.len().max() <= 80  # a coder's short reason, never article text
    assert not j.duplicated(["round", "topic_id", "doc_id"]).any()


ALLSIDES = ROOT / ".." / "shared" / "data" / "allsides" / "articles.jsonl.gz"
POOLS = {
    "us_russia_talks": RecallPool(
        where={"source_topic": ["russia", "foreign_policy", "europe", "world",
                                "state_department", "nuclear_weapons"]},
        terms=["russia", "russian", "russians", "moscow", "kremlin", "putin", "lavrov", "peskov",
               "ushakov", "dmitriev", "*-russia", "*-russian", "russia-*", "russian-*"],
    ),
    "us_asia_policy": RecallPool(
        where={"source_topic": ["china", "asia", "north_korea", "south_korea", "trade"]}
    ),
}  # fmt: skip


@pytest.mark.realdata
@pytest.mark.slow
def test_round_4_is_the_kits_sample_of_allsides():
    """`framing topics sample` with round 4's pool and seed draws exactly the judged
    articles of corpora/topics_judgments.csv, with the recorded strata sizes: the
    committed judgements belong to the shipped queries (their selected articles are
    selected, their pool articles are not)."""
    if not ALLSIDES.exists():
        pytest.skip("AllSides data ../shared/data/allsides/articles.jsonl.gz absent")
    import gzip
    import json

    fields = {"ID": "doc_id", "source": "outlet", "title": "title",
              "content_original": "text", "topic": "source_topic"}  # fmt: skip
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        rows = [{new: rec.get(old) for old, new in fields.items()} for rec in map(json.loads, f)]
    df = pd.DataFrame(rows)
    judged = pd.read_csv(ROOT / "corpora" / "topics_judgments.csv")
    rounds = pd.read_csv(ROOT / "corpora" / "topics_rounds.csv").set_index(["round", "topic_id"])
    topics = load_topics(ROOT / "corpora" / "topics.yaml")
    for tid, pool in POOLS.items():
        s = sample_for_judging(df, topics[tid], n=50, pool=pool, seed=17, round=4)
        j = judged[(judged["round"] == 4) & (judged["topic_id"] == tid)]
        for stratum in ("selected", "pool_not_selected"):
            assert sorted(s.loc[s["stratum"] == stratum, "doc_id"]) == sorted(
                j.loc[j["stratum"] == stratum, "doc_id"]
            ), (tid, stratum)
        rec = rounds.loc[(4, tid)]
        first = s.iloc[0]
        for name in ("n_selected", "n_selected_in_pool", "n_pool_not_selected"):
            assert first[name] == rec[name], (tid, name)
