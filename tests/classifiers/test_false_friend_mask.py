"""Terms inside a false friend are dropped by a test against the characters the false friends
cover; the results below are those of the span-by-span comparison it replaced."""

from __future__ import annotations

import pytest

from classifiers.scope import mask_false_friends

# term ids index KEYS; false friends: 0 ("release date") and 4 ("released a report"); kept: 3
KEYS = ["release date", "release", "date", "homs", "released a report", "report", "x"]
FALSE_FRIENDS = frozenset({0, 4})
KEEP = frozenset({3})

CASES = [
    ({0: {0: [4], 1: [4, 30], 2: [12]}}, {0: {0: [4], 1: [30]}}),
    ({0: {0: [0], 1: [0], 2: [8], 3: [2]}}, {0: {0: [0], 3: [2]}}),
    ({0: {4: [10], 0: [14], 1: [10, 14, 40], 5: [19]}}, {0: {4: [10], 0: [14], 1: [40]}}),
    ({0: {0: [5], 1: [17]}, 1: {1: [0]}}, {0: {0: [5], 1: [17]}, 1: {1: [0]}}),
    ({0: {0: [3], 6: [2, 3, 15, 16]}}, {0: {0: [3], 6: [2, 15, 16]}}),
    ({0: {1: [1]}}, {0: {1: [1]}}),
    ({0: {0: [0]}}, {0: {0: [0]}}),
]


@pytest.mark.parametrize(("hits", "expected"), CASES)
def test_terms_inside_false_friends_are_dropped_as_before(
    hits: dict[int, dict[int, list[int]]], expected: dict[int, dict[int, list[int]]]
) -> None:
    mask_false_friends(hits, FALSE_FRIENDS, KEEP, KEYS)
    assert hits == expected
