"""The private watchlist: names a family or a monitor is looking for, each bound to a channel.

Privacy is the design constraint. Confirming that someone is being searched for can endanger
a family, so a watched name lives in one place only: its own SQLite file beside the store
(``raqib.db`` → ``raqib.watch.db``), created readable by its owner alone (mode 0600), with
SQLite's ``secure_delete`` on so a removed name is overwritten, not left in free pages. The
main store never holds a name: a watch alert is an ordinary outbox row (kind ``watch``) whose
key and payload carry only the entry's random token; the message is rendered from the watch
file when it is sent. Nothing here logs, and watch alerts are not counted in the ingest
result (whose counts reach the logs).

Modules: ``book`` (the watch file), ``match`` (names → keys, text → entries it names),
``alerts`` (queueing watch alerts from ingest and for the archive).
"""

from __future__ import annotations

from crawler.watchlist.alerts import queue_watch_alerts
from crawler.watchlist.book import WatchBook, WatchEntry, watch_path

__all__ = ["WatchBook", "WatchEntry", "queue_watch_alerts", "watch_path"]
