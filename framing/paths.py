"""The project folder and paths written relative to it (as notebooks and plans use them)."""

from __future__ import annotations

from pathlib import Path

from framing.errors import CorpusError

__all__ = ["project_root", "resolve_path"]

_ROOT_MARKERS = ("corpora", "reports/reports.yaml")


def project_root(start=None) -> Path:
    """The project folder: the nearest folder at or above ``start`` holding ``corpora/``
    or ``reports/reports.yaml``.

    Notebooks run with the project root as working directory under ``framing report``
    but with ``notebooks/`` in JupyterLab; paths such as ``corpora/demo`` are written
    relative to the project root, and this finds it from either place.

    Parameters
    ----------
    start : str or Path, optional
        Where to start looking (default: the working directory).

    Returns
    -------
    pathlib.Path
        The absolute project folder; ``start`` itself when no folder above it has a
        marker.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()).resolve()
    >>> (root / "corpora").mkdir(); (root / "notebooks").mkdir()
    >>> project_root(root / "notebooks") == root
    True
    """
    here = Path.cwd() if start is None else Path(start)
    here = here.resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _ROOT_MARKERS):
            return folder
    return here


def resolve_path(path, *, start=None) -> Path:
    """Resolve a path written relative to the project root (see :func:`project_root`).

    Parameters
    ----------
    path : str or Path
        An absolute path (returned as it is) or one relative to the project root,
        e.g. ``"corpora/demo"``. It need not exist (e.g. an output folder).
    start : str or Path, optional
        Where to start looking for the project root (default: the working directory).

    Returns
    -------
    pathlib.Path
        An absolute path.

    Raises
    ------
    CorpusError
        When ``path`` is empty.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()).resolve()
    >>> (root / "corpora").mkdir(); (root / "notebooks").mkdir()
    >>> resolve_path("corpora/demo", start=root / "notebooks") == root / "corpora" / "demo"
    True
    """
    if path is None or str(path).strip() == "":
        raise CorpusError(
            "resolve_path: the path is empty. Give a path relative to the project root, "
            "e.g. 'corpora/demo'.",
            value=path,
        )
    path = Path(path).expanduser()
    if path.is_absolute():
        return path
    return project_root(start) / path
