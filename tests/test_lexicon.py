"""Tests of framing.lexicon: formats, matching rules, scores, term counts, KWIC,
diagnostics, the scikit-learn transformer, Dask, and agreement with the liwc package."""

from __future__ import annotations

import gzip
import json
import signal
import warnings
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.errors import ColumnsError, CorpusError, LexiconError
from framing.lexicon import (
    Category,
    DuplicateTermWarning,
    Lexicon,
    LexiconScorer,
    diagnose,
    kwic,
    list_lexicons,
    load_lexicon,
    save_lexicon,
    score,
    score_frame,
    term_counts,
)
from framing.text import tokenize

FIX = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

TEXTS = [
    "U.S. and Russian envoys held peace talks; negotiators said the negotiation went well.",
    "A war of words: both sides clashed over tariffs and sanctions, a trade war at odds with talks.",
    "The United States wants a ceasefire and a peace deal. Peace talks resume at the summit.",
    "",
    "Nothing relevant here at all.",
]


def mini() -> Lexicon:
    return load_lexicon(FIX / "lexicon_mini.yaml")


def counts(texts, lex, **kw) -> pd.DataFrame:
    out = score(texts, lex, **kw)
    return out[["doc_id", "n_tokens", *lex.category_names]]


# -- model and formats -------------------------------------------------------------------
def test_kit_yaml_model():
    lex = mini()
    assert lex.name == "mini" and lex.version == "0.1.0" and lex.language == "en"
    assert lex.sources == ("Written for the framing kit tests.",)
    assert lex.category_names == [
        "conflict",
        "diplomacy",
        "frames",
        "frames.pressure",
        "frames.peace",
    ]
    frames = lex.categories["frames"]
    assert frames.is_group and frames.children == ("frames.pressure", "frames.peace")
    assert lex.categories["diplomacy"].sources == ("Written for the tests.",)
    assert lex.patterns("frames")[:3] == ("sanction*", "tariff*", "trade war")
    assert len(lex.content_hash) == 64 and lex.content_hash == mini().content_hash
    assert "mini" in repr(lex)


def test_three_formats_give_identical_scores():
    yaml_scores = counts(TEXTS, mini())
    quanteda = load_lexicon(FIX / "lexicon_mini_quanteda.yaml")
    assert quanteda.category_names == mini().category_names
    pd.testing.assert_frame_equal(counts(TEXTS, quanteda), yaml_scores)
    dic = load_lexicon(FIX / "lexicon_mini.dic")  # flat: the leaves under dotted names
    assert dic.category_names == ["conflict", "diplomacy", "frames.pressure", "frames.peace"]
    pd.testing.assert_frame_equal(counts(TEXTS, dic), yaml_scores.drop(columns="frames"))


def test_yaml_round_trip(tmp_path):
    lex = mini()
    again = load_lexicon(save_lexicon(lex, tmp_path / "copy.yaml"))
    assert again == lex and again.content_hash == lex.content_hash


def test_yaml_keeps_words_that_yaml_would_turn_into_booleans(tmp_path):
    lex = Lexicon.from_dict({"answers": ["no", "yes", "on", "2020"]}, name="words")
    again = load_lexicon(save_lexicon(lex, tmp_path / "words.yml"))
    assert again.categories["answers"].terms == ("no", "yes", "on", "2020")
    (tmp_path / "plain.yaml").write_text("answers: [no, off, 2020, null-hypothesis]\n")
    terms = load_lexicon(tmp_path / "plain.yaml").categories["answers"].terms
    assert terms == ("no", "off", "2020", "null-hypothesis")


def test_dic_round_trip(tmp_path):
    dic = load_lexicon(FIX / "lexicon_mini.dic")
    again = load_lexicon(save_lexicon(mini(), tmp_path / "mini.dic"))
    assert again.category_names == dic.category_names
    for name in dic.category_names:
        assert set(again.categories[name].terms) == set(dic.categories[name].terms)
    text = (tmp_path / "mini.dic").read_text()
    assert "peace talks\t2\t4\n" in text  # one line per term, all its ids


def test_builtin_lexicons_load():
    names = list_lexicons()
    assert {"news_frames", "topic_frames"} <= set(names)
    for name in names:
        lex = load_lexicon(name)
        assert lex.name == name and lex.version and lex.sources
        assert all(c.definition for c in lex.categories.values())


def test_unknown_builtin_names_the_choices():
    with pytest.raises(LexiconError, match="no built-in lexicon named 'nope'.*news_frames") as e:
        load_lexicon("nope")
    assert e.value.value == "nope"
    with pytest.raises(LexiconError, match="does not exist"):
        load_lexicon("missing/file.yaml")
    with pytest.raises(LexiconError, match="cannot save a lexicon as '.txt'"):
        save_lexicon(mini(), "x.txt")


def test_unknown_format(tmp_path):
    p = tmp_path / "lex.txt"
    p.write_text("a: [b]\n")
    with pytest.raises(LexiconError, match="unknown dictionary format '.txt'") as e:
        load_lexicon(p)
    assert e.value.path == str(p)


def test_lexicon_object_passes_through_and_from_dict_nests():
    lex = Lexicon.from_dict({"a": ["x"], "g": {"b": ["y"], "c": "z"}}, name="n")
    assert load_lexicon(lex) is lex
    assert lex.category_names == ["a", "g", "g.b", "g.c"]
    assert lex.patterns("g") == ("y", "z")


# -- matching and counting rules --------------------------------------------------------
def one(text, mapping, **kw):
    """Counts of every category of an inline lexicon on one text."""
    lex = Lexicon.from_dict(mapping, name="t")
    return score([text], lex, **kw).iloc[0][lex.category_names].to_dict()


def test_rule1_a_token_counts_once_per_category():
    got = one("negotiations and a negotiation", {"d": ["negotiat*", "negotiation"]})
    assert got == {"d": 2}
    tc = term_counts(["a negotiation"], Lexicon.from_dict({"d": ["negotiat*", "negotiation"]}))
    assert tc["term"].tolist() == ["negotiat*"]  # credited to the first pattern in order


def test_rule2_mwe_words_not_counted_again_in_same_category():
    mapping = {"d": ["peace talks", "talks", "peace"], "other": ["talks"]}
    got = one("Peace talks resumed; more talks, and peace.", mapping)
    assert got == {"d": 3, "other": 2}  # 1 MWE + talks + peace; other still sees both talks


def test_rule2_longest_then_leftmost_without_overlap():
    mapping = {"a": ["peace talks", "peace talks resume", "talks resume"]}
    assert one("peace talks resume today", mapping) == {"a": 1}
    assert one("a b c", {"x": ["a b", "b c"]}) == {"x": 1}
    assert one("a b c", {"x": ["a b"], "y": ["b c"]}) == {"x": 1, "y": 1}
    assert one("a b a b", {"x": ["a b"]}) == {"x": 2}


def test_rule3_group_is_union_of_children():
    got = one("peace and peacemakers", {"g": {"x": ["peace"], "y": ["peace*"]}})
    assert got == {"g": 2, "g.x": 1, "g.y": 2}


def test_globs_and_case():
    assert one("US-Russia, Indo-Russia ties", {"r": ["*-russia"]}) == {"r": 2}
    assert one("cat cut coat", {"c": ["c?t"]}) == {"c": 2}
    assert one("peace deals and a peace deal", {"p": ["peace deal*"]}) == {"p": 2}
    assert one("Russia's envoy", {"r": ["russia"]}) == {"r": 1}
    assert one("U.S. and the u.s. and US", {"u": ["u.s."]}) == {"u": 2}
    assert one("Summit and summit", {"s": ["summit"]}, case_sensitive=True) == {"s": 1}
    assert one("Summit and summit", {"s": ["Summit"]}, case_sensitive=True) == {"s": 1}
    assert one("Summit and summit", {"s": ["Summit"]}) == {"s": 2}


def test_score_columns_rates_and_empty_documents():
    lex = mini()
    out = score(TEXTS, lex)
    expected_cols = ["doc_id", "n_tokens"]
    for c in lex.category_names:
        expected_cols += [c, f"{c}_per_1k", f"{c}_any"]
    assert list(out.columns) == expected_cols
    assert out["doc_id"].tolist() == ["0", "1", "2", "3", "4"]
    row = out.iloc[2]
    assert row["n_tokens"] == len(tokenize(TEXTS[2]))
    assert row["frames.peace_per_1k"] == pytest.approx(1000 * row["frames.peace"] / row["n_tokens"])
    empty = out.iloc[3]
    assert empty["n_tokens"] == 0 and empty["conflict_per_1k"] == 0.0 and empty["conflict_any"] == 0
    assert out.attrs["lexicon"] == "mini" and out.attrs["lexicon_hash"] == lex.content_hash
    assert out.loc[:, "diplomacy"].tolist() == [4, 1, 3, 0, 0]


def test_term_counts_add_up_to_scores():
    lex = mini()
    tc = term_counts(TEXTS, lex)
    assert list(tc.columns) == ["doc_id", "category", "term", "match", "count"]
    summed = tc.groupby(["doc_id", "category"])["count"].sum()
    out = score(TEXTS, lex).set_index("doc_id")
    for doc_id in out.index:
        for cat in lex.category_names:
            assert summed.get((doc_id, cat), 0) == out.loc[doc_id, cat], (doc_id, cat)
    rows = tc[(tc["doc_id"] == "1") & (tc["category"] == "frames.pressure")]
    assert set(rows["match"]) == {"tariffs", "sanctions", "trade war"}


def test_inputs_frames_series_chunks_and_generators():
    ids = [f"d{i}" for i in range(len(TEXTS))]
    df = pd.DataFrame({"doc_id": ids, "text": TEXTS, "outlet": "X"})
    base = score(df, mini())
    assert base["doc_id"].tolist() == ids
    series = score(pd.Series(TEXTS, index=ids), mini())
    pd.testing.assert_frame_equal(series, base)
    chunked = score(iter([df.iloc[:2], df.iloc[2:]]), mini(), chunksize=1)
    pd.testing.assert_frame_equal(chunked, base)
    gen = score((t for t in TEXTS), mini(), chunksize=2).drop(columns="doc_id")
    pd.testing.assert_frame_equal(gen, base.drop(columns="doc_id"))
    missing = score([None, np.nan, "talks"], mini())
    assert missing["n_tokens"].tolist() == [0, 0, 1]
    assert len(score([], mini())) == 0


@pytest.mark.slow
def test_n_jobs_gives_the_same_numbers():
    texts = TEXTS * 40
    pd.testing.assert_frame_equal(
        score(texts, mini(), n_jobs=2, chunksize=25), score(texts, mini())
    )


def test_bad_inputs_to_score():
    with pytest.raises(ColumnsError, match="missing column"):
        score(pd.DataFrame({"id": [1], "body": ["x"]}), mini())
    with pytest.raises(CorpusError, match="doc_id 'b'.*int") as e:
        score(pd.DataFrame({"doc_id": ["a", "b"], "text": ["fine", 7]}), mini())
    assert e.value.doc_id == "b" and e.value.field == "text"
    with pytest.raises(TypeError, match="single string"):
        score("peace talks", mini())


def test_score_frame_keeps_index_for_partitions():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": TEXTS[:2]}, index=[10, 11])
    out = score_frame(df, mini())
    assert out.index.tolist() == [10, 11]
    assert out.reset_index(drop=True).equals(score(df, mini()))


def test_dask_map_partitions_gives_identical_numbers():
    dd = pytest.importorskip("dask.dataframe")
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "text": TEXTS * 10})
    lex = mini()
    ddf = dd.from_pandas(df, npartitions=4)
    got = ddf.map_partitions(score_frame, lex, meta=score_frame(df.head(0), lex)).compute()
    want = score(df, lex)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


# -- bad lexicon files -------------------------------------------------------------------
def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_malformed_yaml_names_file_and_line(tmp_path):
    p = write(tmp_path, "bad.yaml", "name: x\ncategories:\n  a:\n    terms: [one, two\n  b: 1\n")
    with pytest.raises(LexiconError, match=r"bad\.yaml line \d+: malformed YAML") as e:
        load_lexicon(p)
    assert e.value.path == str(p) and e.value.line in (4, 5)


@pytest.mark.parametrize(
    ("body", "match", "line"),
    [
        ("  a:\n    definition: d\n    terms: []\n", "category 'a' is empty", 5),
        ("  a:\n    terms:\n", "category 'a' is empty", 4),
        ("  a:\n    terms: [ok, '**']\n", "'\\*\\*' is not valid", 4),
        ("  a:\n    terms: [ok, '*']\n", "only wildcards", 4),
        ("  a:\n    terms: [ok, '']\n", "empty pattern", 4),
        ("  a:\n    terms:\n      - fine\n      - Russia's\n", "can never match", 6),
        ("  a:\n    term: [x]\n", "unknown key 'term'", 4),
        ("  a:\n    terms: [x]\n    categories: {b: {terms: [y]}}\n", "both 'terms'", 3),
        ("  a: [x, y]\n", "must be a mapping", 3),
    ],
)
def test_bad_kit_yaml(tmp_path, body, match, line):
    p = write(tmp_path, "lex.yaml", "name: t\ncategories:\n" + body)
    with pytest.raises(LexiconError, match=match) as e:
        load_lexicon(p)
    assert e.value.line == line and e.value.path == str(p)
    assert f"lex.yaml line {line}" in str(e.value)


def test_bad_quanteda_yaml(tmp_path):
    p = write(tmp_path, "q.yaml", "a: [x]\nb:\n")
    with pytest.raises(LexiconError, match="category 'b' is empty") as e:
        load_lexicon(p)
    assert e.value.line == 2
    p = write(tmp_path, "dup.yaml", "a: [x]\na: [y]\n")
    with pytest.raises(LexiconError, match="appears twice") as e:
        load_lexicon(p)
    assert e.value.line == 2


def test_duplicate_terms_warn_with_both_lines(tmp_path):
    p = write(tmp_path, "d.yaml", "a:\n  - peace\n  - talks\n  - peace\n")
    with pytest.warns(DuplicateTermWarning, match=r"d\.yaml line 4: term 'peace'.*line 2"):
        lex = load_lexicon(p)
    assert lex.categories["a"].terms == ("peace", "talks")
    p = write(tmp_path, "d.dic", "%\n1\ta\n%\npeace\t1\ntalks\t1\npeace\t1\n")
    with pytest.warns(DuplicateTermWarning, match=r"d\.dic line 6: .*line 4"):
        load_lexicon(p)
    assert issubclass(DuplicateTermWarning, UserWarning)


def test_same_term_in_two_dic_categories_is_not_a_duplicate(tmp_path):
    p = write(tmp_path, "two.dic", "%\n1\ta\n2\tb\n%\nbetray\t1\nbetray\t2\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lex = load_lexicon(p)
    assert one_lex(lex, "They betray.") == {"a": 1, "b": 1}


def one_lex(lex, text):
    return score([text], lex).iloc[0][lex.category_names].to_dict()


@pytest.mark.parametrize(
    ("text", "match", "line", "value"),
    [
        ("%\n1\ta\n%\npeace\t1\ntalks\t3\n", "uses category id 3", 5, "3"),
        ("%\n1\ta\n%\nlike\t1\t02/1[x]\n", "not a number", 4, "02/1[x]"),
        ("1\ta\n%\npeace\t1\n", "starts with a line holding only '%'", 1, None),
        ("%\n1\ta\n2\tb\n%\npeace\t1\n", "category 'b' \\(id 2\\) has no terms", 3, "b"),
        ("%\n1\ta\npeace\t1\n", "looks like a term, but the category header", 3, "peace\t1"),
        ("%\n1 a\nx\n%\n", "expected '<id><TAB><category name>'", 3, "x"),
        ("%\n1\ta\n%\npeace\n", "has no category id", 4, "peace"),
        ("%\n1\ta\n%\n**\t1\n", "not valid", 4, "**"),
    ],
)
def test_bad_dic(tmp_path, text, match, line, value):
    p = write(tmp_path, "bad.dic", text)
    with pytest.raises(LexiconError, match=match) as e:
        load_lexicon(p)
    assert e.value.line == line and e.value.path == str(p)
    if value is not None:
        assert e.value.value == value


def test_lexicon_constructor_checks():
    with pytest.raises(LexiconError, match="is empty"):
        Lexicon(name="x", categories=[Category("a")])
    with pytest.raises(LexiconError, match="no categories"):
        Lexicon(name="x", categories={})
    with pytest.raises(LexiconError, match="unknown children"):
        Lexicon(name="x", categories=[Category("g", children=("g.a",))])
    with pytest.raises(LexiconError, match="'\\*\\*' is not valid") as e:
        Lexicon.from_dict({"a": ["war**"]})
    assert e.value.value == "war**"


# -- key words in context ----------------------------------------------------------------
def corpus():
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6)],
            "outlet": ["A", "A", "A", "B", "B", "C"],
            "date": pd.to_datetime(["2025-07-01"] * 6, utc=True),
            "text": [
                "Both sides Clashed again over the Indo-Pacific plan.",
                "Negotiators clash; then they clash again.",
                "No match here.",
                "Peace talks began. The U.S. envoy joined peace talks later.",
                "A clash.",
                "Sanctions and clashes.",
            ],
        }
    )


def test_kwic_pattern_keeps_original_case():
    out = kwic(corpus(), "clash*", window=2)
    assert list(out.columns) == ["doc_id", "outlet", "date", "left", "match", "right", "term"]
    first = out.iloc[0]
    assert (first["left"], first["match"], first["right"]) == (
        "Both sides",
        "Clashed",
        "again over",
    )
    assert out["doc_id"].tolist() == ["d0", "d1", "d1", "d4", "d5"]
    assert str(out["date"].dtype).startswith("datetime64")


def test_kwic_category_follows_counting_rules():
    out = kwic(corpus(), "diplomacy", lexicon=mini(), window=3)
    assert out["match"].tolist() == ["Negotiators", "Peace talks", "U.S.", "peace talks"]
    assert out["term"].tolist() == ["negotiat*", "peace talks", "u.s.", "peace talks"]
    n = score(corpus(), mini()).set_index("doc_id")["diplomacy"]
    assert out.groupby("doc_id").size().to_dict() == n[n > 0].to_dict()


def test_kwic_sample_per_outlet_is_reproducible():
    big = pd.concat([corpus()] * 5, ignore_index=True)
    big["doc_id"] = [f"d{i}" for i in range(len(big))]
    a = kwic(big, "clash*", n_per_outlet=2, seed=1)
    b = kwic(big, "clash*", n_per_outlet=2, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.groupby("outlet").size().max() <= 2
    assert set(a["outlet"]) == {"A", "B", "C"}
    with pytest.raises(LexiconError, match="only wildcards"):
        kwic(big, "*")


# -- diagnostics -------------------------------------------------------------------------
def test_diagnose_reports_dead_dominant_shared_and_broad_terms():
    lex = Lexicon.from_dict(
        {"conflict": ["war*", "feud", "clash"], "peace": ["truce", "clash"]}, name="diag"
    )
    texts = ["War, warnings, a warrant in Warsaw and war again.", "A clash and a truce."]
    d = diagnose(lex, texts, glob_words=3)
    assert set(d) == {"unmatched", "dominant", "overlaps", "globs"}
    assert d["unmatched"].to_dict("records") == [{"category": "conflict", "term": "feud"}]
    dom = d["dominant"].set_index(["category", "term"])
    assert dom.loc[("conflict", "war*"), "share"] == pytest.approx(5 / 6)
    assert d["overlaps"].to_dict("records") == [
        {"term": "clash", "categories": "conflict; peace", "n_categories": 2}
    ]
    g = d["globs"].iloc[0]
    assert g["term"] == "war*" and g["n_words"] == 4 and bool(g["broad"])
    assert g["words"].startswith("war (2), ")
    assert {"warnings", "warrant", "warsaw"} <= {w.split(" ")[0] for w in g["words"].split(", ")}


# -- scikit-learn ------------------------------------------------------------------------
def test_scorer_matches_score_and_names_features():
    lex = mini()
    for output, suffix in [("per_1k", "_per_1k"), ("count", ""), ("any", "_any")]:
        sc = LexiconScorer(lex, output=output).fit(TEXTS)
        cols = [f"{c}{suffix}" for c in lex.category_names]
        assert list(sc.get_feature_names_out()) == cols
        np.testing.assert_array_equal(sc.transform(TEXTS), score(TEXTS, lex)[cols].to_numpy(float))


def test_scorer_pandas_output_and_dataframe_input():
    df = pd.DataFrame({"text": TEXTS}, index=list("abcde"))
    sc = LexiconScorer(mini(), output="count").set_output(transform="pandas")
    out = sc.fit_transform(df)
    assert isinstance(out, pd.DataFrame) and list(out.index) == list("abcde")
    assert out.loc["a", "diplomacy"] == 4
    with pytest.raises(ValueError, match="output must be one of"):
        LexiconScorer(output="rates").fit(TEXTS)
    with pytest.raises(TypeError, match="one string"):
        LexiconScorer(mini()).fit(TEXTS).transform("text")


def test_scorer_default_uses_builtin_and_works_in_a_pipeline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    sc = LexiconScorer().fit(TEXTS)
    assert sc.lexicon_.name == "news_frames"
    pipe = make_pipeline(LexiconScorer(mini()), LogisticRegression())
    pipe.fit(TEXTS[:3] * 2, [0, 1, 0, 1, 0, 1])
    assert pipe.predict(TEXTS).shape == (5,)


# parametrize_with_checks refuses the scorer: its input tags say raw text
# (two_d_array=False, string=True) and sklearn's generated checks all feed numeric arrays
# (it raises SkipTestWarning "Can't test estimator ... which requires input of type ...").
# The checks about the estimator contract itself, independent of the input, run directly.
@pytest.mark.parametrize(
    "check",
    [
        "check_no_attributes_set_in_init",
        "check_parameters_default_constructible",
        "check_get_params_invariance",
        "check_set_params",
    ],
)
def test_sklearn_contract_checks(check):
    from sklearn.utils import estimator_checks

    fn = getattr(estimator_checks, check, None)
    if fn is None:
        pytest.skip(f"{check} not in this scikit-learn")
    fn("LexiconScorer", LexiconScorer(mini()))


def test_scorer_clone_and_params():
    from sklearn.base import clone

    sc = LexiconScorer(mini(), output="any")
    params = sc.get_params()
    c = clone(sc)
    assert c.get_params()["output"] == "any" and not hasattr(c, "lexicon_")
    sc.fit(TEXTS)
    assert sc.get_params() == params


# -- real data: agreement with the liwc package ------------------------------------------
@pytest.mark.realdata
def test_counts_equal_liwc_on_allsides_sample(tmp_path):
    liwc = pytest.importorskip("liwc")
    articles = DATA / "allsides" / "articles.jsonl.gz"
    dic = DATA / "lexicons" / "mfd2.0.dic"
    if not (articles.exists() and dic.exists()):
        pytest.skip(f"real data not found under {DATA}")
    # Where the two semantics coincide: single words (liwc does not match multiword
    # expressions) and one line per term (liwc keeps only the last line of a repeated
    # term), plus prefix globs that no other term shares a prefix with (liwc stops at
    # the first '*' on its trie path).
    mfd = load_lexicon(dic)
    ids = {name: i for i, name in enumerate(mfd.category_names, start=1)}
    rows: dict[str, list[int]] = {}
    for cat in mfd.categories.values():
        for term in cat.terms:
            if " " not in term:
                rows.setdefault(term, []).append(ids[cat.name])
    words = set(rows)
    for glob, cid in [("negotiat*", 3), ("sanction*", 8), ("tariff*", 4)]:
        stem = glob[:-1]
        assert not any(w.startswith(stem) for w in words)
        rows[glob] = [cid]
    merged = tmp_path / "mfd_single.dic"
    lines = ["%", *(f"{i}\t{n}" for n, i in ids.items()), "%"]
    lines += [t + "".join(f"\t{i}" for i in c) for t, c in rows.items()]
    merged.write_text("\n".join(lines) + "\n")

    with gzip.open(articles, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["content_original"] or "" for line in islice(fh, 200)]
    ours = score(texts, load_lexicon(merged))
    parse, names = liwc.load_token_parser(str(merged))
    theirs = np.zeros((len(texts), len(names)), dtype=np.int64)
    for d, text in enumerate(texts):
        for tok in tokenize(text):  # the same tokens for both
            for cat in parse(tok):
                theirs[d, names.index(cat)] += 1
    np.testing.assert_array_equal(ours[names].to_numpy(), theirs)
    assert theirs.sum() > 1000  # the sample really exercises the dictionary


# -- command line ------------------------------------------------------------------------
def small_corpus_file(tmp_path):
    df = corpus()
    df["title"] = "t"
    df["date"] = "2025-07-01"
    path = tmp_path / "articles.jsonl"
    df.to_json(path, orient="records", lines=True)
    return path


def test_cli_lexicon_list_info_and_score(tmp_path, capsys):
    from framing.cli import main

    assert main(["lexicon", "list"]) == 0
    assert "news_frames" in capsys.readouterr().out
    assert main(["lexicon", "info", str(FIX / "lexicon_mini.yaml")]) == 0
    out = capsys.readouterr().out
    assert "mini 0.1.0 (en)" in out and "frames.pressure" in out
    path = small_corpus_file(tmp_path)
    target = tmp_path / "scores.csv"
    args = ["lexicon", "score", str(path), "--lexicon", str(FIX / "lexicon_mini.yaml")]
    assert main([*args, "--out", str(target), "--chunksize", "4"]) == 0
    assert "scored 6 articles" in capsys.readouterr().out
    written = pd.read_csv(target, dtype={"doc_id": str})
    want = score(pd.read_json(path, lines=True, dtype={"doc_id": str}), mini())
    pd.testing.assert_frame_equal(written, want, check_dtype=False)
    assert main(["lexicon", "info", "nope"]) == 1
    assert "no built-in lexicon named 'nope'" in capsys.readouterr().err


def test_cli_kwic(tmp_path, capsys):
    from framing.cli import main

    path = small_corpus_file(tmp_path)
    assert main(["kwic", str(path), "clash*", "--window", "2", "--per-outlet", "1"]) == 0
    out = capsys.readouterr().out
    assert "clash" in out.lower() and "d5" in out
    args = ["kwic", str(path), "frames.peace", "--lexicon", str(FIX / "lexicon_mini.yaml")]
    assert main([*args, "--out", str(tmp_path / "k.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "k.csv")) == 2
    assert main(["kwic", str(path), "nothing*"]) == 0
    assert "no match for 'nothing*'" in capsys.readouterr().out


def test_kwic_list_of_categories_adds_category_column():
    from framing.lexicon import Lexicon, kwic

    df = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "outlet": ["X", "Y"],
            "text": ["Both sides clashed over tariffs.", "Peace talks and a clash."],
        }
    )
    lex = Lexicon.from_dict(
        {"conflict": ["clash*"], "trade": ["tariff*"], "none": ["zzz"]}, name="m"
    )
    out = kwic(df, ["trade", "conflict", "none"], lexicon=lex, window=1, n_per_outlet=1)
    assert out.columns[0] == "category"
    assert out["category"].tolist() == ["trade", "conflict", "conflict"]
    assert out["match"].tolist() == ["tariffs", "clashed", "clash"]
    single = kwic(df, "conflict", lexicon=lex, window=1)
    assert (
        out[out["category"] == "conflict"]
        .drop(columns="category")
        .reset_index(drop=True)
        .equals(single)
    )
    assert list(kwic(df, [], lexicon=lex).columns[:2]) == ["category", "doc_id"]


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["news_frames", "topic_frames"])
def test_fast_paths_agree_on_allsides_sample(name):
    # The three ways the matcher resolves types must give the same counts: glob search
    # by literal runs in the text (score), checking every new token type (count without
    # texts), and the position-by-position path behind term_counts.
    from framing._patterns import Matcher
    from framing.lexicon._score import matcher_for

    articles = DATA / "allsides" / "articles.jsonl.gz"
    if not articles.exists():
        pytest.skip(f"real data not found under {DATA}")
    with gzip.open(articles, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["content_original"] or "" for line in islice(fh, 300)]
    lex = load_lexicon(name)
    fast = score(texts, lex)
    cats = [(c, lex.patterns(c)) for c in lex.category_names]
    assert matcher_for(lex)._literals, "the literal search path is exercised"
    _, counts = Matcher(cats).count([tokenize(t) for t in texts])  # fresh memo, no texts
    np.testing.assert_array_equal(fast[lex.category_names].to_numpy(), counts)
    tc = term_counts(texts, lex).groupby(["doc_id", "category"])["count"].sum()
    wide = tc.unstack(fill_value=0).reindex(
        index=fast["doc_id"], columns=lex.category_names, fill_value=0
    )
    np.testing.assert_array_equal(wide.to_numpy(), counts)
    assert counts.sum() > 1000


def test_memo_reset_keeps_counts(monkeypatch):
    import framing._patterns as patterns

    texts = TEXTS * 3
    lex = Lexicon.from_dict(
        {"a": ["clash*", "peace talks", "talks"], "b": ["*-russia", "tariff*"]}, name="reset"
    )
    want = score(texts, lex)
    monkeypatch.setattr(patterns, "_MAX_SEEN", 3)  # forget the memo at every chunk
    from framing._tokens import prepare

    cats = [(c, lex.patterns(c)) for c in lex.category_names]
    by_literals, by_types = patterns.Matcher(cats), patterns.Matcher(cats)
    assert by_literals._literals
    by_types._literals = None  # the per-type fallback
    for m in (by_literals, by_types):
        got = [m.count_texts([prepare(t)])[1][0] for t in texts]
        np.testing.assert_array_equal(np.vstack(got), want[lex.category_names].to_numpy())


def test_score_cache_gives_the_uncached_numbers_and_skips_known_texts(tmp_path, monkeypatch):
    import framing.lexicon._score as engine

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    lex = Lexicon.from_dict(
        {"conflict": ["clash*", "war of words"], "peace": ["truce", "peace talks"]}, name="mini"
    )
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["A war of words, then clashes.", "Peace talks and a truce.", None, "Calm."],
        }
    )
    plain = score(docs, lex, cache=False)
    first = score(docs, lex)
    pd.testing.assert_frame_equal(first, plain)
    assert first.attrs == plain.attrs

    scored = []
    original = engine._score_chunk
    monkeypatch.setattr(
        engine,
        "_score_chunk",
        lambda lex, ids, texts, *a, **k: scored.extend(texts) or original(lex, ids, texts, *a, **k),
    )
    # a sub-corpus plus one new text: only the new text is scored
    more = pd.concat(
        [docs.iloc[[1, 0]], pd.DataFrame({"doc_id": ["e"], "text": ["Another truce."]})]
    )
    again = score(more, lex)
    assert scored == ["Another truce."]
    pd.testing.assert_frame_equal(again, score(more, lex, cache=False))


def test_load_lexicon_finds_relative_paths_from_the_project_root(tmp_path, monkeypatch):
    (tmp_path / "corpora").mkdir()
    (tmp_path / "notebooks").mkdir()
    save_lexicon(
        Lexicon.from_dict({"peace": ["truce"]}, name="mine"), tmp_path / "corpora" / "mine.yaml"
    )
    monkeypatch.chdir(tmp_path / "notebooks")  # as in JupyterLab
    assert load_lexicon("corpora/mine.yaml").name == "mine"
    with pytest.raises(LexiconError, match="does not exist"):
        load_lexicon("corpora/none.yaml")


# -- bounded work for any input (review M4, L25) ------------------------------------------
@contextmanager
def within(seconds: float):
    """Fail (instead of hanging the suite) when the block runs past ``seconds``: a guard
    against exponential work, far above the real cost; not a speed measurement."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_many_star_globs_match_in_linear_time():
    """Review M4: `a*a*a*...*b` against a 40-letter token took 44 s as a regex."""
    word = "a*" * 20 + "b"
    lex = Lexicon.from_dict({"odd": [word], "plain": ["negotiat*"]}, name="redos")
    text = "a" * 40 + " " + "a" * 39 + "b negotiations " + "ab aab aXb"
    with within(20):
        got = one_lex(lex, text)
        rows = kwic(pd.DataFrame({"doc_id": ["1", "2"], "text": [text, "a" * 60]}), word)
    assert got == {"odd": 1, "plain": 1}  # only the token ending in b (aXb is lowered: axb)
    assert len(rows) == 1
    # the glob matcher agrees with the regular expression on ordinary tokens
    import re

    from framing._patterns import _Glob

    for glob in ["a*b*c", "*ab*", "n?go*at*", "x*", "*x*y?z*"]:
        rx = re.compile(re.escape(glob).replace(r"\*", ".*").replace(r"\?", "."), re.S)
        for tok in ["abc", "aabbcc", "negotiate", "ngoat", "xayzz", "xyaz", "", "ab", "xyz"]:
            assert (_Glob(glob)(tok) is not None) == bool(rx.fullmatch(tok)), (glob, tok)


def test_glob_index_tries_only_globs_that_can_match():
    """Review M4: resolving each exact term against every glob made large lexicons
    quadratic (100k entries: 10 s, 1M: over 600 s)."""
    from framing._patterns import Matcher

    globs = [f"w{i:05d}x*" for i in range(20_000)] + ["*ment", "*zz*"]
    words = [f"w{i:05d}" for i in range(100_000)]
    m = Matcher([("a", words + globs)])
    tried = list(m._globs.candidates("w00042xyz"))
    assert sorted(p[2] for _, p in tried) == ["*zz*", "w00042x*"]
    assert [p[2] for p in m._globs.matching("agreement")] == ["*ment"]
    n_tokens, counts = m.count([["w00042xyz", "w00001", "agreement", "nothing"]])
    assert counts.tolist() == [[3]]


@pytest.mark.parametrize(
    ("pattern", "match"),
    [
        ("a.*b", "looks like a regular expression"),
        ("(peace|truce)+", "looks like a regular expression"),
        ("peace/truce", "Write 'peace truce' instead"),
        ("us/russia*", "Write 'us russia\\*' instead"),
    ],
)
def test_pattern_suggestions_keep_the_wildcards(pattern, match):
    """Review L25: `a.*b` was answered with "Write 'a xb'" (the x was the probe's)."""
    with pytest.raises(LexiconError, match=match):
        Lexicon.from_dict({"a": [pattern]})


def test_empty_scores_keep_text_ids_and_categories_are_checked():
    """Review M7: score() of an empty table gave doc_id as float64 (notebook 20 then
    failed merging str with float64); an unknown frame gave a KeyError."""
    empty = pd.DataFrame({"doc_id": pd.Series(dtype="str"), "text": pd.Series(dtype="str")})
    for cache in (True, False):
        assert score(empty, mini(), cache=cache)["doc_id"].dtype.kind in "OT"
    lex = mini()
    assert lex.check_categories([]) == lex.category_names
    with pytest.raises(LexiconError, match="no category 'confict'.*Did you mean 'conflict'"):
        lex.check_categories(["confict"])
