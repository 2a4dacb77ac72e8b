"""How every report notebook starts: the study's articles of one topic, and the styles."""

from __future__ import annotations

from framing.errors import ReportNotApplicable

__all__ = ["topic_articles", "figure_styles"]


def topic_articles(
    corpus,
    *,
    topic: str,
    topics_file: str = "corpora/topics.yaml",
    outlets_file: str = "",
    outlets=(),
    start: str = "",
    end: str = "",
    min_selected: int = 2,
):
    """Load the corpus (with the study's outlets file), keep its outlets and period, and
    select one topic: the first step of every report notebook.

    Paths are relative to the project root. When the topic selects fewer than
    ``min_selected`` articles, the report says it is not applicable to the study (with
    the count and what to check) instead of failing later.

    Parameters
    ----------
    corpus, topic, topics_file, outlets_file, outlets, start, end
        As in the study file (:data:`framing.study.STUDY_KEYS`).
    min_selected : int, default 2
        Fewer selected articles than this stop the report.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The whole corpus (outlet metadata joined; its ``attrs`` carry the corpus hash)
        and the topic's articles within the outlets and period.

    Raises
    ------
    framing.errors.ReportNotApplicable
        The topic selects too few articles.
    """
    from framing.corpus import load_corpus, resolve_path, subset
    from framing.topics import load_topics, select

    full = load_corpus(resolve_path(corpus), outlets=outlets_file or None)
    kept = subset(full, outlets=list(outlets) or None, start=start, end=end)
    articles = select(kept, topic, topics=load_topics(resolve_path(topics_file)))
    if len(articles) < min_selected:
        raise ReportNotApplicable(
            f"the topic {topic!r} selects {len(articles)} of {len(kept)} articles (at least "
            f"{min_selected} needed). Check the query in {topics_file} against the corpus "
            "(framing study check) or widen the outlets and period of the study.",
            topic=topic,
            value=len(articles),
        )
    return full, articles


def figure_styles(full, *, group_column: str = "", extra=()):
    """Styles for every outlet of the corpus (and ``extra`` names such as a pooled
    "other outlets (k)"), stable across figures; beyond 56 outlets, coloured by group.
    """
    from framing.plots import outlet_styles

    names = sorted(set(full["outlet"].astype(str))) + [str(e) for e in extra]
    groups = None
    if group_column and group_column in full.columns:
        groups = dict(zip(full["outlet"].astype(str), full[group_column].astype(str), strict=True))
        groups |= {str(e): "" for e in extra}
    return outlet_styles(names, groups=groups)
