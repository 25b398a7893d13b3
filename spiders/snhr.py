"""SNHR (news.snhr.org, alias news.sn4hr.org; main site snhr.org / sn4hr.org).

Two WordPress installs per site: English at the root, Arabic under /ar/ (news) or
/arabic/ (main site); a source's ``url`` names one of them. Discovery through the REST
API, falling back to the feed. Shapes relied on: permalinks /YYYY/MM/DD/<slug>/ (main
site: /blog/YYYY/MM/DD/<slug>/), and a publication date from the API, feed or
article:published_time — never from the page text, whose header shows the *current* date
on Arabic pages. Titles end with the event date (", August 29"); the slug stays fixed
when the title is edited, so articles are keyed by URL.
"""

from __future__ import annotations

from spiders import permalinks
from spiders.wp import WordPressSpider

PERMALINK = permalinks.SNHR


class SnhrSpider(WordPressSpider):
    name = "snhr"
    permalink = PERMALINK
    require_published = True

    def hint_lang(self, link: str) -> str | None:
        path = link.split("//", 1)[-1].partition("/")[2]
        if path.startswith(("ar/", "arabic/")):
            return "ar"
        return self.source.lang or "en"
