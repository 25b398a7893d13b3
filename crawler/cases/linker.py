"""Cases kept up to date: after an article is stored, its people are linked into cases.

Downstream of the store: :func:`link_article` reads the stored article (its victims facts,
labels, dates and text), saves one mention per person, and re-clusters only the mentions
near them (sharing a name key, or in a case with one of them). A case whose status a new
report changes queues a ``case`` alert for every channel with ``cases = true``, in the same
transaction. :func:`relink_all` rebuilds every case from every stored article (an upgraded
store, new name rules); reviewers' decisions hold in both.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crawler.archive.store import Store
from crawler.cases.context import RANK, MentionContext, mentions_of, padded
from crawler.cases.link import cluster
from crawler.cases.store import CaseStore
from crawler.config import ChannelConfig

log = logging.getLogger(__name__)

# How far a relinking reaches from the new mentions: key neighbours of key neighbours.
_REACH = 3


@dataclass(frozen=True)
class StatusChange:
    case_id: int
    previous: str
    status: str
    article_id: int


def save_mentions(cases: CaseStore, article: dict[str, Any]) -> list[int]:
    ids = []
    for mention in mentions_of(article):
        ids.append(cases.save_mention(
            article["id"], mention.name, mention.to_dict(),
            [e.to_dict() for e in mention.events], mention.keys))
    return ids


def _component(cases: CaseStore, seeds: Iterable[int]) -> set[int]:
    ids = set(seeds)
    frontier = set(ids)
    for _ in range(_REACH):
        near = cases.mentions_sharing_keys(sorted(frontier))
        near |= cases.mentions_of_cases(c for c in cases.case_of_mentions(near | frontier)
                                        .values() if c is not None)
        same, different = cases.decisions(near | frontier)
        near |= {m for pair in same + different for m in pair}
        frontier = near - ids
        ids |= frontier
        if not frontier:
            break
    return ids


def summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A case's record from its mentions (with their articles): names, timeline, status."""
    names = list(dict.fromkeys(r["name"] for r in rows))
    timeline = []
    for row in rows:
        for event in row["events"]:
            timeline.append({**event, "source": row["source"], "lang": row["lang"],
                             "url": row["link"], "name": row["name"],
                             "article_id": row["article_id"]})
    timeline.sort(key=lambda e: (padded(e["date"] or e["reported"]), RANK[e["status"]],
                                 e["reported"], e["source"]))
    last = timeline[-1] if timeline else None
    governorates = Counter(r["context"].get("governorate") for r in rows
                           if r["context"].get("governorate"))
    return {
        "name": max(names, key=lambda n: (len(n.split()), n.isascii(), -names.index(n))),
        "names": names,
        "status": last["status"] if last else None,
        "status_date": (last["date"] or last["reported"]) if last else None,
        "timeline": timeline,
        "reports": len({r["article_id"] for r in rows}),
        "sources": sorted({r["source"] for r in rows}),
        "governorate": governorates.most_common(1)[0][0] if governorates else None,
    }


def relink(cases: CaseStore, mention_ids: Iterable[int], *, seeds: Iterable[int] = (),
           everything: bool = False) -> list[StatusChange]:
    """Re-cluster the mentions near ``mention_ids`` (all when ``everything``) and save the
    cases; the status changes of cases holding one of ``seeds`` (new mentions)."""
    ids = set(cases.all_mention_ids()) if everything else _component(cases, mention_ids)
    rows = {row["id"]: row for row in cases.mentions(ids)}
    contexts = {mid: (row["article_id"], MentionContext.from_dict(row["name"], row["context"],
                                                                  row["events"]))
                for mid, row in rows.items()}
    same, different = cases.decisions(None if everything else ids)
    groups, _links = cluster(contexts, same, different)
    old = {mid: row["case_id"] for mid, row in rows.items()}
    before = {c["id"]: c for c in cases.cases({c for c in old.values() if c is not None})}
    used: set[int] = set()
    seeds = set(seeds)
    changes = []
    for group in sorted(groups, key=lambda g: (-len(g), min(g))):
        votes = Counter(old[m] for m in group if old[m] is not None and old[m] not in used)
        case_id = min(votes, key=lambda c: (-votes[c], c)) if votes else None
        record = summary([rows[m] for m in sorted(group)])
        if case_id is None:
            case_id = cases.new_case(record["name"])
        used.add(case_id)
        cases.set_case(group, case_id)
        cases.save_case(case_id, record)
        previous = (before.get(case_id) or {}).get("status")
        new_here = group & seeds
        if (new_here and previous and record["status"] and previous != record["status"]
                and record["reports"] >= 2):
            article_id = rows[min(new_here)]["article_id"]
            changes.append(StatusChange(case_id, previous, record["status"], article_id))
    cases.drop_empty_cases(before)
    return changes


def queue_case_alerts(store: Store, channels: Sequence[ChannelConfig],
                      changes: Sequence[StatusChange]) -> int:
    """One ``case`` alert per (channel, case, status change), on channels with ``cases``,
    sent the channel's way (immediately or in its digest). The report that made the change
    is part of the key: a person released and arrested again is news twice."""
    wanted = [c for c in channels if c.cases]
    if not wanted or not changes:
        return 0
    cases = CaseStore(store)
    queued = 0
    for change in changes:
        case = cases.case(change.case_id)
        if case is None:
            continue
        payload = {"case_id": case["id"], "name": case["name"], "names": case["names"],
                   "status": change.status, "previous": change.previous,
                   "timeline": case["timeline"]}
        for channel in wanted:
            if store.enqueue_alert(channel=channel.name, kind="case",
                                   key=f"{change.case_id}:{change.status}:{change.article_id}",
                                   mode=channel.mode,
                                   article_id=change.article_id, payload=payload):
                queued += 1
    return queued


def link_article(store: Store, channels: Sequence[ChannelConfig], article_id: int) -> int:
    """Link a just-stored article's people into cases and queue the case alerts it causes,
    in the caller's transaction; the alerts queued. A failure here is logged and undone
    without losing the article."""
    cases = CaseStore(store)
    outer = store.db.conn.in_transaction
    try:
        with cases.savepoint():
            article = store.article(article_id)
            if article is None:
                return 0
            seeds = save_mentions(cases, article)
            if not seeds:
                return 0
            changes = relink(cases, seeds, seeds=seeds)
            return queue_case_alerts(store, channels, changes)
    except Exception:  # a fault in linking must not cost the archived article
        if outer and not store.db.conn.in_transaction:
            raise  # SQLite undid the article's transaction too: the article failed with it
        log.exception("cases: linking article %s failed; run `raqib cases relink` later",
                      article_id)
        return 0


def relink_all(store: Store) -> int:
    """Rebuild the mentions of every stored article and every case; the number of cases."""
    cases = CaseStore(store)
    with store.transaction():
        for article_id in cases.articles_with_victims():
            article = store.article(article_id)
            if article is not None:
                save_mentions(cases, article)
        relink(cases, (), everything=True)
    return len(cases.cases())
