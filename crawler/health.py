"""A source's health after each run, and one alert per health channel when it changes.

States, most serious first:
    failing   this run and the one before it failed
    silent    no new article for longer than the source's ``expect_every``
    degraded  this run failed once, or finished with errors / unexpected page shapes
    ok        otherwise

Runs cut short by a stop (status 'interrupted': the daemon or ``raqib crawl`` was stopped)
are left out, so restarting the daemon neither degrades a source nor sends health alerts.
A run killed at its hard time limit is 'failed' and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crawler.archive.store import Store, iso, utcnow
from crawler.config import Config, SourceConfig


@dataclass(frozen=True)
class Health:
    state: str
    detail: str
    changed: bool = False
    previous: str | None = None
    alerts_queued: int = 0


def assess(store: Store, source: SourceConfig, *, now: datetime | None = None
           ) -> tuple[str, str]:
    """The health state and a one-line detail from the source's finished runs."""
    now = now or utcnow()
    runs = store.finished_runs(source.name, limit=2)
    if not runs:
        return "ok", "not crawled yet"
    last = runs[0]
    if last["status"] == "failed" and len(runs) > 1 and runs[1]["status"] == "failed":
        return "failing", f"the last two runs failed: {last['message'] or 'no message'}"
    last_new = store.last_new_article_at(source.name)
    reference = last_new or store.first_run_at(source.name)
    if reference and now - datetime.fromisoformat(reference) > source.expect_every:
        what = f"since {last_new}" if last_new else "since the first run"
        return "silent", f"no new article {what} (expected one every {source.expect_every})"
    if last["status"] == "failed":
        return "degraded", f"the last run failed: {last['message'] or 'no message'}"
    if last["status"] == "degraded":
        return "degraded", last["message"] or "the last run had errors"
    return "ok", ""


def update_health(store: Store, config: Config, source: SourceConfig) -> Health:
    """Record the source's health; when it changed, queue a health alert per channel
    that asked for them (``health = true``)."""
    before = store.health(source.name)
    state, detail = assess(store, source)
    changed = store.set_health(source.name, state, detail)
    queued = 0
    if changed:
        current = store.health(source.name) or {}
        since = current.get("since") or iso(utcnow())
        previous = before["state"] if before else None
        with store.transaction():
            for channel in config.channels:
                if channel.health and store.enqueue_alert(
                        channel=channel.name, kind="health",
                        key=f"{source.name}:{state}:{since}", mode="immediate",
                        payload={"source": source.name, "state": state, "previous": previous,
                                 "detail": detail, "since": since}):
                    queued += 1
    return Health(state, detail, changed, before["state"] if before else None, queued)
