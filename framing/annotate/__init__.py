"""Hand codes: the codebook, annotation files, inter-coder reliability and gold labels.

An annotation table has one row per code: ``doc_id, coder, frame``. A coder who gives an
article several frames (multi-label coding) writes several rows for it; one frame per
article and coder is single-label coding. :func:`load_annotations` checks a file against
the codebook and the corpus; :func:`reliability` reports Krippendorff's alpha (overall
and per frame), pairwise Cohen's kappa and the disagreements;
:func:`krippendorff_alpha` gives alpha of any other coding (ordinal, interval or ratio
codes too, with an interval); :func:`gold_labels`
reduces the codes to one label per article; :func:`suggest_to_annotate` picks the
articles to hand-code next.

Reliability lives in :mod:`framing.annotate._reliability` and uncertainty sampling in
:mod:`framing.annotate._suggest`; their public names are re-exported here.

References
----------
Krippendorff, K. (2004, 2011); Cohen, J. (1960): see :mod:`framing.annotate._reliability`.
Lewis, D. D., & Gale, W. A. (1994). A sequential algorithm for training text
classifiers. *SIGIR '94*, 3-12 (uncertainty sampling; see :mod:`framing.annotate._suggest`).

Rooms
-----
- ``_codebook``: the codebook: frames and their definitions (YAML)
- ``_codes``: annotation files checked against codebook and corpus; gold labels
- ``_reliability``: Krippendorff's alpha and Cohen's kappa
- ``_suggest``: which articles to code next (uncertainty sampling)
"""

from framing.annotate._codebook import Codebook, load_codebook
from framing.annotate._codes import gold_labels, load_annotations
from framing.annotate._reliability import ReliabilityResult, krippendorff_alpha, reliability
from framing.annotate._suggest import suggest_to_annotate

__all__ = [
    "Codebook",
    "ReliabilityResult",
    "load_codebook",
    "load_annotations",
    "reliability",
    "krippendorff_alpha",
    "gold_labels",
    "suggest_to_annotate",
]
