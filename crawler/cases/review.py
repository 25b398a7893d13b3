"""Reviewers' decisions: ``raqib cases merge A B`` and ``raqib cases split ID URL``.

A decision is stored between mentions, not between case ids (which a relinking may
renumber), and every later relinking honours it: merged mentions stay together, a split
report never rejoins the others, directly or through a third report.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.archive.store import Store
from crawler.cases.linker import relink
from crawler.cases.store import CaseStore
from crawler.errors import UsageError


@dataclass(frozen=True)
class Outcome:
    case_ids: tuple[int, ...]  # the cases the mentions are in afterwards


def _members(cases: CaseStore, case_id: int) -> list[int]:
    ids = sorted(cases.mentions_of_cases([case_id]))
    if not ids:
        raise UsageError(f"no case {case_id}; list them with `raqib cases`")
    return ids


def merge(store: Store, first: int, second: int) -> Outcome:
    """Record that cases ``first`` and ``second`` are one person, and relink."""
    if first == second:
        raise UsageError("give two different case ids")
    cases = CaseStore(store)
    with store.transaction():
        a, b = _members(cases, first), _members(cases, second)
        cases.forget_different(a, b)
        for left in a:
            for right in b:
                cases.decide("same", left, right)
        relink(cases, a + b)
        after = cases.case_of_mentions(a + b)
    return Outcome(tuple(sorted({c for c in after.values() if c is not None})))


def split(store: Store, case_id: int, url: str) -> Outcome:
    """Record that the report at ``url`` is not about the person of case ``case_id``, and
    relink; the case the report's mention is in afterwards comes first."""
    cases = CaseStore(store)
    with store.transaction():
        members = _members(cases, case_id)
        article_id = cases.article_id_for(url)
        if article_id is None:
            raise UsageError(f"{url} is not in the store; give the address `raqib cases show "
                             f"{case_id}` lists")
        leaving = [m for m in cases.mentions_of_article(article_id) if m in members]
        staying = [m for m in members if m not in leaving]
        if not leaving:
            raise UsageError(f"case {case_id} has no report at {url}; `raqib cases show "
                             f"{case_id}` lists its reports")
        if not staying:
            raise UsageError(f"{url} is the only report of case {case_id}: nothing to split")
        cases.forget_same(leaving, staying)
        for left in leaving:
            for right in staying:
                cases.decide("different", left, right)
        relink(cases, members)
        after = cases.case_of_mentions(leaving + staying)
    moved = sorted({after[m] for m in leaving if after.get(m) is not None})
    rest = sorted({after[m] for m in staying if after.get(m) is not None} - set(moved))
    return Outcome(tuple(moved + rest))
