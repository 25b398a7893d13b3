"""The word-window check gives the same answer by plain loops and by bisecting."""

from __future__ import annotations

import random

import pytest

from classifiers import engine


def _brute(first: list[int], others: list[list[int]], window: int) -> bool:
    return any(all(any(abs(q - p) <= window for q in other) for other in others) for p in first)


@pytest.mark.parametrize("size", [3, 40, 400])
def test_both_paths_agree_with_the_definition(size: int) -> None:
    rng = random.Random(size)
    for _ in range(200):
        first = [rng.randrange(10 * size) for _ in range(rng.randrange(1, size + 1))]
        others = [
            [rng.randrange(10 * size) for _ in range(rng.randrange(1, size + 1))]
            for _ in range(rng.randrange(1, 3))
        ]
        window = rng.randrange(0, 8)
        assert engine._near_all(first, others, window) == _brute(first, others, window)


def test_a_long_sentence_takes_the_bisecting_path() -> None:
    first = list(range(0, 4000, 2))
    others = [list(range(1, 4000, 50))]
    assert len(first) * len(others[0]) > engine._PLAIN_COMPARISONS
    assert engine._near_all(first, others, 1)
    assert not engine._near_all(first, [[5000]], 3)
