"""The generic ``feed`` spider: an RSS 2.0 or Atom feed, each new item's link fetched.

Parsed with lxml (already a Scrapy dependency) rather than feedparser: raqib needs only
links, titles, dates, ids and categories, and a strict parse makes "this is not a feed"
a clear failure instead of an empty success. Paging follows an RFC 5005
``<link rel="next">`` while the page still lists new items.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.base import RaqibSpider
from spiders.pages import iso_utc

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class FeedFormatError(ValueError):
    """The document is not an RSS 2.0 or Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    hints: PageHints


@dataclass(frozen=True)
class Feed:
    entries: tuple[FeedEntry, ...]
    next_url: str | None = None


class FeedSpider(RaqibSpider):
    name = "feed"

    def entry_requests(self) -> Iterator[Request]:
        yield self.conditional_request(self.source.url, self.parse_feed, entry=True)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        try:
            feed = parse_feed(response.body, base_url=response.url, lang=self.source.lang)
        except FeedFormatError as exc:
            if response.meta.get("raqib_entry"):
                self.fatal(f"{response.url}: {exc}; check the source's url points at its feed")
            self.shape_error(f"{response.url}: {exc}")
            return
        if not feed.entries:
            self.shape_error(f"{response.url}: the feed lists no items")
            return
        entries = [e for e in feed.entries if self.in_window(e.hints.published)]
        for entry in entries:
            request = self.article_request(entry.link, entry.hints)
            if request is not None:
                yield request
        older = any(self.before_window(e.hints.published) for e in feed.entries)
        links = [e.link for e in feed.entries]
        if feed.next_url and not older and self.keep_paging(links):
            yield self.conditional_request(feed.next_url, self.parse_feed)


def parse_feed(body: bytes, *, base_url: str, lang: str | None = None) -> Feed:
    """Entries of an RSS 2.0 or Atom document. Raises FeedFormatError for anything else."""
    if not body.strip():
        raise FeedFormatError("the feed is empty")
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedFormatError(f"not an RSS or Atom feed: the document is not XML ({exc})"
                              ) from None
    tag = etree.QName(root).localname.lower()
    if tag == "rss" or tag == "rdf":
        return _rss(root, base_url, lang)
    if tag == "feed" and etree.QName(root).namespace == ATOM:
        return _atom(root, base_url, lang)
    raise FeedFormatError(f"not an RSS or Atom feed: the XML root element is <{tag}>")


def _rss(root: etree._Element, base_url: str, lang: str | None) -> Feed:
    entries: list[FeedEntry] = []
    for item in root.iter("item", "{http://purl.org/rss/1.0/}item"):
        link = _text(item, "link") or _text(item, "{http://purl.org/rss/1.0/}link")
        guid_el = item.find("guid")
        guid = (guid_el.text or "").strip() if guid_el is not None else None
        if not link and guid_el is not None and guid_el.get("isPermaLink", "true") != "false":
            link = guid
        if not link:
            continue
        published = _rfc822(_text(item, "pubDate")) or iso_utc(_text(item, f"{{{DC}}}date"))
        categories = tuple(c.text.strip() for c in item.findall("category") if c.text)
        entries.append(FeedEntry(urljoin(base_url, link), PageHints(
            title=_text(item, "title") or _text(item, "{http://purl.org/rss/1.0/}title"),
            published=published, lang=lang, guid=guid or None, categories=categories)))
    return Feed(tuple(entries), _next_link(root, base_url))


def _atom(root: etree._Element, base_url: str, lang: str | None) -> Feed:
    entries: list[FeedEntry] = []
    for entry in root.iter(f"{{{ATOM}}}entry"):
        link = None
        for el in entry.findall(f"{{{ATOM}}}link"):
            if el.get("rel", "alternate") == "alternate" and el.get("href"):
                link = el.get("href")
                break
        if not link:
            continue
        published = iso_utc(_text(entry, f"{{{ATOM}}}published") or
                         _text(entry, f"{{{ATOM}}}updated"))
        categories = tuple(c.get("term", "").strip() for c in entry.findall(f"{{{ATOM}}}category")
                           if c.get("term"))
        entries.append(FeedEntry(urljoin(base_url, link), PageHints(
            title=_text(entry, f"{{{ATOM}}}title"), published=published,
            modified=iso_utc(_text(entry, f"{{{ATOM}}}updated")), lang=lang,
            guid=_text(entry, f"{{{ATOM}}}id"), categories=categories)))
    return Feed(tuple(entries), _next_link(root, base_url))


def _next_link(root: etree._Element, base_url: str) -> str | None:
    for el in root.iter(f"{{{ATOM}}}link"):
        if el.get("rel") == "next" and el.get("href"):
            return urljoin(base_url, el.get("href"))
    return None


def _text(parent: etree._Element, path: str) -> str | None:
    el = parent.find(path)
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _rfc822(value: str | None) -> str | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
