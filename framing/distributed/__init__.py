"""Past one machine: the heavy steps over the partitions of a corpus on a Dask cluster.

Every step here runs the kit's in-process function on each partition of a corpus
(:func:`framing.corpus.corpus_partitions`: a row group of a Parquet file, so import
large corpora with ``framing corpus import --partition-by year``) and puts the pieces
back in corpus order. Its table is the one the in-process function gives on the whole
corpus (the tests check equality on a ``LocalCluster`` of worker processes); only where
the work runs changes:

* ``scheduler=None`` and no ``$FRAMING_SCHEDULER``: in this process, partition after
  partition (bounded memory);
* ``"local:N"``: N worker processes on this machine (``distributed.LocalCluster``,
  127.0.0.1 only);
* ``"tcp://host:8786"``: a running Dask scheduler (``dask scheduler`` on one machine,
  ``dask worker tcp://host:8786`` on the others), or ``"file:PATH"``, its scheduler file;
* ``"slurm:N"``, ``"pbs:N"``, ``"sge:N"``, ``"lsf:N"``: N workers in batch jobs
  (dask-jobqueue; the site's queue and memory from dask's ``jobqueue`` configuration),
  ``"ssh:HEAD,NODE1,..."``: ``distributed.SSHCluster``; :func:`make_cluster` builds
  these from options in Python.

Each partition is read and validated on the worker that runs it, so the driver never
holds the articles: it gets per-article feature tables back (scores, matches,
predictions), or only sufficient statistics (:func:`frame_shares`: articles and
articles with each frame, per outlet). Caching applies on the workers, per partition
(:mod:`framing.cache`, keyed by text hashes). A worker lost mid-run has its partitions
recomputed by Dask; results are kept per partition, so no row is lost or doubled. A
record that fails validation stops the run with a :class:`~framing.errors.CorpusError`
naming its part file and row, not a graph traceback.

Dask (Dask Development Team (2016). *Dask: Library for dynamic task scheduling*,
https://dask.org) schedules the work; dask-jobqueue (Henriksen, J. et al.) starts
workers through batch schedulers. The kit schedules nothing across machines itself.

Rooms
-----
- ``_client``: :func:`parse_scheduler`, :func:`get_client`, :class:`Scheduler`,
  :func:`client_for`
- ``_clusters``: :func:`cluster_options`, :func:`make_cluster` (SLURM/PBS/SGE/LSF, SSH,
  local)
- ``_run``: :func:`map_partitions`, :func:`partitions_of`
- ``_steps``: :func:`match_topics`, :func:`select_topics`, :func:`lexicon_scores`,
  :func:`vader_scores`, :func:`frame_predictions`
- ``_keyness``: :func:`keyness_counts` (term counts summed over partitions) and
  :func:`partitioned_keyness` (the :func:`framing.keyness.keyness` table, article-level
  tests included, from two passes: per-term sums, then per-article counts of the kept
  terms)
- ``_stories``: :func:`sign_partitions` (near-duplicates: texts signed on the workers,
  banded and clustered by :func:`framing.stories.find_duplicates` here; story clusters
  stay in one process, they need the whole TF-IDF matrix of headlines and leads)
- ``_shares``: :func:`frame_shares` (per-outlet shares from per-partition counts)
- ``_tasks``: the files behind ``--scheduler`` of ``framing lexicon score``,
  ``framing sentiment``, ``framing topics select`` and ``framing keyness``

The study's pass over its corpus (:func:`framing.study.corpus_catalogue`,
:func:`framing.study.topic_selection`) runs through :func:`map_partitions` too when a
scheduler is given, set, or named by the study file (``scheduler:``).
"""

from framing.distributed._client import ENV, Scheduler, client_for, get_client, parse_scheduler
from framing.distributed._clusters import CLUSTER_KINDS, cluster_options, make_cluster
from framing.distributed._keyness import keyness_counts, partitioned_keyness
from framing.distributed._run import map_partitions, partitions_of
from framing.distributed._shares import frame_shares
from framing.distributed._steps import (
    frame_predictions,
    lexicon_scores,
    match_topics,
    select_topics,
    vader_scores,
)
from framing.distributed._stories import sign_partitions

__all__ = [
    "ENV",
    "Scheduler",
    "parse_scheduler",
    "get_client",
    "client_for",
    "CLUSTER_KINDS",
    "cluster_options",
    "make_cluster",
    "map_partitions",
    "partitions_of",
    "match_topics",
    "select_topics",
    "lexicon_scores",
    "vader_scores",
    "keyness_counts",
    "partitioned_keyness",
    "frame_predictions",
    "frame_shares",
    "sign_partitions",
]
