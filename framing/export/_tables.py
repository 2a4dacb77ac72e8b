"""Saving tables: CSV, LaTeX (booktabs), Markdown, sidecar, methods and BibTeX files."""

from __future__ import annotations

import re
from pathlib import Path

from framing._shared.atomic import write_text
from framing.export._methods import bibtex, estimator_references, methods_paragraph
from framing.export._sidecar import caller_part, check_id, sidecar, write_csv, write_json

__all__ = ["save_table", "finish_bundle"]

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
    references=(),
) -> dict:
    """Write a table as CSV, LaTeX (booktabs), Markdown, a JSON sidecar, a methods
    paragraph (``.txt``) and the BibTeX of the methods it cites (``.bib``).

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
    references : sequence of str, optional
        As in :func:`save_figure`.

    Returns
    -------
    dict
        ``{"csv", "tex", "md", "txt", "bib", "json"}`` -> :class:`pathlib.Path`.

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
    check_id(table_id, "table")
    plain = caller_part(table_id, "table", caption, parameters, inputs, df)
    table = df.reset_index() if index else df.reset_index(drop=True)
    table.columns = [str(c) for c in table.columns]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {ext: out / f"{table_id}.{ext}" for ext in ("csv", "tex", "md")}
    write_csv(table, files["csv"])
    cells = _cells(table, float_format, na_rep)
    write_text(files["tex"], _latex(table, cells, caption, f"tab:{table_id}"))
    write_text(files["md"], _markdown(table, cells, caption))
    return finish_bundle(out, table_id, files, plain, table, references)


def finish_bundle(out: Path, item_id: str, files: dict, plain: dict, table, references) -> dict:
    """Write the methods paragraph, the BibTeX and last the JSON sidecar of a bundle."""
    keys = [*estimator_references(plain.get("estimator")), *references]
    if plain.get("parameters", {}).get("topic"):
        keys.append("stryker2006")
    methods = methods_paragraph(plain)
    files["txt"] = write_text(out / f"{item_id}.txt", methods + "\n")
    files["bib"] = write_text(out / f"{item_id}.bib", bibtex(keys))
    meta = sidecar(plain, files, table.columns, len(table), methods, dict.fromkeys(keys))
    files["json"] = out / f"{item_id}.json"
    write_json(meta, files["json"])
    return files
