"""What a comparison does with near-duplicates: the ``duplicates=`` policy.

- ``"keep"``: every article counts once (a wire story run by ten outlets counts ten
  times, once for each);
- ``"first"``: one article per near-duplicate cluster, its source (the earliest wire
  member, else the earliest), so each text counts once;
- ``"drop_reprints"``: copies of another outlet's text are removed (each outlet is
  measured on what it did not take from others), copies within the source's own outlet
  are kept;
- ``"weight"``: every member of a cluster of ``m`` articles gets weight ``1 / m``, so a
  cluster counts once in total, shared by the outlets that ran it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns
from framing.errors import StoriesError

__all__ = ["DUPLICATE_POLICIES", "apply_duplicates", "duplicates_note"]

DUPLICATE_POLICIES = ("keep", "first", "drop_reprints", "weight")

_NOTES = {
    "keep": "near-duplicate texts (wire copies) kept: each copy counts for the outlet that ran it",
    "first": "near-duplicate texts counted once: only the source of each cluster kept",
    "drop_reprints": "reprints of another outlet's text removed (same-outlet copies kept)",
    "weight": "near-duplicate texts weighted 1/cluster size, so each cluster counts once",
}


def check_policy(policy, where: str) -> str:
    if policy not in DUPLICATE_POLICIES:
        raise StoriesError(
            f"{where}: duplicates={policy!r} is not a policy; use one of "
            f"{', '.join(map(repr, DUPLICATE_POLICIES))}.",
            field="duplicates",
            value=policy,
        )
    return policy


def duplicates_note(policy: str, counts: dict | None = None) -> str:
    """One sentence for a caption saying how near-duplicates were handled.

    Examples
    --------
    >>> duplicates_note("first", {"n_dropped": 3})
    'Near-duplicates: near-duplicate texts counted once: only the source of each cluster kept (3 articles dropped).'
    """
    check_policy(policy, "duplicates_note")
    text = f"Near-duplicates: {_NOTES[policy]}"
    if counts and counts.get("n_dropped"):
        text += f" ({counts['n_dropped']} articles dropped)"
    return text + "."


def apply_duplicates(articles: pd.DataFrame, duplicates: pd.DataFrame | None, policy: str = "keep"):
    """Apply a near-duplicate policy to a per-article table.

    Parameters
    ----------
    articles : pandas.DataFrame
        Any per-article table with ``doc_id`` (articles, scores, ...).
    duplicates : pandas.DataFrame or None
        :func:`find_duplicates` output (``doc_id``, ``dup_id``, ``n_members``, ``role``).
        None is allowed only with ``policy="keep"``.
    policy : {"keep", "first", "drop_reprints", "weight"}
        See the module docstring.

    Returns
    -------
    pandas.DataFrame
        The rows kept, in input order, with a ``weight`` column (1, or ``1 / n_members``
        for cluster members under ``"weight"``). ``attrs["duplicates"]`` records the
        policy, ``n_read``, ``n_kept``, ``n_dropped`` and the caption ``note``.

    Raises
    ------
    StoriesError
        Unknown policy, or no duplicates table for a policy that needs one.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["w", "p", "q"], "x": [1.0, 2.0, 3.0]})
    >>> d = pd.DataFrame({"doc_id": ["w", "p"], "dup_id": ["d1", "d1"], "n_members": [2, 2],
    ...                   "role": ["source", "reprint"]})
    >>> apply_duplicates(a, d, "first")["doc_id"].tolist()
    ['w', 'q']
    >>> apply_duplicates(a, d, "weight")["weight"].tolist()
    [0.5, 0.5, 1.0]
    """
    where = "apply_duplicates"
    check_policy(policy, where)
    require_columns(articles, ["doc_id"], where=where)
    if duplicates is None:
        if policy != "keep":
            raise StoriesError(
                f"{where}: duplicates={policy!r} needs the near-duplicate table; pass "
                "dups=find_duplicates(corpus) (or framing stories dedup CORPUS).",
                field="duplicates",
                value=policy,
            )
        duplicates = pd.DataFrame(columns=["doc_id", "dup_id", "n_members", "role"])
    require_columns(duplicates, ["doc_id", "dup_id", "n_members", "role"], where=where,
                    hint="Pass the table of find_duplicates().")  # fmt: skip
    ids = articles["doc_id"].astype(str)
    role = ids.map(duplicates.set_index(duplicates["doc_id"].astype(str))["role"])
    size = ids.map(duplicates.set_index(duplicates["doc_id"].astype(str))["n_members"])
    keep = np.ones(len(articles), dtype=bool)
    if policy == "first":
        keep = ~role.isin(["reprint", "copy"]).to_numpy()
    elif policy == "drop_reprints":
        keep = ~role.eq("reprint").to_numpy()
    out = articles[keep].copy()
    out["weight"] = 1.0
    if policy == "weight":
        out["weight"] = (1.0 / size[keep].astype(float)).fillna(1.0).to_numpy()
    counts = {"n_read": len(articles), "n_kept": int(keep.sum()), "n_dropped": int((~keep).sum())}
    out.attrs = dict(articles.attrs)
    out.attrs["duplicates"] = {"policy": policy, **counts, "note": duplicates_note(policy, counts)}
    return out
