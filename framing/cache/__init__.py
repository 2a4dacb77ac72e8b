"""On-disk cache of derived feature tables, keyed by content hashes.

Re-running a report after editing a notebook should not re-score the corpus. Feature
functions (sentiment, lexicon scores, ...) therefore wrap their computation in one of
two helpers:

- :func:`cached` stores a whole result table as Parquet under
  ``<cache_dir>/<kind>/<key>.parquet``, where ``key`` is the SHA-256 of a canonical JSON
  of everything the result depends on (a hash of the input texts, a hash of the
  lexicon, the parameters and the feature's own version number);
- :func:`cached_rows` stores rows *per item* (e.g. per :func:`text_hash` of an
  article) under ``<cache_dir>/<kind>/<key>.rows/``, so a sub-corpus or a corpus with
  a few new articles reuses what was computed before and computes only the rest.

Same inputs, same key, same file; any change in an input gives a new key, so stale
entries are never read (they are merely left behind until :func:`clear_cache`).

What the cache holds, and what it never holds
---------------------------------------------
Only *derived* tables (scores per document or sentence, the lexicon file VADER needs)
are written. Raw corpora are never copied into the cache; the key is computed from a
hash of the texts, not from the texts. Sentence-level tables contain the sentence
text, which is derived from the corpus; treat the cache folder with the same care as
the corpus it was computed from. The whole folder can be deleted at any time: every
entry is rebuilt from the corpus and the code on the next run.

Location: ``$FRAMING_CACHE`` when set, otherwise ``./.framing-cache`` (relative to the
working directory; the project's ``.gitignore`` lists it).

Concurrency and damage
----------------------
Entries are written to a temporary file in the same folder and moved into place with
:func:`os.replace`, which is atomic on POSIX and Windows. Two processes computing the
same key both compute, and the last rename wins; both files hold the same table, and
a reader never sees a half-written file. Every Parquet page of an entry carries a
CRC-32, verified on read, so a flipped byte is detected instead of read as another
value. A file that cannot be read (truncated, corrupted, failing its checksums, written
by an incompatible version, or stored under a different key) is not trusted: it is
deleted, a warning is logged, and the table is recomputed. A cache folder that cannot
be written (read-only, a file, vanished) means no cache: everything is computed, with a
warning.

Rooms
-----
- ``_keys``: where the cache lives, content keys, text and table hashes, file layout
- ``_tables``: :func:`cached` whole tables, :func:`clear_cache`
- ``_rows``: :func:`cached_rows` rows per item (per text hash)
"""

from framing.cache._keys import (
    CACHE_ENV,
    CACHE_FORMAT,
    cache_dir,
    content_key,
    table_hash,
    text_hash,
)
from framing.cache._rows import cached_rows
from framing.cache._tables import cache_path, cached, clear_cache

__all__ = [
    "CACHE_ENV",
    "CACHE_FORMAT",
    "cache_dir",
    "content_key",
    "text_hash",
    "table_hash",
    "cache_path",
    "cached",
    "cached_rows",
    "clear_cache",
]
