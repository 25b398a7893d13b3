"""The shared vocabulary that flows one way through raqib.

    spider ─FetchedPage─▶ extract ─Extracted─▶ dedupe ─▶ classify ─Classification─▶ store ─▶ alerts

Plain frozen dataclasses: no I/O, no Scrapy, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

LABELS: tuple[str, ...] = (
    "torture_death",
    "enforced_disappearance",
    "arbitrary_arrest",
    "release",
)
LANGS: tuple[str, ...] = ("en", "ar", "fr")


@dataclass(frozen=True)
class PageHints:
    """What a spider learnt about a page before fetching it (from a feed, API or listing).

    Spiders discover and fetch; they do not parse article text. Hints are
    preferred over what the extractor guesses from the page (e.g. SNHR's Arabic
    pages begin with the site header's *current* date, never the publication date).
    """

    title: str | None = None
    published: str | None = None  # ISO 8601, UTC where known
    modified: str | None = None
    lang: str | None = None
    canonical_url: str | None = None
    guid: str | None = None
    categories: tuple[str, ...] = ()
    # The article's whole text when the listing itself carries it (a Telegram channel's
    # preview holds each post in full): extraction reads this instead of the page body,
    # which is the listing with many other posts. None for ordinary article pages.
    text: str | None = None


@dataclass(frozen=True)
class FetchedPage:
    """One HTTP response for an article page, exactly as received."""

    source: str
    url: str  # the URL as discovered, before redirects
    final_url: str  # after redirects
    status: int
    headers: tuple[tuple[str, str], ...]  # response headers in the order received
    body: bytes  # raw bytes, never decoded text
    fetched_at: datetime  # UTC
    redirects: tuple[str, ...] = ()  # URLs visited before final_url
    request_headers: tuple[tuple[str, str], ...] = ()
    hints: PageHints = field(default_factory=PageHints)

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None


@dataclass(frozen=True)
class Extracted:
    """Clean text and metadata of one page, as the extractor read it."""

    title: str
    text: str
    published: str | None = None  # ISO 8601 date or datetime
    lang: str | None = None
    author: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    extractor: str = ""  # e.g. "trafilatura 2.3.1"


@dataclass(frozen=True)
class Classification:
    """What the classifier found in one article."""

    labels: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    probable: tuple[str, ...] = ()  # labels whose evidence is hedged ("reportedly", يرجح)
    # The title and text as the classifier normalised them (classifiers.normalise.fold): title
    # on the first line, then one sentence per line. The store indexes it for search instead
    # of folding the text again; empty when the classifier did not give it.
    normalised: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "evidence": {label: list(sentences) for label, sentences in self.evidence.items()},
            "facts": dict(self.facts),
        }
        if self.probable:
            out["probable"] = list(self.probable)
        return out


class Outcome(StrEnum):
    """What ingesting one fetched page did to the store."""

    NEW = "new"  # a new article
    NEW_VERSION = "new_version"  # a known article whose text changed
    UNCHANGED = "unchanged"  # a known article, same text (capture kept if bytes differ)
    DUPLICATE = "duplicate"  # same or near-same text as another article: linked, not stored twice
    EXTRACTION_FAILED = "extraction_failed"  # the raw page is archived, no article text
    REMOVED = "removed"  # the source answered 404/410 for a known article


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    article_id: int | None = None
    canonical_url: str | None = None
    labels: tuple[str, ...] = ()
    duplicate_of: int | None = None
    alerts_queued: int = 0
    message: str = ""
