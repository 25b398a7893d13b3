"""Feed documents → entries (link and hints), parsed by feedparser.

feedparser reads what real feeds send: RSS 0.9x / 1.0 / 2.0, Atom 0.3 and 1.0, ``xml:base``,
unescaped ampersands and other ill-formed XML (it falls back to a loose parser), dates in
dozens of formats and most encodings. It strips entity declarations that could expand, and
expat refuses entity amplification. One defect feedparser's loose parser gets wrong is the
most common one, a bare ``&`` in a link: ``?p=1&lang=en`` would become ``?p=1〈=en`` (an
HTML entity); so bare ampersands outside CDATA are escaped first, which makes such a feed
well-formed and changes nothing in one that already is. raqib adds two things: a document
in which feedparser
recognises no feed at all is a ``FeedFormatError`` (a clear "this is not a feed", not an
empty success), and each entry is converted on its own, so one entry that cannot be read
is counted in ``Feed.skipped`` with its reason and never hides the others.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from time import struct_time
from typing import Any

import feedparser
from lxml import etree

from crawler.models import PageHints

_SNIFF_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)")
UNREADABLE_DATE = "unreadable date (kept, undated)"


class FeedFormatError(ValueError):
    """The document is not an RSS or Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    hints: PageHints


@dataclass(frozen=True)
class Feed:
    entries: tuple[FeedEntry, ...]
    next_url: str | None = None
    skipped: Counter[str] = field(default_factory=Counter)  # reason → entries left out
    notes: Counter[str] = field(default_factory=Counter)  # reason → entries kept, degraded


def parse_feed(body: bytes, *, base_url: str, lang: str | None = None) -> Feed:
    """Entries of an RSS or Atom document. Raises FeedFormatError for anything else."""
    if not body.strip():
        raise FeedFormatError("the feed is empty")
    # A file object, never bytes or str: feedparser opens a str as a URL or a file name.
    parsed = feedparser.parse(
        io.BytesIO(_escape_bare_ampersands(body)),
        response_headers={"content-location": base_url},
        resolve_relative_uris=False,
        sanitize_html=True,
    )
    if not parsed.get("version") and not parsed.entries:  # CDF has entries, no version
        raise FeedFormatError(_not_a_feed(body))
    skipped: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    entries: list[FeedEntry] = []
    atom = parsed.version.startswith("atom")
    for raw in parsed.entries:
        try:
            entry = _entry(raw, lang=lang, atom=atom, notes=notes)
        except (ValueError, TypeError, OverflowError, AttributeError) as exc:
            skipped[f"unreadable entry ({type(exc).__name__})"] += 1
            continue
        if entry is None:
            skipped["no link"] += 1
            continue
        entries.append(entry)
    return Feed(tuple(entries), _next_link(parsed.feed), skipped, notes)


def _entry(raw: Any, *, lang: str | None, atom: bool, notes: Counter[str]) -> FeedEntry | None:
    link = (raw.get("link") or "").strip()
    if not link:
        return None
    published, bad_published = _date(raw, "published")
    updated, bad_updated = _date(raw, "updated")
    if (bad_published or bad_updated) and not (published or updated):
        notes[UNREADABLE_DATE] += 1
    categories = tuple(
        tag["term"].strip() for tag in raw.get("tags", ()) if (tag.get("term") or "").strip()
    )
    return FeedEntry(
        link,
        PageHints(
            title=_clean(raw.get("title")),
            published=published or updated,
            modified=updated if atom else None,
            lang=lang,
            guid=_clean(raw.get("id")),
            categories=categories,
        ),
    )


def _date(raw: Any, key: str) -> tuple[str | None, bool]:
    """A date of the entry as ISO UTC, and whether one was given that cannot be read (out
    of range, as year 0 or 9999 with a far time zone, or in no known format)."""
    value: struct_time | None = raw.get(f"{key}_parsed")
    if value is None:
        return None, bool(raw.get(key))
    try:
        return datetime(*value[:6], tzinfo=UTC).isoformat(timespec="seconds"), False
    except (ValueError, OverflowError):
        return None, True


def _next_link(feed: Any) -> str | None:
    for link in feed.get("links", ()):
        if link.get("rel") == "next" and link.get("href"):
            return str(link["href"])
    return None


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _escape_bare_ampersands(body: bytes) -> bytes:
    """``&`` not starting a character or entity reference → ``&amp;``, outside CDATA.
    Left alone in UTF-16/32 documents, where ``&`` is not a single byte."""
    if b"\x00" in body[:200]:
        return body
    parts = _CDATA.split(body)
    return b"".join(
        part if part.startswith(b"<![CDATA[") else _BARE_AMPERSAND.sub(b"&amp;", part)
        for part in parts
    )


def _not_a_feed(body: bytes) -> str:
    """Why a document feedparser recognises as no feed is not one, in the user's terms."""
    try:
        root = etree.fromstring(body, parser=_SNIFF_PARSER)
    except etree.XMLSyntaxError as exc:
        return f"not an RSS or Atom feed: the document is not XML ({exc})"
    tag = etree.QName(root).localname.lower()
    return f"not an RSS or Atom feed: the XML root element is <{tag}>"
