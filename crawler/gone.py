"""Whether a fetched article page says the article is gone, though its status is no 404/410.

Sites answer for a removed article in one of three ways: 404 or 410; a redirect to the front
page or to the section the article stood in; or a "page not found" page sent with status 200
(a soft 404, common on WordPress themes and CMSs that catch every path). Which way each
source takes is not known offline, so all three are read as removal. Without this, a recheck
stored the front page or the error page as the article's new version (new title, new text,
new labels: an update alert about the site's teasers) and the front page's address as one
of the article's URLs.

Only the page's address and its title and first heading are read: an article whose text
merely mentions "page not found" or "404" is not touched.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from crawler.models import FetchedPage
from crawler.urls import InvalidURLError, canonicalize, host_of

# A path of one of these segments alone is a front page ("/en/", "/arabic/", "/index.php").
_FRONT_SEGMENTS = frozenset({
    "en", "ar", "fr", "english", "arabic", "french", "home", "index", "index.php",
    "index.html", "index.htm", "default.aspx", "main",
})
# Segments a URL variant of the same article ends with: dropping them is no move to a listing.
_VARIANT_TAILS = frozenset({"amp", "print", "embed", "comments", "feed"})

_HEAD_BYTES = 65_536
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_NOT_FOUND = re.compile(
    r"(?i)\b(?:page|article|post|content|news)\s+(?:was\s+|is\s+)?not\s+found\b"
    r"|\bnot\s+found\s*[-–—|:]|^\s*not\s+found\b"
    r"|\bcan(?:not|'t|’t)\s+be\s+found\b|\bcould\s*n[o']t\s+be\s+found\b"
    r"|\bnothing\s+(?:was\s+)?found\b"
    r"|\bpage\s+(?:does\s+not|doesn't|doesn’t|no\s+longer)\s+exist"
    r"|\b(?:error\s+404|404\s+error|404\s*[-–—|:]\s*\w|^\s*404\s*$)"
    r"|\bpage\s+(?:introuvable|non\s+trouv[ée]e)\b|\bpage\s+n['’]existe\s+(?:pas|plus)\b"
    r"|\berreur\s+404\b|\bcontenu\s+introuvable\b"
    r"|الصفحة\s+(?:المطلوبة\s+)?غير\s+موجودة|لم\s+يتم\s+العثور\s+على\s+(?:الصفحة|المحتوى)"
    r"|الصفحة\s+(?:المطلوبة\s+)?لم\s+تعد\s+موجودة|خطأ\s+404"
)


def gone_reason(page: FetchedPage) -> str | None:
    """Why ``page`` (a 2xx or 3xx answer for an article URL) tells that the article is gone,
    or None. A post carried by a listing (``hints.text``) is never judged by its listing."""
    if page.hints.text is not None:
        return None
    moved = _moved_to_listing(page.url, page.final_url) if page.redirects else None
    if moved:
        return moved
    if 200 <= page.status < 300 and _says_not_found(page.body):
        return "the site answers with a 'page not found' page"
    return None


def _moved_to_listing(url: str, final: str) -> str | None:
    try:
        if canonicalize(url) == canonicalize(final):
            return None
        if host_of(url).removeprefix("www.") != host_of(final).removeprefix("www."):
            return None
    except InvalidURLError:
        return None
    before = [s for s in urlsplit(url).path.split("/") if s]
    after = [s for s in urlsplit(final).path.split("/") if s]
    if not after or (len(after) == 1 and after[0].lower() in _FRONT_SEGMENTS):
        return "redirected to the site's front page"
    dropped = before[len(after):]
    if before[: len(after)] == after and dropped and not all(
            s.lower() in _VARIANT_TAILS for s in dropped):
        return "redirected to the section it stood in"
    return None


def _says_not_found(body: bytes) -> bool:
    head = body[:_HEAD_BYTES]
    for pattern in (_TITLE, _H1):
        found = pattern.search(head)
        if found and _NOT_FOUND.search(_text(found.group(1), head)):
            return True
    return False


def _text(raw: bytes, head: bytes) -> str:
    declared = _CHARSET.search(head)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        decoded = raw.decode(encoding, errors="replace")
    except LookupError:
        decoded = raw.decode("utf-8", errors="replace")
    return " ".join(html.unescape(_TAG.sub(" ", decoded)).split())
