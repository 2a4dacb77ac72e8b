"""Tests of framing.sources.html (trafilatura extraction of saved pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framing.corpus import load_corpus
from framing.errors import CorpusError
from framing.sources import collect, extract_html, read_html
from framing.sources.html import outlet_resolver

FIX = Path(__file__).parent / "fixtures"
PAGES = FIX / "sources_pages"
OUTLETS = FIX / "sources_outlets.yaml"


def test_extract_html_fields():
    out = extract_html((PAGES / "courier" / "talks.html").read_bytes())
    assert out["title"] == "Envoys resume ceasefire talks in Geneva"
    assert out["text"].startswith("Negotiators from both delegations")  # headline not repeated
    assert "Copyright" not in out["text"] and "Home" not in out["text"]
    assert out["date"].startswith("2025-07-10T14:30:00")
    assert out["site_name"] == "Harbor Courier"
    assert out["url"] == "https://www.harborcourier.example/world/envoys-resume-talks"
    assert out["domain"] == "harborcourier.example"
    assert out["charset"] == "utf-8" and out["charset_from"] == "meta"
    assert out["extracted_with"].startswith("trafilatura 2.")


def test_extract_html_empty_and_str_input():
    assert extract_html((PAGES / "empty-index.html").read_bytes()) is None
    assert extract_html(b"") is None
    page = (PAGES / "wire-summit.htm").read_text(encoding="utf-8")
    out = extract_html(page, url="https://meridianwire.example/summit")
    assert out["domain"] == "meridianwire.example" and out["charset_from"] == "str"
    assert out["date"].startswith("2025-09-15T08:00:00")


def test_read_html_folder_with_outlet_aliases():
    res = read_html(PAGES, outlets=OUTLETS, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (4, 3, 1)
    art = res.articles.set_index("doc_id")
    assert list(art.index) == ["courier/talks.html", "courier/tariffs.html", "wire-summit.htm"]
    assert art["outlet"].tolist() == ["The Harbor Courier"] * 2 + ["Meridian Wire Service"]
    assert str(art.loc["wire-summit.htm", "date"]) == "2025-09-15 06:00:00+00:00"
    assert {"site_name", "domain", "extracted_with", "charset"} <= set(art.columns)
    rej = res.rejected.iloc[0]
    assert rej["item"] == "empty-index.html" and rej["stage"] == "extract"
    assert rej["reason"].startswith("extraction empty")
    with pytest.raises(CorpusError, match=r"item 3 \(empty-index.html\): extraction empty"):
        read_html(PAGES)


def test_read_html_files_and_errors(tmp_path):
    res = read_html([PAGES / "wire-summit.htm"])
    assert res.articles["doc_id"].tolist() == ["wire-summit.htm"]
    assert res.articles["outlet"].tolist() == ["Meridian Wire"]  # site name, no outlets.yaml
    with pytest.raises(CorpusError, match="no such file") as info:
        read_html([tmp_path / "none.html"])
    assert info.value.path.endswith("none.html")
    with pytest.raises(CorpusError, match="no .html/.htm files"):
        read_html(tmp_path)


def test_outlet_resolver_order():
    resolve = outlet_resolver(OUTLETS)
    assert resolve("Something", "www.meridianwire.example") == "Meridian Wire Service"
    assert resolve("Harbor Courier", "mirror.example") == "The Harbor Courier"
    assert resolve("Other", "other.example", "Listed Name") == "Listed Name"
    assert resolve(None, "www.other.example") == "other.example"
    assert resolve(None, None) is None


def test_collect_html_copies_outlets_and_loads_strict(tmp_path):
    out = tmp_path / "pages"
    res = collect("html", PAGES, out=out, mode="lenient", outlets=OUTLETS)
    df = load_corpus(out)  # strict
    assert len(df) == res.kept == 3
    assert df["outlet_type"].tolist() == ["private", "private", "wire"]
    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    c = meta["counts"]
    assert c["read"] == c["kept"] + c["rejected"] == 4
    assert meta["provenance"]["outlets"] == str(OUTLETS)


def test_read_html_live_urls_go_through_the_polite_fetcher(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(FIX))
    from sources_server import BLOCKED, HTML, Server, only_localhost

    from framing.sources import Fetcher

    only_localhost(monkeypatch)
    page = (PAGES / "courier" / "talks.html").read_bytes()
    with Server({"/talks": (200, HTML, page)}) as srv:
        fetcher = Fetcher(
            rate_limit_per_host=0, retries=0, cache_dir=tmp_path / "c", allow_private=True
        )
        res = read_html(
            [srv.url("/talks"), srv.url("/gone")],
            outlets=OUTLETS,
            mode="lenient",
            fetcher=fetcher,
            progress=False,
        )
        out = tmp_path / "live"
        assert main_collect(["html", srv.url("/talks"), "--out", str(out), "--quiet"]) == 0
    assert not BLOCKED
    assert res.articles["outlet"].tolist() == ["The Harbor Courier"]
    assert res.rejected["reason"].tolist() == ["HTTP 404"]
    assert load_corpus(out)["url"].tolist() == [srv.url("/talks")]
    with pytest.raises(CorpusError, match="not both"):
        read_html([PAGES / "wire-summit.htm", srv.url("/talks")])
    with pytest.raises(CorpusError, match="only apply to URLs"):
        read_html(PAGES, cache_dir=tmp_path)


def main_collect(argv):
    from framing.cli import main

    return main(["collect", *argv, "--rate-limit", "0", "--no-cache", "--allow-private"])
