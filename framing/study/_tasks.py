"""The tasks behind ``framing study init`` and ``framing study check``."""

from __future__ import annotations

from framing.study._check import check_study
from framing.study._init import init_study
from framing.study._model import load_study

__all__ = ["init_file", "check_file"]


def init_file(corpus, **options) -> str:
    """Write a study file for ``corpus`` (see :func:`init_study`); return what was written."""
    res = init_study(corpus, **options)
    lines = [f"wrote {res['study']} ({res['n_outlets']} outlets)"]
    if res["outlets_file"] is not None:
        lines.append(f"wrote {res['outlets_file']} (outlet groups)")
    if res["mixed"]:
        shown = ", ".join(res["mixed"][:5]) + (" ..." if len(res["mixed"]) > 5 else "")
        lines.append(
            f"{len(res['mixed'])} outlet(s) carry several group values; the most common was "
            f"taken: {shown}"
        )
    lines.append(f"next: framing study check {res['study']}")
    return "\n".join(lines)


def check_file(path, *, plan=None, root=None) -> tuple[str, bool]:
    """Check a study file (and, with ``plan``, say what each report will do)."""
    from framing.reports import load_plan

    study = load_study(path)
    specs = load_plan(plan, root=root, study=study) if plan is not None else None
    result = check_study(study, specs=specs, root=root)
    return result.summary(), result.ok
