"""evaluate() and the eval gate on a tiny corpus written for this test."""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.eval_gate import main
from classifiers.evaluate import evaluate

ITEMS = [
    {
        "id": "a",
        "lang": "en",
        "title": "Detainee dies under torture",
        "text": "A detainee died under torture in a regime prison.",
        "labels": ["torture_death"],
    },
    {
        "id": "b",
        "lang": "en",
        "title": "Football results",
        "text": "The home team won 2-0.",
        "labels": ["release"],
    },
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


def test_fact_scores_exact_and_set_overlap() -> None:
    items = [
        {
            "id": "f1",
            "lang": "en",
            "title": "Detainee dies under torture in Homs",
            "text": "A teacher named as Omar Fadel Rahhal died under torture in a regime prison "
            "in Homs on 2 May 2019.",
            "labels": ["torture_death"],
            "facts": {
                "victims": ["Omar Fadel Rahhal", "Nour Kassem"],
                "governorate": "Homs",
                "perpetrator": "syrian_regime",
                "death_date": "2019-05-01",
            },
        },
        {
            "id": "f2",
            "lang": "en",
            "title": "Weather",
            "text": "Sun over Aleppo all week.",
            "labels": [],
            "facts": {},
        },
    ]
    report = evaluate(items)
    facts = report.facts_table()
    assert facts["governorate"]["accuracy"] == 1.0
    assert facts["perpetrator"]["accuracy"] == 1.0
    assert facts["death_date"] == {"accuracy": 0.0, "right": 0, "gold": 1, "spurious": 0}
    assert facts["victims"]["precision"] == 1.0
    assert facts["victims"]["recall"] == 0.5
    assert report.exact["governorate"].spurious == 1  # Aleppo in an item whose gold has none
    assert "victims" in report.render()
    assert report.gate_table()["facts/victims"] == round(2 / 3, 4)
    assert report.to_dict()["facts"]["governorate"]["gold"] == 1


def test_gate_holds_fact_scores(tmp_path: Path) -> None:
    items = [dict(ITEMS[0], facts={"perpetrator": "syrian_regime"})]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(items[0]))
    baseline = tmp_path / "b.json"
    assert main([str(corpus), "--baseline", str(baseline), "--write-baseline"]) == 0
    figures = json.loads(baseline.read_text())
    assert figures["facts/perpetrator"] == 1.0
    items[0]["facts"]["perpetrator"] = "isis"
    corpus.write_text(json.dumps(items[0]))
    assert main([str(corpus), "--baseline", str(baseline)]) == 1
