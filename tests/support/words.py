"""Made-up words for inputs that need many distinct names."""

from __future__ import annotations


def distinct_word(k: int) -> str:
    """A distinct capitalised word for each ``k`` (base-6 spelling over six letters)."""
    letters = "aeilmr"
    out = ""
    while True:
        out += letters[k % 6]
        k //= 6
        if not k:
            break
    return "N" + out + "o"
