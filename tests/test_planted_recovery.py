"""End to end on the demo corpus: the planted outlet differences come out.

corpora/demo/README.md documents framing tendencies planted in each outlet's coverage.
Here the whole lexicon pipeline runs on the demo corpus (load -> topic selection ->
lexicon scores -> pairwise outlet comparisons) and the strongest planted contrasts must
come out: the outlet that leans on a frame has the higher mean rate and uses the frame
in more of its articles, and the test of the rate or of the share rejects at the 5%
level. (Whether two outlets' intervals overlap is not a test of their difference; the
test is.)
"""

import pandas as pd
import pytest

from framing.compare import pairwise
from framing.corpus import load_corpus
from framing.lexicon import score
from framing.topics import select

WIRE = "Meridian Wire Service"
LEDGER = "The Liberty Ledger"
VESTNIK = "Nord Vestnik International"
JADE = "Jade Bridge Daily"
RIVERS = "Two Rivers Dispatch"

# (topic, frame, outlet that leans on it, outlet that does not), from corpora/demo/README.md
PLANTED = [
    ("us_russia_talks", "blame", VESTNIK, WIRE),
    ("us_russia_talks", "sovereignty", VESTNIK, WIRE),
    ("us_russia_talks", "pressure", LEDGER, RIVERS),
    ("us_russia_talks", "humanitarian", RIVERS, LEDGER),
    ("us_russia_talks", "peace", JADE, LEDGER),
    ("us_asia_policy", "blame", VESTNIK, WIRE),
    ("us_asia_policy", "rivalry", JADE, WIRE),
    ("us_asia_policy", "pressure", LEDGER, RIVERS),
    ("us_asia_policy", "humanitarian", RIVERS, LEDGER),
]


@pytest.fixture(scope="module")
def estimates():
    corpus = load_corpus("corpora/demo")
    # the multi-outlet stories planted for framing.stories (corpora/demo/story_plants.py)
    # carry their own planted selection and framing differences; left out here
    stories = set(pd.read_csv("corpora/demo/planted_stories.csv")["doc_id"])
    corpus = corpus[~corpus["doc_id"].isin(stories)]
    out = {}
    for topic in {t for t, *_ in PLANTED}:
        selected = select(corpus, topic)
        scores = score(selected, "topic_frames")
        table = selected[["doc_id", "outlet"]].merge(scores, on="doc_id")
        measures = sorted({f"{frame}_per_1k" for t, frame, *_ in PLANTED if t == topic})
        pairs = sorted({(high, low) for t, _, high, low in PLANTED if t == topic})
        rates = pairwise(table, measures, pairs=pairs, n_boot=500, seed=7)
        # the share of articles using the frame at all: per-article rates of a frame one
        # outlet never uses are mostly zeros, where the bootstrap-t test of means is
        # (rightly) cautious with 18-20 articles; the occurrence share is the sharper test
        used = [m.replace("_per_1k", "_any") for m in measures]  # score()'s occurrence
        shares = pairwise(table, used, pairs=pairs, stat="share", n_boot=500, seed=7)
        out[topic] = pd.concat([rates, shares]).set_index(["group_a", "group_b", "measure"])
    return out


@pytest.mark.parametrize(("topic", "frame", "high", "low"), PLANTED)
def test_planted_contrast_is_recovered(estimates, topic, frame, high, low):
    rate = estimates[topic].loc[(high, low, f"{frame}_per_1k")]
    share = estimates[topic].loc[(high, low, f"{frame}_any")]
    assert rate["n_a"] >= 10 and rate["n_b"] >= 10
    assert rate["diff"] > 0 and share["diff"] > 0
    assert min(rate["p_value"], share["p_value"]) < 0.05, (
        f"{topic}/{frame}: {high} - {low}: rate {rate['diff']:.1f} (p = {rate['p_value']:.3f}),"
        f" share {share['diff']:.2f} (p = {share['p_value']:.3f})"
    )
