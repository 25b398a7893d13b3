"""Extract the facts: victims, governorate, perpetrator, dates, counts (README.md, "Labels").

Only what the text states: no key is emitted without a supporting match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar, cast

import ahocorasick
import numpy as np

from classifiers.match import Hits, line_starts
from classifiers.rules import NumberWords
from classifiers.victims import VICTIM_CUES, find_victims

GOVERNORATES: tuple[str, ...] = (
    "Aleppo",
    "Damascus",
    "Rif Dimashq",
    "Daraa",
    "Deir Ez-Zour",
    "Hama",
    "Al-Hasakah",
    "Homs",
    "Idlib",
    "Latakia",
    "Quneitra",
    "Al-Raqqah",
    "As-Suwayda",
    "Tartus",
)
PERPETRATORS: tuple[str, ...] = (
    "syrian_regime",
    "transitional_authorities",
    "isis",
    "hts",
    "sdf",
    "armed_opposition",
    "unknown",
    "other",
)
FALL_OF_ASSAD = "2024-12-08"

# ---------------------------------------------------------------- places and perpetrators


def pick(mentions: Iterable[tuple[str, float, int]]) -> str | None:
    """The value with the highest weight; ties go to the earliest mention."""
    weight: dict[str, float] = {}
    first: dict[str, int] = {}
    for value, w, order in mentions:
        weight[value] = weight.get(value, 0.0) + w
        if value not in first:
            first[value] = order
    if not weight:
        return None
    return max(weight, key=lambda v: (weight[v], -first[v]))


def share_of(mentions: Iterable[tuple[str, float, int]], value: str) -> tuple[float, int]:
    """The share of the weight that ``value`` holds among ``mentions``, and how many distinct
    values they name."""
    weight: dict[str, float] = {}
    for name, w, _ in mentions:
        weight[name] = weight.get(name, 0.0) + w
    total = sum(weight.values())
    return (weight.get(value, 0.0) / total if total else 0.0), len(weight)


def resolve_state(published: str | None) -> str:
    """Government forces: Assad's until 8 December 2024, the transitional authorities after."""
    if published and published[:10] >= FALL_OF_ASSAD:
        return "transitional_authorities"
    return "syrian_regime"


# ---------------------------------------------------------------- dates


_YEAR = re.compile(r"(?:19|20)[0-9][0-9]")
# A date ends with its year; day and month come at most this many characters before it.
_DATE_REACH = 48
# Before a number that is no day: the number of a decree or a law ("Decree No. 13 of May
# 2021", "المرسوم رقم 13").
_NOT_A_DAY = r"(?<!no\. )(?<!no )(?<!n° )(?<!n°)(?<!number )(?<!رقم )"
_CLITIC = 2  # "ال", or one of و ب ف ل, written on a month's name (``pre`` below)


def alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def starting(*words: Iterable[str], digit: bool = False) -> str:
    """A lookahead for the first characters of ``words`` (and digits), put before a pattern
    whose every form starts with one of them: the regex engine turns every other position
    down at once, where a lookbehind coming first costs several times more at each one."""
    chars = sorted({word[0] for group in words for word in group})
    return "(?=[" + (r"\d" if digit else "") + "".join(re.escape(c) for c in chars) + "])"


# More days of the same month after the first: "les 8, 9 et 10 décembre 2024" is dated by
# its first day.
_MORE_DAYS = r"(?:\s*(?:,|et|and|و|&|-|–|to|au)\s*(?:le\s+|the\s+)?\d{1,2}(?:st|nd|rd|th|er)?)*"


def _ar_ordinals() -> dict[str, int]:
    """Arabic ordinal days, folded: "الاول" 1 ... "الحادي والثلاثين" 31."""
    units = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
             "التاسع")  # fmt: skip
    out = {word: n for n, word in enumerate(units, 1)} | {"العاشر": 10, "الحادي عشر": 11}
    out |= {f"{word} عشر": n + 10 for n, word in enumerate(units, 1) if n > 1}
    for tens, word in ((20, "العشرين"), (30, "الثلاثين")):
        out[word] = tens
        out |= {f"{unit} و{word}": tens + n for n, unit in enumerate(units, 1)}
    out["الحادي والعشرين"], out["الحادي والثلاثين"] = 21, 31
    return {k: v for k, v in out.items() if v <= 31}


# Days written as Arabic ordinals: "في الرابع من تشرين الأول 2012".
AR_ORDINALS: dict[str, int] = _ar_ordinals()


@lru_cache(maxsize=4)
def _date_patterns(month_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    months = alternatives(month_names)
    m = rf"(?P<m>{months})(?:\s*/\s*(?:{months}))?"
    clitics = ("و", "ب", "ف", "ل", "ال")
    pre = rf"{starting(clitics, month_names)}(?<![\w])(?:[وبفل]|ال)?"
    return (
        re.compile(
            rf"{starting(AR_ORDINALS)}"
            rf"(?<!\w)(?P<o>{alternatives(AR_ORDINALS)})\s+من\s+(?:شهر\s+)?{pre}{m}\s+"
            r"(?:عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        re.compile(
            r"(?=\d)"
            rf"(?<!\d){_NOT_A_DAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?{_MORE_DAYS}\s+(?:of\s+)?{pre}{m},?\s+(?:عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        re.compile(
            rf"{pre}{m}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_MORE_DAYS},?\s+"
            r"(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        re.compile(rf"{pre}{m}\.?,?\s+(?:of\s+|عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(
            r"(?=[eilmsاسعف])"
            r"(?<![\w])(?:mid-|(?:in|since|early|late|mid|en|عام|العام|سنه|في)\s+)(?P<y>(?:19|20)\d\d)(?![\d/-]|'?s(?!\w))"
        ),
    )


def _month_finder(month_names: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name in month_names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


_Built = TypeVar("_Built")
_BUILT: dict[tuple[str, int], tuple[object, Any]] = {}


def built_for(kind: str, table: object, build: Callable[[], _Built]) -> _Built:
    """``build()``, made once per rule table (``kind`` names what is built from it).

    Rule tables (month names, number words) are made once per rule set and are not
    hashable; hashing their contents on every call would cost more than the search. They
    are keyed by identity, and the table is kept so that a new table at a reused address
    is never taken for the old one.
    """
    key = (kind, id(table))
    cached = _BUILT.get(key)
    if cached is None or cached[0] is not table:
        cached = _BUILT[key] = (table, build())
    return cast(_Built, cached[1])


def first_month_at(text: str, months: dict[str, int], start: int = 0, end: int = -1) -> int:
    """Where the first month's name in ``text[start:end]`` starts, read as a plain substring
    (a pattern's month, whatever stands around it, starts there or after); -1 for none."""
    finder = built_for("month finder", months, lambda: _month_finder(tuple(months)))
    found = finder.iter(text, start, len(text) if end < 0 else end)
    return min((at - len(name) + 1 for at, name in found), default=-1)


def _date_of(match: re.Match[str], months: dict[str, int]) -> str | None:
    groups = match.groupdict()
    year = groups["y"]
    if not groups.get("m"):
        return year
    month = months.get(groups["m"])
    if month is None:
        return None
    if groups.get("o"):
        return f"{year}-{month:02d}-{AR_ORDINALS[groups['o']]:02d}"
    if not groups.get("d"):
        return f"{year}-{month:02d}"
    day = int(groups["d"])
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def find_dates(sentence: str, months: dict[str, int]) -> list[tuple[int, str]]:
    """Every date stated in a folded sentence as (offset, ISO date); one per position.

    Every date form ends with a year, so the patterns run only just before each year, and
    the forms naming a month only where a month's name stands; at one position the most
    precise form wins.
    """
    years = [year.start() for year in _YEAR.finditer(sentence)]
    if not years:
        return []
    ordinal, day_month, month_day, month_year, year_only = built_for(
        "dates", months, lambda: _date_patterns(tuple(months))
    )
    found: set[tuple[int, str]] = set()
    size = len(sentence)
    for year in years:
        start, end = max(0, year - _DATE_REACH), min(size, year + 5)  # one letter past it
        _add_dates(found, year_only, sentence, start, end, months)
        month = first_month_at(sentence, months, start, end)
        if month < 0:
            continue
        if "من" in sentence[start:end]:  # an ordinal day "... من" a month
            _add_dates(found, ordinal, sentence, start, end, months)
        _add_dates(found, day_month, sentence, start, end, months)
        # the month's name comes first, after at most two letters of a clitic
        _add_dates(found, month_day, sentence, max(start, month - _CLITIC), end, months)
        _add_dates(found, month_year, sentence, max(start, month - _CLITIC), end, months)
    ordered = sorted(found, key=lambda item: (item[0], -len(item[1])))
    out: list[tuple[int, str]] = []
    for offset, date in ordered:
        if out and abs(offset - out[-1][0]) < 12:
            if len(date) > len(out[-1][1]):
                out[-1] = (out[-1][0], date)
            continue
        out.append((offset, date))
    return out


def _add_dates(
    found: set[tuple[int, str]],
    pattern: re.Pattern[str],
    sentence: str,
    start: int,
    end: int,
    months: dict[str, int],
) -> None:
    for match in pattern.finditer(sentence, start, end):
        date = _date_of(match, months)
        if date:
            found.add((match.start(), date))


# ---------------------------------------------------------------- counts

# Digits are ASCII once folded. The pattern is tried only where a digit stands (see
# ``_number_matches``); a number glued to a word, a currency sign or another number is
# rejected in code.
_NUMBER = re.compile(
    r"(?=[0-9])(?P<n>[0-9]{1,3}(?:[, .][0-9]{3})+|[0-9]+)(?![\w%/]|[.,:][0-9]|-year|-ans)"
    r"(?P<k>\s+(?:الف|الاف|thousand|mille))?"
)
_GLUED_CHARS = frozenset("_$€£/.,-:#=")  # and letters and digits: a number glued to them
_DIGIT = re.compile("[0-9]")
_NOT_COUNT_BEFORE = (
    "branch",
    "فرع",
    "no",
    "no.",
    "number",
    "resolution",
    "القرار",
    "decree",
    "reference",
    "article",
    "المرسوم",
    "aged",
    "age",
    "عمره",
    "بعمر",
    "$",
    "usd",
    "syp",
    "page",
    "pages",
    "chapter",
    "code",
    "section",
    "branche",
    "الفرع",
    "رقم",
    "الماده",
    "ماده",
    "الفقره",
    "البند",
    "قانون",
    "القانون",
)
# Words that name what the number a few words on is: "فرع الأمن العسكري 227", "a ransom of
# 15,000", "priced at 500".
_NAMING_HEADS = frozenset(
    "branch branche section فرع الفرع cost costs price prices priced worth coute سعر ransom "
    "rancon فديه fine amende غرامه bail caution كفاله salary salaire راتب مبلغ بمبلغ".split()
)
_NAMING_REACH = 2  # words between a head and its number
_MAX_COUNT_DIGITS = 12  # a number of more digits counts no people
# The outlet "Suwayda 24": the place names the number only as that whole name ("detained in
# Suwayda 12 young men" counts 12).
_OUTLET_24 = ("suwayda", "sweida", "السويداء")
_OUTLET_NUMBER = 24
# An age told with "when": "Nour was 16 when a patrol took him" ("arrested 12 when they
# stormed Tafas" counts 12).
_WHEN_AFTER = re.compile(r"\s*when(?!\w)")
_AGE_VERBS = ("was", "were", "etait", "etaient")


def _phrases() -> frozenset[str]:
    """Folded phrases that name what the number right after them is: a page, a law, a rank, a
    cell, a counter, an outlet ("Kurdistan 24"), an age, a parent's children."""
    single = (
        "kurdistan france day days jour jours case law loi paragraph "
        "resolutions decrees articles rank ranked ranks ranking المرتبه المركز rang classe "
        "classee session hearing episode cell floor building apartment room block wing "
        "dormitory seance audience cellule etage الجلسه الحلقه زنزانه الزنزانه المهجع مهجع "
        "الجناح الطابق الساعه share shares tweet likes views vues عمر"
    ).split()
    out = set(single) | {
        "شبكه درعا", "لشبكه درعا", "age of", "l'age de", "aged between", "aged from", "ages of",
        "between the ages of",
    }  # fmt: skip
    # a parent's children: "father of 3", "mère de 4 enfants", "أب لـ 3 أطفال"
    parents = ("father", "mother", "parent", "pere", "mere")
    out |= {f"{p} {o}" for p in parents for o in ("of", "de")}
    out |= {f"{p} ل" for p in ("اب", "ام", "والد", "والده")}
    # an age: "men over 15", "des garçons de moins de 18", "the eldest is 25"
    people = ("men boys males women girls children those people persons anyone hommes garcons "
              "jeunes enfants").split()  # fmt: skip
    limits = ("over", "under", "above", "below", "older than", "younger than", "aged",
              "de plus de", "de moins de")  # fmt: skip
    out |= {f"{who} {limit}" for who in people for limit in limits}
    rank = ("eldest", "youngest", "oldest", "aine", "ainee", "cadet", "cadette", "الاكبر", "الاصغر")
    copulas = ("", "is", "was", "being", "aged", "just", "only", "est", "etait", "a", "avait",
               "عمره", "عمرها")  # fmt: skip
    out |= {" ".join(w for w in (r, c1, c2) if w) for r in rank for c1 in copulas for c2 in copulas}
    return frozenset(out)


_NAMING_PHRASES = _phrases()
_PHRASE_WORDS = max(len(p.split()) for p in _NAMING_PHRASES)
_LAST_WORDS = frozenset(p.split()[-1] for p in _NAMING_PHRASES)
_MARKS = "\"'«“‘([/-–—"
# Words as the phrases above are written: apart from spaces, quotes, brackets, dashes and stops.
_WORDS = re.compile(r"[^\s\"«“‘”’(\[/\-–—.,;:!?)\]]+")
# More days of a month, or a year, after a day: "8, 9 et 10 décembre", "may 14 & 16, 2024".
_DAY_LIST = re.compile(r"(?:\s*(?:,|et|and|&|-|–|و)\s*[0-9]{1,2}(?![0-9]))+")
_YEAR_AFTER = re.compile(r",?\s*(?:19|20)[0-9][0-9](?![0-9])")
# A sentence telling the war's whole death toll ("a war that has killed more than 500,000
# people"): a stock figure, not the article's tally. Checked for large numbers only.
_WAR_TOLL_MIN = 50_000
_WAR_TOLL = re.compile(
    r"(?<!\w)(?:war|conflict|guerre|conflit|الحرب|النزاع)(?!\w)[^.;]{0,160}(?<!\w)"
    r"(?:killed|has left|had left|left more|left over|left at least|claimed|a fait|avait fait|"
    r"فتكت|اودت|خلفت|حصدت|قتلت)(?!\w)"
)
# Any range or pair of numbers: what follows the second tells what the first is ("5-7 metres",
# "بين 1000 و1200 ل.س", "3 ou 4 jours", an age range "de 18 à 42 ans").
_RANGE = re.compile(r"\s*(?:-|–|to|and|et|a|ou|or|و|او)\s*[0-9]+(?:[,.][0-9]{3})*(?![0-9])")
# A number hyphenated to a word is part of an adjective ("a 22-page report", "a 10-day
# strike"); followed by a month and a year in digits it is a date ("14-1-2022").
_COMPOUND = re.compile(
    r"[-‐‑](?!(?:plus|odd|strong|some)\b)[^\W\d_]|[-/.][0-9]{1,2}[-/.](?:19|20)?[0-9]{2}(?![0-9])"
)
# The number of a law or decree of a year: "Law 16 of 2022".
_OF_YEAR = re.compile(r"\s+of\s+(?:19|20)[0-9]{2}(?![0-9])")
# A number cut short by the page, in a teaser: "on May 31, 197...", "a country of some 4 mi".
_CUT_SHORT = re.compile(r"\s*(?:[^\W\d_]{0,2}(?:\.\.\.|…)|[^\W\d_]{1,2}\Z)")
# An abbreviation the sentence splitter took for a full stop, ending the line before a number
# that starts its own: "decree no." / "13 of 2021 ...".
_NUMBER_SIGN_END = re.compile(r"(?<!\w)(?:no|nos|n°|num)\.$")
# A small number opening its sentence with a list mark ("2- Hassan ...", "3) the ...",
# "4. Name", "13." alone) numbers an item of a list when the number before or after it
# numbers another item: it counts nothing. A tally line ("245 - arbitrary arrests"), a
# lone "12 - شخصاً" and a range ("15-20 people", "15 - 20") stay counts.
_LIST_ITEM = re.compile(r"([0-9]{1,2})(?: ?[-–—.)] +(?![0-9])| ?[-–—.)]? *$)", re.M)
_ITEM_AFTER = re.compile(r" ?[-–—.)] +(?![0-9])| ?[-–—.)]? *$")


def _list_numbers(doc: str, starts: list[int]) -> set[int]:
    """The numbers that open a sentence as a list item does (see :data:`_LIST_ITEM`)."""
    found = set()
    for start in starts:
        item = _LIST_ITEM.match(doc, start)
        if item is not None:
            found.add(int(item.group(1)))
    return found
# Between a number named by the words before it ("resolutions 2139 & 2254", "ranked 177 out
# of 180", "aged 25 and 30") and the next: the next is named by them too.
_JOINED = re.compile(r"\s*(?:&|and|et|و|or|ou|او|out of|من اصل)?\s*")
# Things counted that are not people, after at most one word that qualifies them ("48
# interrogation methods", "12 member states", "14 'protection thresholds'").
_OBJECTS = (
    r"photos?\b|photographs?|photographies|images|صوره?\b|methods|forms of|techniques|methodes|"
    r"اساليب|countries|states\b|pays\b|دوله|دول\b|vehicles|armoured|مدرعه|مدرعات|سيارات|"
    r"trees|arbres|اشجار|shells|قذايف|missiles|صواريخ|rockets|barrels|براميل|documents|وثيقه|"
    r"وثايق|thresholds|criteria|recommendations|توصيات|organi[sz]ations|organismes|منظمات|items\b|"
    r"houses|homes|shops|buildings|villages|towns|buses|cars|منازل|منزلا|بيوت|محلات|قري|بلدات|"
    r"حافلات|maisons|magasins|immeubles|bus\b|voitures|comments|views|likes|shares|vues|"
    r"commentaires|مشاهده|تعليق"
)
_NOT_COUNT_AFTER = re.compile(
    r"\s*['\"«“‘]?(?:percent|per cent|pour cent|بالمئه|بالمائه|بالميه|٪|%|years? old|yearold|-year|"
    r"ans\b|annees?\b|عاما|عام\b|سنه|سنوات|سنين|min read|min\b|usds?\b|دولار|يورو|euros?\b|"
    r"من الشهر|من شهر|millions?|milliards?|billions?|مليون|ملايين|مليار|tons?\b|tonnes?|"
    r"litres?|liters?|ليتر|times\b|fois\b|مرات|square|sq\b|m2\b|metres|meters|mètres|مربع|"
    r"against the|-[0-9]{3}-[0-9]{3,4}|\)|/\s*[0-9]|"
    r"syrian pounds|pounds|livres|ليره|dollars?|us dollars|us\$|syp\b|usd\b|kg|grams?|km|"
    r"kilomet|متر|hours?|ساعه|ساعات|heures?|"
    r"days?|jours?|يوم|ايام|months?|mois|اشهر|شهر|minutes?|دقيقه|o'?clock|am\b|pm\b|weeks?|"
    r"semaines?|اسابيع|اسبوع|decades?|decennies|عقود|عقد\b|"
    r"page|morts? de|years?\b|ans|لس\b|ل س\b|كغ\b|كيلو|لتر|abstained|abstentions|voted|"
    rf"votes\b|(?:[^\W\d_]+\s+)?(?:{_OBJECTS}))"
)


# Everything after a number that makes it no count, in one pattern (one match per number).
_AFTER = re.compile(
    rf"(?:{_RANGE.pattern})?(?:{_NOT_COUNT_AFTER.pattern})|(?:{_COMPOUND.pattern})|"
    rf"(?:{_OF_YEAR.pattern})|(?:{_CUT_SHORT.pattern})"
)


class Number(NamedTuple):
    """A number stated as a count of people or cases, in sentence ``sentence`` (a named
    tuple: an article states dozens, and a frozen dataclass costs several times more to
    make)."""

    sentence: int
    value: int
    at: int = 0  # offset in the folded document, to keep the article's order


_DIGITS_BY_ARRAY = 300  # below this length the array's fixed cost outweighs the scan


def _digit_positions(doc: str) -> list[int]:
    """Offsets of the ASCII digits of ``doc`` (an array comparison: a regular expression
    scanning for digits costs several times more from a few hundred characters on)."""
    if len(doc) < _DIGITS_BY_ARRAY:
        return [m.start() for m in _DIGIT.finditer(doc)]
    codes = np.frombuffer(doc.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return ((codes - np.uint32(48)) < np.uint32(10)).nonzero()[0].tolist()


def _number_matches(doc: str) -> Iterator[re.Match[str]]:
    """What ``_NUMBER.finditer(doc)`` yields: only a digit can start a match, so the
    pattern is tried at each digit not inside the previous match."""
    match_at = _NUMBER.match
    end = 0
    for position in _digit_positions(doc):
        if position < end:
            continue
        match = match_at(doc, position)
        if match is not None:
            end = match.end()
            yield match


def scan_numbers(doc: str, starts: list[int], months: dict[str, int]) -> list[Number]:
    """Every count in a folded document (years, ages, days, money excluded), in order."""
    out: list[Number] = []
    glued = _GLUED_CHARS
    named_end = -1  # where the last number named by the words before it ends
    items: set[int] | None = None  # the numbers of list items, found at the first need
    for match in _number_matches(doc):
        start = match.start()
        if (
            start
            and (doc[start - 1] in glued or doc[start - 1].isalnum())
            and not (doc[start - 1] in "وبل" and (start < 2 or not doc[start - 2].isalnum()))
        ):
            continue  # glued to a word, except Arabic و ب ل written on it: "و139", "ب64 حالة"
        raw = match.group("n")
        if "\n" in raw:
            continue
        if raw[0] == "0" and len(raw) > 2:
            named_end = match.end()  # a phone number: its groups follow after spaces
            continue
        digits = raw.replace(",", "").replace(" ", "").replace(".", "")
        if len(digits) > _MAX_COUNT_DIGITS:
            continue  # an id or a run of digits, no count (and int() refuses 4,300 digits)
        value = int(digits)
        grouped = len(raw) > 3 and not raw.isdigit()
        if match.group("k"):
            value *= 1000
        elif not grouped and 1900 <= value <= 2099:
            continue
        if value < 2:
            continue
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        line_end = doc.find("\n", match.end())
        if line_end < 0:
            line_end = len(doc)
        before = doc[max(line_start, start - 30) : start]
        after = doc[match.end() : min(line_end, match.end() + 30)]
        if not before.strip():
            if not after.strip():
                continue  # a line holding only a number: a counter or an id in the clutter
            if value < 100 and not grouped and _ITEM_AFTER.match(after):
                if items is None:
                    items = _list_numbers(doc, starts)
                if value - 1 in items or value + 1 in items:
                    continue
            if index and _NUMBER_SIGN_END.search(doc, max(0, line_start - 6), line_start - 1):
                continue
        if _not_a_count(before, after, value, grouped, months):
            continue
        if (
            _named_before(before)
            or (value == _OUTLET_NUMBER and before.rstrip().endswith(_OUTLET_24))
            or (named_end >= 0 and _JOINED.fullmatch(doc, named_end, start) is not None)
        ):
            named_end = match.end()
            continue  # a branch, a resolution, a price, an age ... named by what precedes it
        if value >= _WAR_TOLL_MIN and _WAR_TOLL.search(doc, line_start, line_end):
            continue
        out.append(Number(index, value, start))
    return out


def _not_a_count(
    before: str, after: str, value: int, grouped: bool, months: dict[str, int]
) -> bool:
    """Whether the words after a number (or around a small one) make it a day, an age, money,
    an object, a page count ..."""
    if _AFTER.match(after):
        return True
    if value <= 31:
        days = _DAY_LIST.match(after)
        rest = after[days.end() :] if days else after
        if _month_after(months).match(rest) or _YEAR_AFTER.match(rest):
            return True  # a day of the month: "25 آب/أغسطس", "6 septembre", "14, 2012"
    words_before = before.split()
    if words_before and words_before[-1].strip(",.:/") in months:
        return True
    if value < 100 and words_before and words_before[-1] in _AGE_VERBS and _WHEN_AFTER.match(after):
        return True  # "was 16 when": an age
    if not after.strip() and _date_before(months).search(before):
        return True  # a year the page cut short: "signed on June 30, 197"
    # an age after a name: "Samira al-Khalil, 53, who ...", "... and Omar Haddad, 27."
    return (
        not grouped
        and value < 100
        and before.endswith(", ")
        and before[-3:-2].isalpha()
        and (after.startswith(",") or after.rstrip() == ".")
    )


def _named_before(before: str) -> bool:
    """Whether the words right before a number name what it is: a branch, an article, a
    resolution, a price, an age, a rank, a footnote or a page counter.

    Looked up word by word from the end (sets of folded phrases): a regular expression
    searched over the words before every number costs several times more.
    """
    stripped = before.rstrip()
    if not stripped:
        return False
    if before[-1] in "([" or stripped[-1] == "/" or stripped.endswith(_NOT_COUNT_BEFORE):
        return True  # "(12)", a footnote "[3]", a counter "2 / 5", "no. 7", "$500"
    if len(stripped) == len(before):
        return False  # the words below stand apart from the number
    pieces = stripped.rsplit(None, _NAMING_REACH + 1)
    last = pieces[-1]
    if (
        last not in _LAST_WORDS
        and (last.isalpha() or _LAST_WORDS.isdisjoint(_WORDS.findall(last)))
        and not any(w.lstrip(_MARKS) in _NAMING_HEADS for w in pieces[-_NAMING_REACH - 1 :])
    ):
        return False  # most numbers: no phrase ends here and no head stands before
    words = _WORDS.findall(stripped)[-max(_PHRASE_WORDS, _NAMING_REACH + 1) :]
    if not words or not stripped.endswith(words[-1]):
        return False
    for n in range(1, min(_PHRASE_WORDS, len(words)) + 1):
        if " ".join(words[-n:]) in _NAMING_PHRASES:
            return True
    for n in range(1, min(_NAMING_REACH + 1, len(words)) + 1):
        if words[-n] in _NAMING_HEADS:
            return not any(c.isdigit() for w in words[len(words) - n + 1 :] for c in w)
    return False


def _date_before(months: dict[str, int]) -> re.Pattern[str]:
    """Matches a month and a day right before a number: the number is the date's year."""
    return built_for(
        "date before",
        months,
        lambda: re.compile(rf"(?<![^\W\d_])(?:{alternatives(months)})\s+[0-9]{{1,2}},\s*$"),
    )


def _month_after(months: dict[str, int]) -> re.Pattern[str]:
    """Matches text that starts with a month name (after spaces, "of" or "de")."""
    return built_for(
        "month after",
        months,
        lambda: re.compile(rf"\s*(?:of\s+|de\s+)?(?:{alternatives(months)})(?![^\W\d_])"),
    )


def _number_words_pattern(words: NumberWords, arabic: bool) -> re.Pattern[str]:
    """Anchored at a number word's hit: the number, maybe a word for thousands, maybe "of",
    then a word for people or cases."""

    def build() -> re.Pattern[str]:
        of = rf"(?:(?:{alternatives(words.of)})\s+)?" if words.of else ""
        thousands = rf"(?:\s+(?P<k>{alternatives(words.thousands)}))?" if words.thousands else ""
        ending = r"[^\W\d_]*" if arabic else r"(?![^\W\d_])"
        return re.compile(
            rf"{'و?' if arabic else ''}(?P<n>{alternatives(words.numbers)})"
            rf"{thousands}\s+{of}(?:{alternatives(words.people)}){ending}"
        )

    return built_for(f"number words, arabic={arabic}", words, build)


# Before a number word, a parent's children: "mother of four", "père de cinq", "أب لخمسة".
_PARENT_OF = re.compile(
    r"(?<!\w)(?:(?:father|mother|parent|pere|mere)\s+(?:of|de)\s+|(?:اب|ام|والد|والده)\s+ل\s*)$"
)
# Before a number word: possessives ("his three sons") and the definite articles that point
# back to people already told of ("les deux hommes", "the two men").
_POSSESSIVES = ("his ", "her ", "their ", "its ", "my ", "ses ", "leurs ", "nos ", "mes ", "our ",
                "the ", "les ", "ces ", "these ", "those ")  # fmt: skip


def _tally_entry(words: NumberWords) -> re.Pattern[str]:
    """A number word that ends a tally's line after a colon: "armed factions: three"."""
    return built_for(
        "number word entry",
        words,
        lambda: re.compile(rf"(?P<n>{alternatives(words.numbers)})[.;]?$"),
    )


_SOME_OF_THEM = ("of whom", "of them", "d'entre")


def _of_them(words: NumberWords) -> re.Pattern[str]:
    """A number word for some of the people just told of, with what happened to them: "four of
    whom were freed", "trois d'entre eux sont morts". Followed by a noun instead ("five of
    them women") it breaks a tally down."""
    return built_for(
        "number word of them",
        words,
        lambda: re.compile(
            rf"(?P<n>{alternatives(words.numbers)})\s+(?:of (?:them|whom)|d'entre (?:eux|elles))"
            r"\s+(?:were|was|had|have|has|are|remain|remained|died|ont|sont|avaient|etaient)\b"
        ),
    )


def number_words_in(
    folded: list[str],
    starts: list[int],
    hits: Hits,
    words: NumberWords,
    arabic: bool = False,
) -> list[Number]:
    """Numbers written as words right before a word for people or cases ("seven people",
    "trois enfants", "عشرة مدنيين", "ثلاثة آلاف معتقل"), found from the automaton's hits of
    the number words in the folded sentences."""
    pattern = _number_words_pattern(words, arabic)
    out = []
    for index, found in hits.items():
        if words.terms.isdisjoint(found):
            continue
        sentence = folded[index]
        covered = 0  # "عشر" inside "اثني عشر ألف" is no number of its own
        some_of_them = not arabic and any(w in sentence for w in _SOME_OF_THEM)
        for offset in sorted({o for t in words.terms.intersection(found) for o in found[t]}):
            match = pattern.match(sentence, offset) if offset >= covered else None
            if match is None and offset >= covered:
                if sentence.endswith(": ", 0, offset):
                    match = _tally_entry(words).match(sentence, offset)
                elif some_of_them:
                    match = _of_them(words).match(sentence, offset)
            if (
                match is None
                or sentence[max(0, offset - 7) : offset].endswith(_POSSESSIVES)
                or _PARENT_OF.search(sentence, max(0, offset - 12), offset) is not None
            ):
                continue  # "ses deux enfants", "the two men": a family, or people told before
            covered = match.end()
            value = words.numbers[match.group("n")] * (1000 if match.groupdict().get("k") else 1)
            out.append(Number(index, value, starts[index] + offset))
    return out


def counts_of(numbers: Iterable[Number]) -> list[int]:
    """The distinct counts, in the order the article states them."""
    return list(dict.fromkeys(n.value for n in numbers))


def find_counts(sentences: Iterable[str], months: dict[str, int]) -> list[int]:
    """Integers stated as numbers of people or cases in folded sentences."""
    folded = list(sentences)
    return counts_of(scan_numbers("\n".join(folded), line_starts(folded), months))


# ---------------------------------------------------------------- victims

__all__ = ["VICTIM_CUES", "find_victims"]  # defined in classifiers.victims, kept here too
