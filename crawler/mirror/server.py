"""The HTTP side of a mirror: one threaded loopback server per site.

The server records every request, injects faults (status codes, Retry-After, delays,
connection resets, redirect loops, oversized bodies, a changed layout) and answers
conditional requests (ETag / Last-Modified → 304). What a path means is the site's
business: the server hands each request to a ``Router``.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from crawler.mirror.chrome import with_chrome

FAULTS: frozenset[str] = frozenset(
    {"status", "retry_after", "delay", "reset", "redirect_loop", "redirect_to", "oversized",
     "robots_status", "layout_changed"}
)  # fmt: skip


@dataclass(frozen=True)
class Request:
    """What a router sees of one request."""

    method: str
    target: str  # path and query exactly as sent
    path: str  # raw (percent-encoded) path
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    base_url: str  # "http://127.0.0.1:PORT"
    layout_changed: bool = False

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=UTF-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    last_modified: datetime | None = None  # enables If-Modified-Since


@dataclass(frozen=True)
class RequestRecord:
    """One request a mirror received, for counting and asserting."""

    site: str
    method: str
    path: str  # path and query as sent
    headers: dict[str, str]
    status: int  # 0 when the connection was reset


@dataclass(frozen=True)
class Fault:
    path_prefix: str
    kind: str
    params: dict[str, object]


Router = Callable[[Request], Response]


class SiteServer(ThreadingHTTPServer):
    """A loopback HTTP server for one site; serves until ``stop``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: str, router: Router, records: list[RequestRecord],
                 host: str = "127.0.0.1", chrome: bytes = b"") -> None:
        super().__init__((host, 0), _Handler)
        self.site = site
        self.chrome = chrome  # added to every HTML page served (``crawler.mirror.chrome``)
        self.router = router
        self.records = records
        self.records_lock = threading.Lock()
        self.faults: list[Fault] = []
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        if isinstance(host, bytes):
            host = host.decode()
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name=f"mirror-{self.site}",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def fault_for(self, path: str) -> Fault | None:
        for fault in reversed(self.faults):
            if path.startswith(fault.path_prefix):
                return fault
        return None

    def record(self, record: RequestRecord) -> None:
        with self.records_lock:
            self.records.append(record)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the mirror's requests are in ``Mirrors.requests``."""

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def _serve(self, method: str) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        parts = urlsplit(self.path)
        fault = self.server.fault_for(parts.path)
        if fault is not None and fault.kind == "delay":
            time.sleep(float(fault.params.get("seconds", 1.0)))  # type: ignore[arg-type]
            fault = None
        if fault is not None and fault.kind == "reset":
            self._record(method, headers, 0)
            self._reset()
            return
        request = Request(
            method=method, target=self.path, path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True), headers=headers,
            base_url=self.server.base_url,
            layout_changed=fault is not None and fault.kind == "layout_changed",
        )
        response = self._faulty(fault, request) if fault is not None else None
        if response is None:
            response = self.server.router(request)
            response = _conditional(request, response)
        if self.server.chrome and response.status == 200 and \
                response.content_type.startswith("text/html"):
            response = replace(response, body=with_chrome(response.body, self.server.chrome))
        self._send(method, response)
        self._record(method, headers, response.status)

    def _faulty(self, fault: Fault, request: Request) -> Response | None:
        params = fault.params
        if fault.kind == "status":
            code = int(params.get("code", 500))  # type: ignore[call-overload]
            return Response(code, f"<html><body><h1>{code}</h1></body></html>".encode())
        if fault.kind == "retry_after":
            code = int(params.get("code", 429))  # type: ignore[call-overload]
            seconds = str(params.get("seconds", 60))
            return Response(code, b"<html><body>Too many requests</body></html>",
                            headers=[("Retry-After", seconds)])
        if fault.kind == "redirect_loop":
            bounce = "loop=2" if request.arg("loop") == "1" else "loop=1"
            return Response(302, b"", headers=[("Location", f"{request.path}?{bounce}")])
        if fault.kind == "redirect_to":
            return Response(301, b"", headers=[("Location", str(params["url"]))])
        if fault.kind == "oversized":
            size = int(params.get("size", 25 * 1024 * 1024))  # type: ignore[call-overload]
            return Response(200, b"<html><body>" + b"x" * size + b"</body></html>")
        if fault.kind == "robots_status":
            if request.path != "/robots.txt":
                return None
            code = int(params.get("code", 500))  # type: ignore[call-overload]
            return Response(code, b"error", content_type="text/plain")
        return None  # layout_changed: the router renders the redesigned page

    def _send(self, method: str, response: Response) -> None:
        self.send_response(response.status)
        if response.status != 304:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", "0" if response.status == 304 else
                         str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD" and response.status != 304:
            try:
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def _reset(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _record(self, method: str, headers: dict[str, str], status: int) -> None:
        self.server.record(RequestRecord(self.server.site, method, self.path, headers, status))


def _conditional(request: Request, response: Response) -> Response:
    """Add validators to a 200 answer and turn it into a 304 when the client has it."""
    if response.status != 200:
        return response
    etag = '"' + hashlib.sha1(response.body).hexdigest()[:20] + '"'
    response.headers.append(("ETag", etag))
    modified = response.last_modified
    if modified is not None:
        response.headers.append(("Last-Modified", format_datetime(modified, usegmt=True)))
    if_none = request.headers.get("if-none-match")
    if if_none is not None:
        if etag in [tag.strip() for tag in if_none.split(",")] or if_none.strip() == "*":
            return Response(304, b"", headers=response.headers)
        return response
    since = request.headers.get("if-modified-since")
    if since and modified is not None:
        try:
            if modified.replace(microsecond=0) <= parsedate_to_datetime(since):  # type: ignore[attr-defined]
                return Response(304, b"", headers=response.headers)
        except (TypeError, ValueError):
            pass
    return response
