"""The generic ``wordpress`` spider: any WordPress root. REST API
(``wp-json/wp/v2/posts``) first, the RSS feed when the API is closed or missing."""

from __future__ import annotations

from spiders.wp import WordPressSpider


class GenericWordPressSpider(WordPressSpider):
    name = "wordpress"
