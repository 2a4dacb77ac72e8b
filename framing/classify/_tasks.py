"""Corpus-folder tasks behind ``framing classify ...`` (private; one call per command).

Each task reads a corpus folder (articles, ``annotations.csv``, ``codebook.yaml``),
runs the library functions of :mod:`framing.annotate` and :mod:`framing.classify`,
and returns a text report or a table; the CLI only prints it.
"""

from __future__ import annotations

from pathlib import Path

from framing._shared.atomic import write_table

__all__ = ["reliability_file", "evaluate_file", "suggest_file"]


def _inputs(corpus, annotations=None, codebook=None):
    from framing.annotate import load_annotations
    from framing.corpus import load_corpus
    from framing.errors import AnnotationError

    articles = load_corpus(corpus)
    folder = Path(corpus) if Path(corpus).is_dir() else Path(corpus).parent
    ann = Path(annotations) if annotations else folder / "annotations.csv"
    if not ann.is_file():
        raise AnnotationError(
            f"{ann}: annotation file not found. Pass --annotations FILE (columns doc_id,coder,frame).",
            path=ann,
        )
    book = Path(codebook) if codebook else folder / "codebook.yaml"
    codes = load_annotations(ann, codebook=book if book.is_file() else None, corpus=articles)
    return articles, codes


def _gold(codes, adjudicator):
    from framing.annotate import gold_labels

    return gold_labels(codes, adjudicator=adjudicator)


def reliability_file(corpus, *, annotations=None, codebook=None, disagreements=None) -> str:
    """Reliability of a corpus folder's hand codes as text; optionally write the
    disagreements table to ``disagreements`` (CSV)."""
    from framing.annotate import reliability

    _, codes = _inputs(corpus, annotations, codebook)
    result = reliability(codes)
    if disagreements:
        write_table(result.disagreements, disagreements, where="reliability", allowed=(".csv",))
    return result.summary()


def evaluate_file(
    corpus,
    *,
    annotations=None,
    codebook=None,
    adjudicator=None,
    cv="stratified",
    n_splits=5,
    lexicon=None,
    seed=0,
    n_boot=1000,
    out=None,
) -> str:
    """Cross-validate the default classifier on the gold labels of a corpus folder.

    ``out`` (a folder) receives ``scores.csv``, ``gains.csv``, ``per_frame.csv``,
    ``confusion.csv``, ``learning_curve.csv``, ``predictions.csv``, ``rates.csv``,
    ``probabilities.csv`` (every out-of-fold probability) and ``calibration.csv``.
    """
    from framing.classify._evaluate import evaluate
    from framing.classify._model import FrameClassifier

    articles, codes = _inputs(corpus, annotations, codebook)
    gold = _gold(codes, adjudicator)
    result = evaluate(
        FrameClassifier(lexicon=lexicon),
        articles,
        gold,
        cv=cv,
        n_splits=n_splits,
        seed=seed,
        n_boot=n_boot,
    )
    if out:
        out = Path(out)
        for name in ("scores", "gains", "per_frame", "learning_curve", "predictions", "rates",
                     "probabilities", "calibration"):  # fmt: skip
            write_table(getattr(result, name), out / f"{name}.csv", where="evaluate")
        write_table(result.confusion, out / "confusion.csv", where="evaluate", index=True)
    ties = gold.attrs.get("n_ties", 0)
    head = f"{len(gold)} gold labels ({ties} tied article(s) left out).\n" if ties else ""
    return head + result.summary()


def suggest_file(
    corpus,
    *,
    n=20,
    out=None,
    annotations=None,
    codebook=None,
    adjudicator=None,
    by="outlet",
    topic=None,
    seed=0,
    lexicon=None,
):
    """Train on the coded articles and list the ``n`` most uncertain uncoded ones
    (stratified by ``by``; only articles whose ``topic`` column equals ``topic`` when
    given). Returns the table; writes it to ``out`` (CSV) when given."""
    from framing.annotate import suggest_to_annotate
    from framing.classify._model import FrameClassifier
    from framing.classify._training import training_data

    articles, codes = _inputs(corpus, annotations, codebook)
    docs, y = training_data(articles, _gold(codes, adjudicator))
    model = FrameClassifier(lexicon=lexicon, random_state=seed).fit(docs, y)
    pool = articles if topic is None else articles[articles.get("topic") == topic]
    return suggest_to_annotate(pool, model, n, by=by, exclude=codes, seed=seed, out=out)
