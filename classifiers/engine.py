"""Decide labels sentence by sentence, then gather evidence and facts.

Page clutter is dropped first (``layout``), so the lead is the article's own. A sentence
counts for a label when one of the label's groups matches in it, its event words are neither
inside a false friend nor in the scope of a negation or hypothesis (``scope``), and neither
the language's discard list (normative text, definitions), the label's discard list nor the
group's ``not`` list applies. Each sentence weighs by its role: title, lead, body. A body
sentence weighs like the lead when it ties its event to a place or a force, or when its
group gave the event's agent, place or reason and the sentence counts or points at its
people: one clear event sentence labels wherever it stands. Groups marked ``specific`` count
only in such a sentence; ``lead_only`` groups only in the title or lead. A body sentence
carrying a tally cue ("since 2011", منذ بداية الثورة) is a closing statistic and does not
count. A body sentence stating a large number is a tally: it counts at ``TALLY_FACTOR`` of
its weight, unless it reports what a report, trial or archive found ("the report documents
14,388 deaths under torture"), which is the article's subject. Under a headline that denies
a report, what the report says does not count.

The text is folded once, matched once (one automaton pass) and scanned once for numbers;
everything after that works on term ids and offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from classifiers import facts as F
from classifiers.article_facts import article_facts
from classifiers.match import Hits, find_in
from classifiers.prepared import prepare
from classifiers.rules import Context, Group, LabelRules, RuleSet, load_rules
from classifiers.scope import Negations, alive, mask_false_friends, negations_in
from classifiers.text import detect_lang
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
    """For one language: which groups a term can set off, so a sentence tries only those.
    A group is named by its rank in its label, heaviest first (ties in file order), so the
    groups a sentence can set off are tried in that order by sorting their few ranks."""

    by_term: dict[int, tuple[tuple[int, int], ...]]  # term id -> (label index, group rank)
    ranked: tuple[tuple[Group, ...], ...]  # per label: its groups, heaviest first
    # the terms of ``by_term``: a sentence's triggers are found by one set intersection, where
    # most of its terms (people, places, numbers, cues) set off no group
    terms: frozenset[int]


@lru_cache(maxsize=8)
def _triggers(lang: str) -> _Triggers:
    by_term: dict[int, set[tuple[int, int]]] = {}
    ranked = []
    for label_index, rules in enumerate(ruleset().labels[lang]):
        groups = rules.groups
        heaviest_first = sorted(range(len(groups)), key=lambda o: (-groups[o].weight, o))
        for rank, order in enumerate(heaviest_first):
            for term_id in groups[order].sets[0]:
                by_term.setdefault(term_id, set()).add((label_index, rank))
        ranked.append(tuple(groups[order] for order in heaviest_first))
    return _Triggers(
        {t: tuple(sorted(v)) for t, v in by_term.items()}, tuple(ranked), frozenset(by_term)
    )


@lru_cache(maxsize=8)
def _participants(lang: str) -> frozenset[int]:
    """The terms that point at an event's people in one language: the context's
    participants, the victim cues and the number words."""
    rs = ruleset()
    words = rs.number_words.get(lang)
    return (
        rs.context[lang].participants
        | rs.victim_cues.get(lang, frozenset())
        | (words.terms if words else frozenset())
    )


@lru_cache(maxsize=8)
def _negation_cues(lang: str) -> frozenset[int]:
    """The negation cues of one language, before and after the event: a sentence holding
    none (most of them) needs no look at its negations."""
    context = ruleset().context[lang]
    return context.negation | context.negation_after


_PLAIN_COMPARISONS = 256  # position pairs below which a window is checked without sorting
_LONG_SENTENCE = 1_000  # letters beyond which word positions are bisected, not counted


class _WordAt:
    """The word position of an offset in one sentence (how many spaces stand before it): the
    sentence's spaces are found once, on the first call, then each offset is bisected. A
    count of the spaces before every hit cost hits x length: seconds on a long line."""

    __slots__ = ("_sentence", "_spaces")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._spaces: list[int] | None = None

    def __call__(self, offset: int) -> int:
        spaces = self._spaces
        if spaces is None:
            sentence, spaces, at = self._sentence, [], self._sentence.find(" ")
            while at >= 0:
                spaces.append(at)
                at = sentence.find(" ", at + 1)
            self._spaces = spaces
        return bisect_left(spaces, offset)


def _group_matches(
    group: Group,
    found: dict[int, list[int]],
    sentence: str,
    negations: Negations | None = None,
    keys: list[str] | None = None,
    word_at: _WordAt | None = None,
) -> bool:
    if group.veto and not group.veto.isdisjoint(found):
        return False
    sets = group.sets
    if negations is not None and keys is not None:
        if not alive(sets[0], found, negations, keys):
            return False
    for term_set in sets[1:]:
        if term_set.isdisjoint(found):
            return False
    if not group.window or len(sets) == 1:
        return True
    # word positions of each set's terms (a sentence holds a few terms, a set may list dozens)
    if word_at is None:  # a sentence of common length: counting is quicker than bisecting
        positions = [
            [sentence.count(" ", 0, o) for t, at in found.items() if t in term_set for o in at]
            for term_set in sets
        ]
    else:
        positions = [
            [word_at(o) for t, at in found.items() if t in term_set for o in at]
            for term_set in sets
        ]
    return _near_all(positions[0], positions[1:], group.window)


def _near_all(first: list[int], others: list[list[int]], window: int) -> bool:
    """Whether a position in ``first`` has, in each of ``others``, one at most ``window``
    words away. Few positions (the common sentence) are compared in plain loops; many (a
    long sentence repeating its terms) are bisected in sorted lists, so the check stays
    n log n rather than n × m."""
    if len(first) * sum(len(other) for other in others) <= _PLAIN_COMPARISONS:
        for p in first:
            for other in others:
                for q in other:
                    if -window <= q - p <= window:
                        break
                else:
                    break  # nothing in this set near p
            else:
                return True
        return False
    ordered = [sorted(other) for other in others]
    for p in first:
        for other in ordered:
            at = bisect_left(other, p - window)
            if at == len(other) or other[at] > p + window:
                break
        else:
            return True
    return False


def _candidates(
    triggers: _Triggers, hits: Hits, usable: dict[int, float], labels: int
) -> list[dict[int, set[int]]]:
    """Per label: sentence index -> ranks of the groups its terms can set off."""
    out: list[dict[int, set[int]]] = [{} for _ in range(labels)]
    by_term, terms = triggers.by_term, triggers.terms
    for index in usable:
        for term_id in terms.intersection(hits[index]):
            for label_index, rank in by_term[term_id]:
                ranks = out[label_index].get(index)  # no new set made for each term
                if ranks is None:
                    out[label_index][index] = {rank}
                else:
                    ranks.add(rank)
    return out


@dataclass(frozen=True)
class _Reading:
    """What scoring needs to know of one article's sentences, worked out once for all labels.

    ``usable``: sentence index -> weight of its role (title, lead, anchored body, body, tally);
    ``capped``: tally sentences whose group weight is capped; ``specific``: sentences that
    count or point at their people; ``negations``: the cue scopes of sentences holding one.
    """

    hits: Hits
    folded: list[str]
    usable: dict[int, float]
    capped: set[int]
    lead: int
    negations: dict[int, Negations]
    keys: list[str]
    specific: set[int]
    word_at: dict[int, _WordAt] = field(default_factory=dict)  # filled as sentences are read


def _score_label(
    rules: LabelRules,
    ranked: tuple[Group, ...],
    candidates: dict[int, set[int]],
    reading: _Reading,
) -> tuple[float, list[tuple[float, int]]]:
    """The label's score and each sentence's share; ``candidates``: sentence index -> ranks
    (in ``ranked``) of the groups its terms can set off."""
    hits, folded, usable, capped = reading.hits, reading.folded, reading.usable, reading.capped
    lead, negations, keys, specific = (
        reading.lead,
        reading.negations,
        reading.keys,
        reading.specific,
    )
    total = 0.0
    contributions: list[tuple[float, int]] = []
    discard = rules.discard
    for index, ranks in candidates.items():
        found = hits[index]
        if discard and not discard.isdisjoint(found):
            continue
        best = 0.0
        told = False  # the matching group also gave the event's agent, place or reason
        word_at = None
        if len(folded[index]) > _LONG_SENTENCE:
            word_at = reading.word_at.get(index)
            if word_at is None:
                word_at = reading.word_at[index] = _WordAt(folded[index])
        for rank in sorted(ranks):
            group = ranked[rank]
            if group.weight <= best:
                break
            if group.lead_only and index > lead:
                continue
            if group.specific and index not in specific:
                continue
            negated = negations.get(index) if rules.negation_scope else None
            if _group_matches(group, found, folded[index], negated, keys, word_at):
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


def _tells_a_work(found: dict[int, list[int]], sentence: str, context: Context) -> bool:
    """Whether a work noun ("the biography", "الرواية") stands before a telling verb
    ("recalls", "تروي") at most ``work_window`` words away (or after it, where the language
    puts the verb first): the subject of the sentence is the work, and what it tells is its
    story, not an event reported."""
    if context.work_nouns.isdisjoint(found) or context.work_verbs.isdisjoint(found):
        return False
    at = _WordAt(sentence)
    nouns = [at(o) for t, offs in found.items() if t in context.work_nouns for o in offs]
    verbs = sorted(at(o) for t, offs in found.items() if t in context.work_verbs for o in offs)
    window = context.work_window
    low = window if context.work_verb_first else -1
    for n in nouns:
        i = bisect_left(verbs, n - low)
        if i < len(verbs) and verbs[i] - n <= window:
            return True
    return False


def _anchored(found: dict[int, list[int]], fact_terms: frozenset[int]) -> bool:
    """Whether a sentence ties what it tells to a place or a force: an event stated
    so is a report of that event wherever it stands in the article."""
    return not fact_terms.isdisjoint(found)


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
        mask_false_friends(hits, context.false_friends, rs.fact_terms, keys)
    cues = _negation_cues(lang)
    negations = {
        index: n
        for index, found in hits.items()
        if not cues.isdisjoint(found)
        and (n := negations_in(found, folded[index], context, keys)) is not None
    }
    lead = context.lead_sentences
    words = rs.number_words.get(lang)
    spelt = F.number_words_in(folded, starts, hits, words, lang == "ar") if words else []
    who = _participants(lang)
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
        if context.work_window and _tells_a_work(found, folded[index], context):
            continue
        if denied and index and not context.report.isdisjoint(found):
            continue
        if index > lead and not context.tally.isdisjoint(found):
            continue
        weight = TITLE_WEIGHT if index == 0 else LEAD_WEIGHT if index <= lead else 1.0
        if index > lead and _anchored(found, rs.fact_terms):
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
    reading = _Reading(hits, folded, usable, capped, lead, negations, keys, specific)
    for label_index, rules in enumerate(label_rules):
        total, contributions = _score_label(
            rules, triggers.ranked[label_index], candidates[label_index], reading
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
    found_facts = article_facts(rs, lang, published, article, hits, evidence_index, counted)
    return Classification(tuple(labels), scores, evidence, found_facts, tuple(probable), doc)
