"""Full-text search of the store.

The index (``search_fts``) holds ``classifiers.normalise.fold()`` of every article's title
and text, so the query is folded the same way: an Arabic query without diacritics finds
text written with them, and إ / أ / آ / ا all meet. User input is quoted term by term by
default, so FTS5 syntax characters (``"``, ``*``, ``NEAR(``, ``-``, ``:``) are plain
text; ``raw=True`` passes an FTS5 expression through and reports a malformed one as a
:class:`SearchError`.

The store indexes new articles in batches; a search first indexes what waits
(:func:`catch_up`), so it sees every stored article.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from classifiers.normalise import fold
from crawler.errors import RaqibError
from crawler.store import ArchiveFilter, Store

HIT_START, HIT_END = "\x02", "\x03"
_WORD_RE = re.compile(r"\w+")
_OPERATOR_RE = re.compile(r"\b(AND|OR|NOT|NEAR)\b")


class SearchError(RaqibError):
    """A search query cannot be run (a malformed ``--raw`` FTS5 expression)."""


@dataclass(frozen=True)
class Hit:
    """One search result. ``snippet`` marks each hit with HIT_START … HIT_END."""

    article_id: int
    url: str
    source: str
    lang: str | None
    title: str
    published: str | None
    first_seen: str
    labels: list[str]
    facts: dict[str, Any]
    versions: int
    removed_at: str | None
    snippet: str
    rank: float
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, marks: tuple[str, str] = ("[", "]")) -> dict[str, Any]:
        return {
            "url": self.url, "source": self.source, "lang": self.lang, "title": self.title,
            "published": self.published, "first_seen": self.first_seen,
            "labels": self.labels, "facts": self.facts, "versions": self.versions,
            "removed_at": self.removed_at, "rank": round(self.rank, 4),
            "snippet": self.snippet.replace(HIT_START, marks[0]).replace(HIT_END, marks[1]),
        }


def quote_query(query: str) -> str:
    """An FTS5 expression matching every word of ``query`` (folded), in any order.

    Each word becomes a quoted string, so nothing the user types is FTS5 syntax. Returns
    an empty string when the query holds no word at all.
    """
    words = _WORD_RE.findall(fold(query))
    return " ".join(f'"{word}"' for word in words)


def fold_raw(query: str) -> str:
    """Fold an FTS5 expression's terms but keep its upper-case operators."""
    parts = _OPERATOR_RE.split(query)
    return "".join(part if index % 2 else fold(part)
                   for index, part in enumerate(parts)).strip()


def catch_up(store: Store) -> int:
    """Index the articles stored since the last batch so a search sees them. Returns how
    many still wait: a store opened read-only, or locked by a writer past the busy timeout,
    is searched as indexed."""
    if not store.search_backlog():
        return 0
    try:
        store.index_search_backlog()
    except sqlite3.OperationalError:
        return store.search_backlog()
    return 0


def search(store: Store, query: str, where: ArchiveFilter | None = None, *, limit: int = 20,
           raw: bool = False) -> list[Hit]:
    """Ranked articles matching ``query`` (best first), filtered by ``where``."""
    if limit < 1:
        raise SearchError(f"--limit must be at least 1 (got {limit})")
    expression = fold_raw(query) if raw else quote_query(query)
    if not expression:
        return []
    catch_up(store)
    try:
        rows = store.search_articles(expression, where or ArchiveFilter(), limit=limit,
                                     marks=(HIT_START, HIT_END))
    except sqlite3.OperationalError as exc:
        if raw:
            raise SearchError(f"the FTS5 query {query!r} is malformed ({exc}); fix it or drop "
                              "--raw to search for the words as typed") from None
        raise
    return [Hit(article_id=row["id"], url=row.get("link") or row["url"],  # as published
                source=row["source"], lang=row["lang"],
                title=row["title"], published=row["published"], first_seen=row["first_seen"],
                labels=list(row["labels"]), facts=dict(row["facts"]), versions=row["version"],
                removed_at=row["removed_at"], snippet=row["snippet"] or "",
                rank=float(row["rank"]))
            for row in rows]
