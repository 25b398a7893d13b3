"""``raqib watch merge``: two or more entries found to be one person become one entry.

Two files change: the watch file (spellings, notes, the merged entries deleted) and the main
store's outbox (the merged entries' alert rows given to the kept entry, the reports newly
named queued). The store's transaction runs, and commits, inside the watch file's write
transaction, just before it commits:

- a failure or a crash before the store commits leaves both files as they were;
- a crash between the two commits leaves the watch file as it was and the rows already
  given to the kept entry. Running the same merge again finishes it, queueing nothing twice
  (the rows it would carry over or queue are there already);
- once the watch file has committed, the rows are given over once more: an ingest that read
  the watch file before the merge (and so still queued for a merged entry) holds the store's
  write lock until it commits, so this second pass finds its rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crawler.archive.store import Store
from crawler.watchlist.alerts import ArchiveMatches, queue_archive_alerts, scan_archive
from crawler.watchlist.book import Merge, WatchBook


@dataclass
class Merged:
    merge: Merge
    carried: int = 0  # outbox rows of the merged entries, now the kept entry's
    found: list[dict[str, Any]] = field(default_factory=list)  # named, never alerted to either
    queued: int = 0


def merge_entries(book: WatchBook, store: Store, keep_id: int, other_ids: Sequence[int], *,
                  past_alerts: bool = True) -> Merged:
    """Merge entries ``other_ids`` into ``keep_id`` (see :meth:`WatchBook.merge`). A report
    alerted or queued for any of them counts as alerted for the kept entry; the stored
    reports the merged spellings name that none of them was alerted for are found, and
    queued unless ``past_alerts`` is False."""
    done: list[Merged] = []

    def carry(merge: Merge) -> None:
        tokens = [other.token for other in merge.others]
        matches = scan_archive(store, [merge.entry])
        with store.transaction():
            carried = store.merge_watch_alerts(merge.entry.token, tokens)
            alerted = store.watch_alerted([merge.entry.token, *tokens])
            found = [a for a in matches.of(merge.entry) if a["id"] not in alerted]
            queued = 0
            if past_alerts and found:
                queued = queue_archive_alerts(
                    store, [merge.entry], ArchiveMatches({merge.entry.token: found}))
        done.append(Merged(merge, carried, found, queued))

    merge = book.merge(keep_id, other_ids, carry)
    merged = done[-1]
    merged.carried += store.merge_watch_alerts(merge.entry.token,
                                             [other.token for other in merge.others])
    return merged
