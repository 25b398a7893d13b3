"""Whether a fetched article page says the article is gone, though its status is no 404/410.

Sites answer for a removed article in one of three ways: 404 or 410; a redirect to the front
page or to the section the article stood in; or a "page not found" page sent with status 200
(a soft 404, common on WordPress themes and CMSs that catch every path). Which way each
source takes is not known offline, so all three are read as removal. Without this, a recheck
stored the front page or the error page as the article's new version (new title, new text,
new labels: an update alert about the site's teasers) and the front page's address as one of
the article's URLs.

A live article must never be taken for a gone one: that would drop a new report, or mark a
known one removed for good. So each test is narrow, and the ingestor adds one more: a known
article whose text is unchanged at the end of the redirects has only moved.

- :func:`moved_away` reads the addresses only: a redirect whose end is the site's front page
  (``/``, ``/ar/``, ``/index.php``) with no query left to name an article, or a section the
  article's path stood under (``/news/123456`` → ``/news/``), unless what the redirect dropped
  is a variant's tail (``/amp``, ``/print``, a page number, ``index.html``) or what it kept
  still names an article (a numeric id, a slug of several words).
- :func:`not_found_page` reads the title and the first heading: one of them must *be* a
  not-found phrase, or a segment of it between separators ("Page not found – Site",
  "Oups ! Cette page est introuvable", "عذراً، الصفحة المطلوبة غير موجودة"), not merely
  contain one ("Bodies not found – Site" is news); and the caller requires the page to carry
  little text besides (:data:`NOT_FOUND_TEXT_MAX`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

from crawler.models import FetchedPage
from crawler.urls import (
    TRACKING_PARAMS,
    TRACKING_PREFIXES,
    InvalidURLError,
    canonicalize,
    host_of,
)

NOT_FOUND_TEXT_MAX = 600
"""Characters of extracted text above which a page is an article whatever its title says."""

# A path of one of these segments alone is a front page ("/en/", "/arabic/", "/index.php").
_FRONT_SEGMENTS = frozenset({
    "en", "ar", "fr", "english", "arabic", "french", "home", "index", "index.php",
    "index.html", "index.htm", "default.aspx", "main",
})
# What a redirect may drop from an article's address and still land on the same article.
_VARIANT_TAILS = frozenset({"amp", "print", "embed", "comments", "feed", "page", "index.html",
                            "index.htm", "index.php"})
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")

_HEAD_BYTES = 262_144
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset=([A-Za-z0-9_-]+)", re.I)
_SEPARATORS = re.compile(r"\s+[-–—|:•·»]\s+|\s*[|•·»]\s*|:\s+")
_OPENERS = re.compile(
    "^(?:oops|oups|sorry|désolé|desole|error|erreur|عذرا\u064b?|عفوا\u064b?|خطأ)[\\s!,.،:-]*",
    re.I)
_PHRASE = re.compile(
    r"(?:error\s*)?404(?:\s*error)?(?:\s*[-–—:]?\s*(?:page\s+)?not\s+found)?"
    r"|(?:(?:that|this|the)\s+)?(?:page|article|post|story|content|news\s+item|item)?\s*"
    r"(?:you\s+(?:are|were)\s+looking\s+for\s+|you\s+requested\s+|requested\s+)?"
    r"(?:(?:was|is|could\s+not\s+be|couldn[’']t\s+be)\s+)?not\s+found"
    r"|(?:(?:that|this|the)\s+)?(?:page|article|post|story|content)\s+"
    r"(?:you\s+(?:are|were)\s+looking\s+for\s+|you\s+requested\s+)?"
    r"(?:can[’']?t|cannot|could\s*n[o’']t|could\s+not)\s+be\s+found"
    r"|(?:(?:that|this|the)\s+)?(?:page|article|post|story)\s+"
    r"(?:you\s+(?:are|were)\s+looking\s+for\s+|you\s+requested\s+)?"
    r"(?:does\s+not|doesn[’']t|no\s+longer)\s+exists?|nothing\s+(?:was\s+)?found"
    r"|(?:erreur\s+404|(?:la\s+|cette\s+)?(?:page|article|contenu)\s+"
    r"(?:que\s+vous\s+(?:cherchez|recherchez)\s+|demandée?\s+)?"
    r"(?:est\s+)?(?:introuvable|non\s+trouvée?|n[’']existe\s+(?:pas|plus))"
    r"(?:\s+ou\s+a\s+été\s+supprimée?)?)"
    r"|(?:ال)?(?:صفحة|صفحه|مقال|خبر|محتوى)\s*(?:التي\s+تبحث\s+عنها\s+|المطلوبة\s+|المطلوبه\s+)?"
    r"(?:غير\s+(?:موجودة|موجوده|موجود|متوفرة|متوفره|متاحة|متاحه)|لم\s+تعد\s+موجودة)"
    r"|لم\s+يتم\s+العثور\s+على\s+(?:الصفحة|الصفحه|المحتوى|المقال|الخبر)(?:\s+المطلوبة)?"
    r"|خطأ\s+404",
    re.I,
)


def moved_away(page: FetchedPage) -> str | None:
    """Why the redirects of ``page`` lead away from any article, or None."""
    if not page.redirects or page.hints.text is not None:
        return None  # a post carried by a listing is never judged by the listing
    url, final = page.url, page.final_url
    try:
        if canonicalize(url) == canonicalize(final):
            return None
        if _site(host_of(url)) != _site(host_of(final)):
            return None
    except InvalidURLError:
        return None
    final_parts = urlsplit(final)
    if _names_something(final_parts.query):
        return None  # /?p=123 on another host, /index.php?id=5&lang=ar: still an article
    before = [s for s in urlsplit(url).path.split("/") if s]
    after = [s for s in final_parts.path.split("/") if s]
    if not after or (len(after) == 1 and after[0].lower() in _FRONT_SEGMENTS):
        return "redirected to the site's front page"
    dropped = before[len(after):]
    if (before[: len(after)] == after and dropped
            and not all(_variant_tail(s) for s in dropped)
            and not _names_an_article(after[-1])):
        return "redirected to the section it stood in"
    return None


def not_found_page(page: FetchedPage) -> bool:
    """Whether the page's title or first heading *is* a not-found phrase (see the module
    docstring); the caller also checks that little text stands beside it."""
    if page.hints.text is not None or not 200 <= page.status < 300:
        return False
    head = page.body[:_HEAD_BYTES]
    for pattern in (_TITLE, _H1):
        found = pattern.search(head)
        if found and _is_not_found(_text(found.group(1), head, page.header("Content-Type"))):
            return True
    return False


def _is_not_found(title: str) -> bool:
    for segment in _SEPARATORS.split(title):
        words = _OPENERS.sub("", segment.strip(" !.,،؟?")).strip(" !.,،؟?")
        if words and _PHRASE.fullmatch(words):
            return True
    return False


def _site(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _names_something(query: str) -> bool:
    """Whether a query string holds a parameter beyond tracking ones (``?p=123``)."""
    for name, _ in parse_qsl(query, keep_blank_values=True):
        lowered = name.lower()
        if lowered not in TRACKING_PARAMS and not lowered.startswith(TRACKING_PREFIXES):
            return True
    return False


def _variant_tail(segment: str) -> bool:
    """``amp``, ``print``, ``index.html`` or a page number (an id is longer)."""
    return segment.lower() in _VARIANT_TAILS or (segment.isdigit() and len(segment) <= 2)


def _names_an_article(segment: str) -> bool:
    """A numeric id, or a slug of three words or more (``bodies-of-detainees``, an encoded
    Arabic slug), names an article; ``news``, ``2024``, ``arrests`` name a section."""
    if segment.isdigit():
        return len(segment) >= 3 and not (len(segment) == 4 and 1990 <= int(segment) <= 2099)
    return segment.count("-") >= 2 or segment.count("%") >= 6


def _text(raw: bytes, head: bytes, content_type: str | None) -> str:
    declared = _META_CHARSET.search(head)
    header = _HEADER_CHARSET.search(content_type or "")
    encoding = (header.group(1) if header else
                declared.group(1).decode("ascii") if declared else "utf-8")
    try:
        decoded = raw.decode(encoding, errors="replace")
    except LookupError:
        decoded = raw.decode("utf-8", errors="replace")
    return " ".join(html.unescape(_TAG.sub(" ", decoded)).split())
