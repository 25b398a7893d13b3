"""Outbox bookkeeping shared by the immediate dispatcher and the digest sender.

Delivery guarantee: an alert row is written in the same transaction as the article's labels.
A dispatcher claims rows (pending → sending, owner = host:pid), sends them, then marks each
sent, or pending again with back-off, or failed (permanent error or too many attempts). If the
process dies between the server accepting a message and the "sent" mark, the row is still
'sending'; the next dispatcher takes it back once its owner process is gone (or its lease has
run out) and sends it again. So a crash can cause one duplicate of the messages in flight,
never a loss; a live dispatcher's rows are never taken.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from alerts.redact import mask
from alerts.transport import SendResult
from crawler.archive.store import Store, backoff, utcnow
from crawler.config import Config
from crawler.lock import pid_alive

log = logging.getLogger("alerts")

SEND_LEASE = timedelta(minutes=15)


@dataclass
class DispatchReport:
    """What one dispatch or digest run did."""

    sent: int = 0  # alerts delivered
    messages: int = 0  # messages delivered (a digest or summary carries several alerts)
    retrying: int = 0  # alerts that failed this time and will be retried
    failed: int = 0  # alerts that failed permanently this time
    deferred: int = 0  # alerts held back by a channel's hourly cap (sent later, never dropped)
    released: int = 0  # alerts taken back from a dead dispatcher
    errors: list[str] = field(default_factory=list)  # "channel: reason", secrets masked
    # channel -> alerts waiting for it that the config no longer sends (see
    # dispatch.stranded_alerts): kept, and sent once the channel is back. A count taken at
    # the end of a dispatch, so merging two reports keeps the larger one.
    stranded: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def merge(self, other: DispatchReport) -> DispatchReport:
        for name in ("sent", "messages", "retrying", "failed", "deferred", "released"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        for channel, count in other.stranded.items():
            self.stranded[channel] = max(self.stranded.get(channel, 0), count)
        return self

    def summary(self) -> str:
        parts = [f"{self.sent} alert(s) sent in {self.messages} message(s)"]
        if self.retrying:
            parts.append(f"{self.retrying} will be retried")
        if self.failed:
            parts.append(f"{self.failed} failed permanently")
        if self.deferred:
            parts.append(f"{self.deferred} held back by max_per_hour")
        if self.stranded:
            listed = ", ".join(f"{name} ({count})" for name, count in sorted(self.stranded.items()))
            parts.append(f"{sum(self.stranded.values())} wait for channels the config no longer "
                         f"sends to: {listed}; restore those channels to send them")
        return ", ".join(parts)


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Whether the dispatcher process named ``owner`` (host:pid) still runs.

    Owners on another host are assumed alive; their rows come back when the lease ends."""
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname():
        return True
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    return pid_alive(pid)


def release_stale(store: Store, now: datetime | None = None) -> int:
    released = store.release_stale_claims(
        alive=owner_alive, lease_expired_before=(now or utcnow()) - SEND_LEASE)
    if released:
        log.warning("took back %d alert(s) left 'sending' by a process that stopped; they are "
                    "sent again (a recipient may see one duplicate)", released)
    return released


def record_result(store: Store, config: Config, channel: str, rows: Sequence[dict[str, Any]],
                  result: SendResult, report: DispatchReport, *, now: datetime | None = None,
                  digest_id: int | None = None) -> None:
    """Mark the alerts carried by one message after its delivery attempt."""
    moment = now or utcnow()
    if result.ok:
        for row in rows:
            store.mark_alert_sent(row["id"], digest_id=digest_id)
        report.sent += len(rows)
        report.messages += 1
        return
    error = mask(result.error)
    for row in rows:
        if result.permanent or row["attempts"] >= config.alerts.max_attempts:
            store.mark_alert_failed(row["id"], error)
            report.failed += 1
        else:
            delay = backoff(row["attempts"], config.alerts.retry_every)
            store.mark_alert_retry(row["id"], error, moment + delay)
            report.retrying += 1
    report.errors.append(f"{channel}: {error}")
    if result.permanent:
        log.error("channel %s: delivery failed permanently, not retried: %s; fix the channel, "
                  "then see `raqib status`", channel, error)
    else:
        log.warning("channel %s: delivery failed, will retry: %s", channel, error)
