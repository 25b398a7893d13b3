"""Ingest one fetched page: extract → dedupe → classify → store → queue alerts.

Independent of Scrapy: the Scrapy pipeline, ``raqib import``, the tests and the benchmarks
all go through ``Ingestor``. Ingest is two stages:

* ``prepare(page, source)``: the CPU work (the article key and links, extraction, language,
  fingerprint, paragraph shapes, the capture's hash and compressed bytes and, when asked,
  classification and the search terms). Pure: no store, picklable in and out, so a pool of
  worker processes can run it (``crawler.ingest_pool``) and the writer does less.
* ``Ingestor.write(page, prepared)``: what needs the store — duplicate lookups, then every
  row the page changes: the archived capture, the article or its new version, the duplicate
  link, labels and the alert rows (the transactional outbox), in one transaction, so a
  killed process leaves either all of it or none of it. A caller may wrap several writes in
  one outer transaction (batched commits): the outbox rows still commit with their article.

``Ingestor.ingest(page)`` runs both in this process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from crawler.archive.search_terms import extra_terms
from crawler.archive.store import Packed, Store, iso, pack, utcnow
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
from crawler.gone import SECTION, moved_away, not_found_page
from crawler.models import Classification, Extracted, FetchedPage, IngestResult, Outcome
from crawler.shorttext import guard_short_texts
from crawler.urls import InvalidURLError, canonical_url, host_of
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
class Prepared:
    """What the CPU stage found in one page, without the store.

    ``classification`` is the page classified with its own publication date; ``None`` when
    the stage was asked not to classify (the writer then classifies only pages that are new
    or changed). ``terms``: the extra search terms of the text as a first version, made
    with ``classification``'s folded text; ``packed``: the page's bytes as a capture keeps
    them (``None`` for a page given without its bytes)."""

    url: str  # the article key (see ``pick_url``)
    extracted: Extracted | None = None
    error: str = ""  # why extraction failed, when ``extracted`` is None
    fingerprint: Fingerprint | None = None
    shapes: frozenset[str] = frozenset()
    classification: Classification | None = None
    link: str = ""  # the address as published (see ``published_link``)
    variants: tuple[str, ...] = ()  # other keys the page was reached under
    terms: str | None = None
    packed: Packed | None = None
    gone: str = ""  # why a page answered 2xx/3xx says the article is gone (crawler.gone)


def prepare(page: FetchedPage, source: SourceConfig, *,
            classify: Classifier | None = None) -> Prepared:
    """The store-free part of ingesting ``page`` of ``source`` (see the module docstring)."""
    url = pick_url(page, source)
    if page.status in (404, 410):
        return Prepared(url)
    moved = moved_away(page)
    packed = pack(page.body) if page.body else None
    try:
        extracted = extract(page.body, url=page.final_url, hints=page.hints,
                            default_lang=source.lang)
    except ExtractionError as exc:
        gone = moved or (_NOT_FOUND if not_found_page(page) else "")
        return Prepared(url, error=str(exc), packed=packed, gone=gone)
    gone = moved or (_NOT_FOUND if not_found_page(page, len(extracted.text)) else "")
    classification = None
    terms = None
    if classify is not None:
        classification = classify(extracted.title, extracted.text, extracted.lang,
                                  extracted.published)
        if classification.normalised:
            title, _, text = classification.normalised.partition("\n")
            terms = extra_terms([extracted.title, extracted.text], f"{title}\n{text}")
    return Prepared(url, extracted=extracted, fingerprint=fingerprint(extracted.text),
                    shapes=paragraph_shapes(extracted.text), classification=classification,
                    link=published_link(page, extracted, source),
                    variants=url_variants(page, source, url), terms=terms, packed=packed,
                    gone=gone)


_NOT_FOUND = "the site answers with a 'page not found' page"
CONFIRM_AFTER = timedelta(hours=1)
"""A removal told without 404/410 is marked only when an answer this long after the first
says so too: a site sending every path to its front page for a while removes nothing."""
STILL_THE_ARTICLE = 0.5
"""Estimated Jaccard similarity (5-gram sets) to a known article's text at or above which a
gone-looking page still carries that article: an edit at a changed address, no removal."""


def _share_of_words(known: str, page: str) -> float:
    """The share of the known text's distinct words the page carries: short items, whose
    5-word shingles an edit of two words spoils, still read as one text."""
    words = set(known.lower().split())
    return len(words & set(page.lower().split())) / len(words) if words else 0.0


@dataclass(frozen=True)
class _Match:
    article_id: int
    kind: str  # "exact" or "near"
    similarity: float


class Ingestor:
    """Turns fetched pages into stored articles and queued alerts."""

    def __init__(self, store: Store, config: Config, *,
                 classify: Classifier | None = None, alerts: bool = True,
                 sources: Mapping[str, SourceConfig] | None = None) -> None:
        """``alerts=False``: queue no alert rows (``raqib import`` without ``--alert``).
        ``sources``: sources beyond the config's, by name (an import's hosts); read as it
        stands at each page, so its owner may add to it meanwhile."""
        if classify is None:
            from classifiers import classify as default_classify

            classify = default_classify
        self.store = store
        self.config = config
        self.classify = guard_short_texts(classify)
        self.alerts = alerts
        self.sources: Mapping[str, SourceConfig] = sources if sources is not None else {}

    def source(self, name: str) -> SourceConfig:
        found = self.sources.get(name)
        return found if found is not None else self.config.source(name)

    def ingest(self, page: FetchedPage) -> IngestResult:
        """Prepare and write one page in this process."""
        source = self.source(page.source)
        return self.write(page, prepare(page, source))

    def write(self, page: FetchedPage, prepared: Prepared) -> IngestResult:
        """The store stage of one prepared page, in one transaction (or the caller's)."""
        source = self.source(page.source)
        url = prepared.url
        now = page.fetched_at or utcnow()
        if page.status in (404, 410):
            return self._removed(page, url, now)
        if prepared.gone and self._gone(url, prepared):
            return self._removed(page, url, now, prepared.gone, prepared.packed)
        extracted, print_ = prepared.extracted, prepared.fingerprint
        if extracted is None or print_ is None:
            with self.store.transaction():
                known = self.store.article_by_url(url)
                self.store.insert_capture(page, kind="failed",
                                          article_id=known["id"] if known else None,
                                          packed=prepared.packed)
            log.warning("%s: %s", source.name, prepared.error)
            return IngestResult(Outcome.EXTRACTION_FAILED, canonical_url=url,
                                message=prepared.error)
        with self.store.transaction():
            existing = self.store.article_by_url(url)
            if existing is not None:
                return self._known(page, url, existing, prepared, source)
            duplicate = self.store.duplicate_by_url(url)
            if duplicate is not None:
                capture_id = self.store.insert_capture(page, kind="duplicate",
                                                       article_id=duplicate["article_id"],
                                                       extracted=extracted,
                                                       packed=prepared.packed)
                return IngestResult(Outcome.DUPLICATE, article_id=duplicate["article_id"],
                                    canonical_url=url, duplicate_of=duplicate["article_id"],
                                    message=f"already linked (capture {capture_id})")
            match = self._find_duplicate(extracted.text, print_)
            if match is not None:
                capture_id = self.store.insert_capture(page, kind="duplicate",
                                                       article_id=match.article_id,
                                                       extracted=extracted,
                                                       packed=prepared.packed)
                self.store.link_duplicate(match.article_id, url=url, source=source.name,
                                          kind=match.kind, similarity=match.similarity,
                                          capture_id=capture_id, found_at=now)
                return IngestResult(Outcome.DUPLICATE, article_id=match.article_id,
                                    canonical_url=url, duplicate_of=match.article_id,
                                    message=f"{match.kind} duplicate ({match.similarity:.2f})")
            return self._new(page, url, prepared, source)

    # -- outcomes --------------------------------------------------------------------

    def _new(self, page: FetchedPage, url: str, prepared: Prepared,
             source: SourceConfig) -> IngestResult:
        extracted, print_ = _ready(prepared)
        classification = self._classification(prepared)
        now = page.fetched_at
        article_id, version_id = self.store.insert_article(
            url=url, source=source.name, lang=extracted.lang, extracted=extracted,
            text_hash=print_.content_hash, classification=classification, seen_at=now,
            terms=prepared.terms if classification is prepared.classification else None)
        self.store.insert_capture(page, kind="article", article_id=article_id,
                                  version_id=version_id, extracted=extracted,
                                  packed=prepared.packed)
        self.store.set_link(article_id, prepared.link)
        self.store.save_fingerprint(article_id, print_.content_hash, print_.signature,
                                    print_.band_keys)
        self.store.count_paragraph_shapes(prepared.shapes)
        for alias in prepared.variants:
            self.store.link_duplicate(article_id, url=alias, source=source.name,
                                      kind="url_variant", similarity=1.0, capture_id=None,
                                      found_at=now)
        queued = self._downstream(article_id, source.name, extracted.lang,
                                  classification.labels, extracted)
        return IngestResult(Outcome.NEW, article_id=article_id, canonical_url=url,
                            labels=classification.labels, alerts_queued=queued)

    def _known(self, page: FetchedPage, url: str, existing: dict, prepared: Prepared,
               source: SourceConfig) -> IngestResult:
        extracted, print_ = _ready(prepared)
        article_id = existing["id"]
        now = page.fetched_at
        self.store.set_link(article_id, prepared.link)
        if print_.content_hash == existing["text_hash"]:
            self.store.insert_capture(page, kind="article", article_id=article_id,
                                      version_id=self.store.current_version_id(article_id),
                                      extracted=extracted, packed=prepared.packed)
            if iso(now) >= existing["last_seen"]:  # an older capture (an import) tells
                self.store.touch_article(article_id, now)  # nothing of today's article
            return IngestResult(Outcome.UNCHANGED, article_id=article_id, canonical_url=url,
                                labels=tuple(existing["labels"]))
        classification = self._classification(prepared, existing.get("published"))
        version, version_id = self.store.add_version(
            article_id, extracted=extracted, text_hash=print_.content_hash,
            classification=classification, seen_at=now)
        self.store.insert_capture(page, kind="article", article_id=article_id,
                                  version_id=version_id, extracted=extracted,
                                  packed=prepared.packed)
        self.store.save_fingerprint(article_id, print_.content_hash, print_.signature,
                                    print_.band_keys)
        queued = self._downstream(article_id, source.name,
                                  extracted.lang or existing.get("lang"),
                                  classification.labels, extracted)
        return IngestResult(Outcome.NEW_VERSION, article_id=article_id, canonical_url=url,
                            labels=classification.labels, alerts_queued=queued,
                            message=f"version {version}")

    def _gone(self, url: str, prepared: Prepared) -> bool:
        """Whether a page ``crawler.gone`` found gone-looking is taken as gone. For a page
        never stored, only the front page or a not-found page is (a section redirect may be
        a site trimming its addresses: the report is kept). For a known article, not if the
        page carries its very text; after a section redirect, not if it carries the same
        title or most of the same words (an edited article at a trimmed address)."""
        existing = self.store.article_by_url(url)
        if existing is None:
            return prepared.gone != SECTION
        if prepared.fingerprint is None:
            return True
        if existing["text_hash"] == prepared.fingerprint.content_hash:
            return False
        if prepared.gone != SECTION or prepared.extracted is None:
            return True
        if " ".join(prepared.extracted.title.split()) == " ".join(existing["title"].split()):
            return False
        signature = self.store.signature_of(existing["id"])
        if signature is not None and \
                similarity(signature, prepared.fingerprint.signature) >= STILL_THE_ARTICLE:
            return False
        return _share_of_words(existing["text"], prepared.extracted.text) < STILL_THE_ARTICLE

    def _removed(self, page: FetchedPage, url: str, now: datetime, reason: str = "",
                 packed: Packed | None = None) -> IngestResult:
        """A known article marked removed. A gone answer (``reason``) is archived even for
        an unknown page, as a capture of no article; an answer older than the article's
        last sighting (a WARC import of an old capture) marks nothing."""
        why = reason or f"HTTP {page.status}"
        with self.store.transaction():
            existing = self.store.article_by_url(url)
            if existing is None:
                if reason:
                    self.store.insert_capture(page, kind="removed", packed=packed)
                return IngestResult(Outcome.EXTRACTION_FAILED, canonical_url=url,
                                    message=f"{why}: no article (an unknown page)")
            earlier = self.store.first_removal_since(existing["id"], existing["last_seen"])
            self.store.insert_capture(page, kind="removed", article_id=existing["id"],
                                      packed=packed)
            if iso(now) < existing["last_seen"]:
                return IngestResult(Outcome.UNCHANGED, article_id=existing["id"],
                                    canonical_url=url, labels=tuple(existing["labels"]),
                                    message=f"{why}, in an answer older than the article's "
                                            "last sighting: not marked removed")
            if reason and existing["removed_at"] is None and (
                    earlier is None or iso(now - CONFIRM_AFTER) < earlier):
                return IngestResult(Outcome.UNCHANGED, article_id=existing["id"],
                                    canonical_url=url, labels=tuple(existing["labels"]),
                                    message=f"{why}: suspected removed; marked removed when "
                                            "a recheck an hour or more later says so too")
            newly = self.store.mark_removed(existing["id"], now)
            queued = 0
            if newly and self.alerts:
                for channel in self.config.channels:
                    if channel.removals and self.store.enqueue_alert(
                            channel=channel.name, kind="removal", key=str(existing["id"]),
                            mode="immediate", article_id=existing["id"],
                            labels=existing["labels"],
                            payload={"status": page.status, "removed_at": now.isoformat(),
                                     "reason": reason}):
                        queued += 1
            return IngestResult(Outcome.REMOVED, article_id=existing["id"], canonical_url=url,
                                labels=tuple(existing["labels"]), alerts_queued=queued,
                                message=why)

    # -- helpers ---------------------------------------------------------------------

    def _classification(self, prepared: Prepared,
                        published_before: str | None = None) -> Classification:
        """The prepared classification, unless the date it was made with differs from the
        one the article carries (a page without a date keeps the stored article's)."""
        extracted, _ = _ready(prepared)
        published = extracted.published or published_before
        if prepared.classification is not None and published == extracted.published:
            return prepared.classification
        return self.classify(extracted.title, extracted.text, extracted.lang, published)

    def _downstream(self, article_id: int, source: str, lang: str | None,
                    labels: tuple[str, ...], extracted: Extracted) -> int:
        """What a stored text sets off, in its transaction: its alert rows, its cases (linked
        also when no alert is wanted, so an import builds them) and the private watchlist.
        Returns the alert rows queued, watch alerts left out (the count reaches the logs)."""
        queued = self._queue_alerts(article_id, source, lang, labels)
        queued += link_article(self.store, self.config.channels if self.alerts else (),
                               article_id)
        if self.alerts:
            queue_watch_alerts(self.store, article_id, extracted.title, extracted.text)
        return queued

    def _queue_alerts(self, article_id: int, source: str, lang: str | None,
                      labels: tuple[str, ...]) -> int:
        """Queue an article's alerts in the caller's transaction.

        A channel is alerted about an article once. An edited version is alerted again
        only if it now carries a label the channel wants that it did not carry when the
        channel was first alerted (an 'update' alert, keyed by the new labels).
        """
        queued = 0
        if not self.alerts:
            return queued
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


def _ready(prepared: Prepared) -> tuple[Extracted, Fingerprint]:
    assert prepared.extracted is not None
    assert prepared.fingerprint is not None
    return prepared.extracted, prepared.fingerprint


# Every page of a source compares against the source's own host: remembered.
_host = lru_cache(maxsize=4096)(host_of)


def pick_url(page: FetchedPage, source: SourceConfig) -> str:
    """The canonical URL: the page's declared canonical link when it stays on the source's
    own hosts, else the URL the article was discovered under."""
    declared = page.hints.canonical_url
    own_hosts = {_host(source.url), *source.aliases}
    if declared and _host(declared) in own_hosts | {_host(page.url)}:
        return canonical_url(declared, source)
    return canonical_url(page.url, source)


def published_link(page: FetchedPage, extracted: Extracted, source: SourceConfig) -> str:
    """The address as published, for people to open: the page's own canonical link when
    it is an http(s) link on the source's hosts, else the URL the page was fetched at
    (after redirects). Never the normalised key, which the site may not serve."""
    declared = page.hints.canonical_url or extracted.canonical_url
    try:
        own_hosts = {_host(source.url), *source.aliases, _host(page.final_url)}
        if declared and _host(declared) in own_hosts:
            return declared
    except InvalidURLError:  # a canonical link that is no http(s) URL
        pass
    return page.final_url


def url_variants(page: FetchedPage, source: SourceConfig, url: str) -> tuple[str, ...]:
    """The other keys the page was reached under (before redirects, after them)."""
    # A post carried by a listing (hints.text) was fetched at the listing's URL, which is
    # no address of this post.
    fetched = (page.url,) if page.hints.text is not None else (page.url, page.final_url)
    variants = {canonical_url(u, source) for u in fetched}
    variants.discard(url)
    return tuple(sorted(variants))
