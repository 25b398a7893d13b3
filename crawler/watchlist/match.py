"""Which watched entries a text names, in any script or spelling (classifiers.names decides)."""

from __future__ import annotations

from collections.abc import Iterable

from classifiers.names import NameIndex, mentioned, name_keys
from crawler.watchlist.book import WatchEntry


def usable(name: str) -> bool:
    """Whether a name gives the names layer anything to match on (two name words at least)."""
    return bool(name_keys(name))


def wanted_of(entries: Iterable[WatchEntry]) -> NameIndex[str]:
    """The entries' names (by token) keyed once, for reading every report against them."""
    return NameIndex.of({e.token: e.name for e in entries if usable(e.name)})


def named_in(title: str | None, text: str | None, wanted: NameIndex[str]) -> set[str]:
    """Tokens of the entries that a report (title and text) names."""
    if not wanted.keys:
        return set()
    return mentioned(f"{title or ''}\n{text or ''}", wanted)
