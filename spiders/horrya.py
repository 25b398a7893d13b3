"""Horrya Press (horrya.net): one WordPress with Arabic and English posts at
/archives/<id>. REST API first, then /feed/. Language is left to the extractor (both
languages share the site); some old pages are windows-1256 behind a UTF-8 header, which
the extractor's charset detection handles — the spider passes the bytes untouched."""

from __future__ import annotations

from spiders import permalinks
from spiders.wp import WordPressSpider

PERMALINK = permalinks.HORRYA


class HorryaSpider(WordPressSpider):
    name = "horrya"
    permalink = PERMALINK

    def hint_lang(self, link: str) -> str | None:
        return None
