"""``raqib show URL``: one stored article as an archivist reads it.

Title, source, dates, labels with their evidence, facts, versions, duplicates and the text,
and the archived page itself (``--raw``) exactly as it was fetched. Links are shown decoded
(``crawler.urls.display_url``) so Arabic addresses are readable; the JSON form carries the
stored address as published, which a client can open as it is.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from crawler.archive.diff import find_article
from crawler.archive.store import Store, decompress
from crawler.errors import UsageError
from crawler.urls import InvalidURLError, canonicalize, display_url

FACT_ORDER = ("victims", "governorate", "perpetrator", "death_date", "arrest_date", "counts")
WIDTH = 88


class NotStored(UsageError):
    """The URL is neither a stored article nor a copy folded into one."""


@dataclass(frozen=True)
class ArticleView:
    article: dict[str, Any]
    versions: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    captures: list[dict[str, Any]]  # without raw bytes, oldest first
    asked: str  # the URL as typed

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "url": a["url"], "source": a["source"], "lang": a["lang"], "title": a["title"],
            "published": a["published"], "first_seen": a["first_seen"],
            "last_seen": a["last_seen"], "removed_at": a["removed_at"],
            "labels": a["labels"], "probable": a.get("probable") or [], "scores": a["scores"],
            "evidence": a["evidence"], "facts": a["facts"],
            "versions": [{"version": v["version"], "created_at": v["created_at"],
                          "title": v["title"], "labels": v["labels"]} for v in self.versions],
            "duplicates": [{k: d[k] for k in ("url", "source", "kind", "similarity",
                                              "found_at")} for d in self.duplicates],
            "captures": [{k: c[k] for k in ("id", "kind", "url", "status", "fetched_at",
                                            "sha256", "size")} for c in self.captures],
            "text": a["text"],
        }

    def how_removed(self) -> str:
        """How the source last said the article is gone, from its last 'removed' capture."""
        gone = [c for c in self.captures if c["kind"] == "removed"]
        if not gone:
            return "the source no longer serves it"
        last = gone[-1]
        if last["status"] in (404, 410):
            return f"the source answers HTTP {last['status']}"
        if last["final_url"] and _another_page(last["url"], last["final_url"]):
            return f"the source redirects it to {display_url(last['final_url'])}"
        return "the source answers with a 'page not found' page"

    def render(self) -> str:
        a = self.article
        lines = [a["title"], "=" * min(len(a["title"]), WIDTH), ""]

        def row(name: str, value: str) -> None:
            lines.append(f"{name:<12}{value}")

        row("url", display_url(a["url"]))
        if self.asked != a["url"] and display_url(self.asked) != display_url(a["url"]):
            row("asked for", display_url(self.asked))
        row("source", f"{a['source']} ({a['lang'] or 'language unknown'})")
        row("published", a["published"] or "not given by the source")
        row("first seen", _moment(a["first_seen"]))
        row("last seen", _moment(a["last_seen"]))
        if a["removed_at"]:
            row("REMOVED", f"{_moment(a['removed_at'])}: {self.how_removed()}; the "
                           "archived copy is below (--raw writes the page as fetched)")
        lines.append("")
        if not a["labels"]:
            row("labels", "none")
        for label in a["labels"]:
            score = a["scores"].get(label)
            hedged = " probable" if label in (a.get("probable") or []) else ""
            row("label", f"{label}{hedged}" + (f" (score {score:.2f})" if score else ""))
            for sentence in a["evidence"].get(label, []):
                lines += _wrapped(f"“{' '.join(sentence.split())}”", indent=14, first="  · ")
        facts = a["facts"] or {}
        if facts:
            lines.append("")
            for key in [*FACT_ORDER, *sorted(set(facts) - set(FACT_ORDER))]:
                if key in facts:
                    row(key, _fact(facts[key]))
        lines += ["", f"versions    {len(self.versions)}"]
        for version in self.versions:
            labels = ", ".join(version["labels"]) or "no label"
            title = version["title"]
            title = title if len(title) <= 60 else title[:59] + "…"
            lines.append(f"  {version['version']:>2}  {_moment(version['created_at'])}  "
                         f"{title}  [{labels}]")
        lines.append(f"duplicates  {len(self.duplicates)}")
        for duplicate in self.duplicates:
            similarity = (f", similarity {duplicate['similarity']:.2f}"
                          if duplicate["similarity"] is not None else "")
            lines.append(f"  {display_url(duplicate['url'])}  ({duplicate['source']}, "
                         f"{duplicate['kind']}{similarity}, {duplicate['found_at'][:10]})")
        pages = "page" if len(self.captures) == 1 else "pages"
        lines.append(f"captures    {len(self.captures)} archived {pages} "
                     "(`raqib show URL --raw FILE` writes the latest as fetched)")
        for capture in self.captures:
            lines.append(f"  #{capture['id']:<5} {_moment(capture['fetched_at'])}  "
                         f"{capture['kind']:<9} HTTP {capture['status']}  "
                         f"{capture['size']} bytes  sha256 {capture['sha256'][:16]}…")
        lines += ["", "text", "----"]
        for paragraph in a["text"].split("\n"):
            lines += textwrap.wrap(paragraph, WIDTH) or [""]
        return "\n".join(lines)


def _moment(stamp: str | None) -> str:
    if not stamp:
        return "-"
    return stamp[:16].replace("T", " ") + (" UTC" if len(stamp) > 10 else "")


def _fact(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _wrapped(text: str, *, indent: int, first: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=" " * (indent - len(first)) + first,
                         subsequent_indent=" " * indent)


def article_view(store: Store, url: str, aliases: dict[str, str] | None = None) -> ArticleView:
    """Everything stored about the article at ``url`` (its address as published, its
    canonical form, decoded or percent-encoded, or a copy folded into it)."""
    article = find_article(store, url, aliases) or _by_fetched_url(store, url)
    if article is None:
        raise NotStored(f"{url}: not in the store; `raqib search` finds stored articles")
    versions = store.article_versions(article["id"])
    duplicates = store.query("SELECT url, source, kind, similarity, found_at FROM duplicates "
                             "WHERE article_id = ? ORDER BY id", [article["id"]])
    captures = store.query("SELECT id, version_id, kind, url, final_url, status, fetched_at, "
                           "sha256, size FROM captures WHERE article_id = ? ORDER BY id",
                           [article["id"]])
    return ArticleView(article, versions, duplicates, captures, url)


def _another_page(url: str, final: str) -> bool:
    """Whether a redirect led to another page, not only to another form of the same address
    (https, a trailing slash, tracking parameters)."""
    try:
        return canonicalize(url) != canonicalize(final)
    except InvalidURLError:
        return url != final


def _by_fetched_url(store: Store, url: str) -> dict[str, Any] | None:
    """The article a page was fetched for at ``url``, as requested or after redirects (a
    link from a feed or a short link that redirected to the article)."""
    from w3lib.url import safe_url_string

    candidates = list(dict.fromkeys((url, safe_url_string(url))))
    for candidate in candidates:
        article_id = store.scalar("SELECT article_id FROM captures WHERE (url = ? OR "
                                  "final_url = ?) AND article_id IS NOT NULL AND kind != "
                                  "'removed' ORDER BY id DESC LIMIT 1", [candidate, candidate])
        if article_id is not None:
            return store.article(int(article_id))
    for candidate in candidates:  # a scan of the redirect chains: the last resort
        article_id = store.scalar("SELECT article_id FROM captures WHERE article_id IS NOT "
                                  "NULL AND kind != 'removed' AND instr(redirects, ?) "
                                  "ORDER BY id DESC LIMIT 1", [json.dumps(candidate)])
        if article_id is not None:
            return store.article(int(article_id))
    return None


def raw_page(store: Store, view: ArticleView, version: int | None = None) -> tuple[bytes,
                                                                                   dict[str, Any]]:
    """The bytes of the archived page as fetched: the latest capture of the article (of
    ``version`` when given), with the capture's row."""
    wanted = [c for c in view.captures if c["kind"] == "article"]
    if version is not None:
        ids = {v["id"] for v in view.versions if v["version"] == version}
        if not ids:
            raise UsageError(f"{view.article['url']}: no version {version}; stored versions "
                             f"are 1 to {len(view.versions)}")
        wanted = [c for c in wanted if c["version_id"] in ids]
    if not wanted:
        raise UsageError(f"{view.article['url']}: no archived page of that version is stored")
    capture = wanted[-1]
    blob = store.scalar("SELECT raw FROM captures WHERE id = ?", [capture["id"]])
    try:
        return decompress(bytes(blob)), capture
    except ValueError as exc:
        from crawler.errors import StoreError

        raise StoreError(f"capture {capture['id']}: {exc}; `raqib verify` lists damaged "
                         "pages") from None
