"""Which watched entries a text names, in any script or spelling (the names layer decides)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from crawler.watchlist.book import WatchEntry


def _name_keys(name: str) -> frozenset[str]:
    """Temporary stand-in for classifiers.names.name_keys: the folded tokens, exact."""
    import re

    from classifiers.normalise import fold

    tokens = re.sub(r"[^\w]+", " ", fold(name)).split()
    return frozenset({" ".join(tokens)}) if tokens else frozenset()


def _mentioned(text: str, wanted: Mapping[str, frozenset[str]]) -> set[str]:
    """Temporary stand-in for classifiers.names.mentioned."""
    import re

    from classifiers.normalise import fold

    words = re.sub(r"[^\w]+", " ", fold(text)).split()
    folded = f" {' '.join(words)} "
    return {key for key, keys in wanted.items() if any(f" {k} " in folded for k in keys)}


@lru_cache(maxsize=4096)
def keys_of(name: str) -> frozenset[str]:
    return _name_keys(name)


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
    return _mentioned(f"{title or ''}\n{text or ''}", wanted)
