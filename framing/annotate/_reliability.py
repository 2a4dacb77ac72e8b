"""Inter-coder reliability of hand codes (private module; see :mod:`framing.annotate`).

Holds :class:`ReliabilityResult` and :func:`reliability`: Krippendorff's alpha (overall
and per frame), pairwise Cohen's kappa and the disagreements of an annotation table
``doc_id, coder, frame``. Its public names are reached through :mod:`framing.annotate`
(``from framing.annotate import reliability``).

References
----------
Krippendorff, K. (2004). *Content analysis: An introduction to its methodology*
(2nd ed.). Sage (alpha, nominal metric, pairable values only).
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from framing._shared.checks import require_columns
from framing.annotate._codes import CODE_COLUMNS

__all__ = ["ReliabilityResult", "reliability"]


@dataclass
class ReliabilityResult:
    """Inter-coder reliability of an annotation table (see :func:`reliability`).

    Attributes
    ----------
    alpha : float
        Krippendorff's alpha, nominal, over each coder's label of each article (for
        multi-label codes the label is the set of frames).
    per_frame : pandas.DataFrame
        ``frame, alpha, n_docs, n_codes, share``: alpha of binary presence coding.
    kappa : pandas.DataFrame
        ``coder_1, coder_2, kappa, agreement, n_docs`` for every pair of coders.
    disagreements : pandas.DataFrame
        ``doc_id``, one column per coder (frames joined by ``;``), ``n_coders``.
    n_docs, n_coders : int
        Articles with at least two coders, and coders.
    """

    alpha: float
    per_frame: pd.DataFrame
    kappa: pd.DataFrame
    disagreements: pd.DataFrame
    n_docs: int
    n_coders: int
    agreement: float = float("nan")
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"ReliabilityResult(alpha={self.alpha:.3f}, n_docs={self.n_docs}, "
            f"n_coders={self.n_coders}, disagreements={len(self.disagreements)})"
        )

    @property
    def overall(self) -> pd.DataFrame:
        """One row: ``alpha, agreement, n_docs, n_coders, n_disagreements``."""
        return pd.DataFrame(
            {
                "alpha": [self.alpha],
                "agreement": [self.agreement],
                "n_docs": [self.n_docs],
                "n_coders": [self.n_coders],
                "n_disagreements": [len(self.disagreements)],
            }
        )

    def summary(self) -> str:
        """A plain-text report (used by ``framing classify reliability``)."""
        lines = [
            f"Krippendorff's alpha (nominal): {self.alpha:.3f} over {self.n_docs} articles, "
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


def krippendorff_alpha(triples: list[tuple]) -> float:
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance

    if not triples:
        return float("nan")
    try:
        return float(AnnotationTask(data=triples, distance=binary_distance).alpha())
    except (ValueError, ZeroDivisionError):
        return float("nan")


def _label_sets(annotations: pd.DataFrame) -> pd.Series:
    return annotations.groupby(["doc_id", "coder"], sort=True)["frame"].agg(lambda s: frozenset(s))


def reliability(annotations: pd.DataFrame) -> ReliabilityResult:
    """Krippendorff's alpha, per-frame alpha, pairwise kappa and disagreements.

    Parameters
    ----------
    annotations : pandas.DataFrame
        ``doc_id, coder, frame`` (from :func:`~framing.annotate.load_annotations`). Articles coded by a
        single coder are not pairable and are left out of every coefficient.

    Returns
    -------
    ReliabilityResult

    Notes
    -----
    Alpha is computed by :class:`nltk.metrics.agreement.AnnotationTask` with the
    nominal (binary) distance; it handles any number of coders and missing codes.
    Per-frame alpha codes each (article, coder) 1 when the coder gave the frame, else
    0. Kappa (Cohen 1960) uses the articles both coders coded.

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
    triples = [(c, d, lab) for (d, c), lab in sets.items()]
    alpha = krippendorff_alpha(triples)
    rows = []
    for f in sorted(annotations["frame"].unique()):
        t = [(c, d, int(f in lab)) for (d, c), lab in sets.items()]
        n_codes = sum(v for *_, v in t)
        rows.append(
            {
                "frame": f,
                "alpha": krippendorff_alpha(t),
                "n_docs": len(pairable),
                "n_codes": n_codes,
                "share": n_codes / len(t) if t else float("nan"),
            }
        )
    per_frame = pd.DataFrame(rows, columns=["frame", "alpha", "n_docs", "n_codes", "share"])
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
    return ReliabilityResult(
        alpha=alpha,
        per_frame=per_frame,
        kappa=kappa,
        disagreements=dis,
        n_docs=len(pairable),
        n_coders=len(coders),
        agreement=float((n_distinct == 1).mean()) if len(n_distinct) else float("nan"),
        notes=notes,
    )
