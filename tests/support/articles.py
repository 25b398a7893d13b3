"""Neutral article frames for classifier tests: one deciding sentence inside an otherwise
uneventful article, placed in the body (where it weighs least) or at the lead."""

from __future__ import annotations

from classifiers import classify

FILLER = {
    "en": "The weather was mild in the region this week. Markets opened as usual on Monday.",
    "fr": "Le temps était doux dans la région cette semaine. Les marchés ont ouvert lundi.",
    "ar": "كان الطقس معتدلا في المنطقة هذا الأسبوع. وفتحت الأسواق أبوابها يوم الاثنين.",
}
TITLE = {"en": "News of the week", "fr": "Les nouvelles de la semaine", "ar": "أخبار الأسبوع"}


def body_labels(sentence: str, lang: str) -> set[str]:
    """Labels of an article whose only relevant sentence sits in the body."""
    return set(classify(TITLE[lang], f"{FILLER[lang]} {sentence}", lang).labels)


def lead_labels(sentence: str, lang: str) -> set[str]:
    """Labels when the sentence opens the article, where it weighs more than in the body."""
    return set(classify(TITLE[lang], f"{sentence} {FILLER[lang]}", lang).labels)
