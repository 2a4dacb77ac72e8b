"""YAML that remembers line numbers: the one loader of every config file of the kit.

Topic files, lexicon YAML, the report plan, ``events.yaml``, ``outlets.yaml``, the
codebook, ``corpus.yaml`` and front matter are read with :func:`load_yaml`, so every
error about them can name the file and line. The result is plain Python data whose
containers know where their parts stand:

- a mapping is a :class:`YamlDict` (a ``dict``) with ``line`` and ``key_lines`` (key ->
  line of the key);
- a sequence is a :class:`YamlList` (a ``list``) with ``line`` and ``item_lines``;
- a string scalar is a :class:`YamlStr` (a ``str``) with ``line``.

Two scalar policies: ``scalars="text"`` keeps every scalar a string (a dictionary term
``no``, ``on`` or ``2020`` stays a term); ``scalars="typed"`` resolves YAML's numbers,
booleans and nulls but keeps dates and times as text, so a bad date is reported by the
caller with its entry rather than by YAML. Empty values are ``None`` either way.

Malformed YAML, a key given twice in one mapping (YAML would keep the last silently) and
an empty document are errors of the caller's class, naming the file and line. So is a
document no config file needs and that would cost unbounded work downstream: nesting
deeper than :data:`MAX_DEPTH` levels, an alias that refers to itself (``&a [x, *a]``),
and aliases that would expand to more than :data:`MAX_ALIAS_NODES` extra nodes (a
"billion laughs" file of a few hundred bytes). Aliases are never expanded while
parsing; :func:`plain` copies them, which these limits keep small.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "MAX_DEPTH",
    "MAX_ALIAS_NODES",
    "YamlDict",
    "YamlList",
    "YamlStr",
    "load_yaml",
    "line_of",
    "plain",
]

#: Deepest nesting of mappings and lists accepted (config files need a handful).
MAX_DEPTH = 64
#: Most nodes that aliases may add when the document is expanded.
MAX_ALIAS_NODES = 100_000


class YamlStr(str):
    """A string scalar and the line it stands on (1-based)."""

    line: int | None = None


class YamlList(list):
    """A sequence, its line, and the line of each item (``item_lines``)."""

    line: int | None = None
    item_lines: list


class YamlDict(dict):
    """A mapping, its line, and the line of each key (``key_lines``)."""

    line: int | None = None
    key_lines: dict


def line_of(container, key=None, default=None):
    """The line of ``container`` or, with ``key``, of one of its keys or items.

    Examples
    --------
    >>> data = load_yaml("a:\\n  - x\\n  - y\\n", path="demo.yaml", error=ValueError)
    >>> line_of(data, "a"), line_of(data["a"], 1), line_of({"plain": 1}, "plain", 0)
    (1, 3, 0)
    """
    if key is None:
        return getattr(container, "line", default)
    if isinstance(container, YamlDict):
        return container.key_lines.get(key, default)
    if (
        isinstance(container, YamlList)
        and isinstance(key, int)
        and -len(container) <= key < len(container)
    ):
        return container.item_lines[key]
    return default


def plain(value):
    """The same data as built-in ``dict``, ``list`` and ``str`` (lines dropped).

    Examples
    --------
    >>> type(plain(load_yaml("a: [x]"))["a"][0])
    <class 'str'>
    """
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


_RAISE = object()


def load_yaml(
    source,
    *,
    path=None,
    error=ValueError,
    scalars: str = "typed",
    first_line: int = 1,
    empty=_RAISE,
    context: dict | None = None,
):
    """Parse YAML into plain data that remembers lines (see the module docstring).

    Parameters
    ----------
    source : str or pathlib.Path
        YAML text, or a path to a UTF-8 file (then ``path`` defaults to it).
    path : str or Path, optional
        The file named in errors (default ``"<string>"`` for text).
    error : type
        Exception class raised (a :class:`framing.errors.FramingError` subclass gets
        ``path`` and ``line`` attributes).
    scalars : {"typed", "text"}
        How scalars are read (see the module docstring).
    first_line : int
        Line number of the first line of ``source`` (for YAML inside a larger file,
        e.g. front matter after a ``---`` line).
    empty : optional
        Returned for a document with no content (blank or only comments); without
        it, such a document is an error.
    context : dict, optional
        Further attributes for the errors raised (a kit error class only).

    Returns
    -------
    YamlDict, YamlList, YamlStr, int, float, bool or None

    Raises
    ------
    error
        The file is not UTF-8, the YAML is malformed, a mapping repeats a key, or the
        document is empty.

    Examples
    --------
    >>> data = load_yaml("name: demo\\nyear: 2020\\nterms: [no, on]\\n", path="x.yaml")
    >>> data, data.key_lines["terms"]
    ({'name': 'demo', 'year': 2020, 'terms': [False, True]}, 3)
    >>> load_yaml("terms: [no, on]\\n", scalars="text")
    {'terms': ['no', 'on']}
    >>> load_yaml("a: 1\\na: 2\\n", path="x.yaml")
    Traceback (most recent call last):
    ...
    ValueError: x.yaml line 2: key 'a' appears twice in one mapping (first at line 1). Merge the two entries.
    """
    import yaml

    if context:
        error = _with_context(error, context)
    if scalars not in ("typed", "text"):
        raise ValueError(f"scalars must be 'typed' or 'text', not {scalars!r}")
    if isinstance(source, Path):
        path = source if path is None else path
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise _error(
                error,
                f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save it as UTF-8.",
                path,
                None,
            ) from None
    else:
        text = source
    path = "<string>" if path is None else path
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise _error(
            error,
            f"{path} line {line}: malformed YAML: {exc.problem or exc.context}. Check the "
            "indentation there, and quote values that contain ':', '#', '[' or start "
            "with '*' or '&'.",
            path,
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise _error(error, f"{path}: not valid YAML ({exc}).", path, None) from None
    except RecursionError:
        raise _error(error, _too_deep(path), path, None) from None
    if node is None:
        if empty is not _RAISE:
            return empty
        raise _error(error, f"{path}: the file is empty.", path, None)
    _check_shape(node, path, error, offset)
    loader = yaml.SafeLoader("") if scalars == "typed" else None
    try:
        return _convert(node, path, error, loader, offset, {})
    except RecursionError:
        raise _error(error, _too_deep(path), path, None) from None


def _too_deep(path) -> str:
    return (
        f"{path}: nested more than {MAX_DEPTH} levels deep; a config file needs a few "
        "levels. Check the brackets and indentation."
    )


def _check_shape(root, path, error, offset) -> None:
    """Refuse deep nesting, self-referring aliases and alias bombs (one pass, linear)."""
    import yaml

    sizes: dict[int, int] = {}  # node id -> nodes in its expansion
    active: set[int] = set()  # the nodes on the current path (an alias back = a cycle)
    distinct = 0

    def line(node):
        return node.start_mark.line + 1 + offset

    def walk(node, depth):
        nonlocal distinct
        key = id(node)
        if key in active:
            raise _error(
                error,
                f"{path} line {line(node)}: an alias refers to the node that contains it, "
                "so the data would be infinite. Write the values out instead of the alias.",
                path,
                line(node),
            )
        if key in sizes:
            return sizes[key]
        if depth > MAX_DEPTH:
            raise _error(
                error,
                f"{path} line {line(node)}: nested more than {MAX_DEPTH} levels deep; a "
                "config file needs a few levels. Check the brackets and indentation.",
                path,
                line(node),
            )
        distinct += 1
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            return 1
        children = node.value
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        active.add(key)
        total = 1 + sum(walk(child, depth + 1) for child in children)
        active.discard(key)
        sizes[key] = total
        if total - distinct > MAX_ALIAS_NODES:
            raise _error(
                error,
                f"{path} line {line(node)}: aliases ('*name') here expand to more than "
                f"{MAX_ALIAS_NODES:,} extra values. Write the values out, or use fewer aliases.",
                path,
                line(node),
            )
        return total

    walk(root, 0)


def _convert(node, path, error, loader, offset, seen):
    """Plain data from a node; ``seen`` maps node ids to their result, so an alias used
    many times (or pointing into itself) is converted once, never expanded."""
    import yaml

    if id(node) in seen:
        return seen[id(node)]
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "null":
            return None
        if loader is not None and tag in ("int", "float", "bool"):
            return loader.construct_object(node)
        out = YamlStr(node.value)
        out.line = line
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = seen[id(node)] = YamlList()
        seq.line = line
        seq.item_lines = [v.start_mark.line + 1 + offset for v in node.value]
        seq.extend(_convert(v, path, error, loader, offset, seen) for v in node.value)
        return seq
    mapping = seen[id(node)] = YamlDict()
    mapping.line = line
    mapping.key_lines = {}
    for knode, vnode in node.value:
        kline = knode.start_mark.line + 1 + offset
        key = _convert(knode, path, error, loader, offset, seen)
        if isinstance(key, YamlStr):
            key = str(key)
        if not isinstance(key, str | int | float | bool):
            raise _error(
                error,
                f"{path} line {kline}: a key must be a name, got a "
                f"{'list' if isinstance(key, list) else 'mapping' if isinstance(key, dict) else type(key).__name__}.",
                path,
                kline,
            )
        if key in mapping:
            raise _error(
                error,
                f"{path} line {kline}: key {str(key)!r} appears twice in one mapping (first at "
                f"line {mapping.key_lines[key]}). Merge the two entries.",
                path,
                kline,
                value=str(key),
            )
        mapping[key] = _convert(vnode, path, error, loader, offset, seen)
        mapping.key_lines[key] = kline
    return mapping


def _with_context(cls, context: dict):
    """``cls`` called with ``context`` added to the attributes of each error."""

    def make(message, **more):
        return cls(message, **(context | more))

    make.kit_error = True
    return make


def _error(cls, message, path, line, **context):
    from framing.errors import FramingError

    if getattr(cls, "kit_error", False) or (
        isinstance(cls, type) and issubclass(cls, FramingError)
    ):
        return cls(message, path=str(path), line=line, **context)
    return cls(message)
