"""Private: matching topic queries against tokenized articles (used by framing.topics).

A document matches when every ``all_of`` group has its ``min_hits`` matches, no
``none_of`` term matches, and the optional ``lead`` and ``within`` conditions hold
(rules in :mod:`framing.topics`). Terms are compiled by the lexicon engine
(:class:`framing._patterns.Matcher`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing import _tokens
from framing.topics._query import Topic

__all__: list[str] = []


class PreparedDocuments:
    """The prepared texts (title, blank line, text; normalised and lower-cased) of a
    corpus, and the token lists of the few documents that need them, made on demand.

    Counting runs over the texts (with the C extension no token list is built at all),
    so memory stays at the texts' size instead of a token list per document.
    """

    def __init__(self, corpus: pd.DataFrame):

        text = corpus["text"].fillna("").astype(str)
        if "title" in corpus:
            text = corpus["title"].fillna("").astype(str) + "\n\n" + text
        self.texts = [_tokens.prepare(t) for t in text.tolist()]
        self._tokens: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def tokens(self, d: int) -> list[str]:
        toks = self._tokens.get(d)
        if toks is None:
            toks = self._tokens[d] = _tokens.find_tokens(self.texts[d])
        return toks


def _in_window(positions: list[list[int]], width: int) -> bool:
    """True when some span of ``width`` tokens holds a position of every list."""
    events = sorted((p, g) for g, ps in enumerate(positions) for p in ps)
    need, have, left = len(positions), {}, 0
    for p, g in events:
        have[g] = have.get(g, 0) + 1
        while events[left][0] < p - width:
            lg = events[left][1]
            have[lg] -= 1
            if not have[lg]:
                del have[lg]
            left += 1
        if len(have) == need:
            return True
    return False


def match_topic(topic: Topic, docs: PreparedDocuments):
    """Per document: (selected, matched terms, hits) for one topic."""
    return match_many([topic], docs)[0]


def match_many(topics: list[Topic], docs: PreparedDocuments):
    """:func:`match_topic` for several topics, counted in one pass over the texts.

    The groups of all topics are categories of one matcher; counts are per category
    (multiword expressions overlap only within a category), so each topic gets the
    counts it would get alone.
    """
    from framing._patterns import Matcher

    groups, first = [], []
    for k, topic in enumerate(topics):
        first.append(len(groups))
        groups.extend((f"{k}.g{i}", list(g)) for i, g in enumerate(topic.all_of))
        if topic.none_of:
            groups.append((f"{k}.none", list(topic.none_of)))
    matcher = Matcher(groups)
    _, counts = matcher.count_texts(docs.texts)
    return [
        _select(topic, docs, matcher, counts[:, a:], a)
        for topic, a in zip(topics, first, strict=True)
    ]


def _select(topic: Topic, docs: PreparedDocuments, matcher, counts, offset: int):
    """One topic's (selected, matched terms, hits) from its columns of ``counts`` (its
    groups, then its ``none_of`` column) and the shared ``matcher`` (its categories
    start at ``offset``)."""
    from framing._patterns import Matcher

    n_groups = len(topic.all_of)
    need = np.asarray(topic.min_hits, dtype=np.int64)  # scalar or one per group
    ok = (counts[:, :n_groups] >= need).all(axis=1)
    if topic.none_of:
        ok &= counts[:, n_groups] == 0
    if topic.lead is not None:
        cand = ok.nonzero()[0]
        head = Matcher([("lead", list(topic.all_of[0]))])
        ok[cand] &= head.count([docs.tokens(d)[: topic.lead] for d in cand])[1][:, 0] > 0
    terms, hits = [""] * len(docs), counts[:, :n_groups].sum(axis=1)
    for d in ok.nonzero()[0]:
        toks = docs.tokens(d)
        found = [
            (c - offset, i, n, p)
            for c, i, n, p in matcher.matches(toks)
            if offset <= c < offset + n_groups
        ]
        if topic.within is not None:
            positions = [[i for c, i, _, _ in found if c == g] for g in range(n_groups)]
            if not _in_window(positions, topic.within):
                ok[d] = False
                continue
        seen = dict.fromkeys(" ".join(toks[i : i + n]) for _, i, n, _ in found)
        terms[d] = "; ".join(seen)
    return ok, terms, hits
