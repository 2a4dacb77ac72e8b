"""Topic queries: boolean keyword expressions that select a sub-corpus.

A topic file (``corpora/topics.yaml``) names each topic of a study with a label, a
description and a ``query``::

    topics:
      us_russia_talks:
        label: US-Russia talks
        description: Diplomacy between the United States and Russia ...
        query:
          all_of:                       # every group must match (a group is any-of)
            - [russia, russian*, kremlin, putin, lavrov]
            - [u.s., united states, washington, rubio]
            - [talks, negotiat*, summit*]
          none_of: [world cup, doping]  # no match of any of these
          min_hits: [3, 1, 2]           # matches each group needs (or one number for all)
          within: 40                    # one match of every group in 40 tokens
          lead: 50                      # the first group matches in the first 50 tokens

Terms use the pattern syntax of :mod:`framing.lexicon` (exact word, ``*`` and ``?``
globs, multiword expressions), matched case-insensitively over the tokens of
``title`` and ``text`` (:func:`framing.text.tokenize`). ``within`` is optional: when
given, some stretch of at most ``within`` tokens (from the first token of its first
match to the first token of its last) must hold a match of every group. ``min_hits``
is the number of matches each ``all_of`` group needs in the article: one number for
every group, or a list with one number per group (default 1). ``lead`` is optional:
when given, the *first* ``all_of`` group must match within the first ``lead`` tokens of
title + text, i.e. the headline or lead names the topic's core actor (the idea of
searching headline and lead paragraph only, as in Nexis's HLEAD segment search). Matching reuses the lexicon engine's compiled patterns
(:mod:`framing._patterns`), so a term matches exactly what a dictionary term would.

Boolean keyword queries are the usual way of building a topic sub-corpus in news
research; report their precision and recall against hand judgements (see
``corpora/README.md``). Stryker, J. E., Wray, R. J., Hornik, R. C., & Yanovitzky, I.
(2006). Validation of database search terms for content analysis: The case of cancer
news coverage. Journalism & Mass Communication Quarterly, 83(2), 413-430.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from framing._checks import require_columns
from framing.errors import FramingError, TopicError

__all__ = [
    "Topic",
    "load_topics",
    "parse_topics",
    "select",
    "match_topics",
    "outlet_counts",
    "select_corpus",
]

_TOP_KEYS = {"topics"}
_TOPIC_KEYS = {"label", "description", "query"}
_QUERY_KEYS = {"all_of", "none_of", "min_hits", "within", "lead"}
DEFAULT_PATH = "corpora/topics.yaml"


@dataclass(frozen=True)
class Topic:
    """One topic query.

    Parameters
    ----------
    id : str
        The topic id (``us_russia_talks``).
    all_of : tuple of tuple of str
        Groups of terms; every group must match (any term of a group).
    none_of : tuple of str, default ()
        Terms that exclude an article when any of them matches.
    min_hits : int or tuple of int, default 1
        Matches each ``all_of`` group needs at least: one number for all groups, or
        one per group.
    within : int or None, default None
        Window in tokens that must hold one match of every group.
    lead : int or None, default None
        The first group must match within the first ``lead`` tokens (title + text).
    label, description : str
        Human-readable name and scope note.

    Examples
    --------
    >>> t = Topic("peace", all_of=(("ceasefire", "truce"), ("gaza",)))
    >>> t.all_of[0]
    ('ceasefire', 'truce')
    """

    id: str
    all_of: tuple
    none_of: tuple = ()
    min_hits: int | tuple = 1
    within: int | None = None
    lead: int | None = None
    label: str = ""
    description: str = field(default="", repr=False)

    def __post_init__(self):
        _check_topic(self, where=f"topic {self.id!r}")


# -- reading the YAML -------------------------------------------------------------------
def _compose(text: str, path: str):
    try:
        return yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise TopicError(
            f"{path}: not valid YAML (line {line}): {exc}. Fix the syntax there.",
            path=path,
            line=line,
        ) from exc


def _mapping(node, path: str, what: str, allowed: set) -> dict:
    """A mapping node as {key: (value node, line)}, refusing keys not in ``allowed``."""
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 if node is not None else None
        raise TopicError(
            f"{path} line {line}: {what} must be a mapping of keys to values.",
            path=path,
            line=line,
        )
    out = {}
    for knode, vnode in node.value:
        key, line = knode.value, knode.start_mark.line + 1
        if key not in allowed:
            raise TopicError(
                f"{path} line {line}: unknown key {key!r} in {what} "
                f"(allowed: {', '.join(sorted(allowed))}). Check the spelling.",
                path=path,
                line=line,
                key=key,
            )
        out[key] = (vnode, line)
    return out


def _terms(node, path: str, where: str, line: int) -> tuple:
    if isinstance(node, yaml.ScalarNode) and node.value:
        return (node.value,)
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(v, yaml.ScalarNode) for v in node.value
    ):
        raise TopicError(
            f"{path} line {line}: {where} must be a list of terms, e.g. [talks, negotiat*].",
            path=path,
            line=line,
            field=where,
        )
    return tuple(v.value for v in node.value)


def _int(node):
    """A scalar as int when it is one (checked later by :class:`Topic`)."""
    if not isinstance(node, yaml.ScalarNode):
        return node
    try:
        return int(node.value)
    except ValueError:
        return node.value


def parse_topics(text: str, *, path: str = "<string>") -> dict[str, Topic]:
    """Parse topic YAML text (see the module docstring) into ``{id: Topic}``.

    Topics without a ``query`` block are skipped (a file may describe topics before
    their queries are written); :func:`select` then reports them as unknown.

    Parameters
    ----------
    text : str
        The YAML text.
    path : str, optional
        File name used in error messages.

    Returns
    -------
    dict of str to Topic

    Raises
    ------
    TopicError
        Invalid YAML, an unknown key (names file, line and key), an empty group, a
        ``min_hits`` or ``within`` that is not a positive integer, an invalid term.

    Examples
    --------
    >>> ts = parse_topics("topics:\\n  t:\\n    query:\\n      all_of: [[talks]]\\n")
    >>> ts["t"].all_of
    (('talks',),)
    """
    root = _compose(text, path)
    top = _mapping(root, path, "the top level", _TOP_KEYS)
    if "topics" not in top:
        raise TopicError(f"{path}: no 'topics:' mapping found.", path=path)
    out = {}
    for knode, vnode in top["topics"][0].value:
        tid = knode.value
        spec = _mapping(vnode, path, f"topic {tid!r}", _TOPIC_KEYS)
        if "query" not in spec:
            continue
        qnode, qline = spec["query"]
        q = _mapping(qnode, path, f"the query of topic {tid!r}", _QUERY_KEYS)
        if "all_of" not in q:
            raise TopicError(
                f"{path} line {qline}: the query of topic {tid!r} has no 'all_of' list.",
                path=path,
                line=qline,
                topic=tid,
                field="all_of",
            )
        gnode, gline = q["all_of"]
        if not isinstance(gnode, yaml.SequenceNode):
            raise TopicError(
                f"{path} line {gline}: all_of of topic {tid!r} must be a list of groups.",
                path=path,
                line=gline,
                topic=tid,
                field="all_of",
            )
        groups = tuple(
            _terms(g, path, f"all_of[{i}] of topic {tid!r}", g.start_mark.line + 1)
            for i, g in enumerate(gnode.value)
        )
        none_of = ()
        if "none_of" in q:
            none_of = _terms(q["none_of"][0], path, f"none_of of topic {tid!r}", q["none_of"][1])
        kwargs = {}
        for key in ("min_hits", "within", "lead"):
            if key in q:
                node = q[key][0]
                if key == "min_hits" and isinstance(node, yaml.SequenceNode):
                    kwargs[key] = tuple(_int(v) for v in node.value)
                else:
                    kwargs[key] = _int(node)
        label = spec["label"][0].value if "label" in spec else ""
        desc = spec["description"][0].value if "description" in spec else ""
        try:
            out[tid] = Topic(tid, groups, none_of, label=label, description=desc, **kwargs)
        except TopicError as exc:
            raise TopicError(
                f"{path} line {qline}: {exc.message}", path=path, line=qline, **exc.context
            ) from None
    return out


def load_topics(path=DEFAULT_PATH) -> dict[str, Topic]:
    """Read a topic file into ``{id: Topic}`` (syntax in the module docstring).

    Parameters
    ----------
    path : str or pathlib.Path, default "corpora/topics.yaml"
        A relative path not found from the working directory is looked up from the
        project root (:func:`framing._project.project_root`), so notebooks in
        ``notebooks/`` find ``corpora/topics.yaml`` too.

    Returns
    -------
    dict of str to Topic

    Raises
    ------
    TopicError
        The file is missing or invalid (see :func:`parse_topics`).
    """
    p = Path(path)
    if not p.is_absolute() and not p.is_file():
        from framing._project import resolve_path

        p = resolve_path(p)  # relative to the project root (e.g. run from notebooks/)
    if not p.is_file():
        raise TopicError(
            f"topic file {str(p)!r} not found. Pass the path of your topics.yaml "
            "(the kit's own is corpora/topics.yaml in the project folder).",
            path=str(p),
        )
    return parse_topics(p.read_text(encoding="utf-8"), path=str(p))


def _check_topic(t: Topic, *, where: str) -> None:
    from framing._patterns import check_pattern

    if not t.all_of:
        raise TopicError(f"{where}: all_of is empty; give at least one group of terms.",
                         topic=t.id, field="all_of")  # fmt: skip
    for i, group in enumerate(t.all_of):
        if isinstance(group, str) or not group:
            raise TopicError(
                f"{where}: all_of[{i}] is {'empty' if not group else 'a string'}; "
                "each group is a non-empty list of terms, e.g. [talks, negotiat*].",
                topic=t.id,
                field=f"all_of[{i}]",
                value=group,
            )
    mh = t.min_hits
    if isinstance(mh, list | tuple) and len(mh) != len(t.all_of):
        raise TopicError(
            f"{where}: min_hits lists {len(mh)} numbers but all_of has {len(t.all_of)} "
            "groups; give one number per group, or a single number for all.",
            topic=t.id,
            field="min_hits",
            value=mh,
        )
    values = [("min_hits", v) for v in (mh if isinstance(mh, list | tuple) else [mh])]
    values += [(k, getattr(t, k)) for k in ("within", "lead") if getattr(t, k) is not None]
    for name, v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise TopicError(
                f"{where}: {name} must be a positive whole number of "
                f"{'matches' if name == 'min_hits' else 'tokens'}, got {v!r}.",
                topic=t.id,
                field=name,
                value=v,
            )
    for term in [x for g in t.all_of for x in g] + list(t.none_of):
        try:
            check_pattern(term)
        except FramingError as exc:
            raise TopicError(
                f"{where}: {exc.message}", topic=t.id, field="term", value=term
            ) from None


# -- matching ---------------------------------------------------------------------------
def _resolve(topic, topics) -> Topic:
    if isinstance(topic, Topic):
        return topic
    if topics is None or isinstance(topics, str | Path):
        topics = load_topics(DEFAULT_PATH if topics is None else topics)
    if topic not in topics:
        known = sorted(topics)
        raise TopicError(
            f"unknown topic {topic!r}; known topics: {', '.join(known) or '(none)'}. "
            "Add it (with a query: block) to the topic file or fix the id.",
            value=topic,
            known=known,
        )
    return topics[topic]


def _tokens(corpus: pd.DataFrame) -> list[list[str]]:
    from framing.text import tokenize_many

    text = corpus["text"].fillna("").astype(str)
    if "title" in corpus:
        text = corpus["title"].fillna("").astype(str) + "\n\n" + text
    return tokenize_many(text.tolist())


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


def _match(topic: Topic, tokens: list[list[str]]):
    """Per document: (selected, matched terms, hits) for one topic."""
    from framing._patterns import Matcher

    groups = [(f"g{i}", list(g)) for i, g in enumerate(topic.all_of)]
    if topic.none_of:
        groups.append(("none", list(topic.none_of)))
    matcher = Matcher(groups)
    n_groups = len(topic.all_of)
    _, counts = matcher.count(tokens)
    need = np.asarray(topic.min_hits, dtype=np.int64)  # scalar or one per group
    ok = (counts[:, :n_groups] >= need).all(axis=1)
    if topic.none_of:
        ok &= counts[:, n_groups] == 0
    if topic.lead is not None:
        cand = ok.nonzero()[0]
        head = Matcher([("lead", list(topic.all_of[0]))])
        ok[cand] &= head.count([tokens[d][: topic.lead] for d in cand])[1][:, 0] > 0
    terms, hits = [""] * len(tokens), counts[:, :n_groups].sum(axis=1)
    for d in ok.nonzero()[0]:
        toks = tokens[d]
        found = [m for m in matcher.matches(toks) if m[0] < n_groups]
        if topic.within is not None:
            positions = [[i for c, i, _, _ in found if c == g] for g in range(n_groups)]
            if not _in_window(positions, topic.within):
                ok[d] = False
                continue
        seen = dict.fromkeys(" ".join(toks[i : i + n]) for _, i, n, _ in found)
        terms[d] = "; ".join(seen)
    return ok, terms, hits


def select(corpus: pd.DataFrame, topic, *, topics=None) -> pd.DataFrame:
    """The articles of ``corpus`` that match a topic query.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text`` (``title`` is searched too when
        present).
    topic : str or Topic
        A topic id of ``topics``, or a :class:`Topic`.
    topics : dict, str or pathlib.Path, optional
        ``{id: Topic}`` from :func:`load_topics`, or a topic file path; default
        ``corpora/topics.yaml`` (relative to the working directory).

    Returns
    -------
    pandas.DataFrame
        The matching rows (all columns, original index) plus ``topic_matches`` (the
        distinct matched words of the ``all_of`` groups in text order, joined by
        ``"; "``) and ``topic_hits`` (number of matches of all groups).

    Raises
    ------
    TopicError
        Unknown topic id (the message lists the known ones) or an invalid topic file.
    ColumnsError
        ``doc_id`` or ``text`` missing.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Rubio meets Lavrov", "Tariffs"],
    ...                    "text": ["Talks in Kuala Lumpur.", "Steel."]})
    >>> t = Topic("talks", all_of=(("lavrov",), ("talks", "meets")))
    >>> select(df, t)[["doc_id", "topic_matches", "topic_hits"]]
      doc_id         topic_matches  topic_hits
    0      a  meets; lavrov; talks           3
    """
    require_columns(corpus, ["doc_id", "text"], where="select",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    t = _resolve(topic, topics)
    ok, terms, hits = _match(t, _tokens(corpus))
    out = corpus.loc[ok].copy()
    out["topic_matches"] = [terms[i] for i in ok.nonzero()[0]]
    out["topic_hits"] = hits[ok].astype("int64")
    return out


def match_topics(corpus: pd.DataFrame, topics=None) -> pd.DataFrame:
    """Which articles match which topics.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``text`` (and ``title`` when present).
    topics : dict, str or pathlib.Path, optional
        ``{id: Topic}`` or a topic file; default ``corpora/topics.yaml``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` and one boolean column per topic id, one row per article.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Ceasefire in Gaza.", "Tariffs."]})
    >>> match_topics(df, {"peace": Topic("peace", all_of=(("ceasefire",),))})
      doc_id  peace
    0      a   True
    1      b  False
    """
    require_columns(corpus, ["doc_id", "text"], where="match_topics",
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    if topics is None or isinstance(topics, str | Path):
        topics = load_topics(DEFAULT_PATH if topics is None else topics)
    tokens = _tokens(corpus)
    out = pd.DataFrame({"doc_id": corpus["doc_id"].to_numpy()})
    for tid, t in topics.items():
        out[tid] = _match(t, tokens)[0]
    return out


def outlet_counts(corpus: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet in a corpus and in its topic selection.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles table with ``doc_id`` and ``outlet``.
    selected : pandas.DataFrame
        The result of :func:`select` on ``corpus`` (needs ``doc_id``).

    Returns
    -------
    pandas.DataFrame
        ``outlet``, ``n_articles``, ``n_selected``, ``share`` (selected / articles),
        one row per outlet sorted by outlet, plus a final ``(all)`` row.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> outlet_counts(df, df.iloc[[0]])
      outlet  n_articles  n_selected  share
    0      X           2           1  0.500
    1      Y           1           0  0.000
    2  (all)           3           1  0.333
    """
    require_columns(corpus, ["doc_id", "outlet"], where="outlet_counts")
    require_columns(selected, ["doc_id"], where="outlet_counts")
    chosen = corpus["doc_id"].isin(selected["doc_id"])
    out = (
        pd.DataFrame({"outlet": corpus["outlet"].astype(str), "sel": chosen})
        .groupby("outlet", sort=True)["sel"]
        .agg(n_articles="size", n_selected="sum")
        .reset_index()
    )
    total = pd.DataFrame(
        {"outlet": ["(all)"], "n_articles": [len(corpus)], "n_selected": [int(chosen.sum())]}
    )
    out = pd.concat([out, total], ignore_index=True).astype(
        {"n_articles": "int64", "n_selected": "int64"}
    )
    share = out["n_selected"] / out["n_articles"].where(out["n_articles"] > 0)
    out["share"] = share.fillna(0.0).round(3)
    return out


def select_corpus(path, topic: str, *, topics=None, out=None) -> pd.DataFrame:
    """Load a corpus, select a topic, optionally write the selection; count per outlet.

    The command ``framing topics select`` calls this.

    Parameters
    ----------
    path : str or pathlib.Path
        A corpus folder or file (see :func:`framing.corpus.load_corpus`).
    topic : str
        Topic id in ``topics``.
    topics : str or pathlib.Path, optional
        Topic file; default ``corpora/topics.yaml``.
    out : str or pathlib.Path, optional
        Write the selected articles here: ``.csv``, ``.parquet``, otherwise JSON lines.

    Returns
    -------
    pandas.DataFrame
        :func:`outlet_counts` of the selection.

    Raises
    ------
    TopicError, CorpusError
        Unknown topic, invalid topic file, unreadable corpus.
    """
    from framing.corpus import load_corpus

    corpus = load_corpus(path)
    chosen = select(corpus, topic, topics=topics)
    if out is not None:
        dest = Path(out)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.suffix == ".csv":
            chosen.to_csv(dest, index=False)
        elif dest.suffix == ".parquet":
            chosen.to_parquet(dest, index=False)
        else:
            chosen.to_json(dest, orient="records", lines=True, date_format="iso",
                           force_ascii=False)  # fmt: skip
    return outlet_counts(corpus, chosen)
