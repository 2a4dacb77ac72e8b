"""The parameters a notebook declares, read without papermill (private).

papermill finds the cell tagged ``parameters`` and parses it with its Python
translator; this module does the same with :mod:`ast`, so the runner's "nothing
changed" path need not import papermill (about 2 s). ``tests/test_reports.py``
checks that the names and help texts agree with ``papermill.inspect_notebook``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from framing.errors import PlanError

__all__ = ["notebook_parameters", "value_fits"]


def notebook_parameters(path) -> dict:
    """Return the parameters a notebook declares in its cell tagged ``parameters``.

    Parameters
    ----------
    path : str or pathlib.Path
        An ``.ipynb`` file.

    Returns
    -------
    dict
        ``{name: {"annotation": str | None, "default": str, "help": str}}`` in cell
        order; empty when the notebook has no ``parameters`` cell.

    Raises
    ------
    PlanError
        The file is not a readable notebook, or its parameters cell is not valid Python.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> cell = {"cell_type": "code", "metadata": {"tags": ["parameters"]},
    ...         "source": "topic: str = 'a'  # topic id\\nsmoke: bool = False\\n",
    ...         "outputs": [], "execution_count": None}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "nb.ipynb"
    >>> _ = p.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
    ...                              "nbformat_minor": 5}))
    >>> notebook_parameters(p)["topic"]
    {'annotation': 'str', 'default': "'a'", 'help': 'topic id'}
    """
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PlanError(
            f"{path}: cannot read the notebook ({exc}). Is it an .ipynb file? "
            "Re-create it from its paired .py with `jupytext --sync`.",
            path=str(path),
        ) from exc
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get(
            "tags", []
        ):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            return _parse_parameters(source, path)
    return {}


def _parse_parameters(source: str, path: Path) -> dict:
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise PlanError(
            f"{path}: the parameters cell is not valid Python (line {exc.lineno}: {exc.msg}).",
            path=str(path),
            line=exc.lineno,
        ) from exc
    lines = source.splitlines()
    found = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets, annotation = [node.target], ast.unparse(node.annotation)
        elif isinstance(node, ast.Assign):
            targets = [t for t in node.targets if isinstance(t, ast.Name)]
            annotation = None
        else:
            continue
        last = lines[node.end_lineno - 1] if node.end_lineno else ""
        help_text = last.split("#", 1)[1].strip() if "#" in last else ""
        default = ast.unparse(node.value) if node.value is not None else ""
        for target in targets:
            found[target.id] = {"annotation": annotation, "default": default, "help": help_text}
    return found


_SIMPLE_TYPES = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}


def value_fits(annotation: str | None, value) -> bool:
    """Whether ``value`` fits a simple annotation (``str``, ``int``, ``float``, ``bool``,
    ``list``, ``dict``, optionally ``| None``); unknown annotations accept anything.

    Examples
    --------
    >>> value_fits("int", 3), value_fits("int", True), value_fits("float", 2)
    (True, False, True)
    >>> value_fits("str | None", None), value_fits("list[str]", ["a"]), value_fits("Path", 1)
    (True, True, True)
    """
    if annotation is None:
        return True
    parts = [p.strip() for p in annotation.split("|")]
    if value is None:
        return "None" in parts or any(p.startswith("Optional") for p in parts)
    for part in parts:
        base = part.split("[", 1)[0]
        if base not in _SIMPLE_TYPES:
            return True
        if isinstance(value, bool) and base in ("int", "float"):
            continue
        if isinstance(value, _SIMPLE_TYPES[base]):
            return True
    return False
