"""Where work runs: scheduler addresses, :func:`parse_scheduler` and :func:`get_client`."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from framing.distributed._clusters import make_cluster
from framing.errors import SchedulerError

__all__ = ["ENV", "Scheduler", "parse_scheduler", "get_client", "client_for"]

#: Environment variable naming the scheduler when none is passed.
ENV = "FRAMING_SCHEDULER"
_IN_PROCESS = ("", "none", "in-process", "off")
_FORMS = (
    "'tcp://HOST:PORT' (a running `dask scheduler`), 'local:N' (N worker processes on "
    "this machine), 'slurm:N' / 'pbs:N' / 'sge:N' / 'lsf:N' (N workers in batch jobs, "
    "options from dask's jobqueue config), 'ssh:HEAD,NODE1,...' (scheduler on HEAD), "
    "'file:PATH' (a scheduler file) or 'none' (in this process)"
)


@dataclass(frozen=True)
class Scheduler:
    """A parsed scheduler: ``kind`` is ``"address"``, ``"file"``, ``"local"``, a batch
    system (``"slurm"``, ``"pbs"``, ``"sge"``, ``"lsf"``) or ``"ssh"``.

    Attributes
    ----------
    kind : str
    address : str or None
        ``tcp://host:port`` (``kind="address"``) or the scheduler file (``"file"``).
    n_workers : int or None
        Worker processes to start (one thread each).
    hosts : tuple of str
        SSH hosts, the scheduler's first.
    """

    kind: str
    address: str | None = None
    n_workers: int | None = None
    hosts: tuple[str, ...] = ()

    @property
    def starts_cluster(self) -> bool:
        """Whether connecting starts a cluster (closed again with the client)."""
        return self.kind not in ("address", "file")


def parse_scheduler(value: str | None, *, env: bool = True) -> Scheduler | None:
    """Read a scheduler option: where the heavy steps run.

    Parameters
    ----------
    value : str or None
        ``"tcp://host:8786"`` (or ``host:8786``, ``tls://...``): a running Dask
        scheduler; ``"local:N"``: a cluster of N worker processes on this machine
        (``"local"``: one per core), listening on 127.0.0.1 only; ``"slurm:N"``,
        ``"pbs:N"``, ``"sge:N"``, ``"lsf:N"``: N workers in batch jobs submitted through
        dask-jobqueue (queue, memory and cores from dask's ``jobqueue`` configuration);
        ``"ssh:HEAD,NODE1,..."``: a scheduler on HEAD and workers on the nodes
        (``distributed.SSHCluster``); ``"file:PATH"`` or a
        ``.json`` path: the scheduler file a batch job wrote (``dask scheduler
        --scheduler-file``); ``"none"``: in this process. ``None``: the environment
        variable ``FRAMING_SCHEDULER`` when ``env``, else in this process.
    env : bool, default True
        Fall back to ``FRAMING_SCHEDULER`` when ``value`` is ``None``.

    Returns
    -------
    Scheduler or None
        ``None`` means: run in this process.

    Raises
    ------
    SchedulerError
        A value of none of these forms (``value`` attribute; the message names the
        source: the option or the environment variable).

    Examples
    --------
    >>> parse_scheduler("local:2", env=False)
    Scheduler(kind='local', address=None, n_workers=2, hosts=())
    >>> parse_scheduler("slurm:50", env=False).n_workers
    50
    >>> parse_scheduler("10.0.0.5:8786", env=False).address
    'tcp://10.0.0.5:8786'
    >>> parse_scheduler("none") is None
    True
    """
    where = "--scheduler"
    if value is None and env:
        value, where = os.environ.get(ENV), ENV
    if value is None:
        return None
    text = str(value).strip()
    if text.lower() in _IN_PROCESS:
        return None
    m = re.fullmatch(r"local(?::(\d+))?", text, flags=re.IGNORECASE)
    if m:
        n = int(m.group(1)) if m.group(1) else (os.cpu_count() or 1)
        if n < 1:
            raise SchedulerError(
                f"{where} {text!r}: a local cluster needs at least one worker (local:1).",
                value=text,
            )
        return Scheduler("local", None, n)
    m = re.fullmatch(r"(slurm|pbs|sge|lsf):(\d+)", text, flags=re.IGNORECASE)
    if m and int(m.group(2)) > 0:
        return Scheduler(m.group(1).lower(), None, int(m.group(2)))
    if text.lower().startswith("ssh:"):
        hosts = tuple(h.strip() for h in text[4:].split(",") if h.strip())
        if len(hosts) >= 2:
            return Scheduler("ssh", None, None, hosts)
    if text.lower().startswith("file:") or text.lower().endswith(".json"):
        path = text[5:] if text.lower().startswith("file:") else text
        return Scheduler("file", str(Path(path).expanduser()), None)
    m = re.fullmatch(r"((?:tcp|tls|ucx|ws|wss)://)?([A-Za-z0-9_.\-\[\]:]+):(\d{1,5})", text)
    if m and 0 < int(m.group(3)) < 65536:
        return Scheduler("address", f"{m.group(1) or 'tcp://'}{m.group(2)}:{m.group(3)}", None)
    raise SchedulerError(
        f"{where} {text!r} is not a scheduler; give {_FORMS}.", value=text, source=where
    )


def get_client(scheduler: str | Scheduler | None = None, *, timeout: float = 30.0):
    """Connect to (or start) a Dask cluster; ``None`` when work stays in this process.

    Parameters
    ----------
    scheduler : str, Scheduler or None
        See :func:`parse_scheduler` (``None``: ``$FRAMING_SCHEDULER``, else in-process).
        ``local:N`` starts a ``distributed.LocalCluster`` of N processes with one
        thread each, bound to 127.0.0.1 (dashboard on a free port of 127.0.0.1 when
        ``bokeh`` is installed); closing the client stops it. ``slurm:N``, ``ssh:...``
        start a cluster with :func:`make_cluster`: close ``client.cluster`` too (or use
        :func:`client_for`).
    timeout : float, default 30
        Seconds to wait for the scheduler (and the local workers).

    Returns
    -------
    distributed.Client or None
        Use it as a context manager (``with get_client("local:2") as client: ...``)
        so the connection (and a local cluster) closes.

    Raises
    ------
    SchedulerError
        The scheduler cannot be reached or the option is malformed; also when the
        ``distributed`` package is missing (install ``framing[dask]``).

    Examples
    --------
    >>> get_client("none") is None
    True
    """
    spec = scheduler if isinstance(scheduler, Scheduler) else parse_scheduler(scheduler)
    if spec is None:
        return None
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            "running on a Dask cluster needs the 'distributed' package: "
            'pip install -e ".[dask]" (or "framing[dask]").',
            value=spec.kind,
        ) from None
    try:
        if spec.kind == "local":
            return Client(
                n_workers=spec.n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                timeout=timeout,
                set_as_default=False,
            )
        if spec.starts_cluster:
            cluster = make_cluster(spec.kind, workers=spec.n_workers or 0, hosts=spec.hosts)
            return Client(cluster, timeout=timeout, set_as_default=False)
        if spec.kind == "file":
            if not Path(spec.address).is_file():
                raise SchedulerError(
                    f"scheduler file {spec.address} does not exist; start the scheduler "
                    "(dask scheduler --scheduler-file PATH) or fix the path.",
                    value=spec.address,
                )
            return Client(scheduler_file=spec.address, timeout=timeout, set_as_default=False)
        return Client(spec.address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        where = spec.address or f"a local cluster of {spec.n_workers} workers"
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {where} within {timeout:g} s ({exc}); start "
            "it (`dask scheduler`, then `dask worker ADDRESS` on each machine) or check "
            f"--scheduler / {ENV}.",
            value=spec.address,
        ) from None


@contextmanager
def client_for(scheduler=None, client=None):
    """Yield the client to use (``client``, else one from ``scheduler``, else None);
    close it afterwards only when it was opened here."""
    if client is not None:
        yield client
        return
    spec = parse_scheduler(scheduler) if not isinstance(scheduler, Scheduler) else scheduler
    opened = get_client(spec)
    try:
        yield opened
    finally:
        if opened is not None:
            cluster = opened.cluster if spec.starts_cluster and spec.kind != "local" else None
            opened.close()
            if cluster is not None:
                cluster.close()
