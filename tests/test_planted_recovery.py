"""End to end on the demo corpus: the planted outlet differences come out.

corpora/demo/README.md documents framing tendencies planted in each outlet's coverage.
Here the whole lexicon pipeline runs on the demo corpus (load -> topic selection ->
lexicon scores -> pairwise outlet comparisons) and the strongest planted contrasts must
come out: the outlet that leans on a frame has the higher mean rate, and the studentized
permutation test of the difference rejects at the 5% level. (Whether two outlets'
intervals overlap is not a test of their difference; the test is.)
"""

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
    out = {}
    for topic in {t for t, *_ in PLANTED}:
        selected = select(corpus, topic)
        scores = score(selected, "topic_frames")
        table = selected[["doc_id", "outlet"]].merge(scores, on="doc_id")
        measures = sorted({f"{frame}_per_1k" for t, frame, *_ in PLANTED if t == topic})
        pairs = sorted({(high, low) for t, _, high, low in PLANTED if t == topic})
        est = pairwise(table, measures, pairs=pairs, n_boot=500, seed=7)
        out[topic] = est.set_index(["group_a", "group_b", "measure"])
    return out


@pytest.mark.parametrize(("topic", "frame", "high", "low"), PLANTED)
def test_planted_contrast_is_recovered(estimates, topic, frame, high, low):
    row = estimates[topic].loc[(high, low, f"{frame}_per_1k")]
    assert row["n_a"] >= 10 and row["n_b"] >= 10
    assert row["diff"] > 0 and row["p_value"] < 0.05, (
        f"{topic}/{frame}: {high} - {low} = {row['diff']:.1f}, p = {row['p_value']:.3f}"
    )
