"""Victims' names: long lists, many names, and the names the cues must not take (review 2)."""

from __future__ import annotations

from classifiers.normalise import fold
from classifiers.victims import find_victims


def _names(text: str, lang: str) -> list[str]:
    sentences = ["Title", text] if lang != "ar" else ["عنوان", text]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


def _word(k: int) -> str:
    """A distinct capitalised word for each ``k``."""
    letters = "aeilmr"
    out = ""
    while True:
        out += letters[k % 6]
        k //= 6
        if not k:
            break
    return "N" + out + "o"


def test_a_long_list_with_ages_gives_each_name_once_in_order() -> None:
    people = [f"{_word(k)} {_word(k + 1000)}" for k in range(300)]
    text = "Regime forces killed the four men, " + ", 12, ".join(people) + ", 12."
    assert _names(text, "en") == people


def test_a_list_repeating_one_name_gives_it_once() -> None:
    text = "Regime forces killed the four men, Ahmad Ali" + ", 12, Omar Said" * 500 + "."
    assert _names(text, "en") == ["Ahmad Ali", "Omar Said"]


def test_an_article_keeps_at_most_500_names_the_first_ones() -> None:
    people = [f"{_word(k)} {_word(k + 1000)}" for k in range(700)]
    sentences = ["Title"] + [f"The journalist {p} was arrested." for p in people]
    assert find_victims(sentences, [fold(s) for s in sentences], "en") == people[:500]
