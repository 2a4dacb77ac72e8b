"""Agreement between dictionary codes and classifier codes, per frame (private).

Re-exported as :func:`framing.classify.lexicon_agreement`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing._shared.checks import require_columns


def lexicon_agreement(
    lexicon_scores: pd.DataFrame,
    predictions: pd.DataFrame,
    frames: Sequence[str],
) -> pd.DataFrame:
    """Per frame, how often the dictionary and the classifier code an article alike.

    For each frame and article two 0/1 codes are compared: *lexicon* (the dictionary
    finds at least one of the frame's words, column ``<frame>_any``) and *classifier*
    (the classifier's primary frame is this frame). Raw agreement is the share of
    articles where the two codes are equal; the phi coefficient is their Pearson
    correlation (Cramér 1946, ch. 21.3), 0 for no association. High raw agreement
    with phi near 0 means both codes are mostly "no".

    Parameters
    ----------
    lexicon_scores : pandas.DataFrame
        ``doc_id`` and ``<frame>_any`` for every frame (output of
        :func:`framing.lexicon.score`).
    predictions : pandas.DataFrame
        ``doc_id`` and ``predicted`` (the classifier's primary frame per article).
    frames : sequence of str
        Frames to compare (each a lexicon category and a classifier class).

    Returns
    -------
    pandas.DataFrame
        One row per frame: ``frame``, ``raw_agreement``, ``phi`` (NaN when either code
        is constant), ``lexicon_share``, ``classifier_share``, ``n_docs`` (articles in
        both tables).

    Raises
    ------
    ColumnsError
        A needed column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> lex = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
    ...                     "peace_any": [1, 1, 0, 0], "blame_any": [0, 1, 1, 0]})
    >>> pred = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
    ...                      "predicted": ["peace", "blame", "blame", "peace"]})
    >>> lexicon_agreement(lex, pred, ["peace", "blame"])[["frame", "raw_agreement", "phi"]]
       frame  raw_agreement  phi
    0  peace            0.5  0.0
    1  blame            1.0  1.0
    """
    frames = list(frames)
    flags = [f"{f}_any" for f in frames]
    require_columns(
        lexicon_scores,
        ["doc_id", *flags],
        where="lexicon_agreement",
        hint="Pass the output of framing.lexicon.score for the same lexicon.",
    )
    require_columns(predictions, ["doc_id", "predicted"], where="lexicon_agreement")
    both = lexicon_scores[["doc_id", *flags]].merge(
        predictions[["doc_id", "predicted"]], on="doc_id"
    )
    rows = []
    for frame, flag in zip(frames, flags, strict=True):
        lex = both[flag].to_numpy(dtype=float) > 0
        clf = (both["predicted"] == frame).to_numpy()
        constant = lex.all() or (~lex).all() or clf.all() or (~clf).all()
        phi = np.nan if constant or len(both) < 2 else float(np.corrcoef(lex, clf)[0, 1])
        rows.append(
            {
                "frame": frame,
                "raw_agreement": float(np.mean(lex == clf)) if len(both) else np.nan,
                "phi": phi,
                "lexicon_share": float(lex.mean()) if len(both) else np.nan,
                "classifier_share": float(clf.mean()) if len(both) else np.nan,
                "n_docs": len(both),
            }
        )
    return pd.DataFrame(rows)
