"""framing: compare how news outlets frame a topic.

Lexicon (dictionary) and classifier features over a validated article table, outlet
comparisons with confidence intervals, and figures and reports a paper can cite.

The public names below are importable from ``framing`` directly
(``from framing import load_corpus``) and are documented in their home modules
(``framing.corpus.load_corpus``). They are loaded lazily on first use, so that
``import framing`` (and every ``framing`` command, e.g. the no-change path of
``framing report``) does not pay for pandas, scikit-learn or matplotlib until it
needs them.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

# public name -> home module (explicit, so the API is reviewed in one place)
_API = {
    # the article table
    "load_corpus": "corpus",
    "read_corpus": "corpus",
    "iter_corpus": "corpus",
    "save_corpus": "corpus",
    "import_corpus": "corpus",
    "validate": "corpus",
    "ValidationResult": "corpus",
    "corpus_hash": "corpus",
    "row_digests": "corpus",
    "combine_digests": "corpus",
    "corpus_summary": "corpus",
    "subset": "corpus",
    "find_boilerplate": "corpus",
    "remove_boilerplate": "corpus",
    "corpus_partitions": "corpus",
    "repartition_corpus": "corpus",
    # collecting news
    "collect": "sources",
    # topics
    "load_topics": "topics",
    "select": "topics",
    "match_topics": "topics",
    "sample_for_judging": "topics",
    "judged_precision_recall": "topics",
    # tokens and dictionaries
    "tokenize": "text",
    "sentences": "text",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "save_lexicon": "lexicon",
    "list_lexicons": "lexicon",
    "score": "lexicon",
    "term_counts": "lexicon",
    "kwic": "lexicon",
    "diagnose": "lexicon",
    "LexiconScorer": "lexicon",
    # sentiment
    "vader_scores": "sentiment",
    "actor_tone": "sentiment",
    # hand codes and classifiers
    "load_codebook": "annotate",
    "load_annotations": "annotate",
    "reliability": "annotate",
    "krippendorff_alpha": "annotate",
    "gold_labels": "annotate",
    "suggest_to_annotate": "annotate",
    "FrameClassifier": "classify",
    "TextFeatures": "classify",
    "evaluate": "classify",
    "prevalence": "classify",
    "separation": "classify",
    "top_terms": "classify",
    "save_model": "classify",
    "load_model": "classify",
    # comparisons
    "by_outlet": "compare",
    "pairwise": "compare",
    "over_time": "compare",
    "load_events": "compare",
    "event_window": "compare",
    "event_did": "compare",
    "event_checks": "compare",
    "pool_events": "compare",
    "pool_outlets": "compare",
    # (the function keyness is reached as framing.keyness.keyness: the package attribute
    # ``framing.keyness`` is its module once the module has been imported)
    "log_odds_dirichlet": "keyness",
    "keyness_from_counts": "keyness",
    "prior_sensitivity": "keyness",
    # figures, tables, reports
    "style": "plots",
    "outlet_styles": "plots",
    "prevalence_plot": "plots",
    "heatmap": "plots",
    "time_plot": "plots",
    "fightin_words_plot": "plots",
    "actor_tone_plot": "plots",
    "event_window_plot": "plots",
    "save_figure": "export",
    "save_table": "export",
    "build_reports": "reports",
    "load_plan": "reports",
    "not_applicable": "reports",
    "load_study": "study",
    "init_study": "study",
    "check_study": "study",
    # who speaks: quotes and sourcing
    "extract_quotes": "voices",
    "voice_measures": "voices",
    "quote_evidence": "voices",
    "load_actors": "voices",
    "unmatched_speakers": "voices",
    "sourcing_plot": "voices",
    # past one machine: Dask
    "get_client": "distributed",
    "map_partitions": "distributed",
    # errors
    "FramingError": "errors",
    "CorpusError": "errors",
    "ColumnsError": "errors",
    "LexiconError": "errors",
    "TopicError": "errors",
    "AnnotationError": "errors",
    "PlanError": "errors",
    "ReportError": "errors",
    "FetchError": "errors",
    "FigureError": "errors",
    "ModelError": "errors",
    "OutputError": "errors",
    "StudyError": "errors",
    "ReportNotApplicable": "errors",
    "SchedulerError": "errors",
    "LanguageWarning": "errors",
    # wire copies and stories (issue 15)
    "find_duplicates": "stories",
    "shingle_hashes": "stories",
    "apply_duplicates": "stories",
    "reprints_by_outlet": "stories",
    "story_clusters": "stories",
    "story_vectors": "stories",
    "story_coverage": "stories",
    "story_sides": "stories",
    "within_stories": "stories",
    "story_map_plot": "plots",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(import_module(f"framing.{module}"), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__():
    return sorted(__all__)
