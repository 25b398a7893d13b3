"""Record or compare everything the classifier says about a fixed set of articles.

    python bench/classify_snapshot.py record SNAPSHOT.json [CORPUS.jsonl ...]
    python bench/classify_snapshot.py compare SNAPSHOT.json [CORPUS.jsonl ...]

The articles: every item of each corpus given, every
project sample (``crawler.samples.load_samples``, original and edited text) and the long
articles of ``bench/classify.py`` built from each corpus. For each one the snapshot keeps
labels, scores, probable labels, evidence and facts, so a speed change can be checked to
give the same answers. Keep the snapshot outside the repository: it quotes the corpus.
``compare`` prints every article whose output differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.classify import long_articles  # noqa: E402
from classifiers import classify  # noqa: E402
from crawler.samples import load_samples  # noqa: E402

DEFAULT_CORPORA: tuple[str, ...] = ()


def articles(corpora: list[str]) -> dict[str, dict[str, Any]]:
    """Every article to classify, by a stable name."""
    out: dict[str, dict[str, Any]] = {}
    for corpus in corpora:
        lines = Path(corpus).read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line]
        name = Path(corpus).stem
        for number, item in enumerate(items):
            out[f"{name}:{item.get('id', number)}"] = item
        for min_chars in (2_000, 4_500, 9_000):
            for number, item in enumerate(long_articles(items, min_chars)):
                out[f"{name}:long{min_chars}:{number}"] = item
    for sample in load_samples():
        base = {"title": sample.title, "text": sample.text, "lang": sample.lang,
                "published": sample.published}
        out[f"sample:{sample.stem}"] = base
        out[f"sample:{sample.stem}:nolang"] = {**base, "lang": None}
        if sample.is_edited:
            out[f"sample:{sample.stem}:edited"] = {
                **base,
                "title": sample.edited_title or sample.title,
                "text": sample.edited_text or sample.text,
            }
    return out


def outputs(items: dict[str, dict[str, Any]]) -> dict[str, Any]:
    result = {}
    for name, item in items.items():
        found = classify(item["title"], item["text"], item.get("lang"), item.get("published"))
        result[name] = {
            "labels": list(found.labels),
            "scores": found.scores,
            "probable": list(found.probable),
            "evidence": found.evidence,
            "facts": found.facts,
        }
    return json.loads(json.dumps(result, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/classify_snapshot.py")
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("snapshot")
    parser.add_argument("corpora", nargs="*", default=list(DEFAULT_CORPORA))
    args = parser.parse_args()
    now = outputs(articles(args.corpora))
    path = Path(args.snapshot)
    if args.action == "record":
        path.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"recorded {len(now)} articles in {path}")
        return
    before = json.loads(path.read_text(encoding="utf-8"))
    differ = sorted(n for n in before.keys() | now.keys() if before.get(n) != now.get(n))
    for name in differ:
        old, new = before.get(name) or {}, now.get(name) or {}
        print(f"-- {name}")
        for key in sorted(old.keys() | new.keys()):
            if old.get(key) != new.get(key):
                print(f"   {key}: {old.get(key)!r}\n   {'':>{len(key)}}→ {new.get(key)!r}")
    print(f"{len(now)} articles, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
