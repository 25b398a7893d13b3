"""Datasette answers only requests addressed to a loopback host name.

``raqib browse`` listens on 127.0.0.1, but a web page can point its own host name at
127.0.0.1 (DNS rebinding) and then read the archive through the visitor's browser with
same-origin rights. Such requests carry the attacker's host name in ``Host``; anything but
``127.0.0.1``, ``localhost`` or ``[::1]`` (with any port) is refused with 403.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

Scope = dict[str, Any]
App = Callable[[Scope, Any, Any], Awaitable[None]]


def host_name(host: str) -> str:
    """``Host`` without its port, lower case (``[::1]:8001`` → ``[::1]``)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1")
    return host_name(host) in LOOPBACK_NAMES


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def loopback_only(scope: Scope, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and not is_loopback(scope):
                body = b"raqib browse answers only 127.0.0.1, localhost and [::1]\n"
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

        return loopback_only

    return wrap
