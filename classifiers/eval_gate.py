"""Quality floor: fail when a label/language F1 or a fact score drops below the baseline.

python -m classifiers.eval_gate CORPUS.jsonl [--baseline PATH] [--write-baseline]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from classifiers.evaluate import evaluate

DEFAULT_BASELINE = Path(__file__).parent / "eval_baseline.json"
TOLERANCE = 0.001


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifiers.eval_gate")
    parser.add_argument("corpus", type=Path, help="JSONL with id, title, text, lang, labels")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--write-baseline", action="store_true", help="record the current figures")
    args = parser.parse_args(argv)
    try:
        with args.corpus.open(encoding="utf-8") as handle:
            items = [json.loads(line) for line in handle if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read corpus {args.corpus}: {exc}", file=sys.stderr)
        return 2
    report = evaluate(items)
    print(report.render())
    current = report.gate_table()
    if args.write_baseline:
        args.baseline.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        print(f"\nbaseline written to {args.baseline}")
        return 0
    if not args.baseline.exists():
        print(f"\nno baseline at {args.baseline}; run with --write-baseline first", file=sys.stderr)
        return 2
    baseline = json.loads(args.baseline.read_text())
    failures = [
        f"{key}: F1 {current.get(key, 0.0):.4f} < baseline {floor:.4f}"
        for key, floor in sorted(baseline.items())
        if current.get(key, 0.0) < floor - TOLERANCE
    ]
    if failures:
        print("\nQUALITY GATE FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nquality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
