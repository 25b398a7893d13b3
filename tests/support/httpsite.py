"""A small threaded HTTP server on loopback whose every answer the test controls.

    with HTTPSite() as site:
        site.route("/feed.xml", rss_bytes, content_type="application/rss+xml", etag='"v1"')
        site.route("/slow", b"...", delay=5)
        site.sequence("/busy", [Reply(429, {"Retry-After": "1"}), Reply(200, body=b"ok")])
        site.redirect("/away", "http://10.1.2.3/inside")
        site.route("/reset", fault="reset")
        ...
        site.url("/feed.xml")          # http://127.0.0.1:PORT/feed.xml
        site.hits("/feed.xml")         # requests logged for that path

Conditional requests are answered like a real server: a route with ``etag`` or
``last_modified`` returns 304 when the request's validators match. Unknown paths are
404. Faults: ``reset`` (TCP reset, no answer), ``close`` (connection closed after the
headers), ``delay`` seconds before answering.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    fault: str | None = None  # None | "reset" | "close"
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    target: str  # path and query as requested
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class HTTPSite:
    """Routes → scripted replies; a request log; start/stop as a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self._routes: dict[str, list[Reply]] = {}
        self._hits: dict[str, int] = {}
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- routes ------------------------------------------------------------------------

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200,
              headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8", etag: str | None = None,
              last_modified: str | None = None, delay: float = 0.0,
              fault: str | None = None) -> None:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type, **(headers or {})}
        self.sequence(path, [Reply(status, all_headers, raw, delay, fault, etag, last_modified)])

    def sequence(self, path: str, replies: list[Reply]) -> None:
        """Answer successive requests with successive replies; the last one repeats."""
        with self._lock:
            self._routes[path] = list(replies)
            self._hits[path] = 0

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.route(path, b"", status=status, headers={"Location": location})

    def remove(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    # -- addresses and log --------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "start the site first"
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if path is None or r.path == path or r.target == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> HTTPSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                site._answer(self)

            def do_HEAD(self) -> None:  # noqa: N802
                site._answer(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = _QuietServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> HTTPSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering ---------------------------------------------------------------------------

    def _pick(self, target: str, path: str) -> Reply | None:
        with self._lock:
            key = target if target in self._routes else path
            replies = self._routes.get(key)
            if not replies:
                return None
            index = min(self._hits[key], len(replies) - 1)
            self._hits[key] += 1
            return replies[index]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        target = handler.path
        path = urlsplit(target).path
        with self._lock:
            self.log.append(LoggedRequest(handler.command, target, path, dict(handler.headers),
                                          time.monotonic()))
        reply = self._pick(target, path)
        if reply is None:
            reply = Reply(404, {"Content-Type": "text/plain"}, b"not found")
        if reply.delay:
            time.sleep(reply.delay)
        if reply.fault == "reset":
            sock = handler.connection
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
            handler.close_connection = True
            return
        if _not_modified(handler, reply):
            handler.send_response(304)
            self._validator_headers(handler, reply)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(reply.status)
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        self._validator_headers(handler, reply)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if reply.fault == "close":
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        if handler.command != "HEAD":
            handler.wfile.write(reply.body)

    @staticmethod
    def _validator_headers(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.etag:
            handler.send_header("ETag", reply.etag)
        if reply.last_modified:
            handler.send_header("Last-Modified", reply.last_modified)


class _QuietServer(ThreadingHTTPServer):
    """No traceback on stderr when a client (or a 'reset' fault) drops a connection."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def _not_modified(handler: BaseHTTPRequestHandler, reply: Reply) -> bool:
    if reply.status != 200:
        return False
    match = handler.headers.get("If-None-Match")
    if reply.etag and match:
        return reply.etag in [m.strip() for m in match.split(",")]
    since = handler.headers.get("If-Modified-Since")
    return bool(reply.last_modified and since and since == reply.last_modified)
