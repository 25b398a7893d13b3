"""The raqib daemon: every source on its schedule, alerts, digests, until SIGTERM.

    python -m scheduler [--config PATH] [--once] [--log-format text|json] [-v]

(``raqib run`` starts exactly this.) The parent process only schedules and watches; all
work happens in child processes, so a hung site or a crashed spider costs one run of one
source and the parent's memory stays flat:

* a crawl is ``python -m crawler.run`` (through ``crawler.crawl.run_source``) with a hard
  time limit (``[crawl].run_timeout``);
* alert dispatch, digests and configuration checks are ``python -m scheduler job KIND``,
  so apprise and its plugins are never imported by the parent.

Scheduling is APScheduler 3 with an in-memory job store: the store's ``runs`` table is the
memory across restarts (a source whose last successful run is older than its interval runs
at once, once). One daemon per store (``crawler.lock``). A heartbeat row tells
``raqib status`` whether the daemon is alive, stuck or gone.

Signals: SIGTERM / SIGINT stop scheduling, forward SIGTERM to the children, wait for them
(SIGKILL after STOP_GRACE_S) and exit 0; SIGHUP reloads the configuration (a bad file is
reported and the running configuration kept). A wall-clock jump (NTP step, suspend, an
operator's ``date -s``) is detected against the monotonic clock and the schedule shifted
with it: no burst of catch-up runs, no stall until the old time comes back.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from types import FrameType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.lock import pid_alive

if TYPE_CHECKING:
    from crawler.archive.store import Store
    from crawler.config import Config, SourceConfig

log = logging.getLogger("raqib.daemon")

HEARTBEAT_EVERY_S = 5.0
DISPATCH_EVERY_S = 15.0
MISFIRE_GRACE_S = 3600
STOP_GRACE_S = 20.0  # children get this long after SIGTERM; the whole stop stays under 30 s
CHILD_JOB_TIMEOUT_S = 600.0
CHECK_TIMEOUT_S = 60.0
CHILD_START_S = 10.0
CLOCK_JUMP_S = 5.0
LOOP_TICK_S = 0.5
MAX_PARALLEL_CRAWLS = 4
NO_DIGEST_YET_GRACE = timedelta(hours=1)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


# -- triggers -----------------------------------------------------------------------------


class DailyTrigger(BaseTrigger):
    """Once a day at ``HH:MM`` local time in ``zone``, exactly once even on DST days.

    APScheduler's CronTrigger fires twice when the clocks go back (the local time exists
    twice). Here a repeated time fires at its first occurrence only, and a time that does
    not exist (clocks going forward) fires once, at the same distance after the gap.
    Fire times are returned in UTC, so no comparison ever depends on ``fold``.
    """

    def __init__(self, at: str, zone: str) -> None:
        hour, minute = (int(part) for part in at.split(":"))
        self.at = dtime(hour, minute)
        self.zone = ZoneInfo(zone)

    def fire_time_on(self, day: date) -> datetime:
        local = datetime.combine(day, self.at).replace(tzinfo=self.zone, fold=0)
        return local.astimezone(UTC)

    def get_next_fire_time(self, previous_fire_time: datetime | None,
                           now: datetime) -> datetime | None:
        after = now.astimezone(UTC)
        if previous_fire_time is not None:
            after = max(after, previous_fire_time.astimezone(UTC))
        day = after.astimezone(self.zone).date() - timedelta(days=1)
        while True:
            candidate = self.fire_time_on(day)
            later_than_previous = (previous_fire_time is None
                                   or candidate > previous_fire_time.astimezone(UTC))
            if candidate >= now.astimezone(UTC) and later_than_previous:
                return candidate
            day += timedelta(days=1)

    def latest_before(self, now: datetime) -> datetime:
        """The most recent fire time at or before ``now``."""
        day = now.astimezone(self.zone).date() + timedelta(days=1)
        while (candidate := self.fire_time_on(day)) > now.astimezone(UTC):
            day -= timedelta(days=1)
        return candidate

    def __str__(self) -> str:
        return f"daily at {self.at:%H:%M} {self.zone.key}"

    def __repr__(self) -> str:
        return f"<DailyTrigger {self.at:%H:%M} {self.zone.key}>"


def source_trigger(source: SourceConfig) -> BaseTrigger:
    if source.cron:
        return CronTrigger.from_crontab(source.cron, timezone=UTC)
    assert source.every is not None
    return IntervalTrigger(seconds=source.every.total_seconds(), timezone=UTC)


def first_run_time(source: SourceConfig, last_success: dict[str, Any] | None,
                   now: datetime) -> datetime | None:
    """When a source should first run after start-up: now if its last successful run is
    older than its schedule allows (or it never ran), else when the schedule says."""
    if last_success is None:
        return now
    last = datetime.fromisoformat(last_success["started_at"])
    if source.cron:
        due = CronTrigger.from_crontab(source.cron, timezone=UTC).get_next_fire_time(None, last)
        return now if due is None or due <= now else None
    assert source.every is not None
    return max(now, last + source.every)


def digest_due(trigger: DailyTrigger, last_sent: str | None, now: datetime) -> bool:
    """Whether the latest digest time has passed without a digest being sent since.

    With no digest ever sent, only a digest time within the last hour counts, so a fresh
    install does not send one at whatever hour it first starts.
    """
    latest = trigger.latest_before(now)
    if last_sent is None:
        return now - latest <= NO_DIGEST_YET_GRACE
    return datetime.fromisoformat(last_sent) < latest


# -- child processes ----------------------------------------------------------------------



def _child_command(kind: str, config_path: str | None, log_format: str) -> list[str]:
    command = [sys.executable, "-m", "scheduler", "job", kind, "--log-format", log_format]
    if config_path:
        command += ["--config", config_path]
    return command


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


class Daemon:
    """One daemon on one store. ``run()`` until signalled; ``run_once()`` for cron."""

    def __init__(self, config_path: str | None, *, log_format: str = "text",
                 redactor: Any = None) -> None:
        from crawler.lock import StoreLock

        self.config_path = config_path
        self.log_format = log_format
        self.redactor = redactor
        self.config = self._load()
        self.lock = StoreLock(self.config.store.path)
        self.stop_event = threading.Event()
        self.reload_requested = threading.Event()
        self.children: dict[str, subprocess.Popen[Any]] = {}
        self._children_lock = threading.Lock()
        self._active = 0
        self._active_cond = threading.Condition()
        self.scheduler: BackgroundScheduler | None = None
        self.failures = 0
        self._overlapping: set[str] = set()

    # -- configuration -----------------------------------------------------------------

    def _load(self) -> Config:
        """Read the configuration here (channel URLs are checked by ``_check_in_child``)."""
        from crawler.config import load_config

        config = load_config(self.config_path)
        if self.redactor is not None:
            self.redactor.update(config.secrets())
        return config

    def _check_in_child(self) -> None:
        """Validate the configuration fully in a child: checking channel URLs needs
        apprise, which the parent never imports. Raises ConfigError."""
        from crawler.errors import ConfigError

        try:
            done = subprocess.run(_child_command("check", self.config_path, self.log_format),
                                  capture_output=True, text=True, timeout=CHECK_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise ConfigError("checking the configuration took too long; is the machine "
                              "overloaded?") from None
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            message = lines[-1] if lines else "the configuration check failed"
            raise ConfigError(message.removeprefix("error: "))

    def _reload(self) -> None:
        from crawler.errors import RaqibError

        log.info("SIGHUP: reloading the configuration")
        try:
            new = self._load()
            self._check_in_child()
        except RaqibError as exc:
            log.error("configuration not reloaded, the running one is kept: %s", exc)
            return
        if new.store.path != self.config.store.path:
            log.error("configuration not reloaded: [store].path changed (%s → %s); restart "
                      "the daemon to switch stores", self.config.store.path, new.store.path)
            return
        self.config = new
        if self.scheduler is not None:
            with self._store() as store:
                self._schedule(store, datetime.now(UTC), replace=True)
        log.info("configuration reloaded: %d sources, %d channels", len(new.sources),
                 len(new.channels))

    # -- store access --------------------------------------------------------------------

    def _store(self) -> Store:
        from crawler.archive.store import Store

        return Store.open(self.config.store.path)

    # -- jobs ------------------------------------------------------------------------------

    def _counted(self, job: Callable[..., None]) -> Callable[..., None]:
        def wrapper(*args: Any) -> None:
            if self.stop_event.is_set():
                return
            with self._active_cond:
                self._active += 1
            try:
                job(*args)
            except Exception:
                log.exception("job %s failed", job.__name__)
            finally:
                with self._active_cond:
                    self._active -= 1
                    self._active_cond.notify_all()
        wrapper.__name__ = job.__name__
        return wrapper

    def _track(self, key: str, child: subprocess.Popen[Any]) -> None:
        with self._children_lock:
            self.children[key] = child
        if self.stop_event.is_set():
            child.terminate()

    def _untrack(self, key: str) -> None:
        with self._children_lock:
            self.children.pop(key, None)

    def crawl(self, name: str) -> None:
        from crawler.crawl import run_source
        from crawler.memlimit import workers_share

        config = self.config
        extra = {"source": name}
        log.info("crawl started", extra=extra)
        started = time.monotonic()
        try:
            # each scheduled crawl also rechecks the known articles due by recheck_every
            outcome = run_source(config, name, timeout=hard_limit(config), recheck_due=True,
                                 on_spawn=lambda child: self._track(f"crawl:{name}", child),
                                 workers=workers_share(MAX_PARALLEL_CRAWLS))
        finally:
            self._untrack(f"crawl:{name}")
            self._overlapping.discard(f"source:{name}")
        status = str(getattr(outcome, "status", "unknown"))
        elapsed = time.monotonic() - started
        details = _outcome_details(outcome)
        if status == "failed":
            self.failures += 1
            log.warning("crawl failed after %.1fs: %s", elapsed, details, extra=extra)
        else:
            log.info("crawl %s in %.1fs: %s", status, elapsed, details, extra=extra)
        if self.scheduler is not None and not self.stop_event.is_set():
            job = self.scheduler.get_job("alerts")
            if job is not None:
                job.modify(next_run_time=datetime.now(UTC))

    def dispatch(self) -> None:
        with self._store() as store:
            if not store.has_alert_work():
                return
        self._run_child("dispatch")

    def digest(self) -> None:
        self._run_child("digest")

    def heartbeat(self) -> None:
        jobs: dict[str, str | None] = {}
        if self.scheduler is not None:
            jobs = {job.id: _iso(job.next_run_time) for job in self.scheduler.get_jobs()}
        with self._store() as store:
            store.daemon_heartbeat(jobs)

    def _run_child(self, kind: str) -> None:
        command = _child_command(kind, self.config_path, self.log_format)
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        self._track(kind, child)
        try:
            code = child.wait(timeout=CHILD_JOB_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            child.kill()
            code = child.wait()
            log.error("%s took longer than %ds and was killed; it will run again",
                      kind, CHILD_JOB_TIMEOUT_S)
        finally:
            self._untrack(kind)
        if code not in (0, -signal.SIGTERM):
            log.warning("%s finished with exit status %s", kind, code)

    # -- scheduling ------------------------------------------------------------------------

    def _digest_trigger(self) -> DailyTrigger | None:
        if not any(channel.mode == "digest" for channel in self.config.channels):
            return None
        return DailyTrigger(self.config.digest.at, self.config.digest.timezone)

    def _schedule(self, store: Store, now: datetime, *, replace: bool = False) -> None:
        assert self.scheduler is not None
        wanted: set[str] = {"heartbeat", "alerts"}
        for source in self.config.sources:
            if not source.enabled:
                continue
            job_id = f"source:{source.name}"
            wanted.add(job_id)
            existing = self.scheduler.get_job(job_id)
            trigger = source_trigger(source)
            if existing is not None:
                if str(existing.trigger) != str(trigger):
                    existing.reschedule(trigger)
                    log.info("schedule changed: %s", trigger, extra={"source": source.name})
                continue
            first = first_run_time(source, store.last_success(source.name), now)
            options: dict[str, Any] = {"next_run_time": first} if first else {}
            self.scheduler.add_job(self._counted(self.crawl), trigger, args=[source.name],
                                   id=job_id, name=job_id, executor="crawl", **options)
            log.info("scheduled %s; first run %s", trigger, _iso(first) or "on schedule",
                     extra={"source": source.name})
        if self.scheduler.get_job("heartbeat") is None:
            self.scheduler.add_job(self._counted(self.heartbeat), "interval",
                                   seconds=HEARTBEAT_EVERY_S, id="heartbeat",
                                   executor="control", next_run_time=now)
        if self.scheduler.get_job("alerts") is None:
            self.scheduler.add_job(self._counted(self.dispatch), "interval",
                                   seconds=DISPATCH_EVERY_S, id="alerts", next_run_time=now)
        trigger = self._digest_trigger()
        if trigger is not None:
            wanted.add("digest")
            existing = self.scheduler.get_job("digest")
            if existing is None:
                catch_up = digest_due(trigger, store.last_digest_sent_at(), now)
                self.scheduler.add_job(self._counted(self.digest), trigger, id="digest",
                                       **({"next_run_time": now} if catch_up else {}))
                log.info("digest scheduled %s%s", trigger, "; one is due now" if catch_up else "")
            elif str(existing.trigger) != str(trigger):
                existing.reschedule(trigger)
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
                log.info("unscheduled %s (no longer configured or disabled)", job.id)

    def _shift_for_clock_jump(self, delta: float) -> None:
        """Move every job by the wall-clock jump so runs keep their real-time spacing."""
        assert self.scheduler is not None
        log.warning("the system clock jumped by %+.0fs; shifting the schedule with it", delta)
        now = datetime.now(UTC)
        for job in self.scheduler.get_jobs():
            if job.next_run_time is None:
                continue
            if isinstance(job.trigger, IntervalTrigger):
                shifted = job.next_run_time + timedelta(seconds=delta)
                job.modify(next_run_time=max(shifted, now))
            else:
                job.modify(next_run_time=job.trigger.get_next_fire_time(None, now))

    def _on_overlap(self, event: JobSubmissionEvent) -> None:
        if event.job_id in self._overlapping:
            return  # said once per overlapping run
        self._overlapping.add(event.job_id)
        name = event.job_id.removeprefix("source:")
        log.info("run skipped: the previous run is still going (the schedule is tighter than "
                 "the crawl takes)", extra={"source": name if name != event.job_id else "-"})

    # -- lifecycle -------------------------------------------------------------------------

    def _on_stop_signal(self, signum: int, frame: FrameType | None) -> None:
        if not self.stop_event.is_set():
            log.info("%s received: stopping", signal.Signals(signum).name)
        self.stop_event.set()

    def _on_hup(self, signum: int, frame: FrameType | None) -> None:
        self.reload_requested.set()

    def _install_signals(self) -> None:
        signal.signal(signal.SIGTERM, self._on_stop_signal)
        signal.signal(signal.SIGINT, self._on_stop_signal)
        signal.signal(signal.SIGHUP, self._on_hup)

    def _recover(self, store: Store) -> None:
        abandoned = store.abandon_dead_runs(pid_alive)
        if abandoned:
            log.warning("%d run(s) left unfinished by a previous process marked interrupted",
                        abandoned)

    def run(self) -> int:
        """Run until SIGTERM / SIGINT. Raises StoreLockedError when another daemon runs."""
        from crawler import __version__

        self.lock.acquire()
        try:
            self._check_in_child()
            self._install_signals()
            now = datetime.now(UTC)
            with self._store() as store:
                self._recover(store)
                store.daemon_started(pid=os.getpid(), host=socket.gethostname(),
                                     heartbeat_every=HEARTBEAT_EVERY_S,
                                     config_path=str(self.config.path or ""),
                                     version=__version__)
                self.scheduler = BackgroundScheduler(
                    timezone=UTC,
                    executors={"default": ThreadPoolExecutor(2),
                               "crawl": ThreadPoolExecutor(MAX_PARALLEL_CRAWLS),
                               "control": ThreadPoolExecutor(1)},
                    job_defaults={"coalesce": True, "max_instances": 1,
                                  "misfire_grace_time": MISFIRE_GRACE_S},
                )
                self._schedule(store, now)
            self.scheduler.add_listener(self._on_overlap, EVENT_JOB_MAX_INSTANCES)
            logging.getLogger("apscheduler.scheduler").addFilter(_MuteOverlapWarning())
            self.scheduler.start()
            log.info("daemon started (pid %d, store %s, %d sources)", os.getpid(),
                     self.config.store.path, sum(s.enabled for s in self.config.sources))
            self._watch()
            return self._stop()
        finally:
            self.lock.release()

    def _watch(self) -> None:
        offset = time.time() - time.monotonic()
        while not self.stop_event.wait(LOOP_TICK_S):
            if self.reload_requested.is_set():
                self.reload_requested.clear()
                self._reload()
            new_offset = time.time() - time.monotonic()
            if abs(new_offset - offset) > CLOCK_JUMP_S:
                self._shift_for_clock_jump(new_offset - offset)
            offset = new_offset

    def _stop(self) -> int:
        assert self.scheduler is not None
        self.scheduler.shutdown(wait=False)
        started = time.monotonic()
        self._signal_children(signal.SIGTERM, crawls_only=True)
        if not self._wait_idle(started + STOP_GRACE_S / 2):
            # Scrapy stops gracefully on the first SIGTERM (finishing in-flight requests)
            # and at once on the second.
            self._signal_children(signal.SIGTERM, crawls_only=True)
        if not self._wait_idle(started + STOP_GRACE_S):
            log.warning("children still running after %.0fs: killing them", STOP_GRACE_S)
            self._signal_children(signal.SIGKILL)
            self._wait_idle(time.monotonic() + 5)
        with self._store() as store:
            store.abandon_dead_runs(pid_alive)
            store.daemon_stopped()
        log.info("daemon stopped")
        if self._active:
            logging.shutdown()
            os._exit(EXIT_OK)  # a job thread ignores us: never let it hold the exit hostage
        return EXIT_OK

    def _signal_children(self, signum: int, *, crawls_only: bool = False) -> None:
        """Signal running children. Alert and digest senders are left to finish what
        they are sending (each delivery has its own timeout) unless it comes to SIGKILL."""
        with self._children_lock:
            children = [(key, child) for key, child in self.children.items()
                        if not crawls_only or key.startswith("crawl:")]
        for key, child in children:
            if child.poll() is None:
                log.info("sending %s to %s (pid %d)", signal.Signals(signum).name, key,
                         child.pid)
                try:
                    child.send_signal(signum)
                except ProcessLookupError:
                    pass

    def _wait_idle(self, deadline: float) -> bool:
        with self._active_cond:
            while self._active:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._active_cond.wait(min(left, LOOP_TICK_S))
        return True

    def run_once(self) -> int:
        """Run every due job once and return (for cron users): due crawls, then alert
        dispatch, then the digest if its time has passed. Exit status 1 if a crawl failed."""
        from concurrent.futures import ThreadPoolExecutor as Pool

        self.lock.acquire()
        try:
            self._check_in_child()
            self._install_signals()
            now = datetime.now(UTC)
            with self._store() as store:
                self._recover(store)
                due = [s.name for s in self.config.sources if s.enabled
                       and _is_due(first_run_time(s, store.last_success(s.name), now), now)]
                trigger = self._digest_trigger()
                send_digest = trigger is not None and digest_due(
                    trigger, store.last_digest_sent_at(), now)
            log.info("--once: %d source(s) due%s", len(due),
                     ", digest due" if send_digest else "")
            with Pool(MAX_PARALLEL_CRAWLS) as pool:
                list(pool.map(self._counted(self.crawl), due))
            if not self.stop_event.is_set():
                self._counted(self.dispatch)()
            if send_digest and not self.stop_event.is_set():
                self._counted(self.digest)()
            return EXIT_FAILURE if self.failures else EXIT_OK
        finally:
            self.lock.release()


class _MuteOverlapWarning(logging.Filter):
    """APScheduler warns on every skipped overlapping run; the daemon logs it itself,
    with the source name, at INFO."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances" not in record.getMessage()


def _is_due(first: datetime | None, now: datetime) -> bool:
    return first is not None and first <= now


def _outcome_details(outcome: Any) -> str:
    stats = getattr(outcome, "stats", None) or {}
    parts = [f"{key.replace('_', ' ')} {stats[key]}"
             for key in ("new_articles", "new_versions", "unchanged", "duplicates", "skipped",
                         "errors")
             if stats.get(key)]
    message = getattr(outcome, "message", "")
    if message:
        parts.append(str(message))
    return ", ".join(parts) or "nothing new"


def hard_limit(config: Config) -> float:
    """Seconds a crawl child may live: ``run_timeout`` (where the crawl stops itself) plus
    time to start (Scrapy, trafilatura and the rules load in seconds), close and record
    the run: at least CHILD_START_S, at most crawl.GRACE."""
    from crawler.crawl import GRACE

    run_timeout = config.crawl.run_timeout
    grace = min(GRACE, max(timedelta(seconds=CHILD_START_S), run_timeout))
    return (run_timeout + grace).total_seconds()


# -- child jobs: python -m scheduler job KIND -------------------------------------------------


def run_job(kind: str, config_path: str | None, redactor: Any = None) -> int:
    """One job in this process (the daemon's children): check | dispatch | digest."""
    from alerts.transport import is_valid_url
    from crawler.archive.store import Store
    from crawler.config import load_config

    config = load_config(config_path, url_validator=is_valid_url)
    if redactor is not None:
        redactor.update(config.secrets())
    if kind == "check":
        return EXIT_OK
    with Store.open(config.store.path) as store:
        if kind == "dispatch":
            from alerts.dispatch import dispatch_pending

            report = dispatch_pending(store, config)
            if report.stranded:
                log.warning("alerts wait for channels the config no longer sends to: %s; "
                            "restore those channels to send them",
                            ", ".join(f"{name} ({count})"
                                      for name, count in sorted(report.stranded.items())))
            if any(channel.mode == "digest" for channel in config.channels):
                log.info("dispatch (digest retries): %s",
                         dispatch_pending(store, config, mode="digest"))
        else:
            from alerts.digest import send_digests

            report = send_digests(store, config)
    log.info("%s: %s", kind, report)
    return EXIT_OK


# -- entry point ------------------------------------------------------------------------------


def _block_heavy_optional_imports() -> None:
    """sqlite-utils imports numpy when it is installed (20 MB) only to convert numpy values
    on insert; the daemon parent never inserts any, so it is told numpy is absent."""
    if "numpy" not in sys.modules:
        sys.modules["numpy"] = None  # type: ignore[assignment]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scheduler", description=__doc__.split(
        "\n")[0])
    parser.add_argument("--config", metavar="PATH")
    parser.add_argument("--log-format", choices=("text", "json"), default="text")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("--once", action="store_true")
    parser.add_argument("job", nargs="*", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from crawler.logs import setup_logging

    level = logging.DEBUG if args.verbose else logging.INFO
    redactor = setup_logging(args.log_format, level=level)
    from crawler.errors import ConfigError, RaqibError

    try:
        if args.job:
            if args.job[0] != "job" or len(args.job) != 2 or args.job[1] not in (
                    "check", "dispatch", "digest"):
                print(f"error: unknown arguments {' '.join(args.job)}", file=sys.stderr)
                return EXIT_USAGE
            return run_job(args.job[1], args.config, redactor)
        _block_heavy_optional_imports()
        daemon = Daemon(args.config, log_format=args.log_format, redactor=redactor)
        return daemon.run_once() if args.once else daemon.run()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RaqibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
