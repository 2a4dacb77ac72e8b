"""Tests of framing.sources.gdelt against a local GDELT-like endpoint (never the real API)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
import yaml
from sources_server import HTML, Server, article  # tests/fixtures, see conftest.py

from framing.corpus import load_corpus
from framing.errors import FetchError
from framing.sources import Fetcher, collect, gdelt_search
from framing.sources.gdelt import GDELT_ENDPOINT, gdelt_url

FIX = Path(__file__).parent / "fixtures"

FAST = dict(
    rate_limit_per_host=0.0, backoff=0.01, max_wait=0.05, timeout=2, retries=1, allow_private=True
)
JSON = {"Content-Type": "application/json"}


pytestmark = pytest.mark.usefixtures("localhost_only")  # tests/conftest.py


def fake_api(srv: Server, seen: list[str]):
    """A DOC 2.0 ArtList stand-in: articles whose seendate falls in the window, sorted."""
    stories = [
        {
            "url": srv.url(f"/story/{i}"),
            "url_mobile": "",
            "title": f"Story {i}",
            "seendate": stamp,
            "socialimage": "",
            "domain": "127.0.0.1",
            "language": "English",
            "sourcecountry": "United States",
        }
        for i, stamp in enumerate(seen)
    ]

    def route(n, handler):
        q = {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        assert q["mode"] == "ArtList" and q["format"] == "json"
        a, b = q["startdatetime"], q["enddatetime"]
        hits = [s for s in stories if a <= s["seendate"].replace("T", "")[:14] < b]
        body = json.dumps({"articles": hits[: int(q["maxrecords"])]} if hits else {})
        return 200, JSON, body.encode("utf-8")

    return route


def test_gdelt_url_parameters():
    url = gdelt_url(
        "(Rubio OR Lavrov) talks",
        start="2025-07-10",
        end=pd.Timestamp("2025-07-12T06:00", tz="Europe/Berlin"),
        source_country="US",
        source_lang="english",
        max_records=100,
        endpoint="http://127.0.0.1:9/api/v2/doc/doc",
    )
    parts = urlsplit(url)
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.netloc == "127.0.0.1:9"
    assert q == {
        "query": "(Rubio OR Lavrov) talks sourcecountry:US sourcelang:english",
        "mode": "ArtList",
        "format": "json",
        "maxrecords": "100",
        "startdatetime": "20250710000000",
        "enddatetime": "20250712040000",
        "sort": "DateAsc",
    }
    assert (
        GDELT_ENDPOINT == "https://api.gdeltproject.org/api/v2/doc/doc"
    )  # default, never contacted


def test_bad_arguments():
    with pytest.raises(FetchError, match="outside 1-250") as info:
        gdelt_url("x", start="2025-07-01", end="2025-07-02", max_records=500)
    assert info.value.field == "max_records"
    with pytest.raises(FetchError, match="must come after start"):
        gdelt_search("x", start="2025-07-02", end="2025-07-01", endpoint="http://127.0.0.1:9/")
    with pytest.raises(FetchError, match="is not a date"):
        gdelt_search("x", start="someday", end="2025-07-01", endpoint="http://127.0.0.1:9/")


def test_full_windows_are_split_until_everything_fits():
    seen = [
        "20250710T010000Z",
        "20250710T020000Z",
        "20250710T150000Z",
        "20250711T090000Z",
        "20250711T100000Z",
    ]
    with Server() as srv:
        srv.routes["/api/v2/doc/doc"] = fake_api(srv, seen)
        df = gdelt_search(
            "talks",
            start="2025-07-10",
            end="2025-07-12",
            max_records=2,
            endpoint=srv.url("/api/v2/doc/doc"),
            fetcher=Fetcher(**FAST),
        )
    assert list(df.columns) == ["url", "title", "seendate", "domain", "language", "sourcecountry"]
    assert df["title"].tolist() == [f"Story {i}" for i in range(5)]
    assert df["seendate"][0] == "2025-07-10T01:00:00Z"
    assert df.attrs["truncated_windows"] == []
    assert len(df.attrs["windows"]) > 1
    assert all(n < 2 for n in [w["articles"] for w in df.attrs["windows"]][-2:])


def test_windows_still_full_at_min_window_are_reported():
    seen = ["20250710T010000Z"] * 3
    with Server() as srv:
        srv.routes["/doc"] = fake_api(srv, seen)
        df = gdelt_search(
            "talks",
            start="2025-07-10",
            end="2025-07-10T04:00",
            max_records=2,
            min_window="1h",
            endpoint=srv.url("/doc"),
            fetcher=Fetcher(**FAST),
        )
    # 3 stories in the same second, 2 per request: the 1-hour window stays full
    assert df.attrs["truncated_windows"] == ["20250710010000-20250710020000"]
    assert len(df) == 2


def test_gdelt_error_message_is_raised():
    with Server() as srv:
        srv.routes["/doc"] = (
            200,
            {"Content-Type": "text/html"},
            b"Your search contained a keyword that was too short.",
        )
        with pytest.raises(FetchError, match="message instead of JSON: 'Your search") as info:
            gdelt_search(
                "a",
                start="2025-07-10",
                end="2025-07-11",
                endpoint=srv.url("/doc"),
                fetcher=Fetcher(**FAST),
            )
        assert "127.0.0.1" in info.value.url
        srv.routes["/doc"] = (500, JSON, b"")
        with pytest.raises(FetchError, match="GDELT search failed: HTTP 500"):
            gdelt_search(
                "a",
                start="2025-07-10",
                end="2025-07-11",
                endpoint=srv.url("/doc"),
                fetcher=Fetcher(**FAST),
            )


def test_collect_gdelt_end_to_end(tmp_path):
    seen = ["20250710T010000Z", "20250710T020000Z", "20250711T090000Z"]
    out = tmp_path / "gdelt"
    with Server() as srv:
        srv.routes["/doc"] = fake_api(srv, seen)
        srv.routes["/story/0"] = (200, HTML, article(0))
        srv.routes["/story/1"] = (200, HTML, article(1))
        res = collect(
            "gdelt",
            "ceasefire talks",
            out=out,
            mode="lenient",
            start="2025-07-10",
            end="2025-07-12",
            source_country="US",
            endpoint=srv.url("/doc"),
            gdelt_rate_limit=0.0,
            cache_dir=tmp_path / "cache",
            progress=False,
            **FAST,
        )
    assert (res.read, res.kept, res.n_rejected) == (3, 2, 1)
    df = load_corpus(out)
    assert len(df) == 2 and set(df["sourcecountry"]) == {"United States"}
    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    prov = meta["provenance"]
    assert prov["source"] == "gdelt" and prov["input"] == "ceasefire talks"
    assert prov["gdelt_request"].startswith(srv.url("/doc"))
    assert "sourcecountry%3AUS" in prov["gdelt_request"]
    assert meta["counts"] == {"read": 3, "kept": 2, "rejected": 1}
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    assert rejected[0]["reason"] == "HTTP 404" and rejected[0]["item"].endswith("/story/2")
    assert rejected[0]["record"]["title"] == "Story 2"  # the list entry, kept with the reason
    assert rejected[0]["stage"] == "fetch" and rejected[0]["line"] == 3
