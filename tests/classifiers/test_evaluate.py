"""evaluate() and the eval gate on a tiny corpus written for this test."""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.eval_gate import main
from classifiers.evaluate import evaluate

ITEMS = [
    {"id": "a", "lang": "en", "title": "Detainee dies under torture",
     "text": "A detainee died under torture in a regime prison.", "labels": ["torture_death"]},
    {"id": "b", "lang": "en", "title": "Football results", "text": "The home team won 2-0.",
     "labels": ["release"]},
]


def test_evaluate_scores_and_lists_wrong_items() -> None:
    report = evaluate(ITEMS)
    assert report.cells[("torture_death", "en")].f1 == 1.0
    assert report.cells[("release", "en")].recall == 0.0
    assert report.wrong == [{"id": "b", "lang": "en", "expected": ["release"], "got": []}]
    assert "torture_death" in report.render()
    assert report.to_dict()["items"] == 2


def test_gate_writes_baseline_then_fails_on_drop(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(i) for i in ITEMS))
    baseline = tmp_path / "b.json"
    assert main([str(corpus), "--baseline", str(baseline), "--write-baseline"]) == 0
    assert main([str(corpus), "--baseline", str(baseline)]) == 0
    figures = json.loads(baseline.read_text())
    figures["release/en"] = 0.9
    baseline.write_text(json.dumps(figures))
    assert main([str(corpus), "--baseline", str(baseline)]) == 1
