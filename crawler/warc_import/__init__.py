"""``raqib import``: WARC and WARC.gz archives ingested like crawled pages.

``reader`` turns a file into HTML response captures (skipping the rest, reporting what it
cannot read); ``importer`` feeds them through the ingest engine (``crawler.ingest_pool``)
into the store.
"""
