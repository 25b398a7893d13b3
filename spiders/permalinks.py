"""The shapes of the built-in sources' sites: permalinks as regexes over an URL's decoded
path, and how Alkarama names its Syria listing.

Plain ``re`` and parsel-style selectors: no Scrapy, so ``raqib sources --check`` (run in
the parent process) uses the same shapes the spiders use. Listing spiders find article
links by these shapes, never by a theme's class names, so a redesign that keeps the URLs
does not blind them.
"""

from __future__ import annotations

import re
from typing import Any

# news.snhr.org: /YYYY/MM/DD/<slug>/ (Arabic under /ar/); snhr.org: /blog/YYYY/MM/DD/<slug or
# id>/ on the English main site, /arabic/YYYY/MM/DD/<slug or id>/ on the Arabic sub-site.
SNHR = re.compile(r"^(?:/ar|/arabic)?(?:/blog)?/\d{4}/\d{2}/\d{2}/[^/]+/?$")
# www.syriahr.com: /en/<id>/ and Arabic /<slug>/<id>/.
SOHR = re.compile(r"^(?:/en/\d+|/(?!en/|date/|category/|tag/|page/)[^/]+/\d+)/?$")
# www.alkarama.org: /{en,fr,ar}/articles/<slug> (Latin slugs, Arabic too) and /node/N.
ALKARAMA = re.compile(r"^/(?:en|fr|ar)/(?:articles|node)/[^/]+/?$")
# horrya.net: /archives/<id>.
HORRYA = re.compile(r"^/archives/\d+/?$")

BY_SPIDER: dict[str, re.Pattern[str]] = {
    "snhr": SNHR, "sohr": SOHR, "alkarama": ALKARAMA, "horrya": HORRYA}

# Alkarama: the country menu links each country's taxonomy term; Syria's listing titles
# start with the country's name.
SYRIA_NAMES = ("syria", "syrie", "سوريا", "سورية")
SYRIA_TITLE = re.compile(r"^\s*(Syria|Syrie|سوريا|سورية)\s*:")
TERM_LINK = re.compile(r"/taxonomy/term/(\d+)")


def syria_term(page: Any) -> int | None:
    """The term id of the link named Syria on an Alkarama page (a parsel ``Selector`` or a
    Scrapy response): the country menu's entry, in any of the site's languages."""
    for anchor in page.css("a[href]"):
        name = " ".join(" ".join(anchor.css("::text").getall()).split()).lower()
        match = TERM_LINK.search(anchor.attrib.get("href", ""))
        if match and name in SYRIA_NAMES:
            return int(match[1])
    return None


def configured_term(url: str) -> int | None:
    """The term id an Alkarama source's url names (``…/taxonomy/term/28/articles``)."""
    match = TERM_LINK.search(url)
    return int(match[1]) if match else None
