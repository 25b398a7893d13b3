"""Dates bound to the event they date: an arrest date from the words telling the arrest, a
death date from the words telling the death.

An article about a death in custody states several dates: the arrest years ago, the death,
the day the family learned of it, the day a complaint was filed, "since March 2011" in a
closing tally. Each stated date is bound to the nearest event word of its sentence (arrested,
died, learned, released, sentenced ...), so "the family learned on 26 August 2024 of his
death" dates the notice, not the death, and "arrested on 9 April 2017" dates the arrest.

Dates relative to the publication ("this morning", "yesterday", "on Wednesday", اليوم, أمس,
"18 حزيران الجاري") are resolved against the article's published date when it is known.

Some dates are inferred, and give way to any date stated with the event: a sentence that opens
with a date and tells no event ("On 3 May 2019, troops ringed the village.") dates the arrest
or death the next sentence tells; a notice given to the family "that he had died" dates the
death by its month. Asides in brackets and photo captions date nothing.

The event words, month names and relative days are found in one automaton pass over the
document's word view; only sentences holding an event word and a date (or a relative day)
are looked at further.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from classifiers import facts as F
from classifiers.prepared import Prepared
from classifiers.rules import word_view

ARREST, DEATH, NOTICE, RELEASE, OTHER = "arrest", "death", "notice", "release", "other"
NO_EVENT = "no_event"  # words holding an event word that tell no event ("detention centre")

# Folded stems of the words that tell an event, per language and kind. A stem matches at the
# start of a word (Arabic: after a clitic و ف ب ل ال); one ending with a space is a whole word
# ("dead ", not "deadline"; "mort ", not "mortier"). NOTICE, RELEASE and OTHER are there so
# that the dates they carry are not taken for the arrest's or the death's.
EVENT_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        ARREST: (
            "arrest", "detained", "detaining", "abduct", "kidnap", "seized", "apprehend",
            "captured", "picked up", "rounded up", "rounding up", "round up", "disappeared",
            "went missing", "taken from", "taken away", "taken by", "raided", "raid on",
            "into custody", "detentions", "arbitrary detention", "lost touch with",
            "lost contact with", "detention operation", "detention campaign", "detention raid",
        ),
        DEATH: (
            "died", "dies ", "death", "dead ", "killed", "killing", "deceased", "executed",
            "passed away", "lost his life", "lost her life", "perished", "succumbed",
            "tortured to death", "shot dead", "body of",
        ),
        NOTICE: (
            "learned", "learnt", "informed", "notified", "told", "discovered", "found out",
            "received", "receiving information", "receiving news", "receiving word",
            "getting news", "heard of", "heard the news", "announced", "confirmed", "reported",
            "issued", "published",
            "updated", "contacted", "visited", "filed", "submitted", "appealed", "urged",
            "said", "stated", "denounced", "condemned", "called on", "warned", "noticed", "says",
        ),
        RELEASE: ("released", "freed", "release", "set free", "liberated", "let go"),
        OTHER: ("sentenced", "trial", "hearing", "court ", "verdict", "charged", "fled",
                "returned", "born ", "ratified", "into force", "enacted"),
        # "the disappeared", "disappeared detainees": the missing as people, no event
        NO_EVENT: ("detention centre", "detention center", "detention facilit",
                   "the disappeared", "disappeared detainees", "disappeared persons",
                   "disappeared people", "disappeared relatives",
                   # a UN body's name: "a communication to the Working Group on Arbitrary
                   # Detention" tells no detention
                   "working group on arbitrary detention",
                   "working group on enforced or involuntary disappearances"),
    },
    "fr": {
        ARREST: (
            "arrete", "arrestation", "interpell", "enlev", "kidnapp", "capture", "apprehend",
            "disparu", "disparition", "emmene", "detenu depuis", "incarcere",
            "raid", "perquisition", "descente", "fait irruption", "detentions arbitraires",
            "detention arbitraire", "perdu le contact", "perdu contact", "perdu la trace",
        ),
        DEATH: (
            "deces", "decede", "mort ", "morte ", "morts ", "tue ", "tues ", "tuee", "execute",
            "succomb", "perdu la vie", "corps de", "mourir", "meurt",
        ),
        NOTICE: (
            "informe", "appris", "apprend", "decouvert", "annonce", "notifie", "signale",
            "saisi", "communique", "publie", "confirme", "recu", "adresse", "denonce",
            "recevoir des informations", "recoit des informations", "recevoir des nouvelles",
            "a ecrit au", "a ecrit a",
            "a declare", "a indique", "a affirme", "a appele", "selon",
        ),
        RELEASE: ("libere", "liberation", "relache", "remis en liberte", "elargi"),
        NO_EVENT: ("centre de detention", "lieu de detention", "les disparus", "aux disparus",
                   "des disparus", "groupe de travail sur la detention arbitraire",
                   "groupe de travail sur les disparitions forcees"),
        OTHER: ("condamne", "proces", "audience", "tribunal", "verdict", "ne le", "nee le",
                "ne en", "nee en", "rentre", "ratifie", "en vigueur", "promulgue"),
    },
    "ar": {
        ARREST: (
            "اعتقل", "اعتقال", "احتجز", "احتجاز", "اختطف", "اختطاف", "خطف", "اوقف", "توقيف",
            "القي القبض", "القت القبض", "اقتاد", "اختفي", "اختفاء", "اعتقلت", "داهم", "مداهم",
            "يختطف", "يعتقل", "تعتقل", "تحتجز", "يحتجز", "انقطع الاتصال", "انقطع التواصل",
            "فقد الاتصال", "انقطعت اخبار",
        ),
        DEATH: (
            "توفي", "وفاه", "وفات", "قتل", "مقتل", "استشهد", "فارق الحياه", "لقي حتفه",
            "اعدم", "اعدام", "جثه", "جثمان", "مات", "موت", "قضي ", "قضوا", "يموت", "تموت",
            "فقد حياته", "فقدت حياتها", "فقدوا حياتهم", "فقد حياتهم", "حتف",
        ),
        NOTICE: (
            "علم", "علمت", "ابلغ", "بلغ", "تبلغ", "نبا", "اخبر", "تسلم", "استلم", "ابلاغ",
            "تلقي معلومات", "تتلقي معلومات", "تلقت معلومات", "يتلقي معلومات",
            "تلقي انباء", "تتلقي انباء", "تلقت انباء", "تلقي نبا",
            "اكتشف", "اعلن", "اعلان", "خبر", "وثقت", "نشر", "راسل", "ناشد", "طالب",
            "قال", "ذكر", "افاد", "اكد", "اوضح", "ندد", "دان", "اصدر", "سجل", "رصد",
        ),
        RELEASE: ("افرج", "الافراج", "افراج", "اطلق سراح", "اطلاق سراح", "اخلي سبيل",
                  "اخلاء سبيل", "خرج"),
        OTHER: ("حكم", "محاكم", "محكمه", "جلسه", "مواليد", "المولود", "ولد", "عاد",
                "حيز التنفيذ", "صدر القانون", "صدور القانون", "صدر المرسوم",
                "صدور المرسوم", "صدر مرسوم", "صدور مرسوم"),
        # stems after the clitics: "يبلغ من العمر" (aged) is matched as ي + "بلغ من العمر"
        NO_EVENT: (
            "مراكز الاحتجاز", "مركز الاحتجاز", "مراكز احتجاز", "مركز احتجاز", "بلغ من العمر",
            "بالغ من العمر", "بالغه من العمر", "الفريق العامل المعني بالاحتجاز التعسفي",
            "الفريق العامل المعني بحالات الاختفاء القسري",
        ),
    },
}  # fmt: skip

# The patterns here that start with a lookbehind have a lookahead for their first letters
# before it (``facts.starting``), so the regex engine turns most positions down at once.

# Words before a date that make it no event date: the start of a tally period, a birth.
_NOT_EVENT_BEFORE = re.compile(
    r"(?=[abdefjnpstuابحقمنو])(?<!\w)"
    r"(?:(?:since|depuis|منذ)(?:\s+\S+){0,6}\s+(?:(?:in|en|في|عام|العام)\s+)?|"
    r"(?:between|entre|بين)(?:\s+\S+){1,5}\s+(?:and|et|و)\s*|"
    r"(?:since|from|until|till|between|beginning of|start of|end of|born in|born on|"
    r"before|prior to|depuis|a partir de|jusqu'a|entre|debut|fin|ne en|nee en|ne le|"
    r"nee le|avant|منذ|حتي|الي|بين|مطلع|بدايه|مواليد|المولود|ولد|نهايه|قبل)\s+(?:in\s+|"
    r"the\s+|le\s+|عام\s+|العام\s+|شهر\s+)?)(?:[^\s\d]+\s+){0,2}$"
)
# Before a month or a year: the period of a tally ("during July 2019").
_PERIOD_BEFORE = re.compile(
    r"(?=[adoptخط])(?<!\w)(?:during|over|throughout|خلال|طوال|au cours de|pendant)\s+$"
)
_DIGIT = re.compile(r"\d")
# "that" opening the clause a notice tells, and how far before its death word it may stand.
_THAT = re.compile(r"(?=[tqاب])(?<!\w)(?:qu'|(?:that|que|ان|بان|انه|بانه|انها|بانها)(?!\w))")
_THAT_REACH = 30
# A span of days in one month, from where its date starts (its month's name or first day).
_DAY_SPAN = re.compile(
    r"(?:[^\s\d]+\.?\s+)?\d{1,2}(?:st|nd|rd|th|er)?\s*"
    r"(?P<c>and|et|و|-|–|to|au|until|till|حتي|الي)\s*(?:le\s+|the\s+)?\d{1,2}(?!\d)"
)
_AND = ("and", "et", "و")
# This many years in one sentence, each bound to an event: a tally broken down by year.
_BREAKDOWN_YEARS = 3
# A photo caption: the agency or word that credits it, or a place in the picture. A place
# ("(R)", "(left)") makes a caption only before the sentence's first event word: "Khaled
# Yousef (R) stands by the grave ..." shows a picture, "arrested Omar (left) and Ali (right)"
# tells who stands where in one.
_CAPTION = re.compile(
    r"(?=[pgirfa])(?<!\w)(?:(?:photo|picture|image|file photo)\s*:|"
    r"(?:afp|getty images|reuters)\s*(?:photo|/)|pictured(?!\w))"
)
# One of these stands in every credit above: a sentence holding none is no caption.
_CAPTION_WORDS = ("photo", "picture", "image", "afp", "getty", "reuters")
_CAPTION_SIDE = re.compile(r"(?=\()\((?:l|r|c|left|right|centre|center|g|d|a gauche|a droite)\)")
# Words between an event word and a later date that make the date another event's: "arrested
# after the agreement concluded in July 2018", "tué avant le cessez-le-feu du 3 mai".
_REFERENCE_BETWEEN = re.compile(
    r"(?=[abdfsاقمب])(?<!\w)(?:after|before|following|since|apres|avant|depuis|بعد|قبل|منذ|اثر)"
    r"(?!\w)"
)
# Another year joined to a year: "2011 and 2012", "2013-2014", "2015 ou 2016", "2012 و2013".
_YEAR_AFTER = re.compile(
    r"\s*(?:and|or|et|ou|و|-|–|to)\s*(?:in\s+|en\s+|عام\s+)?(?:19|20)\d\d(?!\d)"
)
_YEAR_BEFORE = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*(?:and|or|et|ou|و|-|–|to)\s*(?:in\s+|en\s+|عام\s+)?$"
)
# After a year: the year ranked against others ("2015 was the deadliest year", "كان الأشد
# فتكا"): a tally by year, no event's date.
_YEAR_RANKED = re.compile(
    r"\s*,?\s*(?:was|were|remained|كان|كانت|ظل|a ete|fut|reste)\s+(?:the\s+|l'annee\s+)?"
    r"(?:deadliest|worst|bloodiest|most|highest|الاشد|الاكثر|اشد|اكثر|la plus|le plus)(?!\w)"
)
# The verb first: "وكان عام 2014 الأشد فتكا".
_WAS_BEFORE = re.compile(r"(?<!\w)و?(?:كان|كانت)\s+(?:عام|العام)\s+$")
_SUPERLATIVE_AFTER = re.compile(r"\s+(?:الاشد|الاكثر)(?!\w)")
_BETWEEN = re.compile(r"(?<!\w)(?:between|entre|بين)\s+(?:le\s+|the\s+)?$")
# An anniversary: the date of the day it is kept, so many years after the event.
_SMALL_NUMBERS = {
    word: n
    for words in (
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
        ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
         "douze", "treize", "quatorze", "quinze"),
    )
    for n, word in enumerate(words, 1)
}  # fmt: skip
# Only a sentence saying the day is an anniversary: "it is / marks six years since", "cela
# fait six ans que", "six ans jour pour jour"; "five years after the regime retook the town"
# dates the town's fall, not the event.
_YEARS_SINCE = re.compile(
    r"(?<!\w)(?:(?:it is|it's|it has been|marks|marked|marking|mark|cela fait|ca fait|voila)"
    rf"\s+(\d{{1,2}}|{F.alternatives(_SMALL_NUMBERS)})\s+"
    r"(?:years?\s+since(?!\w)|ans\s+(?:depuis(?!\w)|que(?!\w)|qu'))|"
    rf"(\d{{1,2}}|{F.alternatives(_SMALL_NUMBERS)})\s+ans\s+jour pour jour(?!\w))"
)
# Words opening a clause about someone else inside brackets: "(a poet who died in 1998)".
_RELATIVE_PRONOUN = re.compile(r"(?<!\w)(?:who|whose|whom|qui|dont|الذي|التي|الذين)(?!\w)")
# A source's words set off by commas inside a sentence: ", he said,", ", the report says,".
_SPEECH_TAG = re.compile(r"(?:said|says|added|stated|explained)\s*[,.;]")
_TAG_BEFORE = re.compile(r"(?=[,،])[,،]\s*(?:[^\s,،]+\s+){1,3}$")
# The words of a notice given to the family (not of news it found out for itself).
_NOTIFIED = re.compile(
    r"(?=[intاتن])(?<!\w)(?:informed|told|notified|informe|notifie|ابلغ|تبلغ|اخبر|ابلغت|اخبرت)"
)
_AR_CLITICS = "وبفل"  # written on a month's name: "بنيسان", "وآذار"
# Written on an Arabic event word: a conjunction or preposition, then the article or the
# prefix of a verb in the present ("واعتقلت", "بالاعتقال", "يعتقل").
_AR_CLITIC_FORMS = tuple(c + p for c in ("", "و", "ف", "ب", "ل", "ك") for p in ("", "ال", "ي", "ت"))
_YEAR, _MONTH, _RELATIVE_DAY = 1, 2, 4  # what a sentence holds that may state a date
_DATED = (ARREST, DEATH)  # the events whose dates are wanted
# How a date is bound to its event: stated with it, or inferred (from the sentence setting
# the scene, or from the notice of a death).
STATED, INFERRED = 0, 1
# Before an event word: the event is a reference point of another one's date.
_REFERENCE_BEFORE = re.compile(
    r"(?=[abdfsابقم])"
    r"(?<!\w)(?:after|before|following|since|apres|avant|depuis|بعد|قبل|منذ|اثر)\s+"
    r"(?:(?:his|her|their|the|its|sa|son|leur|la|le|l')\s*)?$"
)
# An event word followed by its own date: "after his arrest on 3 March 2014", "بعد اعتقاله
# في آذار 2014". A reference point dated so is dated here.
_DATE_NEXT = re.compile(r"[^\s]*\s+(?:on|in|le|en|في|يوم|بتاريخ|عام)\s+(?:\d|[^\s\d]+\s+\d)")
_FIRST_YEAR = 1980  # an undated page is read as written in the last year it states from this one
_YEARS_ALONE = re.compile(r"(?=[12])(?<!\d)(?:19|20)\d\d(?!\d)")
_BEFORE_REACH = 60
_DATE_SPAN = 16  # a month named this close to a full date is that date's month
# A date further than this from every event word of its sentence dates none of them.
_BIND_REACH = 150
# A notice word this close before a date governs it even when the event word is nearer after.
_NOTICE_REACH = 30

_WEEKDAYS: dict[str, dict[str, int]] = {
    "en": {
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
        "saturday": 5, "sunday": 6,
    },
    "fr": {
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
        "dimanche": 6,
    },
    "ar": {
        "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
        "الاحد": 6,
    },
}  # fmt: skip
# Days relative to the publication date: word -> days before it.
_RELATIVE: dict[str, dict[str, int]] = {
    "en": {"today": 0, "this morning": 0, "tonight": 0, "yesterday": 1},
    "fr": {"aujourd'hui": 0, "ce matin": 0, "hier": 1},
    "ar": {"اليوم": 0, "امس": 1, "البارحه": 1},
}
# "اليوم" is also "the day" ("منذ ذلك اليوم"): not a relative day after these words.
_NOT_RELATIVE_BEFORE = ("ذلك", "هذا", "منذ", "حتي", "الي", "نفس", "the", "that", "same", "ce")
# A day and month without a year, in the current or the last month ("18 حزيران الجاري").
_CURRENT_MONTH = {"الجاري": 0, "الحالي": 0, "المنصرم": 1, "الماضي": 1}
# After a month named without a day or a year: the last such month before the publication
# ("في آذار الماضي", "en mars dernier"); two months together give only their year.
_PAST_MONTH_AFTER = ("الماضي", "الماضيين", "المنصرم", "المنصرمين", "الفايت", "dernier")
_PAST_MONTH_BEFORE = ("last", "this past")
# A number of two digits or more that is no year, or "hundreds": the sentence states a tally.
_TALLY_NUMBER = re.compile(
    r"(?=[\ddhtcmعما])(?:(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d{2,}|(?<!\w)(?:dozens|hundreds|"
    r"thousands|dizaines|centaines|milliers|عشرات|مئات|الاف)(?!\w))"
)
# Before a month named without a year: in that month, the last one up to the publication
# ("arrêtée fin juin", "arrested in early May", "اعتقل في أواخر حزيران").
_MONTH_IN = ("in", "early", "late", "mid", "mid-", "en", "fin", "debut", "mi", "في", "مطلع",
             "اواخر", "اوايل", "منتصف", "اواسط", "بدايه", "نهايه")  # fmt: skip
# After a weekday: the one before the publication day even when that day is the same weekday.
_LAST = ("الماضي", "المنصرم", "dernier")


class Bound(NamedTuple):
    """A date stated in sentence ``sentence`` and the kind of event word it is bound to."""

    sentence: int
    at: int
    kind: str
    value: str
    relative: bool = False
    rank: int = STATED  # STATED or INFERRED: the first rank holding a date wins


@lru_cache(maxsize=4)
def _relative_pattern(lang: str) -> re.Pattern[str]:
    words = [*_RELATIVE[lang], *_WEEKDAYS[lang]]
    ending = "" if lang == "ar" else r"(?!\w)"
    return re.compile(rf"{F.starting(words)}(?<![\w])(?:{F.alternatives(words)}){ending}")


@lru_cache(maxsize=4)
def _day_month_pattern(months: tuple[str, ...]) -> re.Pattern[str]:
    """A day and a month with no year after them ("le 6 septembre", "on July 22", "18 حزيران
    الجاري"); a list of days takes the first ("les 8, 9 et 10 décembre")."""
    month = F.alternatives(months)
    days = r"(?:\s*(?:,|et|and|و|&|-|–|to|au)\s*\d{1,2}(?:st|nd|rd|th|er)?)*"
    current = F.alternatives(_CURRENT_MONTH)
    ordinals = F.alternatives(F.AR_ORDINALS)
    return re.compile(
        rf"{F.starting(F.AR_ORDINALS, months, digit=True)}"
        rf"(?<![\d\w])(?:(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?{days}|(?P<o>{ordinals}))"
        r"\s+(?:of\s+|من\s+)?"
        rf"(?:شهر\s+)?[وبفل]?(?P<m>{month})|(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
        rf"(?![\w])(?:\s*/\s*[^\s\d]+)?(?:\s+(?P<c>{current}))?(?!,?\s*(?:\d|عام|of\s+\d))"
    )


def _reference_day(published: str | None, doc: str) -> date | None:
    """The publication day; without one, the last day of the latest year the article states
    (an undated page is read as written in the last year it mentions)."""
    if published and len(published) >= 10:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    latest = max(_YEARS_ALONE.findall(doc), default="")  # four digits: as text, as numbers
    return date(int(latest), 12, 31) if latest >= str(_FIRST_YEAR) else None


def _day_month(sentence: str, day: date, months: dict[str, int]) -> list[tuple[int, str]]:
    """Days and months stated without a year, in the year before ``day`` (the publication)."""
    out: list[tuple[int, str]] = []
    pattern = F.built_for("day and month", months, lambda: _day_month_pattern(tuple(months)))
    for match in pattern.finditer(sentence):
        month = months[match.group("m") or match.group("m2")]
        ordinal = match.group("o")
        number = F.AR_ORDINALS[ordinal] if ordinal else int(match.group("d") or match.group("d2"))
        year = day.year
        if (month, number) > (day.month, day.day):
            year -= 1
        if 1 <= number <= 31:
            out.append((match.start(), f"{year}-{month:02d}-{number:02d}"))
    return out


@lru_cache(maxsize=4)
def _month_pattern(months: tuple[str, ...]) -> re.Pattern[str]:
    month = F.alternatives(months)
    after = F.alternatives(_PAST_MONTH_AFTER)
    before = F.alternatives(_PAST_MONTH_BEFORE)
    within = F.alternatives(_MONTH_IN)
    first = F.starting(_PAST_MONTH_BEFORE, ("ش", *_AR_CLITICS), months, _MONTH_IN)
    return re.compile(
        rf"{first}(?<![\w\d])(?:(?:{before})\s+(?P<m0>{month})(?!\w)(?!\s*\d)|"
        rf"(?:شهري?\s+)?[وبفل]?(?P<m1>{month})(?:\s*/\s*[^\s\d]+)?"
        rf"(?:\s+(?:و|et|and)\s*(?P<m2>{month})(?:\s*/\s*[^\s\d]+)?)?\s+(?:{after})(?!\w)|"
        rf"(?:{within})\s+(?:de\s+|d'|of\s+)?(?:شهر\s+)?(?P<m3>{month})(?:\s*/\s*[^\s\d]+)?"
        r"(?!\w)(?!,?\s*(?:\d|عام|of\s+\d)))"
    )


def _past_months(
    sentence: str, day: date, months: dict[str, int], named_at: list[int]
) -> list[tuple[int, str]]:
    """Months named without a year: as past ("last March", "شهري شباط وآذار الماضيين") or
    as the time of the event ("fin juin", "في أواخر حزيران"). Only the stretches around the
    months named (at ``named_at``) are searched."""
    out: list[tuple[int, str]] = []
    pattern = F.built_for("past months", months, lambda: _month_pattern(tuple(months)))
    tally: bool | None = None  # looked for at the first month named as the event's time
    for match in _around(pattern, sentence, named_at):
        named = match.group("m3")
        if named and tally is None:
            tally = _TALLY_NUMBER.search(sentence) is not None
        if named and tally:
            continue  # "647 arrests in July": the month counted, not the day of one arrest
        first = months[match.group("m0") or match.group("m1") or named]
        last = months[match.group("m2")] if match.group("m2") else first
        year = day.year if last < day.month or (named and last == day.month) else day.year - 1
        value = f"{year}-{first:02d}" if last == first else str(year)
        out.append((match.start(), value))
    return out


_MONTH_BEFORE = 24  # the words a month-only pattern may start with: "this past", "في أواخر شهر"
_MONTH_AFTER = 90  # past a month's name, more than any month-only pattern reads


def _around(pattern: re.Pattern[str], sentence: str, named_at: list[int]) -> list[re.Match[str]]:
    """The matches of ``pattern`` that ``finditer`` finds in the sentence, searched only near
    the offsets in ``named_at`` (sorted), where every match must hold one of them."""
    found: list[re.Match[str]] = []
    end = 0
    for at in named_at:
        start = max(end, at - _MONTH_BEFORE)
        if start > at:
            continue  # inside the last match
        for match in pattern.finditer(sentence, start, min(len(sentence), at + _MONTH_AFTER)):
            if match.start() > at:
                break  # the next month's stretch finds it
            found.append(match)
            end = match.end()
    return found


def _relative_dates(sentence: str, lang: str, day: date) -> list[tuple[int, str]]:
    """Dates stated relative to the publication day ``day`` in a folded sentence."""
    out: list[tuple[int, str]] = []
    for match in _relative_pattern(lang).finditer(sentence):
        word = match.group()
        before = sentence[max(0, match.start() - 8) : match.start()].split()
        if before and before[-1] in _NOT_RELATIVE_BEFORE:
            continue
        if word in _RELATIVE[lang]:
            when = day - timedelta(days=_RELATIVE[lang][word])
        else:
            back = (day.weekday() - _WEEKDAYS[lang][word]) % 7
            after = sentence[match.end() : match.end() + 10]
            if not back and after.lstrip().startswith(_LAST):
                back = 7
            when = day - timedelta(days=back)
        out.append((match.start(), when.isoformat()))
    return out


def _bind(
    dates: list[tuple[int, str]],
    anchors: list[tuple[int, str]],
    sentence: str,
    index: int,
    relative: bool,
) -> list[Bound]:
    """Each date with the kind of its nearest event word (none: the date is dropped). A date
    bound to an arrest or a death is dropped when the words before it make it a period or a
    reference ("since March 2011", "before 30 April"). A date told in an aside in brackets
    is another case's, told in passing, and a photo caption's is the picture's: they date
    nothing."""
    if not dates:
        return []
    out = []
    aside = _whole_aside(sentence) or _caption(sentence, min(a for a, _ in anchors))
    anniversary = "year" in sentence or " ans " in sentence
    for at, value in dates:
        nearest = min(anchors, key=lambda a: (abs(a[0] - at), a[0] > at))
        if abs(nearest[0] - at) > _BIND_REACH:
            continue
        if aside or _in_brackets(sentence, at, nearest[0], anchors):
            continue
        if nearest[0] > at and any(
            kind == NOTICE and 0 < at - where <= _NOTICE_REACH for where, kind in anchors
        ):
            nearest = (at, NOTICE)  # "told this morning of his death": the day of the news
        elif (
            nearest[0] > at
            and nearest[1] in _DATED
            and any(kind == NOTICE and 0 < at - where <= _BIND_REACH for where, kind in anchors)
            and _THAT.search(sentence, at, nearest[0])
        ):
            nearest = (at, NOTICE)  # "announced on Friday that it had arrested four men"
        elif (
            nearest[0] < at
            and nearest[1] in _DATED
            and _REFERENCE_BETWEEN.search(sentence, nearest[0], at)
        ):
            continue  # "arrested after the agreement of July 2018": the agreement's date
        if nearest[1] in (ARREST, DEATH):
            if _within_month(sentence, at, value):
                value = value[:7]  # "killed between 3 and 9 May 2019": in May, on no one day
            elif not _dates_event(sentence, at, value, relative) and not (
                nearest[0] < at and _dated_next(sentence, nearest[0], at)
            ):
                continue  # a period; but "missing since his arrest on 5 May" dates the arrest
            elif _years_listed(sentence, at, value):
                continue
        if anniversary and nearest[0] > at and value[:4].isdigit():
            since = _YEARS_SINCE.search(sentence, at, nearest[0])
            if since:  # "today, 9 May 2019, it is four years since they were abducted"
                value = _years_before(value, since.group(1) or since.group(2))
        out.append(Bound(index, at, nearest[1], value, relative))
        if nearest[1] == NOTICE and _tells_death(sentence, at, anchors, value, relative):
            # "on 27 April the family was told that he had died": the death came shortly
            # before the news, on a day not told; the month of the news dates it
            out.append(Bound(index, at, DEATH, value[:7], relative, INFERRED))
    return out


def _tells_death(
    sentence: str, at: int, anchors: list[tuple[int, str]], value: str, relative: bool
) -> bool:
    """Whether the news dated at ``at`` is someone's notice of a death to the family: a
    death word follows it closely after "that" ("informed the family that he had died",
    "أبلغوا ذويه بأنه توفي"). A family that found out or learned of a death may have done
    so years after it: that news dates nothing."""
    after = [where for where, kind in anchors if kind == DEATH and 0 < where - at <= _BIND_REACH]
    if not after:
        return False
    where = min(after)
    if _THAT.search(sentence, max(at, where - _THAT_REACH), where) is None:
        return False
    if _NOTIFIED.search(sentence, max(0, at - _BIND_REACH), where) is None:
        return False
    return _dates_event(sentence, at, value, relative)


def _years_before(value: str, back: str) -> str:
    """The date ``back`` years before ``value`` (YYYY, YYYY-MM or YYYY-MM-DD); a 29 February
    that year has not gives only the year and month."""
    year = int(value[:4]) - (int(back) if back.isdigit() else _SMALL_NUMBERS[back])
    if len(value) == 10:
        try:
            date(year, int(value[5:7]), int(value[8:10]))
        except ValueError:
            return f"{year}{value[4:7]}"
    return f"{year}{value[4:]}"


def _whole_aside(sentence: str) -> bool:
    """Whether the whole sentence stands in one pair of brackets: "(A neighbour had been
    arrested on 2 March 2012.)"; not "(Reuters) Security forces arrested ..."."""
    text = sentence.strip().rstrip(".")
    if len(text) < 2 or text[0] not in "([":
        return False
    close = ")" if text[0] == "(" else "]"
    return text.find(close, 1) == len(text) - 1


def _caption(sentence: str, first_event: int) -> bool:
    """Whether the sentence is a photo caption (see ``_CAPTION``): a credit anywhere, or a
    place in the picture before its first event word."""
    if "(" in sentence:
        side = _CAPTION_SIDE.search(sentence, 0, first_event)
        if side is not None:
            return True
    if ":" not in sentence and "/" not in sentence:
        if "pictured" not in sentence and "photo" not in sentence:
            return False
    if not any(word in sentence for word in _CAPTION_WORDS):
        return False
    return _CAPTION.search(sentence) is not None


def _dated_next(sentence: str, where: int, at: int) -> bool:
    """Whether the event word at ``where`` is followed right away by the date at ``at``."""
    found = _DATE_NEXT.match(sentence, where)
    return found is not None and at < found.end() <= at + _DATE_SPAN


def _in_brackets(sentence: str, at: int, where: int, anchors: list[tuple[int, str]]) -> bool:
    """Whether a date and its event word both stand inside one pair of brackets in the
    sentence and tell of someone else: "(named after his father, a writer who died in
    2000)". Brackets after the victim's name holding his own story ("Omar Khaled (34 ans,
    arrêté le 3 mai 2013) est mort ...", "توفي محمد خالد (اعتقل في 3 أيار 2013) تحت
    التعذيب") date his arrest: the words outside tell an arrest or a death, and no "who"
    opens another person's clause inside."""
    first, last = min(at, where), max(at, where)
    opened = sentence.rfind("(", 0, first)
    if opened < 0 or sentence.find(")", opened, last) >= 0:
        return False
    closed = sentence.find(")", last)
    closed = len(sentence) if closed < 0 else closed
    if _RELATIVE_PRONOUN.search(sentence, opened, closed):
        return True
    return not any(kind in _DATED and not opened < a < closed for a, kind in anchors)


def _years_listed(sentence: str, at: int, value: str) -> bool:
    """Whether the year at ``at`` is one of several ("in 2011 and 2012", "2013-2014"): the
    events fall in those years, on no one date."""
    if len(value) != 4:
        return False
    digit = _DIGIT.search(sentence, at)
    start = digit.start() if digit else at
    return bool(
        _YEAR_AFTER.match(sentence, start + 4)
        or _YEAR_BEFORE.search(sentence, max(0, start - 16), start)
        or _YEAR_RANKED.match(sentence, start + 4)
        or (
            _SUPERLATIVE_AFTER.match(sentence, start + 4) is not None
            and _WAS_BEFORE.search(sentence, max(0, start - 16), start) is not None
        )
    )


def _within_month(sentence: str, at: int, value: str) -> bool:
    """Whether the day at ``at`` opens a span of days of one month: "between April 3 and
    9, 2019", "du 3 au 9 mai 2019", "3-9 May 2019" (a list, "on 3 and 9 May", is not one)."""
    if len(value) != 10:
        return False
    span = _DAY_SPAN.match(sentence, at)
    if span is None:
        return False
    if span.group("c") not in _AND:
        return True
    return _BETWEEN.search(sentence, max(0, at - 12), at) is not None


def _dates_event(sentence: str, at: int, value: str, relative: bool) -> bool:
    """Whether the words before the date at ``at`` leave it the date of an event."""
    before = sentence[max(0, at - _BEFORE_REACH) : at]
    if not relative and len(value) < 10 and _PERIOD_BEFORE.search(before):
        return False
    if not relative:  # a year's own words: "since 2011", "in March 2011"
        digit = _DIGIT.search(sentence, at, at + 24)
        before = sentence[max(0, at - _BEFORE_REACH) : digit.start() if digit else at]
    return _NOT_EVENT_BEFORE.search(before) is None


@lru_cache(maxsize=8)
def _finder(lang: str, months: tuple[str, ...]) -> ahocorasick.Automaton:
    """One automaton for the document's word view (``rules.word_view``, a space before it):
    the event words (stems: any ending) and the words that may date without a year (month
    names, relative days, weekdays: whole words). Each key maps to (kind, length)."""
    automaton = ahocorasick.Automaton()
    clitics = _AR_CLITIC_FORMS if lang == "ar" else ("",)
    for kind, stems in EVENT_WORDS[lang].items():
        for stem in stems:
            for clitic in clitics:
                key = " " + word_view(clitic + stem)
                automaton.add_word(key, (kind, len(key)))
    when = [(w, _RELATIVE_DAY) for w in (*_RELATIVE.get(lang, ()), *_WEEKDAYS.get(lang, ()))]
    for word, holds in [*when, *((m, _MONTH) for m in months)]:
        for clitic in ("", *_AR_CLITICS) if lang == "ar" else ("",):
            key = f" {word_view(clitic + word)} "
            automaton.add_word(key, (holds, len(key)))
    automaton.make_automaton()
    return automaton


def _scan(
    doc: str, view: str, starts: list[int], lang: str, months: dict[str, int]
) -> tuple[dict[int, int], dict[int, list[tuple[int, str]]], dict[int, list[int]]]:
    """What each sentence holds that may state a date (``_YEAR | _MONTH | _RELATIVE_DAY``
    bits), its event words as (offset in the sentence, kind), and where it names months:
    one pass of an automaton over the document, then a look for years in the sentences
    telling an arrest or a death (no other sentence's dates are wanted)."""
    holds: dict[int, int] = {}
    found: dict[int, list[tuple[int, int, str]]] = {}
    months_at: dict[int, list[int]] = {}
    told: dict[int, None] = {}  # the sentences with an arrest or a death word, in order
    view = " " + view.replace("\n", " ") + " "
    finder = F.built_for(f"event words, {lang}", months, lambda: _finder(lang, tuple(months)))
    for end, (kind, length) in finder.iter(view):
        start = end - length + 1  # the space before the word, in the view; the word in doc
        index = bisect_right(starts, start) - 1
        if isinstance(kind, int):
            holds[index] = holds.get(index, 0) | kind
            if kind == _MONTH:
                months_at.setdefault(index, []).append(start - starts[index])
        else:
            found.setdefault(index, []).append((start, start + length - 1, kind))
            if kind in _DATED:
                told[index] = None
    if not told:
        return holds, {}, months_at
    size = len(doc)
    for index in told:
        close = starts[index + 1] - 1 if index + 1 < len(starts) else size
        if _holds_year(doc, starts[index], close):
            holds[index] = holds.get(index, 0) | _YEAR
    anchors: dict[int, list[tuple[int, str]]] = {}
    for index in told:
        if index not in holds and not _may_open(doc, starts, index - 1, holds, months_at, found):
            continue  # no date here, and the sentence before is not one setting the scene
        words = found[index]
        blocked = [(a, b) for a, b, kind in words if kind == NO_EVENT]
        first = starts[index]
        kept: dict[int, str] = {}
        for a, b, kind in sorted(words, key=lambda w: (w[0], w[0] - w[1])):
            if kind == NO_EVENT or a in kept:
                continue
            if kind == NOTICE and _SPEECH_TAG.match(doc, a) and _TAG_BEFORE.search(doc, first, a):
                continue  # "lost touch with him on 8 May, he said, after": the source's words
            if blocked and any(x <= a and b <= y for x, y in blocked):
                continue
            if _REFERENCE_BEFORE.search(doc, max(first, a - 12), a) and not _DATE_NEXT.match(
                doc, a
            ):
                continue  # "died on 12 June after his arrest": the arrest is not dated here
            kept[a] = kind
        if ARREST in kept.values() or DEATH in kept.values():  # else no date here is wanted
            anchors[index] = [(a - first, kind) for a, kind in kept.items()]
    return holds, anchors, months_at


def _holds_year(doc: str, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` holds a year (19xx or 20xx) that no digit touches.

    Looked for with ``str.find`` on its first two digits: a regular expression steps through
    every letter in Python's engine, several times slower than ``find``'s scan.
    """
    size = len(doc)
    end = min(end, size)
    if end - start < 4:
        return False  # (and a negative end would count from the end of ``doc``)
    for lead in ("19", "20"):
        at = doc.find(lead, start, end - 2)
        while at >= 0:
            if (
                doc[at + 2 : at + 4].isdecimal()  # what \d matches
                and not (at and doc[at - 1].isdigit())
                and not (at + 4 < size and doc[at + 4].isdigit())
            ):
                return True
            at = doc.find(lead, at + 1, end - 2)
    return False


def _may_open(
    doc: str,
    starts: list[int],
    index: int,
    holds: dict[int, int],
    months_at: dict[int, list[int]],
    found: dict[int, list[tuple[int, int, str]]],
) -> bool:
    """Whether sentence ``index`` (not the title) may open with a date and tells no event: a
    digit or a month's name or a relative day near its start, and no event word."""
    if index < 1 or index in found:
        return False
    start = starts[index]
    if _DIGIT.search(doc, start, start + _OPENER_AT + 4):
        return True
    if any(at <= _OPENER_AT + 16 for at in months_at.get(index, ())):
        return True  # "يوم الرابع من تشرين الأول"
    return bool(holds.get(index, 0) & _RELATIVE_DAY)


def event_dates(
    article: Prepared,
    lang: str,
    months: dict[str, int],
    published: str | None,
) -> dict[str, str]:
    """The date of each dated event (``ARREST``, ``DEATH``) the article tells, by kind.

    ``event_date`` takes a kind's date from the first of four groups holding one: dates stated
    with the event outright, then stated relative to the publication, then inferred ones. The
    groups are filled in that order, and a sentence is read only while one of its event kinds
    can still change: the stated dates of every sentence first, but not for a kind already
    dated to the day (no later date refines it); the relative and inferred dates only for the
    kinds no date was stated for. Skipping what cannot change the answer is where the time
    goes: most articles date their one event outright.

    The skip rests on ``_bind`` dating a kind only in a sentence that holds that kind's own
    event word (``kinds_of`` below). A rule that dated one kind from another kind's words
    (an arrest inferred from a release) would need the skip revisited.
    """
    if lang not in EVENT_WORDS:
        return {}
    holds, anchors, months_at = _scan(article.doc, article.view, article.starts, lang, months)
    if not anchors:
        return {}
    reading = _Reading(article.folded, holds, anchors, months_at, lang, months,
                       _Day(published, article.doc))  # fmt: skip
    order = sorted(anchors)
    kinds_of = {i: {kind for _, kind in anchors[i] if kind in _DATED} for i in order}
    bound: list[Bound] = []
    absolute_of: dict[int, list[tuple[int, str]]] = {}
    settled: set[str] = set()  # kinds whose first stated date is a full day
    for index in order:
        if holds.get(index, 0) & _YEAR and not kinds_of[index] <= settled:
            absolute_of[index], stated = _stated(reading, index)
            bound += stated
            settled = {k for k in _DATED if len(_first_date(bound, k, STATED, False) or "") == 10}
    undated = {k for k in _DATED if _first_date(bound, k, STATED, False) is None}
    if undated:
        more: list[Bound] = []
        for index in order:
            if kinds_of[index] & undated:
                more += _unstated(reading, index, absolute_of.get(index, []), undated)
        bound = sorted(bound + more, key=lambda b: b.sentence)  # stable: a sentence's in order
    out: dict[str, str] = {}
    for kind in (DEATH, ARREST):
        value = event_date(bound, kind)
        if value:
            out[kind] = value
    return out


class _Day:
    """The day relative dates count from: the publication, or for an undated page the last day
    of the latest year it states (read only if needed)."""

    def __init__(self, published: str | None, doc: str) -> None:
        self.published = _reference_day(published, "")
        self._doc = doc
        self._undated: list[date | None] = []

    def reference(self) -> date | None:
        if self.published is None and not self._undated:
            self._undated.append(_reference_day(None, self._doc))
        return self.published or self._undated[0]


class _Reading(NamedTuple):
    """An article as ``_scan`` read it, with what its dates are resolved by."""

    folded: list[str]
    holds: dict[int, int]  # sentence -> _YEAR | _MONTH | _RELATIVE_DAY bits
    anchors: dict[int, list[tuple[int, str]]]  # sentence -> its event words (offset, kind)
    months_at: dict[int, list[int]]  # sentence -> where it names months
    lang: str
    months: dict[str, int]
    day: _Day


def _stated(reading: _Reading, index: int) -> tuple[list[tuple[int, str]], list[Bound]]:
    """The dates sentence ``index`` states outright, and those of them bound to its events."""
    sentence, anchors = reading.folded[index], reading.anchors[index]
    absolute = F.find_dates(sentence, reading.months)
    if not index:
        absolute = [d for d in absolute if not _ends_headline(sentence, d[0])]
    stated = _bind(absolute, anchors, sentence, index, False)
    years = {b.value for b in stated if b.kind in _DATED and len(b.value) == 4}
    if len(years) >= _BREAKDOWN_YEARS:  # "two cases in 2011, seven in 2012, six in 2013"
        stated = [b for b in stated if b.kind not in _DATED or len(b.value) != 4]
    return absolute, stated


def _unstated(
    reading: _Reading, index: int, absolute: list[tuple[int, str]], undated: set[str]
) -> list[Bound]:
    """The dates of sentence ``index`` resolved from the publication day (``absolute``: those
    it states outright), or for a sentence telling an event with no date, the one the sentence
    before sets the scene with, when its first event is of a kind in ``undated``."""
    folded, anchors, day = reading.folded, reading.anchors[index], reading.day
    holds, lang, months = reading.holds.get(index, 0), reading.lang, reading.months
    if not holds:  # told with no date, after a sentence telling no event
        first = min(anchors)
        if first[1] not in undated:
            return []
        opened = _scene_date(folded[index - 1], lang, months, day.reference(), day.published)
        return [Bound(index, first[0], first[1], opened[0], opened[1], INFERRED)] if opened else []
    if not index or holds == _YEAR:
        return []  # a title's "26 August" is the day of the report
    reference = day.reference()
    if reference is None:
        return []
    sentence = folded[index]
    relative: list[tuple[int, str]] = []
    if holds & _MONTH:
        dated = [at for at, _ in absolute]
        if (lang == "ar" or _DIGIT.search(sentence)) and any(
            all(abs(m - at) > _DATE_SPAN for at in dated) for m in reading.months_at[index]
        ):
            relative += _day_month(sentence, reference, months)  # a month outside every date
        relative += _past_months(sentence, reference, months, sorted(reading.months_at[index]))
    if holds & _RELATIVE_DAY and day.published is not None:
        relative += _relative_dates(sentence, lang, day.published)
    taken = [at for at, _ in absolute]
    kept: list[tuple[int, str]] = []
    for at, value in sorted(relative):
        if all(abs(at - t) > 12 for t in taken):
            kept.append((at, value))
            taken.append(at)
    return _bind(kept, anchors, sentence, index, True)


_OPENER_AT = 8  # where a sentence's opening date may start: after "on ", "le ", "يوم ", "في "
_OPENER_HEAD = 48  # the opening date and the comma closing it come within this many letters


def _scene_date(
    sentence: str, lang: str, months: dict[str, int], day: date | None, published: date | None
) -> tuple[str, bool] | None:
    """The date a sentence telling no event opens with, set off by a comma ("On 3 May 2019,
    troops ringed the village."): it sets the scene for the event the next sentence tells.
    With it, whether it was resolved from the publication day."""
    head = sentence[:_OPENER_HEAD]
    found = [(at, value, False) for at, value in F.find_dates(head, months)]
    if not found and day is not None:
        found = [(at, value, True) for at, value in _day_month(head, day, months)]
        if published is not None:
            found += [(at, value, True) for at, value in _relative_dates(head, lang, published)]
    for at, value, relative in sorted(found):
        if at > _OPENER_AT:
            break
        if ("," in head[at:] or "،" in head[at:]) and _dates_event(sentence, at, value, relative):
            return value, relative
    return None


_HEADLINE_DATE_LENGTH = 25  # "…, 26 تشرين الثاني 2024", "…, September 20, 2024"


def _ends_headline(title: str, at: int) -> bool:
    """Whether the date at ``at`` closes the headline after a comma: SNHR's and others'
    headlines end with the day of the news ("…, October 2, 2024"), which dates no event
    the headline names."""
    comma = max(title.rfind(",", 0, at), title.rfind("،", 0, at))
    return comma >= 0 and len(title.rstrip(" .")) - at <= _HEADLINE_DATE_LENGTH


def event_date(bound: list[Bound], kind: str) -> str | None:
    """The date of the first ``kind`` event the article tells; a later sentence stating the
    same date more precisely ("in 2012", then "on 25 September 2012") refines it. A date
    stated outright wins over one resolved from the publication day, and a date stated with
    its event over one inferred."""
    for rank in (STATED, INFERRED):
        for relative in (False, True):
            found = _first_date(bound, kind, rank, relative)
            if found:
                return found
    return None


def _first_date(bound: list[Bound], kind: str, rank: int, relative: bool) -> str | None:
    found: str | None = None
    for item in bound:
        if item.kind != kind or item.relative != relative or item.rank != rank:
            continue
        if found is None:
            found = item.value
        elif len(item.value) > len(found) and item.value.startswith(found):
            found = item.value
    return found
