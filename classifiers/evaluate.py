"""Precision, recall and F1 per label and per language against gold labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from classifiers.engine import classify
from crawler.models import LABELS


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
class EvalReport:
    """Scores per (label, language) and overall per label, plus the items it got wrong."""

    cells: dict[tuple[str, str], Tally] = field(default_factory=dict)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    items: int = 0

    def tally(self, label: str, lang: str) -> Tally:
        return self.cells.setdefault((label, lang), Tally())

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "scores": {
                f"{label}/{lang}": t.to_dict() for (label, lang), t in sorted(self.cells.items())
            },
            "wrong": self.wrong,
        }

    def f1_table(self) -> dict[str, float]:
        """F1 per 'label/lang' (lang 'all' for every language together), for the gate."""
        return {f"{label}/{lang}": round(t.f1, 4) for (label, lang), t in self.cells.items()}

    def render(self) -> str:
        lines = [f"{'label':<24}{'lang':<5}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
        for (label, lang), t in sorted(self.cells.items()):
            lines.append(
                f"{label:<24}{lang:<5}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.support:>9}"
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
