"""Out-of-fold evaluation grouped by source: generalisation measured, not assumed.

Items are grouped by ``source`` (the outlet) and a whole group is always held out together,
so a fold never scores an outlet whose items were also in its training part:

* ``source``: leave one source out (each distinct source is held out once);
* ``corpus``: leave one corpus out (each file given to ``raqib eval``);
* ``N``: N folds, whole sources assigned to the fold with the fewest items so far (largest
  sources first, ties by name), so the folds are balanced by item count and deterministic.

``evaluate_folds(items, folds, fit)`` calls ``fit(train_items)`` once per fold and scores the
classifier it returns on the held-out items only. The default fit ignores its training items
and returns the rule classifier: the rules are fitted by people, not by code, so with the
rules alone the out-of-fold scores equal the in-sample ones. They differ once a stage fitted
from data (thresholds, a learnt model) is plugged in as ``fit``; then the gap between the
two is the optimism of the in-sample figure. What the folds show with the rules alone is the
spread over outlets: the per-source table and the lowest per-fold F1.

``split_of(source)`` gives a fixed tune / held-out half of the sources (by a hash of the
source name, so a new source never moves an old one), for a rules author who tunes on one
half and measures on the other without seeing its errors. Once the errors left on ``tune``
are spent, the held-out half is cut again by the next byte of the same hash:
``heldout-a`` is opened for the next round of tuning and ``heldout-b`` stays sealed, so
there is always a part of the sources no rule was written from.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from classifiers.evaluate import ClassifyFn, EvalError, EvalReport, rule_classify, score
from crawler.models import LABELS, Classification

Fit = Callable[[list[dict[str, Any]]], ClassifyFn]

MIN_GROUP_ITEMS = 5  # sources with fewer items are pooled as "other"; smaller folds get no min
SPLITS: tuple[str, ...] = ("tune", "heldout", "heldout-a", "heldout-b")
_HALVES = ("heldout", "tune")  # by the parity of the hash's first byte; never reorder
_HELD_QUARTERS = ("heldout-a", "heldout-b")  # by the parity of the second byte; never reorder


def rules_fit(train: list[dict[str, Any]]) -> ClassifyFn:
    """The default fitted stage: nothing is learnt from ``train``; the rules are used as is."""
    return rule_classify


def source_of(item: dict[str, Any]) -> str:
    return str(item.get("source") or "unknown")


def corpus_of(item: dict[str, Any]) -> str:
    return str(item.get("corpus") or "corpus")


@dataclass(frozen=True)
class Fold:
    """One held-out part: the indices of its items and the sources they come from."""

    name: str
    indices: tuple[int, ...]
    sources: tuple[str, ...]


def parse_folds(value: str) -> str | int:
    """``source``, ``corpus`` or a number of folds (at least 2)."""
    if value in ("source", "corpus"):
        return value
    if value.isdigit() and int(value) >= 2:
        return int(value)
    raise EvalError(f"--folds {value!r}: use 'source', 'corpus' or a number of folds (2 or more)")


def assign_folds(items: Sequence[dict[str, Any]], mode: str | int) -> list[Fold]:
    """The held-out parts for ``mode`` (see the module docstring); every item is in one."""
    if isinstance(mode, int):
        return _balanced_folds(items, mode)
    if mode not in ("source", "corpus"):
        raise EvalError(f"unknown fold mode {mode!r}")
    folds = _group_folds(items, corpus_of if mode == "corpus" else source_of)
    if len(folds) < 2:
        raise EvalError(
            f"--folds {mode}: the items come from one {mode} only; nothing is left to fit on"
        )
    return folds


def _group_folds(
    items: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> list[Fold]:
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(key(item), []).append(index)
    return [
        Fold(name, tuple(indices), tuple(sorted({source_of(items[i]) for i in indices})))
        for name, indices in sorted(groups.items())
    ]


def _balanced_folds(items: Sequence[dict[str, Any]], n: int) -> list[Fold]:
    """Whole sources, largest first, each to the fold holding the fewest items so far."""
    sizes = Counter(source_of(item) for item in items)
    if n > len(sizes):
        raise EvalError(
            f"--folds {n}: the items come from only {len(sizes)} sources; "
            f"use at most {len(sizes)} folds or --folds source"
        )
    members: list[list[str]] = [[] for _ in range(n)]
    totals = [0] * n
    for source, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        target = min(range(n), key=lambda k: (totals[k], k))
        members[target].append(source)
        totals[target] += size
    folds = []
    for k, sources in enumerate(members):
        chosen = set(sources)
        indices = tuple(i for i, item in enumerate(items) if source_of(item) in chosen)
        folds.append(Fold(f"fold {k + 1}/{n}", indices, tuple(sorted(sources))))
    return folds


def split_of(source: str) -> str:
    """``tune`` or ``heldout``, fixed per source name (SHA-256, so stable across runs,
    machines and corpus growth)."""
    return _HALVES[hashlib.sha256(source.encode("utf-8")).digest()[0] % 2]


def held_part_of(source: str) -> str | None:
    """``heldout-a`` or ``heldout-b`` for a source of the held-out half, else None."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    if _HALVES[digest[0] % 2] != "heldout":
        return None
    return _HELD_QUARTERS[digest[1] % 2]


def in_split(source: str, split: str) -> bool:
    """Whether ``source`` falls in the part ``split`` (one of ``SPLITS``)."""
    if split in _HELD_QUARTERS:
        return held_part_of(source) == split
    return split_of(source) == split


def select_split(items: Sequence[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    if split not in SPLITS:
        raise EvalError(f"--split {split!r}: use one of {', '.join(SPLITS)}")
    chosen = [item for item in items if in_split(source_of(item), split)]
    if not chosen:
        raise EvalError(f"--split {split}: no item of these corpora falls in that half")
    return chosen


def source_groups(items: Sequence[dict[str, Any]]) -> list[tuple[str, list[int], int]]:
    """(name, item indices, number of sources) for each source with at least
    ``MIN_GROUP_ITEMS`` items, largest first, then every smaller source pooled as "other"."""
    by_source: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_source.setdefault(source_of(item), []).append(index)
    big = sorted(
        ((s, ix) for s, ix in by_source.items() if len(ix) >= MIN_GROUP_ITEMS),
        key=lambda kv: (-len(kv[1]), kv[0]),
    )
    groups = [(source, indices, 1) for source, indices in big]
    small = [ix for ix in by_source.values() if len(ix) < MIN_GROUP_ITEMS]
    if small:
        groups.append(("other", sorted(i for ix in small for i in ix), len(small)))
    return groups


@dataclass
class PartScore:
    """Per-label F1 (all languages) of one fold or one source group."""

    name: str
    items: int
    sources: int
    f1: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "items": self.items, "sources": self.sources, "f1": self.f1}


@dataclass
class FoldReport:
    """Pooled out-of-fold scores, the in-sample scores of ``fit(all items)`` beside them,
    and per-label F1 per fold and per source group."""

    mode: str | int | None
    pooled: EvalReport
    in_sample: EvalReport
    folds: list[PartScore]
    groups: list[PartScore]
    rules_only: bool

    def min_f1(self) -> dict[str, dict[str, Any] | None]:
        """Per label, the lowest F1 over folds of at least ``MIN_GROUP_ITEMS`` items in which
        the label occurs or is predicted (None when no fold qualifies)."""
        out: dict[str, dict[str, Any] | None] = {}
        for label in LABELS:
            scored = [
                (part.f1[label], part.name)
                for part in self.folds
                if part.items >= MIN_GROUP_ITEMS and part.f1[label] is not None
            ]
            low = min(scored, key=lambda fs: (fs[0], fs[1]), default=None)
            out[label] = None if low is None else {"f1": low[0], "fold": low[1]}
        return out

    def to_dict(self, hide_items: bool = False) -> dict[str, Any]:
        """The pooled out-of-fold report (same keys as ``raqib eval`` without folds) plus
        ``folds``: the mode, in-sample F1, per-fold and per-source F1, the lowest fold F1."""
        out = self.pooled.to_dict(hide_items)
        out["folds"] = {
            "mode": self.mode,
            "rules_only": self.rules_only,
            "in_sample": {
                "scores": self.in_sample.f1_table(),
                "facts": self.in_sample.facts_table(),
            },
            "folds": [part.to_dict() for part in self.folds],
            "sources": [part.to_dict() for part in self.groups],
            "min_f1": self.min_f1(),
        }
        return out

    def render(self, hide_items: bool = False) -> str:
        lines = [f"Out-of-fold scores, {self.describe()}:", "", self.pooled.render(hide_items)]
        lines += ["", *self._render_gap(), "", *self._render_parts()]
        return "\n".join(lines)

    def describe(self) -> str:
        n = len(self.folds)
        if self.mode == "source":
            return f"leave one source out ({n} folds)"
        if self.mode == "corpus":
            return f"leave one corpus out ({n} folds)"
        if isinstance(self.mode, int):
            return f"{n} folds grouped by source"
        return f"{n} folds"

    def _render_gap(self) -> list[str]:
        lines = [f"{'label (all languages)':<24}{'in-sample F1':>14}{'out-of-fold F1':>16}"]
        for label in LABELS:
            inside = self.in_sample.label_f1(label)
            outside = self.pooled.label_f1(label)
            lines.append(f"{label:<24}{_cell(inside, 14)}{_cell(outside, 16)}")
        if self.rules_only:
            lines.append(
                "The rules are written by people, not fitted from these items, so with the\n"
                "rules alone out-of-fold equals in-sample; the two differ once a fitted stage\n"
                "is plugged in. With the rules alone, the folds show how the score varies\n"
                "across outlets."
            )
        return lines

    def _render_parts(self) -> list[str]:
        lines = [
            f"F1 per label per source (sources of fewer than {MIN_GROUP_ITEMS} items pooled as "
            "'other';",
            "'-' where the label neither occurs nor is predicted):",
            *_parts_table("source", self.groups),
        ]
        if self.mode != "source":  # the folds are not the sources: show them too
            lines += ["", "F1 per label per fold:", *_parts_table("fold", self.folds)]
        lows = self.min_f1()
        lines += ["", f"Lowest F1 per label over folds of {MIN_GROUP_ITEMS} or more items:"]
        for label, low in lows.items():
            where = "no fold qualifies" if low is None else f"{low['f1']:.3f} ({low['fold']})"
            lines.append(f"  {label:<24}{where}")
        return lines


def _parts_table(title: str, parts: Sequence[PartScore]) -> list[str]:
    widths = [len(label) + 2 for label in LABELS]
    header = (f"{lb:>{w}}" for lb, w in zip(LABELS, widths, strict=True))
    lines = [f"{title:<24}{'items':>6}" + "".join(header)]
    for part in parts:
        name = part.name if part.sources == 1 else f"{part.name} ({part.sources} sources)"
        cells = (_cell(part.f1[lb], w) for lb, w in zip(LABELS, widths, strict=True))
        lines.append(f"{name:<24}{part.items:>6}" + "".join(cells))
    return lines


def _cell(value: float | None, width: int) -> str:
    return f"{'-' if value is None else f'{value:.3f}':>{width}}"


def evaluate_folds(
    items: Sequence[dict[str, Any]],
    folds: Sequence[Fold],
    fit: Fit = rules_fit,
    mode: str | int | None = None,
) -> FoldReport:
    """Fit on all but each fold, classify that fold, and score the pooled predictions.

    Each item must be in exactly one fold. ``fit`` sees only the training part of its fold;
    the in-sample report (``fit`` on every item, scored on every item) is made beside it so
    the gap is measured. ``mode`` (as given to :func:`assign_folds`) only names the folds
    in the report.
    """
    items = list(items)
    predictions = _out_of_fold(items, folds, fit)
    in_sample_fn = fit(list(items))
    in_sample = score(items, [in_sample_fn(item) for item in items])
    return FoldReport(
        mode=mode,
        pooled=score(items, predictions),
        in_sample=in_sample,
        folds=[_part(f.name, f.indices, len(f.sources), items, predictions) for f in folds],
        groups=[_part(n, ix, s, items, predictions) for n, ix, s in source_groups(items)],
        rules_only=fit is rules_fit,
    )


def _out_of_fold(
    items: list[dict[str, Any]], folds: Sequence[Fold], fit: Fit
) -> list[Classification]:
    predictions: list[Classification | None] = [None] * len(items)
    for fold in folds:
        held = set(fold.indices)
        if any(predictions[i] is not None for i in held):
            raise EvalError(f"{fold.name}: an item is held out by two folds")
        classify_fn = fit([item for i, item in enumerate(items) if i not in held])
        for i in fold.indices:
            predictions[i] = classify_fn(items[i])
    missing = [i for i, p in enumerate(predictions) if p is None]
    if missing:
        raise EvalError(f"{len(missing)} items are in no fold")
    return [p for p in predictions if p is not None]


def _part(
    name: str,
    indices: Sequence[int],
    sources: int,
    items: list[dict[str, Any]],
    predictions: list[Classification],
) -> PartScore:
    report = score([items[i] for i in indices], [predictions[i] for i in indices])
    return PartScore(name, len(indices), sources, {lb: report.label_f1(lb) for lb in LABELS})
