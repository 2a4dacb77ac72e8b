"""Saving figures: the bundle of vector, raster, data, sidecar, methods and BibTeX files."""

from __future__ import annotations

import io
import re
from pathlib import Path

from framing.export._sidecar import caller_part, check_id, sorted_rows, write_csv
from framing.export._tables import finish_bundle

__all__ = ["SAVE_RC", "save_figure", "stable_svg_ids"]

#: rcParams that make saved files repeatable and print-ready; applied while saving.
SAVE_RC = {
    "pdf.fonttype": 42,  # TrueType: editable text, accepted by journals (not Type 3)
    "svg.fonttype": "path",  # glyph outlines: same look everywhere (see framing.plots)
    "svg.hashsalt": "framing-kit",  # repeatable SVG element ids
}
_PNG_DPI = 300


def save_figure(
    fig,
    figure_id,
    *,
    data,
    caption,
    out_dir,
    parameters=None,
    inputs=None,
    references=(),
) -> dict:
    """Write a figure bundle: PDF, SVG, 300 dpi PNG, CSV of the data, JSON sidecar, a
    methods paragraph (``.txt``) and the BibTeX of the methods it cites (``.bib``).

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
    references : sequence of str, optional
        Further BibTeX keys of :data:`REFERENCES` the figure relies on (e.g.
        ``["monroe2008"]`` for Fightin' Words); the estimator's own are added.

    Returns
    -------
    dict
        ``{"pdf", "svg", "png", "csv", "txt", "bib", "json"}`` -> :class:`pathlib.Path`.

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
    ['bib', 'csv', 'json', 'pdf', 'png', 'svg', 'txt']
    """
    import matplotlib as mpl

    check_id(figure_id, "figure")
    plain = caller_part(figure_id, "figure", caption, parameters, inputs, data)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {ext: out / f"{figure_id}.{ext}" for ext in ("pdf", "svg", "png", "csv")}
    title = figure_id
    common = {"bbox_inches": "tight", "pad_inches": 0.02}
    with mpl.rc_context(SAVE_RC):
        fig.savefig(files["pdf"], format="pdf", **common,
                    metadata={"Title": title, "Creator": "framing kit", "Producer": None,
                              "CreationDate": None, "ModDate": None})  # fmt: skip
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", **common,
                    metadata={"Title": title, "Creator": "framing kit", "Date": None})  # fmt: skip
        files["svg"].write_bytes(stable_svg_ids(svg.getvalue()))
        fig.savefig(files["png"], format="png", dpi=_PNG_DPI, **common,
                    metadata={"Title": title, "Software": None})  # fmt: skip
    table = sorted_rows(data)
    write_csv(table, files["csv"])
    return finish_bundle(out, figure_id, files, plain, table, references)


_SVG_ID = re.compile(rb'(?<=id=")p[0-9a-f]{10}(?=")|(?<=url\(#)p[0-9a-f]{10}(?=\))')


def stable_svg_ids(svg: bytes) -> bytes:
    """Renumber matplotlib's clip-path ids (``p`` + 10 hex digits) in order of first use.

    matplotlib derives them from a hash that, for clip *paths*, includes an object's
    memory address, so the same figure gave different SVG bytes on each run; numbered by
    position they are the same every time.

    Examples
    --------
    >>> stable_svg_ids(b'<clipPath id="p0a1b2c3d4e"/><g clip-path="url(#p0a1b2c3d4e)"/>')
    b'<clipPath id="p0000000001"/><g clip-path="url(#p0000000001)"/>'
    """
    names: dict[bytes, bytes] = {}

    def sub(m):
        return names.setdefault(m.group(0), b"p%010d" % (len(names) + 1))

    return _SVG_ID.sub(sub, svg)
