"""Precision, recall and F1 per label and per language against gold labels, and fact scores.

Facts are scored where the gold item states them: governorate, perpetrator and the dates by
exact match (accuracy over the gold items that give the key; a prediction on an item whose gold
lacks the key counts as spurious), victims and counts by set overlap (micro precision and
recall; names compared after folding).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from classifiers.engine import classify
from classifiers.normalise import fold
from crawler.models import LABELS

EXACT_FACTS: tuple[str, ...] = ("governorate", "perpetrator", "death_date", "arrest_date")
SET_FACTS: tuple[str, ...] = ("victims", "counts")


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

    @property
    def accuracy(self) -> float:
        return self.right / self.gold if self.gold else 1.0

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
        elif key in got:
            score.spurious += 1
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

    def tally(self, label: str, lang: str) -> Tally:
        return self.cells.setdefault((label, lang), Tally())

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "scores": {
                f"{label}/{lang}": t.to_dict() for (label, lang), t in sorted(self.cells.items())
            },
            "facts": self.facts_table(),
            "wrong": self.wrong,
        }

    def facts_table(self) -> dict[str, dict[str, Any]]:
        """Per fact key: accuracy (single values) or precision / recall / F1 (lists)."""
        out: dict[str, dict[str, Any]] = {k: s.to_dict() for k, s in self.exact.items()}
        for key, t in self.sets.items():
            out[key] = {k: v for k, v in t.to_dict().items() if k != "support"}
        return out

    def gate_table(self) -> dict[str, float]:
        """The figures the quality gate holds: label F1s plus one score per fact key."""
        table = self.f1_table()
        for key, score in self.exact.items():
            table[f"facts/{key}"] = round(score.accuracy, 4)
        for key, t in self.sets.items():
            table[f"facts/{key}"] = round(t.f1, 4)
        return table

    def f1_table(self) -> dict[str, float]:
        """F1 per 'label/lang' (lang 'all' for every language together), for the gate."""
        return {f"{label}/{lang}": round(t.f1, 4) for (label, lang), t in self.cells.items()}

    def render(self) -> str:
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
        lines.append(f"\n{self.items} items, {len(self.wrong)} with a wrong label set")
        for item in self.wrong:
            lines.append(
                f"  {item['id']} [{item['lang']}] expected {item['expected']} got {item['got']}"
            )
        return "\n".join(lines)


def evaluate(items: Iterable[dict[str, Any]]) -> EvalReport:
    """Classify each item (id, title, text, lang, labels[, published]) and score the labels."""
    report = EvalReport()
    for item in items:
        report.items += 1
        lang = item.get("lang") or "en"
        result = classify(
            item.get("title") or "", item.get("text") or "", item.get("lang"), item.get("published")
        )
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
            report.wrong.append(
                {"id": item.get("id"), "lang": lang, "expected": sorted(gold), "got": sorted(got)}
            )
    return report
