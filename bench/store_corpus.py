"""Synthetic article texts for the store benchmark, with a realistic word distribution.

A tiny vocabulary makes every query match every article and every pair of texts share
shingles, which hides exactly the costs the benchmark is for (FTS doclist sizes, LSH
candidate counts). Here each language gets several thousand generated word forms drawn
with Zipf frequencies (rank r has weight 1/r^1.07), with function words at the top ranks
and the domain words the queries use spread from frequent to rare. Articles have
sentences and paragraphs, a few KB of text, and — like the real sources — some of them
end with a stock tally paragraph (numbers vary) or a fixed "about us" paragraph.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

EN_FUNCTION = ("the of and in to a was his by on that for with from at he were after "
               "their had is as who an been they have this which its").split()
EN_DOMAIN = (
    "detainee family security forces arrested checkpoint prison branch torture died "
    "interrogation relatives documented released court military intelligence city village "
    "governorate raid morning evening witness sources network report month year young man "
    "woman teacher student doctor farmer driver cell guards body burial registry record "
    "missing disappeared whereabouts unknown charges lawyer hearing sentence transferred "
    "hospital injuries beaten officers station camp displaced returned house street market"
).split()
AR_FUNCTION = ("في من على إلى أن عن التي الذي بعد قد كان مع هذا وقد حيث كما بين ذلك لم "
               "عند منذ أو ثم").split()
AR_DOMAIN = (
    "معتقل عائلة قوات الأمن اعتقال حاجز سجن فرع تعذيب وفاة تحقيق أقارب توثيق إفراج محكمة "
    "المخابرات العسكرية مدينة قرية محافظة مداهمة صباح مساء شاهد مصادر الشبكة تقرير شهر عام "
    "شاب امرأة مدرس طالب طبيب مزارع سائق زنزانة حراس جثة دفن السجل المدني مفقود مختف مصير "
    "مجهول تهم محامي جلسة حكم نقل مستشفى إصابات ضرب ضباط مخفر مخيم نازح عودة منزل شارع سوق"
).split()
NAMES = ("Ahmad Khalil Sami Nour Fadi Rami Hiba Omar Lina Ziad Maya Tarek Yusuf Rasha Bilal "
         "Dima Hassan Salma Karim Rana Majd Ghaith Wael Alaa Jumana Firas Nizar Huda").split()
AR_NAMES = ("أحمد خليل سامي نور فادي رامي هبة عمر لينا زياد مايا طارق يوسف رشا بلال ديما "
            "حسن سلمى كريم رنا مجد غيث وائل علاء جمانة فراس نزار هدى").split()
PLACES = ("Aleppo Homs Hama Idlib Daraa Raqqa Latakia Tartus Hasakah Quneitra Suwayda "
          "Damascus").split()
AR_PLACES = "حلب حمص حماة إدلب درعا الرقة اللاذقية طرطوس الحسكة القنيطرة السويداء دمشق".split()

EN_ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr gr pr st tr ch sh th pl".split()
EN_VOWELS = "a e i o u ai ea ou io".split()
EN_CODAS = ["", "", "", "n", "r", "s", "t", "l", "nd", "st", "rk", "m", "ng"]
AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
AR_PREFIXES = ["", "", "", "ال", "ال", "و", "ب", "لل"]
AR_SUFFIXES = ["", "", "", "ة", "ات", "ون", "ين", "ي", "ها"]
AR_HARAKAT = "\u064e\u064f\u0650\u0651\u0652"

EN_TALLY = ("SNHR notes that at least {n:,} Syrian citizens have died due to torture since "
            "the start of the uprising, according to its own records of the detained.")
AR_TALLY = ("وتشير الشبكة إلى أن ما لا يقل عن {n} مواطنًا سوريًا قد قضوا بسبب التعذيب في "
            "مراكز الاحتجاز منذ بداية الأحداث.")
EN_ABOUT = ("The bench network is an independent group that has kept records of detention, "
            "torture and disappearance in Syria since 2011 and shares them with the families "
            "and with international bodies on request.")
AR_ABOUT = ("الشبكة مجموعة مستقلة توثق حالات الاعتقال والتعذيب والاختفاء في سوريا منذ عام "
            "2011 وتشارك سجلاتها مع العائلات والهيئات الدولية عند الطلب.")

ZIPF_EXPONENT = 1.07


@dataclass(frozen=True)
class Language:
    """One language's vocabulary in rank order, with cumulative Zipf weights."""

    code: str
    forms: tuple[str, ...]
    cum_weights: tuple[float, ...]
    names: tuple[str, ...]
    places: tuple[str, ...]
    stop: str

    def rank_of(self, word: str) -> int:
        return self.forms.index(word) + 1


def _en_form(rng: random.Random) -> str:
    return "".join(rng.choice(EN_ONSETS) + rng.choice(EN_VOWELS) + rng.choice(EN_CODAS)
                   for _ in range(rng.choice((1, 1, 2, 2, 2, 3))))


def _ar_form(rng: random.Random) -> str:
    root = "".join(rng.choice(AR_LETTERS) for _ in range(rng.choice((3, 3, 4, 5))))
    return rng.choice(AR_PREFIXES) + root + rng.choice(AR_SUFFIXES)


def _ranked(rng: random.Random, function: list[str], domain: list[str], generated: list[str],
            size: int) -> list[str]:
    """Function words first, domain words spread over ranks ~30 .. ~size/2, generated
    forms everywhere else."""
    ranks = [int(30 * (size / 60) ** (i / max(1, len(domain) - 1))) for i in range(len(domain))]
    placed = dict(zip(ranks, rng.sample(domain, len(domain)), strict=True))
    filler = iter(generated)
    out = list(function)
    while len(out) < size:
        out.append(placed.pop(len(out), None) or next(filler))
    out.extend(placed.values())
    return out


def language(code: str, *, size: int = 8000, seed: int = 11) -> Language:
    rng = random.Random(f"{seed}-{code}")
    make, function, domain = ((_ar_form, AR_FUNCTION, AR_DOMAIN) if code == "ar"
                              else (_en_form, EN_FUNCTION, EN_DOMAIN))
    taken = {*function, *domain}
    generated: list[str] = []
    while len(generated) < size:
        form = make(rng)
        if form not in taken:
            taken.add(form)
            generated.append(form)
    forms = _ranked(rng, function, domain, generated, size)
    weights = [1 / (rank ** ZIPF_EXPONENT) for rank in range(1, len(forms) + 1)]
    return Language(code, tuple(forms), tuple(itertools.accumulate(weights)),
                    tuple(AR_NAMES if code == "ar" else NAMES),
                    tuple(AR_PLACES if code == "ar" else PLACES), ".")


def sentence(rng: random.Random, lang: Language) -> str:
    words = rng.choices(lang.forms, cum_weights=lang.cum_weights, k=rng.randint(8, 26))
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(lang.names))
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(lang.places))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 2024)))
    if lang.code == "ar" and rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = words[at][0] + rng.choice(AR_HARAKAT) + words[at][1:]
    text = " ".join(words)
    return (text[0].upper() + text[1:] if lang.code == "en" else text) + lang.stop


def article(rng: random.Random, lang: Language, *, words: int) -> str:
    """Paragraphs (one per line) of 2-6 sentences, about ``words`` words, sometimes
    closed by a stock tally or the fixed about paragraph."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = [sentence(rng, lang) for _ in range(rng.randint(2, 6))]
        count += sum(s.count(" ") + 1 for s in sentences)
        paragraphs.append(" ".join(sentences))
    roll = rng.random()
    if roll < 0.3:
        tally = AR_TALLY if lang.code == "ar" else EN_TALLY
        paragraphs.append(tally.format(n=rng.randint(14_000, 16_000)))
    elif roll < 0.5:
        paragraphs.append(AR_ABOUT if lang.code == "ar" else EN_ABOUT)
    return "\n".join(paragraphs)


def reprint(rng: random.Random, lang: Language, text: str) -> str:
    """A re-published copy: one sentence rewritten, an intro line added, the rest as is."""
    paragraphs = text.split("\n")
    at = rng.randrange(len(paragraphs))
    sentences = paragraphs[at].split(lang.stop + " ")
    sentences[rng.randrange(len(sentences))] = sentence(rng, lang).rstrip(lang.stop)
    paragraphs[at] = (lang.stop + " ").join(sentences)
    return "\n".join([sentence(rng, lang), *paragraphs])
