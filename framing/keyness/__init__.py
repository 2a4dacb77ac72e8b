"""Distinctive terms: which words set one outlet's (or group's) coverage apart.

Three statistics over a 2 x 2 table per term (term vs other tokens, target vs
reference):

* ``"lr"`` - the signed log-likelihood ratio G2 (Dunning, T. (1993). Accurate methods
  for the statistics of surprise and coincidence. *Computational Linguistics*, 19(1),
  61-74) and ``"chi2"`` - Pearson's chi-squared, both computed as quanteda's
  ``textstat_keyness`` computes them (Benoit, K. et al. (2018). quanteda: An R package
  for the quantitative analysis of textual data. *JOSS*, 3(30), 774; the
  quanteda.textstats C++ code, ``src/keyness.cpp``): the sign is ``+`` when the
  target's count exceeds its expected count, and under ``correction="default"`` the
  Yates continuity correction (0.5) is applied to a term only when
  ``|ad - bc| >= N/2`` and some expected cell count is below 5 (quanteda applies this
  rule to both ``chi2`` and ``lr`` under "default", although its manual says Williams
  for ``lr``; we follow the code). ``correction="williams"`` divides the statistic by
  Williams' q (Williams, D. A. (1976). Improved likelihood ratio tests for complete
  contingency tables. *Biometrika*, 63(1), 33-37); quanteda's code multiplies chi2 by
  q instead, which we believe is a slip, so ``chi2`` with ``"williams"`` differs from
  quanteda. quanteda adds 1e-9 inside the logarithms of G2 to survive empty cells; we
  use ``0 log 0 = 0`` instead (differences below 1e-8). p-values are from the
  chi-squared distribution with 1 df.
* ``"log_odds"`` - the weighted log-odds ratio with an informative Dirichlet prior and
  its z-score, "Fightin' Words" (Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008).
  Fightin' words: Lexical feature selection and evaluation for identifying the content
  of political conflict. *Political Analysis*, 16(4), 372-403), see
  :func:`log_odds_dirichlet`; the p-value is two-sided from the normal distribution.

Counting is sparse and vectorised: texts are tokenised by :func:`framing.text.tokenize`
(one compiled regular expression), tokens are coded once with a hash table, n-grams
are coded from pairs of codes with numpy, and the document-term matrix is a
``scipy.sparse`` matrix, so thousands of articles with unigrams and bigrams take seconds.

Rooms
-----
- ``_keyness``: :func:`keyness`
- ``_stats``: :func:`log_odds_dirichlet` and the G2/chi2 statistics
- ``_ngrams``: :func:`ngram_counts`: the document-term matrix
- ``_tasks``: :func:`keyness_file` (``framing keyness``)
"""

from framing._shared.deprecate import renamed
from framing.keyness._keyness import keyness
from framing.keyness._ngrams import ngram_counts
from framing.keyness._stats import log_odds_dirichlet
from framing.keyness._tasks import keyness_file

__all__ = [
    "log_odds_dirichlet",
    "keyness",
    "keyness_file",
    "ngram_counts",
]

# term_counts was renamed ngram_counts in 0.2: framing.lexicon.term_counts is another
# thing (each matched dictionary term per article)
__getattr__ = renamed(__name__, {"term_counts": "ngram_counts"}, removal="0.3")
