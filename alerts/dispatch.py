"""Send due immediate alerts from the outbox, channel by channel.

Each channel is claimed, sent and marked on its own, so one failing channel is retried
alone. A channel's ``max_per_hour`` caps the messages it gets in any hour: when more alerts
are due than the cap allows, the last allowed message is one "and N more" summary of the
rest; when the cap is used up, the alerts wait for the next hour. Nothing is dropped.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from alerts.digest import digest_from_rows, send_channel_digest
from alerts.outbox import DispatchReport, owner_id, record_result, release_stale
from alerts.render import Message, render_article, render_case, render_health, render_test
from alerts.transport import send
from alerts.watch import render_watch_row
from crawler.archive.store import Store, utcnow
from crawler.config import ChannelConfig, Config
from crawler.errors import RaqibError

log = logging.getLogger("alerts")

SUMMARY_MAX_ITEMS = 200
HOUR = timedelta(hours=1)


def dispatch_pending(store: Store, config: Config, *, now: datetime | None = None,
                     mode: str = "immediate") -> DispatchReport:
    """Send what is due. ``mode="immediate"``: single alerts (articles, updates, removals,
    health) on every channel; ``mode="digest"``: retry digests whose sending failed before
    (a scheduled digest is ``send_digests``)."""
    moment = now or utcnow()
    report = DispatchReport(released=release_stale(store, moment))
    if mode == "digest":
        wanted = set(store.digest_retry_channels(moment))
        for channel in config.channels:
            if channel.mode == "digest" and channel.name in wanted:
                send_channel_digest(store, config, channel, report, now=moment,
                                    send_empty=False)
        return report
    if mode != "immediate":
        raise ValueError(f"mode must be 'immediate' or 'digest', not {mode!r}")
    for channel in config.channels:
        try:
            _dispatch_channel(store, config, channel, report, moment)
        except RaqibError as exc:  # e.g. an unreadable watch file: this channel waits
            report.errors.append(f"{channel.name}: {exc}")
            log.error("alerts for channel %s not sent: %s", channel.name, exc)
    report.stranded = stranded_alerts(store, config)
    return report


def stranded_alerts(store: Store, config: Config) -> dict[str, int]:
    """Channel -> waiting alerts that the current config never sends: the channel was
    removed from it, or was switched from ``digest`` to ``immediate`` with digest items
    still queued. They are kept, not dropped: putting the channel back sends them."""
    modes = {channel.name: channel.mode for channel in config.channels}
    stranded: dict[str, int] = {}
    for name, mode, count in store.waiting_alerts():
        if name not in modes or (mode == "digest" and modes[name] != "digest"):
            stranded[name] = stranded.get(name, 0) + count
    return stranded


def _dispatch_channel(store: Store, config: Config, channel: ChannelConfig,
                      report: DispatchReport, now: datetime) -> None:
    cap = channel.max_per_hour
    budget = cap - store.immediate_messages_since(channel.name, utcnow() - HOUR) if cap else 0
    if cap and budget <= 0:
        waiting = store.claim_alerts(owner=owner_id(), mode="immediate", channel=channel.name,
                                     now=now, limit=10_000)
        store.unclaim_alerts([row["id"] for row in waiting])
        report.deferred += len(waiting)
        return
    limit = budget - 1 + SUMMARY_MAX_ITEMS if cap else 10_000
    rows = store.claim_alerts(owner=owner_id(), mode="immediate", channel=channel.name,
                              now=now, limit=limit)
    if not rows:
        return
    if cap and len(rows) > budget:
        singles, rest = rows[:budget - 1], rows[budget - 1:]
    else:
        singles, rest = rows, []
    pending = [row["id"] for row in rows]
    try:
        articles = store.alert_articles(rows)
        for row in singles:
            message = render_row(row, articles, config, channel)
            result = send(channel, message.title, message.text, message.html, message.markdown)
            pending.remove(row["id"])
            record_result(store, config, channel.name, [row], result, report, now=now)
            if not result.ok:
                # The channel is down or refusing: leave the rest for the next attempt.
                return
        # A watch alert is never folded into a summary, which could not say whom it is
        # about: it waits for the next hour's budget instead.
        held = [row["id"] for row in rest if row["kind"] == "watch"]
        rest = [row for row in rest if row["kind"] != "watch"]
        report.deferred += len(held)
        if rest:
            _send_summary(store, config, channel, rest, report, now)
            pending[:] = held
    finally:
        store.unclaim_alerts(pending)


def _send_summary(store: Store, config: Config, channel: ChannelConfig,
                  rows: list[dict[str, Any]], report: DispatchReport, now: datetime) -> None:
    summary = digest_from_rows(store, config, channel.name, rows, now=now,
                               heading=f"raqib: and {len(rows)} more alert(s)")
    message = summary.message()
    digest_id = store.start_digest(channel.name, len(summary.items))
    result = send(channel, message.title, message.text, message.html, message.markdown)
    record_result(store, config, channel.name, rows, result, report, now=now,
                  digest_id=digest_id)
    if result.ok:
        store.finish_digest(digest_id)
        log.info("channel %s: hourly cap reached; %d alert(s) sent as one summary",
                 channel.name, len(rows))


def render_row(row: dict[str, Any], articles: dict[int, dict[str, Any]], config: Config,
               channel: ChannelConfig) -> Message:
    """The message of one outbox row."""
    payload = row.get("payload") or {}
    if isinstance(payload, str):
        payload = json.loads(payload)
    labels = row.get("labels") or []
    if isinstance(labels, str):
        labels = json.loads(labels)
    kind = row["kind"]
    if kind in ("article", "update", "removal"):
        return render_article(articles.get(row.get("article_id") or -1), labels, kind=kind,
                              content_note=config.alerts.content_note, payload=payload)
    if kind == "test":
        return render_test(channel.name, row.get("created_at") or "")
    if kind == "watch":
        return render_watch_row(row, payload, articles, config)
    if kind == "case":
        return render_case(payload, articles.get(row.get("article_id") or -1))
    return render_health(payload)
