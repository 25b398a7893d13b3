"""evaluate() and the eval gate on a tiny corpus written for this test."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

import pytest
from support.evalcorpus import make_items, write_jsonl

from classifiers.eval_gate import baseline_for, main
from classifiers.evaluate import evaluate
from crawler.models import Classification

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
            "title": "Weather in Aleppo",
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
    # f2 gives no governorate in gold and gets Aleppo: one spurious of one such item
    assert report.gate_table()["facts/governorate/no_spurious"] == 0.0
    assert report.gate_table()["facts/perpetrator/no_spurious"] == 1.0
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


def _two_corpora(tmp_path: Path) -> tuple[str, str]:
    items = make_items()
    dev = write_jsonl(tmp_path / "dev.jsonl", items[:10])
    dev2 = write_jsonl(tmp_path / "dev2.jsonl", items[10:])
    return str(dev), str(dev2)


def test_baseline_file_per_corpus(tmp_path: Path) -> None:
    assert baseline_for(Path("../shared/corpus/dev.jsonl")).name == "eval_baseline.json"
    assert baseline_for(Path("x/dev2.jsonl"), tmp_path) == tmp_path / "eval_baseline_dev2.json"


def test_gate_on_several_corpora_passes_then_fails_on_a_drop_in_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev, dev2 = _two_corpora(tmp_path)
    where = ["--baseline-dir", str(tmp_path)]
    assert main([dev, dev2, *where, "--write-baseline"]) == 0
    assert (tmp_path / "eval_baseline.json").exists()
    assert main([dev, dev2, *where]) == 0
    assert "quality gate passed" in capsys.readouterr().out
    path = tmp_path / "eval_baseline.json"  # dev's
    figures = json.loads(path.read_text())
    assert figures["release/all"] == 0.8
    figures["release/all"] = 0.85  # raised above what dev gives: a drop on dev only
    path.write_text(json.dumps(figures))
    assert main([dev, dev2, *where]) == 1
    out = capsys.readouterr().out
    assert "dev2.jsonl: passed" in out
    assert "QUALITY GATE FAILED:\n  dev.jsonl: release/all: 0.8000 < baseline 0.8500\n" in out


def test_gate_fails_when_the_classifier_gets_worse(tmp_path: Path) -> None:
    """The same corpus and baseline, with a worse classifier: the gate must catch it."""
    dev, _ = _two_corpora(tmp_path)
    where = ["--baseline-dir", str(tmp_path)]
    assert main([dev, *where, "--write-baseline"]) == 0
    with patch("classifiers.evaluate.classify", return_value=Classification()):
        assert main([dev, *where]) == 1


def test_gate_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dev, dev2 = _two_corpora(tmp_path)
    assert main([dev, "--baseline-dir", str(tmp_path)]) == 2
    assert "no baseline at" in capsys.readouterr().err
    assert main([dev, dev2, "--baseline", str(tmp_path / "b.json")]) == 2
    missing = str(tmp_path / "missing.jsonl")
    assert main([missing, "--baseline-dir", str(tmp_path), "--write-baseline"]) == 2
    err = capsys.readouterr().err
    assert f"error: {missing}: no such corpus file" in err
