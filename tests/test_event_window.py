"""Tests of framing.compare.event_window / event_did and framing.plots.event_window_plot."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.compare import by_outlet, event_checks, event_did, event_window, pool_events
from framing.errors import ColumnsError, CorpusError, FigureError
from framing.plots import event_window_plot, outlet_styles

EVENT = pd.Timestamp("2025-08-15", tz="UTC")
EVENTS = pd.DataFrame({"id": ["alaska"], "date": [EVENT], "label": ["Alaska summit"]})
ROOT = Path(__file__).resolve().parents[1]


def _synthetic(shift_a=3.0, shift_b=0.0, per_day=6, seed=0, sd=1.0):
    """Two outlets, 30 days around the event; A's mean jumps by shift_a on day 0."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(-15, 15):
        for outlet, base, shift in (("A", 2.0, shift_a), ("B", 3.0, shift_b)):
            for h in range(per_day):
                value = base + (shift if k >= 0 else 0.0) + rng.normal(0, sd)
                rows.append((outlet, EVENT + pd.Timedelta(days=k, hours=2 * h + 1), value))
    df = pd.DataFrame(rows, columns=["outlet", "date", "pressure_per_1k"])
    df["doc_id"] = [f"d{i}" for i in range(len(df))]
    return df


def _row(t, outlet, window, event="alaska"):
    hit = t[(t["outlet"] == outlet) & (t["window"] == window) & (t["event"] == event)]
    assert len(hit) == 1
    return hit.iloc[0]


# ----------------------------------------------------------------- estimates
def test_planted_effect_recovered_and_no_effect_covers_zero():
    df = _synthetic(shift_a=3.0, shift_b=0.0)
    t = event_window(df, EVENTS, "pressure_per_1k", n_boot=1000)
    assert list(t.columns[:10]) == [
        "outlet", "event", "event_label", "event_date", "window", "measure",
        "estimate", "ci_low", "ci_high", "n_docs",
    ]  # fmt: skip
    assert list(t["window"][:3]) == ["before", "after", "after - before"]
    a = _row(t, "A", "after - before")
    assert a["ci_low"] <= 3.0 <= a["ci_high"] and a["ci_low"] > 0
    assert a["estimate"] == pytest.approx(3.0, abs=0.5)
    assert a["n_docs"] == 84  # 7 days x 6 articles in each window
    b = _row(t, "B", "after - before")
    assert b["ci_low"] <= 0.0 <= b["ci_high"]
    # the windows themselves match plain means over the same articles
    days = (df["date"] - EVENT).dt.days
    before = df[(df["outlet"] == "A") & days.between(-7, -1)]["pressure_per_1k"].mean()
    assert _row(t, "A", "before")["estimate"] == pytest.approx(before)
    assert a["estimate"] == pytest.approx(
        _row(t, "A", "after")["estimate"] - _row(t, "A", "before")["estimate"]
    )


def test_difference_in_differences():
    df = _synthetic(shift_a=3.0, shift_b=1.0, seed=3)
    d = event_did(df, EVENTS, "pressure_per_1k", n_boot=1000)
    row = d.iloc[0]
    assert (row["group_a"], row["group_b"], row["event"]) == ("A", "B", "alaska")
    assert row["diff"] == pytest.approx(row["change_a"] - row["change_b"])
    assert row["ci_low"] <= 2.0 <= row["ci_high"] and row["ci_low"] > 0
    assert (row["n_a"], row["n_b"]) == (84, 84)
    same = event_did(_synthetic(1.0, 1.0, seed=4), EVENTS, "pressure_per_1k", n_boot=1000)
    assert same["ci_low"].iloc[0] <= 0.0 <= same["ci_high"].iloc[0]
    with pytest.raises(CorpusError, match="'C' from pairs") as err:
        event_did(df, EVENTS, "pressure_per_1k", pairs=[("A", "C")], n_boot=10)
    assert err.value.value == "C"


def test_change_interval_coverage_simulation():
    # 300 independent datasets (one per group) with a true change of 1.0
    rng = np.random.default_rng(11)
    n, sets = 21, 300  # 21 articles per window: 3 a day
    day = np.tile(np.repeat(np.arange(-7, 7), 3), sets)
    idx = np.repeat(np.arange(sets), 2 * n)
    df = pd.DataFrame({
        "outlet": idx,
        "date": EVENT + pd.to_timedelta(day, unit="D"),
        "m": rng.exponential(1.0, size=sets * 2 * n) + (day >= 0),
    })  # fmt: skip
    t = event_window(df, EVENTS, "m", n_boot=1000)
    ch = t[t["window"] == "after - before"]
    cov = ((ch["ci_low"] <= 1.0) & (1.0 <= ch["ci_high"])).mean()
    assert abs(cov - 0.95) <= 3 * math.sqrt(0.95 * 0.05 / sets) + 0.015


def test_window_edges_gap_and_time_of_day():
    hours = [-7 * 24, -24 * 7 - 1, -1, 0, 6 * 24 + 23, 7 * 24, -25, 24]
    df = pd.DataFrame({
        "outlet": "A",
        "date": [EVENT + pd.Timedelta(hours=h, minutes=30 if h < 0 else 0) for h in hours],
        "x": [1.0, 100.0, 2.0, 3.0, 4.0, 100.0, 5.0, 6.0],
    })  # fmt: skip
    t = event_window(df, EVENTS, "x", n_boot=50)
    # before: day -7 00:30 (1), day -1 23:30 (2), day -2 23:30 (5); -7 days - 1 h is out
    assert _row(t, "A", "before")["n_docs"] == 3
    assert _row(t, "A", "before")["estimate"] == pytest.approx(8 / 3)
    # after: day 0 00:00 (3), day 6 23:00 (4), day 1 (6); day 7 00:00 is out
    assert _row(t, "A", "after")["estimate"] == pytest.approx(13 / 3)
    assert _row(t, "A", "before")["first_day"] == EVENT - pd.Timedelta(days=7)
    assert _row(t, "A", "after")["last_day"] == EVENT + pd.Timedelta(days=6)
    g = event_window(df, EVENTS, "x", gap=1, n_boot=50)
    # gap=1 drops the eve (day -1) and the event day: before {1, 5}, after {4, 6}
    assert _row(g, "A", "before")["estimate"] == pytest.approx(3.0)
    assert _row(g, "A", "after")["estimate"] == pytest.approx(5.0)
    assert _row(g, "A", "after")["first_day"] == EVENT + pd.Timedelta(days=1)


def test_missing_dates_are_counted_not_silently_dropped():
    df = _synthetic(per_day=2)
    df.loc[[0, 1, 2], "date"] = pd.NaT
    t = event_window(df, EVENTS, "pressure_per_1k", n_boot=50)
    assert t.attrs["n_no_date"] == 3
    assert t.attrs["n_no_date_by_group"] == {"A": 2, "B": 1}
    full = event_window(_synthetic(per_day=2), EVENTS, "pressure_per_1k", n_boot=50)
    assert t["n_docs"].sum() == full["n_docs"].sum()  # the NaT rows were outside the windows
    assert full.attrs["n_no_date"] == 0


def test_empty_and_thin_windows_give_nan_with_counts():
    df = _synthetic(per_day=1)
    df = df[~((df["outlet"] == "B") & (df["date"] >= EVENT))]  # B: no article after
    df = df[~((df["outlet"] == "A") & (df["date"] < EVENT - pd.Timedelta(days=1)))]  # A: 1 before
    df.loc[len(df)] = ["C", pd.NaT, 1.0, "extra"]  # C: a group with no dated article
    t = event_window(df, EVENTS, "pressure_per_1k", n_boot=50, min_n=2)
    b_after = _row(t, "B", "after")
    assert b_after["n_docs"] == 0 and np.isnan(b_after["estimate"])
    assert b_after["note"] == "no articles in window"
    assert np.isnan(_row(t, "B", "after - before")["estimate"])
    assert _row(t, "B", "after - before")["note"] == "after: no articles in window"
    a_before = _row(t, "A", "before")
    assert a_before["n_docs"] == 1 and np.isnan(a_before["estimate"])
    assert "min_docs" in a_before["note"]
    assert len(t[t["outlet"] == "C"]) == 3 and (t.loc[t["outlet"] == "C", "n_docs"] == 0).all()
    one = event_window(df, EVENTS, "pressure_per_1k", n_boot=50, min_docs=1, min_n=2)
    a1 = _row(one, "A", "before")
    assert not np.isnan(a1["estimate"]) and np.isnan(a1["ci_low"])
    assert a1["note"] == "n_docs < 2: no interval"


def test_events_outside_or_at_the_edge_of_the_corpus():
    df = _synthetic(per_day=1)
    far = pd.DataFrame({"id": ["old"], "date": ["2024-01-10"], "label": ["Old"]})
    with pytest.raises(CorpusError, match=r"'old' \(2024-01-10\) has both windows") as err:
        event_window(df, far, "pressure_per_1k", n_boot=10)
    assert err.value.field == "event" and err.value.value == "old"
    edge = pd.DataFrame({"date": [EVENT + pd.Timedelta(days=14)], "label": ["Edge"]})
    t = event_window(df, edge, "pressure_per_1k", n_boot=10, min_n=5)
    assert set(t["event"]) == {"Edge"}  # the label names the event without an id column
    assert _row(t, "A", "after", "Edge")["note"].endswith("window partly outside corpus dates")
    assert _row(t, "A", "before", "Edge")["note"] == ""


def test_clustered_by_day_and_seed():
    df = _synthetic(per_day=4)
    t = event_window(df, EVENTS, "pressure_per_1k", cluster="date", n_boot=300, seed=5)
    assert (t.loc[t["window"] == "before", "n_clusters"] == 7).all()
    assert (t.loc[t["window"] == "after - before", "n_clusters"] == 14).all()
    again = event_window(df, EVENTS, "pressure_per_1k", cluster="date", n_boot=300, seed=5)
    pd.testing.assert_frame_equal(t, again)


def test_share_matches_by_outlet_on_the_same_articles():
    df = _synthetic(per_day=3)
    df["pressure_any"] = (df["pressure_per_1k"] > 3).astype(int)
    t = event_window(df, EVENTS, ["pressure_per_1k", "pressure_any"], stat="share", n_boot=50)
    days = (df["date"] - EVENT).dt.floor("D").dt.days
    ref = by_outlet(df[days.between(0, 6)], "pressure_any", stat="share", n_boot=50)
    got = t[(t["window"] == "after") & (t["measure"] == "pressure_any")]
    assert got["estimate"].tolist() == pytest.approx(ref["estimate"].tolist())
    assert set(t["stat"]) == {"share"}


def test_events_from_a_yaml_path(tmp_path):
    p = tmp_path / "events.yaml"
    p.write_text("events:\n  - {id: alaska, date: 2025-08-15, label: Summit, topic: t}\n")
    t = event_window(_synthetic(per_day=1), p, "pressure_per_1k", n_boot=20)
    assert set(t["event"]) == {"alaska"} and set(t["event_label"]) == {"Summit"}


def test_did_interval_lets_common_day_shocks_cancel():
    # audit G4: with shocks shared by both outlets on the same days, kit 0.1's DiD
    # interval (four windows resampled independently) was about 40% too wide
    rng = np.random.default_rng(2)
    days = pd.date_range(EVENT - pd.Timedelta(days=14), periods=28, freq="D")

    def data(shock_sd):
        shock = rng.normal(0, shock_sd, len(days))
        return pd.DataFrame([{"outlet": o, "date": d + pd.Timedelta(hours=h), "y": s + rng.normal()}
                             for o in "AB" for d, s in zip(days, shock, strict=True)
                             for h in range(5)])  # fmt: skip

    width = {}
    for sd in (0.0, 2.0):
        d = event_did(data(sd), EVENTS, "y", cluster="date", before=14, after=14, n_boot=1000)
        width[sd] = float(d["ci_high"].iloc[0] - d["ci_low"].iloc[0])
    assert width[2.0] < 1.5 * width[0.0]


def test_time_zone_keeps_evening_articles_on_their_local_day():
    # audit G6: 22:00 in New York is 03:00 UTC the next day
    evening = pd.Timestamp("2025-08-14 22:00", tz="America/New_York")
    df = pd.DataFrame({"outlet": "A", "x": [1.0, 5.0, 7.0],
                       "date": [evening, EVENT + pd.Timedelta(days=2, hours=15),
                                EVENT - pd.Timedelta(days=3)]})  # fmt: skip
    utc = event_window(df, EVENTS, "x", n_boot=20, min_docs=1)
    ny = event_window(df, EVENTS, "x", n_boot=20, min_docs=1, tz="America/New_York")
    assert _row(utc, "A", "after")["n_docs"] == 2 and _row(ny, "A", "after")["n_docs"] == 1
    assert _row(ny, "A", "before")["estimate"] == pytest.approx(4.0)
    assert ny.attrs["tz"] == "America/New_York" and utc.attrs["tz"] == "UTC"


def test_event_checks_pre_trend_and_placebo_dates():
    rng = np.random.default_rng(6)
    days = pd.date_range("2025-06-01", periods=120, freq="D", tz="UTC")
    event = pd.Timestamp("2025-08-15", tz="UTC")
    k = (days - event).days.to_numpy()
    rows = []
    for outlet, level in (("jump", np.where(k >= 0, 2.0, 0.0)), ("trend", 0.1 * k),
                          ("flat", np.zeros(len(k)))):  # fmt: skip
        for d, mu in zip(days, level, strict=True):
            rows += [{"outlet": outlet, "date": d, "y": mu + rng.normal(0, 0.5)} for _ in range(3)]
    df = pd.DataFrame(rows)
    ev = pd.DataFrame({"id": ["e"], "date": [event], "label": ["summit"]})
    c = event_checks(df, ev, "y", n_boot=500, n_placebo=19).set_index("outlet")
    assert list(c.columns[:4]) == ["event", "event_label", "event_date", "measure"]
    # a level shift: a clear change, no pre-trend, larger than every placebo change
    assert c.loc["jump", "ci_low"] > 0 and c.loc["jump", "placebo_p"] == pytest.approx(1 / 20)
    assert c.loc["jump", "pre_ci_low"] < 0 < c.loc["jump", "pre_ci_high"]
    # a steady trend: the change is real but so is the pre-trend, and placebos match it
    assert c.loc["trend", "ci_low"] > 0 and c.loc["trend", "pre_ci_low"] > 0
    assert c.loc["trend", "placebo_p"] > 0.5
    assert c.loc["flat", "n_placebo"] == 19 and c.loc["flat", "placebo_p"] > 0.05
    with pytest.raises(ValueError, match="n_placebo"):
        event_checks(df, ev, "y", n_placebo=-1)


def test_pool_events_averages_changes_with_a_mover_interval():
    df = _synthetic(shift_a=3.0, shift_b=0.0, per_day=4)
    two = pd.DataFrame({"id": ["e1", "e2"], "label": ["first", "second"],
                        "date": [EVENT - pd.Timedelta(days=6), EVENT]})  # fmt: skip
    t = event_window(df, two, "pressure_per_1k", before=3, after=3, n_boot=500)
    pooled = pool_events(t).set_index("outlet")
    ch = t[(t["window"] == "after - before") & (t["outlet"] == "A")]
    assert pooled.loc["A", "estimate"] == pytest.approx(ch["estimate"].mean())
    half_low = np.sqrt(((ch["estimate"] - ch["ci_low"]) ** 2).sum()) / 2
    assert pooled.loc["A", "ci_low"] == pytest.approx(ch["estimate"].mean() - half_low)
    assert pooled.loc["A", "n_events"] == 2 and pooled.loc["A", "events"] == "e1;e2"
    assert pooled.loc["A", "note"] == ""
    close = two.assign(date=[EVENT - pd.Timedelta(days=2), EVENT])
    again = pool_events(event_window(df, close, "pressure_per_1k", before=3, after=3, n_boot=100))
    assert "windows overlap (e1/e2)" in again["note"].iloc[0]
    d = event_did(df, two, "pressure_per_1k", before=3, after=3, n_boot=200)
    pd_ = pool_events(d).iloc[0]
    assert (pd_["group_a"], pd_["group_b"]) == ("A", "B") and pd_["n_events"] == 2
    with pytest.raises(ColumnsError, match="event_window"):
        pool_events(df)


# ----------------------------------------------------------------- bad input
def test_bad_inputs_raise_clear_errors():
    df = _synthetic(per_day=1)
    with pytest.raises(ColumnsError, match=r"missing column\(s\) \['nope'\]") as err:
        event_window(df, EVENTS, "nope")
    assert err.value.missing == ["nope"]
    with pytest.raises(ColumnsError, match=r"\['date'\]"):
        event_window(df.drop(columns="date"), EVENTS, "pressure_per_1k")
    with pytest.raises(ColumnsError, match=r"event_window \(events\).*\['label'\]"):
        event_window(df, EVENTS.drop(columns="label"), "pressure_per_1k")
    for kwargs, match in [
        ({"before": 0}, "before must be a whole number of days >= 1, got 0"),
        ({"after": -3}, "after must be"),
        ({"before": 2.5}, "before must be"),
        ({"gap": 7}, r"gap \(7\) must be smaller"),
        ({"gap": -1}, "gap must be"),
        ({"min_docs": 0}, "min_docs must be"),
        ({"ci": 1.5}, "ci must be between"),
    ]:
        with pytest.raises(ValueError, match=match):
            event_window(df, EVENTS, "pressure_per_1k", **kwargs)
    dup = pd.concat([EVENTS, EVENTS])
    with pytest.raises(CorpusError, match="'alaska' appears more than once") as err:
        event_window(df, dup, "pressure_per_1k")
    assert err.value.value == "alaska"
    no_date = EVENTS.assign(date=pd.NaT)
    with pytest.raises(CorpusError, match="has no date") as err:
        event_window(df, no_date, "pressure_per_1k")
    assert err.value.field == "date"
    with pytest.raises(CorpusError, match="no article has a value in 'date'"):
        event_window(df.assign(date=pd.NaT), EVENTS, "pressure_per_1k")
    with pytest.raises(CorpusError, match="grouping column 'outlet'"):
        event_window(df.assign(outlet=None), EVENTS, "pressure_per_1k")


# ----------------------------------------------------------------- figure
def test_figure_draws_exactly_the_table():
    df = _synthetic(per_day=2)
    two = pd.concat(
        [
            EVENTS,
            pd.DataFrame(
                {"id": ["later"], "date": [EVENT + pd.Timedelta(days=3)], "label": ["Later"]}
            ),
        ]  # fmt: skip
    )
    t = event_window(df, two, "pressure_per_1k", n_boot=100)
    fig, data = event_window_plot(t)
    assert len(fig.axes) == 2
    assert data.columns.tolist() == [
        "outlet", "event", "window", "measure", "estimate", "ci_low", "ci_high", "n_docs",
    ]  # fmt: skip
    assert len(data) == 8 and set(data["window"]) == {"before", "after"}
    styles = outlet_styles(["A", "B"])
    for ax, ev in zip(fig.axes, ["alaska", "later"], strict=True):
        for _, r in data[data["event"] == ev].iterrows():
            ref = _row(t, r["outlet"], r["window"], ev)
            gid = f"{ev}|{r['window']}|{r['outlet']}"
            (dot,) = [ln for ln in ax.lines if ln.get_gid() == gid]
            (bar,) = [c for c in ax.collections if c.get_gid() == gid]
            assert dot.get_xdata()[0] == pytest.approx(ref["estimate"])
            seg = bar.get_segments()[0]
            assert (seg[0][0], seg[1][0]) == pytest.approx((ref["ci_low"], ref["ci_high"]))
            assert dot.get_color() == styles[r["outlet"]]["color"]
            open_ = dot.get_markerfacecolor() == "white"
            assert open_ == (r["window"] == "before")
    fig, data = event_window_plot(t, show="change", events=["later"])
    assert len(fig.axes) == 1 and set(data["window"]) == {"after - before"}
    ref = t[(t["event"] == "later") & (t["window"] == "after - before")]
    assert data["estimate"].tolist() == pytest.approx(ref["estimate"].tolist())


def test_figure_can_skip_events_without_estimates():
    df = _synthetic(per_day=2)
    far = EVENT + pd.Timedelta(days=40)  # no article within 7 days of it, but inside
    df = pd.concat([df, df.iloc[:2].assign(date=far + pd.Timedelta(days=10))])  # the corpus
    events = pd.concat([EVENTS, pd.DataFrame({"id": ["empty"], "date": [far], "label": ["Empty"]})])
    t = event_window(df, events, "pressure_per_1k", n_boot=50)
    assert t.loc[t["event"] == "empty", "estimate"].isna().all()
    fig, data = event_window_plot(t, show="change")
    assert len(fig.axes) == 2 and set(data["event"]) == {"alaska", "empty"}
    fig, data = event_window_plot(t, show="change", skip_empty=True)
    assert len(fig.axes) == 1 and set(data["event"]) == {"alaska"}


def test_figure_saves_as_a_bundle(tmp_path):
    from framing.export import save_figure

    t = event_window(_synthetic(per_day=1), EVENTS, "pressure_per_1k", n_boot=50)
    fig, data = event_window_plot(t, show="change")
    paths = save_figure(fig, "event_window", data=data, caption="Change", out_dir=tmp_path,
                        parameters={"before": 7, "after": 7})  # fmt: skip
    saved = pd.read_csv(paths["csv"])  # rows sorted by save_figure
    assert sorted(saved["estimate"]) == pytest.approx(sorted(data["estimate"]))


def test_figure_errors():
    df = _synthetic(per_day=1).assign(other=1.0)
    t = event_window(df, EVENTS, ["pressure_per_1k", "other"], n_boot=20)
    with pytest.raises(FigureError, match="holds 2 measures") as err:
        event_window_plot(t)
    assert err.value.field == "measure"
    with pytest.raises(FigureError, match="'nope' is not in the table"):
        event_window_plot(t, measure="nope")
    with pytest.raises(FigureError, match=r"events \['x'\] are not in the table"):
        event_window_plot(t, measure="other", events=["x"])
    with pytest.raises(FigureError, match="show must be"):
        event_window_plot(t, measure="other", show="both")
    with pytest.raises(ColumnsError, match="window"):
        event_window_plot(t.drop(columns="window"))


# ----------------------------------------------------------------- demo corpus
def test_every_demo_event_runs_on_the_demo_corpus():
    from framing.compare import load_events
    from framing.corpus import load_corpus

    folder = ROOT / "corpora" / "demo"
    if not (folder / "events.yaml").exists():
        pytest.skip("corpora/demo is not present")
    corpus = load_corpus(folder)
    corpus["n_chars"] = corpus["text"].str.len().astype(float)
    events = load_events(folder / "events.yaml")
    t = event_window(corpus, events, "n_chars", n_boot=50)
    assert len(t) == len(events) * corpus["outlet"].nunique() * 3
    assert t.attrs["n_no_date"] == int(corpus["date"].isna().sum())
    first = t[t["event"] == events.sort_values("date")["id"].iloc[0]]
    assert first["note"].str.contains("outside corpus dates").any()
