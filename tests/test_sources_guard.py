"""Tests of the fetcher's guards (framing/sources/_guard.py, fetch.py): private addresses,
the deadline against slow servers, malformed URLs and Location headers, the fetch
cache's body hash. Every server here listens on 127.0.0.1 only.

Defects of the reliability review (../shared/reviews/reliability.md) covered here: H6
(a server sending 1 byte per second pinned a worker for hours), H7 (one malformed URL or
Location header killed a whole --lenient collection), M8 (SSRF: redirects and feed links
to loopback or private addresses were fetched) and the note of M3 on the fetch cache
(an edited .body was used as is).
"""

from __future__ import annotations

import socket
import threading
import time

import pandas as pd
import pytest
from sources_server import HTML, Server, article  # tests/fixtures, see conftest.py

from framing.cli import main
from framing.corpus import load_corpus
from framing.sources import collect
from framing.sources._guard import refused_address
from framing.sources.fetch import Fetcher
from framing.sources.urls import fetch_urls, read_url_list

pytestmark = pytest.mark.usefixtures("localhost_only")  # tests/conftest.py

FAST = dict(rate_limit_per_host=0.0, backoff=0.01, max_wait=0.05, timeout=2, retries=0)


# -- M8: private addresses -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "public"),  # shared address space: "not a public address"
        ("fe80::1%eth0", "link-local"),
    ],
)
def test_non_global_addresses_are_refused(address, kind):
    assert kind in refused_address(address)
    assert refused_address("93.184.216.34") is None


def test_private_hosts_redirects_and_feed_links_are_refused_by_default(tmp_path):
    """Review M8: a redirect to 127.0.0.1:18082/secret and an RSS link to it were fetched."""
    with Server() as srv, Server() as inner:
        inner.routes["/secret"] = (200, HTML, article(7, site="INTERNAL"))
        srv.routes["/hop"] = (302, {"Location": inner.url("/secret")}, b"")
        plain = Fetcher(**FAST)
        page = plain.get(srv.url("/hop"))
        assert page.kind == "private" and "127.0.0.1 is a loopback address" in page.error
        assert "--allow-private" in page.error
        assert srv.hits["/hop"] == 0 and inner.hits["/secret"] == 0  # nothing was sent
        allowed = Fetcher(**FAST, allow_private=True)
        hop = allowed.get(srv.url("/hop"))
        assert hop.ok and hop.final_url == inner.url("/secret")
        # every redirect target is checked again by name (here only the inner server is
        # refused, so the first hop is fetched and the second is not)
        guarded = Fetcher(**FAST, allow_private=True)
        guarded._refused = lambda url: "refused: inside" if f":{inner.port}/" in url else None
        page = guarded.get(srv.url("/hop"))
        assert page.kind == "private" and page.final_url == inner.url("/secret")
        assert srv.hits["/hop"] == 2 and inner.hits["/secret"] == 1  # the allowed fetch only
        feed = (
            "<rss version='2.0'><channel><title>Feed</title>"
            f"<item><title>In</title><link>{inner.url('/secret')}</link></item>"
            "</channel></rss>"
        ).encode()
        saved = tmp_path / "feed.xml"
        saved.write_bytes(feed)
        res = collect("rss", [str(saved)], out=tmp_path / "rss", mode="lenient", progress=False,
                      **FAST)  # fmt: skip
        assert res.kept == 0 and res.rejected["reason"].str.contains("loopback").all()
        assert inner.hits["/secret"] == 1


def test_the_socket_peer_is_checked_after_resolution(monkeypatch):
    """A name that looked public when checked but connects to a private address (DNS
    rebinding) is refused by the connection itself, before the request is sent."""
    import framing.sources.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "refused_host", lambda host, port: None)
    with Server({"/a": (200, HTML, article(1))}) as srv:
        page = Fetcher(**FAST).get(srv.url("/a"))
        assert page.kind == "private" and "connected to 127.0.0.1" in page.error
        assert srv.hits["/a"] == 0


def test_cli_refuses_private_addresses_unless_allowed(tmp_path, capsys):
    with Server({"/a": (200, HTML, article(1))}) as srv:
        listing = tmp_path / "urls.txt"
        listing.write_text(srv.url("/a") + "\n")
        args = ["collect", "urls", str(listing), "--no-cache", "--quiet", "--rate-limit", "0"]
        assert main([*args, "--out", str(tmp_path / "a"), "--lenient"]) == 0
        assert "loopback" in capsys.readouterr().out
        assert main([*args, "--out", str(tmp_path / "b"), "--allow-private"]) == 0
    assert len(load_corpus(tmp_path / "b")) == 1


# -- H6: the deadline --------------------------------------------------------------------------
def _drip_server(stop: threading.Event, headers_done: bool):
    """A raw server on 127.0.0.1 that sends one byte every 0.1 s (headers, or body)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve():
        while not stop.is_set():
            listener.settimeout(0.2)
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(65536)
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    if headers_done:
                        conn.sendall(head + b"\r\n<html><body>")
                        drip = b"x"
                    else:
                        conn.sendall(head)
                        drip = b"X"  # a header line that never ends
                    while not stop.is_set():
                        conn.sendall(drip)
                        time.sleep(0.1)
                except OSError:
                    pass
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


@pytest.mark.parametrize("headers_done", [True, False], ids=["body", "headers"])
def test_a_dripping_server_cannot_outlast_the_deadline(headers_done):
    """Review H6: `Fetcher(timeout=2, retries=0).get(...)` (cap 10 s) was still running
    at 40 s against a server sending 1 byte per second."""
    stop = threading.Event()
    port = _drip_server(stop, headers_done)
    try:
        fetcher = Fetcher(**{**FAST, "timeout": 0.5}, allow_private=True)
        t0 = time.monotonic()
        page = fetcher.get(f"http://127.0.0.1:{port}/slow")
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
    assert page.kind == "timeout" and "over 2.5 s in all" in page.error
    assert elapsed < 20  # the deadline is 2.5 s; a hang would run until the server stops


# -- H7: malformed URLs and Location headers ---------------------------------------------------
def test_malformed_urls_and_locations_are_rejected_rows_not_crashes(tmp_path):
    """Review H7: `Location: http://[::1`, a list entry `http://[::1`, a port out of range
    and a non-UTF-8 byte in a .txt list each killed a --lenient collection."""
    with Server() as srv:
        srv.routes["/a"] = (200, HTML, article(1))
        srv.routes["/bad-location"] = (302, {"Location": "http://[::1"}, b"")
        listing = tmp_path / "urls.txt"
        listing.write_bytes(
            b"\n".join(
                [
                    srv.url("/a").encode(),
                    srv.url("/bad-location").encode(),
                    b"http://[::1",
                    b"http://127.0.0.1:99999/x",
                    b"http://caf\xe9.example/x",
                ]
            )
            + b"\n"
        )
        listed = read_url_list(listing)
        res = fetch_urls(listed, mode="lenient", progress=False, **FAST, allow_private=True)
    assert res.kept == 1 and res.read == 5 == res.kept + res.n_rejected
    reasons = res.rejected.set_index("line")["reason"]
    assert "malformed" in reasons[2]
    assert "not a valid URL (Invalid IPv6 URL)" in reasons[3]
    assert "Port out of range" in reasons[4]
    assert "undecodable bytes" in reasons[5]
    page = Fetcher(**FAST).get("http://[::1")
    assert page.kind == "url"


# -- the fetch cache's body hash -------------------------------------------------------------
def test_an_edited_cached_body_is_fetched_again(tmp_path):
    with Server({"/a": (200, HTML, article(1))}) as srv:
        fetcher = Fetcher(**FAST, allow_private=True, cache_dir=tmp_path / "c")
        first = fetcher.get(srv.url("/a"))
        body = next(p for p in (tmp_path / "c").rglob("*.body") if b"Story" in p.read_bytes())
        body.write_bytes(body.read_bytes().replace(b"Story number 1", b"Story number 9"))
        again = fetcher.get(srv.url("/a"))
        assert not again.from_cache and again.body == first.body
        assert srv.hits["/a"] == 2
        third = fetcher.get(srv.url("/a"))
        assert third.from_cache and third.body == first.body


def test_results_account_for_every_url(tmp_path):
    urls = pd.DataFrame({"url": ["", "ftp://x/y", "http://[::1", "http://127.0.0.1:1/closed"]})
    res = fetch_urls(urls, mode="lenient", progress=False, **FAST, allow_private=True)
    assert res.read == 4 == res.n_rejected
