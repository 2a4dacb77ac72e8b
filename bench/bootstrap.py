"""Benchmark: vectorised bootstrap of framing.compare.by_outlet vs a naive pandas loop.

Run by hand from the project root::

    .venv/bin/python bench/bootstrap.py [--n-boot 2000] [--naive-boot 100]

Synthetic data: 10,000 articles, 10 outlets (unequal sizes), 20 measures (rates with
some missing values). Ours: ``by_outlet(scores, measures, n_boot=2000)`` with its
default interval (studentized bootstrap, bootstrap-t) and with ``method="percentile"``
(the baseline's interval), median of 3 runs each. Baseline: the usual hand-written loop - for each resample, resample articles
with replacement within every outlet (``groupby(...).sample(frac=1, replace=True)``),
then ``groupby(outlet)[measures].mean()``, then percentiles over resamples. The
baseline runs ``--naive-boot`` resamples and its time is scaled linearly to
``--n-boot`` (the loop's cost is linear in the number of resamples).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
import pandas as pd


def synthetic(n_docs: int = 10_000, n_outlets: int = 10, n_measures: int = 20, seed: int = 0):
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.full(n_outlets, 3.0))
    outlet = rng.choice([f"outlet_{i:02d}" for i in range(n_outlets)], size=n_docs, p=weights)
    data = {"doc_id": [f"d{i}" for i in range(n_docs)], "outlet": outlet}
    measures = [f"frame_{j:02d}_per_1k" for j in range(n_measures)]
    for m in measures:
        x = rng.gamma(0.8, 2.0, size=n_docs)
        x[rng.random(n_docs) < 0.02] = np.nan  # a few missing values
        data[m] = x
    return pd.DataFrame(data), measures


def naive(df: pd.DataFrame, measures: list[str], n_boot: int, seed: int = 0) -> pd.DataFrame:
    reps = []
    for b in range(n_boot):
        sample = df.groupby("outlet").sample(frac=1, replace=True, random_state=seed + b)
        reps.append(sample.groupby("outlet")[measures].mean())
    stacked = pd.concat(reps, keys=range(n_boot), names=["rep"])
    lo = stacked.groupby("outlet").quantile(0.025)
    hi = stacked.groupby("outlet").quantile(0.975)
    return lo, hi


def main() -> None:
    from framing.compare import by_outlet

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--naive-boot", type=int, default=100)
    args = ap.parse_args()
    df, measures = synthetic()
    print(
        f"python {platform.python_version()}; {len(df)} articles, {df.outlet.nunique()} outlets, {len(measures)} measures"
    )

    def timed(method):
        times, cpu, out = [], [], None
        for _ in range(3):
            t0, c0 = time.perf_counter(), time.process_time()
            out = by_outlet(df, measures, n_boot=args.n_boot, seed=1, method=method)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return statistics.median(times), statistics.median(cpu), times, out

    t_ours, c_ours, times, ours = timed("percentile")
    t_auto, c_auto, times_auto, _ = timed("auto")

    t0, c0 = time.perf_counter(), time.process_time()
    lo, hi = naive(df, measures, args.naive_boot)
    t_naive_run = time.perf_counter() - t0
    c_naive_run = time.process_time() - c0
    scale = args.n_boot / args.naive_boot
    t_naive = t_naive_run * scale

    # sanity: both give similar intervals (the naive one from fewer resamples)
    wide = ours.pivot(index="outlet", columns="measure", values="ci_high") - ours.pivot(
        index="outlet", columns="measure", values="ci_low"
    )
    naive_w = (hi - lo)[wide.columns]
    rel = float(np.nanmedian((naive_w / wide - 1).abs().to_numpy()))

    print(
        f"by_outlet percentile, {args.n_boot} resamples (median of 3): {t_ours:.3f} s wall, {c_ours:.3f} s CPU (runs {', '.join(f'{t:.3f}' for t in times)})"
    )
    print(
        f"by_outlet default (bootstrap-t), {args.n_boot} resamples (median of 3): {t_auto:.3f} s wall, {c_auto:.3f} s CPU (runs {', '.join(f'{t:.3f}' for t in times_auto)})"
    )
    print(
        f"naive loop, {args.naive_boot} resamples: {t_naive_run:.2f} s wall, {c_naive_run:.2f} s CPU -> scaled to {args.n_boot}: {t_naive:.1f} s"
    )
    print(
        f"speed-up, percentile: {t_naive / t_ours:.0f}x (CPU: {c_naive_run * scale / c_ours:.0f}x); "
        f"default bootstrap-t: {t_naive / t_auto:.0f}x (CPU: {c_naive_run * scale / c_auto:.0f}x)"
    )
    print(f"load average: {os.getloadavg()}")
    print(f"median relative difference of CI widths (ours vs naive): {rel:.3f}")


if __name__ == "__main__":
    main()
