"""What an article says about each person it names: the facts the case linker weighs.

From the stored article (its victims facts, labels, dates) and the sentences naming the
person: home town, age, place of detention, occupation, and the status events the report tells
(arrested, disappeared, died, released) with their dates. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from classifiers.names import NameIndex, mentioned, name_keys, word_skeletons
from classifiers.normalise import fold

# Statuses in the order a detention runs, for ties on one date.
STATUSES = ("arrested", "disappeared", "released", "died")
RANK = {status: i for i, status in enumerate(STATUSES)}
LABEL_STATUS = {
    "arbitrary_arrest": "arrested",
    "enforced_disappearance": "disappeared",
    "release": "released",
    "torture_death": "died",
}

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
_AGE = (
    re.compile(r"\baged (\d{1,2})\b"),
    re.compile(r"\b(\d{1,2})[- ]year[- ]old\b"),
    re.compile(r"\((\d{1,2})(?: years?(?: old)?| ans| عاما| عام| سنه)?\)"),
    re.compile(r"(?:^|, )(\d{1,2}),"),
    re.compile(r"\bage de (\d{1,2}) ans\b"),
    re.compile(r"\b(\d{1,2}) ans\b"),
    re.compile(r"العمر (\d{1,2})\b"),
    re.compile(r"\b(\d{1,2}) (?:عاما|سنه)"),
)
_TOWN_LATIN = re.compile(
    r"\b(?:from|native of|originaire d(?:e |u |')|habitant d(?:e |')|"
    r"(?:town|city|village|neighbourhood|neighborhood|ville|village|localité) (?:of|de|d') ?)"
    r"\s*(?:the )?(?:(?:town|city|village) of )?(?:la ville de |du village de )?"
    r"((?:[Aa]l-|[Ee]l-|[Aa]d-|[Aa]s-)?[A-ZÀ-Þ][\w'’-]+)"
)
_TOWN_ARABIC = re.compile(
    r"(?<![\u0621-\u064a])(?:ابناء|اهالي|سكان|مدينه|بلده|قريه|حي|مخيم)\s+(?:مدينه\s+|بلده\s+|قريه\s+|حي\s+|مخيم\s+)?"
    r"([\u0621-\u064a]{2,})"
)
# Place names that name a governorate: a person "from Homs" may come from anywhere in it,
# so they are not taken as a home town (the governorate fact covers them).
_GOVERNORATE_WORDS = (
    "Damascus Dimashq Damas دمشق Aleppo Halab Alep حلب Homs حمص Hama Hamah حماه Idlib Idleb "
    "ادلب Daraa Deraa Dara'a درعا Deir دير Raqqa Raqqah الرقه Hasakah Hassakeh Hasaka الحسكه "
    "Latakia Lattaquie Lattakia اللاذقيه Tartus Tartous طرطوس Suwayda Sweida السويداء "
    "Quneitra القنيطره Rif Reef ريف Syria Syrie سوريا Lebanon Turkey Jordan Iraq"
).split()
_NOT_TOWN = frozenset(
    "the a his her their its this that where there here prison detention custody branch "
    "security intelligence regime government forces".split()
)
_DETENTION = (
    ("saydnaya", re.compile(r"saydnaya|sednaya|sednaia|saidnaya|sednaya|صيدنايا")),
    ("tadmur", re.compile(r"tadmur|palmyra prison|سجن تدمر")),
    ("adra", re.compile(r"\badra\b|عدرا")),
    ("mezzeh", re.compile(r"mezzeh|mazzeh|المزه")),
    ("air-force-intelligence", re.compile(
        r"air force intelligence|renseignement(?:s)? de l'armee de l'air|المخابرات الجويه|"
        r"الاستخبارات الجويه")),
    ("military-intelligence", re.compile(
        r"military intelligence|renseignement(?:s)? militaire|الامن العسكري|"
        r"المخابرات العسكريه")),
    ("political-security", re.compile(r"political security|securite politique|الامن السياسي")),
    ("state-security", re.compile(r"state security|general intelligence|securite de l'etat|"
                                  r"امن الدوله|المخابرات العامه")),
    ("military-police", re.compile(r"military police|police militaire|الشرطه العسكريه")),
)
# What a report calls a person by (activist, lawyer, student ...), folded, per language: the
# same name with the same calling is one more hint that two reports tell of one person.
_OCCUPATIONS = {
    "activist": "activist activists militant militante ناشط ناشطه",
    "lawyer": "lawyer avocat avocate محامي محاميه",
    "journalist": "journalist journaliste reporter صحفي صحفيه صحافي صحافيه اعلامي اعلاميه",
    "doctor": "doctor physician surgeon medecin chirurgien طبيب طبيبه",
    "pharmacist": "pharmacist pharmacien pharmacienne صيدلاني صيدلانيه",
    "engineer": "engineer ingenieur ingenieure مهندس مهندسه",
    "student": "student etudiant etudiante طالب طالبه",
    "teacher": "teacher enseignant enseignante professeur instituteur معلم معلمه مدرس مدرسه",
    "writer": "writer author novelist ecrivain ecrivaine كاتب كاتبه روائي",
    "poet": "poet poete poetesse شاعر شاعره",
    "blogger": "blogger blogueur blogueuse مدون مدونه",
    "photographer": "photographer photographe مصور مصوره",
    "nurse": "nurse infirmier infirmiere ممرض ممرضه",
    "paramedic": "paramedic secouriste مسعف مسعفه",
}
_OCCUPATION_OF = {word: key for key, words in _OCCUPATIONS.items() for word in words.split()}
# How many words before a name (or after its comma) may tell what the person is: "the writer
# and rights activist Samira ...", "le militant syrien Ghiyath ...", "Hazem, a pharmacist".
_OCCUPATION_REACH = 4
_OCCUPATION_WORD = re.compile(r"[^\W\d_]+")
_BRANCH = re.compile(r"(?:branch|branche|الفرع|فرع)\s*(?:no\.?\s*|n°\s*|رقم\s*)?(\d{3})")


@dataclass(frozen=True)
class Event:
    status: str
    date: str | None  # when it happened, as precise as the report says
    reported: str  # when the report was published (else first seen), YYYY-MM-DD

    @property
    def sort_key(self) -> tuple[str, int]:
        return (padded(self.date or self.reported), RANK[self.status])

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "date": self.date, "reported": self.reported}


@dataclass(frozen=True)
class MentionContext:
    """One person as one article names them."""

    name: str
    keys: frozenset[str]
    governorate: str | None = None
    town: frozenset[str] = frozenset()
    age: int | None = None
    year: int | None = None  # the year the age was given in
    detention: frozenset[str] = frozenset()
    occupation: frozenset[str] = frozenset()
    perpetrator: str | None = None
    arrest_date: str | None = None
    death_date: str | None = None
    events: tuple[Event, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "governorate": self.governorate,
            "town": sorted(self.town),
            "age": self.age,
            "year": self.year,
            "detention": sorted(self.detention),
            "occupation": sorted(self.occupation),
            "perpetrator": self.perpetrator,
            "arrest_date": self.arrest_date,
            "death_date": self.death_date,
        }

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any], events: list[dict[str, Any]]
                  ) -> MentionContext:
        return cls(
            name=name, keys=name_keys(name), governorate=data.get("governorate"),
            town=frozenset(data.get("town") or ()), age=data.get("age"), year=data.get("year"),
            detention=frozenset(data.get("detention") or ()),
            occupation=frozenset(data.get("occupation") or ()),
            perpetrator=data.get("perpetrator"), arrest_date=data.get("arrest_date"),
            death_date=data.get("death_date"),
            events=tuple(Event(e["status"], e.get("date"), e["reported"]) for e in events),
        )


def padded(date: str) -> str:
    """A date of any precision as a sortable day: a bare year or month sorts at its end, so
    "died in 2021" comes after "arrested on 2021-03-03"."""
    parts = date.split("-")
    return "-".join([*parts, *["99"] * (3 - len(parts))][:3])


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _age(sentences: list[str]) -> int | None:
    for sentence in sentences:
        folded = fold(sentence)
        for pattern in _AGE:
            match = pattern.search(folded)
            if match and 1 <= int(match.group(1)) <= 99:
                return int(match.group(1))
    return None


def place_skeletons(word: str) -> frozenset[str]:
    """A place name's skeletons, comparable across scripts (Douma, دوما)."""
    arabic = any("\u0621" <= ch <= "\u064a" for ch in word)
    folded = fold(word)
    if arabic:
        folded = folded[2:] if folded.startswith("ال") and len(folded) > 3 else folded
    else:
        folded = re.sub(r"^(?:al|el|ad|as)-?(?=\w{3})", "", folded.lower().replace("’", "'"))
        folded = re.sub(r"[^a-z]", "", folded)
    return word_skeletons(folded, arabic) if folded else frozenset()


_GOVERNORATE_SKELETONS = frozenset().union(*(place_skeletons(w) for w in _GOVERNORATE_WORDS))


def _town(sentences: list[str]) -> frozenset[str]:
    for sentence in sentences:
        found = [m.group(1) for m in _TOWN_LATIN.finditer(sentence)]
        found += [m.group(1) for m in _TOWN_ARABIC.finditer(fold(sentence))]
        for word in found:
            if word.lower() in _NOT_TOWN:
                continue
            skeletons = place_skeletons(word)
            if skeletons and not skeletons & _GOVERNORATE_SKELETONS:
                return skeletons
    return frozenset()


def _occupation_words(words: list[str]) -> set[str]:
    out = set()
    for word in words:
        folded = fold(word).lower()
        for form in (folded, folded[2:] if folded.startswith("ال") else folded):
            if form in _OCCUPATION_OF:
                out.add(_OCCUPATION_OF[form])
    return out


def _occupation(name: str, sentences: list[str]) -> frozenset[str]:
    """What the sentences naming a person call them: the words just before the name as
    written (or its first word), and those after a comma right behind it."""
    first = name.split()[0] if name.split() else name
    found: set[str] = set()
    for sentence in sentences:
        at = sentence.find(name)
        end = at + len(name)
        if at < 0:
            at = sentence.find(first)
            end = at + len(first)
        if at < 0:
            continue
        before = _OCCUPATION_WORD.findall(re.split(r"[.;:()«»\"“”\n،؛]", sentence[:at])[-1])
        found |= _occupation_words(before[-_OCCUPATION_REACH:])
        after = sentence[end:]
        if after.lstrip().startswith((",", "،")):
            clause = re.split(r"[.;:()،؛,]", after.lstrip()[1:])[0]
            found |= _occupation_words(_OCCUPATION_WORD.findall(clause)[:_OCCUPATION_REACH])
    return frozenset(found)


def _detention(folded_text: str) -> frozenset[str]:
    found = {name for name, pattern in _DETENTION if pattern.search(folded_text)}
    found |= {f"branch-{n}" for n in _BRANCH.findall(folded_text)}
    return frozenset(found)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def events_of(labels: list[str], facts: dict[str, Any], reported: str) -> tuple[Event, ...]:
    """The status events an article's labels and dates tell about its victims."""
    arrest, death = facts.get("arrest_date"), facts.get("death_date")
    events = []
    for label in labels:
        status = LABEL_STATUS.get(label)
        if status is None:
            continue
        date = {"arrested": arrest, "disappeared": arrest, "died": death}.get(status)
        events.append(Event(status, date, reported))
    return tuple(sorted(events, key=lambda e: e.sort_key))


def mentions_of(article: dict[str, Any]) -> list[MentionContext]:
    """The people a stored article names (its victims facts), each with its context."""
    facts = article.get("facts") or {}
    victims = [v for v in facts.get("victims") or [] if isinstance(v, str)]
    if not victims:
        return []
    title, text = article.get("title") or "", article.get("text") or ""
    sentences = [title, *_sentences(text)]
    reported = str(article.get("published") or article.get("first_seen") or "")[:10]
    events = events_of(list(article.get("labels") or []), facts, reported)
    detention = _detention(fold(text))
    year = _year(article.get("published")) or _year(facts.get("arrest_date"))
    names = list(dict.fromkeys(victims))
    index = NameIndex.of(dict(enumerate(names)))  # each sentence read once for all victims
    named = [mentioned(s, index) for s in sentences]
    out = []
    for number, name in enumerate(names):
        keys = name_keys(name)
        if not keys:
            continue
        own = [s for s, found in zip(sentences, named, strict=True)
               if name in s or number in found]
        age = _age(own)
        out.append(MentionContext(
            name=name, keys=keys, governorate=facts.get("governorate") or article.get(
                "governorate"),
            town=_town(own), age=age, year=year if age is not None else None,
            detention=detention, occupation=_occupation(name, own),
            perpetrator=facts.get("perpetrator"),
            arrest_date=facts.get("arrest_date"), death_date=facts.get("death_date"),
            events=events))
    return out
