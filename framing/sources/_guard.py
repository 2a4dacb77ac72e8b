"""The fetcher's guards (private to :mod:`framing.sources.fetch`): which addresses may be
fetched, and a deadline that holds however slowly a server answers.

Addresses. URL lists, feeds and GDELT results are third-party content: a hostile feed
could make a researcher's machine send requests to its own services (``127.0.0.1``, a
router at ``192.168.0.1``, cloud metadata at ``169.254.169.254``). Unless
``allow_private`` is set, a host is refused when any address it resolves to is not
globally routable (:attr:`ipaddress.IPv4Address.is_global`: loopback, private,
link-local, shared, reserved, multicast, unspecified). It is checked twice: by name
before each request and on every redirect (:func:`refused_host`, a clear reason), and
on the socket itself right after it connects (:class:`GuardedAdapter`), so a name that
resolves differently the second time (DNS rebinding) gains nothing. Connections through
a proxy are checked by name only (the socket's peer is the proxy).

Deadline. ``timeout`` bounds each connect and each read, but a server that sends one
byte every few seconds never lets a read time out. :class:`Deadline` runs a timer that
shuts the request's socket down when the request as a whole has run too long; the
blocked read then returns at once and the fetch is reported as a timeout.
"""

from __future__ import annotations

import ipaddress
import socket
import threading

__all__ = ["refused_host", "refused_address", "GuardedAdapter", "Deadline"]


def refused_address(address: str) -> str | None:
    """Why ``address`` (an IP) may not be fetched, or None when it is global.

    Examples
    --------
    >>> refused_address("127.0.0.1"), refused_address("93.184.216.34")
    ('127.0.0.1 is a loopback address', None)
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def refused_host(host: str, port: int | None) -> str | None:
    """Why ``host`` may not be fetched (one of its addresses is not global), or None.

    A name that does not resolve is not refused here: the request then fails as a
    network error, as it would anyway.
    """
    try:
        infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    for *_, sockaddr in infos:
        why = refused_address(str(sockaddr[0]))
        if why is not None:
            if str(sockaddr[0]) == host.strip("[]"):
                return why
            return f"{host} resolves to {sockaddr[0]}, {why.split(' is ', 1)[1]}"
    return None


class PrivateAddressError(OSError):
    """A connection reached an address the guard refuses."""


def _guarded_connection(base, fetcher):
    """A subclass of urllib3's connection ``base`` that checks its peer right after the
    TCP connect (before TLS and before any byte of the request) and registers its
    socket with the fetcher's running :class:`Deadline`."""

    class Guarded(base):
        def _new_conn(self):
            sock = super()._new_conn()
            if not fetcher.allow_private and not getattr(self, "_tunnel_host", None):
                try:
                    peer = sock.getpeername()[0]
                except OSError:
                    peer = None
                why = refused_address(str(peer)) if peer is not None else None
                if why is not None:
                    sock.close()
                    raise PrivateAddressError(f"connected to {why}")
            Deadline.register(fetcher, sock)
            return sock

        def request(self, *args, **kwargs):
            if self.sock is not None:  # a kept-alive or (https) already connected socket
                Deadline.register(fetcher, self.sock)
            return super().request(*args, **kwargs)

    Guarded.__name__ = f"Guarded{base.__name__}"
    return Guarded


def GuardedAdapter(fetcher):  # noqa: N802 - builds a requests adapter class instance
    """A :class:`requests.adapters.HTTPAdapter` whose connections are guarded."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = _guarded_connection(HTTPConnection, fetcher)

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = _guarded_connection(HTTPSConnection, fetcher)

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    return Adapter()


class Deadline:
    """Shut the request's socket down after ``seconds`` (a ``with`` block per request).

    ``expired`` tells afterwards whether it fired. The socket is found through the
    calling thread's slot in ``fetcher._local`` (the guarded connections register it).
    """

    def __init__(self, fetcher, seconds: float):
        self.fetcher, self.seconds = fetcher, seconds
        self.expired = False
        self._sock = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    @staticmethod
    def register(fetcher, sock) -> None:
        current = getattr(fetcher._local, "deadline", None)
        if current is not None:
            with current._lock:
                current._sock = sock
                fired = current.expired
            if fired:  # a new connection after the deadline: cut it at once
                _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            sock = self._sock
        if sock is not None:
            _shutdown(sock)

    def __enter__(self):
        self.fetcher._local.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.cancel()
        self.fetcher._local.deadline = None


def _shutdown(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
