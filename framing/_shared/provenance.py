"""Where an output came from: kit version, git commit, library versions, content hashes.

Private helpers shared by the ``save_*`` functions. Nothing here reads the clock, so
the provenance of an output is the same every time the same code writes the same
inputs (which keeps the written files byte-identical).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["kit_version", "git_commit", "environment"]

_GIT_TIMEOUT_S = 5.0


def kit_version() -> str:
    """Return the installed version of the kit (``"0.0.0+unknown"`` from a bare tree).

    Examples
    --------
    >>> isinstance(kit_version(), str)
    True
    """
    from framing import __version__

    return __version__


def git_commit(path: str | Path | None = None, *, timeout: float = _GIT_TIMEOUT_S) -> str | None:
    """Return the commit checked out at ``path`` (default: the kit's source folder).

    Parameters
    ----------
    path : str or Path, optional
        A folder inside a git work tree. Defaults to the folder of the ``framing``
        package, so the commit names the version of the kit's code that ran.
    timeout : float
        Seconds to wait for ``git`` before giving up.

    Returns
    -------
    str or None
        The 40-hex commit id, or None when git is missing, times out, or ``path`` is
        not inside a repository (e.g. the kit was installed from a wheel).

    Examples
    --------
    >>> git_commit("/") is None or len(git_commit("/")) == 40
    True
    """
    folder = Path(path) if path is not None else Path(__file__).resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    if done.returncode != 0 or len(commit) != 40:
        return None
    return commit


def environment(*, libraries: tuple[str, ...] = ("matplotlib", "numpy", "pandas")) -> dict:
    """Return the kit version, git commit and versions of ``libraries`` as a dict.

    Examples
    --------
    >>> sorted(environment(libraries=("numpy",)))
    ['framing_version', 'git_commit', 'numpy_version']
    """
    from importlib.metadata import PackageNotFoundError, version

    info: dict = {"framing_version": kit_version(), "git_commit": git_commit()}
    for name in libraries:
        try:
            info[f"{name}_version"] = version(name)
        except PackageNotFoundError:
            info[f"{name}_version"] = None
    return info
