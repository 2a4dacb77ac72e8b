"""Inter-coder reliability of hand codes (private module; see :mod:`framing.annotate`).

Holds :class:`ReliabilityResult` and :func:`reliability`: Krippendorff's alpha (overall
and per frame), pairwise Cohen's kappa and the disagreements of an annotation table
``doc_id, coder, frame``. Its public names are reached through :mod:`framing.annotate`
(``from framing.annotate import reliability``).

Alpha is computed from the coincidence matrix (Krippendorff 2004, ch. 11): each
article with ``m >= 2`` codes adds ``n_c n_k / (m - 1)`` for every ordered pair of
values ``c != k`` (and ``n_c (n_c - 1) / (m - 1)`` to ``c = c``); alpha is ``1 - D_o /
D_e`` with the observed and expected disagreement. It is **undefined** when every
pairable code has the same value (``D_e = 0``): the coders never had a chance to
disagree, so the data say nothing about reliability; the kit reports NaN with a note
(the reference ``krippendorff`` package raises; nltk returns 1.0).

The interval is a bootstrap over articles, the units of coding: articles are resampled
with replacement and alpha recomputed (observed and expected disagreement both),
following the call of Hayes & Krippendorff (2007) for an interval of alpha. Their KALPHA
macro resamples pairs of values with the expected disagreement held fixed; resampling
whole articles keeps each article's codes together, the usual cluster bootstrap.

References
----------
Krippendorff, K. (2004). *Content analysis: An introduction to its methodology*
(2nd ed.). Sage (alpha, nominal metric, pairable values only).
Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability
measure for coding data. *Communication Methods and Measures*, 1(1), 77-89.
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing._shared.resample import quantile_interval, resample_weights
from framing.annotate._codes import CODE_COLUMNS

__all__ = ["ReliabilityResult", "reliability"]


@dataclass
class ReliabilityResult:
    """Inter-coder reliability of an annotation table (see :func:`reliability`).

    Attributes
    ----------
    alpha : float
        Krippendorff's alpha, nominal, over each coder's label of each article (for
        multi-label codes the label is the set of frames); NaN where undefined (no
        variation among the pairable codes, or no pairable article).
    per_frame : pandas.DataFrame
        ``frame, alpha, alpha_ci_low, alpha_ci_high, n_docs, n_codes, share, note``:
        alpha of binary presence coding, NaN with a note where no pairable code (or
        every one) gives the frame.
    kappa : pandas.DataFrame
        ``coder_1, coder_2, kappa, agreement, n_docs`` for every pair of coders.
    disagreements : pandas.DataFrame
        ``doc_id``, one column per coder (frames joined by ``;``), ``n_coders``.
    n_docs, n_coders : int
        Articles with at least two coders, and coders.
    alpha_ci_low, alpha_ci_high : float
        Bootstrap interval of alpha over articles (NaN where alpha is undefined).
    ci : float
        Its level.
    """

    alpha: float
    per_frame: pd.DataFrame
    kappa: pd.DataFrame
    disagreements: pd.DataFrame
    n_docs: int
    n_coders: int
    agreement: float = float("nan")
    notes: list = field(default_factory=list)
    alpha_ci_low: float = float("nan")
    alpha_ci_high: float = float("nan")
    ci: float = 0.95

    def __repr__(self) -> str:
        return (
            f"ReliabilityResult(alpha={self.alpha:.3f} [{self.alpha_ci_low:.3f}, "
            f"{self.alpha_ci_high:.3f}], n_docs={self.n_docs}, "
            f"n_coders={self.n_coders}, disagreements={len(self.disagreements)})"
        )

    @property
    def overall(self) -> pd.DataFrame:
        """One row: ``alpha, alpha_ci_low, alpha_ci_high, agreement, n_docs, n_coders,
        n_disagreements``."""
        return pd.DataFrame(
            {
                "alpha": [self.alpha],
                "alpha_ci_low": [self.alpha_ci_low],
                "alpha_ci_high": [self.alpha_ci_high],
                "agreement": [self.agreement],
                "n_docs": [self.n_docs],
                "n_coders": [self.n_coders],
                "n_disagreements": [len(self.disagreements)],
            }
        )

    def summary(self) -> str:
        """A plain-text report (used by ``framing classify reliability``)."""
        lines = [
            f"Krippendorff's alpha (nominal): {self.alpha:.3f} ({100 * self.ci:g}% bootstrap "
            f"CI {self.alpha_ci_low:.3f} to {self.alpha_ci_high:.3f}) over {self.n_docs} articles, "
            f"{self.n_coders} coders; raw agreement {self.agreement:.1%}; "
            f"{len(self.disagreements)} disagreements.",
            "",
            "Per frame (binary presence):",
            self.per_frame.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
            "",
            "Pairwise Cohen's kappa:",
            self.kappa.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
        ]
        return "\n".join(lines + self.notes)


def coincidences(sets: pd.Series) -> tuple[np.ndarray, list]:
    """Per-article coincidence contributions (articles x values^2) and the values.

    ``sets`` holds one code per (doc_id, coder); articles with fewer than two codes
    add nothing (they are not pairable).
    """
    docs = sets.index.get_level_values("doc_id")
    values = sorted(set(sets), key=repr)
    k = len(values)
    code = {v: i for i, v in enumerate(values)}
    doc_ids, doc_pos = np.unique(np.asarray(docs, dtype=str), return_inverse=True)
    counts = np.zeros((len(doc_ids), k))
    np.add.at(counts, (doc_pos, [code[v] for v in sets]), 1.0)
    m = counts.sum(axis=1)
    pairable = m >= 2
    counts, m = counts[pairable], m[pairable]
    outer = counts[:, :, None] * counts[:, None, :]
    outer[:, np.arange(k), np.arange(k)] -= counts
    return (outer / (m - 1)[:, None, None]).reshape(len(counts), k * k), values


def alpha_from(o: np.ndarray, k: int) -> np.ndarray:
    """Nominal alpha from coincidence matrices (rows: flattened k x k); NaN if undefined."""
    o = o.reshape(-1, k, k)
    n_c = o.sum(axis=2)
    n = n_c.sum(axis=1)
    agree = np.trace(o, axis1=1, axis2=2)
    d_e = n**2 - (n_c**2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = 1 - (n - 1) * (n - agree) / d_e
    return np.where((d_e > 1e-12) & (n > 1), alpha, np.nan)


def alpha_with_interval(
    sets: pd.Series, *, n_boot: int, ci: float, rng
) -> tuple[float, float, float]:
    """Alpha and its bootstrap interval over articles (NaN where undefined)."""
    o, values = coincidences(sets)
    k = len(values)
    if not len(o) or k == 0:
        return np.nan, np.nan, np.nan
    alpha = float(alpha_from(o.sum(axis=0)[None, :], k)[0])
    if np.isnan(alpha) or n_boot < 1:
        return alpha, np.nan, np.nan
    reps = np.concatenate([alpha_from(w @ o, k) for w in resample_weights(rng, len(o), n_boot)])
    lo, hi = quantile_interval(reps, ci)
    return alpha, lo, hi


def krippendorff_alpha(triples: list[tuple]) -> float:
    """Nominal alpha of ``(coder, doc_id, value)`` triples; NaN where undefined.

    Examples
    --------
    >>> krippendorff_alpha([("a", "1", "x"), ("b", "1", "x"), ("a", "2", "y"), ("b", "2", "x")])
    0.0
    >>> krippendorff_alpha([("a", "1", "x"), ("b", "1", "x")])  # no variation: undefined
    nan
    """
    if not triples:
        return float("nan")
    sets = pd.Series([v for *_, v in triples],
                     index=pd.MultiIndex.from_tuples([(d, c) for c, d, _ in triples],
                                                     names=["doc_id", "coder"]))  # fmt: skip
    o, values = coincidences(sets)
    if not len(o):
        return float("nan")
    return float(alpha_from(o.sum(axis=0)[None, :], len(values))[0])


def _label_sets(annotations: pd.DataFrame) -> pd.Series:
    return annotations.groupby(["doc_id", "coder"], sort=True)["frame"].agg(lambda s: frozenset(s))


def reliability(
    annotations: pd.DataFrame, *, n_boot: int = 1000, ci: float = 0.95, seed: int | None = 0
) -> ReliabilityResult:
    """Krippendorff's alpha with a bootstrap interval, per-frame alpha, pairwise kappa and
    disagreements.

    Parameters
    ----------
    annotations : pandas.DataFrame
        ``doc_id, coder, frame`` (from :func:`~framing.annotate.load_annotations`). Articles coded by a
        single coder are not pairable and are left out of every coefficient.
    n_boot : int, default 1000
        Bootstrap resamples of articles for the intervals of alpha (0: none).
    ci : float, default 0.95
    seed : int or None, default 0

    Returns
    -------
    ReliabilityResult

    Notes
    -----
    Alpha is the nominal alpha of the coincidence matrix (module docstring); it handles
    any number of coders and missing codes, and equals nltk's ``AnnotationTask.alpha``
    with the binary distance wherever alpha is defined. Per-frame alpha codes each
    (article, coder) 1 when the coder gave the frame, else 0. Kappa (Cohen 1960) uses
    the articles both coders coded.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["1", "1", "2", "2", "3", "3"],
    ...                   "coder": ["x", "y"] * 3,
    ...                   "frame": ["peace", "peace", "war", "war", "war", "peace"]})
    >>> round(reliability(a).alpha, 3)
    0.444
    """
    from sklearn.metrics import cohen_kappa_score

    require_columns(annotations, CODE_COLUMNS, where="reliability", hint="Use load_annotations().")
    sets = _label_sets(annotations)
    n_coders_doc = sets.groupby(level="doc_id").size()
    pairable = n_coders_doc.index[n_coders_doc >= 2]
    sets = sets[sets.index.get_level_values("doc_id").isin(pairable)]
    coders = sorted(annotations["coder"].unique())
    rng = np.random.default_rng(seed)
    alpha, a_lo, a_hi = alpha_with_interval(sets, n_boot=n_boot, ci=ci, rng=rng)
    rows = []
    for f in sorted(annotations["frame"].unique()):
        flags = sets.map(lambda lab, f=f: int(f in lab))
        n_codes = int(flags.sum())
        f_alpha, f_lo, f_hi = alpha_with_interval(flags, n_boot=n_boot, ci=ci, rng=rng)
        note = ""
        if np.isnan(f_alpha) and len(flags):
            note = ("undefined: no pairable code gives this frame" if n_codes == 0
                    else "undefined: every pairable code gives this frame")  # fmt: skip
        rows.append(
            {
                "frame": f,
                "alpha": f_alpha,
                "alpha_ci_low": f_lo,
                "alpha_ci_high": f_hi,
                "n_docs": len(pairable),
                "n_codes": n_codes,
                "share": n_codes / len(flags) if len(flags) else float("nan"),
                "note": note,
            }
        )
    per_frame = pd.DataFrame(rows, columns=["frame", "alpha", "alpha_ci_low", "alpha_ci_high",
                                            "n_docs", "n_codes", "share", "note"])  # fmt: skip
    wide = sets.map(lambda s: ";".join(sorted(s))).unstack("coder")
    kappas = []
    for a, b in combinations(coders, 2):
        both = wide[[a, b]].dropna() if a in wide and b in wide else pd.DataFrame(columns=[a, b])
        if len(both) >= 2 and both.stack().nunique() > 1:
            k = float(cohen_kappa_score(both[a], both[b]))
        else:
            k = float("nan")
        agree = float((both[a] == both[b]).mean()) if len(both) else float("nan")
        kappas.append(
            {"coder_1": a, "coder_2": b, "kappa": k, "agreement": agree, "n_docs": len(both)}
        )
    kappa = pd.DataFrame(kappas, columns=["coder_1", "coder_2", "kappa", "agreement", "n_docs"])
    n_distinct = wide.apply(lambda r: r.dropna().nunique(), axis=1)
    dis = wide[n_distinct > 1].reset_index()
    dis.columns.name = None
    dis["n_coders"] = dis[coders].notna().sum(axis=1) if len(dis) else pd.Series(dtype=int)
    notes = []
    single = int((n_coders_doc < 2).sum())
    if single:
        notes.append(f"{single} article(s) coded by one coder only were left out.")
    if np.isnan(alpha) and len(pairable):
        notes.append("Alpha is undefined: every pairable code has the same value, so the "
                     "coders never had a chance to disagree.")  # fmt: skip
    return ReliabilityResult(
        alpha=alpha,
        per_frame=per_frame,
        kappa=kappa,
        disagreements=dis,
        n_docs=len(pairable),
        n_coders=len(coders),
        agreement=float((n_distinct == 1).mean()) if len(n_distinct) else float("nan"),
        notes=notes,
        alpha_ci_low=a_lo,
        alpha_ci_high=a_hi,
        ci=ci,
    )
