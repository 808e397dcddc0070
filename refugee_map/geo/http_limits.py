"""How a request to a geocoding server is held in bounds, so that it never holds the web
server's threads: the whole request ends within its time-out (however slowly the server
sends), and at most one request per ``min_delay`` seconds goes out from all the app's
processes together - a request whose slot is not free yet is refused at once, never
waited for.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from collections.abc import Callable
from urllib.request import HTTPHandler, HTTPSHandler, ProxyHandler, build_opener

import geopy.exc
from geopy.adapters import URLLibAdapter
from sqlite_utils import Database

from refugee_map import store


class RequestSlots:
    """At most one request per ``min_delay`` seconds to ``server``, shared by every thread
    of every process over the database ``db``: the time the next request may go out is a
    ``meta`` row, read and moved in one write. A slot is taken or refused at once, never
    waited for. (Across machines, as exact as their clocks agree.)"""

    def __init__(self, db: Database, server: str, min_delay: float) -> None:
        self.db = db
        self.key = f"next_request {server}"
        self.min_delay = min_delay

    def take(self) -> float:
        """0 when a request may go now (the slot is taken), else the seconds until it may."""
        try:
            with store.writing(self.db, wait=False):
                now = time.time()
                next_at = float(store.get_meta(self.db, self.key) or 0)
                if now < next_at <= now + self.min_delay:  # further ahead: the clock went back
                    return next_at - now
                store.set_meta(self.db, self.key, repr(now + self.min_delay))
                return 0.0
        except store.Busy:  # another writer holds the database: try again in a moment
            return self.min_delay


class DeadlineAdapter(URLLibAdapter):
    """geopy's urllib adapter with ``timeout`` as the limit of the whole request.

    urllib's time-out holds for each socket operation, so a server that sends a byte
    every second never times out. Here the request runs in a thread of its own: when time
    is up the caller gets ``GeocoderTimedOut`` at once, and the request's socket is shut,
    so that thread ends too. (urllib's and not requests' way: geopy's requests adapter
    would retry a timed-out request twice.)
    """

    def __init__(self, *, proxies, ssl_context) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._proxies = proxies
        self._ssl_context = ssl_context

    def get_text(self, url, *, timeout, headers):
        def request(deadline: _Deadline) -> str:
            adapter = URLLibAdapter(proxies=self._proxies, ssl_context=self._ssl_context)
            adapter.urlopen = deadline.opener(self._ssl_context).open
            return adapter.get_text(url, timeout=timeout, headers=headers)

        return _within(timeout, request)


def _within(seconds: float, request: Callable[[_Deadline], str]) -> str:
    """``request``'s answer, or ``GeocoderTimedOut`` after ``seconds`` at the latest."""
    deadline = _Deadline()
    outcome: dict = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["text"] = request(deadline)
        except BaseException as error:  # handed to the caller
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="nominatim-request", daemon=True).start()
    if not done.wait(seconds):
        deadline.expire()
        raise geopy.exc.GeocoderTimedOut(f"no complete answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["text"]


class _Deadline:
    """Shuts the sockets of one request when its time is up, wherever the request waits:
    for the connection, the answer's headers or the rest of a body sent byte by byte."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: list[http.client.HTTPConnection] = []
        self._sockets: list[socket.socket] = []  # urllib lets go of them after the headers
        self._expired = False

    def opener(self, ssl_context):
        """A urllib opener whose connections this deadline watches (proxies as urllib's)."""
        return build_opener(
            _WatchedHTTPHandler(self),
            _WatchedHTTPSHandler(self, context=ssl_context),
            ProxyHandler(),
        )

    def connecting(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)

    def connected(self, sock: socket.socket) -> None:
        """Watch the connection's socket; one made after the deadline is shut at once."""
        with self._lock:
            self._sockets.append(sock)
            expired = self._expired
        if expired:
            self.expire()

    def expire(self) -> None:
        with self._lock:
            self._expired = True
            sockets = self._sockets + [c.sock for c in self._connections if c.sock is not None]
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type, deadline: _Deadline) -> type:
    class Watched(base):
        def connect(self) -> None:
            deadline.connecting(self)
            super().connect()
            deadline.connected(self.sock)

    return Watched


class _WatchedHTTPHandler(HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req):
        return self.do_open(_watched(http.client.HTTPConnection, self._deadline), req)


class _WatchedHTTPSHandler(HTTPSHandler):
    def __init__(self, deadline: _Deadline, context) -> None:
        super().__init__(context=context)
        self._deadline = deadline

    def https_open(self, req):
        connection = _watched(http.client.HTTPSConnection, self._deadline)
        return self.do_open(connection, req, context=self._context)
