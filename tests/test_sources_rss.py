"""Tests of framing.sources.rss (feeds fetched through the polite fetcher)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sources_server import HTML, Server, article  # tests/fixtures, see conftest.py

from framing.corpus import load_corpus
from framing.errors import FetchError
from framing.sources import Fetcher, collect, fetch_urls, read_feed

FIX = Path(__file__).parent / "fixtures"

FAST = dict(
    rate_limit_per_host=0.0, backoff=0.01, max_wait=0.05, timeout=2, retries=1, allow_private=True
)
XML = {"Content-Type": "application/rss+xml; charset=utf-8"}


pytestmark = pytest.mark.usefixtures("localhost_only")  # tests/conftest.py


def feed_bytes(name: str, srv: Server) -> bytes:
    text = (FIX / name).read_text(encoding="utf-8")
    return text.replace("__BASE__", srv.url("")).encode("utf-8")


def routes_for(srv: Server) -> dict:
    return {
        "/feed.xml": (200, XML, feed_bytes("sources_feed.xml", srv)),
        "/atom.xml": (
            200,
            {"Content-Type": "application/atom+xml"},
            feed_bytes("sources_atom.xml", srv),
        ),
        "/story/1": (200, HTML, article(1)),
        "/story/2": (200, HTML, article(2, date="")),
        "/wire/summit": (200, HTML, article(3, site="Meridian Wire")),
        "/broken.xml": (200, XML, b"this is not a feed <<<"),
    }


def test_read_feed_from_server_and_file(tmp_path):
    with Server() as srv:
        srv.routes.update(routes_for(srv))
        df = read_feed(srv.url("/feed.xml"), fetcher=Fetcher(**FAST))
        atom = read_feed(srv.url("/atom.xml"), fetcher=Fetcher(**FAST))
    assert list(df.columns) == ["url", "title", "published", "outlet", "feed"]
    assert df["url"].tolist() == [
        srv.url("/story/1"),
        srv.url("/story/2?utm_source=rss"),
        "",
        srv.url("/story/1#comments"),
    ]
    assert df["published"].tolist() == [
        "2025-07-10T14:30:00Z",
        "2025-08-02T06:15:00Z",
        "2025-08-03T10:00:00Z",
        "",
    ]
    assert set(df["outlet"]) == {"Harbor Courier - World"}
    assert atom[["url", "published", "outlet"]].values.tolist() == [
        [srv.url("/wire/summit"), "2025-09-15T06:00:00Z", "Meridian Wire"]
    ]
    saved = tmp_path / "feed.xml"
    saved.write_bytes(
        b"<rss version='2.0'><channel><title>T</title><item><link>http://127.0.0.1:9/x</link></item></channel></rss>"
    )
    assert read_feed(saved)["url"].tolist() == ["http://127.0.0.1:9/x"]


def test_read_feed_errors(tmp_path):
    with Server() as srv:
        srv.routes.update(routes_for(srv))
        with pytest.raises(FetchError, match="HTTP 404") as info:
            read_feed(srv.url("/nofeed.xml"), fetcher=Fetcher(**FAST))
        assert info.value.value == 404
        with pytest.raises(FetchError, match="not an RSS or Atom feed"):
            read_feed(srv.url("/broken.xml"), fetcher=Fetcher(**FAST))
    with pytest.raises(FetchError, match="neither an http"):
        read_feed(tmp_path / "missing.xml")


def test_feed_entries_become_articles_or_rejected_rows(tmp_path):
    with Server() as srv:
        srv.routes.update(routes_for(srv))
        fetcher = Fetcher(cache_dir=tmp_path / "cache", **FAST)
        listed = read_feed(srv.url("/feed.xml"), fetcher=fetcher)
        res = fetch_urls(listed, fetcher=fetcher, mode="lenient", progress=False)
    assert (res.read, res.kept, res.n_rejected) == (4, 2, 2)
    assert res.articles["outlet"].tolist() == ["Harbor Courier - World"] * 2
    assert str(res.articles["date"][1]) == "2025-08-02 06:15:00+00:00"  # the feed's time
    assert res.rejected["reason"].tolist()[0] == "missing URL"
    assert res.rejected["reason"].tolist()[1].startswith("duplicate URL after normalisation")
    assert srv.hits["/feed.xml"] == 1 and srv.hits["/story/1"] == 1


def test_collect_rss_two_feeds(tmp_path):
    out = tmp_path / "rss"
    with Server() as srv:
        srv.routes.update(routes_for(srv))
        res = collect(
            "rss",
            [srv.url("/feed.xml"), srv.url("/atom.xml")],
            out=out,
            mode="lenient",
            cache_dir=tmp_path / "cache",
            progress=False,
            outlets=FIX / "sources_outlets.yaml",
            **FAST,
        )
    df = load_corpus(out)
    assert len(df) == res.kept == 3
    # the page's site name "Harbor Courier" is an alias in outlets.yaml: it wins over the feed title
    assert sorted(df["outlet"]) == [
        "Meridian Wire Service",
        "The Harbor Courier",
        "The Harbor Courier",
    ]
    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["counts"] == {"read": 5, "kept": 3, "rejected": 2}
    assert meta["provenance"]["feeds"] == [srv.url("/feed.xml"), srv.url("/atom.xml")]
    assert len((out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_collect_rss_lenient_counts_a_failed_feed(tmp_path):
    out = tmp_path / "rss"
    with Server() as srv:
        srv.routes.update(routes_for(srv))
        feeds = [srv.url("/atom.xml"), srv.url("/missing.xml")]
        with pytest.raises(FetchError, match="HTTP 404"):
            collect("rss", feeds, out=out, progress=False, **FAST)
        res = collect("rss", feeds, out=out, mode="lenient", progress=False, **FAST)
    assert (res.read, res.kept, res.n_rejected) == (2, 1, 1)
    row = res.rejected.iloc[0]
    assert row["stage"] == "feed" and row["line"] == 0 and row["item"].endswith("/missing.xml")
    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["counts"] == {"read": 2, "kept": 1, "rejected": 1}
