"""The built-in lexicons (framing/lexicon/builtin/*.yaml): metadata, sources, known pitfalls,
the demo codebook's frame ids, and the validation judgments behind VALIDATION.md."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from framing.lexicon import list_lexicons, load_lexicon, score

ROOT = Path(__file__).resolve().parents[1]
LEXDIR = ROOT / "framing" / "lexicon" / "builtin"
JUDGMENTS = LEXDIR / "judgments" / "validation_judgments.csv"
CODEBOOK = ROOT / "corpora" / "demo" / "codebook.yaml"

EXPECTED = {
    "news_frames": {"conflict", "human_interest", "economic", "morality", "responsibility"},
    "topic_frames": {
        "diplomacy", "pressure", "peace", "security", "trade", "alliance", "rivalry",
        "sovereignty", "humanitarian", "blame", "hedging",
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_builtin_loads_with_metadata_and_sourced_categories(name):
    assert name in list_lexicons()
    lex = load_lexicon(name)  # filterwarnings=error: no duplicate-term warnings either
    assert lex.name == name and lex.version and lex.language == "en"
    assert lex.description and lex.sources
    assert set(lex.categories) == EXPECTED[name]
    for cat in lex.categories.values():
        assert cat.definition, cat.name
        assert cat.sources, cat.name
        assert len(cat.terms) >= 15, cat.name
        assert not cat.children  # built-ins stay flat: plain snake_case columns


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_short_open_globs(name):
    """Globs need a stem of at least 5 letters ('war*' would hit warn, warrant, Warsaw)."""
    for cat in load_lexicon(name).categories.values():
        for term in cat.terms:
            if " " not in term and term.endswith("*"):  # MWE words are anchored already
                assert len(term.rstrip("*")) >= 5, (cat.name, term)


@pytest.mark.parametrize(
    ("text", "lexicon", "category", "expected"),
    [
        ("Warsaw warned of a warrant.", "topic_frames", "security", 0),
        ("The war dragged on.", "topic_frames", "security", 1),
        ("A war of words erupted.", "news_frames", "conflict", 1),
        ("The cease-fire held; a ceasefire was agreed.", "topic_frames", "peace", 2),
        ("Theresa May spoke in May.", "topic_frames", "hedging", 0),
        ("Talks might resume, possibly soon.", "topic_frames", "hedging", 2),
        ("A peaceful protest filled the square.", "topic_frames", "peace", 0),
        ("Secretary of State Rubio spoke.", "topic_frames", "diplomacy", 0),
        ("Rubio and Lavrov held talks on a peace deal.", "topic_frames", "diplomacy", 1),
        ("New sanctions and a deadline for Moscow.", "topic_frames", "pressure", 2),
        ("Tariffs on imports from Vietnam; a trade deal.", "topic_frames", "trade", 3),
        ("His Senate allies and a business partner.", "topic_frames", "alliance", 0),
        ("NATO allies and U.S. allies met.", "topic_frames", "alliance", 2),
        ("The border wall and border arrests.", "topic_frames", "sovereignty", 0),
        (
            "Russia's annexation of Crimea violated Ukraine's sovereignty.",
            "topic_frames",
            "sovereignty",
            2,
        ),
        ("Price said the price rose.", "news_frames", "economic", 2),
    ],
)
def test_known_pitfalls_and_intended_matches(text, lexicon, category, expected):
    out = score(pd.DataFrame({"doc_id": ["d"], "text": [text]}), lexicon)
    assert out.loc[0, category] == expected


def test_demo_codebook_frame_ids_are_lexicon_categories():
    """Every frame id of the demo codebook is a category of a built-in lexicon; `economic`
    is news_frames.economic (topic_frames has the narrower `trade`)."""
    if not CODEBOOK.exists():
        pytest.skip("demo codebook corpora/demo/codebook.yaml absent")
    frames = set(yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))["frames"])
    cats = EXPECTED["news_frames"] | EXPECTED["topic_frames"]
    assert frames <= cats, frames - cats
    assert "economic" in EXPECTED["news_frames"] and "trade" in EXPECTED["topic_frames"]


def test_validation_judgments_cover_every_category_without_article_text():
    j = pd.read_csv(JUDGMENTS, keep_default_na=False)
    assert set(j["relevant"].astype(int)) <= {0, 1}
    for lex, cats in EXPECTED.items():
        got = set(j.loc[j["lexicon"] == lex, "category"])
        assert got == cats, (lex, cats - got)
    # ids and judgments only: the publishers' text (contexts, headlines) stays in
    # ../shared/data; `match` is the text a lexicon term matched, no longer than the
    # longest multiword term (five words)
    assert not {"left", "right", "title", "text"} & set(j.columns)
    assert j["match"].str.split().str.len().max() <= 5
    # the last round of each category has at least 25 judged hits
    last = j.groupby(["lexicon", "category"])["round"].transform("max")
    assert (j[j["round"] == last].groupby(["lexicon", "category"]).size() >= 25).all()


def test_final_round_terms_are_current_lexicon_terms():
    """Hits of each category's last round come from terms still in the lexicon."""
    j = pd.read_csv(JUDGMENTS, keep_default_na=False)
    last = j[j["round"] == j.groupby(["lexicon", "category"])["round"].transform("max")]
    for (lex, cat), g in last.groupby(["lexicon", "category"]):
        terms = set(load_lexicon(lex).categories[cat].terms)
        removed = {"annex"} if cat == "sovereignty" else set()  # dropped after round 2
        assert set(g["term"]) - removed <= terms, (cat, set(g["term"]) - terms)
