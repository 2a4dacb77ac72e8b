"""Benchmark: a Russian run: language detection, Snowball stemming and language checks.

../shared/data holds no Russian (nor other non-English) frame-coded news, so this runs
on the small synthetic Russian corpus written for the kit's tests
(tests/fixtures/russian_news.py: original sentences, three planted frames, many
inflected forms). Each article has one sentence of its frame and three neutral ones;
20 corpora are drawn (seeds 0-19, 10 articles per frame) and each is cross-validated
(stratified 5-fold) with the default FrameClassifier, stemmed (the default for Russian)
and unstemmed. It shows the mechanics at work, not accuracy on real Russian news.

    .venv/bin/python bench/classify_russian.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


def main() -> int:
    from russian_news import build

    from framing.classify import FrameClassifier, TextFeatures, evaluate
    from framing.lexicon import score
    from framing.sentiment import vader_scores
    from framing.text import detect_language

    rows = []
    for seed in range(20):
        docs, labels = build(10, seed=seed, n_frame=1, n_neutral=3)
        out = {}
        for stem in (False, True):
            res = evaluate(
                FrameClassifier(stem=stem), docs, labels, n_boot=1, learning_curve=None, seed=seed
            )
            s = res.scores.set_index(["model", "metric"])["estimate"]
            out[stem] = (s[("classifier", "macro_f1")], s[("classifier", "micro_f1")])
        model = FrameClassifier().fit(docs, labels["frame"])
        types = [
            len(
                TextFeatures(language="ru", stem=st, min_df=1)
                .fit(docs["text"])
                .vocabularies_["words"]
            )
            for st in (False, True)
        ]
        rows.append((*out[False], *out[True], model.language_, *types))
    a = np.array([r[:4] for r in rows], dtype=float)
    diff = a[:, 2] - a[:, 0]
    rng = np.random.default_rng(0)
    boot = [diff[rng.integers(0, len(diff), len(diff))].mean() for _ in range(2000)]
    lo, hi = np.percentile(boot, [2.5, 97.5])
    print(f"language chosen by FrameClassifier(language='auto'): {sorted({r[4] for r in rows})}")
    print(
        f"distinct words per corpus: {np.mean([r[5] for r in rows]):.0f} as written, "
        f"{np.mean([r[6] for r in rows]):.0f} Snowball stems (mean over the 20 corpora)"
    )
    print("\n| 20 synthetic corpora, 30 articles each | macro-F1 (mean) | micro-F1 (mean) |")
    print("|---|---|---|")
    print(f"| unstemmed | {a[:, 0].mean():.3f} | {a[:, 1].mean():.3f} |")
    print(f"| Snowball (Russian) stems | {a[:, 2].mean():.3f} | {a[:, 3].mean():.3f} |")
    print(
        f"\nstemmed minus unstemmed, macro-F1: {diff.mean():+.3f} [{lo:+.3f}, {hi:+.3f}] "
        f"(bootstrap over corpora); better in {(diff > 0).sum()} of 20, worse in {(diff < 0).sum()}"
    )
    docs, _ = build(10, seed=0)
    detected = detect_language((docs["text"]).tolist())
    counts = {str(k): int(v) for k, v in zip(*np.unique(detected, return_counts=True), strict=True)}
    print(f"\ndetect_language on the 30 texts: {counts}")
    for what, run in (
        ("score(docs, 'news_frames')", lambda: score(docs, "news_frames", cache=False)),
        ("vader_scores(docs)", lambda: vader_scores(docs, n_jobs=1, cache=False)),
    ):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            out = run()
        msgs = [f"{w.category.__name__}: {w.message}" for w in seen]
        print(f"\n{what}:\n  " + "\n  ".join(msgs))
        print(f"  attrs['language_check'] = {out.attrs.get('language_check')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
