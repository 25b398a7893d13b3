"""What in a sentence does not count: words inside a false friend, and event words in the
scope of a negation or a hypothesis.

Both work on the automaton's hits (term id -> offsets in the folded sentence), so they cost
nothing for the many sentences that hold no cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.match import Hits
from classifiers.rules import Context

_CLAUSE_BREAK = re.compile(r"[,;:()]| and | but | et | mais | ou | or ")


@dataclass(frozen=True)
class Negations:
    """A sentence's negation and hypothetical cues as (start, end) character spans: those that
    cancel an event word shortly after them, and those that cancel one shortly before."""

    sentence: str
    before: tuple[tuple[int, int], ...]
    after: tuple[tuple[int, int], ...]
    window: int

    def cancels(self, start: int, end: int) -> bool:
        """Whether the event word at ``start``..``end`` lies in a cue's scope: at most
        ``window`` words away, with no clause break between them."""
        text = self.sentence
        for _, cue_end in self.before:
            if cue_end <= start and self._near(text[cue_end:start]):
                return True
        return any(
            end <= cue_start and self._near(text[end:cue_start]) for cue_start, _ in self.after
        )

    def _near(self, between: str) -> bool:
        return between.count(" ") <= self.window and not _CLAUSE_BREAK.search(between)


def negations_in(
    found: dict[int, list[int]], sentence: str, context: Context, keys: list[str]
) -> Negations | None:
    def spans(cues: frozenset[int]) -> tuple[tuple[int, int], ...]:
        return tuple(
            (o, o + len(keys[t]))
            for t in cues.intersection(found)
            for o in found[t]
            if _whole(sentence, o + len(keys[t]))
        )

    before, after = context.negation, context.negation_after
    if before.isdisjoint(found) and after.isdisjoint(found):
        return None
    cues_before, cues_after = spans(before), spans(after)
    if not cues_before and not cues_after:
        return None
    return Negations(sentence, cues_before, cues_after, context.negation_window)


def _whole(sentence: str, end: int) -> bool:
    """Whether a cue ends a word: Arabic "لم" is a negation, "لما" (when) is not."""
    return end >= len(sentence) or not sentence[end].isalnum()


def alive(
    event: frozenset[int],
    found: dict[int, list[int]],
    negations: Negations,
    keys: list[str],
) -> bool:
    """Whether one occurrence of an event term in the sentence is not negated."""
    return any(
        not negations.cancels(o, o + len(keys[t]))
        for t in event.intersection(found)
        for o in found[t]
    )


def mask_false_friends(
    hits: Hits, false_friends: frozenset[int], keep: frozenset[int], keys: list[str]
) -> None:
    """Drop the rule terms that lie inside a false friend ("release date", "sans relâche",
    "Organisation de libération du Levant"); place and actor names (``keep``) stay.

    The characters the false friends cover are gathered in a set (a phrase covers a few
    dozen), so the terms starting in none of them are passed over by one set test."""
    for found in hits.values():
        if false_friends.isdisjoint(found):
            continue
        covered = {
            at
            for t in false_friends.intersection(found)
            for o in found[t]
            for at in range(o, o + len(keys[t]))
        }
        inside = [
            t
            for t, offsets in found.items()
            if t not in false_friends and t not in keep and not covered.isdisjoint(offsets)
        ]
        for t in inside:
            kept = [o for o in found[t] if o not in covered]
            if kept:
                found[t] = kept
            else:
                del found[t]
