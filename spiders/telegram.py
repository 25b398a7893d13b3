"""The generic ``telegram`` spider: a public channel's web preview, ``https://t.me/s/<channel>``.

The preview page lists about 20 posts, oldest at the top, each a
``div.tgme_widget_message[data-post="<channel>/<id>"]`` holding its text
(``.tgme_widget_message_text``), its date and own link
(``a.tgme_widget_message_date[href] time[datetime]``), and, when the post was edited, an
"edited" mark in its meta line. A "more" link (``a.tme_messages_more``, or
``<link rel="prev">``) leads to ``?before=<id>``, the posts older than ``<id>``.

Each post becomes an article at its own link (``https://t.me/<channel>/<id>``, as the
listing gives it) with no further request: the spider yields a ``PageItem`` per post whose
page is the listing as received (it is what the archive keeps for that post) and whose
hints carry the post's own text (``PageHints.text``), which extraction reads instead of
the listing. Known posts are skipped, except those marked edited, which are handed on
again so a changed text becomes a new version.

Incremental runs fetch the preview conditionally (an unchanged channel costs robots.txt
and one request) and page back only while every post on the page is new. Backfills page
back with ``?before=`` until the posts are older than ``since``, skipping those newer than
``until``; the cursor lane ``before`` holds the next page's id (None when done).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from parsel import Selector
from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.base import PageItem, RaqibSpider
from spiders.pages import iso_utc

CHANNEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
NO_TEXT = "post without text (media or service message)"
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LINE_BREAK = "\ue000"  # stands for <br> while the markup's own whitespace is collapsed
_POSTS = "//div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message ')]" \
         "[@data-post]"
# The post's own text, not the quoted text of the post it replies to.
_TEXT = (".//div[contains(concat(' ', normalize-space(@class), ' '), "
         "' tgme_widget_message_text ')][not(ancestor::*[contains(@class, "
         "'tgme_widget_message_reply')])]")


class TelegramURLError(ValueError):
    """A source url that names no public channel preview."""


@dataclass(frozen=True)
class Post:
    """One post as the preview shows it."""

    channel: str
    id: int
    link: str
    text: str
    published: str | None
    edited: bool
    forwarded_from: str | None


def preview_url(url: str) -> str:
    """The preview address of a channel from ``https://t.me/s/<channel>`` or
    ``https://t.me/<channel>`` (query and fragment dropped)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] == ["s"]:
        segments = segments[1:]
    if len(segments) != 1 or not CHANNEL.match(segments[0]):
        raise TelegramURLError(
            f"{url} names no channel: give the preview address https://t.me/s/<channel> "
            "(the channel's public @name)")
    return urlunsplit((parts.scheme, parts.netloc, f"/s/{segments[0]}", "", ""))


def post_text(html: str) -> str:
    """The plain text of a post's HTML: line breaks kept, markup and emoji images dropped."""
    selector = Selector(text=f"<div>{_BR.sub(_LINE_BREAK, html)}</div>")
    text = "".join(selector.xpath("//div[1]//text()").getall())
    lines = [" ".join(line.split()) for line in text.split(_LINE_BREAK)]  # markup newlines
    return "\n".join(lines).strip()


def parse_preview(body: str, base_url: str) -> tuple[list[Post], int, int | None]:
    """The posts of a preview page, newest first; how many carried no text; and the id of
    the "more" link's older page (None: the channel's beginning)."""
    page = Selector(text=body)
    posts: list[Post] = []
    empty = 0
    for node in page.xpath(_POSTS):
        channel, _, number = (node.attrib.get("data-post") or "").partition("/")
        if not number.isdigit():
            continue
        parts = urlsplit(base_url)
        link = node.css("a.tgme_widget_message_date::attr(href)").get()
        link = _absolute(base_url, link) or f"{parts.scheme}://{parts.netloc}/{channel}/{number}"
        texts = node.xpath(_TEXT)
        text = post_text(texts[0].get()) if texts else ""
        if not text:
            empty += 1
            continue
        stamp = (node.css("a.tgme_widget_message_date time::attr(datetime)").get()
                 or node.css(".tgme_widget_message_meta time::attr(datetime)").get())
        meta = " ".join(node.css(".tgme_widget_message_meta ::text").getall()).lower()
        edited = bool(node.css(".tgme_widget_message_edited")) or bool(
            re.search(r"\bedited\b", meta))
        forwarded = node.css(".tgme_widget_message_forwarded_from_name::attr(href)").get() or \
            (" ".join(node.css(".tgme_widget_message_forwarded_from_name ::text").getall())
             .strip() or None)
        posts.append(Post(channel=channel, id=int(number), link=link, text=text,
                          published=iso_utc(stamp), edited=edited, forwarded_from=forwarded))
    posts.sort(key=lambda p: p.id, reverse=True)
    return posts, empty, _older(page, posts)


def _older(page: Selector, posts: list[Post]) -> int | None:
    more = page.css("a.tme_messages_more")
    for anchor in more:
        value = anchor.attrib.get("data-before") or _before(anchor.attrib.get("href"))
        if value and value.isdigit():
            return int(value)
    value = _before(page.css('link[rel="prev"]::attr(href)').get())
    if value and value.isdigit():
        return int(value)
    return None


def _before(href: str | None) -> str | None:
    if not href:
        return None
    values = parse_qs(urlsplit(href).query).get("before")
    return values[0] if values else None


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    try:
        joined = urljoin(base, link.strip())
    except ValueError:
        return None
    return joined if joined.startswith(("http://", "https://")) else None


class TelegramSpider(RaqibSpider):
    name = "telegram"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recheck = []  # edits show on the preview itself: posts are never re-fetched

    def entry_requests(self) -> Iterator[Request]:
        try:
            self.preview = preview_url(self.source.url)
        except TelegramURLError as exc:
            self.fatal_error = str(exc)
            return
        if self.resumed and "before" in self.lanes:
            position = self.lanes["before"]
            if position is not None:
                yield self.conditional_request(self.page_url(int(position)), self.parse_preview,
                                               entry=True)
            return
        yield self.conditional_request(self.preview, self.parse_preview, entry=True)

    def page_url(self, before: int) -> str:
        return f"{self.preview}?before={before}"

    def parse_preview(self, response: Response) -> Iterator[Any]:
        posts, empty, older = parse_preview(response.text, response.url)
        if empty:
            self.skipped[NO_TEXT] += empty
        if not posts:
            if not empty:
                self.shape_error(f"{response.url}: no posts (div.tgme_widget_message with "
                                 "data-post): the channel is private or has no public preview, "
                                 "or the page changed")
            yield from self.index_page_done("before", None)
            return
        canonicals = {post.id: self.checked_canonical(post.link) for post in posts}
        known = self.known([c for c in canonicals.values() if c])
        for post in posts:
            canonical = canonicals[post.id]
            if canonical is None or canonical in self._seen:
                continue
            if self.backfill and not self.in_window(post.published):
                continue
            self._seen.add(canonical)
            if canonical in known:
                if post.edited:
                    yield self.post_item(response, post)
                continue
            if self.articles_requested >= self.crawl_config.max_pages:
                self.capped += 1
                continue
            self.articles_requested += 1
            if self.backfill:
                self.articles_total += 1
            yield self.post_item(response, post)
        if self.backfill:
            follow = not any(self.before_window(post.published) for post in posts)
        else:
            follow = not known and self.articles_requested < self.crawl_config.max_pages
        following = older if follow else None
        if following is not None:
            yield self.conditional_request(self.page_url(following), self.parse_preview)
        yield from self.index_page_done("before", following)

    def post_item(self, response: Response, post: Post) -> PageItem:
        """The listing as received, filed under the post's own link, with its text."""
        hints = PageHints(published=post.published, lang=self.source.lang,
                          canonical_url=post.link, guid=f"{post.channel}/{post.id}",
                          text=post.text)
        item = self.page_item(response, hints)
        return replace(item, page=replace(item.page, url=post.link))
