"""Ingest one fetched page: extract → dedupe → classify → store → queue alerts.

Independent of Scrapy: the Scrapy pipeline, the tests and the benchmarks all call
``Ingestor.ingest(page)``. Everything a page changes in the store — the archived
capture, the article or its new version, the duplicate link, labels and the alert
rows (the transactional outbox) — is written in one transaction, so a killed
process leaves either all of it or none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from crawler.cases.linker import link_article
from crawler.config import Config, SourceConfig
from crawler.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    Fingerprint,
    copy_similarity,
    fingerprint,
    paragraph_shapes,
    similarity,
)
from crawler.errors import ExtractionError
from crawler.extract import extract
from crawler.models import Classification, Extracted, FetchedPage, IngestResult, Outcome
from crawler.store import Store, utcnow
from crawler.urls import InvalidURLError, canonicalize_for_source, host_of
from crawler.watchlist import queue_watch_alerts

log = logging.getLogger(__name__)

# A paragraph shape carried by this many distinct stored articles is a stock paragraph
# (a source's closing tally or disclaimer) and is ignored when comparing texts. Copies
# of one article are stored once, so only different articles can make a shape frequent.
STOCK_SHAPE_MIN_ARTICLES = 3

# LSH candidates whose estimated similarity reaches this are compared exactly; the exact
# comparison (crawler.dedupe.copy_similarity) decides. Lower than the decision threshold
# because a reprint's own intro and footer pull the estimate down.
CANDIDATE_FLOOR = 0.5

Classifier = Callable[..., Classification]


@dataclass(frozen=True)
class _Match:
    article_id: int
    kind: str  # "exact" or "near"
    similarity: float


class Ingestor:
    """Turns fetched pages into stored articles and queued alerts."""

    def __init__(self, store: Store, config: Config, *,
                 classify: Classifier | None = None) -> None:
        if classify is None:
            from classifiers import classify as default_classify

            classify = default_classify
        self.store = store
        self.config = config
        self.classify = classify

    def canonical_url(self, url: str, source: SourceConfig) -> str:
        return canonicalize_for_source(url, base_url=source.url, aliases=source.aliases)

    def ingest(self, page: FetchedPage) -> IngestResult:
        source = self.config.source(page.source)
        url = self._pick_url(page, source)
        now = page.fetched_at or utcnow()
        if page.status in (404, 410):
            return self._removed(page, url, now)
        try:
            extracted = extract(page.body, url=page.final_url, hints=page.hints,
                                default_lang=source.lang)
        except ExtractionError as exc:
            with self.store.transaction():
                known = self.store.article_by_url(url)
                self.store.insert_capture(page, kind="failed",
                                          article_id=known["id"] if known else None)
            log.warning("%s: %s", source.name, exc)
            return IngestResult(Outcome.EXTRACTION_FAILED, canonical_url=url, message=str(exc))
        print_ = fingerprint(extracted.text)
        with self.store.transaction():
            existing = self.store.article_by_url(url)
            if existing is not None:
                return self._known(page, url, existing, extracted, print_, source)
            duplicate = self.store.duplicate_by_url(url)
            if duplicate is not None:
                capture_id = self.store.insert_capture(page, kind="duplicate",
                                                       article_id=duplicate["article_id"],
                                                       extracted=extracted)
                return IngestResult(Outcome.DUPLICATE, article_id=duplicate["article_id"],
                                    canonical_url=url, duplicate_of=duplicate["article_id"],
                                    message=f"already linked (capture {capture_id})")
            match = self._find_duplicate(extracted.text, print_)
            if match is not None:
                capture_id = self.store.insert_capture(page, kind="duplicate",
                                                       article_id=match.article_id,
                                                       extracted=extracted)
                self.store.link_duplicate(match.article_id, url=url, source=source.name,
                                          kind=match.kind, similarity=match.similarity,
                                          capture_id=capture_id, found_at=now)
                return IngestResult(Outcome.DUPLICATE, article_id=match.article_id,
                                    canonical_url=url, duplicate_of=match.article_id,
                                    message=f"{match.kind} duplicate ({match.similarity:.2f})")
            return self._new(page, url, extracted, print_, source)

    # -- outcomes --------------------------------------------------------------------

    def _new(self, page: FetchedPage, url: str, extracted: Extracted, print_: Fingerprint,
             source: SourceConfig) -> IngestResult:
        classification = self.classify(extracted.title, extracted.text, extracted.lang,
                                       extracted.published)
        now = page.fetched_at
        article_id, version_id = self.store.insert_article(
            url=url, source=source.name, lang=extracted.lang, extracted=extracted,
            text_hash=print_.content_hash, classification=classification, seen_at=now)
        self.store.insert_capture(page, kind="article", article_id=article_id,
                                  version_id=version_id, extracted=extracted)
        self.store.set_link(article_id, self._published_link(page, extracted, source))
        self.store.save_fingerprint(article_id, print_.content_hash, print_.signature,
                                    print_.band_keys)
        self.store.count_paragraph_shapes(paragraph_shapes(extracted.text))
        for alias in self._url_variants(page, source, url):
            self.store.link_duplicate(article_id, url=alias, source=source.name,
                                      kind="url_variant", similarity=1.0, capture_id=None,
                                      found_at=now)
        queued = self._queue_alerts(article_id, source.name, extracted.lang,
                                    classification.labels)
        queued += link_article(self.store, self.config.channels, article_id)
        # The private watchlist: not added to `queued`, which reaches the logs.
        queue_watch_alerts(self.store, article_id, extracted.title, extracted.text)
        return IngestResult(Outcome.NEW, article_id=article_id, canonical_url=url,
                            labels=classification.labels, alerts_queued=queued)

    def _known(self, page: FetchedPage, url: str, existing: dict, extracted: Extracted,
               print_: Fingerprint, source: SourceConfig) -> IngestResult:
        article_id = existing["id"]
        now = page.fetched_at
        self.store.set_link(article_id, self._published_link(page, extracted, source))
        if print_.content_hash == existing["text_hash"]:
            self.store.insert_capture(page, kind="article", article_id=article_id,
                                      version_id=self.store.current_version_id(article_id),
                                      extracted=extracted)
            self.store.touch_article(article_id, now)
            return IngestResult(Outcome.UNCHANGED, article_id=article_id, canonical_url=url,
                                labels=tuple(existing["labels"]))
        classification = self.classify(extracted.title, extracted.text, extracted.lang,
                                       extracted.published or existing.get("published"))
        version, version_id = self.store.add_version(
            article_id, extracted=extracted, text_hash=print_.content_hash,
            classification=classification, seen_at=now)
        self.store.insert_capture(page, kind="article", article_id=article_id,
                                  version_id=version_id, extracted=extracted)
        self.store.save_fingerprint(article_id, print_.content_hash, print_.signature,
                                    print_.band_keys)
        queued = self._queue_alerts(article_id, source.name,
                                    extracted.lang or existing.get("lang"),
                                    classification.labels)
        queued += link_article(self.store, self.config.channels, article_id)
        # The private watchlist: not added to `queued`, which reaches the logs.
        queue_watch_alerts(self.store, article_id, extracted.title, extracted.text)
        return IngestResult(Outcome.NEW_VERSION, article_id=article_id, canonical_url=url,
                            labels=classification.labels, alerts_queued=queued,
                            message=f"version {version}")

    def _removed(self, page: FetchedPage, url: str, now: datetime) -> IngestResult:
        with self.store.transaction():
            existing = self.store.article_by_url(url)
            if existing is None:
                return IngestResult(Outcome.EXTRACTION_FAILED, canonical_url=url,
                                    message=f"HTTP {page.status} for an unknown page")
            self.store.insert_capture(page, kind="removed", article_id=existing["id"])
            newly = self.store.mark_removed(existing["id"], now)
            queued = 0
            if newly:
                for channel in self.config.channels:
                    if channel.removals and self.store.enqueue_alert(
                            channel=channel.name, kind="removal", key=str(existing["id"]),
                            mode="immediate", article_id=existing["id"],
                            labels=existing["labels"],
                            payload={"status": page.status, "removed_at": now.isoformat()}):
                        queued += 1
            return IngestResult(Outcome.REMOVED, article_id=existing["id"], canonical_url=url,
                                labels=tuple(existing["labels"]), alerts_queued=queued)

    # -- helpers ---------------------------------------------------------------------

    def _queue_alerts(self, article_id: int, source: str, lang: str | None,
                      labels: tuple[str, ...]) -> int:
        """Queue an article's alerts in the caller's transaction.

        A channel is alerted about an article once. An edited version is alerted again
        only if it now carries a label the channel wants that it did not carry when the
        channel was first alerted (an 'update' alert, keyed by the new labels).
        """
        queued = 0
        for channel in self.config.channels:
            if not channel.wants(labels=labels, source=source, lang=lang):
                continue
            wanted = set(labels) & set(channel.labels) if channel.labels else set(labels)
            before = self.store.alerted_labels(article_id, channel.name)
            if before is None:
                kind, key = "article", str(article_id)
            elif wanted - before:
                kind, key = "update", f"{article_id}:{'+'.join(sorted(wanted - before))}"
            else:
                continue
            if self.store.enqueue_alert(channel=channel.name, kind=kind, key=key,
                                        mode=channel.mode, article_id=article_id,
                                        labels=sorted(wanted)):
                queued += 1
        return queued

    def _find_duplicate(self, text: str, print_: Fingerprint) -> _Match | None:
        """An article this text copies, exactly or nearly.

        Stored signatures and LSH band keys use only the built-in stock masking, so they
        never go stale. A candidate is confirmed on the exact texts, both also stripped of
        the paragraphs learnt as stock since (closings shared by many different reports),
        so two different reports that end alike are not taken for copies.
        """
        exact = self.store.article_by_hash(print_.content_hash)
        if exact is not None:
            return _Match(exact, "exact", 1.0)
        stock: frozenset[str] | None = None
        best: _Match | None = None
        for article_id, signature in self.store.near_candidates(print_.band_keys):
            if similarity(print_.signature, signature) < CANDIDATE_FLOOR:
                continue
            if stock is None:
                stock = self.store.frequent_shapes(STOCK_SHAPE_MIN_ARTICLES)
            other = self.store.article_text(article_id) or ""
            score = copy_similarity(text, other, extra_shapes=stock)
            if score >= NEAR_DUPLICATE_THRESHOLD and (best is None or score > best.similarity):
                best = _Match(article_id, "near", score)
        return best

    def _pick_url(self, page: FetchedPage, source: SourceConfig) -> str:
        """The canonical URL: the page's declared canonical link when it stays on the source's
        own hosts, else the URL the article was discovered under."""
        declared = page.hints.canonical_url
        own_hosts = {host_of(source.url), *source.aliases}
        if declared and host_of(declared) in own_hosts | {host_of(page.url)}:
            return self.canonical_url(declared, source)
        return self.canonical_url(page.url, source)

    def _published_link(self, page: FetchedPage, extracted: Extracted,
                        source: SourceConfig) -> str:
        """The address as published, for people to open: the page's own canonical link when
        it is an http(s) link on the source's hosts, else the URL the page was fetched at
        (after redirects). Never the normalised key, which the site may not serve."""
        declared = page.hints.canonical_url or extracted.canonical_url
        try:
            own_hosts = {host_of(source.url), *source.aliases, host_of(page.final_url)}
            if declared and host_of(declared) in own_hosts:
                return declared
        except InvalidURLError:  # a canonical link that is no http(s) URL
            pass
        return page.final_url

    def _url_variants(self, page: FetchedPage, source: SourceConfig, url: str) -> list[str]:
        variants = {self.canonical_url(u, source) for u in (page.url, page.final_url)}
        variants.discard(url)
        return sorted(variants)
