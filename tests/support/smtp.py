"""A real SMTP server on loopback (aiosmtpd) with AUTH, scripted replies and a hold switch.

    with SmtpServer() as smtp:
        channel_url = smtp.url()             # mailto://... with the server's user and password
        smtp.reply = "451"                   # or "550", "250" (the default)
        smtp.hold = True                     # DATA is recorded, then the reply never comes
        smtp.messages                        # every message received at DATA, as EmailMessage

``stop()`` and ``start()`` again on the same port simulate a server outage.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
import threading
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# AUTH is offered and checked (a wrong password gets 535) without TLS on loopback; aiosmtpd's
# own log chatter about that is not what the tests are about.
logging.getLogger("mail.log").setLevel(logging.ERROR)

REPLIES = {
    "250": "250 Message accepted",
    "451": "451 4.3.0 Try again later",
    "550": "550 5.1.1 Mailbox unavailable",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    def __init__(self, *, user: str = "raqib", password: str = "s3cret-pass",
                 port: int | None = None) -> None:
        self.user = user
        self.password = password
        self.port = port or free_port()
        self.reply = "250"
        self.hold = False
        self.messages: list[EmailMessage] = []
        self.auth_failures = 0
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> SmtpServer:
        if self._controller is None:
            self._controller = Controller(
                _Handler(self), hostname="127.0.0.1", port=self.port,
                server_hostname="localhost", authenticator=self._authenticate,
                auth_require_tls=False, ready_timeout=10)
            self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self.hold = False
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers --------------------------------------------------------------------

    def url(self, *, to: str = "monitor@example.org", sender: str = "raqib@example.org",
            password: str | None = None) -> str:
        return (f"mailto://{self.user}:{password or self.password}@127.0.0.1:{self.port}"
                f"?to={to}&from={sender}&mode=insecure")

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.messages)

    def subjects(self) -> list[str]:
        with self._lock:
            return [str(m["Subject"]) for m in self.messages]

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == self.user and \
                auth_data.password.decode() == self.password:
            return AuthResult(success=True)
        self.auth_failures += 1
        return AuthResult(success=False, handled=False)

    def _record(self, raw: bytes) -> None:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = self.server.reply
        if reply != "250":
            return REPLIES[reply]
        self.server._record(envelope.content)
        while self.server.hold:
            await asyncio.sleep(0.02)
        return REPLIES["250"]
