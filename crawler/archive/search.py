"""Full-text search of the store.

The index (``search_fts``) holds ``classifiers.normalise.fold()`` of every article's title
and text, and a third column of extra terms (``crawler.archive.search_terms``): the words without
their Arabic clitics and article, the parts of hyphenated names, and the words of earlier
versions. A query is read word by word (:func:`parse_query`): each word is folded the same
way and matches its own form or its form without the article (تعذيب finds التعذيب), a
place named in ``search_variants.toml`` matches every spelling of it (Sednaya finds
صيدنايا), and a "quoted phrase" matches the folded text exactly, nothing more. Nothing the
user types is FTS5 syntax; ``raw=True`` passes an FTS5 expression through and reports a
malformed one as a :class:`SearchError`.

Snippets are cut from the original text (not the folded index), so Arabic and hyphenated
names read as published. A query with no word (or ``*``) lists what the filters match.

The store indexes new articles in batches; a search first indexes what waits
(:func:`catch_up`), so it sees every stored article.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from classifiers.normalise import fold
from crawler.archive.search_terms import TOKEN_RE, article_stem, query_forms, token_forms
from crawler.archive.store import ArchiveFilter, Store
from crawler.errors import RaqibError

HIT_START, HIT_END = "\x02", "\x03"
VARIANTS_FILE = "search_variants.toml"
SNIPPET_WORDS = 24
_WORD_RE = re.compile(r"\w+")
_FTS_WORD_RE = re.compile(r"[^\W_]+")
_OPERATOR_RE = re.compile(r"\b(AND|OR|NOT|NEAR)\b")
_QUOTED_RE = re.compile(r'"([^"]*)"')
_ARTICLE_PARTS = frozenset({"al", "el", "as", "ash", "ad", "ar", "az", "at", "an", "ath"})


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
            **self.extra,
        }


def quote_query(query: str) -> str:
    """An FTS5 expression matching every word of ``query`` (folded) exactly, in any order.

    Each word becomes a quoted string, so nothing the user types is FTS5 syntax. Returns
    an empty string when the query holds no word at all. (:func:`parse_query` is what
    ``raqib search`` uses; this is the plain form without clitics or variants.)
    """
    words = _WORD_RE.findall(fold(query))
    return " ".join(f'"{word}"' for word in words)


def fold_raw(query: str) -> str:
    """Fold an FTS5 expression's terms but keep its upper-case operators."""
    parts = _OPERATOR_RE.split(query)
    return "".join(part if index % 2 else fold(part)
                   for index, part in enumerate(parts)).strip()


# -- the query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One thing every result must contain: any of ``words`` (single folded words, matched
    in the title, the text or the extra terms) or of ``phrases`` (folded word sequences)."""

    words: frozenset[str]
    phrases: frozenset[tuple[str, ...]] = frozenset()
    exact: bool = False  # a "quoted phrase": matched against the folded text only

    def expression(self) -> str:
        if self.exact:
            (phrase,) = self.phrases
            return '{title text} : "' + " ".join(phrase) + '"'
        options = sorted(f'"{word}"' for word in self.words)
        options += sorted('"' + " ".join(phrase) + '"' for phrase in self.phrases)
        return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"

    def highlights(self) -> frozenset[str]:
        """The folded forms a token of original text is highlighted for."""
        forms = set(self.words)
        for phrase in self.phrases:
            forms.update(phrase)
        return frozenset(forms)


@dataclass(frozen=True)
class Query:
    units: tuple[Unit, ...]

    def is_empty(self) -> bool:
        return not self.units

    def expression(self) -> str:
        """The FTS5 MATCH expression: every unit, in any order."""
        return " AND ".join(unit.expression() for unit in self.units)

    def highlights(self) -> frozenset[str]:
        forms: set[str] = set()
        for unit in self.units:
            forms |= unit.highlights()
        return frozenset(forms)


@dataclass(frozen=True)
class VariantTable:
    """Spelling groups (``search_variants.toml``) keyed by their folded word sequences."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    index: dict[tuple[str, ...], int]
    longest: int

    def match(self, words: list[str], start: int) -> tuple[int, int] | None:
        """(group, words consumed) for the longest name starting at ``words[start]``."""
        for size in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(words[start:start + size])
            group = self.index.get(key)
            if group is None and size == 1:
                group = self.index.get((article_stem(key[0]),))
            if group is not None:
                return group, size
        return None


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(_FTS_WORD_RE.findall(fold(name)))


@lru_cache(maxsize=1)
def variants() -> VariantTable:
    """The shipped variant table, read once."""
    text = files("crawler.archive").joinpath(VARIANTS_FILE).read_text(encoding="utf-8")
    return variant_table(tomllib.loads(text))


def variant_table(data: dict[str, Any]) -> VariantTable:
    groups: list[tuple[tuple[str, ...], ...]] = []
    index: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(data.get("group", [])):
        names = tuple(dict.fromkeys(w for w in (_name_words(n) for n in group["names"]) if w))
        groups.append(names)
        for words in names:
            index.setdefault(words, number)
            if len(words) == 1:
                index.setdefault((article_stem(words[0]),), number)
    longest = max((len(key) for key in index), default=1)
    return VariantTable(tuple(groups), index, longest)


def _group_unit(names: tuple[tuple[str, ...], ...]) -> Unit:
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for name in names:
        if len(name) == 1:
            words |= query_forms(name[0])
        else:
            phrases.add(name)
    return Unit(frozenset(words), frozenset(phrases))


def _token_words(token: str) -> list[tuple[str, frozenset[str]]]:
    """The folded words of one query token, each with the forms it matches. A hyphenated
    name also matches without its article: al-Dabbagh finds Dabbagh written alone."""
    words = _FTS_WORD_RE.findall(fold(token))
    if len(words) != 1:
        return [(word, query_forms(word)) for word in words]
    forms = set(query_forms(words[0]))
    parts = [p for p in re.split(r"[-\u2010\u2011]", token) if p]
    if len(parts) > 1 and fold(parts[0]) in _ARTICLE_PARTS:
        rest = "".join(_FTS_WORD_RE.findall(fold("".join(parts[1:]))))
        if rest:
            forms.add(rest)
    return [(words[0], frozenset(forms))]


def parse_query(query: str, table: VariantTable | None = None) -> Query:
    """The units of a plain query: quoted phrases exactly, other words with their forms,
    and names of the variant table as their whole group."""
    table = table or variants()
    units: list[Unit] = []
    pieces = _QUOTED_RE.split(query)
    for index, piece in enumerate(pieces):
        if index % 2:  # inside quotes
            words = tuple(_FTS_WORD_RE.findall(fold(piece)))
            if len(words) == 1:
                units.append(Unit(frozenset(words)))
            elif words:
                units.append(Unit(frozenset(), frozenset({words}), exact=True))
            continue
        tokens: list[tuple[str, frozenset[str]]] = []
        for token in TOKEN_RE.findall(piece.replace('"', " ")):
            tokens.extend(_token_words(token))
        words_only = [word for word, _ in tokens]
        position = 0
        while position < len(tokens):
            found = table.match(words_only, position)
            if found is not None:
                group, size = found
                units.append(_group_unit(table.groups[group]))
                position += size
                continue
            units.append(Unit(tokens[position][1]))
            position += 1
    return Query(tuple(dict.fromkeys(units)))


def match_expression(query: str) -> str:
    """The FTS5 expression raqib searches ``query`` with ('' when it holds no word)."""
    return parse_query(query).expression()


# -- snippets ------------------------------------------------------------------------------


def snippet(text: str, highlights: frozenset[str], *, marks: tuple[str, str] = (HIT_START,
            HIT_END), words: int = SNIPPET_WORDS) -> str | None:
    """About ``words`` words of the original ``text`` around the densest run of hits, each
    hit between ``marks``; None when no word of the text is a hit. Highlighting compares
    each word's indexed forms (``token_forms``) with the query's."""
    tokens = list(TOKEN_RE.finditer(text))
    hits = [i for i, token in enumerate(tokens) if token_forms(token.group()) & highlights]
    if not hits:
        return None
    best, best_score = hits[0], -1
    for first in hits:
        window = [tokens[i].group() for i in hits if first <= i < first + words]
        score = len({form for token in window for form in token_forms(token) & highlights})
        if score > best_score:
            best, best_score = first, score
    start = max(0, min(best - 3, len(tokens) - words))
    end = min(len(tokens), start + words)
    hit_set = set(hits)
    out: list[str] = ["…"] if start > 0 else []
    cursor = tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        out.append(text[cursor:token.start()])
        out.append(f"{marks[0]}{token.group()}{marks[1]}" if i in hit_set else token.group())
        cursor = token.end()
    if end < len(tokens):
        out.append("…")
    else:
        out.append(text[cursor:])
    return " ".join("".join(out).split())


def lead(text: str, words: int = SNIPPET_WORDS) -> str:
    """The first ``words`` words of a text (the snippet of a listing without a query)."""
    tokens = list(TOKEN_RE.finditer(text))
    if len(tokens) <= words:
        return " ".join(text.split())
    return " ".join(text[:tokens[words - 1].end()].split()) + " …"


# -- searching -------------------------------------------------------------------------------


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


def is_listing(query: str | None) -> bool:
    """Whether a query asks for no word at all: empty, blank or ``*``."""
    return not (query or "").strip() or (query or "").strip() == "*"


def search(store: Store, query: str | None, where: ArchiveFilter | None = None, *,
           limit: int = 20, raw: bool = False) -> list[Hit]:
    """Ranked articles matching ``query`` (best first), filtered by ``where``.

    An empty query (or ``*``) lists the articles the filter matches, newest first."""
    if limit < 1:
        raise SearchError(f"--limit must be at least 1 (got {limit})")
    where = where or ArchiveFilter()
    catch_up(store)
    highlights: frozenset[str] = frozenset()
    if is_listing(query):
        rows = store.list_articles(where, limit=limit)
    else:
        if raw:
            expression = fold_raw(query or "")
            highlights = frozenset(_FTS_WORD_RE.findall(_OPERATOR_RE.sub(" ", expression)))
        else:
            parsed = parse_query(query or "")
            expression, highlights = parsed.expression(), parsed.highlights()
        if not expression:
            return []
        try:
            rows = store.search_articles(expression, where, limit=limit)
        except sqlite3.OperationalError as exc:
            if raw:
                raise SearchError(f"the FTS5 query {query!r} is malformed ({exc}); fix it or "
                                  "drop --raw to search for the words as typed") from None
            raise
    return [_hit(store, row, highlights) for row in rows]


def _hit(store: Store, row: dict[str, Any], highlights: frozenset[str]) -> Hit:
    extra: dict[str, Any] = {}
    if highlights:
        text = snippet(row["text"], highlights)
        if text is None:
            text = snippet(row["title"], highlights)
        if text is None:  # the words are in an earlier version only
            for version in reversed(store.article_versions(row["id"])):
                text = snippet(version["text"], highlights) or snippet(version["title"],
                                                                       highlights)
                if text is not None:
                    extra["matched_version"] = version["version"]
                    break
        if text is None:
            text = lead(row["text"])
    else:
        text = lead(row["text"])
    return Hit(article_id=row["id"], url=row.get("link") or row["url"],  # as published
               source=row["source"], lang=row["lang"],
               title=row["title"], published=row["published"], first_seen=row["first_seen"],
               labels=list(row["labels"]), facts=dict(row["facts"]), versions=row["version"],
               removed_at=row["removed_at"], snippet=text, rank=float(row["rank"] or 0.0),
               extra=extra)
