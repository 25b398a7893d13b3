"""One folding for rule terms and article text.

Folding is defined character by character (after un-masking), so the fast
:func:`fold` and the offset-keeping :func:`normalise` always agree:

* casefold, then NFKD with combining marks dropped — this folds French accents and
  Arabic diacritics, and turns أ إ آ into ا, ؤ into و and ئ into ي;
* ٱ → ا, ى → ي, ة → ه; Arabic-Indic and Persian digits → ASCII; ٬ → , and ٫ → .;
* tatweel, soft hyphens, zero-width and bidi marks are removed;
* masking inside a word is undone: a run of ``- * . ·`` between two letters is removed,
  so ``tor-ture`` → ``torture``, ``IS*IS`` → ``isis`` and ``د.ا.عـ.ـش`` → ``داعش``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from classifiers.vector_fold import fold_codes, to_text, view_of

_DELETE = {
    "\u0640",  # tatweel
    "\u00ad",  # soft hyphen
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",  # zero-width
    "\u200e",
    "\u200f",
    "\u061c",  # direction marks
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # bidi embeddings
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",  # bidi isolates
}
_EXPLICIT = {
    "\u0671": "ا",  # alef wasla
    "ى": "ي",
    "ة": "ه",
    "\u066c": ",",  # Arabic thousands separator
    "\u066b": ".",  # Arabic decimal separator
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}
for _i in range(10):
    _EXPLICIT[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _EXPLICIT[chr(0x06F0 + _i)] = str(_i)  # Persian
_EXPLICIT_ITEMS = tuple(_EXPLICIT.items())

# A run of masking characters between two letters. The pattern starts with a plain character
# class and looks behind only once that character matched, so the regex engine still skips
# ahead to the next candidate.
_MASK_RE = re.compile(
    r"[-*.\u00b7\u2022](?<=[^\W\d_][-*.\u00b7\u2022])[-*.\u00b7\u2022]*(?=[^\W\d_])"
)


def _mask_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MASK_RE.finditer(text)]


def _unmask(text: str) -> str:
    return _MASK_RE.sub("", text)


def _fold_char(ch: str) -> str:
    if ch in _DELETE:
        return ""
    if ch in _EXPLICIT:
        return _EXPLICIT[ch]
    out = []
    for c in unicodedata.normalize("NFKD", ch.casefold()):
        if c in _DELETE or unicodedata.combining(c):
            continue
        out.append(_EXPLICIT.get(c, c))
    return "".join(out)


class _Table(dict[int, str]):
    """A ``str.translate`` table that computes and caches each character's folding."""

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


_TABLE = _Table()


# Removed before un-masking, so a mark inside a masked word does not hide the mask:
# invisible characters and combining marks (Arabic harakat, Latin accents written apart).
_DELETE_RE = re.compile(
    "["
    + "".join(sorted(_DELETE))
    + "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    + "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def _char_class(codes: list[int]) -> str:
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return (
        "["
        + "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges
        )
        + "]+"
    )


@lru_cache(maxsize=1)
def _marks_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What folding drops from NFKD output (invisibles, combining marks): BMP, then astral.

    Two patterns because a class holding astral characters is checked range by range, ten
    times slower than a class the regex engine can hold as a bitmap.
    """
    codes = sorted(
        {ord(c) for c in _DELETE} | {i for i in range(0x110000) if unicodedata.combining(chr(i))}
    )
    bmp = [c for c in codes if c < 0x10000]
    astral = [c for c in codes if c >= 0x10000]
    return re.compile(_char_class(bmp)), re.compile(_char_class(astral))


# From this length a text is folded as an array of code points (``vector_fold``): below it
# the fixed cost of the array calls outweighs the passes they save. An ASCII text is folded
# by passes at any length: it takes their fast path (casefold, one ``str.translate``), about
# a quarter of the array's cost.
_VECTOR_FROM = 1_500
# A text written mostly beyond ASCII (Arabic) costs the passes more: the array wins from here.
_VECTOR_FROM_SCRIPT = 850


def fold(text: str) -> str:
    """Fold ``text`` for matching, searching and deduplication (no offsets).

    Long texts are folded by table look-ups over their code points (:func:`fold_by_table`);
    short ones, and any that way leaves, by :func:`fold_passes`. Both give what translating
    every character through its folding gives (see :func:`normalise`).
    """
    if len(text) >= _VECTOR_FROM and not text.isascii():
        found = fold_codes(text, _DELETE_RE.pattern, fold_passes)
        if found is not None:
            return to_text(found[0])
    return fold_passes(text)


def fold_and_view(text: str) -> tuple[str, str]:
    """``fold(text)`` and its word view (``rules.word_view``), from one pass when long."""
    if _by_table(text):
        both = fold_by_table(text)
        if both is not None:
            return both
    folded = fold_passes(text)
    from classifiers.rules import word_view

    return folded, word_view(folded)


def _by_table(text: str) -> bool:
    """Whether ``text`` folds quicker as an array of code points than by passes: long and
    not ASCII, or shorter and mostly beyond ASCII (its first 200 characters take more than
    1.5 bytes each in UTF-8)."""
    if len(text) < _VECTOR_FROM_SCRIPT or text.isascii():
        return False
    if len(text) >= _VECTOR_FROM:
        return True
    head = text[:200]
    return len(head.encode("utf-8", "surrogatepass")) > 1.5 * len(head)


def fold_by_table(text: str) -> tuple[str, str] | None:
    """``fold(text)`` and its word view by table look-ups over code points, whatever the
    length; None for a text holding a character that folds to several or lies beyond the
    Basic Multilingual Plane."""
    found = fold_codes(text, _DELETE_RE.pattern, fold_passes)
    if found is None:
        return None
    codes, in_view = found
    return to_text(codes), view_of(codes, in_view)


# Letters that decompose into a base and a mark, common in these sources (hamza forms, French
# accents): replaced by their folding before the decomposition, so that the pass dropping marks
# finds few. Each character folds alone (see ``normalise``), so the result is the same.
_PRECOMPOSED = tuple((char, _fold_char(char)) for char in "أإآؤئéèêëàâçîïôûùü")


def fold_passes(text: str) -> str:
    """:func:`fold` done with whole-string passes that run in C: casefold, NFKD, one
    regular-expression pass dropping marks, then a replacement per special character the
    text holds. ``str.translate`` with a mapping costs a dictionary lookup per character on
    non-ASCII text, several times the cost of all these passes together.
    """
    if text.isascii():
        return _unmask(text).casefold()
    out = _unmask(_DELETE_RE.sub("", text)).casefold()
    if out.isascii():
        return out
    for char, value in _PRECOMPOSED:
        if char in out:
            out = out.replace(char, value)
    if out.isascii():
        return out
    out = unicodedata.normalize("NFKD", out)
    if out.isascii():
        return out
    bmp, astral = _marks_re()
    out = bmp.sub("", out)
    if len(out.encode("utf-16-le", "surrogatepass")) != 2 * len(out):
        out = astral.sub("", out)
    for char, value in _EXPLICIT_ITEMS:
        if char in out:
            out = out.replace(char, value)
    return out


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for every output character, its index in ``text``."""
    deleted = {m.start() for m in _DELETE_RE.finditer(text)}
    if deleted:
        kept = [i for i in range(len(text)) if i not in deleted]
        middle = "".join(text[i] for i in kept)
    else:
        kept = list(range(len(text)))
        middle = text
    spans = _mask_spans(middle)
    table = _TABLE
    if not spans and all(len(table[ord(c)]) == 1 for c in set(middle)):
        return middle.translate(table), kept
    removed: set[int] = set()
    for start, end in spans:
        removed.update(range(start, end))
    out: list[str] = []
    offsets: list[int] = []
    for j, ch in enumerate(middle):
        if j in removed:
            continue
        folded = table[ord(ch)]
        out.append(folded)
        offsets.extend([kept[j]] * len(folded))
    return "".join(out), offsets
