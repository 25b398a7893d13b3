"""``raqib run`` (the daemon) and ``raqib status`` (what the daemon and the store are doing)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from typing import Any

import click

from alerts.redact import mask
from crawler.cli import EXIT_FAILURE, App, _table, pass_app
from crawler.logs import mask_secrets as _mask

STUCK_AFTER_BEATS = 6
STATUS_MESSAGE_CHARS = 160


def register(cli: click.Group) -> None:
    cli.add_command(run)
    cli.add_command(status)


@click.command()
@click.option("--once", is_flag=True, help="Run what is due once and exit (for cron).")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line per event: plain text or JSON.")
@pass_app
def run(app: App, once: bool, log_format: str) -> None:
    """The daemon: every source on its schedule, alerts, digests, until SIGTERM/SIGINT.

    SIGHUP reloads the config. The crawls run as child processes; this process only
    schedules (it replaces itself with `python -m scheduler`, keeping its PID, so that
    the long-lived process starts with nothing but what scheduling needs in memory).
    """
    argv = [sys.executable, "-m", "scheduler", "--log-format", log_format]
    if app.config_path:
        argv += ["--config", app.config_path]
    if app.verbose:
        argv.append("-v")
    if once:
        argv.append("--once")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)


@click.command()
@pass_app
def status(app: App) -> None:
    """Daemon state, next and last runs, alerts per channel, store size, failing sources."""
    from crawler.config import format_duration
    from crawler.lock import holder

    config = app.config
    now = datetime.now(UTC)
    secrets = config.secrets()
    with app.open_store(reading=True) as store:
        state = store.daemon_state()
        pid = holder(config.store.path)
        verdict, stuck = _daemon_line(state, pid, now)
        click.echo(f"daemon: {verdict}")
        size = store.size_bytes()
        counts = store.counts()
        click.echo(f"store: {config.store.path} ({_size(size)}; {counts['articles']} articles, "
                   f"{counts['flagged']} flagged)")

        jobs = (state or {}).get("jobs", {}) if pid else {}
        rows, failing = [], []
        for source in config.sources:
            last = store.last_run(source.name)
            health = store.health(source.name)
            schedule = f"cron {source.cron}" if source.cron else (
                f"every {format_duration(source.every)}" if source.every else "-")
            if not source.enabled:
                next_run = "disabled"
            else:
                next_run = _when(jobs.get(f"source:{source.name}"), now) if pid else "-"
            result = "never run"
            if last:
                result = f"{last['status']} {_when(last['started_at'], now)}"
                if last.get("message"):  # site URLs stay readable; channel secrets do not
                    result += f": {mask(last['message'], secrets)[:STATUS_MESSAGE_CHARS]}"
            if (health and health["state"] not in ("ok", "new")) or (
                    last and last["status"] == "failed"):
                failing.append(f"{source.name} ({health['state'] if health else 'failed'}"
                               f"{': ' + health['detail'] if health and health['detail'] else ''})")
            rows.append([source.name, schedule, next_run, result])
        click.echo("")
        _table(["source", "schedule", "next run", "last run"], rows)

        channels = store.alert_channels()
        click.echo("")
        if channels:
            configured = {channel.name for channel in config.channels}
            _table(["channel", "pending", "failed", "sent", "last error"], [
                [c["channel"] if c["channel"] in configured
                 else f"{c['channel']} (not in the config)",
                 str(c["pending"] + c["sending"]), str(c["failed"]),
                 str(c["sent"]), _mask(c["last_error"] or "", secrets)[:100] or "-"]
                for c in channels])
        else:
            click.echo("alerts: none queued yet")
        click.echo("")
        click.echo("failing sources: " + ("; ".join(failing) if failing else "none"))
    if stuck:
        sys.exit(EXIT_FAILURE)


def _daemon_line(state: dict[str, Any] | None, pid: int | None,
                 now: datetime) -> tuple[str, bool]:
    if pid is None:
        if state and state.get("stopped_at"):
            return f"not running (stopped {_when(state['stopped_at'], now)})", False
        if state:
            return (f"not running (pid {state['pid']} ended without stopping; last heartbeat "
                    f"{_when(state['heartbeat_at'], now)})"), False
        return "not running (never started on this store)", False
    if not state or state["pid"] != pid:
        return f"starting (pid {pid})", False
    beat = datetime.fromisoformat(state["heartbeat_at"])
    age = (now - beat).total_seconds()
    up = _duration((now - datetime.fromisoformat(state["started_at"])).total_seconds())
    where = f"pid {pid} on {state['host']}, up {up}"
    if age > max(STUCK_AFTER_BEATS * float(state["heartbeat_every"]), 30):
        return (f"STUCK ({where}; no heartbeat for {_duration(age)}: the scheduler is not "
                f"progressing; restart it with `systemctl restart raqib` or kill {pid})"), True
    return f"running ({where}; heartbeat {_duration(age)} ago)", False


def _when(stamp: str | None, now: datetime) -> str:
    if not stamp:
        return "-"
    moment = datetime.fromisoformat(stamp)
    seconds = (moment - now).total_seconds()
    if abs(seconds) < 1:
        return "now"
    return f"in {_duration(seconds)}" if seconds > 0 else f"{_duration(-seconds)} ago"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    if seconds < 86400:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 86400}d{seconds % 86400 // 3600:02d}h"


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"

