"""Tests of framing.plots: the house style, stable outlet colours, standard figures.

Each figure test checks that ``data`` holds exactly the numbers drawn, read back from
the artists (Line2D, LineCollection, image, scatter offsets).
"""

from __future__ import annotations

import itertools

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

from framing.errors import ColumnsError, FigureError
from framing.plots import (
    COLUMN_WIDTHS,
    MARKERS,
    OKABE_ITO,
    actor_tone_plot,
    fightin_words_plot,
    heatmap,
    outlet_colors,
    outlet_styles,
    prevalence_plot,
    style,
    time_plot,
)

OUTLETS = ["Wire B", "Agency A", "Daily C"]


@pytest.fixture
def estimates():
    rows = []
    for i, o in enumerate(OUTLETS):
        for j, m in enumerate(["diplomacy", "conflict"]):
            e = 0.1 + 0.1 * i + 0.05 * j
            rows.append((o, m, e, e - 0.04, e + 0.03, 20 + i))
    return pd.DataFrame(
        rows, columns=["outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs"]
    )


@pytest.fixture
def over_time():
    rows = []
    for i, o in enumerate(OUTLETS[:2]):
        for k, p in enumerate(pd.date_range("2025-06-01", periods=4, freq="MS", tz="UTC")):
            e = 0.2 + 0.05 * i + 0.02 * k
            rows.append((o, p, "conflict", e, e - 0.05, e + 0.05, 10))
    cols = ["outlet", "period", "measure", "estimate", "ci_low", "ci_high", "n_docs"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def keyness_table():
    rng = np.random.default_rng(7)
    n = 120
    return pd.DataFrame(
        {
            "term": [f"w{i:03d}" for i in range(n)],
            "z": rng.normal(0, 2.5, n),
            "n_total": rng.integers(1, 3000, n),
        }
    )


def _line(ax, gid):
    found = [ln for ln in ax.lines if ln.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def _no_overlap(boxes):
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


# ----------------------------------------------------------------- style and colours


def test_style_sets_print_settings_and_restores():
    before = dict(mpl.rcParams)
    with style("double"):
        assert mpl.rcParams["figure.figsize"][0] == COLUMN_WIDTHS["double"]
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["svg.fonttype"] == "path"
        assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(OKABE_ITO)
    assert mpl.rcParams["pdf.fonttype"] == before["pdf.fonttype"]


def test_style_rejects_unknown_width():
    with pytest.raises(FigureError, match="not one of") as info:
        style("triple")
    assert info.value.value == "triple"


def test_outlet_styles_are_stable_and_order_free():
    a = outlet_styles(OUTLETS)
    b = outlet_styles(list(reversed(OUTLETS)) + ["Wire B"])
    assert a == b
    assert a["Agency A"]["color"] == OKABE_ITO[0]  # sorted registry: first name, first colour
    assert outlet_colors(OUTLETS) == {k: v["color"] for k, v in a.items()}


def test_outlet_styles_universe_keeps_colour_of_a_subset():
    full = outlet_colors(OUTLETS)
    sub = outlet_colors(["Wire B"], universe=OUTLETS)
    assert sub == {"Wire B": full["Wire B"]}
    with pytest.raises(FigureError, match="not in universe") as info:
        outlet_colors(["Nowhere"], universe=OUTLETS)
    assert info.value.value == ["Nowhere"]


def test_more_than_eight_names_fall_back_to_markers():
    names = [f"outlet {i:02d}" for i in range(20)]
    styles = outlet_styles(names)
    pairs = {(s["color"], s["marker"]) for s in styles.values()}
    assert len(pairs) == 20
    assert styles["outlet 08"] == {"color": OKABE_ITO[0], "marker": MARKERS[1]}


def test_groups_work_like_outlets():
    assert set(outlet_colors(["wire", "public", "state-affiliated"])) == {
        "wire",
        "public",
        "state-affiliated",
    }


# ----------------------------------------------------------------- prevalence


def test_prevalence_plot_data_is_what_is_drawn(estimates):
    fig, data = prevalence_plot(estimates)
    assert list(data.columns) == ["outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs"]
    assert len(data) == len(estimates)
    axes = fig.get_axes()
    assert [ax.get_title() for ax in axes] == ["conflict", "diplomacy"]
    order = sorted(OUTLETS)
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert labels == order  # tick positions go up; first name is at the top
    assert [t.get_position()[1] for t in axes[0].get_yticklabels()] == [2, 1, 0]
    colors = outlet_colors(OUTLETS)
    for ax in axes:
        m = ax.get_title()
        segments = {tuple(np.round(s[0], 9)): s for c in ax.collections for s in c.get_segments()}
        for row in data[data["measure"] == m].itertuples():
            line = _line(ax, f"{m}|{row.outlet}")
            y = 2 - order.index(row.outlet)
            assert line.get_xdata()[0] == pytest.approx(row.estimate)
            assert line.get_ydata()[0] == y
            assert mpl.colors.to_hex(line.get_color()) == colors[row.outlet].lower()
            seg = segments[(round(row.ci_low, 9), float(y))]
            assert seg[1][0] == pytest.approx(row.ci_high)


def test_prevalence_plot_orders_by_estimate_and_filters_measures(estimates):
    fig, data = prevalence_plot(estimates, order="estimate", measures=["conflict"])
    assert data["measure"].unique().tolist() == ["conflict"]
    assert data["outlet"].tolist() == ["Daily C", "Agency A", "Wire B"]
    assert len(fig.get_axes()) == 1


def test_prevalence_plot_checks_columns_and_duplicates(estimates):
    with pytest.raises(ColumnsError, match="ci_high") as info:
        prevalence_plot(estimates.drop(columns="ci_high"))
    assert info.value.missing == ["ci_high"]
    with pytest.raises(FigureError, match="several rows") as info:
        prevalence_plot(pd.concat([estimates, estimates.head(1)]))
    assert info.value.value == ["Wire B", "diplomacy"]


def test_prevalence_plot_accepts_another_group_column(estimates):
    est = estimates.rename(columns={"outlet": "outlet_type"})
    _, data = prevalence_plot(est, group="outlet_type")
    assert data.columns[0] == "outlet_type"


# ----------------------------------------------------------------- heatmap


def test_heatmap_cells_and_annotations_match_data(estimates):
    est = estimates.drop(index=0)  # one blank cell: Wire B x diplomacy
    fig, data = heatmap(est, fmt="{:.3f}")
    ax = fig.get_axes()[0]
    image = ax.images[0].get_array()
    order = sorted(OUTLETS)
    cols = ["conflict", "diplomacy"]
    assert len(data) == len(est)
    for row in data.itertuples():
        assert image[order.index(row.outlet), cols.index(row.measure)] == pytest.approx(
            row.estimate
        )
    assert bool(image.mask[order.index("Wire B"), cols.index("diplomacy")])
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == sorted(f"{v:.3f}" for v in data["estimate"])


# ----------------------------------------------------------------- time


def test_time_plot_lines_and_bands_match_data(over_time):
    fig, data = time_plot(over_time)
    ax = fig.get_axes()[0]
    assert len(data) == len(over_time)
    assert data["period"].dt.tz is None
    for o, sub in data.groupby("outlet"):
        line = _line(ax, f"conflict|{o}")
        x = mdates.date2num(line.get_xdata())
        np.testing.assert_allclose(x, mdates.date2num(sub["period"]))
        np.testing.assert_allclose(line.get_ydata(), sub["estimate"])
        (band,) = [c for c in ax.collections if c.get_gid() == f"conflict|{o}"]
        ys = band.get_paths()[0].vertices[:, 1]
        assert ys.min() == pytest.approx(sub["ci_low"].min())
        assert ys.max() == pytest.approx(sub["ci_high"].max())


@pytest.mark.parametrize("kind", ["period", "string", "naive"])
def test_time_plot_accepts_periods_strings_and_dates(over_time, kind):
    _, ref = time_plot(over_time)
    p = over_time["period"]
    alt = {
        "period": p.dt.tz_localize(None).dt.to_period("M"),
        "string": p.dt.strftime("%Y-%m-%d"),
        "naive": p.dt.tz_localize(None),
    }[kind]
    _, data = time_plot(over_time.assign(period=alt))
    np.testing.assert_array_equal(data["period"].to_numpy(), ref["period"].to_numpy())


@pytest.mark.parametrize("width", ["single", "double"])
def test_time_plot_event_labels_do_not_overlap(over_time, width):
    dates = ["2025-06-01", "2025-07-02", "2025-07-03", "2025-07-04", "2025-07-05"]
    dates += ["2025-07-06", "2025-08-20", "2026-03-01"]
    names = ["Kick-off talks", "Summit", "Phone call", "Tariff letter", "Sanctions"]
    names += ["ASEAN meeting", "Call", "Later"]
    events = pd.DataFrame({"date": dates, "label": names})
    fig, _ = time_plot(over_time, events=events, width=width)
    ax = fig.get_axes()[0]
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() in set(names)]
    assert sorted(t.get_text() for t in labels) == sorted(names[:-1])  # 'Later' is out of range
    boxes = [t.get_window_extent(renderer) for t in labels]
    (title,) = [
        c for c in ax.get_children() if isinstance(c, mpl.text.Text) and c.get_text() == "conflict"
    ]
    _no_overlap(boxes + [title.get_window_extent(renderer)])


def _padded(box, pad):
    return mpl.transforms.Bbox([[box.x0 - pad, box.y0 - pad], [box.x1 + pad, box.y1 + pad]])


def test_time_plot_event_labels_clear_on_the_demo_corpus():
    # Regression: on the demo corpus, labels overlapped each other (the layout moved
    # after placement, and text widths change with dpi) and the top panel's title.
    from pathlib import Path

    from framing.compare import load_events, over_time
    from framing.corpus import load_corpus
    from framing.lexicon import score
    from framing.topics import select

    demo = Path(__file__).resolve().parents[1] / "corpora" / "demo"
    articles = select(load_corpus(demo), "us_russia_talks")
    scores = articles[["doc_id", "outlet", "date"]].merge(
        score(articles, "topic_frames"), on="doc_id"
    )
    measures = ["diplomacy_per_1k", "hedging_per_1k", "security_per_1k"]
    est = over_time(scores, measures, freq="M", n_boot=50)
    events = load_events(demo / "events.yaml")
    events = events[events["topic"] == "us_russia_talks"]
    fig, _ = time_plot(est, events=events.assign(label=events["id"]))
    panels = fig.get_axes()[: len(measures)]
    assert [ax.get_title(loc="left") for ax in panels] == measures
    names = set(events["id"])
    labels = [t for t in panels[0].texts if t.get_text() in names]
    assert len(labels) >= 10
    for dpi in (fig.dpi, 150, 300):  # screen, notebook and print renderings
        fig.set_dpi(dpi)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        pad = dpi / 72  # one point
        boxes = [_padded(t.get_window_extent(renderer), pad / 2) for t in labels]
        _no_overlap(boxes)
        titles = [
            c.get_window_extent(renderer)
            for ax, m in zip(panels, measures, strict=True)
            for c in ax.get_children()
            if isinstance(c, mpl.text.Text) and c.get_text() == m
        ]
        assert len(titles) == len(panels)
        for box, title in itertools.product(boxes, titles):
            assert not box.overlaps(title), (dpi, box, title)
        inside = fig.bbox
        for b in boxes:
            assert inside.x0 <= b.x0 and b.x1 <= inside.x1 and b.y1 <= inside.y1, (dpi, b)


def test_time_plot_needs_period_column(over_time):
    with pytest.raises(ColumnsError, match="period"):
        time_plot(over_time.drop(columns="period"))


# ----------------------------------------------------------------- fightin' words


def test_fightin_words_scatter_matches_data_and_labels_do_not_overlap(keyness_table):
    fig, data = fightin_words_plot(keyness_table, n_label=8, names=("A", "B"))
    ax = fig.get_axes()[0]
    (points,) = [c for c in ax.collections if c.get_gid() == "terms"]
    offsets = points.get_offsets()
    np.testing.assert_allclose(offsets[:, 0], data["n_total"])
    np.testing.assert_allclose(offsets[:, 1], data["z"])
    assert ax.get_xscale() == "log"
    assert data["z"].is_monotonic_decreasing
    labelled = data[data["labelled"]]
    assert (labelled["z"].abs() >= 1.96).all()
    assert (labelled["side"] == "A").sum() <= 8 and (labelled["side"] == "B").sum() <= 8
    assert len(labelled) >= 6
    texts = [t for t in ax.texts]
    assert sorted(t.get_text() for t in texts) == sorted(labelled["term"])
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    boxes = [t.get_window_extent(renderer) for t in texts]
    _no_overlap(boxes)
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1


def test_fightin_words_takes_other_column_names_and_rejects_zero_counts(keyness_table):
    kt = keyness_table.rename(columns={"term": "feature", "z": "zeta", "n_total": "count"})
    _, data = fightin_words_plot(kt, term="feature", z="zeta", freq="count", n_label=3)
    assert list(data.columns) == ["feature", "count", "zeta", "side", "labelled"]
    kt.loc[5, "count"] = 0
    with pytest.raises(FigureError, match="positive") as info:
        fightin_words_plot(kt, term="feature", z="zeta", freq="count")
    assert info.value.field == "count" and info.value.value == 0


# ----------------------------------------------------------------- actor tone


@pytest.fixture
def tone():
    rows = []
    for i, o in enumerate(OUTLETS):
        for j, a in enumerate(["russia", "ukraine", "usa"]):
            e = -0.3 + 0.2 * i + 0.1 * j
            rows.append((o, f"tone_{a}", e, e - 0.1, e + 0.1, 15))
    rows.append(("Wire B", "conflict", 0.5, 0.4, 0.6, 15))  # not a tone measure: ignored
    return pd.DataFrame(
        rows, columns=["outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs"]
    )


def test_actor_tone_plot_from_measure_names(tone):
    fig, data = actor_tone_plot(tone)
    assert list(data.columns) == ["outlet", "actor", "estimate", "ci_low", "ci_high", "n_docs"]
    assert len(data) == 9
    ax = fig.get_axes()[0]
    for o, sub in data.groupby("outlet"):
        line = _line(ax, o)
        np.testing.assert_allclose(line.get_xdata(), sub["estimate"])
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["russia", "ukraine", "usa"]


def test_actor_tone_plot_with_actor_column_gives_same_data(tone):
    _, by_measure = actor_tone_plot(tone)
    t = tone[tone["measure"].str.startswith("tone_")]
    t = t.assign(actor=t["measure"].str[5:]).drop(columns="measure")
    _, by_column = actor_tone_plot(t)
    pd.testing.assert_frame_equal(by_measure, by_column)


def test_actor_tone_plot_without_tone_rows_is_an_error(tone):
    with pytest.raises(FigureError, match="no measure starts with 'sent_'"):
        actor_tone_plot(tone, prefix="sent_")


# ----------------------------------------------------------------- colours across figures


def test_outlet_colours_agree_across_figures(estimates, over_time, tone):
    fig1, _ = prevalence_plot(estimates)
    colors = outlet_styles(OUTLETS)
    fig2, _ = time_plot(over_time, colors=colors)  # a subset of outlets keeps its colours
    fig3, _ = actor_tone_plot(tone)
    seen = {}
    for fig in (fig1, fig2, fig3):
        for ax in fig.get_axes():
            for line in ax.lines:
                gid = line.get_gid() or ""
                outlet = gid.split("|")[-1]
                if outlet in OUTLETS:
                    seen.setdefault(outlet, set()).add(mpl.colors.to_hex(line.get_color()))
    assert {o: c.pop() for o, c in seen.items() if len(c) == 1} == {
        o: v["color"].lower() for o, v in colors.items()
    }


def test_figures_do_not_register_with_pyplot(estimates):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    prevalence_plot(estimates)
    assert plt.get_fignums() == before


# ----------------------------------------------------------------- with the kit's own tables


def test_fightin_words_reads_keyness_output_directly():
    from framing.keyness import keyness

    corpus = pd.DataFrame(
        {
            "outlet": ["A"] * 3 + ["B"] * 3,
            "text": [
                "peace talks resume peace talks",
                "diplomats praise talks and peace",
                "summit talks peace progress",
                "war sanctions war threat",
                "sanctions threat escalate war",
                "war threat sanctions rise",
            ],
        }
    )
    kt = keyness(corpus, target="A", measure="log_odds", min_count=1)
    fig, data = fightin_words_plot(kt, threshold=0.5)
    assert "n_total" in data.columns
    expected = (kt["n_target"] + kt["n_reference"]).to_numpy()
    merged = data.merge(kt.assign(n=expected)[["term", "n"]], on="term")
    np.testing.assert_array_equal(merged["n_total"], merged["n"])
    assert set(data["side"]) <= {"A", "B", "neither"}
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["A", "B"]


def test_time_plot_takes_over_time_and_load_events(tmp_path):
    from framing.compare import load_events, over_time

    scores = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B", "B", "B"] * 2,
            "date": pd.to_datetime(["2025-06-02", "2025-06-03", "2025-06-10"] * 4, utc=True),
            "conflict_per_1k": np.arange(12, dtype=float),
        }
    )
    est = over_time(scores, "conflict_per_1k", n_boot=50)
    path = tmp_path / "events.yaml"
    path.write_text("events:\n  - {id: e1, date: 2025-06-05, label: Talks, topic: t}\n")
    fig, data = time_plot(est, events=load_events(path), labels={"conflict_per_1k": "Conflict"})
    assert len(data) == len(est)
    ax = fig.get_axes()[0]
    assert "Talks" in [t.get_text() for t in ax.texts]
    assert ax.get_title(loc="left") == "Conflict"
    assert set(data["measure"]) == {"conflict_per_1k"}


def test_measure_labels_change_titles_not_data(estimates):
    fig, data = prevalence_plot(estimates, labels={"conflict": "Conflict frame"})
    assert [ax.get_title() for ax in fig.get_axes()] == ["Conflict frame", "diplomacy"]
    assert set(data["measure"]) == {"conflict", "diplomacy"}
    fig, _ = heatmap(estimates, labels={"conflict": "Conflict frame"})
    ticks = [t.get_text() for t in fig.get_axes()[0].get_xticklabels()]
    assert ticks == ["Conflict frame", "diplomacy"]


def test_non_string_groups_and_numeric_periods(estimates, over_time):
    est = estimates.assign(outlet=estimates["outlet"].map({o: i for i, o in enumerate(OUTLETS)}))
    fig, data = prevalence_plot(est)
    assert sorted(data["outlet"].unique()) == [0, 1, 2]
    ts = over_time.assign(period=over_time.groupby("outlet").cumcount())
    _, data = time_plot(ts)
    assert data["period"].tolist()[:4] == [0, 1, 2, 3]
    with pytest.raises(FigureError, match="events need dates") as info:
        time_plot(ts, events=pd.DataFrame({"date": ["2025-06-01"], "label": ["x"]}))
    assert info.value.field == "period"


def test_figures_display_in_jupyter_without_pyplot(estimates):
    fig, _ = prevalence_plot(estimates)
    assert fig._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")  # IPython's display protocol


def test_long_panel_titles_are_wrapped_and_single_column_stacks_panels(estimates):
    long = "frames.some_really_long_category_name_that_goes_on_and_on_per_1k"
    est = estimates.assign(measure=estimates["measure"].map({"conflict": long, "diplomacy": "d"}))
    fig, data = prevalence_plot(est, width="single")
    axes = fig.get_axes()
    assert len({ax.get_position().x0 for ax in axes}) == 1  # one column
    title = axes[1].get_title()  # panels sorted: "d", then the long name
    assert "\n" in title and title.replace("\n", "") == long
    assert set(data["measure"]) == {long, "d"}


def test_many_outlets_never_share_a_style_silently_and_figures_stay_on_a_page():
    from framing.plots import MAX_HEIGHT, StyleWarning

    names = [f"outlet {i:03d}" for i in range(96)]
    with pytest.warns(StyleWarning, match="96 outlets but 56 distinct styles"):
        outlet_styles(names)
    groups = {n: ("left", "center", "right")[i % 3] for i, n in enumerate(names)}
    with pytest.warns(StyleWarning, match="more outlets than markers"):
        by_group = outlet_styles(names, groups=groups)
    assert {s["color"] for s in by_group.values()} == set(OKABE_ITO[:3])  # a colour per group
    few = {n: groups[n] for n in names[:20]}
    styles = outlet_styles(names[:20], universe=names[:20], groups=few)  # 20 <= 56: no warning
    assert len({(s["color"], s["marker"]) for s in styles.values()}) == 20
    est = pd.DataFrame(
        {
            "outlet": names,
            "measure": "peace_any",
            "estimate": 0.5,
            "ci_low": 0.4,
            "ci_high": 0.6,
            "n_docs": 10,
        }
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StyleWarning)
        fig, _ = prevalence_plot(est)
    assert fig.get_figheight() <= MAX_HEIGHT  # 4,000 px at 300 dpi


def test_heatmap_writes_values_only_where_they_fit():
    big = pd.DataFrame(
        [(f"o{i}", f"m{j:03d}", float(i + j)) for i in range(150) for j in range(100)],
        columns=["outlet", "measure", "estimate"],
    )
    fig, data = heatmap(big, fmt="{:.0f}", width="double")
    assert not fig.axes[0].texts and len(data) == 15_000  # the numbers stay in data
    small = big[big["outlet"].isin(["o1", "o2"]) & (big["measure"] < "m004")]
    assert len(heatmap(small, fmt="{:.0f}")[0].axes[0].texts) == 8
    assert len(heatmap(small, fmt="{:.0f}", annotate=False)[0].axes[0].texts) == 0
