"""Sample article texts shaped like the monitored sources (written for these tests)."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

BODY_WITHHELD = (
    "SNHR has received confirmation that the security services failed to hand over his body "
    "to the family, which is standard practice in such cases and leaves relatives with no "
    "grave to visit."
)
DETAINED_TALLY = (
    "SNHR can confirm that at least {detained:,} Syrian citizens are still detained or forcibly "
    "disappeared in detention centres run by the regime, where their lives and health are at "
    "serious risk."
)
TORTURE_TALLY = (
    "SNHR notes that at least {tortured:,} Syrian citizens have died due to torture in the "
    "regime's detention centres."
)
LAW_PARAGRAPH = (
    "Under international law, torture is absolutely prohibited and no state of emergency can "
    "ever justify it. Anyone who ordered, assisted or carried out acts of torture bears "
    "individual criminal responsibility, and the families of victims are entitled to learn the "
    "truth about what happened and to receive the remains of their relatives for burial."
)
CALLS_PARAGRAPH = (
    "We call on the Security Council and the states that support the regime to press for the "
    "release of all detainees, to demand access for independent monitors to every place of "
    "detention, and to make the fate of the disappeared a condition of any political "
    "settlement, since thousands of families are still waiting for news of their sons and "
    "daughters after many years of silence and fear."
)

ABOUT_PARAGRAPH = (
    "The Syrian Network for Human Rights is an independent, non-governmental organisation "
    "founded in June 2011 that documents violations committed by all parties in Syria, keeps a "
    "database of victims and shares its findings with United Nations bodies."
)
METHOD_PARAGRAPH = (
    "Our figures rest on accounts from relatives, former detainees and local researchers, "
    "cross-checked against at least two independent sources wherever possible. Cases are "
    "updated when new information comes to light, and anyone with knowledge of a detainee's "
    "fate is encouraged to contact the documentation team in confidence through the secure "
    "channels published on our website."
)


def snhr_report(unique: str, *, detained: int, tortured: int, tallies_only: bool = False) -> str:
    """A terse SNHR-style death report: one paragraph of news, then the stock closing.

    The full closing has the three tally paragraphs (numbers change from one
    article to the next) and four fixed paragraphs no built-in pattern knows.
    """
    lines = ["Related News", "Share", "", unique, BODY_WITHHELD]
    lines += [DETAINED_TALLY.format(detained=detained), TORTURE_TALLY.format(tortured=tortured)]
    if not tallies_only:
        lines += [LAW_PARAGRAPH, CALLS_PARAGRAPH, ABOUT_PARAGRAPH, METHOD_PARAGRAPH]
    return "\n".join(lines)


SOHR_ARTICLE = """\
Regime security forces raided several houses in the town of Muhassan in the eastern countryside \
of Deir Ez-Zour at dawn on Tuesday and arrested four young men, according to local sources who \
spoke to the Syrian Observatory.
The sources said that the men, who had returned from a displacement camp only three months \
earlier after settling their status with the authorities, were taken to an unknown destination \
in military vehicles, and that their families have not been able to obtain any information \
about the charges against them or the branch where they are being held.
Residents of the town told the Observatory that the raid lasted for nearly two hours and that \
the patrol confiscated mobile phones and identity documents from several houses before leaving \
towards the city of al-Mayadin, where a branch of military intelligence has its headquarters.
Relatives of one of the detained men said he suffers from a chronic illness and needs daily \
medication, which the family tried to hand over at the checkpoint at the entrance of the town \
without success, and they fear for his life if he is kept without treatment for long.
A similar campaign was carried out in the same area last month, when more than a dozen \
civilians, among them a teacher and two university students, were detained and later \
transferred to the capital; only three of them have been released so far."""

SOHR_STOCK_EN = (
    "SOHR has documented the deaths of {n:,} civilians under torture in regime prisons since the "
    "beginning of the Syrian revolution in March 2011."
)

ARABIC_PLAIN = (
    "اعتقلت قوات النظام الشاب محمد العلي من مدينة داريا في ريف دمشق عام ٢٠١٣، "
    "وأبلغت عائلته قبل أيام بوفاته تحت التعذيب في أحد مراكز الاحتجاز."
)
ARABIC_DIACRITICS = (
    "اعْتَقَلَتْ قُوّاتُ النِّظامِ الشّابَّ مُحَمَّدَ العَلِيّ مِنْ مَدِينَةِ دارَيّا فِي رِيفِ دِمَشْقَ عامَ ٢٠١٣، "
    "وَأَبْلَغَتْ عائِلَتَهُ قَبْلَ أَيّامٍ بِوَفاتِهِ تَحْتَ التَّعْذِيبِ فِي أَحَدِ مَراكِزِ الاحْتِجازِ."
)

_NAMES = ["Khaled", "Omar", "Yaser", "Mahmoud", "Ali", "Hassan", "Fadi", "Rami", "Samer", "Tarek"]
_FAMILIES = ["al-Saleh", "Haddad", "al-Hamwi", "Darwish", "al-Khatib", "Qassem", "al-Masri"]
_PLACES = ["Jasim", "Inkhil", "Douma", "Saqba", "Talbiseh", "al-Rastan", "Kafr Nabl", "Maarat"]
_SUBJECTS = "farmers teachers families officials residents doctors monitors students".split()
_VERBS = "reported said confirmed described denied recalled demanded documented".split()
_OBJECTS = "shelling prices harvest roads schools water power bread fuel rents".split()
_TAILS = "yesterday overnight again recently twice quietly publicly today".split()


def random_article(rng: random.Random, sentences: int = 14) -> str:
    """A made-up news article of loosely related sentences (about 200 words)."""
    paragraphs = []
    for _ in range(sentences // 2):
        parts = []
        for _ in range(2):
            parts.append(
                f"{rng.choice(_NAMES)} {rng.choice(_FAMILIES)} from {rng.choice(_PLACES)} "
                f"{rng.choice(_VERBS)} that {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                f"{rng.choice(_OBJECTS)} and {rng.choice(_OBJECTS)} {rng.choice(_TAILS)} "
                f"on {rng.randint(1, 28)} {rng.choice(['March', 'May', 'June'])} "
                f"{rng.randint(2012, 2024)}."
            )
        paragraphs.append(" ".join(parts))
    return "\n".join(paragraphs)


class Samples:
    """The sample texts and builders, handed to tests by the ``samples`` fixture."""

    snhr_report: Callable[..., str] = staticmethod(snhr_report)
    random_article: Callable[..., str] = staticmethod(random_article)
    sohr_article = SOHR_ARTICLE
    sohr_stock_en = SOHR_STOCK_EN
    arabic_plain = ARABIC_PLAIN
    arabic_diacritics = ARABIC_DIACRITICS
    law_paragraph = LAW_PARAGRAPH


@pytest.fixture
def samples() -> type[Samples]:
    return Samples
