"""Helpers for tests of the daemon as a real process (loopback site and webhook).

``NewsSite`` serves an RSS feed and article pages that the test can add to while the
daemon runs; ``DaemonProcess`` starts ``raqib run`` (or ``python -m scheduler`` through a
wrapper) with its log in a file and reads the store read-only.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from support.httpsite import HTTPSite

RAQIB = str(Path(sys.executable).with_name("raqib"))
REPO = Path(__file__).resolve().parents[2]

_PEOPLE = ["Samir Haddad", "Omar Qassem", "Yusuf Darwish", "Hasan Mahmoud", "Khaled Rifai",
           "Ziad Nasser", "Fadi Khoury", "Bilal Sabbagh", "Rami Asaad", "Nabil Jaber",
           "Tarek Hamwi", "Walid Hourani"]
_TOWNS = ["Homs", "Hama", "Daraa", "Idlib", "Aleppo", "Deir ez-Zor", "Latakia", "Tartus",
          "Raqqa", "Douma", "Qamishli", "Suwayda"]
_POOL = [
    "Relatives said they learnt of the death when a civil registry clerk showed them a record.",
    "The family was never allowed to visit him during the years of his detention.",
    "A former cellmate described beatings during nightly interrogation sessions.",
    "The body was not handed over and no burial place was disclosed to the family.",
    "Local activists documented the arrest at the time through two independent witnesses.",
    "He worked as a carpenter before the security branch summoned him for questioning.",
    "His brother fled the country after repeated raids on the family home.",
    "The monitoring group called for an independent investigation into the death.",
    "Medical sources noted marks consistent with electric shocks and prolonged hanging.",
    "Neighbours recall that the raid took place before dawn and lasted under an hour.",
    "His mother had queued at military police offices for news of him for months.",
    "No charge was ever filed and no court ever heard his case.",
    "The report lists the detention facility as the one run by the air force intelligence.",
    "Friends remember him as a teacher of mathematics at a secondary school.",
    "The organisation cross-checked the account against satellite images of the area.",
    "Rights lawyers said the case fits a pattern documented across several provinces.",
    "A cousin who was released later testified about overcrowded underground cells.",
    "The network added the name to its database of victims who died in custody.",
    "Officials did not respond to questions sent by the group about the case.",
    "His children, aged six and nine, were told only that their father was travelling.",
    "Water and food rations were reduced as punishment, according to survivors.",
    "The group said it preserved copies of every document in its archive.",
    "Several detainees from the same village have been missing since that year.",
    "The documentation team interviewed four people over a period of three weeks.",
]


class NewsSite:
    """A loopback site with /feed.xml listing articles /news/<n>.html, newest first."""

    def __init__(self, http: HTTPSite) -> None:
        self.http = http
        self.count = 0
        self.titles: list[str] = []
        self.page_delay = 0.0

    def add(self, how_many: int = 1) -> list[str]:
        added = []
        for _ in range(how_many):
            n = self.count
            title = (f"{_PEOPLE[n % len(_PEOPLE)]} from {_TOWNS[n % len(_TOWNS)]} dies under "
                     f"torture in detention (case {n + 1})")
            lead = (f"{_PEOPLE[n % len(_PEOPLE)]}, {25 + n} years old, from "
                    f"{_TOWNS[n % len(_TOWNS)]}, died under torture in a detention centre of "
                    f"the Syrian regime, the rights network reported in case file {n + 1}.")
            body = [lead] + [_POOL[(n * 4 + k) % len(_POOL)] for k in range(4)]
            html = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                    f"<title>{title}</title></head><body><article><h1>{title}</h1>"
                    f"<p class='date'>2026-10-{(n % 27) + 1:02d}</p>"
                    + "".join(f"<p>{sentence}</p>" for sentence in body)
                    + "</article></body></html>")
            self.http.route(f"/news/{n}.html", html, content_type="text/html; charset=utf-8",
                            delay=self.page_delay * (n % 5 + 1))
            self.titles.append(title)
            self.count += 1
            added.append(title)
        self._publish_feed()
        return added

    def _publish_feed(self) -> None:
        start = datetime(2026, 10, 1, 9, tzinfo=UTC)
        items = "".join(
            f"<item><title>{self.titles[n]}</title><link>{self.http.url(f'/news/{n}.html')}"
            f"</link><guid>{self.http.url(f'/news/{n}.html')}</guid><pubDate>"
            f"{format_datetime(start + timedelta(hours=n))}</pubDate></item>"
            for n in reversed(range(self.count)))
        feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>Loopback rights news</title><link>{self.http.url('/')}</link>"
                f"<description>test feed</description>{items}</channel></rss>")
        self.http.route("/feed.xml", feed, content_type="application/rss+xml; charset=utf-8")

    @property
    def feed_url(self) -> str:
        return self.http.url("/feed.xml")


def write_config(folder: Path, *, sources: list[dict[str, Any]], channel_url: str | None = None,
                 run_timeout: str = "20s", extra: str = "") -> Path:
    lines = ['[store]', 'path = "raqib.db"', '', '[crawl]', 'download_delay = 0.0',
             'obey_robots = false', 'timeout = "60s"', f'run_timeout = "{run_timeout}"', '']
    for source in sources:
        lines.append("[[sources]]")
        lines += [f"{key} = {_toml(value)}" for key, value in source.items()]
        lines.append("")
    if channel_url:
        lines += ["[[channels]]", 'name = "hook"', f'url = "{channel_url}"',
                  'mode = "immediate"', "max_per_hour = 1000", ""]
    path = folder / "raqib.toml"
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def feed_source(name: str, url: str, every: str = "2s") -> dict[str, Any]:
    return {"name": name, "spider": "feed", "url": url, "lang": "en", "every": every,
            "expect_every": "30d"}


class DaemonProcess:
    """``raqib run`` (or any command) in the background, with its stderr in a file."""

    def __init__(self, config: Path, command: list[str] | None = None) -> None:
        self.config = config
        self.folder = config.parent
        self.command = command or [RAQIB, "--config", str(config), "run"]
        self.log_path = self.folder / f"daemon-{time.monotonic_ns()}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> DaemonProcess:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(self.command, cwd=self.folder, stdout=self._log,
                                        stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def signal(self, signum: int) -> None:
        assert self.process is not None
        self.process.send_signal(signum)

    def wait(self, timeout: float) -> int:
        assert self.process is not None
        code = self.process.wait(timeout=timeout)
        self._log.close()
        return code

    def stop(self) -> None:
        """Test teardown: kill this daemon and everything it started."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        else:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # orphaned crawl children
            except (ProcessLookupError, PermissionError):
                pass
        self._log.close()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return store_query(self.folder / "raqib.db", sql, params)


def store_query(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    finally:
        conn.close()


def wait_for(predicate: Callable[[], Any], timeout: float, what: str,
             log: Callable[[], str] | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    detail = f"\n--- daemon log ---\n{log()[-4000:]}" if log else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{detail}")


class SlowWebhook:
    """A json:// endpoint that records each POST on arrival and answers after ``delay``
    seconds, so a test can kill a sender while a delivery is in flight."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.bodies: list[str] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner._lock:
                    owner.bodies.append(json.dumps(json.loads(raw or b"{}"), ensure_ascii=False))
                time.sleep(owner.delay)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self) -> str:
        return f"json://127.0.0.1:{self._server.server_address[1]}/slow-hook"

    def received(self) -> list[str]:
        with self._lock:
            return list(self.bodies)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
