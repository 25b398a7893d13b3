"""Page clutter left by text extraction, recognised by its shape and dropped before the lead.

Extracted text often keeps what surrounds an article: the date in the site's header, a
breadcrumb, the headline again, a "Related News" block of other articles' headlines and
truncated teasers (each with its own date and victims), a skip link, "Available In". Left in,
that clutter takes the lead's place and lends its events to the article. The shapes, not the
sites, are what is recognised:

- a line the page cut short ("...", "…") before the article's first sentence: a teaser
  or a breadcrumb;
- the headline repeated, and every line above its first repetition near the top (the page's
  header: current date, menus, breadcrumb);
- a "related" block: its heading and the headline-like lines and teasers under it, up to the
  first line that reads as a sentence;
- a line carrying a web address that does not read as a sentence (a feed's channel line,
  a "source:" link), or a credit mark (a photo caption: "… © Agency / Photographer");
- the stock lines of ``rules/shared/clutter.toml`` (skip links, language switchers),
  whole or, for those written with ``*``, by their opening.

Pure functions on the text as written; nothing is dropped from what is stored, only from
what the classifier reads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CLUTTER_FILE = Path(__file__).parent / "rules" / "shared" / "clutter.toml"

HEADER_LINES = 12  # the headline repeated further down than this is not the page's header
TEASER_WORDS = 25  # a cut-short line longer than this is body text, not a teaser
STOCK_WORDS = 8  # a stock line (skip link, language switcher) is short
SENTENCE_WORDS = 8  # a line this long ending like a sentence ends a "related" block

# A web address, or a credit mark ending a photo caption.
_LINK = re.compile(r"https?://|©")
# How a line ends once its trailing spaces are stripped (``str.rstrip`` strips what ``\s`` of a
# regular expression matches): cut short, or like a sentence.
_CUT_SHORT = ("...", "…")
_SENTENCE_END = frozenset(".!?؟:;。»”\"')")


@dataclass(frozen=True)
class Openings:
    """Folded line openings: a line opens with one when it is that opening or starts with
    it and a space (one set lookup and one ``str.startswith`` over them all, for every
    short line of every page)."""

    whole: frozenset[str]
    spaced: tuple[str, ...]

    @classmethod
    def of(cls, openings: Iterable[str]) -> Openings:
        listed = tuple(openings)
        return cls(frozenset(listed), tuple(o + " " for o in listed))

    def open(self, key: str) -> bool:
        return key in self.whole or key.startswith(self.spaced)


@dataclass(frozen=True)
class Clutter:
    """Folded line openings: headings of related-article blocks, and stock lines."""

    related: Openings  # openings of a related block's heading
    stock: frozenset[str]  # whole lines
    stock_openings: Openings  # openings of short lines


@lru_cache(maxsize=1)
def clutter_rules(path: Path = CLUTTER_FILE) -> Clutter:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    stock = data.get("stock", [])
    return Clutter(
        Openings.of(_key(s) for s in data.get("related", [])),
        frozenset(_key(s) for s in stock if not s.endswith("*")),
        Openings.of(_key(s.rstrip("*")) for s in stock if s.endswith("*")),
    )


# Cheaper than the classifier's full fold (every line of every page passes here): case,
# spaces and the Arabic letter variants that stock lines are written with. One replacement
# per variant the line holds: ``str.translate`` with a mapping looks every character up in
# a dictionary, several times their cost on a non-ASCII line.
_LINE_FOLD = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("\u0640", ""))


def _key(line: str) -> str:
    line = line.lower()
    if not line.isascii():
        for variant, plain in _LINE_FOLD:
            if variant in line:
                line = line.replace(variant, plain)
    return " ".join(line.split()).strip(" .:-–—|/")


def _is_title(key: str, title_key: str) -> bool:
    if not title_key or not key:
        return False
    if key == title_key:
        return True
    # a breadcrumb or header that repeats the headline cut short
    return len(key) >= 20 and title_key.startswith(key)


def _is_stock(key: str, rules: Clutter) -> bool:
    return key in rules.stock or (
        len(key.split()) <= STOCK_WORDS and rules.stock_openings.open(key)
    )


def _cut_short(line: str) -> bool:
    return line.rstrip().endswith(_CUT_SHORT)


def _reads_as_sentence(line: str, words: int) -> bool:
    if words < SENTENCE_WORDS:
        return False
    end = line.rstrip()
    return end[-1:] in _SENTENCE_END and not end.endswith(_CUT_SHORT)


def drop_clutter(title: str, text: str, rules: Clutter | None = None) -> str:
    """``text`` without the lines that are page clutter (see the module docstring)."""
    rules = rules or clutter_rules()
    lines = text.split("\n")
    title_key = _key(title)
    # Only a line about as short as the headline can repeat it, and only a short line can be
    # a stock line or a heading: the others need no key (most of a page's lines).
    longest = max(len(title) + 10, 80)
    keys = [_key(line) if len(line) <= longest else None for line in lines]
    keep = [bool(line.strip()) for line in lines]

    for i, key in enumerate(keys[:HEADER_LINES]):
        if key and key == title_key:
            for j in range(i):
                keep[j] = False
            break

    in_related = body_started = False
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if not keep[i]:
            continue
        # words counted up to TEASER_WORDS + 1, past every bound compared below: splitting a
        # whole paragraph into its words cost more than the rest of the loop
        words = len(line.split(None, TEASER_WORDS))
        sentence = _reads_as_sentence(line, words)
        if key is not None and (_is_title(key, title_key) or _is_stock(key, rules)):
            keep[i] = False
        elif not sentence and _LINK.search(line):
            keep[i] = False
        elif key is not None and words <= 5 and rules.related.open(key):
            keep[i] = False
            in_related = True
        elif in_related:
            keep[i] = body_started = sentence
            in_related = not sentence
        elif not body_started and words <= TEASER_WORDS and _cut_short(line):
            keep[i] = False
        elif sentence:
            body_started = True
    return "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
