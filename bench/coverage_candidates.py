"""Benchmark: candidate intervals for a skewed mean rate, with and without day clusters.

Run by hand from the project root (about 10 minutes on 2 cores)::

    .venv/bin/python bench/coverage_candidates.py [--reps 2000] [--cal-reps 1000] [--seed 21]

The kit's default interval of a mean, the studentized (bootstrap-t) bootstrap over
articles or days, covers 0.92 instead of 0.95 for a skewed per-article rate clustered by
day with 10-20 days, and 0.97-0.98 (conservative) for the same rate over 10 unclustered
articles (``bench/coverage.py``, ``bench/RESULTS.md``). This script puts the intervals
the literature offers for these cases side by side, **on the same simulated data** (the
data generators of ``bench/coverage.py``), so that a default is chosen by evidence:

* ``bootstrap-t``: the kit's default, CR1 standard errors (Efron & Tibshirani 1993,
  ch. 12; Davison & Hinkley 1997, section 5.2); this and the kit's other methods
  (``BCa``, ``percentile``, ``wild bootstrap-t``) come from ``by_outlet(method=...)``,
  the others are written out here;
* ``bootstrap-t CV3``: the same, studentized by the jackknife (CV3) variance over
  clusters, in the original sample and in every resample (MacKinnon, J. G., Nielsen,
  M. O. & Webb, M. D. (2023). Fast and reliable jackknife and bootstrap methods for
  cluster-robust inference. *Journal of Applied Econometrics*, 38(5), 671-694);
* ``bootstrap-t log``: the bootstrap-t of ``log(mean)`` (a positive rate), transformed
  back (Efron & Tibshirani 1993, section 12.6: the bootstrap-t works best on a
  variance-stabilising scale);
* ``symmetric bootstrap-t``: ``est +/- q(|t*|) se`` (Hall, P. (1988). On symmetric
  bootstrap confidence intervals. *JRSS B*, 50(1), 35-45);
* ``calibrated bootstrap-t``: the bootstrap-t with its tail levels calibrated by a
  second level of resampling (Hall, P. (1986). On the bootstrap and confidence
  intervals. *Annals of Statistics*, 14(4), 1431-1452; Beran, R. (1987). Prepivoting to
  reduce level error of confidence sets. *Biometrika*, 74(3), 457-468); ``--cal-reps``
  replications, 499 x 99 resamples, up to 20 units;
* ``BCa``: ``method="bca"`` of the kit (Efron & Tibshirani 1993, ch. 14);
* ``wild bootstrap-t (WCU)``: ``method="wild"`` of the kit, Webb weights (Cameron,
  Gelbach & Miller 2008; Webb 2023);
* ``WCR inverted``: the restricted wild cluster bootstrap-t test with Webb weights,
  inverted over a grid of null values (MacKinnon, J. G. (2015). Wild cluster bootstrap
  confidence intervals. *L'Actualite economique*, 91(1-2), 11-33; MacKinnon, Nielsen &
  Webb (2023). Cluster-robust inference: A guide to empirical practice. *Journal of
  Econometrics*, 232(2), 272-299);
* ``CR2 + BM df``: the bias-reduced (CR2) variance with Bell-McCaffrey (Satterthwaite)
  degrees of freedom (Bell, R. M. & McCaffrey, D. F. (2002). Bias reduction in
  standard errors for linear regression with multi-stage samples. *Survey
  Methodology*, 28(2), 169-181; Imbens, G. W. & Kolesar, M. (2016). Robust standard
  errors in small samples: some practical advice. *REStat*, 98(4), 701-712), and the
  same on the log scale (``log CR2 + BM df``);
* ``Johnson t``: the t interval shifted by the skewness term of Johnson, N. J. (1978).
  Modified t tests and confidence intervals for asymmetrical populations. *JASA*,
  73(363), 536-544, on the cluster (or article) level.

Columns: coverage of the intervals given, how often the upper bound falls below the
truth (``hi<`` ) and the lower bound above it (``lo>``; 0.025 each at best), the share
withheld (bootstrap intervals the resamples cannot bound, as the kit withholds them),
and the median width.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import pandas as pd
from coverage import _clustered_frame, _zi_lognormal
from scipy import stats

from framing.compare import by_outlet

A = 0.025  # each tail of a 95% interval
BIG = 1e12  # stands in for an infinite t* (a resample without spread), as in the kit
NAN2 = (np.nan, np.nan)
#: Webb's six-point weights (Webb 2023), as the kit's ``method="wild"`` uses them
WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])
#: the kit's own intervals, computed by ``by_outlet(method=...)``
KIT_METHODS = {"bootstrap-t": "studentized", "BCa": "bca", "percentile": "percentile",
               "wild bootstrap-t (WCU)": "wild"}  # fmt: skip


def _t(d, var):
    """``d / sqrt(var)``; a resample without spread has an infinite t* of d's sign."""
    var = np.maximum(var, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(var > 0, d / np.sqrt(var), np.sign(d) * BIG)


# ------------------------------------------------------------------ the candidates
def _draws(rng, j: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    """``b`` resamples of ``j`` units: their indices (b x j) and counts (b x j)."""
    idx = rng.integers(0, j, (b, j))
    w = np.zeros((b, j))
    np.add.at(w, (np.repeat(np.arange(b), j), idx.ravel()), 1.0)
    return idx, w


def _cr1(w, s, c):
    """Ratio and CR1 variance for each row of unit counts ``w``."""
    cb, sb = w @ c, w @ s
    est = sb / cb
    u = s[None, :] - est[:, None] * c[None, :]
    g = w.sum(1)
    return est, g / (g - 1) * (w * u * u).sum(1) / cb**2


def _cv3(w, s, c):
    """Ratio and CV3 (jackknife over the drawn clusters) variance for each row of ``w``:
    ``(G - 1) / G * sum_k (est_(-k) - est)^2`` with ``est_(-k) - est = -u_k / (C - c_k)``."""
    cb, sb = w @ c, w @ s
    est = sb / cb
    u = s[None, :] - est[:, None] * c[None, :]
    rest = cb[:, None] - c[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        d2 = np.where((w > 0) & (rest > 0), u**2 / rest**2, 0.0)
    g = w.sum(1)
    return est, (g - 1) / g * (w * d2).sum(1)


def _t_interval(est, se, t):
    """Bootstrap-t bounds from t*; NaN when a quantile is an infinite t*."""
    t = t[~np.isnan(t)]
    lo, hi = np.quantile(t, [A, 1 - A])
    if max(abs(lo), abs(hi)) >= BIG / 2:
        return NAN2
    return est - hi * se, est - lo * se


def _wcr(s, c, est, se, rng, b, grid=81):
    """Invert the restricted wild cluster bootstrap-t test over ``grid`` null values."""
    j, tot = len(s), c.sum()
    v = rng.choice(WEBB, size=(b, j))
    mus = est + se * np.linspace(-8, 8, grid)
    p = np.empty(grid)
    for k, mu in enumerate(mus):
        u = s - mu * c
        d = v @ u / tot
        ss = (v * v) @ (u * u) - 2 * d * (v @ (u * c)) + d**2 * (c * c).sum()
        t = np.abs(_t(d, j / (j - 1) * ss / tot**2))
        p[k] = np.mean(t >= abs((est - mu) / se))
    keep = np.flatnonzero(p > 0.05)
    if not len(keep) or keep[0] == 0 or keep[-1] == grid - 1:
        return NAN2

    def cross(a, b_):  # where p crosses 0.05 between two grid points
        w = (0.05 - p[a]) / (p[b_] - p[a]) if p[b_] != p[a] else 0.5
        return mus[a] + w * (mus[b_] - mus[a])

    return cross(keep[0] - 1, keep[0]), cross(keep[-1] + 1, keep[-1])


def _cr2_bm(s, c, est, log=False):
    """CR2 variance with Bell-McCaffrey degrees of freedom (intercept-only model)."""
    tot = c.sum()
    p = c / tot
    u = s - est * c
    var = (u**2 / (1 - p)).sum() / tot**2
    m = (np.diag(p) - np.outer(p, p)) / np.sqrt(np.outer(1 - p, 1 - p))
    df = np.trace(m) ** 2 / np.sum(m * m)
    q = stats.t.ppf(1 - A, df)
    if log:
        if est <= 0:
            return NAN2
        half = q * np.sqrt(var) / est
        return est * np.exp(-half), est * np.exp(half)
    return est - q * np.sqrt(var), est + q * np.sqrt(var)


def _johnson(s, c, est, se):
    """Johnson's (1978) skewness-shifted t interval on unit-level scores."""
    j = len(s)
    g = (s - est * c) / c.mean()
    m2 = (g**2).sum() / (j - 1)
    m3 = j * (g**3).sum() / ((j - 1) * (j - 2))
    q = stats.t.ppf(1 - A, j - 1)
    shift = m3 / (6 * m2 * j) if m2 > 0 else 0.0
    return est + shift - q * se, est + shift + q * se


def _calibrated(s, c, est, se, rng, b1=499, b2=99):
    """Bootstrap-t with tail levels calibrated by a second level of resampling."""
    j = len(s)
    idx1, w1 = _draws(rng, j, b1)
    e1, v1 = _cr1(w1, s, c)
    t1 = _t(e1 - est, v1)
    pick = rng.integers(0, j, (b1, b2, j))
    idx2 = np.take_along_axis(np.broadcast_to(idx1[:, None, :], (b1, b2, j)), pick, axis=2)
    s2, c2 = s[idx2], c[idx2]
    e2 = s2.sum(2) / c2.sum(2)
    u2 = s2 - e2[..., None] * c2
    t2 = _t(e2 - e1[:, None], j / (j - 1) * (u2**2).sum(2) / c2.sum(2) ** 2)
    pos = ((t2 < t1[:, None]).sum(1) + 0.5 * (t2 == t1[:, None]).sum(1)) / b2
    lo_level, hi_level = np.quantile(pos, [A, 1 - A])
    lo_level, hi_level = max(lo_level, 0.5 / b1), min(hi_level, 1 - 0.5 / b1)
    q_lo, q_hi = np.quantile(t1, [lo_level, hi_level])
    if max(abs(q_lo), abs(q_hi)) >= BIG / 2:
        return NAN2
    return est - q_hi * se, est - q_lo * se


def candidates(s, c, rng, n_boot, calibrate, positive):
    """The candidate intervals that are not the kit's, for one sample of unit sums ``s``
    and counts ``c`` (``positive``: a non-negative measure, for which the log-scale
    intervals apply)."""
    j = len(s)
    est, var1 = (v[0] for v in _cr1(np.ones((1, j)), s, c))
    se = float(np.sqrt(var1))
    out = {}
    _, w = _draws(rng, j, n_boot)
    e1, v1 = _cr1(w, s, c)
    t1 = _t(e1 - est, v1)
    e3, v3 = _cv3(w, s, c)
    se3 = float(np.sqrt(_cv3(np.ones((1, j)), s, c)[1][0]))
    out["bootstrap-t CV3"] = _t_interval(est, se3, _t(e3 - est, v3))
    if positive and est > 0:
        with np.errstate(all="ignore"):
            tl = np.where(e1 > 0, _t(np.log(e1) - np.log(est), v1 / e1**2), -BIG)
        b = _t_interval(np.log(est), se / est, tl)
        with np.errstate(over="ignore"):
            out["bootstrap-t log"] = NAN2 if np.isnan(b[0]) else (np.exp(b[0]), np.exp(b[1]))
    else:
        out["bootstrap-t log"] = NAN2
    q = np.quantile(np.abs(t1), 1 - 2 * A)
    out["symmetric bootstrap-t"] = (est - q * se, est + q * se) if q < BIG / 2 else NAN2
    out["calibrated bootstrap-t"] = _calibrated(s, c, est, se, rng) if calibrate else NAN2
    out["WCR inverted"] = _wcr(s, c, est, se, rng, 999)
    out["CR2 + BM df"] = _cr2_bm(s, c, est)
    out["log CR2 + BM df"] = _cr2_bm(s, c, est, log=True) if positive else NAN2
    out["Johnson t"] = _johnson(s, c, est, se)
    return out


# --------------------------------------------------------------------- the regimes
def _samples(rng, kind, size, reps):
    """``reps`` groups of articles (a table with ``outlet``, ``y`` and, for days,
    ``date``), their unit sums and counts, and the true mean."""
    if kind == "articles":
        x, truth = _zi_lognormal(rng, reps * size)
        df = pd.DataFrame({"outlet": np.repeat(np.arange(reps), size), "y": x})
        return df, [(row, np.ones(size)) for row in x.reshape(reps, size)], truth
    df, truth = _clustered_frame(rng, reps, size, "skewed" if kind == "days" else "mean")
    g = df.groupby(["outlet", "date"], sort=True)["y"].agg(["sum", "size"]).reset_index()
    out = [(part["sum"].to_numpy(), part["size"].to_numpy(float))
           for _, part in g.groupby("outlet", sort=True)]  # fmt: skip
    return df, out, truth


def run(kind, size, reps, cal_reps, n_boot, seed):
    rng = np.random.default_rng(seed)
    df, samples, truth = _samples(rng, kind, size, reps)
    got: dict[str, list] = {}
    cluster = None if kind == "articles" else "date"
    for name, method in KIT_METHODS.items():  # the kit's own, through its public function
        k = by_outlet(df, "y", cluster=cluster, method=method, n_boot=n_boot, seed=seed)
        got[name] = list(zip(k["ci_low"], k["ci_high"], strict=True))
    for r, (s, c) in enumerate(samples):
        calibrate = r < cal_reps and len(s) <= 20
        positive = kind != "normal days"
        for name, bounds in candidates(s, c, rng, n_boot, calibrate, positive).items():
            if name != "calibrated bootstrap-t" or calibrate:
                got.setdefault(name, []).append(bounds)
    rows = []
    for name, b in got.items():
        b = np.array(b, dtype=float)
        given = ~np.isnan(b).any(axis=1)
        if not given.any():
            continue  # does not apply (a log scale of a measure with negative values)
        lo, hi = b[given, 0], b[given, 1]
        rows.append({"data": kind, "size": size, "candidate": name, "reps": len(b),
                     "coverage": float(np.mean((lo <= truth) & (truth <= hi))),
                     "upper_below": float(np.mean(hi < truth)),
                     "lower_above": float(np.mean(lo > truth)),
                     "withheld": float(1 - given.mean()),
                     "median_width": float(np.median(hi - lo))})  # fmt: skip
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=2000)
    ap.add_argument("--cal-reps", type=int, default=1000)
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--json", default=None)
    ap.add_argument("--only", default=None,
                    help="regimes to run, e.g. 'articles:10,days:10' (default: all)")  # fmt: skip
    args = ap.parse_args()
    regimes = [("days", 10), ("days", 15), ("days", 20), ("days", 30), ("articles", 10),
               ("articles", 30), ("articles", 100), ("normal days", 10)]  # fmt: skip
    if args.only:
        wanted = {tuple(x.rsplit(":", 1)) for x in args.only.split(",")}
        regimes = [(k, n) for k, n in regimes if (k, str(n)) in wanted]
    rows = []
    for kind, size in regimes:
        t0 = time.perf_counter()
        got = run(kind, size, args.reps, args.cal_reps, args.n_boot, args.seed + size)
        rows += got
        print(f"# {kind} {size}: {time.perf_counter() - t0:.0f} s, load "
              f"{os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        print(pd.DataFrame(got).to_string(index=False, float_format=lambda v: f"{v:.3f}"),
              flush=True)  # fmt: skip
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
