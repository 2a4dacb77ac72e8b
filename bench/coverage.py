"""Benchmark: do the kit's default intervals cover, and do its tests hold their size?

Run by hand from the project root (about 20-30 minutes on 2 cores)::

    .venv/bin/python bench/coverage.py [--reps 500] [--only rates,shares,...] [--json out.json]

Every regime simulates data with a known truth, runs the kit's public functions with
their **default** options, and counts how often the 95% interval covers the truth
(coverage; the target is 0.93-0.97) or how often a true null hypothesis is rejected at
5% (size; target 0.03-0.07), or how far estimates fall from the truth (bias; target
below 0.01). Where the kit withholds an interval (too few articles or clusters, or data
that cannot bound the estimate), the share withheld is reported beside the coverage of
the intervals given.

Regimes (the ones of issue 14, after the outside audit in shared/reviews/stats.md):

* ``rates``: skewed per-article rates (60 % zeros, lognormal otherwise, sigma 1) at
  n = 10, 30, 100 articles: ``by_outlet(stat="mean")``.
* ``shares``: rare shares (p = 0.05) at n = 10, 30, 100: ``by_outlet(stat="share")``;
  besides the Monte Carlo coverage, the exact coverage (binomial sum) at p = 0.05 and
  averaged over p in [0.025, 0.075].
* ``clusters``: a mean with intraclass correlation 0.3 and about 7 articles per day,
  5, 10 and 30 days: ``by_outlet(cluster="date")``; the same for a share (latent ICC
  0.2, p = 0.3) and for a skewed rate (an extra regime).
* ``skew``: clustered means from normal to skewed (a normal measure; 60% zeros and a
  lognormal with sigma 0.5; 30%, 60% or no zeros and sigma 1; day ICC 0.3 on the log
  scale), 5-30 days with about 7 articles a day and, for the normal and the 60%-zeros
  rate, about 1.5 a day: the share of groups the kit refuses because the articles are
  skewed (below 30 clusters), the coverage of the intervals it gives, and the old
  behaviour (every interval from 10 clusters, ``min_n=10``) on the same data.
* ``tests``: size of ``pairwise`` at 5% with equal means but unequal variances and
  sizes (n = 15, sd 3 against n = 150, sd 1, and reversed; a share; skewed data), and
  with day clusters shared by two outlets (5, 10, 30 days); the coverage of the
  difference's interval on the same data.
* ``keyness``: bursty words under a true null (two groups drawn from one generator,
  Dirichlet concentration 50, 500 and none), 150 vs 150 and 30 vs 300 articles: share
  of terms with p < 0.05 from ``keyness`` (default: article-level rank-sum test) among
  terms used in at least 10 articles (``size``; a term in two or three articles cannot
  reach p < 0.05 under any exact test, so over all terms the share is lower:
  ``size_all_terms``), and how often Benjamini-Hochberg rejects anything (the false
  discovery rate under a complete null); the token-level p-value for contrast.
* ``prevalence``: 3, 4 and 5 single-label frames, three outlets with different frame
  mixes, a random validation sample of 300 articles: bias and coverage of
  ``prevalence(method="acc")`` (the confusion-matrix adjustment), beside the
  one-frame-at-a-time adjustment it replaced.

Replications: ``--reps`` per cell (default 500; the keyness regime uses ``--reps``
corpora). Seeds are fixed: the same command gives the same numbers. The fast versions
in ``tests/test_coverage.py`` call these functions with fewer replications.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import pandas as pd
from scipy import stats

REGIMES = ("rates", "shares", "clusters", "skew", "tests", "keyness", "prevalence")


# ----------------------------------------------------------------------------- helpers
def _summary(regime, setting, covered, given, reps, **extra):
    """One result row: coverage of the intervals given, and the share withheld."""
    covered, given = np.asarray(covered, bool), np.asarray(given, bool)
    n_given = int(given.sum())
    cov = float(covered[given].mean()) if n_given else float("nan")
    return {"regime": regime, "setting": setting, "reps": reps,
            "coverage": cov, "withheld": float(1 - n_given / reps), **extra}  # fmt: skip


def _size(p):
    """Share of the p-values given that are below 0.05 (NaN when none is given)."""
    p = p[~np.isnan(p)]
    return float(np.mean(p < 0.05)) if len(p) else float("nan")


def _covers(table, truth):
    lo, hi = table["ci_low"].to_numpy(), table["ci_high"].to_numpy()
    return (lo <= truth) & (truth <= hi), ~np.isnan(lo)


def _zi_lognormal(rng, size, zeros=0.6, sigma=1.0):
    x = rng.lognormal(0.0, sigma, size)
    x[rng.random(size) < zeros] = 0.0
    return x, (1 - zeros) * np.exp(sigma**2 / 2)


# ------------------------------------------------------------------------------- rates
def run_rates(reps=500, n_boot=2000, seed=1, sizes=(10, 30, 100)):
    """Skewed per-article rates: coverage of ``by_outlet(stat="mean")`` (bootstrap-t)."""
    from framing.compare import by_outlet

    rng = np.random.default_rng(seed)
    out = []
    for n in sizes:
        x, truth = _zi_lognormal(rng, reps * n)
        df = pd.DataFrame({"outlet": np.repeat(np.arange(reps), n), "rate": x})
        t = by_outlet(df, "rate", n_boot=n_boot, seed=seed)
        cov, given = _covers(t, truth)
        out.append(_summary("rates", f"n={n}", cov, given, reps, method=t["method"].iloc[0]))
    return out


# ------------------------------------------------------------------------------ shares
def run_shares(reps=500, seed=2, p=0.05, sizes=(10, 30, 100)):
    """Rare shares: Monte Carlo and exact coverage of ``by_outlet(stat="share")``."""
    from framing.compare import by_outlet

    rng = np.random.default_rng(seed)
    out = []
    for n in sizes:
        x = (rng.random(reps * n) < p).astype(int)
        df = pd.DataFrame({"outlet": np.repeat(np.arange(reps), n), "any": x})
        t = by_outlet(df, "any", stat="share")
        cov, given = _covers(t, p)
        # exact: one group per possible count k = 0..n, weighted by its probability
        k_df = pd.DataFrame({"outlet": np.repeat(np.arange(n + 1), n),
                             "any": np.concatenate([np.r_[np.ones(k), np.zeros(n - k)]
                                                    for k in range(n + 1)])})  # fmt: skip
        kt = by_outlet(k_df, "any", stat="share")
        lo, hi = kt["ci_low"].to_numpy(), kt["ci_high"].to_numpy()
        k = np.arange(n + 1)

        def exact(q, lo=lo, hi=hi, k=k, n=n):
            return float(stats.binom.pmf(k, n, q)[(lo <= q) & (q <= hi)].sum())

        averaged = float(np.mean([exact(q) for q in np.linspace(0.025, 0.075, 101)]))
        out.append(_summary("shares", f"p={p}, n={n}", cov, given, reps,
                            method=t["method"].iloc[0], exact=exact(p),
                            exact_averaged=averaged))  # fmt: skip
    return out


# ---------------------------------------------------------------------------- clusters
# the skewed kinds: share of zero articles, and sigma of the lognormal otherwise (the
# day effect holds 0.3 of its log variance)
_SKEWED = {"skewed": (0.6, 1.0), "moderate": (0.3, 1.0), "lognormal": (0.0, 1.0),
           "mild": (0.6, 0.5)}  # fmt: skip


def _clustered_frame(rng, reps, n_days, kind, per_day=6):
    """``reps`` groups of ``n_days`` days with Poisson(per_day) + 1 articles a day."""
    rows = []
    start = pd.Timestamp("2025-01-01", tz="UTC")
    for r in range(reps):
        sizes = rng.poisson(per_day, n_days) + 1
        day = np.repeat(np.arange(n_days), sizes)
        n = len(day)
        if kind == "share":  # latent ICC 0.2, share 0.3
            u = rng.normal(0, np.sqrt(0.2), n_days)[day] + rng.normal(0, np.sqrt(0.8), n)
            y = (u > stats.norm.ppf(0.7)).astype(float)
        else:
            u = rng.normal(0, np.sqrt(0.3), n_days)[day] + rng.normal(0, np.sqrt(0.7), n)
            zeros, sigma = _SKEWED.get(kind, (0.0, 1.0))
            y = u if kind == "mean" else np.where(rng.random(n) < zeros, 0.0, np.exp(sigma * u))
        rows.append(pd.DataFrame({"outlet": r, "y": y, "date": start + pd.to_timedelta(day, "D")}))
    if kind in ("share", "mean"):
        return pd.concat(rows, ignore_index=True), {"share": 0.3, "mean": 0.0}[kind]
    zeros, sigma = _SKEWED[kind]
    truth = (1 - zeros) * np.exp(sigma**2 / 2)
    return pd.concat(rows, ignore_index=True), truth


def run_clusters(
    reps=500, n_boot=2000, seed=3, days=(5, 10, 30), kinds=("mean", "share", "skewed")
):
    """Day-clustered data (ICC 0.3 / 0.2): coverage of ``by_outlet(cluster="date")``."""
    from framing.compare import by_outlet

    rng = np.random.default_rng(seed)
    out = []
    for kind in kinds:
        for j in days:
            df, truth = _clustered_frame(rng, reps, j, kind)
            stat = "share" if kind == "share" else "mean"
            t = by_outlet(df, "y", stat=stat, cluster="date", n_boot=n_boot, seed=seed)
            cov, given = _covers(t, truth)
            out.append(_summary("clusters", f"{kind}, {j} days", cov, given, reps,
                                method=t["method"].iloc[0]))  # fmt: skip
    return out


def run_skew(reps=1000, n_boot=2000, seed=11, days=(5, 10, 15, 20, 30),
             kinds=("mean", "mild", "moderate", "skewed", "lognormal"),
             sparse=("mean", "skewed")):  # fmt: skip
    """Clustered means from normal to skewed: the kit's refusal of skewed measures below
    30 clusters.

    Per kind and number of days (Poisson(6) + 1 articles a day; for the ``sparse``
    kinds also Poisson(0.5) + 1, about 1.5 a day): the share of groups refused for
    skewness (``refused_skewed``; all withheld groups in ``withheld``), the coverage of
    the intervals given (conditional on not being refused), and, on the same data and
    resamples, the behaviour before the rule (``min_n=10``: every interval from 10
    clusters): ``old_coverage`` and ``old_withheld``. ``missed`` and ``old_missed``: the
    share of all groups given an interval that misses the truth.
    """
    from framing.compare import by_outlet

    rng = np.random.default_rng(seed)
    cells = [(k, j, 6) for k in kinds for j in days]
    cells += [(k, j, 0.5) for k in sparse for j in days if j >= 10]
    out = []
    for kind, j, per_day in cells:
        df, truth = _clustered_frame(rng, reps, j, kind, per_day=per_day)
        t = by_outlet(df, "y", cluster="date", n_boot=n_boot, seed=seed)
        cov, given = _covers(t, truth)
        old = by_outlet(df, "y", cluster="date", n_boot=n_boot, seed=seed, min_n=10)
        cov_old, given_old = _covers(old, truth)
        refused = ~given & t["note"].str.contains("skewed articles").to_numpy()
        where = f"{kind}, {j} days" + (", 1-2 a day" if per_day < 1 else "")
        out.append(_summary("skew", where, cov, given, reps, n_given=int(given.sum()),
                            refused_skewed=float(refused.mean()),
                            missed=float((given & ~cov).mean()),
                            old_missed=float((given_old & ~cov_old).mean()),
                            old_coverage=float(cov_old[given_old].mean()) if given_old.any()
                            else float("nan"),
                            old_withheld=float(1 - given_old.mean())))  # fmt: skip
    return out


# ------------------------------------------------------------------------------- tests
def _two_groups(rng, reps, draw):
    parts = []
    for r in range(reps):
        a, b = draw()
        parts.append(pd.DataFrame({"outlet": [f"a{r}"] * len(a) + [f"b{r}"] * len(b),
                                   "y": np.r_[a, b]}))  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def _shared_days(rng, reps, n_days, skewed=False):
    """Two outlets covering the same days (common day shocks), equal means, unequal sizes
    and noise. ``skewed``: the same skewed rate for both outlets (60% zero articles,
    lognormal otherwise, the day shock 0.3 of its log variance), unequal sizes."""
    parts = []
    start = pd.Timestamp("2025-01-01", tz="UTC")
    for r in range(reps):
        shock = rng.normal(0, np.sqrt(0.3), n_days)
        for name, size, sd in ((f"a{r}", 3, 2 * np.sqrt(0.7)), (f"b{r}", 8, np.sqrt(0.7))):
            k = rng.poisson(size, n_days) + 1
            day = np.repeat(np.arange(n_days), k)
            if skewed:
                u = shock[day] + rng.normal(0, np.sqrt(0.7), len(day))
                y = np.where(rng.random(len(day)) < 0.6, 0.0, np.exp(u))
            else:
                y = shock[day] + rng.normal(0, sd, len(day))
            # each replication on its own days, so its clusters are its own
            when = start + pd.to_timedelta(day + r * (n_days + 1), "D")
            parts.append(pd.DataFrame({"outlet": name, "y": y, "date": when}))
    return pd.concat(parts, ignore_index=True)


def run_tests(
    reps=1000, n_perm=999, n_boot=500, seed=4, days=(5, 10, 30), skewed_days=(10, 20, 30)
):
    """Size of ``pairwise`` at 5% under equal means; coverage of the difference's interval."""
    from framing.compare import pairwise

    rng = np.random.default_rng(seed)
    designs = {
        "normal, n=15 sd=3 vs n=150 sd=1": lambda: (rng.normal(0, 3, 15), rng.normal(0, 1, 150)),
        "normal, n=150 sd=3 vs n=15 sd=1": lambda: (rng.normal(0, 3, 150), rng.normal(0, 1, 15)),
        "share 0.3, n=15 vs n=150": lambda: (
            (rng.random(15) < 0.3) * 1.0,
            (rng.random(150) < 0.3) * 1.0,
        ),  # fmt: skip
        "skewed (exponential), n=15 sd=3 vs n=150 sd=1": lambda: (
            rng.exponential(3, 15) - 3,
            rng.exponential(1, 150) - 1,
        ),  # fmt: skip
    }
    out = []
    for name, draw in designs.items():
        df = _two_groups(rng, reps, draw)
        stat = "share" if name.startswith("share") else "mean"
        pairs = [(f"a{r}", f"b{r}") for r in range(reps)]
        t = pairwise(df, "y", pairs=pairs, stat=stat, n_perm=n_perm, n_boot=n_boot, seed=seed,
                     adjust=())  # fmt: skip
        cov, given = _covers(t, 0.0)
        p = t["p_value"].to_numpy()
        out.append({"regime": "tests", "setting": name, "reps": reps,
                    "size": _size(p), "test": t["test"].iloc[0],
                    "diff_coverage": float(cov[given].mean()) if given.any() else np.nan,
                    "withheld": float(1 - given.mean())})  # fmt: skip
    # the skewed rate on shared days: below 30 days its intervals are withheld (skewed
    # articles), but pairwise still gives the wild cluster p-value - its size is checked
    cells = [(j, False) for j in days] + [(j, True) for j in skewed_days]
    for j, skewed in cells:
        df = _shared_days(rng, reps, j, skewed=skewed)
        pairs = [(f"a{r}", f"b{r}") for r in range(reps)]
        t = pairwise(df, "y", pairs=pairs, cluster="date", n_perm=n_perm, n_boot=n_boot,
                     seed=seed, adjust=())  # fmt: skip
        cov, given = _covers(t, 0.0)
        p = t["p_value"].to_numpy()
        label = "shared days, skewed rate" if skewed else "shared days"
        out.append({"regime": "tests", "setting": f"{label}, {j} days", "reps": reps,
                    "size": _size(p), "test": t["test"].iloc[0],
                    "diff_coverage": float(cov[given].mean()) if given.any() else np.nan,
                    "withheld": float(1 - given.mean())})  # fmt: skip
    return out


# ----------------------------------------------------------------------------- keyness
def _bursty_corpus(rng, n_a, n_b, concentration, vocab=1500):
    """Two groups of articles from one generator: each article draws its own word
    distribution around a Zipf base (smaller concentration = burstier words)."""
    base = 1.0 / np.arange(1, vocab + 1) ** 1.05
    base /= base.sum()
    n = n_a + n_b
    if concentration is None:
        probs = np.tile(base, (n, 1))
    else:
        probs = rng.gamma(concentration * base, size=(n, vocab))
        probs /= probs.sum(axis=1, keepdims=True)
    lengths = rng.integers(120, 260, n)
    words = np.array([f"w{i}" for i in range(vocab)])
    texts = [
        " ".join(np.repeat(words, rng.multinomial(ln, p)))
        for ln, p in zip(lengths, probs, strict=True)
    ]
    return pd.DataFrame({"outlet": ["A"] * n_a + ["B"] * n_b, "text": texts})


def run_keyness(reps=500, seed=5, designs=((150, 150), (30, 300)), concentrations=(50, 500, None)):
    """Bursty-word nulls: share of terms with p < .05 and the BH any-rejection rate."""
    from framing.keyness import keyness

    rng = np.random.default_rng(seed)
    out = []
    for conc in concentrations:
        for n_a, n_b in designs:
            shares, shares10, token_shares, any_bh = [], [], [], []
            for _ in range(reps):
                df = _bursty_corpus(rng, n_a, n_b, conc)
                k = keyness(df, target="A", min_count=5)
                shares.append(float((k["p_value"] < 0.05).mean()))
                used = (k["docs_target"] + k["docs_reference"]) >= 10
                shares10.append(float((k.loc[used, "p_value"] < 0.05).mean()))
                any_bh.append(bool((k["p_bh"] < 0.05).any()))
                kt = keyness(df, target="A", min_count=5, inference="tokens", adjust=None)
                token_shares.append(float((kt["p_value"] < 0.05).mean()))
            out.append({"regime": "keyness",
                        "setting": f"concentration {conc or 'none'}, {n_a} vs {n_b} articles",
                        "reps": reps, "size": float(np.mean(shares10)),
                        "size_all_terms": float(np.mean(shares)),
                        "bh_any_rejection": float(np.mean(any_bh)),
                        "token_level_size": float(np.mean(token_shares))})  # fmt: skip
    return out


# -------------------------------------------------------------------------- prevalence
class _Predicted:
    """A stand-in classifier whose predictions are given (the simulated classifier's)."""

    multilabel_ = False

    def __init__(self, classes):
        self.classes_ = np.asarray(classes)

    def predict_proba(self, corpus):
        p = np.zeros((len(corpus), len(self.classes_)))
        p[np.arange(len(corpus)), corpus["pred"].to_numpy()] = 1.0
        return p


class _Validation:
    """What ``evaluate`` returns that ``prevalence`` reads: rates and the confusion table."""

    def __init__(self, classes, true, pred):
        k = len(classes)
        conf = np.zeros((k, k))
        np.add.at(conf, (true, pred), 1)
        self.confusion = pd.DataFrame(conf.astype(int), index=classes, columns=classes)
        tp = np.diag(conf)
        n_pos = conf.sum(axis=1)
        fp = conf.sum(axis=0) - tp
        n_neg = len(true) - n_pos
        self.rates = pd.DataFrame({"frame": classes, "tpr": tp / n_pos, "fpr": fp / n_neg,
                                   "n_pos": n_pos.astype(int), "n_neg": n_neg.astype(int)})  # fmt: skip
        self.predictions = None


def _confusion(rng, k, accuracy=0.7):
    """A fixed confusion matrix: ``accuracy`` on the diagonal, errors spread unevenly."""
    off = rng.dirichlet(np.full(k - 1, 0.7), size=k) * (1 - accuracy)
    c = np.zeros((k, k))
    for i in range(k):
        c[i, [j for j in range(k) if j != i]] = off[i]
        c[i, i] = accuracy
    return c


def run_prevalence(reps=500, n_boot=200, seed=6, frames=(3, 4, 5), n_outlet=400, n_valid=300):
    """Bias and coverage of ``prevalence(method="acc")`` with single-label frames."""
    from framing.classify import prevalence

    rng = np.random.default_rng(seed)
    out = []
    for k in frames:
        classes = [f"f{i}" for i in range(k)]
        conf = _confusion(rng, k)
        mixes = {"uniform": np.full(k, 1 / k),
                 "skewed": np.linspace(2, 1, k) / np.linspace(2, 1, k).sum(),
                 "reversed": np.linspace(1, 3, k) / np.linspace(1, 3, k).sum()}  # fmt: skip
        est = {m: [] for m in mixes}
        ovr = {m: [] for m in mixes}
        hits = {m: [] for m in mixes}
        for _ in range(reps):
            true_v = rng.choice(k, n_valid)  # a random validation sample
            pred_v = np.array([rng.choice(k, p=conf[t]) for t in true_v])
            val = _Validation(classes, true_v, pred_v)
            parts = []
            for m, mix in mixes.items():
                t = rng.choice(k, n_outlet, p=mix)
                parts.append(pd.DataFrame({"doc_id": [f"{m}{i}" for i in range(n_outlet)],
                                           "outlet": m, "text": "",
                                           "pred": [rng.choice(k, p=conf[i]) for i in t]}))  # fmt: skip
            corpus = pd.concat(parts, ignore_index=True)
            res = prevalence(_Predicted(classes), corpus, method="acc", cv_rates=val,
                             n_boot=n_boot, seed=int(rng.integers(1 << 30)))  # fmt: skip
            r = val.rates
            for m, mix in mixes.items():
                rows = res[res["outlet"] == m].set_index("measure").loc[classes]
                est[m].append(rows["estimate"].to_numpy())
                hits[m].append(((rows["ci_low"] <= mix) & (mix <= rows["ci_high"])).to_numpy())
                q = rows["cc_estimate"].to_numpy()
                ovr[m].append(np.clip((q - r["fpr"]) / (r["tpr"] - r["fpr"]), 0, 1).to_numpy())
        for m, mix in mixes.items():
            e = np.array(est[m])
            out.append({"regime": "prevalence", "setting": f"{k} frames, {m} mix",
                        "reps": reps, "max_abs_bias": float(np.max(np.abs(np.nanmean(e, 0) - mix))),
                        "coverage": float(np.mean(hits[m])),
                        "one_vs_rest_max_abs_bias": float(np.max(np.abs(np.mean(ovr[m], 0) - mix)))})  # fmt: skip
    return out


# -------------------------------------------------------------------------------- main
RUNNERS = {"rates": run_rates, "shares": run_shares, "clusters": run_clusters, "skew": run_skew,
           "tests": run_tests, "keyness": run_keyness, "prevalence": run_prevalence}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=500)
    ap.add_argument("--only", default=",".join(REGIMES))
    ap.add_argument("--json", default=None, help="also write the rows to this JSON file")
    args = ap.parse_args()
    rows = []
    for name in args.only.split(","):
        t0, c0 = time.perf_counter(), time.process_time()
        reps = max(args.reps, 1000) if name == "tests" else args.reps
        got = RUNNERS[name](reps=reps)
        for row in got:
            print(json.dumps(row), flush=True)
        rows += got
        print(f"# {name}: {time.perf_counter() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU, "
              f"load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1)
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.3f}"))


if __name__ == "__main__":
    main()
