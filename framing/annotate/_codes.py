"""Hand codes: reading coders' annotations (checked against a codebook and a corpus)
and turning them into gold labels."""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.annotate._codebook import Codebook, load_codebook
from framing.errors import AnnotationError

__all__ = ["CODE_COLUMNS", "NO_FRAME", "load_annotations", "gold_labels"]

CODE_COLUMNS = ["doc_id", "coder", "frame"]
#: The code a coder writes for an article in which they found no frame.
NO_FRAME = "none"


def _frame_names(codebook) -> list[str] | None:
    if codebook is None:
        return None
    if isinstance(codebook, Codebook):
        return codebook.names
    if isinstance(codebook, (str, Path)):
        return load_codebook(codebook).names
    return [str(f) for f in codebook]


def _doc_ids(corpus) -> set[str] | None:
    if corpus is None:
        return None
    if isinstance(corpus, pd.DataFrame):
        require_columns(corpus, ["doc_id"], where="load_annotations")
        return set(corpus["doc_id"].astype(str))
    return {str(d) for d in corpus}


def _raise_first(problems: list[dict], path) -> None:
    if not problems:
        return
    first = problems[0]
    more = f" ({len(problems) - 1} more problem(s) in the file.)" if len(problems) > 1 else ""
    raise AnnotationError(
        f"{path} line {first['line']}: {first['message']}{more}",
        path=path,
        line=first["line"],
        field=first["field"],
        value=first["value"],
        problems=problems,
    )


def _read_codes_csv(path: Path) -> pd.DataFrame:
    """The cells of a codes CSV as text; a row with more or fewer fields than the header,
    a quote never closed, or bytes that are not UTF-8 are errors naming the line."""
    import csv
    import io

    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnnotationError(
            f"{path} line {line}: bytes {data[exc.start : exc.end]!r} at byte offset "
            f"{exc.start} are not UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel).",
            path=path,
            line=line,
            field=None,
            value=data[exc.start : exc.end],
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = next(reader, None)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(header):
                raise AnnotationError(
                    f"{path} line {reader.line_num}: {len(row)} fields, but the header has "
                    f"{len(header)} ({', '.join(header)}); put a value that holds a comma in "
                    "double quotes, or remove the extra field.",
                    path=path,
                    line=reader.line_num,
                    field=None,
                    value=row,
                )
            rows.append(row)
    except csv.Error as exc:
        raise AnnotationError(
            f"{path} line {reader.line_num}: the CSV is malformed ({exc}); check the quotes "
            'on that line (a quote inside a value is written twice: "").',
            path=path,
            line=reader.line_num,
            field=None,
            value=str(exc),
        ) from None
    if header is None:
        header = []
    return pd.DataFrame(rows, columns=[h.strip() for h in header], dtype=str)


def load_annotations(path, *, codebook=None, corpus=None, no_frame=NO_FRAME) -> pd.DataFrame:
    """Read hand codes (``doc_id, coder, frame``) and check them.

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV file with a header line and the columns ``doc_id``, ``coder``, ``frame``
        (further columns are kept). Several rows per article and coder are
        multi-label codes.
    codebook : Codebook, path or list of str, optional
        When given, every frame must be one of its frames.
    corpus : pandas.DataFrame or iterable of str, optional
        When given, every ``doc_id`` must be in it (a table needs ``doc_id``).
    no_frame : str or None, default "none"
        The code for "this coder found no frame in the article" (one row, no other
        frame from that coder for that article). It is accepted although it is not a
        codebook frame, counts as a category in :func:`reliability`, and becomes an
        article without frames in :func:`gold_labels` and
        :func:`framing.classify.training_data` (a multi-label target). When the
        codebook has a frame of that name it is an ordinary frame; None turns the
        code off.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, coder, frame`` (str) and any further columns, in file order;
        ``attrs["source"]`` is the file name, ``attrs["no_frame"]`` the no-frame code
        in force (or None).

    Raises
    ------
    AnnotationError
        A column is missing, a value is empty, a frame is not in the codebook, a
        ``doc_id`` is not in the corpus, a code is given twice, or a coder gave an
        article the no-frame code and a frame. The message names file, line, field,
        value and the fix; ``.problems`` lists every problem found.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "codes.csv"
    >>> _ = p.write_text("doc_id,coder,frame\\nd1,ann,peace\\nd1,bob,peace\\n")
    >>> load_annotations(p, codebook=["peace", "conflict"])
      doc_id coder  frame
    0     d1   ann  peace
    1     d1   bob  peace
    """
    path = Path(path)
    if not path.is_file():
        raise AnnotationError(f"{path}: annotation file not found.", path=path)
    df = _read_codes_csv(path)
    missing = [c for c in CODE_COLUMNS if c not in df.columns]
    if missing:
        raise AnnotationError(
            f"{path} line 1: missing column(s) {missing} (columns present: "
            f"{list(df.columns)}). The header must read doc_id,coder,frame.",
            path=path,
            line=1,
            field=missing[0],
            value=list(df.columns),
        )
    for c in CODE_COLUMNS:
        df[c] = df[c].str.strip()
    lines = np.arange(len(df)) + 2  # line 1 is the header
    frames = _frame_names(codebook)
    if no_frame is not None and frames is not None and no_frame in frames:
        no_frame = None  # the codebook defines it: an ordinary frame
    ids = _doc_ids(corpus)
    problems: list[dict] = []
    for c in CODE_COLUMNS:
        for ln in lines[(df[c] == "").to_numpy()]:
            problems.append(
                dict(
                    line=int(ln),
                    field=c,
                    value="",
                    message=f"field '{c}' is empty. Fill it in or delete the row.",
                )
            )
    if frames is not None:
        bad = ~df["frame"].isin([*frames, no_frame]) & (df["frame"] != "")
        for ln, val in zip(lines[bad.to_numpy()], df.loc[bad, "frame"], strict=True):
            close = difflib.get_close_matches(val, frames, n=1)
            fix = f"Did you mean '{close[0]}'?" if close else f"Use one of {frames}."
            problems.append(
                dict(
                    line=int(ln),
                    field="frame",
                    value=val,
                    message=f"frame '{val}' is not in the codebook. {fix}",
                )
            )
    if ids is not None:
        bad = ~df["doc_id"].isin(ids) & (df["doc_id"] != "")
        for ln, val in zip(lines[bad.to_numpy()], df.loc[bad, "doc_id"], strict=True):
            problems.append(
                dict(
                    line=int(ln),
                    field="doc_id",
                    value=val,
                    message=f"doc_id '{val}' is not in the corpus. Check the id or load the corpus the codes belong to.",
                )
            )
    dup = df.duplicated(CODE_COLUMNS, keep="first")
    for ln, (_, row) in zip(lines[dup.to_numpy()], df[dup].iterrows(), strict=True):
        first = lines[((df[CODE_COLUMNS] == row[CODE_COLUMNS]).all(axis=1)).to_numpy()][0]
        problems.append(
            dict(
                line=int(ln),
                field="frame",
                value=row["frame"],
                message=f"coder '{row['coder']}' gave doc_id '{row['doc_id']}' frame "
                f"'{row['frame']}' twice (first on line {first}). Delete one of the rows.",
            )
        )
    if no_frame is not None:
        none = df["frame"] == no_frame
        both = df[["doc_id", "coder"]][none].merge(
            df[["doc_id", "coder"]][~none & (df["frame"] != "")].drop_duplicates()
        )
        for doc, coder in both.drop_duplicates().itertuples(index=False):
            rows = (df["doc_id"] == doc) & (df["coder"] == coder) & none
            problems.append(
                dict(
                    line=int(lines[rows.to_numpy()][0]),
                    field="frame",
                    value=no_frame,
                    message=f"coder '{coder}' gave doc_id '{doc}' the no-frame code "
                    f"'{no_frame}' and a frame. Keep one of them.",
                )
            )
    problems.sort(key=lambda p: p["line"])
    _raise_first(problems, path)
    df.attrs["source"] = path.name
    df.attrs["no_frame"] = no_frame
    return df


def gold_labels(
    annotations: pd.DataFrame,
    *,
    method: str = "majority",
    adjudicator: str | None = None,
    no_frame="auto",
) -> pd.DataFrame:
    """Reduce hand codes to gold labels, one label (or label set) per article.

    Parameters
    ----------
    annotations : pandas.DataFrame
        ``doc_id, coder, frame``.
    method : {"majority", "adjudicator"}
        ``"majority"``: a frame is gold when more than half of the article's coders
        gave it (single-label: the frame most coders chose, if it beats every other).
        ``"adjudicator"``: the ``adjudicator`` coder's codes wherever they coded the
        article, majority elsewhere.
    adjudicator : str, optional
        A coder id. With ``method="majority"`` it breaks ties: an article without a
        majority takes the adjudicator's codes.
    no_frame : str, None or "auto", default "auto"
        The no-frame code (see :func:`load_annotations`); ``"auto"``: the one
        ``load_annotations`` recorded, else ``"none"``. An article whose gold code it
        is gets one row with a missing ``frame`` (coded, no frame).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, frame, n_coders, support`` (share of the article's coders who gave
        the frame), ``rule``: ``"unanimous"`` (two or more coders, all agreeing),
        ``"majority"``, ``"adjudicator"`` or ``"single-coded"`` (one coder: nothing to
        agree on). Multi-label codes give several rows per article. Articles left
        without a label (ties and no adjudicator) are listed in ``attrs["ties"]``
        (``doc_id``) and counted in ``attrs["n_ties"]``; ``attrs["counts"]`` counts the
        articles per rule (and ``"tie"``), and ``attrs["notes"]`` says what the labels
        cannot claim: without an adjudicator, the articles coders disagreed on are left
        out, so gold labels hold the easier cases; an adjudicator who is also a coder
        settles every disagreement in their own favour. An article coded with no frame has
        ``frame`` missing.

    Raises
    ------
    AnnotationError
        Unknown ``method``, or ``method="adjudicator"`` without a known adjudicator.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["1", "1", "2", "2"], "coder": ["x", "y", "x", "y"],
    ...                   "frame": ["peace", "peace", "war", "peace"]})
    >>> g = gold_labels(a)
    >>> g[["doc_id", "frame", "rule"]], g.attrs["n_ties"]
    (  doc_id  frame       rule
    0      1  peace  unanimous, 1)
    >>> g.attrs["counts"]
    {'unanimous': 1, 'majority': 0, 'adjudicator': 0, 'single-coded': 0, 'tie': 1}
    >>> gold_labels(a, adjudicator="x")["frame"].tolist()
    ['peace', 'war']
    """
    require_columns(annotations, CODE_COLUMNS, where="gold_labels", hint="Use load_annotations().")
    if method not in ("majority", "adjudicator"):
        raise AnnotationError(
            f"gold_labels: method must be 'majority' or 'adjudicator', got {method!r}.",
            field="method",
            value=method,
        )
    coders = set(annotations["coder"])
    if adjudicator is not None and adjudicator not in coders:
        raise AnnotationError(
            f"gold_labels: adjudicator {adjudicator!r} is not a coder (coders: {sorted(coders)}).",
            field="adjudicator",
            value=adjudicator,
        )
    if method == "adjudicator" and adjudicator is None:
        raise AnnotationError(
            "gold_labels: method='adjudicator' needs adjudicator=<coder id>.",
            field="adjudicator",
            value=None,
        )
    multi = annotations.duplicated(["doc_id", "coder"]).any()
    n = annotations.groupby("doc_id")["coder"].nunique()
    counts = (
        annotations.drop_duplicates(CODE_COLUMNS)
        .groupby(["doc_id", "frame"])
        .size()
        .rename("k")
        .reset_index()
    )
    counts["n_coders"] = counts["doc_id"].map(n)
    counts["support"] = counts["k"] / counts["n_coders"]
    if multi:
        chosen = counts[counts["support"] > 0.5].copy()
    else:
        top = counts.groupby("doc_id")["k"].transform("max")
        n_top = counts[counts["k"] == top].groupby("doc_id")["frame"].transform("size")
        chosen = counts[(counts["k"] == top) & (n_top == 1)].copy()
    chosen["rule"] = np.where(
        chosen["n_coders"] < 2,
        "single-coded",
        np.where(chosen["support"] == 1.0, "unanimous", "majority"),
    )
    adj_docs: set = set()
    if adjudicator is not None:
        adj = annotations[annotations["coder"] == adjudicator]
        if method == "adjudicator":
            adj_docs = set(adj["doc_id"])
        else:
            adj_docs = set(adj["doc_id"]) - set(chosen["doc_id"])
        extra = counts.merge(adj[["doc_id", "frame"]].drop_duplicates(), on=["doc_id", "frame"])
        extra = extra[extra["doc_id"].isin(adj_docs)].assign(rule="adjudicator")
        chosen = pd.concat([chosen[~chosen["doc_id"].isin(adj_docs)], extra])
    ties = sorted(set(n.index) - set(chosen["doc_id"]))
    if no_frame == "auto":
        no_frame = annotations.attrs.get("no_frame", NO_FRAME)
    if no_frame is not None:
        chosen["frame"] = chosen["frame"].where(chosen["frame"] != no_frame, None)
    out = chosen.sort_values(["doc_id", "frame"], na_position="first")[
        ["doc_id", "frame", "n_coders", "support", "rule"]
    ]
    out = out.reset_index(drop=True)
    out.attrs["ties"] = pd.DataFrame({"doc_id": ties})
    out.attrs["n_ties"] = len(ties)
    out.attrs["multi_label"] = bool(multi)
    per_doc = out.drop_duplicates("doc_id")["rule"].value_counts()
    counts = {r: int(per_doc.get(r, 0)) for r in ("unanimous", "majority", "adjudicator",
                                                  "single-coded")}  # fmt: skip
    counts["tie"] = len(ties)
    out.attrs["counts"] = counts
    notes = []
    if ties and adjudicator is None:
        notes.append(
            f"{len(ties)} article(s) without a majority are left out: the gold labels hold "
            "the cases coders agreed on, which are easier than the rest; name an adjudicator "
            "(ideally not one of the coders) to keep them."
        )
    if adjudicator is not None and annotations.loc[annotations["coder"] == adjudicator,
                                                   "doc_id"].isin(n.index[n >= 2]).any():  # fmt: skip
        notes.append(
            f"adjudicator {adjudicator!r} is also one of the coders of the articles they "
            "settle: disagreements are resolved in that coder's favour."
        )
    if counts["single-coded"]:
        notes.append(f"{counts['single-coded']} article(s) had one coder: their labels are "
                     "unchecked.")  # fmt: skip
    out.attrs["notes"] = notes
    return out
