"""Reading cases for people: the list a query selects, one case in full."""

from __future__ import annotations

from typing import Any

from classifiers.names import name_keys, name_skeletons
from classifiers.normalise import fold
from crawler.archive.store import Store
from crawler.cases.store import CaseStore


def _matches(query: str, case: dict[str, Any]) -> bool:
    folded = fold(query).strip()
    if not folded:
        return True
    if str(case["id"]) == folded:
        return True
    if any(folded in fold(name) for name in case["names"]):
        return True
    keys = {k for k in name_keys(query) if k.startswith("sk:")}
    if keys:
        return any(keys & name_keys(name) for name in case["names"])
    words = name_skeletons(query)
    if len(words) != 1:
        return False
    return any(words[0] & word for name in case["names"] for word in name_skeletons(name))


def find_cases(store: Store, query: str = "", *, status: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
    """Cases matching ``query`` (a name in any script or spelling, part of one, or a case
    id), most reports first, then the latest status."""
    cases = CaseStore(store)
    if not cases.ready:
        return []
    links = cases.case_links()
    found = [c for c in cases.cases() if (status is None or c["status"] == status)
             and _matches(query, c)]
    for case in found:
        case["articles"] = links.get(case["id"], [])
    found.sort(key=lambda c: (-c["reports"], -_day(c["status_date"]), c["id"]))
    return found[:limit] if limit else found


def _day(date: str | None) -> int:
    digits = (date or "").replace("-", "")
    return int((digits + "0000")[:8]) if digits[:4].isdigit() else 0


def case_detail(store: Store, case_id: int) -> dict[str, Any] | None:
    """A case with its reports (one per article: source, language, title, link, date)."""
    cases = CaseStore(store)
    if not cases.ready:
        return None
    case = cases.case(case_id)
    if case is None:
        return None
    rows = cases.mentions(cases.mentions_of_cases([case_id]))
    reports: dict[int, dict[str, Any]] = {}
    for row in rows:
        reports.setdefault(row["article_id"], {
            "url": row["link"], "source": row["source"], "lang": row["lang"],
            "title": row["title"], "published": row["published"], "names": []})
        reports[row["article_id"]]["names"].append(row["name"])
    case["articles"] = cases.case_links().get(case_id, [])
    case["reports_list"] = sorted(reports.values(),
                                  key=lambda r: (r["published"] or "", r["source"]))
    return case


def to_json(case: dict[str, Any]) -> dict[str, Any]:
    """A case as ``raqib cases --json`` and exports write it."""
    articles = list(case.get("articles") or dict.fromkeys(e["url"] for e in case["timeline"]))
    return {
        "id": case["id"],
        "name": case["name"],
        "names": case["names"],
        "status": case["status"],
        "status_date": case["status_date"],
        "governorate": case["governorate"],
        "sources": case["sources"],
        "reports": case["reports"],
        "articles": articles,
        "timeline": [{k: e.get(k) for k in ("status", "date", "reported", "source", "lang",
                                            "url", "name")} for e in case["timeline"]],
    }
