"""Find rule terms in folded sentences: one automaton pass over the word view of the text.

Latin terms must start and end on a word boundary (a term written ``tortur*`` may run on); the
automaton's keys carry the separators, so it reports only whole-word hits (see
``Lexicon.compile``).
Arabic terms may carry the clitic prefixes and suffixes of ``rules/shared/arabic_clitics.toml``
(و ف ب ل ك ال وال بال لل ... ; ه ها هم ...), matched explicitly rather than by stemming.
"""

from __future__ import annotations

from bisect import bisect_right

from classifiers.rules import RuleSet, word_view

# sentence index -> term id -> character offsets of the term inside that sentence
Hits = dict[int, dict[int, list[int]]]

_MAX_PREFIX = 4
_MAX_SUFFIX = 3


def find(rules: RuleSet, sentences: list[str]) -> Hits:
    """Return every term hit in ``sentences`` (already folded, no newlines inside)."""
    starts = []
    pos = 0
    for sentence in sentences:
        starts.append(pos)
        pos += len(sentence) + 1
    return find_in(rules, "\n".join(sentences), starts)


def find_in(rules: RuleSet, doc: str, starts: list[int]) -> Hits:
    """Term hits in ``doc``: folded sentences joined by newlines, each starting at ``starts``."""
    terms = rules.lexicon.terms
    prefixes, suffixes = rules.prefixes, rules.suffixes
    hits: Hits = {}
    size = len(doc)
    view = " " + word_view(doc) + " "
    for view_end, (length, ids, arabic, trail) in rules.lexicon.automaton.iter(view):
        end = view_end - trail
        start = end - length
        if arabic:
            k = start
            while k > 0 and start - k <= _MAX_PREFIX and doc[k - 1].isalpha():
                k -= 1
            if k > 0 and doc[k - 1].isalpha():
                continue
            if k != start and doc[k:start] not in prefixes:
                continue
            j = end
            while j < size and j - end <= _MAX_SUFFIX and doc[j].isalpha():
                j += 1
            run_on = j > end
            suffix_ok = not run_on or (
                not (j < size and doc[j].isalpha()) and doc[end:j] in suffixes
            )
        elif trail:
            run_on = suffix_ok = False
        else:
            run_on = end < size and doc[end].isalnum()
            suffix_ok = not run_on
        index = bisect_right(starts, start) - 1
        found = hits.get(index)
        if found is None:
            found = hits[index] = {}
        offset = start - starts[index]
        for term_id in ids:
            if run_on and not suffix_ok and not terms[term_id].wildcard:
                continue
            found.setdefault(term_id, []).append(offset)
    return hits
