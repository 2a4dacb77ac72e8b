"""The article table: schema, loading, validation, normalisation, outlet metadata.

An article table has one row per article and the columns

========== ============================ ==========================================
column     type                         meaning
========== ============================ ==========================================
doc_id     str, unique                  the article's id
outlet     str                          canonical outlet name (``outlets.yaml``)
date       datetime64[ns, UTC], NaT ok  publication time, in UTC
title      str (may be empty)           headline
text       str, not empty               body, normalised (see below)
url        str or missing               where it was published
lang       str, default ``"en"``        language code
========== ============================ ==========================================

Further columns of the source are kept as metadata (e.g. ``topic``). When an
``outlets.yaml`` is used, ``outlet_type``, ``outlet_country`` and ``outlet_lean`` follow.

Normalisation (applied by :func:`validate`, hence by every loader):

* every string is Unicode NFC;
* ``text``: line ends become ``\n``; tabs, no-break and other Unicode spaces become a
  space; runs of spaces collapse; spaces around line breaks go; three or more line
  breaks become one paragraph break ``\n\n``; leading and trailing space is stripped;
* ``title`` and ``outlet``: every whitespace run becomes one space, stripped;
* ``date``: parsed to a timezone-aware UTC timestamp (:mod:`framing._shared.dates`).
  Accepted: ISO 8601 (``2025-07-10``, ``2025-07-10T14:30:00Z``), month names
  (``10 July 2025``, ``July 10, 2025``, ``Jul. 10, 2025 10:00 AM EST``), ``10.07.2025``,
  ``2025/07/10``, US month/day/year (``7/10/2025``, ``7/10/25``; day first with
  ``dayfirst``), RFC 2822 and epoch seconds, plus any ``date_format`` given.
  **A date without a time zone is taken to be UTC.** An empty date is allowed (NaT);
  a date outside the years 1678-2261 (``datetime64[ns]``; e.g. the placeholder
  ``0001-11-30``) is kept as NaT and listed in the warnings; an unreadable one is an
  error in strict mode and, in lenient mode, NaT with a warning (unless
  ``require_date``); numeric dates that read both ways get one warning per file;
* ``url`` empty becomes missing; ``lang`` missing becomes ``"en"``, lower-cased.

Mojibake (UTF-8 text decoded as cp1252 and re-encoded, e.g. ``"â€™"`` for ``"’"``)
in valid UTF-8 is **not** an error: such articles are kept and listed in
``ValidationResult.warnings``; ``fix_mojibake=True`` repairs them (the repair is listed
too). Bytes that are not valid in the file's encoding are an error naming the line and
byte offset (pass ``encoding="cp1252"`` for a Windows-1252 file).

Rooms
-----
- ``_load``: reading: :func:`iter_corpus`, :func:`read_corpus`, :func:`load_corpus`,
  :func:`corpus_source`
- ``_readers``: JSONL, CSV and Parquet readers in chunks; corpus folders; writers of corpus files
- ``_encodings``: UTF-8/UTF-16/UTF-32 and legacy encodings, transcoded block by block
- ``_validate``: the schema and the checks of every record (:func:`validate`)
- ``_normalise``: text, title and date normalisation, mojibake, derived ids
- ``_hash``: :func:`corpus_hash`, :func:`row_digests`, :func:`combine_digests`
- ``_outlets``: ``outlets.yaml``, :func:`apply_outlets` and the one alias resolver
- ``_write``: :func:`save_corpus`, :func:`import_corpus`
- ``_dataset``: partitioned corpora (a folder of Parquet parts by year or month) and
  :func:`corpus_partitions`, the slices one worker reads (:class:`CorpusPartition`)
- ``_repartition``: :func:`repartition_corpus` (one file <-> partitioned)
- ``_stage``: atomic corpus writes (stage beside the old corpus, commit once)
- ``_subset``: :func:`subset` by outlets and dates
- ``_boilerplate``: :func:`find_boilerplate`, :func:`remove_boilerplate`: an outlet's
  repeated captions and footers
- ``_summary``: :func:`corpus_summary`, :func:`describe_texts` and the text reports of the CLI
"""

from framing.corpus._boilerplate import find_boilerplate, remove_boilerplate
from framing.corpus._dataset import PARTITION_BY, CorpusPartition, corpus_partitions
from framing.corpus._hash import combine_digests, corpus_hash, row_digests
from framing.corpus._load import corpus_source, iter_corpus, load_corpus, read_corpus
from framing.corpus._outlets import (
    OUTLET_TYPES,
    apply_outlets,
    load_outlets,
    outlet_key,
    outlet_resolver,
)
from framing.corpus._repartition import repartition_corpus
from framing.corpus._subset import subset
from framing.corpus._summary import (
    TEXT_COLUMNS,
    corpus_summary,
    describe_texts,
    format_summary,
    format_validation,
)
from framing.corpus._validate import COLUMNS, ValidationResult, validate
from framing.corpus._write import import_corpus, save_corpus
from framing.paths import project_root, resolve_path

__all__ = [
    "COLUMNS",
    "OUTLET_TYPES",
    "ValidationResult",
    "validate",
    "load_corpus",
    "read_corpus",
    "iter_corpus",
    "corpus_source",
    "save_corpus",
    "import_corpus",
    "corpus_hash",
    "row_digests",
    "combine_digests",
    "load_outlets",
    "apply_outlets",
    "outlet_key",
    "outlet_resolver",
    "corpus_summary",
    "describe_texts",
    "TEXT_COLUMNS",
    "format_summary",
    "format_validation",
    "project_root",
    "resolve_path",
    "subset",
    "find_boilerplate",
    "remove_boilerplate",
    "PARTITION_BY",
    "CorpusPartition",
    "corpus_partitions",
    "repartition_corpus",
]
