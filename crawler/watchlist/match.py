"""Which watched entries a text names, in any script or spelling (classifiers.names decides)."""

from __future__ import annotations

from collections.abc import Iterable

from classifiers.names import NameIndex, mentioned, name_keys
from crawler.watchlist.book import WatchEntry


def usable(name: str) -> bool:
    """Whether a name gives the names layer anything to match on (two name words at least)."""
    return bool(name_keys(name))


# (an entry's token, which of its spellings)
Spelling = tuple[str, int]


def wanted_of(entries: Iterable[WatchEntry]) -> NameIndex[Spelling]:
    """Every spelling of the entries' names keyed once, for reading every report against
    them."""
    return NameIndex.of({(e.token, n): name for e in entries
                         for n, name in enumerate(e.spellings) if usable(name)})


def named_in(title: str | None, text: str | None, wanted: NameIndex[Spelling]) -> set[str]:
    """Tokens of the entries that a report (title and text) names, in any of their
    spellings: an entry is named once however many of its spellings the report holds."""
    if not wanted.keys:
        return set()
    return {token for token, _ in mentioned(f"{title or ''}\n{text or ''}", wanted)}
