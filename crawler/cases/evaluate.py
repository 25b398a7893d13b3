"""How well cases link people, on a labelled set of person links.

    python -m crawler.cases.evaluate [--corpus DIR] [--json]

``person_links.toml`` (beside this module) lists pairs of items naming one person (across
sources and languages), near-miss pairs, and spellings of people a watchlist may hold. The
items are those of the development corpora (``DIR``, default ``../shared/corpus`` from the
working directory or the repository) and the project's samples.

Printed:

* pairwise precision and recall of linking, twice: from the items' gold victims (linking
  alone) and from the victims the classifier extracts (the pipeline end to end). A
  predicted pair is every two mentions of different items put in one case; the labelled
  ``same`` pairs are taken as all the true ones. Each is also given on the pairs of two
  corpus items alone and on the pairs with a sample item (the samples' people are
  invented, so they are no evidence for the targets);
* namesakes: each corpus victim set against the victims of every other corpus item given
  the same name (real contexts, swapped names: two different people of one name), and how
  many of those pairs the scorer would link — the precision the labelled pairs are too few
  to show;
* the watchlist's recall over spelling variants: for each spelling, whether
  ``classifiers.names.mentioned`` finds it in every item naming the person, and how many
  other items it would alert on.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from classifiers.names import NameIndex, mentioned, name_keys, name_within
from crawler.cases.context import mentions_of
from crawler.cases.link import LINK_AT, cluster, score

LINKS = Path(__file__).with_name("person_links.toml")


@dataclass
class Figures:
    predicted: int = 0
    true_positive: int = 0
    labelled: int = 0
    near_misses_linked: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unlabelled_links: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.labelled if self.labelled else 1.0


def load_items(corpus: Path) -> dict[str, dict[str, Any]]:
    """Items by key ("dev:ID", "dev2:ID", "samples:STEM") as stored articles look."""
    from crawler.samples import load_samples

    items: dict[str, dict[str, Any]] = {}
    for name in ("dev", "dev2"):
        path = corpus / f"{name}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                items[f"{name}:{item['id']}"] = {
                    "title": item.get("title") or "", "text": item.get("text") or "",
                    "lang": item.get("lang"), "published": item.get("published"),
                    "labels": item.get("labels") or [], "facts": item.get("facts") or {}}
    for sample in load_samples():
        items[f"samples:{sample.stem}"] = {
            "title": sample.title, "text": sample.text, "lang": sample.lang,
            "published": sample.published, "labels": list(sample.expected_labels),
            "facts": dict(sample.expected_facts)}
    return items


def _extracted(items: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from classifiers import classify

    out = {}
    for key, item in items.items():
        result = classify(item["title"], item["text"], item["lang"], item["published"])
        out[key] = {**item, "labels": list(result.labels), "facts": result.facts}
    return out


def _mention_of(mentions: dict[int, tuple[str, str]], item: str, name: str) -> int | None:
    """The mention of ``item`` whose name is ``name`` or fits it."""
    for mid, (key, written) in mentions.items():
        if key == item and written == name:
            return mid
    for mid, (key, written) in mentions.items():
        if key == item and (name_within(name, written) or name_within(written, name)):
            return mid
    return None


def corpus_pair(a: str, b: str) -> bool:
    """Both items come from the development corpora (no invented sample)."""
    return not a.startswith("samples:") and not b.startswith("samples:")


def sample_pair(a: str, b: str) -> bool:
    return not corpus_pair(a, b)


def link_figures(items: dict[str, dict[str, Any]], links: dict[str, Any],
                 scope: Callable[[str, str], bool] | None = None) -> Figures:
    """Pairwise figures of linking ``items``; with ``scope``, only over the labelled and
    predicted pairs whose two item keys it accepts (people are linked among all items)."""
    def wanted(a: str, b: str) -> bool:
        return scope is None or scope(a, b)

    contexts = {}
    where: dict[int, tuple[str, str]] = {}
    keys = sorted(items)
    for article_id, key in enumerate(keys):
        for found in mentions_of({**items[key], "id": article_id}):
            mid = len(where)
            where[mid] = (key, found.name)
            contexts[mid] = (article_id, found)
    groups, _ = cluster(contexts)
    predicted = set()
    for group in groups:
        ids = sorted(group)
        predicted |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
                      if where[a][0] != where[b][0] and wanted(where[a][0], where[b][0])}
    same = [e for e in links.get("same", []) if wanted(e["a"]["item"], e["b"]["item"])]
    figures = Figures(predicted=len(predicted), labelled=len(same))

    def pair(entry: dict[str, Any]) -> tuple[int, int] | None:
        a = _mention_of(where, entry["a"]["item"], entry["a"]["name"])
        b = _mention_of(where, entry["b"]["item"], entry["b"]["name"])
        return (min(a, b), max(a, b)) if a is not None and b is not None else None

    positives = set()
    for entry in same:
        found = pair(entry)
        label = f"{entry['a']['name']} ({entry['a']['item']}) ~ {entry['b']['name']} " \
                f"({entry['b']['item']})"
        if found is None:
            figures.missed.append(label + ": a name was not extracted")
            continue
        positives.add(found)
        if found in predicted:
            figures.true_positive += 1
        else:
            figures.missed.append(label)
    negatives = {p for entry in links.get("different", []) if (p := pair(entry))}
    for a, b in sorted(predicted - positives):
        label = f"{where[a][1]} ({where[a][0]}) ~ {where[b][1]} ({where[b][0]})"
        if (a, b) in negatives:
            figures.near_misses_linked.append(label)
        else:
            figures.unlabelled_links.append(label)
    return figures


def namesake_figures(items: dict[str, dict[str, Any]], links: dict[str, Any]
                     ) -> tuple[int, list[str]]:
    """How often the scorer would join two different people of one name: each corpus
    victim against the victims of every other corpus item renamed to them (the other
    item's story with this name: town, age, dates, occupation, events). Pairs labelled
    ``same`` are left out. (pairs scored, the pairs linked)."""
    same = {frozenset((e["a"]["item"], e["b"]["item"])) for e in links.get("same", [])}
    people = [(key, m) for key in sorted(items) if corpus_pair(key, key)
              for m in mentions_of({**items[key], "id": 0})]
    tried, linked = 0, []
    for key, person in people:
        for other_key, other in people:
            if other_key == key or frozenset((key, other_key)) in same:
                continue
            namesake = replace(other, name=person.name, keys=name_keys(person.name))
            tried += 1
            found = score(person, namesake)
            if found is not None and found.score >= LINK_AT:
                linked.append(f"{person.name} ({key}) ~ the victim {other.name} of "
                              f"{other_key}: {', '.join(found.reasons)}")
    return tried, linked


def watch_figures(items: dict[str, dict[str, Any]], links: dict[str, Any]
                  ) -> tuple[int, int, list[str], int]:
    """(found, tried, misses, other items alerted) over every spelling and item."""
    found = tried = others = 0
    misses = []
    texts = {key: f"{item['title']}\n{item['text']}" for key, item in items.items()}
    for entry in links.get("variants", []):
        for spelling in [entry["name"], *entry["spellings"]]:
            wanted = NameIndex.of({0: spelling})
            for item in entry["items"]:
                if item not in texts:
                    continue
                tried += 1
                if mentioned(texts[item], wanted):
                    found += 1
                else:
                    misses.append(f"{spelling} in {item}")
            others += sum(1 for key, text in texts.items()
                          if key not in entry["items"] and mentioned(text, wanted))
    return found, tried, misses, others


def _corpus_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return Path("../shared/corpus")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Person-link precision and recall.")
    parser.add_argument("--corpus", help="folder of dev.jsonl and dev2.jsonl")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    corpus = _corpus_dir(args.corpus)
    if not (corpus / "dev.jsonl").exists():
        print(f"error: no dev.jsonl in {corpus}; give the corpus folder with --corpus",
              file=sys.stderr)
        return 2
    links = tomllib.loads(LINKS.read_text(encoding="utf-8"))
    items = load_items(corpus)
    extracted_items = _extracted(items)
    gold = link_figures(items, links)
    extracted = link_figures(extracted_items, links)
    split = {f"{source}_{scope_name}": _figures(link_figures(its, links, scope))
             for source, its in (("gold", items), ("extracted", extracted_items))
             for scope_name, scope in (("corpus_pairs", corpus_pair),
                                       ("sample_pairs", sample_pair))}
    found, tried, misses, others = watch_figures(items, links)
    namesakes, namesakes_linked = namesake_figures(items, links)
    report = {
        "items": len(items),
        "labelled_same": len(links.get("same", [])),
        "labelled_near_misses": len(links.get("different", [])),
        "gold_victims": _figures(gold),
        "extracted_victims": _figures(extracted),
        "by_origin": split,
        "namesakes": {"scored": namesakes, "linked": len(namesakes_linked),
                      "pairs": namesakes_linked},
        "watchlist": {"recall": round(found / tried, 3) if tried else None, "found": found,
                      "tried": tried, "misses": misses, "other_items_alerted": others},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(items)} items; {report['labelled_same']} labelled same-person pairs, "
          f"{report['labelled_near_misses']} near misses")
    for title, figures in (("gold victims", gold), ("extracted victims", extracted)):
        print(f"linking from {title}: precision {figures.precision:.3f} "
              f"({figures.true_positive}/{figures.predicted}), recall {figures.recall:.3f} "
              f"({figures.true_positive}/{figures.labelled})")
        for label in figures.missed:
            print(f"  missed: {label}")
        for label in figures.near_misses_linked:
            print(f"  near miss linked: {label}")
        for label in figures.unlabelled_links:
            print(f"  linked, not labelled same: {label}")
        source = title.split()[0]
        for scope_name, what in (("corpus_pairs", "corpus pairs (dev, dev2)"),
                                 ("sample_pairs", "pairs with a sample item")):
            part = split[f"{source}_{scope_name}"]
            precision = f"{part['precision']:.3f}" if part["predicted"] else "n/a"
            print(f"  on {what}: precision {precision} "
                  f"({part['true_positive']}/{part['predicted']}), recall "
                  f"{part['recall']:.3f} ({part['true_positive']}/{part['labelled']})")
    print(f"namesakes (each corpus victim's name given to every other corpus item's "
          f"victims, from gold victims): {len(namesakes_linked)} of {namesakes} linked")
    for label in namesakes_linked[:10]:
        print(f"  {label}")
    print(f"watchlist recall over spellings: {found}/{tried} = "
          f"{report['watchlist']['recall']}; other items alerted: {others}")
    for miss in misses:
        print(f"  not found: {miss}")
    return 0


def _figures(figures: Figures) -> dict[str, Any]:
    return {"precision": round(figures.precision, 3), "recall": round(figures.recall, 3),
            "true_positive": figures.true_positive, "predicted": figures.predicted,
            "labelled": figures.labelled, "missed": figures.missed,
            "near_misses_linked": figures.near_misses_linked,
            "unlabelled_links": figures.unlabelled_links}


if __name__ == "__main__":
    sys.exit(main())
