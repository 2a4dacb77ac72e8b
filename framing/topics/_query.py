"""Private: topic files (``topics.yaml``) parsed and checked into :class:`Topic` objects.

The file format, :class:`Topic`, :func:`parse_topics` and :func:`load_topics` are
documented and re-exported in :mod:`framing.topics`; errors name the file, line, key
and value (:class:`framing.errors.TopicError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing._shared.yaml_lines import YamlDict, line_of, load_yaml
from framing.errors import FramingError, TopicError

__all__ = ["Topic", "parse_topics", "load_topics"]

_TOP_KEYS = {"topics"}
_TOPIC_KEYS = {"label", "description", "query"}
_QUERY_KEYS = {"all_of", "none_of", "none_of_ratio", "min_hits", "min_per_1k", "within", "lead"}
DEFAULT_PATH = "corpora/topics.yaml"


@dataclass(frozen=True)
class Topic:
    """One topic query.

    Parameters
    ----------
    id : str
        The topic id (``us_russia_talks``).
    all_of : tuple of tuple of str
        Groups of terms; every group must match (any term of a group).
    none_of : tuple of str, default ()
        Terms that exclude an article when any of them matches (see ``none_of_ratio``).
    min_hits : int or tuple of int, default 1
        Matches each ``all_of`` group needs at least: one number for all groups, or
        one per group.
    within : int or None, default None
        Window in tokens that must hold one match of every group.
    min_per_1k : float or tuple of float or None, default None
        Matches per 1,000 tokens (title + text) each ``all_of`` group needs at least:
        one number for every group, or one per group (0 for no minimum). Unlike
        ``min_hits`` it scales with article length.
    none_of_ratio : float or None, default None
        ``none_of`` excludes an article only when its matches outnumber
        ``none_of_ratio`` times the matches of the first group (the article is mainly
        about the excluded subject); default: any match excludes.
    lead : int or None, default None
        The first group must match within the first ``lead`` tokens (title + text).
    label, description : str
        Human-readable name and scope note.

    Examples
    --------
    >>> t = Topic("peace", all_of=(("ceasefire", "truce"), ("gaza",)))
    >>> t.all_of[0]
    ('ceasefire', 'truce')
    """

    id: str
    all_of: tuple
    none_of: tuple = ()
    min_hits: int | tuple = 1
    within: int | None = None
    lead: int | None = None
    min_per_1k: float | tuple | None = None
    none_of_ratio: float | None = None
    label: str = ""
    description: str = field(default="", repr=False)

    def __post_init__(self):
        _check_topic(self, where=f"topic {self.id!r}")


# framing.topics is the documented home of Topic (reprs, pickles and docs name it there).
Topic.__module__ = "framing.topics"


# -- reading the YAML -------------------------------------------------------------------
def _mapping(value, line, path: str, what: str, allowed: set) -> YamlDict:
    """``value`` as a mapping whose keys are all in ``allowed``."""
    if not isinstance(value, YamlDict):
        raise TopicError(
            f"{path} line {line}: {what} must be a mapping of keys to values.",
            path=path,
            line=line,
        )
    for key in value:
        if key not in allowed:
            kline = line_of(value, key)
            raise TopicError(
                f"{path} line {kline}: unknown key {key!r} in {what} "
                f"(allowed: {', '.join(sorted(allowed))}). Check the spelling.",
                path=path,
                line=kline,
                key=key,
            )
    return value


def _terms(value, path: str, where: str, line: int) -> tuple:
    if isinstance(value, str) and value:
        return (str(value),)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TopicError(
            f"{path} line {line}: {where} must be a list of terms, e.g. [talks, negotiat*].",
            path=path,
            line=line,
            field=where,
        )
    return tuple(str(v) for v in value)


def _int(value):
    """A scalar as int when it is one (checked later by :class:`Topic`)."""
    if not isinstance(value, str):
        return value
    try:
        return int(value)
    except ValueError:
        return str(value)


def _number(value):
    """A scalar as float when it is one (checked later by :class:`Topic`)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def parse_topics(text: str, *, path: str = "<string>") -> dict[str, Topic]:
    """Parse topic YAML text (see the module docstring) into ``{id: Topic}``.

    Topics without a ``query`` block are skipped (a file may describe topics before
    their queries are written); :func:`select` then reports them as unknown.

    Parameters
    ----------
    text : str
        The YAML text.
    path : str, optional
        File name used in error messages.

    Returns
    -------
    dict of str to Topic

    Raises
    ------
    TopicError
        Invalid YAML, an unknown key (names file, line and key), an empty group, a
        ``min_hits``, ``within`` or ``lead`` that is not a positive integer, a
        ``min_per_1k`` or ``none_of_ratio`` that is not a number >= 0 (or a list of the
        wrong length, or a ratio without ``none_of``), an invalid term.

    Examples
    --------
    >>> ts = parse_topics("topics:\\n  t:\\n    query:\\n      all_of: [[talks]]\\n")
    >>> ts["t"].all_of
    (('talks',),)
    """
    root = load_yaml(text, path=path, error=TopicError, scalars="text")
    top = _mapping(root, line_of(root, default=1), path, "the top level", _TOP_KEYS)
    if "topics" not in top:
        raise TopicError(f"{path}: no 'topics:' mapping found.", path=path)
    topics = _mapping(
        top["topics"], line_of(top, "topics"), path, "'topics'", set(top["topics"] or ())
    )
    out = {}
    for tid, value in topics.items():
        spec = _mapping(value, line_of(topics, tid), path, f"topic {tid!r}", _TOPIC_KEYS)
        if "query" not in spec:
            continue
        qline = line_of(spec, "query")
        q = _mapping(spec["query"], qline, path, f"the query of topic {tid!r}", _QUERY_KEYS)
        if "all_of" not in q:
            raise TopicError(
                f"{path} line {qline}: the query of topic {tid!r} has no 'all_of' list.",
                path=path,
                line=qline,
                topic=tid,
                field="all_of",
            )
        groups_value, gline = q["all_of"], line_of(q, "all_of")
        if not isinstance(groups_value, list):
            raise TopicError(
                f"{path} line {gline}: all_of of topic {tid!r} must be a list of groups.",
                path=path,
                line=gline,
                topic=tid,
                field="all_of",
            )
        groups = tuple(
            _terms(g, path, f"all_of[{i}] of topic {tid!r}", line_of(groups_value, i))
            for i, g in enumerate(groups_value)
        )
        none_of = ()
        if "none_of" in q:
            none_of = _terms(q["none_of"], path, f"none_of of topic {tid!r}", line_of(q, "none_of"))
        kwargs = {}
        for key in ("min_hits", "min_per_1k", "within", "lead", "none_of_ratio"):
            if key in q:
                value = q[key]
                convert = _number if key in ("min_per_1k", "none_of_ratio") else _int
                if key.startswith("min_") and isinstance(value, list):
                    kwargs[key] = tuple(convert(v) for v in value)
                else:
                    kwargs[key] = convert(value)
        label = str(spec.get("label") or "")
        desc = str(spec.get("description") or "")
        try:
            out[tid] = Topic(tid, groups, none_of, label=label, description=desc, **kwargs)
        except TopicError as exc:
            raise TopicError(
                f"{path} line {qline}: {exc.message}", path=path, line=qline, **exc.context
            ) from None
    return out


def load_topics(path=DEFAULT_PATH) -> dict[str, Topic]:
    """Read a topic file into ``{id: Topic}`` (syntax in the module docstring).

    Parameters
    ----------
    path : str or pathlib.Path, default "corpora/topics.yaml"
        A relative path not found from the working directory is looked up from the
        project root (:func:`framing.paths.project_root`), so notebooks in
        ``notebooks/`` find ``corpora/topics.yaml`` too.

    Returns
    -------
    dict of str to Topic

    Raises
    ------
    TopicError
        The file is missing or invalid (see :func:`parse_topics`).
    """
    p = Path(path)
    if not p.is_absolute() and not p.is_file():
        from framing.paths import resolve_path

        p = resolve_path(p)  # relative to the project root (e.g. run from notebooks/)
    if not p.is_file():
        raise TopicError(
            f"topic file {str(p)!r} not found. Pass the path of your topics.yaml "
            "(the kit's own is corpora/topics.yaml in the project folder).",
            path=str(p),
        )
    return parse_topics(p.read_text(encoding="utf-8"), path=str(p))


def _per_group(t: Topic, key: str, where: str) -> list:
    """The values of a per-group key (one number, or one per ``all_of`` group)."""
    value = getattr(t, key)
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        return [value]
    if len(value) != len(t.all_of):
        raise TopicError(
            f"{where}: {key} lists {len(value)} numbers but all_of has {len(t.all_of)} "
            "groups; give one number per group, or a single number for all.",
            topic=t.id,
            field=key,
            value=value,
        )
    return list(value)


def _check_topic(t: Topic, *, where: str) -> None:
    from framing._patterns import check_pattern

    if not t.all_of:
        raise TopicError(f"{where}: all_of is empty; give at least one group of terms.",
                         topic=t.id, field="all_of")  # fmt: skip
    for i, group in enumerate(t.all_of):
        if isinstance(group, str) or not group:
            raise TopicError(
                f"{where}: all_of[{i}] is {'empty' if not group else 'a string'}; "
                "each group is a non-empty list of terms, e.g. [talks, negotiat*].",
                topic=t.id,
                field=f"all_of[{i}]",
                value=group,
            )
    values = [("min_hits", v) for v in _per_group(t, "min_hits", where)]
    values += [(k, getattr(t, k)) for k in ("within", "lead") if getattr(t, k) is not None]
    for name, v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise TopicError(
                f"{where}: {name} must be a positive whole number of "
                f"{'matches' if name == 'min_hits' else 'tokens'}, got {v!r}.",
                topic=t.id,
                field=name,
                value=v,
            )
    for v in _per_group(t, "min_per_1k", where):
        if isinstance(v, bool) or not isinstance(v, int | float) or not v >= 0:
            raise TopicError(
                f"{where}: min_per_1k must be a number >= 0 of matches per 1,000 tokens, "
                f"got {v!r}.",
                topic=t.id,
                field="min_per_1k",
                value=v,
            )
    ratio = t.none_of_ratio
    if ratio is not None:
        if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not ratio >= 0:
            raise TopicError(
                f"{where}: none_of_ratio must be a number >= 0 (e.g. 0.5: none_of excludes "
                f"an article only when its matches outnumber half the first group's), got "
                f"{ratio!r}.",
                topic=t.id,
                field="none_of_ratio",
                value=ratio,
            )
        if not t.none_of:
            raise TopicError(
                f"{where}: none_of_ratio is set but none_of is empty; give the none_of terms "
                "it applies to, or remove it.",
                topic=t.id,
                field="none_of_ratio",
                value=ratio,
            )
    for term in [x for g in t.all_of for x in g] + list(t.none_of):
        try:
            check_pattern(term)
        except FramingError as exc:
            raise TopicError(
                f"{where}: {exc.message}", topic=t.id, field="term", value=term
            ) from None
