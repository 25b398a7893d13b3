"""Decide labels sentence by sentence, then gather evidence and facts.

A sentence counts for a label when one of the label's groups matches in it and neither the
language's discard list (generic or normative mentions), the label's discard list (e.g.
denials) nor the group's ``not`` list does. Title and lead sentences weigh more. A body
sentence carrying a tally cue ("since 2011", منذ بداية الثورة) is a closing statistic and
does not count. A body sentence stating a large number is a tally: it counts at
``TALLY_FACTOR`` of its weight, unless it reports what a report or trial found ("the report
documents 14,388 deaths under torture"), which is the article's subject; any other tally
sentence never counts for more than an ordinary match, however specific its wording.
Groups marked ``lead_only`` count only in the title or lead.

The text is folded once, matched once (one automaton pass) and scanned once for numbers;
everything after that works on term ids and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from classifiers import facts as F
from classifiers.article_facts import article_facts
from classifiers.layout import drop_clutter
from classifiers.match import Hits, find_in, line_starts
from classifiers.normalise import fold, fold_and_view
from classifiers.rules import Context, Group, LabelRules, RuleSet, load_rules
from classifiers.text import detect_lang, split_sentences
from crawler.models import Classification

TITLE_WEIGHT = 1.5
LEAD_WEIGHT = 1.25
MAX_EVIDENCE = 3
TALLY_FACTOR = 0.5
ANCHORED_WEIGHT = LEAD_WEIGHT  # a body sentence that places its event in time, place or agent
TALLY_CAP = 2.0


@lru_cache(maxsize=1)
def ruleset() -> RuleSet:
    """The compiled rules, loaded once per process."""
    return load_rules()


@dataclass(frozen=True)
class _Triggers:
    """For one language: which groups a term can set off, so a sentence tries only those."""

    by_term: dict[int, tuple[tuple[int, int], ...]]  # term id -> (label index, group order)
    ranked: tuple[tuple[int, ...], ...]  # per label: group orders, heaviest first


@lru_cache(maxsize=8)
def _triggers(lang: str) -> _Triggers:
    by_term: dict[int, set[tuple[int, int]]] = {}
    ranked = []
    for label_index, rules in enumerate(ruleset().labels[lang]):
        for order, group in enumerate(rules.groups):
            for term_id in group.sets[0]:
                by_term.setdefault(term_id, set()).add((label_index, order))
        groups = rules.groups
        ranked.append(tuple(sorted(range(len(groups)), key=lambda o: (-groups[o].weight, o))))
    return _Triggers({t: tuple(sorted(v)) for t, v in by_term.items()}, tuple(ranked))


_CLAUSE_BREAK = re.compile(r"[,;:()]| and | but | et | mais | ou | or ")


@dataclass(frozen=True)
class _Negations:
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


def _negations(
    found: dict[int, list[int]], sentence: str, context: Context, keys: list[str]
) -> _Negations | None:
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
    return _Negations(sentence, cues_before, cues_after, context.negation_window)


def _whole(sentence: str, end: int) -> bool:
    """Whether a cue ends a word: Arabic "لم" is a negation, "لما" (when) is not."""
    return end >= len(sentence) or not sentence[end].isalnum()


def _alive(
    event: frozenset[int],
    found: dict[int, list[int]],
    negations: _Negations,
    keys: list[str],
) -> bool:
    """Whether one occurrence of an event term in the sentence is not negated."""
    return any(
        not negations.cancels(o, o + len(keys[t]))
        for t in event.intersection(found)
        for o in found[t]
    )


def _group_matches(
    group: Group,
    found: dict[int, list[int]],
    sentence: str,
    negations: _Negations | None = None,
    keys: list[str] | None = None,
) -> bool:
    if group.veto and not group.veto.isdisjoint(found):
        return False
    sets = group.sets
    if negations is not None and keys is not None:
        if not _alive(sets[0], found, negations, keys):
            return False
    for term_set in sets[1:]:
        if term_set.isdisjoint(found):
            return False
    if not group.window or len(sets) == 1:
        return True
    # word positions of each set's terms (a sentence holds a few terms, a set may list dozens)
    positions = [
        [sentence.count(" ", 0, o) for t, at in found.items() if t in term_set for o in at]
        for term_set in sets
    ]
    window = group.window
    return any(
        all(any(abs(q - p) <= window for q in other) for other in positions[1:])
        for p in positions[0]
    )


def _candidates(
    triggers: _Triggers, hits: Hits, usable: dict[int, float], labels: int
) -> list[dict[int, set[int]]]:
    """Per label: sentence index -> orders of the groups its terms can set off."""
    out: list[dict[int, set[int]]] = [{} for _ in range(labels)]
    by_term = triggers.by_term
    for index in usable:
        for term_id in hits[index]:
            for label_index, order in by_term.get(term_id, ()):
                out[label_index].setdefault(index, set()).add(order)
    return out


def _score_label(
    rules: LabelRules,
    ranked: tuple[int, ...],
    candidates: dict[int, set[int]],
    hits: Hits,
    folded: list[str],
    usable: dict[int, float],
    capped: set[int],
    lead: int,
    negations: dict[int, _Negations],
    keys: list[str],
    specific: set[int],
) -> tuple[float, list[tuple[float, int]]]:
    total = 0.0
    contributions: list[tuple[float, int]] = []
    discard = rules.discard
    groups = rules.groups
    for index, orders in candidates.items():
        found = hits[index]
        if discard and not discard.isdisjoint(found):
            continue
        best = 0.0
        told = False  # the matching group also gave the event's agent, place or reason
        for order in ranked:
            if order not in orders:
                continue
            group = groups[order]
            if group.weight <= best:
                break
            if group.lead_only and index > lead:
                continue
            if group.specific and index not in specific:
                continue
            negated = negations.get(index) if rules.negation_scope else None
            if _group_matches(group, found, folded[index], negated, keys):
                best = group.weight
                told = rules.and_anchors and len(group.sets) > 1
        if best:
            weight = usable[index]
            if index in capped:
                best = min(best, TALLY_CAP)
            elif told and index in specific:
                # who, what and where or by whom, in one sentence: a report of the event
                weight = max(weight, ANCHORED_WEIGHT)
            total += best * weight
            contributions.append((best * weight, index))
    return total, contributions


def _anchored(found: dict[int, list[int]], sentence: str, fact_terms: frozenset[int]) -> bool:
    """Whether a sentence ties what it tells to a place, a force or a year: an event stated
    so is a report of that event wherever it stands in the article."""
    return not fact_terms.isdisjoint(found)


def _mask_false_friends(
    hits: Hits, false_friends: frozenset[int], keep: frozenset[int], keys: list[str]
) -> None:
    """Drop the rule terms that lie inside a false friend ("release date", "sans relâche",
    "Organisation de libération du Levant"); place and actor names (``keep``) stay."""
    for found in hits.values():
        if false_friends.isdisjoint(found):
            continue
        spans = [(o, o + len(keys[t])) for t in false_friends.intersection(found) for o in found[t]]
        for t in [t for t in found if t not in false_friends and t not in keep]:
            kept = [o for o in found[t] if not any(a <= o < b for a, b in spans)]
            if kept:
                found[t] = kept
            else:
                del found[t]


@dataclass(frozen=True)
class Prepared:
    """An article split and folded: title then sentences, as written and folded, the folded
    ones joined by line breaks (``doc``) with where each starts, and the word view of ``doc``
    when folding gave it (else ``find_in`` makes it)."""

    sentences: list[str]
    folded: list[str]
    doc: str
    starts: list[int]
    view: str | None


def prepare(title: str, text: str) -> Prepared:
    """Split ``text`` into sentences after the title and fold them, in one pass when it can."""
    sentences = [" ".join(title.split())] + split_sentences(drop_clutter(title, text))
    doc, view_or_none = fold_and_view("\n".join(sentences))
    view: str | None = view_or_none
    folded = doc.split("\n")
    if len(folded) != len(sentences):  # a character folded into a line break: fold one by one
        folded = [fold(s) for s in sentences]
        doc = "\n".join(folded)
        view = None
    return Prepared(sentences, folded, doc, line_starts(folded), view)


def classify(
    title: str, text: str, lang: str | None = None, published: str | None = None
) -> Classification:
    """Label one article, with evidence sentences and facts (pure: no I/O after first load)."""
    rs = ruleset()
    lang = lang if lang in rs.labels else detect_lang(f"{title}\n{text}")
    article = prepare(title, text)
    sentences, folded, doc, starts = article.sentences, article.folded, article.doc, article.starts
    hits = find_in(rs, doc, starts, article.view)
    numbers = F.scan_numbers(doc, starts, rs.months)
    context = rs.context[lang]
    keys = rs.keys
    if context.false_friends:
        _mask_false_friends(hits, context.false_friends, rs.fact_terms, keys)
    negations = {
        index: n
        for index, found in hits.items()
        if (n := _negations(found, folded[index], context, keys)) is not None
    }
    lead = context.lead_sentences
    words = rs.number_words.get(lang)
    spelt = F.number_words_in(folded, starts, hits, words, lang == "ar") if words else []
    who = context.participants | rs.victim_cues.get(lang, frozenset())
    if words:
        who = who | words.terms
    specific = {n.sentence for n in numbers}
    specific.update(i for i, found in hits.items() if not who.isdisjoint(found))
    tallies = {n.sentence for n in numbers if n.value >= context.tally_number}

    usable: dict[int, float] = {}
    capped: set[int] = set()
    # a headline denying a report: what the report says is the subject of the denial
    denied = not context.denial.isdisjoint(hits.get(0, ()))
    for index, found in hits.items():
        if not found or not context.discard.isdisjoint(found):
            continue
        if denied and index and not context.report.isdisjoint(found):
            continue
        if index > lead and not context.tally.isdisjoint(found):
            continue
        weight = TITLE_WEIGHT if index == 0 else LEAD_WEIGHT if index <= lead else 1.0
        if index > lead and _anchored(found, folded[index], rs.fact_terms):
            weight = ANCHORED_WEIGHT
        if index > lead and index in tallies and context.report.isdisjoint(found):
            capped.add(index)
            weight *= TALLY_FACTOR
        usable[index] = weight

    labels: list[str] = []
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    evidence_index: dict[str, list[int]] = {}
    probable: list[str] = []
    triggers = _triggers(lang)
    label_rules = rs.labels[lang]
    candidates = _candidates(triggers, hits, usable, len(label_rules))
    for label_index, rules in enumerate(label_rules):
        total, contributions = _score_label(
            rules,
            triggers.ranked[label_index],
            candidates[label_index],
            hits,
            folded,
            usable,
            capped,
            lead,
            negations,
            keys,
            specific,
        )
        scores[rules.label] = round(min(total / rules.threshold, 2.0) / 2, 3)
        if total < rules.threshold:
            continue
        labels.append(rules.label)
        chosen = sorted(i for _, i in sorted(contributions, reverse=True)[:MAX_EVIDENCE])
        evidence[rules.label] = [sentences[i] for i in chosen]
        evidence_index[rules.label] = chosen
        # Probable when what the body says for the label is all hedged; a headline states
        # the event in short ("Detainee dies in custody") and does not settle it.
        body = [i for i in chosen if i != 0] or chosen
        if all(not context.hedge.isdisjoint(hits[i]) for i in body):
            probable.append(rules.label)

    counted = sorted([*numbers, *spelt], key=lambda n: n.at) if spelt else numbers
    found_facts = article_facts(
        rs, lang, published, sentences, folded, hits, evidence_index, counted
    )
    return Classification(tuple(labels), scores, evidence, found_facts, tuple(probable), doc)
