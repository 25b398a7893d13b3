"""Which spiders exist and the built-in sources raqib crawls when no config names any.

Plain data: importing this module never imports Scrapy, so configuration can be
validated without starting a crawler.
"""

from __future__ import annotations

from typing import Any

GENERIC_SPIDERS: tuple[str, ...] = ("feed", "wordpress", "sitemap", "telegram")
BUILTIN_SPIDERS: tuple[str, ...] = ("snhr", "sohr", "alkarama", "horrya")
SPIDER_NAMES: tuple[str, ...] = GENERIC_SPIDERS + BUILTIN_SPIDERS

# Default base URL and host aliases of each built-in spider family.
SPIDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "snhr": {"url": "https://news.snhr.org/", "aliases": ["news.sn4hr.org"]},
    "sohr": {"url": "https://www.syriahr.com/en/", "aliases": ["syriahr.com"]},
    "alkarama": {"url": "https://www.alkarama.org/en/", "aliases": ["alkarama.org"]},
    "horrya": {"url": "https://horrya.net/", "aliases": ["www.horrya.net"]},
}

# The sources crawled on the built-in defaults (no config file): every built-in family.
BUILTIN_SOURCES: tuple[dict[str, Any], ...] = (
    {"name": "snhr-en", "spider": "snhr", "url": "https://news.snhr.org/", "lang": "en",
     "every": "1h", "expect_every": "3d", "aliases": ["news.sn4hr.org"]},
    {"name": "snhr-ar", "spider": "snhr", "url": "https://news.snhr.org/ar/", "lang": "ar",
     "every": "1h", "expect_every": "3d", "aliases": ["news.sn4hr.org"]},
    # SNHR's reports site: the monthly and annual reports and statements (torture deaths,
    # enforced disappearances, arrests) that monitors most need. English is the multisite's
    # main site (/blog/ permalinks), Arabic its /arabic/ sub-site; older links on sn4hr.org.
    {"name": "snhr-reports-en", "spider": "snhr", "url": "https://snhr.org/", "lang": "en",
     "every": "3h", "expect_every": "14d", "aliases": ["sn4hr.org", "www.snhr.org"]},
    {"name": "snhr-reports-ar", "spider": "snhr", "url": "https://snhr.org/arabic/",
     "lang": "ar", "every": "3h", "expect_every": "14d",
     "aliases": ["sn4hr.org", "www.snhr.org"]},
    {"name": "sohr-en", "spider": "sohr", "url": "https://www.syriahr.com/en/", "lang": "en",
     "every": "1h", "expect_every": "2d", "aliases": ["syriahr.com"]},
    {"name": "sohr-ar", "spider": "sohr", "url": "https://www.syriahr.com/", "lang": "ar",
     "every": "1h", "expect_every": "2d", "aliases": ["syriahr.com"]},
    {"name": "alkarama-en", "spider": "alkarama", "url": "https://www.alkarama.org/en/",
     "lang": "en", "every": "6h", "expect_every": "60d", "aliases": ["alkarama.org"]},
    {"name": "alkarama-fr", "spider": "alkarama", "url": "https://www.alkarama.org/fr/",
     "lang": "fr", "every": "6h", "expect_every": "60d", "aliases": ["alkarama.org"]},
    {"name": "alkarama-ar", "spider": "alkarama", "url": "https://www.alkarama.org/ar/",
     "lang": "ar", "every": "6h", "expect_every": "60d", "aliases": ["alkarama.org"]},
    # The newest stored pages of horrya.net are from 2019: the site may be dormant, so
    # silence is only reported after a long quiet spell (see SOURCE_NOTES).
    {"name": "horrya", "spider": "horrya", "url": "https://horrya.net/", "lang": "ar",
     "every": "1d", "expect_every": "180d", "aliases": ["www.horrya.net"]},
)

# What `raqib sources` says under the table about a built-in source family.
SOURCE_NOTES: dict[str, str] = {
    "horrya": "may be dormant (its newest pages seen were from 2019): checked daily, reported "
              "silent only after expect_every without a new article",
}
