"""Whether two mentions are one person, and the people a set of mentions makes.

Pure functions. Candidate pairs share a cross-script name key (blocking); a pair is scored
only when one name lies within the other (``classifiers.names.name_within``), and linked
only on corroborating evidence:

* conflicts rule a pair out: different governorates, different home towns, ages that
  cannot both be right, arrest dates years apart;
* evidence adds up: same home town (2), same age (2), same arrest date (2, 1 for the same
  month), same place of detention (1), same governorate (1), a name of three words or
  more (1), both reporting the person's death (1), the same occupation told beside the
  name (1: "the activist Ghiyath Matar", "le militant syrien Ghayath Mattar", but only
  beside other evidence than the governorate and the death, and with no soft conflict),
  the same perpetrator (0.5). A pair is linked from :data:`LINK_AT`;
* soft conflicts take 1 each: different named perpetrators, death years that differ or a
  death a year before the other report's arrest.

So two men called Mohammad Hasan from different towns stay two people, and so do two
namesakes of whom nothing else is known.

Reviewers' decisions come first: ``same`` pairs are joined before any score, ``different``
pairs are never put in one case, directly or through others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from classifiers.names import name_skeletons, name_within
from crawler.cases.context import MentionContext

LINK_AT = 2.0
_AGE_SLACK = 2
_ARREST_APART_DAYS = 400


@dataclass(frozen=True)
class Scored:
    a: int
    b: int
    score: float
    reasons: tuple[str, ...]


def _days(date: str) -> int | None:
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 6
        day = int(parts[2]) if len(parts) > 2 else 15
    except ValueError:
        return None
    return year * 365 + month * 30 + day


def _dates(a: str, b: str) -> tuple[float, bool]:
    """(evidence, conflict) from two arrest dates."""
    if a == b and len(a) >= 7:
        return (2.0 if len(a) == 10 else 1.0), False
    if a[:7] == b[:7] and len(a) >= 7 and len(b) >= 7:
        return 1.0, False
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return 0.0, False
    return 0.0, abs(da - db) > _ARREST_APART_DAYS


def _died(mention: MentionContext) -> bool:
    return any(event.status == "died" for event in mention.events)


# Evidence that says where or what befell, not who: a common calling ("the student", "the
# activist") in the same governorate, or told of two deaths, is true of many namesakes, so
# an occupation needs other evidence than these.
_NOT_IDENTITY = frozenset({"governorate", "both report the death"})


def _year(date: str | None) -> int | None:
    try:
        return int(date[:4]) if date else None
    except ValueError:
        return None


def _soft_conflicts(a: MentionContext, b: MentionContext) -> list[str]:
    """What makes two namesakes less likely one person without ruling it out (a report may
    blame the wrong force, or date a death by when it became known): different named
    perpetrators; death years that differ, or a death told a year before the other
    report's arrest."""
    found = []
    if a.perpetrator and b.perpetrator and "unknown" not in (a.perpetrator, b.perpetrator) \
            and a.perpetrator != b.perpetrator:
        found.append("different perpetrators")
    died_a, died_b = _year(a.death_date), _year(b.death_date)
    held_a, held_b = _year(a.arrest_date), _year(b.arrest_date)
    if (died_a and died_b and died_a != died_b) or (died_a and held_b and died_a < held_b) \
            or (died_b and held_a and died_b < held_a):
        found.append("years disagree")
    return found


def score(a: MentionContext, b: MentionContext) -> Scored | None:
    """The evidence that two mentions (of two different articles) are one person, or None
    when their names do not fit or something rules them apart."""
    if not name_within(a.name, b.name):
        return None
    total, reasons = 0.0, []
    if a.governorate and b.governorate:
        if a.governorate != b.governorate:
            return None
        total += 1.0
        reasons.append("governorate")
    if a.town and b.town:
        if not a.town & b.town:
            return None
        total += 2.0
        reasons.append("town")
    if a.age is not None and b.age is not None:
        shift = (b.year or 0) - (a.year or 0) if a.year and b.year else 0
        if abs(a.age + shift - b.age) > _AGE_SLACK:
            return None
        total += 2.0
        reasons.append("age")
    if a.arrest_date and b.arrest_date:
        evidence, conflict = _dates(a.arrest_date, b.arrest_date)
        if conflict:
            return None
        if evidence:
            total += evidence
            reasons.append("arrest date")
    if a.detention & b.detention:
        total += 1.0
        reasons.append("place of detention")
    if min(len(name_skeletons(a.name)), len(name_skeletons(b.name))) >= 3:
        total += 1.0
        reasons.append("full name")
    if _died(a) and _died(b):
        total += 1.0
        reasons.append("both report the death")
    conflicts = _soft_conflicts(a, b)
    if a.occupation & b.occupation and set(reasons) - _NOT_IDENTITY and not conflicts:
        total += 1.0
        reasons.append("occupation")
    if a.perpetrator and a.perpetrator == b.perpetrator and a.perpetrator != "unknown":
        total += 0.5
        reasons.append("perpetrator")
    total -= len(conflicts)
    reasons += [f"-{c}" for c in conflicts]
    return Scored(0, 0, total, tuple(reasons))


class _Clusters:
    """Union-find over mention ids that refuses a union joining two mentions a reviewer
    called different."""

    def __init__(self, ids: Iterable[int], different: Iterable[tuple[int, int]]) -> None:
        self.parent = {i: i for i in ids}
        self.apart: dict[int, set[int]] = {i: set() for i in self.parent}
        for a, b in different:
            if a in self.parent and b in self.parent:
                self.apart[a].add(b)
                self.apart[b].add(a)
        self.members = {i: {i} for i in self.parent}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, large = sorted((ra, rb), key=lambda r: len(self.members[r]))
        if any(self.apart[m] & self.members[large] for m in self.members[small]):
            return False
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)
        return True

    def groups(self) -> list[set[int]]:
        return [set(m) for m in self.members.values()]


def cluster(
    mentions: Mapping[int, tuple[int, MentionContext]],
    same: Iterable[tuple[int, int]] = (),
    different: Iterable[tuple[int, int]] = (),
) -> tuple[list[set[int]], list[Scored]]:
    """The people among ``mentions`` (id -> (article id, context)): groups of mention ids,
    and the scored links that made them.

    Mentions of one article are never one person (an article names each person once);
    reviewers' ``same`` pairs are joined first (newest first, as given), then scored pairs,
    strongest first."""
    apart = list(different)
    by_article: dict[int, list[int]] = {}
    for mention_id, (article_id, _) in mentions.items():
        by_article.setdefault(article_id, []).append(mention_id)
    for ids in by_article.values():
        apart += [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    clusters = _Clusters(mentions, apart)
    for a, b in same:
        if a in mentions and b in mentions:
            clusters.union(a, b)
    blocks: dict[str, list[int]] = {}
    for mention_id, (_, context) in mentions.items():
        for key in context.keys:
            if key.startswith("sk:"):
                blocks.setdefault(key, []).append(mention_id)
    candidates = {(a, b) for ids in blocks.values() for i, a in enumerate(ids)
                  for b in ids[i + 1:] if mentions[a][0] != mentions[b][0]}
    scored = []
    for a, b in sorted(candidates):
        found = score(mentions[a][1], mentions[b][1])
        if found is not None and found.score >= LINK_AT:
            scored.append(Scored(a, b, found.score, found.reasons))
    scored.sort(key=lambda s: (-s.score, s.a, s.b))
    links = [s for s in scored if clusters.union(s.a, s.b)]
    return clusters.groups(), links
