"""What each mirror currently publishes: the sample articles and their life cycle.

A mirror article is a sample plus its state on the fake site (hidden until published,
edited, removed). Every change bumps ``generation`` so feeds, listings and API pages get
new validators (ETag / Last-Modified) exactly when their content could have changed.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from crawler.samples import SampleArticle


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


@dataclass(frozen=True)
class MirrorArticle:
    """One article as a mirror site serves it right now."""

    sample: SampleArticle
    published: datetime  # UTC
    modified: datetime  # UTC
    visible: bool = True
    edited: bool = False
    removed: bool = False

    @property
    def stem(self) -> str:
        return self.sample.stem

    @property
    def site(self) -> str:
        """The mirror site serving the article: SNHR's reports live on their own host."""
        if self.sample.site == "snhr" and self.sample.section == "reports":
            return "snhrorg"
        return self.sample.site

    @property
    def id(self) -> int:
        return self.sample.id

    @property
    def slug(self) -> str:
        return self.sample.slug

    @property
    def title(self) -> str:
        if self.edited and self.sample.edited_title:
            return self.sample.edited_title
        return self.sample.title

    @property
    def paragraphs(self) -> tuple[str, ...]:
        if self.edited and self.sample.edited_paragraphs:
            return self.sample.edited_paragraphs
        return self.sample.paragraphs

    @property
    def listed(self) -> bool:
        """Shown in feeds, listings and the API."""
        return self.visible and not self.removed


class Catalogue:
    """Thread-safe state of every sample article across all mirrors."""

    def __init__(self, samples: Iterable[SampleArticle], hidden: Collection[str] = ()) -> None:
        self._lock = threading.Lock()
        self._articles: dict[str, MirrorArticle] = {}
        for sample in samples:
            published = parse_iso(sample.published)
            self._articles[sample.stem] = MirrorArticle(
                sample=sample,
                published=published,
                modified=published,
                visible=sample.stem not in hidden,
            )
        unknown = set(hidden) - self._articles.keys()
        if unknown:
            raise ValueError(f"hidden names unknown sample stems: {', '.join(sorted(unknown))}")
        self.generation = 0
        self._changed_at: dict[str, datetime] = {}

    def get(self, stem: str) -> MirrorArticle:
        with self._lock:
            try:
                return self._articles[stem]
            except KeyError:
                known = ", ".join(sorted(self._articles))
                raise KeyError(f"no sample {stem!r}; known: {known}") from None

    def of_site(self, site: str) -> list[MirrorArticle]:
        """Every article of a site (listed or not), newest first."""
        with self._lock:
            found = [a for a in self._articles.values() if a.site == site]
        return sorted(found, key=lambda a: (a.published, a.id), reverse=True)

    def update(self, stem: str, **changes: object) -> MirrorArticle:
        with self._lock:
            article = replace(self._articles[stem], **changes)  # type: ignore[arg-type]
            self._articles[stem] = article
            self.generation += 1
            self._changed_at[article.site] = datetime.now(UTC).replace(microsecond=0)
            return article

    def last_change(self, site: str) -> datetime:
        """Last-Modified of a site's feeds and listings."""
        listed = [a.modified for a in self.of_site(site) if a.listed]
        epoch = datetime(2000, 1, 1, tzinfo=UTC)
        return max([*listed, self._changed_at.get(site, epoch)])
