# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real plain-http server on 127.0.0.1 for the tests of what travels on the wire: headers, proxies, slow answers."""

import socket
import threading

# How long the server keeps trickling at most: far beyond any timeout the tests give the client.
TRICKLE_FOR = 30.0


class HttpServer:
    """Answers every request with `[]`, or trickles it: `trickle` set to "body" or "headers" sends that part one byte
    every `interval` seconds until the client hangs up. `requests` records (request line, {header: value}) of each;
    `arrived` is released once per request."""

    def __init__(self, trickle=None, interval=0.05, closing=False):
        self.trickle = trickle
        self.closing = closing  # answer with Connection: close, as an HTTP/1.0 server does
        self.interval = interval
        self.requests = []
        self.arrived = threading.Semaphore(0)  # released once per request received
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stopped.set()
        self._listener.close()

    def _serve(self):
        while not self._stopped.is_set():
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection):
        with connection:
            reader = connection.makefile("rb")
            line = reader.readline().decode("latin-1").rstrip("\r\n")
            headers = {}
            for raw in iter(reader.readline, b"\r\n"):
                if not raw:
                    return
                name, _colon, value = raw.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.requests.append((line, headers))
            self.arrived.release()
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
            head += b"Connection: close\r\n\r\n" if self.closing else b"\r\n"
            try:
                if self.trickle is None:
                    connection.sendall(head % 2 + b"[]")
                elif self.trickle == "headers":
                    self._drip(connection, b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 100000)
                else:
                    connection.sendall(head % 100000)
                    self._drip(connection, b"[" + b" " * 99999)
            except OSError:
                pass  # the client hung up

    def _drip(self, connection, data):
        """Send data one byte at a time; stop when the client hangs up or after TRICKLE_FOR seconds."""
        for position in range(min(len(data), int(TRICKLE_FOR / self.interval))):
            connection.sendall(data[position:position + 1])
            if self._stopped.wait(self.interval):
                return
