"""framing.stories: near-duplicates, the duplicates policy, story clusters, within-story comparisons."""

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.corpus import load_corpus
from framing.errors import ColumnsError, StoriesError
from framing.lexicon import score
from framing.stories import (
    apply_duplicates,
    cluster_file,
    dedup_file,
    duplicates_note,
    find_duplicates,
    read_stories_table,
    reprints_by_outlet,
    shingle_hashes,
    story_clusters,
    story_coverage,
    story_sides,
    within_stories,
)
from framing.stories._minhash import candidate_pairs, lsh_params, permutations, signatures

WORDS = (
    "minister talks border trade envoy summit tariff rice port strike harbour freight "
    "vote council budget school river bridge storm rain farmers market price export "
    "ceasefire convoy town shelter winter fuel grain ship crew court judge law"
).split()


def _text(rng, n=120):
    return " ".join(rng.choice(WORDS, size=n))


def _edit(rng, text, n_changes=3, keep=1.0):
    words = text.split()
    words = words[: int(len(words) * keep)]
    for i in rng.choice(len(words), size=n_changes, replace=False):
        words[i] = "changed"
    return " ".join(words)


@pytest.fixture(scope="module")
def demo():
    return load_corpus("corpora/demo")


@pytest.fixture(scope="module")
def truth():
    return pd.read_csv("corpora/demo/planted_stories.csv")


# --- MinHash and LSH ---------------------------------------------------------------


def test_signatures_equal_datasketch():
    from datasketch import MinHash

    rng = np.random.default_rng(0)
    texts = [_text(rng, n) for n in (3, 30, 300)] + ["", None, "one"]
    h, off, n_words = shingle_hashes(texts, k=5)
    assert n_words.tolist() == [3, 30, 300, 0, 0, 1]
    assert np.diff(off).tolist()[3:5] == [0, 0]
    sig = signatures(h, off, num_perm=64, seed=7)
    for i in range(len(texts)):
        m = MinHash(num_perm=64, seed=7, hashfunc=lambda x: x, scheme="affine32")
        m.update_batch(h[off[i] : off[i + 1]].tolist())
        assert (m.hashvalues == sig[i]).all(), i
    a, b = permutations(64, 7)
    assert a.dtype == np.uint32 and (a % 2 == 1).all()


def test_shingles_are_stable_and_distinct():
    h1, off1, _ = shingle_hashes(["Talks resume in Geneva today, officials say."], k=3)
    h2, off2, _ = shingle_hashes(["talks RESUME in geneva today officials say"], k=3)
    assert h1.tolist() == h2.tolist()  # case and punctuation do not matter
    h, off, _ = shingle_hashes(["a b a b a b a b"], k=2)
    assert len(h) == 2  # "a b" and "b a" once each


def test_candidates_match_datasketch_index():
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(1)
    base = [_text(rng) for _ in range(30)]
    texts = base + [_edit(rng, t, 4) for t in base[:10]] + [_edit(rng, t, 30) for t in base[10:20]]
    h, off, _ = shingle_hashes(texts)
    sig = signatures(h, off)
    bands, rows = lsh_params(0.5, 128)
    ours = {tuple(p) for p in candidate_pairs(sig, bands, rows)}
    lsh = MinHashLSH(num_perm=128, params=(bands, rows))
    for i, s in enumerate(sig):
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=s, scheme="affine32"))
    theirs = {
        (min(i, j), max(i, j))
        for i, s in enumerate(sig)
        for j in lsh.query(LeanMinHash(seed=1, hashvalues=s, scheme="affine32"))
        if i != j
    }

    # the star pairs of each bucket connect the same components as all pairs
    def components(pairs):
        parent = list(range(len(texts)))

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        for i, j in pairs:
            parent[find(i)] = find(j)
        return {
            frozenset(k for k in range(len(texts)) if find(k) == find(r)) for r in range(len(texts))
        }

    assert ours <= theirs
    assert components(ours) == components(theirs)
    assert {(i, i + 30) for i in range(10)} <= theirs


# --- near-duplicates -------------------------------------------------------------------


def _articles(rng):
    src = _text(rng, 200)
    return pd.DataFrame({
        "doc_id": ["paper-early", "wire", "copy-trim", "same-outlet", "other"],
        "outlet": ["Paper", "Wire", "Daily", "Wire", "Daily"],
        "outlet_type": ["private", "wire", "private", "wire", "private"],
        "date": pd.to_datetime(["2025-07-01 05:00", "2025-07-01 06:00", "2025-07-01 09:00",
                                "2025-07-02 09:00", "2025-07-01 10:00"], utc=True),
        "text": [_edit(rng, src, 2), src, _edit(rng, src, 2, keep=0.7), src + " Updated.",
                 _text(rng, 200)],
    })  # fmt: skip


def test_find_duplicates_source_roles_and_shares():
    d = find_duplicates(_articles(np.random.default_rng(2)))
    assert set(d["doc_id"]) == {"paper-early", "wire", "copy-trim", "same-outlet"}
    row = d.set_index("doc_id")
    # a wire member is the source even when another outlet's copy is earlier
    assert (row["source_doc_id"] == "wire").all()
    assert row.loc["wire", "role"] == "source" and row.loc["same-outlet", "role"] == "copy"
    assert row.loc["paper-early", "role"] == "reprint"
    assert d["doc_id"].iloc[0] == "wire" and d["n_members"].eq(4).all()
    # the trimmed copy keeps about 70% of the source, and nearly all of it is shared
    assert row.loc["copy-trim", "source_kept"] == pytest.approx(0.7, abs=0.1)
    assert row.loc["copy-trim", "shared_with_source"] > 0.8
    assert d.attrs["params"]["threshold"] == 0.4 and d.attrs["n_articles"] == 5
    rep = reprints_by_outlet(d, _articles(np.random.default_rng(2))).set_index("outlet")
    assert rep.loc["Wire", "n_reprinted"] == 1 and rep.loc["Paper", "n_reprints"] == 1
    assert rep.loc["Daily", "share_reprints"] == 0.5


def test_find_duplicates_without_wires_takes_earliest_and_empty_result():
    a = _articles(np.random.default_rng(2)).drop(columns="outlet_type")
    d = find_duplicates(a)
    assert (d["source_doc_id"] == "paper-early").all()
    assert find_duplicates(a, wires=["Wire"])["source_doc_id"].eq("wire").all()
    none = find_duplicates(a.iloc[[0, 4]])
    assert none.empty and list(none.columns)[:3] == ["doc_id", "dup_id", "n_members"]


def test_find_duplicates_errors():
    a = _articles(np.random.default_rng(2))
    with pytest.raises(StoriesError, match="threshold=1.5") as err:
        find_duplicates(a, threshold=1.5)
    assert err.value.context["field"] == "threshold"
    with pytest.raises(StoriesError, match="doc_id 'wire' occurs more than once") as err:
        find_duplicates(pd.concat([a, a.iloc[[1]]]))
    assert err.value.context["value"] == "wire"
    with pytest.raises(ColumnsError, match="text"):
        find_duplicates(a.drop(columns="text"))


def test_duplicates_policies():
    a = _articles(np.random.default_rng(2))
    d = find_duplicates(a)
    kept = {p: apply_duplicates(a, d, p) for p in ("keep", "first", "drop_reprints", "weight")}
    assert len(kept["keep"]) == 5 and kept["keep"]["weight"].eq(1).all()
    assert set(kept["first"]["doc_id"]) == {"wire", "other"}
    assert set(kept["drop_reprints"]["doc_id"]) == {"wire", "same-outlet", "other"}
    w = kept["weight"].set_index("doc_id")["weight"]
    assert w["wire"] == 0.25 and w["other"] == 1.0 and w.sum() == pytest.approx(2.0)
    rec = kept["first"].attrs["duplicates"]
    assert (
        rec["policy"] == "first" and rec["n_dropped"] == 3 and "3 articles dropped" in rec["note"]
    )
    assert duplicates_note("weight").startswith("Near-duplicates: near-duplicate texts weighted")
    with pytest.raises(StoriesError, match="duplicates='second' is not a policy") as err:
        apply_duplicates(a, d, "second")
    assert err.value.context["value"] == "second"
    with pytest.raises(StoriesError, match="needs the near-duplicate table"):
        apply_duplicates(a, None, "first")


# --- story clusters -----------------------------------------------------------------


def test_story_clusters_window_and_undated():
    port = "Dock workers at the port of Tanjung Serai walked out, halting rice exports to Japan."
    a = pd.DataFrame({
        "doc_id": list("abcde"), "outlet": ["A", "B", "C", "A", "B"],
        "date": pd.to_datetime(["2025-07-10 08:00", "2025-07-11 09:00", "2025-07-30 09:00",
                                None, "2025-07-12 09:00"], utc=True),
        "title": ["Port strike halts rice exports", "Strike at Tanjung Serai port stops rice",
                  "Port strike halts rice exports", "Port strike halts rice exports",
                  "Chess open draws young players"],
        "text": [port, port + " Talks with unions resume.", port, port,
                 "Young players filled the hall for the chess open on Sunday."],
    })  # fmt: skip
    stories, assigned = story_clusters(a, threshold=0.2)
    sid = assigned.set_index("doc_id")["story_id"]
    assert sid["a"] == sid["b"] == "story-000001"
    assert sid[["c", "d", "e"]].isna().all()  # 20 days later / undated / unrelated
    assert assigned["doc_id"].tolist() == list("abcde")
    assert assigned.attrs["n_undated"] == 1 and assigned.attrs["params"]["window_days"] == 3
    s = stories.iloc[0]
    assert s["n_outlets"] == 2 and s["first_outlet"] == "A" and s["outlets"] == "A; B"
    assert s["first_headline"] == "Port strike halts rice exports" and "rice" in s["top_terms"]
    assert assigned.set_index("doc_id").loc["b", "hours_after_first"] == 25
    with pytest.raises(StoriesError, match="window_days=-1"):
        story_clusters(a, window_days=-1)


# --- selection and framing -------------------------------------------------------------


def test_story_coverage_and_within_stories_arithmetic():
    t = pd.DataFrame({
        "doc_id": list("abcdefg"), "outlet": ["A", "B", "A", "B", "B", "A", "B"],
        "story_id": ["s1", "s1", "s2", "s2", "s3", None, "s3"],
        "date": pd.to_datetime(["2025-07-01 10:00", "2025-07-01 08:00", "2025-07-02 08:00",
                                "2025-07-02 12:00", "2025-07-03 08:00", "2025-07-04 08:00", "2025-07-03 09:00"], utc=True),
        "x": [4.0, 1.0, 6.0, 2.0, 0.0, 10.0, 0.0],
    })  # fmt: skip
    cov = story_coverage(t).set_index("outlet")
    assert cov.loc["A", "n_stories"] == 2  # s3 is covered by one outlet only
    assert cov.loc["A", "estimate"] == 1.0 and cov.loc["B", "n_first"] == 1
    assert cov.loc["A", "median_hours_to_first"] == 1.0  # 2 h late on s1, first on s2
    w = within_stories(t, "x", a="A", b="B", n_boot=300, seed=3).set_index("comparison")
    assert w.loc["within stories", "estimate"] == pytest.approx(3.5)  # (3 + 4) / 2
    assert w.loc["pooled", "estimate"] == pytest.approx(20 / 3 - 3 / 4)
    assert w.loc["selection", "estimate"] == pytest.approx(20 / 3 - 3 / 4 - 3.5)
    assert w.loc["within stories", "n_stories"] == 2 and w["contrast"].eq("A - B").all()
    assert w.loc["within stories", "ci_low"] <= 3.5 <= w.loc["within stories", "ci_high"]
    with pytest.raises(StoriesError, match="overlap"):
        within_stories(t, "x", a=["A", "B"], b="B")
    with pytest.raises(StoriesError, match="no article of b=\\['Z'\\]") as err:
        within_stories(t, "x", a="A", b="Z")
    assert err.value.context["field"] == "b"


def test_within_stories_weight_policy():
    t = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["A", "A", "B", "B"],
                      "story_id": ["s1", "s1", "s1", None], "x": [1.0, 3.0, 1.0, 1.0]})  # fmt: skip
    d = pd.DataFrame({"doc_id": ["a", "c"], "dup_id": ["d1", "d1"], "n_members": [2, 2],
                      "role": ["source", "reprint"]})  # fmt: skip
    w = within_stories(t, "x", a="A", b="B", n_boot=50, dups=d, duplicates="weight")
    pooled = w.set_index("comparison").loc["pooled", "estimate"]
    assert pooled == pytest.approx((0.5 * 1 + 3) / 1.5 - (0.5 + 1) / 1.5)
    assert w.attrs["duplicates"]["policy"] == "weight"


def test_story_sides_keeps_names_that_fit_and_says_why_it_falls_back():
    t = pd.DataFrame({
        "doc_id": list("abcdefgh"),
        "story_id": ["s1", "s1", "s2", "s2", "s2", "s3", "s3", None],
        "outlet": ["A", "B", "A", "C", "B", "B", "C", "D"],
        "lean": ["left", "right", "left", "centre", "right", "right", "centre", "left"],
    })  # fmt: skip
    kept = story_sides(t, a="B", b="C")
    assert (kept["a"], kept["b"], kept["n_shared"], kept["note"]) == ("B", "C", 2, "")
    rest = story_sides(t, a="C")
    assert rest["b"] == ["A", "B", "D"] and rest["label_b"] == "other outlets (3)"
    assert rest["n_shared"] == 2 and rest["note"] == ""
    for a, why in (("", "no outlet named"), ("Z", "'Z' is not among the outlet values"),
                   ("D", "'D' covered no story shared with another outlet")):  # fmt: skip
        side = story_sides(t, a=a)
        assert side["a"] == "B" and side["n_shared"] == 3, side  # B is in all three stories
        assert side["note"].startswith(why) and "(B, 3)" in side["note"]
    lone = story_sides(t, a="A", b="D")
    assert lone["b"] == ["B", "C", "D"] and "'D' shares no story with A" in lone["note"]
    groups = story_sides(t, group="lean", a="left")
    assert groups["b"] == ["centre", "right"] and groups["label_b"] == "centre + right"
    assert groups["n_shared"] == 2
    none = story_sides(t.assign(story_id=["s1", "s2", "s3", "s4", "s5", "s6", "s7", None]))
    assert none["a"] is None and none["n_shared"] == 0 and "no story" in none["note"]
    w = within_stories(t.assign(x=1.0), "x", a=groups["a"], b=groups["b"], group="lean",
                       labels=(groups["label_a"], groups["label_b"]), n_boot=20)  # fmt: skip
    assert w["contrast"].eq("left - centre + right").all()
    with pytest.raises(ColumnsError, match="story_sides"):
        story_sides(t.drop(columns="story_id"))


# --- the demo corpus: planted reprints, stories, selection vs framing -------------------


def _exact_jaccard(a, b):
    ha, _, _ = shingle_hashes([a])
    hb, _, _ = shingle_hashes([b])
    return len(set(ha) & set(hb)) / len(set(ha) | set(hb))


def test_demo_reprints_recovered(demo):
    d = find_duplicates(demo)
    planted = demo.dropna(subset=["reprint_of"]).set_index("doc_id")["reprint_of"]
    assert len(planted) == 12
    found = d.set_index("doc_id")
    assert (found.loc[planted.index, "source_doc_id"] == planted).all()
    assert (found.loc[planted.index, "role"] == "reprint").all()
    # every other pair reported is a true near-duplicate text: the off-topic pieces are
    # written from one template per theme, and a few articles share bank sentences
    text = demo.set_index("doc_id")["text"]
    others = found[~found.index.isin(planted.index) & (found["role"] != "source")]
    assert len(others) >= 10
    for doc, row in others.iterrows():
        assert _exact_jaccard(text[doc], text[row["source_doc_id"]]) >= 0.3, doc


def test_demo_planted_stories_recovered(demo, truth):
    stories, assigned = story_clusters(demo)
    x = assigned.merge(truth, on="doc_id")
    per_story = x.groupby("story")["story_id"].agg(lambda s: s.notna().all() and s.nunique() == 1)
    assert per_story.all(), per_story[~per_story]
    members = assigned[assigned["story_id"].isin(x["story_id"])].merge(
        truth, on="doc_id", how="left"
    )
    assert members["story"].notna().all()  # no other article joins a planted story
    assert x["story_id"].nunique() == 20


def test_demo_within_story_recovers_framing_pooled_confounded(demo, truth):
    """The planted contrast: humanitarian terms, The Monsoon Herald - Nord Vestnik International.

    Within every shared planted story the Herald has exactly 2 more humanitarian terms
    per article (one human-cost sentence); it covers fewer crisis stories, so pooled it
    has fewer.
    """
    _, assigned = story_clusters(demo)
    table = assigned.merge(score(demo, "topic_frames"), on="doc_id")
    a, b = "The Monsoon Herald", "Nord Vestnik International"
    est = within_stories(table, "humanitarian", a=a, b=b, n_boot=2000, seed=11).set_index(
        "comparison"
    )
    assert est.loc["within stories", "ci_low"] > 0
    assert est.loc["pooled", "estimate"] < 0
    assert est.loc["selection", "ci_high"] < 0
    # on the planted stories alone the within-story difference is exactly the plant
    planted = table.merge(truth[["doc_id", "story"]], on="doc_id")
    exact = within_stories(planted, "humanitarian", a=a, b=b, story="story", n_boot=200)
    assert exact.set_index("comparison").loc["within stories", "estimate"] == pytest.approx(2.0)
    cov = story_coverage(assigned.merge(demo[["doc_id", "outlet_type"]], on="doc_id")).set_index(
        "outlet"
    )
    assert cov.loc["Meridian Wire Service", "n_first"] >= 20  # the wire breaks every planted story


# --- tasks and command line ----------------------------------------------------------


def test_tasks_write_parquet_with_metadata_and_cache(tmp_path, monkeypatch, demo):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    res = dedup_file("corpora/demo", out_dir=tmp_path / "out")
    table, meta = read_stories_table(tmp_path / "out" / "duplicates.parquet")
    assert len(table) == res["n_in_clusters"] and meta["params"]["threshold"] == 0.4
    assert meta["corpus_hash"] == demo.attrs["corpus_hash"] and meta["kind"] == "duplicates"
    assert list((tmp_path / "cache" / "stories_dedup").glob("*.parquet"))
    again = dedup_file("corpora/demo", out_dir=tmp_path / "out")
    pd.testing.assert_frame_equal(again["duplicates"], res["duplicates"])
    res = cluster_file("corpora/demo", out_dir=tmp_path / "out", threshold=0.35)
    stories, meta = read_stories_table(tmp_path / "out" / "stories.parquet")
    assert meta["params"]["threshold"] == 0.35 and len(stories) == res["n_stories"]
    assigned, _ = read_stories_table(tmp_path / "out" / "story_articles.parquet")
    assert len(assigned) == len(demo)


def test_cli_stories(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    assert main(["stories", "dedup", "corpora/demo", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "near-duplicate clusters" in out and "Meridian Wire Service" in out
    assert main(["stories", "cluster", "corpora/demo", "--out-dir", str(tmp_path)]) == 0
    assert "covered by 2+ outlets" in capsys.readouterr().out
    assert (tmp_path / "stories.parquet").exists() and (tmp_path / "reprints.parquet").exists()
    assert main(["stories", "dedup", "corpora/demo", "--threshold", "2"]) == 1
    assert "threshold=2.0" in capsys.readouterr().err


def test_find_duplicates_reads_chunks(demo):
    whole = find_duplicates(demo)
    parts = find_duplicates(demo.iloc[i : i + 100] for i in range(0, len(demo), 100))
    pd.testing.assert_frame_equal(whole, parts)
    assert parts.attrs["n_articles"] == len(demo)


@pytest.mark.slow
def test_find_duplicates_in_two_processes(demo, monkeypatch):
    import framing.stories._dedup as dedup

    monkeypatch.setattr(dedup, "_PIECE", 100)  # 4 tasks
    pd.testing.assert_frame_equal(find_duplicates(demo, n_jobs=2), find_duplicates(demo))
    with pytest.raises(StoriesError, match="n_jobs=0"):
        find_duplicates(demo, n_jobs=0)


def test_story_map_plot(demo, tmp_path):
    from framing.errors import FigureError
    from framing.export import save_figure
    from framing.plots import story_map_plot

    stories, assigned = story_clusters(demo)
    fig, data = story_map_plot(stories, assigned, n=5)
    assert data["row"].nunique() == 5 and data["row"].min() == 0
    top = stories.sort_values(["n_outlets", "n_articles"], ascending=False).iloc[0]
    assert (data["row"] == 0).sum() == top["n_articles"]
    assert len(fig.axes[0].get_yticklabels()) == 5
    saved = save_figure(fig, "story-map", data=data, caption="Story map.", out_dir=tmp_path)
    assert (tmp_path / "story-map.png").exists() and saved
    with pytest.raises(FigureError, match="no story to draw"):
        story_map_plot(stories.iloc[:0], assigned)


def test_story_clusters_with_lexicon_features(demo, truth):
    scores = score(demo, "topic_frames")
    feats = scores[["doc_id", *[c for c in scores.columns if c.endswith("_per_1k")]]]
    stories, assigned = story_clusters(demo, features=feats, feature_weight=0.2)
    assert assigned.attrs["params"]["feature_weight"] == 0.2
    assert "humanitarian_per_1k" in assigned.attrs["params"]["features"]
    x = assigned.merge(truth, on="doc_id")
    assert x.groupby("story")["story_id"].agg(lambda s: s.notna().all() and s.nunique() == 1).all()
    with pytest.raises(StoriesError, match="not numeric"):
        story_clusters(demo, features=demo[["doc_id", "outlet"]])


# --- real news: the core of notebook 50-stories on AllSides -----------------------------

# AllSides tags holding most of what the us_asia_policy query selects (629 of its 737)
TAGS = {"north_korea", "trade", "foreign_policy", "china", "national_security", "white_house",
        "nuclear_weapons", "world"}  # fmt: skip


@pytest.mark.realdata
@pytest.mark.slow
def test_allsides_topic_stories_within_vs_pooled(shared_data):
    """What 50-stories does for a real study (AllSides, Baly et al. 2020): one topic's
    articles, wire copies, stories, the sides from the study's names (here none fit:
    the fallbacks are taken) and the within-story against pooled differences."""
    import gzip
    import json

    from framing.topics import load_topics, select

    path = shared_data("allsides", "articles.jsonl.gz")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["topic"] in TAGS:
                rows.append({"doc_id": rec["ID"], "outlet": rec["source"], "date": rec["date"],
                             "title": rec["title"], "text": rec["content_original"],
                             "outlet_lean": rec["bias_text"]})  # fmt: skip
    corpus = pd.DataFrame(rows)
    corpus["date"] = pd.to_datetime(corpus["date"], errors="coerce", utc=True)
    articles = select(corpus, "us_asia_policy", topics=load_topics("corpora/topics.yaml"))
    assert len(articles) > 500
    dups = find_duplicates(articles)
    assert set(dups["role"]) <= {"source", "reprint", "copy"}
    stories, assigned = story_clusters(articles)
    assert (stories["n_outlets"] >= 2).sum() >= 10
    table = assigned.merge(articles[["doc_id", "outlet_lean"]], on="doc_id")
    focus = story_sides(table, a="Nord Vestnik International")  # the demo's name: absent
    assert "is not among the outlet values" in focus["note"] and focus["n_shared"] >= 5
    lean = story_sides(table, group="outlet_lean", a="")
    assert lean["a"] in set(table["outlet_lean"]) and lean["n_shared"] >= 5
    scored = table.merge(score(articles, "topic_frames"), on="doc_id")
    est = within_stories(scored, ["diplomacy_per_1k", "pressure_per_1k"], a=lean["a"],
                         b=lean["b"], group="outlet_lean", labels=(lean["label_a"], lean["label_b"]),
                         n_boot=200, dups=dups, duplicates="drop_reprints")  # fmt: skip
    assert len(est) == 6 and est["estimate"].notna().all()
    within = est[est["comparison"] == "within stories"]
    assert (within["n_stories"] == lean["n_shared"]).all()  # no shared story lost a side
    assert (within["ci_low"] <= within["estimate"]).all()
    assert (within["estimate"] <= within["ci_high"]).all()


def test_chunks_signed_elsewhere_give_the_table_of_the_texts(demo):
    from framing.stories import sign_articles

    arts = demo
    expected = find_duplicates(arts)
    signed = [sign_articles(arts.iloc[i : i + 70]) for i in range(0, len(arts), 70)]
    got = find_duplicates(signed)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs
    with pytest.raises(StoriesError, match="signed with .*'shingle': 4") as err:
        find_duplicates([sign_articles(arts.iloc[:5], shingle=4)])
    assert err.value.field == "params"
