"""Actor groups of speakers: the ``actors.yaml`` file, matching, unmatched speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from framing._patterns import glob_regex
from framing._shared.jsonable import sha256_json
from framing.errors import LexiconError

__all__ = ["Actors", "load_actors", "assign_groups", "unmatched_speakers", "BUILTIN_ACTORS"]

#: The kit's actor groups (``framing/voices/actors.yaml``; its header cites sources).
BUILTIN_ACTORS = Path(__file__).with_name("actors.yaml")
_GROUP_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NAMED = {"name", "surname", "pronoun", "role", "follows", "nested"}
# words of a speaker description as the first words of patterns are written
_WORDS = re.compile(r"[^\s;,()]+")
_EDGE = re.compile(r"^[\"“”‘’'\[]+|[\"“”‘’'.:!?\]]+$")
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTS = re.compile(r"(?<=[./])|[-/—–]")


@dataclass(frozen=True)
class Actors:
    """Actor groups loaded from an ``actors.yaml`` file (see :func:`load_actors`).

    Attributes
    ----------
    groups : list of str
        Group names in file order.
    labels : dict
        Group -> human-readable label.
    path : str
        Where the groups were read from.
    sha256 : str
        Hash of the groups' content (keys figure provenance).
    """

    groups: list[str]
    labels: dict[str, str]
    people: dict[str, str]
    names: dict[str, str]
    patterns: list[tuple[str, str]]
    path: str
    sha256: str
    surnames: dict[str, str] = field(default_factory=dict)
    unnamed_only: frozenset = frozenset()
    sources: tuple = ()
    version: str = ""

    @property
    def name(self) -> str:
        """The file's stem (``actors`` for the kit's own)."""
        return Path(self.path).stem

    @property
    def content_hash(self) -> str:
        """Hash of the groups (figure provenance records it, like a lexicon's)."""
        return self.sha256

    @property
    def index(self) -> tuple[dict, list]:
        """Patterns by their first word (lower case): ``({word: [(rank, group, regex)]},
        [(prefix, rank, group, regex)])``, the second for first words with a wildcard.
        A speaker is only tried against the patterns whose first word it contains."""
        cached = self.__dict__.get("_index")
        if cached is None:
            exact: dict[str, list] = {}
            prefix: list = []
            for rank, (group, regex) in enumerate(self.patterns):
                first = self.sources[rank].split()[0].lower()
                compiled = re.compile(regex)
                cut = min((first.find(c) for c in "*?" if c in first), default=-1)
                if cut >= 0:
                    prefix.append((first[:cut], rank, group, compiled))
                else:
                    exact.setdefault(first, []).append((rank, group, compiled))
            cached = (exact, prefix)
            object.__setattr__(self, "_index", cached)
        return cached

    def group_of(self, speaker, role, mention, anonymous, named=False) -> str | None:
        """The group of one resolved speaker, or None (rules in ``actors.yaml``);
        ``named``: the speaker is a named person (``unnamed_only`` groups are skipped)."""
        speaker, role, mention = (v if isinstance(v, str) else "" for v in (speaker, role, mention))
        key = _norm(speaker)
        if key in self.people:
            return self.people[key]
        bare = re.sub(r"\s[a-z]\.(?=\s)", "", key)  # "donald j. trump" -> "donald trump"
        if bare in self.people:
            return self.people[bare]
        if key and " " not in key and key in self.surnames:
            return self.surnames[key]
        whole = _norm(re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.I))
        if whole in self.names or key in self.names:
            return self.names.get(whole) or self.names.get(key)
        text = f"{speaker} ; {role} ; {mention}"
        exact, prefix = self.index
        words = set()
        for token in _WORDS.findall(text.lower()):
            words.add(token)
            if not token.isalnum():
                # its parts ("ex-fbi", "cnn/usa", "rep.-elect", "gallup—enten", "kremlin's"):
                # a pattern matches inside a token wherever a non-word character bounds it
                for w in (token, *_PARTS.split(token)):
                    bare = _EDGE.sub("", w)
                    words.update((w, bare, _POSSESSIVE.sub("", bare)))
        candidates = [c for w in words for c in exact.get(w, ())]
        if prefix:
            joined = " " + " ".join(words)
            candidates += [(r, g, rx) for p, r, g, rx in prefix if " " + p in joined]
        best = None
        for rank, group, regex in candidates:
            if named and group in self.unnamed_only:
                continue
            m = regex.search(text)
            if m is not None and (best is None or (m.start(), rank) < best[0]):
                best = ((m.start(), rank), group)
        if best is not None:
            return best[1]
        if anonymous and "anonymous" in self.groups:
            return "anonymous"
        return None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower().replace("’", "'"))


def load_actors(path=None) -> Actors:
    """Load actor groups from an ``actors.yaml`` file (default: the kit's own).

    Parameters
    ----------
    path : str, pathlib.Path or Actors, optional
        A YAML file in the format of ``framing/voices/actors.yaml`` (``groups:`` each
        with ``label``, ``people``, ``names``, ``patterns``); None loads the kit's file.

    Returns
    -------
    Actors

    Raises
    ------
    framing.errors.LexiconError
        When the file is missing, not YAML, or a group or entry is malformed (the
        message names the file, the group and the field).

    Examples
    --------
    >>> actors = load_actors()
    >>> actors.groups[:3]
    ['us_officials', 'russian_officials', 'chinese_officials']
    >>> actors.group_of("Marco Rubio", "", "Rubio", False)
    'us_officials'
    """
    import yaml

    if isinstance(path, Actors):
        return path
    path = Path(BUILTIN_ACTORS if path is None else path)
    where = f"actors file {path}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(
            f"{where} does not exist. Pass the path of an actors.yaml (copy "
            f"{BUILTIN_ACTORS} to start one) or None for the kit's groups.",
            path=str(path),
        ) from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{where} is not valid YAML: {exc}", path=str(path)) from None
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or not groups:
        raise LexiconError(
            f"{where}: needs a top-level 'groups:' mapping of group name -> "
            "{label, people, names, patterns}.",
            path=str(path),
            field="groups",
        )
    people, names, patterns, labels, unnamed, sources = {}, {}, [], {}, set(), []
    for group, spec in groups.items():
        if not isinstance(group, str) or not _GROUP_RE.match(group):
            raise LexiconError(
                f"{where}: group name {group!r} must be snake_case (e.g. us_officials).",
                path=str(path),
                group=group,
            )
        spec = spec or {}
        if not isinstance(spec, dict):
            raise LexiconError(
                f"{where}: group {group!r} must be a mapping with label, people, names, "
                f"patterns; got {type(spec).__name__}.",
                path=str(path),
                group=group,
            )
        labels[group] = str(spec.get("label") or group)
        if spec.get("unnamed_only"):
            unnamed.add(group)
        for key in ("people", "names", "patterns"):
            items = spec.get(key) or []
            if not isinstance(items, list) or not all(
                isinstance(x, str) and x.strip() for x in items
            ):
                raise LexiconError(
                    f"{where}: group {group!r} field {key!r} must be a list of non-empty "
                    f"strings; got {items!r:.80}.",
                    path=str(path),
                    group=group,
                    field=key,
                )
            for item in items:
                if key == "people":
                    people.setdefault(_norm(item), group)
                elif key == "names":
                    names.setdefault(
                        _norm(re.sub(r"^(?:the|a|an)\s+", "", item, flags=re.I)), group
                    )
                else:
                    try:
                        regex = glob_regex(item)
                        re.compile(regex)
                        patterns.append((group, regex))
                        sources.append(item.strip())
                    except re.error as exc:  # pragma: no cover - escaped input
                        raise LexiconError(
                            f"{where}: group {group!r} pattern {item!r}: {exc}",
                            path=str(path),
                            group=group,
                            value=item,
                        ) from None
    by_surname: dict[str, set] = {}
    for name, group in people.items():
        by_surname.setdefault(name.split()[-1], set()).add(group)
    surnames = {s: next(iter(g)) for s, g in by_surname.items() if len(g) == 1}
    return Actors(
        groups=list(groups),
        labels=labels,
        people=people,
        names=names,
        patterns=patterns,
        path=str(path),
        sha256=sha256_json(groups),
        surnames=surnames,
        unnamed_only=frozenset(unnamed),
        sources=tuple(sources),
        version=str(data.get("version", "")),
    )


def assign_groups(quotes, actors=None):
    """Add a ``group`` column to a quote table (the actor group of each speaker).

    Parameters
    ----------
    quotes : pandas.DataFrame
        Output of :func:`framing.voices.extract_quotes` (uses ``speaker``,
        ``speaker_role``, ``speaker_mention``, ``anonymous``).
    actors : str, pathlib.Path or Actors, optional
        Actor groups (default: the kit's ``actors.yaml``).

    Returns
    -------
    pandas.DataFrame
        A copy with ``group`` (str; missing where no group matched or no speaker).

    Raises
    ------
    framing.errors.ColumnsError
        When a needed column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"speaker": ["Sergei Lavrov", "person familiar with the talks"],
    ...     "speaker_role": ["", ""], "speaker_mention": ["Lavrov", "a person familiar with the talks"],
    ...     "anonymous": [False, True]})
    >>> assign_groups(q)["group"].tolist()
    ['russian_officials', 'anonymous']
    """
    import pandas as pd

    from framing._shared.checks import require_columns

    require_columns(
        quotes,
        ["speaker", "speaker_role", "speaker_mention", "anonymous"],
        where="assign_groups",
        hint="Pass the output of framing.voices.extract_quotes.",
    )
    actors = load_actors(actors)
    resolution = (
        quotes["resolution"].tolist() if "resolution" in quotes else ["description"] * len(quotes)
    )
    keys = list(
        zip(
            quotes["speaker"].tolist(),
            quotes["speaker_role"].tolist(),
            quotes["speaker_mention"].tolist(),
            quotes["anonymous"].tolist(),
            [r in _NAMED for r in resolution],
            strict=True,
        )
    )
    memo = {}
    out = []
    for key in keys:
        if key not in memo:
            spk, role, mention, anon, named = key
            has = isinstance(spk, str) and spk
            memo[key] = actors.group_of(spk, role, mention, bool(anon), named) if has else None
        out.append(memo[key])
    result = quotes.copy()
    result["group"] = pd.Series(out, index=quotes.index, dtype="string")
    return result


def unmatched_speakers(quotes, *, min_quotes: int = 1):
    """Speakers no actor group matched, most quoted first: what to add to actors.yaml.

    Parameters
    ----------
    quotes : pandas.DataFrame
        A quote table with ``group`` (from :func:`framing.voices.extract_quotes`).
    min_quotes : int, default 1
        List only speakers with at least this many quotes.

    Returns
    -------
    pandas.DataFrame
        ``speaker``, ``n_quotes``, ``n_docs``, ``example_role`` (a title or appositive
        seen with the speaker, to help choose the group), sorted by ``n_quotes``
        descending, then name.

    Raises
    ------
    framing.errors.ColumnsError
        When ``speaker`` or ``group`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "speaker": ["Ann Lee", "Ann Lee", "Bo Ray"],
    ...     "speaker_role": ["mayor", "", ""], "group": [None, None, "experts"]})
    >>> unmatched_speakers(q)[["speaker", "n_quotes", "example_role"]].values.tolist()
    [['Ann Lee', 2, 'mayor']]
    """
    import pandas as pd

    from framing._shared.checks import require_columns

    require_columns(quotes, ["doc_id", "speaker", "group"], where="unmatched_speakers",
                    hint="Pass the output of framing.voices.extract_quotes.")  # fmt: skip
    rows = quotes[quotes["group"].isna() & quotes["speaker"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["speaker", "n_quotes", "n_docs", "example_role"])
    role = rows["speaker_role"] if "speaker_role" in rows else pd.Series("", index=rows.index)
    role = role.fillna("").astype(str)
    grouped = rows.groupby("speaker", sort=True)
    first_role = rows.loc[role != "", "speaker"].to_frame().assign(role=role[role != ""])
    first_role = first_role.drop_duplicates("speaker").set_index("speaker")["role"]
    out = pd.DataFrame({"n_quotes": grouped.size(), "n_docs": grouped["doc_id"].nunique()})
    out["example_role"] = first_role.reindex(out.index).fillna("").to_numpy()
    out = out.reset_index()
    out = out[out["n_quotes"] >= int(min_quotes)]
    out = out.sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)
