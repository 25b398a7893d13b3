"""Markup shared by the mirror sites: escaping, dates, RSS, WordPress post JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import format_datetime
from html import escape
from urllib.parse import quote

from crawler.mirror.server import Response
from crawler.mirror.state import MirrorArticle

DAMASCUS = timezone(timedelta(hours=3))
AR_MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
             "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")  # fmt: skip
AR_DAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip


def esc(text: str) -> str:
    return escape(text, quote=True)


def local_tz(article: MirrorArticle) -> tzinfo:
    return datetime.fromisoformat(article.sample.published).tzinfo or UTC


def local(moment: datetime, article: MirrorArticle) -> datetime:
    return moment.astimezone(local_tz(article))


def arabic_date(moment: datetime) -> str:
    return (f"{AR_DAYS[moment.weekday()]}، {moment.day} {AR_MONTHS[moment.month - 1]} "
            f"{moment.year}")


def english_date(moment: datetime) -> str:
    return moment.strftime("%B %-d, %Y")


def french_date(moment: datetime) -> str:
    return f"{moment.day} {FR_MONTHS[moment.month - 1]} {moment.year}"


def human_date(moment: datetime, lang: str) -> str:
    return {"ar": arabic_date, "fr": french_date}.get(lang, english_date)(moment)


def slug_path(slug: str) -> str:
    """A slug as it appears in a URL path: non-ASCII letters percent-encoded (lower-case hex,
    as WordPress writes them)."""
    return quote(slug, safe="-_.~").lower() if not slug.isascii() else slug


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)


def head(*, title: str, lang: str, canonical: str | None, article: MirrorArticle | None,
         charset: str = "UTF-8", site_name: str, description: str = "",
         extra: str = "") -> str:
    """The <head> of a page; article pages carry canonical, og and article:* meta."""
    direction = "rtl" if lang == "ar" else "ltr"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}">',
        "<head>",
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
    ]
    if canonical:
        lines.append(f'<link rel="canonical" href="{esc(canonical)}">')
        lines.append(f'<meta property="og:url" content="{esc(canonical)}">')
    lines.append(f'<meta property="og:site_name" content="{esc(site_name)}">')
    if article is not None:
        lines += [
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{esc(article.title)}">',
            f'<meta property="og:description" content="{esc(description)}">',
            f'<meta property="article:published_time" content="{article.published.isoformat()}">',
            f'<meta property="article:modified_time" content="{article.modified.isoformat()}">',
        ]
    lines += [extra, '<link rel="stylesheet" href="/assets/style.css">', "</head>"]
    return "\n".join(line for line in lines if line)


def share_buttons(url: str) -> str:
    link = quote(url, safe="")
    return (
        '<div class="share-buttons"><span>Share</span>'
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={link}">Facebook</a>'
        f'<a href="https://twitter.com/intent/tweet?url={link}">X</a>'
        f'<a href="https://api.whatsapp.com/send?text={link}">WhatsApp</a>'
        f'<a href="https://t.me/share/url?url={link}">Telegram</a></div>'
    )


def html_response(markup: str, *, status: int = 200, last_modified: datetime | None = None,
                  encoding: str = "utf-8", declared: str = "UTF-8") -> Response:
    return Response(status, markup.encode(encoding, errors="xmlcharrefreplace"),
                    content_type=f"text/html; charset={declared}", last_modified=last_modified)


def json_response(data: object, *, headers: Sequence[tuple[str, str]] = (),
                  status: int = 200, last_modified: datetime | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode()
    return Response(status, body, content_type="application/json; charset=UTF-8",
                    headers=list(headers), last_modified=last_modified)


def redirect(location: str, status: int = 301) -> Response:
    return Response(status, b"", headers=[("Location", location)])


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    guid: str
    published: datetime
    description: str
    creator: str | None = None
    categories: tuple[str, ...] = ()
    guid_is_permalink: bool = False


def rss(*, title: str, link: str, self_url: str, description: str, lang: str,
        items: Sequence[FeedItem], updated: datetime) -> Response:
    """An RSS 2.0 document the way WordPress and Drupal write them."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{esc(title)}</title>",
        f'<atom:link href="{esc(self_url)}" rel="self" type="application/rss+xml" />',
        f"<link>{esc(link)}</link>",
        f"<description>{esc(description)}</description>",
        f"<lastBuildDate>{format_datetime(updated, usegmt=True)}</lastBuildDate>",
        f"<language>{lang}</language>",
    ]
    for item in items:
        permalink = "true" if item.guid_is_permalink else "false"
        parts += [
            "<item>",
            f"<title>{esc(item.title)}</title>",
            f"<link>{esc(item.link)}</link>",
            f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>",
        ]
        if item.creator:
            parts.append(f"<dc:creator><![CDATA[{item.creator}]]></dc:creator>")
        parts += [f"<category><![CDATA[{c}]]></category>" for c in item.categories]
        parts += [
            f'<guid isPermaLink="{permalink}">{esc(item.guid)}</guid>',
            f"<description><![CDATA[{item.description}]]></description>",
            "</item>",
        ]
    parts += ["</channel>", "</rss>"]
    return Response(200, "\n".join(parts).encode(),
                    content_type="application/rss+xml; charset=UTF-8", last_modified=updated)


def excerpt(article: MirrorArticle, words: int = 40) -> str:
    text = " ".join(article.paragraphs[0].split()[:words])
    return f"{text} […]"


def not_found_page(site_name: str, lang: str) -> str:
    message = "الصفحة غير موجودة" if lang == "ar" else "Page not found"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>{message} – {esc(site_name)}'
            f"</title></head><body><h1>{message}</h1></body></html>")
