"""Load, validate and compile the rule files in ``classifiers/rules/``.

Rule files are data a researcher can read and edit (see ``rules/README.md``).
Every problem is reported as a :class:`RuleError` naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import ahocorasick

from classifiers.errors import RuleError
from classifiers.normalise import fold
from crawler.models import LABELS, LANGS

RULES_DIR = Path(__file__).parent / "rules"

_GROUP_KEYS = {"name", "weight", "terms", "and", "window", "not", "lead_only", "specific"}
_LABEL_KEYS = {"label", "lang", "threshold", "discard", "group", "negation_scope", "and_anchors"}
_CONTEXT_KEYS = {
    "lang",
    "discard",
    "hedge",
    "tally",
    "report",
    "lead_sentences",
    "tally_number",
    "negation",
    "negation_after",
    "negation_window",
    "false_friends",
    "participants",
    "denial",
    "work_nouns",
    "work_verbs",
    "work_window",
    "work_verb_first",
}
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True)
class Term:
    """One searchable term: its folded text, and whether it may be followed by more letters."""

    id: int
    key: str
    wildcard: bool
    arabic: bool


# How the matcher checks the end of a hit: the key ends with a separator; the term may run on
# (Latin ``tortur*``); an Arabic term, which may carry a suffix.
WHOLE_WORD, RUNS_ON, ARABIC = 0, 1, 2
# (term length, term ids, ids of those that may run on, one of the three kinds above)
Entry = tuple[int, tuple[int, ...], tuple[int, ...], int]


@dataclass
class Lexicon:
    """Every term of every rule file, compiled into one Aho-Corasick automaton."""

    terms: list[Term] = field(default_factory=list)
    _ids: dict[tuple[str, bool], int] = field(default_factory=dict)
    automaton: Any = None

    def add(self, raw: str) -> int:
        wildcard = raw.endswith("*")
        key = fold(raw.rstrip("*")).strip()
        key = re.sub(r"\s+", " ", key)
        found = self._ids.get((key, wildcard))
        if found is not None:
            return found
        term = Term(len(self.terms), key, wildcard, bool(_ARABIC_RE.search(key)))
        self.terms.append(term)
        self._ids[(key, wildcard)] = term.id
        return term.id

    def compile(self, prefixes: Iterable[str] = ("",)) -> None:
        """Build the automaton over the word view of :func:`word_view`.

        The matcher gives the automaton the view with its line breaks as spaces, so every key
        starts with a space (one key where a space and a line break needed two: the automaton
        is half the size): a term only starts at a word boundary and the automaton never
        reports "he" inside "the". Latin whole-word keys end with a space too, so "he" is not
        reported at the start of "help". Arabic terms may take clitics on both sides: they get
        one key per allowed prefix (" وال" + term), and the matcher checks the letters after
        them against the suffixes.
        Each key's value: a tuple of :data:`Entry` (one per term text the key can stand for).
        """
        by_key: dict[str, list[int]] = {}
        for term in self.terms:
            by_key.setdefault(term.key, []).append(term.id)
        entries: dict[str, list[Entry]] = {}
        for key, ids in by_key.items():
            wild = tuple(i for i in ids if self.terms[i].wildcard)
            view = word_view(key).strip(" ")
            if self.terms[ids[0]].arabic:
                entry = (len(view), tuple(ids), wild, ARABIC)
                keys = [" " + prefix + view for prefix in prefixes]
            elif wild:
                entry = (len(view), tuple(ids), wild, RUNS_ON)
                keys = [" " + view]
            else:
                entry = (len(view), tuple(ids), (), WHOLE_WORD)
                keys = [" " + view + " "]
            for k in keys:
                entries.setdefault(k, []).append(entry)
        automaton = ahocorasick.Automaton()
        for k, values in entries.items():
            automaton.add_word(k, tuple(values))
        automaton.make_automaton()
        self.automaton = automaton


_ASCII_VIEW = bytes(b if chr(b).isalnum() or b == 10 or b >= 0x80 else 0x20 for b in range(256))
# Non-ASCII characters that are neither letters nor digits (« » ، — …): few in any text.
_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")


def word_view(folded: str) -> str:
    """``folded`` with every character that is not a letter, digit or line break as a space.

    Same length as its input, so offsets in the view are offsets in the text. The ASCII
    punctuation is blanked on the text's UTF-8 bytes (``bytes.translate`` is a table look-up
    per byte, less than half the cost of ``str.translate`` even on ASCII text; multi-byte
    characters are left whole), then the few non-ASCII separators of a non-ASCII text are
    replaced one character at a time.
    """
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_VIEW).decode("ascii")
    view = folded.encode().translate(_ASCII_VIEW).decode()
    for char in set(_NON_ASCII_SEPARATOR.findall(view)):
        view = view.replace(char, " ")
    return view


@dataclass(frozen=True)
class Group:
    """Sentence-level rule: every OR-set must match (within ``window`` words if set)."""

    name: str
    weight: float
    sets: tuple[frozenset[int], ...]
    window: int
    veto: frozenset[int]
    lead_only: bool
    specific: bool = False  # counts only in a sentence that counts or points at its people


@dataclass(frozen=True)
class LabelRules:
    label: str
    lang: str
    threshold: float
    discard: frozenset[int]
    groups: tuple[Group, ...]
    path: str
    negation_scope: bool = True  # false where the event is itself told by a negation ("no news")
    and_anchors: bool = True  # a group's "and" lists give the event's agent, place or reason


@dataclass(frozen=True)
class Context:
    """Per-language sentence context: discard (generic/normative), hedges, tally cues."""

    discard: frozenset[int]
    hedge: frozenset[int]
    tally: frozenset[int]
    lead_sentences: int
    tally_number: int  # a body sentence stating a number this large is a tally
    report: frozenset[int] = frozenset()  # "the report", تقرير: a tally that is the subject
    negation: frozenset[int] = frozenset()  # "not", "if", لم: cancel an event term just after
    negation_after: frozenset[int] = frozenset()  # "d'aucune personne": cancel one just before
    negation_window: int = 4  # words between a negation and the event term it cancels
    false_friends: frozenset[int] = (
        frozenset()
    )  # "release date": the event words inside mean nothing
    participants: frozenset[int] = frozenset()  # "he", "the young man": who an event befell
    denial: frozenset[int] = frozenset()  # "devoid of truth": a headline denying a report
    # a work (a film, a novel, a biography) as the subject of a telling verb within
    # ``work_window`` words: the sentence tells the story of the work, not a reported event
    work_nouns: frozenset[int] = frozenset()
    work_verbs: frozenset[int] = frozenset()
    work_window: int = 0
    work_verb_first: bool = False  # the verb may also come first ("تروي الرواية": verb-subject)


@dataclass(frozen=True)
class NumberWords:
    """Numbers written as words in one language (``rules/shared/number_words.toml``), all
    folded."""

    numbers: dict[str, int]
    thousands: tuple[str, ...]
    people: tuple[str, ...]
    of: tuple[str, ...]
    terms: frozenset[int] = frozenset()  # the numbers' term ids in the lexicon


@dataclass(eq=False)  # hashed by identity: caches keyed on the loaded rules
class RuleSet:
    lexicon: Lexicon
    labels: dict[str, list[LabelRules]]  # lang -> rules per label
    context: dict[str, Context]
    governorates: dict[int, str]  # term id -> governorate
    perpetrators: dict[int, tuple[str, bool]]  # term id -> (value, resolved by date)
    months: dict[str, int]  # folded month name -> month number
    prefixes: frozenset[str]  # Arabic clitic prefixes allowed before a term
    suffixes: frozenset[str]  # Arabic pronoun/plural suffixes allowed after a term
    fact_terms: frozenset[int] = frozenset()  # ids of place and perpetrator terms
    victim_cues: dict[str, frozenset[int]] = field(default_factory=dict)  # lang -> term ids
    number_words: dict[str, NumberWords] = field(default_factory=dict)  # lang -> words
    keys: list[str] = field(default_factory=list)  # each term's folded text, by term id


def _line_of(raw: str, needle: str) -> int | None:
    for number, line in enumerate(raw.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    raw = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise RuleError(
            f"not valid TOML ({exc}); check quotes, commas and brackets on that line",
            path=str(path),
            line=int(match.group(1)) if match else None,
        ) from exc


def _terms(value: Any, *, path: Path, raw: str, key: str, lexicon: Lexicon) -> frozenset[int]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise RuleError(
            f'\'{key}\' must be a list of non-empty quoted terms, e.g. {key} = ["died", "killed"]',
            path=str(path),
            line=_line_of(raw, key),
        )
    ids = set()
    for term in value:
        if not fold(term.rstrip("*")).strip():
            raise RuleError(
                f"term {term!r} in '{key}' is empty once folded; remove it",
                path=str(path),
                line=_line_of(raw, term),
            )
        ids.add(lexicon.add(term))
    return frozenset(ids)


def _unknown(data: dict[str, Any], allowed: set[str], *, path: Path, raw: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise RuleError(
                f"unknown key '{key}' in {what}; allowed keys: {', '.join(sorted(allowed))}",
                path=str(path),
                line=_line_of(raw, key),
            )


def _number(value: Any, *, path: Path, raw: str, key: str, minimum: float = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise RuleError(
            f"'{key}' must be a number ≥ {minimum:g}, not {value!r}",
            path=str(path),
            line=_line_of(raw, key),
        )
    return float(value)


def load_label_file(path: Path, lexicon: Lexicon) -> LabelRules:
    data, raw = _read(path)
    _unknown(data, _LABEL_KEYS, path=path, raw=raw, what="a label rule file")
    label = data.get("label")
    if label not in LABELS:
        raise RuleError(
            f"'label' must be one of {', '.join(LABELS)}, not {label!r}",
            path=str(path),
            line=_line_of(raw, "label"),
        )
    lang = data.get("lang")
    if lang not in LANGS:
        raise RuleError(
            f"'lang' must be one of {', '.join(LANGS)}, not {lang!r}",
            path=str(path),
            line=_line_of(raw, "lang"),
        )
    threshold = _number(data.get("threshold"), path=path, raw=raw, key="threshold", minimum=0.1)
    discard = _terms(data.get("discard", []), path=path, raw=raw, key="discard", lexicon=lexicon)
    groups = []
    raw_groups = data.get("group")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise RuleError(
            "a label file needs at least one [[group]] table with terms",
            path=str(path),
            line=_line_of(raw, "[[group]]"),
        )
    for g in raw_groups:
        name = g.get("name")
        if not isinstance(name, str) or not name:
            raise RuleError(
                'every [[group]] needs a name = "..." saying what it catches',
                path=str(path),
                line=_line_of(raw, "[[group]]"),
            )
        _unknown(g, _GROUP_KEYS, path=path, raw=raw, what=f"group '{name}'")
        sets = [_terms(g.get("terms"), path=path, raw=raw, key="terms", lexicon=lexicon)]
        extra = g.get("and", [])
        if not isinstance(extra, list):
            raise RuleError(
                f"group '{name}': 'and' must be a list of term lists, e.g. and = [[\"a\", \"b\"]]",
                path=str(path),
                line=_line_of(raw, "and ="),
            )
        for other in extra:
            sets.append(_terms(other, path=path, raw=raw, key="and", lexicon=lexicon))
        groups.append(
            Group(
                name=name,
                weight=_number(g.get("weight", 1), path=path, raw=raw, key="weight"),
                sets=tuple(sets),
                window=int(_number(g.get("window", 0), path=path, raw=raw, key="window")),
                veto=_terms(g.get("not", []), path=path, raw=raw, key="not", lexicon=lexicon),
                lead_only=bool(g.get("lead_only", False)),
                specific=bool(g.get("specific", False)),
            )
        )
    switches = []
    for key in ("negation_scope", "and_anchors"):
        value = data.get(key, True)
        if not isinstance(value, bool):
            raise RuleError(
                f"'{key}' must be true or false, not {value!r}",
                path=str(path),
                line=_line_of(raw, key),
            )
        switches.append(value)
    return LabelRules(label, lang, threshold, discard, tuple(groups), str(path), *switches)


def _flag(data: dict, key: str, *, path: Path, raw: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(
            f"'{key}' must be true or false, not {value!r}", path=str(path), line=_line_of(raw, key)
        )
    return value


def load_context(path: Path, lexicon: Lexicon) -> Context:
    data, raw = _read(path)
    _unknown(data, _CONTEXT_KEYS, path=path, raw=raw, what="a context file")

    def terms(key: str) -> frozenset[int]:
        return _terms(data.get(key, []), path=path, raw=raw, key=key, lexicon=lexicon)

    lead = int(_number(data.get("lead_sentences", 2), path=path, raw=raw, key="lead_sentences"))
    big = int(_number(data.get("tally_number", 1000), path=path, raw=raw, key="tally_number"))
    window = int(_number(data.get("negation_window", 4), path=path, raw=raw, key="negation_window"))
    return Context(
        terms("discard"),
        terms("hedge"),
        terms("tally"),
        lead,
        big,
        terms("report"),
        terms("negation"),
        terms("negation_after"),
        window,
        terms("false_friends"),
        terms("participants"),
        terms("denial"),
        terms("work_nouns"),
        terms("work_verbs"),
        int(_number(data.get("work_window", 0), path=path, raw=raw, key="work_window")),
        _flag(data, "work_verb_first", path=path, raw=raw),
    )


def _load_governorates(path: Path, lexicon: Lexicon) -> dict[int, str]:
    data, raw = _read(path)
    from classifiers.facts import GOVERNORATES

    out: dict[int, str] = {}
    for name, entry in data.items():
        if name not in GOVERNORATES:
            raise RuleError(
                f"'{name}' is not one of the 14 governorates ({', '.join(GOVERNORATES)})",
                path=str(path),
                line=_line_of(raw, name),
            )
        if not isinstance(entry, dict):
            raise RuleError(
                f"'{name}' must be a table with places = [...]",
                path=str(path),
                line=_line_of(raw, name),
            )
        _unknown(entry, {"places"}, path=path, raw=raw, what=f"governorate '{name}'")
        for term_id in _terms(
            entry.get("places"), path=path, raw=raw, key="places", lexicon=lexicon
        ):
            out[term_id] = name
    return out


def _load_perpetrators(path: Path, lexicon: Lexicon) -> dict[int, tuple[str, bool]]:
    data, raw = _read(path)
    from classifiers.facts import PERPETRATORS

    out: dict[int, tuple[str, bool]] = {}
    for name, entry in data.items():
        if name not in PERPETRATORS and name != "state_by_date":
            raise RuleError(
                f"'{name}' is not a perpetrator value; use one of {', '.join(PERPETRATORS)}"
                " or state_by_date",
                path=str(path),
                line=_line_of(raw, name),
            )
        _unknown(entry, {"terms"}, path=path, raw=raw, what=f"perpetrator '{name}'")
        for term_id in _terms(entry.get("terms"), path=path, raw=raw, key="terms", lexicon=lexicon):
            out[term_id] = (name, name == "state_by_date")
    return out


def _load_months(path: Path) -> dict[str, int]:
    data, raw = _read(path)
    out: dict[str, int] = {}
    for lang, table in data.items():
        if not isinstance(table, dict):
            raise RuleError(
                f"[{lang}] must be a table of month = [names]",
                path=str(path),
                line=_line_of(raw, lang),
            )
        for number, names in table.items():
            if not number.isdigit() or not 1 <= int(number) <= 12:
                raise RuleError(
                    f'month key must be "1".."12", not {number!r}',
                    path=str(path),
                    line=_line_of(raw, number),
                )
            for name in names:
                out[fold(name)] = int(number)
    return out


def _load_number_words(path: Path) -> dict[str, NumberWords]:
    data, raw = _read(path)
    out: dict[str, NumberWords] = {}
    for lang, table in data.items():
        where = f"[{lang}] of the number words file"
        if lang not in LANGS or not isinstance(table, dict):
            raise RuleError(
                f"{where}: a table per language ({', '.join(LANGS)}) is expected",
                path=str(path),
                line=_line_of(raw, lang),
            )
        _unknown(table, {"numbers", "thousands", "people", "of"}, path=path, raw=raw, what=where)
        numbers = table.get("numbers")
        if not isinstance(numbers, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 1 for v in numbers.values()
        ):
            raise RuleError(
                f"{where}: 'numbers' must map words to whole numbers above 1",
                path=str(path),
                line=_line_of(raw, "numbers"),
            )
        lists = []
        for key in ("thousands", "people", "of"):
            words = table.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise RuleError(
                    f"{where}: '{key}' must be a list of quoted words",
                    path=str(path),
                    line=_line_of(raw, key),
                )
            lists.append(tuple(fold(w) for w in words))
        thousands, people, of = lists
        out[lang] = NumberWords({fold(k): v for k, v in numbers.items()}, thousands, people, of)
    return out


def _load_clitics(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    data, raw = _read(path)
    _unknown(data, {"prefixes", "suffixes"}, path=path, raw=raw, what="the clitics file")
    out = []
    for key in ("prefixes", "suffixes"):
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RuleError(
                f"'{key}' must be a list of quoted Arabic strings",
                path=str(path),
                line=_line_of(raw, key),
            )
        out.append(frozenset(fold(v) for v in values) | {""})
    return out[0], out[1]


def load_rules(root: Path = RULES_DIR) -> RuleSet:
    """Read and validate every rule file under ``root`` and compile one automaton."""
    lexicon = Lexicon()
    labels: dict[str, list[LabelRules]] = {}
    context: dict[str, Context] = {}
    for lang in LANGS:
        folder = root / lang
        rules = []
        for label in LABELS:
            path = folder / f"{label}.toml"
            if path.exists():
                loaded = load_label_file(path, lexicon)
                if loaded.label != label or loaded.lang != lang:
                    raise RuleError(
                        f"file declares label={loaded.label!r} lang={loaded.lang!r}; its name "
                        f"and folder say {label!r} {lang!r} — rename the file or fix the header",
                        path=str(path),
                        line=1,
                    )
                rules.append(loaded)
        labels[lang] = rules
        ctx_path = folder / "context.toml"
        context[lang] = (
            load_context(ctx_path, lexicon)
            if ctx_path.exists()
            else Context(frozenset(), frozenset(), frozenset(), 2, 1000)
        )
    shared = root / "shared"
    governorates = _load_governorates(shared / "gazetteer.toml", lexicon)
    perpetrators = _load_perpetrators(shared / "perpetrators.toml", lexicon)
    months = _load_months(shared / "months.toml")
    number_words = {
        lang: replace(words, terms=frozenset(lexicon.add(w) for w in words.numbers))
        for lang, words in _load_number_words(shared / "number_words.toml").items()
    }
    prefixes, suffixes = _load_clitics(shared / "arabic_clitics.toml")
    from classifiers.victims import VICTIM_CUES

    cues = {lang: frozenset(lexicon.add(w) for w in words) for lang, words in VICTIM_CUES.items()}
    lexicon.compile(sorted(prefixes))
    return RuleSet(
        lexicon,
        labels,
        context,
        governorates,
        perpetrators,
        months,
        prefixes,
        suffixes,
        frozenset(governorates) | frozenset(perpetrators),
        cues,
        number_words,
        [term.key for term in lexicon.terms],
    )


def iter_rule_files(root: Path = RULES_DIR) -> Iterable[Path]:
    return sorted(root.rglob("*.toml"))
