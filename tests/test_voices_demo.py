"""End to end on the demo corpus: the planted sourcing habits come out.

corpora/demo/voices_bank.py plants two habits (corpora/demo/README.md, "Planted
sourcing"): Nord Vestnik International quotes only Russian officials among government
voices, and The Harbor Courier leans on anonymous sources. Its list of planted quotes
(corpora/demo/planted_quotes.csv) lets the extraction itself be checked. The planted
multi-outlet stories (corpora/demo/story_plants.py, ids in planted_stories.csv) are added
after this plant and quote both sides in their shared facts, so they are left out here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from framing.compare import by_outlet, pairwise
from framing.corpus import load_corpus
from framing.voices import extract_quotes, voice_measures

VESTNIK = "Nord Vestnik International"
COURIER = "The Harbor Courier"
OFFICIALS = ["us_officials", "russian_officials", "chinese_officials", "ukrainian_officials",
             "asian_governments", "european_officials"]  # fmt: skip


@pytest.fixture(scope="module")
def demo():
    corpus = load_corpus("corpora/demo")
    stories = set(pd.read_csv("corpora/demo/planted_stories.csv")["doc_id"])
    own = corpus[(corpus["topic"] != "off_topic") & corpus["reprint_of"].isna()
                 & ~corpus["doc_id"].isin(stories)]  # fmt: skip
    quotes = extract_quotes(corpus)
    return corpus, own.reset_index(drop=True), quotes


def test_planted_quotes_are_found_with_their_speakers(demo):
    corpus, _, quotes = demo
    planted = pd.read_csv("corpora/demo/planted_quotes.csv")
    assert len(planted) > 150
    found = speaker = group = 0
    for row in planted.itertuples():
        hit = quotes[(quotes["doc_id"] == row.doc_id) & (quotes["start"] < row.end)
                     & (quotes["end"] > row.start)]  # fmt: skip
        found += len(hit) > 0
        speaker += hit["speaker"].fillna("").str.contains(row.speaker, regex=False).any()
        group += (hit["group"] == row.group).any()
    n = len(planted)
    assert found / n >= 0.97, f"found {found}/{n}"
    assert speaker / n >= 0.95, f"speaker {speaker}/{n}"
    assert group / n >= 0.85, f"group {group}/{n}"


def test_nord_vestnik_quotes_only_its_own_government(demo):
    _, own, quotes = demo
    own = own[own["topic"] == "us_russia_talks"]
    q = quotes.merge(own[["doc_id", "outlet"]], on="doc_id")
    official = q[q["group"].isin(OFFICIALS)]
    russian = official.groupby("outlet")["group"].apply(lambda g: (g == "russian_officials").mean())
    assert russian[VESTNIK] == 1.0
    assert (russian.drop(VESTNIK) < 0.5).all(), russian.to_dict()
    m = voice_measures(own, quotes)
    est = by_outlet(m, ["words_russian_officials", "quotes_us_officials"], n_boot=1000, seed=3)
    words = est[est["measure"] == "words_russian_officials"].set_index("outlet")
    others = words.drop(VESTNIK)
    assert words.loc[VESTNIK, "ci_low"] > others["ci_high"].max()
    us = est[est["measure"] == "quotes_us_officials"].set_index("outlet")
    assert us.loc[VESTNIK, "estimate"] == 0


def test_harbor_courier_leans_on_anonymous_sources(demo):
    _, own, quotes = demo
    m = voice_measures(own, quotes)
    est = by_outlet(m, "anonymous_share", n_boot=1000, seed=5).set_index("outlet")
    assert est.loc[COURIER, "ci_low"] > est.drop(COURIER)["ci_high"].max(), est["estimate"]
    # 21 pairs: Holm needs p-values finer than 1/501 to reach 0.05 (n_perm=500 floors at 0.042)
    diff = pairwise(m, "anonymous_share", n_boot=200, n_perm=5000, seed=5)
    mine = diff[(diff["group_a"] == COURIER) | (diff["group_b"] == COURIER)]
    first = mine["group_a"] == COURIER  # the Courier's share is higher in every pair
    assert (
        len(mine) == 6 and ((first & (mine["ci_low"] > 0)) | (~first & (mine["ci_high"] < 0))).all()
    )
    # the wire service quotes unnamed officials too: since rules version 5 find more of
    # its "Regional officials counted ... and said ..." sentences, its difference to the
    # Courier has Holm p 0.051 (raw 0.004); the other five stay at 0.004
    assert (mine["p_holm"] < 0.05).sum() >= 5 and (mine["p_holm"] < 0.1).all()
