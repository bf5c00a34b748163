# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Private to the statusops.status collection; not an API for other code.

A deadline for each request, its body included: a timer cuts the connection the request holds (RequestDeadline), the
connection pools telling it which one (DeadlineAdapter, for requests).
"""

import socket
import threading

try:
    from requests.adapters import HTTPAdapter
except ImportError:  # pragma: no cover - client.py reports requests missing before any adapter is made
    HTTPAdapter = object


_WATCHING = threading.local()  # .deadline: the RequestDeadline of the request this thread is sending, if any


class RequestDeadline:
    """Cuts the connection of one request once `seconds` have passed since it started, body included.

    A socket timeout bounds each wait for data, not the request: a server (or a middlebox) that sends a byte now and
    then would hold it as long as it likes. The pools of DeadlineAdapter tell the deadline which connection the
    request holds; a daemon timer shuts that socket down at the deadline, so the blocked read ends at once.
    """

    def __init__(self, seconds):
        self.expired = False
        self._connection = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        _WATCHING.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()
        _WATCHING.deadline = None
        with self._lock:
            self._connection = None

    def watch(self, connection):
        with self._lock:
            self._connection = connection
            if self.expired:
                _cut(connection)

    def release(self, connection):
        """The connection goes back to the pool: another request may take it, so it is never cut from now on."""
        with self._lock:
            if self._connection is connection:
                self._connection = None

    def _expire(self):
        with self._lock:
            self.expired = True
            if self._connection is not None:
                _cut(self._connection)


def _cut(connection):
    sock = getattr(connection, "sock", None) or getattr(connection, "connected_socket", None)
    # The socket under TLS in TLS (an https proxy) is urllib3's SSLTransport's .socket.
    sock = getattr(sock, "socket", sock)
    if isinstance(sock, socket.socket):
        try:
            # socket.socket's own shutdown, also for a TLS socket: it ends a read blocked in another thread.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


class _WatchedPool:
    """Mixed into urllib3's connection pools: the request's deadline learns which connection it holds."""

    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        deadline = getattr(_WATCHING, "deadline", None)
        if deadline is not None:
            deadline.watch(connection)
        return connection

    def _put_conn(self, conn):
        deadline = getattr(_WATCHING, "deadline", None)
        if deadline is not None:
            deadline.release(conn)
        super()._put_conn(conn)


class _RememberingConnection:
    """Mixed into urllib3's connections: keeps its socket where http.client does not forget it. An answer that ends
    the connection (HTTP/1.0, Connection: close) is read from a socket that the connection no longer holds."""

    connected_socket = None

    def connect(self):
        super().connect()
        self.connected_socket = self.sock


_WATCHED_POOL_CLASSES = {}


def _watch_pools(manager):
    """Make every pool a urllib3 pool manager creates from now on a _WatchedPool of _RememberingConnections (SOCKS
    and TLS pools included)."""
    classes = {}
    for scheme, pool_class in manager.pool_classes_by_scheme.items():
        if not issubclass(pool_class, _WatchedPool):
            if pool_class not in _WATCHED_POOL_CLASSES:
                connection_class = type("Remembering" + pool_class.ConnectionCls.__name__,
                                        (_RememberingConnection, pool_class.ConnectionCls), {})
                _WATCHED_POOL_CLASSES[pool_class] = type("Watched" + pool_class.__name__, (_WatchedPool, pool_class),
                                                         {"ConnectionCls": connection_class})
            pool_class = _WATCHED_POOL_CLASSES[pool_class]
        classes[scheme] = pool_class
    manager.pool_classes_by_scheme = classes
    return manager


class DeadlineAdapter(HTTPAdapter):
    """requests' HTTP adapter whose connections, proxied ones too, a RequestDeadline can cut."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        _watch_pools(self.poolmanager)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        return _watch_pools(super().proxy_manager_for(proxy, **proxy_kwargs))
