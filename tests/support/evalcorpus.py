"""A small labelled corpus written for the evaluation tests (no text of the real corpora).

Each item is one plain English sentence the rules label as its gold says, except the items
given ``wrong=True`` (a football result labelled ``release``), so reports have errors to list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SENTENCES = {
    "torture_death": "A detainee died under torture in a regime prison in Homs.",
    "arbitrary_arrest": "Security forces arrested a young man at a checkpoint in Daraa.",
    "release": "The authorities released five detainees from Adra prison on Monday.",
    "enforced_disappearance": "His family says nothing is known of his fate since he was "
    "taken to an unknown place.",
    "none": "The home team won the football match 2-0 on Sunday.",
}
KINDS = tuple(SENTENCES)
# source -> number of items: two sources big enough for their own row, the rest "other"
SIZES = {"alpha": 6, "beta": 5, "gamma": 3, "other:delta": 2, "other:eps": 2, "other:zeta": 1}


def item(
    ident: str, source: str, kind: str, wrong: bool = False, corpus: str | None = None
) -> dict[str, Any]:
    """One item whose text states ``kind``; ``wrong`` gives it a gold label the text lacks."""
    text = SENTENCES["none" if wrong else kind]
    labels = ["release"] if wrong else ([] if kind == "none" else [kind])
    out: dict[str, Any] = {
        "id": ident,
        "source": source,
        "lang": "en",
        "title": text.split(" in ")[0],
        "text": f"{text} Report {ident}.",
        "labels": labels,
    }
    if corpus:
        out["corpus"] = corpus
    return out


def make_items(sizes: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """Items of each source in ``sizes``, kinds cycling; the last item of "alpha" is wrong."""
    items = []
    n = 0
    for source, size in (sizes or SIZES).items():
        for k in range(size):
            wrong = source == "alpha" and k == size - 1
            items.append(item(f"{source}-{k}", source, KINDS[n % len(KINDS)], wrong))
            n += 1
    return items


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path
