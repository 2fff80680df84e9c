"""What every connection of a fetch is held to: one total deadline, and no redirect into the private network.

- Deadline: a fetch (connect, headers, body, redirects, retries) has one end time. A server dripping a
  byte a second never trips a read timeout, so a timer shuts the fetch's sockets down when the time is
  up; whatever was being read then fails, and the fetch reports the deadline.
- Addresses: after a redirect, a connection whose peer is private, loopback, link-local or otherwise
  not public is refused, unless the URL the user gave was itself local or they allowed it. The address
  checked is the one actually connected to, so a public name that resolves to 10.0.0.1 is refused too.

The guard of the fetch running in this thread is found through a thread-local: requests and urllib3
create connections deep inside, and each thread has its own Session (extractor.read.fetch).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.connection
import urllib3.connectionpool
from requests.adapters import HTTPAdapter

from extractor.errors import FetchError

_local = threading.local()
# Not public, though Python's is_private misses it: carrier-grade NAT.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


def is_private(address: str) -> bool:
    """Private, loopback, link-local, reserved, multicast or unspecified: anything not on the Internet."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0].strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified or ip in _SHARED)


def is_local_url(url: str) -> bool:
    """The URL names this machine or a private address itself: localhost, 127.0.0.1, 192.168.1.5…"""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost") or is_private(host)


class Refused(Exception):
    """Raised inside urllib3 when a connection is refused; carries the FetchError the fetch raises."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


class Guard:
    """One fetch's deadline and address policy, and the sockets it opened."""

    def __init__(self, url: str, seconds: float, allow_private: bool) -> None:
        self.url = url
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.allow_private = allow_private or is_local_url(url)
        self.redirected = False  # the starting URL is the user's: only redirect targets are checked
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Guard:
        self._previous = getattr(_local, "guard", None)
        _local.guard = self
        return self

    def __exit__(self, *exc: object) -> None:
        _local.guard = self._previous
        if self._timer is not None:
            self._timer.cancel()

    def left(self) -> float:
        return self.ends - time.monotonic()

    def error(self) -> FetchError:
        return FetchError(f"gave up on {self.url} after {self.seconds:g} s, the deadline for one whole fetch "
                          "(connecting, headers, body, redirects and retries)")

    def check(self) -> None:
        if self.expired or self.left() <= 0:
            self.expired = True
            raise self.error()

    def admit(self, sock: socket.socket, host: str) -> None:
        """Refuse a private peer after a redirect; watch the socket for the deadline."""
        if self.redirected and not self.allow_private:
            try:
                peer = str(sock.getpeername()[0])
            except OSError:
                peer = ""
            if is_private(peer):
                raise Refused(self.private_error(host, peer))
        with self._lock:
            self._sockets.append(sock)
            if self._timer is None:
                self._timer = threading.Timer(max(0.0, self.left()), self._expire)
                self._timer.daemon = True
                self._timer.start()

    def refuse_literal(self, target: str) -> None:
        """A redirect to a private address written as such is refused before any connection."""
        host = urlsplit(target).hostname or ""
        if not self.allow_private and (is_private(host) or host == "localhost" or host.endswith(".localhost")):
            raise self.private_error(host, host)

    def private_error(self, host: str, address: str) -> FetchError:
        return FetchError(f"refused a redirect from {self.url} to {host} ({address}), a private, loopback or "
                          "link-local address; use --allow-private (allow_private = true in a watch file) "
                          "if you mean it")

    def _expire(self) -> None:
        self.expired = True
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


def _current() -> Guard | None:
    return getattr(_local, "guard", None)


class _GuardedConnection:
    """Mixed into urllib3's connections: each new socket, and each request on a kept-alive one, is admitted."""

    host: str
    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        guard = _current()
        if guard is not None:
            try:
                guard.admit(sock, self.host)
            except Refused:
                sock.close()
                raise
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        guard = _current()
        if guard is not None and self.sock is not None:
            guard.admit(self.sock, self.host)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_GuardedConnection, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_GuardedConnection, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def guarded(session: requests.Session) -> requests.Session:
    """The session with the guard on every http(s) connection it makes."""
    adapter = GuardedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
