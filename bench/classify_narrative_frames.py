"""Benchmark: FrameClassifier and coder reliability on the Narrative Frames Corpus.

Frermann, L., Li, J., Khanehzar, S., & Mikolajczak, G. (2023). Conflicts, villains,
resolutions: Towards models of narrative media framing. ACL 2023, 8712-8732.
428 climate-change articles, five binary frames (RE resolution, HI human interest,
CO conflict, MO moral, EC economic), the paper's cross-validation folds in
``splits/`` and every annotator's answers in ``full_annotations.json``.

Reads ../shared/data/narrative_frames (never copied into the repo); prints markdown
for bench/RESULTS.md.

    .venv/bin/python bench/classify_narrative_frames.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "narrative_frames"
FRAMES = ["RE", "HI", "CO", "MO", "EC"]
# DATA_README.md: the questions verified as predictive of each frame
QUESTIONS = {
    "CO": ["co1", "co2", "co3"],
    "EC": ["ec1", "ec2", "ec3"],
    "HI": ["hi1", "hi2", "hi5"],
    "MO": ["mo1", "mo2"],
    "RE": ["re1", "re5"],
}


def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    df = pd.read_csv(DATA / "articles_metadata.tsv", sep="\t", dtype={"ID": str})
    df = df.rename(columns={"ID": "doc_id", "source": "outlet"})
    df["title"] = ""
    present = df[FRAMES].astype(str).eq("True")
    rows = [
        (d, f)
        for d, row in zip(df["doc_id"], present.to_numpy(), strict=True)
        for f, v in zip(FRAMES, row, strict=True)
        if v
    ]
    labels = pd.DataFrame(rows, columns=["doc_id", "frame"])
    none = sorted(set(df["doc_id"]) - set(labels["doc_id"]))
    labels = pd.concat([labels, pd.DataFrame({"doc_id": none, "frame": None})], ignore_index=True)
    return df, labels


def folds(df: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    pos = {d: i for i, d in enumerate(df["doc_id"])}
    out = []
    k = 1
    while (DATA / "splits" / f"fold{k}_train.ids").is_file():
        tr = (DATA / "splits" / f"fold{k}_train.ids").read_text().split()
        te = (DATA / "splits" / f"fold{k}_test.ids").read_text().split()
        out.append((np.array([pos[d] for d in tr]), np.array([pos[d] for d in te])))
        k += 1
    return out


def annotator_codes() -> pd.DataFrame:
    """Per annotator: a frame is present when any of its questions is answered yes."""
    raw = json.loads((DATA / "full_annotations.json").read_text(encoding="utf-8"))
    rows = []
    for doc, item in raw.items():
        for a in range(4):
            answers = {q: item[q][1][a] for qs in QUESTIONS.values() for q in qs}
            if all(v == -1 for v in answers.values()):
                continue  # annotator a did not label this article
            got = [f for f, qs in QUESTIONS.items() if any(answers[q] == "yes" for q in qs)]
            for f in got or ["none"]:  # "none" keeps coders who saw no frame in the table
                rows.append({"doc_id": doc, "coder": f"annotator_{a + 1}", "frame": f})
    return pd.DataFrame(rows)


def question_alpha() -> pd.DataFrame:
    from framing.annotate import reliability

    raw = json.loads((DATA / "full_annotations.json").read_text(encoding="utf-8"))
    rows = []
    for f, qs in QUESTIONS.items():
        for q in qs:
            codes = pd.DataFrame(
                [
                    {"doc_id": d, "coder": f"a{a}", "frame": str(item[q][1][a])}
                    for d, item in raw.items()
                    for a in range(4)
                    if item[q][1][a] != -1
                ]
            )
            alpha = reliability(codes).alpha
            rows.append({"frame": f, "question": q, "alpha": alpha, "n_codes": len(codes)})
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    from framing.annotate import reliability
    from framing.classify import FrameClassifier, evaluate

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--boot", type=int, default=1000)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"Narrative Frames Corpus not found at {DATA}", file=sys.stderr)
        return 1
    df, labels = load()
    cv = folds(df)
    print(
        f"{len(df)} articles, {df['outlet'].nunique()} outlets, {len(cv)} folds in splits/; "
        f"{labels['frame'].isna().sum()} articles without any frame",
        flush=True,
    )
    configs = {
        "default (unigrams, C=3)": {},
        "uni+bigrams": {"ngram_range": (1, 2)},
        "default + news_frames lexicon": {"lexicon": "news_frames"},
    }
    per_frame = {}
    print(
        "\n| model | macro-F1 pooled [95% CI] | macro-F1 per fold (mean ± sd) | "
        + " | ".join(f"F1 {f}" for f in FRAMES)
        + " |"
    )
    print("|---|---|---|" + "---|" * len(FRAMES))
    for name, params in configs.items():
        t0 = time.perf_counter()
        try:
            res = evaluate(
                FrameClassifier(**params), df, labels, cv=cv, n_boot=args.boot, learning_curve=None
            )
        except ImportError as exc:  # e.g. the lexicon module is not available yet
            print(f"| {name} | skipped: {exc} |")
            continue
        secs = time.perf_counter() - t0
        from sklearn.metrics import f1_score

        pred = res.predictions
        fold_f1 = {}
        for f, g in pred.groupby("fold"):
            T = np.array([[fr in v.split(";") for fr in FRAMES] for v in g["true"]])
            P = np.array([[fr in v.split(";") for fr in FRAMES] for v in g["predicted"]])
            fold_f1[f] = f1_score(T, P, average="macro", zero_division=0)
        vals = np.array(list(fold_f1.values()))
        s = res.scores.set_index(["model", "metric"])
        pf = res.per_frame.set_index("frame")["f1"]
        per_frame[name] = res
        rows = [("classifier", name)]
        if not params:  # the baselines do not depend on the classifier's settings
            rows += [
                ("dummy_most_frequent", "Dummy most_frequent"),
                ("dummy_stratified", "Dummy stratified"),
            ]
        for model, label in rows:
            m = s.loc[(model, "macro_f1")]
            if model == "classifier":
                frames = " | ".join(f"{pf[f]:.3f}" for f in FRAMES)
                folds_txt = f"{vals.mean():.3f} ± {vals.std(ddof=1):.3f}"
            else:
                frames = " | ".join("" for _ in FRAMES)
                folds_txt = ""
            print(
                f"| {label} | {m['estimate']:.3f} [{m['ci_low']:.3f}, {m['ci_high']:.3f}] | {folds_txt} | {frames} |",
                flush=True,
            )
        print(f"<!-- {name}: {secs:.1f} s for {len(cv)} folds + bootstrap -->", flush=True)
    base = per_frame.get("default (unigrams, C=3)")
    if base is not None:
        print("\nDefault classifier, per frame (pooled out-of-fold):")
        print(base.per_frame.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    codes = annotator_codes()
    rel = reliability(codes)
    print(
        f"\nReliability of the 4 annotators: {rel.n_docs} articles with >= 2 annotators; "
        f"alpha over the frame set {rel.alpha:.3f}"
    )
    print(
        rel.per_frame[rel.per_frame["frame"] != "none"].to_string(
            index=False, float_format=lambda v: f"{v:.3f}"
        )
    )
    print(rel.kappa.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(question_alpha().to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
