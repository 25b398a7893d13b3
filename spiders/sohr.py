"""SOHR (www.syriahr.com, alias syriahr.com): WordPress, English under /en/ with
/en/<id>/ permalinks, Arabic at the root with /<percent-encoded-slug>/<id>/ (separate id
spaces; /?p=N works in both). Archive pages are read for links of the permalink shape, not
for the theme's classes (the real theme is probably ThemeRuby; unverified). The REST API
is not relied on (the site closes it to crawlers); new items come from the feed,
backfills walk the date archives (/date/YYYY/MM/, /page/N/; one backfill cursor lane per
month: the next archive page's URL, None when the month is done). Feed links may carry
``?doing_wp_cron=``, which is dropped.
The site blocks crawlers at times (403/429): the run stops and reports, never retries
harder than Retry-After allows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

from scrapy.http import Request, Response

from spiders import permalinks
from spiders.wp import BLOCKED, WordPressSpider, months_back

FIRST_DAY = date(2006, 5, 1)  # the Observatory's first year online; a backfill floor
PERMALINK = permalinks.SOHR


class SohrSpider(WordPressSpider):
    name = "sohr"
    permalink = PERMALINK
    use_api = False

    def entry_requests(self) -> Iterator[Request]:
        if not self.backfill:
            yield from self.feed_requests()
            return
        since = self.since or FIRST_DAY
        until = self.until or date.today()
        for priority, month in enumerate(months_back(until, since)):
            lane = f"{month:%Y-%m}"
            url = self.lanes.get(lane, urljoin(self.root, f"date/{month:%Y/%m}/"))
            if url is not None:
                yield self.archive_request(url, lane, priority=-priority)

    def archive_request(self, url: str, lane: str, priority: int = 0) -> Request:
        return Request(url, callback=self.parse_archive, priority=priority,
                       meta={"handle_httpstatus_all": True, "raqib_kind": "listing",
                             "lane": lane})

    def parse_archive(self, response: Response) -> Iterator[Any]:
        lane = response.meta["lane"]
        if response.status == 404:
            yield from self.index_page_done(lane, None)  # a month without posts
            return
        if response.status in BLOCKED:
            self.fatal(f"{response.url}: the site refused the crawler (HTTP {response.status}); "
                       "the backfill stopped — run it again later (it resumes: stored "
                       "articles are not fetched again)")
        if response.status != 200:
            self.errors.append(f"{response.url}: HTTP {response.status}")
            return
        entries = self.permalink_entries(response, self.source.lang)
        if not entries:
            self.shape_error(f"{response.url}: a date archive page has no link of the "
                             "permalink shape /en/<id>/ or /<slug>/<id>/ (links now built by "
                             "script, or the URL shape changed?)")
            return
        yield from self.discovered([(u, h) for u, h in entries if self.in_window(h.published)])
        following = (response.css("a.next::attr(href), a[rel=next]::attr(href)").get()
                     or response.css("link[rel=next]::attr(href)").get())
        next_url = None
        if following and not any(self.before_window(h.published) for _, h in entries):
            next_url = response.urljoin(following)
            yield self.archive_request(next_url, lane)
        yield from self.index_page_done(lane, next_url)

