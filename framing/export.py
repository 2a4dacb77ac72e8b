"""Saving figures and tables for papers, with their data and provenance.

A saved figure is a bundle in one folder (see DESIGN.md, "Figures for papers"):

- ``<id>.pdf`` and ``<id>.svg``: vector images;
- ``<id>.png``: 300 dpi raster;
- ``<id>.csv``: exactly the numbers plotted, rows sorted;
- ``<id>.json``: caption, parameters, input hashes, kit version, git commit, library
  versions and the SHA-256 of the four other files.

A saved table is ``<id>.csv``, ``<id>.tex`` (booktabs), ``<id>.md`` (GitHub table)
and ``<id>.json``.

Bytes are deterministic: the same figure or table, saved by the same code, gives
identical files. To that end nothing reads the clock; PDF metadata has no creation
date or producer version, SVG has no date and a fixed hash salt for element ids, PNG
has no software tag, and JSON has sorted keys. Library versions live in the JSON.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from framing._shared.jsonable import jsonable, sha256_file
from framing._shared.provenance import environment
from framing.errors import FigureError

__all__ = ["FigureError", "SAVE_RC", "save_figure", "save_table"]

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: rcParams that make saved files repeatable and print-ready; applied while saving.
SAVE_RC = {
    "pdf.fonttype": 42,  # TrueType: editable text, accepted by journals (not Type 3)
    "svg.fonttype": "path",  # glyph outlines: same look everywhere (see framing.plots)
    "svg.hashsalt": "framing-kit",  # repeatable SVG element ids
}
_PNG_DPI = 300
_TEX_SPECIAL = re.compile(r"[\\&%$#_{}~^]")
_TEX_MAP = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _check_id(item_id, kind: str) -> str:
    if not isinstance(item_id, str) or not _ID.fullmatch(item_id):
        raise FigureError(
            f"{kind} id {item_id!r} is not valid: use lower-case letters, digits, '_' and "
            f"'-', starting with a letter or digit (e.g. 'prevalence-by-outlet').",
            value=item_id,
            field=f"{kind}_id",
        )
    return item_id


def _jsonable(obj, where: str):
    """Plain JSON types for a sidecar (see :mod:`framing._shared.jsonable`)."""
    return jsonable(obj, where=where, error=FigureError)


def _describe_input(value, where: str):
    """An input as JSON: corpora and lexicons reduce to their names and content hashes."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        if "corpus_hash" not in value.attrs:
            raise FigureError(
                f"{where}: an input table has no attrs['corpus_hash']; pass a corpus from "
                "load_corpus, or its hash (framing.corpus.corpus_hash(df)) as a string.",
                value=sorted(map(str, value.attrs)),
            )
        return {
            "name": _jsonable(value.attrs.get("name"), where),
            "corpus_hash": value.attrs["corpus_hash"],
            "n_rows": len(value),
        }
    digest = getattr(value, "content_hash", None)
    if isinstance(digest, str):  # a Lexicon, or anything else that hashes its content
        return {
            "name": _jsonable(getattr(value, "name", None), where),
            "version": _jsonable(getattr(value, "version", None), where),
            "content_hash": digest,
        }
    return _jsonable(value, where)


def _sorted_rows(data):
    """Rows sorted by every column (as text when types do not compare)."""
    df = data.reset_index(drop=True)
    if df.empty or not len(df.columns):
        return df
    try:
        return df.sort_values(list(df.columns), kind="mergesort", na_position="last").reset_index(
            drop=True
        )
    except TypeError:
        keys = df.astype(str)
        order = keys.sort_values(list(keys.columns), kind="mergesort").index
        return df.loc[order].reset_index(drop=True)


def _write_csv(df, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _write_json(meta: dict, path: Path) -> None:
    text = json.dumps(meta, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def _plain(item_id, kind, caption, parameters, inputs) -> dict:
    """The caller's part of the sidecar, checked before any file is written."""
    where = f"save_{kind}({item_id!r})"
    return {
        "id": item_id,
        "kind": kind,
        "caption": _jsonable(caption, where),
        "parameters": _jsonable(dict(parameters or {}), where),
        "inputs": {str(k): _describe_input(v, where) for k, v in dict(inputs or {}).items()},
    }


def _sidecar(plain, files, columns, n_rows) -> dict:
    return {
        **plain,
        "data": {"columns": [str(c) for c in columns], "n_rows": int(n_rows)},
        "files": {ext: {"name": p.name, "sha256": sha256_file(p)} for ext, p in files.items()},
        "provenance": environment(),
    }


def save_figure(fig, figure_id, *, data, caption, out_dir, parameters=None, inputs=None) -> dict:
    """Write a figure bundle: PDF, SVG, 300 dpi PNG, CSV of the data, JSON sidecar.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, e.g. from :func:`framing.plots.prevalence_plot`.
    figure_id : str
        File stem: lower-case letters, digits, ``_`` and ``-``.
    data : pandas.DataFrame
        Exactly the numbers plotted (the second value the figure functions return).
        Written with rows sorted by every column, so input order does not matter.
    caption : str
        The figure caption, stored in the JSON.
    out_dir : str or Path
        Folder to write into (created when missing).
    parameters : dict, optional
        Settings that produced the figure (topic, lexicon, events, smoothing...).
    inputs : dict, optional
        What the figure was computed from, by content hash. Values may be plain JSON
        (``{"corpus": {"name": "demo", "sha256": "..."}}``), a corpus table from
        :func:`framing.corpus.load_corpus` (written as its name, ``corpus_hash`` and
        row count) or a :class:`framing.lexicon.Lexicon` (name, version,
        ``content_hash``): ``inputs={"corpus": corpus, "lexicon": lexicon}``.

    Returns
    -------
    dict
        ``{"pdf", "svg", "png", "csv", "json"}`` -> :class:`pathlib.Path`.

    Raises
    ------
    FigureError
        When the id is invalid, a parameter cannot be written to JSON, or an input
        table carries no ``corpus_hash``.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); _ = fig.subplots().plot([1, 2], [3, 4])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = save_figure(fig, "demo", data=pd.DataFrame({"x": [1, 2], "y": [3, 4]}),
    ...                         caption="A line.", out_dir=d)
    ...     sorted(paths)
    ['csv', 'json', 'pdf', 'png', 'svg']
    """
    import matplotlib as mpl

    _check_id(figure_id, "figure")
    plain = _plain(figure_id, "figure", caption, parameters, inputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {ext: out / f"{figure_id}.{ext}" for ext in ("pdf", "svg", "png", "csv")}
    title = figure_id
    common = {"bbox_inches": "tight", "pad_inches": 0.02}
    with mpl.rc_context(SAVE_RC):
        fig.savefig(files["pdf"], format="pdf", **common,
                    metadata={"Title": title, "Creator": "framing kit", "Producer": None,
                              "CreationDate": None, "ModDate": None})  # fmt: skip
        fig.savefig(files["svg"], format="svg", **common,
                    metadata={"Title": title, "Creator": "framing kit", "Date": None})  # fmt: skip
        fig.savefig(files["png"], format="png", dpi=_PNG_DPI, **common,
                    metadata={"Title": title, "Software": None})  # fmt: skip
    table = _sorted_rows(data)
    _write_csv(table, files["csv"])
    meta = _sidecar(plain, files, table.columns, len(table))
    files["json"] = out / f"{figure_id}.json"
    _write_json(meta, files["json"])
    return files


def _tex(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda m: _TEX_MAP[m.group(0)], text)


def _cells(df, float_format, na_rep) -> list[list[str]]:
    import numpy as np
    import pandas as pd

    def fmt(v) -> str:
        if v is None or (not isinstance(v, str | bytes) and np.ndim(v) == 0 and pd.isna(v)):
            return na_rep
        if isinstance(v, bool | np.bool_):
            return str(bool(v))
        if isinstance(v, float | np.floating):
            return float_format(v) if callable(float_format) else float_format.format(v)
        return str(v)

    return [[fmt(v) for v in row] for row in df.itertuples(index=False, name=None)]


def _numeric_columns(df) -> list[bool]:
    import pandas as pd

    return [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]


def _latex(df, cells, caption, label) -> str:
    spec = "".join("r" if num else "l" for num in _numeric_columns(df))
    lines = [
        "% Written by framing.export.save_table; needs \\usepackage{booktabs}.",
        "\\begin{table}",
        "\\centering",
    ]
    if caption:
        lines.append(f"\\caption{{{_tex(caption)}}}")
    lines += [
        f"\\label{{{label}}}",
        f"\\begin{{tabular}}{{{spec}}}",
        "\\toprule",
        " & ".join(_tex(str(c)) for c in df.columns) + " \\\\",
        "\\midrule",
    ]
    lines += [" & ".join(_tex(c) for c in row) + " \\\\" for row in cells]
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}"]
    return "\n".join(lines) + "\n"


def _markdown(df, cells, caption) -> str:
    def esc(s: str) -> str:
        # no tags: a Markdown viewer that passes HTML through (pandoc, static site
        # generators) must not run an outlet named "<img onerror=...>"
        s = s.replace("<", "&lt;").replace(">", "&gt;")
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(esc(str(c)) for c in df.columns) + " |"
    align = "|" + "|".join("---:" if num else ":---" for num in _numeric_columns(df)) + "|"
    body = ["| " + " | ".join(esc(c) for c in row) + " |" for row in cells]
    text = "\n".join([header, align, *body]) + "\n"
    if caption:
        text += f"\nTable: {esc(caption)}\n"
    return text


def save_table(
    df,
    table_id,
    *,
    out_dir,
    caption=None,
    float_format="{:.3f}",
    index=False,
    na_rep="",
    parameters=None,
    inputs=None,
) -> dict:
    """Write a table as CSV, LaTeX (booktabs), Markdown and a JSON sidecar.

    Rows keep the order of ``df`` (a table's order is the author's choice; the same
    frame always gives the same bytes). The CSV keeps full precision; LaTeX and
    Markdown format floats with ``float_format``. LaTeX special characters in cells,
    headers and the caption (``\\ & % $ # _ { } ~ ^``) are escaped.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; column names become headers.
    table_id : str
        File stem: lower-case letters, digits, ``_`` and ``-``; the LaTeX label is
        ``tab:<table_id>``.
    out_dir : str or Path
        Folder to write into (created when missing).
    caption : str, optional
        Caption for LaTeX, Markdown (pandoc ``Table:`` line) and the JSON.
    float_format : str or callable
        Format of floats in LaTeX and Markdown, e.g. ``"{:.1%}"``.
    index : bool
        Write the index as leading column(s).
    na_rep : str
        Text of missing values in LaTeX and Markdown.
    parameters, inputs : dict, optional
        As in :func:`save_figure`.

    Returns
    -------
    dict
        ``{"csv", "tex", "md", "json"}`` -> :class:`pathlib.Path`.

    Raises
    ------
    FigureError
        When the id is invalid or a parameter cannot be written to JSON.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> t = pd.DataFrame({"outlet": ["A_1"], "share": [0.25]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = save_table(t, "shares", out_dir=d)
    ...     print(paths["md"].read_text())
    | outlet | share |
    |:---|---:|
    | A_1 | 0.250 |
    <BLANKLINE>
    """
    _check_id(table_id, "table")
    plain = _plain(table_id, "table", caption, parameters, inputs)
    table = df.reset_index() if index else df.reset_index(drop=True)
    table.columns = [str(c) for c in table.columns]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {ext: out / f"{table_id}.{ext}" for ext in ("csv", "tex", "md")}
    _write_csv(table, files["csv"])
    cells = _cells(table, float_format, na_rep)
    files["tex"].write_text(_latex(table, cells, caption, f"tab:{table_id}"), encoding="utf-8")
    files["md"].write_text(_markdown(table, cells, caption), encoding="utf-8")
    meta = _sidecar(plain, files, table.columns, len(table))
    files["json"] = out / f"{table_id}.json"
    _write_json(meta, files["json"])
    return files
