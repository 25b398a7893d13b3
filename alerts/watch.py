"""A watch alert's message, rendered at dispatch time from the private watch file (the outbox
row holds only the entry's token)."""

from __future__ import annotations

from typing import Any

from alerts.render import Message, render_watch
from crawler.config import Config
from crawler.watchlist import WatchBook


def render_watch_row(row: dict[str, Any], payload: dict[str, Any],
                     articles: dict[int, dict[str, Any]], config: Config) -> Message:
    entry = WatchBook.beside(config.store.path).by_token(str(payload.get("watch") or ""))
    return render_watch(articles.get(row.get("article_id") or -1),
                        watched=entry.name if entry else None,
                        entry=entry.id if entry else None,
                        watch_note=entry.note if entry else "",
                        content_note=config.alerts.content_note)
