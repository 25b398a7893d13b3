"""The project's own sample articles: fictional reports written for raqib in its sources' styles.

They feed ``raqib demo`` and the loopback mirror sites used by the tests; the mirror turns
each sample into the source's HTML pages, feeds and REST API answers. The data lives in
``articles/*.toml``, one file per article; ``README.md`` beside this module documents the keys.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from crawler.models import LABELS, LANGS

SITES: tuple[str, ...] = ("snhr", "sohr", "alkarama", "horrya")
GOVERNORATES: tuple[str, ...] = (
    "Aleppo", "Damascus", "Rif Dimashq", "Daraa", "Deir Ez-Zour", "Hama", "Al-Hasakah",
    "Homs", "Idlib", "Latakia", "Quneitra", "Al-Raqqah", "As-Suwayda", "Tartus",
)  # fmt: skip
PERPETRATORS: tuple[str, ...] = (
    "syrian_regime", "transitional_authorities", "isis", "hts", "sdf",
    "armed_opposition", "unknown", "other",
)  # fmt: skip

_REQUIRED: frozenset[str] = frozenset(
    {"site", "lang", "id", "slug", "published", "title", "categories", "paragraphs",
     "expected_labels", "expected_facts"}
)  # fmt: skip
_OPTIONAL: frozenset[str] = frozenset(
    {"path_lang", "modified", "author", "encoding", "declared_charset", "copy_of",
     "edited_title", "edited_paragraphs", "section"}
)  # fmt: skip
_FACT_KEYS: frozenset[str] = frozenset(
    {"victims", "governorate", "perpetrator", "death_date", "arrest_date", "counts"}
)
_Fail = Callable[[str], ValueError]
_ISO_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_STEM = re.compile(r"^(?P<site>[a-z]+)-(?P<lang>[a-z]{2})-\d{2}$")


@dataclass(frozen=True)
class SampleArticle:
    """One sample article as written in its TOML file."""

    stem: str  # file name without ".toml", e.g. "snhr-en-02"
    site: str
    lang: str
    id: int
    slug: str
    published: str  # ISO 8601 with offset
    title: str
    categories: tuple[str, ...]
    paragraphs: tuple[str, ...]
    expected_labels: tuple[str, ...]
    expected_facts: dict[str, Any] = field(hash=False)
    path_lang: str = ""  # the URL's language segment; defaults to ``lang``
    modified: str | None = None
    author: str | None = None
    encoding: str = "utf-8"  # how the mirror encodes the page body
    declared_charset: str | None = None  # the charset the mirror announces (may lie)
    copy_of: str | None = None  # stem of the article this one re-publishes
    edited_title: str | None = None
    edited_paragraphs: tuple[str, ...] | None = None  # the text after a later correction
    section: str = "news"  # SNHR: "news" (news.snhr.org) or "reports" (snhr.org/blog)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def edited_text(self) -> str | None:
        if self.edited_paragraphs is None:
            return None
        return "\n\n".join(self.edited_paragraphs)

    @property
    def is_edited(self) -> bool:
        return self.edited_paragraphs is not None or self.edited_title is not None


def _articles_dir() -> Traversable:
    return files(__name__) / "articles"


def load_samples(directory: Traversable | None = None) -> list[SampleArticle]:
    """Read and validate every sample, sorted by (site, lang, id).

    ``directory`` defaults to the package's own ``articles/``; tests pass another one.
    Raises ValueError naming the offending file when a sample is malformed, when two
    samples share an id within a site and language, or when ``copy_of`` names no sample.
    """
    folder = _articles_dir() if directory is None else directory
    samples = [
        _parse(entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    _check_collection(samples)
    return sorted(samples, key=lambda s: (s.site, s.lang, s.id))


def variant(sample: SampleArticle, n: int, rng: random.Random, *, tag: str,
            id_scale: int = 1000) -> SampleArticle:
    """A distinct article made from ``sample`` for tests and benchmarks that need many: the
    words of each paragraph shuffled (deduplication keeps it apart, the classifier reads the
    same words), its own stem, id and slug, dated ``n`` days earlier, never edited."""
    paragraphs = []
    for paragraph in sample.paragraphs:
        words = paragraph.split()
        rng.shuffle(words)
        paragraphs.append(" ".join(words))
    published = datetime.fromisoformat(sample.published) - timedelta(days=n)
    return replace(sample, stem=f"{sample.stem}-{tag}{n}", id=sample.id * id_scale + n,
                   slug=f"{sample.slug}-{tag}{n}", published=published.isoformat(),
                   modified=None, paragraphs=tuple(paragraphs), edited_title=None,
                   edited_paragraphs=None)


def parse_sample(name: str, source: str) -> SampleArticle:
    """Parse one sample's TOML text; ``name`` is its file name (used in error messages)."""
    return _parse(name, source)


def _parse(name: str, source: str) -> SampleArticle:
    def fail(message: str) -> ValueError:
        return ValueError(f"crawler/samples/articles/{name}: {message}")

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML ({exc}); fix the syntax") from exc

    stem = name.removesuffix(".toml")
    missing = sorted(_REQUIRED - data.keys())
    if missing:
        raise fail(f"missing required key(s) {', '.join(missing)}")
    unknown = sorted(data.keys() - _REQUIRED - _OPTIONAL)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; see crawler/samples/README.md")

    site, lang = data["site"], data["lang"]
    if site not in SITES:
        raise fail(f"site {site!r} is not one of {', '.join(SITES)}")
    if lang not in LANGS:
        raise fail(f"lang {lang!r} is not one of {', '.join(LANGS)}")
    path_lang = data.get("path_lang", lang)
    if path_lang not in LANGS:
        raise fail(f"path_lang {path_lang!r} is not one of {', '.join(LANGS)}")
    match = _STEM.match(stem)
    if not match or (match["site"], match["lang"]) != (site, lang):
        raise fail(f"file name must be '{site}-{lang}-NN.toml' to match its site and lang")

    if not isinstance(data["id"], int) or data["id"] <= 0:
        raise fail("id must be a positive integer")
    for key in ("slug", "title", "published"):
        _require_str(data, key, fail)
    for key in ("modified", "author", "encoding", "declared_charset", "copy_of", "edited_title",
                "section"):
        if key in data:
            _require_str(data, key, fail)
    for key in ("published", "modified"):
        if key in data:
            _require_datetime(data[key], key, fail)

    paragraphs = _str_tuple(data, "paragraphs", fail, non_empty=True)
    edited = (
        _str_tuple(data, "edited_paragraphs", fail, non_empty=True)
        if ("edited_paragraphs" in data)
        else None
    )
    labels = _str_tuple(data, "expected_labels", fail, non_empty=False)
    bad_labels = [label for label in labels if label not in LABELS]
    if bad_labels:
        raise fail(f"unknown label(s) {', '.join(bad_labels)}; use {', '.join(LABELS)}")
    if len(set(labels)) != len(labels):
        raise fail("expected_labels lists a label twice")

    encoding = data.get("encoding", "utf-8")
    try:
        "".join((data["title"], *paragraphs)).encode(encoding)
    except LookupError as exc:
        raise fail(f"encoding {encoding!r} is not a codec Python knows") from exc
    except UnicodeEncodeError as exc:
        raise fail(f"text cannot be encoded in {encoding}: {exc.reason} at {exc.start}") from exc

    return SampleArticle(
        stem=stem,
        site=site,
        lang=lang,
        id=data["id"],
        slug=data["slug"],
        published=data["published"],
        title=data["title"],
        categories=_str_tuple(data, "categories", fail, non_empty=False),
        paragraphs=paragraphs,
        expected_labels=labels,
        expected_facts=_facts(data["expected_facts"], fail),
        path_lang=path_lang,
        modified=data.get("modified"),
        author=data.get("author"),
        encoding=encoding,
        declared_charset=data.get("declared_charset"),
        copy_of=data.get("copy_of"),
        edited_title=data.get("edited_title"),
        edited_paragraphs=edited,
        section=_section(data, site, fail),
    )


SECTIONS: dict[str, tuple[str, ...]] = {"snhr": ("news", "reports")}


def _section(data: dict[str, Any], site: str, fail: _Fail) -> str:
    """Which of a source's sites publishes the sample (SNHR: the news site or the reports
    site); "news" for sources with one site."""
    section = data.get("section", "news")
    allowed = SECTIONS.get(site, ("news",))
    if section not in allowed:
        raise fail(f"section {section!r} is not one of {', '.join(allowed)} for {site}")
    return section


def _require_str(data: dict[str, Any], key: str, fail: _Fail) -> None:
    if not isinstance(data[key], str) or not data[key].strip():
        raise fail(f"{key} must be a non-empty string")


def _require_datetime(value: str, key: str, fail: _Fail) -> None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{key} {value!r} is not an ISO 8601 datetime") from exc
    if parsed.tzinfo is None:
        raise fail(f"{key} {value!r} needs a UTC offset, e.g. +03:00")


def _str_tuple(data: dict[str, Any], key: str, fail: _Fail, *, non_empty: bool) -> tuple[str, ...]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise fail(f"{key} must be a list of non-empty strings")
    if non_empty and not value:
        raise fail(f"{key} must not be empty")
    return tuple(value)


def _facts(facts: Any, fail: _Fail) -> dict[str, Any]:
    if not isinstance(facts, dict):
        raise fail("expected_facts must be a table")
    unknown = sorted(facts.keys() - _FACT_KEYS)
    if unknown:
        raise fail(f"expected_facts has unknown key(s) {', '.join(unknown)}")
    victims = facts.get("victims", [])
    if not isinstance(victims, list) or not all(isinstance(v, str) and v for v in victims):
        raise fail("expected_facts.victims must be a list of names")
    if facts.get("governorate", GOVERNORATES[0]) not in GOVERNORATES:
        raise fail(f"expected_facts.governorate {facts['governorate']!r} is not a governorate")
    if facts.get("perpetrator", PERPETRATORS[0]) not in PERPETRATORS:
        raise fail(
            f"expected_facts.perpetrator {facts['perpetrator']!r} is not one of "
            f"{', '.join(PERPETRATORS)}"
        )
    for key in ("death_date", "arrest_date"):
        if key in facts and not (
            isinstance(facts[key], str) and _ISO_PARTIAL_DATE.match(facts[key])
        ):
            raise fail(f"expected_facts.{key} must be YYYY, YYYY-MM or YYYY-MM-DD")
    counts = facts.get("counts", [])
    if not isinstance(counts, list) or not all(
        isinstance(c, int) and not isinstance(c, bool) for c in counts
    ):
        raise fail("expected_facts.counts must be a list of integers")
    return dict(facts)


def _check_collection(samples: list[SampleArticle]) -> None:
    seen: dict[tuple[str, str, int], str] = {}
    stems = {sample.stem for sample in samples}
    for sample in sorted(samples, key=lambda s: s.stem):
        key = (sample.site, sample.lang, sample.id)
        if key in seen:
            raise ValueError(
                f"crawler/samples/articles/{sample.stem}.toml: id {sample.id} is already used "
                f"by {seen[key]}.toml; ids must be unique per site and language"
            )
        seen[key] = sample.stem
        if sample.copy_of is not None and (
            sample.copy_of not in stems or sample.copy_of == sample.stem
        ):
            raise ValueError(
                f"crawler/samples/articles/{sample.stem}.toml: copy_of {sample.copy_of!r} "
                "names no other sample; use the file stem of the original, e.g. 'snhr-en-02'"
            )


__all__ = ["GOVERNORATES", "PERPETRATORS", "SITES", "SampleArticle", "load_samples", "parse_sample"]
