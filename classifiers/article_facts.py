"""The facts of one classified article: victims, governorate, perpetrator, dates, counts.

Called by the engine once the labels and their evidence sentences are known: places and
forces named in the title and the evidence weigh more. Dates are bound to the words of their
own event (``event_dates``).
"""

from __future__ import annotations

import re
from typing import Any

from classifiers import event_dates as E
from classifiers import facts as F
from classifiers.match import Hits
from classifiers.prepared import Prepared
from classifiers.rules import RuleSet


def article_facts(
    rs: RuleSet,
    lang: str,
    published: str | None,
    article: Prepared,
    hits: Hits,
    evidence_index: dict[str, list[int]],
    numbers: list[F.Number],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sentences, folded = article.sentences, article.folded
    cues = rs.victim_cues.get(lang, frozenset())
    cued = [i for i, found in hits.items() if not cues.isdisjoint(found)]
    victims = F.find_victims(sentences, folded, lang, cued, labelled=bool(evidence_index))
    if victims:
        out["victims"] = victims
    key_sentences = {i for chosen in evidence_index.values() for i in chosen} | {0}

    governorate, perpetrator = _place_and_actor(
        rs, published, article, hits, key_sentences, labelled=bool(evidence_index)
    )
    if governorate:
        out["governorate"] = governorate
    if perpetrator:
        out["perpetrator"] = perpetrator
    for key, value in _dates(rs, lang, published, article).items():
        out[key] = value
    counts = F.counts_of(numbers)
    if counts:
        out["counts"] = counts
    return out


# The patterns below that look back from a name start with a lookahead for the first letters
# of their words: the regex engine turns most positions down at once, where the lookbehind
# coming first costs several times more at each one.

# Words that make a mention of Assad's government a mention of the past ("the former
# regime", النظام البائد): background in a report of what its successors did.
_FORMER_BEFORE = re.compile(
    r"(?=[acdeflortابسعف])"
    r"(?<!\w)(?:former|ex|fallen|ousted|deposed|toppled|defunct|ancien|l'ancien|dechu|remnants|"
    r"fall|chute|era|في عهد|عهد|فلول|ازلام|بقايا|سقوط|انهيار|السابق|المخلوع)(?!\w)"
    r"(?:\s+\S+){0,2}\s+$"
)
_FORMER_AFTER = (" البايد", " السابق", " المخلوع", " المنهار", " الساقط", " dechu", " deposed",
                 " was toppled", " was ousted", " fell", " was overthrown", " fled",
                 " ousted", " toppled")  # fmt: skip
_FORMER_REACH = 22
_FORMER_WEIGHT = 0.25
# Words that make the forces named after them the addressee of an appeal, not its author:
# "Alkarama calls on the transitional authorities to ...".
_APPEAL = re.compile(
    r"(?=[acdeiprsuاتحدطني])"
    r"(?<!\w)(?:calls? on|called on|calling on|urges?|urged|urging|asks?|asked|asking|"
    r"demands?|demanded|appeals? to|appealed to|invites?|appelle|appellent|exhorte|demande|"
    r"recommends?|recommended|support|supports|recommande|soutenir|يوصي|توصي|اوصت|دعم|"
    r"invite|prie|يطالب|طالب|تطالب|طالبت|دعا|دعت|يدعو|تدعو|ناشد|يناشد|تناشد|حث|يحث|تحث|حثت)"
    r"(?!\w)[^.;:!?]*$"
)
_APPEAL_REACH = 50
# Words before forces that name someone's side, not who acted: "عنصر في قوات النظام",
# "63 regime soldiers", "a member of the SDF".
_AFFILIATION = re.compile(
    r"(?=[aclmosuwاجضعمولك])"
    # the Arabic nouns also with "and", "to" or "as" written on them: "وعنصر بقوات النظام"
    r"(?<!\w)(?:(?:و|ل|ك)?(?:عنصر|عنصرا|عسكري|عسكريا|عسكريين|جندي|جنديا|ضابط|ضابطا|مقاتل|"
    r"مقاتلا|مقاتلين)|"
    r"a member of|member of|soldiers? of|officer of|officers of|works with|worked with|"
    r"collaborators with|loyal to|un membre d[eu]s?|soldats? d[eu]s?|membre d[eu]s?|"
    r"(?:و|ل)?(?:ال)?متعاون(?:ين|ون)? مع)"
    r"(?:\s+(?:اخر|another|other|autre|سابق|سابقا|سابقين))?"
    r"(?:\s+(?:في|من|ب|the|les|la|le))?\s*$"
)
_AFFILIATION_REACH = 30
# Words before a place that make it the victim's home town: "a tailor from Douma", "من
# أبناء مدينة تلبيسة", "originaire d'Alep". It counts double.
_ORIGIN = re.compile(
    r"(?=[fnoاتمي])"
    r"(?<!\w)(?:(?<!released )(?<!freed )(?<!transferred )(?<!moved )(?<!fled )(?<!returned )"
    r"(?<!escaped )(?<!taken )(?<!away )(?<!out )(?<!discharged )(?<!deported )from|"
    r"originally from|native of|originaire de|originaires de|originaire d'|"
    r"ابناء|ابن|المنحدر من|المنحدره من|ينحدر من|تنحدر من|من اهالي|من سكان)(?:\s+\S+){0,2}\s*$"
)
_ORIGIN_REACH = 40
# An article naming this many governorates, none holding more than this share of the
# mentions, is about the whole country (a monthly report) and gets no governorate.
_NATIONWIDE_PLACES = 3
_NATIONWIDE_SHARE = 0.36
# In an article that reports no event (no label), a governorate named once in passing in the
# body ("a supervisor at Damascus airport", "the ceasefire in Idlib held") is no place of the
# report: it needs the title or a second mention.
_PASSING_WEIGHT = 1.0
# A place name that names no place: a clock ("بتوقيت دمشق", "Damascus time") or the
# government seated there ("Damascus's new rulers", "حكومة دمشق", "le pouvoir de Damas",
# "l'armée de Damas", "beyond the control of Damascus"; not "regained control of Daraa").
# Nor does one in the name of a movement or a text ("the Damascus Spring", "la déclaration
# de Damas"), nor a university a biography names ("تخرج من جامعة دمشق"; "12 students of the
# University of Aleppo" still names the place).
_SEAT_BEFORE = re.compile(
    r"(?=[abdeghloprsuاربتحدس])"
    r"(?<!\w)(?:بتوقيت|توقيت|حكومه|سلطات|government in|authorities in|rulers in|regime in|"
    r"gouvernement de|pouvoir de|autorites de|regime de|armee de|l'armee de|"
    r"(?:beyond|outside|out of) the control of|hors du controle de|echappe au controle de|"
    r"printemps de|declaration de|ربيع|اعلان|"
    r"(?:graduated from|graduate of|studied at) the university of|"
    r"(?:diplome|diplomee|etudes) de l'universite de|(?:تخرج|تخرجت|درس|درست) (?:من|في) جامعه)"
    r"\s+$"
)
# The last words of every phrase above. A place whose preceding words end with none of them
# is no seat, and most are not: the test spares a search of the words before every place.
_SEAT_PHRASE_ENDS = (
    "توقيت", "حكومه", "سلطات", "ربيع", "اعلان", "جامعه", "government in", "authorities in",
    "rulers in", "regime in", "gouvernement de", "pouvoir de", "autorites de", "regime de",
    "armee de", "controle de", "printemps de", "declaration de", "universite de", "control of",
    "university of",
)  # fmt: skip
_SEAT_AFTER = re.compile(
    r"^(?:'s)?\s+(?:time|government|authorities|new rulers|rulers|regime|new leadership|"
    r"leadership|spring|declaration|dossier|files)\b"
)
# A university a biography names after the place: "graduated from Damascus University".
_STUDIED_BEFORE = re.compile(r"(?<!\w)(?:graduated from|graduate of|studied at)\s+$")
_UNIVERSITY_AFTER = re.compile(r"^(?:'s)?\s+university\b")
_SEAT_REACH = 20
_SEAT_BEFORE_REACH = 36  # "graduated from the university of "
# A place opening the article's first lines before a colon, a dash or an agency's name
# ("Damascus - ...", "دمشق (د ب أ) –") is a dateline: where the reporter files from, often
# an agency's bureau in the capital, and so a weak sign of where the event was.
_DATELINE = re.compile(r"(?:,\s*syria)?\s*(?:[:–—-]|\()")
_DATELINE_WEIGHT = 0.25


def _former(sentence: str, offset: int, length: int) -> bool:
    """Whether the regime named at ``offset`` is qualified as the former one."""
    before = sentence[max(0, offset - _FORMER_REACH) : offset]
    after = sentence[offset + length : offset + length + _FORMER_REACH]
    return _FORMER_BEFORE.search(before) is not None or after.startswith(_FORMER_AFTER)


def _seat(sentence: str, offset: int, length: int) -> bool:
    """Whether the place named at ``offset`` stands for a clock or a government."""
    before = sentence[max(0, offset - _SEAT_BEFORE_REACH) : offset]
    after = sentence[offset + length : offset + length + _SEAT_REACH]
    if _SEAT_AFTER.match(after) is not None:
        return True
    if _may_follow_a_seat_phrase(before) and _SEAT_BEFORE.search(before) is not None:
        return True
    return _UNIVERSITY_AFTER.match(after) is not None and _STUDIED_BEFORE.search(before) is not None


def _may_follow_a_seat_phrase(before: str) -> bool:
    """Whether ``before`` could end with a phrase of ``_SEAT_BEFORE``: that pattern ends with
    spaces after one of ``_SEAT_PHRASE_ENDS``."""
    return before[-1:].isspace() and before.rstrip().endswith(_SEAT_PHRASE_ENDS)


def _state(published: str | None, doc: str, named_successors: bool) -> str:
    """Who the state's forces are: by the publication date; for an undated page, the
    transitional authorities when it names them, else by the latest year it states."""
    if published:
        return F.resolve_state(published)
    if named_successors:
        return "transitional_authorities"
    years = [int(y) for y in _YEARS.findall(doc)]
    return F.resolve_state(f"{max(years)}-12-31" if years else None)


def _fact_lengths(rs: RuleSet) -> dict[int, int]:
    """The length of each place and perpetrator term's text, by term id (made once per rule
    set: looked up for every mention)."""
    terms = rs.lexicon.terms
    return F.built_for(  # keyed by the rule set's fact terms, so no whole rule set is kept
        "fact term lengths", rs.fact_terms, lambda: {t: len(terms[t].key) for t in rs.fact_terms}
    )


def _fact_spans(found: dict[int, list[int]], lengths: dict[int, int]) -> list[tuple[int, int, int]]:
    """(offset, length, term id) of the place and perpetrator hits of one sentence, in text
    order, the longer first where two start together (a stable sort: for two terms of the
    same text, the first the matcher reported comes first)."""
    spans = [(o, lengths[t], t) for t, offsets in found.items() if t in lengths for o in offsets]
    if len(spans) > 1:
        spans.sort(key=_by_offset_longest_first)
    return spans


def _by_offset_longest_first(span: tuple[int, int, int]) -> tuple[int, int]:
    return span[0], -span[1]


def _place_and_actor(
    rs: RuleSet,
    published: str | None,
    article: Prepared,
    hits: Hits,
    key_sentences: set[int],
    labelled: bool = True,
) -> tuple[str | None, str | None]:
    """The governorate and the perpetrator named most, weighted by where they are named;
    ``labelled``: the article has a label (else a place named once in passing is none)."""
    folded = article.folded
    places: list[tuple[str, float, int]] = []
    actors: list[tuple[str, float, int]] = []
    fact_terms = rs.fact_terms
    lengths = _fact_lengths(rs)
    by_date: list[tuple[float, int]] = []
    fallen = False  # the Assad government named as the former one
    for index in sorted(hits):
        found = hits[index]
        if fact_terms.isdisjoint(found):
            continue
        weight = 3.0 if index == 0 else 2.0 if index in key_sentences else 1.0
        spans = _fact_spans(found, lengths)
        covered = -1
        for offset, length, term_id in spans:
            short_form = (
                0 <= covered < offset <= covered + 2 and "(" in folded[index][covered:offset]
            )
            if offset < covered or short_form:
                # inside or across a longer place or actor name ("armed opposition factions"
                # holds two), or the short form of the name before it: "... Forces (SDF)"
                covered = max(covered, offset + length)
                continue
            covered = max(covered, offset + length)
            order = index * 10_000 + offset
            if term_id in rs.governorates:
                if _seat(folded[index], offset, length):
                    continue
                origin = _ORIGIN.search(folded[index], max(0, offset - _ORIGIN_REACH), offset)
                factor = 2.0 if origin else 1.0
                if index and offset <= 2 and _DATELINE.match(folded[index], offset + length):
                    factor = _DATELINE_WEIGHT  # where the reporter files from
                places.append((rs.governorates[term_id], weight * factor, order))
                if term_id not in rs.perpetrators:
                    continue  # else a place that names its force too: a prison of the regime
            value, dated = rs.perpetrators[term_id]
            sentence = folded[index]
            if _APPEAL.search(sentence, max(0, offset - _APPEAL_REACH), offset):
                continue  # the addressee of an appeal
            if _AFFILIATION.search(sentence, max(0, offset - _AFFILIATION_REACH), offset):
                # "a member of the regime forces was killed": the victim's side, not the actor
                actors.append((value, weight * _FORMER_WEIGHT, order))
                continue
            if (dated or value == "syrian_regime") and _former(sentence, offset, length):
                # the fallen government, named as background: the actor only when no other is
                actors.append(("syrian_regime", weight * _FORMER_WEIGHT, order))
                fallen = True
                continue
            if dated:
                by_date.append((weight, order))
            elif term_id in rs.governorates:
                # a prison known by its town names who held people there, not who acted:
                # the actor only when no other force is named
                actors.append((value, weight * _FORMER_WEIGHT, order))
            else:
                actors.append((value, weight, order))
    if by_date:
        # an undated page that names the new authorities, or the old regime as fallen, was
        # written after the fall
        named = fallen or any(value == "transitional_authorities" for value, _, _ in actors)
        state = _state(published, article.doc, named)
        actors += [(state, weight, order) for weight, order in by_date]
    governorate = F.pick(places)
    if governorate:
        share, naming = F.share_of(places, governorate)
        if naming >= _NATIONWIDE_PLACES and share <= _NATIONWIDE_SHARE:
            governorate = None  # a report on the whole country: no one governorate dominates
        elif not labelled and _passing(places, governorate):
            governorate = None

    return governorate, F.pick(actors)


def _passing(places: list[tuple[str, float, int]], governorate: str) -> bool:
    """Whether ``governorate`` is named only once, in a body sentence."""
    return sum(w for name, w, _ in places if name == governorate) <= _PASSING_WEIGHT


_YEARS = re.compile(r"(?=[12])(?<!\d)(?:19[89]\d|20[0-3]\d)(?!\d)")


def _dates(
    rs: RuleSet,
    lang: str,
    published: str | None,
    article: Prepared,
) -> dict[str, str]:
    """death_date and arrest_date, each from a date bound to its own event's words.

    Neither waits for a label: an arrest told as background to a death, or a killing by
    shelling, is dated where the article dates it (and the facts do not move when the label
    scoring does).
    """
    dated = E.event_dates(article, lang, rs.months, published)
    return {f"{kind}_date": dated[kind] for kind in (E.DEATH, E.ARREST) if kind in dated}
