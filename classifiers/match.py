"""Find rule terms in folded sentences: one automaton pass over the word view of the text.

Every automaton key starts with a separator, so it reports only hits that start a word; Latin
terms must also end on a word boundary (a term written ``tortur*`` may run on).
Arabic terms may carry the clitic prefixes and suffixes of ``rules/shared/arabic_clitics.toml``
(و ف ب ل ك ال وال بال لل ... ; ه ها هم ...), matched explicitly rather than by stemming: the
prefixes are part of the keys (see ``Lexicon.compile``), the suffixes are checked here.
"""

from __future__ import annotations

import re

from classifiers.rules import RUNS_ON, RuleSet, word_view

# sentence index -> term id -> character offsets of the term inside that sentence
Hits = dict[int, dict[int, list[int]]]

_LETTERS = re.compile(r"[^\W\d_]+")


def line_starts(lines: list[str]) -> list[int]:
    """Where each of ``lines`` starts in ``"\n".join(lines)``."""
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def find(rules: RuleSet, sentences: list[str]) -> Hits:
    """Return every term hit in ``sentences`` (already folded, no newlines inside)."""
    return find_in(rules, "\n".join(sentences), line_starts(sentences))


def find_in(rules: RuleSet, doc: str, starts: list[int], view: str | None = None) -> Hits:
    """Term hits in ``doc``: folded sentences joined by newlines, each starting at ``starts``.

    Every line break of ``doc`` must start a sentence: the automaton reads line breaks as
    spaces, and a hit reaching back across one is dropped as running over two sentences.

    ``view``: ``word_view(doc)`` when the caller has it already.

    The automaton reads the view with its line breaks as spaces, so its keys need one
    separator rather than two (a term before a line break, a prefix after one); a term
    that runs across a line break starts before its sentence and is dropped. The automaton
    reports hits in text order, so the sentence of each hit is found by walking forward
    through ``starts`` rather than searching it.
    """
    suffixes = rules.suffixes
    letters = _LETTERS.match
    hits: Hits = {}
    size = len(doc)
    # a hit ends (exclusive) at or before the line break that closes its sentence
    closes = [s - 1 for s in starts[1:]] + [size]
    index = 0
    close = closes[0]
    first = starts[0]
    found: dict[int, list[int]] = {}
    hits[0] = found
    padded = " " + (word_view(doc) if view is None else view).replace("\n", " ") + " "
    for view_end, entries in rules.lexicon.automaton.iter(padded):
        for length, ids, wild, kind in entries:
            if kind:
                end = view_end
                if kind == RUNS_ON:
                    if end < size and doc[end].isalnum():
                        ids = wild
                elif end < size and doc[end] not in " \n":  # ARABIC, and letters follow
                    run = letters(doc, end)
                    if run is not None and run.group() not in suffixes:
                        ids = wild
                if not ids:
                    continue
            else:
                end = view_end - 1
            if end > close:
                while end > close:
                    index += 1
                    close = closes[index]
                first = starts[index]
                known = hits.get(index)
                found = hits[index] = {} if known is None else known
            offset = end - length - first
            if offset < 0:  # across a line break
                continue
            for term_id in ids:
                if term_id in found:
                    found[term_id].append(offset)
                else:
                    found[term_id] = [offset]
    return {index: found for index, found in hits.items() if found}
