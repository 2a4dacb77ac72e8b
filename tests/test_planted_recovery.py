"""End to end on the demo corpus: the planted outlet differences come out.

corpora/demo/README.md documents framing tendencies planted in each outlet's coverage.
Here the whole lexicon pipeline runs on the demo corpus (load -> topic selection ->
lexicon scores -> per-outlet bootstrap estimates) and the strongest planted contrasts
must be separated by their 95% confidence intervals: the lower bound of the outlet that
leans on a frame lies above the upper bound of the outlet that avoids it.
"""

import pytest

from framing.compare import by_outlet
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
        est = by_outlet(table, measures, n_boot=2000, seed=7)
        out[topic] = est.set_index(["outlet", "measure"])
    return out


@pytest.mark.parametrize(("topic", "frame", "high", "low"), PLANTED)
def test_planted_contrast_is_separated_by_95ci(estimates, topic, frame, high, low):
    est = estimates[topic]
    hi = est.loc[(high, f"{frame}_per_1k")]
    lo = est.loc[(low, f"{frame}_per_1k")]
    assert hi["n_docs"] >= 10 and lo["n_docs"] >= 10
    assert hi["ci_low"] > lo["ci_high"], (
        f"{topic}/{frame}: {high} {hi['estimate']:.1f} [{hi['ci_low']:.1f}, {hi['ci_high']:.1f}]"
        f" vs {low} {lo['estimate']:.1f} [{lo['ci_low']:.1f}, {lo['ci_high']:.1f}]"
    )
