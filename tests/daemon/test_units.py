"""The daemon's pure parts: DST-safe digest trigger, catch-up rules, lock, logs, masking."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import scheduler
from crawler.archive.store import Store
from crawler.config import SourceConfig
from crawler.errors import StoreLockedError
from crawler.lock import StoreLock, holder
from crawler.logs import mask_secrets, setup_logging


def _fires(trigger: scheduler.DailyTrigger, start: datetime, days: int) -> list[datetime]:
    fires, previous, now = [], None, start
    while True:
        fire = trigger.get_next_fire_time(previous, now)
        assert fire is not None
        if fire > start + timedelta(days=days):
            return fires
        fires.append(fire)
        previous = now = fire


def test_digest_fires_once_on_the_day_a_local_time_does_not_exist():
    trigger = scheduler.DailyTrigger("02:30", "Europe/Paris")  # clocks go 02:00 → 03:00
    fires = _fires(trigger, datetime(2026, 3, 27, 12, tzinfo=UTC), days=4)
    local = [f.astimezone(trigger.zone) for f in fires]
    assert [d.day for d in local] == [28, 29, 30, 31]
    assert local[1].hour == 3  # 02:30 did not exist on the 29th: once, right after the gap
    assert [d.strftime("%H:%M") for d in local if d.day != 29] == ["02:30"] * 3


def test_digest_fires_once_on_the_day_a_local_time_happens_twice():
    trigger = scheduler.DailyTrigger("02:30", "Europe/Paris")  # clocks go 03:00 → 02:00
    fires = _fires(trigger, datetime(2026, 10, 24, 12, tzinfo=UTC), days=3)
    local = [f.astimezone(trigger.zone) for f in fires]
    assert [d.day for d in local] == [25, 26, 27]
    assert all(d.strftime("%H:%M") == "02:30" for d in local)


def test_digest_time_in_damascus():
    trigger = scheduler.DailyTrigger("07:00", "Asia/Damascus")
    fire = trigger.get_next_fire_time(None, datetime(2026, 6, 1, 5, tzinfo=UTC))
    assert fire == datetime(2026, 6, 2, 4, tzinfo=UTC)  # UTC+3 all year
    assert trigger.latest_before(datetime(2026, 6, 1, 5, tzinfo=UTC)) == datetime(
        2026, 6, 1, 4, tzinfo=UTC)


def test_digest_catch_up_rule():
    trigger = scheduler.DailyTrigger("07:00", "UTC")
    now = datetime(2026, 6, 2, 9, tzinfo=UTC)
    assert scheduler.digest_due(trigger, "2026-06-01T07:00:05+00:00", now)
    assert not scheduler.digest_due(trigger, "2026-06-02T07:00:05+00:00", now)
    assert not scheduler.digest_due(trigger, None, now)  # fresh install, 2 h after 07:00
    assert scheduler.digest_due(trigger, None, datetime(2026, 6, 2, 7, 30, tzinfo=UTC))


def _source(**kwargs: object) -> SourceConfig:
    return SourceConfig(name="s", spider="feed", url="http://127.0.0.1/", **kwargs)  # type: ignore[arg-type]


def test_a_source_runs_at_once_only_when_its_last_success_is_older_than_its_schedule():
    now = datetime(2026, 6, 2, 9, tzinfo=UTC)
    hourly = _source(every=timedelta(hours=1))
    assert scheduler.first_run_time(hourly, None, now) == now
    recent = {"started_at": "2026-06-02T08:30:00+00:00"}
    assert scheduler.first_run_time(hourly, recent, now) == now + timedelta(minutes=30)
    old = {"started_at": "2026-06-01T08:30:00+00:00"}
    assert scheduler.first_run_time(hourly, old, now) == now

    nightly = _source(every=None, cron="0 3 * * *")
    assert scheduler.first_run_time(nightly, {"started_at": "2026-06-02T03:00:10+00:00"},
                                    now) is None
    assert scheduler.first_run_time(nightly, {"started_at": "2026-06-01T03:00:10+00:00"},
                                    now) == now


def test_lock_is_exclusive_names_the_holder_and_frees_on_release(tmp_path: Path):
    store = tmp_path / "raqib.db"
    first = StoreLock(store)
    first.acquire()
    assert holder(store) == __import__("os").getpid()
    with pytest.raises(StoreLockedError, match=r"PID \d+"):
        StoreLock(store).acquire()
    first.release()
    assert holder(store) is None
    with StoreLock(store):
        assert holder(store) is not None


def test_json_log_lines_carry_level_time_source_and_mask_secrets():
    stream = io.StringIO()
    setup_logging("json", secrets=["s3cr3t-token"], stream=stream)
    try:
        logging.getLogger("raqib.daemon").warning("failed to reach json://x/s3cr3t-token",
                                                  extra={"source": "snhr-en"})
        try:
            raise RuntimeError("boom\nsecond line")
        except RuntimeError:
            logging.getLogger("raqib.daemon").exception("crash")
    finally:
        setup_logging("text", stream=io.StringIO())
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "WARNING"
    assert first["source"] == "snhr-en"
    assert first["ts"].endswith("Z")
    assert "s3cr3t-token" not in lines[0]
    assert "***" in first["message"]
    assert "RuntimeError" in second["exception"]


def test_text_log_is_one_line_per_event_even_with_a_traceback():
    stream = io.StringIO()
    setup_logging("text", stream=stream)
    try:
        try:
            raise ValueError("bad")
        except ValueError:
            logging.getLogger("raqib.daemon").exception("job failed", extra={"source": "x"})
    finally:
        setup_logging("text", stream=io.StringIO())
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert " ERROR [x] raqib.daemon: job failed :: Traceback" in lines[0]


def test_status_masks_channel_secrets_in_errors():
    error = ("tgram://123456:AAbbCCddEE/987654 failed; also https://user:pw@hooks.example/"
             "T000/B000/XXXXXXXXXXXX returned 500; json://127.0.0.1:9/hook/abcdefgh1234")
    masked = mask_secrets(error, ["AAbbCCddEE"])
    for secret in ("AAbbCCddEE", "123456", "pw@", "XXXXXXXXXXXX", "abcdefgh1234"):
        assert secret not in masked
    assert "json://127.0.0.1:9/***" in masked


def test_daemon_state_round_trip(tmp_path: Path):
    with Store.open(tmp_path / "raqib.db") as store:
        assert store.daemon_state() is None
        store.daemon_started(pid=42, host="box", heartbeat_every=5, config_path=None,
                             version="0.1.0")
        store.daemon_heartbeat({"source:a": "2026-06-02T09:00:00+00:00"})
        state = store.daemon_state()
        assert state is not None
        assert state["jobs"] == {"source:a": "2026-06-02T09:00:00+00:00"}
        assert state["state"] == "running"
        store.daemon_stopped()
        assert store.daemon_state()["state"] == "stopped"  # type: ignore[index]
        assert store.size_bytes() > 0


def test_the_daemon_logs_each_run_with_its_skips_and_reason() -> None:
    from crawler.crawl import CrawlOutcome
    from scheduler import _outcome_details

    outcome = CrawlOutcome(source="enab-ar", status="ok",
                           message="2 item(s) skipped (invalid port: 2)",
                           stats={"new_articles": 1, "unchanged": 4, "skipped": 2})
    assert _outcome_details(outcome) == ("new articles 1, unchanged 4, skipped 2, "
                                         "2 item(s) skipped (invalid port: 2)")
