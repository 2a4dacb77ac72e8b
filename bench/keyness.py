"""Benchmark: Fightin' Words keyness between two outlets, framing.keyness vs scattertext.

Run by hand from the project root::

    .venv/bin/python bench/keyness.py [--outlet-a "CNN (Web News)"] [--outlet-b "Washington Times"]

Reads ../shared/data/allsides/articles.jsonl.gz (field ``content_original`` as text,
``source`` as outlet), keeps the two outlets, and times, from the same in-memory
DataFrame to z-scores for unigrams and bigrams:

* ``framing.keyness.keyness(measure="log_odds", ngram_range=(1, 2))`` with the kit's
  tokenizer and its default article-level inference (rank-sum test per term over
  articles, Benjamini-Hochberg adjustment; median of 3 runs), the same with
  ``inference="tokens"`` (no article-level test; median of 3), and once more with scattertext's tokenisation rule
  (``\\w+`` runs, lower-cased) and its variance formula, to separate tokenisation
  differences from formula differences;
* scattertext 0.2.2: ``CorpusFromPandas(..., nlp=whitespace_nlp).build()``,
  ``get_term_freq_df()``, and ``LogOddsRatioInformativeDirichletPrior(priors,
  sigma=1000, scale_type="word")`` with priors = pooled term counts (so the prior is
  the same as ours: alpha_0 = 1000 spread in proportion to the pooled counts). One run.

Terms are aligned by their exact string (unigrams, and bigrams joined by one space in
both tools) and compared on terms seen at least ``--min-count`` times in both tools.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time

import pandas as pd
from _common import ALLSIDES, allsides_records, machine  # bench/_common.py
from scipy import stats

DATA = ALLSIDES


def load(outlets: tuple[str, str]) -> pd.DataFrame:
    rows = [
        {"outlet": rec["source"], "text": rec.get("content_original") or ""}
        for rec in allsides_records(DATA)
        if rec.get("source") in outlets
    ]
    return pd.DataFrame(rows)


def run_ours(df, a, b, **kw):
    from framing.keyness import keyness

    t0, c0 = time.perf_counter(), time.process_time()
    out = keyness(
        df, target=a, reference=b, measure="log_odds", ngram_range=(1, 2), min_count=1, **kw
    )
    return time.perf_counter() - t0, time.process_time() - c0, out


def run_scattertext(df, a, b):
    import scattertext as st
    from scattertext.termsignificance.LogOddsRatioInformativeDirichletPiror import (
        LogOddsRatioInformativeDirichletPrior,
    )

    t0, c0 = time.perf_counter(), time.process_time()
    corpus = st.CorpusFromPandas(
        df, category_col="outlet", text_col="text", nlp=st.whitespace_nlp
    ).build()
    t_build = time.perf_counter() - t0
    tdf = corpus.get_term_freq_df()
    priors = tdf.sum(axis=1)
    scorer = LogOddsRatioInformativeDirichletPrior(priors, sigma=1000, scale_type="word")
    z = scorer.get_zeta_i_j_given_separate_counts(tdf[f"{a} freq"], tdf[f"{b} freq"])
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    return total, cpu, t_build, pd.DataFrame({"n": priors, "z": z})


def compare(ours: pd.DataFrame, theirs: pd.DataFrame, min_count: int):
    o = ours.assign(n=ours.n_target + ours.n_reference).set_index("term")
    o = o[o.n >= min_count]
    t = theirs[theirs.n >= min_count]
    shared = o.index.intersection(t.index)
    rho = stats.spearmanr(o.loc[shared, "z"], t.loc[shared, "z"]).statistic
    return len(o), len(t), len(shared), rho


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outlet-a", default="CNN (Web News)")
    ap.add_argument("--outlet-b", default="Washington Times")
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args()
    if not DATA.exists():
        raise SystemExit(f"data not found: {DATA}")
    a, b = args.outlet_a, args.outlet_b
    df = load((a, b))
    print(machine())
    print(
        f"python {platform.python_version()}; {len(df)} articles ({a}: {(df.outlet == a).sum()}, {b}: {(df.outlet == b).sum()})"
    )

    times, cpus, t_tok, c_tok = [], [], [], []
    for _ in range(3):
        t, c, ours = run_ours(df, a, b)
        times.append(t)
        cpus.append(c)
        t, c, _ = run_ours(df, a, b, inference="tokens")
        t_tok.append(t)
        c_tok.append(c)
    t_ours, c_ours = statistics.median(times), statistics.median(cpus)
    t_tokens, c_tokens = statistics.median(t_tok), statistics.median(c_tok)
    word = re.compile(r"\w+")
    t_ours_ws, c_ours_ws, ours_ws = run_ours(
        df, a, b, tokenizer=lambda s: word.findall(s.lower()), variance="full"
    )
    t_st, c_st, t_st_build, theirs = run_scattertext(df, a, b)

    print(
        f"framing.keyness (kit tokenizer, article-level p-values, median of 3): {t_ours:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in times)}), CPU {c_ours:.2f} s"
    )
    print(
        f"framing.keyness (inference='tokens', median of 3): {t_tokens:.2f} s, CPU {c_tokens:.2f} s"
    )
    print(f"framing.keyness (\\w+ tokens, full variance): {t_ours_ws:.2f} s")
    print(f"scattertext 0.2.2: {t_st:.2f} s, of which corpus build {t_st_build:.2f} s")
    print(
        f"speed-up (kit tokenizer, article-level p): {t_st / t_ours:.1f}x; tokens only: "
        f"{t_st / t_tokens:.1f}x; (\\w+ tokens): {t_st / t_ours_ws:.1f}x"
    )
    print(
        f"CPU time: ours {c_ours:.2f} s (\\w+: {c_ours_ws:.2f} s), scattertext {c_st:.2f} s "
        f"-> {c_st / c_ours:.1f}x (\\w+: {c_st / c_ours_ws:.1f}x; tokens only {c_st / c_tokens:.1f}x)"
    )
    print(f"load average: {os.getloadavg()}")
    for label, res in [
        ("kit tokenizer, approx variance", ours),
        ("\\w+ tokens, full variance", ours_ws),
    ]:
        n_o, n_t, n_s, rho = compare(res, theirs, args.min_count)
        print(
            f"Spearman z ({label}) on {n_s} shared terms with count >= {args.min_count} "
            f"(ours {n_o}, scattertext {n_t}): {rho:.4f}"
        )


if __name__ == "__main__":
    main()
