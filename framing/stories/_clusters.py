"""Story clusters: articles about the same event across outlets.

Each article is represented by a TF-IDF vector (sublinear term frequency, English stop
words removed, L2-normalised; Salton, G. & Buckley, C. (1988). Term-weighting approaches
in automatic text retrieval. *Information Processing & Management*, 24(5), 513-523) of
its headline and the first ``lead_words`` words of its text: news writing puts the event
(who, what, where, when) in the headline and lead, and cutting the rest bounds the
memory at one million articles. Two articles are linked when their cosine similarity
reaches ``threshold``, they are at most ``window_days`` apart, and each is among the
other's ``k`` most similar articles (a mutual k-nearest-neighbour graph, which keeps
chains of loosely related coverage from merging distinct events; Brito, M. R. et al.
(1997). Connectivity of the mutual k-nearest-neighbor graph in clustering and outlier
detection. *Statistics & Probability Letters*, 35(1), 33-42). A story is a connected
component of that graph with at least two articles. This is the single-link event
detection of the TDT studies (Allan, J. et al. (1998). Topic detection and tracking
pilot study final report), with date blocking so the cost grows with the articles per
window rather than with the square of the corpus.

Similarities are computed block by block: the articles of each day against those of
the following ``window_days`` days, as one sparse matrix product, so memory is bounded
by the busiest window. Undated articles get no story.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from framing._shared.checks import require_columns
from framing.errors import StoriesError
from framing.stories._dedup import check_unit

__all__ = ["CLUSTER_DEFAULTS", "STORY_COLUMNS", "story_clusters", "story_vectors"]

CLUSTER_DEFAULTS = {"threshold": 0.3, "window_days": 3, "k": 10, "lead_words": 150}
STORY_COLUMNS = [
    "story_id", "label", "top_terms", "first_headline", "first_date", "last_date",
    "n_articles", "n_outlets", "outlets", "first_outlet",
]  # fmt: skip
ARTICLE_COLUMNS = ["doc_id", "story_id", "outlet", "date", "hours_after_first", "similarity"]


def story_vectors(articles: pd.DataFrame, *, lead_words: int = 150, min_df: int = 2):
    """TF-IDF rows of headline and lead: what :func:`story_clusters` compares.

    Sublinear term frequency, English stop words, rows L2-normalised (so a product of
    two rows is their cosine); terms in more than half of 20 or more documents dropped.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``text`` and optionally ``title`` (missing titles count as empty).
    lead_words : int, default 150
        Words of the text kept after the headline.
    min_df : int, default 2
        Documents a term must occur in (at most the number of documents).

    Returns
    -------
    X : scipy.sparse.csr_matrix
        One float32 row per article, in the table's order (no column when no term is
        left, e.g. an empty table).
    terms : numpy.ndarray of str
        The vocabulary, one per column.

    Raises
    ------
    ColumnsError
        ``text`` is missing.

    Examples
    --------
    >>> a = pd.DataFrame({"title": ["Port strike ends", "Port strike ends", "Budget vote"],
    ...                   "text": ["Dockers return.", "Dockers return to work.",
    ...                            "MPs vote on the port budget."]})
    >>> X, terms = story_vectors(a)  # terms in one document only are dropped (min_df)
    >>> terms.tolist()
    ['dockers', 'ends', 'port', 'return', 'strike']
    >>> cos = (X @ X.T).toarray()
    >>> round(float(cos[0, 1]), 2), round(float(cos[0, 2]), 2)
    (1.0, 0.36)
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    require_columns(articles, ["text"], where="story_vectors")
    titles = articles["title"].fillna("").astype(str) if "title" in articles else ""
    leads = [
        " ".join(t.split()[:lead_words]) if isinstance(t, str) else "" for t in articles["text"]
    ]
    docs = (titles + " . " + pd.Series(leads, index=articles.index)).tolist()
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=min(min_df, len(docs)),
                          max_df=0.5 if len(docs) >= 20 else 1.0, dtype=np.float32)  # fmt: skip
    try:
        X = vec.fit_transform(docs)
    except ValueError:  # no term survives (tiny or empty corpus)
        return sparse.csr_matrix((len(docs), 0), dtype=np.float32), np.array([], dtype=str)
    return X.tocsr(), vec.get_feature_names_out()


def _with_features(X, sub, features, weight):
    """``[sqrt(1 - w) X, sqrt(w) F]``: cosine = (1 - w) cos(words) + w cos(features)."""
    from sklearn.preprocessing import normalize

    require_columns(features, ["doc_id"], where="story_clusters(features=)")
    cols = [c for c in features.columns if c != "doc_id"]
    bad = [c for c in cols if not pd.api.types.is_numeric_dtype(features[c])]
    if not cols or bad:
        raise StoriesError(
            "story_clusters: features must hold doc_id and numeric columns; "
            f"{'no feature column' if not cols else f'not numeric: {bad}'}.",
            field="features", value=bad or cols,
        )  # fmt: skip
    f = sub[["doc_id"]].merge(features, on="doc_id", how="left")[cols].fillna(0).to_numpy(float)
    F = normalize(sparse.csr_matrix(f, dtype=np.float32))
    return sparse.hstack([np.sqrt(1 - weight) * X, np.sqrt(weight) * F], format="csr")


def _edges(X, day, *, threshold, window_days, k):
    """Pairs (i < j) in date order within the window and above the threshold, with cosine."""
    n = X.shape[0]
    rows, cols, sims = [], [], []
    starts = np.searchsorted(day, np.arange(day[0], day[-1] + 2)) if n else np.zeros(1, int)
    for d in range(len(starts) - 1):
        lo, hi = starts[d], starts[d + 1]
        if lo == hi:
            continue
        end = starts[min(d + window_days + 1, len(starts) - 1)]
        s = (X[lo:hi] @ X[lo:end].T).tocoo()
        keep = (s.data >= threshold) & (s.col + lo > s.row + lo)
        keep &= day[s.col + lo] - day[s.row + lo] <= window_days
        rows.append(s.row[keep] + lo)
        cols.append(s.col[keep] + lo)
        sims.append(s.data[keep])
    if not rows:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0, np.float32)
    i, j, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    if len(i) == 0 or k is None:
        return i, j, s
    # mutual k nearest neighbours: an edge must rank in the top k of both ends
    ends = np.concatenate([i, j])
    other_sim = np.concatenate([s, s])
    order = np.lexsort((-other_sim, ends))
    ranked_ends = ends[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = ranked_ends[1:] != ranked_ends[:-1]
    group_start = np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - group_start
    in_top = np.zeros(len(order), dtype=bool)
    in_top[order] = rank < k
    ok = in_top[: len(i)] & in_top[len(i) :]
    return i[ok], j[ok], s[ok]


def story_clusters(
    articles: pd.DataFrame,
    *,
    threshold: float = CLUSTER_DEFAULTS["threshold"],
    window_days: int = CLUSTER_DEFAULTS["window_days"],
    k: int | None = CLUSTER_DEFAULTS["k"],
    lead_words: int = CLUSTER_DEFAULTS["lead_words"],
    n_terms: int = 5,
    features: pd.DataFrame | None = None,
    feature_weight: float = 0.2,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group articles about the same event across outlets into stories.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``doc_id``, ``outlet``, ``date``, ``title``, ``text``.
    threshold : float, default 0.3
        Cosine similarity (TF-IDF of headline + lead) from which two articles are linked;
        chosen on the planted stories of the demo corpus and a judged AllSides sample
        (framing/stories/README.md, bench/RESULTS.md).
    window_days : int, default 3
        Largest gap in calendar days (UTC) between two linked articles.
    k : int or None, default 10
        Mutual nearest neighbours kept per article; None keeps every link.
    lead_words : int, default 150
        Words of the text, after the headline, that enter the vector.
    n_terms : int, default 5
        Top terms in each story's label.
    features : pandas.DataFrame, optional
        Further per-article features to compare besides the words: ``doc_id`` and
        numeric columns (e.g. the ``<category>_per_1k`` columns of
        :func:`framing.lexicon.score`, or topic flags). Each row is L2-normalised and
        the similarity becomes ``(1 - feature_weight) * cos(words) + feature_weight *
        cos(features)``; articles without a row have zero features.
    feature_weight : float, default 0.2
        Weight of ``features`` in the similarity (ignored without ``features``).

    Returns
    -------
    stories : pandas.DataFrame
        One row per story (two articles or more): ``story_id`` (``"story-000001"``, ...,
        numbered by first date), ``label`` (top terms, then the earliest headline),
        ``top_terms``, ``first_headline``, ``first_date``, ``last_date``,
        ``n_articles``, ``n_outlets``, ``outlets`` (sorted, joined by ``"; "``),
        ``first_outlet``. Sorted by ``first_date``.
    assignments : pandas.DataFrame
        One row per article, in input order: ``doc_id``, ``story_id`` (missing for an
        article in no story or undated), ``outlet``, ``date``, ``hours_after_first``
        (after the story's first article), ``similarity`` (its strongest kept link).
        ``attrs`` of both hold the parameters and counts (``n_undated``, ``n_links``).

    Raises
    ------
    ColumnsError
        A needed column is missing.
    StoriesError
        A parameter is out of range.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["1", "2", "3"], "outlet": ["A", "B", "A"],
    ...     "date": pd.to_datetime(["2025-07-10", "2025-07-11", "2025-07-11"], utc=True),
    ...     "title": ["Port strike halts rice exports", "Rice exports halted as port strike spreads",
    ...               "Chess open draws young players"],
    ...     "text": ["Dock workers walked out at the port, halting rice exports.",
    ...              "The strike by dock workers at the port stopped rice exports.",
    ...              "Young players filled the hall for the chess open."]})
    >>> stories, assigned = story_clusters(a, threshold=0.2)
    >>> assigned["story_id"].tolist()
    ['story-000001', 'story-000001', None]
    >>> stories[["n_articles", "outlets"]].values.tolist()
    [[2, 'A; B']]
    """
    where = "story_clusters"
    require_columns(articles, ["doc_id", "outlet", "date", "title", "text"], where=where,
                    hint="Load the corpus with framing.corpus.load_corpus().")  # fmt: skip
    threshold = check_unit(threshold, "threshold", where)
    for name, value, low in (("window_days", window_days, 0), ("lead_words", lead_words, 1),
                             ("k", 1 if k is None else k, 1)):  # fmt: skip
        if not isinstance(value, int) or value < low:
            raise StoriesError(f"{where}: {name}={value!r} must be an integer >= {low}.",
                               field=name, value=value)  # fmt: skip
    params = {"threshold": threshold, "window_days": window_days, "k": k, "lead_words": lead_words}
    dates = pd.to_datetime(articles["date"], utc=True)
    dated = np.flatnonzero(dates.notna().to_numpy())
    order = dated[np.argsort(dates.to_numpy()[dated], kind="stable")]
    sub = articles.iloc[order]
    X, terms = story_vectors(sub, lead_words=lead_words)
    if features is not None:
        X = _with_features(X, sub, features, check_unit(feature_weight, "feature_weight", where))
        params.update(features=sorted(c for c in features.columns if c != "doc_id"),
                      feature_weight=feature_weight)  # fmt: skip
    epoch = pd.Timestamp("1970-01-01", tz="UTC")
    day = (dates.iloc[order].dt.floor("D") - epoch).dt.days.to_numpy(dtype=np.int64)
    if len(day):
        day = day - day[0]
    i, j, s = _edges(X, day, threshold=threshold, window_days=window_days, k=k)
    n = len(sub)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, comp = connected_components(graph, directed=False) if n else (0, np.zeros(0, int))
    sizes = np.bincount(comp) if n else np.zeros(0, int)
    best = np.zeros(n)
    np.maximum.at(best, i, s)
    np.maximum.at(best, j, s)
    in_story = sizes[comp] > 1 if n else np.zeros(0, bool)
    # number stories by first date (rows are in date order, so by first member)
    firsts = pd.unique(comp[in_story])
    number = {c: f"story-{m:06d}" for m, c in enumerate(firsts, start=1)}
    sid = np.array([number.get(c) for c in comp], dtype=object)
    sid[~in_story] = None
    assigned = pd.DataFrame({"doc_id": sub["doc_id"].astype(str).to_numpy(), "story_id": sid,
                             "outlet": sub["outlet"].astype(str).to_numpy(),
                             "date": dates.iloc[order].to_numpy(), "similarity": best})  # fmt: skip
    assigned["date"] = pd.to_datetime(assigned["date"], utc=True)
    first_date = assigned.groupby("story_id")["date"].transform("min")
    assigned["hours_after_first"] = (assigned["date"] - first_date).dt.total_seconds() / 3600
    assigned.loc[assigned["story_id"].isna(), ["similarity", "hours_after_first"]] = np.nan
    stories = _story_table(assigned, sub, X[:, : len(terms)], terms, n_terms, in_story)
    # back to input order, undated articles included
    full = pd.DataFrame({"doc_id": articles["doc_id"].astype(str).to_numpy()})
    full = full.merge(assigned, on="doc_id", how="left")
    undated = full["outlet"].isna()
    full.loc[undated, "outlet"] = articles["outlet"].astype(str).to_numpy()[undated.to_numpy()]
    full = full[ARTICLE_COLUMNS]
    full["story_id"] = full["story_id"].astype(object).where(full["story_id"].notna(), None)
    info = {"params": params, "n_articles": len(articles), "n_undated": len(articles) - n,
            "n_links": int(len(i)), "n_stories": len(stories)}  # fmt: skip
    stories.attrs.update(info)
    full.attrs.update(info)
    return stories, full


def _story_table(assigned, sub, X, terms, n_terms, in_story) -> pd.DataFrame:
    if not in_story.any():
        return pd.DataFrame(columns=STORY_COLUMNS)
    a = assigned[in_story].copy()
    a["title"] = sub["title"].astype(str).to_numpy()[in_story]
    codes, ids = pd.factorize(a["story_id"])
    member = sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.flatnonzero(in_story))), shape=(len(ids), X.shape[0])
    )
    weight = np.asarray((member @ X).todense()) if X.shape[1] else np.zeros((len(ids), 0))
    top = []
    for row in weight:
        best = np.lexsort((terms, -row))[:n_terms] if len(terms) else []
        top.append(", ".join(terms[b] for b in best if row[b] > 0))
    g = a.groupby("story_id", sort=False)
    first = g.head(1).set_index("story_id")
    out = pd.DataFrame({"story_id": ids})
    out["top_terms"] = top
    out["first_headline"] = out["story_id"].map(first["title"])
    out["label"] = out["top_terms"] + " | " + out["first_headline"]
    out["first_date"] = out["story_id"].map(g["date"].min())
    out["last_date"] = out["story_id"].map(g["date"].max())
    out["n_articles"] = out["story_id"].map(g.size()).astype(int)
    out["n_outlets"] = out["story_id"].map(g["outlet"].nunique()).astype(int)
    out["outlets"] = out["story_id"].map(g["outlet"].agg(lambda s: "; ".join(sorted(set(s)))))
    out["first_outlet"] = out["story_id"].map(first["outlet"])
    return (
        out[STORY_COLUMNS]
        .sort_values(["first_date", "story_id"], kind="mergesort")
        .reset_index(drop=True)
    )
