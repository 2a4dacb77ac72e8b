"""The agreement and reading-sheet tools of bench/validate_voices.py (second coder of the
quote validation, framing/voices/VALIDATION.md); tiny hand-made labels, no article text."""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import math
from pathlib import Path

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def vv():
    import sys

    sys.path.insert(0, str(BENCH))  # the script imports bench/_common.py by its bare name
    try:
        spec = importlib.util.spec_from_file_location("bench_validate_voices",
                                                      BENCH / "validate_voices.py")  # fmt: skip
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def _alpha_by_definition(x, y, delta):
    """Krippendorff (2004, ch. 11): 1 - D_o / D_e over the pairable values of two coders."""
    values = list(x) + list(y)
    n = len(values)
    d_o = sum(2 * delta(a, b) for a, b in zip(x, y, strict=True)) / n
    d_e = sum(delta(a, b) for a, b in itertools.permutations(values, 2)) / (n * (n - 1))
    return 1 - d_o / d_e


def test_interval_alpha_matches_its_definition():
    from framing.annotate import krippendorff_alpha

    x, y = [0, 1, 2, 1, 0, 3, 1], [0, 1, 1, 1, 0, 2, 2]
    codes = pd.DataFrame({"doc_id": [str(i) for i in range(7)] * 2,
                          "coder": ["a"] * 7 + ["b"] * 7, "value": x + y})  # fmt: skip
    got = krippendorff_alpha(codes, metric="interval", n_boot=0)["alpha"]
    assert got == pytest.approx(_alpha_by_definition(x, y, lambda a, b: (a - b) ** 2))


def test_agreement_nominal_and_counts(vv):
    one = pd.DataFrame({"is_quote": [1, 1, 0, 1, 1, 0], "n_true": [0, 1, 2, 1, 0, 1]})
    two = pd.DataFrame({"is_quote": [1, 0, 0, 1, 1, 0], "n_true": [0, 1, 1, 1, 0, 1]})
    table = vv.agreement(one, two, n_boot=200).set_index("label")
    q = table.loc["is_quote"]
    assert q["metric"] == "nominal" and q["n"] == 6
    assert q["agreement"] == pytest.approx(5 / 6)
    # binary codes: nominal alpha (the kit's reliability) equals the interval alpha
    assert q["alpha"] == pytest.approx(
        _alpha_by_definition(one["is_quote"], two["is_quote"], lambda a, b: (a - b) ** 2)
    )
    assert q["alpha_ci_low"] <= q["alpha"] <= q["alpha_ci_high"]
    c = table.loc["n_true"]
    assert c["metric"] == "interval" and math.isnan(c["kappa"])
    assert c["alpha"] == pytest.approx(
        _alpha_by_definition(one["n_true"], two["n_true"], lambda a, b: (a - b) ** 2)
    )


def test_agreement_drops_items_one_judge_left_blank(vv):
    one = pd.DataFrame({"span": ["exact", "partial", None, "exact"]})
    two = pd.DataFrame({"span": ["exact", "exact", "wrong", "exact"]})
    row = vv.agreement(one, two, n_boot=0).iloc[0]
    assert row["n"] == 3 and row["agreement"] == pytest.approx(2 / 3)
    counts = vv.agreement(pd.DataFrame({"n_true": [0, 1, None]}),
                          pd.DataFrame({"n_true": [0, 2, 1]}), n_boot=0).iloc[0]  # fmt: skip
    assert counts["n"] == 2 and math.isnan(counts["alpha_ci_low"])


def test_pair_refuses_different_items(vv):
    a = pd.DataFrame({"item": [0, 1], "doc_id": ["x", "y"], "start": [1, 2]})
    b = a.assign(start=[1, 3])
    with pytest.raises(SystemExit, match="different items"):
        vv._pair(a, b, ["doc_id", "start"])


def test_sheet_refuses_a_folder_inside_the_repository(vv):
    args = argparse.Namespace(out=str(vv.ROOT / "reports" / "judge2"), quotes=None,
                              sentences=None)  # fmt: skip
    with pytest.raises(SystemExit, match="inside the repository"):
        vv.sheet(args)
