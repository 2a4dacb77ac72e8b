"""Reading and writing dictionaries: the kit's YAML, quanteda/Lexicoder YAML or JSON,
LIWC ``.dic``, WordStat ``.cat`` (private; public via :func:`framing.lexicon.load_lexicon`
and ``save_lexicon``).

A YAML or JSON file is the kit's format when its top level has ``categories`` or one of
the metadata keys ``name``, ``version``, ``language``, ``description`` with a single
value; otherwise it is a quanteda/Lexicoder dictionary (one key per category, a list of
patterns or a mapping of sub-categories as value). A kit file with an unknown key, and
a quanteda file whose categories have the kit's ``terms``/``definition`` keys, are
errors (a misspelt ``categories:`` is never read as another format).

Every error names the file and line and says how to fix it.
"""

from __future__ import annotations

import difflib
import json
import warnings
from pathlib import Path

import yaml

from framing._patterns import check_pattern
from framing._shared.yaml_lines import load_yaml
from framing.errors import LexiconError
from framing.lexicon._dic import read_cat, read_dic, read_lines, write_dic
from framing.lexicon._model import Category, DuplicateTermWarning, Lexicon

__all__ = [
    "read_lexicon_file",
    "write_yaml",
    "write_dic",
    "load_lexicon",
    "save_lexicon",
    "list_lexicons",
]

_TOP_KEYS = {"name", "version", "language", "description", "sources", "categories"}
_META_KEYS = {"name", "version", "language", "description"}
_CAT_KEYS = {"definition", "terms", "categories", "sources"}
_SUFFIXES = (".yaml", ".yml", ".json", ".dic", ".cat")


def _err(path, line, message, **context):
    return LexiconError(f"{path} line {line}: {message}", path=str(path), line=line, **context)


def _terms(path, category: str, raw, line) -> tuple[str, ...]:
    """Check a list of terms, warn about duplicates, return them de-duplicated."""
    if raw is None or (isinstance(raw, list) and not raw):
        raise _err(path, line, f"category {category!r} is empty. Add terms or remove it.")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise _err(path, line, f"terms of {category!r} must be a list of patterns.")
    seen: dict[str, int] = {}
    for term in raw:
        tline = getattr(term, "line", line)
        if not isinstance(term, str):
            raise _err(
                path, tline, f"category {category!r}: a term must be a pattern, got {term!r}."
            )
        try:
            check_pattern(term)
        except LexiconError as exc:
            raise _err(
                path, tline, f"category {category!r}: {exc.message}", value=str(term)
            ) from None
        if term in seen:
            warnings.warn(
                DuplicateTermWarning(
                    f"{path} line {tline}: term {str(term)!r} of category {category!r} is "
                    f"already listed at line {seen[term]}; the repeat is ignored. Remove it."
                ),
                stacklevel=4,
            )
            continue
        seen[str(term)] = tline
    return tuple(seen)


def _sources(raw) -> tuple[str, ...]:
    if raw is None:
        return ()
    return (str(raw),) if isinstance(raw, str) else tuple(str(s) for s in raw)


def _kit_categories(path, mapping, prefix, out) -> list[str]:
    names = []
    for key, spec in mapping.items():
        full = f"{prefix}{key}"
        line = mapping.key_lines[key]
        names.append(full)
        if not isinstance(spec, dict):
            raise _err(
                path,
                line,
                f"category {full!r} must be a mapping with 'definition' and 'terms' (or "
                f"'categories' for a group), got {type(spec).__name__ if spec is not None else 'nothing'}.",
                value=full,
            )
        unknown = sorted(set(spec) - _CAT_KEYS)
        if unknown:
            raise _err(
                path,
                spec.key_lines[unknown[0]],
                f"category {full!r} has unknown key {unknown[0]!r} (allowed: {sorted(_CAT_KEYS)}).",
                value=unknown[0],
            )
        definition = str(spec.get("definition") or "")
        sources = _sources(spec.get("sources"))
        if "categories" in spec:
            if "terms" in spec:
                raise _err(
                    path,
                    line,
                    f"category {full!r} has both 'terms' and 'categories'; move the terms "
                    "into a sub-category.",
                    value=full,
                )
            sub = spec["categories"]
            if not isinstance(sub, dict) or not sub:
                raise _err(path, line, f"group {full!r} has no sub-categories.", value=full)
            out[full] = None  # reserve the group's place before its children
            children = _kit_categories(path, sub, full + ".", out)
            out[full] = Category(full, definition, (), sources, tuple(children))
        else:
            terms = _terms(path, full, spec.get("terms"), spec.key_lines.get("terms", line))
            out[full] = Category(full, definition, terms, sources)
    return names


def _quanteda_categories(path, mapping, prefix, out) -> list[str]:
    names = []
    for key, value in mapping.items():
        full = f"{prefix}{key}"
        line = mapping.key_lines[key]
        names.append(full)
        if isinstance(value, dict):
            if not value:
                raise _err(path, line, f"group {full!r} is empty.", value=full)
            kit = sorted(set(value) & {"terms", "definition"})
            if kit:
                raise _err(
                    path,
                    value.key_lines[kit[0]],
                    f"{full!r} has the key {kit[0]!r} of the kit's format, but the file has "
                    "no top-level 'categories:' key, so it reads as a quanteda dictionary. "
                    "Put the categories under 'categories:' (check its spelling).",
                    value=kit[0],
                )
            out[full] = None
            children = _quanteda_categories(path, value, full + ".", out)
            out[full] = Category(full, children=tuple(children))
        else:
            out[full] = Category(full, terms=_terms(path, full, value, line))
    return names


def _is_kit(data: dict) -> bool:
    """The kit's format: ``categories``, or a metadata key holding a single value."""
    if "categories" in data:
        return True
    return any(k in data and not isinstance(data[k], list | dict) for k in _META_KEYS)


def _read_json(path: Path):
    """JSON text, checked by :mod:`json` (its own messages), read with line numbers."""
    text = "\n".join(read_lines(path))
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise _err(
            path, exc.lineno, f"not valid JSON ({exc.msg} at column {exc.colno}).", value=None
        ) from None
    except RecursionError:
        raise _err(path, 1, "the JSON is nested too deeply to be a dictionary.") from None
    # valid JSON is YAML once its tabs (only ever white space outside strings) are spaces
    return load_yaml(text.replace("\t", " "), path=path, error=LexiconError, scalars="text")


def _read_yaml(path: Path) -> Lexicon:
    if path.suffix.lower() == ".json":
        data = _read_json(path)
    else:
        data = load_yaml(path, error=LexiconError, scalars="text")
    if not isinstance(data, dict):
        raise _err(
            path,
            getattr(data, "line", 1),
            "a lexicon file must be a mapping (the kit's format has 'name' and "
            "'categories'; quanteda's has one key per category).",
        )
    cats: dict[str, Category] = {}
    if _is_kit(data):
        unknown = sorted(set(data) - _TOP_KEYS, key=str)
        if unknown:
            close = difflib.get_close_matches(str(unknown[0]), sorted(_TOP_KEYS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise _err(
                path,
                data.key_lines[unknown[0]],
                f"unknown top-level key {unknown[0]!r} (allowed: {sorted(_TOP_KEYS)}).{hint}",
                value=unknown[0],
            )
        if not isinstance(data.get("categories"), dict) or not data["categories"]:
            raise _err(
                path,
                data.key_lines.get("categories", data.line or 1),
                "the kit's format needs a 'categories:' mapping of category names to "
                "{definition, terms}. (A quanteda dictionary has no 'name' or 'version' "
                "keys: write a category named so as a list, e.g. 'name: [term]'.)",
                value=None,
            )
        _kit_categories(path, data["categories"], "", cats)
        return Lexicon(
            name=str(data.get("name") or path.stem),
            categories=cats,
            version=str(data.get("version") or ""),
            language=str(data.get("language") or "en"),
            description=str(data.get("description") or ""),
            sources=_sources(data.get("sources")),
            path=str(path),
        )
    _quanteda_categories(path, data, "", cats)
    return Lexicon(name=path.stem, categories=cats, path=str(path))


def read_lexicon_file(path: Path) -> Lexicon:
    """Read a ``.yaml``/``.yml``/``.json`` (kit or quanteda/Lexicoder), LIWC ``.dic`` or
    WordStat ``.cat`` file."""
    suffix = path.suffix.lower()
    if suffix == ".dic":
        return read_dic(path)
    if suffix == ".cat":
        return read_cat(path)
    if suffix in (".yaml", ".yml", ".json"):
        return _read_yaml(path)
    raise LexiconError(
        f"{path}: unknown dictionary format {suffix!r}. Use .yaml/.yml/.json (the kit's or "
        "quanteda's format), a LIWC .dic or a WordStat .cat file.",
        path=str(path),
        value=suffix,
    )


# -- writers -------------------------------------------------------------------------
def write_yaml(lex: Lexicon, path: Path) -> None:
    """Write the kit's YAML format (nesting kept)."""

    def spec(name: str) -> dict:
        cat = lex.categories[name]
        out: dict = {}
        if cat.definition:
            out["definition"] = cat.definition
        if cat.sources:
            out["sources"] = list(cat.sources)
        if cat.is_group:
            short = len(name) + 1
            out["categories"] = {c[short:]: spec(c) for c in cat.children}
        else:
            out["terms"] = list(cat.terms)
        return out

    children = {c for cat in lex.categories.values() for c in cat.children}
    top = {n: spec(n) for n in lex.categories if n not in children}
    data = {
        "name": lex.name,
        "version": lex.version,
        "language": lex.language,
        "description": lex.description,
        "sources": list(lex.sources),
        "categories": top,
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
    path.write_text(text, encoding="utf-8")


# -- public entry points (re-exported by framing.lexicon) -----------------------------
def _builtin_dir():
    from importlib.resources import files

    return files("framing.lexicon") / "builtin"


def list_lexicons() -> list[str]:
    """Names of the built-in lexicons (``framing/lexicon/builtin/<name>.yaml``).

    Returns
    -------
    list of str
        Sorted names, each loadable with :func:`load_lexicon`.

    Examples
    --------
    >>> "news_frames" in list_lexicons()
    True
    """
    return sorted(
        p.name[: -len(".yaml")] for p in _builtin_dir().iterdir() if p.name.endswith(".yaml")
    )


def load_lexicon(source) -> Lexicon:
    """Load a dictionary from a built-in name or a file.

    Parameters
    ----------
    source : str, pathlib.Path or Lexicon
        A built-in name (see :func:`list_lexicons`), or a path to the kit's YAML, a
        quanteda/Lexicoder YAML or JSON (one key per category, values lists of terms or
        nested mappings), a LIWC ``.dic`` file (tabs or spaces between fields, ids with
        leading zeros, any line end, UTF-8/UTF-16 with a byte order mark or Latin-1) or a
        WordStat ``.cat`` file. A relative path not found from the working
        directory is looked up from the project root (:func:`framing.paths.resolve_path`),
        so notebooks in ``notebooks/`` find ``corpora/...`` files too. A :class:`Lexicon`
        is returned unchanged.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Unknown name, unknown format, or a malformed file (the message names file,
        line and fix; the error carries ``path``, ``line`` and ``value``).

    Warns
    -----
    DuplicateTermWarning
        A term is listed twice in one category (both lines are named).

    Examples
    --------
    >>> lex = load_lexicon("news_frames")
    >>> lex.name, "conflict" in lex.categories
    ('news_frames', True)
    """
    if isinstance(source, Lexicon):
        return source
    if not isinstance(source, (str, Path)):
        raise TypeError(f"load_lexicon() needs a name or a path, got {type(source).__name__}")
    path = Path(source)
    if path.suffix.lower() in _SUFFIXES or len(path.parts) > 1 or path.exists():
        if not path.is_absolute() and not path.is_file():
            from framing.paths import resolve_path

            path = resolve_path(path)  # relative to the project root (e.g. from notebooks/)
        if not path.is_file():
            raise LexiconError(
                f"lexicon file {str(path)!r} does not exist. Built-in lexicons: "
                f"{', '.join(list_lexicons())}.",
                path=str(path),
                value=str(source),
            )
        return read_lexicon_file(path)
    res = _builtin_dir() / f"{source}.yaml"
    if not res.is_file():
        raise LexiconError(
            f"no built-in lexicon named {str(source)!r}. Built-in lexicons: "
            f"{', '.join(list_lexicons())}; or give the path to a .yaml or .dic file.",
            value=str(source),
        )
    from importlib.resources import as_file

    with as_file(res) as real:
        lex = read_lexicon_file(Path(real))
    return lex


def save_lexicon(lexicon: Lexicon, path) -> Path:
    """Write a lexicon as the kit's YAML (``.yaml``/``.yml``) or LIWC ``.dic``.

    A ``.dic`` file holds only leaf categories (under their dotted names) and no
    metadata: groups, definitions and sources are lost; use YAML to keep them.

    Parameters
    ----------
    lexicon : Lexicon
    path : str or pathlib.Path
        Target file; its suffix chooses the format.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    LexiconError
        If the suffix is neither ``.yaml``, ``.yml`` nor ``.dic``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> lex = Lexicon.from_dict({"peace": ["ceasefire", "peace talks"]}, name="mini")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = save_lexicon(lex, pathlib.Path(d) / "mini.yaml")
    ...     load_lexicon(out) == lex
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        write_yaml(lexicon, path)
    elif suffix == ".dic":
        write_dic(lexicon, path)
    else:
        raise LexiconError(
            f"cannot save a lexicon as {suffix!r} ({path}); use .yaml or .dic.",
            path=str(path),
            value=suffix,
        )
    return path
