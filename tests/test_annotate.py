"""Tests of framing.annotate: codebook, annotation files, reliability, gold labels."""

from __future__ import annotations

from collections import Counter
from itertools import permutations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.annotate import (
    gold_labels,
    krippendorff_alpha,
    load_annotations,
    load_codebook,
    reliability,
    suggest_to_annotate,
)
from framing.errors import AnnotationError

FIX = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"


def _alpha_reference(ann: pd.DataFrame) -> float:
    """Krippendorff's nominal alpha from the coincidence matrix (Krippendorff 2004, ch. 11)."""
    labels = ann.groupby(["doc_id", "coder"])["frame"].agg(lambda s: frozenset(s))
    o = Counter()
    for _, vals in labels.groupby(level="doc_id"):
        vals = list(vals)
        m = len(vals)
        if m < 2:
            continue
        for i, j in permutations(range(m), 2):
            o[(vals[i], vals[j])] += 1.0 / (m - 1)
    n = sum(o.values())
    n_c = Counter()
    for (a, _), v in o.items():
        n_c[a] += v
    d_o = sum(v for (a, b), v in o.items() if a != b) / n
    d_e = (n * n - sum(v * v for v in n_c.values())) / (n * (n - 1))
    return 1.0 - d_o / d_e


def test_load_codebook_demo():
    book = load_codebook(DEMO / "codebook.yaml")
    assert book.name == "demo_frames"
    assert len(book.names) == 15 and "pressure" in book.names
    assert set(book.frames.columns) >= {"frame", "definition"}


def test_load_codebook_errors(tmp_path):
    with pytest.raises(AnnotationError, match="not found"):
        load_codebook(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nframes: []\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="field 'frames'") as err:
        load_codebook(bad)
    assert err.value.field == "frames"


def test_load_annotations_ok():
    codes = load_annotations(
        FIX / "classify_codes.csv",
        codebook=FIX / "classify_codebook.yaml",
        corpus=["d1", "d2", "d3", "d4", "d5"],
    )
    assert list(codes.columns) == ["doc_id", "coder", "frame"]
    assert len(codes) == 10
    assert codes.attrs["source"] == "classify_codes.csv"


def test_load_annotations_reports_first_problem_with_payload():
    with pytest.raises(
        AnnotationError,
        match=r"line 3: frame 'conflcit' is not in the codebook\. Did you mean 'conflict'",
    ) as err:
        load_annotations(
            FIX / "classify_codes_problems.csv",
            codebook=FIX / "classify_codebook.yaml",
            corpus=["d1", "d2", "d3"],
        )
    e = err.value
    assert (e.line, e.field, e.value) == (3, "frame", "conflcit")
    assert str(e.path).endswith("classify_codes_problems.csv")
    kinds = {(p["line"], p["field"]) for p in e.problems}
    # duplicate code on line 4, unknown doc on line 5, empty coder on line 6
    assert kinds == {(3, "frame"), (4, "frame"), (5, "doc_id"), (6, "coder")}
    dup = next(p for p in e.problems if p["line"] == 4)
    assert "twice (first on line 2)" in dup["message"]


def test_load_annotations_missing_columns():
    with pytest.raises(AnnotationError, match=r"missing column\(s\) \['doc_id', 'frame'\]") as err:
        load_annotations(FIX / "classify_codes_nocolumn.csv")
    assert err.value.line == 1


def test_reliability_matches_reference_formula():
    codes = load_annotations(FIX / "classify_codes.csv")
    res = reliability(codes)
    assert res.alpha == pytest.approx(14 / 46)  # worked by hand from the coincidence matrix
    assert res.alpha == pytest.approx(_alpha_reference(codes))
    assert res.n_docs == 4 and res.n_coders == 3
    assert any("one coder only" in n for n in res.notes)
    assert set(res.disagreements["doc_id"]) == {"d3", "d4"}
    pair = res.kappa.set_index(["coder_1", "coder_2"]).loc[("ann", "bob")]
    assert pair["n_docs"] == 4 and pair["agreement"] == pytest.approx(0.75)
    assert set(res.per_frame["frame"]) == {"peace", "conflict", "economic"}
    assert "Krippendorff" in res.summary()
    assert repr(res).startswith("ReliabilityResult(alpha=0.304 [")
    assert repr(res).endswith("n_docs=4, n_coders=3, disagreements=2)")


def test_reliability_demo_matches_readme():
    codes = load_annotations(DEMO / "annotations.csv", codebook=DEMO / "codebook.yaml")
    res = reliability(codes)
    assert round(res.alpha, 3) == 0.738  # printed by corpora/demo/build.py
    assert res.alpha == pytest.approx(_alpha_reference(codes))
    assert res.kappa["kappa"].iloc[0] == pytest.approx(0.738, abs=0.005)
    assert len(res.disagreements) == 43
    assert res.per_frame["alpha"].between(0, 1).all()


def test_reliability_multilabel_per_frame():
    codes = load_annotations(FIX / "classify_codes_multi.csv")
    res = reliability(codes)
    pf = res.per_frame.set_index("frame")
    # conflict: d1 (1,0), d2 (0,1), d3 (1,1) -> disagreement on two of three docs
    assert pf.loc["conflict", "n_codes"] == 4
    assert pf.loc["peace", "alpha"] == pytest.approx(1.0)
    assert res.alpha < 0.5


def test_gold_labels_majority_ties_and_adjudicator():
    codes = load_annotations(FIX / "classify_codes.csv")
    g = gold_labels(codes)
    assert g.set_index("doc_id")["frame"].to_dict() == {
        "d1": "peace",
        "d2": "conflict",
        "d4": "peace",
        "d5": "economic",
    }
    assert g.attrs["n_ties"] == 1 and g.attrs["ties"]["doc_id"].tolist() == ["d3"]
    assert g.set_index("doc_id").loc["d4", "rule"] == "majority"
    g2 = gold_labels(codes, adjudicator="ann")
    assert g2.set_index("doc_id").loc["d3", "frame"] == "economic"
    assert g2.attrs["n_ties"] == 0
    g3 = gold_labels(codes, method="adjudicator", adjudicator="bob")
    assert g3.set_index("doc_id").loc["d3", "frame"] == "peace"
    # audit m5: d5 has one coder (bob did not code it); kit 0.1 called it "unanimous"
    assert g3.set_index("doc_id").loc["d5", "rule"] == "single-coded"
    assert g.attrs["counts"] == {"unanimous": 2, "majority": 1, "adjudicator": 0,
                                 "single-coded": 1, "tie": 1}  # fmt: skip
    assert any("easier" in n for n in g.attrs["notes"])
    assert any("also one of the coders" in n for n in g2.attrs["notes"])


def test_gold_labels_multilabel():
    codes = load_annotations(FIX / "classify_codes_multi.csv")
    g = gold_labels(codes)
    assert g.attrs["multi_label"]
    got = g.groupby("doc_id")["frame"].agg(sorted).to_dict()
    assert got == {"d1": ["peace"], "d2": ["economic"], "d3": ["conflict"]}


def test_gold_labels_errors():
    codes = load_annotations(FIX / "classify_codes.csv")
    with pytest.raises(AnnotationError, match="method must be") as err:
        gold_labels(codes, method="vote")
    assert err.value.value == "vote"
    with pytest.raises(AnnotationError, match="is not a coder"):
        gold_labels(codes, adjudicator="zed")
    with pytest.raises(AnnotationError, match="needs adjudicator"):
        gold_labels(codes, method="adjudicator")


class _StubModel:
    """A fitted-model stand-in: probabilities fixed per doc."""

    classes_ = np.array(["a", "b"], dtype=object)
    multilabel_ = False

    def predict_proba(self, X):
        p = X["p"].to_numpy()
        return np.column_stack([p, 1 - p])


def test_no_frame_code_loads_and_becomes_an_article_without_frames(tmp_path):
    from framing.classify import training_data

    p = tmp_path / "codes.csv"
    p.write_text(
        "doc_id,coder,frame\nd1,a,peace\nd1,b,peace\nd2,a,none\nd2,b,none\n"
        "d3,a,war\nd3,a,peace\nd3,b,war\n",
        encoding="utf-8",
    )
    codes = load_annotations(p, codebook=["peace", "war"])
    assert codes.attrs["no_frame"] == "none"
    gold = gold_labels(codes)
    assert gold.set_index("doc_id")["frame"].isna().to_dict() == {
        "d1": False,
        "d2": True,
        "d3": False,
    }
    corpus = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "text": ["x", "y", "z"]})
    _, y = training_data(corpus, gold)
    assert y == [["peace"], [], ["war"]]
    assert reliability(codes).n_docs == 3  # "none" is a category coders agree on
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,coder,frame\nd1,a,none\nd1,a,peace\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="no-frame code 'none' and a frame") as err:
        load_annotations(bad, codebook=["peace", "war"])
    assert err.value.line == 2 and err.value.value == "none"
    # a codebook that defines "none" keeps it an ordinary frame
    book = load_annotations(p, codebook=["peace", "war", "none"])
    assert book.attrs["no_frame"] is None
    assert "none" in set(gold_labels(book)["frame"])


def test_suggest_with_every_article_coded_is_empty_not_a_crash(tmp_path):
    corpus = pd.DataFrame(
        {"doc_id": ["x0", "x1"], "outlet": ["A", "B"], "title": ["", ""], "text": ["a", "b"],
         "p": [0.5, 0.9]}
    )  # fmt: skip
    s = suggest_to_annotate(corpus, _StubModel(), 4, exclude=["x0", "x1"], out=tmp_path / "n.csv")
    assert s.empty and "already coded" in s.attrs["note"]
    assert list(s.columns) == [
        "doc_id", "outlet", "title", "excerpt", "predicted", "uncertainty", "sampling", "frame",
        "coder",
    ]  # fmt: skip
    assert (tmp_path / "n.csv").is_file()


def test_suggest_to_annotate_stratified_csv(tmp_path):
    corpus = pd.DataFrame(
        {
            "doc_id": [f"x{i}" for i in range(8)],
            "outlet": ["A"] * 4 + ["B"] * 4,
            "title": [f"t{i}" for i in range(8)],
            "text": ["some   text\n\nhere"] * 8,
            "p": [0.5, 0.9, 0.6, 0.99, 0.95, 0.97, 0.8, 0.55],
        }
    )
    out = tmp_path / "next.csv"
    s = suggest_to_annotate(corpus, _StubModel(), 4, exclude=["x0"], out=out)
    # x0 already coded; most uncertain per outlet alternate: B x7, A x2, B x6, A x1
    assert s["doc_id"].tolist() == ["x7", "x2", "x6", "x1"]
    assert set(s["outlet"]) == {"A", "B"}
    assert (s["frame"] == "").all() and (s["coder"] == "").all()
    assert s["excerpt"].iloc[0] == "some text here"
    back = pd.read_csv(out, keep_default_na=False)
    assert list(back.columns) == [
        "doc_id",
        "outlet",
        "title",
        "excerpt",
        "predicted",
        "uncertainty",
        "sampling",
        "frame",
        "coder",
    ]
    assert set(back["sampling"]) == {"entropy"}
    flat = suggest_to_annotate(corpus, _StubModel(), 2, by=None, strategy="least_confident")
    assert flat["doc_id"].tolist() == ["x0", "x7"]
    with pytest.raises(AnnotationError, match="strategy"):
        suggest_to_annotate(corpus, _StubModel(), 2, strategy="margin")


def test_reliability_overall_is_one_row_of_the_summary_numbers():
    codes = pd.DataFrame(
        {
            "doc_id": ["1", "1", "2", "2", "3", "3"],
            "coder": ["a", "b"] * 3,
            "frame": ["peace", "peace", "war", "war", "war", "peace"],
        }
    )
    rel = reliability(codes)
    row = rel.overall.iloc[0]
    assert row["alpha"] == pytest.approx(rel.alpha) and row["n_docs"] == 3
    assert (row["n_coders"], row["n_disagreements"]) == (2, 1)
    assert f"{rel.alpha:.3f}" in rel.summary()


def test_alpha_is_undefined_without_variation():
    # audit B3: kit 0.1 reported alpha = 1.0 here (nltk's value); alpha is undefined
    ann = pd.DataFrame({"doc_id": ["1", "1", "2", "2", "3"], "coder": ["a", "b", "a", "b", "a"],
                        "frame": ["x", "x", "x", "x", "y"]})  # fmt: skip
    rel = reliability(ann)
    assert np.isnan(rel.alpha) and np.isnan(rel.alpha_ci_low)
    assert any("undefined" in n for n in rel.notes)
    pf = rel.per_frame.set_index("frame")
    assert np.isnan(pf.loc["y", "alpha"]) and pf.loc["y", "n_codes"] == 0
    assert pf.loc["y", "note"] == "undefined: no pairable code gives this frame"
    assert pf.loc["x", "note"] == "undefined: every pairable code gives this frame"


def test_alpha_matches_nltk_where_defined_and_has_a_bootstrap_interval():
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance

    rng = np.random.default_rng(0)
    for _ in range(12):
        rows = [(str(d), f"c{c}", f"f{rng.integers(0, 3)}") for d in range(20)
                for c in range(3) if rng.random() > 0.3]  # fmt: skip
        ann = pd.DataFrame(rows, columns=["doc_id", "coder", "frame"])
        rel = reliability(ann, n_boot=0)
        assert rel.alpha == pytest.approx(_alpha_reference(ann), abs=1e-12)
        sets = ann.groupby(["doc_id", "coder"])["frame"].agg(frozenset)
        n = sets.groupby(level=0).size()
        pairable = sets[sets.index.get_level_values(0).isin(n.index[n >= 2])]
        task = AnnotationTask(data=[(c, d, v) for (d, c), v in pairable.items()],
                              distance=binary_distance)  # fmt: skip
        assert rel.alpha == pytest.approx(task.alpha(), abs=1e-12)
    demo = reliability(load_annotations(DEMO / "annotations.csv"), n_boot=1000)
    assert demo.alpha_ci_low < demo.alpha < demo.alpha_ci_high
    assert 0.05 < demo.alpha_ci_high - demo.alpha_ci_low < 0.3  # 180 articles, 2 coders
    assert list(demo.overall.columns[:3]) == ["alpha", "alpha_ci_low", "alpha_ci_high"]
    again = reliability(load_annotations(DEMO / "annotations.csv"), n_boot=1000)
    assert again.alpha_ci_low == demo.alpha_ci_low  # seeded


def test_suggest_a_random_validation_sample():
    corpus = pd.DataFrame({"doc_id": [f"x{i}" for i in range(40)],
                           "outlet": ["A"] * 20 + ["B"] * 20, "title": "", "text": "t",
                           "p": np.linspace(0.5, 0.99, 40)})  # fmt: skip
    s = suggest_to_annotate(corpus, _StubModel(), 10, strategy="random", seed=3)
    assert sorted(s["outlet"].value_counts().tolist()) == [5, 5]
    assert set(s["sampling"]) == {"random"}
    uncertain = suggest_to_annotate(corpus, _StubModel(), 10)
    # uncertainty sampling takes the articles nearest p = 0.5; the random sample does not
    assert set(s["doc_id"]) != set(uncertain["doc_id"])
    assert s["doc_id"].tolist() == suggest_to_annotate(corpus, _StubModel(), 10,
                                                       strategy="random", seed=3)["doc_id"].tolist()  # fmt: skip


# -- hardening (review L11, L20, L21) ---------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "match", "line"),
    [
        (b'doc_id,coder,frame\nd1,ann,peace\nd2,ann,"conflict\n', "malformed", 3),
        (b"doc_id,coder,frame\nd1,ann,peace\n\xff\xfe\x00binary\n", "not UTF-8", 3),
        (b"doc_id,coder,frame\nd1,ann,peace,extra\n", "4 fields, but the header has 3", 2),
    ],
)
def test_broken_codes_csv_is_an_annotation_error(tmp_path, content, match, line):
    """Review L11 (an unbalanced quote or binary bytes: raw ParserError or
    UnicodeDecodeError) and L21 (an extra field shifted the columns, and the error
    blamed a frame 'extra')."""
    from framing.annotate import load_annotations

    path = tmp_path / "codes.csv"
    path.write_bytes(content)
    with pytest.raises(AnnotationError, match=match) as e:
        load_annotations(path, codebook=["peace", "conflict"])
    assert e.value.line == line


def test_codebook_frame_ids_stay_as_written(tmp_path):
    """Review L20: frame ids `01` and `yes`/`no` became '1', 'True' and 'False'."""
    from framing.annotate import load_annotations, load_codebook

    book = tmp_path / "codebook.yaml"
    book.write_text("name: b\nversion: 1.0\nframes:\n  01: {definition: one}\n  yes: y\n  no: n\n")
    cb = load_codebook(book)
    assert cb.names == ["01", "yes", "no"] and cb.version == "1.0"
    codes = tmp_path / "codes.csv"
    codes.write_text("doc_id,coder,frame\nd1,ann,01\nd1,bob,no\n")
    assert load_annotations(codes, codebook=cb)["frame"].tolist() == ["01", "no"]


# --- krippendorff_alpha: any coding, any level of measurement -----------------------
def _long(data: np.ndarray) -> pd.DataFrame:
    """coders x units array (NaN: not coded) -> one row per code."""
    return pd.DataFrame(
        [
            (f"u{u}", f"c{c}", data[c, u])
            for c in range(data.shape[0])
            for u in range(data.shape[1])
        ],
        columns=["doc_id", "coder", "value"],
    )


def test_krippendorff_alpha_worked_example_of_krippendorff_2011():
    nan = np.nan
    # the reliability data matrix of Krippendorff (2011), 4 coders x 12 units
    data = np.array([
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ])  # fmt: skip
    codes = _long(data)
    got = {m: krippendorff_alpha(codes, metric=m, n_boot=0)["alpha"]
           for m in ("nominal", "ordinal", "interval", "ratio")}  # fmt: skip
    # the values the paper reports, to its three decimals
    assert {m: round(a, 3) for m, a in got.items()} == {
        "nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}  # fmt: skip
    r = krippendorff_alpha(codes, metric="interval", n_boot=500, seed=1)
    assert r["n_units"] == 11 and r["ci_low"] < r["alpha"] < r["ci_high"] <= 1


@pytest.mark.parametrize("metric", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_alpha_equals_the_reference_package(metric):
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(7)
    for _ in range(5):
        data = rng.integers(0, 6, (int(rng.integers(2, 5)), int(rng.integers(5, 40)))).astype(float)
        data[rng.random(data.shape) < 0.2] = np.nan
        ours = krippendorff_alpha(_long(data), metric=metric, n_boot=0)["alpha"]
        ref = krippendorff.alpha(reliability_data=data, level_of_measurement=metric)
        assert ours == pytest.approx(ref, abs=1e-9)


def test_krippendorff_alpha_nominal_equals_reliability():
    codes = pd.DataFrame({"doc_id": ["1", "1", "2", "2", "3", "3", "4", "4"],
                          "coder": ["x", "y"] * 4,
                          "frame": ["a", "a", "b", "b", "b", "a", "a", "a"]})  # fmt: skip
    ours = krippendorff_alpha(codes, value="frame", n_boot=300, seed=3)
    rel = reliability(codes, n_boot=300, seed=3)
    assert ours["alpha"] == pytest.approx(rel.alpha)
    assert (ours["ci_low"], ours["ci_high"]) == pytest.approx((rel.alpha_ci_low, rel.alpha_ci_high))


def test_krippendorff_alpha_undefined_and_bad_input():
    same = pd.DataFrame({"doc_id": ["1", "1", "2", "2"], "coder": ["x", "y"] * 2, "value": [3] * 4})
    r = krippendorff_alpha(same, metric="interval")
    assert np.isnan(r["alpha"]) and np.isnan(r["ci_low"]) and "same value" in r["note"]
    lone = pd.DataFrame({"doc_id": ["1", "2"], "coder": ["x", "y"], "value": [1, 2]})
    r = krippendorff_alpha(lone)
    assert np.isnan(r["alpha"]) and r["n_units"] == 0 and "two or more" in r["note"]
    words = pd.DataFrame({"doc_id": ["1", "1"], "coder": ["x", "y"], "value": [1, "high"]})
    with pytest.raises(AnnotationError, match="row 1, column 'value': found 'high'") as err:
        krippendorff_alpha(words, metric="ordinal")
    assert err.value.field == "value" and err.value.value == "high"
    with pytest.raises(AnnotationError, match="non-negative"):
        krippendorff_alpha(pd.DataFrame({"doc_id": ["1", "1"], "coder": ["x", "y"],
                                         "value": [1, -2]}), metric="ratio")  # fmt: skip
    with pytest.raises(AnnotationError, match="unknown metric 'scale'"):
        krippendorff_alpha(same, metric="scale")
    with pytest.raises(KeyError, match="krippendorff_alpha"):
        krippendorff_alpha(same.rename(columns={"value": "code"}))
