"""Find rule terms in folded sentences: one automaton pass, word boundaries checked here.

Latin terms must start and end on a word boundary (a term written ``tortur*`` may run on).
Arabic terms may carry the clitic prefixes and suffixes of ``rules/shared/arabic_clitics.toml``
(و ف ب ل ك ال وال بال لل ... ; ه ها هم ...), matched explicitly rather than by stemming.
"""

from __future__ import annotations

from bisect import bisect_right

from classifiers.rules import RuleSet

# sentence index -> term id -> character offsets of the term inside that sentence
Hits = dict[int, dict[int, list[int]]]

_MAX_PREFIX = 4
_MAX_SUFFIX = 3


def _letter(ch: str) -> bool:
    return ch.isalpha()


def find(rules: RuleSet, sentences: list[str]) -> Hits:
    """Return every term hit in ``sentences`` (already folded, no newlines inside)."""
    doc = "\n".join(sentences)
    starts = []
    pos = 0
    for sentence in sentences:
        starts.append(pos)
        pos += len(sentence) + 1
    terms = rules.lexicon.terms
    prefixes, suffixes = rules.prefixes, rules.suffixes
    hits: Hits = {}
    size = len(doc)
    for end_index, (length, ids) in rules.lexicon.automaton.iter(doc):
        start = end_index - length + 1
        end = end_index + 1
        first = terms[ids[0]]
        if first.arabic:
            k = start
            while k > 0 and start - k < _MAX_PREFIX + 1 and _letter(doc[k - 1]):
                k -= 1
            if k > 0 and _letter(doc[k - 1]):
                continue
            if doc[k:start] not in prefixes:
                continue
            j = end
            while j < size and j - end < _MAX_SUFFIX + 1 and _letter(doc[j]):
                j += 1
            run_on = j > end
            suffix_ok = not (j < size and _letter(doc[j])) and doc[end:j] in suffixes
        else:
            if start > 0 and doc[start - 1].isalnum():
                continue
            run_on = end < size and doc[end].isalnum()
            suffix_ok = not run_on
        for term_id in ids:
            if run_on and not terms[term_id].wildcard and not suffix_ok:
                continue
            index = bisect_right(starts, start) - 1
            hits.setdefault(index, {}).setdefault(term_id, []).append(start - starts[index])
    return hits
