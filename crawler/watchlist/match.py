"""Which watched entries a text names, in any script or spelling (classifiers.names decides)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from classifiers.names import mentioned, name_keys
from crawler.watchlist.book import WatchEntry


def usable(name: str) -> bool:
    """Whether a name gives the names layer anything to match on (two name words at least)."""
    return bool(name_keys(name))


def wanted_of(entries: Iterable[WatchEntry]) -> dict[str, str]:
    """token → watched name, for the entries with a usable name."""
    return {e.token: e.name for e in entries if usable(e.name)}


def named_in(title: str | None, text: str | None, wanted: Mapping[str, str]) -> set[str]:
    """Tokens of the entries that a report (title and text) names."""
    if not wanted:
        return set()
    return mentioned(f"{title or ''}\n{text or ''}", wanted)
