"""Match keys for people's names, across Arabic and Latin script and their spellings.

Pure functions, no I/O. A name is cut into words; each word gets one or more *skeletons*,
a spelling both scripts reach:

* consonants by sound class: ``t`` for t ت ط th ث, ``d`` for d د ض dh ذ, ``s`` for s س ص,
  ``c`` for sh ch ش, ``x`` for kh خ, ``k`` for k q c ك ق, ``j`` for j g dj gh ج غ, ``h`` for h ح
  ه, ``z`` for z ز ظ ... and a doubled letter counts once (Arabic does not write it);
* vowels inside the word are dropped (Latin writes the short ones Arabic leaves out, Arabic
  writes the long ones as ا و ي), and so are ع ء and apostrophes;
* the word's last vowel is kept as a class (``A`` for a/ah/eh/ة/ى, ``I`` for i/y/ee/ي, ``U``
  for o/u/ou/و): Ali and Ola, علي and علا, stay apart;
* the article (al- el- ad- as- ... / ال) of a later word, bin/ibn/ben/بن/ابن, and ``Abd al``
  joins (Abdul Rahman, Abderrahmane, عبد الرحمن) are evened out.

So طل الملوحي, Tal al-Mallohi, Tal al-Malluhi and Tal el-Mallouhi all give ``tl mlhI``.

A person's keys pair the first word with each later one (given name with father's, given
name with family name): a single given name is never a key, and "Ahmad Hasan" (a father)
does not meet "Mohammad Ahmad Hasan" (his son). Beside these cross-script keys, finer keys
hold the folded spelling in the name's own script (``ar:`` with the article dropped,
``la:`` with Latin variants collapsed), for scoring a pair more strongly when they agree.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from classifiers.normalise import fold

K = TypeVar("K", bound=Hashable)

SKELETON = "sk:"
IN_TEXT = "tx:"
ARABIC = "ar:"
LATIN = "la:"

# How many words apart the first word and a later one of a name may stand in a text.
_MAX_GAP = 3
# At most this many words of a name are paired (given, father, grandfather, family).
_MAX_WORDS = 6
# Words of a name that carry nothing for matching: "bin"/"ibn" and articles written apart.
_DROP_LATIN = frozenset({"bin", "ibn", "ben", "bint", "al", "el", "ul", "ould"})
_DROP_ARABIC = frozenset({"بن", "ابن", "بنت", "ال"})
# The Latin article when joined by a hyphen to a later word (sun letters assimilated).
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ul|il|a[dnrstz]|e[dnrstz]|ash|esh|ach|ech|az|ez)-")
# The article joined and assimilated to a sun letter, which it doubles: Essayed (السيد),
# Eddabagh (الدباغ), Ennajjar, Echchami. Seven letters at least, so that a short name
# (Assad, Essam) is not read as an article and a name.
_LATIN_ASSIMILATED = re.compile(r"^[ae](?:([tdrzsn])\1|(sh|ch)\2)(?=.{3})")
_ABD_LATIN = re.compile(r"^abd(?:oul|ool|ul|el|al|ol|il|ou|u|e|a|i)?(?=[^aeiouy])")
_ABD_LATIN_APART = frozenset({"abd", "abdul", "abdel", "abdal", "abdoul", "abdu", "abdou"})
_JOIN_LATIN = frozenset({"abu", "abou", "abo", "hajj", "haj", "hadj", "hajji"})
_JOIN_ARABIC = frozenset({"عبد", "ابو", "حاج"})

# Marks inside a word (harakat, shadda, tatweel, combining accents, joiners): removed before
# cutting a text into words, so they do not cut a word in two.
_MARKS_RE = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u00ad]"
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ`ʿʾ-][^\W\d_]+)*")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")

# Latin letter groups, longest first, to their class; a vowel is "" here.
_LATIN_GROUPS: tuple[tuple[str, str], ...] = (
    ("sch", "c"), ("tch", "c"), ("kh", "x"), ("gh", "j"), ("sh", "c"), ("ch", "c"),
    ("th", "t"), ("dh", "d"), ("dj", "j"), ("ph", "f"), ("ck", "k"), ("ts", "ts"),
    ("q", "k"), ("c", "k"), ("g", "j"), ("x", "ks"), ("v", "f"), ("p", "b"),
)  # fmt: skip
_LATIN_VOWELS = frozenset("aeiouy")
_ARABIC_CLASS = {
    "ب": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "j", "غ": "j", "ح": "h", "ه": "h",
    "خ": "x", "د": "d", "ض": "d", "ذ": "d", "ر": "r", "ز": "z", "ظ": "z", "س": "s",
    "ص": "s", "ش": "c", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "و": "w", "ي": "y", "ا": "", "ع": "", "ء": "", "پ": "b", "گ": "j", "چ": "c", "ڤ": "f",
}  # fmt: skip
# Letters Levantine spellings write as another sound too: Osman (عثمان), Ghiyas (غياث),
# Zaki (ذكي), Zarif (ظريف).
_ARABIC_ALSO = {"ث": ("s",), "ذ": ("z",), "ظ": ("d",)}
# Only this many of a word's letters above get their other sound: each one doubles the
# word's skeletons, and no name has more, but a text's token may (a run of ث).
_MAX_ALSO = 3
# Taa marbuta and alef maqsura mark a final vowel; folding would make them ه and ي.
_TAA, _MAQSURA = "\ue001", "\ue002"


def _final_latin(tail: str) -> tuple[str, ...]:
    """The class of a word's final vowels, and the alternatives a spelling leaves open."""
    if not tail:
        return ("",)
    last = tail[-1]
    if last in "iy" and not tail.endswith(("ay", "ey")) or tail in ("ee", "ey", "ie"):
        return ("I",)
    if last in "ou" or tail.endswith("ow"):
        return ("U",)
    if tail.endswith(("ay", "ai", "ei")):
        return ("I",)
    if last == "e" and len(tail) == 1:
        return ("A", "")  # French silent e, or a Levantine final a
    return ("A",)


@lru_cache(maxsize=65_536)
def latin_skeletons(word: str) -> frozenset[str]:
    """A folded Latin word's skeletons (usually one)."""
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return frozenset()
    ends: tuple[str, ...] = ("",)
    core = word
    tail_match = re.search(r"[aeiouy]+h?$", word)
    if tail_match and tail_match.start() > 0:
        tail = tail_match.group()
        core = word[: tail_match.start()]
        if tail.endswith("h") and tail[:-1] in ("a", "e"):
            ends = ("A", "h")  # Fatimah, Hamadeh — or Salah, Wajih's h
        elif tail.endswith("h"):
            core, ends = word, ("",)
        else:
            ends = _final_latin(tail)
    out: list[str] = []
    i = 0
    while i < len(core):
        ch = core[i]
        if i == 0 and ch in "wy":
            out.append(ch)
            i += 1
            continue
        if ch == "c" and core[i + 1 : i + 2] in ("e", "i", "y"):
            out.append("s")  # French: Yacine, Racim
            i += 1
            continue
        for group, value in _LATIN_GROUPS:
            if core.startswith(group, i):
                out.append(value)
                i += len(group)
                break
        else:
            if ch not in _LATIN_VOWELS and ch != "w":
                out.append(ch)
            i += 1
    body = _collapse("".join(out))
    return frozenset(body + end for end in ends if body + end)


@lru_cache(maxsize=65_536)
def arabic_skeletons(word: str) -> frozenset[str]:
    """An Arabic word's skeletons (after :func:`_prefold`, folded)."""
    if not word:
        return frozenset()
    ends: tuple[str, ...] = ("",)
    last = word[-1]
    core = word
    if last in (_TAA, _MAQSURA, "ا"):
        core, ends = word[:-1], ("A",)
    elif last == "ه" and len(word) >= 2:
        core, ends = word[:-1], ("A", "h")
    elif last == "ي" and len(word) > 2:
        core, ends = word[:-1], ("I",)
    elif last == "و" and len(word) > 2:
        core, ends = word[:-1], ("U",)
    bodies = [""]
    also = 0
    for i, ch in enumerate(core):
        value = _ARABIC_CLASS.get(ch, "")
        if value in ("w", "y") and i > 0:
            continue  # a long vowel, or a glide Latin writes as one
        options: tuple[str, ...] = (value,)
        if ch in _ARABIC_ALSO and also < _MAX_ALSO:
            options, also = _ARABIC_ALSO[ch] + options, also + 1
        bodies = [body + option for body in bodies for option in options]
    return frozenset(_collapse(body) + end for body in bodies for end in ends
                     if _collapse(body) + end)


def _collapse(letters: str) -> str:
    return re.sub(r"(.)\1+", r"\1", letters)


def _prefold(text: str) -> str:
    return text.replace("ة", _TAA).replace("ى", _MAQSURA)


def _fold_word(word: str) -> str:
    return fold(_prefold(word)).replace("'", "").replace("’", "")


def _plain(word: str) -> str:
    return word.replace(_TAA, "ه").replace(_MAQSURA, "ي")


def _is_arabic(word: str) -> bool:
    return _ARABIC_RE.search(word) is not None


def _strip_arabic_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _joiner(folded: str, arabic: bool) -> str | None:
    """The prefix a name word joins to the next one with ("Abd al-Rahman", "Abu Hamdan",
    "al-Hajj Ali" are one word each), or None."""
    if arabic:
        return folded if folded in _JOIN_ARABIC else None
    if folded in _ABD_LATIN_APART:
        return "abd"
    return folded if folded in _JOIN_LATIN else None


def _name_words(name: str) -> list[tuple[str, bool]]:
    """The words of a name, folded, each with whether it is Arabic: articles, bin/ibn
    dropped; "Abd", "Abu" and "al-Hajj" joined to the word after them; later words without
    their article."""
    raw = _WORD_RE.findall(_MARKS_RE.sub("", name))
    words: list[tuple[str, bool]] = []
    pending: str | None = None
    for token in raw:
        arabic = _is_arabic(token)
        folded = _fold_word(token)
        if arabic:
            if folded in _DROP_ARABIC:
                continue
            if words or pending:
                folded = _strip_arabic_article(folded)
            if pending is not None:
                folded, pending = pending + folded, None
            elif _joiner(folded, True):
                pending = folded
                continue
            elif folded.startswith("عبدال") and len(folded) > 5:
                folded = "عبد" + folded[5:]
            words.append((folded, True))
            continue
        if words or pending:
            folded = _fold_word(_LATIN_ARTICLE.sub("", token.lower()))
        folded = folded.lower()
        if folded in _DROP_LATIN:
            continue
        if pending is not None:
            folded, pending = pending + folded, None
        elif _joiner(folded, False):
            pending = _joiner(folded, False)
            continue
        words.append((folded, False))
    if pending is not None:
        words.append((pending, _is_arabic(pending)))
    return words


def word_skeletons(word: str, arabic: bool) -> frozenset[str]:
    """The skeletons of one folded name word."""
    if arabic:
        if word.startswith("عبد") and len(word) > 3:
            return frozenset("bd" + s for s in arabic_skeletons(word[3:]))
        return arabic_skeletons(word)
    abd = _ABD_LATIN.match(word)
    if abd and abd.end() < len(word):
        return frozenset("bd" + s for s in latin_skeletons(word[abd.end() :]))
    return latin_skeletons(word)


def _joined_article(word: str, arabic: bool) -> frozenset[str]:
    """Skeletons of a later Latin word written with its article joined ("Almallohi")."""
    spellings = _spellings(word, arabic)
    return word_skeletons(spellings[1], False) if len(spellings) > 1 else frozenset()


def _latin_spelling(word: str) -> str:
    """Latin variants collapsed within one script: ou/u/o, y/i, doubled letters."""
    word = word.replace("ou", "u").replace("o", "u").replace("y", "i").replace("ee", "i")
    return _collapse(word)


def name_skeletons(name: str) -> list[frozenset[str]]:
    """The skeletons of each word of a name, in order (articles, bin/ibn dropped)."""
    words = _name_words(name)[:_MAX_WORDS]
    out = [word_skeletons(w, arabic) for w, arabic in words]
    for j in range(1, len(words)):
        out[j] = out[j] | _joined_article(*words[j])
    return [s for s in out if s]


# Latin vowel runs that can only spell a long vowel, by its class.
_STRONG_LATIN = {"ou": "U", "oo": "U", "ee": "I", "ii": "I", "ie": "I", "ei": "I", "ai": "I",
                 "ay": "I", "ey": "I", "iy": "I", "aa": "A"}
# French spelling writes a short u as "ou" (Moustafa, Houssein): long only in the last
# syllable, where Arabic names put their long vowel (Mahmoud محمود, Mansour منصور).
_FRENCH_SHORT = frozenset({"ou", "oo"})
_GROUP_VALUE = dict(_LATIN_GROUPS)
_LATIN_VOWEL_CLASS = {"a": "A", "e": "AI", "i": "I", "y": "I", "o": "U", "u": "U", "w": "U"}
_ARABIC_VOWEL_CLASS = {"ا": "A", "و": "U", "ي": "I"}


@dataclass(frozen=True)
class _Vowels:
    initial: bool  # the word starts with a vowel (Latin) or alef / ain (Arabic)
    slots: tuple[tuple[frozenset[str], bool], ...]  # after each inner consonant: classes, strong


def _latin_vowels(word: str) -> _Vowels:
    word = re.sub(r"[^a-z]", "", word)
    runs: list[str] = []
    current: str | None = None
    previous = ""
    i = 0
    while i < len(word):
        ch = word[i]
        if i > 0 and (ch in "aeiouy" or ch == "w"):
            if current is not None:
                current += ch
            i += 1
            continue
        if ch in "aeiou":  # a first vowel: no slot before it
            i += 1
            continue
        group = next((g for g, _ in _LATIN_GROUPS if word.startswith(g, i)), ch)
        value = _GROUP_VALUE.get(group, group)
        i += len(group)
        if value == previous and current == "":
            continue  # a doubled letter, which Arabic writes once
        if current is not None:
            runs.append(current)
        current, previous = "", value
    slots = []
    for number, run in enumerate(runs, 1):
        classes = frozenset("".join(_LATIN_VOWEL_CLASS.get(c, "") for c in run))
        strong = next((v for k, v in _STRONG_LATIN.items() if k in run
                       and (k not in _FRENCH_SHORT or number == len(runs))), None)
        slots.append((frozenset(strong) if strong else classes, strong is not None))
    return _Vowels(word[:1] in ("a", "e", "i", "o", "u"), tuple(slots))


def _arabic_vowels(word: str) -> _Vowels:
    runs: list[str] = []
    current: str | None = None
    for i, ch in enumerate(word):
        value = _ARABIC_CLASS.get(ch, "")
        if ch in _ARABIC_VOWEL_CLASS and i > 0 or not value:
            if current is not None and ch in _ARABIC_VOWEL_CLASS:
                current += _ARABIC_VOWEL_CLASS[ch]
            elif current is not None and ch in _GUTTURAL:
                current += "*"
            continue
        if current is not None:
            runs.append(current)
        current = ""
    slots = tuple(_arabic_slot(run) for run in runs)
    return _Vowels(word[:1] in ("ا", "ع"), slots)


# Ain and hamza inside a word: Latin writes the vowel around them (al-Zoubi الزعبي, Raouf
# رؤوف), which Arabic leaves unwritten, so any vowel may stand there.
_GUTTURAL = frozenset("عءأإؤئ")


def _arabic_slot(run: str) -> tuple[frozenset[str], bool]:
    if "*" in run:
        return frozenset("AIU"), False
    return frozenset(run), bool(run)


def _vowels(word: str, arabic: bool) -> _Vowels:
    if arabic:
        if word.startswith("عبد") and len(word) > 3:
            return _Vowels(True, _arabic_vowels(word[3:]).slots)
        return _arabic_vowels(word)
    abd = _ABD_LATIN.match(word)
    if abd and abd.end() < len(word):
        return _Vowels(True, _latin_vowels(word[abd.end():]).slots)
    return _latin_vowels(word)


def _vowels_agree(a: _Vowels, b: _Vowels) -> bool:
    """Whether two spellings' vowels can be one name's: Mahmoud's "ou" is not in محمد,
    Hussein's "ei" not in Hassan, حامد's alef not in أحمد."""
    if a.initial != b.initial:
        return False
    for (ca, sa), (cb, sb) in zip(a.slots, b.slots, strict=False):
        if (sa and not ca & cb) or (sb and not ca & cb):
            return False
    return True


def _spellings(word: str, arabic: bool) -> tuple[str, ...]:
    """A folded name word, and the same word without an article joined to it
    ("almallohi" → "mallohi", "essayed" → "ssayed")."""
    if arabic or len(word) < 6:
        return (word,)
    if word.startswith(("al", "el")):
        return (word, word[2:])
    if len(word) >= 7 and _LATIN_ASSIMILATED.match(word):
        return (word, word[1:])
    return (word,)


def words_agree(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    """Whether two folded name words (word, is Arabic) can be one name: a skeleton in
    common and vowels that agree."""
    return any(
        word_skeletons(x, a[1]) & word_skeletons(y, b[1])
        and _vowels_agree(_vowels(x, a[1]), _vowels(y, b[1]))
        for x in _spellings(*a)
        for y in _spellings(*b)
    )


def name_within(short: str, long: str) -> bool:
    """Whether every word of ``short`` (two at least) matches a word of ``long`` in the
    same order, first word to first word: "Tal al-Mallohi" is within "Tal Dosar al-Mallohi",
    "Mohammad Ali Hasan" is not within "Mohammad Ahmad Hasan", nor "Mahmoud Adnan Kashour"
    within "Mohammad Adnan Kashour"."""
    a, b = _name_words(short)[:_MAX_WORDS], _name_words(long)[:_MAX_WORDS]
    if len(a) > len(b):
        a, b = b, a
    if len(a) < 2 or not words_agree(a[0], b[0]):
        return False
    j = 1
    for word in a[1:]:
        while j < len(b) and not words_agree(word, b[j]):
            j += 1
        if j >= len(b):
            return False
        j += 1
    return True


def name_keys(name: str) -> frozenset[str]:
    """Match keys of a person's name: ``sk:`` keys across scripts, ``ar:``/``la:`` keys
    within one. Empty when fewer than two name words remain."""
    words = _name_words(name)[:_MAX_WORDS]
    if len(words) < 2:
        return frozenset()
    keys: set[str] = set()
    skeletons = [word_skeletons(w, arabic) for w, arabic in words]
    for j in range(1, len(words)):
        skeletons[j] |= _joined_article(*words[j])
    first_word, first_arabic = words[0]
    for j in range(1, len(words)):
        for a in skeletons[0]:
            for b in skeletons[j]:
                keys.add(f"{SKELETON}{a} {b}")
        if j == len(words) - 1:
            # Given and family name as a text may write them: with up to one more middle
            # word than the name has between them, and two at least (the father's and
            # grandfather's names of a four-part name). The words between must be name
            # words (:data:`_BREAK`), which matters most for a family name of one
            # consonant (Ali, Eid, Awad عواد): it meets many words of a text.
            for gap in range(min(max(len(words) - 1, 2), _MAX_GAP) + 1):
                for a in skeletons[0]:
                    for b in skeletons[j]:
                        keys.add(f"{IN_TEXT}{gap}:{a} {b}")
        word, arabic = words[j]
        if arabic and first_arabic:
            keys.add(f"{ARABIC}{_plain(first_word)} {_plain(word)}")
        elif not arabic and not first_arabic:
            keys.add(f"{LATIN}{_latin_spelling(first_word)} {_latin_spelling(word)}")
    return frozenset(keys)


def skeleton_keys(keys: Iterable[str]) -> frozenset[str]:
    """The cross-script keys among ``keys``."""
    return frozenset(k for k in keys if k.startswith(SKELETON))


# ---------------------------------------------------------------- names in a text

# Arabic proclitics a name may carry in running text (وطل, لطل, بطل).
_CLITICS = ("و", "ف", "ب", "ل", "وب", "ول")
# Words that break a name in a text even when capitalised or Arabic, so that no name runs
# over them: "Tal and Mallohi", "نقل محمد بسيارة إسعاف بعد إصابته" (not Mohammad Awad).
# Folded as text words are (على stays apart from the name علي).
_STOP_WORDS = frozenset(_fold_word(w).lower() for w in (
    "and or of the a an in on at to by with for from et ou de du des la le les un une "
    "after before since until during near into over under against without between "
    "après avant depuis pendant près sous sur chez contre entre sans "
    "و او أو في من على عن الى إلى مع ثم بعد قبل عند حتى منذ بين لدى ضد خلال أمام وراء "
    "تحت فوق حول نحو دون غير إثر عقب أثناء لكن قد لم لن أن إن كان كانت هو هي هم هذا "
    "هذه ذلك تلك الذي التي الذين بسبب بسيارة سيارة"
).split())


def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """The given-name lexicon (``given_names.txt``): its words as :func:`_lexicon_form`
    folds them, and as a text word is folded (to test the stop words against)."""
    text = resources.files("classifiers").joinpath("given_names.txt").read_text("utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return (frozenset(_lexicon_form(w) for w in words),
            frozenset(_fold_word(w).lower() for w in words))


def _lexicon_form(word: str) -> str:
    """A word as the given-name lexicon is looked up: folded, taa marbuta and alef maqsura
    as ه and ي (so مصطفي typed with ي is found)."""
    return _plain(_fold_word(word)).lower()


_GIVEN, _GIVEN_AS_TEXT = _given_names()
# Stop words that are also names: أمام (in front of) folds onto the name إمام (عادل إمام).
# Such a word may be the family word a name ends on, but no name runs over it.
_NAME_STOPS = _STOP_WORDS & _GIVEN_AS_TEXT
_BREAK = _STOP_WORDS - _NAME_STOPS
# Words after which عيد / Eid is the feast, not a name.
_FEASTS = frozenset(_lexicon_form(w) for w in "الفطر فطر الأضحى أضحى fitr adha".split())


@dataclass(frozen=True)
class _Token:
    skeletons: frozenset[str]
    nameish: bool  # may stand inside a name
    joins: str | None  # the prefix it joins to the next word with (Abd, Abu, al-Hajj)
    bare: tuple[str, ...]  # its forms without clitics and article, for joining
    arabic: bool
    after_break: bool  # punctuation stands between it and the word before
    plain: tuple[str, ...]  # its forms with no clitic (an Arabic article off or on)
    given: bool  # a given-name word as written, with no clitic or article
    stops: bool  # a stop word that is also a name (أمام / إمام): no name runs over it


def _text_word(token: str) -> tuple[frozenset[str], bool, str | None, tuple[str, ...], bool]:
    """A text token's skeletons (with its Arabic clitics and article off, as alternatives),
    whether it may stand inside a name, the prefix it joins with, its bare forms."""
    arabic = _is_arabic(token)
    if arabic and _fold_word(token) in _NAME_STOPS:
        folded = _fold_word(token)
        return word_skeletons(folded, True), True, None, (folded,), True
    folded = _fold_word(token)
    if arabic:
        if folded in _DROP_ARABIC:
            return frozenset(), True, None, (), True
        if folded in _BREAK:
            return frozenset(), False, None, (), True
        forms = {folded, _strip_arabic_article(folded)}
        for clitic in _CLITICS:
            if folded.startswith(clitic) and len(folded) - len(clitic) >= 2:
                rest = folded[len(clitic) :]
                forms |= {rest, _strip_arabic_article(rest)}
        out: set[str] = set()
        for form in forms:
            out |= word_skeletons(form, True)
        joins = next((f for f in sorted(forms) if _joiner(f, True)), None)
        return frozenset(out), True, joins, tuple(sorted(forms)), True
    lowered = folded.lower()
    if lowered in _BREAK:
        return frozenset(), False, None, (), False
    if lowered in _DROP_LATIN:
        return frozenset(), True, None, (), False
    nameish = any(part[:1].isupper() for part in re.split(r"[-'’ʼ`ʿʾ]", token))
    bare = _fold_word(_LATIN_ARTICLE.sub("", token.lower())).lower()
    found = word_skeletons(lowered, False) | word_skeletons(bare, False)
    joins = _joiner(bare, False)
    return found | _joined_article(bare, False), nameish, joins, (bare,), False


_BREAK_CHARS = re.compile(r"[.,;:!?()\[\]«»\"“”•·|/،؛؟\n]")


def _plain_forms(token: str) -> tuple[tuple[str, ...], bool, bool]:
    """A text token's forms with no clitic, whether it is a given-name word as written,
    and whether it is a stop word that is also a name."""
    folded = _fold_word(token)
    if _is_arabic(token):
        plain: tuple[str, ...] = (folded, _strip_arabic_article(folded))
        return plain, _lexicon_form(folded) in _GIVEN, folded in _NAME_STOPS
    bare = _fold_word(_LATIN_ARTICLE.sub("", token.lower())).lower()
    return (bare,), bare == folded.lower() and _lexicon_form(bare) in _GIVEN, False


@lru_cache(maxsize=65_536)
def _token_of(word: str, after_break: bool) -> _Token:
    return _Token(*_text_word(word), after_break, *_plain_forms(word))


def _text_tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    clean = _MARKS_RE.sub("", text)
    last = 0
    for match in _WORD_RE.finditer(clean):
        broken = _BREAK_CHARS.search(clean, last, match.start()) is not None
        tokens.append(_token_of(match.group(), broken))
        last = match.end()
    return tokens


def _joined(tokens: list[_Token], i: int) -> tuple[frozenset[str], tuple[str, ...], int]:
    """Skeletons and folded forms of the joiner at ``i`` joined to the next word (dropped
    words skipped), and the index of that word; the joiner alone when no word follows."""
    token = tokens[i]
    j = i + 1
    while j < len(tokens) and not tokens[j].skeletons and tokens[j].nameish \
            and not tokens[j].after_break:
        j += 1
    if j >= len(tokens) or tokens[j].after_break or not tokens[j].bare:
        return token.skeletons, token.bare, i
    out: set[str] = set()
    forms = []
    for form in tokens[j].bare:
        rest = _strip_arabic_article(form) if tokens[j].arabic else form
        forms.append((token.joins or "") + rest)
        out |= word_skeletons(forms[-1], tokens[j].arabic)
    return frozenset(out), tuple(forms), j


@dataclass(frozen=True)
class _Wanted:
    """A wanted name as ``mentioned`` reads it: its in-text keys (gap:given family), and
    its given and family words, whose vowels a match must agree with."""

    keys: tuple[str, ...]
    given: tuple[str, bool]
    family: tuple[str, bool]
    short_family: bool  # a family name of one consonant (Ali, Eid, Issa, Awad عواد)


@lru_cache(maxsize=4096)
def _wanted(name: str) -> _Wanted | None:
    words = _name_words(name)[:_MAX_WORDS]
    keys = tuple(k[len(IN_TEXT) :] for k in name_keys(name) if k.startswith(IN_TEXT))
    if len(words) < 2 or not keys:
        return None
    short = any(len(s.rstrip("AIU")) <= 1 for s in word_skeletons(*words[-1]))
    return _Wanted(keys, words[0], words[-1], short)


def _short_family_fits(tokens: list[_Token], j: int, forms: tuple[str, ...],
                       arabic: bool, family: tuple[str, bool], gap_given: bool) -> bool:
    """Whether the word at ``j`` may be a family name of one consonant: such a name meets
    many ordinary words (بعيد، وعلي، Eid), so the words between it and the given name must
    all be given names (the father's, the grandfather's), the word must carry no clitic
    (وعلي after "أحمد ومحمد" is a third person), and عيد / Eid before الفطر / al-Adha is
    the feast."""
    if not gap_given or not _agrees(forms, arabic, family):
        return False
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    return after is None or after.after_break or not any(
        _lexicon_form(form) in _FEASTS for form in after.bare)


def _agrees(forms: tuple[str, ...], arabic: bool, word: tuple[str, bool]) -> bool:
    return any(words_agree((form, arabic), word) for form in forms)


@dataclass(frozen=True)
class NameIndex(Generic[K]):
    """Wanted names keyed for reading texts (:func:`mentioned`): built once for a list of
    names that many texts are read against (a watchlist, a corpus)."""

    keys: dict[str, list[tuple[K, _Wanted]]]
    firsts: frozenset[str]

    @classmethod
    def of(cls, wanted: Mapping[K, str]) -> NameIndex[K]:
        """``wanted``: an identifier → a person's name as written."""
        keys: dict[str, list[tuple[K, _Wanted]]] = {}
        for ident, name in wanted.items():
            person = _wanted(name)
            if person is None:
                continue
            for key in person.keys:
                keys.setdefault(key, []).append((ident, person))
        return cls(keys, frozenset(k.split(":", 1)[1].split(" ", 1)[0] for k in keys))


def mentioned(text: str, wanted: Mapping[K, str] | NameIndex[K]) -> set[K]:
    """Which wanted names occur in ``text``, in any script or spelling.

    ``wanted`` maps an identifier to a person's name as written (or is a :class:`NameIndex`
    of such names, built once). The text's words are read as a given name followed by a
    family name with as many name-like words between as the wanted name has, or one more,
    or two (``tx:`` keys of :func:`name_keys`): "Tal al-Mallohi" is found in "Tal Dosar
    al-Mallohi" but not in "Tal said that al-Mallohi"; "Mohammad Ali Hasan" is not found in
    "Mohammad Ali", a common given name and father's name. A name never runs over
    punctuation, and the two words found must agree with the wanted ones in their vowels as
    well as their consonants (:func:`words_agree`): a watched "Mahmoud Kashour" is not found
    in "Mohammad Kashour". A family name of one consonant (Ali, Eid, Awad) is found after
    other words only when each is a given name of ``given_names.txt`` as written, and never
    with a clitic (:func:`_short_family_fits`).
    """
    names = wanted if isinstance(wanted, NameIndex) else NameIndex.of(wanted)
    index, firsts = names.keys, names.firsts
    if not index:
        return set()
    tokens = _text_tokens(text)
    found: set[K] = set()
    for i, token in enumerate(tokens):
        if not token.nameish or not token.skeletons:
            continue
        starts, start_forms, j = (
            _joined(tokens, i) if token.joins else (token.skeletons, token.bare, i))
        starts = starts & firsts
        if not starts:
            continue
        seen = 0
        gap_given = True  # every word between is a given name as written
        j += 1
        while j < len(tokens) and seen <= _MAX_GAP:
            later = tokens[j]
            if not later.nameish or later.after_break:
                break
            if not later.skeletons:
                j += 1
                continue
            joined = later.joins is not None
            laters, later_forms, j = (
                _joined(tokens, j) if joined else (later.skeletons, later.bare, j))
            plain_forms = later_forms if joined else later.plain
            for a in starts:
                for b in laters:
                    for ident, person in index.get(f"{seen}:{a} {b}", ()):
                        if ident in found or not _agrees(
                                start_forms, token.arabic, person.given):
                            continue
                        if person.short_family:
                            fits = _short_family_fits(tokens, j, plain_forms, later.arabic,
                                                      person.family, gap_given)
                        else:
                            fits = _agrees(later_forms, later.arabic, person.family)
                        if fits:
                            found.add(ident)
            if later.stops:
                break
            gap_given = gap_given and (joined or later.given)
            seen += 1
            j += 1
    return found
