"""Draw judged samples of quote extraction on real news, and score them.

Validation of :func:`framing.voices.extract_quotes` on AllSides (Baly et al. 2020),
recorded in ``framing/voices/VALIDATION.md``. Two samples per round, from articles
not used in an earlier round:

- **quotes** (precision and attribution): detected quotes drawn with a fixed seed, at
  most ``--per-doc`` per article and ``--per-outlet`` per outlet, so they spread over
  many outlets. Each is judged: is it a quote (``is_quote``), does the span cover it
  (``span``: exact / partial / wrong), is the resolved speaker right (``speaker_ok``),
  is the actor group right (``group_ok``);
- **sentences** (recall): random sentences of the same kind of articles, judged for how
  many quotes they hold (``n_true``) and how many of those the kit found (``n_found``).

Steps::

    # 1. import AllSides once (bench/_work is git-ignored)
    .venv/bin/framing corpus import ../shared/data/allsides/articles.jsonl.gz \
        --out bench/_work/allsides --text-col content_original --outlet-col source \
        --id-col ID --date-col date --lenient
    # 2. draw a round: writes the two CSVs (ids, offsets, empty label columns) and a
    #    text file to read while judging (article text; keep it out of the repository)
    .venv/bin/python bench/validate_voices.py sample --round 1 --seed 1 --out /tmp/r1
    # 3. score the judged files (all rounds, per round)
    .venv/bin/python bench/validate_voices.py score framing/voices/judgments
    # a second judge: reading text of blank copies of a round's files (label columns
    # emptied), then agreement with the first judge and the figures under each
    .venv/bin/python bench/validate_voices.py sheet --quotes blank_quotes.csv \
        --sentences blank_sentences.csv --out /tmp/judge2
    .venv/bin/python bench/validate_voices.py agree --round 5 \
        --quotes framing/voices/judgments/round5_judge2_quotes.csv \
        --sentences framing/voices/judgments/round5_judge2_sentences.csv

Offsets refer to the article text as the kit imports it (NFC, normalised white space);
``text_sha256`` in each row lets a reader check that they have the same text.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

import pandas as pd
from _common import ROOT, wilson  # bench/_common.py

CORPUS = ROOT / "bench" / "_work" / "allsides" / "articles.parquet"
JUDGED = ROOT / "framing" / "voices" / "judgments"
QUOTE_FIELDS = ["round", "seed", "item", "doc_id", "outlet", "text_sha256", "kind", "start",
                "end", "speaker_start", "speaker_end", "resolution", "group", "is_quote",
                "span", "speaker_ok", "group_ok", "note"]  # fmt: skip
SENT_FIELDS = ["round", "seed", "item", "doc_id", "outlet", "text_sha256", "sentence_start",
               "sentence_end", "stratum", "stratum_size", "n_detected", "n_true", "n_found",
               "note"]  # fmt: skip


def _used_docs() -> set[str]:
    used = set()
    for name in ("quotes_judged.csv", "sentences_judged.csv"):
        path = JUDGED / name
        if path.exists():
            used |= set(pd.read_csv(path, dtype=str)["doc_id"])
    return used


def _mark(text, spans):
    """Text with [[quote]] and {{speaker}} markers (for the judge's eyes only)."""
    inserts = []
    for s, e, a, b in spans:
        inserts += [(s, "[["), (e, "]]")]
        if a >= 0:
            inserts += [(a, "{{"), (b, "}}")]
    out, last = [], 0
    for pos, tag in sorted(inserts, key=lambda x: (x[0], x[1] in ("]]", "}}"))):
        out.append(text[last:pos])
        out.append(tag)
        last = pos
    out.append(text[last:])
    return "".join(out)


def _quote_entry(head: str, text: str, paras, p: int, q) -> str:
    """One quote of the reading text: ``head``, the end of the previous paragraph and the
    quote's passage (its sentence, 300 characters before, 150 after, within paragraph
    ``p``) with the quote and the speaker mention marked. ``q`` holds ``start, end,
    sentence_start, sentence_end, speaker_start, speaker_end``."""
    lo = max(paras[p][0], min(q["start"], q["sentence_start"]) - 300)
    hi = min(paras[p][1], max(q["end"], q["sentence_end"]) + 150)
    if q["speaker_start"] >= 0:
        lo, hi = min(lo, q["speaker_start"]), max(hi, q["speaker_end"])
    prev = text[max(paras[p - 1][0], paras[p - 1][1] - 250) : paras[p - 1][1]] if p else ""
    spk = [(q["start"] - lo, q["end"] - lo,
            q["speaker_start"] - lo if q["speaker_start"] >= 0 else -1,
            q["speaker_end"] - lo)]  # fmt: skip
    return head + (f"  <prev> ...{prev}\n" if prev else "") + f"  {_mark(text[lo:hi], spk)}\n"


def _sentence_entry(head: str, text: str, s: int, e: int, quotes) -> str:
    """One recall sentence of the reading text, the detected quotes of ``quotes`` (one
    article's) that overlap it marked."""
    mine = quotes[(quotes["start"] < e) & (quotes["end"] > s)]
    marks = [(max(a, s) - s, min(b, e) - s, -1, -1)
             for a, b in zip(mine["start"], mine["end"], strict=True)]  # fmt: skip
    return f"{head}\n{_mark(text[s:e], marks)}\n"


def sample(args) -> None:
    from framing.cache import text_hash
    from framing.voices import extract_quotes, paragraph_spans, sentence_spans

    corpus = pd.read_parquet(CORPUS, columns=["doc_id", "outlet", "text"])
    used = _used_docs()
    rng = random.Random(args.seed)
    pool = corpus[~corpus["doc_id"].isin(used)]
    # spread over outlets: at most --docs-per-outlet articles of each outlet
    picks = []
    for _, group in pool.groupby("outlet", sort=True):
        ids = group.index.tolist()
        picks += rng.sample(ids, min(len(ids), args.docs_per_outlet))
    rng.shuffle(picks)
    docs = pool.loc[picks[: args.docs]].reset_index(drop=True)
    quotes = extract_quotes(docs, cache=False)
    by_doc = dict(zip(docs["doc_id"], docs["text"], strict=True))
    outlet_of = dict(zip(docs["doc_id"], docs["outlet"], strict=True))
    # quotes: at most per-doc per article, per-outlet per outlet
    order = list(range(len(quotes)))
    rng.shuffle(order)
    taken, n_doc, n_outlet = [], {}, {}
    for i in order:
        q = quotes.iloc[i]
        d, o = q["doc_id"], outlet_of[q["doc_id"]]
        if n_doc.get(d, 0) >= args.per_doc or n_outlet.get(o, 0) >= args.per_outlet:
            continue
        n_doc[d] = n_doc.get(d, 0) + 1
        n_outlet[o] = n_outlet.get(o, 0) + 1
        taken.append(i)
        if len(taken) >= args.quotes:
            break
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows, lines = [], []
    for k, i in enumerate(taken):
        q = quotes.iloc[i]
        text = by_doc[q["doc_id"]]
        head = (f"#Q{k} {q['doc_id']} {outlet_of[q['doc_id']]} kind={q['kind']} "
                f"verb={q['verb']} speaker={q['speaker']!r} ({q['resolution']}) "
                f"group={q['group']}\n")  # fmt: skip
        lines.append(_quote_entry(head, text, paragraph_spans(text), int(q["paragraph"]), q))
        rows.append({"round": args.round, "seed": args.seed, "item": k, "doc_id": q["doc_id"],
                     "outlet": outlet_of[q["doc_id"]], "text_sha256": text_hash(text),
                     "kind": q["kind"], "start": q["start"], "end": q["end"],
                     "speaker_start": q["speaker_start"], "speaker_end": q["speaker_end"],
                     "resolution": q["resolution"], "group": q["group"]})  # fmt: skip
    pd.DataFrame(rows, columns=QUOTE_FIELDS).to_csv(out / "quotes.csv", index=False)
    (out / "quotes.txt").write_text("\n".join(lines), encoding="utf-8")
    # sentences (recall): stratified - stratum "cue" holds sentences with a quotation
    # mark, a speech-verb form or "according to"; stratum "other" the rest. Recall is
    # weighted by the strata's sizes in the sampled articles (see score()).
    from framing.voices import verb_table

    cue_re = verb_table()[0]
    strata: dict[str, list] = {"cue": [], "other": []}
    for j in range(len(docs)):
        text = docs["text"][j]
        for ps, pe in paragraph_spans(text):
            for s, e in sentence_spans(text, ps, pe):
                piece = text[s:e]
                cue = (
                    any(c in piece for c in '"“”') or "ccording to" in piece or cue_re.search(piece)
                )
                strata["cue" if cue else "other"].append((j, s, e))
    picks = [("cue", x) for x in rng.sample(strata["cue"], args.sentences)]
    picks += [("other", x) for x in rng.sample(strata["other"], args.other_sentences)]
    srows, slines = [], []
    for k, (stratum, (j, s, e)) in enumerate(picks):
        d, text = docs["doc_id"][j], docs["text"][j]
        mine = quotes[(quotes["doc_id"] == d) & (quotes["start"] < e) & (quotes["end"] > s)]
        slines.append(_sentence_entry(f"#S{k} {d} {outlet_of[d]} {stratum} "
                                      f"detected={len(mine)}", text, s, e, mine))  # fmt: skip
        srows.append({"round": args.round, "seed": args.seed, "item": k, "doc_id": d,
                      "outlet": outlet_of[d], "text_sha256": text_hash(text),
                      "sentence_start": s, "sentence_end": e, "stratum": stratum,
                      "stratum_size": len(strata[stratum]), "n_detected": len(mine)})  # fmt: skip
    pd.DataFrame(srows, columns=SENT_FIELDS).to_csv(out / "sentences.csv", index=False)
    (out / "sentences.txt").write_text("\n".join(slines), encoding="utf-8")
    print(f"round {args.round}: {len(rows)} quotes from {len(n_doc)} articles of "
          f"{len(n_outlet)} outlets; {len(srows)} sentences -> {out}")  # fmt: skip


def sheet(args) -> None:
    """Reading text for a second judge of already-sampled items: the rows of a blank
    quotes sheet and/or sentences sheet (the judged files' columns, labels empty) are
    marked in their articles as ``sample`` marks them, after checking ``text_sha256``.
    Writes ``quotes.txt`` / ``sentences.txt`` (article text: keep them out of the
    repository) into ``--out``."""
    from framing.cache import text_hash
    from framing.voices import extract_quotes, paragraph_spans

    out = Path(args.out).resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit(f"--out {out} is inside the repository; article text must stay "
                         "out of it: give a folder such as /tmp/judge2")  # fmt: skip
    blanks = {name: pd.read_csv(path, dtype={"doc_id": str})
              for name, path in (("quotes", args.quotes), ("sentences", args.sentences))
              if path}  # fmt: skip
    ids = set().union(*(set(b["doc_id"]) for b in blanks.values()))
    corpus = pd.read_parquet(CORPUS, columns=["doc_id", "outlet", "text"])
    docs = corpus[corpus["doc_id"].isin(ids)].reset_index(drop=True)
    by_doc = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for name, blank in blanks.items():
        bad = [f"item {r.item} ({r.doc_id})" for r in blank.itertuples()
               if r.doc_id not in by_doc or text_hash(by_doc[r.doc_id]) != r.text_sha256]  # fmt: skip
        if bad:
            raise SystemExit(f"{name}: {len(bad)} row(s) whose article is missing or whose "
                             f"text_sha256 differs from the imported text: {bad[:5]}; "
                             "re-import AllSides as the module docstring says")  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    quotes = extract_quotes(docs, cache=False)
    if "quotes" in blanks:
        key = ["doc_id", "start", "end", "speaker_start"]
        found = quotes.drop_duplicates(key).set_index(key)
        lines = []
        for r in blanks["quotes"].itertuples():
            text = by_doc[r.doc_id]
            paras = paragraph_spans(text)
            k = (r.doc_id, r.start, r.end, r.speaker_start)
            spans = {"start": r.start, "end": r.end, "speaker_start": r.speaker_start,
                     "speaker_end": r.speaker_end, "sentence_start": r.start,
                     "sentence_end": r.end, "verb": "?", "speaker": "?"}  # fmt: skip
            if k in found.index:  # else the rules changed: the span alone is marked
                spans.update(found.loc[k, ["sentence_start", "sentence_end", "verb", "speaker"]])
            p = next(i for i, (a, b) in enumerate(paras) if a <= r.start < b)
            head = (f"#Q{r.item} {r.doc_id} {r.outlet} kind={r.kind} verb={spans['verb']} "
                    f"speaker={spans['speaker']!r} ({r.resolution}) "
                    f"group={r.group if isinstance(r.group, str) else '<NA>'}\n")  # fmt: skip
            lines.append(_quote_entry(head, text, paras, p, spans))
        (out / "quotes.txt").write_text("\n".join(lines), encoding="utf-8")
    if "sentences" in blanks:
        slines = []
        for r in blanks["sentences"].itertuples():
            slines.append(_sentence_entry(
                f"#S{r.item} {r.doc_id} {r.outlet} {r.stratum} detected={r.n_detected}",
                by_doc[r.doc_id], r.sentence_start, r.sentence_end,
                quotes[quotes["doc_id"] == r.doc_id]))  # fmt: skip
        (out / "sentences.txt").write_text("\n".join(slines), encoding="utf-8")
    print(f"sheet: {', '.join(f'{len(b)} {n}' for n, b in blanks.items())} -> {out}")


def _rate(k, n):
    lo, hi = wilson(k, n)
    return f"{k / n:.3f} [{lo:.3f}, {hi:.3f}] ({k}/{n})" if n else "n/a"


def _weighted_ci(s, q, n_boot: int = 2000, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals of the weighted recall and of F1: sentences
    resampled within each stratum, judged quotes resampled independently for the
    precision (Efron & Tibshirani 1993, ch. 13)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    parts = [part for _, part in s.groupby(["round", "stratum"])]
    is_quote = q["is_quote"].to_numpy()
    recalls, f1s = [], []
    for _ in range(n_boot):
        draw = [p.iloc[rng.integers(0, len(p), len(p))] for p in parts]
        r = _weighted_recall(pd.concat(draw))
        p = is_quote[rng.integers(0, len(is_quote), len(is_quote))].mean()
        recalls.append(r)
        f1s.append(2 * p * r / (p + r) if p + r else math.nan)
    return {
        name: tuple(float(x) for x in np.nanpercentile(stats, [2.5, 97.5]))
        for name, stats in (("recall", recalls), ("f1", f1s))
    }


def _weighted_recall(s) -> float:
    """Recall over strata: each stratum's found and true counts per sampled sentence,
    scaled by its size (round 1 drew sentences at random: one stratum of weight 1)."""
    if "stratum" not in s or s["stratum"].isna().all():
        true = s["n_true"].sum()
        return s["n_found"].sum() / true if true else math.nan
    found = true = 0.0
    for (_, _), part in s.groupby(["round", "stratum"]):
        weight = part["stratum_size"].iloc[0] / len(part)
        found += weight * part["n_found"].sum()
        true += weight * part["n_true"].sum()
    return found / true if true else math.nan


def figures(q, s) -> dict[str, tuple[float, float, float]]:
    """Precision, weighted recall, F1 and speaker accuracy of one round's judged quotes
    ``q`` and sentences ``s``, each ``(estimate, ci_low, ci_high)``: Wilson intervals for
    the proportions, the bootstrap of :func:`_weighted_ci` for recall and F1 (as
    ``score`` prints them)."""
    tp = int(q["is_quote"].sum())
    p = tp / len(q)
    r = _weighted_recall(s)
    f1 = 2 * p * r / (p + r) if p + r else math.nan
    ci = _weighted_ci(s, q)
    real = q[q["is_quote"] == 1]
    k = int(real["speaker_ok"].sum())
    return {
        "precision": (p, *wilson(tp, len(q))),
        "recall": (r, *ci["recall"]),
        "f1": (f1, *ci["f1"]),
        "speaker": (k / len(real), *wilson(k, len(real))),
    }


def score(args) -> None:
    folder = Path(args.folder)
    quotes = pd.read_csv(args.quotes or folder / "quotes_judged.csv")
    sents = pd.read_csv(args.sentences or folder / "sentences_judged.csv")
    for rnd in [*sorted(quotes["round"].unique()), "all"]:
        q = quotes if rnd == "all" else quotes[quotes["round"] == rnd]
        s = sents if rnd == "all" else sents[sents["round"] == rnd]
        tp = int(q["is_quote"].sum())
        p = tp / len(q)
        true, found = int(s["n_true"].sum()), int(s["n_found"].sum())
        r = _weighted_recall(s)
        if rnd == "all":
            r = found / true if true else math.nan
        f1 = 2 * p * r / (p + r) if p + r else math.nan
        real = q[q["is_quote"] == 1]
        spans = real["span"].value_counts().to_dict()
        print(
            f"round {rnd}: {len(q)} quotes, {q['doc_id'].nunique()} articles, "
            f"{q['outlet'].nunique()} outlets; {len(s)} sentences"
        )
        print(f"  precision {_rate(tp, len(q))}")
        if rnd == "all":  # rounds drew sentences differently: pooled counts only
            print(f"  recall    unweighted {_rate(found, true)}")
        else:
            ci = {"recall": "", "f1": ""}
            if "stratum" in s and s["stratum"].notna().all():
                ci = {k: f" [{lo:.3f}, {hi:.3f}]" for k, (lo, hi) in _weighted_ci(s, q).items()}
            print(
                f"  recall    {r:.3f}{ci['recall']} weighted by strata; "
                f"unweighted {_rate(found, true)}"
            )
        if "stratum" in s and s["stratum"].notna().any():
            for name, part in s.groupby("stratum"):
                print(
                    f"    {name}: {int(part['n_found'].sum())}/{int(part['n_true'].sum())} "
                    f"quotes found in {len(part)} sentences"
                )
        f1_ci = f"{ci['f1']} (bootstrap)" if rnd != "all" and ci["f1"] else ""
        print(f"  F1        {f1:.3f}{f1_ci}")
        print(f"  span of true quotes: {spans}")
        print(f"  speaker   {_rate(int(real['speaker_ok'].sum()), len(real))}")
        judged = real[real["group_ok"].notna()]
        print(f"  group     {_rate(int(judged['group_ok'].sum()), len(judged))}")
        for kind in ("direct", "indirect"):
            qk = q[q["kind"] == kind]
            rk = qk[qk["is_quote"] == 1]
            print(f"    {kind}: precision {_rate(int(qk['is_quote'].sum()), len(qk))}, "
                  f"speaker {_rate(int(rk['speaker_ok'].sum()), len(rk))}")  # fmt: skip


def agreement(one: pd.DataFrame, two: pd.DataFrame, *, n_boot: int = 2000, seed: int = 0):
    """Agreement of two judges on the same items, one row per label: ``label, metric,
    n, agreement`` (share of items with the same value), ``alpha, alpha_ci_low,
    alpha_ci_high`` (Krippendorff's alpha; percentile bootstrap over items, Hayes &
    Krippendorff 2007) and ``kappa`` (Cohen 1960, nominal labels). Nominal labels go
    through the kit's :func:`framing.annotate.reliability`; counts (``n_true``,
    ``n_found``) take the interval metric (:func:`framing.annotate.krippendorff_alpha`). A label is compared on the items both judges
    gave it (``span`` and ``speaker_ok`` on items both judged true quotes, ``group_ok``
    where both judged the speaker right)."""
    import numpy as np

    from framing.annotate import krippendorff_alpha, reliability

    rows = []
    for label in [c for c in ("is_quote", "span", "speaker_ok", "group_ok", "n_true", "n_found")
                  if c in one and c in two]:  # fmt: skip
        both = pd.DataFrame({"a": one[label], "b": two[label]}).dropna()
        if label in ("n_true", "n_found"):
            codes = pd.DataFrame({
                "doc_id": np.repeat(both.index.astype(str), 2),
                "coder": ["judge1", "judge2"] * len(both),
                "value": both[["a", "b"]].astype(float).to_numpy().ravel(),
            })  # fmt: skip
            r = krippendorff_alpha(codes, metric="interval", n_boot=n_boot, seed=seed)
            alpha, lo, hi = r["alpha"], r["ci_low"], r["ci_high"]
            kappa, metric = math.nan, "interval"
        else:
            as_str = both.astype(str).apply(lambda c: c.str.replace(r"\.0$", "", regex=True))
            codes = pd.DataFrame({
                "doc_id": np.repeat(both.index.astype(str), 2),
                "coder": ["judge1", "judge2"] * len(both),
                "frame": as_str.to_numpy().ravel(),
            })  # fmt: skip
            rel = reliability(codes, n_boot=n_boot, seed=seed)
            alpha, lo, hi = rel.alpha, rel.alpha_ci_low, rel.alpha_ci_high
            kappa, metric = float(rel.kappa["kappa"].iloc[0]), "nominal"
        rows.append({"label": label, "metric": metric, "n": len(both),
                     "agreement": float((both["a"] == both["b"]).mean()), "alpha": alpha,
                     "alpha_ci_low": lo, "alpha_ci_high": hi, "kappa": kappa})  # fmt: skip
    return pd.DataFrame(rows)


def _pair(one: pd.DataFrame, two: pd.DataFrame, keys: list[str]) -> tuple:
    """The two judges' rows of the same items, aligned by ``item`` (the sampled ids and
    offsets must be identical)."""
    one, two = one.set_index("item").sort_index(), two.set_index("item").sort_index()
    if list(one.index) != list(two.index) or not one[keys].equals(two[keys]):
        raise SystemExit("the two judges' files hold different items: compare the same "
                         f"round's sample (columns {keys})")  # fmt: skip
    return one, two


def agree(args) -> None:
    """Agreement of a second judge with the first on one round, and the round's figures
    under each judge's labels."""
    folder = Path(args.folder)
    q1 = pd.read_csv(folder / "quotes_judged.csv")
    s1 = pd.read_csv(folder / "sentences_judged.csv")
    q1, s1 = q1[q1["round"] == args.round], s1[s1["round"] == args.round]
    q2, s2 = pd.read_csv(args.quotes), pd.read_csv(args.sentences)
    q1, q2 = _pair(q1, q2, ["doc_id", "start", "end", "speaker_start"])
    s1, s2 = _pair(s1, s2, ["doc_id", "sentence_start", "sentence_end", "stratum"])
    q1, q2 = q1.copy(), q2.copy()
    for q in (q1, q2):  # labels that only apply to true quotes / right speakers
        q.loc[q["is_quote"] != 1, ["span", "speaker_ok", "group_ok"]] = math.nan
        q.loc[q["speaker_ok"] != 1, "group_ok"] = math.nan
    both_true = (q1["is_quote"] == 1) & (q2["is_quote"] == 1)
    table = pd.concat([
        agreement(q1[["is_quote"]], q2[["is_quote"]], n_boot=args.n_boot),
        agreement(q1.loc[both_true, ["span", "speaker_ok", "group_ok"]],
                  q2.loc[both_true, ["span", "speaker_ok", "group_ok"]], n_boot=args.n_boot),
        agreement(s1[["n_true", "n_found"]], s2[["n_true", "n_found"]], n_boot=args.n_boot),
    ], ignore_index=True)  # fmt: skip
    print(f"round {args.round}: agreement of judge 2 with judge 1 ({len(q1)} quotes, "
          f"{len(s1)} sentences; alpha 95% bootstrap over items, {args.n_boot} resamples)")  # fmt: skip
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print("figures under each judge's labels (estimate [95% interval]):")
    for name, (q, s) in {"judge 1": (q1, s1), "judge 2": (q2, s2)}.items():
        cells = [f"{k} {v:.3f} [{lo:.3f}, {hi:.3f}]" for k, (v, lo, hi) in
                 figures(q.reset_index(), s.reset_index()).items()]  # fmt: skip
        print(f"  {name}: " + "; ".join(cells))
    for label in ("is_quote", "span", "speaker_ok"):
        items = q1.index[both_true | (label == "is_quote")]
        diff = [i for i in items if str(q1.at[i, label]) != str(q2.at[i, label])]
        print(f"  {label} differs on items {diff}")
    diff = [i for i in s1.index
            if (s1.at[i, "n_true"], s1.at[i, "n_found"]) != (s2.at[i, "n_true"], s2.at[i, "n_found"])]  # fmt: skip
    print(f"  n_true/n_found differ on sentences {diff}")


def recheck(args) -> None:
    """How many judged quotes the current rules still detect identically (same span,
    speaker mention, resolution and actor group), per round, which judged spans are no
    longer found (with their labels), and which judged recall sentences gained or lost
    detections: rule changes after a round are checked against it (a changed item must
    then be looked at again: the labels belong to the old detection)."""
    from framing.voices import extract_quotes

    quotes = pd.read_csv(Path(args.folder) / "quotes_judged.csv")
    corpus = pd.read_parquet(CORPUS, columns=["doc_id", "text"])
    found = extract_quotes(corpus[corpus["doc_id"].isin(set(quotes["doc_id"]))], cache=False)
    cols = ["doc_id", "start", "end", "speaker_start", "resolution", "group"]
    keys = set(zip(*(found[c].astype(object).fillna("").astype(str) for c in cols), strict=True))
    quotes["same"] = [
        k in keys
        for k in zip(*(quotes[c].astype(object).fillna("").astype(str) for c in cols), strict=True)
    ]
    spans = set(zip(found["doc_id"], found["start"], found["end"], strict=True))
    quotes["gone"] = [
        (d, s, e) not in spans
        for d, s, e in zip(quotes["doc_id"], quotes["start"], quotes["end"], strict=True)
    ]
    for rnd, part in quotes.groupby("round"):
        changed = part[~part["same"]]
        gone = part[part["gone"]]
        print(
            f"round {rnd}: {int(part['same'].sum())}/{len(part)} judged quotes detected "
            f"identically by the current rules; changed items: {changed['item'].tolist()}; "
            f"span no longer found: {len(gone)} (judged true {int(gone['is_quote'].sum())}, "
            f"items {gone['item'].tolist()})"
        )
    # actor groups of the judged quotes with a right speaker whose span, mention and
    # resolution are unchanged: which groups the current rules and actors.yaml change
    key = ["doc_id", "start", "end", "speaker_start", "resolution"]
    now = found.drop_duplicates(key).set_index(key)["group"]
    right = quotes[(quotes["is_quote"] == 1) & (quotes["speaker_ok"] == 1)]
    right = right[[k in now.index for k in zip(*(right[c] for c in key), strict=True)]]
    group_now = [now.loc[k] for k in zip(*(right[c] for c in key), strict=True)]
    moved = right["group"].fillna("").to_numpy() != pd.Series(group_now).fillna("").to_numpy()
    for label, want in (("judged right", 1), ("judged wrong", 0)):
        mask = (right["group_ok"] == want).to_numpy()
        print(f"actor groups {label}: {int(mask.sum())} quotes, {int((moved & mask).sum())} "
              "now in another group")  # fmt: skip
    # recall samples: sentences whose number of overlapping detections changed
    sents = pd.read_csv(Path(args.folder) / "sentences_judged.csv")
    docs = set(sents["doc_id"])
    found = extract_quotes(corpus[corpus["doc_id"].isin(docs)], cache=False)
    by_doc = {d: part for d, part in found.groupby("doc_id")}
    for rnd, part in sents.groupby("round"):
        moved = []
        for row in part.itertuples():
            mine = by_doc.get(row.doc_id)
            n = (
                0
                if mine is None
                else int(
                    ((mine["start"] < row.sentence_end) & (mine["end"] > row.sentence_start)).sum()
                )
            )
            if n != row.n_detected:
                moved.append(f"{row.item}:{row.n_detected}->{n} (true {row.n_true}, "
                             f"found {row.n_found})")  # fmt: skip
        print(f"round {rnd} sentences: {len(moved)} with a changed number of detections "
              f"{moved}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--round", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--docs", type=int, default=400)
    s.add_argument("--docs-per-outlet", type=int, default=3)
    s.add_argument("--quotes", type=int, default=150)
    s.add_argument("--per-doc", type=int, default=2)
    s.add_argument("--per-outlet", type=int, default=4)
    s.add_argument("--sentences", type=int, default=120, help="sentences with a cue")
    s.add_argument("--other-sentences", type=int, default=40, help="sentences without one")
    s.set_defaults(func=sample)
    h = sub.add_parser("sheet", help="reading text of a blank sheet for another judge")
    h.add_argument("--quotes", help="blank quotes sheet (CSV)")
    h.add_argument("--sentences", help="blank sentences sheet (CSV)")
    h.add_argument("--out", required=True, help="folder outside the repository")
    h.set_defaults(func=sheet)
    c = sub.add_parser("score")
    c.add_argument("folder", nargs="?", default=str(JUDGED))
    c.add_argument("--quotes", help="judged quotes file (default: FOLDER/quotes_judged.csv)")
    c.add_argument("--sentences", help="judged sentences (default: FOLDER/sentences_judged.csv)")
    c.set_defaults(func=score)
    a = sub.add_parser("agree", help="agreement of a second judge with the first on a round")
    a.add_argument("folder", nargs="?", default=str(JUDGED), help="judge 1's judged files")
    a.add_argument("--round", type=int, required=True)
    a.add_argument("--quotes", required=True, help="judge 2's quotes of that round")
    a.add_argument("--sentences", required=True, help="judge 2's sentences of that round")
    a.add_argument("--n-boot", type=int, default=2000)
    a.set_defaults(func=agree)
    r = sub.add_parser("recheck")
    r.add_argument("folder", nargs="?", default=str(JUDGED))
    r.set_defaults(func=recheck)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
