"""What a spider may read of an article page before handing it on: the metadata in <head>
(canonical link, og/article dates), never the text. Used to check a page still has the
shape a spider relies on, and to fill hints a listing could not give."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.models import PageHints
from crawler.urls import TRACKING_PARAMS, TRACKING_PREFIXES


@dataclass(frozen=True)
class PageMeta:
    canonical: str | None
    published: str | None  # ISO 8601 UTC
    modified: str | None
    og_title: str | None


def page_meta(body: bytes, url: str, encoding: str = "utf-8") -> PageMeta:
    """The canonical link and article:* / og:* metadata of an HTML page (head only)."""
    head_end = body.find(b"</head>")
    head = body[: head_end + 7] if head_end >= 0 else body[:65536]
    selector = Selector(text=head.decode(encoding, errors="replace"))
    canonical = selector.css('link[rel="canonical"]::attr(href)').get()
    return PageMeta(
        canonical=_join(url, canonical),
        published=iso_utc(selector.css(
            'meta[property="article:published_time"]::attr(content)').get()),
        modified=iso_utc(selector.css(
            'meta[property="article:modified_time"]::attr(content)').get()),
        og_title=selector.css('meta[property="og:title"]::attr(content)').get(),
    )


def _join(base: str, link: str | None) -> str | None:
    try:
        return urljoin(base, link.strip()) if link else None
    except ValueError:
        return None


def iso_utc(value: str | None, *, naive_is_utc: bool = True) -> str | None:
    """An ISO 8601 timestamp normalised to UTC (``...+00:00``); None if unparseable or out
    of range (``0001-01-01T00:00:00+01:00`` is before year 1 in UTC)."""
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            if not naive_is_utc:
                return None
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except (ValueError, OverflowError):
        return None


def merge_hints(hints: PageHints, meta: PageMeta) -> PageHints:
    """Hints from discovery win; the page's own metadata fills the gaps."""
    return replace(
        hints,
        published=hints.published or meta.published,
        modified=hints.modified or meta.modified,
        canonical_url=hints.canonical_url or meta.canonical,
    )


def path_matches(url: str, pattern: re.Pattern[str]) -> bool:
    """Whether the (percent-decoded) path of ``url`` matches ``pattern``."""
    return bool(pattern.search(unquote(urlsplit(url).path)))


def same_site(url: str, root: str) -> bool:
    return urlsplit(url).netloc.lower() == urlsplit(root).netloc.lower()


def strip_tracking(url: str) -> str:
    """``url`` without analytics and ``doing_wp_cron`` parameters, so the site is asked for
    the article itself (the canonical key drops them too)."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)]
    return urlunsplit(parts._replace(query=urlencode(kept)))
