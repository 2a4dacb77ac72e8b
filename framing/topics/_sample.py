"""Drawing articles to judge: :class:`RecallPool` and :func:`sample_for_judging`.

A topic query is validated by hand judgements of two random samples (Stryker et al.
2006): articles the query *selects* (their share judged on topic is the precision) and
articles of a *recall pool* that it does not select (on-topic articles among them are
the ones it misses). The pool is a broader set the researcher defines: articles
carrying some source tags, mentioning a core term, or both; recall is then estimated
*within the pool* by :func:`framing.topics.judged_precision_recall`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import TopicError
from framing.topics._match import PreparedDocuments, explain_matches, match_many
from framing.topics._query import Topic
from framing.topics._select import resolve_topic

__all__ = ["RecallPool", "sample_for_judging", "SAMPLE_COLUMNS"]

#: Columns of a sample to judge, in order (``outlet``, ``date``, ``title`` only when
#: the corpus has them; the pool's ``where`` columns follow ``in_pool``).
SAMPLE_COLUMNS = (
    "doc_id", "outlet", "date", "title", "relevant", "note", "matched_terms",
    "not_selected_because", "stratum", "in_pool", "topic_id", "round", "seed",
    "n_selected", "n_selected_in_pool", "n_pool_not_selected", "pool",
)  # fmt: skip


@dataclass(frozen=True)
class RecallPool:
    """The articles whose not-selected part is sampled to estimate recall.

    An article is in the pool when it meets every condition given: for each column of
    ``where`` its value is one of the listed values, and it has at least ``min_hits``
    matches of ``terms`` (pattern syntax of :mod:`framing.lexicon`, searched in title
    and text like a topic query). With no condition the pool is the whole corpus, and
    recall is estimated over every article.

    Parameters
    ----------
    where : mapping of str to sequence of str, optional
        Column -> accepted values, e.g. ``{"source_topic": ["russia", "world"]}``
        (values compared as text).
    terms : sequence of str, optional
        Terms of which an article must mention at least ``min_hits``.
    min_hits : int, default 1
        Matches of ``terms`` needed.

    Raises
    ------
    TopicError
        An empty value list, an invalid term, or a ``min_hits`` below 1.

    Examples
    --------
    >>> pool = RecallPool(where={"tag": ["russia", "world"]}, terms=["russia*", "putin"])
    >>> pool.describe()
    'tag in {russia, world}; mentions >= 1 of [russia*, putin]'
    >>> RecallPool.from_options(["tag=russia,world"], ["russia*,putin"]) == pool
    True
    >>> RecallPool().describe()
    'every article'
    """

    where: Mapping = field(default_factory=dict)
    terms: tuple = ()
    min_hits: int = 1

    def __post_init__(self):
        where = {}
        for column, values in dict(self.where).items():
            values = (values,) if isinstance(values, str) else tuple(values)
            if not values:
                raise TopicError(
                    f"recall pool: no values given for column {column!r}; list the values "
                    f"that put an article in the pool, e.g. {column}=russia,world.",
                    field="where",
                    value=column,
                )
            where[str(column)] = tuple(str(v) for v in values)
        object.__setattr__(self, "where", where)
        object.__setattr__(self, "terms", tuple(str(t) for t in self.terms))
        if self.terms:  # checks every term and min_hits with the query rules
            self.term_query()
        elif self.min_hits != 1:
            raise TopicError("recall pool: min_hits is set but no terms are given.",
                             field="min_hits", value=self.min_hits)  # fmt: skip

    @classmethod
    def from_options(cls, where=(), terms=(), *, min_hits: int = 1) -> RecallPool:
        """A pool from command-line strings: ``COLUMN=V1,V2`` and ``T1,T2`` lists.

        Each ``where`` string adds a column condition; each ``terms`` string adds
        comma-separated terms (a term may hold spaces: ``"united states"``).

        Raises
        ------
        TopicError
            A ``where`` string without ``=``, or with an empty column or value list.
        """
        conditions: dict[str, tuple] = {}
        for text in where or ():
            column, sep, values = str(text).partition("=")
            vals = tuple(v.strip() for v in values.split(",") if v.strip())
            if not sep or not column.strip() or not vals:
                raise TopicError(
                    f"recall pool: {text!r} is not COLUMN=VALUE[,VALUE...]; write e.g. "
                    "--pool-where source_topic=russia,world.",
                    field="where",
                    value=text,
                )
            conditions[column.strip()] = conditions.get(column.strip(), ()) + vals
        words = tuple(t.strip() for text in terms or () for t in str(text).split(",") if t.strip())
        return cls(where=conditions, terms=words, min_hits=min_hits)

    def term_query(self) -> Topic:
        """The ``terms`` condition as a one-group :class:`Topic` (matched like a query)."""
        try:
            return Topic("recall_pool", all_of=(self.terms,), min_hits=self.min_hits)
        except TopicError as exc:
            raise TopicError(f"recall pool: {exc.message}", **exc.context) from None

    def describe(self) -> str:
        """One line saying which articles are in the pool (written into the sample)."""
        parts = [f"{c} in {{{', '.join(v)}}}" for c, v in self.where.items()]
        if self.terms:
            parts.append(f"mentions >= {self.min_hits} of [{', '.join(self.terms)}]")
        return "; ".join(parts) or "every article"

    def check_columns(self, corpus: pd.DataFrame, *, where: str) -> None:
        """Raise :class:`framing.errors.ColumnsError` unless ``corpus`` has the columns."""
        require_columns(
            corpus,
            list(self.where),
            where=where,
            hint="The recall pool names a column the corpus does not have; check "
            "--pool-where (columns renamed on import keep their new name).",
        )

    def mask_where(self, corpus: pd.DataFrame) -> np.ndarray:
        """Articles meeting every ``where`` condition (the ``terms`` are matched apart)."""
        self.check_columns(corpus, where="recall pool")
        ok = np.ones(len(corpus), dtype=bool)
        for column, values in self.where.items():
            col = corpus[column]
            ok &= (col.notna() & col.astype(str).isin(values)).to_numpy()
        return ok


def _pick(rng, ids: np.ndarray, positions: np.ndarray, n: int) -> np.ndarray:
    """A simple random sample of ``n`` of ``positions``, drawn in doc_id order."""
    order = positions[np.argsort(ids[positions], kind="stable")]
    return order[rng.choice(len(order), size=min(n, len(order)), replace=False)]


def sample_for_judging(
    corpus: pd.DataFrame,
    topic,
    *,
    n: int = 50,
    n_pool: int | None = None,
    pool: RecallPool | None = None,
    seed: int = 0,
    round: int = 1,  # noqa: A002 - the judgement files' column name
    topics=None,
) -> pd.DataFrame:
    """Draw articles to judge: a sample of the selection and one of the missed pool.

    Two simple random samples, without replacement: ``n`` of the articles the query
    selects (for precision) and ``n_pool`` of the recall pool's articles it does NOT
    select (for recall within the pool). Rows come in random order, so a coder reading
    top to bottom meets both strata mixed; fill ``relevant`` (1 on topic, 0 not) and
    optionally ``note``, then run :func:`judged_precision_recall` on the table (or
    ``framing topics check`` on the CSV). For blind judging, hide the columns after
    ``note`` while coding.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Articles: ``doc_id`` (unique) and ``text``; ``title``, ``outlet`` and ``date``
        are searched / copied when present; the pool's ``where`` columns.
    topic : str or Topic
        Topic id of ``topics`` or a :class:`Topic`.
    n : int, default 50
        Selected articles to draw (all of them when fewer are selected).
    n_pool : int, optional
        Not-selected pool articles to draw (default ``n``; 0 for precision only).
    pool : RecallPool, optional
        The recall pool (default: every article).
    seed : int, default 0
        Seed of the draw: the same corpus, query, pool and seed give the same sample.
        Use a new seed for each validation round.
    round : int, default 1
        Validation round written into the sample.
    topics : dict, str or pathlib.Path, optional
        ``{id: Topic}`` or a topic file; default ``corpora/topics.yaml``.

    Returns
    -------
    pandas.DataFrame
        :data:`SAMPLE_COLUMNS`: ``doc_id``, ``outlet``, ``date`` (YYYY-MM-DD), ``title``;
        ``relevant`` and ``note`` (empty, for the coder); ``matched_terms`` (the words
        of each ``all_of`` group that matched, groups separated by ``" | "``);
        ``not_selected_because`` (the rules a not-selected article fails); ``stratum``
        (``selected`` or ``pool_not_selected``); ``in_pool`` (1/0); the pool's
        ``where`` columns; ``topic_id``, ``round``, ``seed``; the stratum sizes
        ``n_selected``, ``n_selected_in_pool``, ``n_pool_not_selected`` (the same on
        every row; recall needs them) and ``pool`` (:meth:`RecallPool.describe`).

    Raises
    ------
    TopicError
        Unknown topic, ``n``/``n_pool``/``seed`` below 0, or duplicated ``doc_id`` values.
    framing.errors.ColumnsError
        ``doc_id``, ``text`` or a pool column missing.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "tag": ["w", "w", "w", "x"],
    ...     "text": ["Rubio and Lavrov held talks.", "Lavrov spoke.", "Rain.", "Talks."]})
    >>> t = Topic("talks", all_of=(("lavrov",), ("talks",)))
    >>> s = sample_for_judging(df, t, n=5, pool=RecallPool(where={"tag": ["w"]}), seed=1)
    >>> for r in s.sort_values("doc_id").itertuples():
    ...     print(r.doc_id, r.stratum, "|", r.matched_terms, "|", r.not_selected_because or "-")
    a selected | lavrov | talks | -
    b pool_not_selected | lavrov | - | group 2: 0 of 1 matches needed
    c pool_not_selected | - | - | group 1: 0 of 1 matches needed; group 2: 0 of 1 matches needed
    >>> s[["n_selected", "n_selected_in_pool", "n_pool_not_selected"]].iloc[0].tolist()
    [1, 1, 2]
    """
    where = "sample_for_judging"
    require_columns(corpus, ["doc_id", "text"], where=where,
                    hint="Load the corpus with framing.corpus.load_corpus.")  # fmt: skip
    pool = RecallPool() if pool is None else pool
    n_pool = n if n_pool is None else n_pool
    for name, value in (("n", n), ("n_pool", n_pool), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise TopicError(f"{where}: {name} must be a whole number >= 0, got {value!r}.",
                             field=name, value=value)  # fmt: skip
    ids = corpus["doc_id"].astype(str).to_numpy()
    dup = pd.Series(ids).duplicated()
    if dup.any():
        raise TopicError(
            f"{where}: doc_id {ids[dup.to_numpy()][0]!r} occurs more than once; judged "
            "articles are found by doc_id, so ids must be unique (load_corpus checks it).",
            field="doc_id",
            value=ids[dup.to_numpy()][0],
        )
    t = resolve_topic(topic, topics)
    in_pool = pool.mask_where(corpus)
    docs = PreparedDocuments(corpus)
    queries = [t, pool.term_query()] if pool.terms else [t]
    matched = match_many(queries, docs)
    chosen = matched[0][0]
    if pool.terms:
        in_pool &= matched[1][0]
    sel_rng, pool_rng, order_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))  # fmt: skip
    picks = {
        "selected": _pick(sel_rng, ids, chosen.nonzero()[0], n),
        "pool_not_selected": _pick(pool_rng, ids, (in_pool & ~chosen).nonzero()[0], n_pool),
    }
    rows = np.concatenate(list(picks.values()))
    strata = np.repeat(list(picks), [len(p) for p in picks.values()])
    explained = explain_matches(t, docs, rows)
    out = pd.DataFrame({"doc_id": ids[rows]})
    for col in ("outlet", "date", "title"):
        if col in corpus:
            values = corpus[col].iloc[rows]
            if col == "date":
                values = pd.to_datetime(values, errors="coerce", utc=True).dt.strftime("%Y-%m-%d")
            out[col] = values.fillna("").astype(str).to_numpy()
    out["relevant"] = ""
    out["note"] = ""
    out["matched_terms"] = [terms for terms, _ in explained]
    out["not_selected_because"] = [why for _, why in explained]
    out["stratum"] = strata
    out["in_pool"] = in_pool[rows].astype("int64")
    for col in pool.where:
        out[col] = corpus[col].iloc[rows].fillna("").astype(str).to_numpy()
    out["topic_id"] = t.id
    out["round"] = int(round)
    out["seed"] = int(seed)
    out["n_selected"] = int(chosen.sum())
    out["n_selected_in_pool"] = int((chosen & in_pool).sum())
    out["n_pool_not_selected"] = int((in_pool & ~chosen).sum())
    out["pool"] = pool.describe()
    return out.iloc[order_rng.permutation(len(out))].reset_index(drop=True)
