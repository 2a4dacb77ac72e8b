"""Outlet metadata: ``outlets.yaml``, alias resolution and the join onto articles."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.errors import CorpusError

__all__ = [
    "OUTLET_TYPES",
    "load_outlets",
    "apply_outlets",
    "outlet_key",
    "alias_map",
    "outlet_resolver",
    "outlet_table",
]

OUTLET_TYPES = ("wire", "state-affiliated", "public", "private")
_OUTLET_COLUMNS = ("outlet_type", "outlet_country", "outlet_lean")
_ENTRY_KEYS = ("name", "aliases", "type", "country", "lean")


def load_outlets(path) -> pd.DataFrame:
    """Read an ``outlets.yaml`` file.

    The file holds ``outlets: [{name, aliases: [...], type, country, lean}, ...]``;
    only ``name`` is required; ``type`` is one of :data:`OUTLET_TYPES`. A single alias
    may be written without the list (``aliases: DP``); other keys are an error.

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``aliases`` (list of str), ``type``, ``country``, ``lean``.

    Raises
    ------
    CorpusError
        A malformed entry, an unknown key or type, an outlet named twice, or an alias
        claimed by two outlets.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "outlets.yaml"
    >>> _ = f.write_text("outlets:\\n  - {name: Daily Planet, aliases: [DP], type: private}\\n")
    >>> load_outlets(f)[["name", "type"]].values.tolist()
    [['Daily Planet', 'private']]
    """
    path = Path(path)
    data = load_yaml(path, error=CorpusError, empty={}, context={"value": None})
    return _outlet_frame(data, str(path))


def _outlet_frame(data, where: str) -> pd.DataFrame:
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(
            f"{where}: expected a top-level 'outlets:' list of {{name, aliases, type, country, lean}}.",
            path=where,
            field="outlets",
            value=None,
        )
    rows, owner, names = [], {}, {}
    for i, e in enumerate(entries, start=1):
        line = line_of(entries, i - 1, i)  # the entry's line (its number for plain data)
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            raise CorpusError(
                f"{where} line {line}: outlet entry {i} has no 'name' (found {e!r}); give each outlet a name.",
                path=where,
                line=line,
                field="name",
                value=e,
            )
        unknown = [k for k in e if k not in _ENTRY_KEYS]
        if unknown:
            close = difflib.get_close_matches(str(unknown[0]), _ENTRY_KEYS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            kline = line_of(e, unknown[0], line)
            raise CorpusError(
                f"{where} line {kline}: outlet {e['name']!r} has unknown key {unknown[0]!r} "
                f"(allowed: {', '.join(_ENTRY_KEYS)}).{hint}",
                path=where,
                line=kline,
                field=str(unknown[0]),
                value=str(unknown[0]),
            )
        kind = e.get("type")
        if kind is not None and kind not in OUTLET_TYPES:
            raise CorpusError(
                f"{where} line {line}: outlet {e['name']!r} has type {kind!r}; use one of {', '.join(OUTLET_TYPES)}.",
                path=where,
                line=line,
                field="type",
                value=kind,
            )
        aliases = _aliases(e, where, line)
        if outlet_key(e["name"]) in names:
            raise CorpusError(
                f"{where} line {line}: outlet {e['name']!r} is listed twice (first at line "
                f"{names[outlet_key(e['name'])]}); merge the two entries.",
                path=where,
                line=line,
                field="name",
                value=e["name"],
            )
        names[outlet_key(e["name"])] = line
        for alias in [e["name"], *aliases]:
            key = outlet_key(alias)
            if owner.setdefault(key, e["name"]) != e["name"]:
                raise CorpusError(
                    f"{where} line {line}: alias {alias!r} belongs to both {owner[key]!r} and "
                    f"{e['name']!r}; "
                    "keep it under one outlet.",
                    path=where,
                    line=line,
                    field="aliases",
                    value=alias,
                )
        rows.append(
            (e["name"].strip(), aliases, plain(kind), plain(e.get("country")), plain(e.get("lean")))
        )
    return pd.DataFrame(rows, columns=["name", "aliases", "type", "country", "lean"])


def _aliases(entry, where: str, line) -> list[str]:
    """The aliases of an entry: a list of names, or one name written without the list."""
    raw = entry.get("aliases")
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str | int | float) and not isinstance(raw, bool) else raw
    if not isinstance(items, list) or not all(
        isinstance(a, str | int | float) and not isinstance(a, bool) for a in items
    ):
        raise CorpusError(
            f"{where} line {line_of(entry, 'aliases', line)}: the aliases of outlet "
            f"{entry['name']!r} must be a list of names, e.g. [DP, dailyplanet.example] "
            f"(found {plain(raw)!r}).",
            path=where,
            line=line_of(entry, "aliases", line),
            field="aliases",
            value=plain(raw),
        )
    return [str(a) for a in items]


def outlet_key(name, *, strip_www: bool = False) -> str:
    """The form outlet names and aliases are matched in: NFC, spaces folded, case-folded.

    With ``strip_www`` a leading ``www.`` goes too (for domains).

    Examples
    --------
    >>> outlet_key("  The  Daily\u00a0PLANET "), outlet_key("www.Planet.example", strip_www=True)
    ('the daily planet', 'planet.example')
    """
    text = " ".join(unicodedata.normalize("NFC", str(name)).split()).casefold()
    return text[4:] if strip_www and text.startswith("www.") else text


def alias_map(outlets: pd.DataFrame, *, strip_www: bool = False) -> dict[str, str]:
    """Matched form (:func:`outlet_key`) of every name and alias -> canonical name."""
    canon = {}
    for name, aliases in zip(outlets["name"], outlets["aliases"], strict=True):
        for alias in [name, *(aliases if aliases is not None else [])]:
            canon[outlet_key(alias, strip_www=strip_www)] = name
    return canon


def outlet_resolver(outlets=None):
    """Return ``resolve(site_name, domain, listed=None) -> str | None`` naming an outlet.

    The outlet of a collected page: an alias match of the domain, the listed outlet
    (e.g. a URL list's ``media_name``) or the site name wins; else the listed outlet,
    the site name, the domain. Matching is as in :func:`apply_outlets`, with a leading
    ``www.`` ignored.

    Parameters
    ----------
    outlets : str, Path, pandas.DataFrame or None
        An ``outlets.yaml`` (or :func:`load_outlets` table) whose names and aliases
        (domains among them) map to canonical outlet names.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["The Harbor Courier"],
    ...                       "aliases": [["harborcourier.example", "Harbor Courier"]]})
    >>> resolve = outlet_resolver(table)
    >>> resolve(None, "www.harborcourier.example"), resolve("Other Site", "other.example")
    ('The Harbor Courier', 'Other Site')
    """
    canon = {}
    if outlets is not None:
        table = outlets if isinstance(outlets, pd.DataFrame) else load_outlets(outlets)
        canon = alias_map(table, strip_www=True)

    def resolve(site_name, domain, listed=None):
        for cand in (domain, listed, site_name):
            if cand and outlet_key(cand, strip_www=True) in canon:
                return canon[outlet_key(cand, strip_www=True)]
        for cand in (listed, site_name):
            if cand is not None and str(cand).strip():
                return " ".join(str(cand).split())
        return outlet_key(domain, strip_www=True) if domain else None

    return resolve


def apply_outlets(df: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Map outlet aliases to canonical names and join the outlet metadata.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles with an ``outlet`` column.
    outlets : pandas.DataFrame
        As returned by :func:`load_outlets` (``name``, ``aliases``, ``type``,
        ``country``, ``lean``).

    Returns
    -------
    pandas.DataFrame
        A copy with canonical ``outlet`` names (matched case- and space-insensitively;
        unknown outlets unchanged) and ``outlet_type``, ``outlet_country``,
        ``outlet_lean`` after ``lang`` (missing for unknown outlets).

    Examples
    --------
    >>> outlets = pd.DataFrame({"name": ["Daily Planet"], "aliases": [["planet"]],
    ...                         "type": ["private"], "country": ["US"], "lean": [None]})
    >>> out = apply_outlets(pd.DataFrame({"outlet": ["PLANET", "Other"]}), outlets)
    >>> out[["outlet", "outlet_type"]].values.tolist()
    [['Daily Planet', 'private'], ['Other', nan]]
    """
    require_columns(df, ["outlet"], where="apply_outlets", hint="Load articles first.")
    require_columns(outlets, ["name", "aliases"], where="apply_outlets", hint="Use load_outlets().")
    canon = alias_map(outlets)
    out = df.drop(columns=[c for c in _OUTLET_COLUMNS if c in df.columns])
    keys = out["outlet"].map(outlet_key, na_action="ignore")
    out["outlet"] = keys.map(canon).fillna(out["outlet"]).astype("str")
    meta = outlets.set_index("name")
    at = list(out.columns).index("lang") + 1 if "lang" in out.columns else len(out.columns)
    for i, (col, src) in enumerate(zip(_OUTLET_COLUMNS, ("type", "country", "lean"), strict=True)):
        values = out["outlet"].map(meta[src]) if src in meta else None
        out.insert(at + i, col, pd.Series(values, index=out.index, dtype="str"))
    return out


def outlet_table(outlets, folder: Path | None):
    """The outlet table a loader applies: ``outlets`` as given (a table, a mapping or a
    file; ``None`` or ``""``: the corpus folder's ``outlets.yaml``; ``False``: none).
    A relative path not found from the working directory is looked up from the
    project root, as the study file writes it."""
    if isinstance(outlets, str) and not outlets.strip():
        outlets = None
    if outlets is None and folder is not None and (folder / "outlets.yaml").exists():
        outlets = folder / "outlets.yaml"
    if outlets is None or outlets is False:
        return None
    if isinstance(outlets, pd.DataFrame):
        return outlets
    if isinstance(outlets, Mapping):
        return _outlet_frame(outlets, "outlets")
    path = Path(outlets)
    if not path.is_absolute() and not path.exists():
        from framing.paths import resolve_path

        path = resolve_path(path)
    return load_outlets(path)
