"""Tests of framing.export: figure bundles and tables, byte-for-byte repeatable."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing._shared.provenance as prov
from framing._shared.jsonable import sha256_file
from framing.errors import FigureError, FramingError
from framing.export import save_figure, save_table
from framing.plots import prevalence_plot

FIXED_COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(autouse=True)
def _fixed_commit(monkeypatch):
    # Other work may commit to this checkout while a test runs; pin the commit so two
    # saves in one test see the same provenance.
    monkeypatch.setattr(prov, "git_commit", lambda *a, **k: FIXED_COMMIT)


def _estimates():
    return pd.DataFrame(
        {
            "outlet": ["Wire B", "Agency A", "Daily C"] * 2,
            "measure": ["conflict"] * 3 + ["diplomacy"] * 3,
            "estimate": [0.31, 0.12, 0.2, 0.4, 0.5, 0.25],
            "ci_low": [0.2, 0.05, 0.1, 0.3, 0.41, 0.2],
            "ci_high": [0.4, 0.2, 0.3, 0.5, 0.6, 0.3],
            "n_docs": [30, 31, 32, 30, 31, 32],
        }
    )


def _bundle(folder, rows=None):
    est = _estimates() if rows is None else _estimates().iloc[rows]
    fig, data = prevalence_plot(est)
    return save_figure(
        fig,
        "prevalence-by-outlet",
        data=data,
        caption="Frame prevalence by outlet (95% CI).",
        out_dir=folder,
        parameters={"topic": "us_russia_talks", "alpha": np.float64(0.05), "measures": ("a", "b")},
        inputs={"corpus": {"name": "demo", "sha256": "ab" * 32}},
    )


def test_save_figure_writes_identical_bytes_twice(tmp_path):
    a = _bundle(tmp_path / "a")
    b = _bundle(tmp_path / "b", rows=[5, 3, 1, 0, 2, 4])  # input row order does not matter
    assert sorted(a) == ["csv", "json", "pdf", "png", "svg"]
    for ext in a:
        assert a[ext].name == f"prevalence-by-outlet.{ext}"
        assert a[ext].read_bytes() == b[ext].read_bytes(), ext


@pytest.mark.slow
def test_save_figure_bytes_repeat_across_processes(tmp_path):
    script = (
        "import sys, framing._shared.provenance as p\n"
        f"p.git_commit = lambda *a, **k: {FIXED_COMMIT!r}\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_export import _bundle\n"
        "_bundle(sys.argv[1])\n"
    )
    here = str(Path(__file__).resolve().parent)
    for name in ("p1", "p2"):
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name), here], check=True, timeout=120
        )
    for f in sorted((tmp_path / "p1").iterdir()):
        assert f.read_bytes() == (tmp_path / "p2" / f.name).read_bytes(), f.name


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """One saved bundle shared by the read-only tests (saving a PDF takes ~1 s)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(prov, "git_commit", lambda *a, **k: FIXED_COMMIT)
        return _bundle(tmp_path_factory.mktemp("bundle"))


def test_figure_files_carry_no_timestamps_or_versions(bundle):
    paths = bundle
    pdf = paths["pdf"].read_bytes()
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType (Type 42) fonts
    svg = paths["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "<text" not in svg  # glyphs drawn as paths
    png = paths["png"].read_bytes()
    chunks = _png_chunks(png)
    text = b"".join(data for kind, data in chunks if kind in (b"tEXt", b"iTXt", b"zTXt"))
    assert b"Software" not in text and b"matplotlib" not in text.lower()
    (phys,) = [data for kind, data in chunks if kind == b"pHYs"]
    ppm_x, ppm_y, unit = struct.unpack(">IIB", phys)
    assert unit == 1 and round(ppm_x * 0.0254) == 300


def _png_chunks(data: bytes):
    pos, out = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        assert (
            zlib.crc32(kind + body)
            == struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])[0]
        )
        out.append((kind, body))
        pos += 12 + length
    return out


def test_figure_csv_is_the_plotted_data_sorted(bundle):
    _, data = prevalence_plot(_estimates())
    back = pd.read_csv(bundle["csv"])
    expected = data.sort_values(list(data.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_figure_sidecar_names_inputs_and_provenance(bundle):
    paths = bundle
    text = paths["json"].read_text(encoding="utf-8")
    meta = json.loads(text)
    assert meta["caption"] == "Frame prevalence by outlet (95% CI)."
    assert meta["parameters"] == {"topic": "us_russia_talks", "alpha": 0.05, "measures": ["a", "b"]}
    assert meta["inputs"]["corpus"]["sha256"] == "ab" * 32
    p = meta["provenance"]
    assert p["git_commit"] == FIXED_COMMIT
    assert p["framing_version"] and p["matplotlib_version"]
    for ext in ("pdf", "svg", "png", "csv"):
        assert meta["files"][ext]["sha256"] == sha256_file(paths[ext])
    assert meta["data"]["n_rows"] == 6
    assert text == json.dumps(meta, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("bad", ["Figure1", "", "-x", "a b", "a/b", "fig.1", 3])
def test_invalid_ids_are_refused(tmp_path, bad):
    fig, data = prevalence_plot(_estimates())
    with pytest.raises(FigureError, match="is not valid") as info:
        save_figure(fig, bad, data=data, caption="c", out_dir=tmp_path)
    assert info.value.value == bad and info.value.field == "figure_id"
    assert isinstance(info.value, ValueError) and isinstance(info.value, FramingError)
    with pytest.raises(FigureError, match="table id"):
        save_table(data, bad, out_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_parameters_that_are_not_json_are_refused(tmp_path):
    fig, data = prevalence_plot(_estimates())
    with pytest.raises(FigureError, match="cannot be written as JSON") as info:
        save_figure(fig, "x", data=data, caption="c", out_dir=tmp_path, parameters={"f": object()})
    assert "object" in info.value.value
    assert not list(tmp_path.iterdir())  # checked before anything is written


def test_git_commit_is_none_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real function
    assert prov.git_commit(tmp_path) is None
    here = prov.git_commit()
    assert here is None or len(here) == 40


# ----------------------------------------------------------------- tables


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "outlet": ["AT&T News", "50% Daily", "snake_case #1", "pipe|wire", "brace {x} ~^\\"],
            "share": [0.12345, 0.5, np.nan, 1.0, 0.25],
            "n_docs": [10, 20, 30, 40, 50],
        }
    )


def test_save_table_escapes_latex_and_uses_booktabs(tmp_path, table):
    paths = save_table(table, "shares", out_dir=tmp_path, caption="Shares & counts, 95% of_all #")
    tex = paths["tex"].read_text(encoding="utf-8")
    assert "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex
    assert "\\begin{tabular}{lrr}" in tex
    assert "AT\\&T News & 0.123 & 10 \\\\" in tex
    assert "50\\% Daily" in tex and "snake\\_case \\#1 &  & 30" in tex
    assert "brace \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}" in tex
    assert "\\caption{Shares \\& counts, 95\\% of\\_all \\#}" in tex
    assert "\\label{tab:shares}" in tex
    assert "n\\_docs" in tex


def test_save_table_markdown_and_csv(tmp_path, table):
    paths = save_table(table, "shares", out_dir=tmp_path, float_format="{:.1%}", na_rep="–")
    md = paths["md"].read_text(encoding="utf-8").splitlines()
    assert md[0] == "| outlet | share | n_docs |"
    assert md[1] == "|:---|---:|---:|"
    assert md[2] == "| AT&T News | 12.3% | 10 |"
    assert md[4] == "| snake_case #1 | – | 30 |"
    assert md[5] == "| pipe\\|wire | 100.0% | 40 |"
    back = pd.read_csv(paths["csv"])
    pd.testing.assert_frame_equal(back, table)  # CSV keeps full precision


def test_save_table_is_deterministic_with_sidecar(tmp_path, table):
    a = save_table(table, "t", out_dir=tmp_path / "a", caption="c", inputs={"lexicon": "x"})
    b = save_table(table.copy(), "t", out_dir=tmp_path / "b", caption="c", inputs={"lexicon": "x"})
    assert sorted(a) == ["csv", "json", "md", "tex"]
    for ext in a:
        assert a[ext].read_bytes() == b[ext].read_bytes(), ext
    meta = json.loads(a["json"].read_text(encoding="utf-8"))
    assert meta["kind"] == "table" and meta["inputs"] == {"lexicon": "x"}
    assert meta["data"]["columns"] == ["outlet", "share", "n_docs"]


def test_save_table_writes_the_index_when_asked(tmp_path, table):
    t = table.set_index("outlet")
    paths = save_table(t, "t", out_dir=tmp_path, index=True, float_format=lambda v: f"{v:.2f}")
    md = paths["md"].read_text(encoding="utf-8").splitlines()
    assert md[0] == "| outlet | share | n_docs |"
    assert md[2] == "| AT&T News | 0.12 | 10 |"


def test_inputs_take_corpora_and_lexicons_by_hash(tmp_path):
    from framing.lexicon import Lexicon

    corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["t"]})
    corpus.attrs.update(name="demo", corpus_hash="c" * 64)
    lexicon = Lexicon.from_dict({"conflict": ["clash*"]}, name="mini")
    paths = save_table(
        pd.DataFrame({"x": [1]}),
        "t",
        out_dir=tmp_path,
        inputs={"corpus": corpus, "lexicon": lexicon},
    )
    meta = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert meta["inputs"]["corpus"] == {"name": "demo", "corpus_hash": "c" * 64, "n_rows": 1}
    assert meta["inputs"]["lexicon"]["content_hash"] == lexicon.content_hash
    assert meta["inputs"]["lexicon"]["name"] == "mini"
    with pytest.raises(FigureError, match="corpus_hash"):
        save_table(pd.DataFrame({"x": [1]}), "u", out_dir=tmp_path, inputs={"c": pd.DataFrame()})


@pytest.mark.realdata
@pytest.mark.slow
def test_real_corpus_figures_save_identically(tmp_path, shared_data):
    """Frermann et al. (2023) Narrative Frames Corpus: many real outlets, hand-coded frames."""
    path = shared_data("narrative_frames", "articles_metadata.tsv")
    from framing.compare import by_outlet, over_time
    from framing.plots import heatmap, outlet_styles, time_plot

    raw = pd.read_csv(path, sep="\t")
    frames = ["RE", "HI", "CO", "MO", "EC"]
    scores = raw.assign(
        **{f: raw[f].astype(str).str.lower().eq("true").astype(int) for f in frames}
    )
    top = scores["source"].value_counts().index[:10]  # more outlets than colours
    scores = scores[scores["source"].isin(top)]
    est = by_outlet(scores, frames, group="source", stat="share", method="wilson")
    colors = outlet_styles(top)
    assert len({s["marker"] for s in colors.values()}) == 2
    scores = scores.assign(date=pd.to_datetime(scores["date"], utc=True))
    ts = over_time(scores, ["CO"], freq="M", group="mbfc", stat="share", n_boot=200)
    for run in ("a", "b"):  # two separate builds of the many-outlet figure
        fig, data = prevalence_plot(est, group="source", colors=colors)
        save_figure(fig, "prevalence", data=data, caption="Frames", out_dir=tmp_path / run)
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name
    for fig_id, (fig, data) in {
        "heatmap": heatmap(est, group="source", fmt="{:.0%}"),
        "conflict-over-time": time_plot(ts, group="mbfc"),
    }.items():
        paths = save_figure(fig, fig_id, data=data, caption=fig_id, out_dir=tmp_path / "c")
        assert len(pd.read_csv(paths["csv"])) == len(data)
    back = pd.read_csv(tmp_path / "a" / "prevalence.csv")
    merged = back.merge(est, on=["source", "measure"], suffixes=("", "_est"))
    assert len(merged) == len(est) == 50
    np.testing.assert_allclose(merged["estimate"], merged["estimate_est"])


def test_markdown_tables_escape_html(tmp_path):
    """Review §4: tables/*.md carried outlet names verbatim (`<img src=x onerror=...>`)."""
    import pandas as pd

    from framing.export import save_table

    df = pd.DataFrame({"outlet": ["<img src=x onerror=alert(2)>", "A & B"], "n": [1, 2]})
    save_table(df, "t", out_dir=tmp_path)
    md = (tmp_path / "t.md").read_text()
    assert "<img" not in md and "&lt;img src=x onerror=alert(2)&gt;" in md and "A & B" in md
