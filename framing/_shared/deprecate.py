"""Old public names kept importable for one release, with a warning that names the new one."""

from __future__ import annotations

import sys
import warnings

__all__ = ["renamed"]


def renamed(module: str, names: dict[str, str], *, removal: str):
    """A module ``__getattr__`` that serves each old name of ``names`` as its new name.

    Parameters
    ----------
    module : str
        The package whose namespace holds the new names (pass ``__name__``).
    names : dict
        Old name -> new name (both attributes of ``module``).
    removal : str
        The release that removes the old names (said in the warning).

    Examples
    --------
    >>> import types
    >>> mod = types.ModuleType("demo_pkg"); mod.new = 1
    >>> sys.modules["demo_pkg"] = mod
    >>> mod.__getattr__ = renamed("demo_pkg", {"old": "new"}, removal="0.3")
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     value = mod.__getattr__("old")
    >>> value, str(seen[0].message)
    (1, 'demo_pkg.old is deprecated and will be removed in 0.3; use demo_pkg.new.')
    """

    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        new = names[name]
        warnings.warn(
            f"{module}.{name} is deprecated and will be removed in {removal}; use {module}.{new}.",
            FutureWarning,
            stacklevel=2,
        )
        return getattr(sys.modules[module], new)

    return __getattr__
