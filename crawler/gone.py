"""Whether a fetched article page says the article is gone, though its status is no 404/410.

Sites answer for a removed article in one of three ways: 404 or 410; a redirect to the front
page or to the section the article stood in; or a "page not found" page sent with status 200
(a soft 404, common on WordPress themes and CMSs that catch every path). Which way each
source takes is not known offline, so all three are read as removal. Without this, a recheck
stored the front page or the error page as the article's new version (new title, new text,
new labels: an update alert about the site's teasers) and the front page's address as one of
the article's URLs.

A live report must never be taken for a gone one: a new link would be dropped, a known
article marked removed (and no longer rechecked). So the tests are narrow, and the ingestor
applies them by what is at stake:

- :func:`moved_away` reads the addresses only. A redirect ending on the site's front page
  (``/``, ``/ar/``, ``/ar/index.php``, ``/Home/Index``, ``/404``) with no query left that names
  an article is :data:`FRONT_PAGE`; one ending on a section the article's path stood under
  (``/news/123456`` → ``/news/``) is :data:`SECTION`, unless what it dropped is a variant's
  tail (``/amp``, ``/print``, a page number, ``index.html``, a language) or what it kept
  still names an article (ends in a number, or a slug of several words).
- :func:`not_found_page` needs the page's own error marker (a whole ``body`` or ``html``
  class name such as WordPress's ``error404``) and its title or first heading *being* a
  not-found phrase (or a segment of it between separators: "Page not found – Site", "Oups !
  Cette page est introuvable", "عذراً، الصفحة المطلوبة غير موجودة"); ``error404`` with
  little text is enough. A headline holding such words ("Bodies not found – Site") has no
  such marker.

The ingestor drops a new link only for the front page or a not-found page. It marks a known
article removed only when the page is not the article (for a section redirect: not the same
title, and not most of the same words), and only when a second answer an hour or more after
the first says so too: a site that sends every path to its front page for an afternoon
(maintenance, a migration) removes nothing.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

from crawler.models import FetchedPage
from crawler.urls import InvalidURLError, canonicalize, host_of, is_tracking_param

NOT_FOUND_TEXT_MAX = 600
"""Characters of extracted text above which a page is an article whatever its title says."""

FRONT_PAGE = "redirected to the site's front page"
SECTION = "redirected to the section it stood in"

_LANGUAGES = frozenset({"en", "ar", "fr", "english", "arabic", "french", "eng", "ara", "fra"})
# A path of these segments alone, after an optional language, is a front page ("/en/",
# "/ar/index.php", "/Home/Index", "/404.html").
_FRONT_SEGMENTS = frozenset({
    "home", "index", "index.php", "index.html", "index.htm", "default.aspx", "main",
    "404", "404.html", "404.php", "not-found", "notfound", "error", "page-not-found",
})
# What a redirect may drop from an article's address and still land on the same article.
_VARIANT_TAILS = frozenset({"amp", "amp.html", "print", "embed", "comments", "feed", "page",
                            "index.html", "index.htm", "index.php", "lite", "full",
                            *_LANGUAGES})
# Query parameters a front page may keep: the language, an empty search.
_FRONT_QUERY = frozenset({"lang", "language", "hl", "s", "q"})
_OPENING_TAGS = (re.compile(rb"<html\b[^>]*>", re.I), re.compile(rb"<body\b[^>]*>", re.I))
_CLASS_ATTRIBUTE = re.compile(rb"""\bclass\s*=\s*["']([^"']*)["']""", re.I)
# Whole class names only: a theme may put the post's slug in its classes
# ("post-bodies-not-found-after-release"), or name a class "no-error-page".
_ERROR_CLASSES = frozenset({"error404", "error-404", "page-404", "not-found", "notfound",
                            "page-not-found", "error-page"})
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")

_HEAD_BYTES = 262_144
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset=([A-Za-z0-9_-]+)", re.I)
_SEPARATORS = re.compile(r"\s+[-–—|:•·»]\s+|\s*[|•·»]\s*|:\s+")
_OPENERS = re.compile(
    "^(?:oops|oups|sorry|désolé|desole|error|erreur|عذر\u064b?ا\u064b?|عفو\u064b?ا\u064b?|خطأ)"
    "[\\s!,.،:-]*", re.I)
_BRACKETED_404 = re.compile(r"\s*[(\[]\s*404\s*[)\]]\s*")
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
    r"|(?:this\s+)?page\s+(?:isn[’']t|is\s+not)\s+available|we\s+can[’']?t\s+find\s+that\s+page"
    r"|rien\s+n[’']a\s+été\s+trouvé"
    r"|(?:erreur\s+404|(?:la\s+|cette\s+)?(?:page|article|contenu)\s+"
    r"(?:que\s+vous\s+(?:cherchez|recherchez)\s+|demandée?\s+)?"
    r"(?:est\s+)?(?:introuvable|non\s+trouvée?|n[’']existe\s+(?:pas|plus))"
    r"(?:\s+ou\s+a\s+été\s+supprimée?)?)"
    r"|(?:(?:هذه|هذا|تلك)\s+)?(?:ال)?(?:صفحة|صفحه|مقال|خبر|محتوى)\s*"
    r"(?:التي\s+تبحث\s+عنها\s+|المطلوبة\s+|المطلوبه\s+|المطلوب\s+)?"
    r"(?:غير\s+(?:موجودة|موجوده|موجود|متوفرة|متوفره|متوفر|متاحة|متاحه|متاح)"
    r"|لم\s+تعد\s+موجودة|لم\s+يعد\s+موجودا?)"
    r"|لا\s+يمكن\s+العثور\s+على\s+(?:تلك|هذه)?\s*(?:ال)?(?:صفحة|صفحه)"
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
    before = [s for s in urlsplit(url).path.split("/") if s]
    after = [s for s in final_parts.path.split("/") if s]
    if _front(after) and not _names_something(final_parts.query, _FRONT_QUERY):
        return FRONT_PAGE
    if _names_something(final_parts.query):
        return None  # /?p=123 on another host, /index.php?id=5&lang=ar: still an article
    dropped = before[len(after):]
    if (after and before[: len(after)] == after and dropped
            and not all(_variant_tail(s) for s in dropped)
            and not _names_an_article(after)):
        return SECTION
    return None


def _front(segments: list[str]) -> bool:
    lowered = [s.lower() for s in segments]
    if lowered and lowered[0] in _LANGUAGES:
        lowered = lowered[1:]
    return not lowered or (len(lowered) == 1 and lowered[0] in _FRONT_SEGMENTS) or \
        lowered == ["home", "index"]


def not_found_page(page: FetchedPage, text_size: int | None = None) -> bool:
    """Whether the page marks itself an error page (a whole class name of its ``body`` or
    ``html`` in :data:`_ERROR_CLASSES`) and its title or first heading *is* a not-found
    phrase; WordPress's ``error404`` with little text (``text_size``, the characters
    extracted: None when none could be) is enough by itself."""
    if page.hints.text is not None or not 200 <= page.status < 300:
        return False
    head = page.body[:_HEAD_BYTES]
    marks = _page_classes(head) & _ERROR_CLASSES
    if not marks:
        return False
    if marks & {"error404"} and (text_size is None or text_size <= NOT_FOUND_TEXT_MAX):
        return True  # WordPress's own 404 template, with little text: its title may vary
    for pattern in (_TITLE, _H1):
        found = pattern.search(head)
        if found and _is_not_found(_text(found.group(1), head, page.header("Content-Type"))):
            return True
    return False


def _page_classes(head: bytes) -> set[str]:
    """The class names of the ``html`` and ``body`` tags (each search stops at its tag, near
    the top of the page, instead of reading the whole page)."""
    names: set[str] = set()
    for tag in _OPENING_TAGS:
        opening = tag.search(head)
        attribute = _CLASS_ATTRIBUTE.search(opening.group(0)) if opening else None
        if attribute:
            names.update(attribute.group(1).decode("ascii", "replace").lower().split())
    return names


def _is_not_found(title: str) -> bool:
    for segment in _SEPARATORS.split(_BRACKETED_404.sub(" ", title)):
        words = _OPENERS.sub("", segment.strip(" !.,،؟?")).strip(" !.,،؟?")
        if words and _PHRASE.fullmatch(words):
            return True
    return False


def _site(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _names_something(query: str, besides: frozenset[str] = frozenset()) -> bool:
    """Whether a query string holds a parameter beyond tracking ones and ``besides``
    (``?p=123``)."""
    return any(not is_tracking_param(name) and name.lower() not in besides
               for name, _ in parse_qsl(query, keep_blank_values=True))


def _variant_tail(segment: str) -> bool:
    """``amp``, ``print``, ``index.html``, a language, a page number (an id is longer),
    ``comment-page-2``, ``story.amp``."""
    lowered = segment.lower()
    return (lowered in _VARIANT_TAILS or (segment.isdigit() and len(segment) <= 2)
            or lowered.startswith("comment-page-") or lowered.endswith(".amp"))


def _names_an_article(segments: list[str]) -> bool:
    """Whether the kept path still names an article: it ends in a number other than a year
    or a year's month (``/news/45``, not ``/2024`` or ``/2024/05``), or in a slug of three
    words or more (``bodies-of-detainees``, an Arabic slug)."""
    last = segments[-1]
    if last.isdigit():
        if len(last) == 4 and 1990 <= int(last) <= 2099:
            return False
        month = len(last) <= 2 and len(segments) > 1 and _is_year(segments[-2])
        return not month
    return last.count("-") >= 2 or last.count("%") >= 6 or ("-" in last and not last.isascii())


def _is_year(segment: str) -> bool:
    return segment.isdigit() and len(segment) == 4 and 1990 <= int(segment) <= 2099


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
