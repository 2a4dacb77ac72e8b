"""Reports that do not apply to a study: the notebook's call and the runner's cleanup."""

from __future__ import annotations

from framing.errors import ReportNotApplicable

__all__ = ["not_applicable", "mark_not_applicable"]


def not_applicable(reason: str) -> None:
    """Stop a report notebook because the study lacks what it needs.

    The batch then lists the report as *not applicable* with ``reason`` (the index and
    the summary show it), instead of failing. Say what is missing and how to add it.

    Raises
    ------
    framing.errors.ReportNotApplicable
        Always.

    Examples
    --------
    >>> not_applicable("no hand codes: add annotations: to the study")
    Traceback (most recent call last):
    ...
    framing.errors.ReportNotApplicable: no hand codes: add annotations: to the study
    """
    raise ReportNotApplicable(reason, reason=reason)


def mark_not_applicable(notebook_path, reason: str) -> None:
    """Rewrite an executed notebook stopped by :func:`not_applicable` for readers: drop
    papermill's error banner and show the reason instead of a traceback."""
    import nbformat

    nb = nbformat.read(str(notebook_path), as_version=4)
    banner = "papermill-error-cell-tag"  # papermill's tag on the cells it adds
    nb.cells = [c for c in nb.cells if banner not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        outputs = cell.get("outputs") or []
        for i, out in enumerate(outputs):
            if out.get("output_type") == "error" and out.get("ename") == "ReportNotApplicable":
                outputs[i] = nbformat.v4.new_output(
                    "stream", name="stdout", text=f"Not applicable to this study: {reason}\n"
                )
    nbformat.write(nb, str(notebook_path))
