"""Tests of the polite fetcher and of fetch_urls, against a server on 127.0.0.1 only."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from sources_server import (  # tests/fixtures, see conftest.py
    BLOCKED,
    GLOBAL,
    HTML,
    Server,
    article,
    sequence,
    sleeping,
)

from framing.errors import FetchError
from framing.sources._charset import decode_body
from framing.sources.fetch import Fetcher, _retry_delay, check_url
from framing.sources.urls import fetch_urls, normalize_url, read_url_list

FIX = Path(__file__).parent / "fixtures"

FAST = dict(
    rate_limit_per_host=0.0, backoff=0.01, max_wait=0.05, timeout=2, retries=2, allow_private=True
)


pytestmark = pytest.mark.usefixtures("localhost_only")  # tests/conftest.py


def fast(tmp_path=None, **kw):
    opts = {**FAST, **kw}
    if tmp_path is not None:
        opts.setdefault("cache_dir", tmp_path / "cache")
    return Fetcher(**opts)


def urls(*items):
    return pd.DataFrame({"url": list(items)})


def test_check_url_refuses_other_schemes():
    with pytest.raises(FetchError, match="only http and https") as info:
        check_url("file:///etc/passwd")
    assert info.value.url == "file:///etc/passwd"
    for bad in ("ftp://127.0.0.1/x", "javascript:alert(1)", "127.0.0.1/a", ""):
        page = Fetcher().get(bad)
        assert page.kind == "scheme" and not page.ok


def test_fetch_urls_rejects_non_http_and_missing_urls_without_any_request():
    fetcher = fast()
    res = fetch_urls(
        urls("file:///etc/passwd", "", None, "mailto:a@b.example"),
        fetcher=fetcher,
        mode="lenient",
        progress=False,
    )
    assert fetcher.requests_sent == 0
    assert res.read == 4 and res.kept == 0 and res.n_rejected == 4
    assert list(res.rejected["line"]) == [1, 2, 3, 4]
    assert res.rejected["reason"].str.contains("http|missing URL").all()


def test_ok_page_redirect_and_final_url(tmp_path):
    routes = {
        "/old": (301, {"Location": "/new"}, b""),
        "/new": (200, HTML, article(1)),
    }
    with Server(routes) as srv:
        res = fetch_urls(urls(srv.url("/old")), fetcher=fast(tmp_path), progress=False)
    art = res.articles.iloc[0]
    assert art["url"] == srv.url("/new")
    assert art["requested_url"] == srv.url("/old")
    assert art["outlet"] == "Harbor Courier"
    assert str(art["date"]) == "2025-07-10 14:30:00+00:00"
    assert art["extracted_with"].startswith("trafilatura ")
    assert art["doc_id"].startswith("u") and len(art["doc_id"]) == 17
    assert "Story number 1" in art["text"]


def test_redirects_are_bounded_and_other_schemes_refused():
    routes = {
        "/loop": (302, {"Location": "/loop"}, b""),
        "/file": (302, {"Location": "file:///etc/passwd"}, b""),
    }
    with Server(routes) as srv:
        f = fast(max_redirects=3)
        loop = f.get(srv.url("/loop"))
        to_file = f.get(srv.url("/file"))
    assert loop.kind == "redirects" and srv.hits["/loop"] == 4
    assert to_file.kind == "scheme" and "refused" in to_file.error


def test_404_is_not_retried_and_500_is(tmp_path):
    routes = {
        "/missing": (404, HTML, b"<html>gone</html>"),
        "/flaky": sequence((500, HTML, b"oops"), (200, HTML, article(2))),
        "/down": (503, HTML, b"down"),
    }
    with Server(routes) as srv:
        res = fetch_urls(
            urls(srv.url("/missing"), srv.url("/flaky"), srv.url("/down")),
            fetcher=fast(tmp_path),
            mode="lenient",
            progress=False,
        )
    assert srv.hits["/missing"] == 1
    assert srv.hits["/flaky"] == 2
    assert srv.hits["/down"] == 3  # retries=2
    assert res.kept == 1 and res.n_rejected == 2
    reasons = dict(zip(res.rejected["line"], res.rejected["reason"], strict=True))
    assert reasons == {1: "HTTP 404", 3: "HTTP 503"}
    assert set(res.rejected["stage"]) == {"fetch"}


def test_429_honours_retry_after_capped():
    routes = {"/busy": sequence((429, {"Retry-After": "30"}, b""), (200, HTML, article(3)))}
    with Server(routes) as srv:
        t0 = time.monotonic()
        page = fast(max_wait=0.1).get(srv.url("/busy"))
        took = time.monotonic() - t0
    assert page.ok and srv.hits["/busy"] == 2
    assert 0.1 <= took < 2


def test_retry_delay():
    assert _retry_delay({}, 0, 1.0, 60) == 1.0
    assert _retry_delay({}, 3, 1.0, 60) == 8.0
    assert _retry_delay({"retry-after": "20"}, 0, 1.0, 60) == 20.0
    assert _retry_delay({"retry-after": "500"}, 0, 1.0, 60) == 60.0
    assert _retry_delay({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 1, 1.0, 60) == 2.0
    assert _retry_delay({"retry-after": "soon"}, 0, 0.5, 60) == 0.5


def test_timeout_is_rejected():
    routes = {"/slow": sleeping(1.0, (200, HTML, article(4)))}
    with Server(routes) as srv:
        t0 = time.monotonic()
        res = fetch_urls(
            urls(srv.url("/slow")),
            fetcher=fast(timeout=0.2, retries=1),
            mode="lenient",
            progress=False,
        )
        took = time.monotonic() - t0
    assert res.n_rejected == 1 and res.rejected["reason"][0].startswith("timeout")
    assert srv.hits["/slow"] == 2 and took < 1.5


def test_robots_disallow_and_robots_read_once(tmp_path):
    routes = {
        "/robots.txt": (
            200,
            {"Content-Type": "text/plain"},
            b"User-agent: *\nDisallow: /private\n",
        ),
        "/private/a": (200, HTML, article(5)),
        "/public/a": (200, HTML, article(6)),
        "/public/b": (200, HTML, article(7)),
    }
    with Server(routes) as srv:
        res = fetch_urls(
            urls(srv.url("/private/a"), srv.url("/public/a"), srv.url("/public/b")),
            fetcher=fast(tmp_path),
            mode="lenient",
            progress=False,
        )
    assert srv.hits["/private/a"] == 0 and srv.hits["/robots.txt"] == 1
    assert res.kept == 2
    assert res.rejected["reason"][0].startswith("disallowed by robots.txt")


def test_not_html_and_too_large(tmp_path):
    big = article(8) + b"<!-- " + b"x" * 5000 + b" -->"
    routes = {
        "/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
        "/big": (200, HTML, big),
        "/big-chunked": (200, {**HTML, "_no_length": "1"}, big),
        "/plain": (200, {"_no_length": "1"}, b"just some bytes, no markup"),
    }
    with Server(routes) as srv:
        res = fetch_urls(
            urls(*(srv.url(p) for p in routes)),
            fetcher=fast(tmp_path, max_bytes=3000),
            mode="lenient",
            progress=False,
        )
    reasons = list(res.rejected["reason"])
    assert reasons[0] == "not HTML (content-type 'application/pdf')"
    assert reasons[1].startswith("too large (") and reasons[2].startswith("too large (")
    assert reasons[3].startswith("not HTML")
    assert res.read == 4 and res.kept == 0


def test_charset_wrong_or_missing():
    text = (
        "The minister\u2019s visit to Gen\u00e8ve was called \u201chistoric\u201d by aides, "
        "who said the caf\u00e9 meeting had gone on for three hours and covered trade, "
        "energy and the return of diplomats to both capitals."
    )
    body = f"<html><head><title>Visit</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    cp = body.encode("cp1252")
    routes = {
        "/lying": (200, {"Content-Type": "text/html; charset=utf-8"}, cp),
        "/silent": (200, {"Content-Type": "text/html"}, cp),
        "/utf8": (200, {"Content-Type": "text/html"}, body.encode("utf-8")),
        "/meta": (
            200,
            {"Content-Type": "text/html"},
            cp.replace(b"<head>", b'<head><meta charset="windows-1252">'),
        ),
    }
    with Server(routes) as srv:
        res = fetch_urls(urls(*(srv.url(p) for p in routes)), fetcher=fast(), progress=False)
    assert res.kept == 4
    assert all("Gen\u00e8ve" in t and "\u2019s" in t for t in res.articles["text"])
    how = list(res.articles["charset_from"])
    assert how[0].startswith("detected (header said utf-8)")
    assert how[1] == "detected" and how[2] == "utf-8" and how[3] == "meta"


def test_decode_body_order():
    assert decode_body(b"caf\xc3\xa9", None) == ("caf\u00e9", "utf-8", "utf-8")
    assert decode_body(b"caf\xe9", "latin-1")[1:] == ("latin-1", "header")
    assert decode_body(b"\xef\xbb\xbfabc", "no-such-codec")[0] == "abc"


def test_duplicate_urls_after_normalisation(tmp_path):
    routes = {
        "/a": (200, HTML, article(9)),
        "/b": (302, {"Location": "/a"}, b""),
    }
    with Server(routes) as srv:
        res = fetch_urls(
            urls(
                srv.url("/a"),
                srv.url("/a") + "?utm_source=feed#comments",
                srv.url("/b"),
            ),
            fetcher=fast(tmp_path),
            mode="lenient",
            progress=False,
        )
    assert srv.hits["/a"] == 2  # once for row 1, once after the redirect of row 3
    assert res.kept == 1 and res.n_rejected == 2
    assert res.rejected["reason"][0].startswith("duplicate URL after normalisation (same as row 1")
    assert res.rejected["reason"][1].startswith("duplicate: leads to the same page as row 1")


def test_normalize_url():
    assert (
        normalize_url("HTTPS://Ex.ORG:443/a?b=1&utm_medium=x&fbclid=2#f") == "https://ex.org/a?b=1"
    )
    assert normalize_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"


def test_cache_and_resume_after_interruption(tmp_path):
    routes = {f"/s{i}": (200, HTML, article(10 + i)) for i in range(5)}
    with Server(routes) as srv:
        listed = urls(*(srv.url(f"/s{i}") for i in range(5)))

        def stop_after_two(i, page):
            if i == 1:
                raise KeyboardInterrupt("simulated interruption")

        with pytest.raises(KeyboardInterrupt):
            fetch_urls(listed, fetcher=fast(tmp_path), progress=False, on_result=stop_after_two)
        first = sum(srv.hits[f"/s{i}"] for i in range(5))
        assert first == 2
        res = fetch_urls(listed, fetcher=fast(tmp_path), progress=False)
        assert all(srv.hits[f"/s{i}"] == 1 for i in range(5))  # the rest only
        assert srv.hits["/robots.txt"] == 1  # the robots answer is cached too
        assert res.kept == 5
        assert list(res.articles["from_cache"]) == [True, True, False, False, False]
        again = fetch_urls(listed, fetcher=fast(tmp_path), progress=False)
        assert all(srv.hits[f"/s{i}"] == 1 for i in range(5))
        assert again.articles["from_cache"].all()
    pd.testing.assert_frame_equal(
        res.articles.drop(columns="from_cache"), again.articles.drop(columns="from_cache")
    )


def test_rate_limit_per_host():
    routes = {f"/r{i}": (200, HTML, article(20 + i)) for i in range(3)}
    with Server(routes) as srv:
        t0 = time.monotonic()
        res = fetch_urls(
            urls(*(srv.url(f"/r{i}") for i in range(3))),
            fetcher=fast(rate_limit_per_host=0.15),
            progress=False,
        )
        took = time.monotonic() - t0
    assert res.kept == 3
    assert took >= 0.45  # robots.txt + 3 pages, 0.15 s apart


def test_hosts_in_parallel_but_one_request_per_host():
    def routes(k):
        return {f"/p{i}": sleeping(0.1, (200, HTML, article(30 + 10 * k + i))) for i in range(3)}

    # handlers of earlier tests (e.g. the timeout tests' sleeping pages) may still be
    # running on their own servers; let them finish so only this test's requests count
    deadline = time.monotonic() + 10
    while GLOBAL["active"] and time.monotonic() < deadline:
        time.sleep(0.05)
    GLOBAL["max_active"] = 0
    with Server(routes(0)) as a, Server(routes(1)) as b:
        listed = urls(*(s.url(f"/p{i}") for i in range(3) for s in (a, b)))
        res = fetch_urls(listed, fetcher=fast(), jobs=2, progress=False)
    assert res.kept == 6
    assert a.max_active == 1 and b.max_active == 1
    assert GLOBAL["max_active"] == 2


def test_strict_mode_raises_after_the_run(tmp_path):
    routes = {"/ok": (200, HTML, article(40))}
    with Server(routes) as srv:
        with pytest.raises(FetchError, match=r"item 2 .*HTTP 404.*--lenient") as info:
            fetch_urls(
                urls(srv.url("/ok"), srv.url("/nope")), fetcher=fast(tmp_path), progress=False
            )
    assert info.value.line == 2 and info.value.path.endswith("/nope")


def test_read_url_list_media_cloud_csv_and_txt(tmp_path):
    csv = tmp_path / "stories.csv"
    csv.write_text(
        "stories_id,publish_date,title,url,media_name\n"
        "1,2025-07-10 14:30:00,Talks resume,http://127.0.0.1:9/a,Harbor Courier\n"
        "2,2025-07-11 09:00:00,Second day,,Meridian Wire\n",
        encoding="utf-8",
    )
    df = read_url_list(csv)
    assert list(df.columns[:4]) == ["url", "title", "outlet", "published"]
    assert df["outlet"].tolist() == ["Harbor Courier", "Meridian Wire"]
    assert df["url"].tolist() == ["http://127.0.0.1:9/a", ""]
    assert "stories_id" in df.columns
    bad = tmp_path / "bad.csv"
    bad.write_text("link,title\nhttp://127.0.0.1:9/a,x\n")
    with pytest.raises(Exception, match="no 'url' column") as info:
        read_url_list(bad)
    assert info.value.field == "url"


def test_list_columns_fill_in_and_stay_as_metadata(tmp_path):
    page = (
        b"<html><body><article><p>"
        + b"Plain words without any title here. " * 10
        + b"</p></article></body></html>"
    )
    routes = {"/untitled": (200, HTML, page)}
    with Server(routes) as srv:
        listed = pd.DataFrame(
            {
                "url": [srv.url("/untitled")],
                "title": ["Listed title"],
                "outlet": ["Meridian Wire"],
                "published": ["2025-07-11 09:00:00"],
                "stories_id": ["17"],
            }
        )
        nan_row = listed.assign(url=srv.url("/untitled") + "?v=2", outlet=float("nan"))
        nan_row["published"] = None
        other = fetch_urls(nan_row, fetcher=fast(tmp_path), progress=False)
        res = fetch_urls(listed, fetcher=fast(tmp_path), progress=False)
    art = res.articles.iloc[0]
    assert art["title"] == "Listed title" and art["outlet"] == "Meridian Wire"
    assert str(art["date"]) == "2025-07-11 09:00:00+00:00" and art["stories_id"] == "17"
    assert other.articles["outlet"][0].startswith("127.0.0.1")  # no listed outlet: the host
    assert "listed_date" not in other.articles.columns


def test_the_guard_blocks_other_addresses():
    # 192.0.2.1 is TEST-NET-1 (documentation only); the guard refuses it before connecting
    fetcher = Fetcher(retries=0, timeout=1, rate_limit_per_host=0, allow_private=True)
    page = fetcher.get("http://192.0.2.1/never")
    assert page.kind == "network"  # the guard refused the connection before any packet left
    assert BLOCKED and BLOCKED[0][0] == "192.0.2.1"
    BLOCKED.clear()


def test_batches_keep_order_and_global_indices(tmp_path, monkeypatch):
    import framing.sources.urls as urls_module

    monkeypatch.setattr(urls_module, "_BATCH", 2)
    routes = {f"/q{i}": (200, HTML, article(50 + i)) for i in range(5)}
    seen = []
    with Server(routes) as srv:
        listed = urls(*(srv.url(f"/q{i}") for i in range(5)))
        res = fetch_urls(
            listed, fetcher=fast(), progress=False, on_result=lambda i, p: seen.append(i)
        )
    assert sorted(seen) == [0, 1, 2, 3, 4]
    assert res.articles["requested_url"].tolist() == listed["url"].tolist()


def test_robots_crawl_delay_slows_the_host():
    # Python's robots.txt parser reads whole seconds only (a fractional delay is ignored)
    robots = b"User-agent: *\nCrawl-delay: 1\n"
    routes = {"/robots.txt": (200, {"Content-Type": "text/plain"}, robots)}
    routes.update({f"/c{i}": (200, HTML, article(60 + i)) for i in range(2)})
    with Server(routes) as srv:
        t0 = time.monotonic()
        res = fetch_urls(
            urls(srv.url("/c0"), srv.url("/c1")), fetcher=fast(max_wait=1.0), progress=False
        )
        took = time.monotonic() - t0
    # the two pages are at least the crawl delay apart (the test's own rate limit is 0)
    assert res.kept == 2 and took >= 1.0
