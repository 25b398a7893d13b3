"""`raqib eval`: several corpora, folds, halves, hidden items, JSON and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support.evalcorpus import item, make_items, write_jsonl

from crawler.cli import cli


def _eval(*args: str) -> Result:
    return CliRunner().invoke(cli, ["eval", *args])


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[str, str]:
    items = make_items()
    first = write_jsonl(tmp_path / "first.jsonl", items[:10])
    second = write_jsonl(tmp_path / "second.jsonl", items[10:])
    return str(first), str(second)


def test_several_corpora_scored_together_with_corpus_names(corpora: tuple[str, str]) -> None:
    result = _eval(*corpora)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("first: 10 items, second: 9 items\n")
    assert "19 items, 1 with a wrong label set" in result.stdout
    assert "first:alpha-5 [en] expected ['release'] got []" in result.stdout


def test_folds_table_and_hidden_items(corpora: tuple[str, str]) -> None:
    result = _eval("--folds", "source", "--hide-items", *corpora)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Out-of-fold scores, leave one source out (6 folds):" in out
    assert "out-of-fold equals in-sample" in out
    assert "other (4 sources)" in out
    assert "(item ids hidden)" in out
    assert "alpha-5" not in out
    corpus_folds = _eval("--folds", "corpus", *corpora)
    assert "leave one corpus out (2 folds)" in corpus_folds.stdout


def test_json_includes_corpora_split_and_folds(corpora: tuple[str, str]) -> None:
    result = _eval("--json", "--folds", "2", *corpora)
    data = json.loads(result.stdout)
    assert data["corpora"] == {"first": 10, "second": 9}
    assert data["split"] is None
    assert data["wrong"] == [
        {"id": "alpha-5", "lang": "en", "expected": ["release"], "got": [], "corpus": "first"}
    ]
    assert [f["name"] for f in data["folds"]["folds"]] == ["fold 1/2", "fold 2/2"]
    assert "min_f1" in data["folds"]
    plain = json.loads(_eval("--json", *corpora).stdout)
    assert "folds" not in plain
    assert plain["scores"] == data["scores"]  # the rules alone: out of fold = in sample


def test_split_scores_one_fixed_half(corpora: tuple[str, str]) -> None:
    tune = json.loads(_eval("--json", "--split", "tune", *corpora).stdout)
    held = json.loads(_eval("--json", "--split", "heldout", "--hide-items", *corpora).stdout)
    assert tune["items"] + held["items"] == 19
    assert held["split"] == "heldout"
    assert "wrong" not in held
    text = _eval("--split", "tune", *corpora).stdout
    assert "(tune half of the sources)" in text.splitlines()[0]


def _one_line_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_file_is_one_line(tmp_path: Path, corpora: tuple[str, str]) -> None:
    missing = str(tmp_path / "nope.jsonl")
    _one_line_error(_eval(corpora[0], missing), missing, "no such corpus file")


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(item("x", "s", "release")) + "\n\n{not json\n")
    _one_line_error(_eval(str(path)), f"{path}:3:", "not a JSON object")
    path.write_text("[1, 2]\n")
    _one_line_error(_eval(str(path)), f"{path}:1:", "not a JSON object")


def test_item_without_text_names_file_line_and_id(tmp_path: Path) -> None:
    good = item("x", "s", "release")
    path = write_jsonl(tmp_path / "c.jsonl", [good, {**good, "id": "y", "text": " "}])
    _one_line_error(_eval(str(path)), f"{path}:2:", "'y' has no text")
    no_key = {k: v for k, v in good.items() if k != "text"}
    path = write_jsonl(tmp_path / "c.jsonl", [no_key])
    _one_line_error(_eval(str(path)), f"{path}:1:", "'x' has no text")


def test_bad_fold_options_are_one_line(corpora: tuple[str, str]) -> None:
    _one_line_error(_eval("--folds", "1", *corpora), "--folds '1'")
    _one_line_error(_eval("--folds", "50", *corpora), "only 6 sources")


def test_empty_corpus_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n")
    _one_line_error(_eval(str(path)), "no items")


def test_sealed_part_is_counted_but_never_listed(corpora: tuple[str, str]) -> None:
    # alpha, the source of the one wrong item, falls in heldout-b
    sealed = _eval("--seal", "heldout-b", *corpora)
    assert sealed.exit_code == 0, sealed.output
    assert "19 items, 1 with a wrong label set" in sealed.stdout
    assert "(1 of them in a sealed part, not listed)" in sealed.stdout
    assert "alpha-5" not in sealed.stdout
    data = json.loads(_eval("--json", "--seal", "heldout", *corpora).stdout)
    assert data["wrong_count"] == 1
    assert data["sealed_wrong"] == 1
    assert data["wrong"] == []
    folds = _eval("--folds", "source", "--seal", "heldout-b", *corpora)
    assert "alpha-5" not in folds.stdout
    other = _eval("--seal", "heldout-a", "--seal", "tune", *corpora)
    assert "first:alpha-5 [en] expected ['release'] got []" in other.stdout
