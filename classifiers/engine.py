"""Decide labels sentence by sentence, then gather evidence and facts.

A sentence counts for a label when one of the label's groups matches in it and neither the
language's discard list (generic or normative mentions), the label's discard list (e.g.
denials) nor the group's ``not`` list does. Title and lead sentences weigh more. A body
sentence carrying a tally cue ("since 2011", منذ بداية الثورة) is a closing statistic and
does not count; groups marked ``lead_only`` count only in the title or lead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from classifiers import facts as F
from classifiers.match import Hits, find
from classifiers.normalise import fold
from classifiers.rules import Group, LabelRules, RuleSet, load_rules
from classifiers.text import detect_lang, split_sentences
from crawler.models import Classification

TITLE_WEIGHT = 1.5
LEAD_WEIGHT = 1.25
MAX_EVIDENCE = 3


@lru_cache(maxsize=1)
def ruleset() -> RuleSet:
    """The compiled rules, loaded once per process."""
    return load_rules()


_DIGITS = re.compile(
    r"(?<![\d,.])\d{1,3}(?:[, ]\d{3})+(?![\d])|(?<![\d,.])\d{4,}(?![\d])"
    r"|\d+\s+(?:الف|thousand|mille)"
)


def _big_number(sentence: str, minimum: int) -> bool:
    """Whether the sentence states a tally of at least ``minimum`` (years are not tallies)."""
    for match in _DIGITS.finditer(sentence):
        raw = match.group()
        if raw.isdigit() and 1900 <= int(raw) <= 2099:
            continue
        digits = re.sub(r"\D", "", raw)
        value = int(digits) * (1000 if not raw[-1].isdigit() else 1)
        if value >= minimum:
            return True
    return False


def _word(sentence: str, offset: int) -> int:
    return sentence.count(" ", 0, offset)


def _group_matches(group: Group, found: dict[int, list[int]], sentence: str) -> bool:
    if group.veto and not group.veto.isdisjoint(found):
        return False
    for term_set in group.sets:
        if term_set.isdisjoint(found):
            return False
    if not group.window or len(group.sets) == 1:
        return True
    positions = [
        [_word(sentence, o) for t in term_set if t in found for o in found[t]]
        for term_set in group.sets
    ]
    return any(
        all(any(abs(q - p) <= group.window for q in other) for other in positions[1:])
        for p in positions[0]
    )


def _score_label(
    rules: LabelRules,
    hits: Hits,
    folded: list[str],
    usable: dict[int, float],
    lead: set[int],
) -> tuple[float, list[tuple[float, int]]]:
    total = 0.0
    contributions: list[tuple[float, int]] = []
    for index, weight in usable.items():
        found = hits[index]
        if rules.discard and not rules.discard.isdisjoint(found):
            continue
        best = 0.0
        for group in rules.groups:
            if group.weight <= best or (group.lead_only and index not in lead):
                continue
            if _group_matches(group, found, folded[index]):
                best = group.weight
        if best:
            total += best * weight
            contributions.append((best * weight, index))
    return total, contributions


def classify(
    title: str, text: str, lang: str | None = None, published: str | None = None
) -> Classification:
    """Label one article, with evidence sentences and facts (pure: no I/O after first load)."""
    rs = ruleset()
    lang = lang if lang in rs.labels else detect_lang(f"{title}\n{text}")
    sentences = [" ".join(title.split())] + split_sentences(text)
    folded = [fold(s) for s in sentences]
    hits = find(rs, folded)
    context = rs.context[lang]
    lead = set(range(0, context.lead_sentences + 1))

    usable: dict[int, float] = {}
    for index, found in hits.items():
        if not context.discard.isdisjoint(found):
            continue
        if index not in lead and (
            not context.tally.isdisjoint(found) or _big_number(folded[index], context.tally_number)
        ):
            continue
        usable[index] = TITLE_WEIGHT if index == 0 else LEAD_WEIGHT if index in lead else 1.0

    labels: list[str] = []
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    evidence_index: dict[str, list[int]] = {}
    probable: list[str] = []
    for rules in rs.labels[lang]:
        total, contributions = _score_label(rules, hits, folded, usable, lead)
        scores[rules.label] = round(min(total / rules.threshold, 2.0) / 2, 3)
        if total < rules.threshold:
            continue
        labels.append(rules.label)
        chosen = sorted(i for _, i in sorted(contributions, reverse=True)[:MAX_EVIDENCE])
        evidence[rules.label] = [sentences[i] for i in chosen]
        evidence_index[rules.label] = chosen
        if any(not context.hedge.isdisjoint(hits[i]) for i in chosen):
            probable.append(rules.label)

    found_facts = _facts(rs, lang, published, sentences, folded, hits, evidence_index, text)
    if probable:
        found_facts["probable"] = probable
    return Classification(tuple(labels), scores, evidence, found_facts)


def _facts(
    rs: RuleSet,
    lang: str,
    published: str | None,
    sentences: list[str],
    folded: list[str],
    hits: Hits,
    evidence_index: dict[str, list[int]],
    text: str,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    victims = F.find_victims(sentences, folded, lang)
    if victims:
        out["victims"] = victims
    key_sentences = {i for chosen in evidence_index.values() for i in chosen} | {0}

    places: list[tuple[str, float, int]] = []
    actors: list[tuple[str, float, int]] = []
    terms = rs.lexicon.terms
    for index in sorted(hits):
        weight = 3.0 if index == 0 else 2.0 if index in key_sentences else 1.0
        spans = sorted(
            ((o, len(terms[t].key), t) for t, offsets in hits[index].items() for o in offsets),
            key=lambda s: (s[0], -s[1]),
        )
        covered = -1
        for offset, length, term_id in spans:
            if offset + length <= covered:
                continue  # inside a longer place or actor name
            order = index * 10_000 + offset
            if term_id in rs.governorates:
                places.append((rs.governorates[term_id], weight, order))
                covered = max(covered, offset + length)
            elif term_id in rs.perpetrators:
                value, by_date = rs.perpetrators[term_id]
                actors.append((F.resolve_state(published) if by_date else value, weight, order))
                covered = max(covered, offset + length)
    governorate = F.pick(places)
    if governorate:
        out["governorate"] = governorate
    perpetrator = F.pick(actors)
    if perpetrator:
        out["perpetrator"] = perpetrator

    for label, key in (
        ("torture_death", "death_date"),
        ("arbitrary_arrest", "arrest_date"),
        ("enforced_disappearance", "arrest_date"),
    ):
        if key in out:
            continue
        for index in evidence_index.get(label, []):
            date = F.find_date(folded[index], rs.months)
            if date:
                out[key] = date
                break
    counts = F.find_counts(folded, rs.months)
    if counts:
        out["counts"] = counts
    return out
