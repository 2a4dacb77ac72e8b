"""The polite fetcher: robots.txt, per-host rate limits, retries, size caps, a disk cache.

:class:`Fetcher` gets one URL at a time (:meth:`Fetcher.get`) or many in parallel
(:meth:`Fetcher.get_many`) and never raises for a failed URL: every call returns a
:class:`Page` that either holds the body or says why there is none (``page.error``).

Politeness rules, all in one place:

* only ``http`` and ``https`` URLs are fetched (redirects to other schemes are refused);
* only public addresses are fetched: a host that resolves to a loopback, private,
  link-local or other non-global address is refused, checked by name before every
  request and redirect and on the socket once it connects (see
  :mod:`framing.sources._guard`), unless ``allow_private=True`` (``--allow-private``);
* ``robots.txt`` of each host is read once (:mod:`urllib.robotparser`, with the fetcher's
  user agent) and obeyed, including its ``Crawl-delay`` when longer than the rate limit
  (whole seconds: :mod:`urllib.robotparser` ignores a fractional delay such as ``0.5``).
  As in :mod:`urllib.robotparser`, a robots.txt answering 401/403 forbids the whole host,
  any other error status (or none at all) allows it;
* one request at a time per host (a lock per ``host:port``), at least
  ``rate_limit_per_host`` seconds apart; different hosts run in parallel (``jobs`` threads);
* 429, 5xx, timeouts and connection errors are retried ``retries`` times with exponential
  backoff (``backoff * 2**attempt`` seconds), waiting at least what ``Retry-After`` asks,
  every wait capped at ``max_wait`` seconds;
* redirects are followed by hand (at most ``max_redirects``), each hop checked against
  robots.txt; the final URL is kept;
* bodies are streamed and abandoned past ``max_bytes`` (``Content-Length`` is checked
  first); one request may take at most ``5 * timeout`` seconds in all, however slowly
  the server sends (a timer shuts the socket down at the deadline);
* a malformed URL or ``Location`` header is a failed URL (``kind="url"``), never an
  exception;
* answers are cached on disk under ``cache_dir`` as ``<sha256(url)>.json`` (status,
  headers, final URL, the body's sha256) plus ``<sha256(url)>.body``, written atomically,
  so a re-run fetches nothing twice and an interrupted run resumes; an entry whose body
  no longer matches its hash is fetched again. Transient failures (429, 5xx, timeouts,
  network errors) are not cached; 2xx, 3xx/4xx and "too large" answers are.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from framing.errors import FetchError
from framing.sources import _cache
from framing.sources._charset import decode_body
from framing.sources._guard import Deadline, GuardedAdapter, PrivateAddressError, refused_host

__all__ = ["Fetcher", "Page", "DEFAULT_USER_AGENT", "decode_body", "check_url"]

#: The user agent sent when none is given (name it after your project and a contact).
DEFAULT_USER_AGENT = "framing-kit/0.1 (research; +https://example.invalid/framing)"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Page:
    """The outcome of fetching one URL.

    Attributes
    ----------
    url : str
        The URL asked for.
    final_url : str or None
        Where the last redirect led (``url`` when there was none).
    status : int or None
        HTTP status of the last answer (None when no answer came).
    headers : dict
        Response headers (lower-case names).
    body : bytes or None
        The body (None on failure).
    error : str or None
        Why there is no usable body, e.g. ``"HTTP 404"``, ``"disallowed by robots.txt"``.
    kind : str or None
        Short error class: ``http``, ``robots``, ``scheme``, ``url`` (malformed),
        ``private`` (a non-public address), ``redirects``, ``too large``, ``timeout``,
        ``network``.
    from_cache : bool
        True when read from the disk cache.
    """

    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    kind: str | None = None
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        """True when the page has a body and no error."""
        return self.error is None and self.body is not None

    @property
    def content_type(self) -> str:
        """The media type of ``Content-Type`` (lower case, no parameters)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of ``Content-Type``, if any."""
        m = re.search(
            r"charset\s*=\s*[\"']?([^\s;\"']+)", self.headers.get("content-type", ""), re.I
        )
        return m.group(1) if m else None


_BAD_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f\ufffd]")


def check_url(url) -> str:
    """Return ``url`` stripped if it is an absolute http(s) URL; else raise FetchError.

    Examples
    --------
    >>> check_url(" http://127.0.0.1:8000/a ")
    'http://127.0.0.1:8000/a'
    >>> check_url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    framing.errors.FetchError: 'file:///etc/passwd': only http and https URLs are fetched ...
    """
    text = "" if url is None else str(url).strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        problem = None if parts.hostname else "no host"
    except ValueError as exc:
        parts, problem = None, str(exc)
    if parts is not None and parts.scheme.lower() not in ("http", "https"):
        raise FetchError(
            f"{text!r}: only http and https URLs are fetched (scheme {parts.scheme or 'none'!r}); "
            "give absolute URLs like https://example.org/story.",
            url=text,
            value=text,
        )
    if problem is None and _BAD_URL_CHARS.search(text):
        problem = "spaces, control characters or undecodable bytes"
    if problem is not None:
        raise FetchError(
            f"{text[:200]!r}: not a valid URL ({problem}); give absolute URLs like "
            "https://example.org/story.",
            url=text,
            value=text,
        )
    return text


def _retry_delay(headers: dict, attempt: int, backoff: float, max_wait: float) -> float:
    """Seconds to wait before retry ``attempt`` (0-based): backoff, at least Retry-After."""
    delay = backoff * 2**attempt
    value = (headers or {}).get("retry-after")
    if value:
        try:
            asked = float(value)
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                asked = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                asked = 0.0
        delay = max(delay, asked)
    return max(0.0, min(delay, max_wait))


_ALLOW = (
    " (only public addresses are fetched; pass --allow-private, allow_private=True, for "
    "a server on your own machine or network)"
)


def _over_time(url: str, limit: float) -> Page:
    return Page(url, error=f"timeout (the request took over {limit:g} s in all)", kind="timeout")


def _cause(exc: BaseException, kind: type) -> BaseException | None:
    """The first exception of type ``kind`` in ``exc``'s chain (causes, contexts, the
    ``reason`` urllib3 keeps, arguments), or None."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, kind):
            return e
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    return None


class _Host:
    def __init__(self):
        self.lock = threading.Lock()
        self.last = None  # monotonic time the last request ended
        self.robots: RobotFileParser | None = None
        self.checked = False
        self.robots_lock = threading.Lock()  # robots.txt is read once per host


class Fetcher:
    """Fetch URLs politely (see the module notes for every rule).

    Parameters
    ----------
    cache_dir : str or Path, optional
        Folder of the disk cache (created); None disables it.
    rate_limit_per_host : float
        Minimum seconds between two requests to one host.
    timeout : float
        Seconds to wait for a connection or for each read.
    max_bytes : int
        Largest body kept; larger ones are abandoned (``kind="too large"``).
    retries : int
        Further attempts after a 429/5xx/timeout/network error.
    backoff : float
        First retry waits this many seconds, then twice as long each time.
    max_wait : float
        Cap on any single wait (backoff, ``Retry-After``, ``Crawl-delay``).
    max_redirects : int
        Redirects followed per URL.
    user_agent : str
        Sent with every request and used to read robots.txt.
    respect_robots : bool
        Obey robots.txt (default True; only switch off for your own servers).
    allow_private : bool
        Also fetch loopback, private and link-local addresses (default False: such
        hosts are refused; set it for a server on your own machine or network).
    session : requests.Session, optional
        Used instead of a new one (e.g. to set proxies); the fetcher mounts its guarded
        adapter on it for http and https.
    """

    def __init__(
        self,
        *,
        cache_dir=None,
        rate_limit_per_host: float = 1.0,
        timeout: float = 20,
        max_bytes: int = 5_000_000,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        respect_robots: bool = True,
        allow_private: bool = False,
        session=None,
    ):
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.rate_limit_per_host = float(rate_limit_per_host)
        self.timeout = float(timeout)
        self.max_bytes = int(max_bytes)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_wait = float(max_wait)
        self.max_redirects = int(max_redirects)
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self.allow_private = bool(allow_private)
        self._session = session
        if session is not None:
            self._mount(session)
        self._local = threading.local()  # one requests.Session per thread unless given
        self.requests_sent = 0
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _get_session(self):
        if self._session is not None:
            return self._session
        if getattr(self._local, "session", None) is None:
            import requests

            self._local.session = self._mount(requests.Session())
        return self._local.session

    def _mount(self, session):
        """Route http and https through the guarded adapter (address check, deadline)."""
        adapter = GuardedAdapter(self)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def close(self) -> None:
        """Close the calling thread's HTTP session (a new one opens when needed)."""
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ cache
    def _cache_read(self, url: str) -> Page | None:
        entry = None if self.cache_dir is None else _cache.read_entry(self.cache_dir, url)
        if entry is None:
            return None
        meta, body = entry
        return Page(
            url=url,
            final_url=meta.get("final_url"),
            status=meta.get("status"),
            headers=meta.get("headers") or {},
            body=body,
            error=meta.get("error"),
            kind=meta.get("kind"),
            from_cache=True,
        )

    def _cache_write(self, page: Page) -> None:
        """Store final answers; transient failures (429, 5xx, timeouts ...) are not kept."""
        if self.cache_dir is None or page.from_cache:
            return
        if page.kind in ("timeout", "network", "robots", "scheme", "private", "url"):
            return
        if page.status is not None and (page.status == 429 or page.status >= 500):
            return
        meta = {
            "final_url": page.final_url,
            "status": page.status,
            "headers": page.headers,
            "error": page.error,
            "kind": page.kind,
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _cache.write_entry(self.cache_dir, page.url, meta, page.body)

    # ------------------------------------------------------------------ hosts
    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._lock:
            return self._hosts.setdefault(key, _Host())

    def _allowed(self, url: str, host: _Host) -> bool:
        if not self.respect_robots:
            return True
        with host.robots_lock:
            if not host.checked:
                self._read_robots(url, host)
        return host.robots.can_fetch(self.user_agent, url)

    def _read_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        page = self._cache_read(robots_url) or self._fetch_one(robots_url, host, robots=True)
        self._cache_write(page)
        parser = RobotFileParser(robots_url)
        if page.status in (401, 403):
            parser.disallow_all = True
        elif page.status is not None and page.status < 400 and page.body is not None:
            parser.parse(page.body.decode("utf-8", "replace").splitlines())
        else:
            parser.allow_all = True
        host.robots, host.checked = parser, True

    def _interval(self, host: _Host) -> float:
        delay = self.rate_limit_per_host
        if host.robots is not None:
            crawl = host.robots.crawl_delay(self.user_agent)
            if crawl:
                delay = max(delay, min(float(crawl), self.max_wait))
        return delay

    # ------------------------------------------------------------------ requests
    def _send(self, url: str, host: _Host) -> Page:
        """One HTTP exchange (the caller holds the host's lock)."""
        import requests

        if host.last is not None:
            pause = host.last + self._interval(host) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        }
        start = time.monotonic()
        limit = 5 * self.timeout
        with self._lock:
            self.requests_sent += 1
        deadline = Deadline(self, limit)
        try:
            with (
                deadline,
                self._get_session().get(
                    url,
                    headers=headers,
                    timeout=(self.timeout, self.timeout),
                    stream=True,
                    allow_redirects=False,
                ) as resp,
            ):
                head = {k.lower(): v for k, v in resp.headers.items()}
                page = Page(url, final_url=url, status=resp.status_code, headers=head)
                size = head.get("content-length", "")
                if size.isdigit() and int(size) > self.max_bytes:
                    page.error, page.kind = (
                        f"too large ({size} bytes > {self.max_bytes})",
                        "too large",
                    )
                    return page
                chunks, total = [], 0
                for chunk in resp.iter_content(65536):
                    total += len(chunk)
                    if total > self.max_bytes:
                        page.error = f"too large (more than {self.max_bytes} bytes)"
                        page.kind = "too large"
                        return page
                    if time.monotonic() - start > limit:
                        break
                    chunks.append(chunk)
                if deadline.expired or time.monotonic() - start > limit:
                    return _over_time(url, limit)
                page.body = b"".join(chunks)
                return page
        except requests.Timeout:
            if deadline.expired:
                return _over_time(url, limit)
            return Page(url, error=f"timeout (no answer within {self.timeout:g} s)", kind="timeout")
        except requests.RequestException as exc:
            if deadline.expired:
                return _over_time(url, limit)
            private = _cause(exc, PrivateAddressError)
            if private is not None:
                return Page(url, error=f"refused: {private}{_ALLOW}", kind="private")
            invalid = isinstance(exc, requests.exceptions.InvalidURL | requests.URLRequired)
            if invalid or _cause(exc, ValueError) is not None:
                return Page(url, error=f"malformed URL or redirect ({exc})", kind="url")
            return Page(url, error=f"network error ({type(exc).__name__})", kind="network")
        except (ValueError, UnicodeError) as exc:  # e.g. a Location of 'http://[::1'
            return Page(url, error=f"malformed URL or redirect ({exc})", kind="url")
        finally:
            host.last = time.monotonic()

    def _fetch_one(self, url: str, host: _Host, robots: bool = False) -> Page:
        """One URL with retries (no redirects followed); takes the host's lock."""
        with host.lock:
            for attempt in range(self.retries + 1):
                page = self._send(url, host)
                transient = page.kind in ("timeout", "network") or (
                    page.status is not None and (page.status == 429 or page.status >= 500)
                )
                if not transient or attempt == self.retries:
                    break
                time.sleep(_retry_delay(page.headers, attempt, self.backoff, self.max_wait))
        if page.error is None and page.status is not None and page.status >= 400 and not robots:
            page.error, page.kind = f"HTTP {page.status}", "http"
            page.body = None
        return page

    def get(self, url, *, use_cache: bool = True) -> Page:
        """Fetch one URL politely; never raises for a failure (see ``Page.error``).

        Parameters
        ----------
        url : str
            An absolute http(s) URL.
        use_cache : bool
            Read from (and write to) the disk cache.

        Returns
        -------
        Page
        """
        try:
            url = check_url(url)
        except FetchError as exc:
            kind = "scheme" if "only http and https" in str(exc) else "url"
            return Page(str(url), error=str(exc), kind=kind)
        if use_cache:
            cached = self._cache_read(url)
            if cached is not None:
                return cached
        current, hops = url, 0
        while True:
            refusal = self._refused(current)
            if refusal is not None:
                return Page(url, final_url=current, error=refusal, kind="private")
            host = self._host(current)
            if not self._allowed(current, host):
                return Page(
                    url,
                    final_url=current,
                    error=f"disallowed by robots.txt ({current})",
                    kind="robots",
                )
            page = self._fetch_one(current, host)
            location = page.headers.get("location")
            if page.status in _REDIRECTS and location:
                hops += 1
                target = urljoin(current, location)
                if hops > self.max_redirects:
                    page = Page(
                        url,
                        final_url=target,
                        status=page.status,
                        error=f"more than {self.max_redirects} redirects",
                        kind="redirects",
                    )
                    break
                try:
                    current = check_url(target)
                except FetchError as exc:
                    scheme = "only http and https" in str(exc)
                    return Page(
                        url,
                        final_url=target,
                        error=f"redirect to a non-http(s) URL {target!r} refused"
                        if scheme
                        else f"redirect to a malformed URL {target[:200]!r}",
                        kind="scheme" if scheme else "url",
                    )
                continue
            break
        page.url, page.final_url = url, page.final_url or current
        if page.status in _REDIRECTS and page.error is None:
            page.error, page.kind, page.body = f"HTTP {page.status} without Location", "http", None
        if use_cache:
            self._cache_write(page)
        return page

    def _refused(self, url: str) -> str | None:
        """Why the host of ``url`` may not be fetched (a non-public address), or None."""
        if self.allow_private:
            return None
        parts = urlsplit(url)
        why = refused_host(parts.hostname or "", parts.port)
        return None if why is None else f"refused: {why}{_ALLOW}"

    def get_many(
        self, urls, *, jobs: int = 4, progress: bool = True, on_result=None, bar=None
    ) -> list[Page]:
        """Fetch many URLs, hosts in parallel (``jobs`` threads), one request per host at a time.

        Parameters
        ----------
        urls : sequence of str
            The URLs, in the order results are returned.
        jobs : int
            Threads; each works through the URLs of one host at a time.
        progress : bool
            Show a tqdm progress bar on stderr.
        on_result : callable, optional
            Called as ``on_result(index, page)`` after each URL (and after its cache
            entry is written); an exception it raises stops the run and propagates.
        bar : tqdm, optional
            An open progress bar to advance instead of a new one (not closed here).

        Returns
        -------
        list of Page
            One per URL, in input order.
        """
        from tqdm.auto import tqdm

        urls = list(urls)
        groups: dict[str, list[int]] = {}
        for i, u in enumerate(urls):
            try:
                netloc = urlsplit(str(u)).netloc.lower()
            except ValueError:  # malformed: get() reports it
                netloc = ""
            groups.setdefault(netloc, []).append(i)
        results: list[Page | None] = [None] * len(urls)
        stop = threading.Event()
        own_bar = bar is None
        if own_bar:
            bar = tqdm(total=len(urls), unit="url", disable=not progress, desc="fetch")
        done_lock = threading.Lock()

        def work(indices):
            try:
                for i in indices:
                    if stop.is_set():
                        return
                    page = self.get(urls[i])
                    with done_lock:
                        results[i] = page
                        bar.update(1)
                    if on_result is not None:
                        on_result(i, page)
            finally:
                self.close()  # this worker thread's session

        pool = ThreadPoolExecutor(max_workers=max(1, int(jobs)))
        try:
            futures = [pool.submit(work, idx) for idx in groups.values()]
            finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for f in finished:
                if f.exception() is not None:
                    raise f.exception()
        except BaseException:
            stop.set()  # workers stop after their current URL (also on Ctrl-C)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if own_bar:
                bar.close()
        return results
