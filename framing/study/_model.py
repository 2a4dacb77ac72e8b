"""The study file: one YAML file that says what a study compares, read into a :class:`Study`.

Every key but ``name``, ``description``, ``topics`` and ``scheduler`` is a parameter of
the report notebooks, under the same name, so the report batch passes a study to every
notebook that declares the key. ``scheduler`` names a Dask cluster for the pass over
the corpus (:mod:`framing.distributed`): ``framing study check`` uses it, and the report
batch hands it to the notebooks as ``$FRAMING_SCHEDULER`` (unless that is set already). A key left out takes the neutral value below (never a value of
the demo corpus): no hand codes, no events, no focus outlet, every outlet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.errors import StudyError

__all__ = ["Study", "load_study", "STUDY_KEYS", "FREQS"]

#: Time steps of the time series: week, month, quarter, year.
FREQS = ("W", "M", "Q", "Y")

#: The study keys that are notebook parameters: name -> (type, neutral value, help).
STUDY_KEYS: dict[str, tuple[type, object, str]] = {
    "corpus": (str, "", "corpus folder or file, relative to the project root"),
    "topics_file": (str, "corpora/topics.yaml", "topic queries (framing.topics)"),
    "lexicon": (str, "topic_frames", "built-in lexicon name or dictionary file"),
    "outlets_file": (str, "", "outlets.yaml with aliases and groups; empty: the corpus folder's"),
    "outlets": (list, [], "canonical outlet names kept; [] keeps every outlet"),
    "start": (str, "", "first publication day kept (YYYY-MM-DD); empty for no limit"),
    "end": (str, "", "last publication day kept (YYYY-MM-DD); empty for no limit"),
    "freq": (str, "M", "time step of the series: W, M, Q or Y"),
    "group_column": (str, "", "outlet column forming groups (outlet_lean, outlet_type, ...)"),
    "target_group": (str, "", "value of group_column compared with the other groups"),
    "focus_outlet": (str, "", "one outlet compared with all others; empty: the largest"),
    "min_articles": (int, 5, "outlets with fewer selected articles are pooled in figures"),
    "annotations": (str, "", "hand codes (doc_id, coder, frame); empty: none"),
    "codebook": (str, "", "the codebook the hand codes follow"),
    "adjudicator": (str, "", "coder whose code settles ties; empty: majority only"),
    "events_file": (str, "", "dated events (events.yaml); empty: none"),
}
_META_KEYS = {"name", "description", "topics", "scheduler"}


@dataclass(frozen=True)
class Study:
    """A study: the corpus, topics, outlet groups and options every report uses.

    Attributes
    ----------
    name : str
        Short name (letters, digits, ``_ . -``); reports record it.
    topics : tuple of str
        Topic ids of ``topics_file``; the batch makes one report per topic and notebook.
    parameters : dict
        Every key of :data:`STUDY_KEYS` with its value (given or neutral).
    path : pathlib.Path or None
        The file it was read from.
    description : str
    scheduler : str
        Where the pass over the corpus runs (``local:4``, ``tcp://host:8786``, ...;
        :func:`framing.distributed.parse_scheduler`); empty: in this process, or
        ``$FRAMING_SCHEDULER``.
    """

    name: str
    topics: tuple
    parameters: dict = field(default_factory=dict)
    path: Path | None = None
    description: str = ""
    scheduler: str = ""

    def __getattr__(self, key):
        params = self.__dict__.get("parameters", {})
        if key in params:
            return params[key]
        raise AttributeError(f"Study has no attribute {key!r}")

    def files(self) -> dict[str, str]:
        """The files the study names (key -> path as written), for fingerprints."""
        keys = ("corpus", "topics_file", "outlets_file", "annotations", "codebook", "events_file")
        out = {k: self.parameters[k] for k in keys if self.parameters.get(k)}
        lex = self.parameters.get("lexicon", "")
        if lex and (lex.endswith((".yaml", ".yml", ".dic", ".json", ".cat")) or "/" in lex):
            out["lexicon"] = lex
        return out


def load_study(path) -> Study:
    """Read and check a study file (the keys and their meaning: :data:`STUDY_KEYS`).

    Parameters
    ----------
    path : str or pathlib.Path
        The YAML file, e.g. ``studies/demo.yaml``.

    Returns
    -------
    Study

    Raises
    ------
    StudyError
        The file is missing or malformed, a key is unknown or has the wrong type, a
        topic list or the name is missing; the error names file, line and key.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "study.yaml"
    >>> _ = p.write_text("name: mine\\ncorpus: corpora/mine\\ntopics: [t1]\\nfreq: Q\\n")
    >>> s = load_study(p)
    >>> s.name, s.topics, s.corpus, s.freq, s.annotations
    ('mine', ('t1',), 'corpora/mine', 'Q', '')
    """
    path = Path(path)
    if not path.is_file():
        raise StudyError(
            f"study file {str(path)!r} not found. Write one with `framing study init CORPUS` "
            "(the demo's is studies/demo.yaml).",
            path=str(path),
        )
    data = load_yaml(path, error=StudyError)
    if not isinstance(data, dict):
        raise StudyError(
            f"{path} line {line_of(data, default=1)}: a study file is a mapping of keys "
            "(name, corpus, topics, ...).",
            path=str(path),
            line=line_of(data, default=1),
        )

    def fail(key, message, value=None):
        line = line_of(data, key, line_of(data, default=1))
        raise StudyError(f"{path} line {line}: {message}", path=str(path), line=line,
                         field=key, value=value)  # fmt: skip

    allowed = set(STUDY_KEYS) | _META_KEYS
    for key in data:
        if key not in allowed:
            close = [k for k in sorted(allowed) if _similar(str(key), k)]
            hint = f" Did you mean {close[0]!r}?" if close else ""
            fail(key, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))}).{hint}", key)
    for key in ("name", "topics"):
        if key not in data:
            fail(key, f"the study needs '{key}:'.")
    name = data["name"]
    if not isinstance(name, str) or not name.strip() or "/" in name:
        fail("name", f"'name' must be a short text without '/', got {plain(name)!r}.", plain(name))
    topics = data["topics"]
    topics = [topics] if isinstance(topics, str) else topics
    if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
        fail(
            "topics", "'topics' must be a list of topic ids, e.g. [us_russia_talks].", plain(topics)
        )
    params = {}
    for key, (kind, neutral, _) in STUDY_KEYS.items():
        value = data.get(key, neutral)
        if value is None:
            value = neutral
        if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if kind is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            fail(key, f"'{key}' must be a {kind.__name__}, got {plain(value)!r}.", plain(value))
        params[key] = plain(value)
    if params["freq"] not in FREQS:
        fail("freq", f"'freq' must be one of {', '.join(FREQS)}, got {params['freq']!r}.",
             params["freq"])  # fmt: skip
    scheduler = plain(data.get("scheduler")) or ""
    if not isinstance(scheduler, str):
        fail("scheduler", f"'scheduler' must be a text such as local:4 or tcp://host:8786, "
             f"got {scheduler!r}.", scheduler)  # fmt: skip
    if scheduler:
        from framing.errors import SchedulerError

        try:
            _parse_scheduler(scheduler)
        except SchedulerError as exc:
            fail("scheduler", str(exc), scheduler)
    if params["min_articles"] < 1:
        fail("min_articles", "'min_articles' must be at least 1.", params["min_articles"])
    return Study(
        name=str(name).strip(),
        topics=tuple(str(t) for t in topics),
        parameters=params,
        path=path,
        description=str(plain(data.get("description")) or ""),
        scheduler=scheduler.strip(),
    )


def _parse_scheduler(text: str):
    from framing.distributed import parse_scheduler

    return parse_scheduler(text, env=False)


def _similar(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75
