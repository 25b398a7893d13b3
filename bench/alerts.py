"""Alert delivery figures: dispatcher throughput to loopback servers, and duplicates over
repeated SIGKILL-and-restart trials.

    .venv/bin/python bench/alerts.py [--alerts 200] [--trials 20]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.smtp import SmtpServer  # noqa: E402
from support.webhook import WebhookServer  # noqa: E402

from alerts.dispatch import dispatch_pending  # noqa: E402
from crawler.archive.store import Store  # noqa: E402
from crawler.config import load_config  # noqa: E402
from crawler.models import Classification, Extracted  # noqa: E402

RAQIB = str(Path(sys.executable).parent / "raqib")
SENTENCE = "A detainee died under torture in a prison in Homs, a relative said on Sunday."


def write_config(folder: Path, url: str) -> Path:
    path = folder / "raqib.toml"
    path.write_text(f"""[store]
path = "raqib.db"

[[sources]]
name = "bench"
spider = "feed"
url = "https://news.example.org/feed"

[[channels]]
name = "desk"
url = "{url}"
max_per_hour = 0
""", encoding="utf-8")
    return path


def queue(store: Store, count: int) -> None:
    """Articles and their alert rows, written the way ingest writes them (one transaction)."""
    now = datetime.now(UTC)
    with store.transaction():
        for n in range(count):
            article_id, _ = store.insert_article(
                url=f"https://news.example.org/report-{n}/", source="bench", lang="en",
                extracted=Extracted(title=f"Death in custody report {n}", text=SENTENCE,
                                    published="2025-03-04", extractor="bench"),
                text_hash=f"h{n}",
                classification=Classification(("torture_death",), {"torture_death": 3.0},
                                              {"torture_death": [SENTENCE]},
                                              {"governorate": "Homs"}),
                seen_at=now)
            store.enqueue_alert(channel="desk", kind="article", key=str(article_id),
                                mode="immediate", article_id=article_id,
                                labels=["torture_death"])


def throughput(kind: str, count: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        server = SmtpServer() if kind == "smtp" else WebhookServer()
        with server:
            config = load_config(write_config(Path(folder), server.url()))
            with Store.open(config.store.path) as store:
                queue(store, count)
                started = time.perf_counter()
                report = dispatch_pending(store, config)
                elapsed = time.perf_counter() - started
            if report.sent != count or server.count != count:
                raise RuntimeError(f"delivery incomplete: {report.summary()}")
    return count / elapsed


def kill_trial(folder: Path, rng: random.Random, articles: int = 5) -> tuple[int, int]:
    """Kill `raqib alerts flush` with SIGKILL while the server holds message k, restart it;
    returns (duplicates, lost)."""
    with SmtpServer() as smtp:
        config_path = write_config(folder, smtp.url())
        config = load_config(config_path)
        with Store.open(config.store.path) as store:
            queue(store, articles)
        env = {**os.environ, "RAQIB_CONFIG": str(config_path)}
        kill_at = rng.randint(1, articles)
        smtp.hold = True
        sender = subprocess.Popen([RAQIB, "alerts", "flush"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for received in range(1, kill_at + 1):
            _wait(lambda r=received: smtp.count >= r)
            if received < kill_at:
                smtp.hold = False
                _wait(lambda r=received: smtp.count > r)
                smtp.hold = True
        sender.send_signal(signal.SIGKILL)
        sender.wait()
        smtp.hold = False
        subprocess.run([RAQIB, "alerts", "flush"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subjects = smtp.subjects()
    return len(subjects) - len(set(subjects)), articles - len(set(subjects))


def _wait(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the sender made no progress")
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=200)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"SMTP (aiosmtpd, AUTH, loopback): {throughput('smtp', args.alerts):.1f} alerts/s "
          f"over {args.alerts} alerts, one connection per message")
    print(f"webhook (json://, loopback):      {throughput('webhook', args.alerts):.1f} alerts/s")
    rng = random.Random(args.seed)
    duplicates = lost = 0
    for trial in range(args.trials):
        with tempfile.TemporaryDirectory() as folder:
            dup, gone = kill_trial(Path(folder), rng)
        duplicates += dup
        lost += gone
        print(f"  trial {trial + 1:2d}: {dup} duplicate(s), {gone} lost", flush=True)
    print(f"SIGKILL trials: {args.trials}, duplicates: {duplicates} "
          f"(at most one per trial allowed), lost: {lost}")


if __name__ == "__main__":
    main()
