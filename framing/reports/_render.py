"""The heavy steps of one report: execute, render HTML safely, collect outputs (private).

papermill, nbformat, nbconvert and bleach are imported inside the functions so that
the runner's "nothing changed" path never loads them.

Safety of the HTML: nbconvert copies ``text/html`` and ``text/markdown`` outputs into
the page as they are (``HTMLExporter.sanitize_html`` is off by default, and when on,
its allow-list lacks ``thead``/``th``/``tbody``, so DataFrames come out mangled).
pandas escapes cell text in ``DataFrame._repr_html_`` (``escape=True``), but a
``Styler``, ``IPython.display.HTML`` or ``Markdown`` output of article text would not
be, and markdown links may carry ``javascript:`` URLs. So every rich output is cleaned
here with bleach before export (markdown converted to HTML first): ``<style>`` blocks
are dropped, tags outside a table-friendly allow-list are escaped (shown as text, never
run), ``on*=`` attributes and ``javascript:`` links are removed, and outputs bleach
cannot vouch for (``application/javascript``, SVG, widgets) are removed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

__all__ = ["execute", "render_html", "sanitize_outputs", "collect_outputs", "check_kernel"]

_STYLE_RE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": ["class", "title"],
    "a": ["href", "title"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align"],
}
_SAFE_KEYS = {"text/plain", "text/latex", "image/png", "image/jpeg", "application/json"}
_FIGURE_EXTS = (".png", ".pdf", ".svg", ".csv", ".json", ".txt", ".bib")
_TABLE_EXTS = {".csv", ".tsv", ".parquet", ".xlsx", ".tex", ".md", ".json", ".html"}
_SIDE_EXTS = {".txt", ".bib"}  # methods paragraph and BibTeX of a saved bundle


def check_kernel(kernel_name: str) -> None:
    """Raise :class:`~framing.errors.ReportError` unless the Jupyter kernel is registered."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    from framing.errors import ReportError

    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise ReportError(
            f"Jupyter kernel {kernel_name!r} is not registered. Register it with "
            f"`python -m ipykernel install --sys-prefix --name {kernel_name}` "
            "(`make venv` does this).",
            kernel=kernel_name,
        ) from exc


def execute(spec, folder: Path, *, kernel_name: str, timeout: float | None = None) -> Path:
    """Run the notebook with papermill into ``folder/report.ipynb``; return that path.

    ``output_dir=<folder>`` is passed when the notebook declares it; ``timeout`` is
    the longest a cell may run (seconds, ``None``: no limit). Raises
    papermill's ``PapermillExecutionError`` when a cell fails (the partly executed
    notebook is still written).
    """
    import papermill

    params = dict(spec.parameters)
    if spec.takes_output_dir:
        params["output_dir"] = str(folder)
    out = folder / "report.ipynb"
    papermill.execute_notebook(
        str(spec.notebook_path),
        str(out),
        parameters=params,
        kernel_name=kernel_name,
        cwd=str(spec.root),
        progress_bar=False,
        log_output=False,
        execution_timeout=timeout,
        # keeps ipykernel's own log (start-up warnings, interrupts) out of the build log
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    return out


def _clean_html(text: str) -> str:
    import bleach

    text = _STYLE_RE.sub("", text)
    return bleach.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, strip=False, strip_comments=True)


def sanitize_outputs(nb) -> int:
    """Clean the rich outputs of every code cell in place; return how many changed.

    ``text/markdown`` is converted to HTML; ``text/html`` goes through bleach (see
    the module notes); other keys than plain text, LaTeX, PNG/JPEG and JSON are
    removed. Stream and error outputs are plain text and escaped by nbconvert itself.
    """
    changed = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            if "text/markdown" in data:
                # converted here and cleaned as HTML: nbconvert would render it after
                # any cleaning, and markdown links can carry `javascript:` URLs
                markdown = _text(data.pop("text/markdown"))
                if "text/html" not in data:
                    data["text/html"] = _markdown_to_html(markdown)
                changed += 1
            for key in list(data):
                if key in _SAFE_KEYS:
                    continue
                if key == "text/html":
                    value = _text(data[key])
                    clean = _clean_html(value)
                    changed += clean != value
                    data[key] = clean
                else:
                    del data[key]
                    changed += 1
    return changed


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _markdown_to_html(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def render_html(notebook: Path, html: Path, *, hide_code: bool, title: str) -> None:
    """Render an executed notebook to a standalone HTML page with cleaned outputs."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4)
    sanitize_outputs(nb)
    exporter = HTMLExporter(
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    html.write_text(body, encoding="utf-8")


def collect_outputs(folder: Path) -> tuple[list[dict], list[dict]]:
    """Sort what the notebook wrote into ``figures/`` and ``tables/``; list them.

    Loose files at the top of ``folder`` are moved: a figure bundle (a stem with an
    image, ``.pdf`` or ``.svg`` file) into ``figures/``, other data files into
    ``tables/``. Captions come from each bundle's ``.json`` sidecar (``caption``).

    Returns
    -------
    figures, tables : list of dict
        ``{"id": stem, "caption": str, "files": {ext: relative path}}``, sorted by id.
    """
    figures, tables = folder / "figures", folder / "tables"
    figures.mkdir(exist_ok=True)
    tables.mkdir(exist_ok=True)
    loose = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith("report.")]
    image_stems = {p.stem for p in loose if p.suffix in (".png", ".pdf", ".svg")}
    bundles = {p.stem for p in loose if p.suffix == ".json"}
    for p in loose:
        if p.stem in image_stems and p.suffix in _FIGURE_EXTS:
            shutil.move(str(p), figures / p.name)
        elif p.suffix in _TABLE_EXTS or (p.suffix in _SIDE_EXTS and p.stem in bundles):
            shutil.move(str(p), tables / p.name)
    return _listing(folder, figures), _listing(folder, tables)


def _listing(folder: Path, sub: Path) -> list[dict]:
    stems: dict[str, dict] = {}
    for p in sorted(sub.rglob("*")):
        if p.is_file() and not p.name.startswith("."):
            key = p.relative_to(sub).with_suffix("").as_posix()
            stems.setdefault(key, {})[p.suffix.lstrip(".")] = p.relative_to(folder).as_posix()
    out = []
    for stem, files in sorted(stems.items()):
        caption = ""
        if "json" in files:
            try:
                meta = json.loads((folder / files["json"]).read_text(encoding="utf-8"))
                caption = str(meta.get("caption", "")) if isinstance(meta, dict) else ""
            except (OSError, ValueError):
                caption = ""
        out.append({"id": stem, "caption": caption, "files": dict(sorted(files.items()))})
    return out
