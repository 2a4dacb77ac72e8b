"""Tests of framing.sentiment: VADER through nltk, caching, parallel runs, actor tone."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pandas as pd
import pytest

import framing.sentiment._actors as actors_mod
import framing.sentiment._pool as pool
import framing.sentiment._scores as scores_mod
import framing.sentiment._vader as vader_mod
from framing import sentiment
from framing.errors import ColumnsError, CorpusError, LexiconError

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Each test gets its own cache and NLTK data folder."""
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("FRAMING_NLTK_DATA", str(tmp_path / "nltk_data"))


@pytest.fixture
def fixture_corpus():
    return pd.read_csv(FIXTURES / "sentiment_sentences.csv", dtype=str)


def _nltk():
    """A plain nltk analyzer on the same lexicon (the reference implementation)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    sentiment.vader_analyzer(rules="nltk")  # places the lexicon and puts it on nltk's path
    return SentimentIntensityAnalyzer(lexicon_file="sentiment/vader_lexicon/vader_lexicon.txt")


def _random_texts(n, seed=0):
    """Texts that exercise VADER's rules: punctuation glued to words, caps, negation,
    boosters, 'but', 'kind of', idioms, emoticons, repeated words."""
    words = (
        "talks good bad great terrible not never very extremely kind of sort but least "
        "at the deal crisis win lose happy sad no isn't hardly so this without doubt "
        "cut the mustard bad ass the bomb yeah right :) :( <3 LOL GREAT BAD summit minister "
        "agreement war peace fail failed success threat support love hate"
    ).split()
    punct = ["", "", "", ",", ".", "!", "?", "!!", "?!?", "'", '"', ";", ":", "-", "...", ".,"]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(0, 25)):
            w = rng.choice(words)
            if rng.random() < 0.1:
                w = w.upper()
            if rng.random() < 0.3:
                w = w + rng.choice(punct)
            if rng.random() < 0.15:
                w = rng.choice(punct) + w
            tokens.append(w)
        texts.append(" ".join(tokens))
    return texts


def test_known_polarity(fixture_corpus):
    scores = sentiment.vader_scores(fixture_corpus, n_jobs=1)
    assert list(scores.columns) == ["doc_id", "neg", "neu", "pos", "compound"]
    assert scores["doc_id"].tolist() == fixture_corpus["doc_id"].tolist()
    got = scores["compound"].map(
        lambda c: "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
    )
    assert got.tolist() == fixture_corpus["polarity"].tolist()
    assert ((scores["neg"] + scores["neu"] + scores["pos"]) - 1).abs().max() < 0.002


def _emoji_texts(n, seed=0):
    """Generated texts with emoji (vaderSentiment turns them into words first)."""
    rng = random.Random(seed)
    marks = ["\U0001f600", "\U0001f622", "\u2764", "\U0001f44d", "\U0001f621", "!"]
    return [
        " ".join(tok + rng.choice(marks) if rng.random() < 0.3 else tok for tok in t.split())
        for t in _random_texts(n, seed)
    ]


def test_identical_to_nltk_on_fixture_and_random_texts(fixture_corpus):
    reference = _nltk()
    texts = fixture_corpus["text"].tolist() + _random_texts(3000) + vader_mod.PROBES
    fast = sentiment.vader_analyzer(rules="nltk")
    assert fast.exact
    for text in texts:
        assert fast.polarity_scores(text) == reference.polarity_scores(text), text


def test_default_rules_are_the_authors_vadersentiment(fixture_corpus):
    # audit B6: kit 0.1 kept nltk's repeated-word bug, so its scores did not replicate
    # with the authors' code
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    reference = SentimentIntensityAnalyzer()
    fast = sentiment.vader_analyzer()
    assert fast.exact
    texts = (fixture_corpus["text"].tolist() + _random_texts(3000, seed=1)
             + _emoji_texts(500, seed=2) + vader_mod.PROBES)  # fmt: skip
    for text in texts:
        assert fast.polarity_scores(text) == reference.polarity_scores(text), text
    t = "The deal was not good, and the good news never came."
    assert fast.polarity_scores(t)["compound"] == 0.1265
    assert _nltk().polarity_scores(t)["compound"] == -0.5875


def test_vader_scores_equal_direct_reference_calls(fixture_corpus):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    reference = SentimentIntensityAnalyzer()
    scores = sentiment.vader_scores(fixture_corpus, n_jobs=1, cache=False)
    expected = pd.DataFrame([reference.polarity_scores(t) for t in fixture_corpus["text"]])
    pd.testing.assert_frame_equal(scores[sentiment.SCORE_COLUMNS], expected)
    nltk_scores = sentiment.vader_scores(fixture_corpus, n_jobs=1, cache=False, rules="nltk")
    expected = pd.DataFrame([_nltk().polarity_scores(t) for t in fixture_corpus["text"]])
    pd.testing.assert_frame_equal(nltk_scores[sentiment.SCORE_COLUMNS], expected)
    with pytest.raises(ValueError, match="rules must be"):
        sentiment.vader_scores(fixture_corpus, rules="textblob")


def test_the_rules_are_part_of_the_cache_key(fixture_corpus):
    t = pd.DataFrame(
        {"doc_id": ["a"], "text": ["The deal was not good, and the good news never came."]}
    )
    vader = sentiment.vader_scores(t, n_jobs=1)
    nltk = sentiment.vader_scores(t, n_jobs=1, rules="nltk")
    assert vader.loc[0, "compound"] != nltk.loc[0, "compound"]


def test_sentence_level_matches_nltk_per_sentence(fixture_corpus):
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "empty"],
            "text": [
                "The talks went well. Then they collapsed! Nobody was happy.",
                fixture_corpus["text"].iloc[0],
                "",
            ],
        }
    )
    out = sentiment.vader_scores(corpus, level="sentence", n_jobs=1)
    assert list(out.columns) == [
        "doc_id",
        "sentence_id",
        "sentence",
        "neg",
        "neu",
        "pos",
        "compound",
    ]
    assert out["doc_id"].tolist() == ["a", "a", "a", "b"]
    assert out["sentence_id"].tolist() == [0, 1, 2, 0]
    assert out["sentence"].iloc[1] == "Then they collapsed!"
    reference = _nltk()
    for _, row in out.iterrows():
        expected = reference.polarity_scores(row["sentence"])
        assert [row[c] for c in sentiment.SCORE_COLUMNS] == list(expected.values())


def test_parallel_equals_serial():
    texts = _random_texts(120, seed=3)
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    for level in ("document", "sentence"):
        serial = sentiment.vader_scores(corpus, level=level, n_jobs=1, cache=False)
        parallel = sentiment.vader_scores(corpus, level=level, n_jobs=2, cache=False)
        pd.testing.assert_frame_equal(serial, parallel)


def test_chunks_keep_order_and_cover_everything():
    texts = [str(i) * (i % 7 + 1) for i in range(101)]
    chunks = pool.text_chunks(texts, 2)
    assert [t for c in chunks for t in c] == texts
    assert 1 < len(chunks) <= 16
    assert pool.text_chunks([], 2) == []


def test_cache_hit_does_not_recompute(fixture_corpus, monkeypatch):
    calls = []
    real_run = pool.score_texts

    def counting_run(texts, level, n_jobs, rules):
        calls.append((level, len(texts)))
        return real_run(texts, level, n_jobs, rules)

    monkeypatch.setattr(scores_mod, "score_texts", counting_run)  # looked up where it is called
    first = sentiment.vader_scores(fixture_corpus, n_jobs=1)
    second = sentiment.vader_scores(fixture_corpus, n_jobs=2)  # n_jobs is not in the key
    assert calls == [("document", 8)]
    pd.testing.assert_frame_equal(first, second)
    # a sub-corpus (a topic selection) and renamed documents reuse the stored scores
    subset = fixture_corpus.iloc[[5, 1]].assign(doc_id=["x", "y"])
    got = sentiment.vader_scores(subset, n_jobs=1)
    assert got["doc_id"].tolist() == ["x", "y"]
    assert got["compound"].tolist() == first["compound"].iloc[[5, 1]].tolist()
    assert len(calls) == 1
    sentiment.vader_scores(fixture_corpus, level="sentence", n_jobs=1)
    # one edited text: only that text is scored again
    changed = fixture_corpus.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"].replace("friendly", "cold")
    sentiment.vader_scores(changed, n_jobs=1)
    assert calls == [("document", 8), ("sentence", 8), ("document", 1)]
    sentiment.vader_scores(fixture_corpus, n_jobs=1, cache=False)
    assert calls[-1] == ("document", 8)


def test_repeated_texts_scored_once_and_kept_per_document(monkeypatch):
    calls = []
    real_run = pool.score_texts
    monkeypatch.setattr(
        scores_mod,
        "score_texts",
        lambda t, lv, n, r: calls.append(len(t)) or real_run(t, lv, n, r),
    )
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["Good talks. Bad end.", "Calm.", "Good talks. Bad end."],
        }
    )
    sent = sentiment.vader_scores(corpus, level="sentence", n_jobs=1)
    assert calls == [2]
    assert sent["doc_id"].tolist() == ["a", "a", "b", "c", "c"]
    assert sent["sentence_id"].tolist() == [0, 1, 0, 0, 1]


def test_data_folder_created_when_missing(tmp_path, monkeypatch):
    root = tmp_path / "fresh" / "nltk"
    monkeypatch.setenv("FRAMING_NLTK_DATA", str(root))
    monkeypatch.setattr(vader_mod, "_state", {})
    assert not root.exists()
    sentiment.vader_analyzer()  # the default rules need no nltk data
    assert not root.exists()
    analyzer = sentiment.vader_analyzer(rules="nltk")
    placed = root / "sentiment" / "vader_lexicon" / "vader_lexicon.txt"
    assert placed.is_file()
    assert placed.read_bytes() == vader_mod.lexicon_source().read_bytes()
    assert analyzer.polarity_scores("good")["compound"] > 0
    assert not list(placed.parent.glob("*.tmp"))


def test_unwritable_cache_degrades_to_a_temporary_data_folder(tmp_path, monkeypatch, caplog):
    """Review L4: a read-only or non-folder $FRAMING_CACHE gave `sentiment` a raw
    PermissionError / NotADirectoryError (lexicon scores already degraded)."""
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("FRAMING_CACHE", str(not_a_folder))
    monkeypatch.delenv("FRAMING_NLTK_DATA")
    monkeypatch.setattr(vader_mod, "_state", {})
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["The talks were a great success."]})
    # the default rules (vaderSentiment) read the lexicon from their package; nltk's port
    # needs it in an NLTK data folder, which is where an unwritable cache used to fail
    scores = sentiment.vader_scores(corpus, n_jobs=1, rules="nltk")
    assert scores["compound"].iat[0] > 0
    assert "cannot write the VADER lexicon" in caplog.text
    root = vader_mod._state["root"]
    sentiment.vader_scores(corpus, n_jobs=1, rules="nltk", cache=False)
    assert vader_mod._state["root"] == root  # placed once, not again for every call
    # the default rules score too, with the same unwritable cache (rows not cached)
    assert sentiment.vader_scores(corpus, n_jobs=1)["compound"].iat[0] > 0


def test_default_data_folder_lives_in_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("FRAMING_NLTK_DATA")
    assert sentiment.nltk_data_root() == tmp_path / "cache" / "nltk_data"


def test_missing_lexicon_package_says_what_to_install(monkeypatch):
    monkeypatch.setattr(vader_mod, "_LEXICON_PACKAGE", "no_such_package_for_framing")
    monkeypatch.setattr(vader_mod, "_state", {})
    with pytest.raises(LexiconError, match="pip install no_such_package_for_framing") as info:
        sentiment.vader_analyzer()
    assert info.value.package == "no_such_package_for_framing"


def test_missing_columns_and_bad_text():
    with pytest.raises(ColumnsError, match="missing column") as info:
        sentiment.vader_scores(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    assert info.value.missing == ["text"]
    bad = pd.DataFrame({"doc_id": ["a", "b"], "text": ["fine", None]})
    with pytest.raises(CorpusError, match="row 1 \\(doc_id 'b'\\)") as info:
        sentiment.vader_scores(bad, n_jobs=1)
    assert info.value.doc_id == "b" and info.value.field == "text"
    with pytest.raises(ValueError, match="level must be"):
        sentiment.vader_scores(pd.DataFrame({"doc_id": [], "text": []}), level="word")


def test_empty_corpus():
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    doc = sentiment.vader_scores(empty, n_jobs=2)
    assert doc.empty and list(doc.columns) == ["doc_id", *sentiment.SCORE_COLUMNS]
    sent = sentiment.vader_scores(empty, level="sentence", n_jobs=2)
    assert sent.empty and "sentence" in sent.columns


def test_aggregate_sentences_keeps_every_document():
    scores = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "compound": [0.6, -0.4, 0.0, -0.05]})
    out = sentiment.aggregate_sentences(scores, doc_ids=["b", "a", "none"])
    assert out["doc_id"].tolist() == ["b", "a", "none"]
    assert out["n_sentences"].tolist() == [1, 3, 0]
    assert out["mean_compound"].iloc[1] == pytest.approx(0.2 / 3)
    assert out["share_negative"].tolist()[:2] == [1.0, pytest.approx(1 / 3)]
    assert out["share_positive"].tolist()[:2] == [0.0, pytest.approx(1 / 3)]
    assert out["mean_compound"].isna().tolist() == [False, False, True]
    with pytest.raises(ColumnsError, match="compound"):
        sentiment.aggregate_sentences(scores[["doc_id"]])


def test_actor_patterns():
    us = actors_mod.actor_regex(sentiment.DEFAULT_ACTORS["us"])
    assert us.search("The US envoy spoke.")
    assert us.search("U.S. officials said")
    assert us.search("Americans voted")
    assert us.search("at the White  House")
    assert not us.search("They told us nothing.")  # 'US' is case-sensitive
    assert not us.search("a USB stick")
    russia = actors_mod.actor_regex(sentiment.DEFAULT_ACTORS["russia"])
    assert russia.search("russian diplomats") and russia.search("the Kremlin's view")
    assert not russia.search("Prussia")
    glob = actors_mod.actor_regex(["?i", "*land"])
    assert glob.search("Xi said") and glob.search("Finland")
    with pytest.raises(ValueError, match="no patterns"):
        actors_mod.actor_regex(["  "])


def test_actor_tone():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [
                "Russia praised the excellent talks. The US warned of a terrible crisis. "
                "Moscow and Washington were happy.",
                "Nothing about anyone here.",
            ],
        }
    )
    actors = {"russia": ["Russia*", "Moscow"], "us": ["US", "Washington"], "china": ["China"]}
    tone = sentiment.actor_tone(corpus, actors, n_jobs=1)
    assert list(tone.columns) == ["doc_id", "actor", "n_sentences", "tone"]
    assert tone["doc_id"].tolist() == ["a"] * 3 + ["b"] * 3
    assert tone["actor"].tolist() == ["russia", "us", "china"] * 2
    assert tone["n_sentences"].tolist() == [2, 2, 0, 0, 0, 0]
    sent = sentiment.vader_scores(corpus, level="sentence", n_jobs=1)
    c = sent["compound"].tolist()
    assert tone["tone"].iloc[0] == pytest.approx((c[0] + c[2]) / 2)
    assert tone["tone"].iloc[1] == pytest.approx((c[1] + c[2]) / 2)
    assert tone["tone"].iloc[2:].isna().all()
    again = sentiment.actor_tone(corpus, actors, sentence_scores=sent)
    pd.testing.assert_frame_equal(tone, again)


def test_default_actor_groups():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Lavrov met Rubio at ASEAN."]})
    tone = sentiment.actor_tone(corpus, n_jobs=1, cache=False)
    assert tone["actor"].tolist() == list(sentiment.DEFAULT_ACTORS)
    hits = dict(zip(tone["actor"], tone["n_sentences"], strict=True))
    assert hits == {"russia": 1, "us": 1, "china": 0, "ukraine": 0, "asean": 1}


def _vadersentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.parametrize(("rules", "reference", "every"), [("nltk", _nltk, 250),
                                                           ("vader", _vadersentiment, 125)])  # fmt: skip
def test_identical_to_the_reference_on_real_news(rules, reference, every):
    path = DATA / "allsides" / "articles.jsonl.gz"
    if not path.exists():
        pytest.skip(f"real data not found at {path} (see /work/shared/data/README.md)")
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % every == 0:  # articles spread over the file
                texts.append(json.loads(line)["content_original"])
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    ref = reference()
    doc = sentiment.vader_scores(corpus, n_jobs=2, cache=False, rules=rules)
    expected = pd.DataFrame([ref.polarity_scores(t) for t in texts])
    pd.testing.assert_frame_equal(doc[sentiment.SCORE_COLUMNS], expected)
    sent = sentiment.vader_scores(corpus.head(50), level="sentence", n_jobs=2, cache=False,
                                  rules=rules)  # fmt: skip
    expected = pd.DataFrame([ref.polarity_scores(s) for s in sent["sentence"]])
    pd.testing.assert_frame_equal(sent[sentiment.SCORE_COLUMNS], expected)


@pytest.mark.slow
def test_parallel_with_spawn_equals_serial(monkeypatch):
    monkeypatch.setenv("FRAMING_MP_START", "spawn")
    texts = _random_texts(30, seed=5)
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    serial = sentiment.vader_scores(corpus, level="sentence", n_jobs=1, cache=False)
    parallel = sentiment.vader_scores(corpus, level="sentence", n_jobs=2, cache=False)
    pd.testing.assert_frame_equal(serial, parallel)


def _corpus_file(tmp_path, fixture_corpus):
    path = tmp_path / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in fixture_corpus.itertuples():
            record = {
                "id": row.doc_id,
                "outlet": "Fixture Wire",
                "date": "2025-07-10",
                "title": f"Story {row.doc_id}",
                "body": row.text,
            }
            fh.write(json.dumps(record) + "\n")
    return path


@pytest.mark.parametrize("level", ["document", "sentence", "summary", "actors"])
def test_cli_writes_table(tmp_path, fixture_corpus, level):
    from framing.cli import main

    path = _corpus_file(tmp_path, fixture_corpus)
    out = tmp_path / "out" / f"{level}.parquet"
    argv = ["sentiment", str(path), "--map", "doc_id=id", "--map", "text=body"]
    code = main([*argv, "--level", level, "--out", str(out), "--jobs", "1"])
    assert code == 0
    table = pd.read_parquet(out)
    expected = {
        "document": "compound",
        "sentence": "sentence",
        "summary": "share_negative",
        "actors": "tone",
    }
    assert expected[level] in table.columns
    assert set(table["doc_id"]) == set(fixture_corpus["doc_id"])


def test_cli_stdout_and_bad_arguments(tmp_path, fixture_corpus, capsys):
    from framing.cli import main

    path = _corpus_file(tmp_path, fixture_corpus)
    assert main(["sentiment", str(path), "--map", "doc_id=id", "--map", "text=body"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "doc_id,neg,neu,pos,compound" and len(lines) == 9
    with pytest.raises(SystemExit) as info:
        main(["sentiment", str(path), "--out", "scores.xlsx"])
    assert info.value.code == 2
    assert "give a .csv or .parquet" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["sentiment", str(path), "--map", "textbody"])
    assert "COLUMN=FIELD" in capsys.readouterr().err


def test_score_file_rejects_bad_level_and_suffix(tmp_path):
    with pytest.raises(ValueError, match="level must be one of"):
        sentiment.score_file(tmp_path / "x.jsonl", level="word")
    with pytest.raises(ValueError, match="write .csv or .parquet"):
        sentiment.score_file(tmp_path / "x.jsonl", out=tmp_path / "x.txt")


def test_actor_tone_wide_feeds_by_outlet():
    compare = pytest.importorskip("framing.compare")
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["Wire", "Wire", "Daily", "Daily"],
            "text": [
                "Russia praised the excellent talks.",
                "Moscow was angry and hostile.",
                "The Kremlin welcomed a wonderful deal.",
                "Nothing about anyone.",
            ],
        }
    )
    long = sentiment.actor_tone(corpus, {"russia": ["Russia", "Moscow", "Kremlin"]}, n_jobs=1)
    wide = sentiment.actor_tone(
        corpus, {"russia": ["Russia", "Moscow", "Kremlin"]}, wide=True, n_jobs=1
    )
    assert list(wide.columns) == ["doc_id", "tone_russia", "n_sentences_russia"]
    assert wide["tone_russia"].tolist()[:3] == long["tone"].tolist()[:3]
    assert wide["n_sentences_russia"].tolist() == [1, 1, 1, 0]
    est = compare.by_outlet(
        corpus[["doc_id", "outlet"]].merge(wide, on="doc_id"), ["tone_russia"], n_boot=50
    )
    n_docs = dict(zip(est["outlet"], est["n_docs"], strict=True))
    assert n_docs == {"Daily": 1, "Wire": 2}
    plots = pytest.importorskip("framing.plots")
    fig, data = plots.actor_tone_plot(est)
    assert data["actor"].unique().tolist() == ["russia"]
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_fallback_to_reference_scoring_when_not_exact(monkeypatch):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = sentiment.vader_analyzer(rules="nltk")
    monkeypatch.setattr(analyzer, "exact", False)
    monkeypatch.setattr(analyzer, "_boosters", None)  # the fast path would now fail
    text = "The talks were good, but the result was bad!"
    assert analyzer.polarity_scores(text) == _nltk().polarity_scores(text)
    fast = sentiment.vader_analyzer()
    monkeypatch.setattr(fast, "exact", False)
    monkeypatch.setattr(fast, "_emoji_chars", None)  # the fast path would now fail
    assert fast.polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_clear_cache_keeps_lexicon_and_scores_come_back(tmp_path, fixture_corpus, monkeypatch):
    from framing.cache import clear_cache

    monkeypatch.delenv("FRAMING_NLTK_DATA")  # lexicon inside the cache folder
    first = sentiment.vader_scores(fixture_corpus, n_jobs=1, rules="nltk")
    assert clear_cache() >= 1
    lexicon = tmp_path / "cache" / "nltk_data" / "sentiment" / "vader_lexicon" / "vader_lexicon.txt"
    assert lexicon.is_file()
    again = sentiment.vader_scores(fixture_corpus, n_jobs=1, rules="nltk")
    pd.testing.assert_frame_equal(again, first)


def test_n_jobs_resolution():
    cores = pool.resolve_n_jobs(None)
    assert cores >= 1 and pool.resolve_n_jobs(0) == cores
    assert pool.resolve_n_jobs(-1) == cores and pool.resolve_n_jobs(-cores - 5) == 1
    assert pool.resolve_n_jobs(3) == 3


def test_runs_on_dask_partitions():
    dd = pytest.importorskip("dask.dataframe")
    texts = _random_texts(12, seed=9)
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(12)], "text": texts})
    meta = pd.DataFrame(
        {"doc_id": pd.Series(dtype=str)}
        | {c: pd.Series(dtype="float64") for c in sentiment.SCORE_COLUMNS}
    )
    ddf = dd.from_pandas(corpus, npartitions=3)
    got = ddf.map_partitions(sentiment.vader_scores, n_jobs=1, cache=False, meta=meta)
    got = got.compute(scheduler="synchronous").reset_index(drop=True)
    expected = sentiment.vader_scores(corpus, n_jobs=1, cache=False)
    assert got["doc_id"].tolist() == expected["doc_id"].tolist()
    pd.testing.assert_frame_equal(got[sentiment.SCORE_COLUMNS], expected[sentiment.SCORE_COLUMNS])


@pytest.mark.realdata
@pytest.mark.slow
def test_actor_groups_find_their_actors_in_real_news():
    path = DATA / "allsides" / "articles.jsonl.gz"
    if not path.exists():
        pytest.skip(f"real data not found at {path} (see /work/shared/data/README.md)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("topic") in ("russia", "china"):
                rows.append((str(len(rows)), record["topic"], record["content_original"]))
            if len(rows) == 120:
                break
    corpus = pd.DataFrame(rows, columns=["doc_id", "topic", "text"])
    wide = sentiment.actor_tone(corpus, wide=True, n_jobs=2, cache=False)
    merged = corpus.merge(wide, on="doc_id")
    for topic in ("russia", "china"):
        part = merged[merged["topic"] == topic]
        if len(part) >= 10:  # AllSides' own topic tag: the group is named in most articles
            assert (part[f"n_sentences_{topic}"] > 0).mean() > 0.8, topic
    assert merged[[f"tone_{a}" for a in sentiment.DEFAULT_ACTORS]].abs().max().max() <= 1


def test_sentence_cache_key_follows_the_splitter(monkeypatch):
    from framing import _tokens

    monkeypatch.setattr(vader_mod, "_state", {})
    before = pool.sentence_splitter()[1]
    assert before.startswith("framing.text.sentences@")
    monkeypatch.setattr(vader_mod, "_state", {})
    monkeypatch.setattr(_tokens, "ABBREVIATIONS", _tokens.ABBREVIATIONS | {"xyz"})
    assert pool.sentence_splitter()[1] != before
