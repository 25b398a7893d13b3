"""The facts of one classified article: victims, governorate, perpetrator, dates, counts.

Called by the engine once the labels and their evidence sentences are known, so dates can be
bound to the sentences that tell the event.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from classifiers import event_dates as E
from classifiers import facts as F
from classifiers.match import Hits, line_starts
from classifiers.rules import RuleSet


def article_facts(
    rs: RuleSet,
    lang: str,
    published: str | None,
    sentences: list[str],
    folded: list[str],
    hits: Hits,
    evidence_index: dict[str, list[int]],
    numbers: list[F.Number],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cues = rs.victim_cues.get(lang, frozenset())
    cued = [i for i, found in hits.items() if not cues.isdisjoint(found)]
    victims = F.find_victims(sentences, folded, lang, cued)
    if victims:
        out["victims"] = victims
    key_sentences = {i for chosen in evidence_index.values() for i in chosen} | {0}

    places: list[tuple[str, float, int]] = []
    actors: list[tuple[str, float, int]] = []
    terms = rs.lexicon.terms
    fact_terms = rs.fact_terms
    for index in sorted(hits):
        found = hits[index]
        if fact_terms.isdisjoint(found):
            continue
        weight = 3.0 if index == 0 else 2.0 if index in key_sentences else 1.0
        spans = sorted(
            (
                (o, len(terms[t].key), t)
                for t, offsets in found.items()
                if t in fact_terms
                for o in offsets
            ),
            key=lambda s: (s[0], -s[1]),
        )
        covered = -1
        for offset, length, term_id in spans:
            if offset + length <= covered:
                continue  # inside a longer place or actor name
            order = index * 10_000 + offset
            if term_id in rs.governorates:
                places.append((rs.governorates[term_id], weight, order))
            else:
                value, by_date = rs.perpetrators[term_id]
                actors.append((F.resolve_state(published) if by_date else value, weight, order))
            covered = max(covered, offset + length)
    governorate = F.pick(places)
    if governorate:
        out["governorate"] = governorate
    perpetrator = F.pick(actors)
    if perpetrator:
        out["perpetrator"] = perpetrator

    for key, value in _dates(rs, lang, published, folded, evidence_index).items():
        out[key] = value
    counts = F.counts_of(numbers)
    if counts:
        out["counts"] = counts
    return out


@lru_cache(maxsize=32)
def _event_terms(rs: RuleSet, lang: str, label: str) -> frozenset[int]:
    """The terms that name the event itself (first term list of each of the label's groups)."""
    for rules in rs.labels[lang]:
        if rules.label == label:
            return frozenset().union(*(g.sets[0] for g in rules.groups))
    return frozenset()


def _event_date(
    rs: RuleSet,
    lang: str,
    key: str,
    labels: tuple[str, ...],
    folded: list[str],
    hits: Hits,
    evidence_index: dict[str, list[int]],
    dates: dict[int, list[tuple[int, str]]],
) -> str | None:
    """The date stated nearest to the event's own words (arrested, died under torture ...).

    ``dates``: the dates found so far per sentence, shared by the calls for one article.

    When the first label fired: its evidence sentences, then every other sentence naming the
    event; else the evidence of the other labels (an arrest date told in a disappearance).
    A later event sentence that states the same date more precisely ("in 2012", then "on 25
    September 2012") refines the first one found.
    """
    event = _event_terms(rs, lang, labels[0])
    first = evidence_index.get(labels[0], [])
    order = list(first)
    if first:
        order += [i for i in sorted(hits) if i not in first and not event.isdisjoint(hits[i])]

    def dates_in(index: int) -> list[tuple[int, str]]:
        cached = dates.get(index)
        if cached is None:
            cached = dates[index] = F.find_dates(folded[index], rs.months)
        return cached

    found: str | None = None
    for index in order:
        sentence_dates = dates_in(index)
        if not sentence_dates:
            continue
        anchors = [o for t, offsets in hits[index].items() if t in event for o in offsets]
        date = F.date_near(sentence_dates, anchors)
        if date and found is None:
            found = date
        elif date and len(date) > len(found or "") and date.startswith(found or "-"):
            found = date  # the sentence telling the event itself gives its day
        if found and len(found) == 10:
            break
    if found:
        return found
    for label in labels[1:]:
        for index in evidence_index.get(label, []):
            sentence_dates = dates_in(index)
            if sentence_dates:
                return sentence_dates[0][1]
    return None


# The labels whose evidence an arrest date may come from: an arrest is told in a report of
# an arrest or of a disappearance.
_ARREST_LABELS = ("arbitrary_arrest", "enforced_disappearance")


def _dates(
    rs: RuleSet,
    lang: str,
    published: str | None,
    folded: list[str],
    evidence_index: dict[str, list[int]],
) -> dict[str, str]:
    """death_date and arrest_date, each from a date bound to its own event's words.

    An arrest date is given only for an article reporting an arrest or a disappearance; a
    death date for any death the article dates (a killing by shelling too).
    """
    cache: dict[int, list[tuple[int, str]]] = {}

    def dates_of(index: int) -> list[tuple[int, str]]:
        found = cache.get(index)
        if found is None:
            found = cache[index] = F.find_dates(folded[index], rs.months)
        return found

    doc = "\n".join(folded)
    bound = E.bound_dates(doc, line_starts(folded), folded, lang, rs.months, published, dates_of)
    out: dict[str, str] = {}
    death = E.event_date(bound, E.DEATH)
    if death:
        out["death_date"] = death
    if any(label in evidence_index for label in _ARREST_LABELS):
        arrest = E.event_date(bound, E.ARREST)
        if arrest:
            out["arrest_date"] = arrest
    return out
