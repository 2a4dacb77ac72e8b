"""Describing a corpus as text: counts by outlet and month, duplicates, validation reports."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.corpus._normalise import as_str
from framing.corpus._validate import ValidationResult

__all__ = [
    "corpus_summary",
    "describe_texts",
    "TEXT_COLUMNS",
    "format_summary",
    "format_validation",
]

#: What :func:`describe_texts` keeps of a text (a catalogue of a corpus holds them in
#: place of the texts, see :func:`framing.study.corpus_catalogue`).
TEXT_COLUMNS = ("text_words", "text_tokens", "text_sha256")


def _word_counts(text: pd.Series) -> pd.Series:
    """Whitespace-separated tokens of normalised text (single spaces, ``\\n``, ``\\n\\n``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(as_str(text), type=pa.large_string(), from_pandas=True)
    gaps = pc.add(pc.count_substring(arr, " "), pc.count_substring(arr, "\n"))
    gaps = pc.subtract(gaps, pc.count_substring(arr, "\n\n"))
    nonempty = pc.greater(pc.utf8_length(arr), 0)
    n = pc.if_else(nonempty, pc.add(gaps, 1), 0)
    return pd.Series(pc.fill_null(n, 0).to_numpy(), index=text.index, dtype="int64")


def _duplicated_texts(text: pd.Series) -> pd.Series:
    """Mask of texts that occur more than once (cheap key first, exact check after)."""
    key = pd.DataFrame(
        {"n": text.str.len(), "head": text.str.slice(0, 64), "tail": text.str.slice(-64)}
    )
    maybe = key.duplicated(keep=False).to_numpy()
    out = np.zeros(len(text), bool)
    if maybe.any():
        out[maybe] = text[maybe].duplicated(keep=False).to_numpy()
    return pd.Series(out, index=text.index)


def describe_texts(texts: pd.Series) -> pd.DataFrame:
    """What a summary needs of each text, without the text: whitespace words, the kit's
    tokens (:func:`framing.text.count_tokens`) and the sha256 of the text.

    Returns
    -------
    pandas.DataFrame
        :data:`TEXT_COLUMNS`, with the index of ``texts``.

    Examples
    --------
    >>> describe_texts(pd.Series(["Russia's envoy met U.S. officials.", ""]))[
    ...     ["text_words", "text_tokens"]].values.tolist()
    [[5, 5], [0, 0]]
    """
    import hashlib

    from framing.text import count_tokens

    plain = as_str(texts).fillna("")
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in plain]
    return pd.DataFrame(
        {"text_words": _word_counts(texts), "text_tokens": count_tokens(plain),
         "text_sha256": digests},
        index=texts.index,
    )  # fmt: skip


def corpus_summary(df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Describe an article table: size, outlets, months, duplicate texts.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with ``doc_id``, ``outlet``, ``date``, ``title``, ``text``; a
        ``topic`` column, when present, splits the month counts. A catalogue without
        ``text`` but with ``text_words`` and ``text_sha256`` (:func:`describe_texts`)
        gives the same summary.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``overview`` (``measure``, ``value``): articles, outlets, words, first and last
        date, articles without a date, duplicate texts; ``outlets`` (``outlet``,
        ``articles``, ``words``, ``first``, ``last``); ``months`` (``outlet``,
        [``topic``,] ``month`` as ``YYYY-MM``, ``articles``); ``duplicates`` (one row
        per text that occurs more than once: ``articles``, ``outlets``, ``doc_ids``,
        ``title``) - e.g. wire stories reprinted by several outlets.

    Examples
    --------
    >>> from framing.corpus import validate
    >>> raw = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"],
    ...                     "text": ["Same story.", "Same story.", "Other one here."],
    ...                     "date": ["2025-07-10", "2025-07-11", ""]})
    >>> s = corpus_summary(validate(raw).articles)
    >>> s["overview"].set_index("measure").loc["words", "value"]
    7
    >>> s["duplicates"][["articles", "outlets"]].values.tolist()
    [[2, 'X, Y']]
    """
    described = "text" not in df.columns and {"text_words", "text_sha256"} <= set(df.columns)
    require_columns(
        df,
        ["doc_id", "outlet", "date", "title", "text_words" if described else "text"],
        where="corpus_summary",
        hint="Load the table with load_corpus().",
    )
    if described:
        words, key = df["text_words"].astype("int64"), df["text_sha256"]
        dup_mask = key.duplicated(keep=False)
    else:
        words, key = _word_counts(df["text"]), df["text"]
        dup_mask = _duplicated_texts(df["text"])
    overview = pd.DataFrame(
        [
            ("articles", len(df)),
            ("outlets", int(df["outlet"].nunique())),
            ("words", int(words.sum())),
            ("first date", df["date"].min()),
            ("last date", df["date"].max()),
            ("articles without date", int(df["date"].isna().sum())),
            (
                "articles whose text repeats another",
                int(key[dup_mask].duplicated().sum()),
            ),
        ],
        columns=["measure", "value"],
    )
    frame = pd.DataFrame({"outlet": df["outlet"], "words": words, "date": df["date"]})
    outlets = (
        frame.groupby("outlet", sort=True)
        .agg(
            articles=("words", "size"),
            words=("words", "sum"),
            first=("date", "min"),
            last=("date", "max"),
        )
        .reset_index()
        .sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)
    )
    keys = ["outlet"] + (["topic"] if "topic" in df.columns else [])
    months = df[keys].assign(month=df["date"].dt.strftime("%Y-%m").fillna("no date"))
    months = months.fillna({"topic": "(none)"}) if "topic" in keys else months
    months = months.groupby([*keys, "month"]).size().rename("articles").reset_index()
    dups = df.loc[dup_mask, ["doc_id", "outlet", "title"]].assign(_key=key[dup_mask])
    rows = []
    for _, g in dups.groupby("_key", sort=False):
        ids = list(g["doc_id"])
        shown = ", ".join(ids[:5]) + (f", ... ({len(ids)})" if len(ids) > 5 else "")
        rows.append((len(g), ", ".join(sorted(set(g["outlet"]))), shown, g["title"].iat[0]))
    duplicates = pd.DataFrame(rows, columns=["articles", "outlets", "doc_ids", "title"])
    duplicates = duplicates.sort_values("articles", ascending=False, ignore_index=True)
    return {"overview": overview, "outlets": outlets, "months": months, "duplicates": duplicates}


def format_summary(summary: dict[str, pd.DataFrame], *, max_rows: int = 25) -> str:
    """Render :func:`corpus_summary` as plain text (what ``framing corpus info`` prints).

    Month counts are shown as an outlet x month table when the corpus spans at most
    18 months, else as outlet x year; topics (when present) as an outlet x topic table.

    Parameters
    ----------
    summary : dict of str to pandas.DataFrame
        From :func:`corpus_summary`.
    max_rows : int
        Rows shown per table; the rest are counted.

    Returns
    -------
    str

    Examples
    --------
    >>> from framing.corpus import validate
    >>> raw = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One two."],
    ...                     "date": ["2025-07-10"]})
    >>> print(format_summary(corpus_summary(validate(raw).articles)).splitlines()[2])
    words                                2
    """

    def table(frame: pd.DataFrame, title: str) -> str:
        more = len(frame) - max_rows
        text = frame.head(max_rows).to_string()
        if more > 0:
            text += f"\n... {more} more rows"
        return f"{title}\n{text}\n"

    def fmt(v):
        return v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else v

    out = []
    ov = summary["overview"]
    width = max(len(m) for m in ov["measure"])
    out.append(
        "\n".join(
            f"{m:<{width}}  {fmt(v)}" for m, v in zip(ov["measure"], ov["value"], strict=True)
        )
        + "\n"
    )
    outlets = summary["outlets"].copy()
    for col in ("first", "last"):
        outlets[col] = outlets[col].dt.strftime("%Y-%m-%d")
    out.append(table(outlets.set_index("outlet"), "Articles per outlet"))
    months = summary["months"]
    order = list(summary["outlets"]["outlet"])
    dated = months[months["month"] != "no date"]
    by = "month" if dated["month"].nunique() <= 18 else "year"
    col = dated["month"] if by == "month" else dated["month"].str[:4]
    keys = ["outlet", "topic"] if "topic" in months.columns else ["outlet"]
    grid = dated.assign(period=col).pivot_table(
        index=keys, columns="period", values="articles", aggfunc="sum", fill_value=0
    )
    rank = {o: i for i, o in enumerate(order)}
    grid = grid.sort_index(key=lambda idx: idx.map(rank) if idx.name == "outlet" else idx)
    out.append(table(grid, f"Articles per {' x '.join(keys)} and {by}"))
    if "topic" in months.columns:
        topics = months.pivot_table(
            index="outlet", columns="topic", values="articles", aggfunc="sum", fill_value=0
        )
        topics = topics.reindex([o for o in order if o in topics.index])
        if topics.shape[1] > 12:
            top = months.groupby("topic")["articles"].sum().nlargest(12).index
            topics = topics[list(top)]
            title = "Articles per outlet and topic (12 largest topics)"
        else:
            title = "Articles per outlet and topic"
        out.append(table(topics, title))
    dups = summary["duplicates"]
    if len(dups):
        out.append(table(dups, f"Texts that occur more than once ({len(dups)})"))
    else:
        out.append("No text occurs more than once.\n")
    return "\n".join(out)


def format_validation(result: ValidationResult, *, max_rows: int = 10) -> str:
    """Render a :class:`ValidationResult` as plain text (what ``framing corpus validate`` prints).

    Examples
    --------
    >>> from framing.corpus import validate
    >>> raw = pd.DataFrame({"doc_id": ["a", "a"], "outlet": ["X", "X"], "text": ["1.", "2."]})
    >>> print(format_validation(validate(raw, mode="lenient")))
    <table>: read 2, kept 1, rejected 1, warnings 0
    Rejected by field: doc_id 1
      row 2  doc_id 'a' duplicates row 1
    """
    c = result.counts()
    lines = [
        f"{result.source}: read {c['read']}, kept {c['kept']}, rejected {c['rejected']}, warnings {c['warnings']}"
    ]
    unit = result.unit
    for label, frame in (("Rejected", result.rejected), ("Warnings", result.warnings)):
        if not len(frame):
            continue
        by = frame["field"].fillna("(line)").value_counts()
        lines.append(f"{label} by field: " + ", ".join(f"{k} {v}" for k, v in by.items()))
        for ln, reason in zip(
            frame["line"].head(max_rows), frame["reason"].head(max_rows), strict=True
        ):
            lines.append(f"  {unit} {ln}  {reason}")
        if len(frame) > max_rows:
            lines.append(f"  ... {len(frame) - max_rows} more")
    return "\n".join(lines)
