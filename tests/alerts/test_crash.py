"""A sender killed with SIGKILL mid-delivery: after a restart every alert arrives, at most one
twice; a live dispatcher's claimed alerts are never taken by another."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from support.smtp import SmtpServer

from alerts.outbox import SEND_LEASE, owner_id, release_stale
from crawler.archive.store import Store, utcnow
from crawler.config import load_config

RAQIB = str(Path(sys.executable).parent / "raqib")
DEATH = "A detainee died under torture in a prison in Homs, a relative said on Sunday."


def write_config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "raqib.toml"
    path.write_text(f"""
[store]
path = "raqib.db"

[[sources]]
name = "snhr-en"
spider = "feed"
url = "https://news.example.org/feed"
lang = "en"

[[channels]]
name = "desk"
url = "{url}"
""", encoding="utf-8")
    return path


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def run_kill_trial(tmp_path: Path, add, kill_after: int, articles: int = 4) -> tuple[int, int]:
    """Returns (messages received by the server, distinct alerts delivered)."""
    with SmtpServer() as smtp:
        config_path = write_config(tmp_path, smtp.url())
        config = load_config(config_path)
        with Store.open(config.store.path) as store:
            for n in range(articles):
                add(store, config, title=f"Death in custody report {n}", sentence=DEATH,
                    labels=("torture_death",))
        env = {**os.environ, "RAQIB_CONFIG": str(config_path)}
        smtp.hold = True
        sender = subprocess.Popen([RAQIB, "alerts", "flush"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            for received in range(1, kill_after + 1):
                wait_for(lambda r=received: smtp.count >= r)
                if received < kill_after:
                    smtp.hold = False
                    wait_for(lambda r=received: smtp.count > r or sender.poll() is not None)
                    smtp.hold = True
            sender.send_signal(signal.SIGKILL)
        finally:
            sender.wait(timeout=30)
        smtp.hold = False
        done = subprocess.run([RAQIB, "alerts", "flush"], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        with Store.open(config.store.path) as store:
            assert store.alert_states() == {"sent": articles}
        subjects = smtp.subjects()
        return len(subjects), len(set(subjects))


def test_sigkill_mid_send_loses_nothing_and_duplicates_at_most_one(tmp_path, add_to):
    received, distinct = run_kill_trial(tmp_path, add_to, kill_after=2)
    assert distinct == 4
    assert received - distinct <= 1


def test_a_live_dispatchers_claims_are_not_taken(store, make_config, add):
    config = make_config([{"name": "console", "url": "console://"}])
    add(config, title="Death in custody", sentence=DEATH, labels=("torture_death",))
    claimed = store.claim_alerts(owner=owner_id(), mode="immediate", channel="console")
    assert len(claimed) == 1
    assert release_stale(store) == 0  # this process is alive

    other_host = f"{socket.gethostname()}-elsewhere:1"
    store.db.execute("UPDATE alerts SET claimed_by = ?", [other_host])
    store.db.conn.commit()
    assert release_stale(store) == 0  # another host: trusted until the lease ends
    assert release_stale(store, utcnow() + SEND_LEASE + timedelta(minutes=1)) == 1

    claimed = store.claim_alerts(owner="placeholder", mode="immediate", channel="console")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    store.db.execute("UPDATE alerts SET claimed_by = ?",
                     [f"{socket.gethostname()}:{child.pid}"])
    store.db.conn.commit()
    assert release_stale(store) == 1  # its owner has exited
    assert store.alert_states() == {"pending": 1}
    assert store.query("SELECT attempts FROM alerts")[0]["attempts"] == 2
