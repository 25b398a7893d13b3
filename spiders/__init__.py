"""Scrapy spiders: one thin file per source family. Spiders discover and fetch; they never
parse article text (that is crawler.extract's job)."""
