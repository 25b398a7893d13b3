"""The words a search can meet an article by, beyond its folded text.

The full-text index holds each article's folded title and text (``classifiers.normalise.fold``)
and, beside them, a third column of *extra terms*: forms of its words that the folded text
does not hold as tokens. A query word matches its own folded form or any of these, so exact
matching still works (a quoted phrase is matched against the folded text alone) while:

* Arabic clitics and the article fall away: التعذيب, بالتعذيب and وتعذيب also give تعذيب;
  والمعتقلين and للمعتقلين give معتقلين. Only prefixes are stripped (و ف, then ب ك ل, then
  ال, or لل), and at least two letters must remain;
* hyphenated names are found by their parts: folding joins ``al-Dabbagh`` into one token
  ``aldabbagh``; the extra terms add ``al`` and ``dabbagh``, so ``Dabbagh`` finds it and
  ``Tal`` finds ``al-Tal``;
* every stored version counts: the words of earlier versions that the current one lost
  (a corrected spelling, a deleted paragraph) stay findable.

The same functions read the query (:func:`query_forms`), so both sides agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from classifiers.normalise import fold

# A token of original text: letters and digits, the marks folding removes (harakat,
# tatweel, joiners), joined by hyphens or apostrophes ("al-Dabbagh", "d'Alep").
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u00ad"
_PIECE = rf"(?:[^\W_]|[{_MARKS}])+"
TOKEN_RE = re.compile(rf"{_PIECE}(?:[-\u2010\u2011'\u2019\u02bc]{_PIECE})*")
_JOINERS_RE = re.compile(r"[-\u2010\u2011'\u2019\u02bc]")
_WORD_RE = re.compile(r"[^\W_]+")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_MIN_STEM = 2


def _clitic_prefixes() -> tuple[tuple[str, bool], ...]:
    """Every proclitic sequence, longest first, with whether it ends in the article."""
    found: dict[str, bool] = {}
    for conjunction in _CONJUNCTIONS:
        found[conjunction + "لل"] = True  # ل + ال writes لل
        for preposition in _PREPOSITIONS:
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if prefix:
                    found[prefix] = bool(article)
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


_PREFIXES = _clitic_prefixes()


@lru_cache(maxsize=65_536)
def arabic_stems(word: str) -> frozenset[str]:
    """A folded Arabic word's forms with its proclitics removed (the word itself excluded).

    A single-letter clitic without the article must leave three letters (وليد stays whole
    unless someone searches ليد); with the article, two."""
    if not _ARABIC_RE.match(word):
        return frozenset()
    stems = set()
    for prefix, has_article in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= (_MIN_STEM if has_article else 3):
            stems.add(rest)
    return frozenset(stems)


def article_stem(word: str) -> str:
    """A folded Arabic word without its article and the clitics before it (والمعتقلين →
    معتقلين), or the word itself: the form a query word is looked up by."""
    for prefix, has_article in _PREFIXES:
        if has_article and word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=65_536)
def token_forms(token: str) -> frozenset[str]:
    """Every indexed form of one token of original text: its folded words, the parts of a
    hyphenated or apostrophised name and their Arabic stems."""
    words = set(_WORD_RE.findall(fold(token)))
    if _JOINERS_RE.search(token):
        for part in _JOINERS_RE.split(token):
            words.update(_WORD_RE.findall(fold(part)))
    forms = set(words)
    for word in words:
        forms |= arabic_stems(word)
    return frozenset(forms)


def folded_words(folded: str) -> set[str]:
    """The tokens FTS5 reads from folded text (its unicode61 tokenizer splits on what is not
    a letter or digit)."""
    return set(_WORD_RE.findall(folded))


def extra_terms(originals: Iterable[str], folded_current: str) -> str:
    """The extra-terms column: the forms of every word of ``originals`` (the title and text
    of every stored version, as written) that ``folded_current`` (the folded current title
    and text) does not hold as tokens, space-separated and sorted (so equal sets give equal
    text)."""
    present = folded_words(folded_current)
    extra: set[str] = set()
    for original in originals:
        for token in set(TOKEN_RE.findall(original)):
            extra |= token_forms(token)
    return " ".join(sorted(extra - present))


def query_forms(word: str) -> frozenset[str]:
    """The forms one folded query word matches: itself, and without its Arabic article."""
    return frozenset({word, article_stem(word)})
