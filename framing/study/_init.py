"""Writing a first study file for a corpus (:func:`init_study`)."""

from __future__ import annotations

from pathlib import Path

from framing._shared.atomic import write_text
from framing.errors import StudyError
from framing.study._model import STUDY_KEYS

__all__ = ["init_study"]

_GROUP_FIELDS = ("lean", "type", "country")


def init_study(
    corpus,
    *,
    path="study.yaml",
    name: str | None = None,
    group_from: str | None = None,
    group_as: str = "lean",
    topics_file: str = "corpora/topics.yaml",
    topics=None,
    lexicon: str = "topic_frames",
    overwrite: bool = False,
) -> dict:
    """Write a study file for a corpus (and an outlets file with groups from a column).

    Parameters
    ----------
    corpus : str or pathlib.Path
        The corpus folder or file, as written in the study (relative to the project
        root, or absolute).
    path : str or pathlib.Path
        The study file to write.
    name : str, optional
        Study name (default: the study file's stem).
    group_from : str, optional
        A corpus column that gives each article's outlet group (e.g. AllSides'
        ``bias_text``). Each outlet gets the value most of its articles carry, written
        as its ``group_as`` field to ``<study>-outlets.yaml`` beside the study (aliases
        of the corpus's own ``outlets.yaml`` are kept); the study then groups by
        ``outlet_<group_as>``.
    group_as : {"lean", "type", "country"}
        The outlet field the groups are written to.
    topics_file, lexicon : str
        As in the study file.
    topics : list of str, optional
        Topic ids (default: every topic of ``topics_file`` that has a query).
    overwrite : bool
        Replace existing files.

    Returns
    -------
    dict
        ``study`` (the path written), ``outlets_file`` (or None), ``n_outlets``,
        ``mixed`` (outlets whose articles carry several group values: the most common
        was taken).

    Raises
    ------
    StudyError
        A file exists (without ``overwrite``), the column is missing, ``group_as`` is
        not a known field, or no topic is found.
    """
    from framing.corpus import OUTLET_TYPES, load_corpus, load_outlets, resolve_path
    from framing.topics import load_topics

    path = Path(path)
    name = name or path.stem
    outlets_path = path.with_name(f"{path.stem}-outlets.yaml") if group_from else None
    for target in filter(None, (path, outlets_path)):
        if target.exists() and not overwrite:
            raise StudyError(
                f"{target} exists; pass overwrite=True (--overwrite) to replace it.",
                path=str(target),
            )
    if group_as not in _GROUP_FIELDS:
        raise StudyError(
            f"group_as must be one of {', '.join(_GROUP_FIELDS)}, not {group_as!r}.",
            field="group_as",
            value=group_as,
        )
    articles = load_corpus(resolve_path(corpus))
    if topics is None:
        topics = sorted(load_topics(resolve_path(topics_file)))
    if not topics:
        raise StudyError(f"{topics_file} has no topic with a query; write one first.",
                         path=str(topics_file))  # fmt: skip
    result = {"study": path, "outlets_file": None, "n_outlets": articles["outlet"].nunique(),
              "mixed": []}  # fmt: skip
    values = {"corpus": str(corpus), "topics_file": topics_file, "lexicon": lexicon}
    if group_from:
        if group_from not in articles.columns:
            raise StudyError(
                f"group_from: the corpus has no column {group_from!r} (columns: "
                f"{[str(c) for c in articles.columns]}).",
                field="group_from",
                value=group_from,
            )
        groups, mixed = _outlet_groups(articles, group_from)
        if group_as == "type" and not set(groups.dropna()) <= set(OUTLET_TYPES):
            raise StudyError(
                f"group_as='type' needs values among {OUTLET_TYPES}; {group_from!r} holds "
                f"{sorted(set(groups.dropna()))[:5]}. Use group_as='lean' or 'country'.",
                field="group_as",
                value=group_as,
            )
        folder = Path(resolve_path(corpus))
        own = folder / "outlets.yaml" if folder.is_dir() else None
        existing = load_outlets(own) if own is not None and own.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(outlets_path, _outlets_yaml(groups, group_as, existing, group_from))
        values |= {"outlets_file": str(outlets_path), "group_column": f"outlet_{group_as}"}
        result |= {"outlets_file": outlets_path, "mixed": mixed}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, _study_yaml(name, topics, values))
    return result


def _outlet_groups(articles, column: str):
    """Per outlet: the most common value of ``column`` (ties: the first in sort order)."""
    import pandas as pd

    vals = articles[["outlet", column]].dropna().astype(str)
    counts = vals.value_counts().rename("n").reset_index()
    counts = counts.sort_values(["outlet", "n", column], ascending=[True, False, True])
    first = counts.drop_duplicates("outlet").set_index("outlet")[column]
    n_values = counts.groupby("outlet")[column].nunique()
    mixed = sorted(n_values[n_values > 1].index)
    all_outlets = pd.Index(sorted(articles["outlet"].unique()), name="outlet")
    return first.reindex(all_outlets), mixed


def _outlets_yaml(groups, field: str, existing, column: str) -> str:
    import yaml

    known = {} if existing is None else {r["name"]: r for _, r in existing.iterrows()}
    entries = []
    for outlet, value in groups.items():
        row = known.get(outlet)
        entry = {"name": str(outlet)}
        if row is not None:
            if row["aliases"]:
                entry["aliases"] = [str(a) for a in row["aliases"]]
            for key in ("type", "country", "lean"):
                if isinstance(row[key], str) and row[key]:
                    entry[key] = row[key]
        if isinstance(value, str):
            entry[field] = value
        entries.append(entry)
    head = (
        f"# Outlets of the study, with their {field} taken from the corpus column {column!r}\n"
        "# (the value most of an outlet's articles carry). Edit by hand: aliases, type\n"
        "# (wire, state-affiliated, public, private), country, lean.\n"
    )
    return head + yaml.safe_dump({"outlets": entries}, sort_keys=False, allow_unicode=True)


def _study_yaml(name: str, topics, values: dict) -> str:
    import yaml

    lines = [
        "# A study: what the report batch compares. Check it with `framing study check`,",
        "# run it with `framing report --study <this file>`.",
        yaml.safe_dump({"name": name, "topics": list(topics)}, sort_keys=False).rstrip(),
    ]
    for key, (_, neutral, help_text) in STUDY_KEYS.items():
        value = values.get(key, neutral)
        text = yaml.safe_dump({key: value}, default_flow_style=True, width=1000).strip()
        text = text[1:-1] if text.startswith("{") else text  # {key: value} -> key: value
        lines.append(f"{text}  # {help_text}")
    return "\n".join(lines) + "\n"
