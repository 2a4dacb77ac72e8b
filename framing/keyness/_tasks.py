"""The file-level task behind ``framing keyness``: load a corpus, compute keyness, write the table."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from framing._shared.atomic import table_format, write_table
from framing.keyness._keyness import keyness

__all__ = ["keyness_file"]

_FORMATS = (".csv", ".parquet")


def keyness_file(
    path,
    *,
    target,
    reference=None,
    out=None,
    mapping: Mapping[str, str] | None = None,
    boilerplate: bool = True,
    **options,
) -> pd.DataFrame:
    """Load a corpus, compute :func:`keyness`, and optionally write the table.

    The one call behind ``framing keyness``.

    Parameters
    ----------
    path : str or Path
        Corpus folder or file, read with :func:`framing.corpus.load_corpus`.
    target, reference
        As in :func:`keyness`.
    out : str or Path, optional
        Write the table to this ``.csv`` or ``.parquet`` file.
    mapping : mapping, optional
        Canonical column -> source field, passed to ``load_corpus``.
    boilerplate : bool, default True
        Remove each outlet's boilerplate lines first (captions, newsletter and copyright
        footers: :func:`framing.corpus.remove_boilerplate`), which would otherwise top
        the list of an outlet's distinctive terms.
    **options
        Further keyword arguments of :func:`keyness` (``group``, ``measure``,
        ``ngram_range``, ``min_count``, ...).

    Returns
    -------
    pandas.DataFrame
        The keyness table.

    Raises
    ------
    framing.errors.OutputError
        ``out`` is neither ``.csv`` nor ``.parquet``.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = [("1", "A", "peace talks resume"), ("2", "B", "tariffs hit trade")]
    >>> _ = (folder / "articles.jsonl").write_text("".join(
    ...     json.dumps({"doc_id": i, "outlet": o, "title": "", "text": t}) + "\\n" for i, o, t in rows))
    >>> k = keyness_file(folder / "articles.jsonl", target="A", min_count=1)
    >>> sorted(k.loc[k.n_target > 0, "term"])
    ['peace', 'resume', 'talks']
    """
    from framing.corpus import load_corpus, remove_boilerplate

    if out is not None:
        table_format(out, where="keyness_file", allowed=_FORMATS)
    corpus = load_corpus(path, mapping=mapping)
    if boilerplate:
        corpus = remove_boilerplate(corpus)
    table = keyness(corpus, target=target, reference=reference, **options)
    if out is not None:
        write_table(table, out, where="keyness_file", allowed=_FORMATS)
    return table
