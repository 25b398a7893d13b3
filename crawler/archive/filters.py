"""Checking the filters of ``raqib search`` and ``raqib export`` against what exists.

A filter value that names nothing (``--source snhr`` when the sources are snhr-en and
snhr-ar, ``--governorate homs``, ``--perpetrator regime``) would silently match no article;
it is a usage error instead, naming the closest valid values and listing the others.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from crawler.archive.store import ArchiveFilter, Store
from crawler.errors import UsageError


def known_values(store: Store, configured_sources: Iterable[str]) -> dict[str, list[str]]:
    """Valid values per filter: configured and stored sources, the classifier's
    governorates and perpetrators plus any the store holds."""
    from classifiers.facts import GOVERNORATES, PERPETRATORS

    stored = store.filter_values()
    return {
        "source": sorted(set(configured_sources) | set(stored["source"])),
        "governorate": sorted(set(GOVERNORATES) | set(stored["governorate"])),
        "perpetrator": list(dict.fromkeys([*PERPETRATORS, *stored["perpetrator"]])),
    }


def suggestions(value: str, valid: list[str]) -> list[str]:
    """The valid values a mistyped one most likely meant: the same word in another case,
    values it begins, then close spellings."""
    lowered = value.casefold()
    same = [v for v in valid if v.casefold() == lowered]
    prefix = [v for v in valid if v.casefold().startswith(lowered) and v not in same]
    inside = [v for v in valid if lowered in v.casefold() and v not in same + prefix]
    close = difflib.get_close_matches(value, valid, n=3, cutoff=0.6)
    close += difflib.get_close_matches(lowered, [v.casefold() for v in valid], n=3, cutoff=0.6)
    by_fold = {v.casefold(): v for v in valid}
    close = [by_fold.get(v, v) for v in close]
    return list(dict.fromkeys(same + prefix + inside + close))[:4]


def check_filter(where: ArchiveFilter, known: dict[str, list[str]]) -> ArchiveFilter:
    """``where`` unchanged when every value exists; else a UsageError for the first that
    does not."""
    for option, field, values in (("--source", "source", where.sources),
                                  ("--governorate", "governorate", where.governorates),
                                  ("--perpetrator", "perpetrator", where.perpetrators)):
        valid = known[field]
        for value in values:
            if value in valid:
                continue
            hint = suggestions(value, valid)
            meant = f"did you mean {' or '.join(hint)}? " if hint else ""
            raise UsageError(f"{option} {value!r} names no {field}; {meant}valid values: "
                             f"{', '.join(valid)}")
    return where
