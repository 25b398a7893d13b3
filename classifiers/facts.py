"""Extract the facts of labels.md: victims, governorate, perpetrator, dates, counts.

Only what the text states: no key is emitted without a supporting match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

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


def resolve_state(published: str | None) -> str:
    """Government forces: Assad's until 8 December 2024, the transitional authorities after."""
    if published and published[:10] >= FALL_OF_ASSAD:
        return "transitional_authorities"
    return "syrian_regime"


# ---------------------------------------------------------------- dates


_YEAR = re.compile(r"(?:19|20)[0-9][0-9]")
# A date ends with its year; day and month come at most this many characters before it.
_DATE_REACH = 34


@lru_cache(maxsize=4)
def _date_patterns(month_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    months = "|".join(re.escape(m) for m in sorted(month_names, key=len, reverse=True))
    m = rf"(?P<m>{months})(?:\s*/\s*(?:{months}))?"
    pre = r"(?<![\w])(?:[وبفل]|ال)?"
    return (
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:of\s+)?{pre}{m},?\s+(?:عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        re.compile(rf"{pre}{m}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(rf"{pre}{m},?\s+(?:of\s+|عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(
            r"(?<![\w])(?:in|since|early|late|mid|en|عام|العام|سنه|في)\s+(?P<y>(?:19|20)\d\d)(?![\d/-])"
        ),
    )


def _date_of(match: re.Match[str], months: dict[str, int]) -> str | None:
    groups = match.groupdict()
    year = groups["y"]
    if not groups.get("m"):
        return year
    month = months.get(groups["m"])
    if month is None:
        return None
    if not groups.get("d"):
        return f"{year}-{month:02d}"
    day = int(groups["d"])
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def has_year(sentence: str) -> bool:
    """Whether a folded sentence holds a year, without which it states no date."""
    return _YEAR.search(sentence) is not None


def find_dates(sentence: str, months: dict[str, int]) -> list[tuple[int, str]]:
    """Every date stated in a folded sentence as (offset, ISO date); one per position.

    Every date form ends with a year, so the patterns run only just before each year; at one
    position the most precise form wins.
    """
    windows = [
        (max(0, y.start() - _DATE_REACH), min(len(sentence), y.end() + 1))
        for y in _YEAR.finditer(sentence)
    ]
    if not windows:
        return []
    found: set[tuple[int, str]] = set()
    for pattern in _date_patterns(tuple(months)):
        for start, end in windows:
            for match in pattern.finditer(sentence, start, end):
                date = _date_of(match, months)
                if date:
                    found.add((match.start(), date))
    ordered = sorted(found, key=lambda item: (item[0], -len(item[1])))
    out: list[tuple[int, str]] = []
    for offset, date in ordered:
        if out and abs(offset - out[-1][0]) < 12:
            if len(date) > len(out[-1][1]):
                out[-1] = (out[-1][0], date)
            continue
        out.append((offset, date))
    return out


def find_date(sentence: str, months: dict[str, int]) -> str | None:
    """The first date stated in a folded sentence, as YYYY-MM-DD, YYYY-MM or YYYY."""
    dates = find_dates(sentence, months)
    return dates[0][1] if dates else None


def find_date_near(sentence: str, months: dict[str, int], anchors: Iterable[int]) -> str | None:
    """The date closest to one of ``anchors`` (offsets of e.g. "arrested"); a date after the
    anchor wins a tie, as in "arrested on 3 May 2012"."""
    dates = find_dates(sentence, months)
    places = list(anchors)
    if not dates or not places:
        return dates[0][1] if dates else None
    return min(
        dates, key=lambda d: min((abs(d[0] - a), d[0] < a) for a in places)
    )[1]


# ---------------------------------------------------------------- counts

# Digits are ASCII once folded. The pattern starts with a plain character class (no
# look-around, no alternation), which lets the regex engine skip ahead to the next digit: a
# number glued to a word, a currency sign or another number is rejected in code.
_NUMBER = re.compile(
    r"(?P<n>[0-9](?:[0-9]{0,2}(?:[, .][0-9]{3})+|[0-9]*))(?![\w%/]|[.,][0-9]|-year|-ans)"
    r"(?P<k>\s+(?:الف|الاف|thousand|mille))?"
)
_GLUED = re.compile(r"[\w$€£/.,-]")
_NOT_COUNT_BEFORE = (
    "branch", "فرع", "no", "no.", "number", "resolution", "القرار", "decree", "reference",
    "article", "المرسوم", "aged", "age", "عمره", "بعمر", "$", "usd", "syp", "page", "pages",
    "chapter", "code",
)
_NOT_COUNT_AFTER = re.compile(
    r"\s*(?:percent|per cent|pour cent|بالمئه|بالمائه|٪|%|years? old|-year|ans\b|عاما|عام\b|"
    r"سنه|سنوات|"
    r"syrian pounds|pounds|livres|ليره|dollars?|kg|grams?|km|kilomet|متر|hours?|ساعه|ساعات|"
    r"days?|jours?|يوم|ايام|months?|mois|اشهر|شهر|minutes?|دقيقه|o'?clock|am\b|pm\b|"
    r"page|morts? de|years?\b|ans)"
)


@dataclass(frozen=True)
class Number:
    """A number stated as a count of people or cases, in sentence ``sentence``."""

    sentence: int
    value: int


def scan_numbers(doc: str, starts: list[int], months: dict[str, int]) -> list[Number]:
    """Every count in a folded document (years, ages, days, money excluded), in order."""
    out: list[Number] = []
    for match in _NUMBER.finditer(doc):
        if match.start() and _GLUED.match(doc, match.start() - 1):
            continue
        raw = match.group("n")
        if "\n" in raw:
            continue
        value = int(raw.replace(",", "").replace(" ", "").replace(".", ""))
        grouped = len(raw) > 3 and not raw.isdigit()
        if match.group("k"):
            value *= 1000
        elif not grouped and 1900 <= value <= 2099:
            continue
        if value < 2:
            continue
        index = bisect_right(starts, match.start()) - 1
        line_start = starts[index]
        line_end = doc.find("\n", match.end())
        if line_end < 0:
            line_end = len(doc)
        before = doc[max(line_start, match.start() - 20) : match.start()]
        after = doc[match.end() : min(line_end, match.end() + 16)]
        if before.rstrip().endswith(_NOT_COUNT_BEFORE) or _NOT_COUNT_AFTER.match(after):
            continue
        words_after = after.split()
        if words_after and words_after[0].strip(",.:/") in months:
            continue
        words_before = before.split()
        if words_before and words_before[-1].strip(",.:/") in months:
            continue
        out.append(Number(index, value))
    return out


def counts_of(numbers: Iterable[Number]) -> list[int]:
    """The distinct counts, in the order the article states them."""
    return list(dict.fromkeys(n.value for n in numbers))


def find_counts(sentences: Iterable[str], months: dict[str, int]) -> list[int]:
    """Integers stated as numbers of people or cases in folded sentences."""
    folded = list(sentences)
    starts, pos = [], 0
    for sentence in folded:
        starts.append(pos)
        pos += len(sentence) + 1
    return counts_of(scan_numbers("\n".join(folded), starts, months))


# ---------------------------------------------------------------- victims

_CAP = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_PART = r"(?:(?:al|el|Al|El|bin|ibn|Abu|abu|Abdul|Abdel|de|du|Ben)[- ])?"
_NAME_EN = rf"(?P<name>{_CAP}(?:[ ]{_PART}{_CAP}){{1,4}})"
_EN_PATTERNS = (
    re.compile(rf"\b(?:named(?: as)?|identified as|known as|called)\s+{_NAME_EN}"),
    re.compile(
        rf"\b(?:activist|journalist|doctor|Dr\.?|lawyer|writer|student|defector|detainee|"
        rf"cartoonist|dissident|blogger|engineer|teacher|citizen|brothers|photographer)\s+"
        rf"(?:and [\w ]{{3,30}}?\s)?{_NAME_EN}"
    ),
    re.compile(
        rf"(?:^|[.;:]\s+|,\s+(?:and\s+)?|\band\s+|\bmen,\s+){_NAME_EN},\s+(?:a\s+)?\d{{1,2}}(?:,|-year)"
    ),
)
_AGE_AFTER_NAME = re.compile(r",\s+(?:a\s+)?\d{1,2}(?:,|-year)")
_NAME_FR = rf"(?P<name>{_CAP}(?:[ ]{_PART}{_CAP}){{1,4}})"
_FR_PATTERNS = (
    re.compile(
        rf"\b(?:militant(?:e)?(?: syrien(?:ne)?)?|activiste|journaliste|avocat(?:e)?|M\.|Mme|"
        rf"nommé(?:e)?|étudiant(?:e)?|blogueur|médecin|défenseur des droits de l'homme|cas de|"
        rf"mémoire de|Syriens,)\s+{_NAME_FR}"
    ),
    re.compile(rf"{_NAME_FR}\s+et\s+(?P<name2>{_CAP}(?:[ ]{_PART}{_CAP}){{1,4}}),\s+disparus"),
)
_AR_TRIGGER = (
    r"(?:المدعو|المدعوه|يدعي|تدعي|الشاب|الشابه|المعتقل|المعتقله|الناشط|الناشطه|الطفل|الطفله|"
    r"الاعلامي|الصحفي|الصحفيه|الصحافيه|الطبيب|الفتي|السجين|المواطن|المواطنه|الشهيد|"
    r"الكاريكاتور(?: المعروف)?|عرف منهم|وهم|الشقيقين|السوريه|الاب|الابن)"
)
_AR_STOP = frozenset(
    "من في على عن الى الي الذي التي بعد قبل منذ و او ثم مع بين عند حيث كان كانت وهو وهي بسبب "
    "البالغ البالغه المعروف المتهم الذي الذين تحت داخل لدي لدى اثناء خلال اليوم امس".split()
)
_AR_WORD = re.compile(r"[\u0621-\u064a]+")


def _arabic_names(folded: str, original: str, offsets: list[int]) -> list[str]:
    names: list[str] = []
    for trigger in re.finditer(rf"(?<![\u0621-\u064a]){_AR_TRIGGER}\s+", folded):
        pos = trigger.end()
        while True:
            words: list[tuple[int, int]] = []
            for word in _AR_WORD.finditer(folded, pos):
                if folded[pos : word.start()].strip(" ") or len(words) >= 4:
                    break
                if word.group() in _AR_STOP:
                    break
                words.append((word.start(), word.end()))
                pos = word.end()
            if len(words) >= 2:
                start, end = offsets[words[0][0]], offsets[words[-1][1] - 1] + 1
                name = original[start:end]
                if name not in names:
                    names.append(name)
            rest = folded[pos : pos + 3]
            if rest.startswith("، و") or rest.startswith(", و"):
                pos += 3
                continue
            if rest.startswith("، ") and len(words) >= 2:
                pos += 2
                continue
            break
    return names


_NOT_NAME = frozenset(
    "Syrian Syria Network Human Rights Intelligence Air Force Military Security Hospital Prison "
    "Observatory Branch Council Nations Working Group Army Regime Government State Islamic "
    "International Amnesty Watch Committee Court Directorate Civil Registry Police Forces "
    "Office Ministry Justice Center Centre Front Coalition The Republic Arab Syrie Nations "
    "Unies Droits Homme Groupe Travail".split()
)


_AR_TRIGGER_RE = re.compile(rf"(?<![\u0621-\u064a]){_AR_TRIGGER}\s")


# Words that introduce a victim's name, per language (folded): a sentence without one is not
# searched for names. They mirror the alternatives of the patterns above.
VICTIM_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "named", "identified as", "known as", "called", "activist", "journalist", "doctor",
        "dr", "lawyer", "writer", "student", "defector", "detainee", "cartoonist", "dissident",
        "blogger", "engineer", "teacher", "citizen", "brothers", "photographer",
    ),
    "fr": (
        "militant", "militante", "activiste", "journaliste", "avocat", "avocate", "m", "mme",
        "nomme", "nommee", "etudiant", "etudiante", "blogueur", "medecin", "defenseur",
        "cas de", "memoire de", "syriens", "disparus",
    ),
    "ar": (
        "المدعو", "المدعوه", "يدعي", "تدعي", "الشاب", "الشابه", "المعتقل", "المعتقله", "الناشط",
        "الناشطه", "الطفل", "الطفله", "الاعلامي", "الصحفي", "الصحفيه", "الصحافيه", "الطبيب",
        "الفتي", "السجين", "المواطن", "المواطنه", "الشهيد", "الكاريكاتور", "عرف منهم", "وهم",
        "الشقيقين", "السوريه", "الاب", "الابن",
    ),
}


def find_victims(
    sentences: list[str], folded: list[str], lang: str, cued: Collection[int] | None = None
) -> list[str]:
    """Names introduced the way these sources introduce victims ("named as", المدعو ...).

    ``cued``: indexes of the sentences holding a word of :data:`VICTIM_CUES` (all if None).
    """
    from classifiers.normalise import normalise

    wanted = range(len(sentences)) if cued is None else sorted(cued)
    names: list[str] = []
    if lang == "ar":
        for index in wanted:
            original = sentences[index]
            if not _AR_TRIGGER_RE.search(folded[index]):
                continue
            text, offsets = normalise(original)
            names.extend(n for n in _arabic_names(text, original, offsets) if n not in names)
        return names
    body = [sentences[i] for i in wanted if i]
    passes: list[tuple[re.Pattern[str], list[str]]] = []
    if lang == "fr":
        passes = [(pattern, body) for pattern in _FR_PATTERNS]
    else:
        passes = [(pattern, body) for pattern in _EN_PATTERNS[:2]]
        aged = [s for s in sentences[1:] if _AGE_AFTER_NAME.search(s)]
        if aged:
            passes.append((_EN_PATTERNS[2], aged))
    for pattern, chosen in passes:
        for sentence in chosen:
            for match in pattern.finditer(sentence):
                for key in ("name", "name2"):
                    name = match.groupdict().get(key)
                    if not name:
                        continue
                    if any(part in _NOT_NAME for part in re.split(r"[ -]", name)):
                        continue
                    if not any(name in known or known in name for known in names):
                        names.append(name)
    return names
