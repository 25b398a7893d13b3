"""A JSON webhook on loopback (for apprise's json:// URLs) that answers as scripted.

    with WebhookServer() as hook:
        hook.script = [500, 500]      # the next answers; then `status` (200) for the rest
        url = hook.url()              # json://127.0.0.1:PORT/hook/<token>
        hook.count                    # requests received (any answer)
        hook.accepted                 # JSON bodies of the requests answered 2xx
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class WebhookServer:
    def __init__(self, *, token: str = "hook-token-0000") -> None:
        self.token = token
        self.status = 200
        self.script: list[int] = []
        self.requests: list[dict[str, Any]] = []
        self.accepted: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> WebhookServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                with owner._lock:
                    owner.requests.append(body)
                    owner.paths.append(self.path)
                    status = owner.script.pop(0) if owner.script else owner.status
                    if 200 <= status < 300:
                        owner.accepted.append(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        assert self._server is not None, "start the server first"
        return int(self._server.server_address[1])

    def url(self, *, token: str | None = None) -> str:
        return f"json://127.0.0.1:{self.port}/hook/{token or self.token}"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebhookServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
