"""The shared layer (framing/_shared): YAML with lines, JSON and hashes, atomic writes,
resampling weights. Each is used by several subpackages, so it is tested here once."""

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing._shared.atomic import write_table
from framing._shared.jsonable import (
    canonical_json,
    jsonable,
    sha256_bytes,
    sha256_file,
    sha256_json,
    to_json,
)
from framing._shared.resample import (
    WEBB_WEIGHTS,
    bootstrap_t_test_pvalues,
    group_rng,
    mover_diff,
    mover_mean,
    quantile_interval,
    ratio_se,
    resample_weights,
    studentized_reps,
    welch_permutation_pvalues,
    wild_reps,
    wild_test_pvalues,
    wilson_bounds,
)
from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.errors import AnnotationError, CorpusError, OutputError, PlanError


# -- YAML with line numbers ---------------------------------------------------------
def test_yaml_keeps_lines_of_keys_items_and_strings():
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: d}\ne: 2025-07-10\n", path="f.yaml")
    assert line_of(data, "b") == 2 and line_of(data["b"], 1) == 4
    assert data["b"][0].line == 3 and data["e"] == "2025-07-10"  # dates stay text
    assert plain(data) == {"a": 1, "b": ["x", {"c": "d"}], "e": "2025-07-10"}
    assert type(plain(data)["b"][0]) is str
    assert load_yaml("x: [no, 2020]", scalars="text") == {"x": ["no", "2020"]}


@pytest.mark.parametrize(
    "text, match, line",
    [
        ("a: [1, 2\n", r"f.yaml line 2: malformed YAML", 2),
        (
            "a: 1\nb: 2\na: 3\n",
            r"f.yaml line 3: key 'a' appears twice in one mapping \(first at line 1\)",
            3,
        ),
        ("# only a comment\n", r"f.yaml: the file is empty", None),
        ("[" * 5000 + "]" * 5000, r"f.yaml: nested more than 64 levels deep", None),
        ("a: " + "[" * 65 + "]" * 65, r"f.yaml line 1: nested more than 64 levels deep", 1),
        ("a: &a [x, *a]\n", r"f.yaml line 1: an alias refers to the node that contains", 1),
    ],
)
def test_yaml_errors_name_file_and_line(text, match, line):
    with pytest.raises(PlanError, match=match) as info:
        load_yaml(text, path="f.yaml", error=PlanError, context={"report": None})
    assert (info.value.path, info.value.line, info.value.report) == ("f.yaml", line, None)


def test_yaml_aliases_are_not_expanded_and_bombs_are_refused():
    # a "billion laughs" document: nine levels of nine-fold aliases (review M4: such a
    # file of 387 bytes took 6 GB in a lexicon, 943 MB in a plan's parameters)
    rows = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    data = load_yaml("\n".join(rows[:5]))  # 9**5 values: under the limit
    assert data["l4"][0] is data["l3"]  # shared, never copied
    assert len(plain(data)["l4"]) == 9
    with pytest.raises(PlanError, match=r"f.yaml line 6: aliases .* expand to more than") as e:
        load_yaml("\n".join(rows), path="f.yaml", error=PlanError)
    assert e.value.line == 6  # l5: the first list past the limit


def test_yaml_first_line_offsets_errors():
    with pytest.raises(CorpusError, match="x.txt line 4: malformed YAML") as info:
        load_yaml("title: ok\n  bad: indent\n", path="x.txt", error=CorpusError, first_line=3)
    assert info.value.line == 4


def test_every_config_loader_names_the_line(tmp_path):
    from framing.annotate import load_codebook
    from framing.compare import load_events

    events = tmp_path / "events.yaml"
    events.write_text("events:\n  - {id: e1, date: 2025-07-10, label: A, topic: t}\n  - {id: e2}\n")
    with pytest.raises(CorpusError, match=r"events.yaml line 3: events entry 1: field 'date'"):
        load_events(events)
    book = tmp_path / "codebook.yaml"
    book.write_text("name: x\nframes: []\n")
    with pytest.raises(AnnotationError, match=r"codebook.yaml line 2: field 'frames'") as info:
        load_codebook(book)
    assert info.value.line == 2


# -- JSON and hashes ---------------------------------------------------------------
def test_jsonable_policy():
    value = {
        "np": np.int64(3),
        "arr": np.array([1.5, np.nan]),
        "nan": float("nan"),
        "na": pd.NA,
        "nat": pd.NaT,
        "ts": pd.Timestamp("2025-07-10", tz="UTC"),
        "path": Path("a") / "b",
        "set": {"b", "a"},
        "bytes": b"abc",
        1: "key",
    }
    got = jsonable(value)
    assert got == {
        "np": 3,
        "arr": [1.5, None],
        "nan": None,
        "na": None,
        "nat": None,
        "ts": "2025-07-10T00:00:00+00:00",
        "path": "a/b",
        "set": ["a", "b"],
        "bytes": {"__bytes_sha256__": sha256_bytes(b"abc")},
        "1": "key",
    }
    json.dumps(got, allow_nan=False)  # plain JSON
    with pytest.raises(OutputError, match="demo: a value of type object") as info:
        jsonable({"x": object()}, where="demo", error=OutputError)
    assert "object" in info.value.value
    assert json.loads(to_json({"x": object()}))["x"].startswith("<object")


def test_canonical_json_ignores_order_and_container_kind():
    a = canonical_json({"b": (1, 2), "a": {"y", "x"}})
    assert a == canonical_json({"a": ["x", "y"], "b": [1, 2]}) == '{"a":["x","y"],"b":[1,2]}'
    assert sha256_json({"k": math.inf}) == sha256_json({"k": None})


def test_sha256_file_memo(tmp_path):
    f = tmp_path / "a.bin"
    f.write_bytes(b"abc")
    memo: dict = {}
    first = sha256_file(f, memo=memo)
    assert first.startswith("ba7816bf") and len(memo) == 1
    assert sha256_file(f, memo=memo) == first


# -- atomic writes -------------------------------------------------------------------
def test_write_table_formats_and_refusal(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "d": pd.to_datetime(["2025-07-10", None], utc=True)})
    for name in ("t.csv", "t.parquet", "t.jsonl"):
        write_table(df, tmp_path / "out" / name, where="demo")
    assert pd.read_parquet(tmp_path / "out" / "t.parquet").equals(df)
    assert (tmp_path / "out" / "t.jsonl").read_text().splitlines()[1].endswith('"d":null}')
    with pytest.raises(OutputError, match=r"demo: write .csv, .parquet or .jsonl, not") as info:
        write_table(df, tmp_path / "t.xlsx", where="demo")
    assert info.value.value == ".xlsx" and not (tmp_path / "t.xlsx").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "t.csv",
        "t.jsonl",
        "t.parquet",
    ]  # no temporary files left


# -- resampling ------------------------------------------------------------------------
def test_resample_weights_blocks_are_one_stream():
    one = np.vstack(list(resample_weights(np.random.default_rng(1), 7, 10, block=10)))
    many = np.vstack(list(resample_weights(np.random.default_rng(1), 7, 10, block=3)))
    assert (one == many).all() and (one.sum(axis=1) == 7).all()
    assert np.isnan(quantile_interval([np.nan] * 50, 0.9)).all()  # too few defined replicates


# -- the resampling engine against plain references -----------------------------------
def _cr1(s, c):
    """The CR1 standard error of sum(s) / sum(c), written out."""
    r = s.sum() / c.sum()
    j = len(s)
    return math.sqrt(j / (j - 1) * ((s - r * c) ** 2).sum() / c.sum() ** 2)


def test_group_streams_depend_on_the_seed_and_the_name_only():
    a = group_rng(3, "CNN", "2025-06").random(4)
    assert (a == group_rng(3, "CNN", "2025-06").random(4)).all()
    assert not (a == group_rng(3, "CNN", "2025-07").random(4)).any()
    assert not (a == group_rng(4, "CNN", "2025-06").random(4)).any()


def test_ratio_se_is_the_cluster_robust_standard_error():
    rng = np.random.default_rng(0)
    s, c = rng.normal(5, 2, (7, 2)), rng.integers(1, 5, (7, 2)).astype(float)
    est = s.sum(0) / c.sum(0)
    got = ratio_se(s, c, est)
    assert got[0] == pytest.approx(_cr1(s[:, 0], c[:, 0]))
    assert got[1] == pytest.approx(_cr1(s[:, 1], c[:, 1]))
    x = rng.normal(size=(12, 1))  # articles as units: the usual sd / sqrt(n)
    assert ratio_se(x, np.ones((12, 1)), x.mean(0))[0] == pytest.approx(
        x.std(ddof=1) / math.sqrt(12)
    )


def test_studentized_replicates_match_a_loop_over_resamples():
    rng = np.random.default_rng(1)
    s, c = rng.exponential(3, (9, 1)), rng.integers(1, 6, (9, 1)).astype(float)
    est = s.sum(0) / c.sum(0)
    got = studentized_reps(s, c, est, 50, np.random.default_rng(7))[:, 0]
    weights = next(resample_weights(np.random.default_rng(7), 9, 50))
    for b, w in enumerate(weights):
        idx = np.repeat(np.arange(9), w.astype(int))
        sb, cb = s[idx, 0], c[idx, 0]
        expected = (sb.sum() / cb.sum() - est[0]) / _cr1(sb, cb)
        assert got[b] == pytest.approx(expected)


def test_a_resample_without_spread_has_an_infinite_t():
    # a rate that is 0 in 7 of 10 articles: a resample of only zeros has no spread, so
    # its t* is infinite (the data cannot bound the estimate). Rounding error in the
    # sum of squares made it about 1e8 before, and the kit gave intervals up to
    # 1e8 times the estimate instead of withholding them.
    s = np.array([[0.57], [0.64], [0.81]] + [[0.0]] * 7)
    c = np.ones((10, 1))
    est = s.sum(0) / 10
    got = studentized_reps(s, c, est, 400, np.random.default_rng(0))[:, 0]
    weights = next(resample_weights(np.random.default_rng(0), 10, 400))
    only_zeros = weights[:, :3].sum(axis=1) == 0
    assert only_zeros.sum() >= 2
    assert (got[only_zeros] == -1e12).all()
    assert np.abs(got[~only_zeros]).max() < 1e3  # every other resample has spread


def test_bootstrap_t_test_matches_a_loop_over_resamples():
    rng = np.random.default_rng(6)
    a, b = rng.exponential(3, 12), rng.exponential(1, 30)
    ones_a, ones_b = np.ones((12, 1)), np.ones((30, 1))
    got = bootstrap_t_test_pvalues(a[:, None], ones_a, b[:, None], ones_b, 99,
                                   np.random.default_rng(9))[0]  # fmt: skip
    draw = np.random.default_rng(9)
    wa, wb = next(resample_weights(draw, 12, 99)), next(resample_weights(draw, 30, 99))

    def welch(x, y):
        return (x.mean() - y.mean()) / math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))

    obs, count = abs(welch(a, b)), 0
    for va, vb in zip(wa, wb, strict=True):
        xa, xb = np.repeat(a, va.astype(int)), np.repeat(b, vb.astype(int))
        t = ((xa.mean() - xb.mean()) - (a.mean() - b.mean())) / math.sqrt(
            xa.var(ddof=1) / 12 + xb.var(ddof=1) / 30
        )
        count += abs(t) >= obs - 1e-9
    assert got == pytest.approx((1 + count) / 100)
    tiny = bootstrap_t_test_pvalues(a[:1, None], ones_a[:1], b[:, None], ones_b, 99, draw)
    assert np.isnan(tiny[0])  # one value: no standard error


def test_wild_replicates_match_the_bootstrap_data_written_out():
    rng = np.random.default_rng(2)
    s, c = rng.normal(4, 1, (6, 1)), rng.integers(1, 4, (6, 1)).astype(float)
    est = s.sum(0) / c.sum(0)
    got = wild_reps(s, c, est, 30, np.random.default_rng(5))[:, 0]
    v = np.random.default_rng(5).choice(WEBB_WEIGHTS, size=(30, 6))
    for b in range(30):
        sb = est[0] * c[:, 0] + v[b] * (s[:, 0] - est[0] * c[:, 0])
        assert got[b] == pytest.approx((sb.sum() / c[:, 0].sum() - est[0]) / _cr1(sb, c[:, 0]))


def test_wild_cluster_test_enumerates_every_weight_vector():
    rng = np.random.default_rng(3)
    sa, ca = rng.normal(3, 1, (3, 1)), rng.integers(1, 4, (3, 1)).astype(float)
    sb, cb = rng.normal(2, 1, (3, 1)), rng.integers(1, 4, (3, 1)).astype(float)
    got = wild_test_pvalues(sa, ca, sb, cb, 1000, rng)[0]  # 6^3 = 216 <= 1000: exact

    def t_stat(xa, xb):
        ra, rb = xa.sum() / ca[:, 0].sum(), xb.sum() / cb[:, 0].sum()
        g = (xa - ra * ca[:, 0]) / ca[:, 0].sum() - (xb - rb * cb[:, 0]) / cb[:, 0].sum()
        return (ra - rb) / math.sqrt(3 / 2 * (g**2).sum())

    obs = abs(t_stat(sa[:, 0], sb[:, 0]))
    r0 = (sa.sum() + sb.sum()) / (ca.sum() + cb.sum())
    ua, ub = sa[:, 0] - r0 * ca[:, 0], sb[:, 0] - r0 * cb[:, 0]
    ts = [abs(t_stat(r0 * ca[:, 0] + np.array(v) * ua, r0 * cb[:, 0] + np.array(v) * ub))
          for v in itertools.product(WEBB_WEIGHTS, repeat=3)]  # fmt: skip
    assert got == pytest.approx(np.mean(np.array(ts) >= obs - 1e-9))


def test_welch_permutation_p_is_bounded_and_nan_for_tiny_groups():
    rng = np.random.default_rng(4)
    y = rng.normal(size=(40, 1))
    p = welch_permutation_pvalues(y, np.ones((40, 1)), 20, 199, rng)[0]
    assert 1 / 200 <= p <= 1
    one = welch_permutation_pvalues(y[:5], np.ones((5, 1)), 1, 99, rng)
    assert np.isnan(one[0])  # a group of one has no variance


def test_mover_reproduces_newcombes_interval():
    # Newcombe (1998), Table II, 56/70 against 48/80, method 10: 0.0524 to 0.3339
    lo_a, hi_a = wilson_bounds(np.array(56.0), np.array(70.0), 0.95)
    lo_b, hi_b = wilson_bounds(np.array(48.0), np.array(80.0), 0.95)
    lo, hi = mover_diff(56 / 70, lo_a, hi_a, 48 / 80, lo_b, hi_b)
    assert (round(float(lo), 4), round(float(hi), 4)) == (0.0524, 0.3339)
    # a positive correlation narrows the interval of a difference
    lo_r, hi_r = mover_diff(56 / 70, lo_a, hi_a, 48 / 80, lo_b, hi_b, rho=0.5)
    assert hi_r - lo_r < hi - lo
    m, lo_m, hi_m = mover_mean([1.0, 2.0, 3.0], [0.0, 1.0, 2.0], [2.0, 3.0, 4.0])
    assert (m, lo_m, hi_m) == (2.0, 2.0 - math.sqrt(3) / 3, 2.0 + math.sqrt(3) / 3)
