"""Which watched entries a text names, in any script or spelling (classifiers.names decides)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from classifiers.names import mentioned, name_keys
from crawler.watchlist.book import WatchEntry


@lru_cache(maxsize=4096)
def keys_of(name: str) -> frozenset[str]:
    return name_keys(name)


def usable(name: str) -> bool:
    """Whether a name gives the names layer anything to match on."""
    return bool(keys_of(name))


def wanted_of(entries: Iterable[WatchEntry]) -> dict[str, frozenset[str]]:
    """token → name keys, for the entries with a usable name."""
    return {e.token: keys_of(e.name) for e in entries if keys_of(e.name)}


def named_in(title: str | None, text: str | None,
             wanted: Mapping[str, frozenset[str]]) -> set[str]:
    """Tokens of the entries that a report (title and text) names."""
    if not wanted:
        return set()
    return mentioned(f"{title or ''}\n{text or ''}", wanted)
