"""Folds grouped by source, out-of-fold scoring with a pluggable fitted stage, fixed halves."""

from __future__ import annotations

import random
from typing import Any

import pytest
from support.evalcorpus import SIZES, make_items

from classifiers.eval_folds import (
    MIN_GROUP_ITEMS,
    assign_folds,
    evaluate_folds,
    held_part_of,
    parse_folds,
    rules_fit,
    select_split,
    source_groups,
    source_of,
    split_of,
)
from classifiers.evaluate import ClassifyFn, EvalError, evaluate
from crawler.models import Classification


def _fold_sources(items: list[dict[str, Any]], mode: str | int) -> list[set[str]]:
    return [{source_of(items[i]) for i in fold.indices} for fold in assign_folds(items, mode)]


@pytest.mark.parametrize("mode", ["source", "corpus", 2, 3, 6])
def test_every_item_in_exactly_one_fold_and_no_source_split(mode: str | int) -> None:
    items = make_items()
    for k, item in enumerate(items):
        item["corpus"] = "a" if k % 2 else "b"  # corpora cut across sources
    folds = assign_folds(items, mode)
    held = sorted(i for fold in folds for i in fold.indices)
    assert held == list(range(len(items)))
    if mode != "corpus":
        sources = _fold_sources(items, mode)
        for a in range(len(sources)):
            for b in range(a + 1, len(sources)):
                assert not sources[a] & sources[b]


def test_leave_one_source_out_holds_each_source_once() -> None:
    items = make_items()
    folds = assign_folds(items, "source")
    assert [fold.name for fold in folds] == sorted(SIZES)
    assert all(len(fold.indices) == SIZES[fold.name] for fold in folds)


def test_n_folds_balanced_by_items_and_deterministic() -> None:
    sizes = {"a": 5, "b": 4, "c": 3, "d": 2, "e": 2, "f": 1}
    items = make_items(sizes)
    folds = assign_folds(items, 2)
    # largest first, each to the lighter fold: a | b, c | d, e (tie -> first) | f
    assert [fold.sources for fold in folds] == [("a", "d", "e"), ("b", "c", "f")]
    assert [len(fold.indices) for fold in folds] == [9, 8]
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    assert _fold_sources(shuffled, 3) == _fold_sources(items, 3)
    assert assign_folds(items, 3) == assign_folds(items, 3)


def test_fold_options_are_checked() -> None:
    assert parse_folds("source") == "source"
    assert parse_folds("corpus") == "corpus"
    assert parse_folds("4") == 4
    for bad in ("1", "0", "-3", "sources", ""):
        with pytest.raises(EvalError, match="--folds"):
            parse_folds(bad)
    with pytest.raises(EvalError, match="only 6 sources"):
        assign_folds(make_items(), 7)
    with pytest.raises(EvalError, match="one corpus only"):
        assign_folds([dict(i, corpus="dev") for i in make_items()], "corpus")
    with pytest.raises(EvalError, match="one source only"):
        assign_folds(make_items({"alpha": 3}), "source")


def test_rules_alone_out_of_fold_equals_in_sample() -> None:
    items = make_items()
    report = evaluate_folds(items, assign_folds(items, "source"), mode="source")
    assert report.pooled.to_dict() == evaluate(items).to_dict()
    assert report.in_sample.to_dict() == report.pooled.to_dict()
    assert report.rules_only
    text = report.render()
    assert "leave one source out (6 folds)" in text
    assert "with the\nrules alone out-of-fold equals in-sample" in text


def _memoriser(seen: list[set[str]]) -> Any:
    """A fit that learns nothing but the gold labels of its training items, by text."""

    def fit(train: list[dict[str, Any]]) -> ClassifyFn:
        seen.append({source_of(item) for item in train})
        memory = {item["text"]: tuple(item["labels"]) for item in train}
        return lambda item: Classification(labels=memory.get(item["text"], ()))

    return fit


def test_a_memorising_fit_scores_perfectly_in_sample_but_not_out_of_fold() -> None:
    items = make_items()
    seen: list[set[str]] = []
    folds = assign_folds(items, 3)
    report = evaluate_folds(items, folds, fit=_memoriser(seen), mode=3)
    assert report.in_sample.label_f1("release") == 1.0
    assert not report.in_sample.wrong
    # each item's text is unique, so nothing held out was memorised: no label is found
    assert all(report.pooled.label_f1(label) == 0.0 for label in ("release", "torture_death"))
    assert len(report.pooled.wrong) == sum(1 for item in items if item["labels"])
    assert not report.rules_only
    assert "equals in-sample" not in report.render()
    # the fit saw, for each fold, every source but that fold's own (then all, in sample)
    for fold, train_sources in zip(folds, seen, strict=False):
        assert not train_sources & set(fold.sources)
        assert train_sources | set(fold.sources) == set(SIZES)
    assert seen[-1] == set(SIZES)


def test_a_reprint_in_another_source_carries_memorised_labels_over() -> None:
    items = make_items({"a": 2, "b": 2})
    items[2]["text"] = items[0]["text"]  # a reprint of a-0 in source b
    items[2]["labels"] = items[0]["labels"]
    report = evaluate_folds(items, assign_folds(items, "source"), fit=_memoriser([]))
    # a-0 and b-0 are learnt from each other's source; a-1 and b-1 have nothing to match
    assert {w["id"] for w in report.pooled.wrong} == {"a-1", "b-1"}


def test_per_source_table_and_lowest_fold_f1() -> None:
    items = make_items()
    groups = source_groups(items)
    assert [(name, len(ix), n) for name, ix, n in groups] == [
        ("alpha", 6, 1),
        ("beta", 5, 1),
        ("other", 8, 4),
    ]
    report = evaluate_folds(items, assign_folds(items, "source"), mode="source")
    by_name = {part.name: part for part in report.groups}
    assert by_name["alpha"].f1["release"] == round(2 * 0.5 / 1.5, 4)  # 1 of 2 releases found
    assert by_name["beta"].f1["release"] == 1.0
    assert by_name["other"].sources == 4
    low = report.min_f1()
    assert low["release"] == {"f1": by_name["alpha"].f1["release"], "fold": "alpha"}
    # folds under MIN_GROUP_ITEMS items never give the minimum
    assert all(low[label]["fold"] in ("alpha", "beta") for label in low if low[label])
    assert all(part.items >= MIN_GROUP_ITEMS for part in report.groups[:2])
    text = report.render()
    assert "other (4 sources)" in text
    assert "release                 0.667 (alpha)" in text


def test_json_has_fold_data_and_can_hide_items() -> None:
    items = make_items()
    report = evaluate_folds(items, assign_folds(items, 2), mode=2)
    data = report.to_dict()
    assert data["wrong"][0]["id"] == "alpha-5"
    assert data["folds"]["mode"] == 2
    assert [f["name"] for f in data["folds"]["folds"]] == ["fold 1/2", "fold 2/2"]
    assert data["folds"]["sources"][0]["name"] == "alpha"
    assert set(data["folds"]["min_f1"]) == {
        "torture_death",
        "enforced_disappearance",
        "arbitrary_arrest",
        "release",
    }
    assert (
        data["folds"]["in_sample"]["scores"]["release/all"] == data["scores"]["release/all"]["f1"]
    )
    hidden = report.to_dict(hide_items=True)
    assert "wrong" not in hidden
    assert hidden["wrong_count"] == 1
    assert "alpha-5" not in report.render(hide_items=True)
    assert "alpha-5" in report.render()


def test_split_halves_are_fixed_and_disjoint() -> None:
    items = make_items()
    tune, held = select_split(items, "tune"), select_split(items, "heldout")
    assert len(tune) + len(held) == len(items)
    assert not {source_of(i) for i in tune} & {source_of(i) for i in held}
    # pinned: a change of the hash or of the order of the halves would move every source
    assert [split_of(s) for s in ("snhr", "sohr", "alkarama", "other:zeta")] == [
        "tune",
        "heldout",
        "heldout",
        "tune",
    ]
    with pytest.raises(EvalError, match="--split"):
        select_split(items, "train")


def test_heldout_half_is_cut_in_two_fixed_parts() -> None:
    sources = [f"outlet-{n}" for n in range(40)]
    items = [{"source": s, "labels": [], "text": "x"} for s in sources]
    held = {source_of(i) for i in select_split(items, "heldout")}
    part_a = {source_of(i) for i in select_split(items, "heldout-a")}
    part_b = {source_of(i) for i in select_split(items, "heldout-b")}
    assert part_a
    assert part_b
    assert part_a | part_b == held
    assert not part_a & part_b
    assert not (part_a | part_b) & {source_of(i) for i in select_split(items, "tune")}
    # pinned like the halves: moving a source between parts would unseal it
    assert [held_part_of(s) for s in ("snhr", "sohr", "alkarama")] == [
        None,
        "heldout-a",
        "heldout-b",
    ]


def test_rules_fit_ignores_training_items() -> None:
    assert rules_fit([]) is rules_fit(make_items())


def test_fold_table_shown_when_folds_are_not_sources() -> None:
    items = make_items()
    by_folds = evaluate_folds(items, assign_folds(items, 2), mode=2).render()
    assert "F1 per label per fold:" in by_folds
    assert "fold 1/2 (" in by_folds
    by_source = evaluate_folds(items, assign_folds(items, "source"), mode="source").render()
    assert "F1 per label per fold:" not in by_source
