"""Supervised frame classifiers: the estimator, predictions and what it learned.

:class:`FrameClassifier` is a scikit-learn estimator over article texts: TF-IDF word
(and character) n-grams (optionally joined with dictionary scores from
:class:`framing.lexicon.LexiconScorer`) into a linear SVM with Platt-calibrated
probabilities (or a logistic regression), for one frame per article (single-label) or
any number (multi-label, one-vs-rest). Evaluation and
prevalence estimation live in :mod:`framing.classify._evaluate` and :mod:`framing.classify._prevalence`
and are re-exported here (:func:`evaluate`, :func:`prevalence`); persistence in :mod:`framing.classify._persist`
(:func:`save_model`, :func:`load_model`); annotations and reliability in
:mod:`framing.annotate`.

Typical use::

    codes = load_annotations("corpora/demo/annotations.csv", corpus=corpus)
    gold = gold_labels(codes, adjudicator="coder_a")
    result = evaluate(FrameClassifier(), corpus, gold)       # CV, Dummy baselines
    model = FrameClassifier().fit(*training_data(corpus, gold))
    est = prevalence(model, corpus, method="acc", cv_rates=result.rates)

References
----------
Burscher, B., Odijk, D., Vliegenthart, R., de Rijke, M., & de Vreese, C. H. (2014).
Teaching the computer to code frames in news: Comparing two supervised machine learning
approaches to frame analysis. *Communication Methods and Measures*, 8(3), 190-206.

Rooms
-----
- ``_model``: :class:`FrameClassifier` and :func:`as_texts` (its ``"auto"`` options for
  large training sets: ``LARGE_TRAINING_SET``, ``resolve_auto``)
- ``_features``: :class:`TextFeatures`: TF-IDF word and in-word character n-grams of the
  kit's tokens (language token rules, Snowball stems), word n-grams counted in batches
  through hash tables in C (``framing._speedups``) or numpy
- ``_decision``: Platt calibration and decision rules tuned on inner cross-validation
- ``_folds``: stratified and iterative-stratified (multi-label) folds
- ``_training``: :func:`training_data`: gold labels joined to articles
- ``_inspect``: :func:`top_terms`, :func:`examples`
- ``_evaluate``: :func:`evaluate`: cross-validation beside Dummy baselines, bootstrap intervals
- ``_prevalence``: :func:`prevalence`: (adjusted) classify-and-count per outlet;
  :func:`separation`: whether the classifier separates each frame
- ``_agreement``: :func:`lexicon_agreement`: classifier against dictionary
- ``_persist``: :func:`save_model`, :func:`load_model` (skops, allow-listed types, model card)
- ``_tasks``: the files behind ``framing classify ...``
"""

from framing.classify._agreement import lexicon_agreement
from framing.classify._evaluate import EvaluationResult, evaluate
from framing.classify._features import TextFeatures
from framing.classify._inspect import examples, top_terms
from framing.classify._model import FrameClassifier, as_texts
from framing.classify._persist import load_model, save_model
from framing.classify._prevalence import prevalence, separation
from framing.classify._training import training_data
from framing.errors import ModelError
from framing.plots import confusion_plot, learning_curve_plot, reliability_plot

__all__ = [
    "ModelError",
    "FrameClassifier",
    "TextFeatures",
    "as_texts",
    "training_data",
    "top_terms",
    "examples",
    "evaluate",
    "prevalence",
    "separation",
    "EvaluationResult",
    "save_model",
    "load_model",
    "confusion_plot",
    "learning_curve_plot",
    "reliability_plot",
    "lexicon_agreement",
]
