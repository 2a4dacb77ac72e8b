"""Same story, different frames: wire copies, story clusters, selection versus framing.

Outlet comparisons mix *which* stories an outlet covers (selection) with *how* it covers
them (framing), and syndication counts one wire text once per outlet that ran it. This
subpackage separates them:

- :mod:`framing.stories._minhash`: word shingles (:func:`shingle_hashes`), MinHash signatures identical to
  datasketch's, LSH banding with datasketch's band parameters (Broder 1997; Leskovec,
  Rajaraman & Ullman 2020, ch. 3);
- :mod:`framing.stories._dedup`: :func:`find_duplicates` (near-duplicate clusters, their
  source - wires first - and what each copy shares with it), :func:`sign_articles` (its
  shingling and signing, for chunks signed elsewhere, e.g. on Dask workers),
  :func:`reprints_by_outlet`;
- :mod:`framing.stories._policy`: the ``duplicates=`` policy of every comparison
  (:func:`apply_duplicates`, :func:`duplicates_note`);
- :mod:`framing.stories._clusters`: :func:`story_clusters` and :func:`story_vectors` (TF-IDF cosine of headline and
  lead in sliding date windows, mutual nearest neighbours; Allan et al. 1998);
- :mod:`framing.stories._compare`: :func:`story_coverage` (selection), :func:`story_sides` (the two
  sides of a contrast from a study's names) and :func:`within_stories` (framing within shared stories beside the pooled difference,
  intervals clustered by story);
- :mod:`framing.stories._tasks`: the file-level tasks behind ``framing stories dedup``
  and ``framing stories cluster``.

Sources are cited in each module's docstring; validation and speed are in
bench/RESULTS.md.
"""

from framing.stories._clusters import CLUSTER_DEFAULTS, story_clusters, story_vectors
from framing.stories._compare import story_coverage, story_sides, within_stories
from framing.stories._dedup import (
    DEDUP_DEFAULTS,
    SignedArticles,
    find_duplicates,
    reprints_by_outlet,
    sign_articles,
)
from framing.stories._minhash import shingle_hashes
from framing.stories._policy import DUPLICATE_POLICIES, apply_duplicates, duplicates_note
from framing.stories._tasks import cluster_file, dedup_file, read_stories_table, stories_dir

__all__ = [
    "DEDUP_DEFAULTS",
    "CLUSTER_DEFAULTS",
    "DUPLICATE_POLICIES",
    "find_duplicates",
    "sign_articles",
    "SignedArticles",
    "shingle_hashes",
    "reprints_by_outlet",
    "apply_duplicates",
    "duplicates_note",
    "story_clusters",
    "story_vectors",
    "story_coverage",
    "story_sides",
    "within_stories",
    "dedup_file",
    "cluster_file",
    "stories_dir",
    "read_stories_table",
]
