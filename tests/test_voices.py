"""Tests of framing.voices: quote rules, speakers, actor groups, measures, tasks.

Every text here was written for these tests (invented people in real offices).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.errors import ColumnsError, CorpusError, LexiconError, ModelError, OutputError
from framing.voices import (
    assign_groups,
    extract_quotes,
    load_actors,
    quote_evidence,
    sourcing_plot,
    unmatched_speakers,
    voice_measures,
)
from framing.voices._extract import paragraph_spans, sentence_spans

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_ARTICLES = Path(__file__).parents[1] / "corpora" / "demo" / "articles.jsonl"
N_DEMO = len(DEMO_ARTICLES.read_text(encoding="utf-8").splitlines())  # one article a line


def _q(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), cache=False)


def _rows(text: str) -> list[tuple]:
    q = _q(text)
    return list(zip(q["kind"], q["text"], q["speaker"], q["group"], strict=True))


# -- the text layer of the rules -------------------------------------------------------
def test_paragraphs_and_sentences_keep_offsets():
    text = "Gen. Lusk met U.S. envoys. “We are ready.” Talks resumed.\n\nA second one."
    paras = paragraph_spans(text)
    assert [text[a:b] for a, b in paras] == [text.split("\n\n")[0], "A second one."]
    sents = sentence_spans(text, *paras[0])
    assert [text[a:b] for a, b in sents] == [
        "Gen. Lusk met U.S. envoys.",
        "“We are ready.”",
        "Talks resumed.",
    ]


# -- direct quotes -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“The port stays open,” Mara Quell said.", "The port stays open,", "Mara Quell"),
        ('"The port stays open," said Mara Quell.', "The port stays open,", "Mara Quell"),
        ("Mara Quell told reporters: “The port stays open.”", "The port stays open.", "Mara Quell"),
        ("Mara Quell said, “The port stays open.”", "The port stays open.", "Mara Quell"),
        ("“Will it close?” Mara Quell asked.", "Will it close?", "Mara Quell"),
        ('"The port stays open", Mara Quell said.', "The port stays open", "Mara Quell"),
    ],
)
def test_direct_quotes_in_straight_and_curly_marks(text, quote, speaker):
    [(kind, words, who, _)] = _rows(text)
    assert (kind, words, who) == ("direct", quote, speaker)


def test_quote_broken_by_its_attribution_is_one_quote():
    text = "“We are ready,” Russian Foreign Minister Sergei Lavrov said, “to continue.”"
    q = _q(text)
    assert len(q) == 1
    row = q.iloc[0]
    assert row["text"] == "We are ready, … to continue."
    assert text[row["start"] : row["end"]].startswith("We are ready")
    assert text[row["start"] : row["end"]].endswith("to continue.")
    assert (row["speaker"], row["group"], row["verb"]) == (
        "Sergei Lavrov",
        "russian_officials",
        "say",
    )
    assert text[row["speaker_start"] : row["speaker_end"]] == (
        "Russian Foreign Minister Sergei Lavrov"
    )


def test_quote_over_two_sentences_and_over_paragraphs():
    text = (
        "“The ferry will run. The tolls will not rise,” said Mara Quell, the harbour master.\n\n"
        "“We checked every contract.\n\n"
        "“Nobody will pay more this winter.”"
    )
    q = _q(text)
    assert q["text"].tolist()[0] == "The ferry will run. The tolls will not rise,"
    assert q["speaker"].tolist() == ["Mara Quell"] * len(q)
    assert len(q) == 3 and q["resolution"].tolist()[1:] == ["follows", "follows"]
    assert q["paragraph"].tolist() == [0, 1, 2]


def test_scare_quotes_and_titles_are_not_quotes():
    text = "The plan, dubbed “Harbour First,” drew “concern” from the film “Dock Nine.”"
    assert _rows(text) == []


# -- indirect speech and sourcing forms --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Mara Quell said the ferry would run.", "the ferry would run", "Mara Quell"),
        ("Mara Quell said on Monday that the ferry would run.", "the ferry would run", "Mara Quell"),
        ("The ferry would run, Mara Quell said.", "The ferry would run", "Mara Quell"),
        ("The ferry would run, said Mara Quell.", "The ferry would run", "Mara Quell"),
        ("The ferry, Mara Quell said, would run.", "The ferry … would run", "Mara Quell"),
        ("Mara Quell warned that the ferry would stop.", "the ferry would stop", "Mara Quell"),
        ("According to Mara Quell, the ferry would run.", "the ferry would run", "Mara Quell"),
        ("The ferry would run, according to the harbour board.", "The ferry would run",
         "harbour board"),
        ("Mara Quell, the harbour master, told staff that the ferry would run.",
         "the ferry would run", "Mara Quell"),
    ],
)  # fmt: skip
def test_indirect_speech(text, words, speaker):
    [(kind, got, who, _)] = _rows(text)
    assert (kind, got, who) == ("indirect", words, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Mara Quell warned of a long winter.",  # "warned of": no reported clause
        "Mara Quell did not say whether the ferry would run.",  # negated
        "Mara Quell was told to close the port.",  # passive
        "Mara Quell could argue the ferry is too slow.",  # modal: hypothetical
        "The statement drew criticism from the board.",  # noun-like verb form
        "The port added two cranes last year.",  # "added" without speech
    ],
)
def test_not_reported_speech(text):
    assert _rows(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ferry would run, a senior official said, speaking on condition of anonymity.",
         "senior official"),
        ("According to two people familiar with the talks, the ferry would run.",
         "two people familiar with the talks"),
        ("“The ferry will run,” said one official who was not authorized to speak publicly.",
         "one official who was not authorized to speak publicly"),
    ],
)  # fmt: skip
def test_anonymous_sources(text, speaker):
    q = _q(text)
    assert q["speaker"].tolist() == [speaker]
    assert q["anonymous"].tolist() == [True]
    assert q["group"].tolist() == ["anonymous"]


# -- speaker resolution ------------------------------------------------------------------
def test_surname_pronoun_and_role_resolution():
    text = (
        "Russian Deputy Foreign Minister Oleg Varlamov met the envoys on Monday. "
        "“Nothing is agreed,” Varlamov said.\n\n"
        "He added that the talks would go on.\n\n"
        "Later the deputy minister told reporters that Moscow was patient."
    )
    q = _q(text)
    assert q["speaker"].tolist() == ["Oleg Varlamov"] * 3
    assert q["resolution"].tolist() == ["surname", "pronoun", "role"]
    assert q["group"].tolist() == ["russian_officials"] * 3  # from the title, not a list


def test_pronoun_takes_the_nearest_person_named_before_it():
    text = (
        "“The tolls stay,” said Mara Quell.\n\n"
        "Ines Dunmore, who runs the ferry company, disagreed. She said the tolls would rise."
    )
    assert _q(text)["speaker"].tolist() == ["Mara Quell", "Ines Dunmore"]


def test_transcript_turns_and_dash_attributions():
    text = (
        "MARA QUELL: We will keep the port open all winter.\n\n"
        "“The ferry is the town's lifeline.” — Ines Dunmore, Harbour Gazette"
    )
    q = _q(text)
    assert q["kind"].tolist() == ["direct", "direct"]
    assert q["speaker"].tolist() == ["MARA QUELL", "Ines Dunmore"]


# -- rules added after validation round 2 (RULES_VERSION 3) ----------------------------
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # verbs of description: "as" before the quotation, or a short object
        (
            "Mayor Ines Dunmore described the ferry plan as “a gift to the islands.”",
            "a gift to the islands.",
            "Ines Dunmore",
        ),
        ("Senator Mara Quell called the toll “theft by timetable.”", "theft by timetable.",
         "Mara Quell"),
        # "as he put it" / "as NAME noted" before a quotation
        (
            "Tobias Renk wanted, as he put it, “a harbour for everyone,” and said so often.",
            "a harbour for everyone,",
            "Tobias Renk",
        ),
        # any speech participle after a comma: the speaker is the clause's subject
        (
            "Judge Alma Fretter disagreed, asking, “Who pays when the ferry stops?”",
            "Who pays when the ferry stops?",
            "Alma Fretter",
        ),
        (
            "Last week, the Harbour Board issued a notice to captains noting: “Berths close at "
            "nine.”",
            "Berths close at nine.",
            "Harbour Board",
        ),
        # a nested quotation closing right before the outer mark
        (
            "“We told them ‘the pier is unsafe,’ ” said Ola Brandt.",
            "We told them ‘the pier is unsafe,’",
            "Ola Brandt",
        ),
    ],
)  # fmt: skip
def test_direct_quotes_added_in_rules_3(text, quote, speaker):
    q = _q(text)
    assert q["text"].tolist() == [quote]
    assert q["speaker"].tolist() == [speaker]


def test_descriptions_without_a_named_subject_are_not_quotes():
    for text in (
        "The club runs a series dubbed “Harbour Nights” every summer.",
        "Nobody wanted to ban something called “tide dancing” at the fair.",
        "The so-called “ferry tax” came back in May.",
        "Ines Dunmore called for “a full inquiry” on Monday.",
    ):
        assert _q(text).empty, text


def test_as_clauses_and_long_appositives_in_indirect_speech():
    rows = _rows(
        "As the Harbour Gazette noted, the toll has almost no effect on traffic.\n\n"
        "The ferry lost money again, as Mara Quell observed.\n\n"
        "Ola Brandt, a captain of the night boats, a crew that runs the winter route, "
        "estimated that the port would lose two ships a year."
    )
    assert [(r[1], r[2]) for r in rows] == [
        ("the toll has almost no effect on traffic", "Harbour Gazette"),
        ("The ferry lost money again", "Mara Quell"),
        ("the port would lose two ships a year", "Ola Brandt"),
    ]


def test_colon_at_the_end_of_a_paragraph_introduces_the_next_quotation():
    text = (
        "Ines Dunmore spoke first. “The ferry stays,” she said.\n\n"
        "Later, Mara Quell told the council:\n\n"
        "“We cannot keep paying for empty boats.”"
    )
    q = _q(text)
    assert q["speaker"].tolist() == ["Ines Dunmore", "Mara Quell"]
    assert q["resolution"].tolist() == ["pronoun", "name"]


def test_section_labels_scare_words_and_hypothetical_participles():
    for text in (
        "THE FACTS: The study found no such effect on veterans at all.",
        "In the old days a “dove” and a “hawk,” say, read the same paper.",
        "Some captains might answer the charge by saying, “The sea was too rough.”",
    ):
        assert _q(text).empty, text


# -- actor groups ----------------------------------------------------------------------
def test_builtin_actor_groups():
    actors = load_actors()
    assert {"us_officials", "russian_officials", "chinese_officials", "ukrainian_officials",
            "asian_governments", "experts", "anonymous"} <= set(actors.groups)  # fmt: skip
    cases = [
        ("Marco Rubio", "", "Rubio", "us_officials"),
        ("Kremlin", "", "the Kremlin", "russian_officials"),
        ("Beijing", "", "Beijing", "chinese_officials"),
        ("Anna Lark", "a senior fellow at the Brookings Institution", "Anna Lark",
         "experts"),
        ("Zelensky", "", "Zelensky", "ukrainian_officials"),
        ("ASEAN", "", "ASEAN", "asian_governments"),
    ]  # fmt: skip
    for speaker, role, mention, group in cases:
        assert actors.group_of(speaker, role, mention, False) == group, speaker
    assert actors.group_of("Ann Lee", "", "Ann Lee", False) is None


def test_custom_actor_file_and_unmatched_speakers():
    text = ("“The port stays open,” Mara Quell said. Ines Dunmore said the tolls would rise. "
            "Sources said the board would meet.")  # fmt: skip
    corpus = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    q = extract_quotes(corpus, actors=FIXTURES / "voices_actors.yaml", cache=False)
    assert q["group"].fillna("-").tolist() == ["harbour_board", "-", "anonymous"]
    missing = unmatched_speakers(q)
    assert missing["speaker"].tolist() == ["Ines Dunmore"]
    assert missing["n_quotes"].tolist() == [1]
    regrouped = assign_groups(q, load_actors())  # only the mapping is redone
    assert regrouped["speaker"].tolist() == q["speaker"].tolist()


def test_bad_actor_files(tmp_path):
    with pytest.raises(LexiconError, match="does not exist") as err:
        load_actors(tmp_path / "nope.yaml")
    assert err.value.path.endswith("nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("groups:\n  Bad Name:\n    patterns: [x]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="snake_case") as err:
        load_actors(bad)
    assert err.value.group == "Bad Name"
    bad.write_text("groups:\n  ok:\n    patterns: x\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="field 'patterns' must be a list") as err:
        load_actors(bad)
    assert (err.value.group, err.value.field) == ("ok", "patterns")
    bad.write_text("people: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="top-level 'groups:'"):
        load_actors(bad)


# -- corpus-level table, errors, cache, processes -------------------------------------------
def test_errors_name_the_problem():
    with pytest.raises(ColumnsError, match="missing column") as err:
        extract_quotes(pd.DataFrame({"doc_id": ["a"]}))
    assert err.value.missing == ["text"]
    with pytest.raises(CorpusError, match="row 1") as err:
        extract_quotes(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", None]}))
    assert (err.value.doc_id, err.value.n_bad) == ("b", 1)
    with pytest.raises(ValueError, match="engine must be one of"):
        extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), engine="bert")


def test_columns_offsets_and_empty_articles():
    text = "Intro line.\n\n“The port stays open,” Mara Quell said."
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [text, "", "No quotes here."]})
    q = extract_quotes(corpus, cache=False)
    from framing.voices import QUOTE_COLUMNS

    assert q.columns.tolist() == QUOTE_COLUMNS
    assert q["doc_id"].tolist() == ["a"] and q.attrs["n_docs"] == 3
    row = q.iloc[0]
    assert text[row["start"] : row["end"]] == row["text"]
    assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
    assert row["paragraph"] == 1


def test_cache_reuses_rows_per_text(tmp_path, monkeypatch):
    from framing.voices import _quotes

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    calls = []
    real = _quotes.quote_rows

    def counting(text, engine=None):
        calls.append(text)
        return real(text, engine)

    monkeypatch.setattr(_quotes, "quote_rows", counting)
    texts = ["“Open,” Mara Quell said.", "Ines Dunmore said the tolls would rise."]
    first = extract_quotes(pd.DataFrame({"doc_id": ["a", "b"], "text": texts}))
    again = extract_quotes(pd.DataFrame({"doc_id": ["x", "b2"], "text": texts[::-1]}))
    assert len(calls) == 2  # the second corpus was read from the cache
    assert again["doc_id"].tolist() == ["x", "b2"]
    assert again["speaker"].tolist() == first["speaker"].tolist()[::-1]


@pytest.mark.slow
def test_processes_give_the_same_table():
    from framing.corpus import load_corpus

    corpus = load_corpus("corpora/demo")
    one = extract_quotes(corpus, n_jobs=1, cache=False)
    two = extract_quotes(corpus, n_jobs=2, cache=False)
    pd.testing.assert_frame_equal(one, two)


# -- measures, evidence, figure ------------------------------------------------------------
def _two_outlets():
    texts = [
        "“We are ready,” Russian Foreign Minister Sergei Lavrov said.",
        "The talks were useful, a senior official said. Marco Rubio said the talks were useful.",
        "Nothing here.",
    ]
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Y"],
                         "date": pd.to_datetime(["2025-07-10", "2025-07-11", "2025-08-01"], utc=True),
                         "text": texts})  # fmt: skip


def test_voice_measures_feed_the_comparisons():
    from framing.compare import by_outlet, over_time, pairwise

    corpus = _two_outlets()
    m = voice_measures(corpus, cache=False)
    assert m["doc_id"].tolist() == ["a", "b", "c"]
    assert m["n_quotes"].tolist() == [1, 2, 0]
    assert m["anonymous_share"].tolist()[:2] == [0.0, 0.5] and np.isnan(m["anonymous_share"][2])
    assert m["first_group"].tolist()[:2] == ["russian_officials", "anonymous"]
    assert m["both_sides"].tolist()[:2] == [0.0, 0.0] and np.isnan(m["both_sides"][2])
    assert m["words_us_officials"][1] == pytest.approx(4 / 8)
    est = by_outlet(m, ["anonymous_share", "quotes_us_officials"], n_boot=50)
    assert set(est.columns) >= {"outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs"}
    assert est.set_index(["outlet", "measure"]).loc[("Y", "anonymous_share"), "n_docs"] == 1
    assert len(pairwise(m, "n_quotes", n_boot=20, n_perm=20))
    assert len(over_time(m, "n_quotes", freq="M", n_boot=20))


def test_both_sides_and_errors():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [
        "Marco Rubio said the talks were useful. Sergei Lavrov said Moscow was ready."]})  # fmt: skip
    assert voice_measures(corpus, cache=False)["both_sides"].tolist() == [1.0]
    with pytest.raises(ValueError, match="two groups"):
        voice_measures(corpus, sides=("us_officials",), cache=False)
    with pytest.raises(ColumnsError, match="extract_quotes") as err:
        voice_measures(corpus, pd.DataFrame({"doc_id": ["a"]}))
    assert "group" in err.value.missing


def test_evidence_lines_like_kwic():
    corpus = _two_outlets()
    q = extract_quotes(corpus, cache=False)
    ev = quote_evidence(q, corpus, outlet="Y", group="anonymous")
    assert ev[["outlet", "left", "quote", "right"]].values.tolist() == [
        ["Y", "", "The talks were useful", ", a senior official said."]
    ]
    assert len(quote_evidence(q, corpus, n_per_outlet=1, seed=3)) == 2
    assert quote_evidence(q, corpus, kind="direct")["speaker"].tolist() == ["Sergei Lavrov"]


def test_sourcing_plot_draws_the_pooled_shares(tmp_path):
    from framing.errors import FigureError
    from framing.export import save_figure

    corpus = _two_outlets()
    q = extract_quotes(corpus, cache=False)
    fig, data = sourcing_plot(q, corpus, groups=["us_officials", "anonymous"])
    shares = data.groupby("outlet")["share"].sum()
    assert shares.tolist() == pytest.approx([1.0, 1.0])
    assert data.loc[(data["outlet"] == "Y") & (data["group"] == "anonymous"), "share"].item() == (
        pytest.approx(4 / 8)
    )
    files = save_figure(fig, "voices", data=data, caption="test", out_dir=tmp_path)
    assert files
    with pytest.raises(FigureError, match="pass the corpus"):
        sourcing_plot(q)


# -- tasks and command line ------------------------------------------------------------------
def test_extract_file_writes_parquet_and_csv(tmp_path):
    from framing.voices import extract_file, measures_file

    summary = extract_file("corpora/demo", out=tmp_path / "q.parquet", chunksize=100)
    table = pd.read_parquet(tmp_path / "q.parquet")
    assert summary.n_docs == N_DEMO and summary.n_quotes == len(table) > 500
    assert sum(summary.by_kind.values()) == len(table)
    assert "wrote" in str(summary)
    one_chunk = extract_file("corpora/demo", out=tmp_path / "q.csv")
    assert one_chunk.n_quotes == summary.n_quotes
    assert len(pd.read_csv(tmp_path / "q.csv")) == len(table)
    m = measures_file("corpora/demo", out=tmp_path / "m.csv")
    assert len(m) == N_DEMO
    with pytest.raises(OutputError, match=r"\.txt"):
        extract_file("corpora/demo", out=tmp_path / "q.txt")


def test_cli_voices(tmp_path, capsys):
    from framing.cli import main

    assert main(["voices", "extract", "corpora/demo", "--out", str(tmp_path / "q.csv"),
                 "--jobs", "1"]) == 0  # fmt: skip
    assert f"{N_DEMO} articles" in capsys.readouterr().out
    assert main(["voices", "evidence", "corpora/demo", "--outlet", "The Harbor Courier",
                 "--group", "anonymous", "--per-outlet", "2"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "The Harbor Courier" in out and "anonymous" in out
    assert main(["voices", "measures", "corpora/demo", "--out", str(tmp_path / "m.parquet")]) == 0
    assert main(["voices", "extract", "no/such/corpus"]) == 1


# -- the optional spaCy engine ---------------------------------------------------------------
def test_spacy_engine_missing_is_a_kit_error(monkeypatch):
    from framing.voices import _spacy

    _spacy._pipeline.cache_clear()
    try:
        import spacy  # noqa: F401

        name = "no_such_pipeline_xyz"
    except ImportError:
        name = None
    with pytest.raises(ModelError, match="spacy") as err:
        extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), engine="spacy",
                       model=name, cache=False)  # fmt: skip
    assert err.value.model == (name or "en_core_web_sm")


def test_spacy_engine_when_installed():
    """Runs where spaCy and a pipeline are installed: en_core_web_sm, or the package
    named by $FRAMING_SPACY_MODEL."""
    import os

    spacy = pytest.importorskip("spacy", reason="spaCy is optional and not installed")
    model = os.environ.get("FRAMING_SPACY_MODEL", "en_core_web_sm")
    if not spacy.util.is_package(model):
        pytest.skip(f"the spaCy pipeline {model} is not installed")
    text = ("“We are ready,” Mara Quell said. Ines Dunmore said that the tolls would rise. "
            "The ferry would run, a senior official said.")  # fmt: skip
    q = extract_quotes(pd.DataFrame({"doc_id": ["d"], "text": [text]}), engine="spacy",
                       model=model, cache=False)  # fmt: skip
    assert q["kind"].tolist() == ["direct", "indirect", "indirect"]
    assert q["text"].tolist()[1:] == ["the tolls would rise", "The ferry would run"]
    assert q["speaker"].tolist() == ["Mara Quell", "Ines Dunmore", "senior official"]
    assert q["group"].tolist()[2] == "anonymous"


# -- real news ----------------------------------------------------------------------------
@pytest.mark.realdata
def test_real_news_sample(shared_data):
    import gzip
    import itertools
    import json

    path = shared_data("allsides", "articles.jsonl.gz", what="AllSides articles")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 300)]
    corpus = pd.DataFrame({"doc_id": [r["ID"] for r in rows],
                           "text": [r["content_original"] or "" for r in rows]})  # fmt: skip
    q = extract_quotes(corpus, cache=False)
    assert len(q) > 1000  # news articles quote a lot: about 12 per article
    assert (q["end"] > q["start"]).all()
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    for row in q.sample(50, random_state=0).itertuples():
        t = texts[row.doc_id]
        assert t[row.sentence_start : row.sentence_end] == row.sentence
        assert row.text.split(" … ")[0] == t[row.start : row.start + len(row.text.split(" … ")[0])]
    assert q["group"].notna().mean() > 0.3


def test_group_of_takes_missing_values():
    # a floating quote read back from the cache has no mention (NaN), only a speaker
    assert load_actors().group_of("Marco Rubio", float("nan"), float("nan"), False) == (
        "us_officials"
    )


def test_pattern_index_gives_the_same_group_as_trying_every_pattern():
    import re

    actors = load_actors()

    def brute(speaker, role, mention, named):
        text = f"{speaker} ; {role} ; {mention}"
        best = None
        for rank, (group, regex) in enumerate(actors.patterns):
            if named and group in actors.unnamed_only:
                continue
            m = re.search(regex, text)
            if m is not None and (best is None or (m.start(), rank) < best[0]):
                best = ((m.start(), rank), group)
        return best[1] if best else None

    cases = ["ex-FBI agent", "CNN/USA Today poll", "Rep.-elect Ann Lee", "Quell—Dunmore",
             "the Kremlin’s spokesman", "U.S. officials", "a senior fellow at Brookings.",
             "Sen. Ann Lee (R-Fla.)", "Russia's defence ministry", "two people familiar with it",
             "a Chinese Foreign Ministry spokeswoman", "the ASEAN secretariat",
             "the U.N.'s envoy", "NATO’s chief", "“Institute” staff"]  # fmt: skip
    for mention in cases:
        for named in (False, True):
            got = actors.group_of("x", "", mention, False, named)
            assert got == brute("x", "", mention, named), (mention, named)
