"""Language detection and sentence splitting on the original (un-normalised) text."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_FR = re.compile(r"\b(?:le|la|les|des|du|une|est|dans|sont|été|avec|pour|qui)\b", re.I)
_EN = re.compile(r"\b(?:the|and|of|was|were|has|have|with|that|from|which)\b", re.I)
# A sentence ends at . ! ? ؟ followed by space (masking dots have no space after them), at a
# line break, or at an Arabic full stop. The pattern starts with one character class, so the
# regex engine skips ahead to the next candidate (an alternation of classes would make it try
# the whole pattern at every character); spaces before a break are stripped after.
_END = re.compile(r"[.!?؟։。۔\n](?:(?<=\n)\s*|[\"'”’»)]*\s+|(?<=۔))")
_KEEP_END = frozenset(".!?؟։。۔")


def detect_lang(text: str) -> str:
    """Guess en / ar / fr from script and common function words."""
    sample = text[:3000]
    letters = len(_LETTER.findall(sample)) or 1
    if len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    return "fr" if len(_FR.findall(sample)) > len(_EN.findall(sample)) else "en"


# Titles written with a full stop before a name: no sentence ends there.
_ABBREVIATIONS = frozenset("dr mr mrs ms prof gen col lt capt sgt st m mm mme mlle pr".split())
_ABBREVIATION_ENDS = frozenset(c for a in _ABBREVIATIONS for c in (a[-1], a[-1].upper()))
_LAST_WORD = re.compile(r"(\w+)$")


def split_sentences(text: str) -> list[str]:
    """Split into sentences; a full stop after a title ("Dr.", "Mme.") does not end one."""
    out = []
    pos = 0
    for match in _END.finditer(text):
        stop = match.start()
        if text[stop] == "." and text[stop - 1 : stop] in _ABBREVIATION_ENDS:
            word = _LAST_WORD.search(text, max(pos, stop - 6), stop)
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        end = stop + 1 if text[stop] in _KEEP_END else stop
        sentence = text[pos:end].strip()
        if sentence:
            out.append(sentence)
        pos = match.end()
    rest = text[pos:].strip()
    if rest:
        out.append(rest)
    return out
