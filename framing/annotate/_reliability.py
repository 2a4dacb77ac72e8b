"""Inter-coder reliability of hand codes (private module; see :mod:`framing.annotate`).

Holds :class:`ReliabilityResult`, :func:`reliability` (Krippendorff's alpha, overall
and per frame, pairwise Cohen's kappa and the disagreements of an annotation table
``doc_id, coder, frame``) and :func:`krippendorff_alpha` (alpha of any coding, at the
nominal, ordinal, interval or ratio level). Its public names are reached through :mod:`framing.annotate`
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
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, University of Pennsylvania (ordinal, interval and ratio metrics).
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

__all__ = ["ReliabilityResult", "krippendorff_alpha", "reliability"]


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


def coincidences(sets: pd.Series, numeric: bool = False) -> tuple[np.ndarray, list]:
    """Per-article coincidence contributions (articles x values^2) and the values.

    ``sets`` holds one code per (doc_id, coder); articles with fewer than two codes
    add nothing (they are not pairable). ``numeric``: the values are numbers, sorted
    ascending (ordinal, interval and ratio metrics).
    """
    docs = sets.index.get_level_values("doc_id")
    values = sorted(set(sets)) if numeric else sorted(set(sets), key=repr)
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


METRICS = ("nominal", "ordinal", "interval", "ratio")


def differences(values: np.ndarray, n_c: np.ndarray, metric: str) -> np.ndarray:
    """Squared differences ``delta^2`` between the values (Krippendorff 2011), per row of
    ``n_c`` (the values' totals in the coincidence matrix: the ordinal metric needs them).

    ``values`` are numbers in ascending order for every metric but ``nominal``. Nominal:
    1 where the values differ; ordinal: ``(sum_{g=c..k} n_g - (n_c + n_k) / 2)^2``;
    interval: ``(c - k)^2``; ratio: ``((c - k) / (c + k))^2``.
    """
    k = len(values)
    if metric == "nominal":
        return np.broadcast_to(1.0 - np.eye(k), (len(n_c), k, k))
    v = np.asarray(values, float)
    if metric == "interval":
        return np.broadcast_to((v[:, None] - v[None, :]) ** 2, (len(n_c), k, k))
    if metric == "ratio":
        total = v[:, None] + v[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.where(total != 0, (v[:, None] - v[None, :]) / total, 0.0)
        return np.broadcast_to(d**2, (len(n_c), k, k))
    cum = np.cumsum(n_c, axis=1)  # ordinal: ranks of the values, weighted by their totals
    lo, hi = (
        np.minimum.outer(np.arange(k), np.arange(k)),
        np.maximum.outer(np.arange(k), np.arange(k)),
    )
    between = cum[:, hi] - cum[:, lo] + n_c[:, lo]
    return (between - (n_c[:, :, None] + n_c[:, None, :]) / 2) ** 2


def alpha_from(o: np.ndarray, k: int, values=None, metric: str = "nominal") -> np.ndarray:
    """Alpha from coincidence matrices (rows: flattened k x k); NaN if undefined.

    ``alpha = 1 - (n - 1) sum o_ck delta_ck / sum n_c n_k delta_ck`` (Krippendorff 2011).
    """
    o = o.reshape(-1, k, k)
    n_c = o.sum(axis=2)
    n = n_c.sum(axis=1)
    if metric == "nominal":  # the closed form: exact and fast
        observed = n - np.trace(o, axis1=1, axis2=2)
        expected = n**2 - (n_c**2).sum(axis=1)
    else:
        d = differences(values, n_c, metric)
        observed = (o * d).sum(axis=(1, 2))
        expected = (n_c[:, :, None] * n_c[:, None, :] * d).sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = 1 - (n - 1) * observed / expected
    return np.where((expected > 1e-12) & (n > 1), alpha, np.nan)


def alpha_with_interval(
    sets: pd.Series, *, n_boot: int, ci: float, rng, metric: str = "nominal"
) -> tuple[float, float, float]:
    """Alpha and its bootstrap interval over articles (NaN where undefined)."""
    o, values = coincidences(sets, numeric=metric != "nominal")
    k = len(values)
    if not len(o) or k == 0:
        return np.nan, np.nan, np.nan
    alpha = float(alpha_from(o.sum(axis=0)[None, :], k, values, metric)[0])
    if np.isnan(alpha) or n_boot < 1:
        return alpha, np.nan, np.nan
    reps = np.concatenate(
        [alpha_from(w @ o, k, values, metric) for w in resample_weights(rng, len(o), n_boot)]
    )
    lo, hi = quantile_interval(reps, ci)
    return alpha, lo, hi


def krippendorff_alpha(
    codes: pd.DataFrame,
    *,
    metric: str = "nominal",
    unit: str = "doc_id",
    coder: str = "coder",
    value: str = "value",
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int | None = 0,
) -> pd.Series:
    """Krippendorff's alpha of any coding, at any level of measurement, with an interval.

    :func:`reliability` reports alpha of frame codes (nominal); this function takes
    any codes - a tone scale, a count, a yes/no judgement - one row per (unit, coder).

    Parameters
    ----------
    codes : pandas.DataFrame
        One row per code: the coded unit (``unit``), who coded it (``coder``) and the
        code (``value``). Missing codes (NaN) are left out; units with fewer than two
        codes are not pairable and add nothing.
    metric : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        The level of measurement, i.e. the difference function (Krippendorff 2011).
        Every metric but ``nominal`` needs numeric codes; ``ratio`` non-negative ones.
    unit, coder, value : str
        Column names.
    n_boot : int, default 1000
        Bootstrap resamples of units for the interval (0: none); the units are resampled
        with their codes, as in :func:`reliability`.
    ci : float, default 0.95
    seed : int or None, default 0

    Returns
    -------
    pandas.Series
        ``alpha, ci_low, ci_high, metric, n_units`` (pairable units), ``n_codes``
        (pairable codes), ``note`` (why alpha is NaN, when it is: no pairable unit, or
        every pairable code equal, so the coders never had a chance to disagree).

    Raises
    ------
    ColumnsError
        A column is missing.
    AnnotationError
        An unknown metric, or a non-numeric (or, for ``ratio``, negative) code where the
        metric needs numbers; the message names the row.

    Notes
    -----
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
    for Communication, University of Pennsylvania (the coincidence matrix and the
    difference functions). Checked against the ``krippendorff`` package (Castro 2017) on
    random data for every metric, and against the worked example of Krippendorff (2011).

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": ["1", "1", "2", "2", "3", "3"],
    ...                       "coder": ["x", "y"] * 3, "value": [1, 1, 3, 2, 5, 5]})
    >>> r = krippendorff_alpha(codes, metric="interval", n_boot=0)
    >>> round(r["alpha"], 3), r["n_units"]
    (0.95, 3)
    >>> round(krippendorff_alpha(codes, n_boot=0)["alpha"], 3)  # nominal: 3 and 2 differ
    0.615
    """
    from framing.errors import AnnotationError

    require_columns(codes, [unit, coder, value], where="krippendorff_alpha")
    if metric not in METRICS:
        raise AnnotationError(
            f"krippendorff_alpha: unknown metric {metric!r}; use one of {', '.join(METRICS)}",
            field="metric", value=metric,
        )  # fmt: skip
    table = codes[[unit, coder, value]].dropna(subset=[value])
    values = table[value]
    if metric != "nominal":
        numbers = pd.to_numeric(values, errors="coerce")
        bad = numbers.isna() | ((numbers < 0) if metric == "ratio" else False)
        if bad.any():
            row = bad.idxmax()
            need = "a non-negative number" if metric == "ratio" else "a number"
            raise AnnotationError(
                f"krippendorff_alpha: row {row!r}, column {value!r}: found "
                f"{values.loc[row]!r}, the {metric} metric needs {need}; recode the values "
                "or use metric='nominal'",
                row=row, field=value, value=values.loc[row],
            )  # fmt: skip
        values = numbers.astype(float)
    sets = pd.Series(values.to_numpy(), index=pd.MultiIndex.from_arrays(
        [table[unit].astype(str), table[coder].astype(str)], names=["doc_id", "coder"]))  # fmt: skip
    per_unit = sets.groupby(level="doc_id").size()
    pairable = per_unit.index[per_unit >= 2]
    sets = sets[sets.index.get_level_values("doc_id").isin(pairable)]
    alpha, lo, hi = alpha_with_interval(
        sets, n_boot=n_boot, ci=ci, rng=np.random.default_rng(seed), metric=metric
    )
    note = ""
    if not len(pairable):
        note = "undefined: no unit has two or more codes"
    elif np.isnan(alpha):
        note = "undefined: every pairable code has the same value"
    return pd.Series({"alpha": alpha, "ci_low": lo, "ci_high": hi, "metric": metric,
                      "n_units": len(pairable), "n_codes": len(sets), "note": note})  # fmt: skip


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
