"""Fixtures: a loopback news site, a loopback webhook, daemons killed at teardown."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from daemon_kit import DaemonProcess, NewsSite  # noqa: E402
from support.httpsite import HTTPSite  # noqa: E402
from support.webhook import WebhookServer  # noqa: E402


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with HTTPSite() as http:
        yield NewsSite(http)


@pytest.fixture
def webhook() -> Iterator[WebhookServer]:
    with WebhookServer() as hook:
        yield hook


@pytest.fixture
def daemons() -> Iterator[Callable[..., DaemonProcess]]:
    started: list[DaemonProcess] = []

    def start(config: Path, command: list[str] | None = None) -> DaemonProcess:
        daemon = DaemonProcess(config, command).start()
        started.append(daemon)
        return daemon

    yield start
    for daemon in started:
        daemon.stop()
