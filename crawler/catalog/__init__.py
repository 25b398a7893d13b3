"""The catalogue of Syrian sources beyond the built-ins, kept as data (``sources.toml``).

``entries()`` reads it; ``source_block(entry)`` is the ``[[sources]]`` table that
``raqib catalog show NAME`` prints for the user's config.
"""

from __future__ import annotations

import json
import textwrap
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from crawler.errors import UsageError
from spiders.catalog import GENERIC_SPIDERS

DATA = Path(__file__).with_name("sources.toml")
FIELDS = ("name", "title", "site", "languages", "spider", "url", "covers", "known",
          "unverified")


@dataclass(frozen=True)
class Entry:
    name: str
    title: str
    site: str
    languages: tuple[str, ...]
    spider: str
    url: str
    covers: str
    known: str
    unverified: str
    lang: str | None = None
    every: str = "1h"
    expect_every: str = "7d"


@cache
def entries() -> tuple[Entry, ...]:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    found = []
    for index, item in enumerate(raw.get("entries", [])):
        missing = [key for key in FIELDS if not item.get(key)]
        if missing:
            raise ValueError(f"{DATA}: entry {index} lacks {', '.join(missing)}")
        if item["spider"] not in GENERIC_SPIDERS:
            raise ValueError(f"{DATA}: {item['name']}: spider {item['spider']!r} is not generic")
        found.append(Entry(**{**item, "languages": tuple(item["languages"])}))
    return tuple(found)


def find(name: str) -> Entry:
    for entry in entries():
        if entry.name == name:
            return entry
    names = ", ".join(e.name for e in entries())
    raise UsageError(f"no catalogue entry {name!r}; `raqib catalog` lists them: {names}")


def source_block(entry: Entry) -> str:
    """The ``[[sources]]`` table of an entry, ready to paste into raqib.toml."""
    note = (f"{entry.title}. Unverified: {entry.unverified} Check it with "
            f"`raqib sources --check --source {entry.name}`.")
    lines = [*textwrap.wrap(note, width=90, initial_indent="# ", subsequent_indent="# "),
             "[[sources]]",
             f"name = {json.dumps(entry.name)}",
             f"spider = {json.dumps(entry.spider)}",
             f"url = {json.dumps(entry.url)}"]
    if entry.lang:
        lines.append(f"lang = {json.dumps(entry.lang)}")
    lines += [f"every = {json.dumps(entry.every)}",
              f"expect_every = {json.dumps(entry.expect_every)}"]
    return "\n".join(lines) + "\n"
