"""Clusters people have: a batch scheduler (SLURM, PBS, SGE, LSF through dask-jobqueue),
a few servers over SSH (``distributed.SSHCluster``) or this machine (``LocalCluster``):
:func:`cluster_options` and :func:`make_cluster`.

dask-jobqueue starts the Dask scheduler in the process that makes the cluster (a login
node, or the batch job that runs the study) and submits one batch job per group of
workers; options not given here come from dask's configuration
(``~/.config/dask/jobqueue.yaml``, section ``jobqueue.<system>``), which is where a site
keeps its queue, account and memory defaults. SSHCluster starts the scheduler on the
first host and workers on the others over SSH (needs ``asyncssh`` and passwordless
keys). Every machine needs the same Python environment with the kit installed and the
corpus at the same path (a shared file system).
"""

from __future__ import annotations

from framing.errors import SchedulerError

__all__ = ["CLUSTER_KINDS", "cluster_options", "make_cluster"]

_JOBQUEUE = {
    "slurm": "SLURMCluster",
    "pbs": "PBSCluster",
    "sge": "SGECluster",
    "lsf": "LSFCluster",
}
#: What :func:`make_cluster` can start.
CLUSTER_KINDS = (*_JOBQUEUE, "ssh", "local")


def cluster_options(
    kind: str,
    *,
    cores: int | None = None,
    memory: str | None = None,
    walltime: str | None = None,
    queue: str | None = None,
    account: str | None = None,
    hosts=None,
    python: str | None = None,
    local_directory: str | None = None,
    setup=(),
    host: str | None = None,
    **extra,
) -> tuple[str, dict]:
    """The cluster class and keyword arguments :func:`make_cluster` would use.

    Nothing is started and nothing connects; use it to check a set-up.

    Parameters
    ----------
    kind : {"slurm", "pbs", "sge", "lsf", "ssh", "local"}
    cores : int, optional
        Worker processes per batch job (one thread each: the kit's steps are
        single-threaded Python); per SSH host; ignored for ``local``.
    memory : str, optional
        Memory per batch job (``"16GB"``) or per SSH worker.
    walltime, queue, account : str, optional
        Batch job limits (``queue`` is the partition on SLURM; ``account`` the
        project to charge).
    hosts : list of str, optional
        SSH: the scheduler's host first, then the worker hosts.
    python : str, optional
        The Python with the kit installed on the nodes (default: the one running).
    local_directory : str, optional
        Scratch space of the workers (node-local disk).
    setup : sequence of str
        Shell lines run before a batch job's workers start (``module load ...``,
        ``source .venv/bin/activate``).
    host : str, optional
        Address the scheduler listens on (default: the machine's; ``"127.0.0.1"``
        keeps a test on this machine).
    **extra
        Passed to the cluster class unchanged.

    Returns
    -------
    (str, dict)
        The dotted class name and its keyword arguments.

    Raises
    ------
    SchedulerError
        An unknown ``kind``, or SSH without hosts.

    Examples
    --------
    >>> cls, kw = cluster_options("slurm", cores=4, memory="16GB", queue="short",
    ...                           setup=["module load python"])
    >>> cls, kw["processes"], kw["queue"], kw["job_script_prologue"]
    ('dask_jobqueue.SLURMCluster', 4, 'short', ['module load python'])
    >>> cluster_options("ssh", hosts=["head", "node1", "node2"])[1]["hosts"]
    ['head', 'node1', 'node2']
    """
    kind = str(kind).lower()
    if kind in _JOBQUEUE:
        kw: dict = {}
        if cores is not None:
            kw.update(cores=int(cores), processes=int(cores))  # one thread per worker
        given = {"memory": memory, "walltime": walltime, "queue": queue, "account": account,
                 "python": python, "local_directory": local_directory}  # fmt: skip
        kw.update({k: v for k, v in given.items() if v is not None})
        if setup:
            kw["job_script_prologue"] = list(setup)
        if host is not None:
            kw["scheduler_options"] = {"host": host}
        kw.update(extra)
        return f"dask_jobqueue.{_JOBQUEUE[kind]}", kw
    if kind == "ssh":
        hosts = [hosts] if isinstance(hosts, str) else list(hosts or [])
        if len(hosts) < 2:
            raise SchedulerError(
                "an SSH cluster needs hosts: the scheduler's host first, then at least one "
                f"worker host (got {hosts}); e.g. ssh:head,node1,node2.",
                value=hosts,
            )
        worker = {"nthreads": 1, "n_workers": int(cores or 1)}
        if memory is not None:
            worker["memory_limit"] = memory
        if local_directory is not None:
            worker["local_directory"] = local_directory
        kw = {"hosts": hosts, "worker_options": worker,
              "scheduler_options": {"port": 8786, "dashboard_address": ":8787"}}  # fmt: skip
        if python is not None:
            kw["remote_python"] = python
        kw.update(extra)
        return "distributed.SSHCluster", kw
    if kind == "local":
        kw = {"threads_per_worker": 1, "processes": True, "host": host or "127.0.0.1",
              "dashboard_address": f"{host or '127.0.0.1'}:0"}  # fmt: skip
        if memory is not None:
            kw["memory_limit"] = memory
        kw.update(extra)
        return "distributed.LocalCluster", kw
    raise SchedulerError(
        f"unknown cluster kind {kind!r}; use one of {', '.join(CLUSTER_KINDS)}.", value=kind
    )


def make_cluster(kind: str, *, workers: int = 0, **options):
    """Start a Dask cluster of ``kind`` and ask for ``workers`` worker processes.

    Parameters
    ----------
    kind : {"slurm", "pbs", "sge", "lsf", "ssh", "local"}
    workers : int, default 0
        Worker processes to request: batch jobs are submitted for them (``cores``
        workers a job); SSH starts ``cores`` workers per host whatever this says; with
        0 nothing is submitted (scale later with ``cluster.scale(n)`` or
        ``cluster.adapt(maximum=n)``).
    **options
        See :func:`cluster_options`.

    Returns
    -------
    cluster
        A ``dask_jobqueue`` cluster, ``SSHCluster`` or ``LocalCluster``; connect with
        ``distributed.Client(cluster)`` and pass the client to the kit's steps
        (``client=``). Close it when done (``cluster.close()``): batch jobs end with it.

    Raises
    ------
    SchedulerError
        Unknown kind, its package missing (``pip install dask-jobqueue``, or
        ``asyncssh`` for SSH), or a batch system without ``cores`` and ``memory``
        (neither given nor in dask's ``jobqueue`` configuration).

    Examples
    --------
    A SLURM cluster of 50 workers in jobs of 10 (the job script can be read first with
    ``cluster.job_script()``)::

        cluster = make_cluster("slurm", workers=50, cores=10, memory="40GB",
                               walltime="02:00:00", queue="standard",
                               setup=["source ~/framing/.venv/bin/activate"])
        with Client(cluster) as client:
            scores = lexicon_scores("corpora/big", "news_frames", client=client)
        cluster.close()
    """
    import importlib

    path, kw = cluster_options(kind, **options)
    module, name = path.rsplit(".", 1)
    try:
        cls = getattr(importlib.import_module(module), name)
    except ImportError as exc:
        need = "dask-jobqueue" if module == "dask_jobqueue" else "distributed (and asyncssh)"
        raise SchedulerError(
            f'a {kind} cluster needs the package {need}: pip install -e ".[hpc]" ({exc}).',
            value=kind,
        ) from None
    if kind == "local":
        kw["n_workers"] = int(workers)
    if kind in _JOBQUEUE:  # checked before dask-jobqueue starts a scheduler it then leaks
        import dask

        unset = [k for k in ("cores", "memory")
                 if kw.get(k) is None and dask.config.get(f"jobqueue.{kind}.{k}", None) is None]  # fmt: skip
        if unset:
            raise SchedulerError(
                f"cannot build a {kind} cluster: {' and '.join(unset)} per job neither given "
                f"nor configured. Give them (make_cluster({kind!r}, cores=..., memory=...)) "
                f"or set them in dask's configuration (~/.config/dask/jobqueue.yaml, section "
                f"jobqueue.{kind}).",
                value=kind,
                missing=unset,
            )
    cluster = cls(**kw)
    if workers and kind in _JOBQUEUE:
        cluster.scale(n=int(workers))
    return cluster
