"""Checking a study against its data before anything runs (:func:`check_study`).

Errors stop a batch (the corpus does not load, a topic is unknown or selects nothing,
the group column is missing); warnings name a validity problem a reviewer would ask
about (a topic-query term that is also a frame term: the selection then decides the
frame's rate; a frame in nearly every article: it separates nothing; a group with one
outlet; few articles); notes say what the batch will do (reports that will say "not
applicable", outlets pooled in figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.errors import FramingError
from framing.study._model import Study

__all__ = ["StudyCheck", "check_study", "load_study_corpus"]

#: A frame found in at least this share of a topic's articles separates nothing.
UBIQUITOUS = 0.95
#: Fewer selected articles than this make every per-outlet estimate fragile.
FEW_ARTICLES = 30


@dataclass
class StudyCheck:
    """What :func:`check_study` found.

    Attributes
    ----------
    study : Study
    problems : pandas.DataFrame
        ``level`` (error, warning, note), ``topic`` (or empty), ``message``.
    topics : pandas.DataFrame
        Per topic: ``topic, n_selected, n_outlets, n_outlets_shown, n_groups``.
    reports : pandas.DataFrame
        Per report of the plan (when one was given): ``id, notebook, status, why``.
    """

    study: Study
    problems: object  # pandas.DataFrame (pandas is imported when a check runs)
    topics: object
    reports: object

    @property
    def ok(self) -> bool:
        """True when nothing stops the batch (warnings and notes allowed)."""
        return not (self.problems["level"] == "error").any()

    def summary(self) -> str:
        """The check as text (what ``framing study check`` prints)."""
        s = self.study
        lines = [f"study {s.name!r} ({s.path}): corpus {s.corpus}, topics {', '.join(s.topics)}"]
        if len(self.topics):
            lines += ["", self.topics.to_string(index=False)]
        for level in ("error", "warning", "note"):
            rows = self.problems[self.problems["level"] == level]
            if len(rows):
                lines += ["", f"{level}s:"]
                lines += [
                    f"  - {f'[{r.topic}] ' if r.topic else ''}{r.message}"
                    for r in rows.itertuples()
                ]
        if len(self.reports):
            lines += ["", "reports:", self.reports.to_string(index=False)]
        lines += ["", "OK: the batch can run." if self.ok else "NOT OK: fix the errors first."]
        return "\n".join(lines)


def load_study_corpus(study: Study, *, root=None):
    """The study's articles: its corpus with its outlets file, outlets and period applied.

    The texts of the whole corpus are loaded; :func:`check_study` reads the cached
    catalogue and topic selections instead (:func:`framing.study.topic_selection`).
    """
    from framing.corpus import load_corpus, resolve_path, subset

    outlets = resolve_path(study.outlets_file, start=root) if study.outlets_file else None
    corpus = load_corpus(resolve_path(study.corpus, start=root), outlets=outlets)
    return subset(corpus, outlets=study.outlets or None, start=study.start, end=study.end)


def _scan_paths(study: Study, root) -> dict:
    from framing.corpus import resolve_path

    outlets = resolve_path(study.outlets_file, start=root) if study.outlets_file else ""
    files = {"topics_file": str(resolve_path(study.topics_file, start=root)),
             "outlets_file": str(outlets), "scheduler": study.scheduler or None}  # fmt: skip
    return {"corpus": resolve_path(study.corpus, start=root), "files": files}


def _study_articles(study: Study, root):
    """The study's catalogue (articles without texts, from the cached pass) within its
    outlets and period; the whole corpus when the topics file does not load (the check
    of the topics reports that)."""
    from framing.corpus import resolve_path, subset
    from framing.study._scan import corpus_catalogue
    from framing.topics import load_topics

    try:
        load_topics(resolve_path(study.topics_file, start=root))
    except FramingError:
        return load_study_corpus(study, root=root)
    where = _scan_paths(study, root)
    catalogue = corpus_catalogue(where["corpus"], **where["files"])
    return subset(catalogue, outlets=study.outlets or None, start=study.start, end=study.end)


def check_study(study: Study, *, specs=None, root=None) -> StudyCheck:
    """Check a study against its data: corpus, topics, groups, lexicon, hand codes, events.

    Parameters
    ----------
    study : Study
        From :func:`load_study`.
    specs : list of framing.reports.ReportSpec, optional
        The plan's reports for this study: the check then says what each will do.
    root : str or pathlib.Path, optional
        Project root (paths of the study are relative to it); default: found from the
        working directory.

    Returns
    -------
    StudyCheck
        ``.ok`` is False when an error would make the batch fail.
    """
    problems: list[dict] = []

    def add(level, message, topic=""):
        problems.append({"level": level, "topic": topic, "message": message})

    rows: list[dict] = []
    if not study.corpus:
        add("error", "no corpus: set 'corpus:' to a corpus folder or file.")
        return _result(study, problems, rows, specs)
    try:
        corpus = _study_articles(study, root)
    except FramingError as exc:
        add("error", f"the corpus does not load: {exc.message}")
        return _result(study, problems, rows, specs)
    if corpus.empty:
        add("error", "no article is left after the study's outlets and period.")
        return _result(study, problems, rows, specs)
    groups = _check_groups(study, corpus, add)
    lexicon = _load(add, "the lexicon", _lexicon, study, root)
    selections = _select_topics(study, corpus, add, root)
    for topic, selected in selections.items():
        rows.append(_topic_row(study, topic, selected, groups))
        if lexicon is not None and len(selected):
            _check_validity(study, topic, selected, lexicon, add, root)
    _check_focus(study, corpus, add)
    _check_hand_codes(study, corpus, add, root)
    _check_events(study, add, root)
    return _result(study, problems, rows, specs)


# -- the steps of check_study ----------------------------------------------------------
def _result(study, problems, rows, specs) -> StudyCheck:
    import pandas as pd

    cols = ["topic", "n_selected", "n_outlets", "n_outlets_shown", "n_groups"]
    probs = pd.DataFrame(problems, columns=["level", "topic", "message"])
    return StudyCheck(study, probs, pd.DataFrame(rows, columns=cols), _reports(study, specs, probs))


def _load(add, what, loader, *args):
    try:
        return loader(*args)
    except FramingError as exc:
        add("error", f"{what} does not load: {exc.message}")
        return None


def _lexicon(study, root):
    from framing.lexicon import load_lexicon

    return load_lexicon(study.lexicon)


def _check_groups(study, corpus, add):
    column = study.group_column
    if not column:
        add("note", "no 'group_column': group comparisons are left out of the reports.")
        return None
    if column not in corpus.columns:
        present = [c for c in corpus.columns if c.startswith("outlet")]
        add(
            "error",
            f"group_column {column!r} is not a column of the corpus (outlet columns: "
            f"{present}). Build groups with `framing study init CORPUS --group-from COLUMN`.",
        )
        return None
    per_group = corpus.groupby(column, dropna=True)["outlet"].nunique()
    if len(per_group) < 2:
        add(
            "error",
            f"group_column {column!r} has {len(per_group)} group(s); groups compare two or more.",
        )
    thin = per_group[per_group < 2]
    if len(thin):
        add(
            "warning",
            f"group(s) {sorted(map(str, thin.index))} have one outlet: with outlets as the "
            "sampling unit a group needs two or more outlets for an interval.",
        )
    if study.target_group and study.target_group not in set(map(str, per_group.index)):
        add(
            "error",
            f"target_group {study.target_group!r} is not a value of {column!r} "
            f"(values: {sorted(map(str, per_group.index))}).",
        )
    return column


def _select_topics(study, corpus, add, root) -> dict:
    from framing.corpus import resolve_path
    from framing.topics import load_topics, match_topics

    try:
        topics = load_topics(resolve_path(study.topics_file, start=root))
    except FramingError as exc:
        add("error", f"the topics file does not load: {exc.message}")
        return {}
    unknown = [t for t in study.topics if t not in topics]
    for t in unknown:
        add("error", f"topic {t!r} is not in {study.topics_file} (topics: {sorted(topics)}).", t)
    known = {t: topics[t] for t in study.topics if t in topics}
    if not known:
        return {}
    if "text" in corpus.columns:  # the whole corpus, loaded
        flags = match_topics(corpus, known)
        chosen = {t: corpus[flags[t].to_numpy()] for t in known}
    else:  # the catalogue: the topics' articles come from the same cached pass
        from framing.study._scan import topic_selection

        where = _scan_paths(study, root)
        chosen = {}
        for t in known:
            rows = topic_selection(where["corpus"], t, **where["files"])[1]
            chosen[t] = rows[rows.index.isin(corpus.index)]
    out = {}
    for t in known:
        selected = chosen[t]
        out[t] = selected
        if selected.empty:
            add("error", "the topic query selects no article of the corpus.", t)
        elif len(selected) < FEW_ARTICLES:
            add("warning", f"only {len(selected)} articles selected: estimates will be fragile.", t)
    return out


def _topic_row(study, topic, selected, group) -> dict:
    counts = selected["outlet"].value_counts()
    return {
        "topic": topic,
        "n_selected": len(selected),
        "n_outlets": int(counts.size),
        "n_outlets_shown": int((counts >= study.min_articles).sum()),
        "n_groups": int(selected[group].nunique()) if group else 0,
    }


def _check_validity(study, topic, selected, lexicon, add, root):
    from framing.corpus import resolve_path
    from framing.lexicon import score
    from framing.topics import load_topics

    query = load_topics(resolve_path(study.topics_file, start=root))[topic]
    query_terms = {t for group in query.all_of for t in group}
    for name in lexicon.categories:
        shared = sorted(query_terms & set(lexicon.patterns(name)))
        if shared:
            add(
                "warning",
                f"frame {name!r} shares term(s) {shared} with the topic query, which selected "
                "the articles for holding such terms: the frame's rate partly restates the "
                "selection.",
                topic,
            )
    scores = score(selected, lexicon)
    for name in lexicon.categories:
        share = float((scores[name] > 0).mean())
        if share >= UBIQUITOUS:
            add(
                "warning",
                f"frame {name!r} occurs in {share:.0%} of the articles: it separates nothing.",
                topic,
            )


def _check_focus(study, corpus, add):
    outlets = set(corpus["outlet"])
    if study.focus_outlet and study.focus_outlet not in outlets:
        add("error", f"focus_outlet {study.focus_outlet!r} is not an outlet of the corpus.")
    small = corpus["outlet"].value_counts()
    small = small[small < study.min_articles]
    if len(small):
        add(
            "note",
            f"{len(small)} of {len(outlets)} outlets have fewer than {study.min_articles} "
            "articles in all: figures pool them as 'other outlets'.",
        )


def _check_hand_codes(study, corpus, add, root):
    from framing.corpus import resolve_path

    if not study.annotations:
        add(
            "note",
            "no hand codes ('annotations:'): the classifier reports will say not applicable.",
        )
        return
    from framing.annotate import load_annotations

    codebook = resolve_path(study.codebook, start=root) if study.codebook else None
    try:
        codes = load_annotations(resolve_path(study.annotations, start=root), codebook=codebook,
                                 corpus=corpus)  # fmt: skip
    except FramingError as exc:
        add("error", f"the hand codes do not load: {exc.message}")
        return
    if study.adjudicator and study.adjudicator not in set(codes["coder"]):
        add("error", f"adjudicator {study.adjudicator!r} is not a coder of {study.annotations}.")


def _check_events(study, add, root):
    from framing.compare import load_events
    from framing.corpus import resolve_path

    if not study.events_file:
        add("note", "no events ('events_file:'): event sections will say so.")
        return
    try:
        events = load_events(resolve_path(study.events_file, start=root))
    except FramingError as exc:
        add("error", f"the events file does not load: {exc.message}")
        return
    for topic in study.topics:
        if not (events["topic"] == topic).any():
            add("note", f"no event of {study.events_file} names this topic.", topic)


def _reports(study, specs, problems):
    import pandas as pd

    cols = ["id", "notebook", "status", "why"]
    if not specs:
        return pd.DataFrame(columns=cols)
    failing = (problems["level"] == "error").any()
    rows = []
    for spec in specs:
        status, why = "runs", ""
        if failing:
            status, why = "blocked", "the study has errors"
        elif "annotations" in spec.declared and not spec.parameters.get("annotations"):
            status, why = "not applicable", "no hand codes"
        rows.append({"id": spec.id, "notebook": spec.notebook, "status": status, "why": why})
    return pd.DataFrame(rows, columns=cols)
