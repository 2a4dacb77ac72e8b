"""Private: matching topic queries against tokenized articles (used by framing.topics).

A document matches when every ``all_of`` group has its ``min_hits`` matches (and its
``min_per_1k`` matches per 1,000 tokens), ``none_of`` does not exclude it
(any match, or with ``none_of_ratio`` matches outnumbering the first group's), and the
optional ``lead`` and ``within`` conditions hold (rules in :mod:`framing.topics`). Terms are compiled by the lexicon engine
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


def _needs(topic: Topic) -> list[int]:
    mh = topic.min_hits
    return list(mh) if isinstance(mh, tuple) else [mh] * len(topic.all_of)


def _rates(topic: Topic) -> list[float]:
    r = topic.min_per_1k
    return list(r) if isinstance(r, tuple) else [r or 0.0] * len(topic.all_of)


def _dense(topic: Topic, counts: np.ndarray, n_tokens: np.ndarray) -> np.ndarray:
    """Documents whose groups reach their ``min_per_1k`` (counts: docs x groups)."""
    if topic.min_per_1k is None:
        return np.ones(len(counts), dtype=bool)
    return (counts * 1000 >= np.asarray(_rates(topic)) * n_tokens[:, None]).all(axis=1)


def _excluded(topic: Topic, none: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Documents that ``none_of`` excludes, from its match counts and the first group's."""
    if topic.none_of_ratio is None:
        return none > 0
    return none > topic.none_of_ratio * first


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
    n_tokens, counts = matcher.count_texts(docs.texts)
    return [
        _select(topic, docs, matcher, counts[:, a:], a, n_tokens)
        for topic, a in zip(topics, first, strict=True)
    ]


def _select(topic: Topic, docs: PreparedDocuments, matcher, counts, offset: int, n_tokens):
    """One topic's (selected, matched terms, hits) from its columns of ``counts`` (its
    groups, then its ``none_of`` column) and the shared ``matcher`` (its categories
    start at ``offset``)."""
    from framing._patterns import Matcher

    n_groups = len(topic.all_of)
    need = np.asarray(topic.min_hits, dtype=np.int64)  # scalar or one per group
    ok = (counts[:, :n_groups] >= need).all(axis=1) & _dense(topic, counts[:, :n_groups], n_tokens)
    if topic.none_of:
        ok &= ~_excluded(topic, counts[:, n_groups], counts[:, 0])
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
        positions = [[i for c, i, _, _ in found if c == g] for g in range(n_groups)]
        if topic.within is not None and not _in_window(positions, topic.within):
            ok[d] = False
            continue
        seen = dict.fromkeys(" ".join(toks[i : i + n]) for _, i, n, _ in found)
        terms[d] = "; ".join(seen)
    return ok, terms, hits


def explain_matches(topic: Topic, docs: PreparedDocuments, rows) -> list[tuple[str, str]]:
    """Per document of ``rows``: (matched terms by group, why it is not selected).

    The matched terms are the distinct matched words of each ``all_of`` group in text
    order, groups separated by ``" | "`` (``-`` for a group without a match), then
    ``" | none_of: ..."`` when ``none_of`` terms matched. The reason lists every rule the
    document fails (``""`` when it is selected), in the words of the query:
    ``"group 2: 0 of 1 matches needed"``, ``"group 3: 8.2 matches per 1,000 tokens, 12
    needed"``, ``"none_of matched"`` (with ``none_of_ratio``: ``"none_of matched 9
    times, more than 0.75 x 6 matches of group 1"``), ``"group 1 not in the first 50
    tokens (lead)"``, ``"groups not within 40 tokens"``. It agrees with
    :func:`match_topic` (tested), but works on token lists, so use it on a few
    documents (a sample to judge), not a corpus.
    """
    from framing._patterns import Matcher

    n_groups = len(topic.all_of)
    cats = [(f"g{i}", list(g)) for i, g in enumerate(topic.all_of)]
    if topic.none_of:
        cats.append(("none", list(topic.none_of)))
    matcher = Matcher(cats)
    need = _needs(topic)
    head = Matcher([("lead", list(topic.all_of[0]))]) if topic.lead is not None else None
    out = []
    for d in rows:
        toks = docs.tokens(d)
        found = matcher.matches(toks)
        words = [dict.fromkeys(" ".join(toks[i : i + n]) for c, i, n, _ in found if c == k)
                 for k in range(len(cats))]  # fmt: skip
        counts = [sum(1 for c, *_ in found if c == k) for k in range(len(cats))]
        terms = " | ".join(", ".join(w) or "-" for w in words[:n_groups])
        reasons = [
            f"group {g + 1}: {counts[g]} of {need[g]} matches needed"
            for g in range(n_groups)
            if counts[g] < need[g]
        ]
        positions = [[i for c, i, _, _ in found if c == g] for g in range(n_groups)]
        if topic.min_per_1k is not None:
            per_1k = [1000 * k / max(len(toks), 1) for k in counts[:n_groups]]
            reasons += [
                f"group {g + 1}: {r:.1f} matches per 1,000 tokens, {need_r:g} needed"
                for g, (r, need_r) in enumerate(zip(per_1k, _rates(topic), strict=True))
                if counts[g] * 1000 < need_r * len(toks)
            ]
        if topic.none_of and counts[n_groups]:
            terms += " | none_of: " + ", ".join(words[n_groups])
            if _excluded(topic, np.array(counts[n_groups]), np.array(counts[0])):
                reasons.append(
                    "none_of matched"
                    if topic.none_of_ratio is None
                    else f"none_of matched {counts[n_groups]} times, more than "
                    f"{topic.none_of_ratio:g} x {counts[0]} matches of group 1"
                )
        if head is not None and not head.count([toks[: topic.lead]])[1][0, 0]:
            reasons.append(f"group 1 not in the first {topic.lead} tokens (lead)")
        if topic.within is not None and all(counts[:n_groups]):
            if not _in_window(positions, topic.within):
                reasons.append(f"groups not within {topic.within} tokens")
        out.append((terms, "; ".join(reasons)))
    return out
