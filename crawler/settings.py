"""Scrapy settings for one source's run, built from raqib's Config.

Politeness first: robots.txt obeyed, one request at a time per host, ``download_delay``
as the floor under AutoThrottle, limited retries that honour ``Retry-After``. Limits
from ``[crawl]``: page size, request timeout, run time, pages per run.
"""

from __future__ import annotations

import os
from typing import Any

from crawler.config import Config, SourceConfig
from crawler.urls import host_of

RETRY_AFTER_MAX_SECONDS = 60.0
CONCURRENT_ITEMS = 16

_UNUSED_EXTENSIONS = (
    "scrapy.extensions.telnet.TelnetConsole",  # TELNETCONSOLE_ENABLED off
    "scrapy.extensions.memusage.MemoryUsage",  # MEMUSAGE_ENABLED off
    "scrapy.extensions.memdebug.MemoryDebugger",  # MEMDEBUG_ENABLED unset
    "scrapy.extensions.feedexport.FeedExporter",  # no FEEDS: items go to the pipeline
    "scrapy.extensions.spiderstate.SpiderState",  # no JOBDIR
    "scrapy.extensions.logstats.LogStats",  # LOGSTATS_INTERVAL 0
    "scrapy.extensions.remote_control.RemoteControl",  # REMOTE_CONTROL_ENABLED off
)
_UNUSED_SPIDER_MIDDLEWARES = (
    "scrapy.spidermiddlewares.depth.DepthMiddleware",
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware",  # a spider-author aid
)
_UNUSED_DOWNLOADER_MIDDLEWARES = (
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",  # COOKIES_ENABLED off
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware",  # HTTPCACHE_ENABLED off
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware",  # no spider sets http_user
)


def build_settings(config: Config, source: SourceConfig) -> dict[str, Any]:
    crawl = config.crawl
    delay = crawl.download_delay
    hosts = {host_of(source.url), *(a.lower() for a in source.aliases)}
    return {
        "BOT_NAME": "raqib",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # Scrapy starts this many tasks for every response's output, however little it
        # holds (an article page yields one item): its default of 100 cost more of the
        # reactor's time per page than writing the page. Enough to keep the ingest workers
        # busy with a listing's posts.
        "CONCURRENT_ITEMS": CONCURRENT_ITEMS,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay > 0 else 0.0,
        # AutoThrottle never goes below DOWNLOAD_DELAY; with no delay (tests) it is off.
        "AUTOTHROTTLE_ENABLED": delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(delay, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": max(60.0, delay * 4),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": max(1, int(crawl.timeout.total_seconds())),
        "DOWNLOAD_MAXSIZE": int(crawl.max_page_mb * 1024 * 1024),
        "DOWNLOAD_WARNSIZE": 0,
        "CLOSESPIDER_TIMEOUT": max(1, int(crawl.run_timeout.total_seconds())),
        # Spiders cap article requests at max_pages; this backstop also counts feed,
        # listing and robots.txt responses.
        "CLOSESPIDER_PAGECOUNT": crawl.max_pages * 2 + 50,
        # The kernel enforces max_memory_mb (crawler.memlimit). Scrapy's own memory check is
        # off: it reads ru_maxrss, which a child started by exec inherits from its parent's
        # peak, so a crawl started by a large process was stopped before fetching anything.
        "MEMUSAGE_ENABLED": False,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RAQIB_RETRY_AFTER_MAX": RETRY_AFTER_MAX_SECONDS,
        "REDIRECT_MAX_TIMES": 10,
        "COOKIES_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # Scrapy ≥ 2.19 opens a control port otherwise
        "LOGSTATS_INTERVAL": 0,
        # Scrapy reads the source of a generator callback to warn about a `return value`
        # in it: for raqib's spiders, every article request's callback is a new bound
        # method, so it parsed the spider's source again on every page.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "LOG_LEVEL": os.environ.get("RAQIB_SCRAPY_LOG", "WARNING"),
        "LOG_FORMAT": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "RAQIB_SOURCE_HOSTS": sorted(hosts),
        "RAQIB_REFUSE_PRIVATE": True,
        # Components off by the settings above, or doing nothing for raqib's spiders, are
        # left out rather than loaded to refuse: each costs start-up (the remote control
        # imports aiohttp), and each spider middleware wraps every callback's output once
        # more (DepthMiddleware only counts depth stats here; DEPTH_LIMIT is unset).
        "EXTENSIONS": dict.fromkeys(_UNUSED_EXTENSIONS),
        "SPIDER_MIDDLEWARES": dict.fromkeys(_UNUSED_SPIDER_MIDDLEWARES),
        "DOWNLOADER_MIDDLEWARES": {
            **dict.fromkeys(_UNUSED_DOWNLOADER_MIDDLEWARES),
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.middlewares.RobotsTxtMiddleware": 100,
            "crawler.middlewares.PrivateAddressMiddleware": 120,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.RetryAfterMiddleware": 550,
        },
        # Sites are crawled over http(s) only: a link to file://, ftp://, s3:// or data: in
        # a feed, sitemap or redirect must never make the crawler read anything else.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "s3": None, "ftp": None},
        "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 300},
    }
