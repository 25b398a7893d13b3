"""Language detection and sentence splitting on the original (un-normalised) text."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_FR = re.compile(r"\b(?:le|la|les|des|du|une|est|dans|sont|été|avec|pour|qui)\b", re.I)
_EN = re.compile(r"\b(?:the|and|of|was|were|has|have|with|that|from|which)\b", re.I)
# A sentence ends at . ! ? ؟ followed by space (masking dots have no space after them), at a
# line break, or at an Arabic full stop. No lookbehind, so the regex engine can skip ahead to
# the next candidate character.
_END = re.compile(r"[.!?؟։。۔][\"'”’»)]*\s+|\s*\n\s*|۔")
_KEEP_END = frozenset(".!?؟։。۔")


def detect_lang(text: str) -> str:
    """Guess en / ar / fr from script and common function words."""
    sample = text[:3000]
    letters = len(_LETTER.findall(sample)) or 1
    if len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    return "fr" if len(_FR.findall(sample)) > len(_EN.findall(sample)) else "en"


def split_sentences(text: str) -> list[str]:
    """Split into sentences ('Dr.' may split a sentence; that only shortens evidence)."""
    out = []
    pos = 0
    for match in _END.finditer(text):
        end = match.start() + 1 if text[match.start()] in _KEEP_END else match.start()
        sentence = text[pos:end].strip()
        if sentence:
            out.append(sentence)
        pos = match.end()
    rest = text[pos:].strip()
    if rest:
        out.append(rest)
    return out
