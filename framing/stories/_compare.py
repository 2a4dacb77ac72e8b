"""Selection and framing: which stories each side covers, and how it covers shared ones.

A pooled outlet difference in a frame measure mixes two things: the stories an outlet
chooses (selection, agenda setting; McCombs, M. E. & Shaw, D. L. (1972). The
agenda-setting function of mass media. *Public Opinion Quarterly*, 36(2), 176-187) and
how it tells a story both sides cover (framing; Entman, R. M. (1993). Framing: toward
clarification of a fractured paradigm. *Journal of Communication*, 43(4), 51-58).

:func:`story_coverage` measures selection: the share of the multi-outlet stories each
side covered (Wilson interval), how often it was first, and its delay.

:func:`story_sides` picks the two sides of such a contrast from a study's names (a
focus outlet or target group against the rest), with fallbacks when they do not fit
the data.

:func:`within_stories` measures framing: the difference ``a - b`` in a measure's mean
within each story covered by both sides (a paired difference per story, every shared
story weighted equally: the story fixed-effects contrast), averaged over the shared
stories, beside the pooled difference of all their articles and the part of the pooled
difference that within-story framing does not explain (``pooled - within``, the
selection part). Intervals come from one cluster bootstrap over stories (articles in no
story are their own cluster), the same resampled stories for all three rows, so the
intervals respect that articles of one story are not independent (Cameron, A. C. &
Miller, D. L. (2015). A practitioner's guide to cluster-robust inference. *Journal of
Human Resources*, 50(2), 317-372; Field & Welsh 2007, cited in :mod:`framing.compare`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from framing._shared.checks import require_columns
from framing._shared.resample import percentile_bounds, resample_weights, safe_ratio, wilson_bounds
from framing.errors import StoriesError
from framing.stories._policy import apply_duplicates, check_policy

__all__ = ["story_coverage", "story_sides", "within_stories"]

WITHIN_COLUMNS = [
    "contrast", "comparison", "measure", "estimate", "ci_low", "ci_high", "n_docs",
    "n_stories", "n_docs_a", "n_docs_b", "note",
]  # fmt: skip


def _policy(table, dups, duplicates, where):
    """The table under the duplicates policy, with a ``weight`` column and the record."""
    check_policy(duplicates, where)
    return apply_duplicates(table, dups, duplicates)


def story_coverage(
    table: pd.DataFrame,
    *,
    group: str = "outlet",
    min_outlets: int = 2,
    ci: float = 0.95,
    dups: pd.DataFrame | None = None,
    duplicates: str = "keep",
) -> pd.DataFrame:
    """Share of the multi-outlet stories each outlet (or group) covered, and how fast.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per article: ``doc_id``, ``story_id`` (missing: in no story), ``date``,
        ``outlet`` and the ``group`` column (e.g. the assignments of
        :func:`story_clusters`, merged with outlet metadata for a group).
    group : str, default "outlet"
        Column naming the sides (``outlet``, ``outlet_lean``, ...).
    min_outlets : int, default 2
        Stories count when at least this many distinct outlets covered them.
    ci : float, default 0.95
        Level of the Wilson interval of the share covered.
    dups, duplicates
        Near-duplicate table and policy (:func:`apply_duplicates`); e.g.
        ``duplicates="drop_reprints"`` does not credit an outlet with a story it only
        ran as wire copy.

    Returns
    -------
    pandas.DataFrame
        The estimates table ``<group>``, ``measure`` (``"share_covered"``),
        ``estimate``, ``ci_low``, ``ci_high``, ``n_docs`` (its articles in those
        stories), then ``n_stories`` (stories counted), ``n_covered``, ``n_first``
        (stories it covered first), ``median_hours_to_first`` (from the story's first
        article to its own first, over the stories it covered). Sorted by share,
        descending. ``attrs["duplicates"]`` records the policy.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": list("abcde"), "story_id": ["s1", "s1", "s2", "s2", None],
    ...     "outlet": ["A", "B", "A", "C", "B"],
    ...     "date": pd.to_datetime(["2025-07-01 08:00", "2025-07-01 10:00",
    ...                             "2025-07-02 08:00", "2025-07-02 09:00", "2025-07-03 08:00"], utc=True)})
    >>> story_coverage(t)[["outlet", "n_covered", "estimate", "n_first"]].values.tolist()
    [['A', 2, 1.0, 2], ['B', 1, 0.5, 0], ['C', 1, 0.5, 0]]
    """
    where = "story_coverage"
    require_columns(table, ["doc_id", "story_id", "date", "outlet", group], where=where,
                    hint="Merge the story assignments (story_clusters) with the articles.")  # fmt: skip
    t = _policy(table, dups, duplicates, where)
    policy = t.attrs["duplicates"]
    t = t[t["story_id"].notna()].copy()
    t["date"] = pd.to_datetime(t["date"], utc=True)
    n_out = t.groupby("story_id")["outlet"].nunique()
    universe = n_out.index[n_out >= min_outlets]
    t = t[t["story_id"].isin(universe)]
    start = t.groupby("story_id")["date"].min()
    firsts = t.groupby([group, "story_id"], observed=True)["date"].min().reset_index()
    firsts["hours"] = (firsts["date"] - firsts["story_id"].map(start)).dt.total_seconds() / 3600
    firsts["first"] = firsts["hours"] <= 0
    g = firsts.groupby(group, observed=True)
    out = pd.DataFrame({
        "n_covered": g.size(), "n_first": g["first"].sum().astype(int),
        "median_hours_to_first": g["hours"].median(),
    })  # fmt: skip
    out["n_docs"] = t.groupby(group, observed=True).size()
    n = len(universe)
    out["estimate"] = out["n_covered"] / n if n else np.nan
    lo, hi = wilson_bounds(out["n_covered"].to_numpy(float), np.full(len(out), float(n)), ci)
    out["ci_low"], out["ci_high"] = lo, hi
    out["n_stories"] = n
    out["measure"] = "share_covered"
    out = out.reset_index().rename(columns={"index": group})
    cols = [group, "measure", "estimate", "ci_low", "ci_high", "n_docs", "n_stories", "n_covered",
            "n_first", "median_hours_to_first"]  # fmt: skip
    out = out[cols].sort_values(["estimate", group], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    out.attrs["duplicates"] = policy
    out.attrs["min_outlets"] = min_outlets
    return out


def _named(side, group: str) -> str:
    """Display name of a side: the value, two values joined, or "other outlets (k)"."""
    if isinstance(side, str):
        return side
    if len(side) <= 2:
        return " + ".join(map(str, side))
    return f"other {'outlets' if group == 'outlet' else group + ' values'} ({len(side)})"


def story_sides(
    table: pd.DataFrame, *, group: str = "outlet", a: str = "", b: str = "", story: str = "story_id"
) -> dict:
    """The two sides of a within-story contrast, from a study's names with fallbacks.

    ``a`` is kept when it is a value of ``group`` that covered a story together with
    another value; otherwise (empty, absent from the data, or never in a shared story)
    the value in the most shared stories is taken. ``b`` is kept when it is another
    value sharing a story with ``a``; otherwise it is every other value (a story
    compares ``a`` with the mean of the others' articles). Each fallback is explained in
    ``note``, so a report can say what it compared and why.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per article: ``<story>`` (missing: in no story) and ``<group>``.
    group : str, default "outlet"
        Column naming the sides (``outlet``, ``outlet_lean``, ...).
    a : str, default ""
        The side of interest (a study's ``focus_outlet`` or ``target_group``).
    b : str, default ""
        The side it is compared with; empty: every other value.
    story : str, default "story_id"
        Column of the story ids.

    Returns
    -------
    dict
        ``a`` (a value) and ``b`` (a value or a list of values) for
        :func:`within_stories`, ``label_a`` and ``label_b`` (display names; a list of
        more than two is "other outlets (k)" or "other <group> values (k)"), ``n_shared`` (stories with articles of both sides) and
        ``note`` (the fallbacks taken, empty when none). When no story was covered by
        two values of ``group``, ``a`` and ``b`` are ``None``, ``n_shared`` is 0 and
        ``note`` says so.

    Raises
    ------
    ColumnsError
        ``story`` or ``group`` is missing.

    Examples
    --------
    >>> t = pd.DataFrame({"story_id": ["s1", "s1", "s2", "s2", "s2", None],
    ...                   "outlet": ["A", "B", "A", "C", "B", "D"]})
    >>> s = story_sides(t, a="D")
    >>> s["a"], s["b"], s["label_b"], s["n_shared"]
    ('A', ['B', 'C', 'D'], 'other outlets (3)', 2)
    >>> s["note"]
    "'D' covered no story shared with another outlet: the outlet in the most shared stories (A, 2) is compared instead."
    >>> story_sides(t, a="B", b="C")["n_shared"]
    1
    """
    require_columns(table, [story, group], where="story_sides",
                    hint="Merge the story assignments (story_clusters) with the articles.")  # fmt: skip
    values = sorted(table[group].dropna().astype(str).unique())
    t = table.loc[table[story].notna() & table[group].notna(), [story, group]]
    t = t.astype({group: str}).drop_duplicates()
    t = t[t.groupby(story)[group].transform("nunique") >= 2]
    per_value = t.groupby(group)[story].nunique()
    covered = t.groupby(group)[story].agg(set)
    a, b = str(a or ""), str(b or "")
    if per_value.empty:
        note = f"no story was covered by two {group} values: nothing to compare within stories."
        return {"a": None, "b": None, "label_a": "", "label_b": "", "n_shared": 0, "note": note}
    notes = []
    if a not in per_value.index:
        ranked = per_value.sort_index().sort_values(ascending=False, kind="mergesort")
        best = str(ranked.index[0])
        why = (f"no {group} named" if not a else f"{a!r} is not among the {group} values of these articles"
               if a not in values else f"{a!r} covered no story shared with another {group}")  # fmt: skip
        notes.append(f"{why}: the {group} in the most shared stories ({best}, "
                     f"{int(ranked.iloc[0])}) is compared instead.")  # fmt: skip
        a = best
    if b and b != a and b in covered.index and covered[b] & covered[a]:
        side_b = b
    else:
        if b:
            notes.append(
                f"{b!r} shares no story with {a}: {a} is compared with every other {group}."
            )
        side_b = [v for v in values if v != a]
        side_b = side_b[0] if len(side_b) == 1 else side_b
    others = [side_b] if isinstance(side_b, str) else side_b
    n_shared = len(covered[a] & set().union(*(covered.get(v, set()) for v in others)))
    return {"a": a, "b": side_b, "label_a": a, "label_b": _named(side_b, group),
            "n_shared": n_shared, "note": " ".join(notes)}  # fmt: skip


def _side(values, name):
    if isinstance(values, str):
        return [values], values
    values = list(values)
    if not values:
        raise StoriesError(f"within_stories: {name} is empty; name one or more groups.",
                           field=name, value=values)  # fmt: skip
    return values, " + ".join(map(str, values))


def within_stories(
    scores: pd.DataFrame,
    measures: str | Sequence[str],
    *,
    a,
    b,
    group: str = "outlet",
    story: str = "story_id",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int | None = 0,
    dups: pd.DataFrame | None = None,
    duplicates: str = "keep",
    labels: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Difference ``a - b`` in each measure within shared stories, beside the pooled one.

    Parameters
    ----------
    scores : pandas.DataFrame
        One row per article: ``doc_id``, ``<group>``, ``<story>`` (missing: in no
        story) and the numeric ``measures`` (e.g. lexicon scores merged with the story
        assignments of :func:`story_clusters`).
    measures : str or sequence of str
        Measure columns, e.g. ``"pressure_per_1k"``.
    a, b : str or sequence of str
        The two sides: a value of ``group`` or a list of values pooled into one side.
    group, story : str
        Column names of the sides and of the story ids.
    n_boot, ci, seed
        Cluster bootstrap over stories: resamples, level, seed.
    dups, duplicates
        Near-duplicate table and policy (:func:`apply_duplicates`); under ``"weight"``
        article means are weighted means.
    labels : (str, str), optional
        Names of the two sides in ``contrast`` (default: the values, a list joined by
        " + "; :func:`story_sides` gives short ones).

    Returns
    -------
    pandas.DataFrame
        Per measure three rows, ``comparison`` = ``"pooled"`` (all articles of the two
        sides), ``"within stories"`` (mean over shared stories of the per-story
        difference), ``"selection"`` (pooled - within): ``contrast`` (``"A - B"``),
        ``comparison``, ``measure``, ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``
        (articles used), ``n_stories`` (stories covered by both sides; for pooled, the
        clusters resampled), ``n_docs_a``, ``n_docs_b``, ``note``.
        ``attrs["duplicates"]`` records the policy.

    Raises
    ------
    ColumnsError
        A needed column is missing.
    StoriesError
        A side has no article, or the sides overlap.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": list("abcdef"),
    ...     "outlet": ["A", "B", "A", "B", "A", "B"],
    ...     "story_id": ["s1", "s1", "s2", "s2", "s3", None],
    ...     "x": [3.0, 1.0, 5.0, 3.0, 9.0, 0.0]})
    >>> t = within_stories(s, "x", a="A", b="B", n_boot=200)
    >>> t[["comparison", "estimate", "n_stories"]].round(3).values.tolist()
    [['pooled', 4.333, 4], ['within stories', 2.0, 2], ['selection', 2.333, 4]]
    """
    where = "within_stories"
    measures = [measures] if isinstance(measures, str) else list(measures)
    require_columns(scores, ["doc_id", group, story, *measures], where=where,
                    hint="Merge the scores with the story assignments (story_clusters).")  # fmt: skip
    side_a, name_a = _side(a, "a")
    side_b, name_b = _side(b, "b")
    if labels is not None:
        name_a, name_b = map(str, labels)
    if set(side_a) & set(side_b):
        raise StoriesError(f"{where}: sides a={side_a} and b={side_b} overlap; name disjoint groups.",
                           field="a", value=sorted(set(side_a) & set(side_b)))  # fmt: skip
    t = _policy(scores, dups, duplicates, where)
    t = t[t[group].isin(side_a + side_b)]
    for name, side in (("a", side_a), ("b", side_b)):
        if not t[group].isin(side).any():
            raise StoriesError(f"{where}: no article of {name}={side} in column {group!r} "
                               f"(values present: {sorted(map(str, scores[group].unique()))[:10]}).",
                               field=name, value=side)  # fmt: skip
    is_a = t[group].isin(side_a).to_numpy()
    codes, _ = pd.factorize(t[story], use_na_sentinel=True)
    lone = codes < 0
    codes[lone] = codes.max(initial=-1) + 1 + np.arange(int(lone.sum()))
    n_u = int(codes.max()) + 1 if len(codes) else 0
    w = t["weight"].to_numpy(float)
    rng = np.random.default_rng(seed)
    rows = []
    for m in measures:
        x = pd.to_numeric(t[m], errors="coerce").to_numpy(float)
        ok = ~np.isnan(x)
        sums = {}
        for key, mask in (("a", is_a & ok), ("b", ~is_a & ok)):
            g = sparse.csr_matrix(
                (w[mask], (codes[mask], np.zeros(mask.sum(), int))), shape=(n_u, 1)
            )
            gx = sparse.csr_matrix(
                (w[mask] * x[mask], (codes[mask], np.zeros(mask.sum(), int))), shape=(n_u, 1)
            )
            sums[key] = (gx.toarray()[:, 0], g.toarray()[:, 0])
        (sa, ca), (sb, cb) = sums["a"], sums["b"]
        shared = (ca > 0) & (cb > 0) & ~np.isin(np.arange(n_u), codes[lone])
        d = np.where(shared, safe_ratio(sa, ca) - safe_ratio(sb, cb), 0.0)
        pooled = safe_ratio(np.array([sa.sum()]), np.array([ca.sum()]))[0] - safe_ratio(
            np.array([sb.sum()]), np.array([cb.sum()]))[0]  # fmt: skip
        within = d[shared].mean() if shared.any() else np.nan
        reps = np.full((int(n_boot), 3), np.nan)
        at = 0
        for wb in resample_weights(rng, n_u, int(n_boot)):
            p = safe_ratio(wb @ sa, wb @ ca) - safe_ratio(wb @ sb, wb @ cb)
            ws = wb[:, shared]
            wi = safe_ratio(ws @ d[shared], ws.sum(axis=1))
            reps[at : at + len(wb)] = np.column_stack([p, wi, p - wi])
            at += len(wb)
        good = np.array([np.isfinite(pooled), shared.sum() >= 2, shared.sum() >= 2])
        lo, hi = percentile_bounds(reps, good, ci)
        n_a, n_b = int((is_a & ok).sum()), int((~is_a & ok).sum())
        n_shared_docs = int((ok & shared[codes]).sum())
        note = "" if shared.sum() >= 2 else "fewer than 2 shared stories: no within-story interval"
        for k, (comp, est) in enumerate((("pooled", pooled), ("within stories", within),
                                         ("selection", pooled - within))):  # fmt: skip
            rows.append({
                "contrast": f"{name_a} - {name_b}", "comparison": comp, "measure": m,
                "estimate": est, "ci_low": lo[k], "ci_high": hi[k],
                "n_docs": n_a + n_b if comp != "within stories" else n_shared_docs,
                "n_stories": int(shared.sum()) if comp == "within stories" else n_u,
                "n_docs_a": n_a, "n_docs_b": n_b, "note": note if k else "",
            })  # fmt: skip
    out = pd.DataFrame(rows, columns=WITHIN_COLUMNS)
    out.attrs["duplicates"] = t.attrs["duplicates"]
    out.attrs.update(a=side_a, b=side_b, group=group, n_boot=int(n_boot), ci=ci, seed=seed)
    return out
