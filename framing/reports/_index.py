"""``reports/index.html``: one page linking every report and figure (private).

Built from the reports' ``manifest.json`` files only (standard library), so it is
rewritten on every build, including the fast "nothing changed" one. Every piece of
text goes through :func:`html.escape` and every link through :func:`urllib.parse.quote`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import quote

from framing._shared.atomic import write_text

__all__ = ["write_index"]

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9rem}.failed{color:#a00;font-weight:bold}.na{color:#555;font-style:italic}
table.params{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
table.params td{border:1px solid #ddd;padding:.15rem .5rem}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
figure{margin:0;border:1px solid #eee;padding:.5rem}figure img{width:100%;height:auto}
figcaption{font-size:.85rem}.links a{margin-right:.5rem;font-size:.8rem}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _href(*parts: str) -> str:
    return _e("/".join(quote(p, safe="/") for p in parts))


def write_index(out: Path, specs, *, title: str = "Framing reports") -> Path:
    """Write ``out/index.html`` for ``specs`` (plan order) from their manifests.

    A report without a manifest is listed as not built yet; a report whose last run
    failed (``<id>.failed.json`` or ``<id>.failed.ipynb`` exists) is flagged with its
    error, and links its previous good version when there is one. The file is replaced atomically.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    studies = sorted({s.study for s in specs if s.study})
    if studies:
        corpora = sorted({str(s.parameters.get("corpus", "")) for s in specs} - {""})
        parts.append(
            f'<p class="meta">Study: <b>{_e(", ".join(studies))}</b> · corpus '
            f"{_e(', '.join(corpora))}. Only this study's reports are shown.</p>"
        )
    if not specs:
        parts.append("<p>The plan lists no reports yet (see reports/README.md).</p>")
    parts.append("<ul>")
    for spec in specs:
        parts.append(f'<li><a href="#{_e(spec.id)}">{_e(spec.title or spec.id)}</a></li>')
    parts.append("</ul>")
    for spec in specs:
        parts.extend(_section(out, spec))
    parts.append("</body></html>\n")
    write_text(out / "index.html", "\n".join(parts))
    return out / "index.html"


def _section(out: Path, spec) -> list[str]:
    rid = spec.id
    lines = [f'<section id="{_e(rid)}"><h2>{_e(spec.title or rid)}</h2>']
    manifest = _read_manifest(out / rid / "manifest.json")
    failure = _read_manifest(out / f"{rid}.failed.json") or {}
    kept = (out / f"{rid}.failed.ipynb").exists()
    foreign = manifest is not None and _other_study(manifest, spec)
    if failure or kept:
        text = "The last run failed"
        text += f" ({_e(failure['finished_at'])}): " if failure.get("finished_at") else ": "
        if failure.get("error"):
            text += f"<code>{_e(failure['error'])}</code>. "
        if kept:
            text += f'See <a href="{_href(rid + ".failed.ipynb")}">{_e(rid)}.failed.ipynb</a>. '
        if manifest and not foreign:
            text += "Shown below: the previous good version."
        lines.append(f'<p class="failed">{text}</p>')
    if foreign:
        lines.append(
            f"<p>The last good build is of {_e(foreign)}, not of this study; it is not "
            "shown. Run <code>framing report</code>.</p></section>"
        )
        return lines
    if manifest is None:
        lines.append("<p>Not built yet. Run <code>framing report</code>.</p></section>")
        return lines
    lines.append(
        f'<p class="meta"><a href="{_href(rid, "report.html")}">report</a> · '
        f'<a href="{_href(rid, "report.ipynb")}">executed notebook</a> · '
        f'<a href="{_href(rid, "manifest.json")}">manifest</a> · notebook '
        f"{_e(manifest.get('notebook', ''))} · built {_e(manifest.get('finished_at', ''))}</p>"
    )
    if manifest.get("status") == "not applicable":
        lines.append(
            f'<p class="na">Not applicable to this study: {_e(manifest.get("note", ""))}</p>'
        )
    params = manifest.get("parameters") or {}
    if params:
        lines.append('<table class="params">')
        for key, value in params.items():
            shown = value if isinstance(value, str) else json.dumps(value)
            lines.append(f"<tr><td>{_e(key)}</td><td>{_e(shown)}</td></tr>")
        lines.append("</table>")
    figures = manifest.get("figures") or []
    if figures:
        lines.append('<div class="figs">')
        for fig in figures:
            lines.extend(_figure(rid, fig))
        lines.append("</div>")
    tables = manifest.get("tables") or []
    if tables:
        lines.append("<p>Tables: ")
        for tab in tables:
            for ext, rel in tab.get("files", {}).items():
                lines.append(f'<a href="{_href(rid, rel)}">{_e(tab["id"])}.{_e(ext)}</a> ')
        lines.append("</p>")
    lines.append("</section>")
    return lines


def _other_study(manifest: dict, spec) -> str | None:
    """A description of the study a kept report was built for, when it is not ``spec``'s."""
    built = manifest.get("study") or ""
    corpus = (manifest.get("parameters") or {}).get("corpus")
    want = spec.parameters.get("corpus")
    if built != spec.study:
        return f"study {built!r}" if built else "a run without a study"
    if corpus != want:
        return f"corpus {corpus!r}"
    return None


def _figure(rid: str, fig: dict) -> list[str]:
    files = fig.get("files", {})
    caption = fig.get("caption") or fig.get("id", "")
    lines = ["<figure>"]
    if "png" in files:
        lines.append(
            f'<a href="{_href(rid, files["png"])}"><img src="{_href(rid, files["png"])}" '
            f'alt="{_e(caption)}" loading="lazy"></a>'
        )
    lines.append(f"<figcaption><b>{_e(fig.get('id', ''))}</b>: {_e(caption)}")
    names = {"txt": "methods", "bib": "BibTeX"}
    links = [
        f'<a href="{_href(rid, files[e])}">{names.get(e, e)}</a>'
        for e in ("pdf", "svg", "csv", "json", "txt", "bib")
        if e in files
    ]
    if links:
        lines.append(f'<div class="links">{"".join(links)}</div>')
    lines.append("</figcaption></figure>")
    return lines


def _read_manifest(path: Path) -> dict | None:
    """A manifest as a dict, or None when it is missing, not JSON or not of the shape the
    kit writes (a hand-edited or damaged file must not stop the index of every build)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if _well_formed(data) else None


def _well_formed(data) -> bool:
    def items(key, fields):
        value = data.get(key)
        if value is None:
            return True
        return isinstance(value, list) and all(
            isinstance(v, dict)
            and isinstance(v.get("files", {}), dict)
            and all(isinstance(f, str) for f in v.get("files", {}).values())
            and all(isinstance(v.get(k, ""), str) for k in fields)
            for v in value
        )

    return (
        isinstance(data, dict)
        and isinstance(data.get("parameters") or {}, dict)
        and all(isinstance(data.get(k, ""), str | None) for k in ("notebook", "finished_at"))
        and all(isinstance(data.get(k) or "", str) for k in ("error",))
        and items("figures", ("id", "caption"))
        and items("tables", ("id",))
    )
