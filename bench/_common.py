"""Helpers the benchmark scripts share (imported as ``from _common import ...``).

The scripts run by hand as ``.venv/bin/python bench/<name>.py``, so this folder is on
``sys.path`` and the module imports by its bare name.

- :func:`machine`: one line describing this machine for bench/RESULTS.md;
- :func:`peak_rss_mib`: peak resident memory of this process (or its children);
- :func:`allsides_records`: the AllSides articles, one dict per JSON line;
- :func:`replicate_allsides`: copies of them in one JSONL file, for scale runs;
- :func:`wilson`: the Wilson score interval of a proportion.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import platform
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ROOT", "SHARED_DATA", "ALLSIDES", "machine", "peak_rss_mib", "allsides_records",
           "replicate_allsides", "wilson"]  # fmt: skip

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT / ".." / "shared" / "data"
ALLSIDES = SHARED_DATA / "allsides" / "articles.jsonl.gz"


def machine() -> str:
    """CPU model (from ``lscpu``), cores, RAM and Python version, on one line."""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in subprocess.run(
                ["lscpu"], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Model name")
        )
    except (OSError, subprocess.CalledProcessError, StopIteration):
        model = platform.processor() or "unknown CPU"
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (OSError, ValueError):
        ram = float("nan")
    return (
        f"{model}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, Python {platform.python_version()}"
        f"; {huge_pages()}"
    )


def huge_pages() -> str:
    """Transparent huge pages (``enabled``/``defrag`` modes) and numpy's huge-page advice.

    With ``defrag`` in ``madvise`` mode, numpy's advice for arrays of 4 MiB and more
    can stall on first touch (direct compaction): keyness took 7.6-15 s with it and
    4.9 s without on the project's VM (bench/RESULTS.md), so results name the setting.
    """
    modes = []
    for name in ("enabled", "defrag"):
        try:
            text = Path(f"/sys/kernel/mm/transparent_hugepage/{name}").read_text()
            modes.append(f"{name} {text.split('[')[1].split(']')[0]}")
        except (OSError, IndexError):
            modes.append(f"{name} unknown")
    advice = os.environ.get("NUMPY_MADVISE_HUGEPAGE", "unset")
    return f"THP {', '.join(modes)}; NUMPY_MADVISE_HUGEPAGE={advice}"


def peak_rss_mib(who: str = "self") -> float:
    """Peak resident set size in MiB of this process (``"self"``) or of its largest
    waited-for child (``"children"``), from ``getrusage`` (``ru_maxrss`` is KiB on Linux).
    """
    which = {"self": resource.RUSAGE_SELF, "children": resource.RUSAGE_CHILDREN}[who]
    return resource.getrusage(which).ru_maxrss / 1024


def allsides_records(path: Path = ALLSIDES, *, limit: int | None = None) -> Iterator[dict]:
    """The AllSides articles (gzipped JSON lines) as dicts, in file order.

    Fields as in the file (``ID``, ``source``, ``title``, ``content_original``,
    ``bias_text``, ``date``, ...); ``limit`` stops after that many lines. Exits with a
    message when the file is absent (the data lives outside the repository).
    """
    if not Path(path).exists():
        raise SystemExit(f"AllSides data not found at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def replicate_allsides(dest: Path, copies: int) -> int:
    """Write ``copies`` copies of the AllSides articles to an uncompressed JSONL file,
    ids suffixed ``-r<k>`` so they stay unique; return the number of articles written."""
    n = 0
    with open(dest, "w", encoding="utf-8") as out:
        for k in range(copies):
            for rec in allsides_records():
                rec["ID"] = f"{rec['ID']}-r{k}"
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (Wilson 1927), ``(nan, nan)`` if n=0."""
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))
