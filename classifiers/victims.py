"""Victims' names: 2–5 name-like words introduced the way these sources introduce a person.

Precision comes first: a name is taken only after a cue ("named", "the young man,", "M.",
المدعو, الشاب ...) or before a descriptor (", a tailor from Douma", ", aged 34", " (27 years
old)"), and it stops at the first word that cannot be part of a name — function words, words
of organisations and forces, verbs of the event, digits and punctuation. Lists continue a
name: "X, his brother Y, and Z", "MM. X et Y", "هما X وعمه Y".

English and French work on the original sentence with regular expressions over capitalised
words. Arabic has no capitals, so it walks the sentence word by word, comparing each word's
folded form with the cue and stop lists.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache

import ahocorasick

# ---------------------------------------------------------------- English and French

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ'’"
# Possessive (``++``, ``?+``): what may follow a run of small letters (a capital, a hyphen, a
# space, the end) is never a small letter, so giving letters back cannot make a match; without
# backtracking, the many capitalised words that start no name are turned down at once.
_WORD = rf"[{_UP}][{_LOW}]++(?:[{_UP}][{_LOW}]++)?+(?:-[{_UP}][{_LOW}]++)?+"
_PARTICLE = r"(?:al|el|Al|El|bin|ibn|Abu|Abou|Abdul|Abdel|Abd|de|du|Ben|Ould)"
_TOKEN = rf"(?:{_PARTICLE}[- ])?{_WORD}"
_NAME = rf"(?P<name>{_TOKEN}(?: {_TOKEN}){{1,4}})"

_CUE_EN = (
    r"named(?: them)?(?: as)?|identified as|"
    r"(?:[Tt]he|two|three|four|of the) (?:[A-Z][a-z]+ )?(?:men|women|victims|nationals|"
    r"detainees|brothers|activists|journalists|students|civilians|prisoners|young men),|"
    r"(?<!also )known as|(?:young|old|local) (?:man|woman)|boy|girl|child|"
    r"(?:[Mm]ajor |[Bb]rigadier )?[Gg]eneral|[Cc]olonel|[Ll]ieutenant|[Cc]aptain|[Ss]heikh|"
    r"(?:[Tt]he )?(?:family|relatives|body|remains|mother|father|wife|fate|house|home|"
    r"apartment|arrest|detention|abduction|kidnapping|killing|murder|death|execution|release|"
    r"disappearance) of|"
    r"(?:[Tt]hose|[Tt]he \w+) (?:taken|arrested|detained|abducted|killed|kidnapped) (?:are|were):?|"
    r"businessman|farmer|shepherd|pharmacist|nurse|poet|imam|\d{1,2}[- ]year-old|"
    r"Dr\.?|activist|journalist|doctor|lawyer|writer|student|defector|detainee|cartoonist|"
    r"dissident|blogger|engineer|teacher|citizen|photographer|brothers|"
    r"(?:activist|journalist|lawyer|doctor|student|teacher|engineer|blogger|detainee|prisoner)s|"
    r"(?:his|her|their) (?:brother|sister|son|daughter|father|mother|husband|wife|cousin|"
    r"uncle|nephew|niece|friend|colleague|fiancée?)|"
    r"(?:of them|victims|they are|they were|as follows):"
)
_CUE_FR = (
    r"nommée?|prénommée?|MM?\.|Mme|(?:jeune|vieil) homme,|jeune femme,|famille de|corps de|"
    r"dépouille de|sort de|"
    r"militante?(?: syrien(?:ne)?)?|"
    r"activiste|journaliste|avocate?|étudiante?|blogueur|médecin|défenseur des droits de "
    r"l'homme|cas de|mémoire de|Syriens,|(?:son|sa) (?:frère|sœur|fils|fille|père|mère|époux)"
)
_EVENT_EN = (
    r"arrested|detained|abducted|kidnapped|seized|released|freed|killed|executed|tortured|"
    r"disappeared|taken|held"
)
_EVENT_FR = r"arrêtée?|enlevée?|détenue?|libérée?|tuée?|exécutée?|torturée?|interpellée?"
_AFTER_EN = (
    r",\s+(?:a|an)\s+[^,.;()]{0,40}?\b(?:from|of|in|who|aged)\b|,\s+aged\s+\d|,\s+\d{1,2},|"
    r",\s+born\b|,\s+(?:originally )?from\b|,\s+who\s+(?:was|is|were|are|come|comes)\b|"
    # "who had sought refuge", "who had no political affiliation" describe the person; what
    # someone owns or is tied to ("who has ties to", "who has a shop") does not
    r",\s+who\s+(?:had|has)\s+(?!(?:a|an|the|some|many|several|two|three|\d+|close|strong|"
    r"good|family|personal|direct|deep|long|ties|links|connections|contacts|relations|"
    r"relatives|influence|access|interests|business|dealings)\b)\w|"
    r"\s+\(\d{1,2}(?: years)?\b|,\s+a\s+\d{1,2}-year|"
    r",\s+(?:said|believed|thought|reported) to (?:be|have)\b|"
    rf"\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:{_EVENT_EN})\b|"
    r"\s+(?:(?:had|has) )?(?:died|dies|disappeared|vanished|went missing)\b|"
    r"\s+(?:is|was|has been|had been|remains|remained) missing\b"
)
_AFTER_FR = (
    r",\s+(?:âgée? de\s+)?\d{1,2}\s+ans|,\s+[a-zéèêàç]+\s+de\s+\d{1,2}\s+ans|"
    r"\s+\(\d{1,2}\s+ans|"
    rf"\s+(?:a|ont|avait|avaient)\s+été\s+(?:{_EVENT_FR}s?)\b|\s+est\s+(?:mort|décédé)e?\b|"
    r",\s+(?:avocate?|journaliste|militante?|médecin|étudiante?|activiste|ingénieur|"
    r"enseignante?|pharmacien(?:ne)?|commerçante?)\b|"
    # an apposition, then the event's participle: "X, père de trois enfants, arrêté le ..."
    rf",[^,.;:]{{1,60}},\s+(?:{_EVENT_FR}s?)\b"
)

# A run of capitalised words: the pattern starts with a character class, so the regex engine
# skips from one capital to the next; cue and descriptor are then checked around each run.
_CANDIDATE = re.compile(rf"(?P<name>{_WORD}(?: {_TOKEN}){{1,4}})")
# The first characters of the cues: a lookahead for them turns down at once the many
# positions where no cue can start (word ends among them, where ``\b`` holds too).
_CUE_FIRST = {"en": r"[\dBCDGLMSTabcdefghijklmnoprstvwy]", "fr": "[MSabcdfjmnpsvé]"}
# A courtesy title between a cue and the name: "named as Mrs. X", "son ami M. X".
_HONORIFICS = r"Mrs?|Ms|Mme|M|MM"
_HONORIFIC = rf"(?:(?:{_HONORIFICS})\.?\s+)?"
_CUE_BEFORE = {
    lang: re.compile(rf"(?={_CUE_FIRST[lang]})\b(?:{cue})\s*,?\s+{_HONORIFIC}$")
    for lang, cue in (("en", _CUE_EN), ("fr", _CUE_FR))
}
# The words the cues above end with (some end with a comma or a colon). A cue must end right
# before the name, so the text there is tested against these first: the search of
# _CUE_BEFORE tries a hundred cues at each word of the 45 characters before a name, and most
# names (of places and organisations: "in Rif Dimashq", "by the Air Force") follow no cue.
# A new cue's last word goes here too: tests/classifiers/test_victims_speed.py draws cues
# from the patterns themselves, alternative by alternative, and fails on one turned down.
_CUE_ENDS = {
    "en": tuple(
        "named them as , : of are were man boy girl child General general Colonel colonel "
        "Lieutenant lieutenant Captain captain Sheikh sheikh farmer shepherd pharmacist nurse "
        "poet imam year-old Dr Dr. activist journalist doctor lawyer writer student defector "
        "detainee cartoonist dissident blogger engineer teacher citizen photographer brothers "
        "activists journalists lawyers doctors students teachers engineers bloggers detainees "
        "prisoners brother sister son daughter father mother husband wife cousin uncle nephew "
        "niece friend colleague fiancé fiancée".split()
    ),
    "fr": tuple(
        "nommé nommée M. Mme , de militant militante syrien syrienne activiste journaliste "
        "avocat avocate étudiant étudiante blogueur médecin homme frère sœur fils fille père "
        "mère époux".split()
    ),
}
_HONORIFIC_END = re.compile(rf"\s(?:{_HONORIFICS})\.?$")


def _may_follow_cue(before: str, lang: str) -> bool:
    """Whether ``before`` (the text up to a name) ends the way a cue and what may follow it
    (a comma, a courtesy title, spaces) do: if not, :data:`_CUE_BEFORE` cannot match there."""
    text = before.rstrip()
    if len(text) == len(before):
        return False  # a cue is followed by a space
    ends = _CUE_ENDS[lang]
    if text.endswith(ends):
        return True
    honorific = _HONORIFIC_END.search(text)
    return honorific is not None and text[: honorific.start()].rstrip().endswith(ends)


# Before a name: a relative of that person. "The brother of X was killed": the event that follows
# is the relative's, so it does not make X a victim.
_KIN_OF = {
    "en": re.compile(
        r"\b(?:brother|sister|son|daughter|father|mother|husband|wife|cousin|uncle|nephew|niece|"
        r"friend|relative)s? of\s+$"
    ),
    "fr": re.compile(
        r"\b(?:frère|sœur|fils|fille|père|mère|époux|épouse|cousine?|oncle|ami)e?s? de\s+$"
    ),
}
# "The killing of X", "the death of X": in an article with no label, a cue only in a sentence
# about custody ("the death of X under torture in Saydnaya"); elsewhere the dead are as often
# public figures ("the execution of Saddam Hussein", "the killing of Qassem Soleimani").
_DEATH_OF = re.compile(r"\b(?:killing|murder|death|execution) of\s*,?\s+(?:(?:Mrs?|Ms)\.?\s+)?$")
_CUSTODY = re.compile(
    r"(?i)custody|detention|detain|prison|jail|arrest|tortur|Sa?ydnaya|Sednaya|branch|"
    r"abduct|kidnap|disappear|captiv|cell\b|interrogat"
)
_AFTER_RE = {"en": re.compile(_AFTER_EN), "fr": re.compile(_AFTER_FR)}
_REACH = 45
_GLUED = frozenset("'’-")
# After a name: a verb of speech, maybe after a short descriptor between commas or after the
# comma that closes an apposition ("her husband, X, describes"); "said to be held" is no speech.
_SPEAKS = {
    "en": re.compile(
        r"(?:,[^,.;]{1,60},|,)?\s+(?:said|says|told|explained|added|stated|noted|wrote|believes|"
        r"sees|describes|argued|commented)\b(?!\s+to\b)"
    ),
    "fr": re.compile(
        r"(?:,[^,.;]{1,60},|,)?\s+(?:a déclaré|a indiqué|a expliqué|a affirmé|a réagi|a dit|"
        r"estime|explique|raconte|déclare|affirme|souligne)\b"
    ),
}
_LIST_JOINS = (",", " and ", " et ")  # what may follow a name that a list goes on from
_LIST_MAX = 3  # names looked ahead in a list for the descriptor that follows it
# Names taken from one list at most: a backstop against a crafted sentence of thousands.
_LIST_WALK_MAX = 200
# Titles a capitalised run may begin with: "Major General Akram ...": the name follows.
_TITLE = re.compile(r"^(?:(?:Major|Brigadier|General|Colonel|Lieutenant|Captain|Mr\.?|Mrs\.?)\s+)+")
# A capitalised word of a profession opening a run ("Journalists X and Y were arrested"): left
# out of the name, which then needs an event or a descriptor after it ("Lawyer X called it"
# names no victim).
_PROFESSION = re.compile(
    r"^(?:Journalist|Activist|Lawyer|Doctor|Student|Teacher|Engineer|Blogger|Detainee|"
    r"Prisoner|Dissident|Writer|Photographer|Citizen)s?\s+"
)
# A line that is a name alone or a name then a dash or a colon: an item of a list of names.
_LIST_LINE = re.compile(
    rf"^\s*(?:[•·*-]\s*)?(?P<name>{_WORD}(?: {_TOKEN}){{1,4}})\s*(?:[–—-]\s+\S|\.?\s*$)"
)
_AR_NAME_WORD = r"[\u0621-\u064a\u064b-\u0652]{2,}"
_LIST_LINE_AR = re.compile(
    rf"^\s*(?:[•·*-]\s*)?(?P<name>{_AR_NAME_WORD}(?:\s+{_AR_NAME_WORD}){{1,4}})"
    r"\s*(?:[–—-]\s+\S|[.،]?\s*$)"
)
# The line before a list of names ends with a colon ("as follows:", "وهم:").
_LIST_INTRO = (":", "：")
_LIST_LINE_MAX = 90

# After a name: the next one of a list.
_NEXT = {
    "en": re.compile(
        r"(?:\s*,\s*(?:(?:from|of|aged|a|an)\b[^,;.]{0,40}|\d{1,2})(?=,))?"
        rf"(?:\s*,\s*(?:and\s+)?(?:(?:his|her|their)\s+\w+\s+)?|\s+and\s+(?:(?:his|her)\s+\w+\s+)?)"
        rf"(?:(?:Mrs?|Ms|Dr)\.?\s+)?{_NAME}"  # "Mr. X and Mrs. Y"
    ),
    "fr": re.compile(rf"(?:\s*,\s*|\s+et\s+(?:(?:son|sa)\s+\w+\s+)?){_HONORIFIC}{_NAME}"),
}
# Cheap test that a sentence may hold a descriptor, before running the patterns on it.
_DESCRIPTOR_HINTS = {
    "en": (
        ", a",
        ", an",
        "aged",
        "(",
        ", 1",
        ", 2",
        ", 3",
        ", 4",
        ", born",
        ", who",
        ", orig",
        " was ",
        " were ",
        " died",
        " missing",
        " been ",
        " said to",
        " believed to",
        " – ",
        ", from",
    ),
    "fr": (
        " ans",
        " été ",
        " est mort",
        " est décédé",
        ", avocat",
        ", journaliste",
        ", militant",
        ", médecin",
        ", étudiant",
        " – ",
        ", arrêté",
        ", enlevé",
        ", détenu",
        ", libéré",
        ", tué",
        ", exécuté",
        ", torturé",
        ", interpellé",
    ),
    "ar": ("(",),
}

# Words of an office or a post: "Dr. X, Executive Director of ..." goes on with no name.
_POSTS = (
    "Director Executive Senior Advisor Adviser Coordinator Manager Programme Program Officer "
    "Chair Chairman President Minister Spokesman Spokesperson Head Professor Researcher "
    "Campaigns Campaigner Secretary Ambassador Envoy Representative Deputy Governor"
)
_NOT_NAME = frozenset(
    "Syrian Syria Network Human Rights Intelligence Air Force Military Security Hospital Prison "
    "Observatory Branch Council Nations Working Group Army Regime Government State Islamic "
    "International Amnesty Watch Committee Court Directorate Civil Registry Police Forces "
    "Office Ministry Justice Center Centre Front Coalition The Republic Syrie Nations League "
    "Unies Droits Homme Groupe Travail Assad SNHR SOHR Alkarama Democratic Kurdish Free "
    "Revolutionary Division Brigade Battalion General Authority Authorities Commission Union "
    "January February March April May June July August September October November December "
    "Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday He She They His Her Their It "
    "In On At As By For From With After Before During Since Le La Les Il Elle Ils Selon Me "
    "Governorate Province City Countryside Suburbs News Report Reports Statement Home Contact "
    "About Press Release Read More Share Photo Video Latest Related "
    # words that name armed groups ("Faylaq al-Sham", "Jaysh al-Islam", "Liwa ...")
    "Faylaq Jaysh Jaish Liwa Harakat Ahrar Tahrir Ansar Jabhat Katibat Saraya".split()
    + _POSTS.split()
)


# After a name: the capitalised title of an office ("X, Executive Director of ...", "X, Senior
# Advisor at ..."): an office holder speaking for an organisation, not a victim.
_OFFICE = re.compile(
    rf",\s+(?:(?:the|a|an)\s+)?(?:[{_UP}][{_LOW}]+\s+){{0,2}}?(?:{'|'.join(_POSTS.split())})\b"
    r"|\s+of\s+the\s+[A-Z]{2,}\b"
)
# After a name: the person is the widow, wife or mother of someone else ("X, the widow of Y",
# "X, veuve de Y"): she speaks or searches; the one the report is about comes next. (A son or
# a brother so described is as often the one arrested: no rule for them.)
_RELATIVE_AFTER = re.compile(
    r",\s+(?:(?:the|la|sa)\s+)?(?:widow|wife|mother|veuve|épouse|mère)\s+(?:of|de|du|des|d')"
)

_LEADING_PARTICLE = re.compile(r"^(?:(?:de|du|al|el|bin|ibn)[ ])+")


# Words that begin no name though they may end one ("Arab Spring", "Ahmad Arab").
_NOT_FIRST = frozenset({"Arab"})
# A religious title before a name, left out of it: "the detention of Sheikh X Y".
_RELIGIOUS_TITLE = re.compile(r"^(?:(?:Al|al|El|el)-)?(?:Sheikh|Shaikh|Imam|Mufti|Father)\s+")


_NAME_PARTS = re.compile(r"[ -]")


def _usable(name: str) -> bool:
    return (
        name[:1].isupper()
        and name.split(" ", 1)[0] not in _NOT_FIRST
        and _NOT_NAME.isdisjoint(_NAME_PARTS.split(name))
    )


def _ends_in_no_name(run: str) -> bool:
    """Whether the last word of a run of capitalised words is one no name holds ("Syrian
    Network", "State Security", "Democratic Forces").

    Every name :func:`_latin_names` takes from a run ends with the run's last word (titles,
    professions and particles are cut from its front only), and :func:`_usable` turns it
    down; such a run can give names only through a list that goes on after it. Most runs of
    an article are organisations and forces: this spares them the tests of a cue before them
    and of a descriptor after them.
    """
    return not _NOT_NAME.isdisjoint(run.rpartition(" ")[2].split("-"))


def _starts(sentence: str, lang: str, deaths: bool = True) -> Iterable[tuple[str, int, int]]:
    """(name, where it starts, where it ends) for each run of capitalised words after a cue or
    a title, or before a descriptor (its own, or that of the list it begins: "X and Y, who ...").
    ``deaths``: "the killing of X" is a cue in any sentence (else only in one about custody)."""
    cue, after = _CUE_BEFORE[lang], _AFTER_RE[lang]
    follow = _NEXT[lang]
    for match in _CANDIDATE.finditer(sentence):
        start, end = match.span()
        if start and (sentence[start - 1].isalnum() or sentence[start - 1] in _GLUED):
            continue
        name = match.group("name")
        if _ends_in_no_name(name) and not follow.match(sentence, end):
            continue
        profession = _PROFESSION.match(name)
        if profession:
            name, start = name[profession.end() :], start + profession.end()
            if " " not in name:
                continue
        title = _TITLE.match(name)
        if title:
            name = name[title.end() :]
            if len(name.split()) >= 2:
                yield name, start, end
            continue
        if after.match(sentence, end) or (
            (office := _OFFICE.match(sentence, end)) and after.match(sentence, office.end())
        ):
            if not _KIN_OF[lang].search(sentence, max(0, start - _REACH), start):
                yield name, start, end
                continue
        elif (
            not profession
            and _may_follow_cue(sentence[max(0, start - _REACH) : start], lang)
            and cue.search(sentence, max(0, start - _REACH), start)
        ):
            if deaths or not _DEATH_OF.search(sentence, max(0, start - _REACH), start) or (
                _CUSTODY.search(sentence)
            ):
                yield name, start, end
            continue
        last = end
        for _ in range(_LIST_MAX):
            if not sentence.startswith(_LIST_JOINS, last):
                break
            more = follow.match(sentence, last)
            if more is None:
                break
            last = more.end("name")
            if after.match(sentence, last):
                yield name, start, end
                break


# An event done to someone, told before a name ("Jaysh al-Islam detained the activist X of
# the FSA") or after an office holder's post ("X of the FSA was detained").
_EVENT_BEFORE = {
    "en": re.compile(
        r"\b(?:arrested|detained|abducted|kidnapped|seized|killed|executed|tortured|released|"
        r"freed|(?:arrest|detention|abduction|kidnapping|killing|execution|release) of)\b"
    ),
    "fr": re.compile(r"\b(?:a|ont) (?:arrêté|enlevé|détenu|libéré|tué|exécuté|torturé)\b"),
}
_SPEECH_ANY = {
    "en": re.compile(r"\b(?:said|says|told|stated|added|explained|noted|wrote|argued)\b"),
    "fr": re.compile(r"\b(?:a déclaré|a indiqué|a expliqué|a affirmé|a dit|déclare|affirme)\b"),
}


def _detained_office_holder(sentence: str, start: int, after: int, lang: str) -> bool:
    """Whether the office holder whose name starts at ``start`` and whose post ends at
    ``after`` is the one the event befell: it is told after the post ("X of the FSA was
    detained") or before the name, with no speech after it ("Jaysh al-Islam detained X of
    the FSA")."""
    if _AFTER_RE[lang].match(sentence, after):
        return True
    return bool(_EVENT_BEFORE[lang].search(sentence, 0, start)) and not _SPEECH_ANY[
        lang
    ].search(sentence, after)


_POSSESSIVE = re.compile(r"['’]s$")
# Children and siblings named by the given name alone: "his daughter Lama", "her three sons
# Adam, Yazan and Karim Nour". Each name but the last is one word; a capitalised word after
# the list would make it a name of several words, which the cues above take.
_KIN_GIVEN = re.compile(
    r"(?=[hHtT])\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:two|three|four|five|six)\s+)?"
    r"(?:sons?|daughters?|brothers?|sisters?|children|grand(?:son|daughter)s?)\s+"
    rf"(?P<names>{_WORD}(?:,\s+{_WORD})*(?:,?\s+and\s+{_WORD}(?:\s+{_TOKEN}){{0,3}})?)"
    rf"(?![\w'’-]|\s+[{_UP}]|\s+(?:al|el|bin|ibn)[- ])"
)
# What must befall a relative named by the given name alone, somewhere in the sentence: "his
# son Bashar came to power", "his brother Maher, who commands" name no victim.
_KIN_EVENT = re.compile(
    r"(?i)\b(?:arrest|detain|held\b|hold|took\b|taken\b|seiz|abduct|kidnap|kill|died\b|dead\b|"
    r"death|murder|execut|tortur|disappear|missing|releas|freed\b|custody|imprison|jail|shot\b|"
    r"ransom|grave|buried|funeral|body|remains|martyr|"
    r"(?:had|have|has)\s+(?:his|her|their)\b)"  # "the kidnappers had his daughter X"
)


def _has_kin_noun(sentence: str) -> bool:
    """A cheap test before :data:`_KIN_GIVEN` (most sentences name no relative): a possessive
    and a noun of kinship."""
    return (
        (" his " in sentence or " her " in sentence or " their " in sentence
         or sentence.startswith(("His ", "Her ", "Their ")))
        and (" son" in sentence or "daughter" in sentence or "brother" in sentence
             or "sister" in sentence or "children" in sentence)
    )


def _kin_given(sentence: str) -> list[re.Match[str]]:
    """Relatives named by the given name alone (:data:`_KIN_GIVEN`), if something befell
    someone in the sentence (:data:`_KIN_EVENT`). The names are looked for first: most
    sentences with a noun of kinship name none, and the event search (case-blind, with no first
    letter to skip to) costs up to six times more when it finds nothing."""
    given = list(_KIN_GIVEN.finditer(sentence))
    return given if given and _KIN_EVENT.search(sentence) else []


def _latin_names(sentence: str, lang: str, cued: bool = True, deaths: bool = True) -> list[str]:
    """Names in one sentence; ``cued``: it holds a cue word (the kin nouns among them), so
    relatives named by the given name alone may be in it; ``deaths``: see :func:`_starts`."""
    names: list[str] = []
    seen: set[str] = set()
    follow = _NEXT[lang]
    speaks = _SPEAKS[lang]
    walked = 0  # where the last list walked below ended: a run inside it is one of its names
    for found, start, end in _starts(sentence, lang, deaths):
        if start < walked:
            continue
        if speaks.match(sentence, end) or _RELATIVE_AFTER.match(sentence, end):
            continue  # "lawyer Anwar Nabil Hadid said ...": who speaks is not the victim
        office = _OFFICE.match(sentence, end)
        if office and not _detained_office_holder(sentence, start, office.end(), lang):
            continue  # "X, Executive Director of ...", "X of the SBC": he speaks for it
        if _POSSESSIVE.search(found):
            continue  # "the detention of X's followers": the followers are the victims
        name = _LEADING_PARTICLE.sub("", _RELIGIOUS_TITLE.sub("", found))
        if " " not in name:
            continue  # "Sheikh Ahmad": a title and one name is too little
        for taken in range(_LIST_WALK_MAX):
            if _usable(name) and name not in seen:
                seen.add(name)
                names.append(name)
            walked = end
            more = follow.match(sentence, end)
            if taken + 1 == _LIST_WALK_MAX or more is None or not _usable(more.group("name")):
                break
            name, end = more.group("name"), more.end("name")
    if lang == "en" and cued and _has_kin_noun(sentence):
        for match in _kin_given(sentence):
            if speaks.match(sentence, match.end()):
                continue
            for name in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", match.group("names")):
                name = _POSSESSIVE.sub("", name)
                if _usable(name) and not any(name in known for known in names):
                    names.append(name)
    return names


def _list_lines(sentences: list[str], folded: list[str], lang: str) -> list[str]:
    """Names listed one per line ("Jaafar Wasim Sbour – from Jableh", "• محمد عزيز الحمود."):
    two or more consecutive lines, each a name alone or a name then a dash."""
    pattern = _LIST_LINE_AR if lang == "ar" else _LIST_LINE
    found: list[tuple[int, str]] = []
    intros = [i for i, line in enumerate(sentences) if line.rstrip().endswith(_LIST_INTRO)]
    if not intros:
        return []
    for index in range(intros[0] + 1, len(sentences)):
        line = sentences[index]
        if len(line) > _LIST_LINE_MAX:
            continue
        match = pattern.match(line)
        if match is None:
            continue
        name = match.group("name").strip()
        if lang == "ar":
            words = [w.strip(_AR_EDGE + "•·") for w in folded[index].split()]
            words = [w for w in words if w][: len(name.split())]
            if words[0][:2] == "ال" or not all(_name_word(w) for w in words):
                continue
        elif not _usable(name):
            continue
        found.append((index, name))
    names = []
    in_list: set[int] = set()
    for index, name in found:
        if index - 1 in in_list or sentences[index - 1].rstrip().endswith(_LIST_INTRO):
            in_list.add(index)
            names.append(name)
    return names if len(names) >= 2 else []


# ---------------------------------------------------------------- Arabic (folded forms)

_AR_CUES = frozenset(
    "المدعو المدعوه يدعي يدعى تدعي الشاب الشابه المعتقل المعتقله الناشط الناشطه الطفل الطفله "
    "الاعلامي الصحفي الصحفيه الصحافي الصحافيه الطبيب المهندس المحامي المحاميه المعلم المدرس "
    "الطالب الطالبه الفتي الفتاه السجين المواطن المواطنه الشهيد السيده السيد الحاج الشيخ "
    "الدكتور الكاريكاتور الكاتب الشاعر الفنان الممثل الضابط العقيد العميد اللواء الرايد النقيب "
    "الشابان الشابين الشقيقان الشقيقين الطفلان الطفلين المعتقلان المعتقلين الناشطان الناشطين "
    "المعتقلون المختطف المختطفه المخطوف الاخوين الاخوان المفقود المفقوده المختفي المختفيه "
    "المغيب المغيبه "
    # a correspondent named by the outlet's own pronoun ("اعتقل مراسلنا X"); the bare noun
    # is followed by the outlet's name ("مراسل عنب بلدي")
    "مراسلنا مراسلها مراسلتنا مراسلتها".split()
)
# Weaker cues (kinship, "the two are"): the name after them needs three words, since a verb
# follows them as often as a name does ("زوجها رفض المضي").
_AR_WEAK_CUES = frozenset(
    "هما نجله نجلها ابنها ابنه ابنتها ابنته شقيقه شقيقها شقيقته شقيقتها عمه خاله زوجها زوجته والده "
    "والدته اخوه اخوته "
    # intransitive verbs of death: "توفي X Y Z"
    "توفي استشهد قضي".split()
)
# Skipped between a cue and the name: "الكاريكاتور المعروف علي ...".
_AR_SKIP = frozenset({"المعروف", "المعروفه"})
# Reported speech right after a name: "نقلت عن X Y قوله": X Y speaks, and the name ends.
_AR_SPEECH_AFTER = frozenset("قوله قولها وقوله وقولها تاكيده تاكيدها".split())
# A word that cannot be part of a name: function words, the event's verbs and nouns,
# organisations and forces, words of age, and reported speech.
_AR_STOP = frozenset(
    "من في على عن الى الي الذي التي الذين اللذين اللتين بعد قبل منذ و او ثم مع بين عند حيث قرب "
    "عام العام وعام "  # "year": "توفي المعتقل X Y عام 2015"
    "كان كانت وكان وكانت هو هي وهو وهي بسبب قد وقد لقد ان انه انها انهم اثر لدي لدى حتى كما ايضا "
    "هذا هذه ذلك تلك يوم امس اليوم خلال اثناء داخل تحت فوق نحو عبر حول لم لن ما لا اي كل "
    "البالغ البالغه عمره عمرها عاما سنه سنوات المعروف المعروفه المتهم التابع التابعه "
    "الشبكه المرصد لحقوق الانسان حقوق قوات النظام الحكومه الانتقاليه الامن الامنيه الجيش "
    "الفرقه الفرع فرع سجن السجن مشفي المشفي المخابرات الشرطه الدوله داعش قسد هيئه تحرير "
    "الشام السوريه السوري الجمهوريه مجموعه مسلحه عناصر عنصر حاجز الحاجز محافظه مدينه بلده "
    "قريه ريف حي اهالي ابناء جراء نتيجه لغم غير لاي فيه فيها عليه عليها منه منها له لها "
    "كانوا يكون تكون مدني مدنيان مدنيين مدنيا سنتين نصف ونصف شهرين يومين عامين المنحدر "
    "المنحدره المتحدر المقيم المقيمه الملقب الملقبه النازح العامل الموظف كلهم جميعهم بحقهم "
    "ذويهم بينهم عليهم لهم عنهم معهم اعتقالهم الرغم رغم "
    # verbs of work and dwelling that follow "the young man": "الشاب المفقود يعمل ..."
    "يعمل يعيش يقيم يسكن يدرس "
    # common verbs of going, coming back and telling after a name, and "himself"
    "خرج عاد ذهب توجه وصل تحدث روي سلم نفسه نفسها "
    # kinship in the accusative and genitive: "الشاب أحمد وأخاه"
    "اخاه اخيه واخاه واخيه "
    # a number in words and a span of time after a name: "قضى المعتقل أحمد خمس سنوات"
    "ثلاث ثلاثه اربع اربعه خمس خمسه سته سبع سبعه ثماني ثمانيه تسع تسعه عشر عشره عشرين "
    "عشرون ثلاثين اربعين خمسين ايام اشهر شهور شهر اعوام اسابيع اسبوع ساعات".split()
) | _AR_SPEECH_AFTER
_AR_STOP_PREFIXES = (
    "اعتقل",
    "واعتقل",
    "اعتقال",
    "قتل",
    "وقتل",
    "توفي",
    "استشهد",
    "قضي",
    "افرج",
    "اطلق",
    "اختطف",
    "اختفي",
    "تعرض",
    "لقي",
    "يبلغ",
    "تم",
    "وتم",
    "جري",
    "نقل",
    "بانفجار",
    "انفجار",
    "برصاص",
    "رصاص",
    "يت",  # verbs in the present: يتعرض, يتحدث, and after "and": وتبكي, ويقول
    "وت",
    "وي",
    "محتجز",
    "احتجز",
    "اوقف",
    "اقتيد",
    "اغتيل",
    "اعدم",
    "خطف",
    "تت",
)
_AR_QUOTES = "\"“”«»'"
# A first name never starts with the article, alone or after a preposition.
_AR_ARTICLES = ("ال", "لل", "بال", "وال", "فال", "كال")
# The article under a preposition: no word of a name is written so.
_AR_GLUED_ARTICLES = ("لل", "بال", "فال", "كال")
# Verbs of the event: a name in quotes right after one is the victim's ("احتجز "فؤاد ..."").
_AR_EVENT_VERBS = frozenset(
    "اعتقل اعتقلت احتجز احتجزت اختطف اختطفت خطف خطفت اغتال اغتالت قتل قتلت اعدم اعدمت "
    "وفاه مقتل اختفاء اعتقال".split()
)
# Verbs of speech: the cue after one introduces who speaks ("وذكر المحامي ...").
_AR_SPEECH = frozenset(
    "قال قالت وقال وقالت ذكر ذكرت وذكر وذكرت اكد اكدت واكد واكدت اوضح اوضحت واوضح صرح "
    "وصرح اشار واشار اعتبر واعتبر يقول تقول ويقول افاد وافاد طالب وطالب طالبت وطالبت دعا "
    "ودعا".split()
)
# Offices: a cue shortly after one introduces an office holder ("وزير الداخلية اللواء ...").
_AR_OFFICES = frozenset("وزير الوزير رييس مدير قايد محافظ نايب المتحدث الناطق سفير".split())
# Verbs of an event done to someone: an office holder after one is its object, a victim.
_AR_DETAIN_PREFIXES = tuple(
    form for verb in ("اعتقل", "احتجز", "اختطف", "خطف", "اغتال", "اعدم", "قتل", "اوقف")
    for form in (verb, "و" + verb)
)
_AR_OFFICE_REACH = 3  # words between an office and the cue after it ("وزير الداخلية اللواء")
_AR_OFFICE_APPOSED = 5  # when a comma closes the office's phrase before the cue
# Offices with the article, between a cue and a name: "توفي الرئيس X Y" names an office
# holder, not a victim.
_AR_OFFICE_TITLES = frozenset(
    "الرييس الوزير المدير القايد المحافظ النايب السفير الملك الامير".split()
)
# Pronouns that open a new clause after a list of names: "X وY، وهما معتقلان".
_AR_CLAUSE = frozenset({"وهما", "وهم", "وهو", "وهي"})
# A descriptor after a name: "X Y، البالغ من العمر ...", "X Y المنحدر من ...", "X Y، المولود
# عام 1950".
_AR_DESCRIBED = frozenset(
    form for word in ("البالغ", "البالغه", "المنحدر", "المنحدره", "المتحدر", "المتحدره",
                      "المولود", "المولوده")
    for form in (word, "و" + word)
)
_AR_NICKNAMED = frozenset({"الملقب", "الملقبه", "المكني"})
# "That" before a clause whose subjects may be a list of names (see _subject_list).
_AR_THAT = frozenset({"ان", "بان", "وان"})
_AR_OPEN_QUOTES = "\"“«"
_AR_CLOSE_QUOTES = "\"”»"
_AR_PLACE_PREPOSITIONS = frozenset({"في", "لدي", "داخل", "من"})
_AR_QUOTE_REACH = 5  # words between a cue and a quoted name: "المعتقل في سجون النظام "X""
# Cues for two people who share the last name: "الشقيقين حسام وحسن هنديه".
_AR_PAIR_CUES = frozenset("الشقيقين الشقيقان الاخوين الاخوان شقيقين شقيقان".split())
_AR_LIST_MARKS = "،,\"”»'"  # after a name: a comma or a closing quote, the list may go on
# Cues in the dual or the plural: the names after them may be a list joined by commas alone.
_AR_PLURAL_CUES = frozenset(
    "الشابان الشابين الشقيقان الشقيقين الطفلان الطفلين المعتقلان المعتقلين الناشطان الناشطين "
    "المعتقلون الاخوين الاخوان".split()
)
# Words that introduce a list of names: "هم X وY", "كلا من X وY", "الأسماء: X، Y".
_AR_LIST_CUES = frozenset({"هم", "وهم", "كلا", "كل", "الاسماء", "اسماوهم"})


def _cue_forms(cue: str) -> tuple[str, ...]:
    """A cue as written with the conjunction "و" and the prepositions "ل" and "ب" on it
    ("والشاب", "للشاب", "بالشاب", "لابنها")."""
    bare = cue[2:] if cue.startswith("ال") else ""
    joined = ("لل" + bare, "بال" + bare) if bare else ("ل" + cue, "ب" + cue)
    return (cue, "و" + cue, *joined, *("و" + form for form in joined))


# Each written form of a cue -> the cue.
_AR_CUE_BASE = {form: cue for cue in _AR_CUES | _AR_WEAK_CUES for form in _cue_forms(cue)}
_AR_CUE_FORMS = frozenset(_AR_CUE_BASE) | {"منهم"} | _AR_LIST_CUES
# Every key the walk over a sentence stops at: cues (a list cue may end with a colon), verbs
# of the event (before a quoted name), descriptors (after a name) and "that" (before names).
_AR_ANY_CUE = frozenset(
    _AR_CUE_FORMS
    | {cue + ":" for cue in _AR_LIST_CUES}
    | {form for verb in _AR_EVENT_VERBS for form in (verb, "و" + verb)}
    | _AR_DESCRIBED
)
_AR_ANY_CUE_OR_THAT = _AR_ANY_CUE | _AR_THAT  # where a verb in the plural may follow names
_AR_EDGE = "،,.;:!?()[]«»\"“”؛-–—'"
_AR_LETTERS = re.compile(r"^[\u0621-\u064a]+$")
_AR_AGE_DIGITS = "[0-9]{1,2}"
_AR_AGE = re.compile(rf"^\(?{_AR_AGE_DIGITS}$")
# A digit, then a word starting with "year" ("(37 عاماً)"): without one in the folded sentence,
# no word of it is an age before "عام", and the test of each pair of words is skipped ("عام"
# is in many sentences: "العام", "عام 2015").
_AR_AGE_IN_YEARS = re.compile(rf"{_AR_AGE_DIGITS}\s+عام")
_AR_MAX = 5


@lru_cache(maxsize=8192)
def _name_word(folded: str) -> bool:
    """Whether a folded word may be part of an Arabic name. Cached: the same words come back
    in every sentence, and each test is a regex match and a look through 36 prefixes."""
    return (
        len(folded) >= 2
        and _AR_LETTERS.match(folded) is not None
        and folded not in _AR_STOP
        and not folded.startswith(_AR_STOP_PREFIXES)
    )


def _cue(keys: list[str], i: int) -> int:
    """How many name words the word at ``i`` asks for after it (0: it is no cue)."""
    key = keys[i]
    if key[-1:] in _AR_EDGE:
        return 0
    cue = _AR_CUE_BASE.get(key)
    if cue in _AR_CUES:
        return 2
    if cue in _AR_WEAK_CUES:
        return 3
    if key == "منهم" and i and keys[i - 1] in ("عرف", "وعرف"):  # "of whom were identified"
        return 2
    return 0


def _take(words: list[str], keys: list[str], j: int) -> tuple[list[str], int, bool]:
    """Name words from ``j``: (the words as written, the index after them, whether a comma or a
    closing quote ended them, so that a list may go on).

    A name may stand in quotes (احتجز "فؤاد أحمد الخروف"); after two words, a word written
    with "و" starts the next name of a list ("محمد البريدي ومحمود البريدي").
    """
    taken: list[str] = []
    while j < len(words) and len(taken) < _AR_MAX:
        key, word = keys[j], words[j]
        if not taken:
            key, word = key.lstrip(_AR_QUOTES), word.lstrip(_AR_QUOTES)
        core = key.rstrip(_AR_EDGE)
        if not key or key[:1] in _AR_EDGE or not _name_word(core):
            break
        if not taken and core.startswith(_AR_ARTICLES):
            break
        if taken and (core in _AR_CUE_BASE or core.startswith(_AR_GLUED_ARTICLES)):
            break  # "X Y بالكشف": a noun with a preposition on its article ends the name
        if len(taken) >= 2 and core[:1] == "و" and len(core) > 3 and key == keys[j]:
            break  # "... البريدي ومحمود": the next name of a list
        if word.rstrip(_AR_EDGE).endswith("اً"):  # an adverb or object, not a name
            break
        taken.append(word.rstrip(_AR_EDGE))
        j += 1
        if core != key:
            return taken, j, key[len(core) :][:1] in _AR_LIST_MARKS
    return taken, j, False


def _subject_list(words: list[str], keys: list[str], j: int) -> list[list[str]]:
    """Two names or more joined by "و" and then a verb in the plural ("إن X Y وZ W فارقوا
    الحياة"): the subjects of the event. Empty when the words from ``j`` are not such a list."""
    names: list[list[str]] = [[]]
    for k in range(j, min(len(keys), j + 4 * _AR_MAX)):
        key, word = keys[k], words[k]
        if key.endswith("وا") and len(key) > 3:
            return names if len(names) >= 2 and len(names[-1]) >= 2 else []
        if key[:1] == "و" and len(names[-1]) >= 2 and len(key) > 3:
            names.append([])
            key, word = key[1:], word[1:]
        if (key != key.rstrip(_AR_EDGE) or not _name_word(key) or len(names[-1]) >= _AR_MAX
                or not names[-1] and key.startswith(_AR_ARTICLES)):
            return []
        names[-1].append(word)
    return []


def _pair(words: list[str]) -> list[list[str]]:
    """Two first names and the last name they share: ["حسام", "وحسن", "هنديه"] ->
    [["حسام", "هنديه"], ["حسن", "هنديه"]]."""
    if len(words) >= 3 and words[1].startswith("و"):
        return [[words[0], *words[2:]], [words[1][1:], *words[2:]]]
    return [words]


def _after_cue(keys: list[str], j: int) -> int:
    """Past the words between a cue and its name: "المعروف", "من" after "كلا", another cue and
    up to two adjectives ("الكاتب والناشط السوري لوي حسين", "الشاب المدني ...")."""
    adjectives = 0
    while j < len(keys):
        key = keys[j].lstrip(_AR_QUOTES)
        if (key in _AR_SKIP or key in _AR_CUE_FORMS
                or key == "من" and keys[j - 1] in ("كلا", "كل")):
            j += 1
        elif adjectives < 2 and key[:2] == "ال" and key == keys[j] and _name_word(key):
            adjectives += 1
            j += 1
        else:
            return j
    return j


def _next_of_list(words: list[str], keys: list[str], j: int) -> int:
    """Where the next name of a list starts after a name ending at ``j`` (-1: none): past a
    kunya in brackets ("(أبو مثنى)،") and a "و" written on the name."""
    if j < len(keys) and keys[j].startswith("("):
        while j < len(keys) and not keys[j].rstrip("،,").endswith(")"):
            j += 1
        j += 1
    if j >= len(keys) or keys[j] in _AR_CLAUSE:
        return -1
    if keys[j].startswith("و") and len(keys[j].lstrip(_AR_QUOTES)) > 2:
        keys[j] = keys[j][1:]
        words[j] = words[j][1:]
    return _after_cue(keys, j)


def _before_age(words: list[str], keys: list[str], k: int) -> list[str]:
    """The name words just before ``k`` ("... إسماعيل سرور (37 عاماً)"), back to a stop."""
    taken: list[str] = []
    i = k - 1
    while i >= 0 and len(taken) < 4:
        key = keys[i]
        core = key.rstrip("،,")
        if key[:1] in _AR_EDGE or core != key and taken or not _name_word(core) or _cue(keys, i):
            break
        taken.insert(0, words[i].rstrip("،,"))
        i -= 1
        if key != core and len(taken) > 1:
            break
    start = i + 1
    while taken and keys[start][:2] == "ال":
        taken.pop(0)
        start += 1
    return taken


def fold_word(word: str) -> str:
    from classifiers.normalise import fold

    return fold(word)


def _is_official(title: str, name: list[str], officials: set[tuple[str, ...]]) -> bool:
    """Whether ``name`` after the cue ``title`` is a later mention of an office holder named
    before (``officials``: the cue, then the folded name): the full name (maybe with words
    after it), the first and the last name, or, after the same title, a later word of the
    name first ("اللواء Y قال" after "اللواء X Y"). A name that only shares a given name with
    an official, after another cue ("الشاب خالد العلي" after "اللواء محمد خالد الرحمون"),
    is someone else."""
    keys = tuple(fold_word(w) for w in name)
    for official in officials:
        cue, full = official[0], official[1:]
        if keys[: len(full)] == full or _shortened(" ".join(keys), " ".join(full)):
            return True
        if len(full) >= 2 and (keys[0] == full[-1] or cue == title and keys[0] in full[1:]):
            return True
    return False


def _arabic_names(
    original: str, folded: str, officials: set[tuple[str, ...]] | None = None
) -> list[str]:
    """Names in one sentence. ``officials`` gathers, over an article's sentences, the names
    of office holders ("وزير الداخلية اللواء X Y Z": the cue and the folded name); a later
    name that is one of them, whole or shortened, is that office holder again ("اللواء X Z
    قال", see :func:`_is_official`)."""
    officials = set() if officials is None else officials
    words = original.split()
    keys = folded.split()
    refolded = len(keys) != len(words)
    if refolded:  # a word made only of marks vanished in folding
        keys = [fold_word(w) for w in words]
    names: list[str] = []

    def keep(taken: list[str], least: int) -> None:
        name = " ".join(taken)
        if least <= len(taken) <= _AR_MAX and name not in names:
            names.append(name)

    if "عام" in folded and (refolded or _AR_AGE_IN_YEARS.search(folded)):
        for k, key in enumerate(keys[:-1]):
            if keys[k + 1].startswith("عام") and _AR_AGE.match(key):
                keep(_before_age(words, keys, k), 2)
    plural_verb = "وا " in folded
    # Where the words of a cue stand; the walk below jumps from one to the next. It strips
    # a "و" off keys only up to where it resumes, so the keys ahead of it stay as listed.
    stops = _AR_ANY_CUE_OR_THAT if plural_verb else _AR_ANY_CUE
    cue_at = [k for k, key in enumerate(keys) if key in stops]
    i = 0
    while i < len(words):
        key = keys[i].rstrip(":")
        if key in _AR_DESCRIBED:
            taken = _before_age(words, keys, i) if i else []
            if keys[max(0, i - len(taken) - 1)] not in _AR_NICKNAMED:  # not "الملقب X Y"
                keep(taken, 2)
        elif key in _AR_THAT and plural_verb:
            for name in _subject_list(words, keys, i + 1):
                keep(name, 2)
        listing = key in _AR_LIST_CUES and (key != "كل" or keys[i + 1 : i + 2] == ["من"])
        least = 2 if listing else _cue(keys, i) if key in _AR_CUE_FORMS else 0
        if key in _AR_EVENT_VERBS or (key[:1] == "و" and key[1:] in _AR_EVENT_VERBS):
            quoted = i + 1 < len(keys) and keys[i + 1][:1] in _AR_QUOTES
            least = 2 if quoted else least
        if not least:
            ahead = bisect_right(cue_at, i)
            i = cue_at[ahead] if ahead < len(cue_at) else len(words)
            continue
        speaker = bool(i) and keys[i - 1] in _AR_SPEECH  # "قال المحامي ...": not the victim
        j = _after_cue(keys, i + 1)
        # the office a few words before the cue, or its whole phrase set off by a comma:
        # "وزير داخلية النظام السوري، اللواء X"
        reach = _AR_OFFICE_APPOSED if i and keys[i - 1][-1:] in "،," else _AR_OFFICE_REACH
        office = (not _AR_OFFICES.isdisjoint(keys[max(0, i - reach) : i])
                  or not _AR_OFFICE_TITLES.isdisjoint(keys[i + 1 : j])) and not (
            # "اعتقلت الهيئة رئيس المجلس الشيخ X": a detained office holder is a victim
            any(k.startswith(_AR_DETAIN_PREFIXES) for k in keys[max(0, i - 8) : i])
            and not any(k in _AR_SPEECH for k in keys[:i])
        )
        plural = _AR_CUE_BASE.get(key) in _AR_PLURAL_CUES  # "المعتقلين X، Y، Z"
        if least == 3 and any(_cue(keys, k) == 2 for k in range(i + 1, j)):
            least = 2  # a strong cue after the weak one: "توفي الشاب X Y"
            speaker = False  # "وقالت والدة الشاب X": the mother speaks, her son is named
        found: list[list[str]] = []
        taken, j, ended = _take(words, keys, j)
        if not taken and j < len(keys) and keys[j] in _AR_PLACE_PREPOSITIONS:
            # a name in quotes after where the person is: المعتقل في سجونها "X Y Z"
            quote = next((k for k in range(j, min(j + _AR_QUOTE_REACH, len(keys)))
                          if keys[k][:1] in _AR_OPEN_QUOTES), -1)
            if quote > 0:
                in_quotes, after, _ = _take(words, keys, quote)
                if in_quotes and keys[after - 1][-1:] in _AR_CLOSE_QUOTES:
                    taken, j, ended = in_quotes, after, False
        found.append(taken)
        while (
            len(taken) >= 2
            and j < len(words)
            and (keys[j].startswith(("و", "(")) or (ended and (listing or plural)))
        ):
            j = _next_of_list(words, keys, j)
            if j < 0:
                break
            taken, j, ended = _take(words, keys, j)
            if len(taken) < 2:
                break
            found.append(taken)
        if key in _AR_PAIR_CUES and len(found) == 1:
            found = _pair(found[0])
        if plural and len(found) < 2:
            found = [[]]  # "المعتقلين ومساءلة ...": a cue for several people names no one alone
        if j < len(keys) and keys[j].rstrip(_AR_EDGE) in _AR_SPEECH_AFTER:
            speaker = True
        title = _AR_CUE_BASE.get(key, key)
        if office:
            officials.update((title, *(fold_word(w) for w in name)) for name in found if name)
        later = bool(officials and found[0]) and _is_official(title, found[0], officials)
        if not (speaker or office or later) and (not listing or len(found) >= 2):
            if len(found) >= 2:  # a list after a weak cue shows that names follow it
                least = 2
            for name in found:
                keep(name, least)
        i = max(j, i + 1)
    return names


# ---------------------------------------------------------------- entry point

# Words that introduce a victim's name, per language (folded): a sentence holding none of
# them and no descriptor hint is not searched.
VICTIM_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "named",
        "identified as",
        "known as",
        "young man",
        "young woman",
        "boy",
        "girl",
        "child",
        "activist",
        "journalist",
        "doctor",
        "dr",
        "lawyer",
        "writer",
        "student",
        "defector",
        "detainee",
        "cartoonist",
        "dissident",
        "blogger",
        "engineer",
        "teacher",
        "citizen",
        "brothers",
        "photographer",
        "activists",
        "journalists",
        "lawyers",
        "doctors",
        "students",
        "teachers",
        "engineers",
        "bloggers",
        "brother",
        "son",
        "sons",
        "daughter",
        "daughters",
        "sister",
        "sisters",
        "children",
        "friend",
        "colleague",
        "nephew",
        "niece",
        "house of",
        "arrest of",
        "detention of",
        "abduction of",
        "kidnapping of",
        "killing of",
        "murder of",
        "death of",
        "execution of",
        "release of",
        "disappearance of",
        "home of",
        "apartment of",
        "nationals",
        "of them",
        "victims",
        "yearold",
        "general",
        "colonel",
        "lieutenant",
        "captain",
        "man",
        "woman",
        "family of",
        "relatives of",
        "body of",
        "remains of",
        "fate of",
        "mother of",
        "father of",
        "taken are",
        "arrested are",
        "detained are",
        "businessman",
        "farmer",
        "shepherd",
        "pharmacist",
        "nurse",
        "poet",
        "imam",
    ),
    "fr": (
        "militant",
        "militante",
        "activiste",
        "journaliste",
        "avocat",
        "avocate",
        "m",
        "mm",
        "mme",
        "nomme",
        "nommee",
        "prenomme",
        "jeune homme",
        "etudiant",
        "etudiante",
        "blogueur",
        "medecin",
        "defenseur",
        "cas de",
        "memoire de",
        "syriens",
        "frere",
        "fils",
        "famille de",
        "corps de",
        "depouille de",
        "sort de",
    ),
    "ar": tuple(
        sorted(
            _AR_CUES | _AR_WEAK_CUES | _AR_LIST_CUES | {"منهم"} | _AR_EVENT_VERBS | _AR_DESCRIBED
        )
    ),
}


@lru_cache(maxsize=4)
def _hint_test(lang: str) -> Callable[[str], bool]:
    """Whether a sentence holds any of the language's descriptor hints. Several hints go into
    one Aho-Corasick automaton, which walks the sentence once and stops at the first; a regex
    alternation of twenty literals costs twice as much, since it tries them one by one at every
    space and comma. A single hint (Arabic's bracket) is a substring test."""
    hints = _DESCRIPTOR_HINTS[lang]
    if len(hints) == 1:
        hint = hints[0]
        return lambda sentence: hint in sentence
    automaton = ahocorasick.Automaton()
    for hint in hints:
        automaton.add_word(hint, hint)
    automaton.make_automaton()
    return lambda sentence: next(automaton.iter(sentence), None) is not None


# Names kept per article at most: each new name is compared with all those kept before it.
_NAMES_MAX = 500


def find_victims(
    sentences: list[str],
    folded: list[str],
    lang: str,
    cued: Collection[int] | None = None,
    labelled: bool = True,
) -> list[str]:
    """Victims' names in an article's sentences (original and folded, title first).

    ``cued``: indexes of the sentences holding a word of :data:`VICTIM_CUES` (all if None);
    English and French also search sentences with a descriptor hint (", a", "aged", "ans").
    ``labelled``: the article has a label; if not, "the killing of X" names a victim only in
    a sentence about custody ("the execution of Saddam Hussein" is history, not a case).
    """
    wanted: Iterable[int]
    cued_set = set(range(len(sentences))) if cued is None else set(cued)
    if cued is None:
        wanted = range(len(sentences))
    elif lang in _DESCRIPTOR_HINTS:
        has_hint = _hint_test(lang)
        wanted_set = set(cued_set)  # a cued sentence is searched anyway: no hint looked for
        wanted_set.update(
            i for i, s in enumerate(sentences) if i and i not in wanted_set and has_hint(s)
        )
        wanted = sorted(wanted_set)
    else:
        wanted = sorted(cued)
    names: list[str] = _list_lines(sentences, folded, lang) if lang in _NEXT or lang == "ar" else []
    officials: set[tuple[str, ...]] = set()  # the cue, then the folded name
    for index in wanted:
        if lang == "ar":
            found = _arabic_names(sentences[index], folded[index], officials)
        elif lang in _CUE_BEFORE:
            if index == 0:
                continue  # titles capitalise every word
            found = _latin_names(sentences[index], lang, index in cued_set, labelled)
        else:
            found = []
        for name in found:
            if len(names) >= _NAMES_MAX:
                return names
            if any(name in known for known in names):
                continue
            first = name.split(" ", 1)[0]
            if any(known.startswith(first) and _shortened(name, known) for known in names):
                continue
            shorter = [k for k, known in enumerate(names) if f" {known} " in f" {name} "
                       or name.startswith(known.split(" ", 1)[0]) and _shortened(known, name)]
            if shorter:  # the full name after a short mention stands in its place
                names[shorter[0]] = name
                for k in reversed(shorter[1:]):
                    del names[k]
            else:
                names.append(name)
    return names


def _shortened(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` without some middle words: a later mention of a person
    ("Luqman Yusuf" after "Luqman Mustafa Yusuf") keeps the first name and the last."""
    a, b = short.split(), full.split()
    if len(a) < 2 or len(a) >= len(b) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b[1:-1])
    return all(word in rest for word in a[1:-1])
