"""Precision, recall and F1 per label and per language against gold labels, and fact scores.

Facts are scored where the gold item states them: governorate, perpetrator and the dates by
exact match (accuracy over the gold items that give the key; a prediction on an item whose gold
lacks the key counts as spurious), victims and counts by set overlap (micro precision and
recall; names compared after folding).

Scoring takes the predictions from a ``ClassifyFn`` (item -> Classification); the default is
the rule classifier. ``classifiers.eval_folds`` scores out-of-fold predictions with the same
report. Corpora are read with :func:`load_corpora`, which keeps each item's corpus name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifiers.engine import classify
from classifiers.normalise import fold
from crawler.errors import RaqibError
from crawler.models import LABELS, Classification

EXACT_FACTS: tuple[str, ...] = ("governorate", "perpetrator", "death_date", "arrest_date")
SET_FACTS: tuple[str, ...] = ("victims", "counts")

ClassifyFn = Callable[[dict[str, Any]], Classification]


class EvalError(RaqibError):
    """A corpus cannot be read or an evaluation option is wrong; the message names the file
    and line where there is one. The CLI prints it on one line and exits 2."""


def rule_classify(item: dict[str, Any]) -> Classification:
    """The rule classifier applied to one corpus item."""
    return classify(
        item.get("title") or "", item.get("text") or "", item.get("lang"), item.get("published")
    )


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class ExactScore:
    """One single-valued fact: right, wrong or missing where gold gives it; spurious elsewhere."""

    right: int = 0
    gold: int = 0
    spurious: int = 0
    absent: int = 0  # items whose gold does not give the fact

    @property
    def accuracy(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def clean(self) -> float:
        """The share of the items without the fact in gold that get none: a spurious
        value (a date taken from the wrong event) is an error the accuracy cannot see."""
        return 1.0 - self.spurious / self.absent if self.absent else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "right": self.right,
            "gold": self.gold,
            "spurious": self.spurious,
        }


def _key(value: Any) -> Any:
    return " ".join(fold(value).split()) if isinstance(value, str) else value


def _score_facts(report: EvalReport, gold: dict[str, Any], got: dict[str, Any]) -> None:
    for key in EXACT_FACTS:
        score = report.exact.setdefault(key, ExactScore())
        if key in gold:
            score.gold += 1
            score.right += got.get(key) == gold[key]
        else:
            score.absent += 1
            score.spurious += key in got
    for key in SET_FACTS:
        tally = report.sets.setdefault(key, Tally())
        expected = {_key(v) for v in gold.get(key) or []}
        found = {_key(v) for v in got.get(key) or []}
        tally.tp += len(expected & found)
        tally.fp += len(found - expected)
        tally.fn += len(expected - found)


@dataclass
class EvalReport:
    """Scores per (label, language) and overall per label, plus the items it got wrong."""

    cells: dict[tuple[str, str], Tally] = field(default_factory=dict)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    items: int = 0
    exact: dict[str, ExactScore] = field(default_factory=dict)  # single-valued facts
    sets: dict[str, Tally] = field(default_factory=dict)  # victims, counts
    sealed_wrong: int = 0  # wrong items of a sealed part: counted, never listed

    def seal(self, sealed: Callable[[dict[str, Any]], bool]) -> None:
        """Stop listing the wrong items ``sealed`` picks (a part of the sources no rule may
        be written from); they are still counted."""
        listed = [item for item in self.wrong if not sealed(item)]
        self.sealed_wrong += len(self.wrong) - len(listed)
        self.wrong = listed

    def tally(self, label: str, lang: str) -> Tally:
        return self.cells.setdefault((label, lang), Tally())

    def to_dict(self, hide_items: bool = False) -> dict[str, Any]:
        """The figures; ``hide_items`` leaves out which items were wrong (only their number)."""
        return {
            "items": self.items,
            "scores": {
                f"{label}/{lang}": t.to_dict() for (label, lang), t in sorted(self.cells.items())
            },
            "facts": self.facts_table(),
            "wrong_count": len(self.wrong) + self.sealed_wrong,
            **({"sealed_wrong": self.sealed_wrong} if self.sealed_wrong else {}),
            **({} if hide_items else {"wrong": self.wrong}),
        }

    def label_f1(self, label: str) -> float | None:
        """F1 of one label over every language; None where the label neither occurs in the
        gold labels nor is predicted (an F1 of 1.0 there would say nothing)."""
        t = self.cells.get((label, "all"))
        return None if t is None or t.tp + t.fp + t.fn == 0 else round(t.f1, 4)

    def facts_table(self) -> dict[str, dict[str, Any]]:
        """Per fact key: accuracy (single values) or precision / recall / F1 (lists)."""
        out: dict[str, dict[str, Any]] = {k: s.to_dict() for k, s in self.exact.items()}
        for key, t in self.sets.items():
            out[key] = {k: v for k, v in t.to_dict().items() if k != "support"}
        return out

    def gate_table(self) -> dict[str, float]:
        """The figures the quality gate holds: label F1s, one score per fact key, and for
        the single-valued facts the share of items without one in gold that get none."""
        table = self.f1_table()
        for key, score in self.exact.items():
            table[f"facts/{key}"] = round(score.accuracy, 4)
            table[f"facts/{key}/no_spurious"] = round(score.clean, 4)
        for key, t in self.sets.items():
            table[f"facts/{key}"] = round(t.f1, 4)
        return table

    def f1_table(self) -> dict[str, float]:
        """F1 per 'label/lang' (lang 'all' for every language together), for the gate."""
        return {f"{label}/{lang}": round(t.f1, 4) for (label, lang), t in self.cells.items()}

    def render(self, hide_items: bool = False) -> str:
        """The table; ``hide_items`` prints how many items were wrong but not which."""
        lines = [f"{'label':<24}{'lang':<5}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
        for (label, lang), t in sorted(self.cells.items()):
            lines.append(
                f"{label:<24}{lang:<5}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.support:>9}"
            )
        if self.exact or self.sets:
            lines.append(f"\n{'fact':<24}{'score':>24}")
            for key, score in self.exact.items():
                lines.append(
                    f"{key:<24}  accuracy {score.accuracy:.3f} ({score.right}/{score.gold}, "
                    f"{score.spurious} spurious)"
                )
            for key, t in self.sets.items():
                lines.append(
                    f"{key:<24}  P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f} "
                    f"({t.tp} found, {t.fp} extra, {t.fn} missed)"
                )
        wrong = len(self.wrong) + self.sealed_wrong
        lines.append(f"\n{self.items} items, {wrong} with a wrong label set")
        if self.sealed_wrong:
            lines.append(f"  ({self.sealed_wrong} of them in a sealed part, not listed)")
        if hide_items:
            lines.append("  (item ids hidden)")
            return "\n".join(lines)
        for item in self.wrong:
            where = f"{item['corpus']}:" if "corpus" in item else ""
            lines.append(
                f"  {where}{item['id']} [{item['lang']}] expected {item['expected']} "
                f"got {item['got']}"
            )
        return "\n".join(lines)


def evaluate(
    items: Iterable[dict[str, Any]], classify_fn: ClassifyFn = rule_classify
) -> EvalReport:
    """Classify each item (id, title, text, lang, labels[, published, facts]) and score it."""
    items = list(items)
    return score(items, [classify_fn(item) for item in items])


def score(items: Sequence[dict[str, Any]], predictions: Sequence[Classification]) -> EvalReport:
    """Score predictions made elsewhere (e.g. out of fold) against the items' gold labels."""
    report = EvalReport()
    for item, result in zip(items, predictions, strict=True):
        report.items += 1
        lang = item.get("lang") or "en"
        if isinstance(item.get("facts"), dict):
            _score_facts(report, item["facts"], result.facts)
        gold, got = set(item.get("labels") or []), set(result.labels)
        for label in LABELS:
            for scope in (lang, "all"):
                t = report.tally(label, scope)
                if label in gold and label in got:
                    t.tp += 1
                elif label in got:
                    t.fp += 1
                elif label in gold:
                    t.fn += 1
        if gold != got:
            wrong = {
                "id": item.get("id"),
                "lang": lang,
                "expected": sorted(gold),
                "got": sorted(got),
            }
            if "corpus" in item:
                wrong["corpus"] = item["corpus"]
            report.wrong.append(wrong)
    return report


def load_corpora(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Read JSONL corpora into one list; each item gets ``corpus`` (the file's stem, or its
    path where two files share a stem) so reports can say where an item came from."""
    stems = [Path(p).stem for p in paths]
    items: list[dict[str, Any]] = []
    for path, stem in zip(paths, stems, strict=True):
        name = stem if stems.count(stem) == 1 else str(path)
        items.extend(dict(item, corpus=name) for item in read_corpus(Path(path)))
    return items


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """One JSONL corpus; every line must be a JSON object with a non-empty ``text``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalError(f"{path}: no such corpus file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the corpus ({exc})") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            items.append(_parse_item(line, f"{path}:{number}"))
    if not items:
        raise EvalError(f"{path}: the corpus has no items")
    return items


def _parse_item(line: str, where: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalError(
            f"{where}: not a JSON object ({exc.msg}); each line must be one JSON object"
        ) from None
    if not isinstance(item, dict):
        raise EvalError(f"{where}: not a JSON object; each line must be one JSON object")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvalError(f"{where}: item {item.get('id', '?')!r} has no text")
    return item
