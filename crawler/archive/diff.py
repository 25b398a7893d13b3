"""``raqib diff URL``: what changed between two stored versions of an article."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from crawler.archive.store import Store
from crawler.errors import RaqibError
from crawler.urls import canonicalize, display_url


class DiffError(RaqibError):
    """The article or the versions asked for are not in the store."""


class NothingToCompare(DiffError):
    """The article has a single stored version."""


@dataclass(frozen=True)
class VersionDiff:
    url: str
    old: dict[str, Any]
    new: dict[str, Any]
    total: int  # versions stored

    @property
    def title_changed(self) -> bool:
        return bool(self.old["title"] != self.new["title"])

    def unified(self, context: int = 3) -> list[str]:
        """The unified diff of the two texts, one line per item (no trailing newlines)."""
        return list(difflib.unified_diff(
            self.old["text"].splitlines(), self.new["text"].splitlines(),
            fromfile=f"version {self.old['version']} ({self.old['created_at']})",
            tofile=f"version {self.new['version']} ({self.new['created_at']})",
            n=context, lineterm=""))

    def render(self) -> str:
        lines = [f"{display_url(self.url)}: version {self.old['version']} → {self.new['version']} "
                 f"of {self.total}"]
        if self.title_changed:
            lines += [f"title: - {self.old['title']}", f"       + {self.new['title']}"]
        if self.old["labels"] != self.new["labels"]:
            lines.append(f"labels: {', '.join(self.old['labels']) or '-'} → "
                         f"{', '.join(self.new['labels']) or '-'}")
        body = self.unified()
        lines += body if body else ["text: unchanged"]
        return "\n".join(lines)


def find_article(store: Store, url: str,
                 aliases: dict[str, str] | None = None) -> dict[str, Any] | None:
    """The stored article for a URL as typed, its canonical form, or a duplicate's URL."""
    candidates = [url]
    for scheme in ("https", "http"):  # an http-only source keeps http in its keys
        try:
            candidates.append(canonicalize(url, aliases=aliases, scheme=scheme))
        except ValueError:
            pass
    for candidate in dict.fromkeys(candidates):
        article = store.article_by_url(candidate)
        if article is not None:
            return article
        duplicate = store.duplicate_by_url(candidate)
        if duplicate is not None:
            return store.article(duplicate["article_id"])
    return None


def diff_versions(store: Store, url: str, *, old: int | None = None, new: int | None = None,
                  aliases: dict[str, str] | None = None) -> VersionDiff:
    """Compare version ``old`` with ``new`` (default: the last two)."""
    article = find_article(store, url, aliases)
    if article is None:
        raise DiffError(f"{url}: not in the store; `raqib search` finds stored articles")
    versions = {v["version"]: v for v in store.article_versions(article["id"])}
    latest = max(versions)
    new = latest if new is None else new
    old = new - 1 if old is None else old
    if len(versions) < 2 and old == latest - 1:
        raise NothingToCompare(f"{article['url']}: only one version is stored; nothing to compare")
    for number in (old, new):
        if number not in versions:
            raise DiffError(f"{article['url']}: no version {number}; stored versions are "
                            f"1 to {latest}")
    return VersionDiff(article["url"], versions[old], versions[new], len(versions))
