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
    cache: bool = True,
):
    """The study's catalogue of articles and one topic's articles within its outlets and
    period: the first step of every report notebook.

    The corpus is streamed once for all topics of the topics file and the result cached
    (:func:`framing.study.topic_selection`), so the notebooks of a batch share one pass
    and never hold the texts of the whole corpus. Paths are relative to the project
    root. When the topic selects fewer than ``min_selected`` articles, the report says
    it is not applicable to the study (with the count and what to check) instead of
    failing later.

    Parameters
    ----------
    corpus, topic, topics_file, outlets_file, outlets, start, end
        As in the study file (:data:`framing.study.STUDY_KEYS`).
    min_selected : int, default 2
        Fewer selected articles than this stop the report.
    cache : bool, default True
        ``False`` streams the corpus again without the cache.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The catalogue: every article of the corpus *without its text* (outlet metadata
        joined; its ``attrs`` carry the corpus hash, of the texts too); and the topic's
        articles (with texts) within the outlets and period. Texts of other articles come
        from :func:`corpus_articles`, an outlet's boilerplate from
        :func:`corpus_boilerplate`.

    Raises
    ------
    framing.errors.ReportNotApplicable
        The topic selects too few articles.
    """
    from framing.corpus import subset
    from framing.study._scan import topic_selection

    catalogue, selected = topic_selection(corpus, topic, topics_file=topics_file,
                                          outlets_file=outlets_file, cache=cache)  # fmt: skip
    kept = subset(catalogue, outlets=list(outlets) or None, start=start, end=end)
    articles = selected[selected.index.isin(kept.index)].copy()  # the index is corpus order
    articles.attrs = dict(kept.attrs)
    if len(articles) < min_selected:
        raise ReportNotApplicable(
            f"the topic {topic!r} selects {len(articles)} of {len(kept)} articles (at least "
            f"{min_selected} needed). Check the query in {topics_file} against the corpus "
            "(framing study check) or widen the outlets and period of the study.",
            topic=topic,
            value=len(articles),
        )
    return catalogue, articles


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
