"""Tests of the ``framing collect`` command group (network only to 127.0.0.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sources_server import HTML, Server, article  # tests/fixtures, see conftest.py

from framing.cli import main
from framing.corpus import load_corpus

FIX = Path(__file__).parent / "fixtures"

FAST = ["--rate-limit", "0", "--timeout", "2", "--retries", "0", "--quiet", "--allow-private"]


pytestmark = pytest.mark.usefixtures("localhost_only")  # tests/conftest.py


def counts(out: Path) -> dict:
    return yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))["counts"]


def test_collect_folder_strict_fails_lenient_writes(tmp_path, capsys):
    out = tmp_path / "texts"
    assert main(["collect", "folder", str(FIX / "sources_texts"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "wire/broken.txt line 4: front matter is not valid YAML" in err
    assert not (out / "articles.parquet").exists()
    args = ["collect", "folder", str(FIX / "sources_texts"), "--out", str(out), "--lenient"]
    assert main(args) == 0
    stdout = capsys.readouterr().out
    assert stdout.splitlines()[0] == "sources_texts: read 4, kept 3, rejected 1, warnings 0"
    assert len(load_corpus(out)) == 3
    assert counts(out) == {"read": 4, "kept": 3, "rejected": 1}


def test_collect_html_with_outlets(tmp_path, capsys):
    out = tmp_path / "pages"
    args = ["collect", "html", str(FIX / "sources_pages"), "--out", str(out), "--lenient"]
    args += ["--outlets", str(FIX / "sources_outlets.yaml"), "--name", "saved-pages"]
    assert main(args) == 0
    df = load_corpus(out)
    assert df.attrs["name"] == "saved-pages" and "outlet_type" in df.columns
    assert counts(out) == {"read": 4, "kept": 3, "rejected": 1}


def test_collect_urls_and_rss(tmp_path, capsys):
    with Server() as srv:
        srv.routes.update(
            {
                "/a": (200, HTML, article(1)),
                "/b": (200, HTML, article(2)),
                "/feed.xml": (
                    200,
                    {"Content-Type": "application/rss+xml"},
                    (
                        "<rss version='2.0'><channel><title>Harbor Courier</title>"
                        f"<item><title>A</title><link>{srv.url('/a')}</link></item>"
                        f"<item><title>Gone</title><link>{srv.url('/gone')}</link></item>"
                        "</channel></rss>"
                    ).encode(),
                ),
            }
        )
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# two stories\n{srv.url('/a')}\n{srv.url('/b')}\n{srv.url('/a')}#x\n")
        out = tmp_path / "urls"
        cache = tmp_path / "cache"
        args = ["collect", "urls", str(listing), "--out", str(out), "--cache", str(cache)]
        assert main([*args, *FAST, "--lenient", "--jobs", "2"]) == 0
        assert counts(out) == {"read": 3, "kept": 2, "rejected": 1}
        assert len(load_corpus(out)) == 2
        rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
        assert rejected[0]["reason"].startswith("duplicate URL after normalisation")
        meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
        assert meta["provenance"]["arguments"]["jobs"] == 2
        assert meta["provenance"]["arguments"]["cache_dir"] == str(cache)
        rss = tmp_path / "rss"
        args = ["collect", "rss", srv.url("/feed.xml"), "--out", str(rss), "--cache", str(cache)]
        assert main([*args, *FAST]) == 1  # strict: /gone answers 404
        assert "HTTP 404" in capsys.readouterr().err
        assert main([*args, *FAST, "--lenient"]) == 0
    assert srv.hits["/a"] == 1  # cached across both commands
    assert counts(rss) == {"read": 2, "kept": 1, "rejected": 1}


def test_collect_gdelt_parses_and_runs(tmp_path):
    body = json.dumps({"articles": []}).encode()
    with Server({"/doc": (200, {"Content-Type": "application/json"}, body)}) as srv:
        out = tmp_path / "g"
        args = ["collect", "gdelt", "ceasefire", "--start", "2025-07-10", "--end", "2025-07-11"]
        args += ["--endpoint", srv.url("/doc"), "--api-rate-limit", "0", "--out", str(out)]
        assert main([*args, *FAST, "--country", "US", "--no-cache"]) == 0
    assert counts(out) == {"read": 0, "kept": 0, "rejected": 0}
    assert "sourcecountry%3AUS" in srv.log[-1]


def test_network_commands_cache_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "fc"))
    with Server({"/a": (200, HTML, article(1))}) as srv:
        listing = tmp_path / "urls.txt"
        listing.write_text(srv.url("/a") + "\n")
        for run in ("one", "two"):
            assert main(["collect", "urls", str(listing), "--out", str(tmp_path / run), *FAST]) == 0
    assert srv.hits["/a"] == 1
    meta = yaml.safe_load((tmp_path / "two" / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["provenance"]["arguments"]["cache_dir"] == str(tmp_path / "fc" / "fetch")
    assert load_corpus(tmp_path / "two")["from_cache"].tolist() == [True]
