"""Queueing watch alerts: one outbox row per (entry, report), holding no name.

The row's key is ``<article id>:<entry token>``; the outbox's uniqueness on (channel, kind,
key) makes a re-crawl, a new version or a second matching pass queue nothing new. Copies
and URL variants of a report are folded into it by ingest before this runs, so they never
reach here. Channel filters (labels, sources, languages) are not consulted: a watched name
alerts its channel whatever the report is labelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifiers.names import NameIndex
from crawler.archive.store import Store
from crawler.watchlist.book import WatchBook, WatchEntry
from crawler.watchlist.match import Spelling, named_in, wanted_of

KIND = "watch"


def alert_key(article_id: int, token: str) -> str:
    return f"{article_id}:{token}"


def queue_watch_alerts(store: Store, article_id: int, title: str | None,
                       text: str | None) -> int:
    """Queue, in the caller's transaction, an alert for each watched entry this report names.

    Called by ingest for a new article and for a new version of one. Returns how many were
    queued; ingest does not add them to its own count, which reaches the logs."""
    entries, wanted = _watched(WatchBook.beside(store.path))
    if not wanted.keys:
        return 0
    found = named_in(title, text, wanted)
    return sum(_enqueue(store, entry, article_id) for entry in entries if entry.token in found)


_Loaded = tuple[list[WatchEntry], NameIndex[Spelling]]
# watch file → (its stat signature, its entries and their names keyed): read again only when the
# file changed, so a crawl does not re-read and re-key every name for every article.
_loaded: dict[Path, tuple[tuple[int, int, int], _Loaded]] = {}


def _watched(book: WatchBook) -> _Loaded:
    try:
        info = book.path.stat()
    except FileNotFoundError:
        return [], NameIndex.of({})
    signature = (info.st_ino, info.st_size, info.st_mtime_ns)
    cached = _loaded.get(book.path)
    if cached is not None and cached[0] == signature:
        return cached[1]
    entries = book.entries()
    loaded = (entries, wanted_of(entries))
    _loaded[book.path] = (signature, loaded)
    return loaded


@dataclass
class ArchiveMatches:
    """Stored reports naming each entry (token → articles, oldest first)."""

    by_token: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def of(self, entry: WatchEntry) -> list[dict[str, Any]]:
        return self.by_token.get(entry.token, [])


def scan_archive(store: Store, entries: Iterable[WatchEntry]) -> ArchiveMatches:
    """The stored reports that name each entry: one pass over the archive for all of them."""
    wanted = wanted_of(entries)
    matches = ArchiveMatches()
    if not wanted.keys:
        return matches
    for article in store.articles_for_matching():
        for token in named_in(article["title"], article["text"], wanted):
            matches.by_token.setdefault(token, []).append(article)
    return matches


def queue_archive_alerts(store: Store, entries: Iterable[WatchEntry],
                         matches: ArchiveMatches,
                         now_as: Mapping[str, WatchEntry] | None = None) -> int:
    """Queue the alerts for stored reports (``raqib watch add/import``), in one transaction.
    ``now_as``: each entry's token → the entry it is now (merged into another since the
    command read the watch file), whose alerts these become."""
    queued = 0
    with store.transaction():
        for entry in entries:
            target = (now_as or {}).get(entry.token, entry)
            queued += sum(_enqueue(store, target, article["id"]) for article in matches.of(entry))
    return queued


def _enqueue(store: Store, entry: WatchEntry, article_id: int) -> bool:
    """Queue one report's alert for an entry, unless a row for it is there under any of the
    entry's tokens (its own, or one merged into it: a row a command queued under a merged
    entry's token after the merge counts as the kept entry's)."""
    others = [alert_key(article_id, token) for token in entry.tokens if token != entry.token]
    if store.has_alert(KIND, others):
        return False
    return store.enqueue_alert(channel=entry.channel, kind=KIND,
                               key=alert_key(article_id, entry.token), mode="immediate",
                               article_id=article_id, payload={"watch": entry.token})
