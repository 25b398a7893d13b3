"""Folding of long texts as array operations over code points (numpy).

Every regular-expression or case pass of :func:`classifiers.normalise.fold` costs some
microseconds per thousand characters; a report page of 5,000 characters went through six of
them. Folding is one deletion, one un-masking and then a character-by-character mapping (see
``normalise``), so on an array of code points it is a few table look-ups:

* characters of the deletion class are dropped;
* runs of masking characters with a letter on both sides are dropped;
* every other character is mapped through a table filled lazily with ``fold(char)``.

A text holding a character that folds to more than one character (ß → ss, ligatures) or
one beyond the Basic Multilingual Plane (emoji) is left to the whole-string passes, which
callers keep as the reference.
The same arrays give the word view of ``rules.word_view`` for free.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

_UNKNOWN = np.uint32(0xFFFFFFFF)
_EMPTY = np.uint32(0xFFFFFFFE)  # folds to nothing
_MANY = np.uint32(0xFFFFFFFD)  # folds to several characters
_MARKERS = np.uint32(0xFFFFFFFD)
_SIZE = 0x10000  # the tables cover the BMP; a text beyond it goes to the reference passes
_MASKING = "-*.\u00b7\u2022"


def _class_table(pattern: str) -> np.ndarray:
    """Boolean table of the BMP code points a one-character ``pattern`` matches (none of
    the surrogates, which a pattern pass cannot carry)."""
    chars = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _SIZE)))
    found = np.zeros(_SIZE - 0x800, dtype=bool)
    for match in re.finditer(pattern, chars):
        found[match.start() : match.end()] = True
    table = np.zeros(_SIZE, dtype=bool)
    table[:0xD800] = found[:0xD800]
    table[0xE000:] = found[0xD800:]
    return table


_DELETE, _LETTER, _MASK = 1, 2, 4

_ONE_MASK = f"[{re.escape(_MASKING)}]"


@lru_cache(maxsize=1)
def _mask_before_letter(delete_class: str) -> re.Pattern[str]:
    """A masking character with a letter after it once deleted characters are gone: what
    ends every masked run. Most texts hold none, and this search (its pattern starts with a
    plain character class, so the regex engine skips ahead) costs a fifth of the array
    passes that find the runs."""
    return re.compile(rf"{_ONE_MASK}(?={delete_class}*[^\W\d_])")


class _Tables:
    """Per code point: a class (bits above: deleted, a letter, masking), its folding and
    whether the word view keeps that folding."""

    def __init__(self, delete_class: str, fold_char: Callable[[str], str]) -> None:
        classes = np.zeros(_SIZE, dtype=np.uint8)
        classes[_class_table(f"{delete_class}+")] |= _DELETE
        classes[_class_table(r"[^\W\d_]+")] |= _LETTER
        classes[[ord(c) for c in _MASKING]] |= _MASK
        self.classes = classes
        self.fold = np.full(_SIZE, _UNKNOWN, dtype=np.uint32)
        self.fold_in_view = np.zeros(_SIZE, dtype=bool)  # its folding is kept in the view
        self._fold_char = fold_char
        self.learn(np.arange(0x250))
        self.learn(np.arange(0x600, 0x700))
        self.learn(np.arange(0x2000, 0x2070))

    def learn(self, codes: np.ndarray) -> None:
        """Fill the folding of ``codes`` (each character folded alone)."""
        for code in np.unique(codes).tolist():
            if 0xD800 <= code < 0xE000:
                self.fold[code] = _MANY  # lone surrogates go to the reference passes
                continue
            folded = self._fold_char(chr(code))
            self.fold[code] = ord(folded) if len(folded) == 1 else _EMPTY if not folded else _MANY
            self.fold_in_view[code] = folded.isalnum() or folded == "\n"


@lru_cache(maxsize=1)
def _tables(delete_class: str, fold_char: Callable[[str], str]) -> _Tables:
    return _Tables(delete_class, fold_char)


def _unmask(codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop the runs of masking characters that have a letter on both sides."""
    masking = classes & _MASK
    if not masking.any():
        return codes, classes
    steps = np.diff(masking.view(np.int8))
    starts = (steps > 0).nonzero()[0] + 1  # runs starting after the first character
    ends = (steps < 0).nonzero()[0] + 1  # runs ending before the last one
    if masking[0]:
        ends = ends[1:]
    if masking[-1]:
        starts = starts[: len(ends)]
    masked = (classes[starts - 1] & classes[ends] & _LETTER).astype(bool)
    if not masked.any():
        return codes, classes
    starts, lengths = starts[masked], (ends - starts)[masked]
    if lengths.max() == 1:
        gone = starts
    else:
        gone = np.arange(lengths.sum()) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    keep = np.ones(len(codes), dtype=bool)
    keep[gone] = False
    return codes[keep], classes[keep]


def fold_codes(
    text: str, delete_class: str, fold_char: Callable[[str], str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The folded code points of ``text`` and whether each is kept in the word view; None
    when a character folds to several or lies beyond the BMP."""
    tables = _tables(delete_class, fold_char)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max(initial=0) >= _SIZE:
        return None
    codes = codes.astype(np.intp)
    classes = tables.classes[codes]
    if (classes & _DELETE).any():
        kept = (classes & _DELETE) == 0
        codes, classes = codes[kept], classes[kept]
    if _mask_before_letter(delete_class).search(text):
        codes, classes = _unmask(codes, classes)
    out = tables.fold[codes]
    special = out >= _MARKERS
    if special.any():
        if (out[special] == _UNKNOWN).any():
            tables.learn(codes[out == _UNKNOWN])
            out = tables.fold[codes]
            special = out >= _MARKERS
        if (out[special] == _MANY).any():
            return None
        codes, out = codes[~special], out[~special]
    return out, tables.fold_in_view[codes]


def to_text(codes: np.ndarray) -> str:
    return codes.tobytes().decode("utf-32-le")


def view_of(codes: np.ndarray, in_view: np.ndarray) -> str:
    """The word view (letters, digits and line breaks kept, all else a space) of folded
    ``codes``, given which of them it keeps."""
    return to_text(np.where(in_view, codes, np.uint32(32)))
