"""``raqib watch merge``: two or more entries found to be one person become one entry.

Two files change: the watch file (spellings, notes, the merged entries deleted, their tokens
recorded as the kept entry's) and the main store's outbox (the merged entries' alert rows
given to the kept entry). The store's transaction runs, and commits, inside the watch file's
write transaction, just before it commits:

- a failure or a crash before the store commits leaves both files as they were;
- a crash (or a failed commit of the watch file) between the two commits leaves the watch
  file as it was and the rows already given to the kept entry. Running the same merge again
  finishes it (the rows it would carry over are there already);
- once the watch file has committed, the rows are given over once more: an ingest that read
  the watch file before the merge (and so still queued for a merged entry) holds the store's
  write lock until it commits, so this second pass finds its rows. A row queued later still
  under a merged token (a `watch also` that read the file before the merge), or claimed by a
  dispatcher before it, is the kept entry's through the tokens the watch file records.

No stored report is queued: each spelling is matched on its own (crawler.watchlist.match),
so the merged entry names exactly the reports one of its entries named, and those none was
alerted for are the ones an entry declined (``--no-past-alerts``). They stay declined, as
`watch also` leaves them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crawler.archive.store import Store
from crawler.watchlist.book import Merge, WatchBook


@dataclass
class Merged:
    merge: Merge
    carried: int = 0  # outbox rows of the merged entries, now the kept entry's


def merge_entries(book: WatchBook, store: Store, keep_id: int,
                  other_ids: Sequence[int]) -> Merged:
    """Merge entries ``other_ids`` into ``keep_id`` (see :meth:`WatchBook.merge`): a report
    alerted or queued for any of them counts as alerted for the kept entry."""
    done: list[Merged] = []

    def carry(merge: Merge) -> None:
        tokens = [token for other in merge.others for token in other.tokens]
        done.append(Merged(merge, store.merge_watch_alerts(merge.entry.token, tokens)))

    merge = book.merge(keep_id, other_ids, carry)
    merged = done[-1]
    merged.carried += store.merge_watch_alerts(
        merge.entry.token, [token for other in merge.others for token in other.tokens])
    return merged
