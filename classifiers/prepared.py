"""An article split into sentences after its title and folded: what every later step reads.

The folded sentences are joined by line breaks into one document (``doc``) so that the rule
automaton, the number scan and the date scan each pass over the text once; ``starts`` says
where each sentence begins in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from classifiers.layout import drop_clutter
from classifiers.match import line_starts
from classifiers.normalise import fold, fold_and_view
from classifiers.rules import word_view
from classifiers.text import split_sentences


@dataclass(frozen=True)
class Prepared:
    """An article split and folded: title then sentences, as written and folded, the folded
    ones joined by line breaks (``doc``) with where each starts, and the word view of ``doc``
    (``rules.word_view``: every separator a space, offsets kept)."""

    sentences: list[str]
    folded: list[str]
    doc: str
    starts: list[int]
    view: str


def prepare(title: str, text: str) -> Prepared:
    """Split ``text`` into sentences after the title and fold them, in one pass when it can."""
    sentences = [" ".join(title.split())] + split_sentences(drop_clutter(title, text))
    doc, view = fold_and_view("\n".join(sentences))
    folded = doc.split("\n")
    if len(folded) != len(sentences):  # a character folded into a line break: fold one by one
        folded = [fold(s) for s in sentences]
        doc = "\n".join(folded)
        view = word_view(doc)
    return Prepared(sentences, folded, doc, line_starts(folded), view)
