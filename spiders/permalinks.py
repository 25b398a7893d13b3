"""The permalink shapes of the built-in sources, as regexes over an URL's decoded path.

Plain ``re``: no Scrapy, so ``raqib sources --check`` (run in the parent process) uses the
same shapes the spiders use. Listing spiders find article links by these shapes, never by a
theme's class names, so a redesign that keeps the URLs does not blind them.
"""

from __future__ import annotations

import re

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
