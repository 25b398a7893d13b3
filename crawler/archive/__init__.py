"""The archive: the store (the only SQL, its schema and migrations) and what reads it:
search, show, diff, export, verify, stats and the Datasette browser.

The crawl, the import and ingest write through :class:`crawler.archive.store.Store`; they
stay beside this package in ``crawler/``.
"""
