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
  for ``lr``; we follow the code). quanteda's ``"yates"`` is the same conditional rule;
  the kit's ``correction="yates"`` applies Yates' correction to every term, as
  ``scipy.stats.chi2_contingency(correction=True)`` does. ``correction="williams"`` divides the statistic by
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
  :func:`log_odds_dirichlet`, with ``alpha_0`` (``prior_size``) reported in the
  table's ``attrs`` and its effect shown by :func:`prior_sensitivity`.

Inference: these statistics rank terms. Their token-level p-values treat every token as
an independent draw; words are bursty (an article that uses a word once tends to use it
again), so under a true null far more than 5% of terms reach p < .05 (half of them with
moderate burstiness in the outside audit). The ``p_value`` of :func:`keyness` is
therefore, by default, an **article-level** test: the Wilcoxon-Mann-Whitney rank-sum
test of each term's rate per article (Lijffijt, J. et al. (2016). Significance testing
of word frequencies in corpora. *Digital Scholarship in the Humanities*, 31(2),
374-397), with the exact hypergeometric count of target articles using the term and a
normal approximation only within it (:func:`framing.keyness._stats.rank_sum_test`),
adjusted over all terms by Benjamini-Hochberg (Benjamini, Y. & Hochberg, Y. (1995).
*JRSS B*, 57(1), 289-300). ``inference="permutation"`` relabels whole articles and
recomputes the statistic; ``inference="tokens"`` keeps the token-level p-values.

Counting is sparse and vectorised: texts are tokenised by :func:`framing.text.tokenize`
(the C tokenizer where built), tokens are coded once with a hash table, n-grams are
coded from pairs of codes with numpy, and the document-term matrix is a
``scipy.sparse`` matrix. The article-level test reads it term by term: where the C
module ``framing._speedups`` is built, the compressed-column matrix is filled in two
passes and each term's rates are sorted in C for their rank sums; otherwise numpy does
both without a per-term loop (the same numbers: tests/test_speedups.py). The mixture
p-value is computed once per distinct (articles using the term, rank statistics), which
covers the many terms used in one or two articles. Thousands of articles with unigrams
and bigrams take seconds (bench/RESULTS.md).

Rooms
-----
- ``_keyness``: :func:`keyness`, :func:`prior_sensitivity`
- ``_partitions``: the same table from a corpus counted in pieces (e.g. the partitions
  of a corpus on a Dask cluster, :func:`framing.distributed.partitioned_keyness`):
  :func:`partition_counts` and :func:`article_counts` per piece,
  :func:`sum_counts`, :class:`ArticleCounts` and :func:`keyness_from_counts` from them
- ``_stats``: :func:`log_odds_dirichlet`, the G2/chi2 statistics and the article-level
  tests
- ``_ngrams``: :func:`ngram_counts`: the document-term matrix
- ``_tasks``: :func:`keyness_file` (``framing keyness``)
"""

from framing._shared.deprecate import renamed
from framing.keyness._keyness import keyness, prior_sensitivity
from framing.keyness._ngrams import ngram_counts
from framing.keyness._partitions import (
    ArticleCounts,
    article_counts,
    keyness_from_counts,
    partition_counts,
    sum_counts,
)
from framing.keyness._stats import log_odds_dirichlet
from framing.keyness._tasks import keyness_file

__all__ = [
    "log_odds_dirichlet",
    "keyness",
    "keyness_from_counts",
    "partition_counts",
    "sum_counts",
    "article_counts",
    "ArticleCounts",
    "keyness_file",
    "ngram_counts",
    "prior_sensitivity",
]

# term_counts was renamed ngram_counts in 0.2: framing.lexicon.term_counts is another
# thing (each matched dictionary term per article)
__getattr__ = renamed(__name__, {"term_counts": "ngram_counts"}, removal="0.3")
