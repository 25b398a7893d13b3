"""A case's timeline as people read it: one line per (date, status), with every source that
reports it. No heavy imports: alert rendering uses it in the daemon's parent process."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TimelineLine:
    when: str  # the event's date, else "reported YYYY-MM-DD"
    status: str
    sources: tuple[str, ...]
    urls: tuple[str, ...]


def grouped(timeline: Iterable[dict[str, Any]]) -> list[TimelineLine]:
    """Events of the same status and date told by several reports, as one line each, in
    the timeline's order."""
    lines: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for event in timeline:
        when = event.get("date") or f"reported {event.get('reported') or '?'}"
        sources, urls = lines.setdefault((when, str(event.get("status"))), ([], []))
        if event.get("source") not in sources:
            sources.append(str(event.get("source")))
        if event.get("url") and event["url"] not in urls:
            urls.append(str(event["url"]))
    return [TimelineLine(when, status, tuple(s), tuple(u))
            for (when, status), (s, u) in lines.items()]
