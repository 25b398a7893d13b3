"""No labels from a word or two: the guard around classification for very short texts.

A Telegram post can be a bare link, a photo caption or one word ("Arrested"). The rules
label an article from its terms, and in a text that short one term is all there is, so
such a text is stored, searchable and deduplicated like any other, but carries no label
(and so raises no alert) until it says more. Web articles never reach the threshold:
extraction refuses pages under 80 characters of text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from crawler.models import Classification

MIN_LABEL_WORDS = 5
"""Fewer words than this (links, @names and numbers not counted): no label."""

_NOT_WORDS = re.compile(r"(?:https?://|www\.)\S+|@\w+")
_WORD = re.compile(r"[^\W\d_]+")

Classifier = Callable[..., Classification]


def label_words(text: str) -> int:
    """How many words of ``text`` could carry meaning (links, @names, digits left out)."""
    return len(_WORD.findall(_NOT_WORDS.sub(" ", text)))


def too_short(text: str) -> bool:
    return label_words(text) < MIN_LABEL_WORDS


def unlabelled(classification: Classification) -> Classification:
    """The classification without labels, probable labels or evidence (scores and facts
    stay, for inspection)."""
    return replace(classification, labels=(), probable=(), evidence={})


def guard_short_texts(classify: Classifier) -> Classifier:
    """``classify`` whose result carries no label when the text is too short to label."""

    def guarded(title: str, text: str, *args: Any, **kwargs: Any) -> Classification:
        result = classify(title, text, *args, **kwargs)
        return unlabelled(result) if result.labels and too_short(text) else result

    guarded.__wrapped__ = classify  # type: ignore[attr-defined]
    return guarded
