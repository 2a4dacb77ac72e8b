"""From judged samples to precision and recall: :func:`read_judgements`,
:func:`judged_precision_recall` and :func:`format_precision_recall`.

Precision is the share of judged *selected* articles that are on topic, with a Wilson
score interval (Wilson 1927). Recall is estimated within the recall pool by strata:
the pool splits into the articles the query selects (N1) and those it does not (N0);
the share on topic in each is estimated from its judged articles (the selected sample's
articles that are in the pool, and the pool sample), and

    recall = N1 p1 / (N1 p1 + N0 p0),

with a 95% interval from independent Jeffreys Beta(k + 1/2, m - k + 1/2) draws of p1 and
p0 (the Bayesian intervals for a proportion recommended by Brown, Cai & DasGupta 2001),
pushed through the same formula. Stryker et al. (2006) describe this design for
validating search terms.

- Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
  inference. JASA, 22(158), 209-212.
- Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
  proportion. Statistical Science, 16(2), 101-133.
- Stryker, J. E., Wray, R. J., Hornik, R. C., & Yanovitzky, I. (2006). Validation of
  database search terms for content analysis. JMCQ, 83(2), 413-430.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import TopicError

__all__ = ["read_judgements", "judged_precision_recall", "format_precision_recall",
           "JUDGEMENT_COLUMNS", "STRATA"]  # fmt: skip

#: Columns a judgement table needs (a sample from :func:`sample_for_judging`, judged).
JUDGEMENT_COLUMNS = (
    "topic_id", "round", "stratum", "doc_id", "in_pool", "relevant",
    "n_selected", "n_selected_in_pool", "n_pool_not_selected",
)  # fmt: skip
#: The two strata of a judged sample.
STRATA = ("selected", "pool_not_selected")
#: Columns of :func:`judged_precision_recall`'s result.
RESULT_COLUMNS = (
    "round", "topic", "n_selected", "n_judged_selected", "n_relevant_selected", "precision",
    "precision_ci_low", "precision_ci_high", "n_selected_in_pool", "n_judged_selected_in_pool",
    "n_relevant_selected_in_pool", "n_pool_not_selected", "n_judged_pool_not_selected",
    "n_relevant_pool_not_selected", "relevant_in_pool", "recall", "recall_ci_low",
    "recall_ci_high",
)  # fmt: skip
_SIZES = ("n_selected", "n_selected_in_pool", "n_pool_not_selected")
_FLAGS = {"1": 1, "0": 0, "1.0": 1, "0.0": 0}


def read_judgements(path) -> pd.DataFrame:
    """Read a judged sample (CSV) and check it row by row.

    The separator (comma, semicolon or tab, as spreadsheets save) is detected from the
    header; a UTF-8 byte order mark is accepted. Every cell is read as text.

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV written by ``framing topics sample`` (or :func:`sample_for_judging`) with
        ``relevant`` filled in.

    Returns
    -------
    pandas.DataFrame
        The rows, indexed by their line in the file (index name ``line``; the header is
        line 1); ``attrs["path"]`` holds the path. Checked as
        :func:`judged_precision_recall` checks its input.

    Raises
    ------
    TopicError
        Missing file, not UTF-8, no judged rows, or a malformed row (names the file, line, doc_id,
        field and value; see :func:`judged_precision_recall`).
    framing.errors.ColumnsError
        Required columns missing (:data:`JUDGEMENT_COLUMNS`).
    """
    path = Path(path)
    if not path.is_file():
        raise TopicError(f"judgement file {str(path)!r} not found. Write one with "
                         "`framing topics sample` and fill in the relevant column.",
                         path=str(path))  # fmt: skip
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TopicError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as 'CSV UTF-8' "
            "from your spreadsheet program.",
            path=str(path),
        ) from None
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows, lines = [], []
    columns = next(reader, None)
    if not columns:
        raise TopicError(f"{path}: the file is empty.", path=str(path))
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue  # blank line (spreadsheets add them at the end)
        if len(record) != len(columns):
            raise TopicError(
                f"{path} line {reader.line_num}: {len(record)} fields, the header has "
                f"{len(columns)}; a cell with the separator {delimiter!r} must be quoted.",
                path=str(path),
                line=reader.line_num,
            )
        rows.append(record)
        lines.append(reader.line_num)
    if not rows:
        raise TopicError(f"{path}: the file has a header but no judged rows.", path=str(path))
    table = pd.DataFrame(rows, columns=columns, index=pd.Index(lines, name="line"), dtype=str)
    table.attrs["path"] = str(path)
    _check(table, where=str(path))
    return table


def _fail(where: str, table: pd.DataFrame, label, field: str, value, fix: str) -> None:
    line = f"line {label}" if table.index.name == "line" else f"row {label}"
    doc = table.at[label, "doc_id"] if "doc_id" in table else ""
    raise TopicError(
        f"{where} {line} (doc_id {doc!r}): field {field!r} is {value!r}; {fix}",
        path=table.attrs.get("path"),
        line=label if table.index.name == "line" else None,
        row=label,
        field=field,
        value=value,
        doc_id=doc,
    )


def _flag(table, label, field, where, fix) -> int:
    value = table.at[label, field]
    text = "" if pd.isna(value) else str(value).strip()
    if text not in _FLAGS:
        _fail(where, table, label, field, text, fix)
    return _FLAGS[text]


def _check(table: pd.DataFrame, *, where: str) -> pd.DataFrame:
    """Validated numeric copy of the judgement columns (raises on the first bad cell)."""
    require_columns(table, JUDGEMENT_COLUMNS, where=where,
                    hint="Judge a sample written by `framing topics sample`; keep its "
                    "columns (add rows, do not rename columns).")  # fmt: skip
    if table.index.has_duplicates:
        table = table.reset_index(drop=True)
    out = pd.DataFrame(index=table.index)
    out["topic_id"] = table["topic_id"].astype(str).str.strip()
    out["doc_id"] = table["doc_id"].astype(str).str.strip()
    strata, relevant, in_pool, rounds = [], [], [], []
    sizes = {name: [] for name in _SIZES}
    for label in table.index:
        stratum = str(table.at[label, "stratum"]).strip()
        if stratum not in STRATA:
            _fail(where, table, label, "stratum", stratum,
                  "write 'selected' or 'pool_not_selected' as the sample did.")  # fmt: skip
        strata.append(stratum)
        relevant.append(_flag(table, label, "relevant", where,
                              "write 1 (on topic) or 0 (not on topic); judge every row, "
                              "or delete a row you cannot judge and say so in your notes."))  # fmt: skip
        flag = _flag(table, label, "in_pool", where, "it is 1 or 0 as the sample wrote it.")
        if stratum == "pool_not_selected" and flag != 1:
            _fail(where, table, label, "in_pool", flag,
                  "a pool_not_selected article is in the pool (1); restore the sample's value.")  # fmt: skip
        in_pool.append(flag)
        for name in ("round", *_SIZES):
            raw = str(table.at[label, name]).strip()
            try:
                number = int(float(raw))
                if number != float(raw) or number < 0:
                    raise ValueError
            except ValueError:
                _fail(where, table, label, name, raw,
                      "it is a whole number >= 0 as the sample wrote it.")  # fmt: skip
            (rounds if name == "round" else sizes[name]).append(number)
    out["round"], out["stratum"] = rounds, strata
    out["relevant"], out["in_pool"] = relevant, in_pool
    for name in _SIZES:
        out[name] = sizes[name]
    for (rnd, tid), g in out.groupby(["round", "topic_id"], sort=False):
        for name in _SIZES:
            if g[name].nunique() > 1:
                label = g.index[(g[name] != g[name].iloc[0]).to_numpy()][0]
                _fail(where, table, label, name, table.at[label, name],
                      f"every row of topic {tid!r} round {rnd} has the same stratum sizes "
                      f"({name} = {g[name].iloc[0]} on its first row); rows of two samples "
                      "cannot be mixed in one round.")  # fmt: skip
        dup = g["doc_id"].duplicated()
        if dup.any():
            label = g.index[dup.to_numpy()][0]
            _fail(where, table, label, "doc_id", g.at[label, "doc_id"],
                  f"the article occurs twice in topic {tid!r} round {rnd}; keep one row.")  # fmt: skip
        first = g.iloc[0]
        counts = {
            "n_selected": (g["stratum"] == "selected").sum(),
            "n_selected_in_pool": ((g["stratum"] == "selected") & (g["in_pool"] == 1)).sum(),
            "n_pool_not_selected": (g["stratum"] == "pool_not_selected").sum(),
        }
        for name, judged in counts.items():
            if judged > first[name]:
                _fail(where, table, g.index[0], name, int(first[name]),
                      f"{judged} rows of topic {tid!r} round {rnd} are in that stratum; "
                      "the sizes are the sample's, do not edit them.")  # fmt: skip
    return out


def _jeffreys(rng, k: int, m: int, size: int) -> np.ndarray:
    return rng.beta(k + 0.5, m - k + 0.5, size)


def judged_precision_recall(
    judgements: pd.DataFrame, *, ci: float = 0.95, n_draws: int = 10_000, seed: int = 0
) -> pd.DataFrame:
    """Precision and recall within the pool from judged samples, per round and topic.

    Parameters
    ----------
    judgements : pandas.DataFrame
        A judged sample (:func:`sample_for_judging` with ``relevant`` filled in; or
        :func:`read_judgements` of its CSV); needs :data:`JUDGEMENT_COLUMNS`:
        ``topic_id``, ``round``, ``stratum`` (``selected`` / ``pool_not_selected``),
        ``doc_id``, ``in_pool`` (1/0), ``relevant`` (1/0), and the stratum sizes
        ``n_selected``, ``n_selected_in_pool``, ``n_pool_not_selected``. Several rounds
        and topics may share one table.
    ci : float, default 0.95
        Interval level.
    n_draws : int, default 10000
        Jeffreys draws per stratum for the recall interval.
    seed : int, default 0
        Seed of the draws (each round and topic draws from its own stream, so its
        interval does not depend on the other rows of the table).

    Returns
    -------
    pandas.DataFrame
        One row per round and topic (in order of appearance): ``round``, ``topic``,
        ``n_selected``, ``n_judged_selected``, ``n_relevant_selected``, ``precision``,
        ``precision_ci_low``, ``precision_ci_high`` (Wilson), ``n_selected_in_pool``,
        ``n_judged_selected_in_pool``, ``n_relevant_selected_in_pool``,
        ``n_pool_not_selected``, ``n_judged_pool_not_selected``,
        ``n_relevant_pool_not_selected``, ``relevant_in_pool`` (estimated number of
        on-topic pool articles), ``recall``, ``recall_ci_low``, ``recall_ci_high``
        (within the pool; NaN when a stratum with articles has no judged ones, or no
        article was judged on topic).

    Raises
    ------
    TopicError
        ``ci`` not between 0 and 1, ``n_draws`` below 1 or ``seed`` below 0; or a
        malformed row: names the row (the file line after :func:`read_judgements`),
        doc_id, field and value: ``relevant`` or ``in_pool`` not 1/0, an unknown
        ``stratum``, a stratum size that is not a whole number or differs within a
        round, a ``doc_id`` judged twice, more judged rows than the stratum holds.
    framing.errors.ColumnsError
        A required column is missing.

    Examples
    --------
    >>> j = pd.DataFrame({"topic_id": "t", "round": 1, "doc_id": list("abcdef"),
    ...     "stratum": ["selected"] * 4 + ["pool_not_selected"] * 2,
    ...     "in_pool": [1, 1, 0, 0, 1, 1], "relevant": [1, 1, 1, 0, 1, 0],
    ...     "n_selected": 40, "n_selected_in_pool": 20, "n_pool_not_selected": 80})
    >>> r = judged_precision_recall(j)
    >>> r[["topic", "precision", "relevant_in_pool", "recall"]]
      topic  precision  relevant_in_pool    recall
    0     t       0.75              60.0  0.333333
    >>> bool(r.at[0, "recall_ci_low"] < 1 / 3 < r.at[0, "recall_ci_high"])
    True
    """
    from framing._shared.resample import wilson_bounds

    where = judgements.attrs.get("path") or "judged_precision_recall"
    checks = (("ci", ci, 0 < ci < 1), ("n_draws", n_draws, n_draws >= 1), ("seed", seed, seed >= 0))
    for name, value, ok in checks:
        if not ok or isinstance(value, bool) or (name != "ci" and not isinstance(value, int)):
            raise TopicError(
                f"judged_precision_recall: {name} is {value!r}; give "
                + (
                    "a level between 0 and 1, e.g. 0.95."
                    if name == "ci"
                    else "a whole number >= 0."
                ),
                field=name,
                value=value,
            )
    j = _check(judgements, where=where)
    rows = []
    for (rnd, tid), g in j.groupby(["round", "topic_id"], sort=False):
        sel = g[g["stratum"] == "selected"]
        sel_pool = sel[sel["in_pool"] == 1]
        pool = g[g["stratum"] == "pool_not_selected"]
        k, m = int(sel["relevant"].sum()), len(sel)
        k1, m1 = int(sel_pool["relevant"].sum()), len(sel_pool)
        k0, m0 = int(pool["relevant"].sum()), len(pool)
        big_n1, big_n0 = int(g["n_selected_in_pool"].iloc[0]), int(g["n_pool_not_selected"].iloc[0])
        lo, hi = wilson_bounds(np.array([k], float), np.array([m or np.nan], float), ci)
        # share on topic per pool stratum: 0 for an empty stratum, NaN if none judged
        p1 = k1 / m1 if m1 else (0.0 if big_n1 == 0 else np.nan)
        p0 = k0 / m0 if m0 else (0.0 if big_n0 == 0 else np.nan)
        r1, r0 = big_n1 * p1, big_n0 * p0
        recall = r1 / (r1 + r0) if (r1 + r0) > 0 else np.nan
        r_lo = r_hi = np.nan
        if not np.isnan(recall):
            rng = np.random.default_rng([seed, int(rnd), *tid.encode()])
            f1 = _jeffreys(rng, k1, m1, n_draws) if m1 else np.zeros(n_draws)
            f0 = _jeffreys(rng, k0, m0, n_draws) if m0 else np.zeros(n_draws)
            draws = big_n1 * f1 / (big_n1 * f1 + big_n0 * f0)
            r_lo, r_hi = np.quantile(draws, [(1 - ci) / 2, 1 - (1 - ci) / 2])
        rows.append({
            "round": int(rnd), "topic": tid,
            "n_selected": int(g["n_selected"].iloc[0]), "n_judged_selected": m,
            "n_relevant_selected": k, "precision": k / m if m else np.nan,
            "precision_ci_low": float(lo[0]), "precision_ci_high": float(hi[0]),
            "n_selected_in_pool": big_n1, "n_judged_selected_in_pool": m1,
            "n_relevant_selected_in_pool": k1, "n_pool_not_selected": big_n0,
            "n_judged_pool_not_selected": m0, "n_relevant_pool_not_selected": k0,
            "relevant_in_pool": r1 + r0, "recall": recall,
            "recall_ci_low": float(r_lo), "recall_ci_high": float(r_hi),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    out.attrs["ci"] = ci
    return out


def format_precision_recall(table: pd.DataFrame) -> str:
    """The result of :func:`judged_precision_recall` as text for the terminal.

    Examples
    --------
    >>> j = pd.DataFrame({"topic_id": "t", "round": 1, "doc_id": list("abc"),
    ...     "stratum": ["selected", "selected", "pool_not_selected"], "in_pool": [1, 0, 1],
    ...     "relevant": [1, 0, 0], "n_selected": 9, "n_selected_in_pool": 4,
    ...     "n_pool_not_selected": 30})
    >>> print(format_precision_recall(judged_precision_recall(j)))
    t, round 1
      precision: 1/2 = 0.50 (95% Wilson CI 0.09-0.91), of 9 selected articles
      recall within the pool: 1.00 (95% interval 0.06-1.00)
        pool strata: 4 selected (1 judged, 1 on topic); 30 not selected (1 judged, 0 on topic)
    """
    require_columns(
        table, ["round", "topic", "precision", "recall"], where="format_precision_recall"
    )
    level = f"{100 * table.attrs.get('ci', 0.95):g}%"
    lines = []
    for r in table.itertuples(index=False):
        lines.append(f"{r.topic}, round {r.round}")
        lines.append(
            f"  precision: {r.n_relevant_selected}/{r.n_judged_selected} = {r.precision:.2f} "
            f"({level} Wilson CI {r.precision_ci_low:.2f}-{r.precision_ci_high:.2f}), "
            f"of {r.n_selected} selected articles"
        )
        recall = (
            "not estimated (a pool stratum has no judged articles, or none was on topic)"
            if np.isnan(r.recall)
            else f"{r.recall:.2f} ({level} interval {r.recall_ci_low:.2f}-{r.recall_ci_high:.2f})"
        )
        lines.append(f"  recall within the pool: {recall}")
        lines.append(
            f"    pool strata: {r.n_selected_in_pool} selected ({r.n_judged_selected_in_pool} "
            f"judged, {r.n_relevant_selected_in_pool} on topic); {r.n_pool_not_selected} not "
            f"selected ({r.n_judged_pool_not_selected} judged, "
            f"{r.n_relevant_pool_not_selected} on topic)"
        )
    return "\n".join(lines)
